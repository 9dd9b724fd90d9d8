/*
 * Opening the snapshot file (docs/snapshot.md): map it, check the header and the table of
 * sections, then read each section once, summing it as it goes and checking every value
 * that could lead a reader astray (a reference, an enumeration, a range, a text offset).
 * Records with texts are converted into the dataset's own arrays; the texts, the columns of
 * completions, the id indexes and the sealed index are borrowed: the dataset points into
 * the mapping, which it keeps until it is freed (dataset.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset/dataset.h"
#include "dataset/index.h"
#include "io/snapshot.h"
#include "util/alloc.h"
#include "util/error.h"

#define CHUNK (1u << 18) /* summed and copied while it is in the cache */

_Static_assert(sizeof(care__snap_slot) == sizeof(care__id_slot) &&
                   sizeof(care__snap_held) == sizeof(care__held),
               "id slots and held completions are written as held");

static int bad(const care__snap_reader *r, const char *what)
{
	return care__error(CARE_EFORMAT, "%s: not a usable snapshot: %s", r->name, what);
}

/* The header and the table: magic, version, sizes, sums, every section in bounds. */
static int check_front(care__snap_reader *r)
{
	const unsigned char *d = r->data;
	uint64_t table, size;
	uint32_t n, i;

	if (r->len < CARE__SNAP_HEADER || memcmp(d, CARE__SNAP_MAGIC, 8) != 0)
		return r->len >= 8 && memcmp(d, CARE__SNAP_MAGIC, 8) == 0
		           ? bad(r, "truncated (shorter than its header)")
		           : bad(r, "no snapshot magic at the start (is it a dataset file?)");
	if (care_snapshot__read32(d + CARE__SNAP_H_ORDER) != CARE__SNAP_BYTE_ORDER)
		return bad(r, "written with another byte order");
	if (care_snapshot__read32(d + CARE__SNAP_H_VERSION) != CARE__SNAP_VERSION)
		return care__error(
		    CARE_EFORMAT, "%s: snapshot version %u; this library reads version %u", r->name,
		    care_snapshot__read32(d + CARE__SNAP_H_VERSION), CARE__SNAP_VERSION);
	if (care_snapshot__read64(d + CARE__SNAP_H_SUM) !=
	    care_snapshot_sum__of(d, CARE__SNAP_H_SUM))
		return bad(r, "the header's checksum does not match (damaged or altered)");
	size = care_snapshot__read64(d + CARE__SNAP_H_SIZE);
	if (size != r->len)
		return care__error(
		    CARE_EFORMAT,
		    "%s: not a usable snapshot: %s (%zu bytes where the header says %llu)", r->name,
		    size > r->len ? "truncated" : "has bytes past its end", r->len,
		    (unsigned long long)size);
	n = care_snapshot__read32(d + CARE__SNAP_H_SECTIONS);
	table = care_snapshot__read64(d + CARE__SNAP_H_TABLE);
	if (care_snapshot__read32(d + CARE__SNAP_H_ENTRY) != CARE__SNAP_ENTRY ||
	    n > CARE__SNAP_MAX_SECTIONS || table < CARE__SNAP_HEADER || table > r->len ||
	    n * CARE__SNAP_ENTRY > r->len - table)
		return bad(r, "the table of sections is out of bounds");
	if (care_snapshot__read64(d + CARE__SNAP_H_TABLE_SUM) !=
	    care_snapshot_sum__of(d + table, n * CARE__SNAP_ENTRY))
		return bad(r, "the table's checksum does not match (damaged or altered)");
	for (i = 0; i < n; i++) {
		const unsigned char *e = d + table + (size_t)i * CARE__SNAP_ENTRY;
		care__snap_entry *x = &r->entries[i];
		x->tag = care_snapshot__read32(e);
		x->size = care_snapshot__read32(e + 4);
		x->offset = care_snapshot__read64(e + 8);
		x->count = care_snapshot__read64(e + 16);
		x->sum = care_snapshot__read64(e + 24);
		if (x->tag == 0 || x->tag >= CARE__SNAP_TAGS || r->at[x->tag] != NULL)
			return bad(r, "a section is unknown or repeated");
		if (x->size == 0 || x->offset % CARE__SNAP_ALIGN || x->offset > r->len ||
		    x->count > (r->len - x->offset) / x->size ||
		    care__snap_extent(x->count, x->size) > r->len - x->offset)
			return bad(r, "a section is out of bounds");
		r->at[x->tag] = x;
	}
	return 0;
}

/* The section of `tag`, of records of `size` bytes; NULL (problem set) when wrong. */
static const care__snap_entry *section(care__snap_reader *r, uint32_t tag, uint32_t size,
                                       int required)
{
	const care__snap_entry *e = r->at[tag];

	if (e == NULL) {
		if (required && r->problem == NULL)
			r->problem = "a section is missing";
		return NULL;
	}
	if (e->size != size) {
		if (r->problem == NULL)
			r->problem = "a section has records of the wrong size";
		return NULL;
	}
	return e;
}

typedef void (*convert_fn)(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                           size_t n);

/* Sum section e while converting it, chunk by chunk, into dst (records of dsize bytes). */
static int load_section(care__snap_reader *r, const care__snap_entry *e, void *dst, size_t dsize,
                        convert_fn convert)
{
	care__snap_sum sum;
	size_t per = CHUNK / e->size ? CHUNK / e->size : 1, i;

	care_snapshot_sum__init(&sum);
	for (i = 0; i < e->count; i += per) {
		size_t n = e->count - i < per ? (size_t)e->count - i : per;
		const unsigned char *src = r->data + e->offset + i * e->size;
		care_snapshot_sum__update(&sum, src, n * e->size);
		convert(r, (char *)dst + i * dsize, src, i, n);
	}
	care_snapshot_sum__update(
	    &sum, r->data + e->offset + e->count * e->size,
	    (size_t)(care__snap_extent(e->count, e->size) - e->count * e->size));
	if (care_snapshot_sum__digest(&sum) != e->sum)
		return care__error(CARE_EFORMAT,
		                   "%s: not a usable snapshot: the checksum of section %u does not "
		                   "match (damaged or altered)",
		                   r->name, e->tag);
	return 0;
}

static int load_array(care__snap_reader *r, uint32_t tag, uint32_t size, size_t dsize,
                      convert_fn fn, void **dst, size_t *count, int required)
{
	const care__snap_entry *e = section(r, tag, size, required);
	void *p;

	if (e == NULL)
		return r->problem ? bad(r, r->problem) : 0;
	if (e->count >= CARE__NO)
		return bad(r, "a section has too many records");
	/* An empty section is still an array: the reports index into it (with an offset of 0). */
	p = care__malloc((size_t)(e->count ? e->count : 1) * dsize);
	if (p == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	*dst = p;
	if (count)
		*count = (size_t)e->count;
	return load_section(r, e, p, dsize, fn);
}

/* Section `tag` as it is written, in place: *dst points into the image (at its start when
 * the section is empty, so that the pointer is the image's all the same). */
static int borrow_array(care__snap_reader *r, uint32_t tag, uint32_t size,
                        care__snap_check_fn check, const void **dst, size_t *count, int required)
{
	const care__snap_entry *e = section(r, tag, size, required);
	care__snap_sum sum;
	size_t per = CHUNK / size, i;

	if (e == NULL)
		return r->problem ? bad(r, r->problem) : 0;
	if (e->count >= CARE__NO)
		return bad(r, "a section has too many records");
	care_snapshot_sum__init(&sum);
	for (i = 0; i < e->count; i += per) {
		size_t n = e->count - i < per ? (size_t)e->count - i : per;
		const unsigned char *src = r->data + e->offset + i * size;
		care_snapshot_sum__update(&sum, src, n * size);
		if (check)
			check(r, src, i, n);
	}
	care_snapshot_sum__update(&sum, r->data + e->offset + e->count * size,
	                          (size_t)(care__snap_extent(e->count, size) - e->count * size));
	if (care_snapshot_sum__digest(&sum) != e->sum)
		return care__error(CARE_EFORMAT,
		                   "%s: not a usable snapshot: the checksum of section %u does not "
		                   "match (damaged or altered)",
		                   r->name, e->tag);
	*dst = e->count ? r->data + e->offset : r->data;
	if (count)
		*count = (size_t)e->count;
	return 0;
}

#define BORROW(tag, size, check, dst, count, required)                                             \
	borrow_array(r, tag, size, check, (const void **)(dst), count, required)

#define ARRAY(tag, disk, field, fn, required)                                                      \
	load_array(r, tag, sizeof(disk), sizeof *ds->field##s, fn, (void **)&ds->field##s,         \
	           &ds->field##_count, required)

static int load_strings_and_meta(care__snap_reader *r)
{
	care_dataset *ds = r->ds;
	const care__snap_entry *e = section(r, CARE__SNAP_STRINGS, 1, 1);
	const care__snap_entry *m = section(r, CARE__SNAP_META, sizeof(care__snap_meta), 1);
	care__snap_meta meta;

	if (e == NULL || m == NULL)
		return bad(r, r->problem);
	if (e->count == 0 || r->data[e->offset] != 0 || r->data[e->offset + e->count - 1] != 0)
		return bad(r, "the strings section does not begin and end with a NUL");
	/* Borrowed, and in bounds as it ends with a NUL; its checksum is the helper's. */
	r->strings = (const char *)r->data + e->offset;
	r->strings_len = e->count;
	if (m->count != 1 || care_snapshot_sum__of(r->data + m->offset, sizeof meta) != m->sum)
		return bad(r, "the dataset's header section is damaged or altered");
	memcpy(&meta, r->data + m->offset, sizeof meta);
	ds->ods_code = care_snapshot__text(r, meta.ods_code, 1);
	ds->name = care_snapshot__text(r, meta.name, 1);
	ds->extracted_on = meta.extracted_on;
	care_snapshot__problem(r, care_snapshot__date_ok(meta.extracted_on, 1),
	                       "the extraction date is out of range");
	return 0;
}

/* Units form a tree: every parent line ends at a root (the reports walk up it). */
static int check_unit_tree(care__snap_reader *r)
{
	const care_dataset *ds = r->ds;
	uint8_t *state; /* 0 not seen, 1 on the current line, 2 reaches a root */
	size_t i;
	int rc = 0;

	if (ds->unit_count == 0 || r->problem)
		return 0;
	state = care__calloc(ds->unit_count, 1);
	if (state == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	for (i = 0; i < ds->unit_count && rc == 0; i++) {
		uint32_t u = (uint32_t)i, v;
		while (u != CARE__NO && state[u] == 0) {
			state[u] = 1;
			u = ds->units[u].parent;
		}
		if (u != CARE__NO && state[u] == 1)
			rc = bad(r, "the units' parents make a loop");
		for (v = (uint32_t)i; v != u; v = ds->units[v].parent)
			state[v] = 2;
	}
	care__free(state);
	return rc;
}

static int load_records(care__snap_reader *r)
{
	care_dataset *ds = r->ds;
	int rc;

	if ((rc = BORROW(CARE__SNAP_NON_WORKING, sizeof(care_date), care_snapshot__dates,
	                 &ds->non_working_days, &ds->non_working_day_count, 0)) ||
	    (rc = ARRAY(CARE__SNAP_UNITS, care__snap_unit, unit, care_snapshot__units, 1)) ||
	    (rc = ARRAY(CARE__SNAP_ROLES, care__snap_role, role, care_snapshot__roles, 1)) ||
	    (rc = ARRAY(CARE__SNAP_REQUIREMENTS, care__snap_requirement, requirement,
	                care_snapshot__requirements, 1)) ||
	    (rc =
	         ARRAY(CARE__SNAP_MODULES, care__snap_module, module, care_snapshot__modules, 1)) ||
	    (rc = load_array(r, CARE__SNAP_STAFF, sizeof(care__snap_staff), sizeof *ds->staff,
	                     care_snapshot__staff, (void **)&ds->staff, &ds->staff_count, 1)) ||
	    (rc = ARRAY(CARE__SNAP_ASSIGNMENTS, care__snap_assignment, assignment,
	                care_snapshot__assignments, 1)) ||
	    (rc = ARRAY(CARE__SNAP_EXEMPTIONS, care__snap_exemption, exemption,
	                care_snapshot__exemptions, 1)) ||
	    (rc = ARRAY(CARE__SNAP_INTERACTIONS, care__snap_interaction, interaction,
	                care_snapshot__interactions, 1)) ||
	    (rc = ARRAY(CARE__SNAP_COMPLAINTS, care__snap_complaint, complaint,
	                care_snapshot__complaints, 1)) ||
	    (rc = BORROW(CARE__SNAP_COMPLAINT_STAFF, 4, care_snapshot__c_staff_ref,
	                 &ds->complaint_staff, &ds->complaint_staff_count, 1)))
		return rc;
	if ((rc = check_unit_tree(r)) != 0)
		return rc;
	ds->non_working_day_cap = ds->non_working_day_count;
	ds->unit_cap = ds->unit_count;
	ds->role_cap = ds->role_count;
	ds->requirement_cap = ds->requirement_count;
	ds->module_cap = ds->module_count;
	ds->staff_cap = ds->staff_count;
	ds->assignment_cap = ds->assignment_count;
	ds->exemption_cap = ds->exemption_count;
	ds->interaction_cap = ds->interaction_count;
	ds->complaint_cap = ds->complaint_count;
	ds->complaint_staff_cap = ds->complaint_staff_count;
	return 0;
}

/* The columns of completions, borrowed (the helper's: into c, not the dataset's). Module,
 * score and source are each written in one of two widths. */
static int load_columns(care__snap_reader *r, care__completions *c)
{
	static const uint32_t optional[] = {
	    CARE__SNAP_C_MODULE, CARE__SNAP_C_MODULE16, CARE__SNAP_C_SCORE, CARE__SNAP_C_SCORE100,
	    CARE__SNAP_C_SOURCE, CARE__SNAP_C_SOURCE16, CARE__SNAP_C_ID,    CARE__SNAP_C_UUID};
	size_t n = 0, k;
	int rc;

	if ((rc = BORROW(CARE__SNAP_C_STAFF, 4, care_snapshot__c_staff, &c->staff, &n, 1)) != 0)
		return rc;
	if (care_snapshot__count_of(r, CARE__SNAP_C_DATE) != n ||
	    care_snapshot__count_of(r, CARE__SNAP_C_OUTCOME) != n)
		return bad(r, "the completions' columns differ in length");
	for (k = 0; k < sizeof optional / sizeof *optional; k++)
		if (r->at[optional[k]] && r->at[optional[k]]->count != n)
			return bad(r, "the completions' columns differ in length");
	if (!r->at[CARE__SNAP_C_MODULE] == !r->at[CARE__SNAP_C_MODULE16] ||
	    (r->at[CARE__SNAP_C_SCORE] && r->at[CARE__SNAP_C_SCORE100]) ||
	    (r->at[CARE__SNAP_C_SOURCE] && r->at[CARE__SNAP_C_SOURCE16]))
		return bad(r, "a column of completions is there twice, or its module is missing");
	if ((rc = BORROW(CARE__SNAP_C_MODULE, 4, care_snapshot__c_module, &c->module.wide, NULL,
	                 0)) ||
	    (rc = BORROW(CARE__SNAP_C_MODULE16, 2, care_snapshot__c_module16, &c->module.narrow,
	                 NULL, 0)) ||
	    (rc = BORROW(CARE__SNAP_C_DATE, 4, care_snapshot__dates, &c->completed_on, NULL, 1)) ||
	    (rc =
	         BORROW(CARE__SNAP_C_OUTCOME, 1, care_snapshot__c_outcome, &c->outcome, NULL, 1)) ||
	    (rc = BORROW(CARE__SNAP_C_SCORE, 8, NULL, &c->score, NULL, 0)) || /* any double */
	    (rc = BORROW(CARE__SNAP_C_SCORE100, 2, care_snapshot__c_score100, &c->score100, NULL,
	                 0)) ||
	    (rc = BORROW(CARE__SNAP_C_SOURCE, 4, care_snapshot__c_source, &c->source.wide, NULL,
	                 0)) ||
	    (rc = BORROW(CARE__SNAP_C_SOURCE16, 2, care_snapshot__c_source16, &c->source.narrow,
	                 NULL, 0)))
		return rc;
	c->count = c->cap = n;
	return 0;
}

/* The completions' ids: texts made pointers, UUIDs borrowed as written (any 16 bytes are an
 * id). The helper checks that both columns have the length of the others. */
static int load_completion_ids(care__snap_reader *r)
{
	care__completions *c = &r->ds->completions;
	int rc;

	if ((rc = load_array(r, CARE__SNAP_C_ID, sizeof(care__snap_str), sizeof(const char *),
	                     care_snapshot__c_id, (void **)&c->id, NULL, 0)) ||
	    (rc = BORROW(CARE__SNAP_C_UUID, 16, NULL, &c->uuid, NULL, 0)))
		return rc;
	return 0;
}

/* An interned table, from its section of texts, numbered as written. */
static int load_intern(care__snap_reader *r, uint32_t tag, care__intern *t)
{
	const char **texts = NULL;
	size_t n = 0, i;
	uint32_t at;
	int rc = load_array(r, tag, sizeof(care__snap_str), sizeof *texts, care_snapshot__texts,
	                    (void **)&texts, &n, 0);

	for (i = 0; rc == 0 && i < n && r->problem == NULL; i++) {
		if (care_intern__add(t, &r->ds->arena, texts[i], &at) != 0)
			rc = care__error(CARE_ENOMEM, "out of memory");
		else if (at != i)
			rc = bad(r, "a text is repeated in an interned table");
	}
	care__free(texts);
	return rc;
}

static uint64_t kind_count(const care__snap_reader *r, int kind)
{
	static const uint32_t tags[CARE_KIND_COUNT] = {0,
	                                               CARE__SNAP_UNITS,
	                                               CARE__SNAP_ROLES,
	                                               CARE__SNAP_MODULES,
	                                               CARE__SNAP_STAFF,
	                                               CARE__SNAP_C_STAFF,
	                                               CARE__SNAP_INTERACTIONS,
	                                               CARE__SNAP_COMPLAINTS};
	return tags[kind] ? care_snapshot__count_of(r, tags[kind]) : 0;
}

/* The id indexes as written: every slot empty or a record of the kind, one slot per
 * record, and at least one empty slot so that a search ends. */
static int load_ids(care__snap_reader *r)
{
	int k;

	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		care__id_index *ix = &r->ds->ids[k];
		uint64_t records = kind_count(r, k);
		size_t cap = 0;
		int rc;

		r->slot_records = records;
		r->slot_used = 0;
		rc = BORROW(CARE__SNAP_IDS + (uint32_t)k, sizeof(care__snap_slot),
		            care_snapshot__slots, &ix->slots, &cap, records > 0);
		if (rc != 0)
			return rc;
		if (r->problem)
			return bad(r, r->problem);
		if (cap == 0)
			ix->slots = NULL; /* an empty index has no slots */
		if (r->slot_used != records || (cap > 0 && r->slot_used >= cap))
			return bad(r, "an id index does not hold one slot per record");
		ix->cap = cap;
		ix->count = (size_t)records;
	}
	return 0;
}

/* The costly parts of the sealed index, as written: each person's held completions from
 * 0 without going back to their number, each a competency that is there, and each
 * assignment's manager someone who is there. */
static int load_index(care__snap_reader *r, care__index_given *given)
{
	uint64_t staff = care_snapshot__count_of(r, CARE__SNAP_STAFF);
	size_t firsts = 0, held = 0, managers = 0;
	int rc;

	/* Too many competencies for a held completion to name: the open builds the index. */
	if (care_snapshot__count_of(r, CARE__SNAP_COMPETENCIES) > CARE__HELD_COMPETENCIES)
		return r->at[CARE__SNAP_HELD_FIRST] || r->at[CARE__SNAP_HELD] ||
		               r->at[CARE__SNAP_MANAGER]
		           ? bad(r, "the sealed index is there with too many competencies")
		           : 0;
	if ((rc = BORROW(CARE__SNAP_HELD_FIRST, 4, care_snapshot__held_first, &given->held_first,
	                 &firsts, 1)) ||
	    (rc = BORROW(CARE__SNAP_HELD, sizeof(care__snap_held), care_snapshot__held,
	                 &given->held, &held, 1)) ||
	    (rc = BORROW(CARE__SNAP_MANAGER, 4, care_snapshot__manager, &given->manager, &managers,
	                 1)))
		return rc;
	if (firsts != staff + 1 || given->held_first[staff] != held ||
	    managers != care_snapshot__count_of(r, CARE__SNAP_ASSIGNMENTS))
		return bad(r, "the sealed index does not match the records");
	return 0;
}

static int load_rejected(care__snap_reader *r)
{
	care_dataset *ds = r->ds;
	int k, rc;

	for (k = CARE_KIND_DATASET; k < CARE_KIND_COUNT; k++) {
		if ((rc = load_array(r, CARE__SNAP_REJECTED + (uint32_t)k,
		                     sizeof(care__snap_rejected), sizeof(care__rejected),
		                     care_snapshot__rejected, (void **)&ds->rejected[k],
		                     &ds->rejected_count[k], 0)) != 0 ||
		    (rc = load_intern(r, CARE__SNAP_REJECTED_IDS + (uint32_t)k,
		                      &ds->rejected_ids[k])) != 0)
			return rc;
		ds->rejected_cap[k] = ds->rejected_count[k];
	}
	return 0;
}

/*
 * The other half of an open, on a second thread while the first converts the records and
 * checks the id indexes: the checksum of the strings, the columns of completions and the
 * sealed index, all borrowed. It reads the image and writes only its own state (a copy of
 * the reader's, for the problems it finds); it allocates nothing.
 */
typedef struct helper {
	care__snap_reader r;
	care__completions columns;
	care__index_given given;
	int rc;
	char message[512]; /* the last error of its thread, when rc is not 0 */
} helper;

static void *help(void *arg)
{
	helper *h = arg;
	const care__snap_entry *e = h->r.at[CARE__SNAP_STRINGS];

	h->rc = 0;
	if (care_snapshot_sum__of(h->r.data + e->offset, (size_t)care__snap_extent(e->count, 1)) !=
	    e->sum)
		h->rc =
		    bad(&h->r, "the checksum of the strings does not match (damaged or altered)");
	if (h->rc == 0)
		h->rc = load_columns(&h->r, &h->columns);
	if (h->rc == 0)
		h->rc = load_index(&h->r, &h->given);
	if (h->rc == 0 && h->r.problem)
		h->rc = bad(&h->r, h->r.problem);
	if (h->rc != 0)
		snprintf(h->message, sizeof h->message, "%s", care_error_last());
	return NULL;
}

/* The records (on this thread) and the helper's half; the first error found is kept, this
 * thread's before the helper's, so that a file always gives the same message. */
static int load_all(care__snap_reader *r, helper *h, care__index_given *given)
{
	care__completions *c = &r->ds->completions;
	pthread_t thread;
	int started, rc;

	if ((rc = load_strings_and_meta(r)) != 0)
		return rc;
	memcpy(&h->r, r, sizeof h->r);
	started = pthread_create(&thread, NULL, help, h) == 0;
	if ((rc = load_records(r)) == 0 && (rc = load_completion_ids(r)) == 0 &&
	    (rc = load_intern(r, CARE__SNAP_COMPETENCIES, &r->ds->competencies)) == 0 &&
	    (rc = load_intern(r, CARE__SNAP_SOURCES, &r->ds->sources)) == 0 &&
	    (rc = load_ids(r)) == 0 && (rc = load_rejected(r)) == 0 && r->problem)
		rc = bad(r, r->problem);
	if (started)
		pthread_join(thread, NULL);
	else
		help(h);
	if (rc == 0 && h->rc != 0)
		rc = care__error(h->rc, "%s", h->message);
	if (rc == 0) {
		c->staff = h->columns.staff;
		c->module = h->columns.module;
		c->completed_on = h->columns.completed_on;
		c->outcome = h->columns.outcome;
		c->score100 = h->columns.score100;
		c->score = h->columns.score;
		c->source = h->columns.source;
		c->count = c->cap = h->columns.count;
		*given = h->given;
	}
	return rc;
}

int care_snapshot_read__image(care_dataset **out, const unsigned char *data, size_t len,
                              const char *name)
{
	care__snap_reader *r = care__calloc(1, sizeof *r);
	helper *h = care__calloc(1, sizeof *h);
	care__index_given given = {NULL, NULL, NULL};
	int rc;

	*out = NULL;
	if (r == NULL || h == NULL) {
		care__free(r);
		care__free(h);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	r->data = data;
	r->len = len;
	r->name = name;
	rc = check_front(r);
	if (rc == 0 && (rc = care_dataset_new(&r->ds)) == 0) {
		r->ds->borrowed = data;
		r->ds->borrowed_len = len;
	}
	if (rc == 0 && (rc = load_all(r, h, &given)) == 0)
		rc = care_dataset__seal_given(r->ds, given.held_first ? &given : NULL);
	if (rc == 0)
		*out = r->ds;
	else
		care_dataset_free(r->ds);
	care__free(r);
	care__free(h);
	return rc;
}

int care_dataset_open_snapshot(care_dataset **out, const char *path)
{
	struct stat st;
	void *map = NULL;
	int fd, rc;

	if (out == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_open_snapshot: bad argument");
	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return care__error(CARE_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		rc = care__error(CARE_EIO, "%s: %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	if (st.st_size > 0) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED) {
			rc = care__error(CARE_EIO, "%s: cannot map it: %s", path, strerror(errno));
			close(fd);
			return rc;
		}
		(void)posix_madvise(map, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
	}
	close(fd);
	rc = care_snapshot_read__image(out, map ? map : (const void *)"", (size_t)st.st_size, path);
	if (rc == 0 && map) { /* the dataset borrows from the mapping: it keeps it */
		(*out)->file.base = map;
		(*out)->file.map_len = (size_t)st.st_size;
		(*out)->file.data = map;
		(*out)->file.len = (size_t)st.st_size;
	} else if (map) {
		munmap(map, (size_t)st.st_size);
	}
	return rc;
}
