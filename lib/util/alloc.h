/*
 * Allocation through the allocator hook (util). Every allocation of the
 * library goes through these, so tests can make any one fail.
 */
#ifndef CARE_UTIL_ALLOC_H
#define CARE_UTIL_ALLOC_H

#include <stddef.h>

#include "care/common.h"

void *care__malloc(size_t size);
void *care__calloc(size_t count, size_t size);
void *care__realloc(void *ptr, size_t size);
void care__free(void *ptr);
char *care__strdup(const char *s);
char *care__strndup(const char *s, size_t len);
/* Grow *ptr to hold at least `need` items of `size` bytes (capacity doubles). 0 or CARE_ENOMEM. */
int care__grow(void **ptr, size_t *cap, size_t need, size_t size);

/* Start bringing the `bytes` at p (may be NULL) into the cache: a hint, nothing depends on it. */
/*
 * Ask for huge pages for the part of [p, p + bytes) they can cover, when it is big (a hint
 * only, best given before the memory is first written): fewer page faults and TLB misses
 * for a big array written or probed all over.
 */
void care__huge_pages(void *p, size_t bytes);

static inline void care__prefetch_bytes(const void *p, size_t bytes)
{
#if defined(__GNUC__)
	const char *c = p;
	size_t k;

	for (k = 0; c != NULL && k < bytes; k += 64)
		__builtin_prefetch(c + k);
#else
	(void)p;
	(void)bytes;
#endif
}

#endif
