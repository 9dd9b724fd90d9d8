/*
 * A growable byte buffer for building text (util).
 */
#ifndef CARE_UTIL_BUF_H
#define CARE_UTIL_BUF_H

#include <stddef.h>

typedef struct care__buf {
	char *data;
	size_t len, cap;
	int failed; /* an allocation failed; further appends do nothing */
} care__buf;

void care_buf__append(care__buf *b, const char *s, size_t len);
void care_buf__puts(care__buf *b, const char *s);
void care_buf__printf(care__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/*
 * "NAME[I]SUFFIX" into out, cut to size - 1 bytes and NUL-terminated as snprintf would (the
 * field names of list items; snprintf's format parsing was a part of loading staff records).
 */
void care_buf__indexed(char *out, size_t size, const char *name, size_t i, const char *suffix);
/* "PREFIX.NAME" (or NAME when prefix is NULL or empty), cut as snprintf would. */
void care_buf__path(char *out, size_t size, const char *prefix, const char *name);
/* Take the text (NUL-terminated) out of the buffer: CARE_ENOMEM if any append failed. */
int care_buf__finish(care__buf *b, char **out, size_t *len);
void care_buf__free(care__buf *b);

#endif
