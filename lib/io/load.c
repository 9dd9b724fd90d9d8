/*
 * Loading the dataset file (docs/model.md, docs/validation.md): the strict scan, the header,
 * then each list in the order of docs/model.md, record by record.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "io/load_records.h"
#include "io/json_pool.h"
#include "io/json_scan.h"
#include "util/alloc.h"
#include "util/error.h"
#include "core/enums.h"
#include "util/file.h"
#include "util/strtab.h"
#include "util/utf8.h"
#include "dataset/ids.h"

/* The JSON source: the text, and the list being read. */
typedef struct json_source {
	const char *text;
	const care__json_member *list;
	care__jpool pool;    /* the trees of every kind but units */
	care__direct direct; /* completions read without a tree */
	/* The element being loaded and the next one (the only way to a compact list's). */
	care__json_span cur, next;
	size_t cur_index;
} json_source;

/* The big lists, read in order: the scan keeps only the length of each element. */
static const char *const compact_lists[] = {"completions", "interactions", NULL};

/* The span of `index` in the list being read. */
static const care__json_span *span_of(const json_source *src, size_t index)
{
	if (src->list->lengths != NULL && index == src->cur_index)
		return &src->cur;
	if (src->list->lengths != NULL)
		return NULL; /* never asked: a compact list is read once, in order */
	return &src->list->elements[index];
}

static int is_ws_or_comma(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',';
}

/*
 * Element `index` of list m. For a compact list, elements come in order: *pos is where the
 * previous one ended (or just after the '['), and moves past this one.
 */
static care__json_span element_at(const char *text, const care__json_member *m, size_t index,
                                  size_t *pos)
{
	care__json_span sp;
	size_t at = *pos;

	if (m->lengths == NULL)
		return m->elements[index];
	while (is_ws_or_comma(text[at]))
		at++;
	sp.start = at;
	sp.end = m->lengths[index] != CARE__JSON_LONG ? at + m->lengths[index]
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
	*pos = sp.end;
	return sp;
}

typedef care__loader loader;

static cJSON *parse_text(const char *text, const care__json_span *span)
{
	/* The scan has checked the syntax, so a NULL here is out of memory. */
	return care_decode__parse(text + span->start, span->end - span->start);
}

static cJSON *parse_span(const loader *ld, const care__json_span *span)
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

static void init_check(care__check *c, loader *ld, care_kind kind, long index)
{
	care_kinds__begin(c, ld->ds, ld->issues, kind, NULL, index);
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

/* ---- the header ---- */

static void dataset_issue(loader *ld, care_issue_code code, const char *field, const char *msg)
{
	ld->errors +=
	    care_issues__add(ld->issues, code, CARE_KIND_DATASET, NULL, -1, field, 0, 0, "%s", msg);
}

static const care__json_member *find_member(const care__json_doc *doc, const char *name)
{
	size_t i;

	for (i = 0; i < doc->member_count; i++)
		if (doc->members[i].key_len == strlen(name) &&
		    strcmp(doc->members[i].key, name) == 0)
			return &doc->members[i];
	return NULL;
}

static int check_format(loader *ld, const care__json_doc *doc)
{
	const care__json_member *f = find_member(doc, "format"), *v = find_member(doc, "version");
	static const char magic[] = "\"libcare-dataset\"";

	if (doc->top_type != CARE__JSON_OBJECT) {
		dataset_issue(ld, CARE_ISSUE_FORMAT, NULL, "the top level is not a JSON object");
		return CARE_EFORMAT;
	}
	if (f == NULL || f->value.end - f->value.start != sizeof magic - 1 ||
	    memcmp(((const json_source *)ld->source)->text + f->value.start, magic,
	           sizeof magic - 1) != 0) {
		/* The scan keeps strings as written; an escaped spelling of the
		 * magic is decoded and compared too. */
		int ok = 0;
		if (f && f->value.type == CARE__JSON_STRING) {
			cJSON *t = parse_span(ld, &f->value);
			if (t == NULL)
				return CARE_ENOMEM;
			ok = strcmp(t->valuestring, "libcare-dataset") == 0;
			cJSON_Delete(t);
		}
		if (!ok) {
			dataset_issue(ld, CARE_ISSUE_FORMAT, "format",
			              f ? "format is not \"libcare-dataset\""
			                : "format is missing");
			return CARE_EFORMAT;
		}
	}
	if (v == NULL || v->value.type != CARE__JSON_NUMBER) {
		dataset_issue(ld, CARE_ISSUE_FORMAT, "version",
		              v ? "version is not a number" : "version is missing");
		return CARE_EFORMAT;
	} else {
		cJSON *t = parse_span(ld, &v->value);
		int ok;
		if (t == NULL)
			return CARE_ENOMEM;
		ok = t->valuedouble == 1.0;
		cJSON_Delete(t);
		if (!ok) {
			dataset_issue(ld, CARE_ISSUE_FORMAT, "version",
			              "version is not 1, the only version this library reads");
			return CARE_EFORMAT;
		}
	}
	return 0;
}

static int load_header(loader *ld, const care__json_doc *doc)
{
	static const char *const known[] = {"format",
	                                    "version",
	                                    "organisation",
	                                    "extracted_on",
	                                    "extra_non_working_days",
	                                    "units",
	                                    "roles",
	                                    "modules",
	                                    "staff",
	                                    "completions",
	                                    "interactions",
	                                    "complaints",
	                                    NULL};
	static const char *const parts[] = {"organisation", "extracted_on",
	                                    "extra_non_working_days"};
	cJSON *trees[3] = {NULL, NULL, NULL};
	const care__json_member *m;
	care__check c;
	size_t i;
	int rc = 0;

	init_check(&c, ld, CARE_KIND_DATASET, -1);
	c.ds = NULL;
	for (i = 0; i < doc->member_count; i++) {
		const char *const *k;
		for (k = known; *k && strcmp(*k, doc->members[i].key) != 0; k++)
			;
		if (*k == NULL || doc->members[i].key_len != strlen(doc->members[i].key)) {
			char path[80];
			snprintf(path, sizeof path, "%.64s", doc->members[i].key);
			care_check__issue(&c, CARE_ISSUE_UNKNOWN_FIELD, path,
			                  "unknown field %s (ignored)", path);
		}
	}
	for (i = 0; i < 3 && rc == 0; i++) {
		m = find_member(doc, parts[i]);
		if (m && (trees[i] = parse_span(ld, &m->value)) == NULL)
			rc = CARE_ENOMEM;
	}
	if (rc == 0)
		rc = care_load__header(ld, trees[0], trees[1], trees[2]);
	for (i = 0; i < 3; i++)
		cJSON_Delete(trees[i]);
	if (rc != 0)
		return rc;
	for (i = CARE_KIND_UNIT; i < CARE_KIND_COUNT; i++) {
		m = find_member(doc, care_kinds__ops((care_kind)i)->list);
		if (m && m->value.type != CARE__JSON_ARRAY && m->value.type != CARE__JSON_NULL) {
			char msg[64];
			snprintf(msg, sizeof msg, "%s must be a list",
			         care_kinds__ops((care_kind)i)->list);
			care_check__issue(&c, CARE_ISSUE_TYPE, care_kinds__ops((care_kind)i)->list,
			                  "%s", msg);
		}
	}
	ld->errors += c.errors;
	return 0;
}

/* ---- the entry points ---- */

/*
 * Start fetching the id-index slot of record `index`'s id, one record ahead of its duplicate
 * check, when the record begins as written files do: {"id": "plain bytes" (no escape, so the
 * bytes are the id). Only a hint to the cache: nothing depends on it.
 */
static void prefetch_id(loader *ld, const char *text, const care__json_span *span, care_kind kind,
                        size_t index)
{
	const char *p = text + span->start, *end = text + span->end, *q;

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

/* Give back the pages of a mapped file up to `upto` (the scan has read them). */
static void scanned(void *map, size_t upto)
{
	care_file__drop(map, 0, upto);
}

/* `map`: the mapped file the text is (NULL for a caller's buffer). */
static int load(care_dataset **out, care_issues **issues_out, const char *text, size_t len,
                const care_load_options *opts, const char *name, const care__file_map *map)
{
	loader ld;
	json_source src;
	care__json_doc doc = {0};
	long line = 0, column = 0;
	const char *reason = NULL;
	int rc, strict = 0;
	size_t k, i, pos;

	*out = NULL;
	if (issues_out)
		*issues_out = NULL;
	if (opts != NULL) {
		if (opts->version < 1 || opts->version > CARE_LOAD_OPTIONS_VERSION)
			return care__error(CARE_EINVAL, "unsupported care_load_options version %u",
			                   opts->version);
		strict = opts->strict != 0;
	}
	memset(&ld, 0, sizeof ld);
	memset(&src, 0, sizeof src);
	src.text = text;
	ld.source = &src;
	ld.tree = json_tree;
	ld.reject = json_reject;
	ld.release = json_release;
	ld.issues = care_issues__new();
	if (ld.issues == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	rc = care_json__scan_behind(&doc, text, len, &line, &column, &reason, map ? scanned : NULL,
	                            (void *)map, compact_lists);
	if (rc == CARE_ESYNTAX) {
		care_issues__add(ld.issues, CARE_ISSUE_SYNTAX, CARE_KIND_DATASET, NULL, -1, NULL,
		                 line, column, "line %ld, column %ld: %s", line, column, reason);
		care__error(CARE_ESYNTAX, "%s: line %ld, column %ld: %s", name, line, column,
		            reason);
		goto done;
	}
	if (rc != 0)
		goto nomem;
	rc = check_format(&ld, &doc);
	if (rc == CARE_EFORMAT) {
		care__error(CARE_EFORMAT, "%s: %s", name,
		            care_issues_get(ld.issues, 0) ? care_issues_get(ld.issues, 0)->message
		                                          : "not a libcare dataset");
		goto done;
	}
	if (rc != 0 || care_dataset_new(&ld.ds) != 0)
		goto nomem;
	if ((rc = load_header(&ld, &doc)) != 0)
		goto nomem;
	src.list = find_member(&doc, "units");
	if (src.list && (rc = care_load__units(&ld, src.list->element_count)) != 0)
		goto nomem;
	for (k = CARE_KIND_ROLE; k < CARE_KIND_COUNT; k++) {
		const care__json_member *m = find_member(&doc, care_kinds__ops((care_kind)k)->list);
		if (m == NULL || m->value.type != CARE__JSON_ARRAY)
			continue;
		if (m->element_count >= CARE__NO - 1) {
			rc = care__error(CARE_EINVAL, "%s: too many %s", name,
			                 care_kinds__ops((care_kind)k)->list);
			goto done;
		}
		if (k != CARE_KIND_UNIT &&
		    care_dataset_reserve(ld.ds, (care_kind)k, m->element_count))
			goto nomem;
		src.list = m;
		ld.id_hint_set = 0;
		pos = m->value.start + 1;
		if (m->element_count) {
			src.next = element_at(text, m, 0, &pos);
			prefetch_id(&ld, text, &src.next, (care_kind)k, 0);
		}
		for (i = 0; i < m->element_count; i++) {
			int direct = 0;
			src.cur = src.next;
			src.cur_index = i;
			if (k == CARE_KIND_COMPLETION &&
			    (direct = care_direct__completion(&src.direct, text + src.cur.start,
			                                      src.cur.end - src.cur.start)) < 0)
				goto nomem;
			if ((rc = direct ? care_load__completion(&ld, i, &src.direct)
			                 : care_load__record(&ld, (care_kind)k, i)) != 0)
				goto nomem;
			/* The next record's parse and decode come before its duplicate check. */
			if (i + 1 < m->element_count) {
				src.next = element_at(text, m, i + 1, &pos);
				prefetch_id(&ld, text, &src.next, (care_kind)k, i + 1);
			}
			if ((i & 4095) != 4095)
				continue;
			/* Progress by bytes of the file, every 4096 records; the pages of the
			 * records read are given back. */
			if (opts && opts->progress)
				opts->progress(opts->progress_data,
				               (double)src.cur.end / (double)(len ? len : 1));
			if (map)
				care_file__drop(map, m->value.start, src.cur.end);
		}
		if (map && m->element_count)
			care_file__drop(map, m->value.start, m->value.end);
		if (k == CARE_KIND_STAFF && (rc = care_load__managers(&ld)) != 0)
			goto nomem;
	}
	if (care_issues__failed(ld.issues))
		goto nomem;
	if (strict && care_issues_errors(ld.issues) > 0) {
		rc = care__error(CARE_EINVALID, "%s: %zu error%s (strict load)", name,
		                 care_issues_errors(ld.issues),
		                 care_issues_errors(ld.issues) == 1 ? "" : "s");
		goto done;
	}
	if ((rc = care_dataset_seal(ld.ds)) != 0)
		goto nomem;
	if (opts && opts->progress)
		opts->progress(opts->progress_data, 1.0);
	*out = ld.ds;
	ld.ds = NULL;
	rc = 0;
	goto done;
nomem:
	care_dataset_free(ld.ds);
	ld.ds = NULL;
	care_issues_free(ld.issues);
	ld.issues = NULL;
	rc = care__error(CARE_ENOMEM, "%s: out of memory", name);
done:
	care_dataset_free(ld.ds);
	care_json__doc_free(&doc);
	care_load__done(&ld);
	care_jpool__free(&src.pool);
	care_direct__free(&src.direct);
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
