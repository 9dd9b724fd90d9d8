/*
 * The strict JSON scanner (lib/json_scan.h), what RFC 8259 accepts and
 * rejects: the exact line and column of every syntax error (docs/model.md#conventions: the first
 * byte that cannot continue a JSON text), and the nesting limit. The same
 * tables check the reference scanner of json_scan_helpers.c, which
 * test_json_scan_mutations.c then trusts. What a successful scan records is
 * in test_json_scan_doc.c.
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
#include "helpers.h"
#include "io/json_scan.h"
#include "json_scan_helpers.h"

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

/* ---- the reference against the tables ---- */

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_texts),
	    cmocka_unit_test(invalid_texts),
	    cmocka_unit_test(nesting_limit),
	    cmocka_unit_test(nesting_limit_mixed),
	    cmocka_unit_test(reference_agrees_with_the_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
