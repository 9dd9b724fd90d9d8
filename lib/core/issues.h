/*
 * Building lists of validation issues (core).
 */
#ifndef CARE_CORE_ISSUES_H
#define CARE_CORE_ISSUES_H

#include "care.h"

/* A new empty list, or NULL when out of memory. */
care_issues *care_issues__new(void);

/*
 * Append an issue; the severity comes from the code. `id` and `field` are
 * copied (either may be NULL; `id` is copied as is: len bytes). On out of
 * memory the list remembers the failure (care_issues__failed) and drops the
 * issue. Returns the code's severity == ERROR ? 1 : 0 so callers can count.
 */
int care_issues__add(care_issues *list, care_issue_code code, care_kind kind, const char *id,
                     long index, const char *field, long line, long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;

/*
 * Give issue `index` of the list its place in a CSV file: `file` (copied),
 * line and column. On out of memory the list remembers the failure.
 */
void care_issues__place(care_issues *list, size_t index, const char *file, long line, long column);

/* Move every issue of src onto the end of dst (src is left empty). */
void care_issues__append(care_issues *dst, care_issues *src);
/* Nonzero when an append ran out of memory. */
int care_issues__failed(const care_issues *list);

#endif
