/*
 * Record ids (dataset): the id index of each kind, ownership of ids by
 * stored and rejected records, and generated completion ids.
 */
#ifndef CARE_DATASET_IDS_H
#define CARE_DATASET_IDS_H

#include "dataset/dataset.h"

/* Whether s is an id: 1 to 64 bytes of A-Z a-z 0-9 . _ : - */
int care_ids__valid(const char *s);
/* The same of the n bytes at s (which hold no NUL). */
int care_ids__valid_len(const char *s, size_t n);

/* The position of the record of `kind` with this id, or CARE__NO. */
uint32_t care_ids__find(const care_dataset *ds, care_kind kind, const char *id);
/* The id of record `index` of `kind` (a completion's may be generated into buf). */
const char *care_ids__of(const care_dataset *ds, care_kind kind, uint32_t index, char buf[37]);
/* Room in the id index of `kind` for `need` records. 0 or CARE_ENOMEM. */
int care_ids__reserve(care_dataset *ds, care_kind kind, size_t need);
/* Index record `index` of `kind` under id (room reserved). */
void care_ids__put(care_dataset *ds, care_kind kind, uint32_t index, const char *id);

/* The hash the id index keeps of `id`. */
uint32_t care_ids__hash(const char *id);
/* Start fetching the slot of an id whose hash is `hash` (a check of it will follow). */
void care_ids__prefetch(const care_dataset *ds, care_kind kind, uint32_t hash);
/* care_ids__owner and care_ids__put with the id's hash already made. */
int care_ids__owner_hashed(const care_dataset *ds, care_kind kind, const char *id, uint32_t hash,
                           uint32_t *index);
void care_ids__put_hashed(care_dataset *ds, care_kind kind, uint32_t index, uint32_t hash);

/*
 * Whether `id` is the id of one of the records of `kind` last remembered (1), or of the
 * record stored after the latest of them (2: records often refer to the records of a list
 * in its order), *index set; else 0. The cheap test before a lookup, for references that
 * repeat. care_ids__remember notes one found (the caller does, after a 2).
 */
int care_ids__recent(const care_dataset *ds, care_kind kind, const char *id, uint32_t *index);
void care_ids__remember(care_dataset *ds, care_kind kind, uint32_t index);

/*
 * The loader's bulk path for completion ids. Between care_ids__defer and
 * care_ids__settle_unique, a completion's check does not look its id up and its insert only
 * notes the id's hash (care_ids__defer_put; room from care_ids__reserve). settle_unique then
 * looks for two completions, stored or rejected, that share an id, all at once and without
 * the index: it sorts the hashes, and compares the ids of the few rows whose hash another id
 * has. 1 when two do: the loader then loads again without deferring, to report each
 * duplicate where it is (the dataset is to be dropped). 0 when none do: the completions' id
 * index is left released, as care_dataset__release_ids leaves it, to be made on first need.
 * CARE_ENOMEM. Not for a dataset others may be reading.
 */
void care_ids__defer(care_dataset *ds);
int care_ids__defer_put(care_dataset *ds, uint32_t hash);
int care_ids__settle_unique(care_dataset *ds);

/*
 * The completions' id index, released by a seal (care_dataset__release_ids) and made again
 * on first need (docs/threading.md). care_ids__completions_ready makes it again if it was
 * released, safely while other threads read the dataset: 0, or CARE_ENOMEM (it stays
 * released). Every lookup of a completion id calls it, and finds nothing when memory runs
 * out, so callers that can fail call it first. care_ids__completions_released says whether it
 * is released now. care_ids__completions_index makes a new index of the rows into *out
 * (care_idindex__free it), changing nothing of the dataset: 0 or CARE_ENOMEM.
 */
int care_ids__completions_ready(const care_dataset *ds);
int care_ids__completions_released(const care_dataset *ds);
int care_ids__completions_index(const care_dataset *ds, care__id_index *out);
/* Fewer completions than this are hashed on one thread when their index is made again;
 * more, on the machine's cores (tests lower it). */
extern size_t care_ids__rebuild_alone;

/* Remember that a rejected record owned `id` (loader only). */
int care_ids__own_rejected(care_dataset *ds, care_kind kind, const char *id);
/* Whether `id` of `kind` is owned: 1 by a stored record (*index set), 2 by a rejected one, 0 not.
 */
int care_ids__owner(const care_dataset *ds, care_kind kind, const char *id, uint32_t *index);

/*
 * Whether id is a UUID in canonical lower-case form of the RFC variant
 * (8-4-4-4-12 digits 0-9 a-f, the 17th digit 8, 9, a or b); its 16 bytes
 * into out when it is. Such ids of completions are kept as their bytes.
 */
int care_ids__uuid_parse(const char *id, uint8_t out[16]);
/* The same of the n bytes at id. */
int care_ids__uuid_parse_len(const char *id, size_t n, uint8_t out[16]);
/* Whether care_ids__uuid_parse_len may use the processor's SSSE3 instructions where it has
 * them (1, the default; tests set 0 to read the same ids the portable way too). */
extern int care_ids__simd;
/* Whether completion i's id is kept in c->uuid. */
int care_ids__uuid_row(const care__completions *c, size_t i);

/* The id of completion `i`, kept, formatted from its UUID or generated, into buf (>= 37 bytes). */
const char *care_ids__completion(const care_dataset *ds, size_t i, char buf[37]);

#endif
