/*
 * The trend: the compliance totals on each month end of a period
 * (docs/reports.md).
 */
#include "report/groups.h"
#include "report/population.h"
#include "util/alloc.h"
#include "util/buf.h"

/* The month ends E with from <= E <= to, in date order. */
static int month_ends(const care_report *r, care_date **out, size_t *count)
{
	care_date *dates = NULL, end;
	size_t n = 0, cap = 0;

	for (end = care_date_month_end(r->opts.from); end <= r->opts.to;
	     end = care_date_month_end(care_date_add_days(end, 1))) {
		if (care__grow((void **)&dates, &cap, n + 1, sizeof *dates)) {
			care__free(dates);
			return CARE_ENOMEM;
		}
		dates[n++] = end;
	}
	*out = dates;
	*count = n;
	return 0;
}

/* Points: one per date, from the engine's totals. */
static int build(care_report *r, const care__engine *e, const uint32_t *order)
{
	size_t comps = e->competency_count, di;
	int rc = 0;

	r->groups = care__calloc(e->date_count ? e->date_count : 1, sizeof *r->groups);
	if (r->groups == NULL)
		return CARE_ENOMEM;
	r->group_count = e->date_count;
	for (di = 0; di < e->date_count && rc == 0; di++) {
		care__group *p = &r->groups[di];
		p->as_of = e->dates[di];
		p->staff_required = e->total.tstaff_required[di];
		p->staff_compliant = e->total.tstaff_compliant[di];
		rc = care_groups__fill(r, p, e->total.totals + di * comps, order, e->ds);
	}
	return rc;
}

static int compute(care_report *r, care__engine *e)
{
	care_date *dates = NULL;
	size_t count = 0;
	uint32_t *order = NULL;
	int rc = month_ends(r, &dates, &count);

	if (rc == 0)
		rc = care_population__run(r, e, dates, count, 0, &order);
	if (rc == 0)
		rc = build(r, e, order);
	care__free(order);
	care__free(dates);
	e->dates = NULL; /* freed above */
	e->date_count = 0;
	return rc;
}

/* Point by point: both reports have the same dates (same options). */
static int merge(care_report *into, const care_report *from)
{
	size_t i;
	int rc;

	if (into->group_count != from->group_count)
		return CARE_EINVAL;
	rc = care_groups__merge(into, &into->totals, &from->totals);
	for (i = 0; i < into->group_count && rc == 0; i++)
		rc = care_groups__merge(into, &into->groups[i], &from->groups[i]);
	return rc;
}

static void to_json(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "{\"report\":\"trend\",\"from\":");
	care_format__json_date(b, r->opts.from);
	care_buf__puts(b, ",\"to\":");
	care_format__json_date(b, r->opts.to);
	care_buf__puts(b, ",");
	care_format__json_filters(b, &r->opts);
	care_buf__printf(b, ",\"due_soon_days\":%d,\"min_cell\":%d,\"points\":[",
	                 r->opts.due_soon_days, r->opts.min_cell);
	for (i = 0; i < r->group_count; i++) {
		care_buf__puts(b, i ? ",{\"as_of\":" : "{\"as_of\":");
		care_format__json_date(b, r->group_view[i].as_of);
		care_buf__puts(b, ",");
		care_groups__json_rows(b, &r->group_view[i]);
		care_buf__puts(b, "}");
	}
	care_buf__puts(b, "]}");
}

static void to_csv(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "as_of,");
	care_buf__puts(b, care_groups__csv_header);
	for (i = 0; i < r->group_count; i++)
		care_groups__csv_rows(b, &r->group_view[i], NULL, NULL, r->group_view[i].as_of);
}

const care__report_ops care_trend__ops = {"trend", CARE__NEEDS_PERIOD | CARE__USES_POPULATION,
                                          compute, care_groups__finish,
                                          merge,   to_json,
                                          to_csv};
