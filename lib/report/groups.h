/*
 * Compliance groups, points and totals (report): rows of counts per
 * competency, shared by the compliance report and the trend.
 */
#ifndef CARE_REPORT_GROUPS_H
#define CARE_REPORT_GROUPS_H

#include "report/format.h"

/* A name and the index it stands for, to sort by name. */
typedef struct care__named {
	const char *text;
	uint32_t index;
} care__named;

int care_groups__named_cmp(const void *a, const void *b);

/* Competency indexes in byte order of their ids (care__free it), or NULL when out of memory. */
uint32_t *care_groups__competency_order(const care_dataset *ds);

/* g's rows from one line of engine cells (indexed by competency), in competency order. */
int care_groups__fill(care_report *r, care__group *g, const care__cell *cells,
                      const uint32_t *order, const care_dataset *ds);

/* (Re)make the views of r's groups and totals: suppression and rates. */
int care_groups__finish(care_report *r);

/* Add src's counts to g (rows merged by competency). */
int care_groups__merge(care_report *r, care__group *g, const care__group *src);

void care_groups__free(care__group *groups, size_t n);

/* `"competencies":[...],"staff_required":...` of a group's view. */
void care_groups__json_rows(care__buf *b, const care_compliance_group *g);

/* The CSV header after the group columns, and a group's rows (key and label, or as_of when set). */
extern const char care_groups__csv_header[];
void care_groups__csv_rows(care__buf *b, const care_compliance_group *g, const char *key,
                           const char *label, care_date as_of);

#endif
