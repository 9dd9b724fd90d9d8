/*
 * One report as an HTML page (care_report_to_html), through a table of the
 * report kinds' HTML sections, and the options of the pages.
 */
#include <string.h>

#include "report/html_sections.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

int care_html_options_init(care_html_options *opts, unsigned int version)
{
	static const care_html_options defaults = CARE_HTML_OPTIONS_INIT;

	if (opts == NULL || version < 1 || version > CARE_HTML_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "care_html_options_init: bad argument");
	*opts = defaults;
	opts->version = version;
	return 0;
}

/* One report kind on a page: its heading and its sections. */
typedef struct html_kind {
	const char *heading;
	int (*write)(care__buf *b, const care_report *r, const care__html_ctx *ctx);
} html_kind;

static int write_compliance(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	size_t *order;
	int *depth;

	if (care_html_tables__tree_order(&order, &depth, r, ctx->ds) != 0)
		return CARE_ENOMEM;
	care_html_tables__summary(b, r, ctx);
	if (r->opts.group_by == CARE_GROUP_UNIT && care_report_group_count(r) > 0)
		care_html_tables__group_bars(b, "groups-chart", r, ctx, order, depth, NULL, 1, 40);
	care_html_tables__compliance_table(b, r, ctx, order, depth);
	care__free(order);
	care__free(depth);
	return 0;
}

static int write_trend(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	care_html_tables__trend(b, r, ctx);
	return 0;
}

static int write_staff(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	return care_html_lists__staff(b, r, ctx, 0);
}

static int write_outcomes(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	care_html_lists__outcomes(b, r, ctx);
	return 0;
}

static int write_complaints(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	care_html_lists__complaints(b, r, ctx);
	return 0;
}

static int write_forecast(care__buf *b, const care_report *r, const care__html_ctx *ctx)
{
	care_html_lists__forecast(b, r, ctx);
	return 0;
}

static const html_kind kinds[CARE_REPORT_KIND_COUNT] = {
    [CARE_REPORT_COMPLIANCE] = {"Compliance", write_compliance},
    [CARE_REPORT_TREND] = {"Compliance over time", write_trend},
    [CARE_REPORT_STAFF] = {"Staff list", write_staff},
    [CARE_REPORT_OUTCOMES] = {"Training and patient outcomes", write_outcomes},
    [CARE_REPORT_COMPLAINTS] = {"Complaint handling", write_complaints},
    [CARE_REPORT_FORECAST] = {"Forecast and cost", write_forecast},
};

/* The report's dates and filters, in words, under the heading. */
static void describe(care__buf *b, const care_report *r)
{
	const care_report_options *o = &r->opts;
	char d1[11], d2[11];

	care_buf__puts(b, "<p class=\"meta\">");
	if (r->ops->needs & CARE__NEEDS_AS_OF)
		care_buf__printf(b, "As of %s", care_date_format(d1, o->as_of));
	if (r->kind == CARE_REPORT_FORECAST) {
		care_buf__printf(b, ", target date %s", care_date_format(d2, o->target));
		if (o->target_percent != CARE_NONE)
			care_buf__printf(b, ", target %d%%", o->target_percent);
	}
	if (r->ops->needs & CARE__NEEDS_PERIOD)
		care_buf__printf(b, "From %s to %s", care_date_format(d1, o->from),
		                 care_date_format(d2, o->to));
	if (r->kind == CARE_REPORT_OUTCOMES) {
		care_buf__puts(b, ", training in ");
		care_html__text(b, o->competency);
	}
	if (r->kind == CARE_REPORT_COMPLIANCE && o->group_by != CARE_GROUP_NONE)
		care_buf__printf(b, ", by %s", care_group_by_name(o->group_by));
	if (r->ops->needs & CARE__USES_POPULATION)
		care_html__filters(b, o);
	care_buf__puts(b, ".</p>\n");
}

int care_report_to_html(char **out, const care_report *r, const care_html_options *opts)
{
	care_html_options defaults = CARE_HTML_OPTIONS_INIT;
	care__html_ctx ctx;
	care__buf b = {0};
	int rc;

	if (out == NULL || r == NULL)
		return care__error(CARE_EINVAL, "care_report_to_html: bad argument");
	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((rc = care_html__check_options(opts)) != 0)
		return rc;
	memset(&ctx, 0, sizeof ctx);
	ctx.rag.green = opts->green_percent;
	ctx.rag.amber = opts->amber_percent;
	care_html__page_begin(&b, opts->title ? opts->title : kinds[r->kind].heading);
	care_buf__puts(&b, "<header><h1>");
	care_html__text(&b, opts->title ? opts->title : kinds[r->kind].heading);
	care_buf__puts(&b, "</h1>");
	describe(&b, r);
	care_buf__printf(&b, "</header>\n<main>\n<section class=\"report-%s\">\n", r->ops->name);
	rc = kinds[r->kind].write(&b, r, &ctx);
	care_buf__puts(&b, "</section>\n</main>\n");
	care_html__page_end(&b);
	if (rc != 0) {
		care_buf__free(&b);
		return care__error(rc, "out of memory");
	}
	return care_buf__finish(&b, out, NULL);
}
