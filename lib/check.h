/*
 * Record checks of SPEC 4 shared by the API adds, the loader and
 * care_record_validate() (private).
 *
 * The loader decodes a JSON record into the public record struct, reporting
 * what only JSON can get wrong (`type`, `bad-date` and `bad-enum` of a
 * string, `unknown-field`); a field it has reported is set to one of the
 * sentinels below so the checks skip it. Everything else is checked here, on
 * the struct, so that a record added through the API and the same record
 * read from a file get the same issues.
 */
#ifndef CARE_CHECK_H
#define CARE_CHECK_H

#include "dataset_internal.h"
#include "issues_internal.h"

/* A string field already reported (compared by address). */
extern const char care__bad_text[];
#define CARE__BAD_STR      ((const char *)care__bad_text)
#define CARE__DATE_BAD     (INT32_MIN + 1)
#define CARE__INT_BAD      (INT32_MIN + 1)
#define CARE__INT_MISSING  (INT32_MIN + 2) /* a required int/enum/bool that is absent */
#define CARE__INT64_BAD    INT64_MIN
#define CARE__DOUBLE_BAD   (-HUGE_VAL)
#define CARE__SUBJECTS_BAD (1u << 31) /* some subject was reported */

typedef struct care__check {
	care_dataset *ds; /* NULL when checking a record on its own */
	care_issues *issues;
	care_kind kind;
	const char *id; /* the record's id as written, for its issues */
	long index;
	int errors;
	int nomem; /* a check ran out of memory: the caller fails with CARE_ENOMEM */
	/* Resolved references, for the insert that follows a clean check. */
	uint32_t staff, module, interaction;
} care__check;

/* Report an issue about field `field` (may be NULL) of the current record. */
void care__report(care__check *c, care_issue_code code, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

int care__id_valid(const char *s);
int care__text_valid(const char *s, size_t len, size_t max);

/* check_parent: 0 when the loader resolves unit parents itself. */
void care__check_unit(care__check *c, const care_unit *rec, int check_parent);
void care__check_role(care__check *c, const care_role *rec);
void care__check_module(care__check *c, const care_module *rec);
void care__check_staff(care__check *c, const care_staff *rec);
void care__check_completion(care__check *c, const care_completion *rec);
void care__check_interaction(care__check *c, const care_interaction *rec);
void care__check_complaint(care__check *c, const care_complaint *rec);

/* Store a checked record (no checks). parent: resolved unit index. */
int care__insert_unit(care_dataset *ds, const care_unit *rec, uint32_t parent);
int care__insert_role(care_dataset *ds, const care_role *rec);
int care__insert_module(care_dataset *ds, const care_module *rec);
int care__insert_staff(care_dataset *ds, const care_staff *rec);
int care__insert_completion(care_dataset *ds, const care_completion *rec, const care__check *c);
int care__insert_interaction(care_dataset *ds, const care_interaction *rec, const care__check *c);
int care__insert_complaint(care_dataset *ds, const care_complaint *rec, const care__check *c);

/* Remember that a rejected record owned `id` (loader only). */
int care__own_rejected_id(care_dataset *ds, care_kind kind, const char *id);
/* Whether `id` of `kind` is owned: 1 by a stored record, 2 by a rejected one, 0 not. */
int care__id_owner(const care_dataset *ds, care_kind kind, const char *id, uint32_t *index);

/* The name of an enumeration value for messages. */
const char *care__kind_name(care_kind kind);

#endif
