/*
 * The pooled record parser (lib/io/json_pool.h) must build exactly the tree cJSON builds from
 * the same record (through care_decode__parse, which rewrites "\u0000"): the same types, keys,
 * strings byte for byte, numbers bit for bit, order and links. Hand-written edge cases and
 * random records are parsed both ways and compared node by node; one pool parses them all in
 * turn, so reuse of its nodes and text is checked too.
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
#include "io/json_decode.h"
#include "io/json_pool.h"
#include "io/json_scan.h"

static void same_tree(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->type, b->type);
	if (a->string == NULL || b->string == NULL)
		assert_ptr_equal(a->string, b->string);
	else
		assert_string_equal(a->string, b->string);
	if (a->valuestring == NULL || b->valuestring == NULL)
		assert_ptr_equal(a->valuestring, b->valuestring);
	else
		assert_string_equal(a->valuestring, b->valuestring);
	assert_memory_equal(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble);
	assert_int_equal(a->valueint, b->valueint);
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
		same_tree(x, y);
		/* prev links back (and the first child's prev is the last child) */
		if (x != a->child)
			assert_ptr_equal(y->prev->next, y);
	}
	assert_null(x);
	assert_null(y);
	if (b->child)
		assert_null(b->child->prev->next);
	if (a->child)
		assert_null(a->child->prev->next);
}

/* Scan `{"l": [VALUE]}` and compare the element both ways. */
static void check_value(care__jpool *pool, const char *value)
{
	size_t n = strlen(value) + 16;
	char *text = malloc(n);
	care__json_doc doc;
	long line, column;
	const char *reason;
	const care__json_span *sp;
	cJSON *ref, *got;

	assert_non_null(text);
	snprintf(text, n, "{\"l\": [%s]}", value);
	if (care_json__scan(&doc, text, strlen(text), &line, &column, &reason) != 0) {
		/* Not valid JSON: nothing to compare (the random texts are all valid). */
		fail_msg("not valid JSON: %s (%s)", value, reason);
	}
	assert_int_equal(doc.member_count, 1);
	assert_int_equal(doc.members[0].element_count, 1);
	sp = &doc.members[0].elements[0];
	ref = care_decode__parse(text + sp->start, sp->end - sp->start);
	got = care_jpool__parse(pool, text + sp->start, sp->end - sp->start);
	same_tree(ref, got);
	cJSON_Delete(ref);
	/* The end of the value found again from its start, as a compact list's long element is. */
	assert_int_equal(care_json__value_end(text, sp->start), sp->end);
	care_json__doc_free(&doc);
	free(text);
}

static void test_edge_cases(void **state)
{
	static const char *const cases[] = {
	    "{}",
	    "[]",
	    "0",
	    "-0",
	    "-0.0",
	    "1e999",
	    "-1e999",
	    "1E+2",
	    "0.1e1",
	    "2147483647",
	    "2147483648",
	    "-2147483649",
	    "1e-400",
	    "123456789012345678901234567890",
	    "1000000000000000000000000000000000000000000000000000000000000000000000000.5e-3",
	    "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899",
	    "true",
	    "false",
	    "null",
	    "\"\"",
	    "\"a\\u0000b\"",
	    "\"\\u0000\"",
	    "\"\\\\u0000\"",
	    "\"\\\\\\u0000\"",
	    "\"\\ud83d\\ude00 \\u00e9 \\u20ac \\u007f \\u0080 \\u07ff \\u0800\"",
	    "\"\\b\\f\\n\\r\\t\\\"\\\\\\/\"",
	    "\"\xc3\xa9\xff\xfe raw\"",
	    "{\"id\": \"x\", \"id\": \"y\", \"\": 1, \"\\u0069d\": 2, \"\\u0000\": 3}",
	    "{ \"a\" : [ 1 , { \"b\" : [ ] , \"c\" : { } } , null ] , \"d\" : \"e\" }",
	    "[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]",
	    "{\"id\":\"E7\",\"score\":1E+2,\"list\":[true,false,null,-5.25e-3]}",
	};
	care__jpool pool = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_value(&pool, cases[i]);
	care_jpool__free(&pool);
}

/* ---- random records ---- */

static uint64_t rng_state = 0x243F6A8885A308D3u;

static uint64_t rng(void)
{
	return test_rng(&rng_state);
}

static void put(char **o, const char *s)
{
	size_t n = strlen(s);
	memcpy(*o, s, n);
	*o += n;
}

static void random_string(char **o)
{
	static const char *const pieces[] = {"a",
	                                     "Z",
	                                     "0",
	                                     " ",
	                                     "-",
	                                     "\\n",
	                                     "\\t",
	                                     "\\\"",
	                                     "\\\\",
	                                     "\\/",
	                                     "\\u0000",
	                                     "\\u0041",
	                                     "\\u00e9",
	                                     "\\u20ac",
	                                     "\\ud83d\\ude00",
	                                     "\xc3\xa9",
	                                     "\xe2\x82\xac",
	                                     "\xff",
	                                     "id"};
	int k = (int)(rng() % 8);

	put(o, "\"");
	while (k-- > 0)
		put(o, pieces[rng() % (sizeof pieces / sizeof pieces[0])]);
	put(o, "\"");
}

static void random_number(char **o)
{
	char buf[64];
	switch (rng() % 5) {
	case 0:
		snprintf(buf, sizeof buf, "%d", (int)(rng() % 2000001) - 1000000);
		break;
	case 1:
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)rng());
		break;
	case 2:
		snprintf(buf, sizeof buf, "%.17g", (double)(rng() % 100000) / 7.0);
		break;
	case 3:
		snprintf(buf, sizeof buf, "-%u.%ue%s%u", (unsigned)(rng() % 100),
		         (unsigned)(rng() % 1000), rng() % 2 ? "-" : "+", (unsigned)(rng() % 400));
		break;
	default:
		snprintf(buf, sizeof buf, "0.%09llu", (unsigned long long)(rng() % 1000000000));
		break;
	}
	put(o, buf);
}

static void random_value(char **o, int depth)
{
	int i, n;
	switch (rng() % (depth < 4 ? 7 : 5)) {
	case 0:
		random_string(o);
		break;
	case 1:
		random_number(o);
		break;
	case 2:
		put(o, rng() % 2 ? "true" : "false");
		break;
	case 3:
		put(o, "null");
		break;
	case 4:
		random_string(o);
		break;
	case 5:
		put(o, rng() % 2 ? "[ " : "[");
		for (n = (int)(rng() % 5), i = 0; i < n; i++) {
			if (i)
				put(o, rng() % 2 ? ", " : ",");
			random_value(o, depth + 1);
		}
		put(o, "]");
		break;
	default:
		put(o, rng() % 2 ? "{\n " : "{");
		for (n = (int)(rng() % 6), i = 0; i < n; i++) {
			if (i)
				put(o, ",");
			random_string(o);
			put(o, rng() % 2 ? " : " : ":");
			random_value(o, depth + 1);
		}
		put(o, "}");
		break;
	}
}

static void test_random_records(void **state)
{
	care__jpool pool = {0};
	char *buf = malloc(1 << 20), *o;
	int i;

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < 20000; i++) {
		o = buf;
		/* Mostly records (objects), as in a dataset file. */
		if (rng() % 4)
			random_value(&o, 5 - 5);
		else
			random_value(&o, 0);
		*o = '\0';
		check_value(&pool, buf);
	}
	free(buf);
	care_jpool__free(&pool);
}

/* A compact list keeps each element's length: the same bytes as the full spans. */
static void test_compact_lists(void **state)
{
	static const char text[] =
	    "{\"a\": [1, {\"x\": [2, 3]}, \"s,]\"], \"l\": [ {\"id\": \"1\"} ,\n[ ], 1e5,true ,"
	    "\"q\\\"\", null, {}],\n \"l\": [9], \"e\": []}";
	static const char *const compact[] = {"l", "e", NULL};
	care__json_doc full, small;
	long line, column;
	const char *reason;
	size_t i, k;

	(void)state;
	assert_int_equal(care_json__scan(&full, text, strlen(text), &line, &column, &reason), 0);
	assert_int_equal(care_json__scan_behind(&small, text, strlen(text), &line, &column, &reason,
	                                        NULL, NULL, compact),
	                 0);
	assert_int_equal(full.member_count, 3); /* the second "l" is dropped */
	assert_int_equal(small.member_count, 3);
	for (k = 0; k < 3; k++) {
		const care__json_member *f = &full.members[k], *m = &small.members[k];
		assert_string_equal(f->key, m->key);
		assert_int_equal(f->element_count, m->element_count);
		assert_int_equal(f->value.start, m->value.start);
		assert_int_equal(f->value.end, m->value.end);
		if (strcmp(m->key, "a") == 0) {
			assert_null(m->lengths);
			assert_non_null(m->elements);
			continue;
		}
		assert_null(m->elements);
		for (i = 0; i < m->element_count; i++)
			assert_int_equal(m->lengths[i], f->elements[i].end - f->elements[i].start);
	}
	assert_int_equal(small.members[1].element_count, 7);
	care_json__doc_free(&full);
	care_json__doc_free(&small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edge_cases),
	    cmocka_unit_test(test_random_records),
	    cmocka_unit_test(test_compact_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
