/*
 * The HTML sections of the staff list (and the manager's worklist), the
 * forecast, training and patient outcomes, and complaint handling.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset/ids.h"
#include "report/html_chart.h"
#include "report/html_sections.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/buf.h"

/* ---- the staff list ---- */

typedef struct work_item {
	const care_staff_row *row;
	int rank;       /* 0 overdue, 1 expiring */
	care_date date; /* overdue since, or expires on */
} work_item;

static int work_cmp(const void *a, const void *b)
{
	const work_item *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	c = strcmp(x->row->staff, y->row->staff);
	return c ? c : strcmp(x->row->competency, y->row->competency);
}

/* A list of ids joined by ", ", each escaped. */
static void id_list(care__buf *b, const char *const *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			care_buf__puts(b, ", ");
		care_html__text(b, items[i]);
	}
}

/* The managers by name (and id) when the dataset knows them, else by id. */
static void managers(care__buf *b, const care__html_ctx *ctx, const care_staff_row *row)
{
	size_t i;

	if (row->manager_count == 0)
		care_buf__puts(b, "&ndash;");
	for (i = 0; i < row->manager_count; i++) {
		const char *name = NULL;
		if (ctx->ds) {
			uint32_t s = care_ids__find(ctx->ds, CARE_KIND_STAFF, row->managers[i]);
			if (s != CARE__NO)
				name = ctx->ds->staff[s].name;
		}
		if (i)
			care_buf__puts(b, "; ");
		if (name) {
			care_html__text(b, name);
			care_buf__puts(b, " <span class=\"id\">");
			care_html__text(b, row->managers[i]);
			care_buf__puts(b, "</span>");
		} else {
			care_html__text(b, row->managers[i]);
		}
	}
}

static void person(care__buf *b, const care_staff_row *row)
{
	care_buf__puts(b, "<th scope=\"row\">");
	if (row->name) {
		care_html__text(b, row->name);
		care_buf__puts(b, " <span class=\"id\">");
		care_html__text(b, row->staff);
		care_buf__puts(b, "</span>");
	} else {
		care_html__text(b, row->staff);
	}
	care_buf__puts(b, "</th>");
}

static void row_open(care__buf *b, const care_staff_row *row)
{
	care_buf__puts(b, "<tr data-staff=\"");
	care_html__text(b, row->staff);
	care_buf__puts(b, "\" data-competency=\"");
	care_html__text(b, row->competency);
	care_buf__puts(b, "\">");
}

static int worklist(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	size_t n = care_report_row_count(r), i, count = 0, shown;
	work_item *items = care__malloc((n ? n : 1) * sizeof *items);
	static const char *const head[] = {"Person",         "Competency", "Status",
	                                   "Since or until", "Unit",       "Line manager"};

	if (items == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < n; i++) {
		const care_staff_row *row = care_report_staff_row(r, i);
		if (row->status == CARE_STATUS_OVERDUE)
			items[count++] = (work_item){row, 0, row->overdue_since};
		else if (row->status == CARE_STATUS_COMPLIANT && row->expiring)
			items[count++] = (work_item){row, 1, row->expires_on};
	}
	qsort(items, count, sizeof *items, work_cmp);
	shown = ctx->worklist_limit && count > ctx->worklist_limit ? ctx->worklist_limit : count;
	if (count == 0) {
		care_buf__puts(b, "<p>Nobody is overdue and no training expires soon.</p>\n");
		care__free(items);
		return 0;
	}
	care_buf__printf(b,
	                 "<table class=\"worklist\" data-rows=\"%zu\"><caption>Overdue first "
	                 "(longest overdue at the top), then training that expires soon "
	                 "(soonest first)</caption>\n",
	                 count);
	care_html__head_row(b, head, 6);
	care_buf__puts(b, "<tbody>\n");
	for (i = 0; i < shown; i++) {
		const care_staff_row *row = items[i].row;
		row_open(b, row);
		person(b, row);
		care_buf__puts(b, "<td>");
		care_html__text(b, row->competency);
		care_buf__puts(b,
		               items[i].rank == 0
		                   ? "</td><td><span class=\"status-overdue\">Overdue</span> since"
		                   : "</td><td><span class=\"status-expiring\">Expiring</span> on");
		care_buf__puts(b, "</td>");
		care_html__date_cell(b, items[i].rank == 0 ? "overdue_since" : "expires_on",
		                     items[i].date);
		care_buf__puts(b, "<td>");
		id_list(b, row->units, row->unit_count);
		care_buf__puts(b, "</td><td>");
		managers(b, ctx, row);
		care_buf__puts(b, "</td></tr>\n");
	}
	care_buf__puts(b, "</tbody></table>\n");
	if (shown < count)
		care_buf__printf(b,
		                 "<p class=\"key\">The first %zu of %zu rows. The whole list: "
		                 "<code>care staff FILE --status overdue</code> and <code>--status "
		                 "expiring</code>, or a narrower page (<code>--manager</code>, "
		                 "<code>--unit</code>).</p>\n",
		                 shown, count);
	care__free(items);
	return 0;
}

int care_html_lists__staff(care__buf *b, const care_report *r, const care__html_ctx *ctx,
                           int worklist_only)
{
	static const char *const head[] = {"Person",     "Competency", "Status",
	                                   "Expires on", "Grace end",  "Overdue since",
	                                   "Units",      "Roles",      "Line managers"};
	size_t n = care_report_row_count(r), i;

	if (worklist_only)
		return worklist(b, r, ctx);
	care_buf__printf(b,
	                 "<table class=\"staff\" data-rows=\"%zu\"><caption>One row per "
	                 "person and competency required</caption>\n",
	                 n);
	care_html__head_row(b, head, 9);
	care_buf__puts(b, "<tbody>\n");
	for (i = 0; i < n; i++) {
		const care_staff_row *row = care_report_staff_row(r, i);
		row_open(b, row);
		person(b, row);
		care_buf__puts(b, "<td>");
		care_html__text(b, row->competency);
		care_buf__printf(
		    b, "</td><td data-field=\"status\"><span class=\"status-%s\">%s%s</span></td>",
		    row->status == CARE_STATUS_OVERDUE ? "overdue"
		    : row->expiring                    ? "expiring"
		                                       : "other",
		    care_status_name(row->status), row->expiring ? ", expiring" : "");
		care_html__date_cell(b, "expires_on", row->expires_on);
		care_html__date_cell(b, "grace_end", row->grace_end);
		care_html__date_cell(b, "overdue_since", row->overdue_since);
		care_buf__puts(b, "<td>");
		id_list(b, row->units, row->unit_count);
		care_buf__puts(b, "</td><td>");
		id_list(b, row->roles, row->role_count);
		care_buf__puts(b, "</td><td>");
		managers(b, ctx, row);
		care_buf__puts(b, "</td></tr>\n");
	}
	care_buf__puts(b, "</tbody></table>\n");
	return 0;
}

/* ---- the forecast ---- */

void care_html_lists__forecast(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	static const char *const head[] = {
	    "Competency",      "#Required",         "#Compliant on the target date",
	    "#Rate then",      "#Places: everyone", "#Places: target",
	    "#Cost per place", "#Cost: everyone",   "#Cost: target"};
	size_t n = care_report_row_count(r), i;
	int64_t target_total = care_report_total_cost_for_target_pence(r);

	care_buf__puts(b, "<table class=\"forecast\"><caption>If nobody trains again before the "
	                  "target date</caption>\n");
	care_html__head_row(b, head, 9);
	care_buf__puts(b, "<tbody>\n");
	for (i = 0; i < n; i++) {
		const care_forecast_row *row = care_report_forecast_row(r, i);
		care_buf__puts(b, "<tr data-competency=\"");
		care_html__text(b, row->competency);
		care_buf__puts(b, "\"><th scope=\"row\">");
		care_html__text(b, row->competency);
		care_buf__puts(b, "</th>");
		care_html__count_cell(b, "required", row->required);
		care_html__count_cell(b, "projected_compliant", row->projected_compliant);
		care_html__rate_cell(b, "projected_rate", row->projected_rate, &ctx->rag);
		care_html__count_cell(b, "places", row->places);
		care_html__count_cell(b, "places_for_target", row->places_for_target);
		care_html__money_cell(b, "unit_cost_pence", row->unit_cost_pence);
		care_html__money_cell(b, "cost_pence", row->cost_pence);
		care_html__money_cell(b, "cost_for_target_pence", row->cost_for_target_pence);
		care_buf__puts(b, "</tr>\n");
	}
	care_buf__puts(b, "<tr class=\"total\" data-competency=\"\"><th scope=\"row\">Total</th>"
	                  "<td></td><td></td><td></td><td></td><td></td><td></td>");
	care_html__money_cell(b, "total_cost_pence", care_report_total_cost_pence(r));
	care_html__money_cell(b, "total_cost_for_target_pence", target_total);
	care_buf__puts(b, "</tr>\n</tbody></table>\n<p class=\"key\">A place is one completion "
	                  "of the cheapest module that awards the competency; &ndash; where no "
	                  "module has a cost. The staff list and the forecast are working lists, "
	                  "not published figures: they are not suppressed.</p>\n");
}

/* ---- outcomes ---- */

static void outcome_row(care__buf *b, const char *key, const char *name,
                        const care_outcome_group *g)
{
	care_buf__printf(b, "<tr data-group=\"%s\"><th scope=\"row\">%s</th>", key, name);
	care_html__count_cell(b, "interactions", g->interactions);
	care_html__count_cell(b, "complaints", g->complaints);
	care_buf__puts(b, "<td class=\"n\" data-field=\"per_1000\"");
	if (isnan(g->per_1000))
		care_buf__puts(b, " data-value=\"\">&ndash;</td></tr>\n");
	else
		care_buf__printf(b, " data-value=\"%.17g\">%.2f</td></tr>\n", g->per_1000,
		                 g->per_1000);
}

void care_html_lists__outcomes(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	const care_outcomes *o = care_report_outcomes(r);
	static const char *const head[] = {"", "#Interactions", "#Complaints",
	                                   "#Complaints per 1,000"};
	char from[11], to[11];

	(void)ctx;
	if (o == NULL)
		return;
	care_buf__puts(b, "<p>Each interaction is counted as trained when the member of staff "
	                  "held valid training in ");
	care_html__text(b, o->competency);
	care_buf__printf(b,
	                 " on its day; complaints are those linked to the interactions from "
	                 "%s to %s. Whole organisation: these figures take no unit or manager "
	                 "filter.</p>\n",
	                 care_date_format(from, o->from), care_date_format(to, o->to));
	care_chart__outcomes(b, "outcomes-chart", "Complaints from trained and untrained staff", o);
	care_buf__puts(b, "<table class=\"outcomes\"><caption>Complaints per 1,000 interactions"
	                  "</caption>\n");
	care_html__head_row(b, head, 4);
	care_buf__puts(b, "<tbody>\n");
	outcome_row(b, "trained", "Trained staff", &o->trained);
	outcome_row(b, "untrained", "Untrained staff", &o->untrained);
	care_buf__puts(b, "</tbody></table>\n<p data-field=\"rate_ratio\" data-value=\"");
	if (isnan(o->rate_ratio))
		care_buf__puts(b, "\">Rate ratio: none (a count is zero or suppressed).</p>\n");
	else
		care_buf__printf(
		    b,
		    "%.17g\">Rate ratio, untrained to trained: <strong>%.2f</strong> "
		    "(95%% confidence interval <span data-field=\"rate_ratio_low\" "
		    "data-value=\"%.17g\">%.2f</span> to <span "
		    "data-field=\"rate_ratio_high\" data-value=\"%.17g\">%.2f</span>)%s</p>\n",
		    o->rate_ratio, o->rate_ratio, o->rate_ratio_low, o->rate_ratio_low,
		    o->rate_ratio_high, o->rate_ratio_high,
		    o->rate_ratio_low <= 1 && o->rate_ratio_high >= 1
		        ? ": the interval includes 1, so the data cannot yet tell the "
		          "difference from chance."
		        : ".");
	care_buf__puts(b, "<p class=\"key\">Complaints not linked to an interaction: ");
	care_html__count(b, o->unlinked_complaints);
	care_buf__puts(b, ".</p>\n");
	care_html__suppression_note(b, r->opts.min_cell);
}

/* ---- complaint handling ---- */

void care_html_lists__complaints(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	const care_complaints *c = care_report_complaints(r);
	static const char *const head[] = {"", "#Count"};
	int i;

	(void)ctx;
	if (c == NULL)
		return;
	care_buf__puts(b, "<table class=\"complaints\"><caption>Complaints received in the "
	                  "period</caption>\n");
	care_html__head_row(b, head, 2);
	care_buf__puts(b, "<tbody>\n<tr><th scope=\"row\">Received</th>");
	care_html__count_cell(b, "received", c->received);
	care_buf__puts(b, "</tr>\n<tr><th scope=\"row\">Acknowledged within 3 working days</th>");
	care_html__count_cell(b, "acknowledged_in_3_days", c->acknowledged_in_3_days);
	care_buf__puts(b, "</tr>\n<tr><th scope=\"row\">Rate acknowledged in time</th>");
	care_html__rate_cell(b, "acknowledged_rate", c->acknowledged_rate, NULL);
	care_buf__puts(b, "</tr>\n<tr><th scope=\"row\">Closed</th>");
	care_html__count_cell(b, "closed", c->closed);
	care_buf__puts(b, "</tr>\n<tr><th scope=\"row\">Median working days to close</th><td "
	                  "class=\"n\" data-field=\"median_working_days_to_close\"");
	if (isnan(c->median_working_days_to_close))
		care_buf__puts(b, " data-value=\"\">&ndash;</td>");
	else
		care_buf__printf(b, " data-value=\"%.17g\">%g</td>",
		                 c->median_working_days_to_close, c->median_working_days_to_close);
	care_buf__puts(b, "</tr>\n<tr><th scope=\"row\">Over six months</th>");
	care_html__count_cell(b, "over_six_months", c->over_six_months);
	care_buf__puts(b, "</tr>\n</tbody></table>\n<table class=\"by-subject\"><caption>By subject"
	                  "</caption>\n");
	care_html__head_row(b, head, 2);
	care_buf__puts(b, "<tbody>\n");
	for (i = 0; i < CARE_SUBJECT_COUNT; i++) {
		care_buf__printf(b, "<tr><th scope=\"row\">%s</th>",
		                 care_enum_name(CARE_ENUM_SUBJECT, i));
		care_html__count_cell(b, care_enum_name(CARE_ENUM_SUBJECT, i), c->by_subject[i]);
		care_buf__puts(b, "</tr>\n");
	}
	care_buf__puts(b, "</tbody></table>\n<table class=\"by-outcome\"><caption>By outcome"
	                  "</caption>\n");
	care_html__head_row(b, head, 2);
	care_buf__puts(b, "<tbody>\n");
	for (i = 0; i <= CARE_COMPLAINT_OUTCOME_COUNT; i++) {
		const char *name = i < CARE_COMPLAINT_OUTCOME_COUNT
		                       ? care_enum_name(CARE_ENUM_COMPLAINT_OUTCOME, i)
		                       : "open";
		care_buf__printf(b, "<tr><th scope=\"row\">%s</th>", name);
		care_html__count_cell(b, name, c->by_outcome[i]);
		care_buf__puts(b, "</tr>\n");
	}
	care_buf__puts(b, "</tbody></table>\n");
	care_html__suppression_note(b, r->opts.min_cell);
}
