/*
 * The synthetic dataset generator (see synth.h). Deterministic for a seed:
 * a splitmix64 stream drives every choice, and records are added in a fixed
 * order, so the same options always give the same file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "synth.h"

typedef struct rng {
	uint64_t state;
} rng;

static uint64_t next(rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int between(rng *r, int lo, int hi)
{
	return lo + (int)(next(r) % (uint64_t)(hi - lo + 1));
}

static int chance(rng *r, double p)
{
	return (double)(next(r) >> 11) / 9007199254740992.0 < p;
}

void synth_options_sample(synth_options *o)
{
	memset(o, 0, sizeof *o);
	o->seed = 20260331;
	o->trusts = 1;
	o->staff = 400;
	o->extracted_on = care_date_from_ymd(2026, 3, 31);
	o->years = 4;
	o->interactions_per_staff_year = 12;
	o->complaint_rate = 0.02;
	o->explicit_ids = 1;
}

void synth_options_national(synth_options *o)
{
	synth_options_sample(o);
	o->seed = 7;
	o->trusts = 150;
	o->staff = 1500000;
	o->years = 9;
	o->interactions_per_staff_year = 0;
	o->explicit_ids = 0;
}

/* ---- the fixed parts: units, roles, modules ---- */

static const struct {
	const char *id, *name, *parent;
} units[] = {
    {"OPS", "Operations", NULL},
    {"PA", "Patient Access", "OPS"},
    {"PA-CBS", "Central Booking Service", "PA"},
    {"PA-RMC", "Referral Management Centre", "PA"},
    {"PA-WLV", "Waiting List Validation", "PA"},
    {"OP", "Outpatients", "OPS"},
    {"OP-MAIN", "Main Outpatients Reception", "OP"},
    {"OP-EYE", "Eye Clinic Reception", "OP"},
    {"EA", "Elective Admissions", "OPS"},
    {"EA-ADM", "Admissions Office", "EA"},
    {"PT", "Patient Transport", "OPS"},
    {"PT-BOOK", "Transport Booking Desk", "PT"},
    {"MR", "Medical Records", "OPS"},
    {"MR-LIB", "Records Library", "MR"},
    {"NUR", "Nursing", NULL},
    {"NUR-WARD-A", "Ward A (Day Surgery)", "NUR"},
};
#define UNIT_COUNT (sizeof units / sizeof units[0])

static const care_requirement req_rec[] = {
    {"customer-care", 90}, {"difficult-conversations", 180}, {"information-governance", 30}};
static const care_requirement req_book[] = {{"customer-care", 90},
                                            {"difficult-conversations", 180},
                                            {"ers-booking", 60},
                                            {"information-governance", 30}};
static const care_requirement req_pac[] = {{"customer-care", 90},
                                           {"difficult-conversations", 180},
                                           {"complaints-handling", 180},
                                           {"ers-booking", 60},
                                           {"information-governance", 30}};
static const care_requirement req_wlv[] = {
    {"customer-care", 90}, {"ers-booking", 60}, {"information-governance", 30}};
static const care_requirement req_trans[] = {
    {"customer-care", 90}, {"difficult-conversations", 180}, {"information-governance", 30}};
static const care_requirement req_medsec[] = {{"customer-care", 120},
                                              {"information-governance", 30}};
static const care_requirement req_tl[] = {{"customer-care", 60},
                                          {"difficult-conversations", 120},
                                          {"complaints-handling", 90},
                                          {"information-governance", 30}};
static const care_requirement req_ig[] = {{"information-governance", 30}};

/* Roles, with the units their holders work in. */
static const struct {
	care_role role;
	const char *units[3];
	int weight;
} roles[] = {
    {{"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, req_rec, 3},
     {"OP-MAIN", "OP-EYE", "EA-ADM"},
     26},
    {{"BOOK", "Booking Clerk", CARE_SG_ADMIN_CLERICAL, 1, 0, req_book, 4},
     {"PA-CBS", "PA-CBS", "OP-MAIN"},
     20},
    {{"PAC", "Patient Access Coordinator", CARE_SG_ADMIN_CLERICAL, 1, 0, req_pac, 5},
     {"PA-RMC", "PA-CBS", "PA-RMC"},
     10},
    {{"WLV", "Waiting List Validator", CARE_SG_ADMIN_CLERICAL, 1, 0, req_wlv, 3},
     {"PA-WLV", "PA-WLV", "PA-WLV"},
     9},
    {{"TRANS", "Patient Transport Booker", CARE_SG_ADMIN_CLERICAL, 1, 0, req_trans, 3},
     {"PT-BOOK", "PT-BOOK", "PT-BOOK"},
     7},
    {{"MEDSEC", "Medical Secretary", CARE_SG_ADMIN_CLERICAL, 1, 0, req_medsec, 2},
     {"MR-LIB", "OP-MAIN", "OP-EYE"},
     12},
    {{"TL", "Patient Access Team Leader", CARE_SG_ADMIN_CLERICAL, 1, 0, req_tl, 4},
     {"PA", "OP", "EA"},
     6},
    {{"NURSE", "Staff Nurse (Day Surgery)", CARE_SG_NURSING_MIDWIFERY, 1, 1, req_ig, 1},
     {"NUR-WARD-A", "NUR-WARD-A", "NUR-WARD-A"},
     6},
    {{"ANALYST", "Performance Analyst", CARE_SG_ADMIN_CLERICAL, 0, 0, req_ig, 1},
     {"PA", "MR", "PA"},
     4},
};
#define ROLE_COUNT (sizeof roles / sizeof roles[0])

static const care_module modules[] = {
    {"CC-ELEARN", "Customer care in elective services (e-learning)", "customer-care", 36,
     CARE_DELIVERY_E_LEARNING, 45, 80, 0, "NHS England e-Learning for Healthcare",
     "https://www.e-lfh.org.uk/xapi/activities/customer-care-elective"},
    {"CC-WORKSHOP", "Customer care workshop (90 minutes)", "customer-care", 36,
     CARE_DELIVERY_WORKSHOP, 90, NAN, 4500, "Trust Learning and Development", NULL},
    {"DC-WORKSHOP", "Handling difficult conversations with compassion", "difficult-conversations",
     24, CARE_DELIVERY_BLENDED, 180, NAN, 6000, "Trust Learning and Development", NULL},
    {"CH-ELEARN", "Dealing with complaints (e-learning)", "complaints-handling", 24,
     CARE_DELIVERY_E_LEARNING, 40, 75, 0, "NHS England e-Learning for Healthcare",
     "https://www.e-lfh.org.uk/xapi/activities/complaints-handling"},
    {"ERS-ELEARN", "e-Referral Service: referral, booking and waiting-list management",
     "ers-booking", 0, CARE_DELIVERY_E_LEARNING, 60, 70, 0, "NHS England",
     "https://digital.nhs.uk/xapi/activities/e-rs-training"},
    {"IG-ELEARN", "Data security awareness", "information-governance", 12, CARE_DELIVERY_E_LEARNING,
     30, 80, 0, "NHS England e-Learning for Healthcare", NULL},
};
#define MODULE_COUNT (sizeof modules / sizeof modules[0])

static const char *const exemption_reasons[] = {"long-term sickness", "maternity leave",
                                                "secondment outside patient-facing work",
                                                "phased return"};

/* ---- records ---- */

static int fail(int rc, const char *what, care_issues *issues)
{
	const care_issue *is = care_issues_get(issues, 0);

	fprintf(stderr, "synth: %s rejected: %s%s%s\n", what, care_error_last(), is ? ": " : "",
	        is ? is->message : "");
	care_issues_free(issues);
	return rc;
}

static void unit_id(char *out, size_t size, size_t trust, const char *id, size_t trusts)
{
	if (trusts > 1)
		snprintf(out, size, "R%03zu-%s", trust, id);
	else
		snprintf(out, size, "%s", id);
}

static int add_fixed(care_dataset *ds, const synth_options *o)
{
	size_t t, i;
	char id[64], parent[64], name[160];
	care_issues *issues = NULL;
	int rc;

	for (t = 0; t < o->trusts; t++) {
		for (i = 0; i < UNIT_COUNT; i++) {
			care_unit u;
			unit_id(id, sizeof id, t, units[i].id, o->trusts);
			if (units[i].parent)
				unit_id(parent, sizeof parent, t, units[i].parent, o->trusts);
			if (o->trusts > 1)
				snprintf(name, sizeof name, "%s (trust %03zu)", units[i].name, t);
			else
				snprintf(name, sizeof name, "%s", units[i].name);
			u.id = id;
			u.name = name;
			u.parent = units[i].parent ? parent : NULL;
			if ((rc = care_dataset_add_unit(ds, &u, &issues)) != 0)
				return fail(rc, "unit", issues);
			care_issues_free(issues);
		}
	}
	for (i = 0; i < ROLE_COUNT; i++) {
		if ((rc = care_dataset_add_role(ds, &roles[i].role, &issues)) != 0)
			return fail(rc, "role", issues);
		care_issues_free(issues);
	}
	for (i = 0; i < MODULE_COUNT; i++) {
		if ((rc = care_dataset_add_module(ds, &modules[i], &issues)) != 0)
			return fail(rc, "module", issues);
		care_issues_free(issues);
	}
	return 0;
}

static size_t pick_role(rng *r)
{
	int total = 0, x;
	size_t i;

	for (i = 0; i < ROLE_COUNT; i++)
		total += roles[i].weight;
	x = between(r, 0, total - 1);
	for (i = 0; i < ROLE_COUNT; i++) {
		if (x < roles[i].weight)
			return i;
		x -= roles[i].weight;
	}
	return 0;
}

/* A person as generated, kept only while their completions are made. */
typedef struct person {
	char id[24];
	care_date started, left;
	care_assignment as[3];
	char role_ids[3][16], unit_ids[3][80];
	size_t roles[3];
	size_t assignment_count;
	care_exemption ex;
	int has_exemption;
} person;

static void make_person(person *p, rng *r, const synth_options *o, size_t n)
{
	care_date end = o->extracted_on;
	size_t trust = o->trusts > 1 ? (size_t)between(r, 0, (int)o->trusts - 1) : 0;
	size_t k;

	memset(p, 0, sizeof *p);
	snprintf(p->id, sizeof p->id, "S%06zu", n + 1);
	/* Start dates reach back before the history window for long servers. */
	p->started = end - between(r, 20, o->years * 365 + 3600);
	p->left = CARE_DATE_NONE;
	if (chance(r, 0.12) && end - p->started > 60)
		p->left = p->started + between(r, 30, end - p->started);
	p->roles[0] = pick_role(r);
	p->assignment_count = 1;
	p->as[0].from = p->started;
	p->as[0].to = CARE_DATE_NONE;
	/* A role change: the next day (no gap) or after a break. */
	if (chance(r, 0.25) && (p->left == CARE_DATE_NONE ? end : p->left) - p->started > 400) {
		care_date last = p->left == CARE_DATE_NONE ? end : p->left;
		care_date change = p->started + between(r, 200, last - p->started - 100);
		int gap = chance(r, 0.4) ? between(r, 1, 45) : 0;
		p->as[0].to = change - 1;
		p->roles[1] = pick_role(r);
		p->as[1].from = change + gap;
		p->as[1].to = CARE_DATE_NONE;
		p->assignment_count = 2;
	}
	/* A few hold a second, concurrent role. */
	if (chance(r, 0.04)) {
		k = p->assignment_count++;
		p->roles[k] = (p->roles[0] + 3) % ROLE_COUNT;
		p->as[k].from = p->started + between(r, 0, 300);
		p->as[k].to = CARE_DATE_NONE;
		if (p->as[k].from > end)
			p->as[k].from = end;
		if (p->left != CARE_DATE_NONE && p->as[k].from > p->left)
			p->as[k].from = p->left;
	}
	for (k = 0; k < p->assignment_count; k++) {
		snprintf(p->role_ids[k], sizeof p->role_ids[k], "%s", roles[p->roles[k]].role.id);
		unit_id(p->unit_ids[k], sizeof p->unit_ids[k], trust,
		        roles[p->roles[k]].units[between(r, 0, 2)], o->trusts);
		p->as[k].role = p->role_ids[k];
		p->as[k].unit = p->unit_ids[k];
		/* Planned ends stay inside employment. */
		if (p->left != CARE_DATE_NONE &&
		    (p->as[k].to == CARE_DATE_NONE || p->as[k].to > p->left))
			p->as[k].to = p->left;
		if (p->as[k].to != CARE_DATE_NONE && p->as[k].to < p->as[k].from)
			p->as[k].to = p->as[k].from;
	}
	if (chance(r, 0.05)) {
		care_date last = p->left == CARE_DATE_NONE ? end : p->left;
		p->has_exemption = 1;
		p->ex.competency = chance(r, 0.7) ? "customer-care" : "difficult-conversations";
		p->ex.from = p->started + between(r, 0, last - p->started);
		p->ex.to = chance(r, 0.2) ? CARE_DATE_NONE : p->ex.from + between(r, 30, 270);
		if (p->ex.to != CARE_DATE_NONE && p->ex.to > last)
			p->ex.to = last;
		if (p->ex.to == CARE_DATE_NONE && p->left != CARE_DATE_NONE)
			p->ex.to = p->left;
		p->ex.reason = exemption_reasons[between(r, 0, 3)];
	}
}

static const char *const competencies[] = {"customer-care", "difficult-conversations",
                                           "complaints-handling", "ers-booking",
                                           "information-governance"};

static int requires(const person *p, const char *competency, care_date *first, int *due)
{
	size_t k, q;
	int found = 0;

	for (k = 0; k < p->assignment_count; k++) {
		const care_role *role = &roles[p->roles[k]].role;
		for (q = 0; q < role->requirement_count; q++)
			if (strcmp(role->requirements[q].competency, competency) == 0 &&
			    (!found || p->as[k].from < *first)) {
				*first = p->as[k].from;
				*due = role->requirements[q].due_within_days;
				found = 1;
			}
	}
	return found;
}

static int add_completions(care_dataset *ds, rng *r, const synth_options *o, const person *p,
                           size_t *serial)
{
	size_t c;
	care_issues *issues = NULL;
	int rc;

	for (c = 0; c < sizeof competencies / sizeof competencies[0]; c++) {
		care_date first, when, last = p->left == CARE_DATE_NONE ? o->extracted_on : p->left;
		int due, diligent = !chance(r, 0.2);
		if (!requires(p, competencies[c], &first, &due))
			continue;
		when = first + (diligent ? between(r, -20, due) : between(r, due, due + 400));
		while (when <= last && when <= o->extracted_on) {
			const care_module *m;
			care_completion cp;
			char id[24], date[11];
			int failed = chance(r, 0.06);
			size_t mi;
			for (mi = 0; strcmp(modules[mi].competency, competencies[c]) != 0; mi++)
				;
			if (c == 0 && chance(r, 0.35))
				mi = 1; /* the trust's own workshop instead of the e-learning */
			m = &modules[mi];
			memset(&cp, 0, sizeof cp);
			snprintf(id, sizeof id, "C%07zu", ++*serial);
			cp.id = o->explicit_ids && chance(r, 0.7) ? id : NULL;
			cp.staff = p->id;
			cp.module = m->id;
			cp.completed_on = when;
			cp.score = NAN;
			if (isnan(m->pass_mark)) {
				cp.outcome =
				    failed ? CARE_COMPLETION_FAILED : CARE_COMPLETION_COMPLETED;
				failed = 0;
			} else if (failed) {
				cp.outcome = CARE_COMPLETION_FAILED;
				cp.score = between(r, 30, (int)m->pass_mark - 1);
			} else {
				cp.outcome = CARE_COMPLETION_PASSED;
				cp.score = between(r, (int)m->pass_mark, 100);
			}
			cp.source = m->delivery == CARE_DELIVERY_E_LEARNING
			                ? (chance(r, 0.5) ? "xapi" : "esr")
			                : (chance(r, 0.8) ? "esr" : "manual");
			(void)date;
			if ((rc = care_dataset_add_completion(ds, &cp, &issues)) != 0)
				return fail(rc, "completion", issues);
			care_issues_free(issues);
			if (failed) {
				when += between(r, 1, 30); /* try again */
				continue;
			}
			if (m->validity_months == 0)
				break;
			/* A refresher before expiry, or a lapse. */
			{
				care_date expires = care_date_add_months(when, m->validity_months);
				when = chance(r, 0.8) ? expires - between(r, 1, 75)
				                      : expires + between(r, 10, 300);
			}
		}
	}
	return 0;
}

static int in_bst(care_date d)
{
	int y, m;
	care_date start, end;

	care_date_to_ymd(d, &y, &m, NULL);
	start = care_date_from_ymd(y, 3, 31);
	start -= (care_date_weekday(start) + 1) % 7; /* last Sunday of March */
	end = care_date_from_ymd(y, 10, 31);
	end -= (care_date_weekday(end) + 1) % 7;
	return d >= start && d < end;
}

static int add_contacts(care_dataset *ds, rng *r, const synth_options *o, const person *p,
                        size_t *interactions, size_t *complaints)
{
	static const int specialties[] = {100, 101, 110, 120, 130, 140, 300, 320, 330, 502, 800};
	care_date from = o->extracted_on - 730, to = o->extracted_on;
	care_issues *issues = NULL;
	double expected;
	int n, i, rc;

	if (!roles[p->roles[0]].role.patient_facing || o->interactions_per_staff_year <= 0)
		return 0;
	if (p->started > from)
		from = p->started;
	if (p->left != CARE_DATE_NONE && p->left < to)
		to = p->left;
	if (to < from)
		return 0;
	expected = o->interactions_per_staff_year * (to - from + 1) / 365.0;
	n = (int)expected + (chance(r, expected - floor(expected)) ? 1 : 0);
	for (i = 0; i < n; i++) {
		care_interaction x;
		char id[24], appt[24], patient[24];
		memset(&x, 0, sizeof x);
		snprintf(id, sizeof id, "I%07zu", ++*interactions);
		x.id = id;
		x.staff = p->id;
		x.at.date = from + between(r, 0, to - from);
		x.at.hour = between(r, 8, 17);
		x.at.minute = between(r, 0, 59);
		x.at.second = between(r, 0, 59);
		x.at.zulu = !in_bst(x.at.date);
		x.at.offset_minutes = x.at.zulu ? 0 : 60;
		x.channel = (care_channel)(chance(r, 0.55)  ? CARE_CHANNEL_PHONE
		                           : chance(r, 0.5) ? CARE_CHANNEL_IN_PERSON
		                                            : between(r, 2, 8));
		x.kind = (care_interaction_kind)between(r, 0, 7);
		x.outcome = (care_interaction_outcome)(chance(r, 0.85) ? 0 : between(r, 1, 2));
		x.duration_seconds = chance(r, 0.8) ? between(r, 30, 1800) : CARE_NONE;
		snprintf(appt, sizeof appt, "A%08d", between(r, 1, 99999999));
		snprintf(patient, sizeof patient, "P-%06X", (unsigned)between(r, 0, 0xFFFFFF));
		x.appointment_ref = chance(r, 0.7) ? appt : NULL;
		x.patient_ref = chance(r, 0.9) ? patient : NULL;
		x.specialty = chance(r, 0.8) ? specialties[between(r, 0, 10)] : CARE_NONE;
		if ((rc = care_dataset_add_interaction(ds, &x, &issues)) != 0)
			return fail(rc, "interaction", issues);
		care_issues_free(issues);
		/* Untrained staff draw a few more complaints. */
		if (chance(r, o->complaint_rate * (p->has_exemption ? 1.5 : 1.0)) ||
		    chance(r, o->complaint_rate * 0.3)) {
			care_complaint k;
			const char *staff[1];
			char kid[24];
			int open = chance(r, 0.25);
			memset(&k, 0, sizeof k);
			snprintf(kid, sizeof kid, "K%06zu", ++*complaints);
			k.id = kid;
			k.received_on = x.at.date + between(r, 0, 20);
			if (k.received_on > o->extracted_on)
				continue;
			k.acknowledged_on =
			    chance(r, 0.95) ? k.received_on + between(r, 0, 8) : CARE_DATE_NONE;
			if (k.acknowledged_on != CARE_DATE_NONE &&
			    k.acknowledged_on > o->extracted_on)
				k.acknowledged_on = o->extracted_on;
			k.closed_on = CARE_DATE_NONE;
			k.outcome = CARE_NONE;
			if (!open) {
				k.closed_on = k.received_on + between(r, 5, 240);
				if (k.closed_on <= o->extracted_on)
					k.outcome = between(r, 0, 3);
				else
					k.closed_on = CARE_DATE_NONE;
			}
			k.subjects = 1u << (chance(r, 0.4)   ? CARE_SUBJECT_COMMUNICATIONS
			                    : chance(r, 0.5) ? CARE_SUBJECT_APPOINTMENTS
			                                     : between(r, 0, 19));
			if (chance(r, 0.3))
				k.subjects |= 1u << CARE_SUBJECT_VALUES_AND_BEHAVIOURS;
			staff[0] = p->id;
			k.staff = staff;
			k.staff_count = chance(r, 0.8) ? 1 : 0;
			k.interaction = chance(r, 0.85) ? id : NULL;
			if ((rc = care_dataset_add_complaint(ds, &k, &issues)) != 0)
				return fail(rc, "complaint", issues);
			care_issues_free(issues);
		}
	}
	return 0;
}

int synth_build(care_dataset *ds, const synth_options *o)
{
	rng r = {o->seed};
	size_t n, serial = 0, interactions = 0, complaints = 0;
	char name[96];
	int rc;

	snprintf(name, sizeof name, "%s",
	         o->trusts > 1 ? "All trusts in England (synthetic)"
	                       : "Example Valley NHS Foundation Trust");
	if ((rc = care_dataset_set_header(ds, o->trusts > 1 ? "Y56" : "RXX", name,
	                                  o->extracted_on)) != 0 ||
	    (rc = care_dataset_add_non_working_day(ds, care_date_from_ymd(2025, 12, 29))) != 0 ||
	    (rc = add_fixed(ds, o)) != 0)
		return rc;
	/* Every add is cheaper when the arrays are sized up front. */
	if ((rc = care_dataset_reserve(ds, CARE_KIND_STAFF, o->staff)) != 0 ||
	    (rc = care_dataset_reserve(ds, CARE_KIND_COMPLETION, o->staff * 21)) != 0)
		return rc;
	for (n = 0; n < o->staff; n++) {
		person p;
		care_staff s;
		care_issues *issues = NULL;
		make_person(&p, &r, o, n);
		s.id = p.id;
		s.started_on = p.started;
		s.left_on = p.left;
		s.assignments = p.as;
		s.assignment_count = p.assignment_count;
		s.exemptions = p.has_exemption ? &p.ex : NULL;
		s.exemption_count = p.has_exemption ? 1 : 0;
		if ((rc = care_dataset_add_staff(ds, &s, &issues)) != 0)
			return fail(rc, "staff", issues);
		care_issues_free(issues);
		if ((rc = add_completions(ds, &r, o, &p, &serial)) != 0 ||
		    (rc = add_contacts(ds, &r, o, &p, &interactions, &complaints)) != 0)
			return rc;
		if (o->progress && (n & 16383) == 0)
			o->progress(o->progress_data, (double)n / (double)o->staff);
	}
	if (o->progress)
		o->progress(o->progress_data, 1.0);
	return 0;
}

/* ---- the faulty sample ---- */

/* Each fault: the list it goes in and the record as JSON (what it breaks in a comment). */
static const struct {
	const char *list, *json;
} faults[] = {
    /* unit-cycle (two units), then a unit below the cycle: dangling-ref */
    {"units", "{\"id\":\"LOOP-A\",\"name\":\"Loop A\",\"parent\":\"LOOP-B\"}"},
    {"units", "{\"id\":\"LOOP-B\",\"name\":\"Loop B\",\"parent\":\"LOOP-A\"}"},
    {"units", "{\"id\":\"UNDER-LOOP\",\"name\":\"Under the loop\",\"parent\":\"LOOP-A\"}"},
    /* duplicate-id, bad-id, type, unknown-field */
    {"units", "{\"id\":\"OPS\",\"name\":\"Operations again\"}"},
    {"units", "{\"id\":\"bad id!\",\"name\":\"Spaces are not allowed\"}"},
    {"units", "{\"id\":\"U-TYPE\",\"name\":42,\"colour\":\"blue\"}"},
    /* duplicate-requirement, out-of-range, bad-enum */
    {"roles", "{\"id\":\"TWICE\",\"title\":\"Listed twice\",\"staff_group\":\"admin-clerical\","
              "\"patient_facing\":true,\"clinical\":false,\"requirements\":[{\"competency\":"
              "\"customer-care\",\"due_within_days\":90},{\"competency\":\"customer-care\","
              "\"due_within_days\":30}]}"},
    {"roles", "{\"id\":\"LATE\",\"title\":\"Too long to comply\",\"staff_group\":\"clerks\","
              "\"patient_facing\":true,\"clinical\":false,\"requirements\":[{\"competency\":"
              "\"customer-care\",\"due_within_days\":4000}]}"},
    /* required (no title), out-of-range validity */
    {"modules", "{\"id\":\"NO-TITLE\",\"validity_months\":601,\"delivery\":\"e-learning\"}"},
    /* bad-date, date-order, outside-employment (warning), overlapping-assignment
     * (warning), after-extract (warning), dangling-ref (to the rejected role) */
    {"staff", "{\"id\":\"X-BADDATE\",\"started_on\":\"2025-02-30\",\"assignments\":[]}"},
    {"staff", "{\"id\":\"X-ORDER\",\"started_on\":\"2024-05-01\",\"left_on\":\"2024-04-30\","
              "\"assignments\":[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-05-01\"}]}"},
    {"staff",
     "{\"id\":\"X-WARN\",\"started_on\":\"2023-01-09\",\"assignments\":["
     "{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2022-12-01\"},"
     "{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2023-06-01\",\"to\":\"2023-12-31\"},"
     "{\"role\":\"BOOK\",\"unit\":\"PA-CBS\",\"from\":\"2026-05-01\"}]}"},
    {"staff", "{\"id\":\"X-REJROLE\",\"started_on\":\"2024-01-08\",\"assignments\":["
              "{\"role\":\"TWICE\",\"unit\":\"PA-CBS\",\"from\":\"2024-01-08\"}]}"},
    /* score-below-pass-mark; a completion of a rejected person (dangling-ref) */
    {"completions", "{\"id\":\"X-LOWSCORE\",\"staff\":\"S000001\",\"module\":\"CC-ELEARN\","
                    "\"completed_on\":\"2025-06-02\",\"outcome\":\"passed\",\"score\":61}"},
    {"completions", "{\"staff\":\"X-REJROLE\",\"module\":\"CC-ELEARN\","
                    "\"completed_on\":\"2025-06-02\",\"outcome\":\"passed\",\"score\":91}"},
    /* looks-like-nhs-number, a bad timestamp */
    {"interactions", "{\"id\":\"X-NHSNO\",\"staff\":\"S000001\",\"at\":\"2026-01-12T10:00:00Z\","
                     "\"channel\":\"phone\",\"kind\":\"booking\",\"outcome\":\"resolved\","
                     "\"patient_ref\":\"9434765919\"}"},
    {"interactions", "{\"id\":\"X-BADTIME\",\"staff\":\"S000001\",\"at\":\"2026-01-12 10:00\","
                     "\"channel\":\"fax\",\"kind\":\"booking\",\"outcome\":\"resolved\"}"},
    /* required (closed without outcome), date-order, empty subjects */
    {"complaints", "{\"id\":\"X-NOOUTCOME\",\"received_on\":\"2026-01-05\",\"closed_on\":"
                   "\"2026-02-01\",\"subjects\":[\"communications\"]}"},
    {"complaints", "{\"id\":\"X-EARLYACK\",\"received_on\":\"2026-01-05\",\"acknowledged_on\":"
                   "\"2026-01-02\",\"subjects\":[]}"},
    {"complaints", "{\"id\":\"X-GHOSTS\",\"received_on\":\"2026-01-05\",\"subjects\":"
                   "[\"waiting-times\"],\"staff\":[\"X-REJROLE\",\"NOBODY\"]}"},
};

char *synth_faulty_text(uint64_t seed)
{
	synth_options o;
	care_dataset *ds = NULL;
	char *text = NULL, *out = NULL, *long_text;
	cJSON *root = NULL, *rec;
	size_t i;

	synth_options_sample(&o);
	o.seed = seed;
	o.staff = 40;
	if (care_dataset_new(&ds) != 0 || synth_build(ds, &o) != 0 ||
	    care_dataset_dump(&text, NULL, ds) != 0)
		goto done;
	root = cJSON_Parse(text);
	if (root == NULL)
		goto done;
	for (i = 0; i < sizeof faults / sizeof faults[0]; i++) {
		rec = cJSON_Parse(faults[i].json);
		if (rec == NULL)
			goto done;
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, faults[i].list), rec);
	}
	/* bad-text: a name that is not UTF-8, and a reason over 1024 bytes. */
	rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "id", "BAD-UTF8");
	cJSON_AddStringToObject(rec, "name", "Caf\xe9 (Latin-1, not UTF-8)");
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "units"), rec);
	long_text = malloc(1101);
	if (long_text == NULL)
		goto done;
	memset(long_text, 'x', 1100);
	long_text[1100] = '\0';
	rec = cJSON_Parse(
	    "{\"id\":\"X-LONGREASON\",\"started_on\":\"2024-01-08\",\"assignments\":"
	    "[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-01-08\"}],"
	    "\"exemptions\":[{\"competency\":\"customer-care\",\"from\":\"2024-02-01\"}]}");
	if (rec) {
		cJSON *ex =
		    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "exemptions"), 0);
		cJSON_AddStringToObject(ex, "reason", long_text);
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "staff"), rec);
	}
	free(long_text);
	out = cJSON_Print(root);
done:
	cJSON_Delete(root);
	care_free(text);
	care_dataset_free(ds);
	return out;
}
