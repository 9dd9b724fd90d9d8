/*
 * libcare — common definitions shared by every public header.
 *
 * This header defines the export macro, the calendar date type used in every
 * record, the allocator hook and care_free().
 */
#ifndef CARE_COMMON_H
#define CARE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(CARE_BUILDING_SHARED)
#define CARE_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define CARE_API __attribute__((visibility("default")))
#else
#define CARE_API
#endif

#ifdef __cplusplus
#define CARE_BEGIN_DECLS extern "C" {
#define CARE_END_DECLS   }
#else
#define CARE_BEGIN_DECLS
#define CARE_END_DECLS
#endif

CARE_BEGIN_DECLS

/**
 * A calendar date: the number of days since 1970-01-01 (proleptic
 * Gregorian), so that date arithmetic is integer arithmetic. Valid dates lie
 * between CARE_DATE_MIN (1900-01-01) and CARE_DATE_MAX (2199-12-31).
 */
typedef int32_t care_date;

/** An absent date: an open end, no left_on, no acknowledgement yet. */
#define CARE_DATE_NONE INT32_MIN
/** 1900-01-01, the first date a dataset may hold. */
#define CARE_DATE_MIN (-25567)
/** 2199-12-31, the last date a dataset may hold. */
#define CARE_DATE_MAX 84005

/** An absent optional integer field (every optional integer is >= 0). */
#define CARE_NONE (-1)

/**
 * Memory functions used for every allocation the library makes (and, through
 * cJSON_InitHooks, by cJSON).
 */
typedef struct care_allocator {
	void *(*malloc)(size_t size);
	void *(*realloc)(void *ptr, size_t size);
	void (*free)(void *ptr);
} care_allocator;

/**
 * Replace the allocator. Call it before any other libcare call, while no
 * libcare object exists; NULL restores the C library's allocator.
 *
 * Note: cJSON's hooks are process-wide, so this also sets the allocator that
 * cJSON uses for every caller in the process. The functions must be safe to
 * call from several threads at once: reports, and the load of a big dataset
 * file, allocate on threads of their own.
 *
 * @return 0, or CARE_EINVAL when a function pointer is missing.
 * Not thread-safe.
 */
CARE_API int care_set_allocator(const care_allocator *allocator);

/**
 * Release memory the library handed to the caller (text from the *_to_json
 * and *_to_csv functions). Accepts NULL.
 */
CARE_API void care_free(void *ptr);

CARE_END_DECLS

#endif
