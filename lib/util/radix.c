/*
 * Radix work on 32-bit keys. To find repeated keys among thirty million, they are kept, with
 * where each was, in groups by their top 11 bits as they are added (a write to one of two
 * thousand places, which stay in the cache); each group, 120 KB at that size, is then gone
 * through with a bit for each value of its 21 low bits (256 KB, in the cache), set as a key is
 * met: a key whose bit is set already is a repeat. Memory is written once and read three
 * times, in order; a hash table of the keys would be written at random and take several times
 * as long, and grouping them all at the end would need room for them twice.
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
/* Each group of the keys as added is split by the next few bits into buckets. */
#define SUB_BITS (DIGIT_BITS - CARE__RADIX_TOP_BITS)
#define SUBS     ((size_t)1 << SUB_BITS)

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

/* A chunk of a group's keys, after the one before (NULL: the first). */
struct care__radix_chunk {
	care__radix_chunk *before;
	size_t cap;
	care__radix_hit hit[];
};

/* A group's chunks grow from FIRST_CHUNK keys to LAST_CHUNK (32 KB). */
#define FIRST_CHUNK 16
#define LAST_CHUNK  4096

/* Room for one more key in group g (its chunk is full): 0 or CARE_ENOMEM. */
static int room(care__radix_groups *groups, size_t g)
{
	care__radix_chunk *last = groups->chunk[g], *c;
	size_t cap = last == NULL             ? FIRST_CHUNK
	             : last->cap < LAST_CHUNK ? 2 * last->cap
	                                      : LAST_CHUNK;

	if ((c = care__malloc(sizeof *c + cap * sizeof c->hit[0])) == NULL)
		return CARE_ENOMEM;
	c->before = last;
	c->cap = cap;
	groups->chunk[g] = c;
	groups->at[g].next = c->hit;
	groups->at[g].end = c->hit + cap;
	return 0;
}

int care_radix__flush(care__radix_groups *groups)
{
	size_t i, n = groups->staged;

	/* The places the keys go are fetched first, all at once, rather than one by one as
	 * each key is written (a group without a chunk has none yet). */
#if defined(__GNUC__)
	for (i = 0; i < n; i++) {
		size_t g = groups->stage[i].key >> (32 - CARE__RADIX_TOP_BITS);
		if (groups->at[g].next != NULL)
			__builtin_prefetch(groups->at[g].next, 1);
	}
#endif
	for (i = 0; i < n; i++) {
		const care__radix_hit *h = &groups->stage[i];
		size_t g = h->key >> (32 - CARE__RADIX_TOP_BITS);
		if (groups->at[g].next == groups->at[g].end && room(groups, g) != 0) {
			memmove(groups->stage, h, (n - i) * sizeof *h);
			groups->staged = n - i;
			return CARE_ENOMEM;
		}
		*groups->at[g].next++ = *h;
	}
	groups->staged = 0;
	return 0;
}

void care_radix__groups_free(care__radix_groups *groups)
{
	size_t g;

	for (g = 0; g < CARE__RADIX_GROUPS; g++)
		while (groups->chunk[g] != NULL) {
			care__radix_chunk *c = groups->chunk[g];
			groups->chunk[g] = c->before;
			care__free(c);
		}
	memset(groups, 0, sizeof *groups);
}

/* The keys of chunk c of group g: its whole room, but for the newest chunk. */
static size_t chunk_count(const care__radix_groups *groups, size_t g, const care__radix_chunk *c)
{
	return c == groups->chunk[g] ? (size_t)(groups->at[g].next - c->hit) : c->cap;
}

/* The m probes, and where they were (first + their position), into to, grouped by their
 * top digit: bucket b at to[start[b] .. start[b + 1]) (start: BUCKETS + 1 of them). */
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

/*
 * The keys of group g into `to` (room for all of them), by bucket: bucket s of the group at
 * to[start[s] .. start[s + 1]) (SUBS + 1 of them). A group's keys are few enough to be in the
 * cache, and so is where each bucket's next one goes.
 */
static void split_group(const care__radix_groups *groups, size_t g, care__radix_hit *to,
                        size_t *start)
{
	const care__radix_chunk *c;
	size_t at[SUBS], i, n, s, sum = 0;

	memset(start, 0, (SUBS + 1) * sizeof *start);
	for (c = groups->chunk[g]; c != NULL; c = c->before)
		for (i = 0, n = chunk_count(groups, g, c); i < n; i++)
			start[(c->hit[i].key >> LOW_BITS) & (SUBS - 1)]++;
	for (s = 0; s <= SUBS; s++) {
		size_t k = start[s];
		start[s] = sum;
		sum += k;
	}
	memcpy(at, start, sizeof at);
	for (c = groups->chunk[g]; c != NULL; c = c->before)
		for (i = 0, n = chunk_count(groups, g, c); i < n; i++)
			to[at[(c->hit[i].key >> LOW_BITS) & (SUBS - 1)]++] = c->hit[i];
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

/* One bucket of keys (n) and of probes (m), whose keys share their top digit: a bit for each
 * value of the low bits, set in `seen` as a key is met and in `wanted` as one is met again
 * or a probe finds it, then the keys wanted and the probes that found one into f. */
static int find_in_bucket(const care__radix_hit *key, size_t n, const care__radix_hit *probe,
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

int care_radix__repeated(care__radix_groups *groups, const uint32_t *probe, size_t m,
                         care__radix_hit **out, size_t *count)
{
	const size_t words = ((size_t)1 << LOW_BITS) / 64, n = groups->count;
	size_t *start = care__malloc((BUCKETS + 1 + SUBS + 1) * sizeof *start), *sub, g, s,
	       most = 0;
	care__radix_hit *probes = care__malloc((m ? m : 1) * sizeof *probes), *keys = NULL;
	uint64_t *seen = care__calloc(2 * words, sizeof *seen);
	found f = {NULL, 0, 0};
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (care_radix__flush(groups) != 0) {
		rc = CARE_ENOMEM;
		goto done;
	}
	/* Room for the biggest group's keys. */
	for (g = 0; g < CARE__RADIX_GROUPS; g++) {
		const care__radix_chunk *c;
		size_t k = 0;
		for (c = groups->chunk[g]; c != NULL; c = c->before)
			k += chunk_count(groups, g, c);
		most = k > most ? k : most;
	}
	if (start == NULL || probes == NULL || seen == NULL || n + m > UINT32_MAX ||
	    (keys = care__malloc((most ? most : 1) * sizeof *keys)) == NULL) {
		rc = CARE_ENOMEM;
		goto done;
	}
	sub = start + BUCKETS + 1;
	split_top(probe, m, (uint32_t)n, probes, start);
	for (g = 0; g < CARE__RADIX_GROUPS && rc == 0; g++) {
		split_group(groups, g, keys, sub);
		for (s = 0; s < SUBS && rc == 0; s++) {
			size_t b = g << SUB_BITS | s;
			rc = find_in_bucket(keys + sub[s], sub[s + 1] - sub[s], probes + start[b],
			                    start[b + 1] - start[b], seen, seen + words, &f);
		}
	}
	if (rc == 0) {
		*out = f.hit;
		*count = f.count;
		f.hit = NULL;
	}
done:
	care__free(f.hit);
	care__free(start);
	care__free(probes);
	care__free(keys);
	care__free(seen);
	return rc;
}
