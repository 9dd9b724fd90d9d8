/*
 * The pieces of the HTML pages (report): escaped text, the page's head with
 * its one style sheet, and the cells that show counts, rates, dates and
 * money the same way in every table. Everything is appended to a care__buf;
 * nothing here knows a report or a dataset.
 *
 * The pages are self-contained: no script, no external style, font or
 * image, and a Content-Security-Policy that forbids every fetch, so that a
 * page opens the same from an e-mail attachment as from a web server.
 */
#ifndef CARE_REPORT_HTML_WRITE_H
#define CARE_REPORT_HTML_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "care.h"
#include "util/buf.h"

/* The thresholds of the red-amber-green colouring, in percent. */
typedef struct care__rag {
	int green; /* a rate at or above this is green */
	int amber; /* at or above this (and below green) amber; below, red */
} care__rag;

/* "green", "amber" or "red" for a rate (0-1); NULL for NAN. */
const char *care_html__rag_name(const care__rag *rag, double rate);

/* Text with & < > " ' escaped, for element content and attribute values alike. NULL: nothing. */
void care_html__text(care__buf *b, const char *s);
/* <!DOCTYPE html> up to and including <body>: charset, CSP, viewport, the style sheet, <title>. */
void care_html__page_begin(care__buf *b, const char *title);
/* A footnote naming the library, then </body></html>. */
void care_html__page_end(care__buf *b);

/* A count with thousands separators; "*" for CARE_SUPPRESSED; "–" for other negatives. */
void care_html__count(care__buf *b, int64_t n);
/* A rate as a percentage rounded down ("78%", one decimal below 1% or above 99%); "–" for NAN. */
void care_html__percent(care__buf *b, double rate);
/* YYYY-MM-DD in a <time>, or "–" for CARE_DATE_NONE. */
void care_html__date(care__buf *b, care_date d);
/* Pence as pounds ("£1,234" or "£12.50"); "–" when negative (no cost). */
void care_html__money(care__buf *b, int64_t pence);

/*
 * Table cells. `field` names the figure for programs reading the page
 * (data-field="required"); NULL for none. A count cell carries the exact
 * value in data-value (empty when suppressed), a rate cell its value to
 * 17 significant digits (empty when null).
 */
void care_html__count_cell(care__buf *b, const char *field, int64_t n);
void care_html__rate_cell(care__buf *b, const char *field, double rate, const care__rag *rag);
void care_html__date_cell(care__buf *b, const char *field, care_date d);
void care_html__money_cell(care__buf *b, const char *field, int64_t pence);
/* A <th scope="col"> per name, in a <thead><tr>; names are trusted (not escaped). */
void care_html__head_row(care__buf *b, const char *const *names, size_t n);

/* ", for unit X, manager Y (whole line), ..." for the filters that are set; nothing for none. */
void care_html__filters(care__buf *b, const care_report_options *o);

/* 0, or CARE_EINVAL (with the detail set) for page options that cannot be used. */
int care_html__check_options(const care_html_options *opts);

/* The note under a table with suppressed figures ("* fewer than K people"). */
void care_html__suppression_note(care__buf *b, int min_cell);

#endif
