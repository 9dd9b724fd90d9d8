/*
 * The report object and the table of report kinds (report).
 *
 * Every report keeps its raw counts and a view for callers made from them
 * by the kind's finish operation, which applies min_cell suppression and
 * computes rates. Merging adds raw counts and finishes again, so
 * suppression never sees merged suppressed values.
 *
 * A report kind is one file (compliance.c, trend.c, ...) that fills in one
 * care__report_ops; report.c holds the table and the public functions.
 */
#ifndef CARE_REPORT_REPORT_H
#define CARE_REPORT_REPORT_H

#include "compliance/engine.h"
#include "util/arena.h"
#include "util/buf.h"

#include <string.h>

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
	const struct care__report_ops *ops;
	care_report_options opts; /* strings re-pointed into the arena */
	care__arena arena;

	/*
	 * The organisation: the dataset header's ODS code and name (NULL when
	 * the header has none). A report that holds more than one organisation
	 * (merged across trusts) has `multi_org` set, NULL code and name, and
	 * its trust-local ids (unit, role and manager keys; the staff list's
	 * staff, units, roles and managers) qualified as "ODS:id".
	 */
	const char *ods_code, *org_name;
	int multi_org;

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
	int64_t total_cost_for_target_pence; /* CARE_NONE without a target percentage */
};

/* What a report kind needs of its options. */
enum { CARE__NEEDS_AS_OF = 1, CARE__NEEDS_PERIOD = 2, CARE__USES_POPULATION = 4 };

typedef struct care__report_ops {
	const char *name; /* "compliance", ... */
	int needs;        /* CARE__NEEDS_* */
	/*
	 * Fill the raw figures. `e` carries the dataset and the filters that
	 * report.c resolved from the options; the kinds that walk the
	 * population run it. 0 or CARE_ENOMEM.
	 */
	int (*compute)(care_report *r, care__engine *e);
	/* (Re)make the view from the raw figures. 0 or CARE_ENOMEM. */
	int (*finish)(care_report *r);
	/* Add the raw figures of `from` (same kind and options) to `into`. */
	int (*merge)(care_report *into, const care_report *from);
	void (*to_json)(care__buf *b, const care_report *r);
	void (*to_csv)(care__buf *b, const care_report *r); /* NULL: no CSV form */
} care__report_ops;

/* The ops of a kind (kind in range). */
const care__report_ops *care_report__ops(care_report_kind kind);

extern const care__report_ops care_compliance__ops, care_trend__ops, care_staff__ops,
    care_outcomes__ops, care_complaints__ops, care_forecast__ops;

/* A copy of s in the report's arena (NULL for NULL; NULL also when out of memory). */
static inline const char *care_report__copy(care_report *r, const char *s)
{
	int failed = 0;

	return care_arena__copy(&r->arena, s, &failed);
}

/* Whether merging `from` into `into` makes a report of more than one organisation. */
static inline int care_report__crosses(const care_report *into, const care_report *from)
{
	const char *a = into->ods_code, *b = from->ods_code;

	return into->multi_org || from->multi_org ||
	       !((a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0));
}

/*
 * `id` qualified by the organisation `ods` ("ODS:id"; ":id" for an unknown
 * organisation), copied into r's arena; NULL when out of memory.
 */
const char *care_qualify__id(care_report *r, const char *ods, const char *id); /* qualify.c */

#endif
