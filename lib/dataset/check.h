/*
 * The record checks shared by the API adds, the loader and
 * care_record_validate() (private).
 *
 * The loader decodes a JSON record into the public record struct, reporting
 * what only JSON can get wrong (`type`, `bad-date` and `bad-enum` of a
 * string, `unknown-field`); a field it has reported is set to one of the
 * sentinels below so the checks skip it. Everything else is checked here, on
 * the struct, so that a record added through the API and the same record
 * read from a file get the same issues.
 */
#ifndef CARE_DATASET_CHECK_H
#define CARE_DATASET_CHECK_H

#include "core/issues.h"
#include "dataset/dataset.h"

/* A string field already reported (compared by address). */
extern const char care__bad_text[];
#define CARE__BAD_STR      ((const char *)care__bad_text)
#define CARE__DATE_BAD     (INT32_MIN + 1)
#define CARE__INT_BAD      (INT32_MIN + 1)
#define CARE__INT_MISSING  (INT32_MIN + 2) /* a required int/enum/bool that is absent */
#define CARE__INT64_BAD    INT64_MIN
#define CARE__DOUBLE_BAD   (-HUGE_VAL)
#define CARE__SUBJECTS_BAD (1u << 31) /* some subject was reported */
/* What a "\u0000" escape becomes in decoded text (not UTF-8, so never real text). */
#define CARE__NUL_MARK "\xFF\xFF\xFF\xFF\xFF\xFF"

typedef struct care__check {
	care_dataset *ds; /* NULL when checking a record on its own */
	care_issues *issues;
	care_kind kind;
	const char *id; /* the record's id as written, for its issues */
	long index;
	int errors;
	int nomem; /* a check ran out of memory: the caller fails with CARE_ENOMEM */
	/* A unit's parent is resolved by the caller (the loader, which allows
	 * parents later in the list), not by the check. */
	int parent_resolved;
	/* Managers are checked once the whole staff list is in (the loader). */
	int managers_later;
	/* When own_id is not NULL: the id-index hash of that id (the record's own id), made
	 * once for its duplicate check and its insert. */
	const char *own_id;
	uint32_t own_hash;
	/* What the record's decoder already knows (the loader's; all 0 when nothing is
	 * known): own_id is a valid id; every text is ASCII; when uuid is not NULL, whether
	 * own_id is a UUID (is_uuid), whose bytes are then uuid. */
	int own_id_valid, ascii, is_uuid;
	const uint8_t *uuid;
	/* Resolved references, for the insert that follows a clean check. */
	uint32_t staff, module, interaction, parent;
	/* A completion's staff (1) and module (2) already resolved, to stored records, by the
	 * caller (the same texts as the record before named): their checks are skipped; and
	 * its source's number among the texts of sources (4), for the insert (the text of a
	 * stored record's source, checked already: its check is skipped too). */
	unsigned refs_known;
	uint32_t source;
} care__check;

/* Report an issue about field `field` (may be NULL) of the current record. */
void care_check__issue(care__check *c, care_issue_code code, const char *field, const char *fmt,
                       ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/*
 * The checks of each kind, on the public record struct (`rec` points to a
 * care_unit, care_role, ... as the name says). Every check that needs other
 * records is skipped when c->ds is NULL.
 */
void care_check__unit(care__check *c, const void *rec);
void care_check__role(care__check *c, const void *rec);
void care_check__module(care__check *c, const void *rec);
void care_check__staff(care__check *c, const void *rec);
void care_check__completion(care__check *c, const void *rec);
void care_check__interaction(care__check *c, const void *rec);
void care_check__complaint(care__check *c, const void *rec);

/*
 * unknown-manager on `field` when `manager` (a valid id) names no accepted
 * staff record of c->ds and is not the record's own id `self`.
 */
void care_check__manager(care__check *c, const char *field, const char *manager, const char *self);

#endif
