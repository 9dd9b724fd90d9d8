/*
 * The reports of docs/reports.md on tests/data/handworked.json, a small trust whose
 * every figure was worked out by hand (reasoning in the comments) as of
 * D = 2025-03-31.
 *
 *   S01 REC TEAM1; CCE 2024-02-29 + 12 months = 2025-02-28 (leap day clamps): expired.
 *       Overdue since max(grace 2024-01-01 + 90 = 2024-03-31, 2025-02-28) = 2025-02-28.
 *   S02 REC TEAM1 to 2024-12-31, BOOK TEAM2 from 2025-01-01: no gap, so P = 2024-06-01 and
 *       g = REC's 90 (the role active on P) -> grace 2024-08-30; no cc: overdue since then.
 *       ers (BOOK only): P = 2025-01-01, g = 120 -> grace 2025-05-01 > D: not-due.
 *   S03 the same with a one-day gap (REC ends 2024-12-30): P = 2025-01-01, g = BOOK's 30
 *       -> overdue since 2025-01-31; ers not-due, grace 2025-05-01.
 *   S04 leaves on D (still employed): CCW 2023-03-01 + 36 = 2026-03-01, compliant.
 *   S05 left the day before D: no pair.
 *   S06 exemption starting on D, S07 exemption ending on D: exempt.
 *   S08 CCE 2024-03-31 expires on D (valid needs D < expires_on): overdue since 2025-03-31.
 *   S09 REC from 2024-12-31: grace end 2025-03-31 = D, not before it: overdue since D.
 *   S10 CCE (to 2025-06-15) and CCW (to 2026-05-01) both valid: expires_on the later;
 *       a failed attempt changes nothing.
 *   S11 expires 2025-04-30, 30 days after D: expiring. S12 2025-05-01, 31 days: not.
 *   S13 BOOK: cc by CCW 2022-05-01 -> 2025-05-01; ers by a module that never expires.
 *   S15 analyst (not patient-facing), ig valid. S16 REC in TEAM1 and TEAM2 at once.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

static care_dataset *ds;

static int setup(void **state)
{
	care_issues *issues = NULL;
	int rc = care_dataset_load_file(&ds, &issues, "tests/data/handworked.json", NULL);

	(void)state;
	if (rc != 0 || care_issues_count(issues) != 0)
		return -1;
	care_issues_free(issues);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	care_dataset_free(ds);
	return 0;
}

static care_report_options as_of_d(void)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;

	o.as_of = D("2025-03-31");
	return o;
}

static void expect_status(const char *staff, const char *competency, care_status status,
                          const char *expires, const char *grace, const char *since, int expiring)
{
	care_status_info si;

	assert_int_equal(care_status_get(&si, ds, staff, competency, D("2025-03-31"), 30), 0);
	if (si.status != status)
		fail_msg("%s %s: status %s, expected %s", staff, competency,
		         care_status_name(si.status), care_status_name(status));
	assert_int_equal(si.expires_on, expires ? D(expires) : CARE_DATE_NONE);
	if (grace)
		assert_int_equal(si.grace_end, D(grace));
	assert_int_equal(si.overdue_since, since ? D(since) : CARE_DATE_NONE);
	assert_int_equal(si.expiring, expiring);
}

static void statuses_worked_by_hand(void **state)
{
	(void)state;
	expect_status("S01", "cc", CARE_STATUS_OVERDUE, NULL, "2024-03-31", "2025-02-28", 0);
	expect_status("S02", "cc", CARE_STATUS_OVERDUE, NULL, "2024-08-30", "2024-08-30", 0);
	expect_status("S02", "ers", CARE_STATUS_NOT_DUE, NULL, "2025-05-01", NULL, 0);
	expect_status("S03", "cc", CARE_STATUS_OVERDUE, NULL, "2025-01-31", "2025-01-31", 0);
	expect_status("S04", "cc", CARE_STATUS_COMPLIANT, "2026-03-01", NULL, NULL, 0);
	expect_status("S05", "cc", CARE_STATUS_NOT_REQUIRED, NULL, NULL, NULL, 0);
	expect_status("S06", "cc", CARE_STATUS_EXEMPT, NULL, NULL, NULL, 0);
	expect_status("S07", "cc", CARE_STATUS_EXEMPT, NULL, NULL, NULL, 0);
	expect_status("S08", "cc", CARE_STATUS_OVERDUE, NULL, "2023-04-01", "2025-03-31", 0);
	expect_status("S09", "cc", CARE_STATUS_OVERDUE, NULL, "2025-03-31", "2025-03-31", 0);
	expect_status("S10", "cc", CARE_STATUS_COMPLIANT, "2026-05-01", NULL, NULL, 0);
	expect_status("S11", "cc", CARE_STATUS_COMPLIANT, "2025-04-30", NULL, NULL, 1);
	expect_status("S12", "cc", CARE_STATUS_COMPLIANT, "2025-05-01", NULL, NULL, 0);
	expect_status("S13", "ers", CARE_STATUS_COMPLIANT, NULL, NULL, NULL, 0);
	expect_status("S15", "cc", CARE_STATUS_NOT_REQUIRED, NULL, NULL, NULL, 0);
	expect_status("S16", "cc", CARE_STATUS_COMPLIANT, "2027-02-01", NULL, NULL, 0);
}

static void status_errors(void **state)
{
	care_status_info si;

	(void)state;
	assert_int_equal(care_status_get(&si, ds, "NOBODY", "cc", D("2025-03-31"), 30),
	                 CARE_ENOTFOUND);
	assert_int_equal(care_status_get(&si, ds, "S01", "no-such-competency", D("2025-03-31"), 30),
	                 0);
	assert_int_equal(si.status, CARE_STATUS_NOT_REQUIRED);
	assert_int_equal(care_status_get(NULL, ds, "S01", "cc", D("2025-03-31"), 30), CARE_EINVAL);
}

static const care_compliance_row *row_of(const care_compliance_group *g, const char *c)
{
	size_t i;

	for (i = 0; i < g->row_count; i++)
		if (strcmp(g->rows[i].competency, c) == 0)
			return &g->rows[i];
	return NULL;
}

static void expect_row(const care_compliance_row *r, int64_t required, int64_t compliant,
                       int64_t expiring, int64_t not_due, int64_t overdue, int64_t exempt)
{
	assert_non_null(r);
	assert_int_equal(r->required, required);
	assert_int_equal(r->compliant, compliant);
	assert_int_equal(r->expiring, expiring);
	assert_int_equal(r->not_due, not_due);
	assert_int_equal(r->overdue, overdue);
	assert_int_equal(r->exempt, exempt);
	if (required > 0 && compliant >= 0)
		assert_true(fabs(r->rate - (double)compliant / (double)required) < 1e-12);
	else
		assert_true(isnan(r->rate));
}

static void compliance_by_unit_rolls_up(void **state)
{
	care_report_options o = as_of_d();
	care_report *r = NULL;
	const care_compliance_group *g;
	static const char *const keys[] = {"DEPT", "DIR", "OTHER", "TEAM1", "TEAM2"};
	size_t i;

	(void)state;
	o.group_by = CARE_GROUP_UNIT;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), 0);
	/* Groups in byte order of key; each directorate row holds its teams. */
	assert_int_equal(care_report_group_count(r), 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(care_report_group(r, i)->key, keys[i]);
	g = care_report_group(r, 0); /* DEPT: TEAM1 and TEAM2, S16 once */
	assert_string_equal(g->label, "Department");
	expect_row(row_of(g, "cc"), 11, 6, 1, 0, 5, 1);
	expect_row(row_of(g, "ers"), 3, 1, 0, 2, 0, 0);
	expect_row(row_of(g, "ig"), 1, 1, 0, 0, 0, 0);
	assert_int_equal(g->staff_required, 12);
	assert_int_equal(g->staff_compliant, 7);
	expect_row(row_of(care_report_group(r, 1), "cc"), 11, 6, 1, 0, 5, 1);
	g = care_report_group(r, 2); /* OTHER: only an exempt pair, so the rate is null */
	assert_int_equal(g->row_count, 1);
	expect_row(row_of(g, "cc"), 0, 0, 0, 0, 0, 1);
	assert_true(isnan(g->staff_rate));
	g = care_report_group(r, 3);
	expect_row(row_of(g, "cc"), 6, 4, 1, 0, 2, 0);
	assert_null(row_of(g, "ers"));
	assert_int_equal(g->staff_required, 6);
	assert_int_equal(g->staff_compliant, 4);
	g = care_report_group(r, 4);
	expect_row(row_of(g, "cc"), 6, 3, 0, 0, 3, 1);
	assert_int_equal(g->staff_required, 6);
	assert_int_equal(g->staff_compliant, 3);
	g = care_report_totals(r);
	expect_row(row_of(g, "cc"), 11, 6, 1, 0, 5, 2);
	assert_int_equal(g->staff_required, 12);
	assert_int_equal(g->staff_compliant, 7);
	assert_true(fabs(g->staff_rate - 7.0 / 12.0) < 1e-12);
	care_report_free(r);
}

static void filters_cut_the_population(void **state)
{
	care_report_options o = as_of_d();
	care_report *r = NULL;

	(void)state;
	/* A unit filter keeps its subtree and stops the roll-up at itself. */
	o.group_by = CARE_GROUP_UNIT;
	o.unit = "TEAM2";
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), 0);
	assert_int_equal(care_report_group_count(r), 1);
	assert_string_equal(care_report_group(r, 0)->key, "TEAM2");
	expect_row(row_of(care_report_totals(r), "cc"), 6, 3, 0, 0, 3, 1);
	care_report_free(r);
	/* Patient-facing roles only: the analyst's ig pair goes. */
	o.unit = NULL;
	o.group_by = CARE_GROUP_NONE;
	o.patient_facing = 1;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), 0);
	assert_null(row_of(care_report_totals(r), "ig"));
	assert_int_equal(care_report_totals(r)->staff_required, 11);
	care_report_free(r);
	/* By role: S02 and S03 count under BOOK (their active role), not REC. */
	o.patient_facing = 0;
	o.group_by = CARE_GROUP_ROLE;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), 0);
	assert_int_equal(care_report_group_count(r), 3);
	assert_string_equal(care_report_group(r, 1)->key, "BOOK");
	expect_row(row_of(care_report_group(r, 1), "cc"), 3, 1, 0, 0, 2, 0);
	care_report_free(r);
	o.group_by = CARE_GROUP_NONE;
	o.role = "NOPE";
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), CARE_ENOTFOUND);
	assert_null(r);
}

static void small_numbers_are_suppressed(void **state)
{
	care_report_options o = as_of_d();
	care_report *r = NULL;
	const care_compliance_row *row;
	char *json = NULL;

	(void)state;
	o.group_by = CARE_GROUP_UNIT;
	o.min_cell = 5;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), 0);
	row = row_of(care_report_group(r, 3), "cc"); /* TEAM1: 6, 4, 1, 0, 2, 0 */
	assert_int_equal(row->required, 6);
	assert_int_equal(row->compliant, CARE_SUPPRESSED);
	assert_int_equal(row->expiring, CARE_SUPPRESSED);
	assert_int_equal(row->not_due, 0);
	assert_int_equal(row->overdue, CARE_SUPPRESSED);
	assert_true(isnan(row->rate));
	assert_int_equal(care_report_to_json(&json, r), 0);
	assert_non_null(strstr(json,
	                       "{\"competency\":\"cc\",\"required\":6,\"compliant\":null,"
	                       "\"expiring\":null,\"not_due\":0,\"overdue\":null,\"exempt\":0,"
	                       "\"rate\":null}"));
	assert_non_null(strstr(json, "\"min_cell\":5"));
	care_free(json);
	care_report_free(r);
}

static void trend_points_at_month_ends(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	(void)state;
	o.from = D("2025-01-15");
	o.to = D("2025-03-31");
	assert_int_equal(care_report_new(&r, CARE_REPORT_TREND, ds, &o), 0);
	assert_int_equal(care_report_group_count(r), 3);
	assert_int_equal(care_report_group(r, 0)->as_of, D("2025-01-31"));
	assert_int_equal(care_report_group(r, 1)->as_of, D("2025-02-28"));
	assert_int_equal(care_report_group(r, 2)->as_of, D("2025-03-31"));
	/* The last point is the compliance totals as of that day. */
	expect_row(row_of(care_report_group(r, 2), "cc"), 11, 6, 1, 0, 5, 2);
	/* On 2025-02-28 S01's completion expires that very day: overdue. S08's
	 * is still valid, S09 is not due (grace ends 2025-03-31), S06 not yet
	 * exempt, S04 and S05 both employed. */
	{
		care_status_info si;
		assert_int_equal(care_status_get(&si, ds, "S01", "cc", D("2025-02-28"), 30), 0);
		assert_int_equal(si.status, CARE_STATUS_OVERDUE);
	}
	care_report_free(r);
	o.from = D("2025-04-01");
	assert_int_equal(care_report_new(&r, CARE_REPORT_TREND, ds, &o), CARE_EINVAL);
}

static void staff_list_in_order(void **state)
{
	care_report_options o = as_of_d();
	care_report *r = NULL;
	const care_staff_row *row;

	(void)state;
	assert_int_equal(care_report_new(&r, CARE_REPORT_STAFF, ds, &o), 0);
	assert_int_equal(care_report_row_count(r), 17);
	row = care_report_staff_row(r, 0);
	assert_string_equal(row->staff, "S01");
	row = care_report_staff_row(r, 2);
	assert_string_equal(row->staff, "S02");
	assert_string_equal(row->competency, "ers");
	assert_int_equal(row->status, CARE_STATUS_NOT_DUE);
	assert_int_equal(row->grace_end, D("2025-05-01"));
	row = care_report_staff_row(r, 16);
	assert_string_equal(row->staff, "S16");
	assert_int_equal(row->unit_count, 2);
	assert_string_equal(row->units[0], "TEAM1");
	assert_string_equal(row->units[1], "TEAM2");
	assert_int_equal(row->role_count, 1);
	care_report_free(r);
	o.status = CARE_STATUS_OVERDUE;
	assert_int_equal(care_report_new(&r, CARE_REPORT_STAFF, ds, &o), 0);
	assert_int_equal(care_report_row_count(r), 5);
	care_report_free(r);
}

static void forecast_and_cost(void **state)
{
	care_report_options o = as_of_d();
	care_report *r = NULL;
	const care_forecast_row *row;

	(void)state;
	o.target = D("2025-12-31");
	o.target_percent = 95;
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &o), 0);
	assert_int_equal(care_report_row_count(r), 3);
	/* cc: S04, S10 and S16 hold a completion valid on T; ceil(0.95 x 11) = 11. */
	row = care_report_forecast_row(r, 0);
	assert_string_equal(row->competency, "cc");
	assert_int_equal(row->required, 11);
	assert_int_equal(row->projected_compliant, 3);
	assert_int_equal(row->places, 8);
	assert_int_equal(row->places_for_target, 8);
	assert_int_equal(row->unit_cost_pence, 4500);
	assert_int_equal(row->cost_pence, 36000);
	row = care_report_forecast_row(r, 1); /* ers: ceil(2.85) = 3, less 1 */
	assert_int_equal(row->places_for_target, 2);
	assert_int_equal(row->cost_pence, 2000);
	row = care_report_forecast_row(r, 2); /* ig: no module has a cost */
	assert_int_equal(row->unit_cost_pence, CARE_NONE);
	assert_int_equal(row->cost_pence, CARE_NONE);
	assert_int_equal(care_report_total_cost_pence(r), 38000);
	care_report_free(r);
	o.target = o.as_of;
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &o), CARE_EINVAL);
}

/* Two datasets over disjoint staff: merged reports equal the report of the union. */
static void reports_merge(void **state)
{
	static const char *const head =
	    "{\"format\":\"libcare-dataset\",\"version\":1,"
	    "\"units\":[{\"id\":\"U\",\"name\":\"U\"}],"
	    "\"roles\":[{\"id\":\"R\",\"title\":\"R\",\"staff_group\":\"admin-clerical\","
	    "\"patient_facing\":true,\"clinical\":false,\"requirements\":[{\"competency\":\"cc\","
	    "\"due_within_days\":30}]}],"
	    "\"modules\":[{\"id\":\"M\",\"title\":\"M\",\"competency\":\"cc\",\"validity_months\":"
	    "12,"
	    "\"delivery\":\"workshop\",\"cost_pence\":100}],";
	static const char *const a = "\"staff\":[{\"id\":\"A\",\"started_on\":\"2024-01-01\","
	                             "\"assignments\":[{\"role\":\"R\",\"unit\":\"U\",\"from\":"
	                             "\"2024-01-01\"}]}],\"completions\":[{\"id\":\"CA\",\"staff\":"
	                             "\"A\",\"module\":\"M\",\"completed_on\":\"2025-01-01\","
	                             "\"outcome\":\"completed\"}]}";
	static const char *const b = "\"staff\":[{\"id\":\"B\",\"started_on\":\"2024-01-01\","
	                             "\"assignments\":[{\"role\":\"R\",\"unit\":\"U\",\"from\":"
	                             "\"2024-01-01\"}]}]}";
	static const char *const both =
	    "\"staff\":[{\"id\":\"A\",\"started_on\":\"2024-01-01\",\"assignments\":[{\"role\":"
	    "\"R\",\"unit\":\"U\",\"from\":\"2024-01-01\"}]},{\"id\":\"B\",\"started_on\":"
	    "\"2024-01-01\",\"assignments\":[{\"role\":\"R\",\"unit\":\"U\",\"from\":\"2024-01-"
	    "01\"}]}],"
	    "\"completions\":[{\"id\":\"CA\",\"staff\":\"A\",\"module\":\"M\",\"completed_on\":"
	    "\"2025-01-01\",\"outcome\":\"completed\"}]}";
	const char *parts[3] = {a, b, both};
	care_dataset *sets[3];
	char text[2048];
	int kind, i;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof text, "%s%s", head, parts[i]);
		assert_int_equal(care_dataset_load_buffer(&sets[i], NULL, text, strlen(text), NULL),
		                 0);
	}
	for (kind = CARE_REPORT_COMPLIANCE; kind <= CARE_REPORT_FORECAST; kind++) {
		care_report_options o = CARE_REPORT_OPTIONS_INIT;
		care_report *r[3];
		char *merged = NULL, *whole = NULL;
		o.as_of = D("2025-03-31");
		o.from = D("2025-01-01");
		o.to = D("2025-03-31");
		o.target = D("2025-12-31");
		o.competency = "cc";
		o.group_by = kind == CARE_REPORT_COMPLIANCE ? CARE_GROUP_UNIT : CARE_GROUP_NONE;
		for (i = 0; i < 3; i++)
			assert_int_equal(
			    care_report_new(&r[i], (care_report_kind)kind, sets[i], &o), 0);
		assert_int_equal(care_report_merge(r[0], r[1]), 0);
		assert_int_equal(care_report_to_json(&merged, r[0]), 0);
		assert_int_equal(care_report_to_json(&whole, r[2]), 0);
		assert_string_equal(merged, whole);
		care_free(merged);
		care_free(whole);
		for (i = 0; i < 3; i++)
			care_report_free(r[i]);
	}
	for (i = 0; i < 3; i++)
		care_dataset_free(sets[i]);
}

static void csv_forms(void **state)
{
	care_report_options o = as_of_d();
	care_report *r = NULL;
	char *csv = NULL;

	(void)state;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), 0);
	assert_int_equal(care_report_to_csv(&csv, r), 0);
	assert_non_null(
	    strstr(csv, "group,label,competency,required,compliant,expiring,not_due,"
	                "overdue,exempt,rate,staff_required,staff_compliant,staff_rate\r\n"));
	assert_non_null(strstr(csv, "\"\",\"Total\",\"cc\",11,6,1,0,5,2,"));
	care_free(csv);
	care_report_free(r);
	o.from = o.to = o.as_of;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLAINTS, ds, &o), 0);
	assert_int_equal(care_report_to_csv(&csv, r), CARE_EINVAL);
	care_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(statuses_worked_by_hand),
	    cmocka_unit_test(status_errors),
	    cmocka_unit_test(compliance_by_unit_rolls_up),
	    cmocka_unit_test(filters_cut_the_population),
	    cmocka_unit_test(small_numbers_are_suppressed),
	    cmocka_unit_test(trend_points_at_month_ends),
	    cmocka_unit_test(staff_list_in_order),
	    cmocka_unit_test(forecast_and_cost),
	    cmocka_unit_test(reports_merge),
	    cmocka_unit_test(csv_forms),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
