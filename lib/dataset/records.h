/*
 * Storing records that have been checked (dataset). Each insert copies the
 * record's text into the dataset's arena, resolves its references (the check
 * has found them: c->staff, c->module, c->interaction, c->parent) and
 * indexes its id. 0 or CARE_ENOMEM; nothing is stored on failure.
 */
#ifndef CARE_DATASET_RECORDS_H
#define CARE_DATASET_RECORDS_H

#include "dataset/check.h"
#include "util/ahead.h"

/* Room for `need` records of `kind` in the record arrays. 0 or CARE_ENOMEM. */
int care_records__reserve(care_dataset *ds, care_kind kind, size_t need);

int care_records__insert_unit(care_dataset *ds, const void *rec, const care__check *c);
int care_records__insert_role(care_dataset *ds, const void *rec, const care__check *c);
int care_records__insert_module(care_dataset *ds, const void *rec, const care__check *c);
int care_records__insert_staff(care_dataset *ds, const void *rec, const care__check *c);
int care_records__insert_completion(care_dataset *ds, const void *rec, const care__check *c);
int care_records__insert_interaction(care_dataset *ds, const void *rec, const care__check *c);
int care_records__insert_complaint(care_dataset *ds, const void *rec, const care__check *c);

/* The completions' columns as they are now (at most CARE__AHEAD_COLUMNS): their count. They
 * move when the completions grow past their room. */
size_t care_records__completion_columns(const care_dataset *ds, care__column_span *out);

/* Remove the completions whose remove[i] is not 0, keeping the others in order; their new
 * count. The id index of completions is left for the caller to build again. */
size_t care_records__remove_completions(care_dataset *ds, const unsigned char *remove);

#endif
