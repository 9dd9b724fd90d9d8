/*
 * libcare — the reports (docs/reports.md): compliance, trend, staff list,
 * training and patient outcomes, complaint handling, forecast and cost; and
 * one person's status, the question a host system asks most.
 *
 * Every report is a pure function of a sealed dataset and its options. A
 * report is an opaque object owned by the caller (care_report_free); its
 * rows are plain structs borrowed from it. Reports are computed from a
 * dataset that is not modified meanwhile; many threads may compute reports
 * on one sealed dataset at once.
 */
#ifndef CARE_METRICS_H
#define CARE_METRICS_H

#include "common.h"
#include "dataset.h"

CARE_BEGIN_DECLS

/** The status of a requirement pair (docs/reports.md#status). */
#define CARE_STATUS_MAP(XX)                                                                        \
	XX(EXEMPT, "exempt")                                                                       \
	XX(COMPLIANT, "compliant")                                                                 \
	XX(NOT_DUE, "not-due")                                                                     \
	XX(OVERDUE, "overdue")                                                                     \
	XX(NOT_REQUIRED, "not-required") /* no requirement pair on that date */                    \
	XX(EXPIRING, "expiring") /* only as the staff list's filter: compliant and expiring */

#define CARE__ENUMERATOR_STATUS(name, text) CARE_STATUS_##name,

/** CARE_STATUS_EXEMPT = 0, CARE_STATUS_COMPLIANT, CARE_STATUS_NOT_DUE, CARE_STATUS_OVERDUE,
 * CARE_STATUS_NOT_REQUIRED */
typedef enum care_status { CARE_STATUS_MAP(CARE__ENUMERATOR_STATUS) CARE_STATUS_COUNT } care_status;

/** "exempt", "compliant", "not-due", "overdue", "not-required"; NULL if out of range. */
CARE_API const char *care_status_name(care_status status);
/** The status of a spelling, or -1. */
CARE_API int care_status_parse(const char *name);

/** One person's status for one competency on one date, with its dates. */
typedef struct care_status_info {
	care_status status;
	int expiring;            /**< compliant and expiring within due_soon_days */
	care_date expires_on;    /**< compliant with an expiry, else CARE_DATE_NONE */
	care_date grace_end;     /**< the pair's grace end (CARE_DATE_NONE if not required) */
	care_date overdue_since; /**< overdue pairs, else CARE_DATE_NONE */
	care_date period_start;  /**< the requirement period start P */
} care_status_info;

/**
 * docs/reports.md#status for staff `staff_id` and competency `competency` as of `as_of`.
 * Fast (hash lookups and a walk over that person's records): made to be
 * called thousands of times a second from many threads.
 *
 * @param out           receives the status
 * @param ds            a sealed dataset
 * @param due_soon_days window for `expiring` (default 30)
 * @return 0; CARE_ENOTFOUND for an unknown staff id; CARE_EINVAL when the
 *         dataset is not sealed or an argument is bad. An unknown
 *         competency is simply not required (status CARE_STATUS_NOT_REQUIRED).
 */
CARE_API int care_status_get(care_status_info *out, const care_dataset *ds, const char *staff_id,
                             const char *competency, care_date as_of, int due_soon_days);

/** Grouping of the compliance report (docs/reports.md#the-compliance-report). */
#define CARE_GROUP_BY_MAP(XX)                                                                      \
	XX(NONE, NULL)                                                                             \
	XX(UNIT, "unit")                                                                           \
	XX(ROLE, "role")                                                                           \
	XX(STAFF_GROUP, "staff-group")                                                             \
	XX(COMPETENCY, "competency")                                                               \
	XX(MANAGER, "manager")                                                                     \
	XX(ORGANISATION, "organisation") /* each trust's totals, keyed by its ODS code */

#define CARE__ENUMERATOR_GROUP(name, text) CARE_GROUP_##name,

/** CARE_GROUP_NONE = 0, CARE_GROUP_UNIT, CARE_GROUP_ROLE, CARE_GROUP_STAFF_GROUP,
 * CARE_GROUP_COMPETENCY, CARE_GROUP_MANAGER (the direct line manager), CARE_GROUP_ORGANISATION
 * (docs/national.md) */
typedef enum care_group_by {
	CARE_GROUP_BY_MAP(CARE__ENUMERATOR_GROUP) CARE_GROUP_BY_COUNT
} care_group_by;

/** "unit", "role", "staff-group", "competency", "manager", "organisation" (NULL for none). */
CARE_API const char *care_group_by_name(care_group_by by);

/** The kinds of report. */
#define CARE_REPORT_KIND_MAP(XX)                                                                   \
	XX(COMPLIANCE, "compliance")                                                               \
	XX(TREND, "trend")                                                                         \
	XX(STAFF, "staff")                                                                         \
	XX(OUTCOMES, "outcomes")                                                                   \
	XX(COMPLAINTS, "complaints")                                                               \
	XX(FORECAST, "forecast")

#define CARE__ENUMERATOR_REPORT(name, text) CARE_REPORT_##name,

/** CARE_REPORT_COMPLIANCE = 0, CARE_REPORT_TREND, CARE_REPORT_STAFF, CARE_REPORT_OUTCOMES,
 * CARE_REPORT_COMPLAINTS, CARE_REPORT_FORECAST */
typedef enum care_report_kind {
	CARE_REPORT_KIND_MAP(CARE__ENUMERATOR_REPORT) CARE_REPORT_KIND_COUNT
} care_report_kind;

/**
 * Options for every report; each report reads the fields it needs (named in
 * brackets). Initialise with CARE_REPORT_OPTIONS_INIT or
 * care_report_options_init(); fields are only ever appended.
 */
typedef struct care_report_options {
	unsigned int version;   /**< CARE_REPORT_OPTIONS_VERSION */
	care_date as_of;        /**< D [compliance, staff, forecast] */
	care_date from, to;     /**< the period [trend, outcomes, complaints] */
	care_group_by group_by; /**< [compliance] */
	const char *unit;       /**< filter: this unit's subtree, or NULL */
	const char *role;       /**< filter: this role, or NULL */
	int staff_group;        /**< filter: a care_staff_group, or CARE_NONE */
	int patient_facing;     /**< filter: 1 = patient-facing roles only */
	int due_soon_days;      /**< default 30 [compliance, trend, staff] */
	int min_cell;           /**< small-number suppression K, default 0 */
	const char *competency; /**< [outcomes: required; compliance, trend, staff, forecast:
	                           filter, or NULL] */
	int status;         /**< [staff] a care_status to keep (CARE_STATUS_EXPIRING: compliant and
	                       expiring), or CARE_NONE for all */
	care_date target;   /**< T [forecast] */
	int target_percent; /**< P 0-100 [forecast], or CARE_NONE */
	int threads;        /**< 0 = as many as pay (up to the cores); 1 = this thread */
	/**
	 * Called now and then with the fraction done (0 to 1), from the calling
	 * thread, for a progress bar; NULL for none.
	 */
	void (*progress)(void *data, double done);
	void *progress_data; /**< passed to progress */
	/* Version 2: */
	/**
	 * Filter: assignments whose line manager is this staff id, or NULL
	 * [compliance, trend, staff, forecast].
	 */
	const char *manager;
	/** With manager: the whole line below the manager, not only direct reports. */
	int all_reports;
} care_report_options;

#define CARE_REPORT_OPTIONS_VERSION 2
#define CARE_REPORT_OPTIONS_INIT                                                                   \
	{                                                                                          \
		CARE_REPORT_OPTIONS_VERSION, CARE_DATE_NONE, CARE_DATE_NONE, CARE_DATE_NONE,       \
		    CARE_GROUP_NONE, NULL, NULL, CARE_NONE, 0, 30, 0, NULL, CARE_NONE,             \
		    CARE_DATE_NONE, CARE_NONE, 0, NULL, NULL, NULL, 0                              \
	}

/** Initialise options to the defaults. @return 0 or CARE_EINVAL. */
CARE_API int care_report_options_init(care_report_options *opts, unsigned int version);

/** An opaque report. */
typedef struct care_report care_report;

/**
 * Compute a report.
 * @param out   receives the report; release it with care_report_free()
 * @param kind  which report
 * @param ds    a sealed dataset
 * @param opts  its options (see care_report_options for what each reads)
 * @return 0; CARE_EINVAL for missing or inconsistent options (a date out of
 *         range, from after to, a target not after as_of, a percentage out
 *         of 0-100, an unsealed dataset); CARE_ENOTFOUND for a unit or role
 *         filter the dataset does not have; CARE_ENOMEM. The detail is in
 *         care_error_last().
 */
CARE_API int care_report_new(care_report **out, care_report_kind kind, const care_dataset *ds,
                             const care_report_options *opts);

/** Release a report. Accepts NULL. */
CARE_API void care_report_free(care_report *report);

/** The report's kind. */
CARE_API care_report_kind care_report_get_kind(const care_report *report);

/**
 * Add the counts of `from` into `into`: for two datasets over disjoint staff
 * the result is the report of their union (docs/reports.md#merging-reports). Both must be the same
 * kind with the same options (dates, grouping, filters by id, min_cell).
 * Suppression is applied to the merged counts, never merged suppressed ones.
 * @return 0, CARE_EINVAL when they cannot be merged (nothing changes),
 *         CARE_ENOMEM (then `into` may be partly merged: still valid to read
 *         and free, but no longer the report of anything).
 */
CARE_API int care_report_merge(care_report *into, const care_report *from);

/**
 * The report in its compact serialised form (docs/national.md#reports-that-travel):
 * a versioned binary text of its kind, options, organisation and raw
 * (unsuppressed) counts, to send to another process or keep, and read back
 * with care_report_deserialize(). Not NUL-terminated; release with care_free().
 * @param data  receives the bytes
 * @param size  receives their number
 * @return 0, CARE_EINVAL for a NULL argument, CARE_ENOMEM.
 */
CARE_API int care_report_serialize(char **data, size_t *size, const care_report *report);

/**
 * Read a report back from care_report_serialize()'s form. The report merges
 * and writes out exactly as the original. Every input is checked: a wrong
 * magic or format version, an unknown kind, a checksum that does not match,
 * a truncated or overlong text, or figures that no report can hold are
 * refused with the reason in care_error_last(); nothing is read out of
 * bounds.
 * @param out   receives the report; release it with care_report_free()
 * @param data  the bytes
 * @param len   their number
 * @return 0, CARE_EFORMAT for an input that is not a serialised report of a
 *         supported version, CARE_EINVAL for a NULL argument, CARE_ENOMEM.
 */
CARE_API int care_report_deserialize(care_report **out, const char *data, size_t len);

/**
 * The ODS code of the organisation the report is of (the dataset header's), or
 * NULL when the dataset had none or the report holds more than one
 * organisation (docs/national.md).
 */
CARE_API const char *care_report_ods_code(const care_report *report);

/** The report as its JSON (docs/reports.md#output), NUL-terminated; release with care_free(). */
CARE_API int care_report_to_json(char **out, const care_report *report);

/**
 * The report as CSV (RFC 4180, header row first), for compliance, trend,
 * staff and forecast; release with care_free().
 * @return 0, CARE_EINVAL for the other kinds, CARE_ENOMEM.
 */
CARE_API int care_report_to_csv(char **out, const care_report *report);

/*
 * The report as data. A count is an int64_t; a count suppressed by
 * min_cell is CARE_SUPPRESSED, and a rate that is null (no denominator, or
 * computed from a suppressed count) is NAN.
 */
#define CARE_SUPPRESSED (-1)

/** A competency's counts in a group (docs/reports.md#json). */
typedef struct care_compliance_row {
	const char *competency;
	int64_t required, compliant, expiring, not_due, overdue, exempt;
	double rate;
} care_compliance_row;

/**
 * A group of the compliance report, a point of the trend, or the totals.
 * Strings are borrowed from the report.
 */
typedef struct care_compliance_group {
	const char
	    *key; /**< unit id, role id, staff group, competency; NULL for totals and points */
	const char *label; /**< unit name, role title, staff group, competency id */
	care_date as_of;   /**< the point's date (trend), or the report's as_of */
	const care_compliance_row *rows;
	size_t row_count;
	int64_t staff_required, staff_compliant;
	double staff_rate;
} care_compliance_group;

/** Groups (compliance) or points (trend): how many. */
CARE_API size_t care_report_group_count(const care_report *report);
/** Group or point `index`, or NULL. */
CARE_API const care_compliance_group *care_report_group(const care_report *report, size_t index);
/** The totals of a compliance report, or NULL for other kinds. */
CARE_API const care_compliance_group *care_report_totals(const care_report *report);

/** A row of the staff list (docs/reports.md#staff-list). */
typedef struct care_staff_row {
	const char *staff;
	const char *competency;
	care_status status;
	int expiring;
	care_date expires_on, grace_end, overdue_since; /**< CARE_DATE_NONE when null */
	const char *const *units;
	size_t unit_count;
	const char *const *roles;
	size_t role_count;
	const char *name;            /**< the person's name, or NULL */
	const char *const *managers; /**< known line managers' staff ids, sorted */
	size_t manager_count;
} care_staff_row;

/** Rows of the staff list, or of the forecast: how many. */
CARE_API size_t care_report_row_count(const care_report *report);
/** Staff list row `index`, or NULL. */
CARE_API const care_staff_row *care_report_staff_row(const care_report *report, size_t index);

/** Trained or untrained interactions (docs/reports.md#training-and-patient-outcomes). */
typedef struct care_outcome_group {
	int64_t interactions, complaints;
	double per_1000;
} care_outcome_group;

typedef struct care_outcomes {
	const char *competency;
	care_date from, to;
	care_outcome_group trained, untrained;
	double rate_ratio, rate_ratio_low, rate_ratio_high;
	int64_t unlinked_complaints;
	int64_t channels[CARE_CHANNEL_COUNT]; /**< by care_channel */
} care_outcomes;

/** The outcomes report's figures, or NULL for other kinds. */
CARE_API const care_outcomes *care_report_outcomes(const care_report *report);

typedef struct care_complaints {
	care_date from, to;
	int64_t received, acknowledged_in_3_days;
	double acknowledged_rate;
	int64_t closed;
	double median_working_days_to_close;
	int64_t over_six_months;
	int64_t by_subject[CARE_SUBJECT_COUNT]; /**< by care_subject */
	int64_t by_outcome[CARE_COMPLAINT_OUTCOME_COUNT +
	                   1]; /**< by care_complaint_outcome, then [CARE_COMPLAINT_OUTCOME_COUNT] =
	                          open */
} care_complaints;

/** The complaints report's figures, or NULL for other kinds. */
CARE_API const care_complaints *care_report_complaints(const care_report *report);

/** A competency of the forecast (docs/reports.md#forecast-and-cost). */
typedef struct care_forecast_row {
	const char *competency;
	int64_t required, projected_compliant;
	double projected_rate;
	int64_t places;
	int64_t places_for_target; /**< CARE_NONE when no target_percent was given */
	int64_t unit_cost_pence;   /**< CARE_NONE when no module has a cost */
	int64_t cost_pence; /**< CARE_NONE when unit_cost_pence is, or when too large for 64 bits */
	int64_t
	    cost_for_target_pence; /**< places_for_target x unit cost; CARE_NONE when either is */
} care_forecast_row;

/** Forecast row `index`, or NULL. */
CARE_API const care_forecast_row *care_report_forecast_row(const care_report *report, size_t index);
/**
 * The forecast's total cost in pence (sum of the non-null costs), or -1 for
 * other kinds and when a cost or the sum is too large for 64 bits.
 */
CARE_API int64_t care_report_total_cost_pence(const care_report *report);
/**
 * The forecast's total cost of reaching the target percentage in pence (sum
 * of the non-null cost_for_target_pence), or -1 when the report has no
 * target percentage or is not a forecast.
 */
CARE_API int64_t care_report_total_cost_for_target_pence(const care_report *report);

CARE_END_DECLS

#endif
