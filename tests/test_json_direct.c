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

/* The texts of the last two records both_ways_after decoded: the record before's text must
 * still be readable when the next is decoded after it. */
static char *kept[2];
static unsigned kept_next;

static void keep(char *text)
{
	free(kept[kept_next % 2]);
	kept[kept_next++ % 2] = text;
}

static void kept_free(void)
{
	free(kept[0]);
	free(kept[1]);
	kept[0] = kept[1] = NULL;
}

/*
 * Decode `record` both ways. Returns what the direct decoder said (1 taken, 0 declined); when
 * taken, the general decoder must agree field by field and report nothing.
 */
static int both_ways_after(care__direct *d, const care__direct *prev, const char *record)
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
	taken = care_direct__completion(d, prev, text + sp->start, strlen(text) - sp->start, &used);
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
		/* Said to be the same as the record before's exactly when they are. */
		assert_int_equal(d->same_staff,
		                 prev != NULL && strcmp(d->rec.staff, prev->rec.staff) == 0);
		assert_int_equal(d->same_module,
		                 prev != NULL && strcmp(d->rec.module, prev->rec.module) == 0);
		assert_int_equal(d->same_source, prev != NULL && d->rec.source != NULL &&
		                                     prev->rec.source != NULL &&
		                                     strcmp(d->rec.source, prev->rec.source) == 0);
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
	keep(text);
	return taken;
}

static int both_ways(care__direct *d, const char *record)
{
	return both_ways_after(d, NULL, record);
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
	kept_free();
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
	kept_free();
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
	static const char *const texts[] = {"\"S000001\"", "\"CC\"", "\"\"",         "\"S0000012\"",
	                                    "\"S00000\"",  "\"C\"",  "null",         "42",
	                                    "\"\\u0041\"", "{}",     "\"\xc3\xa9\"", "\"a\\\\b\""};
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
			value = wild && rng() % 3 == 0 ? PICK(texts) : texts[rng() % 6];
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

/* Each record decoded after the one before (as the scan's thread does, when that one was
 * taken and all ASCII): the same answers, and its strings told the same as that one's exactly
 * when they are. */
static void random_completions_agree(void **state)
{
	care__direct d[2];
	const care__direct *prev = NULL;
	char buf[1024];
	int i, taken = 0, one, same = 0;

	(void)state;
	memset(d, 0, sizeof d);
	for (i = 0; i < 20000; i++) {
		random_completion(buf, sizeof buf);
		one = both_ways_after(&d[i % 2], prev, buf);
		taken += one;
		prev = one && d[i % 2].ascii ? &d[i % 2] : NULL;
		same +=
		    one && (d[i % 2].same_staff || d[i % 2].same_module || d[i % 2].same_source);
	}
	/* Both answers occur: the comparison ran on thousands of records. */
	assert_true(taken > 8000);
	assert_true(taken < 19000);
	assert_true(same > 2000);
	care_direct__free(&d[0]);
	care_direct__free(&d[1]);
	kept_free();
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
	taken = care_direct__completion(d, NULL, piece, len, used);
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

/* A random UUID's text, or now and then an id that only looks like one. */
static void random_uuid(char *o)
{
	static const char hex[] = "0123456789abcdef";
	int k;

	for (k = 0; k < 36; k++)
		o[k] = k == 8 || k == 13 || k == 18 || k == 23 ? '-' : hex[rng() % 16];
	o[19] = "89ab"[rng() % 4]; /* the variant a UUID has */
	o[36] = '\0';
	if (rng() % 50 == 0)
		o[rng() % 36] = "gG-x.Z"[rng() % 6];
}

/*
 * Records as big lists are written: the fields in their usual order, each record like the one
 * before but for a few values (read the fast way, as the same bytes between the values as the
 * record before's). Each value sometimes changes, sometimes to one the general decoder must
 * report (an escape, a byte over 0x7f, a date that is no date, a score that is not a small
 * whole number), and sometimes the bytes between the values change (spaces, a field left out,
 * another order, a key more). Every record is decoded after the one before and must agree with
 * the general decoder; each is also cut short at every length and decoded from a buffer of
 * exactly that size after the one before, and must then read no byte past it.
 */
static void shaped_completions_agree(void **state)
{
	static const char *const staff[] = {"S000001", "S000002",  "S0000123",
	                                    "S9",      "S\\u0041", "S\xc3\xa9"};
	static const char *const modules[] = {"IG-ELEARN", "CUST-CARE", "CC", "FIRE-SAFETY-2025"};
	static const char *const dates[] = {"2025-01-31", "2024-02-29", "1995-12-24", "2025-02-29",
	                                    "2025-1-31"};
	static const char *const outcomes[] = {"passed", "failed", "completed", "Passed"};
	static const char *const sources[] = {"esr", "xapi", "manual", "", NULL};
	static const char *const scores[] = {"98", "100", "7", "0", "12.5", "1000", "1e2", NULL};
	static const char *const colon[] = {"", " "};
	care__direct d[3];
	const care__direct *prev = NULL;
	char buf[1024], id[37];
	int pick[6] = {0, 0, 0, 0, 0, 0}, i, k, taken = 0, same = 0, space = 0, swap = 0, cut;
	size_t len, used;

	(void)state;
	memset(d, 0, sizeof d);
	for (i = 0; i < 20000; i++) {
		/* Each of staff, module, date, outcome, source and score changes now and then,
		 * the plain values far more often than the odd ones. */
		static const int counts[6][2] = {{4, 6}, {4, 4}, {3, 5}, {3, 4}, {4, 5}, {4, 8}};
		for (k = 0; k < 6; k++)
			if (rng() % 4 == 0)
				pick[k] = (int)(rng() % (rng() % 10 == 0 ? (unsigned)counts[k][1]
				                                         : (unsigned)counts[k][0]));
		if (rng() % 300 == 0)
			space = !space;
		swap = rng() % 200 == 0;
		random_uuid(id);
		len = (size_t)snprintf(
		    buf, sizeof buf, "{\"id\":%s\"%s\",\"staff\":%s\"%s\",\"module\":%s\"%s\",",
		    colon[space], id, colon[space], staff[pick[0]], colon[space], modules[pick[1]]);
		if (swap)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			                        "\"outcome\":\"%s\",\"completed_on\":\"%s\"",
			                        outcomes[pick[3]], dates[pick[2]]);
		else
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			                        "\"completed_on\":%s\"%s\",\"outcome\":%s\"%s\"",
			                        colon[space], dates[pick[2]], colon[space],
			                        outcomes[pick[3]]);
		if (scores[pick[5]] != NULL)
			len += (size_t)snprintf(buf + len, sizeof buf - len, ",\"score\":%s%s",
			                        colon[space], scores[pick[5]]);
		if (sources[pick[4]] != NULL)
			len += (size_t)snprintf(buf + len, sizeof buf - len, ",\"source\":\"%s\"",
			                        sources[pick[4]]);
		snprintf(buf + len, sizeof buf - len, "%s}", rng() % 100 == 0 ? ",\"x\":1" : "");
		len = strlen(buf);
		/* Cut short, after the record before. */
		cut = prev != NULL && i % 4 == 0;
		for (k = 0; cut && k <= (int)len; k++) {
			char *piece = malloc((size_t)k + 1);
			int rc;
			assert_non_null(piece);
			memcpy(piece, buf, (size_t)k);
			rc = care_direct__completion(&d[2], prev, piece, (size_t)k, &used);
			if (rc == 1 && (used > (size_t)k || !scans(buf, used)))
				fail_msg("took %zu of %d bytes that do not scan: %s", used, k, buf);
			assert_true(rc != 1 || used == len);
			free(piece);
		}
		k = both_ways_after(&d[i % 2], prev, buf);
		taken += k;
		same += k && d[i % 2].same_staff && d[i % 2].same_module;
		prev = k && d[i % 2].ascii ? &d[i % 2] : NULL;
	}
	/* Most are taken, most of those the same person and module as the one before. */
	assert_true(taken > 10000);
	assert_true(same > 5000);
	care_direct__free(&d[0]);
	care_direct__free(&d[1]);
	care_direct__free(&d[2]);
	kept_free();
}

/* ---- people ---- */

/* Whether text is JSON as the scanner reads it. */
static int valid_json(const char *text)
{
	care__json_doc doc;
	long line, column;
	const char *reason;

	if (care_json__scan(&doc, text, strlen(text), &line, &column, &reason) != 0)
		return 0;
	care_json__doc_free(&doc);
	return 1;
}

/* A value for a person's field: mostly plain, sometimes anything. */
static const char *staff_value(int date, int wild)
{
	static const char *const texts[] = {"\"S000001\"", "\"Tom Kirkley\"", "\"R1-OP\"", "\"\"",
	                                    "\"\xc3\xa9t\xc3\xa9\""};
	static const char *const dates[] = {"\"2025-01-31\"", "\"2024-02-29\"", "\"2199-12-31\""};
	static const char *const odd[] = {"null", "7",  "\"a\\\"b\"",     "\"\\u0041\"",
	                                  "{}",   "[]", "\"2025-02-29\"", "\"31/01/2025\"",
	                                  "true"};

	if (wild && rng() % 6 == 0)
		return PICK(odd);
	return date ? PICK(dates) : PICK(texts);
}

/* A list of assignments or exemptions: fields in any order, some left out. */
static size_t staff_list(char *o, size_t cap, int exemptions, int wild)
{
	static const char *const a_keys[] = {"role", "unit", "from", "to", "manager"};
	static const char *const e_keys[] = {"competency", "from", "to", "reason"};
	static const char *const ws[] = {"", " ", "\n "};
	const char *const *keys = exemptions ? e_keys : a_keys;
	size_t nkeys = exemptions ? 4 : 5, used = 0, items = wild ? rng() % 3 : 1 + rng() % 2, i, k;

	used += (size_t)snprintf(o + used, cap - used, "[%s", PICK(ws));
	for (i = 0; i < items; i++) {
		int first = 1;
		used += (size_t)snprintf(o + used, cap - used, "%s{", i ? "," : "");
		for (k = 0; k < nkeys + (wild && rng() % 5 == 0); k++) {
			const char *key = k < nkeys ? keys[(k + i) % nkeys] : "extra";
			int is_date = strcmp(key, "from") == 0 || strcmp(key, "to") == 0;
			if (k < nkeys && rng() % 4 == 0)
				continue;
			used += (size_t)snprintf(o + used, cap - used, "%s%s\"%s\":%s%s",
			                         first ? "" : ",", PICK(ws), key, PICK(ws),
			                         staff_value(is_date, wild));
			first = 0;
		}
		used += (size_t)snprintf(o + used, cap - used, "}");
	}
	used += (size_t)snprintf(o + used, cap - used, "]");
	return used;
}

static void random_staff(char *o, size_t cap)
{
	static const char *const keys[] = {"id",      "name",        "started_on",
	                                   "left_on", "assignments", "exemptions"};
	unsigned order[6] = {0, 1, 2, 3, 4, 5};
	size_t used = 0, k;
	int wild = rng() % 2 == 0, first = 1;

	for (k = 5; k > 0; k--) {
		size_t j = rng() % (k + 1);
		unsigned t = order[k];
		order[k] = order[j];
		order[j] = t;
	}
	used += (size_t)snprintf(o + used, cap - used, "{");
	for (k = 0; k < 6u + (wild && rng() % 5 == 0); k++) {
		unsigned f = order[k % 6];
		if (k < 6 && f != 0 && f != 4 && rng() % 3 == 0)
			continue; /* the optional ones, now and then (and the others when wild) */
		if (k < 6 && wild && rng() % 12 == 0)
			continue;
		used += (size_t)snprintf(o + used, cap - used, "%s\"%s\":", first ? "" : ",",
		                         k < 6 ? keys[f] : "shoe_size");
		first = 0;
		if (k >= 6)
			used += (size_t)snprintf(o + used, cap - used, "9");
		else if (f == 4 || f == 5)
			used += staff_list(o + used, cap - used, f == 5, wild);
		else
			used += (size_t)snprintf(o + used, cap - used, "%s",
			                         staff_value(f == 2 || f == 3, wild));
	}
	snprintf(o + used, cap - used, "}");
}

static void same_date_list(const care_assignment *a, const care_assignment *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		same_text(a[i].role, b[i].role);
		same_text(a[i].unit, b[i].unit);
		same_text(a[i].manager, b[i].manager);
		assert_int_equal(a[i].from, b[i].from);
		assert_int_equal(a[i].to, b[i].to);
	}
}

/*
 * People decoded straight from the text and by the general decoder agree: every person the
 * direct decoder takes, the general one decodes to the same care_staff with nothing to say;
 * 20,000 random people, plain and otherwise.
 */
static void random_staff_agree(void **state)
{
	care__direct_staff d;
	int i, taken = 0, declined = 0;

	(void)state;
	memset(&d, 0, sizeof d);
	for (i = 0; i < 20000; i++) {
		char record[4096];
		int rc;
		random_staff(record, sizeof record);
		if (!valid_json(record))
			continue; /* the scan never hands such text over */
		rc = care_direct__staff(&d, record, strlen(record));
		assert_true(rc == 0 || rc == 1);
		if (rc == 0) {
			declined++;
			continue;
		}
		taken++;
		{
			cJSON *tree = care_decode__parse(record, strlen(record));
			care_issues *issues = care_issues__new();
			care__scratch scratch;
			care__record rec;
			care__check c;
			size_t k;

			memset(&scratch, 0, sizeof scratch);
			assert_non_null(tree);
			assert_non_null(issues);
			care_kinds__begin(&c, NULL, issues, CARE_KIND_STAFF, NULL, 0);
			assert_int_equal(care_decode__record(&c, &scratch, tree, &rec), 0);
			if (care_issues_count(issues) != 0)
				fail_msg("taken, but the general decoder reports '%s' of %s",
				         care_issues_get(issues, 0)->message, record);
			same_text(d.rec.id, rec.staff.id);
			same_text(d.rec.name, rec.staff.name);
			assert_int_equal(d.rec.started_on, rec.staff.started_on);
			assert_int_equal(d.rec.left_on, rec.staff.left_on);
			assert_int_equal(d.rec.assignment_count, rec.staff.assignment_count);
			assert_int_equal(d.rec.exemption_count, rec.staff.exemption_count);
			assert_int_equal(d.rec.assignments == NULL, rec.staff.assignments == NULL);
			assert_int_equal(d.rec.exemptions == NULL, rec.staff.exemptions == NULL);
			same_date_list(d.rec.assignments, rec.staff.assignments,
			               d.rec.assignment_count);
			for (k = 0; k < d.rec.exemption_count; k++) {
				same_text(d.rec.exemptions[k].competency,
				          rec.staff.exemptions[k].competency);
				same_text(d.rec.exemptions[k].reason,
				          rec.staff.exemptions[k].reason);
				assert_int_equal(d.rec.exemptions[k].from,
				                 rec.staff.exemptions[k].from);
				assert_int_equal(d.rec.exemptions[k].to,
				                 rec.staff.exemptions[k].to);
			}
			care_decode__scratch_free(&scratch);
			care_issues_free(issues);
			cJSON_Delete(tree);
		}
	}
	care_direct__staff_free(&d);
	/* Both ways were taken many times. */
	if (taken < 2000 || declined < 2000)
		fail_msg("taken %d, declined %d", taken, declined);
}

/* People the direct decoder must leave to the general one, and one it takes. */
static void staff_declined_and_taken(void **state)
{
	static const char *const declined[] = {
	    "{\"id\":\"S1\",\"id\":\"S2\",\"assignments\":[{\"role\":\"R\"}]}",
	    "{\"id\":\"S1\",\"assignments\":[]}",
	    "{\"id\":\"S1\"}",
	    "{\"assignments\":[{\"role\":\"R\"}]}",
	    "{\"id\":\"S1\",\"name\":\"A\\u0041\",\"assignments\":[{\"role\":\"R\"}]}",
	    "{\"id\":\"S1\",\"name\":null,\"assignments\":[{\"role\":\"R\"}]}",
	    "{\"id\":\"S1\",\"assignments\":[{\"role\":\"R\",\"role\":\"Q\"}]}",
	    "{\"id\":\"S1\",\"assignments\":[{\"role\":\"R\",\"grade\":\"5\"}]}",
	    "{\"id\":\"S1\",\"assignments\":[{\"role\":\"R\"},7]}",
	    "{\"id\":\"S1\",\"assignments\":[{\"role\":\"R\"}],\"exemptions\":{}}",
	    "{\"id\":\"S1\",\"started_on\":\"2025-13-01\",\"assignments\":[{\"role\":\"R\"}]}",
	};
	care__direct_staff d;
	size_t k;
	const char *plain = " { \"assignments\" : [ { \"from\":\"2020-01-06\" , \"unit\":\"U\","
	                    "\"role\":\"R\"} ] , \"id\":\"S1\" , \"left_on\":\"2024-02-29\" } ";

	(void)state;
	memset(&d, 0, sizeof d);
	for (k = 0; k < sizeof declined / sizeof *declined; k++)
		if (care_direct__staff(&d, declined[k], strlen(declined[k])) != 0)
			fail_msg("took %s", declined[k]);
	assert_int_equal(care_direct__staff(&d, plain, strlen(plain)), 1);
	assert_string_equal(d.rec.id, "S1");
	assert_null(d.rec.name);
	assert_int_equal(d.rec.started_on, CARE_DATE_NONE);
	assert_int_equal(d.rec.left_on, D("2024-02-29"));
	assert_int_equal(d.rec.assignment_count, 1);
	assert_string_equal(d.rec.assignments[0].role, "R");
	assert_string_equal(d.rec.assignments[0].unit, "U");
	assert_int_equal(d.rec.assignments[0].from, D("2020-01-06"));
	assert_int_equal(d.rec.assignments[0].to, CARE_DATE_NONE);
	assert_null(d.rec.assignments[0].manager);
	assert_null(d.rec.exemptions);
	care_direct__staff_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plain_records_are_taken),
	    cmocka_unit_test(others_are_declined),
	    cmocka_unit_test(random_completions_agree),
	    cmocka_unit_test(unscanned_text_is_taken_only_when_valid),
	    cmocka_unit_test(shaped_completions_agree),
	    cmocka_unit_test(random_staff_agree),
	    cmocka_unit_test(staff_declined_and_taken),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
