/*
 * Writing the snapshot file (docs/snapshot.md): each array of the dataset as a section of
 * fixed-size little-endian records, text as offsets into one strings section written last,
 * streamed through two buffered writers (records, strings) into a temporary file that is
 * renamed over the target.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset/dataset.h"
#include "dataset/ids.h"
#include "dataset/index.h"
#include "io/snapshot.h"
#include "util/alloc.h"
#include "util/error.h"

#define OUT_BUF (1u << 20)

/* A buffered writer at a position of the file, summing what it writes. */
typedef struct out {
	int fd;
	uint64_t pos; /* of buf[0] in the file */
	unsigned char *buf;
	size_t n;
	care__snap_sum sum;
	int failed; /* errno of a failed write, or 0 */
} out;

typedef struct writer {
	const care_dataset *ds;
	const struct care__index *index;      /* the dataset's, or built for the save */
	const care__id_index *completion_ids; /* the dataset's, or made for the save */
	out rec, str;
	uint64_t str_start;      /* file offset of the strings section */
	care__snap_entry *table; /* entries written so far */
	size_t sections;
} writer;

static void flush(out *o)
{
	size_t done = 0;

	while (done < o->n && !o->failed) {
		ssize_t k = pwrite(o->fd, o->buf + done, o->n - done, (off_t)(o->pos + done));
		if (k < 0 && errno != EINTR)
			o->failed = errno ? errno : EIO;
		else if (k > 0)
			done += (size_t)k;
	}
	o->pos += o->n;
	o->n = 0;
}

static void put(out *o, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (o->fd < 0) { /* a dry run: only the offsets move */
		o->pos += len;
		return;
	}
	care_snapshot_sum__update(&o->sum, p, len);
	while (len) {
		size_t take = OUT_BUF - o->n < len ? OUT_BUF - o->n : len;
		memcpy(o->buf + o->n, p, take);
		o->n += take;
		p += take;
		len -= take;
		if (o->n == OUT_BUF)
			flush(o);
	}
}

static uint64_t out_offset(const out *o)
{
	return o->pos + o->n;
}

/* The offset of a copy of s in the strings section; 0 for NULL. */
static care__snap_str text_len(writer *w, const char *s, size_t len)
{
	uint64_t at;

	if (s == NULL)
		return 0;
	at = out_offset(&w->str) - w->str_start;
	put(&w->str, s, len);
	put(&w->str, "", 1);
	return at;
}

static care__snap_str text(writer *w, const char *s)
{
	return s ? text_len(w, s, strlen(s)) : 0;
}

/* Zeros up to the next multiple of 8 bytes from `start`: a section's padding, summed with it. */
static void pad(out *o, uint64_t start)
{
	static const unsigned char zero[CARE__SNAP_ALIGN];
	uint64_t n = out_offset(o) - start;

	put(o, zero, (size_t)(care__snap_extent(n, 1) - n));
}

static void begin(writer *w, uint32_t tag, uint32_t size, uint64_t count)
{
	care__snap_entry *e = &w->table[w->sections++];
	uint64_t at = out_offset(&w->rec);

	care_snapshot_sum__init(&w->rec.sum);
	e->tag = tag;
	e->size = size;
	e->offset = at;
	e->count = count;
}

static void end(writer *w)
{
	pad(&w->rec, w->table[w->sections - 1].offset);
	w->table[w->sections - 1].sum = care_snapshot_sum__digest(&w->rec.sum);
}

/* A section that is an array of the dataset as it is held (columns, slots, indexes). */
static void raw(writer *w, uint32_t tag, const void *data, uint32_t size, size_t count)
{
	begin(w, tag, size, count);
	if (count)
		put(&w->rec, data, size * count);
	end(w);
}

#define REC(w, r) put(&(w)->rec, &(r), sizeof(r))

static void write_header_records(writer *w)
{
	const care_dataset *ds = w->ds;
	care__snap_meta m;
	size_t i;

	memset(&m, 0, sizeof m);
	m.ods_code = text(w, ds->ods_code);
	m.name = text(w, ds->name);
	m.extracted_on = ds->extracted_on;
	begin(w, CARE__SNAP_META, sizeof m, 1);
	REC(w, m);
	end(w);
	raw(w, CARE__SNAP_NON_WORKING, ds->non_working_days, sizeof(care_date),
	    ds->non_working_day_count);
	begin(w, CARE__SNAP_UNITS, sizeof(care__snap_unit), ds->unit_count);
	for (i = 0; i < ds->unit_count; i++) {
		care__snap_unit r;
		memset(&r, 0, sizeof r);
		r.id = text(w, ds->units[i].id);
		r.name = text(w, ds->units[i].name);
		r.parent = ds->units[i].parent;
		REC(w, r);
	}
	end(w);
	begin(w, CARE__SNAP_ROLES, sizeof(care__snap_role), ds->role_count);
	for (i = 0; i < ds->role_count; i++) {
		const care__role *x = &ds->roles[i];
		care__snap_role r;
		memset(&r, 0, sizeof r);
		r.id = text(w, x->id);
		r.title = text(w, x->title);
		r.first_requirement = x->first_requirement;
		r.requirement_count = x->requirement_count;
		r.staff_group = x->staff_group;
		r.patient_facing = x->patient_facing;
		r.clinical = x->clinical;
		REC(w, r);
	}
	end(w);
	begin(w, CARE__SNAP_REQUIREMENTS, sizeof(care__snap_requirement), ds->requirement_count);
	for (i = 0; i < ds->requirement_count; i++) {
		const care__requirement *x = &ds->requirements[i];
		care__snap_requirement r = {x->competency, x->due_within_days, x->from, x->to};
		REC(w, r);
	}
	end(w);
	begin(w, CARE__SNAP_MODULES, sizeof(care__snap_module), ds->module_count);
	for (i = 0; i < ds->module_count; i++) {
		const care__module *x = &ds->modules[i];
		care__snap_module r;
		memset(&r, 0, sizeof r);
		r.id = text(w, x->id);
		r.title = text(w, x->title);
		r.provider = text(w, x->provider);
		r.xapi_activity = text(w, x->xapi_activity);
		r.competency_as_written = text(w, x->competency_as_written);
		r.competency = x->competency;
		r.validity_months = x->validity_months;
		r.duration_minutes = x->duration_minutes;
		r.delivery = x->delivery;
		r.pass_mark = x->pass_mark;
		r.cost_pence = x->cost_pence;
		REC(w, r);
	}
	end(w);
}

static void write_people(writer *w)
{
	const care_dataset *ds = w->ds;
	size_t i;

	begin(w, CARE__SNAP_STAFF, sizeof(care__snap_staff), ds->staff_count);
	for (i = 0; i < ds->staff_count; i++) {
		const care__staff *x = &ds->staff[i];
		care__snap_staff r;
		memset(&r, 0, sizeof r);
		r.id = text(w, x->id);
		r.name = text(w, x->name);
		r.started_on = x->started_on;
		r.left_on = x->left_on;
		r.first_assignment = x->first_assignment;
		r.assignment_count = x->assignment_count;
		r.first_exemption = x->first_exemption;
		r.exemption_count = x->exemption_count;
		REC(w, r);
	}
	end(w);
	begin(w, CARE__SNAP_ASSIGNMENTS, sizeof(care__snap_assignment), ds->assignment_count);
	for (i = 0; i < ds->assignment_count; i++) {
		const care__assignment *x = &ds->assignments[i];
		care__snap_assignment r;
		memset(&r, 0, sizeof r);
		r.role = x->role;
		r.unit = x->unit;
		r.from = x->from;
		r.to = x->to;
		r.manager = text(w, x->manager);
		REC(w, r);
	}
	end(w);
	begin(w, CARE__SNAP_EXEMPTIONS, sizeof(care__snap_exemption), ds->exemption_count);
	for (i = 0; i < ds->exemption_count; i++) {
		const care__exemption *x = &ds->exemptions[i];
		care__snap_exemption r;
		memset(&r, 0, sizeof r);
		r.competency = x->competency;
		r.from = x->from;
		r.to = x->to;
		r.reason = text(w, x->reason);
		REC(w, r);
	}
	end(w);
}

static void write_completions(writer *w)
{
	const care__completions *c = &w->ds->completions;
	size_t i;

	raw(w, CARE__SNAP_C_STAFF, c->staff, sizeof *c->staff, c->count);
	if (c->module.narrow)
		raw(w, CARE__SNAP_C_MODULE16, c->module.narrow, sizeof *c->module.narrow, c->count);
	else
		raw(w, CARE__SNAP_C_MODULE, c->module.wide, sizeof *c->module.wide, c->count);
	raw(w, CARE__SNAP_C_DATE, c->completed_on, sizeof *c->completed_on, c->count);
	raw(w, CARE__SNAP_C_OUTCOME, c->outcome, sizeof *c->outcome, c->count);
	if (c->score100)
		raw(w, CARE__SNAP_C_SCORE100, c->score100, sizeof *c->score100, c->count);
	if (c->score)
		raw(w, CARE__SNAP_C_SCORE, c->score, sizeof *c->score, c->count);
	if (c->source.narrow)
		raw(w, CARE__SNAP_C_SOURCE16, c->source.narrow, sizeof *c->source.narrow, c->count);
	if (c->source.wide)
		raw(w, CARE__SNAP_C_SOURCE, c->source.wide, sizeof *c->source.wide, c->count);
	if (c->uuid)
		raw(w, CARE__SNAP_C_UUID, c->uuid, sizeof *c->uuid, c->count);
	if (c->id) {
		begin(w, CARE__SNAP_C_ID, sizeof(care__snap_str), c->count);
		for (i = 0; i < c->count; i++) {
			care__snap_str s = text(w, c->id[i]);
			REC(w, s);
		}
		end(w);
	}
}

/* The costly parts of the sealed index, so that an open does not build them again. */
static void write_index(writer *w)
{
	const care_dataset *ds = w->ds;
	const struct care__index *ix = w->index;

	if (ix->held_competency) /* too many competencies for care__held: built on open */
		return;
	raw(w, CARE__SNAP_HELD_FIRST, ix->held_first, sizeof *ix->held_first, ds->staff_count + 1);
	raw(w, CARE__SNAP_HELD, ix->held, sizeof *ix->held, ix->held_first[ds->staff_count]);
	raw(w, CARE__SNAP_MANAGER, ix->manager, sizeof *ix->manager, ds->assignment_count);
}

static void write_contacts(writer *w)
{
	const care_dataset *ds = w->ds;
	size_t i;

	begin(w, CARE__SNAP_INTERACTIONS, sizeof(care__snap_interaction), ds->interaction_count);
	for (i = 0; i < ds->interaction_count; i++) {
		const care__interaction *x = &ds->interactions[i];
		care__snap_interaction r;
		memset(&r, 0, sizeof r);
		r.id = text(w, x->id);
		r.appointment_ref = text(w, x->appointment_ref);
		r.patient_ref = text(w, x->patient_ref);
		r.staff = x->staff;
		r.date = x->date;
		r.hms = x->hms;
		r.nanos = x->nanos;
		r.duration_seconds = x->duration_seconds;
		r.offset_minutes = x->offset_minutes;
		r.specialty = x->specialty;
		r.frac_digits = x->frac_digits;
		r.zulu = x->zulu;
		r.channel = x->channel;
		r.kind = x->kind;
		r.outcome = x->outcome;
		REC(w, r);
	}
	end(w);
	begin(w, CARE__SNAP_COMPLAINTS, sizeof(care__snap_complaint), ds->complaint_count);
	for (i = 0; i < ds->complaint_count; i++) {
		const care__complaint *x = &ds->complaints[i];
		care__snap_complaint r;
		memset(&r, 0, sizeof r);
		r.id = text(w, x->id);
		r.received_on = x->received_on;
		r.acknowledged_on = x->acknowledged_on;
		r.closed_on = x->closed_on;
		r.subjects = x->subjects;
		r.interaction = x->interaction;
		r.first_staff = x->first_staff;
		r.staff_count = x->staff_count;
		r.outcome = x->outcome;
		REC(w, r);
	}
	end(w);
	raw(w, CARE__SNAP_COMPLAINT_STAFF, ds->complaint_staff, sizeof *ds->complaint_staff,
	    ds->complaint_staff_count);
}

static void write_texts(writer *w, uint32_t tag, const care__intern *t)
{
	size_t i;

	begin(w, tag, sizeof(care__snap_str), t->count);
	for (i = 0; i < t->count; i++) {
		care__snap_str s = text(w, t->text[i]);
		REC(w, s);
	}
	end(w);
}

static void write_tables(writer *w)
{
	const care_dataset *ds = w->ds;
	int k;
	size_t i;

	write_texts(w, CARE__SNAP_COMPETENCIES, &ds->competencies);
	write_texts(w, CARE__SNAP_SOURCES, &ds->sources);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		const care__id_index *ix =
		    k == CARE_KIND_COMPLETION ? w->completion_ids : &ds->ids[k];
		begin(w, CARE__SNAP_IDS + (uint32_t)k, sizeof(care__snap_slot), ix->cap);
		for (i = 0; i < ix->cap; i++) {
			/* An empty slot's hash is never set: write 0, so a file is a function
			 * of its dataset. */
			care__snap_slot slot = {ix->slots[i].index, 0};
			if (slot.index != CARE__NO)
				slot.hash = ix->slots[i].hash;
			REC(w, slot);
		}
		end(w);
	}
	for (k = CARE_KIND_DATASET; k < CARE_KIND_COUNT; k++) {
		if (ds->rejected_count[k] == 0 && ds->rejected_ids[k].count == 0)
			continue;
		begin(w, CARE__SNAP_REJECTED + (uint32_t)k, sizeof(care__snap_rejected),
		      ds->rejected_count[k]);
		for (i = 0; i < ds->rejected_count[k]; i++) {
			care__snap_rejected r;
			r.len = ds->rejected[k][i].len;
			r.text = text_len(w, ds->rejected[k][i].text, ds->rejected[k][i].len);
			REC(w, r);
		}
		end(w);
		write_texts(w, CARE__SNAP_REJECTED_IDS + (uint32_t)k, &ds->rejected_ids[k]);
	}
}

/* The most sections a dataset can need. */
#define MAX_SECTIONS (CARE__SNAP_TAGS)

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/* Header and table, at the start of the file, once every section is written. */
static void write_front(writer *w, uint64_t table_at, uint64_t file_size)
{
	unsigned char *front = w->rec.buf; /* flushed: free to use */
	size_t i, table_len = w->sections * CARE__SNAP_ENTRY;

	memset(front, 0, CARE__SNAP_HEADER + table_len);
	for (i = 0; i < w->sections; i++) {
		unsigned char *e = front + table_at + i * CARE__SNAP_ENTRY;
		put32(e, w->table[i].tag);
		put32(e + 4, w->table[i].size);
		put64(e + 8, w->table[i].offset);
		put64(e + 16, w->table[i].count);
		put64(e + 24, w->table[i].sum);
	}
	memcpy(front, CARE__SNAP_MAGIC, 8);
	put32(front + CARE__SNAP_H_VERSION, CARE__SNAP_VERSION);
	put32(front + CARE__SNAP_H_ORDER, CARE__SNAP_BYTE_ORDER);
	put64(front + CARE__SNAP_H_SIZE, file_size);
	put32(front + CARE__SNAP_H_SECTIONS, (uint32_t)w->sections);
	put32(front + CARE__SNAP_H_ENTRY, CARE__SNAP_ENTRY);
	put64(front + CARE__SNAP_H_TABLE, table_at);
	put64(front + CARE__SNAP_H_TABLE_SUM, care_snapshot_sum__of(front + table_at, table_len));
	put64(front + CARE__SNAP_H_SUM, care_snapshot_sum__of(front, CARE__SNAP_H_SUM));
	w->rec.pos = 0;
	w->rec.n = CARE__SNAP_HEADER + table_len;
	flush(&w->rec);
}

static void write_sections(writer *w)
{
	write_header_records(w);
	write_people(w);
	write_completions(w);
	write_index(w);
	write_contacts(w);
	write_tables(w);
}

/*
 * Everything but the front. A dry run (no file) first gives the number of sections and
 * the bytes of the record sections, so the strings section can follow them exactly.
 */
static int write_body(writer *w, uint64_t *file_size)
{
	uint64_t table_at = CARE__SNAP_HEADER, first, str_len;
	int fd = w->rec.fd;

	w->rec.fd = w->str.fd = -1;
	write_sections(w);
	first = table_at + (w->sections + 1) * CARE__SNAP_ENTRY;
	w->str_start = first + out_offset(&w->rec); /* sections end on a multiple of 8 */
	w->sections = 0;
	w->rec.fd = w->str.fd = fd;
	w->rec.pos = first;
	w->rec.n = 0;
	w->str.pos = w->str_start;
	w->str.n = 0;
	care_snapshot_sum__init(&w->str.sum);
	put(&w->str, "", 1);
	write_sections(w);
	/* The strings section ends with a NUL (every string has its own). */
	str_len = out_offset(&w->str) - w->str_start;
	pad(&w->str, w->str_start);
	flush(&w->rec);
	flush(&w->str);
	w->table[w->sections].tag = CARE__SNAP_STRINGS;
	w->table[w->sections].size = 1;
	w->table[w->sections].offset = w->str_start;
	w->table[w->sections].count = str_len;
	w->table[w->sections].sum = care_snapshot_sum__digest(&w->str.sum);
	w->sections++;
	*file_size = w->str_start + care__snap_extent(str_len, 1);
	if (w->rec.failed || w->str.failed)
		return w->rec.failed ? w->rec.failed : w->str.failed;
	write_front(w, table_at, *file_size);
	return w->rec.failed;
}

int care_dataset_save_snapshot(const care_dataset *ds, const char *path)
{
	writer w;
	struct care__index *built = NULL;
	care__id_index made = {NULL, 0, 0};
	char *tmp;
	size_t plen;
	uint64_t size = 0;
	int rc, e = 0;
	struct stat st;

	if (ds == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_save_snapshot: bad argument");
	memset(&w, 0, sizeof w);
	w.ds = ds;
	plen = strlen(path);
	tmp = care__malloc(plen + 16);
	w.rec.buf = care__malloc(OUT_BUF);
	w.str.buf = care__malloc(OUT_BUF);
	w.table = care__calloc(MAX_SECTIONS, sizeof *w.table);
	if (tmp == NULL || w.rec.buf == NULL || w.str.buf == NULL || w.table == NULL) {
		rc = care__error(CARE_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp.XXXXXX", 12);
	w.rec.fd = w.str.fd = mkstemp(tmp);
	if (w.rec.fd < 0) {
		rc = care__error(CARE_EIO, "%s: cannot create a temporary file: %s", path,
		                 strerror(errno));
		goto done;
	}
	w.index = ds->sealed ? ds->index : NULL;
	if (w.index == NULL) { /* not sealed: build the index for the file, as seal would */
		if (care_index__build(&built, ds) != 0) {
			close(w.rec.fd);
			unlink(tmp);
			rc = care__error(CARE_ENOMEM, "out of memory");
			goto done;
		}
		w.index = built;
	}
	/* A seal released the completion ids: the file has them all the same, from an index made
	 * for it and dropped after, so the dataset stays as small as the seal left it. */
	w.completion_ids = &ds->ids[CARE_KIND_COMPLETION];
	if (care_ids__completions_released(ds)) {
		if (care_ids__completions_index(ds, &made) != 0) {
			close(w.rec.fd);
			unlink(tmp);
			rc = care__error(CARE_ENOMEM, "out of memory indexing the completion ids");
			goto done;
		}
		w.completion_ids = &made;
	}
	e = write_body(&w, &size);
	if (e == 0 && fchmod(w.rec.fd, stat(path, &st) == 0 ? st.st_mode & 07777 : 0644) != 0)
		e = errno;
	if (e == 0 && fsync(w.rec.fd) != 0)
		e = errno;
	if (close(w.rec.fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		rc = care__error(CARE_EIO, "%s: %s", path, strerror(e));
	} else {
		rc = 0;
	}
done:
	care__free(tmp);
	care__free(w.rec.buf);
	care__free(w.str.buf);
	care__free(w.table);
	care_index__free(built);
	care_idindex__free(&made);
	return rc;
}
