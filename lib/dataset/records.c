/*
 * Storing records that have been checked.
 */
#include <math.h>
#include <string.h>

#include "dataset/records.h"
#include "dataset/ids.h"
#include "util/alloc.h"

static int grow_column(void **column, size_t cap, size_t size)
{
	void *p = care__realloc(*column, cap * size);

	if (p == NULL)
		return CARE_ENOMEM;
	/* No huge pages: the rows are written in order, and on the machines measured a huge
	 * page cost more to fault in than its 512 small ones (national load 0.7 s faster). */
	*column = p;
	return 0;
}

static int grow_numbers(care__numbers *col, size_t cap)
{
	if (col->wide)
		return grow_column((void **)&col->wide, cap, sizeof *col->wide);
	if (col->narrow)
		return grow_column((void **)&col->narrow, cap, sizeof *col->narrow);
	return 0;
}

static int completions_reserve(care__completions *c, size_t need)
{
	size_t cap;

	if (need <= c->cap)
		return 0;
	cap = c->cap ? c->cap : 64;
	while (cap < need)
		cap *= 2;
	/* Growing column by column: if one fails, those grown are simply
	 * larger. The optional columns exist only once a row has a value. */
	if (grow_column((void **)&c->staff, cap, sizeof *c->staff) ||
	    grow_numbers(&c->module, cap) ||
	    grow_column((void **)&c->completed_on, cap, sizeof *c->completed_on) ||
	    grow_column((void **)&c->outcome, cap, sizeof *c->outcome) ||
	    (c->score100 && grow_column((void **)&c->score100, cap, sizeof *c->score100)) ||
	    (c->score && grow_column((void **)&c->score, cap, sizeof *c->score)) ||
	    grow_numbers(&c->source, cap) ||
	    (c->id && grow_column((void **)&c->id, cap, sizeof *c->id)) ||
	    (c->uuid && grow_column((void **)&c->uuid, cap, sizeof *c->uuid)))
		return CARE_ENOMEM;
	c->cap = cap;
	return 0;
}

size_t care_records__completion_columns(const care_dataset *ds, care__column_span *out)
{
	const care__completions *c = &ds->completions;
	size_t n = 0;

#define COLUMN(p)                                                                                  \
	do {                                                                                       \
		if ((p) != NULL) {                                                                 \
			out[n].base = (void *)(p);                                                 \
			out[n++].width = sizeof *(p);                                              \
		}                                                                                  \
	} while (0)
	COLUMN(c->staff);
	COLUMN(c->module.narrow);
	COLUMN(c->module.wide);
	COLUMN(c->completed_on);
	COLUMN(c->outcome);
	COLUMN(c->score100);
	COLUMN(c->score);
	COLUMN(c->source.narrow);
	COLUMN(c->source.wide);
	COLUMN(c->id);
	COLUMN(c->uuid);
#undef COLUMN
	return n;
}

/*
 * Make col able to hold v in a row (its first `count` rows kept): created narrow when it has
 * no array yet, widened when v does not fit in 16 bits. 0 or CARE_ENOMEM (col unchanged).
 */
static int fit_number(care__numbers *col, size_t count, size_t cap, uint32_t v)
{
	uint32_t *wide;
	size_t i;

	if (col->wide)
		return 0;
	if (v == CARE__NO || v < CARE__NO16) {
		if (col->narrow)
			return 0;
		if (grow_column((void **)&col->narrow, cap, sizeof *col->narrow))
			return CARE_ENOMEM;
		for (i = 0; i < count; i++)
			col->narrow[i] = CARE__NO16;
		return 0;
	}
	wide = NULL;
	if (grow_column((void **)&wide, cap, sizeof *wide))
		return CARE_ENOMEM;
	for (i = 0; i < count; i++)
		wide[i] = care__number(col, i);
	care__free(col->narrow);
	col->narrow = NULL;
	col->wide = wide;
	return 0;
}

static void set_number(care__numbers *col, size_t i, uint32_t v)
{
	if (col->wide)
		col->wide[i] = v;
	else if (col->narrow)
		col->narrow[i] = v == CARE__NO ? CARE__NO16 : (uint16_t)v;
}

/*
 * A score as hundredths (0 to 10000), or CARE__NO16 when it is none or not a whole number of
 * hundredths from 0 to 100: a double read from at most two decimals is k / 100.0 exactly.
 * Whole numbers, the usual score, are told first without a division.
 */
static uint16_t hundredths(double s)
{
	double k;

	if (!(s >= 0.0 && s <= 100.0) || signbit(s)) /* NAN fails the first test */
		return CARE__NO16;
	if ((double)(int)s == s)
		return (uint16_t)((int)s * 100);
	k = (double)(long)(s * 100.0 + 0.5);
	return k / 100.0 == s ? (uint16_t)k : CARE__NO16;
}

/* Make the score columns able to hold s, whose hundredths are h: created when the first
 * score arrives, as hundredths while they can be. 0 or CARE_ENOMEM (nothing changed). */
static int fit_score(care__completions *c, double s, uint16_t h)
{
	double *wide = NULL;
	size_t i;

	if (isnan(s) || c->score)
		return 0;
	if (h != CARE__NO16) {
		if (c->score100)
			return 0;
		if (grow_column((void **)&c->score100, c->cap, sizeof *c->score100))
			return CARE_ENOMEM;
		for (i = 0; i < c->count; i++)
			c->score100[i] = CARE__NO16;
		return 0;
	}
	if (grow_column((void **)&wide, c->cap, sizeof *wide))
		return CARE_ENOMEM;
	for (i = 0; i < c->count; i++)
		wide[i] = care__score(c, i);
	care__free(c->score100);
	c->score100 = NULL;
	c->score = wide;
	return 0;
}

static void set_score(care__completions *c, size_t i, double s, uint16_t h)
{
	if (c->score)
		c->score[i] = s;
	else if (c->score100)
		c->score100[i] = h; /* fit_score made it wide unless s is none or h is s */
}

static int add_id_column(care__completions *c)
{
	size_t i;

	if (c->id || grow_column((void **)&c->id, c->cap, sizeof *c->id))
		return c->id ? 0 : CARE_ENOMEM;
	for (i = 0; i < c->count; i++)
		c->id[i] = NULL;
	return 0;
}

/* The UUID column: all-zero rows (no UUID) until their id arrives. */
static int add_uuid_column(care__completions *c)
{
	if (c->uuid || grow_column((void **)&c->uuid, c->cap, sizeof *c->uuid))
		return c->uuid ? 0 : CARE_ENOMEM;
	memset(c->uuid, 0, c->count * sizeof *c->uuid);
	return 0;
}

/* ---- inserts (the record has been checked) ---- */

int care_records__reserve(care_dataset *ds, care_kind kind, size_t need)
{
	int rc = 0;

	switch (kind) {
	case CARE_KIND_UNIT:
		rc = care__grow((void **)&ds->units, &ds->unit_cap, need, sizeof *ds->units);
		break;
	case CARE_KIND_ROLE:
		rc = care__grow((void **)&ds->roles, &ds->role_cap, need, sizeof *ds->roles);
		break;
	case CARE_KIND_MODULE:
		rc = care__grow((void **)&ds->modules, &ds->module_cap, need, sizeof *ds->modules);
		break;
	case CARE_KIND_STAFF:
		rc = care__grow((void **)&ds->staff, &ds->staff_cap, need, sizeof *ds->staff);
		break;
	case CARE_KIND_COMPLETION:
		rc = completions_reserve(&ds->completions, need);
		break;
	case CARE_KIND_INTERACTION:
		rc = care__grow((void **)&ds->interactions, &ds->interaction_cap, need,
		                sizeof *ds->interactions);
		break;
	case CARE_KIND_COMPLAINT:
		rc = care__grow((void **)&ds->complaints, &ds->complaint_cap, need,
		                sizeof *ds->complaints);
		break;
	default:
		break;
	}
	return rc;
}

#define GROW(arr, count, cap, n) care__grow((void **)&(arr), &(cap), (count) + (n), sizeof *(arr))

int care_records__insert_unit(care_dataset *ds, const void *record, const care__check *c)
{
	const care_unit *rec = record;
	care__unit u;
	int failed = 0;

	if (GROW(ds->units, ds->unit_count, ds->unit_cap, 1) ||
	    care_ids__reserve(ds, CARE_KIND_UNIT, ds->unit_count + 1))
		return CARE_ENOMEM;
	u.id = care_arena__copy(&ds->arena, rec->id, &failed);
	u.name = care_arena__copy(&ds->arena, rec->name, &failed);
	u.parent = c->parent;
	if (failed)
		return CARE_ENOMEM;
	ds->units[ds->unit_count] = u;
	care_ids__put(ds, CARE_KIND_UNIT, (uint32_t)ds->unit_count, u.id);
	ds->unit_count++;
	return 0;
}

int care_records__insert_role(care_dataset *ds, const void *record, const care__check *c)
{
	const care_role *rec = record;
	(void)c;

	care__role r;
	int failed = 0;
	size_t i;

	if (GROW(ds->roles, ds->role_count, ds->role_cap, 1) ||
	    GROW(ds->requirements, ds->requirement_count, ds->requirement_cap,
	         rec->requirement_count) ||
	    care_ids__reserve(ds, CARE_KIND_ROLE, ds->role_count + 1))
		return CARE_ENOMEM;
	r.id = care_arena__copy(&ds->arena, rec->id, &failed);
	r.title = care_arena__copy(&ds->arena, rec->title, &failed);
	r.staff_group = (uint8_t)rec->staff_group;
	r.patient_facing = rec->patient_facing != 0;
	r.clinical = rec->clinical != 0;
	r.first_requirement = (uint32_t)ds->requirement_count;
	r.requirement_count = (uint32_t)rec->requirement_count;
	for (i = 0; i < rec->requirement_count && !failed; i++) {
		care__requirement *q = &ds->requirements[ds->requirement_count + i];
		failed = care_intern__add(&ds->competencies, &ds->arena,
		                          rec->requirements[i].competency, &q->competency) != 0;
		q->due_within_days = rec->requirements[i].due_within_days;
		q->from = rec->requirements[i].from;
		q->to = rec->requirements[i].to;
	}
	if (failed)
		return CARE_ENOMEM;
	ds->requirement_count += rec->requirement_count;
	ds->roles[ds->role_count] = r;
	care_ids__put(ds, CARE_KIND_ROLE, (uint32_t)ds->role_count, r.id);
	ds->role_count++;
	return 0;
}

int care_records__insert_module(care_dataset *ds, const void *record, const care__check *c)
{
	const care_module *rec = record;
	(void)c;

	care__module m;
	int failed = 0;

	if (GROW(ds->modules, ds->module_count, ds->module_cap, 1) ||
	    care_ids__reserve(ds, CARE_KIND_MODULE, ds->module_count + 1))
		return CARE_ENOMEM;
	m.id = care_arena__copy(&ds->arena, rec->id, &failed);
	m.title = care_arena__copy(&ds->arena, rec->title, &failed);
	m.provider = care_arena__copy(&ds->arena, rec->provider, &failed);
	m.xapi_activity = care_arena__copy(&ds->arena, rec->xapi_activity, &failed);
	m.competency_as_written = care_arena__copy(&ds->arena, rec->competency, &failed);
	m.validity_months = rec->validity_months;
	m.duration_minutes = rec->duration_minutes;
	m.pass_mark = rec->pass_mark;
	m.cost_pence = rec->cost_pence;
	m.delivery = (uint8_t)rec->delivery;
	if (failed ||
	    care_intern__add(&ds->competencies, &ds->arena,
	                     rec->competency ? rec->competency : rec->id, &m.competency) != 0)
		return CARE_ENOMEM;
	ds->modules[ds->module_count] = m;
	care_ids__put(ds, CARE_KIND_MODULE, (uint32_t)ds->module_count, m.id);
	ds->module_count++;
	return 0;
}

int care_records__insert_staff(care_dataset *ds, const void *record, const care__check *c)
{
	const care_staff *rec = record;
	(void)c;

	care__staff s;
	int failed = 0;
	size_t i;

	if (GROW(ds->staff, ds->staff_count, ds->staff_cap, 1) ||
	    GROW(ds->assignments, ds->assignment_count, ds->assignment_cap,
	         rec->assignment_count) ||
	    GROW(ds->exemptions, ds->exemption_count, ds->exemption_cap, rec->exemption_count) ||
	    care_ids__reserve(ds, CARE_KIND_STAFF, ds->staff_count + 1))
		return CARE_ENOMEM;
	s.id = care_arena__copy(&ds->arena, rec->id, &failed);
	s.name = care_arena__copy(&ds->arena, rec->name, &failed);
	s.started_on = rec->started_on;
	s.left_on = rec->left_on;
	s.first_assignment = (uint32_t)ds->assignment_count;
	s.assignment_count = (uint32_t)rec->assignment_count;
	s.first_exemption = (uint32_t)ds->exemption_count;
	s.exemption_count = (uint32_t)rec->exemption_count;
	for (i = 0; i < rec->assignment_count; i++) {
		care__assignment *a = &ds->assignments[ds->assignment_count + i];
		a->role = care_ids__find(ds, CARE_KIND_ROLE, rec->assignments[i].role);
		a->unit = care_ids__find(ds, CARE_KIND_UNIT, rec->assignments[i].unit);
		a->from = rec->assignments[i].from;
		a->to = rec->assignments[i].to;
		a->manager = care_arena__copy(&ds->arena, rec->assignments[i].manager, &failed);
	}
	for (i = 0; i < rec->exemption_count && !failed; i++) {
		care__exemption *e = &ds->exemptions[ds->exemption_count + i];
		failed = care_intern__add(&ds->competencies, &ds->arena,
		                          rec->exemptions[i].competency, &e->competency) != 0;
		e->from = rec->exemptions[i].from;
		e->to = rec->exemptions[i].to;
		e->reason = care_arena__copy(&ds->arena, rec->exemptions[i].reason, &failed);
	}
	if (failed)
		return CARE_ENOMEM;
	ds->assignment_count += rec->assignment_count;
	ds->exemption_count += rec->exemption_count;
	ds->staff[ds->staff_count] = s;
	care_ids__put(ds, CARE_KIND_STAFF, (uint32_t)ds->staff_count, s.id);
	ds->staff_count++;
	return 0;
}

int care_records__insert_completion(care_dataset *ds, const void *record, const care__check *c)
{
	const care_completion *rec = record;
	care__completions *col = &ds->completions;
	size_t i = col->count;
	int failed = 0;
	uint32_t source = CARE__NO;
	const char *id = NULL;
	uint8_t parsed[16];
	const uint8_t *uuid = c->uuid ? c->uuid : parsed;
	int is_uuid =
	    c->uuid ? c->is_uuid : rec->id != NULL && care_ids__uuid_parse(rec->id, parsed);
	uint16_t score = hundredths(rec->score);

	if (completions_reserve(col, i + 1) ||
	    (!ds->deferring && care_ids__reserve(ds, CARE_KIND_COMPLETION, i + 1)) ||
	    fit_number(&col->module, i, col->cap, c->module) || fit_score(col, rec->score, score) ||
	    (is_uuid ? add_uuid_column(col) : rec->id && add_id_column(col)))
		return CARE_ENOMEM;
	if (!is_uuid)
		id = care_arena__copy(&ds->arena, rec->id, &failed);
	if (rec->source && (c->refs_known & 4))
		source = c->source; /* the record before's, the same text */
	if (failed ||
	    (rec->source && ((source == CARE__NO && care_intern__add(&ds->sources, &ds->arena,
	                                                             rec->source, &source) != 0) ||
	                     fit_number(&col->source, i, col->cap, source) != 0)))
		return CARE_ENOMEM;
	col->staff[i] = c->staff;
	set_number(&col->module, i, c->module);
	col->completed_on[i] = rec->completed_on;
	col->outcome[i] = (uint8_t)rec->outcome;
	set_score(col, i, rec->score, score);
	set_number(&col->source, i, source);
	if (col->id)
		col->id[i] = id;
	if (col->uuid) {
		if (is_uuid)
			memcpy(col->uuid[i], uuid, sizeof col->uuid[i]);
		else
			memset(col->uuid[i], 0, sizeof col->uuid[i]);
	}
	col->count++;
	{
		char buf[37];
		/* The check has the id already (generated if need be): no second SHA-1. */
		const char *key = c->id ? c->id : care_ids__completion(ds, i, buf);
		uint32_t hash =
		    c->own_id != NULL && c->own_id == key ? c->own_hash : care_ids__hash(key);
		if (ds->deferring) {
			if (care_ids__defer_put(ds, hash) != 0) {
				col->count--;
				return CARE_ENOMEM;
			}
		} else {
			care_ids__put_hashed(ds, CARE_KIND_COMPLETION, (uint32_t)i, hash);
		}
	}
	return 0;
}

int care_records__insert_interaction(care_dataset *ds, const void *record, const care__check *c)
{
	const care_interaction *rec = record;
	care__interaction x;
	int failed = 0;

	if (GROW(ds->interactions, ds->interaction_count, ds->interaction_cap, 1) ||
	    care_ids__reserve(ds, CARE_KIND_INTERACTION, ds->interaction_count + 1))
		return CARE_ENOMEM;
	x.id = care_arena__copy(&ds->arena, rec->id, &failed);
	x.appointment_ref = care_arena__copy(&ds->arena, rec->appointment_ref, &failed);
	x.patient_ref = care_arena__copy(&ds->arena, rec->patient_ref, &failed);
	if (failed)
		return CARE_ENOMEM;
	x.staff = c->staff;
	x.date = rec->at.date;
	/* Packed rather than counted, so a leap second keeps its spelling. */
	x.hms = (rec->at.hour << 12) | (rec->at.minute << 6) | rec->at.second;
	x.nanos = rec->at.nanos;
	x.offset_minutes = (int16_t)rec->at.offset_minutes;
	x.frac_digits = (uint8_t)rec->at.frac_digits;
	x.zulu = rec->at.zulu == 1 || rec->at.zulu == 2 ? (uint8_t)rec->at.zulu : 0;
	x.channel = (uint8_t)rec->channel;
	x.kind = (uint8_t)rec->kind;
	x.outcome = (uint8_t)rec->outcome;
	x.duration_seconds = rec->duration_seconds;
	x.specialty = (int16_t)rec->specialty;
	ds->interactions[ds->interaction_count] = x;
	care_ids__put(ds, CARE_KIND_INTERACTION, (uint32_t)ds->interaction_count, x.id);
	ds->interaction_count++;
	return 0;
}

int care_records__insert_complaint(care_dataset *ds, const void *record, const care__check *c)
{
	const care_complaint *rec = record;
	care__complaint x;
	int failed = 0;
	size_t i;

	if (GROW(ds->complaints, ds->complaint_count, ds->complaint_cap, 1) ||
	    GROW(ds->complaint_staff, ds->complaint_staff_count, ds->complaint_staff_cap,
	         rec->staff_count) ||
	    care_ids__reserve(ds, CARE_KIND_COMPLAINT, ds->complaint_count + 1))
		return CARE_ENOMEM;
	x.id = care_arena__copy(&ds->arena, rec->id, &failed);
	if (failed)
		return CARE_ENOMEM;
	x.received_on = rec->received_on;
	x.acknowledged_on = rec->acknowledged_on;
	x.closed_on = rec->closed_on;
	x.subjects = rec->subjects;
	x.outcome = (int8_t)rec->outcome;
	x.interaction = c->interaction;
	x.first_staff = (uint32_t)ds->complaint_staff_count;
	x.staff_count = (uint32_t)rec->staff_count;
	for (i = 0; i < rec->staff_count; i++)
		ds->complaint_staff[ds->complaint_staff_count + i] =
		    care_ids__find(ds, CARE_KIND_STAFF, rec->staff[i]);
	ds->complaint_staff_count += rec->staff_count;
	ds->complaints[ds->complaint_count] = x;
	care_ids__put(ds, CARE_KIND_COMPLAINT, (uint32_t)ds->complaint_count, x.id);
	ds->complaint_count++;
	return 0;
}

size_t care_records__remove_completions(care_dataset *ds, const unsigned char *remove)
{
	care__completions *c = &ds->completions;
	size_t i, j = 0;

#define MOVE(column)                                                                               \
	if (column)                                                                                \
		memmove(&(column)[j], &(column)[i], sizeof *(column));
	for (i = 0; i < c->count; i++) {
		if (remove[i])
			continue;
		MOVE(c->staff)
		MOVE(c->module.narrow)
		MOVE(c->module.wide)
		MOVE(c->completed_on)
		MOVE(c->outcome)
		MOVE(c->score100)
		MOVE(c->score)
		MOVE(c->source.narrow)
		MOVE(c->source.wide)
		MOVE(c->id)
		MOVE(c->uuid)
		j++;
	}
#undef MOVE
	c->count = j;
	return j;
}
