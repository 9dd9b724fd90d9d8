/*
 * The population engine (private): walks every person once, finds the
 * requirement pairs of the report's population on each date, and tallies
 * them for the compliance, trend, staff and forecast reports. Work is split
 * over threads by ranges of staff, each with its own tally, summed at the end.
 */
#ifndef CARE_COMPLIANCE_ENGINE_H
#define CARE_COMPLIANCE_ENGINE_H

#include "compliance/status.h"

/* Counts of one (date, group, competency) cell. */
enum {
	CELL_REQUIRED,
	CELL_COMPLIANT,
	CELL_EXPIRING,
	CELL_NOT_DUE,
	CELL_OVERDUE,
	CELL_EXEMPT,
	CELL_PRESENT,
	CELL_FIELDS
};

typedef struct care__cell {
	int64_t n[CELL_FIELDS];
} care__cell;

/* One row of the staff list before it is turned into strings. */
typedef struct care__staff_item {
	uint32_t staff;
	care__pair pair;
	/* into the tally's refs: units, then roles, then managers (staff indexes) */
	uint32_t first_ref, unit_count, role_count, manager_count;
} care__staff_item;

typedef struct care__tally {
	care__cell *cells;                         /* [dates][groups][competencies], when grouped */
	care__cell *totals;                        /* [dates][competencies] */
	int64_t *staff_required, *staff_compliant; /* [dates][groups] */
	int64_t *tstaff_required, *tstaff_compliant; /* [dates] */
	int64_t *projected;                          /* [competencies], forecast */
	care__staff_item *items;
	size_t item_count, item_cap;
	uint32_t *refs;
	size_t ref_count, ref_cap;
	int failed;
} care__tally;

typedef struct care__engine {
	const care_dataset *ds;
	care_report_kind kind;
	const care_report_options *opts;
	uint32_t unit_filter, role_filter, competency_filter; /* CARE__NO: none */
	uint32_t manager_filter;                              /* a staff index, or CARE__NO */
	/* With all_reports: per date, a bit per staff member in the manager's
	 * line (the manager and everyone below); made by care_engine__run. */
	uint64_t *line;
	size_t line_words;      /* per date */
	const care_date *dates; /* in ascending order */
	size_t date_count;
	care_date single_date; /* the one date of reports that have one */
	size_t group_count;    /* 0 when not grouped */
	size_t competency_count;
	care__tally total;
} care__engine;

/* Run the engine; e->total holds the sums. 0 or CARE_ENOMEM. */
int care_engine__run(care__engine *e);
void care_engine__free(care__engine *e);

#endif
