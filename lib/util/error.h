/*
 * This thread's last error (util).
 */
#ifndef CARE_UTIL_ERROR_H
#define CARE_UTIL_ERROR_H

#include "care/errors.h"

/*
 * Record `code` and a printf-style detail as this thread's last error, and
 * return `code`, so that `return care__error(CARE_EIO, "%s: %s", ...)` reads.
 */
int care__error(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
