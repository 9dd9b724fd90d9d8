/*
 * The compliance engine (private): the indexes built at seal time and the
 * status of requirement pairs (SPEC 5.1 and 5.2).
 */
#ifndef CARE_STATUS_H
#define CARE_STATUS_H

#include "dataset_internal.h"

#define CARE__NEVER INT32_MAX /* expires_on of a completion that never expires */

/* A counting completion (outcome completed or passed), as the engine needs it. */
typedef struct care__held {
	uint32_t competency;
	care_date completed_on;
	care_date expires_on; /* CARE__NEVER when the module never expires */
} care__held;

struct care__index {
	/* Counting completions of staff s: held[held_first[s] .. held_first[s+1]),
	 * sorted by competency, then completed_on. */
	uint32_t *held_first;
	care__held *held;
	/* The lowest cost_pence among the modules awarding each competency, or CARE_NONE. */
	int64_t *min_cost;
	/* Unit tree, for subtree tests in O(1): u is in the subtree of v when
	 * tin[v] <= tin[u] && tin[u] < tout[v]. */
	uint32_t *unit_tin, *unit_tout;
	/* The most requirement pairs any one person can have on a day. */
	size_t max_pairs;
	size_t bytes; /* memory held by the index */
};

/* One evaluated requirement pair. */
typedef struct care__pair {
	uint32_t competency;
	uint8_t status; /* care_status */
	uint8_t expiring;
	care_date expires_on, grace_end, overdue_since, period_start;
} care__pair;

/* The due_within_days of competency c in role r, or -1 when r does not require c. */
int care__role_due(const care_dataset *ds, uint32_t role, uint32_t competency);

/* Whether staff s is employed on d, and whether assignment a is active on d. */
int care__employed(const care__staff *s, care_date d);
int care__active(const care__staff *s, const care__assignment *a, care_date d);

/*
 * A run: consecutive days on which a person holds assignments requiring a
 * competency (each clipped to employment). Its start is the requirement
 * period start P of every date in it, and its grace end is P + g.
 */
typedef struct care__run {
	care_date start, end; /* end CARE__NEVER when open */
	care_date grace_end;
} care__run;

/* The runs of (s, c), sorted; `runs` must hold the person's assignment count. */
size_t care__runs(const care_dataset *ds, uint32_t s, uint32_t c, care__run *runs);

/* The counting completions of s for competency c, sorted by date. */
const care__held *care__held_of(const care_dataset *ds, uint32_t s, uint32_t c, size_t *n);

/* The pair (s, c) on d given its runs and held completions: 1 and *out
 * filled when it exists, else 0. */
int care__pair_on(const care_dataset *ds, uint32_t s, uint32_t c, care_date d,
                  const care__run *runs, size_t run_count, const care__held *held,
                  size_t held_count, int due_soon_days, care__pair *out);

/* Both of the above for one date: 1, 0, or -1 when out of memory. */
int care__eval_pair(const care_dataset *ds, uint32_t s, uint32_t c, care_date d, int due_soon_days,
                    care__pair *out);

/* A counting completion made on or before made_by that is valid on `at`. */
int care__holds_valid_by(const care_dataset *ds, uint32_t staff, uint32_t competency, care_date at,
                         care_date made_by);

#endif
