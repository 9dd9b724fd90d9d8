/*
 * Decoding one JSON record (a cJSON tree) into the public record struct,
 * reporting what only JSON can get wrong (private). See check.h.
 */
#ifndef CARE_IO_JSON_DECODE_H
#define CARE_IO_JSON_DECODE_H

#include <cjson/cJSON.h>

#include "dataset/kinds.h"

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

void care_decode__scratch_free(care__scratch *s);

/*
 * Decode the object `obj` into the record struct of c->kind (pointers borrow
 * from the tree and the scratch), reporting decode issues through c.
 * Returns 0 or CARE_ENOMEM.
 */
int care_decode__record(care__check *c, care__scratch *s, const cJSON *obj, care__record *rec);

/*
 * Parse one record (already checked by the scanner) with cJSON; a "\u0000"
 * escape makes its string invalid UTF-8 rather than cutting it short. NULL
 * when out of memory.
 */
cJSON *care_decode__parse(const char *text, size_t len);

/* The id an issue about this record carries (docs/validation.md), written into buf when generated.
 */
const char *care_decode__issue_id(care_kind kind, const cJSON *obj, char buf[37]);

/* Warn about members of obj not in `known` (NULL-terminated), under `prefix`. */
int care_decode__unknown(care__check *c, care__scratch *s, const cJSON *obj,
                         const char *const *known, const char *prefix);

/* Field decoders, also used for the dataset header. */
const char *care_decode__text(care__check *c, const cJSON *obj, const char *name, const char *path);
care_date care_decode__date(care__check *c, const cJSON *obj, const char *name, const char *path);

#endif
