/*
 * Opening the snapshot file (docs/snapshot.md): map it, check the header and the table of
 * sections, then copy each section once into the dataset's own arrays, summing it as it
 * goes and checking every value that could lead a reader astray (a reference, an
 * enumeration, a range, a text offset). The indexes that seal builds are rebuilt; the id
 * indexes are taken as written. Nothing of the dataset points into the mapping.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset/dataset.h"
#include "io/snapshot.h"
#include "util/alloc.h"
#include "util/error.h"

#define CHUNK (1u << 18) /* summed and copied while it is in the cache */

_Static_assert(sizeof(care__snap_slot) == sizeof(care__id_slot), "id slots are written as held");

typedef struct reader {
	const unsigned char *data;
	size_t len;
	const char *name;
	const care__snap_entry *at[CARE__SNAP_TAGS]; /* by tag, NULL when absent */
	care__snap_entry entries[CARE__SNAP_MAX_SECTIONS];
	care_dataset *ds;
	const char *strings; /* the strings section, in the arena */
	uint64_t strings_len;
	const char *problem; /* the first bad value found, if any */
} reader;

static uint32_t rd32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static int bad(const reader *r, const char *what)
{
	return care__error(CARE_EFORMAT, "%s: not a usable snapshot: %s", r->name, what);
}

/* The header and the table: magic, version, sizes, sums, every section in bounds. */
static int check_front(reader *r)
{
	const unsigned char *d = r->data;
	uint64_t table, size;
	uint32_t n, i;

	if (r->len < CARE__SNAP_HEADER || memcmp(d, CARE__SNAP_MAGIC, 8) != 0)
		return r->len >= 8 && memcmp(d, CARE__SNAP_MAGIC, 8) == 0
		           ? bad(r, "truncated (shorter than its header)")
		           : bad(r, "no snapshot magic at the start (is it a dataset file?)");
	if (rd32(d + CARE__SNAP_H_ORDER) != CARE__SNAP_BYTE_ORDER)
		return bad(r, "written with another byte order");
	if (rd32(d + CARE__SNAP_H_VERSION) != CARE__SNAP_VERSION)
		return care__error(CARE_EFORMAT, "%s: snapshot version %u; this library reads version %u",
		                   r->name, rd32(d + CARE__SNAP_H_VERSION), CARE__SNAP_VERSION);
	if (rd64(d + CARE__SNAP_H_SUM) != care_snapshot_sum__of(d, CARE__SNAP_H_SUM))
		return bad(r, "the header's checksum does not match (damaged or altered)");
	size = rd64(d + CARE__SNAP_H_SIZE);
	if (size != r->len)
		return care__error(CARE_EFORMAT,
		                   "%s: not a usable snapshot: %s (%zu bytes where the header says %llu)",
		                   r->name, size > r->len ? "truncated" : "has bytes past its end",
		                   r->len, (unsigned long long)size);
	n = rd32(d + CARE__SNAP_H_SECTIONS);
	table = rd64(d + CARE__SNAP_H_TABLE);
	if (rd32(d + CARE__SNAP_H_ENTRY) != CARE__SNAP_ENTRY || n > CARE__SNAP_MAX_SECTIONS ||
	    table < CARE__SNAP_HEADER || table > r->len || n * CARE__SNAP_ENTRY > r->len - table)
		return bad(r, "the table of sections is out of bounds");
	if (rd64(d + CARE__SNAP_H_TABLE_SUM) !=
	    care_snapshot_sum__of(d + table, n * CARE__SNAP_ENTRY))
		return bad(r, "the table's checksum does not match (damaged or altered)");
	for (i = 0; i < n; i++) {
		const unsigned char *e = d + table + (size_t)i * CARE__SNAP_ENTRY;
		care__snap_entry *x = &r->entries[i];
		x->tag = rd32(e);
		x->size = rd32(e + 4);
		x->offset = rd64(e + 8);
		x->count = rd64(e + 16);
		x->sum = rd64(e + 24);
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
static const care__snap_entry *section(reader *r, uint32_t tag, uint32_t size, int required)
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

static uint64_t count_of(const reader *r, uint32_t tag)
{
	return r->at[tag] ? r->at[tag]->count : 0;
}

typedef void (*convert_fn)(reader *r, void *dst, const unsigned char *src, size_t first,
                           size_t n);

/* Sum section e while converting it, chunk by chunk, into dst (records of dsize bytes). */
static int load_section(reader *r, const care__snap_entry *e, void *dst, size_t dsize,
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
	care_snapshot_sum__update(&sum, r->data + e->offset + e->count * e->size,
	                          (size_t)(care__snap_extent(e->count, e->size) - e->count * e->size));
	if (care_snapshot_sum__digest(&sum) != e->sum)
		return care__error(CARE_EFORMAT,
		                   "%s: not a usable snapshot: the checksum of section %u does not "
		                   "match (damaged or altered)",
		                   r->name, e->tag);
	return 0;
}

/* ---- checks of values ---- */

static void problem(reader *r, int ok, const char *what)
{
	if (!ok && r->problem == NULL)
		r->problem = what;
}

static const char *text(reader *r, care__snap_str off, int optional)
{
	if (off == 0) {
		problem(r, optional, "a required text is missing");
		return NULL;
	}
	problem(r, off < r->strings_len, "a text is out of bounds");
	return off < r->strings_len ? r->strings + off : "";
}

static int date_ok(int32_t d, int optional)
{
	return (d >= CARE_DATE_MIN && d <= CARE_DATE_MAX) || (optional && d == CARE_DATE_NONE);
}

static int ref_ok(uint32_t v, uint64_t count, int optional)
{
	return v < count || (optional && v == CARE__NO);
}

static int span_ok(uint32_t first, uint32_t n, uint64_t count)
{
	return (uint64_t)first + n <= count;
}

/* ---- conversions, one per section ---- */

#define EACH(type)                                                                                 \
	const type *in = (const void *)src;                                                        \
	size_t i;                                                                                  \
	(void)first;                                                                               \
	for (i = 0; i < n; i++)

static void conv_units(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	care__unit *out = dst;
	EACH(care__snap_unit)
	{
		care__snap_unit x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = text(r, x.id, 0);
		out[i].name = text(r, x.name, 0);
		out[i].parent = x.parent;
		problem(r, ref_ok(x.parent, count_of(r, CARE__SNAP_UNITS), 1), "a unit's parent is not there");
	}
}

static void conv_roles(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	care__role *out = dst;
	EACH(care__snap_role)
	{
		care__snap_role x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = text(r, x.id, 0);
		out[i].title = text(r, x.title, 0);
		out[i].first_requirement = x.first_requirement;
		out[i].requirement_count = x.requirement_count;
		out[i].staff_group = x.staff_group;
		out[i].patient_facing = x.patient_facing;
		out[i].clinical = x.clinical;
		problem(r, span_ok(x.first_requirement, x.requirement_count,
		                   count_of(r, CARE__SNAP_REQUIREMENTS)) &&
		               x.staff_group < CARE_STAFF_GROUP_COUNT && x.patient_facing <= 1 &&
		               x.clinical <= 1,
		        "a role is out of range");
	}
}

static void conv_requirements(reader *r, void *dst, const unsigned char *src, size_t first,
                              size_t n)
{
	care__requirement *out = dst;
	EACH(care__snap_requirement)
	{
		care__snap_requirement x;
		memcpy(&x, &in[i], sizeof x);
		out[i].competency = x.competency;
		out[i].due_within_days = x.due_within_days;
		out[i].from = x.from;
		out[i].to = x.to;
		problem(r, ref_ok(x.competency, count_of(r, CARE__SNAP_COMPETENCIES), 0) &&
		               x.due_within_days >= 0 && x.due_within_days <= 3650 &&
		               date_ok(x.from, 1) && date_ok(x.to, 1),
		        "a requirement is out of range");
	}
}

static void conv_modules(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	care__module *out = dst;
	EACH(care__snap_module)
	{
		care__snap_module x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = text(r, x.id, 0);
		out[i].title = text(r, x.title, 0);
		out[i].provider = text(r, x.provider, 1);
		out[i].xapi_activity = text(r, x.xapi_activity, 1);
		out[i].competency_as_written = text(r, x.competency_as_written, 1);
		out[i].competency = x.competency;
		out[i].validity_months = x.validity_months;
		out[i].duration_minutes = x.duration_minutes;
		out[i].pass_mark = x.pass_mark;
		out[i].cost_pence = x.cost_pence;
		out[i].delivery = x.delivery;
		problem(r, ref_ok(x.competency, count_of(r, CARE__SNAP_COMPETENCIES), 0) &&
		               x.validity_months >= 0 && x.validity_months <= 600 &&
		               x.delivery < CARE_DELIVERY_COUNT,
		        "a module is out of range");
	}
}

static void conv_staff(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	care__staff *out = dst;
	EACH(care__snap_staff)
	{
		care__snap_staff x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = text(r, x.id, 0);
		out[i].name = text(r, x.name, 1);
		out[i].started_on = x.started_on;
		out[i].left_on = x.left_on;
		out[i].first_assignment = x.first_assignment;
		out[i].assignment_count = x.assignment_count;
		out[i].first_exemption = x.first_exemption;
		out[i].exemption_count = x.exemption_count;
		problem(r, date_ok(x.started_on, 0) && date_ok(x.left_on, 1) &&
		               span_ok(x.first_assignment, x.assignment_count,
		                       count_of(r, CARE__SNAP_ASSIGNMENTS)) &&
		               span_ok(x.first_exemption, x.exemption_count,
		                       count_of(r, CARE__SNAP_EXEMPTIONS)),
		        "a staff record is out of range");
	}
}

static void conv_assignments(reader *r, void *dst, const unsigned char *src, size_t first,
                             size_t n)
{
	care__assignment *out = dst;
	EACH(care__snap_assignment)
	{
		care__snap_assignment x;
		memcpy(&x, &in[i], sizeof x);
		out[i].role = x.role;
		out[i].unit = x.unit;
		out[i].from = x.from;
		out[i].to = x.to;
		out[i].manager = text(r, x.manager, 1);
		problem(r, ref_ok(x.role, count_of(r, CARE__SNAP_ROLES), 0) &&
		               ref_ok(x.unit, count_of(r, CARE__SNAP_UNITS), 0) &&
		               date_ok(x.from, 0) && date_ok(x.to, 1),
		        "an assignment is out of range");
	}
}

static void conv_exemptions(reader *r, void *dst, const unsigned char *src, size_t first,
                            size_t n)
{
	care__exemption *out = dst;
	EACH(care__snap_exemption)
	{
		care__snap_exemption x;
		memcpy(&x, &in[i], sizeof x);
		out[i].competency = x.competency;
		out[i].from = x.from;
		out[i].to = x.to;
		out[i].reason = text(r, x.reason, 0);
		problem(r, ref_ok(x.competency, count_of(r, CARE__SNAP_COMPETENCIES), 0) &&
		               date_ok(x.from, 0) && date_ok(x.to, 1),
		        "an exemption is out of range");
	}
}

/* The completion columns are copied as they are and checked in place. */
static void conv_ref32(reader *r, void *dst, const unsigned char *src, size_t first, size_t n,
                       uint64_t count, int optional)
{
	uint32_t *out = dst;
	int ok = 1;
	size_t i;

	(void)first;
	memcpy(out, src, n * 4);
	for (i = 0; i < n; i++)
		ok &= ref_ok(out[i], count, optional);
	problem(r, ok, "a completion's reference is out of range");
}

static void conv_c_staff(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	conv_ref32(r, dst, src, first, n, count_of(r, CARE__SNAP_STAFF), 0);
}

static void conv_c_module(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	conv_ref32(r, dst, src, first, n, count_of(r, CARE__SNAP_MODULES), 0);
}

static void conv_c_source(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	conv_ref32(r, dst, src, first, n, count_of(r, CARE__SNAP_SOURCES), 1);
}

static void conv_c_date(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	int32_t *out = dst;
	int ok = 1;
	size_t i;

	(void)first;
	memcpy(out, src, n * 4);
	for (i = 0; i < n; i++)
		ok &= date_ok(out[i], 0);
	problem(r, ok, "a completion's date is out of range");
}

static void conv_c_outcome(reader *r, void *dst, const unsigned char *src, size_t first,
                           size_t n)
{
	uint8_t *out = dst;
	int ok = 1;
	size_t i;

	(void)first;
	memcpy(out, src, n);
	for (i = 0; i < n; i++)
		ok &= out[i] < CARE_COMPLETION_OUTCOME_COUNT;
	problem(r, ok, "a completion's outcome is out of range");
}

static void conv_c_id(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	const char **out = dst;
	EACH(care__snap_str)
	{
		care__snap_str x;
		memcpy(&x, &in[i], sizeof x);
		out[i] = x ? text(r, x, 0) : NULL;
	}
}

static void conv_interactions(reader *r, void *dst, const unsigned char *src, size_t first,
                              size_t n)
{
	care__interaction *out = dst;
	EACH(care__snap_interaction)
	{
		care__snap_interaction x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = text(r, x.id, 0);
		out[i].appointment_ref = text(r, x.appointment_ref, 1);
		out[i].patient_ref = text(r, x.patient_ref, 1);
		out[i].staff = x.staff;
		out[i].date = x.date;
		out[i].hms = x.hms;
		out[i].nanos = x.nanos;
		out[i].duration_seconds = x.duration_seconds;
		out[i].offset_minutes = x.offset_minutes;
		out[i].specialty = x.specialty;
		out[i].frac_digits = x.frac_digits;
		out[i].zulu = x.zulu;
		out[i].channel = x.channel;
		out[i].kind = x.kind;
		out[i].outcome = x.outcome;
		problem(r, ref_ok(x.staff, count_of(r, CARE__SNAP_STAFF), 0) && date_ok(x.date, 0) &&
		               x.hms >= 0 && (x.hms >> 12) < 24 && ((x.hms >> 6) & 63) < 60 &&
		               (x.hms & 63) < 61 && x.nanos >= 0 && x.nanos < 1000000000 &&
		               x.frac_digits <= 9 && x.zulu <= 1 && x.offset_minutes > -1440 &&
		               x.offset_minutes < 1440 && x.specialty >= CARE_NONE &&
		               x.specialty <= 999 && x.channel < CARE_CHANNEL_COUNT &&
		               x.kind < CARE_INTERACTION_KIND_COUNT &&
		               x.outcome < CARE_INTERACTION_OUTCOME_COUNT,
		        "an interaction is out of range");
	}
}

static void conv_complaints(reader *r, void *dst, const unsigned char *src, size_t first,
                            size_t n)
{
	care__complaint *out = dst;
	EACH(care__snap_complaint)
	{
		care__snap_complaint x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = text(r, x.id, 0);
		out[i].received_on = x.received_on;
		out[i].acknowledged_on = x.acknowledged_on;
		out[i].closed_on = x.closed_on;
		out[i].subjects = x.subjects;
		out[i].interaction = x.interaction;
		out[i].first_staff = x.first_staff;
		out[i].staff_count = x.staff_count;
		out[i].outcome = x.outcome;
		problem(r, date_ok(x.received_on, 0) && date_ok(x.acknowledged_on, 1) &&
		               date_ok(x.closed_on, 1) && x.subjects < (1u << CARE_SUBJECT_COUNT) &&
		               ref_ok(x.interaction, count_of(r, CARE__SNAP_INTERACTIONS), 1) &&
		               span_ok(x.first_staff, x.staff_count,
		                       count_of(r, CARE__SNAP_COMPLAINT_STAFF)) &&
		               x.outcome >= CARE_NONE && x.outcome < CARE_COMPLAINT_OUTCOME_COUNT,
		        "a complaint is out of range");
	}
}

static void conv_texts(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	const char **out = dst;
	EACH(care__snap_str)
	{
		care__snap_str x;
		memcpy(&x, &in[i], sizeof x);
		out[i] = text(r, x, 0);
	}
}

static void conv_rejected(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	care__rejected *out = dst;
	EACH(care__snap_rejected)
	{
		care__snap_rejected x;
		memcpy(&x, &in[i], sizeof x);
		out[i].len = 0;
		out[i].text = text(r, x.text, 0);
		if (x.len < r->strings_len && x.text < r->strings_len - x.len)
			out[i].len = (size_t)x.len;
		else
			problem(r, 0, "a rejected record is out of bounds");
	}
}

static void conv_copy8(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	memcpy(dst, src, n * 8); /* scores (any double), id index slots (checked after) */
	(void)r, (void)first;
}

static void conv_dates(reader *r, void *dst, const unsigned char *src, size_t first, size_t n)
{
	conv_c_date(r, dst, src, first, n);
}

static void conv_c_staff_ref(reader *r, void *dst, const unsigned char *src, size_t first,
                             size_t n)
{
	conv_c_staff(r, dst, src, first, n);
}

/* ---- the dataset ---- */

/* Section `tag` into a new array of *count records of dsize bytes (none when absent and not
 * required); 0, or an error with the last error set. */
static int load_array(reader *r, uint32_t tag, uint32_t size, size_t dsize, convert_fn fn,
                      void **dst, size_t *count, int required)
{
	const care__snap_entry *e = section(r, tag, size, required);
	void *p;

	if (e == NULL)
		return r->problem ? bad(r, r->problem) : 0;
	if (e->count >= CARE__NO)
		return bad(r, "a section has too many records");
	if (e->count == 0)
		return 0;
	p = care__malloc((size_t)e->count * dsize);
	if (p == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	*dst = p;
	if (count)
		*count = (size_t)e->count;
	return load_section(r, e, p, dsize, fn);
}

#define ARRAY(tag, disk, field, fn, required)                                                      \
	load_array(r, tag, sizeof(disk), sizeof *ds->field##s, fn, (void **)&ds->field##s,         \
	           &ds->field##_count, required)

static int load_strings_and_meta(reader *r)
{
	care_dataset *ds = r->ds;
	const care__snap_entry *e = section(r, CARE__SNAP_STRINGS, 1, 1);
	const care__snap_entry *m = section(r, CARE__SNAP_META, sizeof(care__snap_meta), 1);
	care__snap_meta meta;

	if (e == NULL || m == NULL)
		return bad(r, r->problem);
	if (e->count == 0 || r->data[e->offset] != 0 || r->data[e->offset + e->count - 1] != 0)
		return bad(r, "the strings section does not begin and end with a NUL");
	if (care_snapshot_sum__of(r->data + e->offset, (size_t)care__snap_extent(e->count, 1)) !=
	    e->sum)
		return bad(r, "the checksum of the strings does not match (damaged or altered)");
	r->strings = care_arena__strndup(&ds->arena, (const char *)r->data + e->offset,
	                                 (size_t)e->count);
	if (r->strings == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	r->strings_len = e->count;
	if (m->count != 1 ||
	    care_snapshot_sum__of(r->data + m->offset, sizeof meta) != m->sum)
		return bad(r, "the dataset's header section is damaged or altered");
	memcpy(&meta, r->data + m->offset, sizeof meta);
	ds->ods_code = text(r, meta.ods_code, 1);
	ds->name = text(r, meta.name, 1);
	ds->extracted_on = meta.extracted_on;
	problem(r, date_ok(meta.extracted_on, 1), "the extraction date is out of range");
	return 0;
}

/* Units form a tree: every parent line ends at a root (the reports walk up it). */
static int check_unit_tree(reader *r)
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

static int load_records(reader *r)
{
	care_dataset *ds = r->ds;
	int rc;

	if ((rc = ARRAY(CARE__SNAP_NON_WORKING, care_date, non_working_day, conv_dates, 0)) ||
	    (rc = ARRAY(CARE__SNAP_UNITS, care__snap_unit, unit, conv_units, 1)) ||
	    (rc = ARRAY(CARE__SNAP_ROLES, care__snap_role, role, conv_roles, 1)) ||
	    (rc = ARRAY(CARE__SNAP_REQUIREMENTS, care__snap_requirement, requirement,
	                conv_requirements, 1)) ||
	    (rc = ARRAY(CARE__SNAP_MODULES, care__snap_module, module, conv_modules, 1)) ||
	    (rc = load_array(r, CARE__SNAP_STAFF, sizeof(care__snap_staff), sizeof *ds->staff, conv_staff,
	                       (void **)&ds->staff, &ds->staff_count, 1)) ||
	    (rc = ARRAY(CARE__SNAP_ASSIGNMENTS, care__snap_assignment, assignment, conv_assignments,
	                1)) ||
	    (rc = ARRAY(CARE__SNAP_EXEMPTIONS, care__snap_exemption, exemption, conv_exemptions,
	                1)) ||
	    (rc = ARRAY(CARE__SNAP_INTERACTIONS, care__snap_interaction, interaction,
	                conv_interactions, 1)) ||
	    (rc = ARRAY(CARE__SNAP_COMPLAINTS, care__snap_complaint, complaint, conv_complaints,
	                1)) ||
	    (rc = load_array(r, CARE__SNAP_COMPLAINT_STAFF, 4, 4, conv_c_staff_ref,
	                       (void **)&ds->complaint_staff, &ds->complaint_staff_count, 1)))
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

static int load_completions(reader *r)
{
	care__completions *c = &r->ds->completions;
	static const uint32_t optional[] = {CARE__SNAP_C_SCORE, CARE__SNAP_C_SOURCE, CARE__SNAP_C_ID};
	size_t n = 0, k;
	int rc;

	if ((rc = load_array(r, CARE__SNAP_C_STAFF, 4, 4, conv_c_staff, (void **)&c->staff, &n,
	                     1)) != 0)
		return rc;
	if (count_of(r, CARE__SNAP_C_MODULE) != n || count_of(r, CARE__SNAP_C_DATE) != n ||
	    count_of(r, CARE__SNAP_C_OUTCOME) != n)
		return bad(r, "the completions' columns differ in length");
	for (k = 0; k < sizeof optional / sizeof *optional; k++)
		if (r->at[optional[k]] && r->at[optional[k]]->count != n)
			return bad(r, "the completions' columns differ in length");
	if ((rc = load_array(r, CARE__SNAP_C_MODULE, 4, 4, conv_c_module, (void **)&c->module,
	                     NULL, 1)) ||
	    (rc = load_array(r, CARE__SNAP_C_DATE, 4, 4, conv_c_date, (void **)&c->completed_on,
	                     NULL, 1)) ||
	    (rc = load_array(r, CARE__SNAP_C_OUTCOME, 1, 1, conv_c_outcome, (void **)&c->outcome,
	                     NULL, 1)) ||
	    (rc = load_array(r, CARE__SNAP_C_SCORE, 8, 8, conv_copy8, (void **)&c->score, NULL,
	                     0)) ||
	    (rc = load_array(r, CARE__SNAP_C_SOURCE, 4, 4, conv_c_source, (void **)&c->source,
	                     NULL, 0)) ||
	    (rc = load_array(r, CARE__SNAP_C_ID, sizeof(care__snap_str), sizeof(const char *),
	                     conv_c_id, (void **)&c->id, NULL, 0)))
		return rc;
	c->count = c->cap = n;
	return 0;
}

/* An interned table, from its section of texts, numbered as written. */
static int load_intern(reader *r, uint32_t tag, care__intern *t)
{
	const char **texts = NULL;
	size_t n = 0, i;
	uint32_t at;
	int rc = load_array(r, tag, sizeof(care__snap_str), sizeof *texts, conv_texts,
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

static uint64_t kind_count(const reader *r, int kind)
{
	static const uint32_t tags[CARE_KIND_COUNT] = {
	    0, CARE__SNAP_UNITS, CARE__SNAP_ROLES, CARE__SNAP_MODULES, CARE__SNAP_STAFF,
	    CARE__SNAP_C_STAFF, CARE__SNAP_INTERACTIONS, CARE__SNAP_COMPLAINTS};
	return tags[kind] ? count_of(r, tags[kind]) : 0;
}

/* The id indexes as written: every slot empty or a record of the kind, one slot per
 * record, and at least one empty slot so that a search ends. */
static int load_ids(reader *r)
{
	int k;

	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		care__id_index *ix = &r->ds->ids[k];
		uint64_t records = kind_count(r, k), used = 0;
		size_t cap = 0, i;
		int rc = load_array(r, CARE__SNAP_IDS + (uint32_t)k, sizeof(care__snap_slot),
		                    sizeof *ix->slots, conv_copy8, (void **)&ix->slots, &cap,
		                    records > 0);
		if (rc != 0)
			return rc;
		for (i = 0; i < cap; i++) {
			if (ix->slots[i].index == CARE__NO)
				continue;
			if (ix->slots[i].index >= records)
				return bad(r, "an id index names a record that is not there");
			used++;
		}
		if (used != records || (cap > 0 && used >= cap))
			return bad(r, "an id index does not hold one slot per record");
		ix->cap = cap;
		ix->count = (size_t)records;
	}
	return 0;
}

static int load_rejected(reader *r)
{
	care_dataset *ds = r->ds;
	int k, rc;

	for (k = CARE_KIND_DATASET; k < CARE_KIND_COUNT; k++) {
		if ((rc = load_array(r, CARE__SNAP_REJECTED + (uint32_t)k, sizeof(care__snap_rejected),
		                     sizeof(care__rejected), conv_rejected, (void **)&ds->rejected[k],
		                     &ds->rejected_count[k], 0)) != 0 ||
		    (rc = load_intern(r, CARE__SNAP_REJECTED_IDS + (uint32_t)k,
		                      &ds->rejected_ids[k])) != 0)
			return rc;
		ds->rejected_cap[k] = ds->rejected_count[k];
	}
	return 0;
}

int care_snapshot_read__image(care_dataset **out, const unsigned char *data, size_t len,
                              const char *name)
{
	reader *r = care__calloc(1, sizeof *r);
	int rc;

	*out = NULL;
	if (r == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	r->data = data;
	r->len = len;
	r->name = name;
	rc = check_front(r);
	if (rc == 0)
		rc = care_dataset_new(&r->ds);
	if (rc == 0 && (rc = load_strings_and_meta(r)) == 0 && (rc = load_records(r)) == 0 &&
	    (rc = load_completions(r)) == 0 &&
	    (rc = load_intern(r, CARE__SNAP_COMPETENCIES, &r->ds->competencies)) == 0 &&
	    (rc = load_intern(r, CARE__SNAP_SOURCES, &r->ds->sources)) == 0 &&
	    (rc = load_ids(r)) == 0 && (rc = load_rejected(r)) == 0) {
		if (r->problem)
			rc = bad(r, r->problem);
		else
			rc = care_dataset_seal(r->ds);
	}
	if (rc == 0)
		*out = r->ds;
	else
		care_dataset_free(r->ds);
	care__free(r);
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
	if (map)
		munmap(map, (size_t)st.st_size);
	return rc;
}
