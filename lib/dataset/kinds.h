/*
 * The record kinds (dataset): one table says, per kind, its list in the
 * dataset file, how many the dataset holds, how it is checked and how it is
 * stored. Every way a record comes in (an API add, the loader, validating a
 * record on its own) goes through care_kinds__accept(), so a record gets the
 * same issues whichever way it arrives.
 */
#ifndef CARE_DATASET_KINDS_H
#define CARE_DATASET_KINDS_H

#include "dataset/check.h"

/* Any record struct. */
typedef union care__record {
	care_unit unit;
	care_role role;
	care_module module;
	care_staff staff;
	care_completion completion;
	care_interaction interaction;
	care_complaint complaint;
} care__record;

typedef struct care__kind_ops {
	const char *list;    /* the dataset file's list: "units", ... */
	size_t count_offset; /* of the record count in struct care_dataset */
	void (*check)(care__check *c, const void *rec);
	int (*insert)(care_dataset *ds, const void *rec, const care__check *c);
} care__kind_ops;

/* The operations of a record kind; NULL for CARE_KIND_DATASET and out of range. */
const care__kind_ops *care_kinds__ops(care_kind kind);

/* How many records of `kind` ds holds (0 for NULL or a kind that is not a record kind). */
size_t care_kinds__count(const care_dataset *ds, care_kind kind);

/*
 * Prepare c for a record of `kind` at position `index` of its list (-1 when
 * none), with the id its issues carry; issues go to `issues`. ds may be NULL
 * (checks that need other records are then skipped).
 */
void care_kinds__begin(care__check *c, care_dataset *ds, care_issues *issues, care_kind kind,
                       const char *id, long index);

/*
 * Check rec and, when c->ds is set and the record has no error, store it.
 * *stored says whether it was stored. 0, or CARE_ENOMEM (also when a check
 * ran out of memory).
 */
int care_kinds__accept(care__check *c, const void *rec, int *stored);

#endif
