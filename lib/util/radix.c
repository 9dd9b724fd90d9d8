/*
 * Radix work on 32-bit keys. To find repeated keys among thirty million, they are split, with
 * where each was, by their top 11 bits (one read, one scatter to two thousand places); each
 * part, 120 KB at that size, is then gone through with a bit for each value of its 21 low bits
 * (256 KB, in the cache), set as a key is met: a key whose bit is set already is a repeat.
 * Memory is read and written once, in order but for the scatter; a hash table of the keys
 * would be written at random and take several times as long.
 */
#include <string.h>

#include "care/errors.h"
#include "util/alloc.h"
#include "util/radix.h"

#define DIGIT_BITS 11
#define DIGITS     3 /* 11 + 11 + 10 */
#define BUCKETS    ((size_t)1 << DIGIT_BITS)
#define LOW_BITS   (32 - DIGIT_BITS)
#define LOW_MASK   (((uint32_t)1 << LOW_BITS) - 1)

static size_t digit_of(uint32_t key, unsigned d)
{
	return (key >> (d * DIGIT_BITS)) & (BUCKETS - 1);
}

uint32_t *care_radix__sort_u32(uint32_t *a, uint32_t *scratch, size_t n)
{
	size_t count[DIGITS][BUCKETS], i, b;
	uint32_t *from = a, *to = scratch, *swap;
	unsigned d;

	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		for (d = 0; d < DIGITS; d++)
			count[d][digit_of(a[i], d)]++;
	for (d = 0; d < DIGITS; d++) {
		size_t sum = 0, *c = count[d];
		/* A digit every key shares orders nothing. */
		if (n == 0 || c[digit_of(from[0], d)] == n)
			continue;
		for (b = 0; b < BUCKETS; b++) {
			size_t k = c[b];
			c[b] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++)
			to[c[digit_of(from[i], d)]++] = from[i];
		swap = from, from = to, to = swap;
	}
	return from;
}

/* The n keys of a, and where they were (first + their position), into to, grouped by their
 * top digit: group b at to[start[b] .. start[b + 1]) (start: BUCKETS + 1 of them). */
static void split_top(const uint32_t *a, size_t n, uint32_t first, care__radix_hit *to,
                      size_t *start)
{
	size_t at[BUCKETS], i, b, sum = 0;

	memset(start, 0, (BUCKETS + 1) * sizeof *start);
	for (i = 0; i < n; i++)
		start[a[i] >> LOW_BITS]++;
	for (b = 0; b <= BUCKETS; b++) {
		size_t k = start[b];
		start[b] = sum;
		sum += k;
	}
	memcpy(at, start, sizeof at);
	for (i = 0; i < n; i++) {
		care__radix_hit *h = &to[at[a[i] >> LOW_BITS]++];
		h->key = a[i];
		h->at = first + (uint32_t)i;
	}
}

typedef struct found {
	care__radix_hit *hit;
	size_t count, cap;
} found;

static int note(found *f, const care__radix_hit *h)
{
	if (care__grow((void **)&f->hit, &f->cap, f->count + 1, sizeof *f->hit) != 0)
		return CARE_ENOMEM;
	f->hit[f->count++] = *h;
	return 0;
}

static int bit(const uint64_t *bits, uint32_t key)
{
	uint32_t low = key & LOW_MASK;

	return bits[low / 64] >> (low % 64) & 1;
}

static void set_bit(uint64_t *bits, uint32_t key)
{
	uint32_t low = key & LOW_MASK;

	bits[low / 64] |= (uint64_t)1 << (low % 64);
}

/* One group of keys (n) and of probes (m), whose keys share their top digit: a bit for each
 * value of the low bits, set in `seen` as a key is met and in `wanted` as one is met again
 * or a probe finds it, then the keys wanted and the probes that found one into f. */
static int find_in_group(const care__radix_hit *key, size_t n, const care__radix_hit *probe,
                         size_t m, uint64_t *seen, uint64_t *wanted, found *f)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		if (bit(seen, key[i].key))
			set_bit(wanted, key[i].key);
		set_bit(seen, key[i].key);
	}
	for (i = 0; i < m && rc == 0; i++)
		if (bit(seen, probe[i].key)) {
			set_bit(wanted, probe[i].key);
			rc = note(f, &probe[i]);
		}
	for (i = 0; i < n && rc == 0; i++)
		if (bit(wanted, key[i].key))
			rc = note(f, &key[i]);
	for (i = 0; i < n; i++) {
		uint32_t low = key[i].key & LOW_MASK;
		seen[low / 64] = wanted[low / 64] = 0;
	}
	return rc;
}

int care_radix__repeated(const uint32_t *keys, size_t n, const uint32_t *probe, size_t m,
                         care__radix_hit **out, size_t *count)
{
	const size_t words = ((size_t)1 << LOW_BITS) / 64;
	size_t *start = care__malloc(2 * (BUCKETS + 1) * sizeof *start), b;
	care__radix_hit *grouped = care__malloc((n + m ? n + m : 1) * sizeof *grouped);
	uint64_t *seen = care__calloc(2 * words, sizeof *seen);
	found f = {NULL, 0, 0};
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (start == NULL || grouped == NULL || seen == NULL || n + m > UINT32_MAX) {
		rc = CARE_ENOMEM;
		goto done;
	}
	/* Written all over by the scatter: fewer page faults and TLB misses with huge pages. */
	care__huge_pages(grouped, n * sizeof *grouped);
	split_top(keys, n, 0, grouped, start);
	split_top(probe, m, (uint32_t)n, grouped + n, start + BUCKETS + 1);
	for (b = 0; b < BUCKETS && rc == 0; b++)
		rc = find_in_group(grouped + start[b], start[b + 1] - start[b],
		                   grouped + n + start[BUCKETS + 1 + b],
		                   start[BUCKETS + 2 + b] - start[BUCKETS + 1 + b], seen,
		                   seen + words, &f);
	if (rc == 0) {
		*out = f.hit;
		*count = f.count;
		f.hit = NULL;
	}
done:
	care__free(f.hit);
	care__free(start);
	care__free(grouped);
	care__free(seen);
	return rc;
}
