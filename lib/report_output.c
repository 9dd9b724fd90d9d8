/*
 * Reports as data (accessors), merged, and as JSON (SPEC 6) and CSV.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "report_internal.h"

static const char *copy(care_report *r, const char *s)
{
	return s ? care__arena_strndup(&r->arena, s, strlen(s)) : NULL;
}

/* ---- accessors ---- */

size_t care_report_group_count(const care_report *r)
{
	if (r == NULL || (r->kind != CARE_REPORT_COMPLIANCE && r->kind != CARE_REPORT_TREND))
		return 0;
	return r->group_count;
}

const care_compliance_group *care_report_group(const care_report *r, size_t index)
{
	if (index >= care_report_group_count(r))
		return NULL;
	return &r->group_view[index];
}

const care_compliance_group *care_report_totals(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_COMPLIANCE) ? &r->totals_view : NULL;
}

size_t care_report_row_count(const care_report *r)
{
	if (r == NULL)
		return 0;
	if (r->kind == CARE_REPORT_STAFF)
		return r->staff_row_count;
	if (r->kind == CARE_REPORT_FORECAST)
		return r->forecast_row_count;
	return 0;
}

const care_staff_row *care_report_staff_row(const care_report *r, size_t index)
{
	if (r == NULL || r->kind != CARE_REPORT_STAFF || index >= r->staff_row_count)
		return NULL;
	return &r->staff_rows[index];
}

const care_forecast_row *care_report_forecast_row(const care_report *r, size_t index)
{
	if (r == NULL || r->kind != CARE_REPORT_FORECAST || index >= r->forecast_row_count)
		return NULL;
	return &r->forecast_rows[index];
}

int64_t care_report_total_cost_pence(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_FORECAST) ? r->total_cost_pence : -1;
}

const care_outcomes *care_report_outcomes(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_OUTCOMES) ? &r->outcomes_view : NULL;
}

const care_complaints *care_report_complaints(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_COMPLAINTS) ? &r->complaints_view : NULL;
}

/* ---- merging ---- */

static int same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int same_options(const care_report *a, const care_report *b)
{
	const care_report_options *x = &a->opts, *y = &b->opts;

	return a->kind == b->kind && x->as_of == y->as_of && x->from == y->from && x->to == y->to &&
	       x->group_by == y->group_by && same_text(x->unit, y->unit) &&
	       same_text(x->role, y->role) && x->staff_group == y->staff_group &&
	       x->patient_facing == y->patient_facing && x->due_soon_days == y->due_soon_days &&
	       x->min_cell == y->min_cell && same_text(x->competency, y->competency) &&
	       x->status == y->status && x->target == y->target &&
	       x->target_percent == y->target_percent;
}

/* Merge src rows into *rows (both sorted by competency). */
static int merge_rows(care_report *r, care_compliance_row **rows, size_t *n,
                      const care_compliance_row *src, size_t m)
{
	care_compliance_row *out = care__calloc(*n + m + 1, sizeof *out);
	size_t i = 0, j = 0, k = 0;

	if (out == NULL)
		return CARE_ENOMEM;
	while (i < *n || j < m) {
		int c = i == *n  ? 1
		        : j == m ? -1
		                 : strcmp((*rows)[i].competency, src[j].competency);
		if (c < 0) {
			out[k++] = (*rows)[i++];
		} else if (c > 0) {
			out[k] = src[j++];
			out[k].competency = copy(r, out[k].competency);
			if (out[k++].competency == NULL) {
				care__free(out);
				return CARE_ENOMEM;
			}
		} else {
			out[k] = (*rows)[i++];
			out[k].required += src[j].required;
			out[k].compliant += src[j].compliant;
			out[k].expiring += src[j].expiring;
			out[k].not_due += src[j].not_due;
			out[k].overdue += src[j].overdue;
			out[k].exempt += src[j].exempt;
			k++, j++;
		}
	}
	care__free(*rows);
	*rows = out;
	*n = k;
	return 0;
}

static int merge_group(care_report *r, care__group *g, const care__group *src)
{
	g->staff_required += src->staff_required;
	g->staff_compliant += src->staff_compliant;
	return merge_rows(r, &g->rows, &g->row_count, src->rows, src->row_count);
}

static int merge_compliance(care_report *into, const care_report *from)
{
	size_t i = 0, j = 0, k = 0, n = into->group_count, m = from->group_count;
	care__group *out;
	int rc = 0;

	if ((rc = merge_group(into, &into->totals, &from->totals)) != 0)
		return rc;
	if (into->kind == CARE_REPORT_TREND) {
		for (i = 0; i < n && rc == 0; i++)
			rc = merge_group(into, &into->groups[i], &from->groups[i]);
		return rc;
	}
	out = care__calloc(n + m + 1, sizeof *out);
	if (out == NULL)
		return CARE_ENOMEM;
	while ((i < n || j < m) && rc == 0) {
		int c = i == n ? 1 : j == m ? -1 : strcmp(into->groups[i].key, from->groups[j].key);
		if (c < 0) {
			out[k++] = into->groups[i++];
		} else if (c > 0) {
			care__group *g = &out[k++];
			memset(g, 0, sizeof *g);
			g->key = copy(into, from->groups[j].key);
			g->label = copy(into, from->groups[j].label);
			g->as_of = from->groups[j].as_of;
			rc = (g->key && g->label) ? merge_group(into, g, &from->groups[j])
			                          : CARE_ENOMEM;
			j++;
		} else {
			out[k] = into->groups[i++];
			rc = merge_group(into, &out[k++], &from->groups[j++]);
		}
	}
	/* On a failure, keep the groups not reached yet, so none is lost. */
	while (i < n)
		out[k++] = into->groups[i++];
	care__free(into->groups);
	into->groups = out;
	into->group_count = k;
	return rc;
}

static int staff_row_cmp(const void *a, const void *b)
{
	const care_staff_row *x = a, *y = b;
	int c = strcmp(x->staff, y->staff);

	return c ? c : strcmp(x->competency, y->competency);
}

static int merge_staff(care_report *into, const care_report *from)
{
	size_t n = into->staff_row_count, m = from->staff_row_count, refs = 0, i, k, at = 0;
	care_staff_row *rows;
	const char **strings;

	for (i = 0; i < n; i++)
		refs += into->staff_rows[i].unit_count + into->staff_rows[i].role_count;
	for (i = 0; i < m; i++)
		refs += from->staff_rows[i].unit_count + from->staff_rows[i].role_count;
	rows = care__calloc(n + m + 1, sizeof *rows);
	strings = care__malloc((refs + 1) * sizeof *strings);
	if (rows == NULL || strings == NULL) {
		care__free(rows);
		care__free(strings);
		return CARE_ENOMEM;
	}
	for (i = 0; i < n + m; i++) {
		const care_staff_row *src = i < n ? &into->staff_rows[i] : &from->staff_rows[i - n];
		int own = i < n;
		rows[i] = *src;
		if (!own) {
			rows[i].staff = copy(into, src->staff);
			rows[i].competency = copy(into, src->competency);
		}
		for (k = 0; k < src->unit_count + src->role_count; k++) {
			const char *s =
			    k < src->unit_count ? src->units[k] : src->roles[k - src->unit_count];
			strings[at + k] = own ? s : copy(into, s);
			if (strings[at + k] == NULL || rows[i].staff == NULL ||
			    rows[i].competency == NULL) {
				care__free(rows);
				care__free(strings);
				return CARE_ENOMEM;
			}
		}
		rows[i].units = strings + at;
		rows[i].roles = strings + at + src->unit_count;
		at += src->unit_count + src->role_count;
	}
	qsort(rows, n + m, sizeof *rows, staff_row_cmp);
	care__free(into->staff_rows);
	care__free(into->staff_strings);
	into->staff_rows = rows;
	into->staff_strings = strings;
	into->staff_row_count = n + m;
	return 0;
}

static int merge_forecast(care_report *into, const care_report *from)
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
			out[k].competency = copy(into, out[k].competency);
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

int care_report_merge(care_report *into, const care_report *from)
{
	int rc;

	if (into == NULL || from == NULL || into == from)
		return care__error(CARE_EINVAL, "care_report_merge: bad argument");
	if (!same_options(into, from) ||
	    (into->kind == CARE_REPORT_TREND && into->group_count != from->group_count))
		return care__error(CARE_EINVAL,
		                   "reports of different kinds or options cannot be merged");
	switch (into->kind) {
	case CARE_REPORT_COMPLIANCE:
	case CARE_REPORT_TREND:
		rc = merge_compliance(into, from);
		break;
	case CARE_REPORT_STAFF:
		rc = merge_staff(into, from);
		break;
	case CARE_REPORT_OUTCOMES:
		rc = care__outcomes_merge(into, from);
		break;
	case CARE_REPORT_COMPLAINTS:
		rc = care__complaints_merge(into, from);
		break;
	default:
		rc = merge_forecast(into, from);
		break;
	}
	if (rc == 0)
		rc = care__report_refinish(into);
	return rc ? care__error(rc, "out of memory merging reports") : 0;
}

/* ---- JSON ---- */

static void json_text(care__buf *b, const char *s)
{
	if (s == NULL)
		care__buf_puts(b, "null");
	else
		care__buf_json_string(b, s, strlen(s));
}

static void json_filters(care__buf *b, const care_report_options *o)
{
	care__buf_puts(b, "\"filters\":{\"unit\":");
	json_text(b, o->unit);
	care__buf_puts(b, ",\"role\":");
	json_text(b, o->role);
	care__buf_puts(b, ",\"staff_group\":");
	json_text(b, o->staff_group == CARE_NONE
	                 ? NULL
	                 : care_enum_name(CARE_ENUM_STAFF_GROUP, o->staff_group));
	care__buf_printf(b, ",\"patient_facing\":%s}", o->patient_facing ? "true" : "false");
}

static void json_rows(care__buf *b, const care_compliance_group *g)
{
	size_t i;

	care__buf_puts(b, "\"competencies\":[");
	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *row = &g->rows[i];
		care__buf_puts(b, i ? ",{\"competency\":" : "{\"competency\":");
		json_text(b, row->competency);
		care__buf_puts(b, ",\"required\":");
		care__json_count(b, row->required);
		care__buf_puts(b, ",\"compliant\":");
		care__json_count(b, row->compliant);
		care__buf_puts(b, ",\"expiring\":");
		care__json_count(b, row->expiring);
		care__buf_puts(b, ",\"not_due\":");
		care__json_count(b, row->not_due);
		care__buf_puts(b, ",\"overdue\":");
		care__json_count(b, row->overdue);
		care__buf_puts(b, ",\"exempt\":");
		care__json_count(b, row->exempt);
		care__buf_puts(b, ",\"rate\":");
		care__json_rate(b, row->rate);
		care__buf_puts(b, "}");
	}
	care__buf_puts(b, "],\"staff_required\":");
	care__json_count(b, g->staff_required);
	care__buf_puts(b, ",\"staff_compliant\":");
	care__json_count(b, g->staff_compliant);
	care__buf_puts(b, ",\"staff_rate\":");
	care__json_rate(b, g->staff_rate);
}

static void json_compliance(care__buf *b, const care_report *r)
{
	size_t i;

	care__buf_puts(b, "{\"report\":\"compliance\",\"as_of\":");
	care__json_date(b, r->opts.as_of);
	care__buf_puts(b, ",\"group_by\":");
	json_text(b, care_group_by_name(r->opts.group_by));
	care__buf_puts(b, ",");
	json_filters(b, &r->opts);
	care__buf_printf(b, ",\"due_soon_days\":%d,\"min_cell\":%d,\"groups\":[",
	                 r->opts.due_soon_days, r->opts.min_cell);
	for (i = 0; i < r->group_count; i++) {
		const care_compliance_group *g = &r->group_view[i];
		care__buf_puts(b, i ? ",{\"key\":" : "{\"key\":");
		json_text(b, g->key);
		care__buf_puts(b, ",\"label\":");
		json_text(b, g->label);
		care__buf_puts(b, ",");
		json_rows(b, g);
		care__buf_puts(b, "}");
	}
	care__buf_puts(b, "],\"totals\":{");
	json_rows(b, &r->totals_view);
	care__buf_puts(b, "}}");
}

static void json_trend(care__buf *b, const care_report *r)
{
	size_t i;

	care__buf_puts(b, "{\"report\":\"trend\",\"from\":");
	care__json_date(b, r->opts.from);
	care__buf_puts(b, ",\"to\":");
	care__json_date(b, r->opts.to);
	care__buf_puts(b, ",");
	json_filters(b, &r->opts);
	care__buf_printf(b, ",\"due_soon_days\":%d,\"min_cell\":%d,\"points\":[",
	                 r->opts.due_soon_days, r->opts.min_cell);
	for (i = 0; i < r->group_count; i++) {
		care__buf_puts(b, i ? ",{\"as_of\":" : "{\"as_of\":");
		care__json_date(b, r->group_view[i].as_of);
		care__buf_puts(b, ",");
		json_rows(b, &r->group_view[i]);
		care__buf_puts(b, "}");
	}
	care__buf_puts(b, "]}");
}

static void json_list(care__buf *b, const char *const *items, size_t n)
{
	size_t i;

	care__buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		if (i)
			care__buf_puts(b, ",");
		json_text(b, items[i]);
	}
	care__buf_puts(b, "]");
}

static void json_staff(care__buf *b, const care_report *r)
{
	size_t i;

	care__buf_puts(b, "{\"report\":\"staff\",\"as_of\":");
	care__json_date(b, r->opts.as_of);
	care__buf_puts(b, ",");
	json_filters(b, &r->opts);
	care__buf_puts(b, ",\"rows\":[");
	for (i = 0; i < r->staff_row_count; i++) {
		const care_staff_row *row = &r->staff_rows[i];
		care__buf_puts(b, i ? ",{\"staff\":" : "{\"staff\":");
		json_text(b, row->staff);
		care__buf_puts(b, ",\"competency\":");
		json_text(b, row->competency);
		care__buf_printf(b, ",\"status\":\"%s\",\"expiring\":%s,\"expires_on\":",
		                 care_status_name(row->status), row->expiring ? "true" : "false");
		care__json_date(b, row->expires_on);
		care__buf_puts(b, ",\"grace_end\":");
		care__json_date(b, row->grace_end);
		care__buf_puts(b, ",\"overdue_since\":");
		care__json_date(b, row->overdue_since);
		care__buf_puts(b, ",\"units\":");
		json_list(b, row->units, row->unit_count);
		care__buf_puts(b, ",\"roles\":");
		json_list(b, row->roles, row->role_count);
		care__buf_puts(b, "}");
	}
	care__buf_puts(b, "]}");
}

static void json_forecast(care__buf *b, const care_report *r)
{
	size_t i;

	care__buf_puts(b, "{\"report\":\"forecast\",\"as_of\":");
	care__json_date(b, r->opts.as_of);
	care__buf_puts(b, ",\"target\":");
	care__json_date(b, r->opts.target);
	care__buf_puts(b, ",\"target_percent\":");
	care__json_count(b, r->opts.target_percent);
	care__buf_puts(b, ",");
	json_filters(b, &r->opts);
	care__buf_puts(b, ",\"competencies\":[");
	for (i = 0; i < r->forecast_row_count; i++) {
		const care_forecast_row *row = &r->forecast_rows[i];
		care__buf_puts(b, i ? ",{\"competency\":" : "{\"competency\":");
		json_text(b, row->competency);
		care__buf_printf(
		    b, ",\"required\":%lld,\"projected_compliant\":%lld,\"projected_rate\":",
		    (long long)row->required, (long long)row->projected_compliant);
		care__json_rate(b, row->projected_rate);
		care__buf_printf(b,
		                 ",\"places\":%lld,\"places_for_target\":", (long long)row->places);
		care__json_count(b, row->places_for_target);
		care__buf_puts(b, ",\"unit_cost_pence\":");
		care__json_count(b, row->unit_cost_pence);
		care__buf_puts(b, ",\"cost_pence\":");
		care__json_count(b, row->cost_pence);
		care__buf_puts(b, "}");
	}
	care__buf_printf(b, "],\"total_cost_pence\":%lld}", (long long)r->total_cost_pence);
}

int care_report_to_json(char **out, const care_report *r)
{
	care__buf b = {0};

	if (out == NULL || r == NULL)
		return care__error(CARE_EINVAL, "care_report_to_json: bad argument");
	*out = NULL;
	switch (r->kind) {
	case CARE_REPORT_COMPLIANCE:
		json_compliance(&b, r);
		break;
	case CARE_REPORT_TREND:
		json_trend(&b, r);
		break;
	case CARE_REPORT_STAFF:
		json_staff(&b, r);
		break;
	case CARE_REPORT_OUTCOMES:
		care__outcomes_json(&b, r);
		break;
	case CARE_REPORT_COMPLAINTS:
		care__complaints_json(&b, r);
		break;
	default:
		json_forecast(&b, r);
		break;
	}
	return care__buf_finish(&b, out, NULL);
}

/* ---- CSV (RFC 4180; text fields quoted by libcsv) ---- */

static void csv_text(care__buf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0, need;
	char small[256], *dest = small;

	if (s == NULL)
		return;
	need = csv_write(NULL, 0, s, len);
	if (need > sizeof small) {
		dest = care__malloc(need);
		if (dest == NULL) {
			b->failed = 1;
			return;
		}
	}
	csv_write(dest, need, s, len);
	care__buf_append(b, dest, need);
	if (dest != small)
		care__free(dest);
}

static void csv_count(care__buf *b, int64_t n)
{
	if (n >= 0)
		care__buf_printf(b, "%lld", (long long)n);
}

static void csv_rate(care__buf *b, double rate)
{
	if (!isnan(rate))
		care__json_rate(b, rate);
}

static void csv_date(care__buf *b, care_date d)
{
	char text[11];

	if (d != CARE_DATE_NONE)
		care__buf_puts(b, care_date_format(text, d));
}

static void csv_rows(care__buf *b, const care_compliance_group *g, const char *key,
                     const char *label, care_date as_of)
{
	size_t i;

	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *row = &g->rows[i];
		if (as_of != CARE_DATE_NONE) {
			csv_date(b, as_of);
		} else {
			csv_text(b, key);
			care__buf_puts(b, ",");
			csv_text(b, label);
		}
		care__buf_puts(b, ",");
		csv_text(b, row->competency);
		care__buf_puts(b, ",");
		csv_count(b, row->required);
		care__buf_puts(b, ",");
		csv_count(b, row->compliant);
		care__buf_puts(b, ",");
		csv_count(b, row->expiring);
		care__buf_puts(b, ",");
		csv_count(b, row->not_due);
		care__buf_puts(b, ",");
		csv_count(b, row->overdue);
		care__buf_puts(b, ",");
		csv_count(b, row->exempt);
		care__buf_puts(b, ",");
		csv_rate(b, row->rate);
		care__buf_puts(b, ",");
		csv_count(b, g->staff_required);
		care__buf_puts(b, ",");
		csv_count(b, g->staff_compliant);
		care__buf_puts(b, ",");
		csv_rate(b, g->staff_rate);
		care__buf_puts(b, "\r\n");
	}
}

static const char counts_header[] =
    "competency,required,compliant,expiring,not_due,overdue,exempt,rate,staff_required,"
    "staff_compliant,staff_rate\r\n";

int care_report_to_csv(char **out, const care_report *r)
{
	care__buf b = {0};
	size_t i, k;

	if (out == NULL || r == NULL)
		return care__error(CARE_EINVAL, "care_report_to_csv: bad argument");
	*out = NULL;
	switch (r->kind) {
	case CARE_REPORT_COMPLIANCE:
		/* Group rows, then the totals with an empty group. */
		care__buf_puts(&b, "group,label,");
		care__buf_puts(&b, counts_header);
		for (i = 0; i < r->group_count; i++)
			csv_rows(&b, &r->group_view[i], r->group_view[i].key,
			         r->group_view[i].label, CARE_DATE_NONE);
		csv_rows(&b, &r->totals_view, "", "Total", CARE_DATE_NONE);
		break;
	case CARE_REPORT_TREND:
		care__buf_puts(&b, "as_of,");
		care__buf_puts(&b, counts_header);
		for (i = 0; i < r->group_count; i++)
			csv_rows(&b, &r->group_view[i], NULL, NULL, r->group_view[i].as_of);
		break;
	case CARE_REPORT_STAFF:
		care__buf_puts(&b, "staff,competency,status,expiring,expires_on,grace_end,"
		                   "overdue_since,units,roles\r\n");
		for (i = 0; i < r->staff_row_count; i++) {
			const care_staff_row *row = &r->staff_rows[i];
			care__buf b2 = {0};
			char *joined;
			csv_text(&b, row->staff);
			care__buf_puts(&b, ",");
			csv_text(&b, row->competency);
			care__buf_printf(&b, ",%s,%s,", care_status_name(row->status),
			                 row->expiring ? "true" : "false");
			csv_date(&b, row->expires_on);
			care__buf_puts(&b, ",");
			csv_date(&b, row->grace_end);
			care__buf_puts(&b, ",");
			csv_date(&b, row->overdue_since);
			/* Units and roles: one field each, ids joined by ';'. */
			for (k = 0; k < row->unit_count; k++)
				care__buf_printf(&b2, "%s%s", k ? ";" : "", row->units[k]);
			care__buf_append(&b2, "", 0);
			if (care__buf_finish(&b2, &joined, NULL) == 0) {
				care__buf_puts(&b, ",");
				csv_text(&b, joined);
				care__free(joined);
			} else {
				b.failed = 1;
			}
			for (k = 0; k < row->role_count; k++)
				care__buf_printf(&b2, "%s%s", k ? ";" : "", row->roles[k]);
			care__buf_append(&b2, "", 0);
			if (care__buf_finish(&b2, &joined, NULL) == 0) {
				care__buf_puts(&b, ",");
				csv_text(&b, joined);
				care__free(joined);
			} else {
				b.failed = 1;
			}
			care__buf_puts(&b, "\r\n");
		}
		break;
	case CARE_REPORT_FORECAST:
		care__buf_puts(&b, "competency,required,projected_compliant,projected_rate,places,"
		                   "places_for_target,unit_cost_pence,cost_pence\r\n");
		for (i = 0; i < r->forecast_row_count; i++) {
			const care_forecast_row *row = &r->forecast_rows[i];
			csv_text(&b, row->competency);
			care__buf_printf(&b, ",%lld,%lld,", (long long)row->required,
			                 (long long)row->projected_compliant);
			csv_rate(&b, row->projected_rate);
			care__buf_printf(&b, ",%lld,", (long long)row->places);
			csv_count(&b, row->places_for_target);
			care__buf_puts(&b, ",");
			csv_count(&b, row->unit_cost_pence);
			care__buf_puts(&b, ",");
			csv_count(&b, row->cost_pence);
			care__buf_puts(&b, "\r\n");
		}
		break;
	default:
		return care__error(CARE_EINVAL, "this report has no CSV form");
	}
	return care__buf_finish(&b, out, NULL);
}
