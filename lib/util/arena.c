/*
 * A chunked arena of NUL-terminated strings: pointers stay valid as it grows.
 */
#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"

struct care__arena_block {
	care__arena_block *next;
	char data[];
};

#define ARENA_BLOCK 65536

const char *care_arena__strndup(care__arena *a, const char *s, size_t len)
{
	char *p;

	if (a->head == NULL || a->size - a->used < len + 1) {
		int big = len + 1 > ARENA_BLOCK / 4;
		size_t size = big ? len + 1 : ARENA_BLOCK;
		care__arena_block *b = care__malloc(sizeof *b + size);
		if (b == NULL)
			return NULL;
		a->total += sizeof *b + size;
		if (big && a->head != NULL) {
			/* A big string gets a block of its own, kept behind the head
			 * so the head's free space is not wasted. */
			b->next = a->head->next;
			a->head->next = b;
			memcpy(b->data, s, len);
			b->data[len] = '\0';
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
		a->size = size;
	}
	p = a->head->data + a->used;
	memcpy(p, s, len);
	p[len] = '\0';
	a->used += len + 1;
	return p;
}

void care_arena__free(care__arena *a)
{
	care__arena_block *b = a->head;

	while (b) {
		care__arena_block *next = b->next;
		care__free(b);
		b = next;
	}
	memset(a, 0, sizeof *a);
}

const char *care_arena__copy(care__arena *a, const char *s, int *failed)
{
	const char *p;

	if (s == NULL)
		return NULL;
	p = care_arena__strndup(a, s, strlen(s));
	if (p == NULL)
		*failed = 1;
	return p;
}
