/*
 * The allocator hook: every allocation of the library (and of cJSON) goes
 * through it, so tests can make any allocation fail.
 */
#define _DEFAULT_SOURCE /* madvise */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <cjson/cJSON.h>

#include "util/alloc.h"
#include "util/error.h"

static care_allocator allocator = {malloc, realloc, free};

int care_set_allocator(const care_allocator *a)
{
	cJSON_Hooks hooks;

	if (a == NULL) {
		allocator.malloc = malloc;
		allocator.realloc = realloc;
		allocator.free = free;
		cJSON_InitHooks(NULL);
		return 0;
	}
	if (a->malloc == NULL || a->realloc == NULL || a->free == NULL)
		return care__error(CARE_EINVAL, "care_set_allocator: a function is missing");
	allocator = *a;
	hooks.malloc_fn = a->malloc;
	hooks.free_fn = a->free;
	cJSON_InitHooks(&hooks);
	return 0;
}

void *care__malloc(size_t size)
{
	return allocator.malloc(size ? size : 1);
}

void *care__calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		return NULL;
	p = care__malloc(count * size);
	if (p != NULL)
		memset(p, 0, count * size);
	return p;
}

void *care__realloc(void *ptr, size_t size)
{
	return allocator.realloc(ptr, size ? size : 1);
}

void care__free(void *ptr)
{
	if (ptr != NULL)
		allocator.free(ptr);
}

void care_free(void *ptr)
{
	care__free(ptr);
}

char *care__strndup(const char *s, size_t len)
{
	char *copy = care__malloc(len + 1);

	if (copy != NULL) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

char *care__strdup(const char *s)
{
	return care__strndup(s, strlen(s));
}

int care__grow(void **ptr, size_t *cap, size_t need, size_t size)
{
	size_t new_cap;
	void *p;

	if (need <= *cap)
		return 0;
	new_cap = *cap ? *cap : 8;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2)
			return CARE_ENOMEM;
		new_cap *= 2;
	}
	if (new_cap > SIZE_MAX / size)
		return CARE_ENOMEM;
	p = care__realloc(*ptr, new_cap * size);
	if (p == NULL)
		return CARE_ENOMEM;
	*ptr = p;
	*cap = new_cap;
	return 0;
}

void care__huge_pages(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)p + bytes) & ~(huge - 1);

	if (bytes >= 4 * huge && to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}
