/*
 * The report object and the hooks each report file provides (private).
 *
 * Every report keeps its raw counts (`raw`) and a view for callers (`view`)
 * made from them by the report's finish function, which applies min_cell
 * suppression and computes rates. Merging adds raw counts and finishes
 * again, so suppression never sees merged suppressed values.
 */
#ifndef CARE_REPORT_INTERNAL_H
#define CARE_REPORT_INTERNAL_H

#include "dataset_internal.h"

/* A compliance group, point or totals: raw counts. */
typedef struct care__group {
	const char *key, *label; /* in the report's arena (NULL key for totals/points) */
	care_date as_of;
	care_compliance_row *rows; /* raw counts; competency strings in the arena */
	size_t row_count;
	int64_t staff_required, staff_compliant;
} care__group;

struct care_report {
	care_report_kind kind;
	care_report_options opts; /* strings re-pointed into the arena */
	care__arena arena;

	/* compliance (groups + totals) and trend (groups = points) */
	care__group *groups;
	size_t group_count;
	care__group totals;
	care_compliance_group *group_view;
	care_compliance_row *row_view; /* all rows of the view, groups point into it */
	care_compliance_group totals_view;

	/* staff list */
	care_staff_row *staff_rows;
	size_t staff_row_count;
	const char **staff_strings; /* units and roles of every row */

	/* outcomes */
	care_outcomes outcomes_raw, outcomes_view;

	/* complaints: the raw figures, plus every closed complaint's working
	 * days to close so that medians survive a merge */
	care_complaints complaints_raw, complaints_view;
	int32_t *close_days;
	size_t close_day_count;

	/* forecast */
	care_forecast_row *forecast_rows;
	size_t forecast_row_count;
	int64_t total_cost_pence;
};

/* Small-number suppression of one count (SPEC 5.3): CARE_SUPPRESSED when 0 < c < K. */
static inline int64_t care__suppress(int64_t count, int min_cell)
{
	return (min_cell > 0 && count > 0 && count < min_cell) ? CARE_SUPPRESSED : count;
}

/* A rate num/den, NAN when den is 0 or either is suppressed. */
double care__rate(int64_t num, int64_t den);

/* Append a number as SPEC 6 wants it: integers as integers, rates with 17
 * significant digits or the shortest exact form, null for NAN / suppressed. */
void care__json_rate(care__buf *b, double rate);
void care__json_count(care__buf *b, int64_t count);
void care__json_date(care__buf *b, care_date d);

/* Recompute the view after the raw figures changed (report.c). */
int care__report_refinish(care_report *r);

/* Hooks of report_outcomes.c and report_complaints.c. */
int care__outcomes_compute(care_report *r, const care_dataset *ds);
void care__outcomes_finish(care_report *r);
int care__outcomes_merge(care_report *into, const care_report *from);
void care__outcomes_json(care__buf *b, const care_report *r);

int care__complaints_compute(care_report *r, const care_dataset *ds);
void care__complaints_finish(care_report *r);
int care__complaints_merge(care_report *into, const care_report *from);
void care__complaints_json(care__buf *b, const care_report *r);

/*
 * Whether staff member `staff` holds, on date `d`, a valid completion of a
 * module awarding competency `competency` (intern index): SPEC 5.1's
 * "valid on D". Needs the sealed index. (status.c)
 */
int care__holds_valid(const care_dataset *ds, uint32_t staff, uint32_t competency, care_date d);

#endif
