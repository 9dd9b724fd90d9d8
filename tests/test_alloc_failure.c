/*
 * Fail the 1st, 2nd, ... Nth allocation of a load (and of the saves and
 * reports on its result) in turn: every call must fail cleanly with
 * CARE_ENOMEM and leak nothing (curl's torture tests, SQLite's malloc tests).
 */
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

static char *text, *managed;
static size_t text_len, managed_len;

static int setup(void **state)
{
	(void)state;
	text = slurp("tests/data/small.json", &text_len);
	managed = slurp("tests/data/managers.json", &managed_len);
	if (text == NULL || managed == NULL)
		return -1;
	return care_set_allocator(&test_allocator);
}

static int teardown(void **state)
{
	(void)state;
	free(text);
	free(managed);
	return care_set_allocator(NULL);
}

/*
 * The manager line: a load whose managers are checked after the staff list
 * (one unknown), the whole line below a manager over a trend, grouping by
 * manager, the staff list with names and managers, the cost of a target.
 */
static int managers_round(void)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *out = NULL;
	int rc, kind;

	rc = care_dataset_load_buffer(&ds, &issues, managed, managed_len, NULL);
	for (kind = CARE_REPORT_COMPLIANCE; rc == 0 && kind <= CARE_REPORT_FORECAST; kind++) {
		care_report_options o = CARE_REPORT_OPTIONS_INIT;
		care_report *r = NULL;
		if (kind == CARE_REPORT_OUTCOMES || kind == CARE_REPORT_COMPLAINTS)
			continue;
		care_date_parse(&o.as_of, "2026-03-31", 10);
		care_date_parse(&o.from, "2025-01-01", 10);
		care_date_parse(&o.to, "2026-03-31", 10);
		care_date_parse(&o.target, "2027-03-31", 10);
		o.target_percent = 80;
		o.group_by = CARE_GROUP_MANAGER;
		o.manager = kind == CARE_REPORT_COMPLIANCE ? NULL : "M1";
		o.all_reports = kind != CARE_REPORT_COMPLIANCE;
		rc = care_report_new(&r, (care_report_kind)kind, ds, &o);
		if (rc == 0)
			rc = care_report_to_json(&out, r);
		care_free(out);
		out = NULL;
		if (rc == 0)
			rc = care_report_to_csv(&out, r);
		care_free(out);
		out = NULL;
		care_report_free(r);
	}
	care_issues_free(issues);
	care_dataset_free(ds);
	return rc;
}

/* One round: load, dump, dump rejects, issues to JSON, every report. 0 or CARE_ENOMEM. */
static int round_trip(void)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *out = NULL;
	int rc, kind;

	rc = care_dataset_load_buffer(&ds, &issues, text, text_len, NULL);
	if (rc == 0)
		rc = care_dataset_dump(&out, NULL, ds);
	care_free(out);
	out = NULL;
	if (rc == 0)
		rc = care_dataset_dump_rejects(&out, NULL, ds);
	care_free(out);
	out = NULL;
	if (rc == 0)
		rc = care_issues_to_json(&out, issues);
	care_free(out);
	out = NULL;
	/* Every report, as data, JSON and CSV, and a merge. */
	for (kind = CARE_REPORT_COMPLIANCE; rc == 0 && kind <= CARE_REPORT_FORECAST; kind++) {
		care_report_options o = CARE_REPORT_OPTIONS_INIT;
		care_report *r = NULL, *again = NULL;
		care_date_parse(&o.as_of, "2026-03-31", 10);
		care_date_parse(&o.from, "2025-10-01", 10);
		care_date_parse(&o.to, "2026-03-31", 10);
		care_date_parse(&o.target, "2026-12-31", 10);
		o.competency = "customer-care";
		o.group_by = CARE_GROUP_UNIT;
		o.min_cell = 2;
		rc = care_report_new(&r, (care_report_kind)kind, ds, &o);
		if (rc == 0)
			rc = care_report_new(&again, (care_report_kind)kind, ds, &o);
		if (rc == 0)
			rc = care_report_merge(r, again);
		if (rc == 0)
			rc = care_report_to_json(&out, r);
		care_free(out);
		out = NULL;
		if (rc == 0 && care_report_to_csv(&out, r) == CARE_ENOMEM)
			rc = CARE_ENOMEM;
		care_free(out);
		out = NULL;
		care_report_free(r);
		care_report_free(again);
	}
	if (rc == 0) {
		care_status_info si;
		rc = care_status_get(&si, ds, "S1", "customer-care", 20000, 30);
	}
	care_issues_free(issues);
	care_dataset_free(ds);
	return rc == 0 ? managers_round() : rc;
}

static void every_allocation_may_fail(void **state)
{
	long n, total;

	(void)state;
	/* Count the allocations of a clean run. */
	test_alloc_fail_at = 0;
	test_alloc_calls = 0;
	test_alloc_live = 0;
	assert_int_equal(round_trip(), 0);
	assert_int_equal(test_alloc_live, 0);
	total = test_alloc_calls;
	assert_true(total > 50);
	for (n = 1; n <= total; n++) {
		int rc;
		test_alloc_fail_at = n;
		test_alloc_calls = 0;
		test_alloc_live = 0;
		rc = round_trip();
		if (rc != CARE_ENOMEM)
			fail_msg("allocation %ld of %ld: expected CARE_ENOMEM, got %d", n, total,
			         rc);
		if (test_alloc_live != 0)
			fail_msg("allocation %ld of %ld failed: %ld blocks leaked", n, total,
			         test_alloc_live);
		assert_int_equal(care_error_last_code(), CARE_ENOMEM);
	}
	test_alloc_fail_at = 0;
}

/* A load from a file (mapped, not copied): every allocation of it may fail in turn too. */
static int file_load(void)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	int rc = care_dataset_load_file(&ds, &issues, "tests/data/small.json", NULL);

	care_issues_free(issues);
	care_dataset_free(ds);
	return rc;
}

static void every_allocation_of_a_file_load_may_fail(void **state)
{
	long n, total;

	(void)state;
	test_alloc_fail_at = 0;
	test_alloc_calls = 0;
	test_alloc_live = 0;
	assert_int_equal(file_load(), 0);
	assert_int_equal(test_alloc_live, 0);
	total = test_alloc_calls;
	assert_true(total > 20);
	for (n = 1; n <= total; n++) {
		int rc;
		test_alloc_fail_at = n;
		test_alloc_calls = 0;
		test_alloc_live = 0;
		rc = file_load();
		if (rc != CARE_ENOMEM)
			fail_msg("allocation %ld of %ld: expected CARE_ENOMEM, got %d", n, total,
			         rc);
		if (test_alloc_live != 0)
			fail_msg("allocation %ld of %ld failed: %ld blocks leaked", n, total,
			         test_alloc_live);
	}
	test_alloc_fail_at = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_allocation_may_fail),
	    cmocka_unit_test(every_allocation_of_a_file_load_may_fail),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
