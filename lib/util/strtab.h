/*
 * String-keyed tables (util): a hash, an index of positions keyed by the
 * strings of some other array, and interned strings.
 */
#ifndef CARE_UTIL_STRTAB_H
#define CARE_UTIL_STRTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"

#define CARE__NO UINT32_MAX /* no position: an empty slot, an absent reference */

uint32_t care_strtab__hash(const char *s, size_t len);

/*
 * Whether the n bytes at a and at b are the same. Short texts (ids, keys, a completion's
 * source) are compared without a call: up to 16 bytes by two loads each that may overlap.
 */
static inline int care_strtab__same(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t w, z, r, t;
	size_t k;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x, a, 8), memcpy(&y, b, 8);
		memcpy(&u, a + n - 8, 8), memcpy(&v, b + n - 8, 8);
		return ((x ^ y) | (u ^ v)) == 0;
	}
	if (n >= 4) {
		memcpy(&w, a, 4), memcpy(&z, b, 4);
		memcpy(&r, a + n - 4, 4), memcpy(&t, b + n - 4, 4);
		return ((w ^ z) | (r ^ t)) == 0;
	}
	for (k = 0; k < n; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
}

/* Whether NUL-terminated a and b are the same text (short ones: no call). */
static inline int care_strtab__same_text(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * An index of positions: open addressing, sized to its contents. `hash`
 * keeps 32 bits of each key's hash so most probes compare no strings. The
 * keys live elsewhere: `key` gives the string of a position (buf, 37 bytes,
 * may receive a generated key).
 */
typedef struct care__id_slot {
	uint32_t index; /* CARE__NO: empty */
	uint32_t hash;
} care__id_slot;

typedef struct care__id_index {
	care__id_slot *slots;
	size_t cap; /* slots, 0 when empty */
	size_t count;
} care__id_index;

typedef const char *(*care__key_fn)(const void *ctx, uint32_t index, char buf[37]);

/* Room for `need` keys. 0 or CARE_ENOMEM. */
int care_idindex__grow(care__id_index *ix, size_t need);
/* The position whose key is id (hash its care_strtab__hash), or CARE__NO. */
uint32_t care_idindex__find(const care__id_index *ix, const char *id, uint32_t hash,
                            const void *ctx, care__key_fn key);
/* Start bringing the first slot of `hash` into the cache (a find will follow). */
void care_idindex__prefetch(const care__id_index *ix, uint32_t hash);
/* Insert without a duplicate check; the caller has grown the index. */
void care_idindex__put(care__id_index *ix, uint32_t index, uint32_t hash);
/*
 * Insert positions first .. first + n - 1, whose keys hash to hash[0 .. n - 1], in bulk:
 * grouped by where they land, so the index is written from one end to the other rather
 * than at random (the caller has grown it). 1 when some key of them equals another
 * key of the index (the position of either may be anywhere in it then), 0 when none
 * does, CARE_ENOMEM.
 */
int care_idindex__put_many(care__id_index *ix, uint32_t first, const uint32_t *hash, size_t n,
                           const void *ctx, care__key_fn key);
/* The keys put_many groups at a time (tests lower it). */
extern size_t care_idindex__chunk;
void care_idindex__free(care__id_index *ix);

/* Interned strings: text <-> small integer. */
typedef struct care__intern {
	const char **text;
	size_t count, cap;
	care__id_index index;
	/* The numbers care_intern__add gave last, plus one (0: none), the latest at recent_at. */
	uint32_t recent[4];
	unsigned recent_at;
} care__intern;

/* The number of s, added (copied into arena) when new. 0 or CARE_ENOMEM. */
int care_intern__add(care__intern *t, care__arena *arena, const char *s, uint32_t *out);
/* The number of s, or CARE__NO. */
uint32_t care_intern__find(const care__intern *t, const char *s);
/* The number of s when it is one of the few care_intern__add gave last, else CARE__NO (no
 * hash, no look-up). */
uint32_t care_intern__recent(const care__intern *t, const char *s);
void care_intern__free(care__intern *t);

#endif
