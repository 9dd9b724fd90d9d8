/*
 * Compliance groups, points and totals (report): the rows of counts that the
 * compliance report and the trend share, their views, merging and output.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/groups.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

int care_groups__named_cmp(const void *a, const void *b)
{
	return strcmp(((const care__named *)a)->text, ((const care__named *)b)->text);
}

uint32_t *care_groups__competency_order(const care_dataset *ds)
{
	size_t n = ds->competencies.count, i;
	uint32_t *order = care__malloc((n ? n : 1) * sizeof *order);
	care__named *tmp = care__malloc((n ? n : 1) * sizeof *tmp);

	if (order == NULL || tmp == NULL) {
		care__free(order);
		care__free(tmp);
		return NULL;
	}
	for (i = 0; i < n; i++)
		tmp[i] = (care__named){ds->competencies.text[i], (uint32_t)i};
	qsort(tmp, n, sizeof *tmp, care_groups__named_cmp);
	for (i = 0; i < n; i++)
		order[i] = tmp[i].index;
	care__free(tmp);
	return order;
}

int care_groups__fill(care_report *r, care__group *g, const care__cell *cells,
                      const uint32_t *order, const care_dataset *ds)
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
		row->competency = care_report__copy(r, ds->competencies.text[order[i]]);
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
		out->required = care_format__suppress(in->required, k);
		out->compliant = care_format__suppress(in->compliant, k);
		out->expiring = care_format__suppress(in->expiring, k);
		out->not_due = care_format__suppress(in->not_due, k);
		out->overdue = care_format__suppress(in->overdue, k);
		out->exempt = care_format__suppress(in->exempt, k);
		out->rate = care_format__rate(out->compliant, out->required);
	}
	v->staff_required = care_format__suppress(g->staff_required, k);
	v->staff_compliant = care_format__suppress(g->staff_compliant, k);
	v->staff_rate = care_format__rate(v->staff_compliant, v->staff_required);
}

int care_groups__finish(care_report *r)
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

void care_groups__free(care__group *groups, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		care__free(groups[i].rows);
	care__free(groups);
}

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
			out[k].competency = care_report__copy(r, out[k].competency);
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

int care_groups__merge(care_report *r, care__group *g, const care__group *src)
{
	g->staff_required += src->staff_required;
	g->staff_compliant += src->staff_compliant;
	return merge_rows(r, &g->rows, &g->row_count, src->rows, src->row_count);
}

void care_groups__json_rows(care__buf *b, const care_compliance_group *g)
{
	size_t i;

	care_buf__puts(b, "\"competencies\":[");
	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *row = &g->rows[i];
		care_buf__puts(b, i ? ",{\"competency\":" : "{\"competency\":");
		care_json__text(b, row->competency);
		care_buf__puts(b, ",\"required\":");
		care_json__count(b, row->required);
		care_buf__puts(b, ",\"compliant\":");
		care_json__count(b, row->compliant);
		care_buf__puts(b, ",\"expiring\":");
		care_json__count(b, row->expiring);
		care_buf__puts(b, ",\"not_due\":");
		care_json__count(b, row->not_due);
		care_buf__puts(b, ",\"overdue\":");
		care_json__count(b, row->overdue);
		care_buf__puts(b, ",\"exempt\":");
		care_json__count(b, row->exempt);
		care_buf__puts(b, ",\"rate\":");
		care_json__number(b, row->rate);
		care_buf__puts(b, "}");
	}
	care_buf__puts(b, "],\"staff_required\":");
	care_json__count(b, g->staff_required);
	care_buf__puts(b, ",\"staff_compliant\":");
	care_json__count(b, g->staff_compliant);
	care_buf__puts(b, ",\"staff_rate\":");
	care_json__number(b, g->staff_rate);
}

void care_groups__csv_rows(care__buf *b, const care_compliance_group *g, const char *key,
                           const char *label, care_date as_of)
{
	size_t i;

	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *row = &g->rows[i];
		if (as_of != CARE_DATE_NONE) {
			care_format__csv_date(b, as_of);
		} else {
			care_format__csv_text(b, key);
			care_buf__puts(b, ",");
			care_format__csv_text(b, label);
		}
		care_buf__puts(b, ",");
		care_format__csv_text(b, row->competency);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->required);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->compliant);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->expiring);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->not_due);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->overdue);
		care_buf__puts(b, ",");
		care_format__csv_count(b, row->exempt);
		care_buf__puts(b, ",");
		care_format__csv_rate(b, row->rate);
		care_buf__puts(b, ",");
		care_format__csv_count(b, g->staff_required);
		care_buf__puts(b, ",");
		care_format__csv_count(b, g->staff_compliant);
		care_buf__puts(b, ",");
		care_format__csv_rate(b, g->staff_rate);
		care_buf__puts(b, "\r\n");
	}
}

const char care_groups__csv_header[] =
    "competency,required,compliant,expiring,not_due,overdue,exempt,rate,staff_required,"
    "staff_compliant,staff_rate\r\n";
