/*
 * The compliance report's options (docs/reports.md#the-compliance-report) through the public API,
 * on the trust of report_fixture.h: the role, staff-group and patient-facing filters, filters
 * acting on assignments, due_soon_days, min_cell suppression, null rates, and the options it
 * refuses. Every expected number is worked out by hand from the definitions in docs/ alone, with
 * the reasoning beside it.
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
 * Role filter BOOK: only S03's pairs. CC 1/1 (rate 1), ERS 1 overdue (rate
 * 0); IG has no pair, so no row. Staff 1, compliant 0 (ERS is overdue).
 * Staff-group filter nursing-midwifery: only S04's IG, not-due.
 * Patient-facing only: ANALYST drops out, so S06 does. CC and ERS as in the
 * totals; IG: S01 c+x, S02 c, S04 n, S05 o, S08 e -> required 4, compliant
 * 2, expiring 1, not_due 1, overdue 1, exempt 1. Staff: 6, compliant S01
 * and S08 = 2.
 */
static void role_staff_group_and_patient_facing_filters(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group by_role = {
	    NULL, NULL, 2,  {{"CC", 1, 1, 0, 0, 0, 0, 1.0}, {"ERS", 1, 0, 0, 0, 1, 0, 0.0}},
	    1,    0,    0.0};
	const expect_group by_staff_group = {NULL, NULL, 1,  {{"IG", 1, 0, 0, 1, 0, 0, 0.0}},
	                                     1,    0,    0.0};
	const expect_group patient_facing = {NULL,
	                                     NULL,
	                                     3,
	                                     {{"CC", 4, 3, 1, 0, 1, 1, 3.0 / 4},
	                                      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	                                      {"IG", 4, 2, 1, 1, 1, 1, 2.0 / 4}},
	                                     6,
	                                     2,
	                                     2.0 / 6};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.role = "BOOK";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, "BOOK", NULL, 0);
	check_compliance(r, json, NULL, 0, &by_role);
	cJSON_Delete(json);
	care_report_free(r);

	opts.role = NULL;
	opts.staff_group = CARE_SG_NURSING_MIDWIFERY;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, NULL, "nursing-midwifery", 0);
	check_compliance(r, json, NULL, 0, &by_staff_group);
	cJSON_Delete(json);
	care_report_free(r);

	opts.staff_group = CARE_NONE;
	opts.patient_facing = 1;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, NULL, NULL, 1);
	check_compliance(r, json, NULL, 0, &patient_facing);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * due_soon_days moves the expiring boundary: S01's IG expires in 20 days,
 * S08's CC in 30. With 20: IG expiring 1 (20 <= 20), CC 0 (30 > 20). With
 * 19: neither.
 */
static void due_soon_days_option(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();

	(void)state;
	opts.as_of = D(AS_OF);
	opts.due_soon_days = 20;
	totals.rows[0].expiring = 0;
	totals.rows[2].expiring = 1;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, NULL, 20, 0);
	check_compliance(r, json, NULL, 0, &totals);
	cJSON_Delete(json);
	care_report_free(r);

	opts.due_soon_days = 19;
	totals.rows[2].expiring = 0;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, NULL, 0, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * min_cell K = 3: every count c with 0 < c < 3 becomes null, 0 stays 0, and
 * a rate computed from a suppressed count is null.
 * Totals: CC 4, 3, expiring 1 -> null, 0, overdue 1 -> null, exempt 1 ->
 *   null; rate 3/4 stands (4 and 3 are shown).
 * ERS: required 1 -> null, compliant 0, ..., overdue 1 -> null; rate null
 *   (its denominator is suppressed).
 * IG: 5, 3, then 1 1 1 1 -> null; rate 3/5.
 * Staff 7 and 3 stand, rate 3/7.
 * Grouped by unit, TA1: CC 2 and 2 -> null, rate null; ERS 1 -> null; IG 1
 *   and 1 -> null; staff 2 and 1 -> null, rate null. DIR's IG: required 4
 *   stands but compliant 2 -> null, so the rate is null.
 */
static void min_cell_suppresses_small_counts(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group totals = {NULL,
	                             NULL,
	                             3,
	                             {{"CC", 4, 3, NUL, 0, NUL, NUL, 3.0 / 4},
	                              {"ERS", NUL, 0, 0, 0, NUL, 0, NORATE},
	                              {"IG", 5, 3, NUL, NUL, NUL, NUL, 3.0 / 5}},
	                             7,
	                             3,
	                             3.0 / 7};
	const expect_group ta1 = {"TA1",
	                          "Booking Team",
	                          3,
	                          {{"CC", NUL, NUL, 0, 0, 0, 0, NORATE},
	                           {"ERS", NUL, 0, 0, 0, NUL, 0, NORATE},
	                           {"IG", NUL, NUL, NUL, 0, 0, 0, NORATE}},
	                          NUL,
	                          NUL,
	                          NORATE};
	/* DIR: CC 4 3 1 0 1 1; ERS 1 0 0 0 1 0; IG 4 2 1 1 1 1; staff 6, 2. */
	const expect_group dir = {"DIR",
	                          "Operations Directorate",
	                          3,
	                          {{"CC", 4, 3, NUL, 0, NUL, NUL, 3.0 / 4},
	                           {"ERS", NUL, 0, 0, 0, NUL, 0, NORATE},
	                           {"IG", 4, NUL, NUL, NUL, NUL, NUL, NORATE}},
	                          6,
	                          NUL,
	                          NORATE};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.min_cell = 3;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, NULL, 30, 3);
	check_compliance(r, json, NULL, 0, &totals);
	cJSON_Delete(json);
	care_report_free(r);

	opts.group_by = CARE_GROUP_UNIT;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	/* Groups: DEPA DEPB DIR OTHER TA1 TA2. */
	assert_int_equal(care_report_group_count(r), 6);
	check_group(care_report_group(r, 2), cJSON_GetArrayItem(field(json, "groups"), 2), &dir);
	check_group(care_report_group(r, 4), cJSON_GetArrayItem(field(json, "groups"), 4), &ta1);
	check_group(care_report_totals(r), field(json, "totals"), &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Z is exempt from both of REC's competencies: each row has required 0, so
 * its rate is null; exempt 1. Nobody has a non-exempt pair: staff_required
 * 0 and staff_rate null. With K = 2 the 1s become null and the 0s stay.
 */
static void rate_is_null_when_nothing_is_required(void **state)
{
	care_dataset *ds =
	    load(HEAD,
	         "'staff':[{'id':'Z','started_on':'2024-01-01',"
	         "'assignments':[{'role':'REC','unit':'TA1','from':'2024-01-01'}],"
	         "'exemptions':[{'competency':'CC','from':'2024-01-01','reason':'r'},"
	         "{'competency':'IG','from':'2024-01-01','reason':'r'}]}]}",
	         END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group totals = {
	    NULL, NULL, 2,     {{"CC", 0, 0, 0, 0, 0, 1, NORATE}, {"IG", 0, 0, 0, 0, 0, 1, NORATE}},
	    0,    0,    NORATE};
	const expect_group suppressed = {
	    NULL,  NULL,
	    2,     {{"CC", 0, 0, 0, 0, 0, NUL, NORATE}, {"IG", 0, 0, 0, 0, 0, NUL, NORATE}},
	    0,     0,
	    NORATE};
	expect_group groups[3];
	size_t i;

	(void)state;
	opts.as_of = D(AS_OF);
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, NULL, 0, &totals);
	cJSON_Delete(json);
	care_report_free(r);

	opts.min_cell = 2;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, NULL, 0, &suppressed);
	cJSON_Delete(json);
	care_report_free(r);

	/* Grouped by unit (TA1 and its ancestors DEPA and DIR): an exempt pair
	 * belongs to its groups, so each lists both competencies. */
	opts.min_cell = 0;
	opts.group_by = CARE_GROUP_UNIT;
	for (i = 0; i < 3; i++)
		groups[i] = totals;
	groups[0].key = "DEPA";
	groups[0].label = "Patient Access";
	groups[1].key = "DIR";
	groups[1].label = "Operations Directorate";
	groups[2].key = "TA1";
	groups[2].label = "Booking Team";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, groups, 3, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Filters choose the population, not the status. Y has been ANALYST@OTHER
 * (IG 30) since 2024-01-01 and REC@TA2 (CC 90, IG 30) since 2025-06-01.
 * With the unit filter TA2, the IG pair passes through REC@TA2, but its
 * period started 2024-01-01 under ANALYST (held every day since): grace end
 * 2024-01-31, overdue -- not not-due as REC's own dates would make it. CC:
 * P = 2025-06-01, grace end + 90 = 2025-08-30 > D: not-due.
 * Without the filter, grouped by unit, the IG pair belongs to OTHER and to
 * TA2 DEPA DIR; CC only to the latter.
 */
static void filters_do_not_change_a_pairs_status(void **state)
{
	care_dataset *ds =
	    load(HEAD,
	         "'staff':[{'id':'Y','started_on':'2024-01-01',"
	         "'assignments':[{'role':'ANALYST','unit':'OTHER','from':'2024-01-01'},"
	         "{'role':'REC','unit':'TA2','from':'2025-06-01'}]}]}",
	         END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group both = {
	    NULL, NULL, 2,  {{"CC", 1, 0, 0, 1, 0, 0, 0.0}, {"IG", 1, 0, 0, 0, 1, 0, 0.0}},
	    1,    0,    0.0};
	expect_group groups[4];
	size_t i;

	(void)state;
	opts.as_of = D(AS_OF);
	opts.unit = "TA2";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, NULL, 0, &both);
	cJSON_Delete(json);
	care_report_free(r);

	opts.unit = NULL;
	opts.group_by = CARE_GROUP_UNIT;
	for (i = 0; i < 4; i++)
		groups[i] = both;
	groups[0].key = "DEPA";
	groups[0].label = "Patient Access";
	groups[1].key = "DIR";
	groups[1].label = "Operations Directorate";
	groups[2].key = "OTHER";
	groups[2].label = "Estates";
	groups[2].row_count = 1;
	groups[2].rows[0] = both.rows[1];
	groups[3].key = "TA2";
	groups[3].label = "Switchboard Team";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, groups, 4, &both);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Filters act on assignments, all at once: W is REC@OTHER and BOOK@TA1 since
 * 2024-01-01, untrained. Unit DEPA with role REC: no single assignment is
 * both, so no pair at all (no rows; staff 0 and 0, rate null), although W
 * is REC and works in DEPA. Unit DEPA with role BOOK: CC and ERS through
 * BOOK@TA1, both overdue; W's IG (REC only) is out.
 */
static void filters_must_all_hold_on_one_assignment(void **state)
{
	care_dataset *ds = load(HEAD,
	                        "'staff':[{'id':'W','started_on':'2024-01-01','assignments':["
	                        "{'role':'REC','unit':'OTHER','from':'2024-01-01'},"
	                        "{'role':'BOOK','unit':'TA1','from':'2024-01-01'}]}]}",
	                        END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group none = {NULL, NULL, 0, {{NULL, 0, 0, 0, 0, 0, 0, 0.0}}, 0, 0, NORATE};
	const expect_group book = {
	    NULL, NULL, 2,  {{"CC", 1, 0, 0, 0, 1, 0, 0.0}, {"ERS", 1, 0, 0, 0, 1, 0, 0.0}},
	    1,    0,    0.0};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.unit = "DEPA";
	opts.role = "REC";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, NULL, 0, &none);
	cJSON_Delete(json);
	care_report_free(r);

	opts.role = "BOOK";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, NULL, 0, &book);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

static void bad_options(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	(void)state;
	opts.as_of = D(AS_OF);
	opts.unit = "NO-SUCH-UNIT";
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &opts), CARE_ENOTFOUND);
	assert_null(r);
	opts.unit = NULL;
	opts.role = "NO-SUCH-ROLE";
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &opts), CARE_ENOTFOUND);
	assert_null(r);
	opts.role = NULL;
	opts.from = D("2025-04-30");
	opts.to = D("2025-01-15");
	assert_int_equal(care_report_new(&r, CARE_REPORT_TREND, ds, &opts), CARE_EINVAL);
	assert_null(r);
	/* No as-of date at all: a missing option. */
	opts.as_of = CARE_DATE_NONE;
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &opts), CARE_EINVAL);
	assert_null(r);
	unload(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(role_staff_group_and_patient_facing_filters),
	    cmocka_unit_test(due_soon_days_option),
	    cmocka_unit_test(min_cell_suppresses_small_counts),
	    cmocka_unit_test(rate_is_null_when_nothing_is_required),
	    cmocka_unit_test(filters_do_not_change_a_pairs_status),
	    cmocka_unit_test(filters_must_all_hold_on_one_assignment),
	    cmocka_unit_test(bad_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
