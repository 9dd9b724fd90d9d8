/*
 * The strict JSON scanner (lib/json_scan.h): what RFC 8259 accepts and
 * rejects, the exact line and column of every syntax error (SPEC 2: the first
 * byte that cannot continue a JSON text), the spans of top-level members and
 * of their array elements, repeated keys, the nesting limit, allocation
 * failures, and random mutations of valid texts checked against a small
 * recursive reference scanner written here independently.
 *
 * Every text is copied into a heap buffer of exactly its length before it is
 * scanned, so that AddressSanitizer and valgrind catch a read past the end.
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
#include "json_scan.h"

#define LIMIT 512 /* the deepest nesting accepted */

/* ---- helpers ---- */

/* Scan `len` bytes of `text` from a buffer of exactly that size. */
static int scan(care__json_doc *doc, const char *text, size_t len, long *line, long *column,
                const char **reason)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	if (len)
		memcpy(copy, text, len);
	*line = *column = -1;
	*reason = NULL;
	rc = care_json__scan(doc, copy, len, line, column, reason);
	free(copy);
	return rc;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The type a value starting with c must have. */
static care__json_type type_of(char c)
{
	switch (c) {
	case '{':
		return CARE__JSON_OBJECT;
	case '[':
		return CARE__JSON_ARRAY;
	case '"':
		return CARE__JSON_STRING;
	case 't':
		return CARE__JSON_TRUE;
	case 'f':
		return CARE__JSON_FALSE;
	case 'n':
		return CARE__JSON_NULL;
	default:
		return CARE__JSON_NUMBER;
	}
}

static int doc_is_empty(const care__json_doc *doc)
{
	return doc->top_type == CARE__JSON_NULL && doc->members == NULL && doc->member_count == 0;
}

/* text[span] is exactly one value of the recorded type: no whitespace around it, and it
 * scans on its own. */
static void check_span(const char *text, size_t len, const care__json_span *span)
{
	care__json_doc sub;
	long line, column;
	const char *reason;

	assert_true(span->start < span->end);
	assert_true(span->end <= len);
	assert_false(is_ws(text[span->start]));
	assert_false(is_ws(text[span->end - 1]));
	assert_int_equal(span->type, type_of(text[span->start]));
	assert_int_equal(
	    scan(&sub, text + span->start, span->end - span->start, &line, &column, &reason), 0);
	assert_int_equal(sub.top_type, span->type);
	care_json__doc_free(&sub);
}

/* Everything a successful scan promises about `doc`. */
static void check_doc(const char *text, size_t len, const care__json_doc *doc)
{
	size_t i = 0, k, j;

	while (i < len && is_ws(text[i]))
		i++;
	assert_true(i < len);
	assert_int_equal(doc->top_type, type_of(text[i]));
	if (doc->top_type != CARE__JSON_OBJECT) {
		assert_int_equal(doc->member_count, 0);
		assert_null(doc->members);
		return;
	}
	for (k = 0; k < doc->member_count; k++) {
		const care__json_member *m = &doc->members[k];
		size_t after = m->value.start + 1;

		assert_non_null(m->key);
		assert_int_equal(m->key[m->key_len], '\0');
		check_span(text, len, &m->value);
		if (k > 0)
			assert_true(m->value.start > doc->members[k - 1].value.end);
		for (j = 0; j < k; j++)
			assert_false(doc->members[j].key_len == m->key_len &&
			             memcmp(doc->members[j].key, m->key, m->key_len) == 0);
		if (m->value.type != CARE__JSON_ARRAY) {
			assert_int_equal(m->element_count, 0);
			continue;
		}
		for (j = 0; j < m->element_count; j++) {
			assert_true(m->elements[j].start >= after);
			assert_true(m->elements[j].end < m->value.end);
			check_span(text, len, &m->elements[j]);
			after = m->elements[j].end + 1;
		}
	}
}

/* ---- valid texts ---- */

static const struct {
	const char *text;
	care__json_type type;
} valid[] = {
    {"{}", CARE__JSON_OBJECT},
    {"[]", CARE__JSON_ARRAY},
    {"0", CARE__JSON_NUMBER},
    {"-0", CARE__JSON_NUMBER},
    {"0.5e-3", CARE__JSON_NUMBER},
    {"1E+2", CARE__JSON_NUMBER},
    {"1e2", CARE__JSON_NUMBER},
    {"-1.25E-10", CARE__JSON_NUMBER},
    {"0.0", CARE__JSON_NUMBER},
    {"-0.0e-0", CARE__JSON_NUMBER},
    {"1e999", CARE__JSON_NUMBER},
    {"123456789012345678901234567890123456789012345678901234567890123456789", CARE__JSON_NUMBER},
    {"true", CARE__JSON_TRUE},
    {"false", CARE__JSON_FALSE},
    {"null", CARE__JSON_NULL},
    {"\"\"", CARE__JSON_STRING},
    {"\"a\"", CARE__JSON_STRING},
    {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", CARE__JSON_STRING},
    {"\"\\u0041\\u00e9\\u00E9\\uFFFF\\u0000\"", CARE__JSON_STRING},
    {"\"\\uD83D\\uDE00 \\ud83d\\ude00 \\udbff\\udfff\"", CARE__JSON_STRING},
    {"\"caf\xc3\xa9 \xe2\x82\xac\"", CARE__JSON_STRING},
    {"\"\xff\xfe\xc0\x80\"", CARE__JSON_STRING}, /* not UTF-8: the validator's business */
    {"\"\x7f\"", CARE__JSON_STRING},             /* DEL is not a control byte in JSON */
    {"\"a/b ' {} [] , :\"", CARE__JSON_STRING},
    {" \t\r\n{} \t\r\n", CARE__JSON_OBJECT},
    {"\n\n[1]\n", CARE__JSON_ARRAY},
    {"{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":[]}", CARE__JSON_OBJECT},
    {"[[[[]]],{},[{}],{\"a\":[[]]}]", CARE__JSON_ARRAY},
    {"{\"\":0}", CARE__JSON_OBJECT},
    {"{\"a\":1,\"a\":2}", CARE__JSON_OBJECT},
    {"[1,-1,0,0.0,1e-0,true,false,null,\"x\",{\"y\":[]}]", CARE__JSON_ARRAY},
    {"{ \"a\" : [ 1 , 2 ] , \"b\" : { } }", CARE__JSON_OBJECT},
    {"{\"k\\u00e9\\n\":\"v\"}", CARE__JSON_OBJECT},
};

static void valid_texts(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof valid / sizeof *valid; k++) {
		care__json_doc doc;
		long line, column;
		const char *reason;
		size_t len = strlen(valid[k].text);
		int rc = scan(&doc, valid[k].text, len, &line, &column, &reason);

		if (rc != 0)
			fail_msg("valid[%zu] %s: %d at %ld:%ld (%s)", k, valid[k].text, rc, line,
			         column, reason ? reason : "");
		assert_int_equal(doc.top_type, valid[k].type);
		check_doc(valid[k].text, len, &doc);
		care_json__doc_free(&doc);
	}
}

/* ---- invalid texts, each with the exact position of its error ---- */

static const struct {
	const char *text;
	size_t len;         /* 0: strlen(text) */
	long line, column;  /* 1-based, column in bytes */
	const char *reason; /* a word the reason must contain */
} invalid[] = {
    /* Nothing, or only whitespace: the end. */
    {"", 0, 1, 1, "end of input"},
    {"   ", 0, 1, 4, "end of input"},
    {" \n\t", 0, 2, 2, "end of input"},
    {"\n", 0, 2, 1, "end of input"},
    /* Not JSON whitespace, or not JSON at all. */
    {"\xEF\xBB\xBF{}", 0, 1, 1, "byte order mark"},
    {"\v{}", 0, 1, 1, "expected a value"},
    {"\f[]", 0, 1, 1, "expected a value"},
    {"\xc2\xa0{}", 0, 1, 1, "expected a value"},
    {"[\xc3\xa9]", 0, 1, 2, "expected a value"},
    {"\xff", 0, 1, 1, "expected a value"},
    {"\0", 1, 1, 1, "expected a value"},
    {"[1]\0", 4, 1, 4, "after the JSON value"},
    {"/* c */{}", 0, 1, 1, "expected a value"},
    {"{\"a\":1}\n// x", 0, 2, 1, "after the JSON value"},
    {"{'a':1}", 0, 1, 2, "string key"},
    {"{a:1}", 0, 1, 2, "string key"},
    /* Commas, colons and brackets. */
    {"{\"a\":1,}", 0, 1, 8, "trailing comma"},
    {"[1,2,]", 0, 1, 6, "trailing comma"},
    {"[1,\n  ]", 0, 2, 3, "trailing comma"},
    {"{\"a\":[1,2,]}", 0, 1, 11, "trailing comma"},
    {"{\"a\":{\"b\":1,}}", 0, 1, 13, "trailing comma"},
    {"{\n  \"a\": 1,\n  \"b\": 2,\n}", 0, 4, 1, "trailing comma"},
    {"[1,\r\n2,]", 0, 2, 3, "trailing comma"},
    {"{\"a\":1 \"b\":2}", 0, 1, 8, "expected ',' or '}'"},
    {"[1 2]", 0, 1, 4, "expected ',' or ']'"},
    {"[\n1,\n2\n3]", 0, 4, 1, "expected ',' or ']'"},
    {"[\"a\",\n\"b\"\n\"c\"]", 0, 3, 1, "expected ',' or ']'"},
    {"[1}", 0, 1, 3, "expected ',' or ']'"},
    {"{\"a\":1]", 0, 1, 7, "expected ',' or '}'"},
    {"{\"a\"}", 0, 1, 5, "':'"},
    {"{\"a\" 1}", 0, 1, 6, "':'"},
    {"{\"a\":}", 0, 1, 6, "expected a value"},
    {"{\n\"a\":\n}", 0, 3, 1, "expected a value"},
    {"{,}", 0, 1, 2, "string key"},
    {"{\"a\":1,,}", 0, 1, 8, "string key"},
    {"[,1]", 0, 1, 2, "expected a value"},
    {"[1,,2]", 0, 1, 4, "expected a value"},
    {"{} {}", 0, 1, 4, "after the JSON value"},
    {"[] x", 0, 1, 4, "after the JSON value"},
    {"[[]]]", 0, 1, 5, "after the JSON value"},
    {"{\"a\":1}}", 0, 1, 8, "after the JSON value"},
    {"\"a\" \"b\"", 0, 1, 5, "after the JSON value"},
    {"[1,2]\n  \t x", 0, 2, 5, "after the JSON value"},
    {"[1]\n\n]", 0, 3, 1, "after the JSON value"},
    /* Unterminated: just past the last byte. */
    {"[", 0, 1, 2, "end of input"},
    {"[1", 0, 1, 3, "end of input"},
    {"[1,\n", 0, 2, 1, "end of input"},
    {"{", 0, 1, 2, "end of input"},
    {"{\"a\"", 0, 1, 5, "end of input"},
    {"{\"a\":", 0, 1, 6, "end of input"},
    {"{\"a\":1", 0, 1, 7, "end of input"},
    {"{\"a\":[1,\n{\"b\":\n", 0, 3, 1, "end of input"},
    {"\"abc", 0, 1, 5, "end of input"},
    {"\"\\", 0, 1, 3, "end of input"},
    {"\"\\u00", 0, 1, 6, "end of input"},
    /* Numbers. */
    {"[01]", 0, 1, 3, "leading zero"},
    {"01", 0, 1, 2, "leading zero"},
    {"-01", 0, 1, 3, "leading zero"},
    {"+1", 0, 1, 1, "expected a value"},
    {".5", 0, 1, 1, "expected a value"},
    {"1.", 0, 1, 3, "end of input"},
    {"-0.", 0, 1, 4, "end of input"},
    {"[1.]", 0, 1, 4, "digit"},
    {"1.e5", 0, 1, 3, "digit"},
    {"-x", 0, 1, 2, "digit"},
    {"- 1", 0, 1, 2, "digit"},
    {"-", 0, 1, 2, "end of input"},
    {"1e", 0, 1, 3, "end of input"},
    {"1e+", 0, 1, 4, "end of input"},
    {"[1e+x]", 0, 1, 5, "digit"},
    {"1e5.", 0, 1, 4, "after the JSON value"},
    {"0x10", 0, 1, 2, "after the JSON value"},
    {"NaN", 0, 1, 1, "expected a value"},
    {"Infinity", 0, 1, 1, "expected a value"},
    {"-Infinity", 0, 1, 2, "digit"},
    {"[1,NaN]", 0, 1, 4, "expected a value"},
    /* Literals. */
    {"tru]", 0, 1, 4, "invalid literal"},
    {"[tru", 0, 1, 5, "end of input"},
    {"nul", 0, 1, 4, "end of input"},
    {"nulL", 0, 1, 4, "invalid literal"},
    {"True", 0, 1, 1, "expected a value"},
    {"{\n\t\"a\": tru\n}", 0, 2, 10, "invalid literal"},
    /* Strings: control bytes and escapes. */
    {"\"a\x01"
     "b\"",
     0, 1, 3, "control character"},
    {"\"a\tb\"", 0, 1, 3, "control character"},
    {"\"a\nb\"", 0, 1, 3, "control character"},
    {"\"a\0b\"", 5, 1, 3, "control character"},
    {"{\"a\x1f\":1}", 0, 1, 4, "control character"},
    {"\"\\x\"", 0, 1, 3, "invalid escape"},
    {"\"\\U0041\"", 0, 1, 3, "invalid escape"},
    {"\"\\'\"", 0, 1, 3, "invalid escape"},
    {"{\"a\\x\":1}", 0, 1, 5, "invalid escape"},
    {"\"\\u12G4\"", 0, 1, 6, "\\u escape"},
    {"\"\\u\"", 0, 1, 4, "\\u escape"},
    /* Surrogates. */
    {"\"\\ud800\"", 0, 1, 8, "low surrogate"},
    {"\"\\ud800\\u0041\"", 0, 1, 10, "low surrogate"},
    {"\"\\ud800\\ud800\"", 0, 1, 10, "low surrogate"},
    {"\"\\ud800\\udbff\"", 0, 1, 10, "low surrogate"},
    {"\"\\ud800\\ue000\"", 0, 1, 10, "low surrogate"},
    {"\"\\ud800x\"", 0, 1, 8, "low surrogate"},
    {"\"\\ud800\\n\"", 0, 1, 9, "low surrogate"},
    {"\"\\ud800\\uDC0G\"", 0, 1, 13, "\\u escape"},
    {"\"\\udc00\"", 0, 1, 4, "lone low surrogate"},
    {"\"\\uDFFF\"", 0, 1, 4, "lone low surrogate"},
    {"\"\\ud800", 0, 1, 8, "end of input"},
    {"\"\\ud800\\", 0, 1, 9, "end of input"},
    {"\"\\ud800\\udc0", 0, 1, 13, "end of input"},
};

static void invalid_texts(void **state)
{
	size_t k;

	(void)state;
	assert_true(sizeof invalid / sizeof *invalid >= 40);
	for (k = 0; k < sizeof invalid / sizeof *invalid; k++) {
		care__json_doc doc;
		long line, column;
		const char *reason;
		size_t len = invalid[k].len ? invalid[k].len : strlen(invalid[k].text);
		int rc = scan(&doc, invalid[k].text, len, &line, &column, &reason);

		if (rc != CARE_ESYNTAX || line != invalid[k].line || column != invalid[k].column ||
		    reason == NULL || strstr(reason, invalid[k].reason) == NULL)
			fail_msg("invalid[%zu]: rc %d at %ld:%ld (%s); expected %ld:%ld (%s)", k,
			         rc, line, column, reason ? reason : "no reason", invalid[k].line,
			         invalid[k].column, invalid[k].reason);
		assert_true(doc_is_empty(&doc));
	}
}

/* ---- nesting ---- */

/* `depth` arrays, or objects {"a":...}, around a 1; objects when `objects`. */
static char *nested(size_t depth, int objects, size_t *len)
{
	size_t open = objects ? 5 : 1, n = depth * (open + 1) + 1, i;
	char *text = malloc(n);

	assert_non_null(text);
	for (i = 0; i < depth; i++)
		memcpy(text + i * open, objects ? "{\"a\":" : "[", open);
	text[depth * open] = '1';
	memset(text + depth * open + 1, objects ? '}' : ']', depth);
	*len = n;
	return text;
}

static void nesting_limit(void **state)
{
	static const size_t depths[] = {LIMIT - 1, LIMIT, LIMIT + 1, 600, 1000000};
	size_t k;
	int objects;

	(void)state;
	for (objects = 0; objects < 2; objects++) {
		for (k = 0; k < sizeof depths / sizeof *depths; k++) {
			care__json_doc doc;
			long line, column;
			const char *reason;
			size_t len;
			char *text = nested(depths[k], objects, &len);
			int rc = scan(&doc, text, len, &line, &column, &reason);

			if (depths[k] <= LIMIT) {
				assert_int_equal(rc, 0);
				check_doc(text, len, &doc);
				care_json__doc_free(&doc);
			} else {
				/* The bracket that opens level 513. */
				assert_int_equal(rc, CARE_ESYNTAX);
				assert_int_equal(line, 1);
				assert_int_equal(column, LIMIT * (objects ? 5 : 1) + 1);
				assert_string_equal(reason, "nesting too deep");
				assert_true(doc_is_empty(&doc));
			}
			free(text);
		}
	}
}

/* The limit counts open containers, not lines or members. */
static void nesting_limit_mixed(void **state)
{
	char text[4 * LIMIT + 64];
	size_t n = 0, i;
	care__json_doc doc;
	long line, column;
	const char *reason;

	(void)state;
	/* The top object, then levels 2 to LIMIT alternating [ and {"": */
	n = (size_t)sprintf(text, "{\"x\":[1,2],\n\"deep\":");
	for (i = 2; i <= LIMIT; i++) {
		if (i % 2 == 0) {
			text[n++] = '[';
		} else {
			memcpy(text + n, "{\"\":", 4);
			n += 4;
		}
	}
	/* Depth is now exactly LIMIT (the top object plus 511); one more fails. */
	text[n++] = '[';
	assert_int_equal(scan(&doc, text, n, &line, &column, &reason), CARE_ESYNTAX);
	assert_int_equal(line, 2);
	assert_int_equal(column, (long)(n - strlen("{\"x\":[1,2],\n")));
	assert_string_equal(reason, "nesting too deep");
	/* Without it the text is merely cut short. */
	assert_int_equal(scan(&doc, text, n - 1, &line, &column, &reason), CARE_ESYNTAX);
	assert_int_equal(column, (long)(n - strlen("{\"x\":[1,2],\n")));
	assert_string_equal(reason, "unexpected end of input: expected a value");
}

/* ---- what a successful scan records ---- */

static const char members_text[] =
    " {\n \"format\" : \"x\" , \"n\":-1.5e3,\t\"list\" : [ 1 , \"two\" ,\n {\"k\":[3]} , [ ] , "
    "true,false,null,-0 ] , \"o\":{\"p\":[1]},\"e\":[],\"s\":\"]\" } \n";

static void expect_span(const char *text, const care__json_span *span, const char *value,
                        care__json_type type)
{
	assert_int_equal(span->end - span->start, strlen(value));
	assert_memory_equal(text + span->start, value, strlen(value));
	assert_int_equal(span->type, type);
}

static void member_and_element_spans(void **state)
{
	static const struct {
		const char *value;
		care__json_type type;
	} elements[] = {
	    {"1", CARE__JSON_NUMBER},           {"\"two\"", CARE__JSON_STRING},
	    {"{\"k\":[3]}", CARE__JSON_OBJECT}, {"[ ]", CARE__JSON_ARRAY},
	    {"true", CARE__JSON_TRUE},          {"false", CARE__JSON_FALSE},
	    {"null", CARE__JSON_NULL},          {"-0", CARE__JSON_NUMBER},
	};
	const char *text = members_text;
	size_t len = strlen(text), k;
	care__json_doc doc;
	long line, column;
	const char *reason;
	const care__json_member *m;

	(void)state;
	assert_int_equal(scan(&doc, text, len, &line, &column, &reason), 0);
	check_doc(text, len, &doc);
	assert_int_equal(doc.top_type, CARE__JSON_OBJECT);
	assert_int_equal(doc.member_count, 6);
	m = doc.members;
	assert_string_equal(m[0].key, "format");
	assert_int_equal(m[0].key_len, 6);
	expect_span(text, &m[0].value, "\"x\"", CARE__JSON_STRING);
	assert_string_equal(m[1].key, "n");
	expect_span(text, &m[1].value, "-1.5e3", CARE__JSON_NUMBER);
	assert_string_equal(m[2].key, "list");
	expect_span(text, &m[2].value, "[ 1 , \"two\" ,\n {\"k\":[3]} , [ ] , true,false,null,-0 ]",
	            CARE__JSON_ARRAY);
	assert_int_equal(m[2].element_count, sizeof elements / sizeof *elements);
	for (k = 0; k < m[2].element_count; k++)
		expect_span(text, &m[2].elements[k], elements[k].value, elements[k].type);
	/* Only the arrays of the top-level object have their elements recorded. */
	assert_string_equal(m[3].key, "o");
	expect_span(text, &m[3].value, "{\"p\":[1]}", CARE__JSON_OBJECT);
	assert_int_equal(m[3].element_count, 0);
	assert_null(m[3].elements);
	assert_string_equal(m[4].key, "e");
	expect_span(text, &m[4].value, "[]", CARE__JSON_ARRAY);
	assert_int_equal(m[4].element_count, 0);
	assert_string_equal(m[5].key, "s");
	expect_span(text, &m[5].value, "\"]\"", CARE__JSON_STRING);
	care_json__doc_free(&doc);
	assert_true(doc_is_empty(&doc));
}

static void other_top_levels_have_no_members(void **state)
{
	static const char *texts[] = {"[{\"a\":[1]},[2]]", "\"{\\\"a\\\":1}\"", "3", "null"};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof texts / sizeof *texts; k++) {
		care__json_doc doc;
		long line, column;
		const char *reason;

		assert_int_equal(scan(&doc, texts[k], strlen(texts[k]), &line, &column, &reason),
		                 0);
		assert_int_not_equal(doc.top_type, CARE__JSON_OBJECT);
		assert_int_equal(doc.member_count, 0);
		assert_null(doc.members);
		care_json__doc_free(&doc);
	}
}

static void repeated_keys_keep_the_first(void **state)
{
	static const char text[] = "{\"a\":1,\"b\":[1,2],\"a\":[3],\"b\":2,\"c\":3,\"a\":\"x\","
	                           "\"\\u0063\":4,\"ab\":5,\"\":6,\"\\u0000\":7,\"\":8}";
	care__json_doc doc;
	long line, column;
	const char *reason;
	const care__json_member *m;

	(void)state;
	assert_int_equal(scan(&doc, text, strlen(text), &line, &column, &reason), 0);
	check_doc(text, strlen(text), &doc);
	/* a, b, c, ab, "", "\0": in order of first appearance, each with its first value. */
	assert_int_equal(doc.member_count, 6);
	m = doc.members;
	assert_string_equal(m[0].key, "a");
	expect_span(text, &m[0].value, "1", CARE__JSON_NUMBER);
	assert_int_equal(m[0].element_count, 0);
	assert_string_equal(m[1].key, "b");
	expect_span(text, &m[1].value, "[1,2]", CARE__JSON_ARRAY);
	assert_int_equal(m[1].element_count, 2);
	assert_string_equal(m[2].key, "c");
	expect_span(text, &m[2].value, "3", CARE__JSON_NUMBER);
	assert_string_equal(m[3].key, "ab");
	assert_int_equal(m[4].key_len, 0);
	expect_span(text, &m[4].value, "6", CARE__JSON_NUMBER);
	assert_int_equal(m[5].key_len, 1);
	assert_int_equal(m[5].key[0], '\0');
	expect_span(text, &m[5].value, "7", CARE__JSON_NUMBER);
	care_json__doc_free(&doc);
}

/* Many members and long arrays: growth, and repeats found among thousands. */
static void many_members_and_elements(void **state)
{
	const size_t keys = 5000, elements = 100000;
	size_t cap = keys * 2 * 24 + elements * 8 + 64, n = 0, k;
	char *text = malloc(cap);
	care__json_doc doc;
	long line, column;
	const char *reason;

	(void)state;
	assert_non_null(text);
	text[n++] = '{';
	/* Every key twice, the repeats in reverse order; then one long list. */
	for (k = 0; k < 2 * keys; k++) {
		size_t id = k < keys ? k : 2 * keys - 1 - k;
		n += (size_t)sprintf(text + n, "\"k%zu\":%zu,", id, k);
	}
	n += (size_t)sprintf(text + n, "\"list\":[");
	for (k = 0; k < elements; k++)
		n += (size_t)sprintf(text + n, "%s%zu", k ? "," : "", k % 1000);
	n += (size_t)sprintf(text + n, "]}");
	assert_true(n < cap);
	assert_int_equal(scan(&doc, text, n, &line, &column, &reason), 0);
	assert_int_equal(doc.member_count, keys + 1);
	for (k = 0; k < keys; k++) {
		char expect[32];
		sprintf(expect, "k%zu", k);
		assert_string_equal(doc.members[k].key, expect);
		/* The first occurrence's value is its position k. */
		sprintf(expect, "%zu", k);
		expect_span(text, &doc.members[k].value, expect, CARE__JSON_NUMBER);
	}
	assert_string_equal(doc.members[keys].key, "list");
	assert_int_equal(doc.members[keys].element_count, elements);
	assert_int_equal(doc.members[keys].elements[elements - 1].end,
	                 doc.members[keys].value.end - 1);
	care_json__doc_free(&doc);
	free(text);
}

static void keys_are_decoded(void **state)
{
	static const char text[] =
	    "{\"\\u00e9\\ud83d\\ude00\\n\\\"\\\\\\/\\b\\f\\r\\t x\\u0000y\\u20AC\\uFFFF\xff\":0,"
	    "\"plain\":1, \"caf\xc3\xa9\" :2}";
	static const char first[] = "\xc3\xa9\xf0\x9f\x98\x80\n\"\\/\b\f\r\t x\0y\xe2\x82\xac"
	                            "\xef\xbf\xbf\xff";
	care__json_doc doc;
	long line, column;
	const char *reason;

	(void)state;
	assert_int_equal(scan(&doc, text, strlen(text), &line, &column, &reason), 0);
	assert_int_equal(doc.member_count, 3);
	assert_int_equal(doc.members[0].key_len, sizeof first - 1);
	assert_memory_equal(doc.members[0].key, first, sizeof first);
	assert_string_equal(doc.members[1].key, "plain");
	assert_int_equal(doc.members[1].key_len, 5);
	assert_string_equal(doc.members[2].key, "caf\xc3\xa9");
	care_json__doc_free(&doc);
}

static void free_accepts_an_empty_doc(void **state)
{
	care__json_doc doc;

	(void)state;
	memset(&doc, 0, sizeof doc);
	care_json__doc_free(&doc);
	care_json__doc_free(&doc);
	care_json__doc_free(NULL);
	assert_true(doc_is_empty(&doc));
}

/* ---- allocation failures ---- */

static size_t allocations, fail_at;
static long live;

static void *counting_malloc(size_t size)
{
	void *p;

	if (++allocations == fail_at)
		return NULL;
	p = malloc(size);
	live += p != NULL;
	return p;
}

static void *counting_realloc(void *ptr, size_t size)
{
	void *p;

	if (++allocations == fail_at)
		return NULL;
	p = realloc(ptr, size);
	live += p != NULL && ptr == NULL;
	return p;
}

static void counting_free(void *ptr)
{
	live -= ptr != NULL;
	free(ptr);
}

static int restore_allocator(void **state)
{
	(void)state;
	care_set_allocator(NULL);
	return 0;
}

static void allocation_failures(void **state)
{
	static const care_allocator counting = {counting_malloc, counting_realloc, counting_free};
	const char *text = members_text;
	char big[4096];
	size_t n = 0, k, failures = 0;

	(void)state;
	/* Members (some repeated) and arrays long enough to grow more than once. */
	n += (size_t)sprintf(big, "{\"a\":[");
	for (k = 0; k < 40; k++)
		n += (size_t)sprintf(big + n, "%s%zu", k ? "," : "", k);
	n += (size_t)sprintf(big + n, "],\"b\":1,\"a\":2,%s", strchr(text, '{') + 1);
	assert_int_equal(care_set_allocator(&counting), 0);
	for (fail_at = 1;; fail_at++) {
		care__json_doc doc;
		long line, column;
		const char *reason;
		int rc;

		allocations = 0;
		live = 0;
		rc = scan(&doc, big, n, &line, &column, &reason);
		if (rc == 0) {
			fail_at = 0; /* the checks below scan again */
			check_doc(big, n, &doc);
			assert_int_equal(doc.member_count, 8);
			care_json__doc_free(&doc);
			assert_int_equal(live, 0);
			break;
		}
		assert_int_equal(rc, CARE_ENOMEM);
		assert_true(doc_is_empty(&doc));
		assert_int_equal(live, 0);
		failures++;
	}
	/* Members, keys, elements and the check for repeats each allocate. */
	assert_true(failures >= 10);
	care_set_allocator(NULL);
}

/* ---- random mutations against a reference scanner ---- */

/*
 * The reference: plain recursive descent (its depth is bounded by LIMIT),
 * following the grammar of RFC 8259 and SPEC 2's rule for where an error is.
 */
typedef struct ref {
	const unsigned char *p;
	size_t n, i, error_at;
} ref;

static int ref_fail(ref *r, size_t at)
{
	r->error_at = at;
	return -1;
}

static void ref_ws(ref *r)
{
	while (r->i < r->n && r->p[r->i] != 0 && strchr(" \t\r\n", r->p[r->i]))
		r->i++;
}

/* The next byte must be `c`. */
static int ref_expect(ref *r, int c)
{
	if (r->i >= r->n)
		return ref_fail(r, r->n);
	if (r->p[r->i] != c)
		return ref_fail(r, r->i);
	r->i++;
	return 0;
}

static int ref_hex4(ref *r, unsigned long *v)
{
	static const char digits[] = "0123456789abcdef0123456789ABCDEF";
	int k;

	*v = 0;
	for (k = 0; k < 4; k++, r->i++) {
		const char *d;
		if (r->i >= r->n)
			return ref_fail(r, r->n);
		d = r->p[r->i] ? strchr(digits, r->p[r->i]) : NULL;
		if (d == NULL)
			return ref_fail(r, r->i);
		*v = *v * 16 + (unsigned long)((d - digits) % 16);
	}
	return 0;
}

static int ref_string(ref *r)
{
	r->i++;
	for (;;) {
		unsigned char c;
		unsigned long v;
		size_t at;

		if (r->i >= r->n)
			return ref_fail(r, r->n);
		c = r->p[r->i];
		if (c == '"') {
			r->i++;
			return 0;
		}
		if (c < 0x20)
			return ref_fail(r, r->i);
		r->i++;
		if (c != '\\')
			continue;
		if (r->i >= r->n)
			return ref_fail(r, r->n);
		c = r->p[r->i];
		if (c != 0 && strchr("\"\\/bfnrt", c)) {
			r->i++;
			continue;
		}
		if (ref_expect(r, 'u'))
			return -1;
		at = r->i;
		if (ref_hex4(r, &v))
			return -1;
		if (v >= 0xDC00 && v <= 0xDFFF)
			return ref_fail(r, at);
		if (v < 0xD800 || v > 0xDBFF)
			continue;
		if (ref_expect(r, '\\') || ref_expect(r, 'u'))
			return -1;
		at = r->i;
		if (ref_hex4(r, &v))
			return -1;
		if (v < 0xDC00 || v > 0xDFFF)
			return ref_fail(r, at);
	}
}

static int ref_digits(ref *r)
{
	size_t start = r->i;

	while (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
		r->i++;
	if (r->i > start)
		return 0;
	return ref_fail(r, r->i);
}

static int ref_number(ref *r)
{
	if (r->p[r->i] == '-')
		r->i++;
	if (r->i < r->n && r->p[r->i] == '0') {
		r->i++;
		if (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
			return ref_fail(r, r->i);
	} else if (ref_digits(r)) {
		return -1;
	}
	if (r->i < r->n && r->p[r->i] == '.') {
		r->i++;
		if (ref_digits(r))
			return -1;
	}
	if (r->i < r->n && (r->p[r->i] == 'e' || r->p[r->i] == 'E')) {
		r->i++;
		if (r->i < r->n && (r->p[r->i] == '+' || r->p[r->i] == '-'))
			r->i++;
		if (ref_digits(r))
			return -1;
	}
	return 0;
}

static int ref_value(ref *r, int depth);

/* An array or object whose bracket is at r->i; depth counts it. */
static int ref_container(ref *r, int depth)
{
	int object = r->p[r->i] == '{';
	int close = object ? '}' : ']';

	if (depth > LIMIT)
		return ref_fail(r, r->i);
	r->i++;
	ref_ws(r);
	if (r->i < r->n && r->p[r->i] == close) {
		r->i++;
		return 0;
	}
	for (;;) {
		if (object) {
			ref_ws(r);
			if (r->i >= r->n)
				return ref_fail(r, r->n);
			if (r->p[r->i] != '"')
				return ref_fail(r, r->i);
			if (ref_string(r))
				return -1;
			ref_ws(r);
			if (ref_expect(r, ':'))
				return -1;
		}
		if (ref_value(r, depth))
			return -1;
		ref_ws(r);
		if (r->i >= r->n)
			return ref_fail(r, r->n);
		if (r->p[r->i] == close) {
			r->i++;
			return 0;
		}
		if (ref_expect(r, ','))
			return -1;
		ref_ws(r);
		if (r->i < r->n && r->p[r->i] == close)
			return ref_fail(r, r->i);
	}
}

static int ref_literal(ref *r, const char *word)
{
	for (; *word; word++)
		if (ref_expect(r, *word))
			return -1;
	return 0;
}

static int ref_value(ref *r, int depth)
{
	unsigned char c;

	ref_ws(r);
	if (r->i >= r->n)
		return ref_fail(r, r->n);
	c = r->p[r->i];
	if (c == '{' || c == '[')
		return ref_container(r, depth + 1);
	if (c == '"')
		return ref_string(r);
	if (c == 't')
		return ref_literal(r, "true");
	if (c == 'f')
		return ref_literal(r, "false");
	if (c == 'n')
		return ref_literal(r, "null");
	if (c == '-' || (c >= '0' && c <= '9'))
		return ref_number(r);
	return ref_fail(r, r->i);
}

/* 0 when valid, else -1 with *error_at the offset of the error. */
static int ref_scan(const char *text, size_t len, size_t *error_at)
{
	ref r = {(const unsigned char *)text, len, 0, 0};

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		*error_at = 0;
		return -1;
	}
	if (ref_value(&r, 0) == 0) {
		ref_ws(&r);
		if (r.i == len)
			return 0;
		r.error_at = r.i;
	}
	*error_at = r.error_at;
	return -1;
}

/* The reference must itself agree with the hand-worked table. */
static void reference_agrees_with_the_tables(void **state)
{
	size_t k, at;

	(void)state;
	for (k = 0; k < sizeof valid / sizeof *valid; k++)
		assert_int_equal(ref_scan(valid[k].text, strlen(valid[k].text), &at), 0);
	for (k = 0; k < sizeof invalid / sizeof *invalid; k++) {
		const char *text = invalid[k].text;
		size_t len = invalid[k].len ? invalid[k].len : strlen(text), i;
		long line = 1, column = 1;

		assert_int_equal(ref_scan(text, len, &at), -1);
		for (i = 0; i < at; i++) {
			line += text[i] == '\n';
			column = text[i] == '\n' ? 1 : column + 1;
		}
		if (line != invalid[k].line || column != invalid[k].column)
			fail_msg("reference on invalid[%zu]: %ld:%ld", k, line, column);
	}
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Du;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

static const char *const seeds[] = {
    "{\"format\":\"libcare-dataset\",\"version\":1,\"organisation\":{\"ods_code\":\"RXX\","
    "\"name\":\"Example\"},\"units\":[{\"id\":\"A\",\"name\":\"W\\u00e9st\"},{\"id\":\"B\","
    "\"parent\":\"A\"}],\"staff\":[{\"id\":\"s1\",\"started_on\":\"2024-01-01\",\"fte\":0.5,"
    "\"left_on\":null,\"assignments\":[]}],\"modules\":[]}",
    "[1, -0.5e+3, 0, 1E2, true, false, null, \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\", [], {}]",
    "{\"\\ud83d\\ude00\": \"\\uD834\\uDD1E\", \"k\" : [ \"\\u0000\" , \"\xc3\xa9\" ]}\n",
    "{\n  \"a\": [\n    {\"b\": [1, 2, {\"c\": [3]}]},\n    \"x\"\n  ],\n  \"a\": 2\n}\n",
    "\"just a string \\u20ac\"",
    "-12.75e-2",
    "{\"a\":{\"b\":{\"c\":{\"d\":[[[[[[]]]]]]}}}}",
};

/* Bytes that make mutations interesting. */
static const char dictionary[] = "{}[],:\"\\ -+.eE0123456789tfnrulsaxU\t\n\r\v\x01\x1f\x7f\x80"
                                 "\xc3\xa9\xef\xbb\xbf\xff";

static char *deep_seed(size_t *len)
{
	/* Arrays nested right up to the limit, so that an inserted bracket crosses it. */
	return nested(LIMIT - 1, 0, len);
}

static void mutate(char *buf, size_t *len, size_t cap)
{
	size_t n = *len, at = below(n + 1), count;

	switch (rng() % 7) {
	case 0: /* flip a bit */
		if (n)
			buf[below(n)] ^= (char)(1u << below(8));
		break;
	case 1: /* replace a byte */
		if (n)
			buf[below(n)] = dictionary[below(sizeof dictionary - 1)];
		break;
	case 2: /* insert a byte */
		if (n < cap) {
			memmove(buf + at + 1, buf + at, n - at);
			buf[at] = rng() % 4 ? dictionary[below(sizeof dictionary - 1)]
			                    : (char)(rng() & 0xFF);
			n++;
		}
		break;
	case 3: /* delete a few bytes */
		count = 1 + below(3);
		if (at + count <= n) {
			memmove(buf + at, buf + at + count, n - at - count);
			n -= count;
		}
		break;
	case 4: /* cut the text short */
		n = at;
		break;
	case 5: { /* copy a piece of the text elsewhere */
		size_t from = below(n), size = 1 + below(16);
		if (from + size <= n && n + size <= cap) {
			memmove(buf + at + size, buf + at, n - at);
			memmove(buf + at, buf + (from >= at ? from + size : from), size);
			n += size;
		}
		break;
	}
	default: /* swap two bytes */
		if (n) {
			size_t other = below(n);
			char c;
			at = below(n);
			c = buf[at];
			buf[at] = buf[other];
			buf[other] = c;
		}
		break;
	}
	*len = n;
}

static void random_mutations(void **state)
{
	const size_t iterations = 20000, nseeds = sizeof seeds / sizeof *seeds + 1;
	size_t deep_len, k, accepted = 0, rejected = 0;
	char *deep = deep_seed(&deep_len);
	char *buf = malloc(2 * deep_len + 256);

	(void)state;
	assert_non_null(buf);
	for (k = 0; k < iterations; k++) {
		size_t which = below(nseeds), len, cap, mutations = 1 + below(3), m, at, i;
		const char *seed = which < nseeds - 1 ? seeds[which] : deep;
		care__json_doc doc;
		long line, column, expect_line = 1, expect_column = 1;
		const char *reason;
		int rc, ref_rc;

		len = which < nseeds - 1 ? strlen(seed) : deep_len;
		cap = 2 * deep_len + 256;
		memcpy(buf, seed, len);
		for (m = 0; m < mutations; m++)
			mutate(buf, &len, cap);
		rc = scan(&doc, buf, len, &line, &column, &reason);
		ref_rc = ref_scan(buf, len, &at);
		if (ref_rc == 0) {
			if (rc != 0)
				fail_msg("iteration %zu: rejected at %ld:%ld (%s) a text the "
				         "reference accepts: %.*s",
				         k, line, column, reason, (int)len, buf);
			check_doc(buf, len, &doc);
			care_json__doc_free(&doc);
			accepted++;
			continue;
		}
		for (i = 0; i < at; i++) {
			expect_line += buf[i] == '\n';
			expect_column = buf[i] == '\n' ? 1 : expect_column + 1;
		}
		if (rc != CARE_ESYNTAX || line != expect_line || column != expect_column)
			fail_msg("iteration %zu: rc %d at %ld:%ld (%s), reference %ld:%ld: %.*s", k,
			         rc, line, column, reason ? reason : "", expect_line, expect_column,
			         (int)len, buf);
		assert_true(line >= 1 && column >= 1 && (size_t)column <= len + 1);
		assert_non_null(reason);
		assert_true(reason[0] != '\0');
		assert_true(doc_is_empty(&doc));
		rejected++;
	}
	/* Both outcomes are common enough for the comparison to mean something. */
	assert_true(accepted > iterations / 50);
	assert_true(rejected > iterations / 2);
	free(buf);
	free(deep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_texts),
	    cmocka_unit_test(invalid_texts),
	    cmocka_unit_test(nesting_limit),
	    cmocka_unit_test(nesting_limit_mixed),
	    cmocka_unit_test(member_and_element_spans),
	    cmocka_unit_test(other_top_levels_have_no_members),
	    cmocka_unit_test(repeated_keys_keep_the_first),
	    cmocka_unit_test(many_members_and_elements),
	    cmocka_unit_test(keys_are_decoded),
	    cmocka_unit_test(free_accepts_an_empty_doc),
	    cmocka_unit_test_teardown(allocation_failures, restore_allocator),
	    cmocka_unit_test(reference_agrees_with_the_tables),
	    cmocka_unit_test(random_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
