/*
 * Revision 2 through the C API, worked by hand from the definitions in
 * docs/reports.md and docs/validation.md:
 *
 * - a requirement in force from 2025-04-01 starts the period of everybody
 *   already in post that day (not the day they joined);
 * - a grace period that changes over time is two entries, and the grace is
 *   the one in force on the period start;
 * - a withdrawn requirement makes no pair after its end;
 * - a role change across the start date;
 * - the manager filter, direct and with the whole line (a loop ends), a
 *   person with two managers, an unknown manager, grouping by manager;
 * - the expiring filter of the staff list and the cost of the target;
 * - the record initialisers, version 1 options, unknown-manager on an add.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

/*
 * The trust. Role BOOK requires cc (customer care) from 2025-04-01 with 90
 * days' grace, and ig throughout with 30 days. Role REC requires cc from
 * 2025-04-01 with 60 days to 2025-06-30, then 30 days from 2025-07-01; and
 * old (withdrawn) to 2024-12-31.
 *
 *   S1 BOOK since 2009-05-01, manager M1; ig done 2025-01-10 (12 months).
 *   S2 REC since 2025-06-01, manager M1 (REC) and BOOK from 2025-06-01 too,
 *      manager M2 — two managers.
 *   S3 BOOK 2020-01-01..2025-05-31 then REC from 2025-06-01, manager GHOST
 *      (not in the extract).
 *   M1 BOOK since 2015-01-01, manager M2; cc done 2025-03-01 (24 months).
 *   M2 BOOK since 2015-01-01, manager M1 (a loop); cc done 2024-05-01
 *      (12 months: expires 2025-05-01).
 */
static const char trust[] =
    "{'format':'libcare-dataset','version':1,'extracted_on':'2026-03-31',"
    "'units':[{'id':'U','name':'Unit'}],"
    "'roles':["
    "{'id':'BOOK','title':'Booking clerk','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':["
    "{'competency':'cc','due_within_days':90,'from':'2025-04-01'},"
    "{'competency':'ig','due_within_days':30}]},"
    "{'id':'REC','title':'Receptionist','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':["
    "{'competency':'cc','due_within_days':60,'from':'2025-04-01','to':'2025-06-30'},"
    "{'competency':'cc','due_within_days':30,'from':'2025-07-01'},"
    "{'competency':'old','due_within_days':10,'to':'2024-12-31'}]}],"
    "'modules':["
    "{'id':'cc-e','title':'Customer care','competency':'cc','validity_months':24,"
    "'delivery':'e-learning','cost_pence':1500},"
    "{'id':'cc-short','title':'Customer care (refresher)','competency':'cc',"
    "'validity_months':12,'delivery':'e-learning','cost_pence':2500},"
    "{'id':'ig-e','title':'Information governance','competency':'ig','validity_months':12,"
    "'delivery':'e-learning'}],";
static const char people[] =
    "'staff':["
    "{'id':'S1','name':'Sam One','started_on':'2009-05-01','assignments':["
    "{'role':'BOOK','unit':'U','from':'2009-05-01','manager':'M1'}]},"
    "{'id':'S2','started_on':'2025-06-01','assignments':["
    "{'role':'REC','unit':'U','from':'2025-06-01','manager':'M1'},"
    "{'role':'BOOK','unit':'U','from':'2025-06-01','manager':'M2'}]},"
    "{'id':'S3','name':'Sue Three','started_on':'2020-01-01','assignments':["
    "{'role':'BOOK','unit':'U','from':'2020-01-01','to':'2025-05-31'},"
    "{'role':'REC','unit':'U','from':'2025-06-01','manager':'GHOST'}]},"
    "{'id':'M1','name':'Mo Manager','started_on':'2015-01-01','assignments':["
    "{'role':'BOOK','unit':'U','from':'2015-01-01','manager':'M2'}]},"
    "{'id':'M2','started_on':'2015-01-01','assignments':["
    "{'role':'BOOK','unit':'U','from':'2015-01-01','manager':'M1'}]}],"
    "'completions':["
    "{'staff':'S1','module':'ig-e','completed_on':'2025-01-10','outcome':'completed'},"
    "{'staff':'M1','module':'cc-e','completed_on':'2025-03-01','outcome':'completed'},"
    "{'staff':'M2','module':'cc-short','completed_on':'2024-05-01','outcome':'passed'}]}";

static care_dataset *ds;

/* Loaded by hand, not with load(): GHOST, outside the extract, is a warning. */
static care_dataset *open_trust(void)
{
	static char text[8192];
	care_issues *issues = NULL;
	care_dataset *out = NULL;
	size_t i, n = strlen(trust);

	memcpy(text, trust, n);
	memcpy(text + n, people, strlen(people) + 1);
	for (i = 0; text[i]; i++)
		if (text[i] == '\'')
			text[i] = '"';
	assert_int_equal(care_dataset_load_buffer(&out, &issues, text, strlen(text), NULL), 0);
	/* Exactly one issue: S3's manager GHOST. */
	assert_int_equal(care_issues_count(issues), 1);
	assert_int_equal(care_issues_get(issues, 0)->code, CARE_ISSUE_UNKNOWN_MANAGER);
	assert_int_equal(care_issues_get(issues, 0)->severity, CARE_SEVERITY_WARNING);
	assert_string_equal(care_issues_get(issues, 0)->id, "S3");
	assert_int_equal(care_issues_get(issues, 0)->index, 2);
	assert_string_equal(care_issues_get(issues, 0)->field, "assignments[1].manager");
	care_issues_free(issues);
	return out;
}

static void status_is(const char *staff, const char *competency, const char *date,
                      care_status status, const char *period_start, const char *grace_end,
                      const char *overdue_since)
{
	care_status_info info;

	assert_int_equal(care_status_get(&info, ds, staff, competency, D(date), 30), 0);
	snprintf(where, sizeof where, "%s %s on %s", staff, competency, date);
	check_count(where, info.status, status);
	if (period_start)
		assert_string_equal(fmt(info.period_start), period_start);
	if (grace_end)
		assert_string_equal(fmt(info.grace_end), grace_end);
	assert_string_equal(fmt(info.overdue_since), overdue_since ? overdue_since : "null");
}

/*
 * S1 has been a booking clerk since 2009; cc comes into force on
 * 2025-04-01: P = 2025-04-01, grace end = P + 90 = 2025-06-30. Not required
 * the day before; not due on 2025-06-29; overdue from 2025-06-30, since
 * 2025-06-30 (not since 2009).
 */
static void a_requirement_starts_everyone_s_period(void **state)
{
	(void)state;
	status_is("S1", "cc", "2025-03-31", CARE_STATUS_NOT_REQUIRED, NULL, NULL, NULL);
	status_is("S1", "cc", "2025-04-01", CARE_STATUS_NOT_DUE, "2025-04-01", "2025-06-30", NULL);
	status_is("S1", "cc", "2025-06-29", CARE_STATUS_NOT_DUE, "2025-04-01", "2025-06-30", NULL);
	status_is("S1", "cc", "2025-06-30", CARE_STATUS_OVERDUE, "2025-04-01", "2025-06-30",
	          "2025-06-30");
	/* ig has no dates: P is the start of the assignment. Done 2025-01-10 for
	 * 12 months: expires 2026-01-10, overdue since then. */
	status_is("S1", "ig", "2026-01-09", CARE_STATUS_COMPLIANT, "2009-05-01", "2009-05-31",
	          NULL);
	status_is("S1", "ig", "2026-01-10", CARE_STATUS_OVERDUE, "2009-05-01", "2009-05-31",
	          "2026-01-10");
}

/*
 * S2 joined on 2025-06-01 as REC and BOOK. On P = 2025-06-01 the REC entry
 * in force is the 60-day one and BOOK's is 90 days: g = 60, grace end
 * 2025-07-31. The REC entry of 30 days from 2025-07-01 does not change a
 * period already running.
 */
static void the_grace_in_force_on_the_period_start(void **state)
{
	(void)state;
	status_is("S2", "cc", "2025-07-30", CARE_STATUS_NOT_DUE, "2025-06-01", "2025-07-31", NULL);
	status_is("S2", "cc", "2025-07-31", CARE_STATUS_OVERDUE, "2025-06-01", "2025-07-31",
	          "2025-07-31");
}

/*
 * S3: BOOK to 2025-05-31 (cc from 2025-04-01, 90 days), then REC from
 * 2025-06-01 (60 days then): one run from 2025-04-01, so P stays
 * 2025-04-01 and the grace is BOOK's 90 days: 2025-06-30. The withdrawn
 * `old` (to 2024-12-31) is never required of S3 in 2025: REC starts later.
 */
static void a_role_change_across_the_start(void **state)
{
	(void)state;
	status_is("S3", "cc", "2025-06-15", CARE_STATUS_NOT_DUE, "2025-04-01", "2025-06-30", NULL);
	status_is("S3", "cc", "2025-07-01", CARE_STATUS_OVERDUE, "2025-04-01", "2025-06-30",
	          "2025-06-30");
	status_is("S3", "old", "2025-07-01", CARE_STATUS_NOT_REQUIRED, NULL, NULL, NULL);
}

static care_report *staff_list(const char *as_of, const char *competency, const char *manager,
                               int all_reports, int status)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;

	o.as_of = D(as_of);
	o.competency = competency;
	o.manager = manager;
	o.all_reports = all_reports;
	o.status = status;
	return report(CARE_REPORT_STAFF, ds, &o);
}

/* The staff ids of a staff list, joined by spaces. */
static const char *rows_of(const care_report *r)
{
	static char out[256];
	size_t i;

	out[0] = '\0';
	for (i = 0; i < care_report_row_count(r); i++) {
		const care_staff_row *row = care_report_staff_row(r, i);
		if (i)
			strcat(out, " ");
		strcat(out, row->staff);
	}
	return out;
}

/*
 * On 2026-03-31, cc: M1's direct reports are S1, S2 (REC) and M2; M2's are
 * S2 (BOOK) and M1. With the whole line below M1: S1, S2, M2, and through
 * the loop M2 -> M1, M1 itself. GHOST names nobody: S3 is in no line.
 */
static void the_manager_line(void **state)
{
	care_report *r;

	(void)state;
	r = staff_list("2026-03-31", "cc", "M1", 0, CARE_NONE);
	assert_string_equal(rows_of(r), "M2 S1 S2");
	care_report_free(r);
	r = staff_list("2026-03-31", "cc", "M1", 1, CARE_NONE);
	assert_string_equal(rows_of(r), "M1 M2 S1 S2");
	care_report_free(r);
	r = staff_list("2026-03-31", "cc", "M2", 0, CARE_NONE);
	assert_string_equal(rows_of(r), "M1 S2");
	care_report_free(r);
}

/* S2 has two managers; S3's only manager is unknown; names come along. */
static void staff_rows_carry_names_and_managers(void **state)
{
	care_report *r = staff_list("2026-03-31", "cc", NULL, 0, CARE_NONE);
	const care_staff_row *row;

	(void)state;
	assert_string_equal(rows_of(r), "M1 M2 S1 S2 S3");
	row = care_report_staff_row(r, 3); /* S2 */
	assert_null(row->name);
	assert_int_equal(row->manager_count, 2);
	assert_string_equal(row->managers[0], "M1");
	assert_string_equal(row->managers[1], "M2");
	row = care_report_staff_row(r, 4); /* S3 */
	assert_string_equal(row->name, "Sue Three");
	assert_int_equal(row->manager_count, 0);
	row = care_report_staff_row(r, 0); /* M1 */
	assert_string_equal(row->name, "Mo Manager");
	assert_string_equal(row->managers[0], "M2");
	care_report_free(r);
}

/*
 * Grouped by manager on 2026-03-31, cc: M1's group holds S1, S2 (via REC)
 * and M2; M2's holds S2 (via BOOK) and M1. Labels: M1 has a name, M2 none.
 * Totals count S2 once: 5 pairs. M1 (done 2025-03-01, 24 months) is the
 * only compliant one.
 */
static void grouped_by_manager(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	const care_compliance_group *g;

	(void)state;
	o.as_of = D("2026-03-31");
	o.group_by = CARE_GROUP_MANAGER;
	o.competency = "cc";
	r = report(CARE_REPORT_COMPLIANCE, ds, &o);
	assert_int_equal(care_report_group_count(r), 2);
	g = care_report_group(r, 0);
	assert_string_equal(g->key, "M1");
	assert_string_equal(g->label, "Mo Manager");
	assert_int_equal(g->row_count, 1);
	check_count("M1 required", g->rows[0].required, 3);
	check_count("M1 compliant", g->rows[0].compliant, 0);
	g = care_report_group(r, 1);
	assert_string_equal(g->key, "M2");
	assert_string_equal(g->label, "M2");
	check_count("M2 required", g->rows[0].required, 2);
	check_count("M2 compliant", g->rows[0].compliant, 1);
	g = care_report_totals(r);
	assert_int_equal(g->row_count, 1);
	check_count("total required", g->rows[0].required, 5);
	check_count("total compliant", g->rows[0].compliant, 1);
	care_report_free(r);
}

/*
 * Expiring: on 2025-04-10 M2's cc (expires 2025-05-01) is 21 days away:
 * expiring within 30 days, not within 20.
 */
static void the_expiring_filter(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r;

	(void)state;
	r = staff_list("2025-04-10", "cc", NULL, 0, CARE_STATUS_EXPIRING);
	assert_string_equal(rows_of(r), "M2");
	assert_int_equal(care_report_staff_row(r, 0)->status, CARE_STATUS_COMPLIANT);
	care_report_free(r);
	o.as_of = D("2025-04-10");
	o.status = CARE_STATUS_EXPIRING;
	o.due_soon_days = 20;
	r = report(CARE_REPORT_STAFF, ds, &o);
	assert_string_equal(rows_of(r), "");
	care_report_free(r);
}

/*
 * Forecast on 2026-03-31 to 2027-03-31 at 80 %: cc required of 5, of whom
 * M1 (cc to 2027-03-01) is not valid on T: 0 projected. Places 5; target
 * ceil(0.8 x 5) = 4 places; the cheapest cc module costs 1500: 7500 and
 * 6000. ig: S1 and S2 and M1, M2 (BOOK) and S3 no longer (REC has no ig):
 * 4 required, no cost: nulls, and the totals count only cc.
 */
static void the_cost_of_the_target(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	const care_forecast_row *row;

	(void)state;
	o.as_of = D("2026-03-31");
	o.target = D("2027-03-31");
	o.target_percent = 80;
	r = report(CARE_REPORT_FORECAST, ds, &o);
	assert_int_equal(care_report_row_count(r), 2);
	row = care_report_forecast_row(r, 0);
	assert_string_equal(row->competency, "cc");
	check_count("cc required", row->required, 5);
	check_count("cc projected", row->projected_compliant, 0);
	check_count("cc places for target", row->places_for_target, 4);
	check_count("cc cost", row->cost_pence, 7500);
	check_count("cc cost for target", row->cost_for_target_pence, 6000);
	row = care_report_forecast_row(r, 1);
	assert_string_equal(row->competency, "ig");
	check_count("ig required", row->required, 4);
	assert_int_equal(row->cost_for_target_pence, CARE_NONE);
	assert_int_equal(care_report_total_cost_pence(r), 7500);
	assert_int_equal(care_report_total_cost_for_target_pence(r), 6000);
	care_report_free(r);
	/* Without a target percentage, no cost for it. */
	o.target_percent = CARE_NONE;
	r = report(CARE_REPORT_FORECAST, ds, &o);
	assert_int_equal(care_report_forecast_row(r, 0)->cost_for_target_pence, CARE_NONE);
	assert_int_equal(care_report_total_cost_for_target_pence(r), -1);
	care_report_free(r);
}

/* Unknown competency and manager, and all_reports alone, are refused. */
static void filters_that_name_nothing(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	(void)state;
	o.as_of = D("2026-03-31");
	o.competency = "nope";
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o), CARE_ENOTFOUND);
	o.competency = NULL;
	o.manager = "GHOST";
	assert_int_equal(care_report_new(&r, CARE_REPORT_STAFF, ds, &o), CARE_ENOTFOUND);
	assert_non_null(strstr(care_error_last(), "GHOST"));
	o.manager = NULL;
	o.all_reports = 1;
	assert_int_equal(care_report_new(&r, CARE_REPORT_TREND, ds, &o), CARE_EINVAL);
	assert_null(r);
}

/*
 * A caller built against version 1 of the options passes a shorter struct:
 * the library reads no field past it, so manager and all_reports keep their
 * defaults whatever lies beyond.
 */
static void version_1_options(void **state)
{
	care_report_options o;
	care_report *r;

	(void)state;
	memset(&o, 0xff, sizeof o); /* junk where version 2 fields would be */
	assert_int_equal(care_report_options_init(&o, 1), 0);
	assert_int_equal(o.version, 1);
	assert_int_equal(o.all_reports, -1); /* untouched: not part of a version 1 struct */
	o.as_of = D("2026-03-31");
	o.competency = "cc";
	r = report(CARE_REPORT_STAFF, ds, &o);
	assert_string_equal(rows_of(r), "M1 M2 S1 S2 S3");
	care_report_free(r);
}

/* The initialisers say "absent", and an add names an unknown manager. */
static void initialisers_and_an_added_manager(void **state)
{
	care_dataset *own;
	care_issues *issues = NULL;
	care_unit unit = CARE_UNIT_INIT;
	care_requirement req = CARE_REQUIREMENT_INIT;
	care_role role = CARE_ROLE_INIT;
	care_assignment as = CARE_ASSIGNMENT_INIT;
	care_staff staff = CARE_STAFF_INIT;
	care_module module = CARE_MODULE_INIT;
	care_completion completion = CARE_COMPLETION_INIT;
	care_status_info info;

	(void)state;
	assert_int_equal(staff.left_on, CARE_DATE_NONE);
	assert_int_equal(req.from, CARE_DATE_NONE);
	assert_int_equal(req.to, CARE_DATE_NONE);
	assert_true(isnan(module.pass_mark));
	assert_int_equal(module.cost_pence, CARE_NONE);
	assert_true(isnan(completion.score));
	assert_int_equal(care_dataset_new(&own), 0);
	unit.id = "U";
	unit.name = "Unit";
	assert_int_equal(care_dataset_add_unit(own, &unit, NULL), 0);
	req.competency = "cc";
	req.due_within_days = 30;
	role.id = "R";
	role.title = "Role";
	role.requirements = &req;
	role.requirement_count = 1;
	assert_int_equal(care_dataset_add_role(own, &role, NULL), 0);
	as.role = "R";
	as.unit = "U";
	as.from = D("2020-01-01");
	as.manager = "BOSS";
	staff.id = "S";
	staff.started_on = D("2020-01-01");
	staff.assignments = &as;
	staff.assignment_count = 1;
	/* BOSS is not (yet) in the dataset: a warning, and the record is added. */
	assert_int_equal(care_dataset_add_staff(own, &staff, &issues), 0);
	assert_int_equal(care_issues_count(issues), 1);
	assert_int_equal(care_issues_get(issues, 0)->code, CARE_ISSUE_UNKNOWN_MANAGER);
	care_issues_free(issues);
	/* Open ends everywhere: required since 2020, overdue since 2020-01-31. */
	assert_int_equal(care_dataset_seal(own), 0);
	assert_int_equal(care_status_get(&info, own, "S", "cc", D("2026-03-31"), 30), 0);
	assert_int_equal(info.status, CARE_STATUS_OVERDUE);
	assert_string_equal(fmt(info.overdue_since), "2020-01-31");
	care_dataset_free(own);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_requirement_starts_everyone_s_period),
	    cmocka_unit_test(the_grace_in_force_on_the_period_start),
	    cmocka_unit_test(a_role_change_across_the_start),
	    cmocka_unit_test(the_manager_line),
	    cmocka_unit_test(staff_rows_carry_names_and_managers),
	    cmocka_unit_test(grouped_by_manager),
	    cmocka_unit_test(the_expiring_filter),
	    cmocka_unit_test(the_cost_of_the_target),
	    cmocka_unit_test(filters_that_name_nothing),
	    cmocka_unit_test(version_1_options),
	    cmocka_unit_test(initialisers_and_an_added_manager),
	};
	int rc;

	ds = open_trust();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	care_dataset_free(ds);
	return rc;
}
