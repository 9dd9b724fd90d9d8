/*
 * Hashing, an open-addressing index of positions keyed by strings, and
 * interned strings (text <-> small integer).
 */
#include <stdint.h>
#include <string.h>

#include "care/errors.h"
#include "util/alloc.h"
#include "util/strtab.h"

uint32_t care_strtab__hash(const char *s, size_t len)
{
	const uint64_t k = 0xff51afd7ed558ccdull;
	uint64_t x = 0x9e3779b97f4a7c15ull ^ len, w;
	uint32_t h;
	size_t i;

	/* Eight bytes at a time (ids are mostly UUIDs: 36 bytes), then the rest. */
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		x = (x ^ w) * k;
		x ^= x >> 32;
	}
	if (i < len) {
		/* The last one to seven bytes as one little-endian word, read without a call or a
		 * copy through memory (the bytes read twice are the same bytes). */
		const unsigned char *u = (const unsigned char *)s + i;
		size_t t = len - i;
		if (t >= 4) {
			uint32_t lo, hi;
			memcpy(&lo, u, 4);
			memcpy(&hi, u + t - 4, 4);
			w = (uint64_t)lo | (uint64_t)hi << (8 * (t - 4));
		} else {
			w = (uint64_t)u[0] | (uint64_t)u[t / 2] << (8 * (t / 2)) |
			    (uint64_t)u[t - 1] << (8 * (t - 1));
		}
		x = (x ^ w) * k;
		x ^= x >> 32;
	}
	h = (uint32_t)(x ^ (x >> 29));
	/* Murmur3's finaliser: the table takes its slot from the high bits. */
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/*
 * Slots are addressed by multiplying the hash into the table size (no power
 * of two needed), so a table can be sized to its contents: at 30 million
 * completions a doubling table would waste hundreds of megabytes.
 */
static size_t slot_of(uint32_t hash, size_t cap)
{
	return (size_t)(((uint64_t)hash * cap) >> 32);
}

/* Room for `need` keys at a load of at most 4/5. */
int care_idindex__grow(care__id_index *ix, size_t need)
{
	size_t cap = ix->cap, new_cap, i;
	care__id_slot *slots;

	if (need * 5 <= cap * 4)
		return 0;
	new_cap = need * 5 / 4 + 16;
	if (new_cap < cap + cap / 2)
		new_cap = cap + cap / 2; /* amortised growth one key at a time */
	if (new_cap > UINT32_MAX)
		return CARE_ENOMEM;
	slots = care__malloc(new_cap * sizeof *slots);
	if (slots == NULL)
		return CARE_ENOMEM;
	/* Probed at random, one slot per key: with 4 KB pages nearly every probe would also
	 * miss the TLB. */
	care__huge_pages(slots, new_cap * sizeof *slots);
	for (i = 0; i < new_cap; i++)
		slots[i].index = CARE__NO;
	for (i = 0; i < cap; i++) {
		size_t j;
		if (ix->slots[i].index == CARE__NO)
			continue;
		for (j = slot_of(ix->slots[i].hash, new_cap); slots[j].index != CARE__NO;
		     j = j + 1 == new_cap ? 0 : j + 1)
			;
		slots[j] = ix->slots[i];
	}
	care__free(ix->slots);
	ix->slots = slots;
	ix->cap = new_cap;
	return 0;
}

uint32_t care_idindex__find(const care__id_index *ix, const char *id, uint32_t hash,
                            const void *ctx, care__key_fn key)
{
	size_t j;
	char buf[37];

	if (ix->cap == 0)
		return CARE__NO;
	for (j = slot_of(hash, ix->cap); ix->slots[j].index != CARE__NO;
	     j = j + 1 == ix->cap ? 0 : j + 1)
		if (ix->slots[j].hash == hash && strcmp(key(ctx, ix->slots[j].index, buf), id) == 0)
			return ix->slots[j].index;
	return CARE__NO;
}

void care_idindex__prefetch(const care__id_index *ix, uint32_t hash)
{
#if defined(__GNUC__)
	if (ix->cap)
		__builtin_prefetch(&ix->slots[slot_of(hash, ix->cap)]);
#else
	(void)ix;
	(void)hash;
#endif
}

/* Insert without a duplicate check; the caller has grown the index. */
void care_idindex__put(care__id_index *ix, uint32_t index, uint32_t hash)
{
	size_t j;

	for (j = slot_of(hash, ix->cap); ix->slots[j].index != CARE__NO;
	     j = j + 1 == ix->cap ? 0 : j + 1)
		;
	ix->slots[j].index = index;
	ix->slots[j].hash = hash;
	ix->count++;
}

/* Where a key already in the index equals key `index` (hash `hash`): 1, else 0. */
static int put_checked(care__id_index *ix, uint32_t index, uint32_t hash, const void *ctx,
                       care__key_fn key)
{
	size_t j;
	char a[37], b[37];

	for (j = slot_of(hash, ix->cap); ix->slots[j].index != CARE__NO;
	     j = j + 1 == ix->cap ? 0 : j + 1)
		if (ix->slots[j].hash == hash &&
		    strcmp(key(ctx, ix->slots[j].index, a), key(ctx, index, b)) == 0)
			return 1;
	ix->slots[j].index = index;
	ix->slots[j].hash = hash;
	ix->count++;
	return 0;
}

/* Keys put at once, grouped by the top bits of their hash (which choose the slot). */
#define BULK_BITS 12
size_t care_idindex__chunk = (size_t)1 << 22;

int care_idindex__put_many(care__id_index *ix, uint32_t first, const uint32_t *hash, size_t n,
                           const void *ctx, care__key_fn key)
{
	size_t *start, done, i, chunk;
	care__id_slot *sorted;

	if (n == 0)
		return 0;
	start = care__calloc((size_t)1 << BULK_BITS | 1, sizeof *start);
	chunk = care_idindex__chunk ? care_idindex__chunk : 1;
	sorted = care__malloc((n < chunk ? n : chunk) * sizeof *sorted);
	if (start == NULL || sorted == NULL) {
		care__free(start);
		care__free(sorted);
		return CARE_ENOMEM;
	}
	for (done = 0; done < n; done += chunk) {
		size_t m = n - done < chunk ? n - done : chunk, b, sum = 0;
		const uint32_t *h = hash + done;
		/* A counting sort of the chunk by bucket, then the puts in that order. */
		memset(start, 0, ((size_t)1 << BULK_BITS | 1) * sizeof *start);
		for (i = 0; i < m; i++)
			start[h[i] >> (32 - BULK_BITS)]++;
		for (b = 0; b <= (size_t)1 << BULK_BITS; b++) {
			size_t count = start[b];
			start[b] = sum;
			sum += count;
		}
		for (i = 0; i < m; i++) {
			care__id_slot *to = &sorted[start[h[i] >> (32 - BULK_BITS)]++];
			to->index = first + (uint32_t)(done + i);
			to->hash = h[i];
		}
		for (i = 0; i < m; i++) {
			if (i + 8 < m)
				care_idindex__prefetch(ix, sorted[i + 8].hash);
			if (put_checked(ix, sorted[i].index, sorted[i].hash, ctx, key)) {
				care__free(start);
				care__free(sorted);
				return 1;
			}
		}
	}
	care__free(start);
	care__free(sorted);
	return 0;
}

void care_idindex__free(care__id_index *ix)
{
	care__free(ix->slots);
	memset(ix, 0, sizeof *ix);
}

static const char *intern_key(const void *ctx, uint32_t i, char buf[37])
{
	(void)buf;
	return ((const care__intern *)ctx)->text[i];
}

uint32_t care_intern__find(const care__intern *t, const char *s)
{
	return care_idindex__find(&t->index, s, care_strtab__hash(s, strlen(s)), t, intern_key);
}

static void note_recent(care__intern *t, uint32_t i)
{
	t->recent_at = (t->recent_at + 1) % 4;
	t->recent[t->recent_at] = i + 1;
}

uint32_t care_intern__recent(const care__intern *t, const char *s)
{
	unsigned k;

	/* Records name the same few texts many times over (a completion's source). */
	for (k = 0; k < 4; k++) {
		uint32_t r = t->recent[(t->recent_at + 4 - k) % 4];
		if (r != 0 && r <= t->count && care_strtab__same_text(t->text[r - 1], s))
			return r - 1;
	}
	return CARE__NO;
}

int care_intern__add(care__intern *t, care__arena *arena, const char *s, uint32_t *out)
{
	uint32_t hash, i;
	const char *copy;

	if ((i = care_intern__recent(t, s)) != CARE__NO) {
		*out = i;
		return 0;
	}
	hash = care_strtab__hash(s, strlen(s));
	i = care_idindex__find(&t->index, s, hash, t, intern_key);
	if (i != CARE__NO) {
		*out = i;
		note_recent(t, i);
		return 0;
	}
	if (t->count >= CARE__NO - 1 ||
	    care__grow((void **)&t->text, &t->cap, t->count + 1, sizeof *t->text) != 0 ||
	    care_idindex__grow(&t->index, t->count + 1) != 0)
		return CARE_ENOMEM;
	copy = care_arena__strndup(arena, s, strlen(s));
	if (copy == NULL)
		return CARE_ENOMEM;
	t->text[t->count] = copy;
	care_idindex__put(&t->index, (uint32_t)t->count, hash);
	*out = (uint32_t)t->count++;
	note_recent(t, *out);
	return 0;
}

void care_intern__free(care__intern *t)
{
	care__free(t->text);
	care_idindex__free(&t->index);
	memset(t, 0, sizeof *t);
}
