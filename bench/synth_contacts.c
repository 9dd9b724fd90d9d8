/*
 * Patient contacts and complaints: the contacts of each patient-facing
 * assignment, the complaints some of them draw (more often when the person
 * was not trained), and complaints about the trust linked to no contact.
 */
#include <stdio.h>
#include <string.h>

#include "synth_internal.h"

/* ---- complaints ---- */

static int working_day(const gen *g, care_date d)
{
	return care_working_days(d - 1, d, g->closures, 2) == 1;
}

/*
 * Acknowledged within one to six working days (most in three), unless that
 * lies after the extract; closed after two weeks to ten months, or still open
 * (when that lies after the extract, and for a few that have stalled).
 */
static void handle_complaint(gen *g, care_complaint *k)
{
	static const int ack_weights[] = {40, 25, 18, 8, 5, 4};
	static const int outcome_weights[] = {25, 35, 30, 10};
	rng *r = &g->r;
	int days = 1 + pick(r, ack_weights, 6);
	care_date d = k->received_on;

	while (days > 0)
		if (working_day(g, ++d))
			days--;
	k->acknowledged_on = d <= g->o->extracted_on ? d : CARE_DATE_NONE;
	k->closed_on = CARE_DATE_NONE;
	k->outcome = CARE_NONE;
	if (!chance(r, 0.04)) {
		d = k->received_on + (chance(r, 0.82) ? between(r, 14, 90) : between(r, 91, 300));
		if (k->acknowledged_on != CARE_DATE_NONE && d <= g->o->extracted_on) {
			k->closed_on = d;
			k->outcome = pick(r, outcome_weights, 4);
		}
	}
}

static int add_complaint(gen *g, care_complaint *k)
{
	char id[24];
	care_issues *issues = NULL;
	int rc;

	snprintf(id, sizeof id, "%sK%06zu", SYNTH_PREFIX(g), ++g->complaints);
	k->id = id;
	handle_complaint(g, k);
	rc = care_dataset_add_complaint(g->ds, k, &issues);
	return synth_added(g, rc, issues, "complaint", id);
}

/* What a complaint about a contact of this kind is about. */
static uint32_t subjects_for(rng *r, care_interaction_kind kind)
{
	static const care_subject by_kind[8][2] = {
	    {CARE_SUBJECT_APPOINTMENTS, CARE_SUBJECT_COMMUNICATIONS},
	    {CARE_SUBJECT_APPOINTMENTS, CARE_SUBJECT_WAITING_TIMES},
	    {CARE_SUBJECT_APPOINTMENTS, CARE_SUBJECT_COMMUNICATIONS},
	    {CARE_SUBJECT_COMMUNICATIONS, CARE_SUBJECT_TRUST_ADMINISTRATION},
	    {CARE_SUBJECT_WAITING_TIMES, CARE_SUBJECT_COMMUNICATIONS},
	    {CARE_SUBJECT_TRANSPORT, CARE_SUBJECT_COMMUNICATIONS},
	    {CARE_SUBJECT_ACCESS_TO_TREATMENT, CARE_SUBJECT_WAITING_TIMES},
	    {CARE_SUBJECT_COMMUNICATIONS, CARE_SUBJECT_OTHER},
	};
	uint32_t subjects = 1u << by_kind[kind][chance(r, 0.3) ? 1 : 0];

	if (chance(r, 0.25))
		subjects |= 1u << CARE_SUBJECT_VALUES_AND_BEHAVIOURS;
	if (chance(r, 0.05))
		subjects |= 1u << between(r, 0, CARE_SUBJECT_OTHER);
	return subjects;
}

/* ---- contacts ---- */

static int trained_on(const person *p, care_date d)
{
	size_t i;

	for (i = 0; i < p->trained_count; i++)
		if (p->trained_from[i] <= d && d < p->trained_until[i])
			return 1;
	return 0;
}

/* British Summer Time: from the last Sunday of March to the last Sunday of October. */
static int in_bst(care_date d)
{
	int y;
	care_date start, end;

	care_date_to_ymd(d, &y, NULL, NULL);
	start = care_date_from_ymd(y, 3, 31);
	start -= (care_date_weekday(start) + 1) % 7;
	end = care_date_from_ymd(y, 10, 31);
	end -= (care_date_weekday(end) + 1) % 7;
	return d >= start && d < end;
}

static void make_contact(gen *g, const person *p, size_t k, care_date d, care_interaction *x)
{
	rng *r = &g->r;
	size_t role = p->role[k];

	x->staff = p->id;
	x->at.date = d;
	x->at.hour = between(r, 8, 17);
	x->at.minute = between(r, 0, 59);
	x->at.second = between(r, 0, 59);
	if (chance(r, 0.08)) {
		x->at.frac_digits = 3;
		x->at.nanos = between(r, 0, 999) * 1000000;
	}
	x->at.zulu = !in_bst(d);
	x->at.offset_minutes = x->at.zulu ? 0 : 60;
	x->kind = (care_interaction_kind)pick(r, synth_roles[role].kinds, 8);
	x->channel = (care_channel)pick(r, synth_roles[role].channels, 9);
	x->outcome = chance(r, 0.86) ? CARE_IO_RESOLVED
	                             : (chance(r, 0.55) ? CARE_IO_ESCALATED : CARE_IO_UNRESOLVED);
	x->duration_seconds = CARE_NONE;
	if (x->channel == CARE_CHANNEL_PHONE || x->channel == CARE_CHANNEL_IN_PERSON ||
	    x->channel == CARE_CHANNEL_VIDEO)
		x->duration_seconds = chance(r, 0.9) ? between(r, 45, 1500) : CARE_NONE;
	x->specialty = CARE_NONE;
	if (p->unit[k] == SYNTH_U_OP_EYE)
		x->specialty = chance(r, 0.9) ? 130
		                              : synth_specialties[pick(r, synth_specialty_weights,
		                                                       SYNTH_SPECIALTY_COUNT)];
	else if (p->unit[k] == SYNTH_U_SURG_DSU)
		x->specialty = synth_specialties[between(r, 1, 5)];
	else if (chance(r, 0.85))
		x->specialty =
		    synth_specialties[pick(r, synth_specialty_weights, SYNTH_SPECIALTY_COUNT)];
}

/* A contact may draw a complaint: more often untrained, or not resolved. */
static int maybe_complaint(gen *g, const person *p, const care_interaction *x)
{
	static const double by_outcome[] = {0.9, 1.6, 2.2};
	rng *r = &g->r;
	double rate = g->o->complaint_rate * (trained_on(p, x->at.date) ? 0.75 : 1.4) *
	              by_outcome[x->outcome];
	care_complaint k;
	const char *staff[2];
	char other[24];

	if (!chance(r, rate))
		return 0;
	memset(&k, 0, sizeof k);
	k.received_on = x->at.date + (chance(r, 0.7) ? between(r, 0, 6) : between(r, 7, 30));
	if (k.received_on > g->o->extracted_on)
		return 0;
	k.subjects = subjects_for(r, x->kind);
	staff[0] = p->id;
	k.staff = staff;
	k.staff_count = chance(r, 0.85) ? 1 : 0;
	if (k.staff_count && p->n > 0 && chance(r, 0.06)) {
		snprintf(other, sizeof other, "%sS%06d", SYNTH_PREFIX(g), between(r, 1, (int)p->n));
		staff[k.staff_count++] = other;
	}
	k.interaction = x->id;
	return add_complaint(g, &k);
}

/* The contacts of one assignment of a patient-facing role, during the history. */
static int add_contacts(gen *g, const person *p, size_t k)
{
	rng *r = &g->r;
	const care_assignment *a = &p->as[k];
	care_date from = max_date(max_date(a->from, p->started), g->history),
	          to = a->to == CARE_DATE_NONE ? p->last : min_date(a->to, p->last);
	size_t n, i;

	if (!synth_roles[p->role[k]].role.patient_facing ||
	    g->o->interactions_per_staff_year <= 0 || to < from)
		return 0;
	n = round_random(r, g->o->interactions_per_staff_year * synth_roles[p->role[k]].contacts *
	                        (to - from + 1) / 365.0);
	for (i = 0; i < n; i++) {
		care_interaction x;
		care_issues *issues = NULL;
		char id[24], appointment[24], patient[24];
		care_date d = from + between(r, 0, to - from);
		int tries, rc;
		/* Most contacts are on weekdays. */
		for (tries = 0; tries < 3 && care_date_weekday(d) >= 5 && chance(r, 0.9); tries++)
			d = from + between(r, 0, to - from);
		memset(&x, 0, sizeof x);
		snprintf(id, sizeof id, "%sI%07zu", SYNTH_PREFIX(g), ++g->interactions);
		x.id = id;
		make_contact(g, p, k, d, &x);
		snprintf(appointment, sizeof appointment, "APT-%08d", between(r, 1, 99999999));
		snprintf(patient, sizeof patient, "P-%06X", (unsigned)between(r, 0, 0xFFFFFF));
		if (x.kind <= CARE_IK_CANCELLATION || x.kind == CARE_IK_TRANSPORT_BOOKING
		        ? chance(r, 0.9)
		        : chance(r, 0.15))
			x.appointment_ref = appointment;
		x.patient_ref = chance(r, 0.92) ? patient : NULL;
		rc = care_dataset_add_interaction(g->ds, &x, &issues);
		if (synth_added(g, rc, issues, "interaction", id) != 0 ||
		    (rc = maybe_complaint(g, p, &x)) != 0)
			return rc;
	}
	return 0;
}

/* Complaints about the trust in general, some naming a member of staff. */
int synth_add_unlinked_complaints(gen *g)
{
	static const care_subject subjects[] = {
	    CARE_SUBJECT_FACILITIES,           CARE_SUBJECT_TRANSPORT,
	    CARE_SUBJECT_WAITING_TIMES,        CARE_SUBJECT_CLINICAL_TREATMENT,
	    CARE_SUBJECT_TRUST_ADMINISTRATION, CARE_SUBJECT_COMMUNICATIONS,
	    CARE_SUBJECT_APPOINTMENTS,         CARE_SUBJECT_PRIVACY_DIGNITY_WELLBEING,
	    CARE_SUBJECT_PATIENT_CARE,         CARE_SUBJECT_ADMISSIONS_DISCHARGE_TRANSFERS};
	static const int weights[] = {12, 10, 18, 8, 8, 16, 14, 4, 6, 4};
	rng *r = &g->r;
	size_t n = round_random(r, g->o->unlinked_complaints_per_staff_year * (double)g->o->staff *
	                               g->o->years),
	       i;

	for (i = 0; i < n; i++) {
		care_complaint k;
		const char *staff[1];
		char who[24];
		int rc;
		memset(&k, 0, sizeof k);
		k.received_on = g->history + between(r, 0, g->o->extracted_on - g->history);
		k.subjects = 1u << subjects[pick(r, weights, 10)];
		if (chance(r, 0.35)) {
			snprintf(who, sizeof who, "%sS%06d", SYNTH_PREFIX(g),
			         between(r, 1, (int)g->o->staff));
			staff[0] = who;
			k.staff = staff;
			k.staff_count = 1;
		}
		if ((rc = add_complaint(g, &k)) != 0)
			return rc;
	}
	return 0;
}

/* The contacts of each of the person's assignments. */
int synth_add_contacts(gen *g, const person *p)
{
	size_t k;
	int rc;

	for (k = 0; k < p->assignment_count; k++)
		if ((rc = add_contacts(g, p, k)) != 0)
			return rc;
	return 0;
}
