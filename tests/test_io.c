/*
 * Loading and saving the dataset file: lenient and strict loads, rejects,
 * the canonical form and atomic saves.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

#define SMALL "tests/data/small.json"

static int has_issue(const care_issues *issues, const char *code, const char *kind_id,
                     const char *field)
{
	size_t i;

	for (i = 0; i < care_issues_count(issues); i++) {
		const care_issue *is = care_issues_get(issues, i);
		if (strcmp(care_issue_code_name(is->code), code) == 0 &&
		    (kind_id == NULL || (is->id && strcmp(is->id, kind_id) == 0)) &&
		    (field == NULL || (is->field && strcmp(is->field, field) == 0)))
			return 1;
	}
	return 0;
}

static void lenient_load_keeps_rejects(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	size_t len;
	const char *raw;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, &issues, SMALL, NULL), 0);
	assert_non_null(ds);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_UNIT), 2);
	assert_int_equal(care_dataset_rejected_count(ds, CARE_KIND_UNIT), 3);
	assert_true(has_issue(issues, "unit-cycle", "LOOP1", "parent"));
	assert_true(has_issue(issues, "unit-cycle", "LOOP2", "parent"));
	assert_true(has_issue(issues, "dangling-ref", "UNDER", "parent"));
	assert_false(has_issue(issues, "dangling-ref", "LOOP1", NULL));
	assert_true(
	    has_issue(issues, "duplicate-requirement", "DUP", "requirements[1].competency"));
	/* S3 holds the rejected role DUP, so S3 is rejected, and so are its
	 * completion and its complaint. */
	assert_true(has_issue(issues, "dangling-ref", "S3", "assignments[0].role"));
	assert_true(has_issue(issues, "dangling-ref", "C3", "staff"));
	assert_true(has_issue(issues, "dangling-ref", "K2", "staff[0]"));
	assert_int_equal(care_dataset_count(ds, CARE_KIND_STAFF), 2);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), 2);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLAINT), 1);
	/* Kept whole and unchanged. */
	raw = care_dataset_rejected(ds, CARE_KIND_UNIT, 0, &len);
	assert_non_null(raw);
	assert_int_equal(len,
	                 strlen("{\"id\":\"LOOP1\",\"name\":\"Loop one\",\"parent\":\"LOOP2\"}"));
	assert_memory_equal(raw, "{\"id\":\"LOOP1\",\"name\":\"Loop one\",\"parent\":\"LOOP2\"}",
	                    len);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void rejects_load_again(void **state)
{
	care_dataset *ds = NULL, *again = NULL;
	care_issues *issues = NULL;
	char *text = NULL;
	size_t len;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, NULL, SMALL, NULL), 0);
	assert_int_equal(care_dataset_dump_rejects(&text, &len, ds), 0);
	/* The rejects file is a dataset file of its own: it parses, and holds
	 * every rejected record (they are rejected again, for the same reasons
	 * or because what they refer to is not in it). */
	assert_int_equal(care_dataset_load_buffer(&again, &issues, text, len, NULL), 0);
	assert_int_equal(care_dataset_rejected_count(again, CARE_KIND_UNIT) +
	                     care_dataset_count(again, CARE_KIND_UNIT),
	                 3);
	assert_int_equal(care_dataset_rejected_count(again, CARE_KIND_STAFF) +
	                     care_dataset_count(again, CARE_KIND_STAFF),
	                 1);
	care_free(text);
	care_issues_free(issues);
	care_dataset_free(again);
	care_dataset_free(ds);
}

static void strict_load_fails_whole(void **state)
{
	care_dataset *ds = (care_dataset *)&ds;
	care_issues *issues = NULL;
	care_load_options opts = CARE_LOAD_OPTIONS_INIT;

	(void)state;
	opts.strict = 1;
	assert_int_equal(care_dataset_load_file(&ds, &issues, SMALL, &opts), CARE_EINVALID);
	assert_null(ds);
	assert_int_equal(care_issues_errors(issues), 7);
	care_issues_free(issues);
}

static void save_load_save_is_identical(void **state)
{
	care_dataset *ds = NULL, *again = NULL;
	char *first = NULL, *second = NULL;
	size_t n1, n2;
	care_issues *issues = NULL;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, NULL, SMALL, NULL), 0);
	assert_int_equal(care_dataset_dump(&first, &n1, ds), 0);
	assert_int_equal(care_dataset_load_buffer(&again, &issues, first, n1, NULL), 0);
	assert_int_equal(care_issues_errors(issues), 0);
	assert_int_equal(care_dataset_dump(&second, &n2, again), 0);
	assert_int_equal(n1, n2);
	assert_memory_equal(first, second, n1);
	/* The generated id is written out. */
	assert_non_null(strstr(first, "\"id\":\""));
	assert_null(strstr(first, "LOOP"));
	assert_non_null(strstr(first, "\"at\":\"2026-03-30T09:15:00.250Z\""));
	assert_non_null(strstr(first, "\"specialty\":\"110\""));
	care_free(first);
	care_free(second);
	care_issues_free(issues);
	care_dataset_free(again);
	care_dataset_free(ds);
}

static void syntax_and_format_errors(void **state)
{
	static const struct {
		const char *text;
		int rc;
		long line, column;
		const char *field;
	} cases[] = {
	    {"{\"format\":\"libcare-dataset\",\n\"version\":1,}", CARE_ESYNTAX, 2, 13, NULL},
	    {"[1,2]", CARE_EFORMAT, 0, 0, NULL},
	    {"{\"format\":\"other\",\"version\":1}", CARE_EFORMAT, 0, 0, "format"},
	    {"{\"format\":\"libcare-dataset\"}", CARE_EFORMAT, 0, 0, "version"},
	    {"{\"format\":\"libcare-dataset\",\"version\":2}", CARE_EFORMAT, 0, 0, "version"},
	    {"{\"format\":\"libcare-dataset\",\"version\":1.0}", 0, 0, 0, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		care_dataset *ds = NULL;
		care_issues *issues = NULL;
		int rc = care_dataset_load_buffer(&ds, &issues, cases[i].text,
		                                  strlen(cases[i].text), NULL);
		assert_int_equal(rc, cases[i].rc);
		if (rc != 0) {
			const care_issue *is = care_issues_get(issues, 0);
			assert_null(ds);
			assert_int_equal(care_issues_count(issues), 1);
			assert_int_equal(is->line, cases[i].line);
			assert_int_equal(is->column, cases[i].column);
			if (cases[i].field)
				assert_string_equal(is->field, cases[i].field);
		}
		care_issues_free(issues);
		care_dataset_free(ds);
	}
}

static void save_is_atomic(void **state)
{
	char dir[] = "/tmp/care-io-XXXXXX", path[64], blocker[80];
	care_dataset *ds = NULL;
	char *before, *after;
	size_t n1, n2;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.json", dir);
	assert_int_equal(care_dataset_load_file(&ds, NULL, SMALL, NULL), 0);
	f = fopen(path, "w");
	fputs("precious", f);
	fclose(f);
	assert_int_equal(care_dataset_save(ds, path), 0);
	before = slurp(path, &n1);
	assert_non_null(before);
	assert_int_equal(strncmp(before, "{\"format\":\"libcare-dataset\"", 27), 0);
	/* A save that cannot finish (the target is a directory) leaves what was
	 * there, and no temporary file behind. */
	snprintf(blocker, sizeof blocker, "%s/blocked", dir);
	assert_int_equal(mkdir(blocker, 0700), 0);
	assert_int_equal(care_dataset_save(ds, blocker), CARE_EIO);
	assert_int_equal(care_dataset_save(ds, "/nonexistent-dir/x.json"), CARE_EIO);
	assert_non_null(strstr(care_error_last(), "/nonexistent-dir/x.json"));
	after = slurp(path, &n2);
	assert_non_null(after);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	rmdir(blocker);
	unlink(path);
	assert_int_equal(rmdir(dir), 0); /* empty: no temporary left */
	free(before);
	free(after);
	care_dataset_free(ds);
}

static void missing_file_is_eio(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, &issues, "tests/data/no-such-file.json", NULL),
	                 CARE_EIO);
	assert_null(ds);
	assert_non_null(strstr(care_error_last(), "no-such-file.json"));
	care_issues_free(issues);
	assert_int_equal(care_dataset_load_file(NULL, NULL, SMALL, NULL), CARE_EINVAL);
}

static void issues_json(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *json = NULL;

	(void)state;
	static const char text[] = "{\"format\":\"libcare-dataset\",\"version\":1,\"x\":1}";

	assert_int_equal(care_dataset_load_buffer(&ds, &issues, text, sizeof text - 1, NULL), 0);
	assert_int_equal(care_issues_to_json(&json, issues), 0);
	assert_string_equal(
	    json,
	    "{\"report\":\"validation\",\"errors\":0,\"warnings\":1,\"issues\":"
	    "[{\"severity\":\"warning\",\"code\":\"unknown-field\",\"kind\":"
	    "\"dataset\",\"id\":null,\"index\":null,\"field\":\"x\",\"line\":"
	    "null,\"column\":null,\"file\":null,\"message\":\"unknown field x (ignored)\"}]}");
	care_free(json);
	care_issues_free(issues);
	care_dataset_free(ds);
}

/* Text that is not UTF-8 (an id as written, a date quoted in a message) still gives valid JSON. */
static void issues_json_is_utf8(void **state)
{
	static const char text[] = "{\"format\":\"libcare-dataset\",\"version\":1,\"units\":"
	                           "[{\"id\":\"a\xff"
	                           "b\",\"name\":\"x\"}],\"staff\":[{\"id\":\"S\","
	                           "\"started_on\":\"2024-13-\xe9\",\"assignments\":[]}]}";
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *json = NULL;

	(void)state;
	assert_int_equal(care_dataset_load_buffer(&ds, &issues, text, sizeof text - 1, NULL), 0);
	assert_int_equal(care_issues_errors(issues), 2);
	assert_memory_equal(care_issues_get(issues, 0)->id,
	                    "a\xff"
	                    "b",
	                    4); /* as written */
	assert_int_equal(care_issues_to_json(&json, issues), 0);
	assert_null(strchr(json, '\xff'));
	assert_null(strchr(json, '\xe9'));
	assert_non_null(strstr(json, "\"id\":\"a\\ufffdb\""));
	care_free(json);
	care_issues_free(issues);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(lenient_load_keeps_rejects),
	    cmocka_unit_test(rejects_load_again),
	    cmocka_unit_test(strict_load_fails_whole),
	    cmocka_unit_test(save_load_save_is_identical),
	    cmocka_unit_test(syntax_and_format_errors),
	    cmocka_unit_test(save_is_atomic),
	    cmocka_unit_test(missing_file_is_eio),
	    cmocka_unit_test(issues_json),
	    cmocka_unit_test(issues_json_is_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
