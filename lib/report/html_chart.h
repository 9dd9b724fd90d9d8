/*
 * Charts as inline SVG (report), drawn by the library: horizontal bars of
 * rates (uptake by unit), lines of rates over time (the trend), and the
 * complaint rates of trained and untrained staff with the rate ratio and its
 * confidence interval. Each chart is a <figure> whose <svg role="img"> has a
 * <title> and a <desc> that says in words what the chart shows, value by
 * value, for a screen reader and for anyone who cannot see the colours.
 */
#ifndef CARE_REPORT_HTML_CHART_H
#define CARE_REPORT_HTML_CHART_H

#include "report/html_write.h"

/* One bar: a rate 0-1, or NAN for none (the note says why: "suppressed", "no one"). */
typedef struct care__bar {
	const char *label;
	int depth; /* the label's indentation (the unit tree), 0 for none */
	double value;
	const char *note;
} care__bar;

/* Bars coloured red, amber or green, with the green threshold drawn as a line. */
void care_chart__bars(care__buf *b, const char *id, const char *title, const care__bar *bars,
                      size_t n, const care__rag *rag);

/* A line of the line chart: n values (rates 0-1, NAN for a gap). */
typedef struct care__series {
	const char *name;
	const double *values;
} care__series;

/* Rates over dates, one line per series, with the green threshold drawn as a line. */
void care_chart__lines(care__buf *b, const char *id, const char *title, const care_date *dates,
                       size_t n, const care__series *series, size_t k, const care__rag *rag);

/* Complaints per 1,000 interactions, trained and untrained, and the rate ratio with its CI. */
void care_chart__outcomes(care__buf *b, const char *id, const char *title, const care_outcomes *o);

#endif
