/*
 * Random mutations of valid JSON texts, each scanned by the JSON scanner
 * (lib/json_scan.h) and by the small recursive reference scanner of
 * json_scan_helpers.c, written independently: they must agree on whether the
 * text is valid and, when not, on the line and column of the error.
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

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
	return test_rng(&rng_state);
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
	    cmocka_unit_test(random_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
