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

/*
 * Every key of the n at `keys` that occurs more than once among them, every key of them equal
 * to one of the m keys of `probe`, and those probes: each as its key and where it was (its
 * position in keys, or n plus its position in probe), in no particular order, into *out
 * (care__free it; NULL when there are none), their number into *count. 0 or CARE_ENOMEM.
 */
int care_radix__repeated(const uint32_t *keys, size_t n, const uint32_t *probe, size_t m,
                         care__radix_hit **out, size_t *count);

#endif
