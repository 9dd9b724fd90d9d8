/*
 * Private helpers shared by the implementation: allocation through the
 * allocator hook, error detail, and small utilities. Not installed.
 */
#ifndef CARE_INTERNAL_H
#define CARE_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "care.h"

/* Every allocation goes through these (common.c), so tests can fail any. */
void *care__malloc(size_t size);
void *care__calloc(size_t count, size_t size);
void *care__realloc(void *ptr, size_t size);
void care__free(void *ptr);
char *care__strdup(const char *s);
char *care__strndup(const char *s, size_t len);
/* Grow *ptr to hold at least `need` items of `size` bytes (capacity doubles). */
int care__grow(void **ptr, size_t *cap, size_t need, size_t size);

/*
 * Record `code` and a printf-style detail as this thread's last error, and
 * return `code`, so that `return care__error(CARE_EIO, "%s: %s", ...)` reads.
 */
int care__error(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A growable byte buffer for building text. */
typedef struct care__buf {
	char *data;
	size_t len, cap;
	int failed; /* an allocation failed; further appends do nothing */
} care__buf;

void care__buf_append(care__buf *b, const char *s, size_t len);
void care__buf_puts(care__buf *b, const char *s);
void care__buf_printf(care__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Length of the valid UTF-8 sequence at s (1 to 4 bytes, `left` available), or 0. */
size_t care__utf8_sequence(const unsigned char *s, size_t left);
/* Append s as a JSON string literal with quotes; bytes that are not UTF-8 become U+FFFD. */
void care__buf_json_string(care__buf *b, const char *s, size_t len);
/* Take the text (NUL-terminated) out of the buffer: CARE_ENOMEM if any append failed. */
int care__buf_finish(care__buf *b, char **out, size_t *len);
void care__buf_free(care__buf *b);

/* Write `len` bytes to `path` atomically: temp file beside it, fsync, rename. */
int care__write_file_atomic(const char *path, const char *data, size_t len);
/* Read a whole file into memory (NUL-terminated). */
int care__read_file(char **out, size_t *len, const char *path);

#endif
