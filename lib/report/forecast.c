/*
 * The forecast: who stays compliant to a target date if nobody trains again,
 * the places needed and what they cost (docs/reports.md).
 */
#include <string.h>

#include "report/format.h"
#include "report/population.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

/* The derived figures of the forecast, from required, projected and unit cost. */
#define TOO_LARGE "too large to count in pence (64 bits)"

/* a x b, or CARE_NONE when either is CARE_NONE or the product does not fit in 64 bits. */
static int64_t cost(int64_t places, int64_t unit)
{
	int64_t out;

	if (places == CARE_NONE || unit == CARE_NONE || __builtin_mul_overflow(places, unit, &out))
		return CARE_NONE;
	return out;
}

/* *total += c; a sum that no longer fits in 64 bits is CARE_NONE from then on. */
static void add_cost(int64_t *total, int64_t c)
{
	if (c == CARE_NONE || *total == CARE_NONE)
		return;
	if (__builtin_add_overflow(*total, c, total))
		*total = CARE_NONE;
}

static int finish(care_report *r)
{
	size_t i;

	r->total_cost_pence = 0;
	r->total_cost_for_target_pence = r->opts.target_percent == CARE_NONE ? CARE_NONE : 0;
	for (i = 0; i < r->forecast_row_count; i++) {
		care_forecast_row *row = &r->forecast_rows[i];
		row->projected_rate = care_format__rate(row->projected_compliant, row->required);
		row->places = row->required - row->projected_compliant;
		row->places_for_target = CARE_NONE;
		if (r->opts.target_percent != CARE_NONE) {
			/* ceil(P × required / 100) in integer arithmetic */
			int64_t want = ((int64_t)r->opts.target_percent * row->required + 99) / 100;
			row->places_for_target =
			    want > row->projected_compliant ? want - row->projected_compliant : 0;
		}
		/* Costs come from the data (a cost per place may be up to 2^53 pence): a
		 * product or sum too large for 64 bits is null, never a wrapped number. */
		row->cost_pence = cost(row->places, row->unit_cost_pence);
		add_cost(&r->total_cost_pence, row->cost_pence);
		if (row->unit_cost_pence != CARE_NONE && row->cost_pence == CARE_NONE)
			r->total_cost_pence = CARE_NONE; /* a part is unknown: so is the whole */
		row->cost_for_target_pence = cost(row->places_for_target, row->unit_cost_pence);
		add_cost(&r->total_cost_for_target_pence, row->cost_for_target_pence);
		if (row->unit_cost_pence != CARE_NONE && row->places_for_target != CARE_NONE &&
		    row->cost_for_target_pence == CARE_NONE)
			r->total_cost_for_target_pence = CARE_NONE;
	}
	return 0;
}

static int build(care_report *r, const care__engine *e, const uint32_t *order)
{
	const care_dataset *ds = e->ds;
	size_t i, n = 0;

	for (i = 0; i < e->competency_count; i++)
		n += e->total.totals[i].n[CELL_PRESENT] != 0;
	r->forecast_rows = care__calloc(n ? n : 1, sizeof *r->forecast_rows);
	if (r->forecast_rows == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < e->competency_count; i++) {
		uint32_t c = order[i];
		care_forecast_row *row;
		if (!e->total.totals[c].n[CELL_PRESENT])
			continue;
		row = &r->forecast_rows[r->forecast_row_count++];
		row->competency = care_report__copy(r, ds->competencies.text[c]);
		if (row->competency == NULL)
			return CARE_ENOMEM;
		row->required = e->total.totals[c].n[CELL_REQUIRED];
		row->projected_compliant = e->total.projected[c];
		row->unit_cost_pence = ds->index->min_cost[c];
	}
	return finish(r);
}

static int compute(care_report *r, care__engine *e)
{
	uint32_t *order;
	int rc = care_population__run(r, e, NULL, 0, 0, &order);

	if (rc == 0)
		rc = build(r, e, order);
	care__free(order);
	return rc;
}

static int merge(care_report *into, const care_report *from)
{
	size_t n = into->forecast_row_count, m = from->forecast_row_count, i = 0, j = 0, k = 0;
	care_forecast_row *out = care__calloc(n + m + 1, sizeof *out);

	if (out == NULL)
		return CARE_ENOMEM;
	while (i < n || j < m) {
		int c = i == n   ? 1
		        : j == m ? -1
		                 : strcmp(into->forecast_rows[i].competency,
		                          from->forecast_rows[j].competency);
		if (c < 0) {
			out[k++] = into->forecast_rows[i++];
		} else if (c > 0) {
			out[k] = from->forecast_rows[j++];
			out[k].competency = care_report__copy(into, out[k].competency);
			if (out[k++].competency == NULL) {
				care__free(out);
				return CARE_ENOMEM;
			}
		} else {
			const care_forecast_row *s = &from->forecast_rows[j++];
			out[k] = into->forecast_rows[i++];
			out[k].required += s->required;
			out[k].projected_compliant += s->projected_compliant;
			if (s->unit_cost_pence != CARE_NONE &&
			    (out[k].unit_cost_pence == CARE_NONE ||
			     s->unit_cost_pence < out[k].unit_cost_pence))
				out[k].unit_cost_pence = s->unit_cost_pence;
			k++;
		}
	}
	care__free(into->forecast_rows);
	into->forecast_rows = out;
	into->forecast_row_count = k;
	return 0;
}

static void to_json(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "{\"report\":\"forecast\",\"as_of\":");
	care_format__json_date(b, r->opts.as_of);
	care_buf__puts(b, ",\"target\":");
	care_format__json_date(b, r->opts.target);
	care_buf__puts(b, ",\"target_percent\":");
	care_json__count(b, r->opts.target_percent);
	care_buf__puts(b, ",");
	care_format__json_filters(b, &r->opts);
	care_buf__puts(b, ",\"competencies\":[");
	for (i = 0; i < r->forecast_row_count; i++) {
		const care_forecast_row *row = &r->forecast_rows[i];
		care_buf__puts(b, i ? ",{\"competency\":" : "{\"competency\":");
		care_json__text(b, row->competency);
		care_buf__printf(
		    b, ",\"required\":%lld,\"projected_compliant\":%lld,\"projected_rate\":",
		    (long long)row->required, (long long)row->projected_compliant);
		care_json__number(b, row->projected_rate);
		care_buf__printf(b,
		                 ",\"places\":%lld,\"places_for_target\":", (long long)row->places);
		care_json__count(b, row->places_for_target);
		care_buf__puts(b, ",\"unit_cost_pence\":");
		care_json__count(b, row->unit_cost_pence);
		care_buf__puts(b, ",\"cost_pence\":");
		care_json__count(b, row->cost_pence);
		care_buf__puts(b, ",\"cost_for_target_pence\":");
		care_json__count(b, row->cost_for_target_pence);
		/* Why a cost that has all it needs is null anyway. */
		if (row->unit_cost_pence != CARE_NONE && row->cost_pence == CARE_NONE)
			care_buf__puts(b, ",\"cost_note\":\"" TOO_LARGE "\"");
		if (row->unit_cost_pence != CARE_NONE && row->places_for_target != CARE_NONE &&
		    row->cost_for_target_pence == CARE_NONE)
			care_buf__puts(b, ",\"cost_for_target_note\":\"" TOO_LARGE "\"");
		care_buf__puts(b, "}");
	}
	care_buf__puts(b, "],\"total_cost_pence\":");
	care_json__count(b, r->total_cost_pence);
	care_buf__puts(b, ",\"total_cost_for_target_pence\":");
	care_json__count(b, r->total_cost_for_target_pence);
	if (r->total_cost_pence == CARE_NONE)
		care_buf__puts(b, ",\"total_cost_note\":\"" TOO_LARGE "\"");
	if (r->total_cost_for_target_pence == CARE_NONE && r->opts.target_percent != CARE_NONE)
		care_buf__puts(b, ",\"total_cost_for_target_note\":\"" TOO_LARGE "\"");
	care_buf__puts(b, "}");
}

static void to_csv(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "competency,required,projected_compliant,projected_rate,places,"
	                  "places_for_target,unit_cost_pence,cost_pence,cost_for_target_pence\r\n");
	for (i = 0; i < r->forecast_row_count; i++) {
		const care_forecast_row *row = &r->forecast_rows[i];
		care_format__csv_text(b, row->competency);
		care_buf__printf(b, ",%lld,%lld,", (long long)row->required,
		                 (long long)row->projected_compliant);
		care_format__csv_rate(b, row->projected_rate);
		care_buf__printf(b, ",%lld,", (long long)row->places);
		care_format__csv_count(b, row->places_for_target);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->unit_cost_pence);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->cost_pence);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->cost_for_target_pence);
		care_buf__puts(b, "\r\n");
	}
}

const care__report_ops care_forecast__ops = {
    "forecast", CARE__NEEDS_AS_OF | CARE__USES_POPULATION, compute, finish, merge, to_json, to_csv};
