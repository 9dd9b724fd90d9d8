/*
 * Decoding one JSON record (a cJSON tree) into the public record struct,
 * reporting what only JSON can get wrong (private). See check.h.
 */
#ifndef CARE_JSON_DECODE_H
#define CARE_JSON_DECODE_H

#include <cjson/cJSON.h>

#include "check.h"

/* Scratch arrays reused from record to record, so decoding does not allocate per record. */
typedef struct care__scratch {
	care_requirement *requirements;
	size_t requirements_cap;
	care_assignment *assignments;
	size_t assignments_cap;
	care_exemption *exemptions;
	size_t exemptions_cap;
	const char **strings;
	size_t strings_cap;
	const cJSON **unknown;
	size_t unknown_cap;
} care__scratch;

void care__scratch_free(care__scratch *s);

/*
 * Each decoder fills *rec from the object `obj` (pointers borrow from the
 * tree and the scratch) and reports decode issues through c. Returns 0 or
 * CARE_ENOMEM.
 */
int care__decode_unit(care__check *c, care__scratch *s, const cJSON *obj, care_unit *rec);
int care__decode_role(care__check *c, care__scratch *s, const cJSON *obj, care_role *rec);
int care__decode_module(care__check *c, care__scratch *s, const cJSON *obj, care_module *rec);
int care__decode_staff(care__check *c, care__scratch *s, const cJSON *obj, care_staff *rec);
int care__decode_completion(care__check *c, care__scratch *s, const cJSON *obj,
                            care_completion *rec);
int care__decode_interaction(care__check *c, care__scratch *s, const cJSON *obj,
                             care_interaction *rec);
int care__decode_complaint(care__check *c, care__scratch *s, const cJSON *obj, care_complaint *rec);

/* The id an issue about this record carries (SPEC 4), written into buf when generated. */
const char *care__record_issue_id(care_kind kind, const cJSON *obj, char buf[37]);

/* Warn about members of obj not in `known` (NULL-terminated), under `prefix`. */
int care__decode_unknown(care__check *c, care__scratch *s, const cJSON *obj,
                         const char *const *known, const char *prefix);

/* Field decoders, also used for the dataset header. */
const char *care__dec_text(care__check *c, const cJSON *obj, const char *name, const char *path);
care_date care__dec_date(care__check *c, const cJSON *obj, const char *name, const char *path);

#endif
