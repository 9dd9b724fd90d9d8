/*
 * Files (util).
 */
#ifndef CARE_UTIL_FILE_H
#define CARE_UTIL_FILE_H

#include <stddef.h>

/* Read a whole file into memory (NUL-terminated). */
int care_file__read(char **out, size_t *len, const char *path);
/* Write `len` bytes to `path` atomically: temp file beside it, fsync, rename. */
int care_file__write_atomic(const char *path, const char *data, size_t len);

#endif
