/*
 * UTF-8 (util).
 */
#ifndef CARE_UTIL_UTF8_H
#define CARE_UTIL_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1 to 4 bytes, `left` available), or 0. */
size_t care_utf8__sequence(const unsigned char *s, size_t left);
/* Write code point cp (at most 0x10FFFF) as UTF-8 at o; returns the end. */
char *care_utf8__put(char *o, unsigned long cp);
/* Whether s (len bytes) is valid UTF-8 of at most `max` bytes. */
int care_utf8__valid(const char *s, size_t len, size_t max);

#endif
