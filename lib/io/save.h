/*
 * The canonical JSON of one record (private), for writers of other forms (the CSV form).
 */
#ifndef CARE_IO_SAVE_H
#define CARE_IO_SAVE_H

#include "dataset/dataset.h"
#include "util/buf.h"

/* Append the canonical JSON object of record i of `kind` (not CARE_KIND_DATASET) to b. */
void care_save__record(care__buf *b, const care_dataset *ds, care_kind kind, size_t i);

#endif
