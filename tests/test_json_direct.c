/*
 * Completions decoded straight from their text (lib/io/json_direct.h) must be exactly what the
 * general decoder makes of the same text, with no issue: whenever the direct decoder takes a
 * record, the general one (cJSON's tree, care_decode__record) is run too and every field is
 * compared. Records written the plain way must be taken (or the loader gains nothing); any
 * record the general decoder reports something about must be declined.
 */
#include <math.h>
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
#include "core/issues.h"
#include "dataset/kinds.h"
#include "io/json_decode.h"
#include "io/json_direct.h"
#include "io/json_scan.h"
#include "dataset/ids.h"

static void same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/*
 * Decode `record` both ways. Returns what the direct decoder said (1 taken, 0 declined); when
 * taken, the general decoder must agree field by field and report nothing.
 */
static int both_ways(care__direct *d, const char *record)
{
	size_t n = strlen(record) + 32;
	char *text = malloc(n);
	care__json_doc doc;
	long line, column;
	const char *reason;
	const care__json_span *sp;
	size_t used = 0;
	int taken;

	assert_non_null(text);
	snprintf(text, n, "{\"l\": [%s]}", record);
	if (care_json__scan(&doc, text, strlen(text), &line, &column, &reason) != 0)
		fail_msg("not valid JSON: %s (%s)", record, reason);
	sp = &doc.members[0].elements[0];
	taken = care_direct__completion(d, text + sp->start, strlen(text) - sp->start, &used);
	assert_true(taken == 0 || taken == 1);
	if (taken)
		assert_int_equal(used, sp->end - sp->start);
	if (taken) {
		cJSON *tree = care_decode__parse(text + sp->start, sp->end - sp->start);
		care_issues *issues = care_issues__new();
		care__scratch scratch;
		care__record rec;
		care__check c;
		char buf[37];
		const cJSON *date, *outcome;

		memset(&scratch, 0, sizeof scratch);
		assert_non_null(tree);
		assert_non_null(issues);
		care_kinds__begin(&c, NULL, issues, CARE_KIND_COMPLETION, NULL, 0);
		assert_int_equal(care_decode__record(&c, &scratch, tree, &rec), 0);
		if (care_issues_count(issues) != 0)
			fail_msg("taken, but the general decoder reports '%s' of %s",
			         care_issues_get(issues, 0)->message, record);
		same_text(d->rec.id, rec.completion.id);
		same_text(d->rec.staff, rec.completion.staff);
		same_text(d->rec.module, rec.completion.module);
		same_text(d->rec.source, rec.completion.source);
		assert_int_equal(d->rec.completed_on, rec.completion.completed_on);
		assert_int_equal(d->rec.outcome, rec.completion.outcome);
		assert_memory_equal(&d->rec.score, &rec.completion.score, sizeof(double));
		/* The fields a generated id is made of, as written; the id issues carry. */
		date = cJSON_GetObjectItemCaseSensitive(tree, "completed_on");
		outcome = cJSON_GetObjectItemCaseSensitive(tree, "outcome");
		assert_string_equal(d->date_text, date->valuestring);
		assert_string_equal(d->outcome_text, outcome->valuestring);
		if (d->rec.id == NULL)
			assert_non_null(care_decode__issue_id(CARE_KIND_COMPLETION, tree, buf));
		else
			assert_string_equal(care_decode__issue_id(CARE_KIND_COMPLETION, tree, buf),
			                    d->rec.id);
		care_decode__scratch_free(&scratch);
		care_issues_free(issues);
		cJSON_Delete(tree);
	}
	care_json__doc_free(&doc);
	free(text);
	return taken;
}

static void plain_records_are_taken(void **state)
{
	static const char *const plain[] = {
	    "{\"id\":\"0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2b\",\"staff\":\"S000001\",\"module\":"
	    "\"CC-ELEARN\",\"completed_on\":\"2025-01-31\",\"outcome\":\"passed\",\"score\":91,"
	    "\"source\":\"esr\"}",
	    "{\"staff\": \"S1\", \"module\": \"M\", \"completed_on\": \"2024-02-29\", \"outcome\": "
	    "\"completed\"}",
	    "{\n  \"outcome\" : \"failed\" ,\n  \"score\" : 12.5 , \"completed_on\" : "
	    "\"1900-01-01\","
	    " \"module\" : \"M\", \"staff\" : \"S1\" , \"id\" : \"C-1\"\n}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"score\":1e2}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"score\":0.1}",
	    "{\"staff\":\"\xc3\xa9\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\",\"source\":\"\"}",
	    /* Values the check (not the decoder) finds wrong are taken: the check reports them. */
	    "{\"id\":\"not an "
	    "id\",\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
	    "\"outcome\":\"passed\",\"score\":-3}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"score\":1e999}",
	};
	care__direct d = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof plain / sizeof *plain; i++)
		if (!both_ways(&d, plain[i]))
			fail_msg("declined a plain record: %s", plain[i]);
	care_direct__free(&d);
}

static void others_are_declined(void **state)
{
	static const char *const others[] = {
	    "{}",
	    "[]",
	    "\"a completion\"",
	    "{\"staff\":\"S\\u0031\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\"}",
	    "{\"staff\":\"S1\",\"staff\":\"S2\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
	    "\"outcome\":\"passed\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"grade\":\"A\"}",
	    "{\"id\":null,\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
	    "\"outcome\":\"passed\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-02-30\",\"outcome\":"
	    "\"passed\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"done\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"score\":\"91\"}",
	    "{\"staff\":1,\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":\"passed\"}",
	    "{\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":\"passed\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"source\":[\"esr\"]}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\",\"outcome\":"
	    "\"passed\","
	    "\"score\":true}",
	};
	care__direct d = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof others / sizeof *others; i++)
		if (both_ways(&d, others[i]))
			fail_msg("took a record for the general decoder: %s", others[i]);
	care_direct__free(&d);
}

/* ---- random completions: fields shuffled, dropped, repeated, mistyped, escaped ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
	return test_rng(&rng_state);
}

static const char *pick(const char *const *list, size_t n)
{
	return list[rng() % n];
}

#define PICK(list) pick(list, sizeof list / sizeof *list)

static void random_completion(char *o, size_t cap)
{
	static const char *const keys[] = {"id",      "staff", "module", "completed_on",
	                                   "outcome", "score", "source"};
	static const char *const ids[] = {"\"0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2b\"",
	                                  "\"C000123\"",
	                                  "\"\"",
	                                  "null",
	                                  "7",
	                                  "\"a\\\"b\"",
	                                  "\"x y\""};
	static const char *const texts[] = {"\"S000001\"", "\"CC\"",       "\"\"",
	                                    "null",        "42",           "\"\\u0041\"",
	                                    "{}",          "\"\xc3\xa9\"", "\"a\\\\b\""};
	static const char *const dates[] = {"\"2025-01-31\"", "\"2024-02-29\"", "\"2025-02-29\"",
	                                    "\"31/01/2025\"", "\"\"",           "null",
	                                    "20250131",       "\"2199-12-31\"", "\"1899-12-31\""};
	static const char *const outcomes[] = {
	    "\"passed\"", "\"failed\"", "\"completed\"", "\"Passed\"", "\"\"", "null", "1"};
	static const char *const scores[] = {"91",
	                                     "0",
	                                     "100",
	                                     "12.5",
	                                     "-1",
	                                     "1e2",
	                                     "1E-2",
	                                     "1e999",
	                                     "-0",
	                                     "\"91\"",
	                                     "null",
	                                     "true",
	                                     "0.30000000000000004",
	                                     "123456789012345678",
	                                     "[]"};
	static const char *const ws[] = {"", " ", "\n  ", "\t"};
	static const char *const good_ids[] = {"\"0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2b\"",
	                                       "\"C000123\"", "\"x y\""};
	static const char *const good_scores[] = {
	    "91",    "0", "100", "12.5", "1e2",   "1E-2", "-0", "0.30000000000000004",
	    "1e999", "7", "999", "1000", "100e0", "10.0"};
	size_t used = 0, k;
	unsigned order[7] = {0, 1, 2, 3, 4, 5, 6};
	int first = 1, wild = rng() % 2 == 0; /* else every value is of its type */

	for (k = 6; k > 0; k--) {
		size_t j = rng() % (k + 1);
		unsigned t = order[k];
		order[k] = order[j];
		order[j] = t;
	}
	used += (size_t)snprintf(o + used, cap - used, "{%s", PICK(ws));
	for (k = 0; k < 7u + (wild && rng() % 4 == 0); k++) {
		unsigned f = order[k % 7];
		const char *value;
		if ((wild || f == 0 || f == 5 || f == 6) && rng() % 8 == 0)
			continue; /* dropped */
		switch (f) {
		case 0:
			value = wild ? PICK(ids) : PICK(good_ids);
			break;
		case 3:
			value = wild && rng() % 3 == 0 ? PICK(dates) : dates[rng() % 2];
			break;
		case 4:
			value = wild && rng() % 3 == 0 ? PICK(outcomes) : outcomes[rng() % 3];
			break;
		case 5:
			value = wild ? PICK(scores) : PICK(good_scores);
			break;
		default:
			value = wild && rng() % 3 == 0 ? PICK(texts) : texts[rng() % 3];
			break;
		}
		used +=
		    (size_t)snprintf(o + used, cap - used, "%s\"%s\"%s:%s%s%s", first ? "" : ",",
		                     wild && rng() % 16 == 0 ? "extra" : keys[f], PICK(ws),
		                     PICK(ws), value, PICK(ws));
		first = 0;
	}
	snprintf(o + used, cap - used, "}");
}

static void random_completions_agree(void **state)
{
	care__direct d = {0};
	char buf[1024];
	int i, taken = 0;

	(void)state;
	for (i = 0; i < 20000; i++) {
		random_completion(buf, sizeof buf);
		taken += both_ways(&d, buf);
	}
	/* Both answers occur: the comparison ran on thousands of records. */
	assert_true(taken > 8000);
	assert_true(taken < 19000);
	care_direct__free(&d);
}

/*
 * The scan's thread hands the decoder text nobody has scanned yet (json_scan.h,
 * element_value): what it takes must be valid JSON as the scanner reads it, and it may read
 * no byte past the end it is given. Random completions are cut short at every length and
 * have bytes replaced; each piece is decoded from a buffer of exactly its size (so that a
 * byte read past it is a fault under AddressSanitizer), and whatever is taken must scan.
 */
static int scans(const char *record, size_t len)
{
	char *text = malloc(len + 16);
	care__json_doc doc;
	long line, column;
	const char *reason;
	int rc;

	assert_non_null(text);
	memcpy(text, "{\"l\":[", 6);
	memcpy(text + 6, record, len);
	memcpy(text + 6 + len, "]}", 2);
	rc = care_json__scan(&doc, text, len + 8, &line, &column, &reason);
	if (rc == 0)
		care_json__doc_free(&doc);
	free(text);
	return rc == 0;
}

static int ascii(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static int decode_exactly(care__direct *d, const char *record, size_t len, size_t *used)
{
	char *piece = malloc(len ? len : 1);
	int taken;

	assert_non_null(piece);
	memcpy(piece, record, len);
	taken = care_direct__completion(d, piece, len, used);
	free(piece);
	return taken;
}

static void unscanned_text_is_taken_only_when_valid(void **state)
{
	static const char bytes[] = {'"', '\\', '\x01', '\n', ',',    '}',    '{', ':', '0', '.',
	                             'e', '-',  '+',    ' ',  '\x7f', '\xff', 'a', ']', '\0'};
	static const char *const invalid[] = {
	    "{\"staff\":\"S\x01\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
	    "\"outcome\":\"passed\"}",
	    "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
	    "\"outcome\":\"passed\",}",
	};
	static const char *const scores[] = {"01",   "1.",       "-",    ".5",  "1e",
	                                     "+1",   "1e+",      "1.e5", "--1", "0x10",
	                                     "1..2", "Infinity", "NaN",  "1e5e"};
	care__direct d = {0};
	char buf[1024], tail[96];
	size_t used, k, len;
	int i, taken = 0;

	(void)state;
	for (k = 0; k < sizeof invalid / sizeof *invalid; k++)
		if (decode_exactly(&d, invalid[k], strlen(invalid[k]), &used) == 1)
			fail_msg("took invalid JSON: %s", invalid[k]);
	for (k = 0; k < sizeof scores / sizeof *scores; k++) {
		snprintf(buf, sizeof buf,
		         "{\"staff\":\"S1\",\"module\":\"M\",\"completed_on\":\"2025-01-31\","
		         "\"outcome\":\"passed\",\"score\":%s}",
		         scores[k]);
		if (decode_exactly(&d, buf, strlen(buf), &used) == 1)
			fail_msg("took a score that is not a JSON number: %s", buf);
	}
	for (i = 0; i < 3000; i++) {
		random_completion(buf, sizeof buf);
		len = strlen(buf);
		if (i % 2 == 1) /* a byte replaced */
			buf[rng() % len] = bytes[rng() % sizeof bytes];
		for (k = 0; k <= len; k++) {
			int rc = decode_exactly(&d, buf, k, &used);
			if (rc != 1)
				continue;
			taken++;
			if (used > k || !scans(buf, used)) {
				snprintf(tail, sizeof tail, "%.*s", (int)(used < 90 ? used : 90),
				         buf);
				fail_msg("took %zu of %zu bytes that do not scan: %s", used, k,
				         tail);
			}
			/* What it found of the text, as the checks will take it. */
			assert_int_equal(d.ascii, ascii(d.rec.id) && ascii(d.rec.staff) &&
			                              ascii(d.rec.module) && ascii(d.rec.source));
			if (d.rec.id != NULL) {
				uint8_t uuid[16];
				assert_int_equal(d.id_valid, care_ids__valid(d.rec.id));
				assert_int_equal(
				    d.is_uuid, d.id_valid && care_ids__uuid_parse(d.rec.id, uuid));
				if (d.is_uuid)
					assert_memory_equal(d.uuid, uuid, 16);
			}
		}
	}
	assert_true(taken > 500);
	care_direct__free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plain_records_are_taken),
	    cmocka_unit_test(others_are_declined),
	    cmocka_unit_test(random_completions_agree),
	    cmocka_unit_test(unscanned_text_is_taken_only_when_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
