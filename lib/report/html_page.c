/*
 * The manager's page (care_html_page): the compliance report by unit, the
 * trend, the staff list's overdue and expiring, the forecast and the
 * outcomes, made with one set of options and written as one HTML page.
 */
#include <stddef.h>
#include <string.h>

#include "dataset/dataset.h"
#include "dataset/ids.h"
#include "dataset/index.h"
#include "report/html_chart.h"
#include "report/html_sections.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* The reports of the page; any may be NULL when it could not be made. */
typedef struct page_reports {
	care_report *compliance, *trend, *staff, *forecast, *outcomes;
	const char *focus;  /* the focus competency, or NULL */
	care_date from, to; /* the period of the trend and the outcomes */
	int mandate;        /* from is the day the focus competency's requirement began */
} page_reports;

static int competency_known(const care_dataset *ds, const char *c)
{
	uint32_t k = care_intern__find(&ds->competencies, c);

	return k != CARE__NO && ds->index->competency_used[k];
}

/* The first day the focus competency is required, when every requirement of it has a start. */
static care_date mandate(const care_dataset *ds, const char *focus)
{
	uint32_t c = care_intern__find(&ds->competencies, focus);
	care_date first = CARE_DATE_NONE;
	size_t i;

	for (i = 0; i < ds->requirement_count; i++) {
		const care__requirement *q = &ds->requirements[i];
		if (q->competency != c)
			continue;
		if (q->from == CARE_DATE_NONE)
			return CARE_DATE_NONE;
		if (first == CARE_DATE_NONE || q->from < first)
			first = q->from;
	}
	return first;
}

static const char *pick_focus(const care_dataset *ds, const care_report_options *o,
                              const care_html_options *h, const care_report *compliance)
{
	const care_compliance_group *t = care_report_totals(compliance);

	if (h->focus_competency)
		return competency_known(ds, h->focus_competency) ? h->focus_competency : NULL;
	if (o->competency)
		return o->competency;
	if (competency_known(ds, "customer-care"))
		return "customer-care";
	return t && t->row_count ? t->rows[0].competency : NULL;
}

static void free_reports(page_reports *p)
{
	care_report_free(p->compliance);
	care_report_free(p->trend);
	care_report_free(p->staff);
	care_report_free(p->forecast);
	care_report_free(p->outcomes);
}

static int make_reports(page_reports *p, const care_dataset *ds, const care_report_options *in,
                        const care_html_options *h)
{
	care_report_options o = *in;
	int rc;

	o.group_by = CARE_GROUP_UNIT;
	if ((rc = care_report_new(&p->compliance, CARE_REPORT_COMPLIANCE, ds, &o)) != 0)
		return rc;
	p->focus = pick_focus(ds, in, h, p->compliance);
	p->to = in->to != CARE_DATE_NONE ? in->to : in->as_of;
	p->from = in->from;
	if (p->from == CARE_DATE_NONE) {
		care_date m = p->focus ? mandate(ds, p->focus) : CARE_DATE_NONE;
		p->mandate = m != CARE_DATE_NONE && m <= p->to;
		p->from = p->mandate ? m : care_date_add_days(care_date_add_months(p->to, -12), 1);
	}
	o = *in;
	o.from = p->from;
	o.to = p->to;
	if ((rc = care_report_new(&p->trend, CARE_REPORT_TREND, ds, &o)) != 0)
		return rc;
	o = *in;
	o.status = CARE_NONE;
	if ((rc = care_report_new(&p->staff, CARE_REPORT_STAFF, ds, &o)) != 0)
		return rc;
	o = *in;
	if (o.target == CARE_DATE_NONE)
		o.target = care_date_add_months(in->as_of, 6);
	if (o.target_percent == CARE_NONE)
		o.target_percent = h->green_percent;
	if ((rc = care_report_new(&p->forecast, CARE_REPORT_FORECAST, ds, &o)) != 0)
		return rc;
	if (p->focus == NULL)
		return 0;
	o = *in;
	o.competency = p->focus;
	o.from = p->from;
	o.to = p->to;
	return care_report_new(&p->outcomes, CARE_REPORT_OUTCOMES, ds, &o);
}

/* ---- writing ---- */

static void heading(care__buf *b, const char *id, const char *text, const char *more)
{
	care_buf__printf(b, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">%s", id,
	                 id, id, text);
	care_html__text(b, more);
	care_buf__puts(b, "</h2>\n");
}

static void page_header(care__buf *b, const care_dataset *ds, const care_report_options *o,
                        const care_html_options *h, const page_reports *p)
{
	char d1[11], d2[11];

	care_buf__puts(b, "<header><h1>");
	care_html__text(b, h->title ? h->title : "Training compliance");
	care_buf__puts(b, "</h1>\n<p class=\"meta\">");
	if (ds->name) {
		care_html__text(b, ds->name);
		care_buf__puts(b, ". ");
	}
	care_buf__printf(b, "As of <strong>%s</strong>", care_date_format(d1, o->as_of));
	if (o->manager) {
		uint32_t s = care_ids__find(ds, CARE_KIND_STAFF, o->manager);
		care_buf__puts(b, ", the staff of <strong>");
		care_html__text(b, s != CARE__NO && ds->staff[s].name ? ds->staff[s].name
		                                                      : o->manager);
		care_buf__puts(b, "</strong>");
	}
	care_html__filters(b, o);
	care_buf__printf(b, ". Trend and outcomes from %s to %s.</p>\n",
	                 care_date_format(d1, p->from), care_date_format(d2, p->to));
	care_buf__printf(b,
	                 "<p class=\"meta\">Rates: <span class=\"rag green\">green</span> at or "
	                 "above %d%%, <span class=\"rag amber\">amber</span> from %d%%, "
	                 "<span class=\"rag red\">red</span> below. A rate is the compliant among "
	                 "those required (exempt people left out).</p>\n",
	                 h->green_percent, h->amber_percent);
	care_buf__puts(
	    b, "<nav aria-label=\"Contents\"><p class=\"meta\">"
	       "<a href=\"#summary\">Summary</a> &middot; <a href=\"#units\">Units</a> "
	       "&middot; <a href=\"#trend\">Trend</a> &middot; <a href=\"#forecast\">Forecast"
	       "</a> &middot; <a href=\"#outcomes\">Complaints</a> &middot; "
	       "<a href=\"#worklist\">Worklist</a></p></nav>\n</header>\n<main>\n");
}

static int write_page(care__buf *b, const care_dataset *ds, const care_report_options *o,
                      const care_html_options *h, const page_reports *p)
{
	care__html_ctx ctx;
	size_t *order;
	int *depth, rc;
	char d[11];

	memset(&ctx, 0, sizeof ctx);
	ctx.rag.green = h->green_percent;
	ctx.rag.amber = h->amber_percent;
	ctx.ds = ds;
	ctx.worklist_limit = h->worklist_limit;
	if (care_html_tables__tree_order(&order, &depth, p->compliance, ds) != 0)
		return CARE_ENOMEM;
	care_html__page_begin(b, h->title ? h->title : "Training compliance");
	page_header(b, ds, o, h, p);

	heading(b, "summary", "Summary", NULL);
	care_html_tables__summary(b, p->compliance, &ctx);
	care_html_tables__totals_table(b, p->compliance, &ctx);
	care_html__suppression_note(b, o->min_cell);
	care_buf__puts(b, "</section>\n");

	heading(b, "units", "Units", NULL);
	if (care_report_group_count(p->compliance) == 0) {
		care_buf__puts(b, "<p>No one in these units has a requirement on this date.</p>\n");
	} else {
		care_html_tables__group_bars(b, "units-chart", p->compliance, &ctx, order, depth,
		                             p->focus, 2, 40);
		care_html_tables__matrix(b, p->compliance, &ctx, order, depth);
	}
	care_buf__puts(b, "</section>\n");

	heading(b, "trend", p->mandate ? "Trend since the mandate, " : "Trend from ",
	        care_date_format(d, p->from));
	care_html_tables__trend(b, p->trend, &ctx);
	care_buf__puts(b, "</section>\n");

	heading(b, "forecast", "Forecast to ", care_date_format(d, p->forecast->opts.target));
	care_buf__printf(b,
	                 "<p>To reach %d%% by the target date, and to have everyone trained.</p>\n",
	                 p->forecast->opts.target_percent);
	care_html_lists__forecast(b, p->forecast, &ctx);
	care_buf__puts(b, "</section>\n");

	heading(b, "outcomes", "Training and complaints", NULL);
	if (p->outcomes)
		care_html_lists__outcomes(b, p->outcomes, &ctx);
	else
		care_buf__puts(b, "<p>No competency to compare.</p>\n");
	care_buf__puts(b, "</section>\n");

	heading(b, "worklist", "Worklist: overdue and expiring", NULL);
	rc = care_html_lists__staff(b, p->staff, &ctx, 1);
	care_buf__puts(b, "</section>\n");

	care_buf__puts(b, "</main>\n");
	care_html__page_end(b);
	care__free(order);
	care__free(depth);
	return rc;
}

int care_html_page(char **out, const care_dataset *ds, const care_report_options *report_opts,
                   const care_html_options *opts)
{
	care_html_options h = CARE_HTML_OPTIONS_INIT;
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	page_reports p;
	care__buf b = {0};
	int rc;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_html_page: out is NULL");
	*out = NULL;
	if (ds == NULL || report_opts == NULL)
		return care__error(CARE_EINVAL, "care_html_page: bad argument");
	if (!ds->sealed || ds->index == NULL)
		return care__error(CARE_EINVAL,
		                   "the dataset is not sealed (call care_dataset_seal)");
	if (opts != NULL) {
		if ((rc = care_html__check_options(opts)) != 0)
			return rc;
		h = *opts;
	}
	if (report_opts->version < 1 || report_opts->version > CARE_REPORT_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "unsupported care_report_options version %u",
		                   report_opts->version);
	/* A version 1 struct ends before `manager`: read no further. */
	memcpy(&o, report_opts,
	       report_opts->version == 1 ? offsetof(care_report_options, manager) : sizeof o);
	if (o.as_of < CARE_DATE_MIN || o.as_of > CARE_DATE_MAX)
		return care__error(CARE_EINVAL,
		                   "as_of must be a date from 1900-01-01 to 2199-12-31");
	memset(&p, 0, sizeof p);
	rc = make_reports(&p, ds, &o, &h);
	if (rc == 0)
		rc = write_page(&b, ds, &o, &h, &p);
	free_reports(&p);
	if (rc != 0) {
		care_buf__free(&b);
		return rc == CARE_ENOMEM ? care__error(rc, "out of memory") : rc;
	}
	return care_buf__finish(&b, out, NULL);
}
