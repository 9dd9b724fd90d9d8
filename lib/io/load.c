/*
 * Loading the dataset file (docs/model.md, docs/validation.md): the strict scan, the header,
 * then each list in the order of docs/model.md, record by record. A big file's scan runs on
 * a second thread beside the record pass (load_along.h); a small one's first.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "io/load_json.h"
#include "util/alloc.h"
#include "util/error.h"
#include "core/enums.h"
#include "util/file.h"
#include "util/strtab.h"
#include "util/utf8.h"
#include "dataset/ids.h"
#include "dataset/records.h"
#include "util/ahead.h"

/* The big lists, read in order: the scan keeps only the length of each element. */
static const char *const compact_lists[] = {"completions", "interactions", NULL};

const char *const care_load__names[] = {
    "format", "version", "organisation", "extracted_on", "extra_non_working_days", "units",
    "roles",  "modules", "staff",        "completions",  "interactions",           "complaints",
    NULL};

/* Files at least this big are scanned beside the record pass. */
size_t care_load__along_from = (size_t)32 << 20;
int care_load__precise = 0;

/* The span of `index` in the list being read. */
static const care__json_span *span_of(const json_source *src, size_t index)
{
	if (src->list->elements == NULL && index == src->cur_index)
		return &src->cur;
	if (src->list->elements == NULL)
		return NULL; /* never asked: a compact list is read once, in order */
	return &src->list->elements[index];
}

static int is_ws_or_comma(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',';
}

/*
 * Element `index` of list m. For a big list (no elements kept), elements come in order: *pos
 * is where the previous one ended (or just after the '['); the end is 0 when the scan has
 * not given the element's length (a list still being scanned): the caller finds it.
 */
static care__json_span element_at(const char *text, const care__json_member *m, size_t index,
                                  size_t pos)
{
	care__json_span sp;
	size_t at = pos;

	if (m->elements != NULL)
		return m->elements[index];
	while (is_ws_or_comma(text[at]))
		at++;
	sp.start = at;
	sp.end = m->lengths == NULL                     ? 0
	         : m->lengths[index] != CARE__JSON_LONG ? at + m->lengths[index]
	                                                : care_json__value_end(text, at);
	switch (text[at]) {
	case '{':
		sp.type = CARE__JSON_OBJECT;
		break;
	case '[':
		sp.type = CARE__JSON_ARRAY;
		break;
	case '"':
		sp.type = CARE__JSON_STRING;
		break;
	case 't':
		sp.type = CARE__JSON_TRUE;
		break;
	case 'f':
		sp.type = CARE__JSON_FALSE;
		break;
	case 'n':
		sp.type = CARE__JSON_NULL;
		break;
	default:
		sp.type = CARE__JSON_NUMBER;
		break;
	}
	return sp;
}

static cJSON *parse_text(const char *text, const care__json_span *span)
{
	/* The scan has checked the syntax, so a NULL here is out of memory. */
	return care_decode__parse(text + span->start, span->end - span->start);
}

cJSON *care_load__parse_span(const loader *ld, const care__json_span *span)
{
	return parse_text(((const json_source *)ld->source)->text, span);
}

static cJSON *json_tree(loader *ld, care_kind kind, size_t index)
{
	json_source *src = ld->source;
	const care__json_span *span = span_of(src, index);

	if (span == NULL)
		return NULL;
	/* Units are held all at once: cJSON's own trees. Others, one at a time, from the pool. */
	if (kind == CARE_KIND_UNIT)
		return parse_text(src->text, span);
	return care_jpool__parse(&src->pool, src->text + span->start, span->end - span->start);
}

static void json_release(loader *ld, cJSON *tree)
{
	(void)ld;
	(void)tree; /* the pool's: reused by the next parse */
}

/* Keep a rejected record as it was written. */
static int json_reject(loader *ld, care_kind kind, size_t index, const cJSON *tree)
{
	const json_source *src = ld->source;
	const care__json_span *span = span_of(src, index);
	care_dataset *ds = ld->ds;
	const char *text;

	(void)tree;
	if (span == NULL)
		return CARE_ENOMEM;
	if (care__grow((void **)&ds->rejected[kind], &ds->rejected_cap[kind],
	               ds->rejected_count[kind] + 1, sizeof(care__rejected)) != 0)
		return CARE_ENOMEM;
	text = care_arena__strndup(&ds->arena, src->text + span->start, span->end - span->start);
	if (text == NULL)
		return CARE_ENOMEM;
	ds->rejected[kind][ds->rejected_count[kind]].text = text;
	ds->rejected[kind][ds->rejected_count[kind]].len = span->end - span->start;
	ds->rejected_count[kind]++;
	return 0;
}

/* ---- the members: from the finished scan, or from the scan beside ---- */

const care__json_member *care_load__find_member(const care__json_doc *doc, const char *name)
{
	size_t i;

	for (i = 0; i < doc->member_count; i++)
		if (doc->members[i].key_len == strlen(name) &&
		    strcmp(doc->members[i].key, name) == 0)
			return &doc->members[i];
	return NULL;
}

int care_load__get_member(members *mb, int n, int may_assume, care__json_member *out)
{
	const care__json_member *m;

	if (mb->along)
		return care_along__member(mb->along, n, may_assume, out);
	m = care_load__find_member(mb->doc, care_load__names[n]);
	if (m)
		*out = *m;
	return m != NULL;
}

/* Whether list care_load__names[n] (as *m) has an element i. */
static int has_element(members *mb, int n, const care__json_member *m, size_t i)
{
	return mb->along ? care_along__element(mb->along, n, i) : i < m->element_count;
}

/* ---- the records ---- */

/* The pages of the file read are given back in steps of this many bytes (each a system call,
 * felt by the scan's thread too). */
#define DROP_STEP ((size_t)8 << 20)

/*
 * Start fetching the id-index slot of the id of the record that starts at text[at] (after
 * whitespace and commas), a record ahead of its duplicate check, when it begins as written
 * files do: {"id": "plain bytes" (no escape, so the bytes are the id). Only a hint to the
 * cache: nothing depends on it. The text may not be scanned yet: it is only read.
 */
static void prefetch_id(loader *ld, const char *text, size_t at, size_t len, care_kind kind,
                        size_t index)
{
	const char *p = text + at, *end = text + len, *q;

	while (p < end && is_ws_or_comma(*p))
		p++;
	if (end - p < 8 || p[0] != '{')
		return;
	for (p++; p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'); p++)
		;
	if (end - p < 6 || memcmp(p, "\"id\"", 4) != 0)
		return;
	for (p += 4; p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ':');
	     p++)
		;
	if (p >= end || *p != '"')
		return;
	for (q = ++p; q < end && q - p <= 64 && *q != '"' && *q != '\\'; q++)
		;
	if (q < end && *q == '"') {
		/* The hash is the id's: the loader uses it rather than hash the id again. */
		ld->id_hint = care_strtab__hash(p, (size_t)(q - p));
		ld->id_hint_index = index;
		ld->id_hint_set = 1;
		care_ids__prefetch(ld->ds, kind, ld->id_hint);
	}
}

/* A mapped file, and how much of it the scan has given back. */
typedef struct scan_drop {
	const care__file_map *map;
	size_t dropped;
} scan_drop;

/* Give back the pages of a mapped file up to `upto` (the scan has read them). */
static void scanned(void *ctx, size_t upto)
{
	scan_drop *d = ctx;

	d->dropped = care_file__drop(d->map, d->dropped, upto);
}

/*
 * Room for a big list still being scanned, from the bytes of its first elements: as many as
 * would fill the rest of the file (the big lists come last in files libcare writes; the
 * room a smaller list leaves unused is address space, not memory, but for its id index).
 */
static int reserve_estimate(loader *ld, care_kind kind, const care__json_member *m, size_t len,
                            size_t count, size_t pos)
{
	double per = (double)(pos - m->value.start) / (double)count;
	/* A little over: growing a big id index again at the end would cost more. */
	double est = (double)(len - m->value.start) / (per > 1 ? per : 1) * 1.03 + 64;

	if (est > (double)(CARE__NO - 2))
		est = (double)(CARE__NO - 2);
	return care_dataset_reserve(ld->ds, kind, (size_t)est);
}

/*
 * The pages of the completions' rows from `from` to about the count the room was made for,
 * made present ahead of the pass on a thread that only uses idle time (ahead.h): NULL when not.
 */
static care__ahead *completions_ahead(loader *ld, size_t from)
{
	care__column_span columns[CARE__AHEAD_COLUMNS];
	size_t n = care_records__completion_columns(ld->ds, columns), cap = ld->ds->completions.cap;

	/* Not the little over the estimate that reserve_estimate adds. */
	return care_ahead__start(columns, n, from, from + (cap - from) / 103 * 100);
}

/* The list of `kind` (member care_load__names[n]), record by record, as load_list says;
 * *ahead set when the completions' pages are being made present ahead. */
static int read_list(loader *ld, members *mb, care_kind kind, int n, const care_load_options *opts,
                     const char *name, const care__file_map *map, care__ahead **ahead)
{
	json_source *src = ld->source;
	const char *text = src->text;
	care__json_member *m = &src->member;
	size_t i, pos, dropped, len = src->len;
	int known = m->elements != NULL || m->lengths != NULL; /* the count is final */

	if (known && m->element_count >= CARE__NO - 1)
		return care__error(CARE_EINVAL, "%s: too many %s", name, care_load__names[n]);
	if (known && care_dataset_reserve(ld->ds, kind, m->element_count))
		return CARE_ENOMEM;
	src->list = m;
	ld->id_hint_set = 0;
	ld->refs_index = 0;
	pos = dropped = m->value.start;
	pos++;
	if (mb->along)
		care_along__reading(mb->along, pos, n, 0);
	for (i = 0; has_element(mb, n, m, i); i++) {
		int direct = 0, rc;
		size_t used;
		const care__decoded *pre = NULL, *next;
		const care__parsed *parsed = NULL, *after;
		const care__direct *decoded = &src->direct;
		if (i >= CARE__NO - 1)
			return care__error(CARE_EINVAL, "%s: too many %s", name,
			                   care_load__names[n]);
		if (mb->along && kind == CARE_KIND_COMPLETION)
			pre = care_along__decoded(mb->along, i);
		else if (mb->along)
			parsed = care_along__parsed(mb->along, i);
		if (parsed && parsed->taken) {
			/* Parsed and decoded on the scan's thread. */
			src->cur.start = parsed->start;
			src->cur.end = parsed->end;
			src->cur.type = CARE__JSON_OBJECT;
		} else if (pre) {
			/* Decoded on the scan's thread. */
			src->cur.start = pre->start;
			src->cur.end = pre->end;
			src->cur.type = CARE__JSON_OBJECT;
			direct = pre->taken;
			decoded = &pre->d;
			ld->id_hint = pre->hash;
			ld->id_hint_index = i;
			ld->id_hint_set = pre->taken && pre->d.rec.id != NULL;
		} else {
			src->cur = element_at(text, m, i, pos);
		}
		src->cur_index = i;
		if (pre == NULL && kind == CARE_KIND_COMPLETION &&
		    src->cur.type == CARE__JSON_OBJECT) {
			direct = care_direct__completion(&src->direct, NULL, text + src->cur.start,
			                                 len - src->cur.start, &used);
			if (direct < 0)
				return CARE_ENOMEM;
			if (direct)
				src->cur.end = src->cur.start + used;
		}
		if (src->cur.end == 0)
			src->cur.end = care_json__value_end(text, src->cur.start);
		pos = src->cur.end;
		/* The next record's id slot is fetched while this one is checked. */
		if (pre) {
			/* The scan's thread wrote the ring on the other core: fetch a few records
			 * ahead, the slot first, then its strings. */
			care_along__prefetch(mb->along, i + 16);
			if ((next = care_along__decoded(mb->along, i + 8)) != NULL &&
			    !(next->d.same_staff && next->d.same_module &&
			      (next->d.same_source || next->d.rec.source == NULL)))
				care__prefetch_bytes(next->d.strings, 192);
		} else if (parsed) {
			/* As for the ring of decoded completions: written on the other core. */
			care_along__prefetch_parsed(mb->along, i + 4);
			if ((after = care_along__parsed(mb->along, i + 2)) != NULL && after->taken)
				care_ids__prefetch(ld->ds, kind, after->hash);
		} else if (m->elements == NULL) {
			prefetch_id(ld, text, pos, len, kind, i + 1);
		} else if (i + 1 < m->element_count) {
			prefetch_id(ld, text, m->elements[i + 1].start, len, kind, i + 1);
		}
		if ((rc = direct ? care_load__completion(ld, i, decoded)
		          : parsed && parsed->taken
		              ? care_load__parsed(ld, kind, i, parsed->tree, &parsed->rec,
		                                  parsed->id, parsed->hash)
		              : care_load__record(ld, kind, i)) != 0)
			return rc;
		/* The parsed list's ring is small: its slots are given back more often. */
		if (mb->along && kind == CARE_KIND_STAFF && (i & 31) == 31 && (i & 255) != 255)
			care_along__reading(mb->along, pos, n, i + 1);
		if ((i & 255) != 255)
			continue;
		if (mb->along)
			care_along__reading(mb->along, pos, n, i + 1);
		/* Not for the people, read as the scan goes: a list the big ones follow. */
		if (!known && kind != CARE_KIND_STAFF && i == 4095) {
			if (reserve_estimate(ld, kind, m, len, i + 1, pos))
				return CARE_ENOMEM;
			if (kind == CARE_KIND_COMPLETION && mb->along)
				*ahead = completions_ahead(ld, i + 1);
		}
		if ((i & 4095) != 4095)
			continue;
		care_ahead__reached(*ahead, i + 1);
		/* Progress by bytes of the file, every 4096 records; the pages of the records
		 * read are given back. */
		if (opts && opts->progress)
			opts->progress(opts->progress_data, (double)pos / (double)(len ? len : 1));
		if (map && pos - dropped >= DROP_STEP)
			dropped = care_file__drop(map, dropped, pos);
	}
	if (map && i)
		care_file__drop(map, dropped, pos);
	return 0;
}

/* The list of `kind` (member care_load__names[n]), record by record. 0, CARE_ENOMEM or CARE_EINVAL.
 */
static int load_list(loader *ld, members *mb, care_kind kind, int n, const care_load_options *opts,
                     const char *name, const care__file_map *map)
{
	care__ahead *ahead = NULL;
	int rc = read_list(ld, mb, kind, n, opts, name, map, &ahead);

	care_ahead__stop(ahead);
	return rc;
}

static void *settle_main(void *arg)
{
	loader *ld = arg;

	ld->settle_rc = care_ids__settle_unique(ld->ds);
	return NULL;
}

/* Look for two completions that share an id, all at once after their list; on a thread of
 * its own when `beside` (a big file, already read by two threads) and one can be had. */
static void settle_start(loader *ld, int beside)
{
	ld->settling = beside && pthread_create(&ld->settle_thread, NULL, settle_main, ld) == 0;
	if (!ld->settling)
		settle_main(ld);
}

/* Wait for the completion ids to be checked: 0, or CARE_ENOMEM (ld->clash set when two
 * completions share an id). */
static int settle_wait(loader *ld)
{
	if (ld->settling)
		pthread_join(ld->settle_thread, NULL);
	ld->settling = 0;
	if (ld->settle_rc == 1)
		ld->clash = 1;
	return ld->settle_rc == CARE_ENOMEM ? CARE_ENOMEM : 0;
}

/*
 * The record pass: the format, the header's parts (their issues into `head`), then each
 * list (their issues into ld->issues). CARE_EFORMAT (the issue in `head`), CARE_ENOMEM or
 * CARE_EINVAL; ld->ds is made here.
 */
static int pass(loader *ld, members *mb, care_issues *head, const care_load_options *opts,
                const char *name, const care__file_map *map)
{
	json_source *src = ld->source;
	care_issues *records = ld->issues;
	size_t k;
	int rc;

	ld->issues = head;
	rc = care_load__format(ld, mb);
	if (rc == 0 && care_dataset_new(&ld->ds) != 0)
		rc = CARE_ENOMEM;
	if (rc == 0)
		rc = care_load__header_parts(ld, mb);
	ld->issues = records;
	if (rc != 0)
		return rc;
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT && rc == 0; k++) {
		int n = N_LISTS + (int)k - CARE_KIND_UNIT;
		if (!care_load__get_member(mb, n, 1, &src->member) ||
		    src->member.value.type != CARE__JSON_ARRAY)
			continue;
		if (k == CARE_KIND_UNIT) {
			src->list = &src->member;
			rc = care_load__units(ld, src->member.element_count);
		} else if (k == CARE_KIND_COMPLETION && !ld->precise && !care_load__precise) {
			/* Duplicate ids are looked for all at once after the list, beside the
			 * rest of the load. */
			care_ids__defer(ld->ds);
			rc = load_list(ld, mb, (care_kind)k, n, opts, name, map);
			if (rc == 0)
				settle_start(ld, mb->along != NULL);
		} else {
			rc = load_list(ld, mb, (care_kind)k, n, opts, name, map);
		}
		/* Read as the scan went (no elements), the list has them all now: the managers'
		 * check reads records again by their place. */
		if (rc == 0 && k == CARE_KIND_STAFF && src->member.elements == NULL &&
		    src->member.lengths == NULL && mb->along &&
		    !care_load__get_member(mb, n, 0, &src->member))
			rc = care__error(CARE_EINVAL, "%s: the staff list is gone", name);
		if (rc == 0 && k == CARE_KIND_STAFF)
			rc = care_load__managers(ld);
	}
	return rc;
}

/*
 * The record pass, then the seal while the completion ids are checked beside it (the seal
 * is wasted when two completions share an id: ld->clash, the caller loads again). The check
 * leaves the completions' id index released, as care_dataset_seal would (a load that checks
 * each id as it comes has one, released here): it is made again on the first lookup by id.
 */
static int pass_sealed(loader *ld, members *mb, care_issues *head, const care_load_options *opts,
                       const char *name, const care__file_map *map)
{
	int rc = pass(ld, mb, head, opts, name, map), settled;

	if (rc == 0)
		rc = care_dataset__seal_given(ld->ds, NULL);
	settled = settle_wait(ld);
	if (rc == 0 && settled == 0 && !ld->clash)
		care_dataset__release_ids(ld->ds);
	return rc != 0 ? rc : settled;
}

/* Start the loader's state for a pass (the dataset is made by the pass). */
static int loader_init(loader *ld, json_source *src, const char *text, size_t len)
{
	memset(ld, 0, sizeof *ld);
	src->text = text;
	src->len = len;
	ld->source = src;
	ld->tree = json_tree;
	ld->reject = json_reject;
	ld->release = json_release;
	ld->issues = care_issues__new();
	return ld->issues ? 0 : CARE_ENOMEM;
}

/* Forget a pass: its dataset, its issues, what it held. */
static void loader_drop(loader *ld)
{
	settle_wait(ld);
	care_dataset_free(ld->ds);
	ld->ds = NULL;
	care_issues_free(ld->issues);
	ld->issues = NULL;
	care_load__done(ld);
}

/* Forget a pass and its header's issues (*head), and start the state of another; `precise`:
 * completion ids checked one by one. 0 or CARE_ENOMEM. */
static int start_again(loader *ld, json_source *src, const char *text, size_t len,
                       care_issues **head, int precise)
{
	loader_drop(ld);
	care_issues_free(*head);
	*head = NULL;
	if (loader_init(ld, src, text, len) != 0 || (*head = care_issues__new()) == NULL)
		return CARE_ENOMEM;
	ld->precise = precise;
	return 0;
}

/* `map`: the mapped file the text is (NULL for a caller's buffer). */
static int load(care_dataset **out, care_issues **issues_out, const char *text, size_t len,
                const care_load_options *opts, const char *name, const care__file_map *map)
{
	loader ld;
	json_source src;
	care__json_doc doc = {0};
	members mb = {NULL, NULL};
	care_issues *head = NULL, *all = NULL;
	long line = 0, column = 0;
	const char *reason = NULL;
	int rc = 0, scan_rc, strict = 0, wrong = 0, along;

	*out = NULL;
	if (issues_out)
		*issues_out = NULL;
	if (opts != NULL) {
		if (opts->version < 1 || opts->version > CARE_LOAD_OPTIONS_VERSION)
			return care__error(CARE_EINVAL, "unsupported care_load_options version %u",
			                   opts->version);
		strict = opts->strict != 0;
	}
	memset(&src, 0, sizeof src);
	if (loader_init(&ld, &src, text, len) != 0 || (head = care_issues__new()) == NULL) {
		care_issues_free(ld.issues);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	/* A big file: the record pass starts while the scan goes on, on its own thread. */
	along = len >= care_load__along_from &&
	        care_along__start(&mb.along, text, len, care_load__names, compact_lists,
	                          N_LISTS + CARE_KIND_COMPLETION - CARE_KIND_UNIT,
	                          N_LISTS + CARE_KIND_STAFF - CARE_KIND_UNIT, CARE_KIND_STAFF) == 0;
	if (along) {
		rc = pass_sealed(&ld, &mb, head, opts, name, map);
		scan_rc = care_along__finish(mb.along, &doc, &line, &column, &reason, &wrong);
		mb.along = NULL;
	} else {
		scan_drop drop = {map, 0};
		scan_rc = care_json__scan_behind(&doc, text, len, &line, &column, &reason,
		                                 map ? scanned : NULL, &drop, compact_lists);
	}
	if (scan_rc != 0 || doc.top_type != CARE__JSON_OBJECT || (along && (wrong || ld.clash))) {
		/* What the pass beside the scan made does not count: start again. */
		if (start_again(&ld, &src, text, len, &head, ld.clash && !wrong) != 0)
			goto nomem;
		along = 0;
		rc = 0;
	}
	if (scan_rc == CARE_ESYNTAX) {
		care_issues__add(ld.issues, CARE_ISSUE_SYNTAX, CARE_KIND_DATASET, NULL, -1, NULL,
		                 line, column, "line %ld, column %ld: %s", line, column, reason);
		rc = care__error(CARE_ESYNTAX, "%s: line %ld, column %ld: %s", name, line, column,
		                 reason);
		goto done;
	}
	if (scan_rc != 0)
		goto nomem;
	if (doc.top_type != CARE__JSON_OBJECT) {
		care_load__dataset_issue(&ld, CARE_ISSUE_FORMAT, NULL,
		                         "the top level is not a JSON object");
		rc = care__error(CARE_EFORMAT, "%s: the top level is not a JSON object", name);
		goto done;
	}
	if (!along) {
		/* A member taken as absent came later (wrong), or a small file: from the scan. */
		mb.doc = &doc;
		rc = pass_sealed(&ld, &mb, head, opts, name, map);
		if (rc == 0 && ld.clash) {
			/* Two completions share an id: again, each checked as it comes. */
			if (start_again(&ld, &src, text, len, &head, 1) != 0)
				goto nomem;
			rc = pass_sealed(&ld, &mb, head, opts, name, map);
		}
	}
	if (rc == CARE_EFORMAT) {
		care_issues_free(ld.issues);
		ld.issues = head;
		head = NULL;
		care__error(CARE_EFORMAT, "%s: %s", name,
		            care_issues_get(ld.issues, 0) ? care_issues_get(ld.issues, 0)->message
		                                          : "not a libcare dataset");
		goto done;
	}
	if (rc == CARE_EINVAL)
		goto done;
	if (rc != 0)
		goto nomem;
	/* The issues in order: unknown members, the header's, lists that are not lists, the
	 * records'. */
	if ((all = care_issues__new()) == NULL)
		goto nomem;
	{
		care_issues *records = ld.issues;
		ld.issues = all;
		care_load__unknown_members(&ld, &doc);
		care_issues__append(all, head);
		care_load__lists_not_lists(&ld, &doc);
		care_issues__append(all, records);
		care_issues_free(records);
		all = NULL;
	}
	if (care_issues__failed(ld.issues))
		goto nomem;
	if (strict && care_issues_errors(ld.issues) > 0) {
		rc = care__error(CARE_EINVALID, "%s: %zu error%s (strict load)", name,
		                 care_issues_errors(ld.issues),
		                 care_issues_errors(ld.issues) == 1 ? "" : "s");
		goto done;
	}
	if (opts && opts->progress)
		opts->progress(opts->progress_data, 1.0);
	*out = ld.ds;
	ld.ds = NULL;
	rc = 0;
	goto done;
nomem:
	loader_drop(&ld);
	rc = care__error(CARE_ENOMEM, "%s: out of memory", name);
done:
	if (mb.along) {
		int ignored;
		care_along__finish(mb.along, &doc, &line, &column, &reason, &ignored);
	}
	care_dataset_free(ld.ds);
	care_json__doc_free(&doc);
	care_load__done(&ld);
	care_jpool__free(&src.pool);
	care_direct__free(&src.direct);
	care_issues_free(head);
	care_issues_free(all);
	if (issues_out)
		*issues_out = ld.issues;
	else
		care_issues_free(ld.issues);
	return rc;
}

int care_load_options_init(care_load_options *opts, unsigned int version)
{
	static const care_load_options defaults = CARE_LOAD_OPTIONS_INIT;

	if (opts == NULL || version < 1 || version > CARE_LOAD_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "care_load_options_init: bad argument");
	/* A version 1 struct ends before max_bytes: write no further. */
	memcpy(opts, &defaults,
	       version == 1 ? offsetof(care_load_options, max_bytes) : sizeof *opts);
	opts->version = version;
	return 0;
}

int care_dataset_load_buffer(care_dataset **out, care_issues **issues, const char *data, size_t len,
                             const care_load_options *opts)
{
	if (issues)
		*issues = NULL;
	if (out == NULL || (data == NULL && len > 0))
		return care__error(CARE_EINVAL, "care_dataset_load_buffer: bad argument");
	return load(out, issues, data ? data : "", len, opts, "(buffer)", NULL);
}

int care_dataset_load_file(care_dataset **out, care_issues **issues, const char *path,
                           const care_load_options *opts)
{
	care__file_map map;
	int rc;

	if (issues)
		*issues = NULL;
	if (out == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_load_file: bad argument");
	*out = NULL;
	/* Mapped, not copied: the pages are given back as the scan and the records pass. */
	rc = care_file__map(&map, path,
	                    opts && opts->version >= 2 ? opts->max_bytes : CARE_LOAD_MAX_BYTES);
	if (rc != 0) {
		if (issues && rc == CARE_EIO)
			*issues = care_issues__new();
		return rc;
	}
	rc = load(out, issues, map.data, map.len, opts, path, &map);
	care_file__unmap(&map);
	return rc;
}
