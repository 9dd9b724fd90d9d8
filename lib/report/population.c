/*
 * Running the population engine for a report.
 */
#include "report/groups.h"
#include "report/population.h"
#include "util/alloc.h"

int care_population__run(care_report *r, care__engine *e, const care_date *dates, size_t date_count,
                         size_t group_count, uint32_t **order)
{
	int rc;

	e->kind = r->kind;
	e->opts = &r->opts;
	e->competency_count = e->ds->competencies.count;
	e->single_date = r->opts.as_of;
	e->dates = dates ? dates : &e->single_date;
	e->date_count = dates ? date_count : 1;
	e->group_count = group_count;
	*order = care_groups__competency_order(e->ds);
	if (*order == NULL)
		return CARE_ENOMEM;
	rc = care_engine__run(e);
	if (rc != 0) {
		care__free(*order);
		*order = NULL;
	}
	return rc;
}
