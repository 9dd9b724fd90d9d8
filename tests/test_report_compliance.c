/*
 * The compliance report (SPEC 5.3), the trend (5.4) and merging (7), through
 * the public API: the C structures and the JSON of SPEC 6. Every expected
 * number is worked out by hand from SPEC alone, with the reasoning beside it.
 *
 * Datasets are JSON written with single quotes for readability; load() turns
 * them into double quotes (no id or text here holds an apostrophe).
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

/* ------------------------------------------------------------------------- */
/* Helpers                                                                   */

#include "report_helpers.h"

#define NUL    CARE_SUPPRESSED
#define NORATE ((double)NAN)

typedef struct expect_row {
	const char *competency;
	int64_t required, compliant, expiring, not_due, overdue, exempt;
	double rate;
} expect_row;

typedef struct expect_group {
	const char *key; /* NULL for totals and trend points */
	const char *label;
	size_t row_count;
	expect_row rows[3];
	int64_t staff_required, staff_compliant;
	double staff_rate;
} expect_group;

static void check_count(const char *what, int64_t got, int64_t expected)
{
	if (got != expected)
		fail_msg("%s: %s is %lld, expected %lld", where, what, (long long)got,
		         (long long)expected);
}

/* The group in both forms: the struct and its JSON object. */
static void check_group(const care_compliance_group *g, const cJSON *jg, const expect_group *e)
{
	const cJSON *rows = field(jg, "competencies");
	size_t i;

	assert_non_null(g);
	if (e->key) {
		assert_non_null(g->key);
		assert_string_equal(g->key, e->key);
		assert_string_equal(g->label, e->label);
		json_string(jg, "key", e->key);
		json_string(jg, "label", e->label);
	} else {
		assert_null(g->key);
	}
	assert_true(cJSON_IsArray(rows));
	if (g->row_count != e->row_count)
		fail_msg("group %s has %zu rows, expected %zu", e->key ? e->key : "(totals)",
		         g->row_count, e->row_count);
	assert_int_equal(cJSON_GetArraySize(rows), (int)e->row_count);
	for (i = 0; i < e->row_count; i++) {
		const expect_row *x = &e->rows[i];
		const care_compliance_row *r = &g->rows[i];
		const cJSON *jr = cJSON_GetArrayItem(rows, (int)i);

		snprintf(where, sizeof where, "group %s, row %s",
		         e->key ? e->key : "(totals/point)", x->competency);
		assert_string_equal(r->competency, x->competency);
		check_count("required", r->required, x->required);
		check_count("compliant", r->compliant, x->compliant);
		check_count("expiring", r->expiring, x->expiring);
		check_count("not_due", r->not_due, x->not_due);
		check_count("overdue", r->overdue, x->overdue);
		check_count("exempt", r->exempt, x->exempt);
		same_rate("rate", r->rate, x->rate);

		json_string(jr, "competency", x->competency);
		json_count(jr, "required", x->required);
		json_count(jr, "compliant", x->compliant);
		json_count(jr, "expiring", x->expiring);
		json_count(jr, "not_due", x->not_due);
		json_count(jr, "overdue", x->overdue);
		json_count(jr, "exempt", x->exempt);
		json_rate(jr, "rate", x->rate);
	}
	snprintf(where, sizeof where, "group %s", e->key ? e->key : "(totals/point)");
	check_count("staff_required", g->staff_required, e->staff_required);
	check_count("staff_compliant", g->staff_compliant, e->staff_compliant);
	same_rate("staff_rate", g->staff_rate, e->staff_rate);
	json_count(jg, "staff_required", e->staff_required);
	json_count(jg, "staff_compliant", e->staff_compliant);
	json_rate(jg, "staff_rate", e->staff_rate);
}

static void check_filters(const cJSON *json, const char *unit, const char *role,
                          const char *staff_group, int patient_facing)
{
	const cJSON *filters = field(json, "filters");

	assert_true(cJSON_IsObject(filters));
	json_string(filters, "unit", unit);
	json_string(filters, "role", role);
	json_string(filters, "staff_group", staff_group);
	assert_true(cJSON_IsBool(field(filters, "patient_facing")));
	assert_int_equal(!!cJSON_IsTrue(field(filters, "patient_facing")), patient_facing);
}

static void check_compliance_header(const cJSON *json, const char *as_of, const char *group_by,
                                    int due_soon_days, int min_cell)
{
	json_string(json, "report", "compliance");
	json_string(json, "as_of", as_of);
	json_string(json, "group_by", group_by);
	json_count(json, "due_soon_days", due_soon_days);
	json_count(json, "min_cell", min_cell);
}

/* The groups and totals of a compliance report, in both forms. */
static void check_compliance(const care_report *r, const cJSON *json, const expect_group *groups,
                             size_t group_count, const expect_group *totals)
{
	const cJSON *jgroups = field(json, "groups");
	size_t i;

	assert_true(cJSON_IsArray(jgroups));
	if (care_report_group_count(r) != group_count)
		fail_msg("%zu groups, expected %zu", care_report_group_count(r), group_count);
	assert_int_equal(cJSON_GetArraySize(jgroups), (int)group_count);
	for (i = 0; i < group_count; i++)
		check_group(care_report_group(r, i), cJSON_GetArrayItem(jgroups, (int)i),
		            &groups[i]);
	assert_null(care_report_group(r, group_count));
	check_group(care_report_totals(r), field(json, "totals"), totals);
}

/* ------------------------------------------------------------------------- */
/* The datasets                                                              */

/*
 * Units (a three-level tree and a second root):
 *   DIR Operations Directorate
 *     DEPA Patient Access
 *       TA1 Booking Team
 *       TA2 Switchboard Team
 *     DEPB Outpatients
 *   OTHER Estates
 * Roles: REC (admin-clerical, patient-facing): CC 90 days, IG 30;
 *        BOOK (admin-clerical, patient-facing): CC 60, ERS 30;
 *        NURSE (nursing-midwifery, patient-facing): IG 30;
 *        ANALYST (admin-clerical, not patient-facing): IG 30.
 * Modules: CC-EL (CC, 12 months), CC-WS (CC, 24 months), IG-EL (IG, 12),
 *          ERS-EL (ERS, 36).
 */
static const char HEAD[] =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'DIR','name':'Operations Directorate'},"
    "{'id':'DEPA','name':'Patient Access','parent':'DIR'},"
    "{'id':'DEPB','name':'Outpatients','parent':'DIR'},"
    "{'id':'TA1','name':'Booking Team','parent':'DEPA'},"
    "{'id':'TA2','name':'Switchboard Team','parent':'DEPA'},"
    "{'id':'OTHER','name':'Estates'}],"
    "'roles':["
    "{'id':'REC','title':'Receptionist','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':90},"
    "{'competency':'IG','due_within_days':30}]},"
    "{'id':'BOOK','title':'Booking Clerk','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':60},"
    "{'competency':'ERS','due_within_days':30}]},"
    "{'id':'NURSE','title':'Staff Nurse','staff_group':'nursing-midwifery',"
    "'patient_facing':true,'clinical':true,"
    "'requirements':[{'competency':'IG','due_within_days':30}]},"
    "{'id':'ANALYST','title':'Data Analyst','staff_group':'admin-clerical',"
    "'patient_facing':false,'clinical':false,"
    "'requirements':[{'competency':'IG','due_within_days':30}]}],"
    "'modules':["
    "{'id':'CC-EL','title':'Customer care','competency':'CC','validity_months':12,"
    "'delivery':'e-learning','cost_pence':1500},"
    "{'id':'CC-WS','title':'Customer care workshop','competency':'CC','validity_months':24,"
    "'delivery':'workshop','cost_pence':900},"
    "{'id':'IG-EL','title':'Information governance','competency':'IG','validity_months':12,"
    "'delivery':'e-learning'},"
    "{'id':'ERS-EL','title':'e-Referral Service','competency':'ERS','validity_months':36,"
    "'delivery':'e-learning','cost_pence':0}],";

/*
 * The main population, as of D = 2025-06-30. Everyone but S04 started on
 * 2024-01-01 with the assignment shown from that day, so P = 2024-01-01 and
 * the grace ends are: CC under REC 2024-03-31 (+90), IG 2024-01-31 (+30),
 * ERS under BOOK 2024-01-31 (+30), all long past.
 *
 * S01 REC@TA1   CC-EL 2025-01-10 -> expires 2026-01-10: CC compliant
 *               IG-EL 2024-07-20 -> expires 2025-07-20, 20 days: IG
 *               compliant and expiring
 * S02 REC@TA2   no CC (a failed CC-EL does not count): CC overdue
 *               IG-EL 2025-05-01 -> 2026-05-01: IG compliant
 * S03 BOOK@TA2 and BOOK@TA1
 *               CC-WS 2024-02-01 -> 2026-02-01: CC compliant
 *               no ERS: ERS overdue
 * S04 NURSE@DEPB, started 2025-06-01: IG grace end 2025-07-01 > D: not-due
 */
static const char STAFF_A[] = "{'id':'S01','started_on':'2024-01-01',"
                              "'assignments':[{'role':'REC','unit':'TA1','from':'2024-01-01'}]},"
                              "{'id':'S02','started_on':'2024-01-01',"
                              "'assignments':[{'role':'REC','unit':'TA2','from':'2024-01-01'}]},"
                              "{'id':'S03','started_on':'2024-01-01',"
                              "'assignments':[{'role':'BOOK','unit':'TA2','from':'2024-01-01'},"
                              "{'role':'BOOK','unit':'TA1','from':'2024-01-01'}]},"
                              "{'id':'S04','started_on':'2025-06-01',"
                              "'assignments':[{'role':'NURSE','unit':'DEPB','from':'2025-06-01'}]}";
static const char COMPLETIONS_A[] =
    "{'staff':'S01','module':'CC-EL','completed_on':'2025-01-10','outcome':'passed'},"
    "{'staff':'S01','module':'IG-EL','completed_on':'2024-07-20','outcome':'completed'},"
    "{'staff':'S02','module':'IG-EL','completed_on':'2025-05-01','outcome':'passed'},"
    "{'staff':'S02','module':'CC-EL','completed_on':'2025-06-01','outcome':'failed'},"
    "{'staff':'S03','module':'CC-WS','completed_on':'2024-02-01','outcome':'completed'}";
/*
 * S05 REC@DEPA  exempt from CC from 2025-06-30 (from == D): CC exempt
 *               IG-EL 2024-06-30 -> expires 2025-06-30 == D, not valid: IG
 *               overdue since max(2024-01-31, 2025-06-30) = 2025-06-30
 * S06 ANALYST@OTHER  IG-EL 2025-03-03 -> 2026-03-03: IG compliant
 * S07 REC@TA1   left_on 2025-06-29, the day before D: no pairs at all
 * S08 REC@DIR   CC-EL 2024-07-30 -> 2025-07-30, exactly 30 days: CC
 *               compliant and expiring
 *               exempt from IG until 2025-06-30 (to == D): IG exempt
 */
static const char STAFF_B[] =
    "{'id':'S05','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'DEPA','from':'2024-01-01'}],"
    "'exemptions':[{'competency':'CC','from':'2025-06-30','to':'2025-09-30',"
    "'reason':'maternity leave'}]},"
    "{'id':'S06','started_on':'2024-01-01',"
    "'assignments':[{'role':'ANALYST','unit':'OTHER','from':'2024-01-01'}]},"
    "{'id':'S07','started_on':'2024-01-01','left_on':'2025-06-29',"
    "'assignments':[{'role':'REC','unit':'TA1','from':'2024-01-01'}]},"
    "{'id':'S08','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'DIR','from':'2024-01-01'}],"
    "'exemptions':[{'competency':'IG','from':'2025-01-01','to':'2025-06-30',"
    "'reason':'secondment'}]}";
static const char COMPLETIONS_B[] =
    "{'staff':'S05','module':'IG-EL','completed_on':'2024-06-30','outcome':'passed'},"
    "{'staff':'S06','module':'IG-EL','completed_on':'2025-03-03','outcome':'completed'},"
    "{'staff':'S07','module':'CC-EL','completed_on':'2025-01-01','outcome':'passed'},"
    "{'staff':'S08','module':'CC-EL','completed_on':'2024-07-30','outcome':'passed'}";

/*
 * The pairs on 2025-06-30, which every expectation below is counted from:
 *
 *   S01 CC compliant          TA1  REC
 *   S01 IG compliant+expiring TA1  REC
 *   S02 CC overdue            TA2  REC
 *   S02 IG compliant          TA2  REC
 *   S03 CC compliant          TA1,TA2 BOOK
 *   S03 ERS overdue           TA1,TA2 BOOK
 *   S04 IG not-due            DEPB NURSE
 *   S05 CC exempt             DEPA REC
 *   S05 IG overdue            DEPA REC
 *   S06 IG compliant          OTHER ANALYST
 *   S08 CC compliant+expiring DIR  REC
 *   S08 IG exempt             DIR  REC
 */
static care_dataset *load_main(void)
{
	return load(HEAD, "'staff':[", STAFF_A, ",", STAFF_B, "],'completions':[", COMPLETIONS_A,
	            ",", COMPLETIONS_B, "]}", NULL);
}

static const char *const AS_OF = "2025-06-30";

/*
 * Totals over the whole population:
 * CC: S01 c, S02 o, S03 c, S05 e, S08 c+x -> required 4 (not exempt),
 *     compliant 3, expiring 1, overdue 1, exempt 1, rate 3/4.
 * ERS: S03 o -> required 1, overdue 1, rate 0.
 * IG: S01 c+x, S02 c, S04 n, S05 o, S06 c, S08 e -> required 5, compliant 3,
 *     expiring 1, not_due 1, overdue 1, exempt 1, rate 3/5.
 * Staff with a non-exempt pair: S01 S02 S03 S04 S05 S06 S08 = 7; all of
 * their non-exempt pairs compliant: S01, S06, S08 (its IG is exempt) = 3.
 */
static expect_group main_totals(void)
{
	expect_group t = {NULL,
	                  NULL,
	                  3,
	                  {{"CC", 4, 3, 1, 0, 1, 1, 3.0 / 4},
	                   {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	                   {"IG", 5, 3, 1, 1, 1, 1, 3.0 / 5}},
	                  7,
	                  3,
	                  3.0 / 7};
	return t;
}

/* ------------------------------------------------------------------------- */
/* Compliance                                                                */

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
static void grouped_by_unit_rolls_up_three_levels(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_group totals = main_totals();
	const expect_group groups[] = {
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
	     {{"CC", 2, 2, 0, 0, 0, 0, 1.0},
	      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	      {"IG", 1, 1, 1, 0, 0, 0, 1.0}},
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

	(void)state;
	opts.as_of = D(AS_OF);
	opts.group_by = CARE_GROUP_UNIT;
	r = report(CARE_REPORT_COMPLIANCE, ds, &opts);
	json = to_json(r);
	check_compliance_header(json, AS_OF, "unit", 30, 0);
	/* The totals count each pair once, whatever its groups. */
	check_compliance(r, json, groups, 6, &totals);
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
	const expect_group groups[] = {
	    {"DEPA",
	     "Patient Access",
	     3,
	     {{"CC", 3, 2, 0, 0, 1, 1, 2.0 / 3},
	      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	      {"IG", 3, 2, 1, 0, 1, 0, 2.0 / 3}},
	     4,
	     1,
	     1.0 / 4},
	    {"TA1",
	     "Booking Team",
	     3,
	     {{"CC", 2, 2, 0, 0, 0, 0, 1.0},
	      {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	      {"IG", 1, 1, 1, 0, 0, 0, 1.0}},
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
	         NULL);
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
	         NULL);
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
	                        NULL);
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

/* ------------------------------------------------------------------------- */
/* Trend                                                                     */

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
	            TREND_A_COMPLETIONS, ",", TREND_B_COMPLETIONS, "]}", NULL);
}

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
	care_dataset *ds = load(
	    "{'format':'libcare-dataset','version':1,"
	    "'units':[{'id':'b','name':'Lower b'},{'id':'C','name':'Upper C'}],"
	    "'roles':[{'id':'r','title':'Role r','staff_group':'admin-clerical',"
	    "'patient_facing':true,'clinical':false,'requirements':["
	    "{'competency':'b-lower','due_within_days':30},{'competency':'Z','due_within_days':30},"
	    "{'competency':'A','due_within_days':30}]},"
	    "{'id':'Q','title':'Role Q','staff_group':'admin-clerical',"
	    "'patient_facing':true,'clinical':false,'requirements':["
	    "{'competency':'A','due_within_days':30}]}],"
	    "'staff':[{'id':'s-lower','started_on':'2024-01-01','assignments':["
	    "{'role':'r','unit':'b','from':'2024-01-01'},{'role':'Q','unit':'C','from':'2024-01-01'"
	    "}]},"
	    "{'id':'S9','started_on':'2024-01-01','assignments':["
	    "{'role':'r','unit':'C','from':'2024-01-01'}]},"
	    "{'id':'S10','started_on':'2024-01-01','assignments':["
	    "{'role':'Q','unit':'b','from':'2024-01-01'}]}]}",
	    NULL);
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
/* Merging (SPEC 7)                                                          */

static void assert_same_json(const care_report *a, const care_report *b)
{
	cJSON *ja = to_json(a), *jb = to_json(b);

	if (!cJSON_Compare(ja, jb, 1)) {
		char *ta = cJSON_Print(ja), *tb = cJSON_Print(jb);
		fprintf(stderr, "merged:\n%s\nunion:\n%s\n", ta, tb);
		cJSON_free(ta);
		cJSON_free(tb);
		fail_msg("the merged report differs from the report of the union");
	}
	cJSON_Delete(ja);
	cJSON_Delete(jb);
}

/*
 * S01-S04 and S05-S08 are disjoint staff; their union is the main dataset.
 * Grouped by unit with min_cell 2, so suppression must come after the
 * merge: in A alone, DEPA's CC exempt is 0 and in B alone 1 (suppressed);
 * OTHER exists only in B.
 */
static void merged_compliance_equals_the_union(void **state)
{
	care_dataset *a =
	    load(HEAD, "'staff':[", STAFF_A, "],'completions':[", COMPLETIONS_A, "]}", NULL);
	care_dataset *b =
	    load(HEAD, "'staff':[", STAFF_B, "],'completions':[", COMPLETIONS_B, "]}", NULL);
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

static void merged_trend_equals_the_union(void **state)
{
	care_dataset *a =
	    load(HEAD, "'staff':[", TREND_A, "],'completions':[", TREND_A_COMPLETIONS, "]}", NULL);
	care_dataset *b =
	    load(HEAD, "'staff':[", TREND_B, "],'completions':[", TREND_B_COMPLETIONS, "]}", NULL);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ungrouped_totals_and_json_shape),
	    cmocka_unit_test(grouped_by_unit_rolls_up_three_levels),
	    cmocka_unit_test(unit_filter_cuts_the_roll_up),
	    cmocka_unit_test(role_staff_group_and_patient_facing_filters),
	    cmocka_unit_test(grouped_by_role),
	    cmocka_unit_test(grouped_by_staff_group),
	    cmocka_unit_test(grouped_by_competency),
	    cmocka_unit_test(due_soon_days_option),
	    cmocka_unit_test(min_cell_suppresses_small_counts),
	    cmocka_unit_test(rate_is_null_when_nothing_is_required),
	    cmocka_unit_test(filters_do_not_change_a_pairs_status),
	    cmocka_unit_test(filters_must_all_hold_on_one_assignment),
	    cmocka_unit_test(bad_options),
	    cmocka_unit_test(trend_at_each_month_end),
	    cmocka_unit_test(trend_with_filter_and_min_cell),
	    cmocka_unit_test(groups_and_rows_in_byte_order),
	    cmocka_unit_test(merged_compliance_equals_the_union),
	    cmocka_unit_test(merged_trend_equals_the_union),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
