/*
 * The hash of ids and texts (care_strtab__hash in lib/util/strtab.h). Snapshots keep the ids'
 * hashes, so the hash of a text never changes: known texts keep their known hashes, and texts
 * of every length up to 80 bytes, at every alignment, hash as the first way of writing it did.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "util/strtab.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

/* The hash as first written: whole words, then the rest copied into a word. */
static uint32_t hash_as_written(const char *s, size_t len)
{
	const uint64_t k = 0xff51afd7ed558ccdull;
	uint64_t x = 0x9e3779b97f4a7c15ull ^ len, w;
	uint32_t h;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		x = (x ^ w) * k;
		x ^= x >> 32;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, s + i, len - i);
		x = (x ^ w) * k;
		x ^= x >> 32;
	}
	h = (uint32_t)(x ^ (x >> 29));
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* On a little-endian machine, where snapshots are read. */
static void hashes_never_change(void **state)
{
	static const struct {
		const char *text;
		uint32_t hash;
	} known[] = {
	    {"", 0x3e7b289du},
	    {"a", 0x36679e06u},
	    {"S000001", 0x996a899bu},
	    {"R000-PA-CBS", 0xad3a8888u},
	    {"d0485a2c-3967-511c-94f7-4c6360c239d1", 0xc541fc71u},
	    {"IG-ELEARN", 0x175da516u},
	    {"esr", 0x379657b1u},
	};
	char buf[96];
	size_t i, b, len, at;

	(void)state;
	for (i = 0; i < sizeof known / sizeof *known; i++)
		assert_int_equal(care_strtab__hash(known[i].text, strlen(known[i].text)),
		                 known[i].hash);
	for (i = 0; i < 2000; i++) {
		len = i % 81;
		at = i / 81 % 8;
		for (b = 0; b < len; b++)
			buf[at + b] = (char)(test_rng(&rng_state) & 0xff);
		assert_int_equal(care_strtab__hash(buf + at, len), hash_as_written(buf + at, len));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hashes_never_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
