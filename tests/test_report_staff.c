/*
 * The staff list (docs/reports.md#staff-list) through the public API: the row structs and the
 * JSON of docs/reports.md#output. Every expected value is worked out by hand from the docs
 * alone, with the reasoning beside it.
 *
 * The trust is that of report_fixture.h.
 */
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
#include "helpers.h"
#include "report_fixture.h"

/* ------------------------------------------------------------------------- */
/* Helpers                                                                   */

/* An expected row: units and roles as comma-separated lists, in order. */
typedef struct expect_row {
	const char *staff, *competency;
	care_status status;
	int expiring;
	const char *expires_on, *grace_end, *overdue_since;
	const char *units, *roles;
} expect_row;

static const char *join(const char *const *items, size_t count)
{
	static char buf[256];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < count; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, items[i]);
	}
	return buf;
}

static const char *join_json(const cJSON *array)
{
	static char buf[256];
	const cJSON *item;

	assert_true(cJSON_IsArray(array));
	buf[0] = '\0';
	cJSON_ArrayForEach(item, array)
	{
		assert_true(cJSON_IsString(item));
		if (buf[0])
			strcat(buf, ",");
		strcat(buf, item->valuestring);
	}
	return buf;
}

/* Every row of the list, in both forms. */
static void check_rows(const care_report *r, const cJSON *json, const expect_row *rows,
                       size_t count)
{
	const cJSON *jrows = field(json, "rows");
	size_t i;

	assert_true(cJSON_IsArray(jrows));
	if (care_report_row_count(r) != count) {
		for (i = 0; i < care_report_row_count(r); i++)
			fprintf(stderr, "  row %zu: %s %s\n", i, care_report_staff_row(r, i)->staff,
			        care_report_staff_row(r, i)->competency);
		fail_msg("%zu rows, expected %zu", care_report_row_count(r), count);
	}
	assert_int_equal(cJSON_GetArraySize(jrows), (int)count);
	for (i = 0; i < count; i++) {
		const expect_row *e = &rows[i];
		const care_staff_row *row = care_report_staff_row(r, i);
		const cJSON *jr = cJSON_GetArrayItem(jrows, (int)i);

		assert_non_null(row);
		assert_string_equal(row->staff, e->staff);
		assert_string_equal(row->competency, e->competency);
		if (row->status != e->status)
			fail_msg("%s %s: status %s, expected %s", e->staff, e->competency,
			         care_status_name(row->status), care_status_name(e->status));
		assert_int_equal(!!row->expiring, e->expiring);
		assert_string_equal(fmt(row->expires_on), e->expires_on);
		assert_string_equal(fmt(row->grace_end), e->grace_end);
		assert_string_equal(fmt(row->overdue_since), e->overdue_since);
		assert_string_equal(join(row->units, row->unit_count), e->units);
		assert_string_equal(join(row->roles, row->role_count), e->roles);

		json_string(jr, "staff", e->staff);
		json_string(jr, "competency", e->competency);
		json_string(jr, "status", care_status_name(e->status));
		assert_true(cJSON_IsBool(field(jr, "expiring")));
		assert_int_equal(!!cJSON_IsTrue(field(jr, "expiring")), e->expiring);
		json_string(jr, "expires_on", e->expires_on);
		json_string(jr, "grace_end", e->grace_end);
		json_string(jr, "overdue_since", e->overdue_since);
		assert_string_equal(join_json(field(jr, "units")), e->units);
		assert_string_equal(join_json(field(jr, "roles")), e->roles);
	}
	assert_null(care_report_staff_row(r, count));
}

/* ------------------------------------------------------------------------- */
/* The datasets                                                              */

#define C CARE_STATUS_COMPLIANT
#define O CARE_STATUS_OVERDUE
#define N CARE_STATUS_NOT_DUE
#define E CARE_STATUS_EXEMPT

/*
 * The whole list on 2025-06-30, ordered by staff id then competency. The
 * dates: S01 CC-EL 2025-01-10 + 12 months = 2026-01-10; IG-EL 2024-07-20 ->
 * 2025-07-20 (20 days: expiring). S02 never passed CC: overdue since the
 * grace end 2024-01-01 + 90 = 2024-03-31. S03 CC-WS 2024-02-01 + 24 months
 * = 2026-02-01; ERS under BOOK: 2024-01-01 + 30 = 2024-01-31. S04: grace end
 * 2025-06-01 + 30 = 2025-07-01 (grace_end only for not-due rows). S05 IG
 * expired on D: overdue since 2025-06-30. S08 CC-EL 2024-07-30 -> 2025-07-30
 * (30 days: expiring). S07 left the day before D: no rows. Exempt rows have
 * no dates.
 */
static const expect_row ALL[] = {
    {"S01", "CC", C, 0, "2026-01-10", "null", "null", "TA1", "REC"},
    {"S01", "IG", C, 1, "2025-07-20", "null", "null", "TA1", "REC"},
    {"S02", "CC", O, 0, "null", "null", "2024-03-31", "TA2", "REC"},
    {"S02", "IG", C, 0, "2026-05-01", "null", "null", "TA2", "REC"},
    {"S03", "CC", C, 0, "2026-02-01", "null", "null", "TA1,TA2", "BOOK"},
    {"S03", "ERS", O, 0, "null", "null", "2024-01-31", "TA1,TA2", "BOOK"},
    {"S04", "IG", N, 0, "null", "2025-07-01", "null", "DEPB", "NURSE"},
    {"S05", "CC", E, 0, "null", "null", "null", "DEPA", "REC"},
    {"S05", "IG", O, 0, "null", "null", "2025-06-30", "DEPA", "REC"},
    {"S06", "IG", C, 0, "2026-03-03", "null", "null", "OTHER", "ANALYST"},
    {"S08", "CC", C, 1, "2025-07-30", "null", "null", "DIR", "REC"},
    {"S08", "IG", E, 0, "null", "null", "null", "DIR", "REC"},
};

/* ------------------------------------------------------------------------- */
/* Tests                                                                     */

static void whole_list_in_order(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;

	(void)state;
	opts.as_of = D(AS_OF);
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	json_string(json, "report", "staff");
	json_string(json, "as_of", AS_OF);
	check_filters(json, NULL, NULL, NULL, 0);
	check_rows(r, json, ALL, sizeof ALL / sizeof ALL[0]);
	cJSON_Delete(json);
	care_report_free(r);

	/* min_cell has nothing to suppress in a list of people (docs/reports.md#output names
	 * the reports it applies to; this is not one). */
	opts.min_cell = 5;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, ALL, sizeof ALL / sizeof ALL[0]);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/* The status filter keeps rows of that status; the competency filter rows
 * of that competency. */
static void filtered_by_status_and_competency(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row overdue[] = {ALL[2], ALL[5], ALL[8]};
	const expect_row ig_compliant[] = {ALL[1], ALL[3], ALL[9]};
	const expect_row not_due[] = {ALL[6]};
	const expect_row exempt[] = {ALL[7], ALL[11]};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.status = CARE_STATUS_OVERDUE;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, overdue, 3);
	cJSON_Delete(json);
	care_report_free(r);

	opts.status = CARE_STATUS_COMPLIANT;
	opts.competency = "IG";
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, ig_compliant, 3);
	cJSON_Delete(json);
	care_report_free(r);

	opts.competency = NULL;
	opts.status = CARE_STATUS_NOT_DUE;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, not_due, 1);
	cJSON_Delete(json);
	care_report_free(r);

	opts.status = CARE_STATUS_EXEMPT;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, exempt, 2);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Unit filter DEPA: the pairs with a passing assignment in DEPA's subtree
 * (S01, S02, S03, S05). Unit filter TA1: S01, and S03 through BOOK@TA1 only,
 * so S03's units are just TA1 (the units listed are those of the passing
 * assignments).
 */
static void filtered_by_unit(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row depa[] = {ALL[0], ALL[1], ALL[2], ALL[3], ALL[4], ALL[5], ALL[7], ALL[8]};
	expect_row ta1[] = {ALL[0], ALL[1], ALL[4], ALL[5]};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.unit = "DEPA";
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_filters(json, "DEPA", NULL, NULL, 0);
	check_rows(r, json, depa, 8);
	cJSON_Delete(json);
	care_report_free(r);

	opts.unit = "TA1";
	ta1[2].units = "TA1";
	ta1[3].units = "TA1";
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, ta1, 4);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Role NURSE: S04 only. Staff group admin-clerical: everyone but S04.
 * Patient-facing: everyone but S06 (ANALYST is not patient-facing).
 */
static void filtered_by_role_staff_group_and_patient_facing(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row nurse[] = {ALL[6]};
	const expect_row admin[] = {ALL[0], ALL[1], ALL[2], ALL[3],  ALL[4], ALL[5],
	                            ALL[7], ALL[8], ALL[9], ALL[10], ALL[11]};
	const expect_row facing[] = {ALL[0], ALL[1], ALL[2], ALL[3],  ALL[4], ALL[5],
	                             ALL[6], ALL[7], ALL[8], ALL[10], ALL[11]};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.role = "NURSE";
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, "NURSE", NULL, 0);
	check_rows(r, json, nurse, 1);
	cJSON_Delete(json);
	care_report_free(r);

	opts.role = NULL;
	opts.staff_group = CARE_SG_ADMIN_CLERICAL;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, NULL, "admin-clerical", 0);
	check_rows(r, json, admin, 11);
	cJSON_Delete(json);
	care_report_free(r);

	opts.staff_group = CARE_NONE;
	opts.patient_facing = 1;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, NULL, NULL, 1);
	check_rows(r, json, facing, 11);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/* due_soon_days 19: S01's IG (20 days) is no longer expiring; S08's CC (30)
 * neither. */
static void due_soon_days_moves_expiring(void **state)
{
	care_dataset *ds = load_main();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_row rows[sizeof ALL / sizeof ALL[0]];

	(void)state;
	memcpy(rows, ALL, sizeof rows);
	rows[1].expiring = 0;
	rows[10].expiring = 0;
	opts.as_of = D(AS_OF);
	opts.due_soon_days = 19;
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, rows, sizeof ALL / sizeof ALL[0]);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * X holds, in this order, REC@TA2, BOOK@TA2 and BOOK@TA1 from 2024-01-01,
 * and held ANALYST@OTHER until 2024-12-31 (not active on D). Y holds
 * ANALYST@OTHER from 2024-01-01 and REC@TA2 from 2025-06-01. Nobody trained.
 * On 2025-06-30:
 * X CC: REC and BOOK require it: units TA1,TA2 (sorted, TA2 once), roles
 *   BOOK,REC. P = 2024-01-01, g = min(90, 60) = 60: grace end 2024-03-01
 *   (2024 is a leap year: 31 + 29 days), overdue since then.
 * X ERS: BOOK at TA1 and TA2, grace end 2024-01-31.
 * X IG: REC@TA2 only (ANALYST ended); P = 2024-01-01, grace end 2024-01-31.
 * Y CC: REC@TA2 from 2025-06-01: grace end 2025-06-01 + 90 = 2025-08-30,
 *   not-due.
 * Y IG: ANALYST@OTHER and REC@TA2: P = 2024-01-01 (ANALYST), grace end
 *   2024-01-31, overdue since.
 */
static const char SORTED_STAFF[] =
    "'staff':[{'id':'Y','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'TA2','from':'2025-06-01'},"
    "{'role':'ANALYST','unit':'OTHER','from':'2024-01-01'}]},"
    "{'id':'X','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'TA2','from':'2024-01-01'},"
    "{'role':'BOOK','unit':'TA2','from':'2024-01-01'},"
    "{'role':'BOOK','unit':'TA1','from':'2024-01-01'},"
    "{'role':'ANALYST','unit':'OTHER','from':'2024-01-01','to':'2024-12-31'}]}]}";

static void units_and_roles_sorted_and_unique(void **state)
{
	care_dataset *ds = load(HEAD, SORTED_STAFF, END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row rows[] = {
	    {"X", "CC", O, 0, "null", "null", "2024-03-01", "TA1,TA2", "BOOK,REC"},
	    {"X", "ERS", O, 0, "null", "null", "2024-01-31", "TA1,TA2", "BOOK"},
	    {"X", "IG", O, 0, "null", "null", "2024-01-31", "TA2", "REC"},
	    {"Y", "CC", N, 0, "null", "2025-08-30", "null", "TA2", "REC"},
	    {"Y", "IG", O, 0, "null", "null", "2024-01-31", "OTHER,TA2", "ANALYST,REC"},
	};
	/* Unit filter TA2: the same statuses (filters choose rows, not
	 * statuses), with only the TA2 assignments listed. */
	const expect_row ta2[] = {
	    {"X", "CC", O, 0, "null", "null", "2024-03-01", "TA2", "BOOK,REC"},
	    {"X", "ERS", O, 0, "null", "null", "2024-01-31", "TA2", "BOOK"},
	    {"X", "IG", O, 0, "null", "null", "2024-01-31", "TA2", "REC"},
	    {"Y", "CC", N, 0, "null", "2025-08-30", "null", "TA2", "REC"},
	    {"Y", "IG", O, 0, "null", "null", "2024-01-31", "TA2", "REC"},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, rows, 5);
	cJSON_Delete(json);
	care_report_free(r);

	opts.unit = "TA2";
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, ta2, 5);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * Rows in byte order of staff id, then of competency: upper case before
 * lower case, "S10" before "S9". Units C and b; role r requires b-lower, Z
 * and A; role Q requires A. s-lower is r@b and Q@C, S9 r@C, S10 Q@b; all
 * since 2024-01-01 with 30 days' grace and no training: every pair is
 * overdue since 2024-01-31. s-lower's A comes from both roles: units C,b
 * and roles Q,r (byte order).
 */
static void rows_in_byte_order(void **state)
{
	care_dataset *ds = load(BYTE_ORDER_TRUST, END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row rows[] = {
	    {"S10", "A", O, 0, "null", "null", "2024-01-31", "b", "Q"},
	    {"S9", "A", O, 0, "null", "null", "2024-01-31", "C", "r"},
	    {"S9", "Z", O, 0, "null", "null", "2024-01-31", "C", "r"},
	    {"S9", "b-lower", O, 0, "null", "null", "2024-01-31", "C", "r"},
	    {"s-lower", "A", O, 0, "null", "null", "2024-01-31", "C,b", "Q,r"},
	    {"s-lower", "Z", O, 0, "null", "null", "2024-01-31", "b", "r"},
	    {"s-lower", "b-lower", O, 0, "null", "null", "2024-01-31", "b", "r"},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	r = report(CARE_REPORT_STAFF, ds, &opts);
	json = to_json(r);
	check_rows(r, json, rows, 7);
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
	opts.unit = "NOPE";
	assert_int_equal(care_report_new(&r, CARE_REPORT_STAFF, ds, &opts), CARE_ENOTFOUND);
	assert_null(r);
	opts.unit = NULL;
	opts.role = "NOPE";
	assert_int_equal(care_report_new(&r, CARE_REPORT_STAFF, ds, &opts), CARE_ENOTFOUND);
	assert_null(r);
	unload(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(whole_list_in_order),
	    cmocka_unit_test(filtered_by_status_and_competency),
	    cmocka_unit_test(filtered_by_unit),
	    cmocka_unit_test(filtered_by_role_staff_group_and_patient_facing),
	    cmocka_unit_test(due_soon_days_moves_expiring),
	    cmocka_unit_test(units_and_roles_sorted_and_unique),
	    cmocka_unit_test(rows_in_byte_order),
	    cmocka_unit_test(bad_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
