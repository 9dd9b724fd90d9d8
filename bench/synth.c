/*
 * The synthetic dataset generator (see synth.h and docs/sample-data.md).
 *
 * Deterministic for a seed: a splitmix64 stream drives every choice, and
 * records are added in a fixed order (per person: the staff record, their
 * completions, their contacts and the complaints those draw; then the
 * complaints linked to no contact), so the same options always give the same
 * file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "synth.h"

/* ---- randomness ---- */

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

/* Uniform in [lo, hi] (hi >= lo). */
static int between(rng *r, int lo, int hi)
{
	return lo + (int)(next(r) % (uint64_t)((int64_t)hi - lo + 1));
}

static int chance(rng *r, double p)
{
	return (double)(next(r) >> 11) / 9007199254740992.0 < p;
}

/* An index in [0, n) drawn with the given weights (not all 0). */
static int pick(rng *r, const int *weights, int n)
{
	int total = 0, x, i;

	for (i = 0; i < n; i++)
		total += weights[i];
	x = between(r, 0, total - 1);
	for (i = 0; i < n - 1; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* x rounded down or up at random, so that the mean is x. */
static size_t round_random(rng *r, double x)
{
	double whole = floor(x);

	return (size_t)whole + (chance(r, x - whole) ? 1u : 0u);
}

void synth_options_sample(synth_options *o)
{
	memset(o, 0, sizeof *o);
	o->seed = 20260331;
	o->trusts = 1;
	o->staff = 400;
	o->extracted_on = care_date_from_ymd(2026, 3, 31);
	o->years = 4;
	o->interactions_per_staff_year = 7;
	o->complaint_rate = 0.02;
	o->explicit_ids = 1;
	o->programme_start = care_date_from_ymd(2025, 2, 3);
	o->unlinked_complaints_per_staff_year = 0.03;
	o->trim_history = 1;
}

void synth_options_national(synth_options *o)
{
	synth_options_sample(o);
	o->seed = 7;
	o->trusts = 150;
	o->staff = 1500000;
	o->years = 18;
	o->interactions_per_staff_year = 0;
	o->unlinked_complaints_per_staff_year = 0;
	o->explicit_ids = 0;
	o->trim_history = 0;
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
    {"OP-MAIN", "Main Outpatients Reception, General Hospital", "OP"},
    {"OP-EYE", "Eye Clinic Reception, General Hospital", "OP"},
    {"OP-CH", "Outpatients Reception, Community Hospital", "OP"},
    {"EA", "Elective Admissions", "OPS"},
    {"EA-ADM", "Admissions Office", "EA"},
    {"PT", "Patient Transport", "OPS"},
    {"PT-BOOK", "Transport Booking Desk", "PT"},
    {"MR", "Medical Records", "OPS"},
    {"MR-LIB", "Records Library", "MR"},
    {"MR-SEC", "Medical Secretaries", "MR"},
    {"SURG", "Surgery", NULL},
    {"SURG-DSU", "Day Surgery Unit", "SURG"},
};
#define UNIT_COUNT (sizeof units / sizeof units[0])

enum { U_OP_EYE = 7, U_SURG_DSU = 17 };

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

/*
 * Roles, with the units their holders work in (indexes into units[]), their
 * share of the workforce, how many contacts they handle (relative to
 * interactions_per_staff_year) and what kind of contacts, by which channel.
 */
static const struct {
	care_role role;
	unsigned char units[4];
	int weight;
	double contacts;
	int kinds[8];    /* weights by care_interaction_kind */
	int channels[9]; /* weights by care_channel */
} roles[] = {
    /* One role in two lines: the role; its units, weight, contacts, kinds and channels. */
    /* clang-format off */
    {{"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, req_rec, 3},
     {6, 7, 8, 10}, 24, 1.3, {30, 15, 8, 40, 0, 0, 0, 7}, {25, 65, 0, 3, 0, 2, 0, 3, 2}},
    {{"BOOK", "Booking Clerk", CARE_SG_ADMIN_CLERICAL, 1, 0, req_book, 4},
     {2, 2, 2, 6}, 20, 1.2, {45, 25, 15, 10, 0, 0, 0, 5}, {60, 5, 10, 10, 5, 5, 0, 4, 1}},
    {{"PAC", "Patient Access Coordinator", CARE_SG_ADMIN_CLERICAL, 1, 0, req_pac, 5},
     {3, 3, 2, 10}, 10, 1.0, {20, 10, 5, 15, 5, 0, 40, 5}, {55, 5, 5, 25, 0, 3, 2, 4, 1}},
    {{"WLV", "Waiting List Validator", CARE_SG_ADMIN_CLERICAL, 1, 0, req_wlv, 3},
     {4, 4, 4, 4}, 9, 1.0, {5, 5, 10, 5, 70, 0, 0, 5}, {45, 0, 25, 5, 15, 8, 0, 2, 0}},
    {{"TRANS", "Patient Transport Booker", CARE_SG_ADMIN_CLERICAL, 1, 0, req_trans, 3},
     {12, 12, 12, 12}, 7, 1.0, {0, 0, 10, 10, 0, 75, 0, 5}, {85, 5, 0, 5, 0, 0, 0, 3, 2}},
    {{"MEDSEC", "Medical Secretary", CARE_SG_ADMIN_CLERICAL, 1, 0, req_medsec, 2},
     {15, 15, 15, 14}, 12, 0.7, {10, 25, 10, 45, 0, 0, 5, 5}, {55, 0, 20, 20, 0, 0, 0, 3, 2}},
    {{"TL", "Patient Access Team Leader", CARE_SG_ADMIN_CLERICAL, 1, 0, req_tl, 4},
     {1, 5, 9, 11}, 6, 0.4, {10, 10, 5, 50, 0, 0, 5, 20}, {50, 30, 0, 15, 0, 0, 2, 0, 3}},
    {{"NURSE", "Staff Nurse (Day Surgery)", CARE_SG_NURSING_MIDWIFERY, 1, 1, req_ig, 1},
     {17, 17, 17, 17}, 6, 0.2, {5, 0, 0, 40, 0, 0, 0, 55}, {40, 50, 0, 0, 0, 0, 10, 0, 0}},
    {{"ANALYST", "Performance Analyst", CARE_SG_ADMIN_CLERICAL, 0, 0, req_ig, 1},
     {1, 13, 1, 13}, 4, 0, {0, 0, 0, 0, 0, 0, 0, 1}, {1, 0, 0, 0, 0, 0, 0, 0, 0}},
    /* clang-format on */
};
#define ROLE_COUNT (sizeof roles / sizeof roles[0])

static const char *const competencies[] = {"customer-care", "difficult-conversations",
                                           "complaints-handling", "ers-booking",
                                           "information-governance"};
#define COMPETENCY_COUNT (sizeof competencies / sizeof competencies[0])

/*
 * The modules, and when each became available: `lag` days after the
 * programme start (the trust's own workshops first, the national e-learning
 * later), or -1 for a module that has always been there.
 */
static const struct {
	care_module module;
	int lag;
} modules[] = {
    {{"CC-ELEARN", "Customer care in elective services (e-learning)", "customer-care", 36,
      CARE_DELIVERY_E_LEARNING, 45, 80, CARE_NONE, "NHS England e-Learning for Healthcare",
      "https://www.e-lfh.org.uk/xapi/activities/customer-care-elective"},
     56},
    {{"CC-WORKSHOP", "Customer care workshop (90 minutes)", "customer-care", 36,
      CARE_DELIVERY_WORKSHOP, 90, NAN, 4500, "Trust Learning and Development", NULL},
     0},
    {{"DC-WORKSHOP", "Handling difficult conversations with compassion", "difficult-conversations",
      24, CARE_DELIVERY_BLENDED, 180, NAN, 6000, "Trust Learning and Development", NULL},
     0},
    {{"CH-ELEARN", "Dealing with complaints (e-learning)", "complaints-handling", 24,
      CARE_DELIVERY_E_LEARNING, 40, 75, CARE_NONE, "NHS England e-Learning for Healthcare",
      "https://www.e-lfh.org.uk/xapi/activities/complaints-handling"},
     56},
    {{"ERS-ELEARN", "e-Referral Service: referral, booking and waiting-list management",
      "ers-booking", 0, CARE_DELIVERY_E_LEARNING, 60, 70, CARE_NONE, "NHS England",
      "https://digital.nhs.uk/xapi/activities/e-rs-training"},
     -1},
    {{"IG-ELEARN", "Data security awareness", "information-governance", 12,
      CARE_DELIVERY_E_LEARNING, 30, 80, 0, "NHS England e-Learning for Healthcare", NULL},
     -1},
};
#define MODULE_COUNT (sizeof modules / sizeof modules[0])
#define CC_ELEARN    0
#define CC_WORKSHOP  1

static const char *const exemption_reasons[] = {"long-term sickness", "maternity leave",
                                                "secondment outside patient-facing work",
                                                "phased return after illness"};

/* Treatment function codes, the commoner first. */
static const int specialties[] = {130, 110, 502, 100, 101, 120, 300, 320, 330, 140, 800, 191};
static const int specialty_weights[] = {14, 16, 10, 9, 7, 8, 7, 6, 6, 5, 3, 3};
#define SPECIALTY_COUNT (int)(sizeof specialties / sizeof specialties[0])

/* ---- the generator's state ---- */

typedef struct gen {
	care_dataset *ds;
	const synth_options *o;
	rng r;
	care_date history; /* the first day of the history */
	care_date closures[2];
	size_t completions, interactions, complaints;
	size_t warnings;
} gen;

/* A person as generated, kept only while their records are made. */
typedef struct person {
	size_t n;
	char id[24];
	care_date started, left, last; /* last: the last day employed up to the extract */
	size_t assignment_count;
	care_assignment as[3];
	size_t role[3], unit[3];
	char role_ids[3][16], unit_ids[3][80];
	int has_exemption;
	care_exemption ex;
	/* Spells of valid customer-care training [from, until): who is trained. */
	size_t trained_count;
	care_date trained_from[32], trained_until[32];
} person;

/* Report an add that failed (and a warning, which the generator should never cause). */
static int added(gen *g, int rc, care_issues *issues, const char *what, const char *id)
{
	const care_issue *is = care_issues_get(issues, 0);

	if (rc != 0 || is != NULL) {
		if (rc == 0)
			g->warnings++;
		if (rc != 0 || g->warnings <= 10)
			fprintf(stderr, "synth: %s %s %s: %s\n", what, id ? id : "(no id)",
			        rc != 0 ? "rejected" : "has a warning",
			        is ? is->message : care_error_last());
	}
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

static care_date module_available(const gen *g, size_t m)
{
	if (modules[m].lag < 0 || g->o->programme_start == CARE_DATE_NONE)
		return CARE_DATE_MIN;
	return g->o->programme_start + modules[m].lag;
}

static int add_fixed(gen *g)
{
	const synth_options *o = g->o;
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
			rc = care_dataset_add_unit(g->ds, &u, &issues);
			if (added(g, rc, issues, "unit", id) != 0)
				return rc;
		}
	}
	for (i = 0; i < ROLE_COUNT; i++) {
		rc = care_dataset_add_role(g->ds, &roles[i].role, &issues);
		if (added(g, rc, issues, "role", roles[i].role.id) != 0)
			return rc;
	}
	for (i = 0; i < MODULE_COUNT; i++) {
		rc = care_dataset_add_module(g->ds, &modules[i].module, &issues);
		if (added(g, rc, issues, "module", modules[i].module.id) != 0)
			return rc;
	}
	return 0;
}

/* ---- people ---- */

static size_t pick_role(rng *r)
{
	int weights[ROLE_COUNT];
	size_t i;

	for (i = 0; i < ROLE_COUNT; i++)
		weights[i] = roles[i].weight;
	return (size_t)pick(r, weights, (int)ROLE_COUNT);
}

static care_date min_date(care_date a, care_date b)
{
	return a < b ? a : b;
}

static care_date max_date(care_date a, care_date b)
{
	return a > b ? a : b;
}

/*
 * Employment: most were in post before the history starts; the rest joined
 * during it. About a quarter have left (during the history), and a few have a
 * planned leaving date after the extract (a fixed-term contract).
 */
static void make_employment(person *p, gen *g)
{
	care_date end = g->o->extracted_on, h = g->history, from;

	if (end - 20 < h || chance(&g->r, 0.62))
		p->started = h - between(&g->r, 1, 5000);
	else
		p->started = h + between(&g->r, 0, end - 20 - h);
	p->left = CARE_DATE_NONE;
	from = max_date(p->started, h);
	if (end - from > 30 && chance(&g->r, 0.25))
		p->left = from + between(&g->r, 30, end - from);
	else if (chance(&g->r, 0.02))
		p->left = end + between(&g->r, 1, 120);
	p->last = p->left == CARE_DATE_NONE ? end : min_date(p->left, end);
}

/*
 * Assignments: one role from the start; a quarter of the long servers change
 * role (the next day, or after a break); a few hold a second role at once.
 */
static void make_assignments(person *p, gen *g)
{
	rng *r = &g->r;
	size_t k, trust = g->o->trusts > 1 ? (size_t)between(r, 0, (int)g->o->trusts - 1) : 0;

	p->role[0] = pick_role(r);
	p->assignment_count = 1;
	p->as[0].from = p->started;
	p->as[0].to = CARE_DATE_NONE;
	if (p->last - p->started > 400 && chance(r, 0.25)) {
		care_date change = p->started + between(r, 200, p->last - p->started - 100);
		int gap = chance(r, 0.4) ? between(r, 1, 45) : 0;
		p->as[0].to = change - 1;
		p->role[1] = pick_role(r);
		p->as[1].from = change + gap;
		p->as[1].to = CARE_DATE_NONE;
		p->assignment_count = 2;
	}
	if (chance(r, 0.04)) {
		k = p->assignment_count++;
		p->role[k] = (p->role[0] + 3) % ROLE_COUNT;
		if (k == 2 && p->role[k] == p->role[1])
			p->role[k] = (p->role[k] + 1) % ROLE_COUNT; /* never overlapping */
		p->as[k].from = min_date(p->started + between(r, 0, 300), p->last);
		p->as[k].to = CARE_DATE_NONE;
	}
	for (k = 0; k < p->assignment_count; k++) {
		p->unit[k] = roles[p->role[k]].units[between(r, 0, 3)];
		snprintf(p->role_ids[k], sizeof p->role_ids[k], "%s", roles[p->role[k]].role.id);
		unit_id(p->unit_ids[k], sizeof p->unit_ids[k], trust, units[p->unit[k]].id,
		        g->o->trusts);
		p->as[k].role = p->role_ids[k];
		p->as[k].unit = p->unit_ids[k];
		/* Planned ends stay inside employment. */
		if (p->left != CARE_DATE_NONE &&
		    (p->as[k].to == CARE_DATE_NONE || p->as[k].to > p->left))
			p->as[k].to = p->left;
	}
}

/* One in twenty has an exemption: some end, some are open. */
static void make_exemption(person *p, gen *g)
{
	rng *r = &g->r;

	if (!chance(r, 0.05))
		return;
	p->has_exemption = 1;
	p->ex.competency = chance(r, 0.7) ? "customer-care" : "difficult-conversations";
	p->ex.from = p->started + between(r, 0, p->last - p->started);
	p->ex.to = chance(r, 0.25) ? CARE_DATE_NONE : p->ex.from + between(r, 30, 270);
	if (p->ex.to != CARE_DATE_NONE)
		p->ex.to = min_date(p->ex.to, p->last);
	if (p->ex.to == CARE_DATE_NONE && p->left != CARE_DATE_NONE)
		p->ex.to = p->left;
	p->ex.reason = exemption_reasons[between(r, 0, 3)];
}

static int add_person(gen *g, person *p, size_t n)
{
	care_staff s;
	care_issues *issues = NULL;
	int rc;

	memset(p, 0, sizeof *p);
	p->n = n;
	snprintf(p->id, sizeof p->id, "S%06zu", n + 1);
	make_employment(p, g);
	make_assignments(p, g);
	make_exemption(p, g);
	s.id = p->id;
	s.started_on = p->started;
	s.left_on = p->left;
	s.assignments = p->as;
	s.assignment_count = p->assignment_count;
	s.exemptions = p->has_exemption ? &p->ex : NULL;
	s.exemption_count = p->has_exemption ? 1 : 0;
	rc = care_dataset_add_staff(g->ds, &s, &issues);
	return added(g, rc, issues, "staff", p->id);
}

/* ---- completions ---- */

/* When the person first held a role requiring the competency, and its grace. */
static int requires(const person *p, const char *competency, care_date *first, int *due)
{
	size_t k, q;
	int found = 0;

	for (k = 0; k < p->assignment_count; k++) {
		const care_role *role = &roles[p->role[k]].role;
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

/* The first day any module awarding the competency could be taken. */
static care_date competency_available(const gen *g, const char *competency)
{
	care_date first = CARE_DATE_MAX;
	size_t m;

	for (m = 0; m < MODULE_COUNT; m++)
		if (strcmp(modules[m].module.competency, competency) == 0)
			first = min_date(first, module_available(g, m));
	return first;
}

/* The module taken on `when`: customer-care has the e-learning and the workshop. */
static size_t choose_module(gen *g, const char *competency, care_date when)
{
	size_t m;

	if (strcmp(competency, "customer-care") == 0)
		return when >= module_available(g, CC_ELEARN) && chance(&g->r, 0.65) ? CC_ELEARN
		                                                                     : CC_WORKSHOP;
	for (m = 0; strcmp(modules[m].module.competency, competency) != 0; m++)
		;
	return m;
}

static int emit_completion(gen *g, care_completion *cp)
{
	char id[24];
	care_issues *issues = NULL;
	int rc;

	snprintf(id, sizeof id, "C%07zu", ++g->completions);
	cp->id = g->o->explicit_ids && chance(&g->r, 0.7) ? id : NULL;
	rc = care_dataset_add_completion(g->ds, cp, &issues);
	rc = added(g, rc, issues, "completion", cp->id);
	cp->id = NULL;
	return rc;
}

/*
 * The attempts of one person at one competency: the first within the grace
 * period (or, for one in five, late); a retry after a failure; a refresher
 * before expiry (or, for one in five, after a lapse). Staff in post when the
 * programme started join its backlog. With trim_history, attempts before the
 * history starts are dropped, except the last one that counts (which still
 * decides the status).
 */
static int add_attempts(gen *g, person *p, size_t c)
{
	rng *r = &g->r;
	const char *competency = competencies[c];
	care_date first, when, available = competency_available(g, competency);
	care_completion carried;
	int due, diligent = !chance(r, 0.2), has_carried = 0, rc;

	if (!requires(p, competency, &first, &due))
		return 0;
	memset(&carried, 0, sizeof carried);
	if (first >= available)
		when = first + (diligent ? between(r, -20, due) : between(r, due, due + 400));
	else
		when = available + (diligent ? between(r, 0, 480) : between(r, 180, 900));
	when = max_date(when, available);
	while (when <= p->last) {
		const care_module *m = &modules[choose_module(g, competency, when)].module;
		care_completion cp;
		int failed = chance(r, 0.06);
		memset(&cp, 0, sizeof cp);
		cp.staff = p->id;
		cp.module = m->id;
		cp.completed_on = when;
		cp.score = NAN;
		if (isnan(m->pass_mark)) {
			cp.outcome = failed ? CARE_COMPLETION_FAILED : CARE_COMPLETION_COMPLETED;
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
		if (!failed && c == 0 && p->trained_count < 32) {
			p->trained_from[p->trained_count] = when;
			p->trained_until[p->trained_count++] =
			    m->validity_months ? care_date_add_months(when, m->validity_months)
			                       : CARE_DATE_MAX;
		}
		if (when < g->history && g->o->trim_history) {
			if (!failed) {
				carried = cp;
				has_carried = 1;
			}
		} else {
			if (has_carried && (rc = emit_completion(g, &carried)) != 0)
				return rc;
			has_carried = 0;
			if ((rc = emit_completion(g, &cp)) != 0)
				return rc;
		}
		if (failed) {
			when += between(r, 1, 30);
		} else if (m->validity_months == 0) {
			break;
		} else {
			care_date expires = care_date_add_months(when, m->validity_months);
			when = chance(r, 0.8) ? expires - between(r, 1, 75)
			                      : expires + between(r, 10, 300);
		}
	}
	if (has_carried && (rc = emit_completion(g, &carried)) != 0)
		return rc;
	return 0;
}

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

	snprintf(id, sizeof id, "K%06zu", ++g->complaints);
	k->id = id;
	handle_complaint(g, k);
	rc = care_dataset_add_complaint(g->ds, k, &issues);
	return added(g, rc, issues, "complaint", id);
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
	x->kind = (care_interaction_kind)pick(r, roles[role].kinds, 8);
	x->channel = (care_channel)pick(r, roles[role].channels, 9);
	x->outcome = chance(r, 0.86) ? CARE_IO_RESOLVED
	                             : (chance(r, 0.55) ? CARE_IO_ESCALATED : CARE_IO_UNRESOLVED);
	x->duration_seconds = CARE_NONE;
	if (x->channel == CARE_CHANNEL_PHONE || x->channel == CARE_CHANNEL_IN_PERSON ||
	    x->channel == CARE_CHANNEL_VIDEO)
		x->duration_seconds = chance(r, 0.9) ? between(r, 45, 1500) : CARE_NONE;
	x->specialty = CARE_NONE;
	if (p->unit[k] == U_OP_EYE)
		x->specialty =
		    chance(r, 0.9) ? 130 : specialties[pick(r, specialty_weights, SPECIALTY_COUNT)];
	else if (p->unit[k] == U_SURG_DSU)
		x->specialty = specialties[between(r, 1, 5)];
	else if (chance(r, 0.85))
		x->specialty = specialties[pick(r, specialty_weights, SPECIALTY_COUNT)];
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
		snprintf(other, sizeof other, "S%06d", between(r, 1, (int)p->n));
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

	if (!roles[p->role[k]].role.patient_facing || g->o->interactions_per_staff_year <= 0 ||
	    to < from)
		return 0;
	n = round_random(r, g->o->interactions_per_staff_year * roles[p->role[k]].contacts *
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
		snprintf(id, sizeof id, "I%07zu", ++g->interactions);
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
		if (added(g, rc, issues, "interaction", id) != 0 ||
		    (rc = maybe_complaint(g, p, &x)) != 0)
			return rc;
	}
	return 0;
}

/* Complaints about the trust in general, some naming a member of staff. */
static int add_unlinked_complaints(gen *g)
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
			snprintf(who, sizeof who, "S%06d", between(r, 1, (int)g->o->staff));
			staff[0] = who;
			k.staff = staff;
			k.staff_count = 1;
		}
		if ((rc = add_complaint(g, &k)) != 0)
			return rc;
	}
	return 0;
}

/* ---- the whole dataset ---- */

/* The trust's closure days: the first working day after Boxing Day, two years running. */
static void closure_days(gen *g)
{
	int year, i;

	care_date_to_ymd(g->o->extracted_on, &year, NULL, NULL);
	for (i = 0; i < 2; i++) {
		care_date d = care_date_from_ymd(year - 2 + i, 12, 27);
		while (care_date_weekday(d) >= 5 || care_is_bank_holiday(d))
			d++;
		g->closures[i] = d;
	}
}

int synth_build(care_dataset *ds, const synth_options *o)
{
	gen g;
	size_t n, k, c;
	double contact_years;
	int rc;

	memset(&g, 0, sizeof g);
	g.ds = ds;
	g.o = o;
	g.r.state = o->seed;
	g.history = care_date_add_months(o->extracted_on, -12 * o->years);
	closure_days(&g);
	if ((rc = care_dataset_set_header(ds, o->trusts > 1 ? "Y56" : "RXX",
	                                  o->trusts > 1 ? "All trusts in England (synthetic)"
	                                                : "Example Valley NHS Foundation Trust",
	                                  o->extracted_on)) != 0 ||
	    (rc = care_dataset_add_non_working_day(ds, g.closures[0])) != 0 ||
	    (rc = care_dataset_add_non_working_day(ds, g.closures[1])) != 0 ||
	    (rc = add_fixed(&g)) != 0)
		return rc;
	/* Every add is cheaper when the arrays are sized up front (estimates). */
	contact_years = (double)o->staff * o->years * 0.75;
	if ((rc = care_dataset_reserve(ds, CARE_KIND_STAFF, o->staff)) != 0 ||
	    (rc = care_dataset_reserve(ds, CARE_KIND_COMPLETION,
	                               o->staff * (size_t)(3 + o->years))) != 0 ||
	    (rc = care_dataset_reserve(ds, CARE_KIND_INTERACTION,
	                               (size_t)(contact_years * o->interactions_per_staff_year))) !=
	        0 ||
	    (rc = care_dataset_reserve(
	         ds, CARE_KIND_COMPLAINT,
	         (size_t)(contact_years * o->interactions_per_staff_year * o->complaint_rate +
	                  (double)o->staff * o->years * o->unlinked_complaints_per_staff_year))) !=
	        0)
		return rc;
	for (n = 0; n < o->staff; n++) {
		person p;
		if ((rc = add_person(&g, &p, n)) != 0)
			return rc;
		for (c = 0; c < COMPETENCY_COUNT; c++)
			if ((rc = add_attempts(&g, &p, c)) != 0)
				return rc;
		for (k = 0; k < p.assignment_count; k++)
			if ((rc = add_contacts(&g, &p, k)) != 0)
				return rc;
		if (o->progress && (n & 16383) == 0)
			o->progress(o->progress_data, (double)n / (double)o->staff);
	}
	if ((rc = add_unlinked_complaints(&g)) != 0)
		return rc;
	if (o->progress)
		o->progress(o->progress_data, 1.0);
	return 0;
}

/* ---- the faulty sample ---- */

/*
 * Each fault: the list it goes in and the record as JSON; the comment says
 * what it breaks. docs/sample-data.md lists them for people.
 */
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
    /* bad-date */
    {"staff", "{\"id\":\"X-BADDATE\",\"started_on\":\"2025-02-30\",\"assignments\":[]}"},
    /* date-order (left before the start); its assignment lies outside employment */
    {"staff", "{\"id\":\"X-ORDER\",\"started_on\":\"2024-05-01\",\"left_on\":\"2024-04-30\","
              "\"assignments\":[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-05-01\"}]}"},
    /* warnings only, so the record loads: outside-employment, overlapping-assignment,
     * after-extract */
    {"staff",
     "{\"id\":\"X-WARN\",\"started_on\":\"2023-01-09\",\"assignments\":["
     "{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2022-12-01\"},"
     "{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2023-06-01\",\"to\":\"2023-12-31\"},"
     "{\"role\":\"BOOK\",\"unit\":\"PA-CBS\",\"from\":\"2026-05-01\"}]}"},
    /* dangling-ref to a rejected role */
    {"staff", "{\"id\":\"X-REJROLE\",\"started_on\":\"2024-01-08\",\"assignments\":["
              "{\"role\":\"TWICE\",\"unit\":\"PA-CBS\",\"from\":\"2024-01-08\"}]}"},
    /* score-below-pass-mark; a completion of a rejected person (dangling-ref) */
    {"completions", "{\"id\":\"X-LOWSCORE\",\"staff\":\"S000001\",\"module\":\"CC-ELEARN\","
                    "\"completed_on\":\"2025-06-02\",\"outcome\":\"passed\",\"score\":61}"},
    {"completions", "{\"staff\":\"X-REJROLE\",\"module\":\"CC-ELEARN\","
                    "\"completed_on\":\"2025-06-02\",\"outcome\":\"passed\",\"score\":91}"},
    /* looks-like-nhs-number; a bad timestamp and a bad channel */
    {"interactions", "{\"id\":\"X-NHSNO\",\"staff\":\"S000001\",\"at\":\"2026-01-12T10:00:00Z\","
                     "\"channel\":\"phone\",\"kind\":\"booking\",\"outcome\":\"resolved\","
                     "\"patient_ref\":\"9434765919\"}"},
    {"interactions", "{\"id\":\"X-BADTIME\",\"staff\":\"S000001\",\"at\":\"2026-01-12 10:00\","
                     "\"channel\":\"fax\",\"kind\":\"booking\",\"outcome\":\"resolved\"}"},
    /* required (closed without outcome); date-order and required (empty subjects);
     * dangling-refs to a rejected person, to nobody and to a rejected contact */
    {"complaints", "{\"id\":\"X-NOOUTCOME\",\"received_on\":\"2026-01-05\",\"closed_on\":"
                   "\"2026-02-01\",\"subjects\":[\"communications\"]}"},
    {"complaints", "{\"id\":\"X-EARLYACK\",\"received_on\":\"2026-01-05\",\"acknowledged_on\":"
                   "\"2026-01-02\",\"subjects\":[]}"},
    {"complaints", "{\"id\":\"X-GHOSTS\",\"received_on\":\"2026-01-05\",\"subjects\":"
                   "[\"waiting-times\"],\"staff\":[\"X-REJROLE\",\"NOBODY\"],"
                   "\"interaction\":\"X-NHSNO\"}"},
};

char *synth_faulty_text(uint64_t seed)
{
	synth_options o;
	care_dataset *ds = NULL;
	char *text = NULL, *out = NULL, long_text[1101];
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
	/* bad-text: a name that is not UTF-8 (cJSON writes the byte as it is)... */
	rec = cJSON_CreateObject();
	if (rec == NULL)
		goto done;
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "units"), rec);
	cJSON_AddStringToObject(rec, "id", "BAD-UTF8");
	cJSON_AddStringToObject(rec, "name", "Caf\xe9 (Latin-1, not UTF-8)");
	/* ...and an exemption reason over 1024 bytes. */
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	rec = cJSON_Parse(
	    "{\"id\":\"X-LONGREASON\",\"started_on\":\"2024-01-08\",\"assignments\":"
	    "[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-01-08\"}],"
	    "\"exemptions\":[{\"competency\":\"customer-care\",\"from\":\"2024-02-01\"}]}");
	if (rec == NULL)
		goto done;
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "staff"), rec);
	cJSON_AddStringToObject(
	    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "exemptions"), 0), "reason",
	    long_text);
	out = cJSON_Print(root);
done:
	cJSON_Delete(root);
	care_free(text);
	care_dataset_free(ds);
	return out;
}
