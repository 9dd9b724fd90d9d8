/*
 * The record path of a load, shared by the dataset file (JSON) and the CSV form (private).
 *
 * A loader reads records from a source that gives, for record `index` of a kind, its JSON tree
 * (the CSV form builds one from the record's rows). Each tree is decoded into the public
 * record struct and goes through care_kinds__accept(); units are decided together (parents
 * may come later in the list and may form cycles); managers are checked once the whole staff
 * list is in. A source may also say where each issue sits (the CSV form's file, line and
 * column).
 */
#ifndef CARE_IO_LOAD_RECORDS_H
#define CARE_IO_LOAD_RECORDS_H

#include <pthread.h>

#include "io/json_decode.h"
#include "io/json_direct.h"

typedef struct care__loader care__loader;

struct care__loader {
	care_dataset *ds;
	care_issues *issues;
	care__scratch scratch;
	int errors;
	/* A new tree for record `index` of `kind`, or NULL when out of memory. */
	cJSON *(*tree)(care__loader *ld, care_kind kind, size_t index);
	/*
	 * May be NULL (then cJSON_Delete). Done with a tree from `tree` (units' trees are
	 * always released with cJSON_Delete: they are all held at once).
	 */
	void (*release)(care__loader *ld, cJSON *tree);
	/* Keep record `index` of `kind` (tree `tree`, NULL for a completion decoded without a
	 * tree) as rejected: 0 or CARE_ENOMEM. */
	int (*reject)(care__loader *ld, care_kind kind, size_t index, const cJSON *tree);
	/*
	 * May be NULL. The issues of `list` from `first` on are about record `index` of `kind`:
	 * give them their place in the source.
	 */
	void (*place)(care__loader *ld, care_kind kind, size_t index, care_issues *list,
	              size_t first);
	void *source; /* the source's own state */
	/* When id_hint_set: record id_hint_index's id (the first member, a plain string) has
	 * the id-index hash id_hint (made by the source while prefetching). */
	int id_hint_set;
	size_t id_hint_index;
	uint32_t id_hint;
	/* What completion refs_index (plus one; 0: none) read through care_load__completion
	 * named: its staff and module records (CARE__NO: not found). */
	size_t refs_index;
	uint32_t refs_staff, refs_module, refs_source; /* refs_source: CARE__NO when not stored */
	/* Staff records that name a manager: list position and stored index
	 * (CARE__NO when rejected), checked once the whole list is in. */
	struct care__managed {
		uint32_t index, stored;
	} * managed;
	size_t managed_count, managed_cap;
	/* Completion ids are checked one by one (else all at once after the list, and
	 * `clash` says when two were the same: the caller loads again, precisely). */
	int precise, clash;
	/* While settling: care_ids__settle_unique runs on settle_thread, beside the rest of the
	 * load, and leaves its result in settle_rc. */
	int settling, settle_rc;
	pthread_t settle_thread;
};

/* Release what the record path holds (not ds or issues). */
void care_load__done(care__loader *ld);

/* The `n` units of the source, decided together. 0 or CARE_ENOMEM. */
int care_load__units(care__loader *ld, size_t n);

/*
 * Record `index` of `kind` (not a unit): decode, check, store or keep as rejected. When
 * `managers_later`, a staff record's managers wait for care_load__managers().
 * 0 or CARE_ENOMEM.
 */
int care_load__record(care__loader *ld, care_kind kind, size_t index);

/*
 * Completion `index`, decoded by care_direct__completion(): check, store or keep as
 * rejected, as care_load__record() would. 0 or CARE_ENOMEM.
 */
int care_load__completion(care__loader *ld, size_t index, const care__direct *d);

/*
 * Record `index` of `kind`, already parsed into `tree` and decoded into *rec without an
 * issue (on the scan's thread), with its id as written (NULL: none) and that id's id-index
 * hash: check, store or keep as rejected, as care_load__record() would. 0 or CARE_ENOMEM.
 */
int care_load__parsed(care__loader *ld, care_kind kind, size_t index, const cJSON *tree,
                      const care__record *rec, const char *id, uint32_t hash);

/* unknown-manager for the staff records noted by care_load__record(). 0 or CARE_ENOMEM. */
int care_load__managers(care__loader *ld);

/*
 * The dataset's header from its parts (each may be NULL: absent): the organisation object,
 * the extracted_on value and the extra_non_working_days list. 0 or CARE_ENOMEM.
 */
int care_load__header(care__loader *ld, const cJSON *organisation, const cJSON *extracted_on,
                      const cJSON *days);

#endif
