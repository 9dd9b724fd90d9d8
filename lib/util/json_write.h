/*
 * The JSON writer (util): values appended to a text buffer. Every JSON text
 * the library writes (reports, issue lists, dataset files) is built with it.
 */
#ifndef CARE_UTIL_JSON_WRITE_H
#define CARE_UTIL_JSON_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* s (len bytes) as a JSON string literal with quotes; bytes that are not UTF-8 become U+FFFD. */
void care_json__string(care__buf *b, const char *s, size_t len);
/* A NUL-terminated string, or null for NULL. */
void care_json__text(care__buf *b, const char *s);
/*
 * A number: integers as integers, others in the shortest form of at most 17
 * significant digits that reads back exactly; null for NaN and infinities.
 */
void care_json__number(care__buf *b, double v);
/* A count, or null when negative (absent or suppressed). */
void care_json__count(care__buf *b, int64_t count);
/* A list of strings. */
void care_json__list(care__buf *b, const char *const *items, size_t n);

#endif
