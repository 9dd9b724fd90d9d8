/*
 * The compliance and trend report checks shared by test_report_compliance*.c
 * and test_report_trend.c (tests/compliance_checks.c): expected groups and
 * rows written as tables, compared with both the report's structs and its
 * JSON.
 */
#ifndef CARE_TEST_COMPLIANCE_CHECKS_H
#define CARE_TEST_COMPLIANCE_CHECKS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "care.h"

/* In an expectation: a suppressed count, and a null rate. */
#define NUL    CARE_SUPPRESSED
#define NORATE ((double)NAN)

/* One competency's row. */
typedef struct expect_row {
	const char *competency;
	int64_t required, compliant, expiring, not_due, overdue, exempt;
	double rate;
} expect_row;

/* A group, the totals or a trend point. */
typedef struct expect_group {
	const char *key; /* NULL for totals and trend points */
	const char *label;
	size_t row_count;
	expect_row rows[3];
	int64_t staff_required, staff_compliant;
	double staff_rate;
} expect_group;

/* The group in both forms: the struct and its JSON object. */
void check_group(const care_compliance_group *g, const cJSON *jg, const expect_group *e);

/* The options a compliance report's JSON names. */
void check_compliance_header(const cJSON *json, const char *as_of, const char *group_by,
                             int due_soon_days, int min_cell);

/* The groups and totals of a compliance report, in both forms. */
void check_compliance(const care_report *r, const cJSON *json, const expect_group *groups,
                      size_t group_count, const expect_group *totals);

/* The totals of the whole trust of report_fixture.h on AS_OF, ungrouped,
 * with the default options. */
expect_group main_totals(void);

#endif
