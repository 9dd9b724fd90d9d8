/*
 * libcare — dates, timestamps, month arithmetic and the working-day calendar
 * of England and Wales (docs/model.md#dates, docs/reports.md#working-days).
 *
 * Every function here is pure and thread-safe.
 */
#ifndef CARE_CALENDAR_H
#define CARE_CALENDAR_H

#include "common.h"

CARE_BEGIN_DECLS

/**
 * A timestamp as written (docs/model.md#timestamps-and-local-dates): local date and time, the
 * fraction of a second, and the offset from UTC. Its local date is `date`.
 */
typedef struct care_timestamp {
	care_date date;               /**< the local date as written */
	int32_t hour, minute, second; /**< second may be 60 */
	int32_t nanos;                /**< fraction of a second, in nanoseconds */
	int32_t frac_digits;    /**< digits of the fraction as written (0 = none; at most 9 kept) */
	int32_t offset_minutes; /**< offset from UTC, east positive */
	int32_t zulu; /**< 1: written with Z rather than +00:00; 2: written -00:00; else 0 */
} care_timestamp;

/**
 * The date for year, month (1-12) and day, or CARE_DATE_NONE when that is not
 * a valid date between 1900-01-01 and 2199-12-31.
 */
CARE_API care_date care_date_from_ymd(int year, int month, int day);

/**
 * Split a date into year, month and day (any out pointer may be NULL).
 * Works for any date, not just those from 1900-01-01 to 2199-12-31.
 */
CARE_API void care_date_to_ymd(care_date date, int *year, int *month, int *day);

/**
 * Parse exactly `YYYY-MM-DD` (len bytes, no terminator needed) into *out.
 * @return 0, or CARE_EINVAL when the text is not a valid date in range.
 */
CARE_API int care_date_parse(care_date *out, const char *text, size_t len);

/**
 * Write `YYYY-MM-DD` and a terminating NUL into buf, which must hold 11 bytes.
 * @return buf.
 */
CARE_API char *care_date_format(char buf[11], care_date date);

/** Day of the week: 0 = Monday ... 6 = Sunday. */
CARE_API int care_date_weekday(care_date date);

/**
 * add_days(d, n) (docs/model.md#month-and-day-arithmetic): plain calendar days. CARE_DATE_NONE
 * gives CARE_DATE_NONE, and so does a result beyond the range of care_date.
 */
CARE_API care_date care_date_add_days(care_date date, int days);

/**
 * add_months(d, n) (docs/model.md#month-and-day-arithmetic): the same day of the month n months
 * later (n may be negative), clamped to the last day of the target month. CARE_DATE_NONE gives
 * CARE_DATE_NONE, and so does a result beyond the range of care_date.
 */
CARE_API care_date care_date_add_months(care_date date, int months);

/**
 * The last day of the month that `date` is in (CARE_DATE_NONE for
 * CARE_DATE_NONE, or when that day is beyond the range of care_date).
 */
CARE_API care_date care_date_month_end(care_date date);

/**
 * Parse an RFC 3339 timestamp as dataset files allow it (docs/model.md#timestamps-and-local-dates)
 * (upper-case T and Z, seconds 00-60, optional fraction, date in range; offset hours 00-23 and
 * minutes 00-59). A fraction of more than nine digits keeps the first nine
 * (truncated), so its canonical form has nine; `-00:00` is read as `+00:00`.
 * @return 0, or CARE_EINVAL (and *out is unchanged).
 */
CARE_API int care_timestamp_parse(care_timestamp *out, const char *text, size_t len);

/**
 * Write the timestamp in canonical form (fraction with frac_digits digits,
 * `Z` or `±hh:mm`) and a NUL into buf, which must hold 40 bytes.
 * @return buf.
 */
CARE_API char *care_timestamp_format(char buf[40], const care_timestamp *ts);

/**
 * True (1) when `date` is a bank holiday in England and Wales (the rules and
 * one-off changes since 2000; docs/reports.md#working-days), 0 otherwise. Dates outside 1900-01-01
 * to 2199-12-31 have no calendar and give 0.
 */
CARE_API int care_is_bank_holiday(care_date date);

/**
 * Working days d with a < d <= b (0 when b <= a): Monday to Friday, less bank
 * holidays, less the `extra_count` dates in `extra` (any order, repeats
 * allowed; may be NULL when extra_count is 0). Only days from 1900-01-01 to
 * 2199-12-31 are counted. The cost does not grow with the span (whole years
 * are counted, not walked); `extra` is read once.
 */
CARE_API int care_working_days(care_date a, care_date b, const care_date *extra,
                               size_t extra_count);

CARE_END_DECLS

#endif
