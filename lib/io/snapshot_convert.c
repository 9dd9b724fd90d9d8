/*
 * Opening a snapshot (snapshot_read.c): the conversion of each section from its disk form
 * to the dataset's, and the checks of every value that could lead a reader astray.
 */
#include <math.h>
#include <string.h>

#include "dataset/dataset.h"
#include "io/snapshot.h"

/* ---- checks of values ---- */

uint64_t care_snapshot__count_of(const care__snap_reader *r, uint32_t tag)
{
	return r->at[tag] ? r->at[tag]->count : 0;
}

void care_snapshot__problem(care__snap_reader *r, int ok, const char *what)
{
	if (!ok && r->problem == NULL)
		r->problem = what;
}

const char *care_snapshot__text(care__snap_reader *r, care__snap_str off, int optional)
{
	if (off == 0) {
		care_snapshot__problem(r, optional, "a required text is missing");
		return NULL;
	}
	care_snapshot__problem(r, off < r->strings_len, "a text is out of bounds");
	return off < r->strings_len ? r->strings + off : "";
}

int care_snapshot__date_ok(int32_t d, int optional)
{
	return (d >= CARE_DATE_MIN && d <= CARE_DATE_MAX) || (optional && d == CARE_DATE_NONE);
}

int care_snapshot__ref_ok(uint32_t v, uint64_t count, int optional)
{
	return v < count || (optional && v == CARE__NO);
}

int care_snapshot__span_ok(uint32_t first, uint32_t n, uint64_t count)
{
	return (uint64_t)first + n <= count;
}

/* ---- conversions, one per section ---- */

#define EACH(type)                                                                                 \
	const type *in = (const void *)src;                                                        \
	size_t i;                                                                                  \
	(void)first;                                                                               \
	for (i = 0; i < n; i++)

void care_snapshot__units(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n)
{
	care__unit *out = dst;
	EACH(care__snap_unit)
	{
		care__snap_unit x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = care_snapshot__text(r, x.id, 0);
		out[i].name = care_snapshot__text(r, x.name, 0);
		out[i].parent = x.parent;
		care_snapshot__problem(
		    r,
		    care_snapshot__ref_ok(x.parent, care_snapshot__count_of(r, CARE__SNAP_UNITS),
		                          1),
		    "a unit's parent is not there");
	}
}

void care_snapshot__roles(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n)
{
	care__role *out = dst;
	EACH(care__snap_role)
	{
		care__snap_role x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = care_snapshot__text(r, x.id, 0);
		out[i].title = care_snapshot__text(r, x.title, 0);
		out[i].first_requirement = x.first_requirement;
		out[i].requirement_count = x.requirement_count;
		out[i].staff_group = x.staff_group;
		out[i].patient_facing = x.patient_facing;
		out[i].clinical = x.clinical;
		care_snapshot__problem(
		    r,
		    care_snapshot__span_ok(x.first_requirement, x.requirement_count,
		                           care_snapshot__count_of(r, CARE__SNAP_REQUIREMENTS)) &&
		        x.staff_group < CARE_STAFF_GROUP_COUNT && x.patient_facing <= 1 &&
		        x.clinical <= 1,
		    "a role is out of range");
	}
}

void care_snapshot__requirements(care__snap_reader *r, void *dst, const unsigned char *src,
                                 size_t first, size_t n)
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
		care_snapshot__problem(
		    r,
		    care_snapshot__ref_ok(x.competency,
		                          care_snapshot__count_of(r, CARE__SNAP_COMPETENCIES), 0) &&
		        x.due_within_days >= 0 && x.due_within_days <= 3650 &&
		        care_snapshot__date_ok(x.from, 1) && care_snapshot__date_ok(x.to, 1),
		    "a requirement is out of range");
	}
}

void care_snapshot__modules(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                            size_t n)
{
	care__module *out = dst;
	EACH(care__snap_module)
	{
		care__snap_module x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = care_snapshot__text(r, x.id, 0);
		out[i].title = care_snapshot__text(r, x.title, 0);
		out[i].provider = care_snapshot__text(r, x.provider, 1);
		out[i].xapi_activity = care_snapshot__text(r, x.xapi_activity, 1);
		out[i].competency_as_written = care_snapshot__text(r, x.competency_as_written, 1);
		out[i].competency = x.competency;
		out[i].validity_months = x.validity_months;
		out[i].duration_minutes = x.duration_minutes;
		out[i].pass_mark = x.pass_mark;
		out[i].cost_pence = x.cost_pence;
		out[i].delivery = x.delivery;
		care_snapshot__problem(
		    r,
		    care_snapshot__ref_ok(x.competency,
		                          care_snapshot__count_of(r, CARE__SNAP_COMPETENCIES), 0) &&
		        x.validity_months >= 0 && x.validity_months <= 600 &&
		        x.delivery < CARE_DELIVERY_COUNT,
		    "a module is out of range");
	}
}

void care_snapshot__staff(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n)
{
	care__staff *out = dst;
	EACH(care__snap_staff)
	{
		care__snap_staff x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = care_snapshot__text(r, x.id, 0);
		out[i].name = care_snapshot__text(r, x.name, 1);
		out[i].started_on = x.started_on;
		out[i].left_on = x.left_on;
		out[i].first_assignment = x.first_assignment;
		out[i].assignment_count = x.assignment_count;
		out[i].first_exemption = x.first_exemption;
		out[i].exemption_count = x.exemption_count;
		care_snapshot__problem(
		    r,
		    care_snapshot__date_ok(x.started_on, 0) &&
		        care_snapshot__date_ok(x.left_on, 1) &&
		        care_snapshot__span_ok(
		            x.first_assignment, x.assignment_count,
		            care_snapshot__count_of(r, CARE__SNAP_ASSIGNMENTS)) &&
		        care_snapshot__span_ok(x.first_exemption, x.exemption_count,
		                               care_snapshot__count_of(r, CARE__SNAP_EXEMPTIONS)),
		    "a staff record is out of range");
	}
}

void care_snapshot__assignments(care__snap_reader *r, void *dst, const unsigned char *src,
                                size_t first, size_t n)
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
		out[i].manager = care_snapshot__text(r, x.manager, 1);
		care_snapshot__problem(
		    r,
		    care_snapshot__ref_ok(x.role, care_snapshot__count_of(r, CARE__SNAP_ROLES),
		                          0) &&
		        care_snapshot__ref_ok(x.unit, care_snapshot__count_of(r, CARE__SNAP_UNITS),
		                              0) &&
		        care_snapshot__date_ok(x.from, 0) && care_snapshot__date_ok(x.to, 1),
		    "an assignment is out of range");
	}
}

void care_snapshot__exemptions(care__snap_reader *r, void *dst, const unsigned char *src,
                               size_t first, size_t n)
{
	care__exemption *out = dst;
	EACH(care__snap_exemption)
	{
		care__snap_exemption x;
		memcpy(&x, &in[i], sizeof x);
		out[i].competency = x.competency;
		out[i].from = x.from;
		out[i].to = x.to;
		out[i].reason = care_snapshot__text(r, x.reason, 0);
		care_snapshot__problem(
		    r,
		    care_snapshot__ref_ok(x.competency,
		                          care_snapshot__count_of(r, CARE__SNAP_COMPETENCIES), 0) &&
		        care_snapshot__date_ok(x.from, 0) && care_snapshot__date_ok(x.to, 1),
		    "an exemption is out of range");
	}
}

/* ---- checks of the sections that are borrowed as written ---- */

/* These loops run over every completion: they test without branches (& and |, not && and
 * ||), so that the compiler can make them vector code. */
static inline unsigned date_in(int32_t d)
{
	return (unsigned)(d >= CARE_DATE_MIN) & (unsigned)(d <= CARE_DATE_MAX);
}

static inline uint32_t limit_of(uint64_t count)
{
	return count < CARE__NO ? (uint32_t)count : CARE__NO;
}

void care_snapshot__ref32(care__snap_reader *r, const unsigned char *src, size_t n, uint64_t count,
                          int optional, const char *what)
{
	uint32_t limit = limit_of(count);
	unsigned ok = 1, none = optional ? 1u : 0u;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t v = care_snapshot__read32(src + 4 * i);
		ok &= (unsigned)(v < limit) | (none & (unsigned)(v == CARE__NO));
	}
	care_snapshot__problem(r, (int)ok, what);
}

void care_snapshot__c_staff(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	(void)first;
	care_snapshot__ref32(r, src, n, care_snapshot__count_of(r, CARE__SNAP_STAFF), 0,
	                     "a completion's reference is out of range");
}

void care_snapshot__c_module(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	(void)first;
	care_snapshot__ref32(r, src, n, care_snapshot__count_of(r, CARE__SNAP_MODULES), 0,
	                     "a completion's reference is out of range");
}

void care_snapshot__c_source(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	(void)first;
	care_snapshot__ref32(r, src, n, care_snapshot__count_of(r, CARE__SNAP_SOURCES), 1,
	                     "a completion's reference is out of range");
}

void care_snapshot__ref16(care__snap_reader *r, const unsigned char *src, size_t n, uint64_t count,
                          int optional, const char *what)
{
	uint32_t limit = count < 0xFFFFu ? (uint32_t)count : 0xFFFFu;
	unsigned ok = 1, none = optional ? 1u : 0u;
	size_t i;

	for (i = 0; i < n; i++) {
		uint16_t v;
		memcpy(&v, src + 2 * i, 2);
		ok &= (unsigned)(v < limit) | (none & (unsigned)(v == 0xFFFFu));
	}
	care_snapshot__problem(r, (int)ok, what);
}

void care_snapshot__c_module16(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n)
{
	(void)first;
	care_snapshot__ref16(r, src, n, care_snapshot__count_of(r, CARE__SNAP_MODULES), 0,
	                     "a completion's reference is out of range");
}

void care_snapshot__c_source16(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n)
{
	(void)first;
	care_snapshot__ref16(r, src, n, care_snapshot__count_of(r, CARE__SNAP_SOURCES), 1,
	                     "a completion's reference is out of range");
}

/* Hundredths of a score from 0 to 100, or 0xFFFF: none. */
void care_snapshot__c_score100(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n)
{
	unsigned ok = 1;
	size_t i;

	(void)first;
	for (i = 0; i < n; i++) {
		uint16_t v;
		memcpy(&v, src + 2 * i, 2);
		ok &= (unsigned)(v <= 10000) | (unsigned)(v == 0xFFFFu);
	}
	care_snapshot__problem(r, (int)ok, "a completion's score is out of range");
}

void care_snapshot__c_staff_ref(care__snap_reader *r, const unsigned char *src, size_t first,
                                size_t n)
{
	(void)first;
	care_snapshot__ref32(r, src, n, care_snapshot__count_of(r, CARE__SNAP_STAFF), 0,
	                     "a complaint's staff is out of range");
}

void care_snapshot__manager(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	(void)first;
	care_snapshot__ref32(r, src, n, care_snapshot__count_of(r, CARE__SNAP_STAFF), 1,
	                     "an assignment's manager is out of range");
}

void care_snapshot__dates(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	unsigned ok = 1;
	size_t i;

	(void)first;
	for (i = 0; i < n; i++)
		ok &= date_in((int32_t)care_snapshot__read32(src + 4 * i));
	care_snapshot__problem(r, (int)ok, "a date is out of range");
}

void care_snapshot__c_outcome(care__snap_reader *r, const unsigned char *src, size_t first,
                              size_t n)
{
	unsigned ok = 1;
	size_t i;

	(void)first;
	for (i = 0; i < n; i++)
		ok &= (unsigned)(src[i] < CARE_COMPLETION_OUTCOME_COUNT);
	care_snapshot__problem(r, (int)ok, "a completion's outcome is out of range");
}

/* Each person's first held completion: from 0, never going back (the last is checked
 * against the held completions once both are known). */
void care_snapshot__held_first(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n)
{
	uint32_t prev = first == 0 ? 0 : care_snapshot__read32(src - 4);
	unsigned ok = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t v = care_snapshot__read32(src + 4 * i);
		ok &= (unsigned)(v >= prev);
		prev = v;
	}
	care_snapshot__problem(r, ok && (first > 0 || n == 0 || care_snapshot__read32(src) == 0),
	                       "the held completions' offsets go back");
}

void care_snapshot__held(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	uint32_t limit = limit_of(care_snapshot__count_of(r, CARE__SNAP_COMPETENCIES));
	unsigned ok = 1;
	size_t i;

	(void)first;
	/* Any number of days is a date that compares as it should (a validity is at most 600
	 * months: a file from this library has fewer than 18,300). */
	for (i = 0; i < n; i++) {
		care__snap_held h;
		memcpy(&h, src + i * sizeof h, sizeof h);
		ok &= (unsigned)(h.competency < limit) & date_in(h.completed_on);
	}
	care_snapshot__problem(r, (int)ok, "a held completion is out of range");
}

/* An id index slot: empty, or a record of the kind being read (r->slot_records). */
void care_snapshot__slots(care__snap_reader *r, const unsigned char *src, size_t first, size_t n)
{
	uint32_t limit = limit_of(r->slot_records);
	uint64_t used = 0;
	unsigned ok = 1;
	size_t i;

	(void)first;
	for (i = 0; i < n; i++) {
		uint32_t v = care_snapshot__read32(src + 8 * i);
		used += v != CARE__NO;
		ok &= (unsigned)(v == CARE__NO) | (unsigned)(v < limit);
	}
	r->slot_used += used;
	care_snapshot__problem(r, (int)ok, "an id index names a record that is not there");
}

void care_snapshot__c_id(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                         size_t n)
{
	const char **out = dst;
	EACH(care__snap_str)
	{
		care__snap_str x;
		memcpy(&x, &in[i], sizeof x);
		out[i] = x ? care_snapshot__text(r, x, 0) : NULL;
	}
}

void care_snapshot__interactions(care__snap_reader *r, void *dst, const unsigned char *src,
                                 size_t first, size_t n)
{
	care__interaction *out = dst;
	EACH(care__snap_interaction)
	{
		care__snap_interaction x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = care_snapshot__text(r, x.id, 0);
		out[i].appointment_ref = care_snapshot__text(r, x.appointment_ref, 1);
		out[i].patient_ref = care_snapshot__text(r, x.patient_ref, 1);
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
		care_snapshot__problem(
		    r,
		    care_snapshot__ref_ok(x.staff, care_snapshot__count_of(r, CARE__SNAP_STAFF),
		                          0) &&
		        care_snapshot__date_ok(x.date, 0) && x.hms >= 0 && (x.hms >> 12) < 24 &&
		        ((x.hms >> 6) & 63) < 60 && (x.hms & 63) < 61 && x.nanos >= 0 &&
		        x.nanos < 1000000000 && x.frac_digits <= 9 && x.zulu <= 1 &&
		        x.offset_minutes > -1440 && x.offset_minutes < 1440 &&
		        x.specialty >= CARE_NONE && x.specialty <= 999 &&
		        x.channel < CARE_CHANNEL_COUNT && x.kind < CARE_INTERACTION_KIND_COUNT &&
		        x.outcome < CARE_INTERACTION_OUTCOME_COUNT,
		    "an interaction is out of range");
	}
}

void care_snapshot__complaints(care__snap_reader *r, void *dst, const unsigned char *src,
                               size_t first, size_t n)
{
	care__complaint *out = dst;
	EACH(care__snap_complaint)
	{
		care__snap_complaint x;
		memcpy(&x, &in[i], sizeof x);
		out[i].id = care_snapshot__text(r, x.id, 0);
		out[i].received_on = x.received_on;
		out[i].acknowledged_on = x.acknowledged_on;
		out[i].closed_on = x.closed_on;
		out[i].subjects = x.subjects;
		out[i].interaction = x.interaction;
		out[i].first_staff = x.first_staff;
		out[i].staff_count = x.staff_count;
		out[i].outcome = x.outcome;
		care_snapshot__problem(
		    r,
		    care_snapshot__date_ok(x.received_on, 0) &&
		        care_snapshot__date_ok(x.acknowledged_on, 1) &&
		        care_snapshot__date_ok(x.closed_on, 1) &&
		        x.subjects < (1u << CARE_SUBJECT_COUNT) &&
		        care_snapshot__ref_ok(x.interaction,
		                              care_snapshot__count_of(r, CARE__SNAP_INTERACTIONS),
		                              1) &&
		        care_snapshot__span_ok(
		            x.first_staff, x.staff_count,
		            care_snapshot__count_of(r, CARE__SNAP_COMPLAINT_STAFF)) &&
		        x.outcome >= CARE_NONE && x.outcome < CARE_COMPLAINT_OUTCOME_COUNT,
		    "a complaint is out of range");
	}
}

void care_snapshot__texts(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n)
{
	const char **out = dst;
	EACH(care__snap_str)
	{
		care__snap_str x;
		memcpy(&x, &in[i], sizeof x);
		out[i] = care_snapshot__text(r, x, 0);
	}
}

void care_snapshot__rejected(care__snap_reader *r, void *dst, const unsigned char *src,
                             size_t first, size_t n)
{
	care__rejected *out = dst;
	EACH(care__snap_rejected)
	{
		care__snap_rejected x;
		memcpy(&x, &in[i], sizeof x);
		out[i].len = 0;
		out[i].text = care_snapshot__text(r, x.text, 0);
		if (x.len < r->strings_len && x.text < r->strings_len - x.len)
			out[i].len = (size_t)x.len;
		else
			care_snapshot__problem(r, 0, "a rejected record is out of bounds");
	}
}
