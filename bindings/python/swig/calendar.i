/*
 * The calendar: dates cross as care_date integers (days since 1970-01-01); libcare/_util.py
 * turns them into datetime.date.
 */

/* care_working_days(a, b, extra): the extra non-working days as a sequence of int. */
%apply (const int32_t *INTS, size_t NINTS) { (const care_date *extra, size_t extra_count) };

%include "care/calendar.h"
