/*
 * Data-driven validation cases: each directory of tests/data/invalid holds an
 * input.json and the expected.json of what loading it must give — the result
 * ("ok", "syntax", "format", "invalid"), optionally "strict": true, the
 * loaded and rejected counts per list, and every issue (severity, code,
 * kind, id, index, field, line, column; messages are for people and are not
 * compared). Issues are compared as a multiset. A new case needs no code.
 * The cases together must show every validation code of SPEC 4.
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

#define CASES "tests/data/invalid"

static const char *const lists[] = {NULL,    "units",       "roles",        "modules",
                                    "staff", "completions", "interactions", "complaints"};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* One issue as a comparable line. */
static void describe(char *out, size_t size, const char *severity, const char *code,
                     const char *kind, const char *id, long index, const char *field, long line,
                     long column)
{
	snprintf(out, size, "%s %s %s id=%.70s index=%ld field=%s at=%ld:%ld", severity, code, kind,
	         id ? id : "null", index, field ? field : "null", line, column);
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

/* Run one case; returns the number of failures, printing each. */
static int run_case(const char *name, unsigned *codes_seen)
{
	char path[512], **want = NULL, **got = NULL;
	size_t len, n_want, n_got, i;
	char *input, *expected_text;
	cJSON *expected, *issues, *item;
	care_load_options opts = CARE_LOAD_OPTIONS_INIT;
	care_dataset *ds = NULL;
	care_issues *found = NULL;
	const char *result;
	int rc, failures = 0, k;

	snprintf(path, sizeof path, CASES "/%s/input.json", name);
	input = slurp(path, &len);
	snprintf(path, sizeof path, CASES "/%s/expected.json", name);
	expected_text = slurp(path, &i);
	if (input == NULL || expected_text == NULL) {
		printf("case %s: cannot read input.json or expected.json\n", name);
		free(input);
		free(expected_text);
		return 1;
	}
	expected = cJSON_Parse(expected_text);
	if (expected == NULL) {
		printf("case %s: expected.json is not JSON\n", name);
		free(input);
		free(expected_text);
		return 1;
	}
	opts.strict = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(expected, "strict"));
	rc = care_dataset_load_buffer(&ds, &found, input, len, &opts);
	result = rc == 0               ? "ok"
	         : rc == CARE_ESYNTAX  ? "syntax"
	         : rc == CARE_EFORMAT  ? "format"
	         : rc == CARE_EINVALID ? "invalid"
	                               : "other";
	if (strcmp(result, text_or_null(expected, "result") ? text_or_null(expected, "result")
	                                                    : "?") != 0) {
		printf("case %s: result %s, expected %s\n", name, result,
		       text_or_null(expected, "result"));
		failures++;
	}
	for (k = 1; k < 8 && ds; k++) {
		const cJSON *loaded = cJSON_GetObjectItemCaseSensitive(expected, "loaded");
		const cJSON *rejected = cJSON_GetObjectItemCaseSensitive(expected, "rejected");
		long want_loaded = number_or(loaded, lists[k], -1);
		long want_rejected = number_or(rejected, lists[k], -1);
		if (want_loaded >= 0 &&
		    (size_t)want_loaded != care_dataset_count(ds, (care_kind)k)) {
			printf("case %s: %zu %s loaded, expected %ld\n", name,
			       care_dataset_count(ds, (care_kind)k), lists[k], want_loaded);
			failures++;
		}
		if (want_rejected >= 0 &&
		    (size_t)want_rejected != care_dataset_rejected_count(ds, (care_kind)k)) {
			printf("case %s: %zu %s rejected, expected %ld\n", name,
			       care_dataset_rejected_count(ds, (care_kind)k), lists[k],
			       want_rejected);
			failures++;
		}
	}
	issues = cJSON_GetObjectItemCaseSensitive(expected, "issues");
	n_want = (size_t)cJSON_GetArraySize(issues);
	n_got = care_issues_count(found);
	want = calloc(n_want + 1, sizeof *want);
	got = calloc(n_got + 1, sizeof *got);
	i = 0;
	cJSON_ArrayForEach(item, issues)
	{
		want[i] = malloc(256);
		describe(want[i], 256, text_or_null(item, "severity"), text_or_null(item, "code"),
		         text_or_null(item, "kind"), text_or_null(item, "id"),
		         number_or(item, "index", -1), text_or_null(item, "field"),
		         number_or(item, "line", 0), number_or(item, "column", 0));
		i++;
	}
	for (i = 0; i < n_got; i++) {
		const care_issue *is = care_issues_get(found, i);
		got[i] = malloc(256);
		describe(got[i], 256, is->severity == CARE_SEVERITY_ERROR ? "error" : "warning",
		         care_issue_code_name(is->code),
		         care_enum_name(CARE_ENUM_KIND, (int)is->kind), is->id, is->index,
		         is->field, is->line, is->column);
		*codes_seen |= 1u << is->code;
	}
	qsort(want, n_want, sizeof *want, line_cmp);
	qsort(got, n_got, sizeof *got, line_cmp);
	{
		size_t a = 0, b = 0;
		while (a < n_want || b < n_got) {
			int c = a == n_want ? 1 : b == n_got ? -1 : strcmp(want[a], got[b]);
			if (c == 0) {
				a++, b++;
				continue;
			}
			printf("case %s: %s issue: %s\n", name, c < 0 ? "missing" : "unexpected",
			       c < 0 ? want[a] : got[b]);
			failures++;
			if (c < 0)
				a++;
			else
				b++;
		}
	}
	for (i = 0; i < n_want; i++)
		free(want[i]);
	for (i = 0; i < n_got; i++)
		free(got[i]);
	free(want);
	free(got);
	care_issues_free(found);
	care_dataset_free(ds);
	cJSON_Delete(expected);
	free(input);
	free(expected_text);
	return failures;
}

static void every_case_matches(void **state)
{
	DIR *dir = opendir(CASES);
	struct dirent *e;
	unsigned seen = 0;
	int failures = 0, cases = 0, code;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		failures += run_case(e->d_name, &seen);
		cases++;
	}
	closedir(dir);
	printf("%d cases\n", cases);
	assert_true(cases >= 20);
	/* Every validation code of SPEC 4 is shown by some case. */
	for (code = 0; code < CARE_ISSUE_CODE_COUNT; code++)
		if (!(seen & (1u << code))) {
			printf("no case shows the code %s\n",
			       care_issue_code_name((care_issue_code)code));
			failures++;
		}
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_case_matches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
