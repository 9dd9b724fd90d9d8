/*
 * The id index (lib/util/strtab.h): keys put one at a time and in bulk
 * (care_idindex__put_many, how a load indexes its completions after their list) must give
 * the same answers, and a bulk put must find a key that is already there, or twice in
 * the batch, wherever the two are, across the batch's chunks too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "util/strtab.h"

/* Keys "k<number>": keys[i] is position i's number. */
typedef struct keys {
	const uint32_t *number;
} keys;

static const char *key_of(const void *ctx, uint32_t index, char buf[37])
{
	const keys *k = ctx;

	snprintf(buf, 37, "k%u", k->number[index]);
	return buf;
}

static uint32_t hash_of(uint32_t number)
{
	char buf[37];
	int n = snprintf(buf, sizeof buf, "k%u", number);

	return care_strtab__hash(buf, (size_t)n);
}

static uint64_t rng_state = 0x2545F4914F6CDD1Du;

/* n distinct numbers (a permutation's prefix of a large range, by a multiplier). */
static uint32_t *distinct(size_t n)
{
	uint32_t *number = malloc(n * sizeof *number);
	uint32_t start = (uint32_t)test_rng(&rng_state);
	size_t i;

	assert_non_null(number);
	for (i = 0; i < n; i++)
		number[i] = (uint32_t)(start + i * 2654435761u);
	return number;
}

/* Put n keys in bulk after `before` one at a time; 1 when put_many found a key twice. */
static int put_both_ways(care__id_index *ix, const uint32_t *number, size_t before, size_t n)
{
	keys k = {number};
	uint32_t *hash;
	size_t i;
	int rc;

	/* Sizes the tests use (and, said to the compiler, no unbounded allocation). */
	if (n > ((size_t)1 << 24)) {
		fail_msg("%zu keys: more than the tests put", n);
		return -1;
	}
	hash = malloc((n + 1) * sizeof *hash);

	assert_non_null(hash);
	assert_int_equal(care_idindex__grow(ix, before + n), 0);
	for (i = 0; i < before; i++)
		care_idindex__put(ix, (uint32_t)i, hash_of(number[i]));
	for (i = 0; i < n; i++)
		hash[i] = hash_of(number[before + i]);
	rc = care_idindex__put_many(ix, (uint32_t)before, hash, n, &k, key_of);
	free(hash);
	return rc;
}

static void bulk_finds_every_key(void **state)
{
	static const size_t sizes[] = {0, 1, 7, 1000, 100000};
	size_t s, i;

	(void)state;
	for (s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t n = sizes[s], before = n / 3;
		uint32_t *number = distinct(n + 1);
		keys k = {number};
		care__id_index ix = {0};
		char buf[37];

		assert_int_equal(put_both_ways(&ix, number, before, n - before), 0);
		assert_int_equal(ix.count, n);
		for (i = 0; i < n; i++) {
			const char *key = key_of(&k, (uint32_t)i, buf);
			assert_int_equal(
			    care_idindex__find(&ix, key, hash_of(number[i]), &k, key_of), i);
		}
		/* A key never put is not found. */
		snprintf(buf, sizeof buf, "k%u", number[n]);
		assert_int_equal(care_idindex__find(&ix, buf, hash_of(number[n]), &k, key_of),
		                 CARE__NO);
		care_idindex__free(&ix);
		free(number);
	}
}

static void bulk_finds_a_key_twice(void **state)
{
	/* Several chunks of the bulk put (lowered to 4096 keys), so that a pair may be split
	 * across chunks. */
	const size_t n = 45000;
	static const size_t pairs[][2] = {{0, 1},     {10, 44999},    {4095, 4096},
	                                  {5, 41944}, {44998, 44999}, {20000, 8191}};
	uint32_t *number = distinct(n);
	size_t p, chunk = care_idindex__chunk;

	(void)state;
	care_idindex__chunk = 4096;
	for (p = 0; p < sizeof pairs / sizeof *pairs; p++) {
		care__id_index ix = {0};
		uint32_t kept = number[pairs[p][1]];
		number[pairs[p][1]] = number[pairs[p][0]];
		/* Both in the batch, or the first put one at a time before it. */
		assert_int_equal(put_both_ways(&ix, number, 0, n), 1);
		care_idindex__free(&ix);
		if (pairs[p][0] < 1000 && pairs[p][1] >= 1000) {
			memset(&ix, 0, sizeof ix);
			assert_int_equal(put_both_ways(&ix, number, 1000, n - 1000), 1);
			care_idindex__free(&ix);
		}
		number[pairs[p][1]] = kept;
	}
	care_idindex__chunk = chunk;
	free(number);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bulk_finds_every_key),
	    cmocka_unit_test(bulk_finds_a_key_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
