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

/*
 * A walk of one pair (s, c) through dates in ascending order, for reports on
 * many dates: its runs and held completions are each read once, however many
 * dates there are. The status on a date depends on the completions made by
 * then only through the latest expiry among them (docs/reports.md: valid
 * when one of them expires after the date, else overdue since the latest).
 */
typedef struct care__walk {
	const care__run *runs;
	size_t run_count, run_at;
	const care__held *held; /* sorted by completed_on */
	size_t held_count, held_at;
	care_date latest_expiry; /* of the completions made so far; CARE_DATE_NONE: none */
} care__walk;

void care_status__walk_start(care__walk *w, const care__run *runs, size_t run_count,
                             const care__held *held, size_t held_count);
/* As care_status__pair_on on d, no earlier than the date of the last call. */
int care_status__walk_to(care__walk *w, const care_dataset *ds, uint32_t s, uint32_t c, care_date d,
                         int due_soon_days, care__pair *out);

/* The days on which assignment a of staff s requires c through requirement q
 * of its role (clipped to employment and to q's interval): 0 when none. */
int care_status__requiring(const care__staff *s, const care__assignment *a,
                           const care__requirement *q, care_date *from, care_date *to);

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
