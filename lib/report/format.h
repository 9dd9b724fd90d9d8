/*
 * Formatting shared by the report kinds (report): suppression, rates, and
 * the pieces of their JSON and CSV forms.
 */
#ifndef CARE_REPORT_FORMAT_H
#define CARE_REPORT_FORMAT_H

#include "report/report.h"
#include "util/json_write.h"

/* Small-number suppression of one count: CARE_SUPPRESSED when 0 < count < min_cell. */
static inline int64_t care_format__suppress(int64_t count, int min_cell)
{
	return (min_cell > 0 && count > 0 && count < min_cell) ? CARE_SUPPRESSED : count;
}

/* A rate num/den, NAN when den is 0 or either is suppressed. */
double care_format__rate(int64_t num, int64_t den);

/* A date as JSON ("YYYY-MM-DD"), or null for CARE_DATE_NONE. */
void care_format__json_date(care__buf *b, care_date d);
/* `"filters":{...}` of the population reports. */
void care_format__json_filters(care__buf *b, const care_report_options *o);

/* CSV fields (RFC 4180): text quoted by libcsv when it needs it; empty for absent values. */
void care_format__csv_text(care__buf *b, const char *s);
void care_format__csv_count(care__buf *b, int64_t n);
void care_format__csv_rate(care__buf *b, double rate);
void care_format__csv_date(care__buf *b, care_date d);
/* A list of ids as one field, joined by ';'. */
void care_format__csv_list(care__buf *b, const char *const *items, size_t n);

#endif
