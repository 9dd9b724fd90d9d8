/*
 * Radix work on 32-bit keys (util), for columns of millions of them: the hashes of the
 * completion ids, to find two that are equal without a hash table.
 */
#ifndef CARE_UTIL_RADIX_H
#define CARE_UTIL_RADIX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sort the n keys of a ascending, with scratch (room for n keys) beside them (the other is
 * left holding keys in some order). Returns whichever of a and scratch holds them sorted.
 */
uint32_t *care_radix__sort_u32(uint32_t *a, uint32_t *scratch, size_t n);

/* A key and where it was. */
typedef struct care__radix_hit {
	uint32_t key, at;
} care__radix_hit;

/* Keys are grouped by their top CARE__RADIX_TOP_BITS bits as they are added: few enough
 * groups that the places the next keys go stay in the cache and its address translations. */
#define CARE__RADIX_TOP_BITS 8
#define CARE__RADIX_GROUPS   ((size_t)1 << CARE__RADIX_TOP_BITS)

typedef struct care__radix_chunk care__radix_chunk;

/* Keys added are kept in order until this many are, then put in their groups together. */
#define CARE__RADIX_STAGE 2048

/*
 * Keys with where each was, put in their group as they are added (in chunks that grow, so a
 * few keys take little room): finding the repeated ones then needs no pass of its own to
 * group them, nor room for all of them a second time. They are put in their groups a few
 * thousand at a time, while the places each group's next key goes are in the cache. Zeroed:
 * empty. Used by one thread at a time.
 */
typedef struct care__radix_groups {
	struct {
		care__radix_hit *next, *end; /* where the group's next key goes, its chunk's end */
	} at[CARE__RADIX_GROUPS];
	care__radix_chunk *chunk[CARE__RADIX_GROUPS]; /* the group's newest chunk, or NULL */
	size_t count;                                 /* keys added */
	size_t staged;                                /* keys in stage, not yet in a group */
	care__radix_hit stage[CARE__RADIX_STAGE];
} care__radix_groups;

/* Put the staged keys in their groups: 0, or CARE_ENOMEM with those not put still staged. */
int care_radix__flush(care__radix_groups *groups);

/* Add key, found at `at`: 0 or CARE_ENOMEM (nothing added). */
static inline int care_radix__add(care__radix_groups *groups, uint32_t key, uint32_t at)
{
	int rc;

	if (groups->staged == CARE__RADIX_STAGE && (rc = care_radix__flush(groups)) != 0)
		return rc;
	groups->stage[groups->staged].key = key;
	groups->stage[groups->staged].at = at;
	groups->staged++;
	groups->count++;
	return 0;
}

void care_radix__groups_free(care__radix_groups *groups);

/*
 * Every key added to `groups` that was added more than once, every key of them equal to one of
 * the m keys of `probe`, and those probes: each as its key and where it was (as added, or
 * groups->count plus its position in probe), in no particular order, into *out (care__free it;
 * NULL when there are none), their number into *count. 0 or CARE_ENOMEM.
 */
int care_radix__repeated(care__radix_groups *groups, const uint32_t *probe, size_t m,
                         care__radix_hit **out, size_t *count);

#endif
