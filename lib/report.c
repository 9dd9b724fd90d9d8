/*
 * The report object: options, dispatch, the compliance / trend / staff /
 * forecast reports built from the engine, suppression, merging and access.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* ---- small helpers ---- */

double care__rate(int64_t num, int64_t den)
{
	if (den <= 0 || num < 0)
		return NAN;
	return (double)num / (double)den;
}

void care__json_rate(care__buf *b, double rate)
{
	char text[40];
	int precision;

	if (isnan(rate) || isinf(rate)) {
		care__buf_puts(b, "null");
		return;
	}
	/* Whole numbers as integers; others in the shortest form that reads
	 * back exactly (at most 17 significant digits). */
	if (rate == floor(rate) && fabs(rate) < 1e15) {
		care__buf_printf(b, "%.0f", rate);
		return;
	}
	/* 15 significant digits give the shortest form whenever one of at most
	 * 15 digits reads back exactly (trailing zeros are dropped); else 16 or 17. */
	for (precision = 15; precision <= 17; precision++) {
		snprintf(text, sizeof text, "%.*g", precision, rate);
		if (strtod(text, NULL) == rate)
			break;
	}
	care__buf_puts(b, text);
}

void care__json_count(care__buf *b, int64_t count)
{
	if (count < 0)
		care__buf_puts(b, "null");
	else
		care__buf_printf(b, "%lld", (long long)count);
}

void care__json_date(care__buf *b, care_date d)
{
	char text[11];

	if (d == CARE_DATE_NONE)
		care__buf_puts(b, "null");
	else
		care__buf_printf(b, "\"%s\"", care_date_format(text, d));
}

static const char *copy(care_report *r, const char *s)
{
	return s ? care__arena_strndup(&r->arena, s, strlen(s)) : NULL;
}

static const char *const group_names[] = {NULL, "unit", "role", "staff-group", "competency"};

const char *care_group_by_name(care_group_by by)
{
	if ((unsigned)by >= sizeof group_names / sizeof group_names[0])
		return NULL;
	return group_names[by];
}

int care_report_options_init(care_report_options *opts, unsigned int version)
{
	static const care_report_options defaults = CARE_REPORT_OPTIONS_INIT;

	if (opts == NULL || version < 1 || version > CARE_REPORT_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "care_report_options_init: bad argument");
	*opts = defaults;
	opts->version = version;
	return 0;
}

/* ---- options ---- */

static int valid_date(care_date d)
{
	return d >= CARE_DATE_MIN && d <= CARE_DATE_MAX;
}

static int check_options(care__engine *e, care_report_kind kind, const care_dataset *ds,
                         const care_report_options *o)
{
	e->unit_filter = e->role_filter = e->competency_filter = CARE__NO;
	if (o->version < 1 || o->version > CARE_REPORT_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "unsupported care_report_options version %u",
		                   o->version);
	if (o->min_cell < 0 || o->due_soon_days < 0 || o->threads < 0)
		return care__error(CARE_EINVAL, "min_cell, due_soon_days and threads must be >= 0");
	if ((unsigned)o->group_by > CARE_GROUP_COMPETENCY)
		return care__error(CARE_EINVAL, "unknown grouping %d", (int)o->group_by);
	if (o->staff_group != CARE_NONE &&
	    (o->staff_group < 0 || o->staff_group >= care_enum_count(CARE_ENUM_STAFF_GROUP)))
		return care__error(CARE_EINVAL, "unknown staff group %d", o->staff_group);
	if (kind == CARE_REPORT_COMPLIANCE || kind == CARE_REPORT_STAFF ||
	    kind == CARE_REPORT_FORECAST) {
		if (!valid_date(o->as_of))
			return care__error(CARE_EINVAL,
			                   "as_of must be a date from 1900-01-01 to 2199-12-31");
	}
	if (kind == CARE_REPORT_TREND || kind == CARE_REPORT_OUTCOMES ||
	    kind == CARE_REPORT_COMPLAINTS) {
		if (!valid_date(o->from) || !valid_date(o->to))
			return care__error(
			    CARE_EINVAL, "from and to must be dates from 1900-01-01 to 2199-12-31");
		if (o->from > o->to)
			return care__error(CARE_EINVAL, "from is after to");
	}
	if (kind == CARE_REPORT_FORECAST) {
		if (!valid_date(o->target) || o->target <= o->as_of)
			return care__error(CARE_EINVAL,
			                   "the target date must be after the as-of date");
		if (o->target_percent != CARE_NONE &&
		    (o->target_percent < 0 || o->target_percent > 100))
			return care__error(CARE_EINVAL, "target_percent must be from 0 to 100");
	}
	if (kind == CARE_REPORT_STAFF && o->status != CARE_NONE &&
	    (o->status < 0 || o->status > CARE_STATUS_OVERDUE))
		return care__error(CARE_EINVAL, "unknown status %d", o->status);
	if (kind == CARE_REPORT_OUTCOMES && (o->competency == NULL || !*o->competency))
		return care__error(CARE_EINVAL, "the outcomes report needs a competency");
	if (o->unit) {
		e->unit_filter = care__find_id(ds, CARE_KIND_UNIT, o->unit);
		if (e->unit_filter == CARE__NO)
			return care__error(CARE_ENOTFOUND, "there is no unit '%.64s'", o->unit);
	}
	if (o->role) {
		e->role_filter = care__find_id(ds, CARE_KIND_ROLE, o->role);
		if (e->role_filter == CARE__NO)
			return care__error(CARE_ENOTFOUND, "there is no role '%.64s'", o->role);
	}
	if (kind == CARE_REPORT_STAFF && o->competency) {
		e->competency_filter = care__intern_find(&ds->competencies, o->competency);
		if (e->competency_filter == CARE__NO)
			e->competency_filter = CARE__NO - 1; /* nobody has it: no rows */
	}
	return 0;
}

/* Competency indexes in byte order of their ids. */
typedef struct named {
	const char *text;
	uint32_t index;
} named;

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const named *)a)->text, ((const named *)b)->text);
}

static uint32_t *competency_order(const care_dataset *ds)
{
	size_t n = ds->competencies.count, i;
	uint32_t *order = care__malloc((n ? n : 1) * sizeof *order);
	named *tmp = care__malloc((n ? n : 1) * sizeof *tmp);

	if (order == NULL || tmp == NULL) {
		care__free(order);
		care__free(tmp);
		return NULL;
	}
	for (i = 0; i < n; i++)
		tmp[i] = (named){ds->competencies.text[i], (uint32_t)i};
	qsort(tmp, n, sizeof *tmp, named_cmp);
	for (i = 0; i < n; i++)
		order[i] = tmp[i].index;
	care__free(tmp);
	return order;
}

/* ---- building the compliance-like reports from the engine ---- */

/* The rows of one line of cells (indexed by competency), in competency order. */
static int fill_rows(care_report *r, care__group *g, const care__cell *cells, const uint32_t *order,
                     const care_dataset *ds)
{
	size_t n = 0, i, k = 0;

	for (i = 0; i < ds->competencies.count; i++)
		n += cells[i].n[CELL_PRESENT] != 0;
	g->rows = care__calloc(n ? n : 1, sizeof *g->rows);
	if (g->rows == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < ds->competencies.count; i++) {
		const care__cell *c = &cells[order[i]];
		care_compliance_row *row;
		if (!c->n[CELL_PRESENT])
			continue;
		row = &g->rows[k++];
		row->competency = copy(r, ds->competencies.text[order[i]]);
		if (row->competency == NULL)
			return CARE_ENOMEM;
		row->required = c->n[CELL_REQUIRED];
		row->compliant = c->n[CELL_COMPLIANT];
		row->expiring = c->n[CELL_EXPIRING];
		row->not_due = c->n[CELL_NOT_DUE];
		row->overdue = c->n[CELL_OVERDUE];
		row->exempt = c->n[CELL_EXEMPT];
		row->rate = NAN;
	}
	g->row_count = n;
	return 0;
}

static void group_key(const care_dataset *ds, care_group_by by, uint32_t g, const char **key,
                      const char **label)
{
	switch (by) {
	case CARE_GROUP_UNIT:
		*key = ds->units[g].id;
		*label = ds->units[g].name;
		break;
	case CARE_GROUP_ROLE:
		*key = ds->roles[g].id;
		*label = ds->roles[g].title;
		break;
	case CARE_GROUP_STAFF_GROUP:
		*key = *label = care_enum_name(CARE_ENUM_STAFF_GROUP, (int)g);
		break;
	default:
		*key = *label = ds->competencies.text[g];
		break;
	}
}

static int build_compliance(care_report *r, const care__engine *e, const uint32_t *order)
{
	const care_dataset *ds = e->ds;
	size_t comps = e->competency_count, g, n = 0, di;
	named *present = NULL;
	int rc = 0;

	if (r->kind == CARE_REPORT_TREND) {
		/* Points: one per date, from the totals. */
		r->groups = care__calloc(e->date_count ? e->date_count : 1, sizeof *r->groups);
		if (r->groups == NULL)
			return CARE_ENOMEM;
		r->group_count = e->date_count;
		for (di = 0; di < e->date_count && rc == 0; di++) {
			care__group *p = &r->groups[di];
			p->as_of = e->dates[di];
			p->staff_required = e->total.tstaff_required[di];
			p->staff_compliant = e->total.tstaff_compliant[di];
			rc = fill_rows(r, p, e->total.totals + di * comps, order, ds);
		}
		return rc;
	}
	r->totals.as_of = r->opts.as_of;
	r->totals.staff_required = e->total.tstaff_required[0];
	r->totals.staff_compliant = e->total.tstaff_compliant[0];
	if ((rc = fill_rows(r, &r->totals, e->total.totals, order, ds)) != 0)
		return rc;
	if (e->group_count == 0)
		return 0;
	present = care__malloc(e->group_count * sizeof *present);
	if (present == NULL)
		return CARE_ENOMEM;
	for (g = 0; g < e->group_count; g++) {
		size_t c;
		const char *key, *label;
		for (c = 0; c < comps && !e->total.cells[g * comps + c].n[CELL_PRESENT]; c++)
			;
		if (c == comps)
			continue;
		group_key(ds, r->opts.group_by, (uint32_t)g, &key, &label);
		present[n++] = (named){key, (uint32_t)g};
	}
	qsort(present, n, sizeof *present, named_cmp);
	r->groups = care__calloc(n ? n : 1, sizeof *r->groups);
	if (r->groups == NULL) {
		care__free(present);
		return CARE_ENOMEM;
	}
	r->group_count = n;
	for (g = 0; g < n && rc == 0; g++) {
		care__group *out = &r->groups[g];
		uint32_t gi = present[g].index;
		const char *key, *label;
		group_key(ds, r->opts.group_by, gi, &key, &label);
		out->key = copy(r, key);
		out->label = copy(r, label);
		out->as_of = r->opts.as_of;
		out->staff_required = e->total.staff_required[gi];
		out->staff_compliant = e->total.staff_compliant[gi];
		if (out->key == NULL || out->label == NULL)
			rc = CARE_ENOMEM;
		else
			rc = fill_rows(r, out, e->total.cells + gi * comps, order, ds);
	}
	care__free(present);
	return rc;
}

/* Staff list rows in order of staff id, then competency. */
typedef struct staff_sort {
	const char *staff, *competency;
	size_t item;
} staff_sort;

static int staff_sort_cmp(const void *a, const void *b)
{
	const staff_sort *x = a, *y = b;
	int c = strcmp(x->staff, y->staff);

	return c ? c : strcmp(x->competency, y->competency);
}

static int text_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int build_staff(care_report *r, const care__engine *e)
{
	const care_dataset *ds = e->ds;
	const care__tally *t = &e->total;
	size_t i, k, at = 0;
	staff_sort *order;

	order = care__malloc((t->item_count ? t->item_count : 1) * sizeof *order);
	r->staff_rows = care__calloc(t->item_count ? t->item_count : 1, sizeof *r->staff_rows);
	r->staff_strings = care__malloc((t->ref_count ? t->ref_count : 1) * sizeof(char *));
	if (order == NULL || r->staff_rows == NULL || r->staff_strings == NULL) {
		care__free(order);
		return CARE_ENOMEM;
	}
	for (i = 0; i < t->item_count; i++)
		order[i] = (staff_sort){ds->staff[t->items[i].staff].id,
		                        ds->competencies.text[t->items[i].pair.competency], i};
	qsort(order, t->item_count, sizeof *order, staff_sort_cmp);
	for (i = 0; i < t->item_count; i++) {
		const care__staff_item *it = &t->items[order[i].item];
		care_staff_row *row = &r->staff_rows[i];
		const char **units = r->staff_strings + at;
		row->staff = copy(r, order[i].staff);
		row->competency = copy(r, order[i].competency);
		row->status = (care_status)it->pair.status;
		row->expiring = it->pair.expiring;
		row->expires_on =
		    it->pair.status == CARE_STATUS_COMPLIANT ? it->pair.expires_on : CARE_DATE_NONE;
		row->grace_end =
		    it->pair.status == CARE_STATUS_NOT_DUE ? it->pair.grace_end : CARE_DATE_NONE;
		row->overdue_since = it->pair.status == CARE_STATUS_OVERDUE ? it->pair.overdue_since
		                                                            : CARE_DATE_NONE;
		for (k = 0; k < it->unit_count; k++)
			r->staff_strings[at++] = copy(r, ds->units[t->refs[it->first_ref + k]].id);
		for (k = 0; k < it->role_count; k++)
			r->staff_strings[at++] =
			    copy(r, ds->roles[t->refs[it->first_ref + it->unit_count + k]].id);
		for (k = 0; k < it->unit_count + it->role_count; k++)
			if (units[k] == NULL) {
				care__free(order);
				r->staff_row_count = i;
				return CARE_ENOMEM;
			}
		qsort(units, it->unit_count, sizeof *units, text_cmp);
		qsort(units + it->unit_count, it->role_count, sizeof *units, text_cmp);
		row->units = units;
		row->unit_count = it->unit_count;
		row->roles = units + it->unit_count;
		row->role_count = it->role_count;
		if (row->staff == NULL || row->competency == NULL) {
			care__free(order);
			r->staff_row_count = i;
			return CARE_ENOMEM;
		}
	}
	r->staff_row_count = t->item_count;
	care__free(order);
	return 0;
}

static void forecast_totals(care_report *r);

static int build_forecast(care_report *r, const care__engine *e, const uint32_t *order)
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
		row->competency = copy(r, ds->competencies.text[c]);
		if (row->competency == NULL)
			return CARE_ENOMEM;
		row->required = e->total.totals[c].n[CELL_REQUIRED];
		row->projected_compliant = e->total.projected[c];
		row->unit_cost_pence = ds->index->min_cost[c];
	}
	forecast_totals(r);
	return 0;
}

/* The derived figures of the forecast, from required, projected and unit cost. */
static void forecast_totals(care_report *r)
{
	size_t i;

	r->total_cost_pence = 0;
	for (i = 0; i < r->forecast_row_count; i++) {
		care_forecast_row *row = &r->forecast_rows[i];
		row->projected_rate = care__rate(row->projected_compliant, row->required);
		row->places = row->required - row->projected_compliant;
		row->places_for_target = CARE_NONE;
		if (r->opts.target_percent != CARE_NONE) {
			/* ceil(P × required / 100) in integer arithmetic */
			int64_t want = ((int64_t)r->opts.target_percent * row->required + 99) / 100;
			row->places_for_target =
			    want > row->projected_compliant ? want - row->projected_compliant : 0;
		}
		row->cost_pence = row->unit_cost_pence == CARE_NONE
		                      ? CARE_NONE
		                      : row->places * row->unit_cost_pence;
		if (row->cost_pence != CARE_NONE)
			r->total_cost_pence += row->cost_pence;
	}
}

/* ---- views: suppression and rates ---- */

static void view_group(const care_report *r, care_compliance_group *v, const care__group *g,
                       care_compliance_row *rows)
{
	int k = r->opts.min_cell;
	size_t i;

	v->key = g->key;
	v->label = g->label;
	v->as_of = g->as_of;
	v->rows = rows;
	v->row_count = g->row_count;
	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *in = &g->rows[i];
		care_compliance_row *out = &rows[i];
		out->competency = in->competency;
		out->required = care__suppress(in->required, k);
		out->compliant = care__suppress(in->compliant, k);
		out->expiring = care__suppress(in->expiring, k);
		out->not_due = care__suppress(in->not_due, k);
		out->overdue = care__suppress(in->overdue, k);
		out->exempt = care__suppress(in->exempt, k);
		out->rate = care__rate(out->compliant, out->required);
	}
	v->staff_required = care__suppress(g->staff_required, k);
	v->staff_compliant = care__suppress(g->staff_compliant, k);
	v->staff_rate = care__rate(v->staff_compliant, v->staff_required);
}

static int finish_compliance(care_report *r)
{
	size_t rows = r->totals.row_count, i, at = 0;

	for (i = 0; i < r->group_count; i++)
		rows += r->groups[i].row_count;
	care__free(r->group_view);
	care__free(r->row_view);
	r->group_view = care__calloc(r->group_count ? r->group_count : 1, sizeof *r->group_view);
	r->row_view = care__calloc(rows ? rows : 1, sizeof *r->row_view);
	if (r->group_view == NULL || r->row_view == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < r->group_count; i++) {
		view_group(r, &r->group_view[i], &r->groups[i], r->row_view + at);
		at += r->groups[i].row_count;
	}
	view_group(r, &r->totals_view, &r->totals, r->row_view + at);
	return 0;
}

static int finish(care_report *r)
{
	switch (r->kind) {
	case CARE_REPORT_COMPLIANCE:
	case CARE_REPORT_TREND:
		return finish_compliance(r);
	case CARE_REPORT_OUTCOMES:
		care__outcomes_finish(r);
		return 0;
	case CARE_REPORT_COMPLAINTS:
		care__complaints_finish(r);
		return 0;
	case CARE_REPORT_FORECAST:
		forecast_totals(r);
		return 0;
	default:
		return 0;
	}
}

/* ---- new / free ---- */

static int copy_options(care_report *r, const care_report_options *o)
{
	r->opts = *o;
	r->opts.unit = copy(r, o->unit);
	r->opts.role = copy(r, o->role);
	r->opts.competency = copy(r, o->competency);
	if ((o->unit && !r->opts.unit) || (o->role && !r->opts.role) ||
	    (o->competency && !r->opts.competency))
		return CARE_ENOMEM;
	return 0;
}

static int run(care_report *r, const care_dataset *ds, care__engine *e)
{
	care_date *dates = NULL;
	uint32_t *order = NULL;
	int rc;

	e->ds = ds;
	e->kind = r->kind;
	e->opts = &r->opts;
	e->competency_count = ds->competencies.count;
	e->single_date = r->opts.as_of;
	e->dates = &e->single_date;
	e->date_count = 1;
	if (r->kind == CARE_REPORT_TREND) {
		care_date end;
		size_t n = 0, cap = 0;
		for (end = care_date_month_end(r->opts.from); end <= r->opts.to;
		     end = care_date_month_end(care_date_add_days(end, 1))) {
			if (care__grow((void **)&dates, &cap, n + 1, sizeof *dates)) {
				care__free(dates);
				return CARE_ENOMEM;
			}
			dates[n++] = end;
		}
		e->dates = dates;
		e->date_count = n;
	}
	if (r->kind == CARE_REPORT_COMPLIANCE) {
		switch (r->opts.group_by) {
		case CARE_GROUP_UNIT:
			e->group_count = ds->unit_count;
			break;
		case CARE_GROUP_ROLE:
			e->group_count = ds->role_count;
			break;
		case CARE_GROUP_STAFF_GROUP:
			e->group_count = (size_t)care_enum_count(CARE_ENUM_STAFF_GROUP);
			break;
		case CARE_GROUP_COMPETENCY:
			e->group_count = ds->competencies.count;
			break;
		default:
			e->group_count = 0;
		}
	}
	order = competency_order(ds);
	rc = order ? care__engine_run(e) : CARE_ENOMEM;
	if (rc == 0) {
		if (r->kind == CARE_REPORT_STAFF)
			rc = build_staff(r, e);
		else if (r->kind == CARE_REPORT_FORECAST)
			rc = build_forecast(r, e, order);
		else
			rc = build_compliance(r, e, order);
	}
	care__free(order);
	care__free(dates);
	e->dates = NULL; /* freed above */
	e->date_count = 0;
	return rc;
}

int care_report_new(care_report **out, care_report_kind kind, const care_dataset *ds,
                    const care_report_options *opts)
{
	care_report_options defaults = CARE_REPORT_OPTIONS_INIT;
	care__engine e;
	care_report *r;
	int rc;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_report_new: out is NULL");
	*out = NULL;
	if (ds == NULL || (unsigned)kind > CARE_REPORT_FORECAST)
		return care__error(CARE_EINVAL, "care_report_new: bad argument");
	if (!ds->sealed || ds->index == NULL)
		return care__error(CARE_EINVAL,
		                   "the dataset is not sealed (call care_dataset_seal)");
	if (opts == NULL)
		opts = &defaults;
	memset(&e, 0, sizeof e);
	if ((rc = check_options(&e, kind, ds, opts)) != 0)
		return rc;
	r = care__calloc(1, sizeof *r);
	if (r == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	r->kind = kind;
	rc = copy_options(r, opts);
	if (rc == 0) {
		if (kind == CARE_REPORT_OUTCOMES)
			rc = care__outcomes_compute(r, ds);
		else if (kind == CARE_REPORT_COMPLAINTS)
			rc = care__complaints_compute(r, ds);
		else
			rc = run(r, ds, &e);
	}
	care__engine_free(&e);
	if (rc == 0)
		rc = finish(r);
	if (rc == 0 && opts->progress)
		opts->progress(opts->progress_data, 1.0);
	if (rc != 0) {
		care_report_free(r);
		return care__error(rc, "%s", rc == CARE_ENOMEM ? "out of memory" : "report failed");
	}
	*out = r;
	return 0;
}

static void free_groups(care__group *groups, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		care__free(groups[i].rows);
	care__free(groups);
}

void care_report_free(care_report *r)
{
	if (r == NULL)
		return;
	free_groups(r->groups, r->group_count);
	care__free(r->totals.rows);
	care__free(r->group_view);
	care__free(r->row_view);
	care__free(r->staff_rows);
	care__free(r->staff_strings);
	care__free(r->close_days);
	care__free(r->forecast_rows);
	care__arena_free(&r->arena);
	care__free(r);
}

care_report_kind care_report_get_kind(const care_report *r)
{
	return r ? r->kind : CARE_REPORT_COMPLIANCE;
}

int care__report_refinish(care_report *r)
{
	return finish(r);
}
