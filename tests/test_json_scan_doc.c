/*
 * What a successful scan of the JSON scanner (lib/json_scan.h) records: the
 * spans of top-level members and of their array elements, repeated keys,
 * decoded keys, and allocation failures (each allocation failed in turn).
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

static int restore_allocator(void **state)
{
	(void)state;
	care_set_allocator(NULL);
	return 0;
}

static void allocation_failures(void **state)
{
	const char *text = members_text;
	char big[4096];
	size_t n = 0, k, failures = 0;

	(void)state;
	/* Members (some repeated) and arrays long enough to grow more than once. */
	n += (size_t)sprintf(big, "{\"a\":[");
	for (k = 0; k < 40; k++)
		n += (size_t)sprintf(big + n, "%s%zu", k ? "," : "", k);
	n += (size_t)sprintf(big + n, "],\"b\":1,\"a\":2,%s", strchr(text, '{') + 1);
	assert_int_equal(care_set_allocator(&test_allocator), 0);
	for (test_alloc_fail_at = 1;; test_alloc_fail_at++) {
		care__json_doc doc;
		long line, column;
		const char *reason;
		int rc;

		test_alloc_calls = 0;
		test_alloc_live = 0;
		rc = scan(&doc, big, n, &line, &column, &reason);
		if (rc == 0) {
			test_alloc_fail_at = 0; /* the checks below scan again */
			check_doc(big, n, &doc);
			assert_int_equal(doc.member_count, 8);
			care_json__doc_free(&doc);
			assert_int_equal(test_alloc_live, 0);
			break;
		}
		assert_int_equal(rc, CARE_ENOMEM);
		assert_true(doc_is_empty(&doc));
		assert_int_equal(test_alloc_live, 0);
		failures++;
	}
	/* Members, keys, elements and the check for repeats each allocate. */
	assert_true(failures >= 10);
	care_set_allocator(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(member_and_element_spans),
	    cmocka_unit_test(other_top_levels_have_no_members),
	    cmocka_unit_test(repeated_keys_keep_the_first),
	    cmocka_unit_test(many_members_and_elements),
	    cmocka_unit_test(keys_are_decoded),
	    cmocka_unit_test(free_accepts_an_empty_doc),
	    cmocka_unit_test_teardown(allocation_failures, restore_allocator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
