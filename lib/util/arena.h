/*
 * A chunked arena of NUL-terminated strings (util): pointers stay valid as
 * it grows, and everything is released at once.
 */
#ifndef CARE_UTIL_ARENA_H
#define CARE_UTIL_ARENA_H

#include <stddef.h>

typedef struct care__arena_block care__arena_block;
typedef struct care__arena {
	care__arena_block *head;
	size_t used, size; /* of the head block */
	size_t total;      /* bytes allocated, for memory accounting */
} care__arena;

/* A copy of s (len bytes) with a NUL after it, or NULL when out of memory. */
const char *care_arena__strndup(care__arena *a, const char *s, size_t len);
/* A copy of the NUL-terminated s; NULL for NULL, and *failed set when out of memory. */
const char *care_arena__copy(care__arena *a, const char *s, int *failed);
void care_arena__free(care__arena *a);

#endif
