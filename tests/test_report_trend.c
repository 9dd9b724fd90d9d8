/*
 * The trend (docs/reports.md#trend) through the public API: the compliance figures at each
 * month end of a period, filtered and suppressed, and merged (the national scale
 * (README.md#speed)). The units, roles and modules are those of report_fixture.h, with staff of
 * their own. Every expected number is worked out by hand from the definitions in docs/ alone,
 * with the reasoning beside it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "care.h"
#include "compliance_checks.h"
#include "helpers.h"
#include "report_fixture.h"

/*
 * T1 REC@TA1 since 2024-01-01 (CC grace end 2024-03-31, IG 2024-01-31):
 *    CC-EL 2024-02-29 -> expires 2025-02-28; IG-EL 2024-12-15 -> 2025-12-15;
 *    CC-WS 2025-04-10 -> 2027-04-10.
 * T2 REC@TA1 from 2025-02-01: CC grace end 2025-02-01 + 90 = 2025-05-02, IG
 *    2025-02-01 + 30 = 2025-03-03; IG-EL 2025-03-20 -> 2026-03-20.
 * T3 REC@TA2 since 2024-01-01, left_on 2025-03-15: IG-EL 2024-05-01 ->
 *    2025-05-01; never CC.
 */
static const char TREND_A[] = "{'id':'T1','started_on':'2024-01-01',"
                              "'assignments':[{'role':'REC','unit':'TA1','from':'2024-01-01'}]},"
                              "{'id':'T2','started_on':'2025-02-01',"
                              "'assignments':[{'role':'REC','unit':'TA1','from':'2025-02-01'}]}";
static const char TREND_A_COMPLETIONS[] =
    "{'staff':'T1','module':'CC-EL','completed_on':'2024-02-29','outcome':'passed'},"
    "{'staff':'T1','module':'IG-EL','completed_on':'2024-12-15','outcome':'passed'},"
    "{'staff':'T1','module':'CC-WS','completed_on':'2025-04-10','outcome':'completed'},"
    "{'staff':'T2','module':'IG-EL','completed_on':'2025-03-20','outcome':'passed'}";
static const char TREND_B[] = "{'id':'T3','started_on':'2024-01-01','left_on':'2025-03-15',"
                              "'assignments':[{'role':'REC','unit':'TA2','from':'2024-01-01'}]}";
static const char TREND_B_COMPLETIONS[] =
    "{'staff':'T3','module':'IG-EL','completed_on':'2024-05-01','outcome':'passed'}";

/*
 * From 2025-01-15 to 2025-04-30: the month ends 01-31, 02-28, 03-31, 04-30.
 * 01-31: T1 CC c (expires 02-28, 28 days: expiring), T1 IG c; T3 CC o, T3 IG
 *        c (90 days left); T2 not yet employed.
 *        CC 2 1 1 0 1 0 rate 1/2; IG 2 2 0 0 0 0 rate 1; staff 2, 1 (T1).
 * 02-28: T1 CC expired on D: o; T1 IG c; T2 CC n, IG n (02-28 < 03-03); T3
 *        CC o, IG c (62 days).
 *        CC 3 0 0 1 2 0 rate 0; IG 3 2 0 1 0 0 rate 2/3; staff 3, 0.
 * 03-31: T3 has left. T1 CC o, IG c; T2 CC n, IG c (done 03-20).
 *        CC 2 0 0 1 1 0 rate 0; IG 2 2 0 0 0 0 rate 1; staff 2, 0.
 * 04-30: T1 CC c (CC-WS, 2027), IG c; T2 CC n (04-30 < 05-02), IG c.
 *        CC 2 1 0 1 0 0 rate 1/2; IG 2 2 rate 1; staff 2, 1 (T1).
 */
static void trend_points(expect_group points[4])
{
	const expect_group p[4] = {
	    {NULL,
	     NULL,
	     2,
	     {{"CC", 2, 1, 1, 0, 1, 0, 1.0 / 2}, {"IG", 2, 2, 0, 0, 0, 0, 1.0}},
	     2,
	     1,
	     1.0 / 2},
	    {NULL,
	     NULL,
	     2,
	     {{"CC", 3, 0, 0, 1, 2, 0, 0.0}, {"IG", 3, 2, 0, 1, 0, 0, 2.0 / 3}},
	     3,
	     0,
	     0.0},
	    {NULL,
	     NULL,
	     2,
	     {{"CC", 2, 0, 0, 1, 1, 0, 0.0}, {"IG", 2, 2, 0, 0, 0, 0, 1.0}},
	     2,
	     0,
	     0.0},
	    {NULL,
	     NULL,
	     2,
	     {{"CC", 2, 1, 0, 1, 0, 0, 1.0 / 2}, {"IG", 2, 2, 0, 0, 0, 0, 1.0}},
	     2,
	     1,
	     1.0 / 2},
	};
	memcpy(points, p, sizeof p);
}

static care_dataset *load_trend(void)
{
	return load(HEAD, "'staff':[", TREND_A, ",", TREND_B, "],'completions':[",
	            TREND_A_COMPLETIONS, ",", TREND_B_COMPLETIONS, "]}", END);
}

/* ------------------------------------------------------------------------- */
/* Trend                                                                    */

static void trend_at_each_month_end(void **state)
{
	static const char *const ends[] = {"2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"};
	care_dataset *ds = load_trend();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const cJSON *points;
	expect_group expected[4];
	size_t i;

	(void)state;
	trend_points(expected);
	opts.from = D("2025-01-15");
	opts.to = D("2025-04-30");
	r = report(CARE_REPORT_TREND, ds, &opts);
	json = to_json(r);
	json_string(json, "report", "trend");
	json_string(json, "from", "2025-01-15");
	json_string(json, "to", "2025-04-30");
	check_filters(json, NULL, NULL, NULL, 0);
	points = field(json, "points");
	assert_true(cJSON_IsArray(points));
	assert_int_equal(care_report_group_count(r), 4);
	assert_int_equal(cJSON_GetArraySize(points), 4);
	for (i = 0; i < 4; i++) {
		const care_compliance_group *g = care_report_group(r, i);
		const cJSON *jp = cJSON_GetArrayItem(points, (int)i);

		assert_non_null(g);
		assert_int_equal(g->as_of, D(ends[i]));
		json_string(jp, "as_of", ends[i]);
		check_group(g, jp, &expected[i]);
	}
	cJSON_Delete(json);
	care_report_free(r);

	/* to = 2025-04-29: the April month end lies after it, three points. */
	opts.to = D("2025-04-29");
	r = report(CARE_REPORT_TREND, ds, &opts);
	assert_int_equal(care_report_group_count(r), 3);
	assert_int_equal(care_report_group(r, 2)->as_of, D("2025-03-31"));
	care_report_free(r);

	/* A leap February: from 2024-02-01 to 2024-03-31, the ends 2024-02-29
	 * and 2024-03-31. */
	opts.from = D("2024-02-01");
	opts.to = D("2024-03-31");
	r = report(CARE_REPORT_TREND, ds, &opts);
	assert_int_equal(care_report_group_count(r), 2);
	assert_int_equal(care_report_group(r, 0)->as_of, D("2024-02-29"));
	assert_int_equal(care_report_group(r, 1)->as_of, D("2024-03-31"));
	care_report_free(r);

	/* from = to = a month end: one point, that day. */
	opts.from = D("2025-02-28");
	opts.to = D("2025-02-28");
	r = report(CARE_REPORT_TREND, ds, &opts);
	json = to_json(r);
	assert_int_equal(care_report_group_count(r), 1);
	check_group(care_report_group(r, 0), cJSON_GetArrayItem(field(json, "points"), 0),
	            &expected[1]);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * The same trend for unit TA2: T3 only. 01-31 and 02-28: CC overdue, IG
 * compliant (not expiring: 90 and 62 days left). 03-31 and 04-30: T3 has
 * left, so the point has no pairs: no rows, staff 0 and 0, rate null.
 * With min_cell 2 (no filter), 01-31: CC compliant 1, expiring 1 and
 * overdue 1 become null and so does its rate; IG's 2 and 2 stand; staff
 * compliant 1 becomes null, so its rate is null.
 */
static void trend_with_filter_and_min_cell(void **state)
{
	care_dataset *ds = load_trend();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group with_t3 = {
	    NULL, NULL, 2,  {{"CC", 1, 0, 0, 0, 1, 0, 0.0}, {"IG", 1, 1, 0, 0, 0, 0, 1.0}},
	    1,    0,    0.0};
	const expect_group empty = {NULL, NULL, 0, {{NULL, 0, 0, 0, 0, 0, 0, 0.0}}, 0, 0, NORATE};
	const expect_group suppressed = {
	    NULL,  NULL,
	    2,     {{"CC", 2, NUL, NUL, 0, NUL, 0, NORATE}, {"IG", 2, 2, 0, 0, 0, 0, 1.0}},
	    2,     NUL,
	    NORATE};
	const cJSON *points;

	(void)state;
	opts.from = D("2025-01-15");
	opts.to = D("2025-04-30");
	opts.unit = "TA2";
	r = report(CARE_REPORT_TREND, ds, &opts);
	assert_null(care_report_totals(r));
	json = to_json(r);
	check_filters(json, "TA2", NULL, NULL, 0);
	points = field(json, "points");
	assert_int_equal(care_report_group_count(r), 4);
	check_group(care_report_group(r, 0), cJSON_GetArrayItem(points, 0), &with_t3);
	check_group(care_report_group(r, 1), cJSON_GetArrayItem(points, 1), &with_t3);
	check_group(care_report_group(r, 2), cJSON_GetArrayItem(points, 2), &empty);
	check_group(care_report_group(r, 3), cJSON_GetArrayItem(points, 3), &empty);
	json_string(cJSON_GetArrayItem(points, 3), "as_of", "2025-04-30");
	cJSON_Delete(json);
	care_report_free(r);

	opts.unit = NULL;
	opts.min_cell = 2;
	r = report(CARE_REPORT_TREND, ds, &opts);
	json = to_json(r);
	check_group(care_report_group(r, 0), cJSON_GetArrayItem(field(json, "points"), 0),
	            &suppressed);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/* ------------------------------------------------------------------------- */
/* Merging (the national scale (README.md#speed)) */

static void merged_trend_equals_the_union(void **state)
{
	care_dataset *a =
	    load(HEAD, "'staff':[", TREND_A, "],'completions':[", TREND_A_COMPLETIONS, "]}", END);
	care_dataset *b =
	    load(HEAD, "'staff':[", TREND_B, "],'completions':[", TREND_B_COMPLETIONS, "]}", END);
	care_dataset *both = load_trend();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *ra, *rb, *ru;
	expect_group expected[4];
	cJSON *json;
	size_t i;

	(void)state;
	trend_points(expected);
	opts.from = D("2025-01-15");
	opts.to = D("2025-04-30");
	ra = report(CARE_REPORT_TREND, a, &opts);
	rb = report(CARE_REPORT_TREND, b, &opts);
	ru = report(CARE_REPORT_TREND, both, &opts);
	assert_int_equal(care_report_merge(ra, rb), 0);
	assert_same_json(ra, ru);
	json = to_json(ra);
	for (i = 0; i < 4; i++)
		check_group(care_report_group(ra, i),
		            cJSON_GetArrayItem(field(json, "points"), (int)i), &expected[i]);
	cJSON_Delete(json);
	care_report_free(ra);
	care_report_free(rb);
	care_report_free(ru);
	unload(a);
	unload(b);
	unload(both);
}

/* ------------------------------------------------------------------------- */
/* Each point is the compliance report of its day                              */

/* Point `point` of the trend equals the compliance totals on its date, row by row. */
static void assert_point_is_the_report(const care_compliance_group *point, const care_dataset *ds,
                                       const care_report_options *trend_opts)
{
	care_report_options o = *trend_opts;
	care_report *r;
	const care_compliance_group *day;
	size_t i;

	o.as_of = point->as_of;
	o.from = o.to = CARE_DATE_NONE;
	r = report(CARE_REPORT_COMPLIANCE, ds, &o);
	day = care_report_totals(r);
	assert_int_equal(point->row_count, day->row_count);
	for (i = 0; i < point->row_count; i++) {
		const care_compliance_row *a = &point->rows[i], *b = &day->rows[i];
		assert_string_equal(a->competency, b->competency);
		assert_int_equal(a->required, b->required);
		assert_int_equal(a->compliant, b->compliant);
		assert_int_equal(a->expiring, b->expiring);
		assert_int_equal(a->not_due, b->not_due);
		assert_int_equal(a->overdue, b->overdue);
		assert_int_equal(a->exempt, b->exempt);
	}
	assert_int_equal(point->staff_required, day->staff_required);
	assert_int_equal(point->staff_compliant, day->staff_compliant);
	care_report_free(r);
}

/*
 * The sample trust over four years, through the start of the revision-2
 * requirements (2025-04-01), expiries, leavers, role changes and exemptions:
 * the trend computes its months in one pass, and each month must be what the
 * compliance report of that day says, with each filter.
 */
static void every_point_is_the_compliance_report_of_its_day(void **state)
{
	care_dataset *ds = NULL;
	care_report_options o = CARE_REPORT_OPTIONS_INIT, base = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	size_t f, i;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, NULL, "examples/data/sample-trust.json", NULL),
	                 0);
	base.from = D("2022-04-01");
	base.to = D("2026-03-31");
	for (f = 0; f < 6; f++) {
		o = base;
		switch (f) {
		case 1:
			o.manager = "S000003";
			o.all_reports = 1;
			break;
		case 2:
			o.manager = "S000008";
			break;
		case 3:
			o.competency = "customer-care";
			o.due_soon_days = 90;
			break;
		case 4:
			o.unit = "PA";
			o.patient_facing = 1;
			break;
		case 5:
			o.role = "BOOK";
			break;
		default:
			break;
		}
		r = report(CARE_REPORT_TREND, ds, &o);
		assert_int_equal(care_report_group_count(r), 48);
		for (i = 0; i < care_report_group_count(r); i++)
			assert_point_is_the_report(care_report_group(r, i), ds, &o);
		care_report_free(r);
	}
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(trend_at_each_month_end),
	    cmocka_unit_test(trend_with_filter_and_min_cell),
	    cmocka_unit_test(merged_trend_equals_the_union),
	    cmocka_unit_test(every_point_is_the_compliance_report_of_its_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
