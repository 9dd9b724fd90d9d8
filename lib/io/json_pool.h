/*
 * cJSON trees without cJSON's allocations (private).
 *
 * The loader decodes millions of small records. Parsing each with cJSON allocates a node and
 * a string per value and frees them all again; that was a third of a load. A pool parses a
 * record the scanner has already checked into cJSON nodes and strings it owns and reuses, so
 * the decoders read exactly the tree cJSON would have built (the same types, strings, numbers
 * by strtod, first of repeated keys found first, "\u0000" as six 0xFF bytes as in
 * care_decode__parse) while a record costs no allocation once the pool has grown.
 *
 * A tree lives until the next parse with the same pool; it is never given to cJSON_Delete.
 */
#ifndef CARE_IO_JSON_POOL_H
#define CARE_IO_JSON_POOL_H

#include <stddef.h>

#include <cjson/cJSON.h>

typedef struct care__jpool {
	cJSON **blocks; /* blocks of nodes, never moved */
	size_t block_count, block_cap;
	size_t used; /* nodes of the current tree */
	char *text;  /* the current tree's strings and keys */
	size_t text_cap, text_used;
} care__jpool;

/*
 * Parse `len` bytes, one JSON value the scanner has accepted, into a tree owned by the pool
 * (valid until the next parse). NULL when out of memory.
 */
cJSON *care_jpool__parse(care__jpool *p, const char *text, size_t len);

void care_jpool__free(care__jpool *p);

/*
 * The number that starts at `text` (accepted by the scanner), as cJSON reads it: the
 * characters 0-9 + - . e E, by strtod with the locale's decimal point. Its length into *len,
 * its value into *out. 0, or -1 when out of memory (a number of 64 characters or more).
 */
int care_jpool__number(const char *text, size_t *len, double *out);

#endif
