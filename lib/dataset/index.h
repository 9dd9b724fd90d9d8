/*
 * The indexes built when a dataset is sealed (dataset): each person's
 * counting completions in order, the cheapest module of each competency and
 * the unit tree laid out for subtree tests.
 */
#ifndef CARE_DATASET_INDEX_H
#define CARE_DATASET_INDEX_H

#include "dataset/dataset.h"

#define CARE__NEVER INT32_MAX /* expires_on of a completion that never expires */

/*
 * A counting completion (outcome completed or passed), as the engine needs it: 8 bytes. Its
 * expiry is kept as days after completed_on (a validity of at most 600 months is fewer than
 * 18,300 days).
 */
typedef struct care__held {
	care_date completed_on;
	/* The competency; its low 16 bits when the dataset has more than 65,535 competencies,
	 * and then index->held_competency holds them whole. */
	uint16_t competency;
	uint16_t valid_days; /* CARE__NO16 when the module never expires */
} care__held;

static inline care_date care__held_expires(const care__held *h)
{
	return h->valid_days == CARE__NO16 ? CARE__NEVER : h->completed_on + h->valid_days;
}

/* The most competencies whose numbers care__held keeps whole. */
#define CARE__HELD_COMPETENCIES 0xFFFFu

struct care__index {
	/* Counting completions of staff s: held[held_first[s] .. held_first[s+1]),
	 * sorted by competency, then completed_on. */
	uint32_t *held_first;
	care__held *held;
	uint32_t *held_competency; /* beside held when the competencies do not fit it, else NULL */
	/* The lowest cost_pence among the modules awarding each competency, or CARE_NONE. */
	int64_t *min_cost;
	/* Unit tree, for subtree tests in O(1): u is in the subtree of v when
	 * tin[v] <= tin[u] && tin[u] < tout[v]. */
	uint32_t *unit_tin, *unit_tout;
	/* The line manager of each assignment as a staff index, CARE__NO when it
	 * names none or nobody in the dataset; has_managers: any is known. */
	uint32_t *manager;
	int has_managers;
	/* 1 for each competency that an accepted role requires or module awards. */
	uint8_t *competency_used;
	/* The most requirement pairs any one person can have on a day. */
	size_t max_pairs;
	size_t bytes; /* memory held by the index */
	/* 1 when held_first, held and manager are not the index's own but borrowed from the
	 * dataset's snapshot (care_index__build_given): freeing the index leaves them. */
	int borrowed;
};

/* The parts of an index that are costly to build, as a snapshot holds them. */
typedef struct care__index_given {
	const uint32_t *held_first; /* staff_count + 1 */
	const care__held *held;     /* held_first[staff_count] */
	const uint32_t *manager;    /* assignment_count, a staff index or CARE__NO each */
} care__index_given;

int care_index__build(struct care__index **out, const care_dataset *ds);
/* The same, taking held_first, held and manager from `given` as they are (checked by the
 * caller, borrowed: they must outlive the index) and building the rest. */
int care_index__build_given(struct care__index **out, const care_dataset *ds,
                            const care__index_given *given);
/* Datasets of at least this many completions have their held completions made on two
 * threads, fewer on the calling thread alone (tests lower it). */
extern size_t care_index__split_from;
/* Accepts NULL. */
void care_index__free(struct care__index *index);

#endif
