/*
 * The HTML sections of the compliance report and of the trend.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset/ids.h"
#include "dataset/index.h"
#include "report/html_chart.h"
#include "report/html_sections.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/buf.h"

/* ---- the unit tree ---- */

typedef struct tree_key {
	uint32_t tin; /* the unit's place in a walk of the tree: parents first */
	size_t group;
} tree_key;

static int tree_key_cmp(const void *a, const void *b)
{
	const tree_key *x = a, *y = b;

	return x->tin < y->tin ? -1 : x->tin > y->tin;
}

int care_html_tables__tree_order(size_t **order, int **depth, const care_report *r,
                                 const care_dataset *ds)
{
	size_t n = care_report_group_count(r), i;
	int tree = ds && ds->index && r->kind == CARE_REPORT_COMPLIANCE &&
	           r->opts.group_by == CARE_GROUP_UNIT;
	tree_key *keys = NULL;
	int shallowest = -1;

	*order = care__malloc((n ? n : 1) * sizeof **order);
	*depth = care__calloc(n ? n : 1, sizeof **depth);
	if (tree)
		keys = care__malloc((n ? n : 1) * sizeof *keys);
	if (*order == NULL || *depth == NULL || (tree && keys == NULL)) {
		care__free(*order);
		care__free(*depth);
		care__free(keys);
		*order = NULL;
		*depth = NULL;
		return CARE_ENOMEM;
	}
	for (i = 0; i < n; i++)
		(*order)[i] = i;
	if (!tree)
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t u = care_ids__find(ds, CARE_KIND_UNIT, care_report_group(r, i)->key);
		keys[i].group = i;
		keys[i].tin = u == CARE__NO ? UINT32_MAX : ds->index->unit_tin[u];
		(*depth)[i] = 0;
		for (; u != CARE__NO && ds->units[u].parent != CARE__NO; u = ds->units[u].parent)
			(*depth)[i]++;
		if (shallowest < 0 || (*depth)[i] < shallowest)
			shallowest = (*depth)[i];
	}
	qsort(keys, n, sizeof *keys, tree_key_cmp);
	for (i = 0; i < n; i++) {
		(*order)[i] = keys[i].group;
		(*depth)[i] -= shallowest;
	}
	care__free(keys);
	return 0;
}

/* The depth of the group at place i of the order (depth is indexed by group). */
static int depth_of(const int *depth, size_t group)
{
	return depth ? depth[group] : 0;
}

/* ---- summary ---- */

static void card(care__buf *b, const care__html_ctx *ctx, const char *what, double rate,
                 int64_t compliant, int64_t required)
{
	const char *colour = care_html__rag_name(&ctx->rag, rate);

	care_buf__printf(b, "<div class=\"card %s\"><div class=\"what\">",
	                 colour ? colour : "none");
	care_html__text(b, what);
	care_buf__puts(b, "</div><div class=\"big\">");
	care_html__percent(b, rate);
	care_buf__printf(b, " <span class=\"rag %s\">%s</span></div><div>",
	                 colour ? colour : "none",
	                 colour == NULL                 ? "no figure"
	                 : strcmp(colour, "green") == 0 ? "on target"
	                 : strcmp(colour, "amber") == 0 ? "below target"
	                                                : "well below target");
	care_html__count(b, compliant);
	care_buf__puts(b, " of ");
	care_html__count(b, required);
	care_buf__puts(b, "</div></div>\n");
}

void care_html_tables__summary(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	const care_compliance_group *t = care_report_totals(r);
	size_t i;

	if (t == NULL)
		return;
	care_buf__puts(b, "<div class=\"cards\">\n");
	card(b, ctx, "Staff with all their required training", t->staff_rate, t->staff_compliant,
	     t->staff_required);
	for (i = 0; i < t->row_count; i++)
		card(b, ctx, t->rows[i].competency, t->rows[i].rate, t->rows[i].compliant,
		     t->rows[i].required);
	care_buf__puts(b, "</div>\n");
}

/* ---- the long table ---- */

static const char *const count_head[] = {"Competency",   "#Required", "#Compliant", "#Expiring",
                                         "#Not yet due", "#Overdue",  "#Exempt",    "#Rate"};

static void count_row(care__buf *b, const care__html_ctx *ctx, const char *group,
                      const care_compliance_row *row)
{
	care_buf__puts(b, "<tr data-group=\"");
	care_html__text(b, group);
	care_buf__puts(b, "\" data-competency=\"");
	care_html__text(b, row->competency);
	care_buf__puts(b, "\"><th scope=\"row\">");
	care_html__text(b, row->competency);
	care_buf__puts(b, "</th>");
	care_html__count_cell(b, "required", row->required);
	care_html__count_cell(b, "compliant", row->compliant);
	care_html__count_cell(b, "expiring", row->expiring);
	care_html__count_cell(b, "not_due", row->not_due);
	care_html__count_cell(b, "overdue", row->overdue);
	care_html__count_cell(b, "exempt", row->exempt);
	care_html__rate_cell(b, "rate", row->rate, &ctx->rag);
	care_buf__puts(b, "</tr>\n");
}

static void staff_row(care__buf *b, const care__html_ctx *ctx, const char *group,
                      const care_compliance_group *g)
{
	care_buf__puts(b, "<tr data-group=\"");
	care_html__text(b, group);
	care_buf__puts(b, "\" data-competency=\"\"><th scope=\"row\">Staff with all their "
	                  "training</th>");
	care_html__count_cell(b, "staff_required", g->staff_required);
	care_html__count_cell(b, "staff_compliant", g->staff_compliant);
	care_buf__puts(b, "<td></td><td></td><td></td><td></td>");
	care_html__rate_cell(b, "staff_rate", g->staff_rate, &ctx->rag);
	care_buf__puts(b, "</tr>\n");
}

void care_html_tables__totals_table(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	const care_compliance_group *t = care_report_totals(r);
	size_t i;

	if (t == NULL)
		return;
	care_buf__puts(b, "<table class=\"totals\"><caption>Every requirement of the people in "
	                  "this report, by competency</caption>\n");
	care_html__head_row(b, count_head, 8);
	care_buf__puts(b, "<tbody>\n");
	for (i = 0; i < t->row_count; i++)
		count_row(b, ctx, "", &t->rows[i]);
	staff_row(b, ctx, "", t);
	care_buf__puts(b, "</tbody></table>\n");
}

void care_html_tables__compliance_table(care__buf *b, const care_report *r,
                                        const care__html_ctx *ctx, const size_t *order,
                                        const int *depth)
{
	size_t n = care_report_group_count(r), i, k;

	care_buf__puts(b, "<table class=\"compliance\"><caption>Compliance by group and "
	                  "competency</caption>\n<thead><tr><th scope=\"col\">Group</th>");
	for (k = 0; k < 8; k++)
		care_buf__printf(b, "<th scope=\"col\"%s>%s</th>",
		                 count_head[k][0] == '#' ? " class=\"n\"" : "",
		                 count_head[k] + (count_head[k][0] == '#'));
	care_buf__puts(b, "</tr></thead>\n");
	for (i = 0; i < n; i++) {
		size_t at = order ? order[i] : i;
		const care_compliance_group *g = care_report_group(r, at);
		care_buf__printf(
		    b, "<tbody><tr><th scope=\"rowgroup\" rowspan=\"%zu\" class=\"d%d\">",
		    g->row_count + 2, depth_of(depth, at) > 5 ? 5 : depth_of(depth, at));
		care_html__text(b, g->label);
		if (g->key && g->label && strcmp(g->key, g->label) != 0) {
			care_buf__puts(b, "<span class=\"id\">");
			care_html__text(b, g->key);
			care_buf__puts(b, "</span>");
		}
		care_buf__puts(b, "</th></tr>\n");
		for (k = 0; k < g->row_count; k++)
			count_row(b, ctx, g->key, &g->rows[k]);
		staff_row(b, ctx, g->key, g);
		care_buf__puts(b, "</tbody>\n");
	}
	{
		const care_compliance_group *t = care_report_totals(r);
		if (t) {
			care_buf__printf(b,
			                 "<tbody class=\"total\"><tr class=\"total\"><th "
			                 "scope=\"rowgroup\" rowspan=\"%zu\">Total</th></tr>\n",
			                 t->row_count + 2);
			for (k = 0; k < t->row_count; k++)
				count_row(b, ctx, "", &t->rows[k]);
			staff_row(b, ctx, "", t);
			care_buf__puts(b, "</tbody>\n");
		}
	}
	care_buf__puts(b, "</table>\n");
	care_html__suppression_note(b, r->opts.min_cell);
}

/* ---- the matrix: groups by competency ---- */

static const care_compliance_row *find_row(const care_compliance_group *g, const char *competency)
{
	size_t k;

	for (k = 0; k < g->row_count; k++)
		if (strcmp(g->rows[k].competency, competency) == 0)
			return &g->rows[k];
	return NULL;
}

static void matrix_cell(care__buf *b, const care__html_ctx *ctx, const char *competency,
                        double rate, int64_t compliant, int64_t required, int present)
{
	const char *colour = care_html__rag_name(&ctx->rag, rate);

	care_buf__puts(b, "<td class=\"n\" data-competency=\"");
	care_html__text(b, competency);
	if (!present) {
		care_buf__puts(b,
		               "\" data-value=\"\"><span class=\"key\">not required</span></td>");
		return;
	}
	if (isnan(rate))
		care_buf__puts(b, "\" data-value=\"\">");
	else
		care_buf__printf(b, "\" data-value=\"%.17g\">", rate);
	care_buf__printf(b, "<span class=\"rag %s\">", colour ? colour : "none");
	care_html__percent(b, rate);
	care_buf__puts(b, "</span><br><span class=\"key\">");
	care_html__count(b, compliant);
	care_buf__puts(b, " of ");
	care_html__count(b, required);
	care_buf__puts(b, "</span></td>");
}

static void matrix_row(care__buf *b, const care__html_ctx *ctx, const care_compliance_group *g,
                       const care_compliance_group *t, int depth, int total)
{
	size_t k;

	care_buf__puts(b, total ? "<tr class=\"total\" data-group=\"\">" : "<tr data-group=\"");
	if (!total) {
		care_html__text(b, g->key);
		care_buf__puts(b, "\">");
	}
	care_buf__printf(b, "<th scope=\"row\" class=\"d%d\">", depth > 5 ? 5 : depth);
	care_html__text(b, total ? "Total" : g->label);
	if (!total && g->key && g->label && strcmp(g->key, g->label) != 0) {
		care_buf__puts(b, "<span class=\"id\">");
		care_html__text(b, g->key);
		care_buf__puts(b, "</span>");
	}
	care_buf__puts(b, "</th>");
	matrix_cell(b, ctx, "", g->staff_rate, g->staff_compliant, g->staff_required, 1);
	for (k = 0; k < t->row_count; k++) {
		const care_compliance_row *row = find_row(g, t->rows[k].competency);
		matrix_cell(b, ctx, t->rows[k].competency, row ? row->rate : NAN,
		            row ? row->compliant : 0, row ? row->required : 0, row != NULL);
	}
	care_buf__puts(b, "</tr>\n");
}

void care_html_tables__matrix(care__buf *b, const care_report *r, const care__html_ctx *ctx,
                              const size_t *order, const int *depth)
{
	const care_compliance_group *t = care_report_totals(r);
	size_t n = care_report_group_count(r), i, k;

	if (t == NULL)
		return;
	care_buf__puts(b, "<table class=\"matrix\"><caption>Compliance rate by unit: each cell is "
	                  "the rate, then the compliant of the required</caption>\n<thead><tr>"
	                  "<th scope=\"col\">Unit</th><th scope=\"col\" class=\"n\">All their "
	                  "training (staff)</th>");
	for (k = 0; k < t->row_count; k++) {
		care_buf__puts(b, "<th scope=\"col\" class=\"n\">");
		care_html__text(b, t->rows[k].competency);
		care_buf__puts(b, "</th>");
	}
	care_buf__puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		size_t at = order ? order[i] : i;
		matrix_row(b, ctx, care_report_group(r, at), t, depth_of(depth, at), 0);
	}
	matrix_row(b, ctx, t, t, 0, 1);
	care_buf__puts(b, "</tbody></table>\n");
	care_html__suppression_note(b, r->opts.min_cell);
}

void care_html_tables__group_bars(care__buf *b, const char *id, const care_report *r,
                                  const care__html_ctx *ctx, const size_t *order, const int *depth,
                                  const char *competency, int max_depth, size_t max_bars)
{
	size_t n = care_report_group_count(r), i, used = 0, levels[8] = {0}, shown = 0;
	care__bar *bars = care__malloc((n ? n : 1) * sizeof *bars);
	char title[200];
	int d;

	if (bars == NULL) {
		b->failed = 1;
		return;
	}
	/* As many levels of the tree as fit in max_bars, at least the top one. */
	for (i = 0; i < n; i++)
		if (competency == NULL || find_row(care_report_group(r, i), competency))
			levels[depth_of(depth, i) < 7 ? depth_of(depth, i) : 7]++;
	for (d = 0; d <= max_depth && d < 8; d++) {
		if (d > 0 && shown + levels[d] > max_bars)
			break;
		shown += levels[d];
	}
	max_depth = d - 1;
	for (i = 0; i < n && used < max_bars; i++) {
		size_t at = order ? order[i] : i;
		const care_compliance_group *g = care_report_group(r, at);
		const care_compliance_row *row = competency ? find_row(g, competency) : NULL;
		if (depth_of(depth, at) > max_depth || (competency && row == NULL))
			continue;
		bars[used].label = g->label;
		bars[used].depth = depth_of(depth, at);
		bars[used].value = competency ? row->rate : g->staff_rate;
		bars[used].note = (competency ? row->required : g->staff_required) == 0
		                      ? "no one required"
		                      : "suppressed (few people)";
		used++;
	}
	snprintf(title, sizeof title, "%s%.100s by unit", competency ? "Compliance in " : "",
	         competency ? competency : "Staff with all their training");
	care_chart__bars(b, id, title, bars, used, &ctx->rag);
	if (shown > used)
		care_buf__printf(b,
		                 "<p class=\"key\">The chart shows the first %zu units of %zu at "
		                 "the top of the tree; the table below has them all.</p>\n",
		                 used, shown);
	care__free(bars);
}

/* ---- the trend ---- */

/* The competencies of every point, each once, in byte order. */
static size_t trend_competencies(const char **out, const care_report *r)
{
	size_t n = care_report_group_count(r), i, k, j, count = 0;

	for (i = 0; i < n; i++) {
		const care_compliance_group *g = care_report_group(r, i);
		for (k = 0; k < g->row_count; k++) {
			const char *c = g->rows[k].competency;
			for (j = 0; j < count && strcmp(out[j], c) < 0; j++)
				;
			if (j < count && strcmp(out[j], c) == 0)
				continue;
			memmove(out + j + 1, out + j, (count - j) * sizeof *out);
			out[j] = c;
			count++;
		}
	}
	return count;
}

void care_html_tables__trend(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	size_t n = care_report_group_count(r), rows = 0, i, k, count;
	const char **names;
	double *values;
	care_date *dates;
	care__series *series;

	for (i = 0; i < n; i++)
		rows += care_report_group(r, i)->row_count;
	names = care__malloc((rows + 1) * sizeof *names);
	dates = care__malloc((n + 1) * sizeof *dates);
	values = care__malloc((rows + 1) * (n + 1) * sizeof *values);
	series = care__malloc((rows + 1) * sizeof *series);
	if (names == NULL || dates == NULL || values == NULL || series == NULL) {
		b->failed = 1;
		goto done;
	}
	count = trend_competencies(names, r);
	/* Series 0 is the staff with all their training, then one per competency. */
	for (k = 0; k <= count; k++) {
		series[k].name = k == 0 ? "Staff with all their training" : names[k - 1];
		series[k].values = values + k * n;
	}
	for (i = 0; i < n; i++) {
		const care_compliance_group *g = care_report_group(r, i);
		dates[i] = g->as_of;
		values[i] = g->staff_rate;
		for (k = 0; k < count; k++) {
			const care_compliance_row *row = find_row(g, names[k]);
			values[(k + 1) * n + i] = row ? row->rate : NAN;
		}
	}
	care_chart__lines(b, "trend-chart", "Compliance at each month end", dates, n, series,
	                  count + 1, &ctx->rag);
	care_buf__puts(b, "<table class=\"trend\"><caption>Compliance rate at each month "
	                  "end</caption>\n<thead><tr><th scope=\"col\">Month end</th>");
	for (k = 0; k <= count; k++) {
		care_buf__puts(b, "<th scope=\"col\" class=\"n\">");
		care_html__text(b, series[k].name);
		care_buf__puts(b, "</th>");
	}
	care_buf__puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		char text[11];
		care_buf__printf(b, "<tr data-as-of=\"%s\"><th scope=\"row\">",
		                 care_date_format(text, dates[i]));
		care_html__date(b, dates[i]);
		care_buf__puts(b, "</th>");
		for (k = 0; k <= count; k++) {
			double v = series[k].values[i];
			care_buf__puts(b, "<td class=\"n\" data-competency=\"");
			care_html__text(b, k == 0 ? "" : names[k - 1]);
			if (isnan(v))
				care_buf__puts(b, "\" data-value=\"\">");
			else
				care_buf__printf(b, "\" data-value=\"%.17g\">", v);
			care_html__percent(b, v);
			care_buf__puts(b, "</td>");
		}
		care_buf__puts(b, "</tr>\n");
	}
	care_buf__puts(b, "</tbody></table>\n");
	care_html__suppression_note(b, r->opts.min_cell);
done:
	care__free(names);
	care__free(dates);
	care__free(values);
	care__free(series);
}
