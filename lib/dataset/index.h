/*
 * The indexes built when a dataset is sealed (dataset): each person's
 * counting completions in order, the cheapest module of each competency and
 * the unit tree laid out for subtree tests.
 */
#ifndef CARE_DATASET_INDEX_H
#define CARE_DATASET_INDEX_H

#include "dataset/dataset.h"

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
	/* The line manager of each assignment as a staff index, CARE__NO when it
	 * names none or nobody in the dataset; has_managers: any is known. */
	uint32_t *manager;
	int has_managers;
	/* 1 for each competency that an accepted role requires or module awards. */
	uint8_t *competency_used;
	/* The most requirement pairs any one person can have on a day. */
	size_t max_pairs;
	size_t bytes; /* memory held by the index */
};

int care_index__build(struct care__index **out, const care_dataset *ds);
/* Accepts NULL. */
void care_index__free(struct care__index *index);

#endif
