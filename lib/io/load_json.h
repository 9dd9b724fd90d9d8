/*
 * The dataset file's loader, in two files (private): load.c reads the file, the lists and
 * their records; load_header.c the format, the header and the members that are not lists.
 */
#ifndef CARE_IO_LOAD_JSON_H
#define CARE_IO_LOAD_JSON_H

#include "io/json_pool.h"
#include "io/json_scan.h"
#include "io/load_along.h"
#include "io/load_records.h"

/* The JSON source: the text, and the list being read. */
typedef struct json_source {
	const char *text;
	size_t len;
	const care__json_member *list;
	care__json_member member; /* the list being read, as the scan gave it */
	care__jpool pool;         /* the trees of every kind but units */
	care__direct direct;      /* completions read without a tree */
	/* The element being loaded and the next one (the only way to a compact list's). */
	care__json_span cur, next;
	size_t cur_index;
} json_source;

/* The members the record pass looks for, in the order it needs them: the header's, then
 * the lists in the order of care_kind (N_LISTS + kind - CARE_KIND_UNIT); NULL-terminated. */
enum { N_FORMAT, N_VERSION, N_ORGANISATION, N_EXTRACTED_ON, N_DAYS, N_LISTS };
extern const char *const care_load__names[];

typedef care__loader loader;

/* The members: from the finished scan, or from the scan beside. */
typedef struct members {
	const care__json_doc *doc; /* the finished scan */
	care__along *along;        /* or the scan on its thread (doc NULL) */
} members;

/* The member of the finished scan called `name`, or NULL. */
const care__json_member *care_load__find_member(const care__json_doc *doc, const char *name);
/*
 * Member care_load__names[n] into *out: 1, or 0 when absent. Beside the scan, `may_assume`: a
 * member not yet found while the scan is in a big list is taken as absent (checked at the end).
 */
int care_load__get_member(members *mb, int n, int may_assume, care__json_member *out);
/* A cJSON tree of a span of the file (the scan has checked it): NULL when out of memory. */
cJSON *care_load__parse_span(const loader *ld, const care__json_span *span);
/* An issue about the dataset as a whole. */
void care_load__dataset_issue(loader *ld, care_issue_code code, const char *field, const char *msg);

/* The format and the version: 0, CARE_EFORMAT (the issue reported) or CARE_ENOMEM. */
int care_load__format(loader *ld, members *mb);
/* The organisation, the extraction date and the extra non-working days. */
int care_load__header_parts(loader *ld, members *mb);
/* Unknown top-level members (before the header's issues), from the finished scan. */
void care_load__unknown_members(loader *ld, const care__json_doc *doc);
/* Lists that are not lists (after the header's issues), from the finished scan. */
void care_load__lists_not_lists(loader *ld, const care__json_doc *doc);

#endif
