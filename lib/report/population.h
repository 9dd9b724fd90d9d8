/*
 * Running the population engine for a report (report): the compliance,
 * trend, staff and forecast reports walk every person's requirement pairs.
 */
#ifndef CARE_REPORT_POPULATION_H
#define CARE_REPORT_POPULATION_H

#include "report/report.h"

/*
 * Run the engine `e` (its dataset and filters set by report.c) for r over
 * `dates` (NULL: r's as_of) with `group_count` groups (0: none). On success
 * *order receives the competency order (care__free it). 0 or CARE_ENOMEM.
 */
int care_population__run(care_report *r, care__engine *e, const care_date *dates, size_t date_count,
                         size_t group_count, uint32_t **order);

#endif
