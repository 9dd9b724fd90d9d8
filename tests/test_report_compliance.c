/*
 * The compliance report (docs/reports.md#the-compliance-report) through the public API, on the
 * trust of report_fixture.h: its totals and JSON shape, each grouping, the unit roll-up and the
 * unit filter that cuts it, byte order of keys, and merging (the national scale (README.md#speed)).
 * Its other options and filters are in test_report_compliance_options.c, the trend (5.4) in
 * test_report_trend.c. Every expected number is worked out by hand from the definitions in docs/
 * alone, with the reasoning beside it.
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

/* ------------------------------------------------------------------------- */
/* Grouping                                                                 */

static void ungrouped_totals_and_json_shape(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();

	(void)state;
	opts.as_of = D(AS_OF);
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, NULL, 30, 0);
	check_filters(json, NULL, NULL, NULL, 0);
	/* Not grouped: "groups" is an empty list. */
	check_compliance(r, json, NULL, 0, &totals);
	assert_int_equal(care_report_totals(r)->as_of, D(AS_OF));
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * By unit, a pair belongs to its assignment's unit and every ancestor, once
 * per group. Groups in byte order of key: DEPA DEPB DIR OTHER TA1 TA2.
 *
 * DEPA (TA1, TA2 and DEPA itself): S01 CC c, IG c+x; S02 CC o, IG c; S03 CC
 *   c, ERS o (in TA1 and TA2 but once here); S05 CC e, IG o.
 *   CC: required 3, compliant 2, overdue 1, exempt 1, rate 2/3.
 *   ERS: required 1, overdue 1, rate 0.
 *   IG: required 3, compliant 2, expiring 1, overdue 1, rate 2/3.
 *   Staff: S01 S02 S03 S05 = 4, all compliant: S01 = 1.
 * DEPB: S04 IG n. IG 1 required, 1 not due; staff 1, 0 compliant.
 * DIR (everything but OTHER): CC as in the totals; ERS likewise; IG: S01
 *   c+x, S02 c, S04 n, S05 o, S08 e -> required 4, compliant 2, expiring 1,
 *   not_due 1, overdue 1, exempt 1, rate 1/2. Staff S01 S02 S03 S04 S05 S08
 *   = 6, compliant S01 S08 = 2.
 * OTHER: S06 IG c. Staff 1/1.
 * TA1: S01 CC c, IG c+x; S03 CC c, ERS o. CC 2/2; ERS 1 overdue; IG 1/1
 *   expiring. Staff S01 S03 = 2, compliant S01 = 1.
 * TA2: S02 CC o, IG c; S03 CC c, ERS o. CC required 2, compliant 1,
 *   overdue 1; ERS 1 overdue; IG 1/1. Staff S02 S03 = 2, compliant 0.
 */
static const expect_group BY_UNIT[6] = {
    {"DEPA",
     "Patient Access",
     3,
     {{"CC", 3, 2, 0, 0, 1, 1, 2.0 / 3},
      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
      {"IG", 3, 2, 1, 0, 1, 0, 2.0 / 3}},
     4,
     1,
     1.0 / 4},
    {"DEPB", "Outpatients", 1, {{"IG", 1, 0, 0, 1, 0, 0, 0.0}}, 1, 0, 0.0},
    {"DIR",
     "Operations Directorate",
     3,
     {{"CC", 4, 3, 1, 0, 1, 1, 3.0 / 4},
      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
      {"IG", 4, 2, 1, 1, 1, 1, 2.0 / 4}},
     6,
     2,
     2.0 / 6},
    {"OTHER", "Estates", 1, {{"IG", 1, 1, 0, 0, 0, 0, 1.0}}, 1, 1, 1.0},
    {"TA1",
     "Booking Team",
     3,
     {{"CC", 2, 2, 0, 0, 0, 0, 1.0}, {"ERS", 1, 0, 0, 0, 1, 0, 0.0}, {"IG", 1, 1, 1, 0, 0, 0, 1.0}},
     2,
     1,
     1.0 / 2},
    {"TA2",
     "Switchboard Team",
     3,
     {{"CC", 2, 1, 0, 0, 1, 0, 1.0 / 2},
      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
      {"IG", 1, 1, 0, 0, 0, 0, 1.0}},
     2,
     0,
     0.0},
};

/* The roll-up of the whole trust: the groups above, the totals as ungrouped. */
static void grouped_by_unit_rolls_up_three_levels(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_UNIT;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, "unit", 30, 0);
	/* The totals count each pair once, whatever its groups. */
	check_compliance(r, json, BY_UNIT, 6, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Unit filter DEPA: the passing assignments are those in DEPA's subtree
 * (S01@TA1, S02@TA2, S03@TA1+TA2, S05@DEPA). Grouped by unit, the roll-up
 * stops at DEPA: DIR gets no row. Each group is as in the unfiltered report
 * (all their pairs pass); the totals are DEPA's.
 */
static void unit_filter_cuts_the_roll_up(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	/* DEPA and its teams TA1 and TA2. */
	const expect_group groups[] = {BY_UNIT[0], BY_UNIT[4], BY_UNIT[5]};
	expect_group totals = groups[0];

	(void)state;
	totals.key = NULL;
	totals.label = NULL;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_UNIT;
	opts.unit = "DEPA";
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, "unit", 30, 0);
	check_filters(json, "DEPA", NULL, NULL, 0);
	check_compliance(r, json, groups, 3, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * By role (keys ANALYST BOOK NURSE REC, labels the titles):
 * ANALYST: S06 IG c. BOOK: S03 CC c, ERS o. NURSE: S04 IG n.
 * REC: CC S01 c, S02 o, S05 e, S08 c+x -> 3 required, 2 compliant, 1
 *   expiring, 1 overdue, 1 exempt; IG S01 c+x, S02 c, S05 o, S08 e -> the
 *   same counts. Staff S01 S02 S05 S08 = 4, compliant S01 S08 = 2.
 */
static void grouped_by_role(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();
	const expect_group groups[] = {
	    {"ANALYST", "Data Analyst", 1, {{"IG", 1, 1, 0, 0, 0, 0, 1.0}}, 1, 1, 1.0},
	    {"BOOK",
	     "Booking Clerk",
	     2,
	     {{"CC", 1, 1, 0, 0, 0, 0, 1.0}, {"ERS", 1, 0, 0, 0, 1, 0, 0.0}},
	     1,
	     0,
	     0.0},
	    {"NURSE", "Staff Nurse", 1, {{"IG", 1, 0, 0, 1, 0, 0, 0.0}}, 1, 0, 0.0},
	    {"REC",
	     "Receptionist",
	     2,
	     {{"CC", 3, 2, 1, 0, 1, 1, 2.0 / 3}, {"IG", 3, 2, 1, 0, 1, 1, 2.0 / 3}},
	     4,
	     2,
	     2.0 / 4},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_ROLE;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, "role", 30, 0);
	check_compliance(r, json, groups, 4, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * By staff group (keys and labels the ESR names):
 * admin-clerical (REC, BOOK, ANALYST): CC as in the totals, ERS likewise;
 *   IG S01 c+x, S02 c, S05 o, S06 c, S08 e -> required 4, compliant 3,
 *   expiring 1, overdue 1, exempt 1. Staff S01 S02 S03 S05 S06 S08 = 6,
 *   compliant S01 S06 S08 = 3.
 * nursing-midwifery: S04 IG n.
 */
static void grouped_by_staff_group(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();
	const expect_group groups[] = {
	    {"admin-clerical",
	     "admin-clerical",
	     3,
	     {{"CC", 4, 3, 1, 0, 1, 1, 3.0 / 4},
	      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	      {"IG", 4, 3, 1, 0, 1, 1, 3.0 / 4}},
	     6,
	     3,
	     3.0 / 6},
	    {"nursing-midwifery",
	     "nursing-midwifery",
	     1,
	     {{"IG", 1, 0, 0, 1, 0, 0, 0.0}},
	     1,
	     0,
	     0.0},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_STAFF_GROUP;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, "staff-group", 30, 0);
	check_compliance(r, json, groups, 2, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * By competency: each group holds its own row only, equal to the totals'
 * row. The staff counts look at the group's pairs only: CC: S01 S02 S03
 * S08 = 4 required, compliant S01 S03 S08 = 3 (S03's overdue ERS is not in
 * this group). ERS: S03, 0 compliant. IG: S01 S02 S04 S05 S06 = 5 (S08's IG
 * is exempt), compliant S01 S02 S06 = 3.
 */
static void grouped_by_competency(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();
	const expect_group groups[] = {
	    {"CC", "CC", 1, {{"CC", 4, 3, 1, 0, 1, 1, 3.0 / 4}}, 4, 3, 3.0 / 4},
	    {"ERS", "ERS", 1, {{"ERS", 1, 0, 0, 0, 1, 0, 0.0}}, 1, 0, 0.0},
	    {"IG", "IG", 1, {{"IG", 5, 3, 1, 1, 1, 1, 3.0 / 5}}, 5, 3, 3.0 / 5},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_COMPETENCY;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, "competency", 30, 0);
	check_compliance(r, json, groups, 3, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Keys and competencies in byte order, not alphabetical or natural order:
 * upper case before lower case. Units C and b; role r requires b-lower, Z
 * and A; role Q requires A. s-lower is r@b and Q@C, S9 r@C, S10 Q@b; all
 * since 2024-01-01 with 30 days' grace and no training, so every pair is
 * overdue on 2025-06-30.
 * b: s-lower A Z b-lower, S10 A -> A 2, Z 1, b-lower 1; staff 2, 0.
 * C: s-lower A, S9 A Z b-lower -> the same counts.
 */
static void groups_and_rows_in_byte_order(void **state)
{
	care_dataset *ds = load(BYTE_ORDER_TRUST, END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_group groups[] = {
	    {"C",
	     "Upper C",
	     3,
	     {{"A", 2, 0, 0, 0, 2, 0, 0.0},
	      {"Z", 1, 0, 0, 0, 1, 0, 0.0},
	      {"b-lower", 1, 0, 0, 0, 1, 0, 0.0}},
	     2,
	     0,
	     0.0},
	    {"b",
	     "Lower b",
	     3,
	     {{"A", 2, 0, 0, 0, 2, 0, 0.0},
	      {"Z", 1, 0, 0, 0, 1, 0, 0.0},
	      {"b-lower", 1, 0, 0, 0, 1, 0, 0.0}},
	     2,
	     0,
	     0.0},
	};
	/* Totals: A s-lower S9 S10, Z and b-lower s-lower S9; staff 3, 0. */
	const expect_group totals = {NULL,
	                             NULL,
	                             3,
	                             {{"A", 3, 0, 0, 0, 3, 0, 0.0},
	                              {"Z", 2, 0, 0, 0, 2, 0, 0.0},
	                              {"b-lower", 2, 0, 0, 0, 2, 0, 0.0}},
	                             3,
	                             0,
	                             0.0};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_UNIT;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance(r, json, groups, 2, &totals);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/* ------------------------------------------------------------------------- */
/* Merging (the national scale (README.md#speed)) */

/*
 * S01-S04 and S05-S08 are disjoint staff; their union is the main dataset.
 * Grouped by unit with min_cell 2, so suppression must come after the
 * merge: in A alone, DEPA's CC exempt is 0 and in B alone 1 (suppressed);
 * OTHER exists only in B.
 */
static void merged_compliance_equals_the_union(void **state)
{
	care_dataset *a =
	    load(HEAD, "'staff':[", STAFF_A, "],'completions':[", COMPLETIONS_A, "]}", END);
	care_dataset *b =
	    load(HEAD, "'staff':[", STAFF_B, "],'completions':[", COMPLETIONS_B, "]}", END);
	care_dataset *both = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *ra, *rb, *ru, *other;
	const expect_group merged_totals = {NULL,
	                                    NULL,
	                                    3,
	                                    {{"CC", 4, 3, NUL, 0, NUL, NUL, 3.0 / 4},
	                                     {"ERS", NUL, 0, 0, 0, NUL, 0, NORATE},
	                                     {"IG", 5, 3, NUL, NUL, NUL, NUL, 3.0 / 5}},
	                                    7,
	                                    3,
	                                    3.0 / 7};
	cJSON *json;

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_UNIT;
	opts.min_cell = 2;
	ra = report(CARE_REPORT_COMPLIANCE, a, &opts);
	rb = report(CARE_REPORT_COMPLIANCE, b, &opts);
	ru = report(CARE_REPORT_COMPLIANCE, both, &opts);
	assert_int_equal(care_report_merge(ra, rb), 0);
	assert_same_json(ra, ru);
	/* And by hand, the totals with K = 2: the 1s are null. */
	json = to_json(ra);
	check_group(care_report_totals(ra), field(json, "totals"), &merged_totals);
	cJSON_Delete(json);

	/* Reports with different options cannot be merged. */
	opts.group_by = CARE_GROUP_ROLE;
	other = report(CARE_REPORT_COMPLIANCE, b, &opts);
	assert_int_equal(care_report_merge(ru, other), CARE_EINVAL);
	care_report_free(other);

	care_report_free(ra);
	care_report_free(rb);
	care_report_free(ru);
	unload(a);
	unload(b);
	unload(both);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ungrouped_totals_and_json_shape),
	    cmocka_unit_test(grouped_by_unit_rolls_up_three_levels),
	    cmocka_unit_test(unit_filter_cuts_the_roll_up),
	    cmocka_unit_test(grouped_by_role),
	    cmocka_unit_test(grouped_by_staff_group),
	    cmocka_unit_test(grouped_by_competency),
	    cmocka_unit_test(groups_and_rows_in_byte_order),
	    cmocka_unit_test(merged_compliance_equals_the_union),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
