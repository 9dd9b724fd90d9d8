/*
 * A big file is scanned on a second thread beside the record pass (lib/io/load_along.h); a
 * small one is scanned first. Both ways must give the same load: the same result, the same
 * issues in the same order (message included), the same dataset and rejects byte for byte.
 * Duplicate completion ids, looked for all at once after the list (and the load started again
 * when there are any), must give what checking each id as it comes gives.
 * Every data file of the tests is loaded both ways (the threshold lowered to 0), and so are
 * texts whose members come in orders that make the pass beside the scan wait, take a member
 * as absent and start again, or meet a syntax error after it has begun.
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

#include <cmocka.h>

#include "care.h"
#include "helpers.h"
#include "io/load_along.h"

typedef struct outcome {
	int rc;
	char *issues; /* every issue, one per line */
	char *dump, *rejects;
	size_t dump_len, rejects_len;
} outcome;

static char *issues_text(const care_issues *issues)
{
	size_t i, cap = 4096, used = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	out[0] = '\0';
	for (i = 0; i < care_issues_count(issues); i++) {
		const care_issue *is = care_issues_get(issues, i);
		char line[1200];
		int n = snprintf(line, sizeof line, "%d %s %d %s %ld %s %ld:%ld %s\n", is->severity,
		                 care_issue_code_name(is->code), is->kind, is->id ? is->id : "-",
		                 is->index, is->field ? is->field : "-", is->line, is->column,
		                 is->message);
		while (used + (size_t)n + 1 > cap) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		memcpy(out + used, line, (size_t)n + 1);
		used += (size_t)n;
	}
	return out;
}

/* along_from as care_load__along_from; `tight`: the scan held back at once, a few
 * kilobytes or completions ahead (its waits exercised even on small texts), or (2) with
 * completion ids checked one by one rather than all at once after their list. */
static outcome load_with(const char *text, size_t len, size_t along_from, int strict, int tight)
{
	care_load_options o = CARE_LOAD_OPTIONS_INIT;
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	outcome r;

	memset(&r, 0, sizeof r);
	o.strict = strict;
	size_t lead = care_along__lead, ring = care_along__ring, trees = care_along__trees;

	care_load__along_from = along_from;
	if (tight == 1) {
		care_along__lead = 4096;
		care_along__ring = 1;
		care_along__trees = 1;
	}
	care_load__precise = tight == 2;
	r.rc = care_dataset_load_buffer(&ds, &issues, text, len, &o);
	care_load__precise = 0;
	care_load__along_from = (size_t)32 << 20;
	care_along__lead = lead;
	care_along__ring = ring;
	care_along__trees = trees;
	r.issues = issues ? issues_text(issues) : NULL;
	care_issues_free(issues);
	if (ds) {
		assert_int_equal(care_dataset_dump(&r.dump, &r.dump_len, ds), 0);
		assert_int_equal(care_dataset_dump_rejects(&r.rejects, &r.rejects_len, ds), 0);
		care_dataset_free(ds);
	}
	return r;
}

static void free_outcome(outcome *r)
{
	free(r->issues);
	care_free(r->dump);
	care_free(r->rejects);
}

/* One load's outcome against another's. */
static void same_outcome(const char *what, const char *how, const outcome *first,
                         const outcome *along)
{
	if (first->rc != along->rc)
		fail_msg("%s: %d scanned first, %d %s", what, first->rc, along->rc, how);
	if ((first->issues == NULL) != (along->issues == NULL) ||
	    (first->issues && strcmp(first->issues, along->issues) != 0))
		fail_msg("%s: issues differ\n--- scanned first:\n%s--- %s:\n%s", what,
		         first->issues ? first->issues : "(none)", how,
		         along->issues ? along->issues : "(none)");
	assert_int_equal(first->dump_len, along->dump_len);
	if (first->dump_len)
		assert_memory_equal(first->dump, along->dump, first->dump_len);
	assert_int_equal(first->rejects_len, along->rejects_len);
	if (first->rejects_len)
		assert_memory_equal(first->rejects, along->rejects, first->rejects_len);
}

/* Load text both ways (leniently and strictly; beside the scan held back as usual and at
 * once) and compare. */
static void both_ways(const char *what, const char *text, size_t len)
{
	int strict;

	for (strict = 0; strict < 2; strict++) {
		outcome first = load_with(text, len, SIZE_MAX, strict, 0);
		outcome along = load_with(text, len, 0, strict, 0);
		outcome tight = load_with(text, len, 0, strict, 1);
		outcome precise = load_with(text, len, SIZE_MAX, strict, 2);
		same_outcome(what, "beside", &first, &along);
		same_outcome(what, "beside, held back", &first, &tight);
		same_outcome(what, "completion ids checked one by one", &first, &precise);
		free_outcome(&first);
		free_outcome(&along);
		free_outcome(&tight);
		free_outcome(&precise);
	}
}

static void file_both_ways(const char *path)
{
	size_t len = 0;
	char *text = slurp(path, &len);

	if (text == NULL)
		fail_msg("cannot read %s", path);
	both_ways(path, text, len);
	free(text);
}

static void data_files(void **state)
{
	static const char *const files[] = {
	    "examples/data/sample-trust.json", "examples/data/sample-with-errors.json",
	    "tests/data/handworked.json",      "tests/data/managers.json",
	    "tests/data/outcomes.json",        "tests/data/small.json",
	    "tests/data/terminal-text.json",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof *files; i++)
		file_both_ways(files[i]);
}

static void invalid_cases(void **state)
{
	DIR *dir = opendir("tests/data/invalid");
	struct dirent *e;
	int n = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		char path[512];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "tests/data/invalid/%s/input.json", e->d_name);
		file_both_ways(path);
		n++;
	}
	closedir(dir);
	assert_true(n > 50);
}

/* A small dataset whose members come in the order given (each a "key": value text). */
static char *ordered(const char *const *members, size_t n)
{
	size_t i, cap = 1, used;
	char *out;

	for (i = 0; i < n; i++)
		cap += strlen(members[i]) + 2;
	out = malloc(cap + 2);
	assert_non_null(out);
	strcpy(out, "{");
	used = 1;
	for (i = 0; i < n; i++) {
		used += (size_t)sprintf(out + used, "%s%s", i ? "," : "", members[i]);
	}
	strcpy(out + used, "}");
	return out;
}

/*
 * The same text with 5,000 more completions before the first one, so that the scan is
 * still inside that list while the pass beside it asks for what comes after.
 */
static char *with_many_completions(char *text)
{
	static const char key[] = "\"completions\":[";
	char *at = strstr(text, key), *out;
	size_t i, head, cap, used;

	if (at == NULL)
		return text;
	head = (size_t)(at - text) + sizeof key - 1;
	cap = strlen(text) + 5000 * 120 + 1;
	out = malloc(cap);
	assert_non_null(out);
	memcpy(out, text, head);
	used = head;
	for (i = 0; i < 5000; i++)
		used += (size_t)snprintf(out + used, cap - used,
		                         "{\"staff\":\"S%zu\",\"module\":\"M\",\"completed_on\":"
		                         "\"2025-01-%02zu\",\"outcome\":\"passed\",\"score\":90},",
		                         1 + i % 2, 1 + i % 28);
	strcpy(out + used, text + head);
	free(text);
	return out;
}

static void member_orders(void **state)
{
	static const char *const m[] = {
	    "\"format\":\"libcare-dataset\"",
	    "\"version\":1",
	    "\"extracted_on\":\"2026-03-31\"",
	    "\"units\":[{\"id\":\"U\",\"name\":\"Unit\"}]",
	    "\"roles\":[{\"id\":\"R\",\"title\":\"Receptionist\",\"staff_group\":\"admin-and-"
	    "clerical\","
	    "\"patient_facing\":true,\"clinical\":false,\"requirements\":[{\"competency\":\"cc\","
	    "\"due_within_days\":90}]}]",
	    "\"modules\":[{\"id\":\"M\",\"title\":\"Customer care\",\"competency\":\"cc\","
	    "\"validity_months\":12,\"delivery\":\"e-learning\",\"pass_mark\":80}]",
	    "\"staff\":[{\"id\":\"S1\",\"started_on\":\"2020-01-06\",\"assignments\":[{\"role\":"
	    "\"R\","
	    "\"unit\":\"U\",\"from\":\"2020-01-06\"}]},{\"id\":\"S2\",\"started_on\":\"2020-01-"
	    "06\","
	    "\"assignments\":[{\"role\":\"R\",\"unit\":\"U\",\"from\":\"2020-01-06\"}]}]",
	    "\"completions\":[{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
	    "\"outcome\":\"passed\",\"score\":91},{\"id\":\"X\",\"staff\":\"S2\",\"module\":\"M\","
	    "\"completed_on\":\"2026-04-30\",\"outcome\":\"passed\",\"score\":70},{\"staff\":"
	    "\"S9\","
	    "\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":\"failed\"},"
	    "{\"id\":\"X\",\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-02-01\","
	    "\"outcome\":\"passed\",\"score\":85}]",
	    "\"organisation\":{\"ods_code\":\"RXX\",\"name\":\"Test\",\"extra\":1}",
	    "\"unknown\":true",
	    "\"interactions\":7",
	};
	/* Orders: as written by libcare; lists first (the pass waits for the format); the header
	 * and the people after the completions (taken as absent, then again); a list repeated;
	 * the format missing; a syntax error after the completions. */
	static const int orders[][12] = {
	    {0, 1, 8, 2, 3, 4, 5, 6, 7, 9, 10, -1},
	    {7, 6, 5, 4, 3, 2, 1, 0, 8, 9, 10, -1},
	    {0, 1, 7, 2, 3, 4, 5, 6, 8, -1},
	    {0, 1, 3, 4, 5, 7, 6, 2, 9, -1},
	    {0, 1, 2, 3, 4, 5, 6, 7, 7, 6, -1},
	    {1, 2, 3, 4, 5, 6, 7, -1},
	    {0, 1, 7, 10, 9, 8, -1},
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof orders / sizeof *orders; k++) {
		const char *members[12];
		size_t n = 0;
		char *text, what[64];
		while (orders[k][n] >= 0) {
			members[n] = m[orders[k][n]];
			n++;
		}
		text = ordered(members, n);
		text = with_many_completions(text);
		snprintf(what, sizeof what, "order %zu", k);
		both_ways(what, text, strlen(text));
		/* Cut short after the completions: a syntax error where the pass has begun. */
		text[strlen(text) * 3 / 4] = '\0';
		snprintf(what, sizeof what, "order %zu, cut short", k);
		both_ways(what, text, strlen(text));
		free(text);
	}
}

/*
 * A staff list of 4,000 people, long enough for the ring of people parsed on the scan's
 * thread to go round many times (held back at once, and as usual), with a record the
 * decoder has something to say about every few (a field it does not know, a date that is
 * not one, a list that is not one, no assignments, a person who is not an object, a
 * duplicate id, a manager later in the list or nowhere, text with an escape): each read by
 * the pass itself, in its place, with the same issues, dump and rejects as a load that
 * scans first.
 */
static void many_staff(void **state)
{
	static const char head[] =
	    "{\"format\":\"libcare-dataset\",\"version\":1,\"extracted_on\":\"2026-03-31\","
	    "\"units\":[{\"id\":\"U\",\"name\":\"Unit\"},{\"id\":\"V\",\"name\":\"Other\","
	    "\"parent\":\"U\"}],"
	    "\"roles\":[{\"id\":\"R\",\"title\":\"Receptionist\",\"staff_group\":\"admin-and-"
	    "clerical\",\"patient_facing\":true,\"clinical\":false,\"requirements\":[{"
	    "\"competency\":\"cc\",\"due_within_days\":90}]}],"
	    "\"modules\":[{\"id\":\"M\",\"title\":\"Customer care\",\"competency\":\"cc\","
	    "\"validity_months\":12,\"delivery\":\"e-learning\",\"pass_mark\":80}],"
	    "\"staff\":[";
	size_t cap = 4000 * 260 + 4000 * 160 + sizeof head + 64, used, i;
	char *text = malloc(cap);

	(void)state;
	assert_non_null(text);
	used = (size_t)snprintf(text, cap, "%s", head);
	for (i = 1; i <= 4000; i++) {
		const char *sep = i > 1 ? "," : "";
		const char *unit = i % 3 ? "U" : "V";
		switch (i % 97) {
		case 5:
			used += (size_t)snprintf(text + used, cap - used,
			                         "%s{\"id\":\"S%zu\",\"started_on\":\"2020-01-06\","
			                         "\"shoe_size\":9,\"assignments\":[{\"role\":\"R\","
			                         "\"unit\":\"%s\",\"from\":\"2020-01-06\"}]}",
			                         sep, i, unit);
			break;
		case 17:
			used += (size_t)snprintf(text + used, cap - used,
			                         "%s{\"id\":\"S%zu\",\"started_on\":\"2020-02-30\","
			                         "\"assignments\":[{\"role\":\"R\",\"unit\":\"%s\","
			                         "\"from\":\"2020-01-06\"}]}",
			                         sep, i, unit);
			break;
		case 29:
			used += (size_t)snprintf(text + used, cap - used,
			                         "%s{\"id\":\"S%zu\",\"assignments\":7}", sep, i);
			break;
		case 41:
			used += (size_t)snprintf(text + used, cap - used, "%s{\"id\":\"S%zu\"}",
			                         sep, i);
			break;
		case 53:
			used += (size_t)snprintf(text + used, cap - used, "%s[\"S%zu\"]", sep, i);
			break;
		case 67:
			/* The id of the person before. */
			used +=
			    (size_t)snprintf(text + used, cap - used,
			                     "%s{\"id\":\"S%zu\",\"assignments\":[{\"role\":\"R\","
			                     "\"unit\":\"U\",\"from\":\"2021-01-06\"}]}",
			                     sep, i - 1);
			break;
		case 79:
			used +=
			    (size_t)snprintf(text + used, cap - used,
			                     "%s{\"id\":\"S%zu\",\"name\":\"A \\\"quoted\\\" name"
			                     "\",\"assignments\":[{\"role\":\"R\",\"unit\":\"%s\","
			                     "\"from\":\"2020-01-06\",\"manager\":\"S%zu\"}]}",
			                     sep, i, unit, i % 2 ? i + 500 : 999999);
			break;
		default:
			used += (size_t)snprintf(
			    text + used, cap - used,
			    "%s{\"id\":\"S%zu\",\"name\":\"Person "
			    "%zu\",\"started_on\":\"2019-%02zu-"
			    "10\",\"assignments\":[{\"role\":\"R\",\"unit\":\"%s\",\"from\":\"2019-"
			    "%02zu-10\",\"manager\":\"S%zu\"}],\"exemptions\":[{\"competency\":"
			    "\"cc\","
			    "\"from\":\"2021-01-01\",\"to\":\"2021-03-01\",\"reason\":\"leave\"}]}",
			    sep, i, i, 1 + i % 12, unit, 1 + i % 12, 1 + i / 50);
		}
	}
	used += (size_t)snprintf(text + used, cap - used, "],\"completions\":[");
	/* Three a person, in runs (the pass is told when a record names the same person and
	 * module as the one before): among them people rejected or never there, a module that
	 * is not there, and a record the scan's thread leaves to the pass in the middle of a
	 * run. */
	for (i = 1; i <= 4000; i++) {
		size_t k = i / 3 + 1;
		char staff[16];
		const char *module = k % 50 == 7 ? "N" : "M";
		if (k % 61 == 3)
			snprintf(staff, sizeof staff, "S999999");
		else
			snprintf(staff, sizeof staff, "S%zu", k);
		/* Sources in runs too, some records without one. */
		const char *source = i % 7 == 0  ? ""
		                     : i % 5 < 3 ? ",\"source\":\"esr\""
		                                 : ",\"source\":\"xapi\"";
		used += (size_t)snprintf(text + used, cap - used,
		                         i % 89 == 0 ? "%s{\"staff\":\"%s\",\"module\":\"%s\","
		                                       "\"completed_on\":\"2025-01-%02zu\","
		                                       "\"outcome\":\"passed\",\"note\":1%s}"
		                                     : "%s{\"staff\":\"%s\",\"module\":\"%s\","
		                                       "\"completed_on\":\"2025-01-%02zu\","
		                                       "\"outcome\":\"passed\",\"score\":90%s}",
		                         i > 1 ? "," : "", staff, module, 1 + i % 28, source);
	}
	used += (size_t)snprintf(text + used, cap - used, "]}");
	assert_true(used < cap - 1);
	both_ways("4,000 people", text, used);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(data_files),
	    cmocka_unit_test(invalid_cases),
	    cmocka_unit_test(member_orders),
	    cmocka_unit_test(many_staff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
