/*
 * What the JSON scanner tests (test_json_scan*.c) share
 * (tests/json_scan_helpers.c): a scan from a buffer of exactly the text's
 * size, the checks every successful scan must pass, nested texts, and a small
 * recursive reference scanner written independently of lib/json_scan.c.
 */
#ifndef CARE_TEST_JSON_SCAN_HELPERS_H
#define CARE_TEST_JSON_SCAN_HELPERS_H

#include <stddef.h>

#include "io/json_scan.h"

#define LIMIT 512 /* the deepest nesting the scanner accepts */

/* Scan `len` bytes of `text` from a heap buffer of exactly that size, so
 * that a read past the end is caught; *line, *column and *reason as
 * care_json__scan() sets them (-1, -1 and NULL when it does not). */
int scan(care__json_doc *doc, const char *text, size_t len, long *line, long *column,
         const char **reason);

/* Whether `doc` is as a failed scan or care_json__doc_free() leaves it. */
int doc_is_empty(const care__json_doc *doc);

/* Everything a successful scan of `text` promises about `doc`: the top type,
 * and each member's and element's span one whole value that scans alone. */
void check_doc(const char *text, size_t len, const care__json_doc *doc);

/* `depth` arrays, or objects {"a":...} when `objects`, around a 1; malloc'd,
 * not NUL-terminated, its length in *len. */
char *nested(size_t depth, int objects, size_t *len);

/* The reference scanner: 0 when the text is valid JSON, else -1 with
 * *error_at the offset of the first byte that cannot continue it. */
int ref_scan(const char *text, size_t len, size_t *error_at);

#endif
