/*
 * Completions decoded straight from their text (private).
 *
 * Completions are most of a dataset file, and nearly all of them are written the same plain
 * way: an object of known fields, each once, strings without escapes. For such a record the
 * decoder reads the fields off the text without building a tree, and gives the same
 * care_completion the general decoder (json_decode.h) would, with no issue to report. For any
 * other record — an escape, a null, a value of another type, an unknown or repeated field, a
 * missing required field, a date or outcome that does not parse — it declines, and the
 * loader takes the general path, which reports what is wrong as before. So a decline is
 * never an error, only slower.
 */
#ifndef CARE_IO_JSON_DIRECT_H
#define CARE_IO_JSON_DIRECT_H

#include <stddef.h>
#include <stdint.h>

#include "care.h"

/*
 * A decoded completion. What the loader's checks read comes first, in 88 bytes; the
 * decoder's own state after it (the scan's thread decodes into a ring the record pass reads
 * on the other core: the pass then fetches as few cache lines as it can).
 */
typedef struct care__direct {
	care_completion rec;
	uint8_t uuid[16];
	size_t id_len; /* the bytes of rec.id */
	/* What the decoder found of the text, for the checks that follow: every string is
	 * ASCII (so valid UTF-8, and holds no NUL); rec.id is a valid id; rec.id is a UUID as
	 * care_ids__uuid_parse reads one, whose bytes are in uuid. */
	unsigned char ascii, id_valid, is_uuid;
	/* rec.staff, rec.module, rec.source (present) are the same texts as those of the
	 * record decoded before (`prev`), else 0 (none given, or not found the same). */
	unsigned char same_staff, same_module, same_source;
	char *strings; /* rec's strings, NUL-terminated copies (valid until the next decode) */
	/* The date and the outcome as written (for a generated id, seldom needed). */
	const char *date_text, *outcome_text;
	/* The decoder's own, from here on. */
	size_t staff_len, module_len, source_len, outcome_len_text;
	size_t cap;
	/* The outcome read last, as written (outcome_len bytes; 0: none) and its value. */
	char outcome_seen[16];
	size_t outcome_len;
	int outcome_value;
	/* The shape of the record read (shaped when it is the usual one: its seven fields, or
	 * six without a source, in their usual order, the id a UUID, the date read as one, the
	 * score a whole number of at most three digits, all ASCII): its text from its '{'
	 * (raw_len bytes, still readable while the next record is decoded), where each field's
	 * value starts in it and where it ends. The next record is first read as the same
	 * bytes between its values. */
	const char *raw;
	size_t raw_len;
	uint32_t at[7], end[7];
	unsigned char shaped, fields;
} care__direct;

/*
 * Decode the completion written at text (with at most `len` bytes from its start to the end
 * of the text). 1 when d->rec holds it (*used: the bytes of the object), 0 when it needs the
 * general decoder, -1 when out of memory. A record it takes is valid JSON as the scanner
 * (json_scan.h) reads it, so the text need not have been scanned first.
 *
 * `prev`, when not NULL, is another care__direct that holds the record before, taken and
 * all ASCII, whose text is still readable: a string written the same as that record's is then
 * recognised by one comparison and told in d->same_staff, same_module and same_source; a
 * record written with the same bytes as that one between its values is read without looking
 * for its keys.
 */
int care_direct__completion(care__direct *d, const care__direct *prev, const char *text, size_t len,
                            size_t *used);

void care_direct__free(care__direct *d);

/* A person decoded straight from the text, as care_direct__completion does a completion. */
typedef struct care__direct_staff {
	care_staff rec; /* its strings in `strings`, its lists in the arrays below */
	char *strings;  /* a copy of the record's text, each string NUL-terminated in place */
	size_t cap;
	care_assignment *assignments;
	size_t assignments_cap;
	care_exemption *exemptions;
	size_t exemptions_cap;
} care__direct_staff;

/*
 * Decode the person written as the `len` bytes at text, a JSON object the scanner has
 * accepted (json_scan.h). 1 when d->rec holds the care_staff the general decoder would give,
 * which would have had nothing to say about it; 0 when the record is anything but plain
 * (an escape, a null, a value of another type, an unknown or repeated field, a date that
 * does not parse, no assignments or an empty list): the general decoder then reads it; -1
 * when out of memory.
 */
int care_direct__staff(care__direct_staff *d, const char *text, size_t len);

void care_direct__staff_free(care__direct_staff *d);

#endif
