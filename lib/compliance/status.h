/*
 * The status of requirement pairs (compliance): who must comply with what
 * on a date, and the status of each pair (docs/reports.md).
 */
#ifndef CARE_COMPLIANCE_STATUS_H
#define CARE_COMPLIANCE_STATUS_H

#include "dataset/index.h"

/* One evaluated requirement pair. */
typedef struct care__pair {
	uint32_t competency;
	uint8_t status; /* care_status */
	uint8_t expiring;
	care_date expires_on, grace_end, overdue_since, period_start;
} care__pair;

/* Whether role r has a requirement for competency c in force on d. */
int care_status__requires(const care_dataset *ds, uint32_t role, uint32_t competency, care_date d);
/* Whether role r lists competency c at all (at any time). */
int care_status__lists(const care_dataset *ds, uint32_t role, uint32_t competency);
/* The most runs staff si can have for one competency: the size of care_status__runs' buffer. */
size_t care_status__max_runs(const care_dataset *ds, uint32_t si);

/* Whether staff s is employed on d, and whether assignment a is active on d. */
int care_status__employed(const care__staff *s, care_date d);
int care_status__active(const care__staff *s, const care__assignment *a, care_date d);

/*
 * A run: consecutive days on which a person holds assignments requiring a
 * competency (each clipped to employment). Its start is the requirement
 * period start P of every date in it, and its grace end is P + g.
 */
typedef struct care__run {
	care_date start, end; /* end CARE__NEVER when open */
	care_date grace_end;
} care__run;

/* The runs of (s, c), sorted; `runs` must hold care_status__max_runs(ds, s). */
size_t care_status__runs(const care_dataset *ds, uint32_t s, uint32_t c, care__run *runs);

/* The counting completions of s for competency c, sorted by date. */
const care__held *care_status__held_of(const care_dataset *ds, uint32_t s, uint32_t c, size_t *n);

/* The pair (s, c) on d given its runs and held completions: 1 and *out
 * filled when it exists, else 0. */
int care_status__pair_on(const care_dataset *ds, uint32_t s, uint32_t c, care_date d,
                         const care__run *runs, size_t run_count, const care__held *held,
                         size_t held_count, int due_soon_days, care__pair *out);

/* Both of the above for one date: 1, 0, or -1 when out of memory. */
int care_status__eval_pair(const care_dataset *ds, uint32_t s, uint32_t c, care_date d,
                           int due_soon_days, care__pair *out);

/*
 * Whether staff member `staff` holds, on date `d`, a valid completion of a
 * module awarding competency `competency` (intern index). Needs the sealed index.
 */
int care_status__holds_valid(const care_dataset *ds, uint32_t staff, uint32_t competency,
                             care_date d);

/* A counting completion made on or before made_by that is valid on `at`. */
int care_status__holds_valid_by(const care_dataset *ds, uint32_t staff, uint32_t competency,
                                care_date at, care_date made_by);

#endif
