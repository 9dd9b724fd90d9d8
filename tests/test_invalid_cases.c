/*
 * Data-driven validation cases: each directory of tests/data/invalid holds an
 * input.json and the expected.json of what loading it must give:
 *
 *   "result":   "ok" | "syntax" | "format" | "invalid"   (the load's return)
 *   "strict":   true to load in strict mode (optional)
 *   "loaded":   {"units": n, ...}  records loaded per list (optional)
 *   "rejected": {"units": n, ...}  records rejected per list (optional)
 *   "issues":   [{severity, code, kind, id, index, field, line, column}...]
 *
 * Issues are compared as a multiset, messages left out (they are for
 * people). A strict case is loaded leniently too: the same issues must come
 * back, and the load succeeds unless the text is not a dataset at all. The
 * cases together must show every validation code of docs/validation.md, so dropping
 * the last case of a code fails the test. A new case needs no code here.
 * Run from the repository root (CTest does).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
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

#define CASES     "tests/data/invalid"
#define LINE_SIZE 320

/* The dataset file's list of each record kind, indexed by care_kind. */
static const char *const lists[] = {NULL,    "units",       "roles",        "modules",
                                    "staff", "completions", "interactions", "complaints"};
#define KIND_COUNT ((int)(sizeof lists / sizeof lists[0]))

static const char *const case_members[] = {"result",   "strict", "loaded",
                                           "rejected", "issues", NULL};
static const char *const issue_members[] = {"severity", "code", "kind",   "id", "index",
                                            "field",    "line", "column", NULL};

static int listed(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return 1;
	return 0;
}

/* One issue as a comparable line. */
static char *describe(const char *severity, const char *code, const char *kind, const char *id,
                      long index, const char *field, long line, long column)
{
	char *out = malloc(LINE_SIZE);

	if (out != NULL)
		snprintf(out, LINE_SIZE, "%s %s %s id=%.80s index=%ld field=%.80s at=%ld:%ld",
		         severity ? severity : "?", code ? code : "?", kind ? kind : "?",
		         id ? id : "null", index, field ? field : "null", line, column);
	return out;
}

static const char *text_or_null(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long number_or(const cJSON *o, const char *name, long none)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsNumber(v) ? (long)v->valuedouble : none;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A misspelt member of expected.json would silently drop a check, so every
 * member must be one the runner knows; every issue must name a the docs code.
 * Adds the expected codes to *codes. Returns the number of problems.
 */
static int lint_expected(const char *name, const cJSON *expected, unsigned long *codes)
{
	const cJSON *m, *item;
	int problems = 0, k;

	cJSON_ArrayForEach(m, expected)
	{
		if (!listed(m->string, case_members)) {
			printf("case %s: expected.json: unknown member \"%s\"\n", name, m->string);
			problems++;
		}
	}
	for (k = 0; k < 2; k++) {
		const cJSON *counts =
		    cJSON_GetObjectItemCaseSensitive(expected, k == 0 ? "loaded" : "rejected");
		cJSON_ArrayForEach(m, counts)
		{
			if (!listed(m->string, lists + 1) || !cJSON_IsNumber(m)) {
				printf("case %s: expected.json: bad count \"%s\"\n", name,
				       m->string);
				problems++;
			}
		}
	}
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(expected, "issues"))
	{
		const char *code = text_or_null(item, "code");
		int c = code ? care_issue_code_parse(code) : -1;
		if (c < 0) {
			printf("case %s: expected.json: \"%s\" is not a docs/validation.md code\n",
			       name, code ? code : "(none)");
			problems++;
		} else {
			*codes |= 1ul << c;
		}
		cJSON_ArrayForEach(m, item)
		{
			if (!listed(m->string, issue_members)) {
				printf("case %s: expected.json: unknown issue member \"%s\"\n",
				       name, m->string);
				problems++;
			}
		}
	}
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(expected, "issues"))) {
		printf("case %s: expected.json: \"issues\" must be a list\n", name);
		problems++;
	}
	return problems;
}

static const char *result_name(int rc)
{
	switch (rc) {
	case 0:
		return "ok";
	case CARE_ESYNTAX:
		return "syntax";
	case CARE_EFORMAT:
		return "format";
	case CARE_EINVALID:
		return "invalid";
	default:
		return care_strerror(rc);
	}
}

/* The loaded and rejected counts that expected.json gives. */
static int compare_counts(const char *name, const char *mode, const cJSON *expected,
                          const care_dataset *ds)
{
	const cJSON *loaded = cJSON_GetObjectItemCaseSensitive(expected, "loaded");
	const cJSON *rejected = cJSON_GetObjectItemCaseSensitive(expected, "rejected");
	int k, failures = 0;

	if (ds == NULL) {
		if (loaded || rejected) {
			printf("case %s (%s): counts expected, but nothing was loaded\n", name,
			       mode);
			failures++;
		}
		return failures;
	}
	for (k = 1; k < KIND_COUNT; k++) {
		long want_loaded = number_or(loaded, lists[k], -1);
		long want_rejected = number_or(rejected, lists[k], -1);
		size_t got_loaded = care_dataset_count(ds, (care_kind)k);
		size_t got_rejected = care_dataset_rejected_count(ds, (care_kind)k);

		if (want_loaded >= 0 && (size_t)want_loaded != got_loaded) {
			printf("case %s (%s): %zu %s loaded, expected %ld\n", name, mode,
			       got_loaded, lists[k], want_loaded);
			failures++;
		}
		if (want_rejected >= 0 && (size_t)want_rejected != got_rejected) {
			printf("case %s (%s): %zu %s rejected, expected %ld\n", name, mode,
			       got_rejected, lists[k], want_rejected);
			failures++;
		}
	}
	return failures;
}

/* Print what one sorted list has and the other lacks; returns how many. */
static int compare_sorted(const char *name, const char *mode, char **want, size_t n_want,
                          char **got, size_t n_got)
{
	size_t a = 0, b = 0;
	int failures = 0;

	while (a < n_want || b < n_got) {
		int c = a == n_want ? 1 : b == n_got ? -1 : strcmp(want[a], got[b]);
		if (c == 0) {
			a++, b++;
			continue;
		}
		printf("case %s (%s): %s issue: %s\n", name, mode, c < 0 ? "missing" : "unexpected",
		       c < 0 ? want[a] : got[b]);
		failures++;
		if (c < 0)
			a++;
		else
			b++;
	}
	return failures;
}

static void free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; lines && i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The issues found against those expected, as multisets. */
static int compare_issues(const char *name, const char *mode, const cJSON *expected,
                          const care_issues *found)
{
	const cJSON *want_list = cJSON_GetObjectItemCaseSensitive(expected, "issues");
	size_t n_want = (size_t)cJSON_GetArraySize(want_list);
	size_t n_got = care_issues_count(found), n = 0, i;
	char **want = calloc(n_want + 1, sizeof *want);
	char **got = calloc(n_got + 1, sizeof *got);
	const cJSON *item;
	int failures;

	assert_non_null(want);
	assert_non_null(got);
	cJSON_ArrayForEach(item, want_list)
	{
		want[n] = describe(text_or_null(item, "severity"), text_or_null(item, "code"),
		                   text_or_null(item, "kind"), text_or_null(item, "id"),
		                   number_or(item, "index", -1), text_or_null(item, "field"),
		                   number_or(item, "line", 0), number_or(item, "column", 0));
		assert_non_null(want[n]);
		n++;
	}
	for (i = 0; i < n_got; i++) {
		const care_issue *is = care_issues_get(found, i);
		got[i] = describe(is->severity == CARE_SEVERITY_ERROR ? "error" : "warning",
		                  care_issue_code_name(is->code),
		                  care_enum_name(CARE_ENUM_KIND, (int)is->kind), is->id, is->index,
		                  is->field, is->line, is->column);
		assert_non_null(got[i]);
		assert_non_null(is->message);
	}
	qsort(want, n_want, sizeof *want, line_cmp);
	qsort(got, n_got, sizeof *got, line_cmp);
	failures = compare_sorted(name, mode, want, n_want, got, n_got);
	free_lines(want, n_want);
	free_lines(got, n_got);
	return failures;
}

/* Load the input in one mode and compare everything expected.json gives. */
static int run_mode(const char *name, const char *input, size_t len, const cJSON *expected,
                    int strict, const char *want_result)
{
	care_load_options opts = CARE_LOAD_OPTIONS_INIT;
	care_dataset *ds = NULL;
	care_issues *found = NULL;
	const char *mode = strict ? "strict" : "lenient";
	int rc, failures = 0;

	opts.strict = strict;
	rc = care_dataset_load_buffer(&ds, &found, input, len, &opts);
	if (found == NULL) {
		printf("case %s (%s): no issue list (%s)\n", name, mode, care_strerror(rc));
		care_dataset_free(ds);
		return 1;
	}
	if (strcmp(result_name(rc), want_result) != 0) {
		printf("case %s (%s): result %s, expected %s\n", name, mode, result_name(rc),
		       want_result);
		failures++;
	}
	/* A strict case's counts, when given, are those of its lenient load. */
	if (!strict)
		failures += compare_counts(name, mode, expected, ds);
	failures += compare_issues(name, mode, expected, found);
	care_issues_free(found);
	care_dataset_free(ds);
	return failures;
}

/* Run one case; returns the number of failures, each printed. */
static int run_case(const char *name, unsigned long *codes)
{
	char path[512];
	size_t len = 0, expected_len = 0;
	char *input, *expected_text;
	cJSON *expected;
	const char *result;
	int failures;

	snprintf(path, sizeof path, CASES "/%s/input.json", name);
	input = slurp(path, &len);
	snprintf(path, sizeof path, CASES "/%s/expected.json", name);
	expected_text = slurp(path, &expected_len);
	expected = expected_text ? cJSON_Parse(expected_text) : NULL;
	if (input == NULL || expected == NULL) {
		printf("case %s: cannot read input.json, or expected.json is not JSON\n", name);
		free(input);
		free(expected_text);
		cJSON_Delete(expected);
		return 1;
	}
	failures = lint_expected(name, expected, codes);
	result = text_or_null(expected, "result");
	if (result == NULL) {
		printf("case %s: expected.json has no \"result\"\n", name);
		failures++;
	} else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(expected, "strict"))) {
		/* Strict and lenient loads report the same issues. */
		failures += run_mode(name, input, len, expected, 1, result);
		failures += run_mode(name, input, len, expected, 0,
		                     strcmp(result, "invalid") == 0 ? "ok" : result);
	} else {
		failures += run_mode(name, input, len, expected, 0, result);
	}
	cJSON_Delete(expected);
	free(input);
	free(expected_text);
	return failures;
}

static void every_case_matches(void **state)
{
	DIR *dir = opendir(CASES);
	struct dirent *e;
	unsigned long codes = 0;
	int failures = 0, cases = 0, code;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		failures += run_case(e->d_name, &codes);
		cases++;
	}
	closedir(dir);
	printf("%d cases\n", cases);
	assert_true(cases >= CARE_ISSUE_CODE_COUNT);
	/* Every validation code of docs/validation.md is expected by some case. */
	for (code = 0; code < CARE_ISSUE_CODE_COUNT; code++)
		if (!(codes & (1ul << code))) {
			printf("no case expects the code %s\n",
			       care_issue_code_name((care_issue_code)code));
			failures++;
		}
	assert_int_equal(failures, 0);
}

/* The cases may not lose a code of docs/validation.md: the list of codes is all 21, in the
 * library's order. */
static void every_spec_code_has_a_name(void **state)
{
	static const char *const spec_codes[] = {"syntax",
	                                         "format",
	                                         "type",
	                                         "required",
	                                         "unknown-field",
	                                         "bad-id",
	                                         "duplicate-id",
	                                         "bad-date",
	                                         "bad-enum",
	                                         "out-of-range",
	                                         "bad-text",
	                                         "dangling-ref",
	                                         "date-order",
	                                         "unit-cycle",
	                                         "duplicate-requirement",
	                                         "score-below-pass-mark",
	                                         "outside-employment",
	                                         "overlapping-assignment",
	                                         "after-extract",
	                                         "looks-like-nhs-number",
	                                         "unknown-manager"};
	size_t i;

	(void)state;
	assert_int_equal(sizeof spec_codes / sizeof spec_codes[0], CARE_ISSUE_CODE_COUNT);
	for (i = 0; i < sizeof spec_codes / sizeof spec_codes[0]; i++)
		assert_int_equal(care_issue_code_parse(spec_codes[i]), (int)i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_spec_code_has_a_name),
	    cmocka_unit_test(every_case_matches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
