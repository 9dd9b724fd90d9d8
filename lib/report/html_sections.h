/*
 * The sections of the HTML pages (report), one or more per report kind,
 * each drawn from a finished report through the public accessors (so with
 * suppression applied). care_report_to_html() puts one report's sections on
 * a page; care_html_page() puts several reports' on the manager's page.
 *
 * html_tables.c: the compliance report (summary, the unit tree, the long
 * table) and the trend; html_lists.c: the staff list and worklist, the
 * forecast, the outcomes and complaint handling.
 */
#ifndef CARE_REPORT_HTML_SECTIONS_H
#define CARE_REPORT_HTML_SECTIONS_H

#include "report/html_write.h"

typedef struct care__html_ctx {
	care__rag rag;
	/* The dataset of the reports, for the unit tree and the names of managers; NULL: ids. */
	const care_dataset *ds;
	/* The worklist shows at most this many rows (0: all). */
	size_t worklist_limit;
} care__html_ctx;

/*
 * The groups of a compliance report grouped by unit in the order of the
 * unit tree (parents before children, siblings in the dataset's order), and
 * each one's depth below the shallowest. Without a dataset, or for another
 * grouping: the report's order, depth 0. 0 or CARE_ENOMEM; care__free both.
 */
int care_html_tables__tree_order(size_t **order, int **depth, const care_report *r,
                                 const care_dataset *ds);

/* ---- html_tables.c ---- */

/* One card per competency of the totals (rate and counts, RAG), and staff fully compliant. */
void care_html_tables__summary(care__buf *b, const care_report *r, const care__html_ctx *ctx);
/* A table of the totals: every count of every competency. */
void care_html_tables__totals_table(care__buf *b, const care_report *r, const care__html_ctx *ctx);
/* Groups × competencies: each cell the rate (RAG) and "compliant of required". */
void care_html_tables__matrix(care__buf *b, const care_report *r, const care__html_ctx *ctx,
                              const size_t *order, const int *depth);
/* Every count of every group and competency, then the totals. */
void care_html_tables__compliance_table(care__buf *b, const care_report *r,
                                        const care__html_ctx *ctx, const size_t *order,
                                        const int *depth);
/* The bars of one competency's rate (NULL: staff fully compliant) by group. */
void care_html_tables__group_bars(care__buf *b, const char *id, const care_report *r,
                                  const care__html_ctx *ctx, const size_t *order, const int *depth,
                                  const char *competency, int max_depth, size_t max_bars);
/* The trend: its line chart and its table of rates. */
void care_html_tables__trend(care__buf *b, const care_report *r, const care__html_ctx *ctx);

/* ---- html_lists.c ---- */

/*
 * Rows of the staff list. worklist: only the overdue and the expiring, the
 * overdue first (longest overdue first), then the expiring (soonest first),
 * at most ctx->worklist_limit. 0 or CARE_ENOMEM.
 */
int care_html_lists__staff(care__buf *b, const care_report *r, const care__html_ctx *ctx,
                           int worklist);
/* The forecast: places and cost per competency, and the totals. */
void care_html_lists__forecast(care__buf *b, const care_report *r, const care__html_ctx *ctx);
/* Training and patient outcomes: the chart and the table. */
void care_html_lists__outcomes(care__buf *b, const care_report *r, const care__html_ctx *ctx);
/* Complaint handling: the figures, by subject and by outcome. */
void care_html_lists__complaints(care__buf *b, const care_report *r, const care__html_ctx *ctx);

#endif
