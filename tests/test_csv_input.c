/*
 * The CSV form as exports come: quoting, embedded newlines, a BOM, CRLF, headers that lack
 * or add columns, rows of the wrong length, bad UTF-8, orphan rows, and mappings (the ESR
 * sample loads to the sample trust).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

static const char roles[] = "id,title,staff_group,patient_facing,clinical\n"
                            "REC,Receptionist,admin-clerical,true,false\n";
static const char units[] = "id,name,parent\nPA,Patient Access,\n";

/* Load a staff.csv and assignments.csv (with the roles and units above). */
static int load_pair(care_dataset **ds, care_issues **issues, const char *staff,
                     const char *assignments, const care_csv_mapping *map)
{
	care_csv_file files[4] = {{"roles.csv", roles, sizeof roles - 1},
	                          {"units.csv", units, sizeof units - 1},
	                          {"staff.csv", staff, strlen(staff)},
	                          {"assignments.csv", assignments, strlen(assignments)}};

	return care_dataset_load_csv_files(ds, issues, files, 4, map, NULL);
}

static const care_issue *only_issue(const care_issues *issues)
{
	if (care_issues_count(issues) != 1) {
		char *json = NULL;
		care_issues_to_json(&json, issues);
		fail_msg("expected one issue, got %s", json);
	}
	return care_issues_get(issues, 0);
}

static const char assign_ok[] = "staff,role,unit,from\nS1,REC,PA,2020-01-06\n";

static void quoting_and_newlines(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *text = NULL;
	(void)state;

	assert_int_equal(load_pair(&ds, &issues,
	                           "id,name,started_on\r\n"
	                           "S1,\"Smith, \"\"Jo\"\"\r\nsecond line\",2020-01-06\r\n",
	                           assign_ok, NULL),
	                 0);
	assert_int_equal(care_issues_count(issues), 0);
	assert_int_equal(care_dataset_dump(&text, NULL, ds), 0);
	assert_non_null(strstr(text, "\"name\":\"Smith, \\\"Jo\\\"\\r\\nsecond line\""));
	care_free(text);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void bom_crlf_and_blank_lines(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	(void)state;

	assert_int_equal(load_pair(&ds, &issues,
	                           "\xEF\xBB\xBFid,started_on\r\n\r\nS1,2020-01-06\r\n", assign_ok,
	                           NULL),
	                 0);
	assert_int_equal(care_issues_count(issues), 0);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_STAFF), 1);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void missing_required_column(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;
	(void)state;

	assert_int_equal(load_pair(&ds, &issues, "id,name\nS1,Jo\n", assign_ok, NULL),
	                 CARE_EFORMAT);
	assert_null(ds);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_FORMAT);
	assert_string_equal(is->file, "staff.csv");
	assert_string_equal(is->field, "started_on");
	assert_non_null(strstr(is->message, "staff.csv"));
	care_issues_free(issues);
}

static void unknown_column(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;
	(void)state;

	assert_int_equal(
	    load_pair(&ds, &issues, "id,grade,started_on\nS1,4,2020-01-06\nS2,5,2020-01-06\n",
	              "staff,role,unit,from\nS1,REC,PA,2020-01-06\nS2,REC,PA,2020-01-06\n", NULL),
	    0);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_UNKNOWN_FIELD);
	assert_int_equal(is->kind, CARE_KIND_STAFF);
	assert_string_equal(is->field, "grade");
	assert_int_equal(is->line, 1);
	assert_int_equal(is->column, 2);
	assert_int_equal(is->index, -1);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void row_length(const char *staff, long line, long column)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;

	assert_int_equal(load_pair(&ds, &issues, staff, assign_ok, NULL), CARE_ESYNTAX);
	assert_null(ds);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_SYNTAX);
	assert_string_equal(is->file, "staff.csv");
	assert_int_equal(is->line, line);
	assert_int_equal(is->column, column);
	care_issues_free(issues);
}

static void short_and_long_rows(void **state)
{
	(void)state;
	row_length("id,name,started_on\nS1,Jo,2020-01-06\nS2,Al\n", 3, 3);
	row_length("id,name,started_on\nS1,\"Jo\nand more\",2020-01-06\nS2,Al,2020-01-06,x\n", 4,
	           4);
	/* A quote left open runs to the end of the file. */
	row_length("id,name,started_on\nS1,\"Jo,2020-01-06\n", 2, 2);
}

static void bad_utf8(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;
	(void)state;

	assert_int_equal(load_pair(&ds, &issues, "id,name,started_on\nS1,Jo\xC3\x28,2020-01-06\n",
	                           assign_ok, NULL),
	                 0);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_BAD_TEXT);
	assert_string_equal(is->field, "name");
	assert_int_equal(is->line, 2);
	assert_int_equal(is->column, 2);
	assert_string_equal(is->file, "staff.csv");
	assert_int_equal(care_dataset_rejected_count(ds, CARE_KIND_STAFF), 1);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void orphan_assignment(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;
	(void)state;

	assert_int_equal(
	    load_pair(&ds, &issues, "id,started_on\nS1,2020-01-06\n",
	              "staff,role,unit,from\nS1,REC,PA,2020-01-06\nS9,REC,PA,2020-01-06\n", NULL),
	    0);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_DANGLING_REF);
	assert_int_equal(is->kind, CARE_KIND_STAFF);
	assert_string_equal(is->id, "S9");
	assert_int_equal(is->index, -1);
	assert_string_equal(is->field, "staff");
	assert_string_equal(is->file, "assignments.csv");
	assert_int_equal(is->line, 3);
	assert_int_equal(is->column, 1);
	care_issues_free(issues);
	care_dataset_free(ds);
}

/* An issue in an owned row is placed in that row's file. */
static void issue_in_an_assignment_row(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;
	(void)state;

	assert_int_equal(
	    load_pair(&ds, &issues, "id,started_on\nS1,2020-01-06\n",
	              "staff,from,role,unit\nS1,2020-01-06,REC,PA\nS1,2021-13-01,REC,PA\n", NULL),
	    0);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_BAD_DATE);
	assert_string_equal(is->field, "assignments[1].from");
	assert_string_equal(is->file, "assignments.csv");
	assert_int_equal(is->line, 3);
	assert_int_equal(is->column, 2);
	assert_int_equal(is->index, 0);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void mapping_names_a_missing_column(void **state)
{
	static const char map_text[] =
	    "{\"format\":\"libcare-csv-mapping\",\"version\":1,\"lists\":{\"staff\":"
	    "{\"columns\":{\"name\":\"Full Name\"}}}}";
	care_csv_mapping *map = NULL;
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *is;
	(void)state;

	assert_int_equal(care_csv_mapping_parse(&map, map_text, sizeof map_text - 1), 0);
	assert_int_equal(load_pair(&ds, &issues, "id,started_on\nS1,2020-01-06\n", assign_ok, map),
	                 CARE_EFORMAT);
	is = only_issue(issues);
	assert_int_equal(is->code, CARE_ISSUE_FORMAT);
	assert_string_equal(is->field, "Full Name");
	assert_string_equal(is->file, "staff.csv");
	care_issues_free(issues);
	care_csv_mapping_free(map);
}

static void bad_mappings(void **state)
{
	static const char *const texts[] = {
	    "{\"format\":\"x\",\"version\":1,\"lists\":{}}",
	    "{\"format\":\"libcare-csv-mapping\",\"version\":1,\"lists\":{\"people\":{}}}",
	    "{\"format\":\"libcare-csv-mapping\",\"version\":1,\"lists\":{\"staff\":"
	    "{\"date_format\":\"DD/MM/YY\"}}}",
	    "{\"format\":\"libcare-csv-mapping\",\"version\":1,\"lists\":{\"staff\":"
	    "{\"columns\":{\"grade\":\"Grade\"}}}}",
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		care_csv_mapping *map = NULL;
		assert_int_equal(care_csv_mapping_parse(&map, texts[i], strlen(texts[i])),
		                 CARE_EFORMAT);
		assert_null(map);
	}
}

static void no_files(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	(void)state;

	assert_int_equal(care_dataset_load_csv_files(&ds, &issues, NULL, 0, NULL, NULL),
	                 CARE_EFORMAT);
	assert_int_equal(only_issue(issues)->code, CARE_ISSUE_FORMAT);
	care_issues_free(issues);
}

/* The ESR-style sample, read with its mapping, is the sample trust. */
static void esr_sample_is_the_sample_trust(void **state)
{
	care_csv_mapping *map = NULL;
	care_dataset *a = NULL, *b = NULL;
	care_issues *ia = NULL, *ib = NULL;
	char *ta = NULL, *tb = NULL;
	(void)state;

	assert_int_equal(care_csv_mapping_load(&map, "examples/esr/mapping.json"), 0);
	assert_int_equal(care_dataset_load_path(&b, &ib, "examples/esr", map, NULL), 0);
	assert_int_equal(
	    care_dataset_load_path(&a, &ia, "examples/data/sample-trust.json", NULL, NULL), 0);
	assert_int_equal(care_issues_count(ib), care_issues_count(ia));
	assert_int_equal(care_dataset_dump(&ta, NULL, a), 0);
	assert_int_equal(care_dataset_dump(&tb, NULL, b), 0);
	if (strcmp(ta, tb) != 0)
		fail_msg("examples/esr does not load to the sample trust");
	/* Without the mapping, the export's headers are not the library's. */
	care_dataset_free(b);
	care_issues_free(ib);
	assert_int_equal(care_dataset_load_csv(&b, &ib, "examples/esr", NULL, NULL), CARE_EFORMAT);
	assert_string_equal(care_issues_get(ib, 0)->file, "roles.csv");
	care_free(ta);
	care_free(tb);
	care_issues_free(ia);
	care_issues_free(ib);
	care_dataset_free(a);
	care_dataset_free(b);
	care_csv_mapping_free(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quoting_and_newlines),
	    cmocka_unit_test(bom_crlf_and_blank_lines),
	    cmocka_unit_test(missing_required_column),
	    cmocka_unit_test(unknown_column),
	    cmocka_unit_test(short_and_long_rows),
	    cmocka_unit_test(bad_utf8),
	    cmocka_unit_test(orphan_assignment),
	    cmocka_unit_test(issue_in_an_assignment_row),
	    cmocka_unit_test(mapping_names_a_missing_column),
	    cmocka_unit_test(bad_mappings),
	    cmocka_unit_test(no_files),
	    cmocka_unit_test(esr_sample_is_the_sample_trust),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
