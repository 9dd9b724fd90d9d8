/*
 * The people of the synthetic trust: each one's employment, assignments and
 * exemption (their staff record), then the completions of their training.
 */
#include <stdio.h>
#include <string.h>

#include "synth_internal.h"

/* ---- people ---- */

static size_t pick_role(rng *r)
{
	int weights[SYNTH_DRAWN_ROLE_COUNT];
	size_t i;

	for (i = 0; i < SYNTH_DRAWN_ROLE_COUNT; i++)
		weights[i] = synth_roles[i].weight;
	return (size_t)pick(r, weights, (int)SYNTH_DRAWN_ROLE_COUNT);
}

/*
 * Employment: most were in post before the history starts; the rest joined
 * during it. About a quarter have left (during the history), and a few have a
 * planned leaving date after the extract (a fixed-term contract).
 */
static void make_employment(person *p, gen *g)
{
	care_date end = g->o->extracted_on, h = g->history, from;

	if (p->post >= 0) { /* the holders of the posts: in post all along */
		p->started = h - between(&g->r, 1, 5000);
		p->left = CARE_DATE_NONE;
		p->last = end;
		return;
	}
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
 * The holder of a post has its role, in its unit, all along. Each assignment's
 * manager is the holder of the nearest post at or above its unit.
 */
static void make_assignments(person *p, gen *g)
{
	rng *r = &g->r;
	size_t k, m;

	if (p->post >= 0)
		p->trust = p->n / SYNTH_POST_COUNT;
	else
		p->trust = g->o->trusts > 1 ? (size_t)between(r, 0, (int)g->o->trusts - 1) : 0;
	p->role[0] = p->post >= 0 ? synth_posts[p->post].role : pick_role(r);
	p->assignment_count = 1;
	p->as[0].from = p->started;
	p->as[0].to = CARE_DATE_NONE;
	if (p->post < 0 && p->last - p->started > 400 && chance(r, 0.25)) {
		care_date change = p->started + between(r, 200, p->last - p->started - 100);
		int gap = chance(r, 0.4) ? between(r, 1, 45) : 0;
		p->as[0].to = change - 1;
		p->role[1] = pick_role(r);
		p->as[1].from = change + gap;
		p->as[1].to = CARE_DATE_NONE;
		p->assignment_count = 2;
	}
	if (p->post < 0 && chance(r, 0.04)) {
		k = p->assignment_count++;
		p->role[k] = (p->role[0] + 3) % SYNTH_DRAWN_ROLE_COUNT;
		if (k == 2 && p->role[k] == p->role[1])
			p->role[k] =
			    (p->role[k] + 1) % SYNTH_DRAWN_ROLE_COUNT; /* never overlapping */
		p->as[k].from = min_date(p->started + between(r, 0, 300), p->last);
		p->as[k].to = CARE_DATE_NONE;
	}
	for (k = 0; k < p->assignment_count; k++) {
		p->unit[k] = p->post >= 0 ? synth_posts[p->post].unit
		                          : synth_roles[p->role[k]].units[between(r, 0, 3)];
		snprintf(p->role_ids[k], sizeof p->role_ids[k], "%s",
		         synth_roles[p->role[k]].role.id);
		synth_unit_id(p->unit_ids[k], sizeof p->unit_ids[k], p->trust,
		              synth_units[p->unit[k]].id, g->o);
		p->as[k].role = p->role_ids[k];
		p->as[k].unit = p->unit_ids[k];
		p->as[k].manager = NULL;
		if ((m = synth_manager(g, p->trust, p->unit[k], p->n)) != SYNTH_NOBODY) {
			snprintf(p->manager_ids[k], sizeof p->manager_ids[k], "%sS%06zu",
			         SYNTH_PREFIX(g), m + 1);
			p->as[k].manager = p->manager_ids[k];
		}
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
	p->ex.reason = synth_exemption_reasons[between(r, 0, 3)];
}

int synth_add_person(gen *g, person *p, size_t n)
{
	care_staff s = CARE_STAFF_INIT;
	care_issues *issues = NULL;
	int rc;

	memset(p, 0, sizeof *p);
	p->n = n;
	p->post = n < g->o->trusts * SYNTH_POST_COUNT ? (int)(n % SYNTH_POST_COUNT) : -1;
	snprintf(p->id, sizeof p->id, "%sS%06zu", SYNTH_PREFIX(g), n + 1);
	synth_name(p->name, sizeof p->name, g->o->seed, n);
	make_employment(p, g);
	make_assignments(p, g);
	make_exemption(p, g);
	s.id = p->id;
	s.name = p->name;
	s.started_on = p->started;
	s.left_on = p->left;
	s.assignments = p->as;
	s.assignment_count = p->assignment_count;
	s.exemptions = p->has_exemption ? &p->ex : NULL;
	s.exemption_count = p->has_exemption ? 1 : 0;
	rc = care_dataset_add_staff(g->ds, &s, &issues);
	return synth_added(g, rc, issues, "staff", p->id);
}

/* ---- completions ---- */

/*
 * When the competency was first required of the person (the later of an
 * assignment's start and the requirement's), and its grace; *backlog: they
 * were in post in that role before the requirement came in force.
 */
static int requires(const gen *g, const person *p, const char *competency, care_date *first,
                    int *due, int *backlog)
{
	care_date in_force = synth_requirement_from(g, competency), start;
	size_t k, q;
	int found = 0;

	for (k = 0; k < p->assignment_count; k++) {
		const care_role *role = &synth_roles[p->role[k]].role;
		start =
		    in_force == CARE_DATE_NONE ? p->as[k].from : max_date(p->as[k].from, in_force);
		if (start > p->last || (p->as[k].to != CARE_DATE_NONE && p->as[k].to < start))
			continue; /* the assignment ended before the requirement came in */
		for (q = 0; q < role->requirement_count; q++)
			if (strcmp(role->requirements[q].competency, competency) == 0 &&
			    (!found || start < *first)) {
				*first = start;
				*due = role->requirements[q].due_within_days;
				*backlog = start > p->as[k].from;
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

	for (m = 0; m < SYNTH_MODULE_COUNT; m++)
		if (strcmp(synth_modules[m].module.competency, competency) == 0)
			first = min_date(first, synth_module_available(g, m));
	return first;
}

/* The module taken on `when`: customer-care has the e-learning and the workshop. */
static size_t choose_module(gen *g, const char *competency, care_date when)
{
	size_t m;

	if (strcmp(competency, "customer-care") == 0)
		return when >= synth_module_available(g, SYNTH_CC_ELEARN) && chance(&g->r, 0.65)
		           ? SYNTH_CC_ELEARN
		           : SYNTH_CC_WORKSHOP;
	for (m = 0; strcmp(synth_modules[m].module.competency, competency) != 0; m++)
		;
	return m;
}

static int emit_completion(gen *g, care_completion *cp)
{
	char id[24];
	care_issues *issues = NULL;
	int rc;

	snprintf(id, sizeof id, "%sC%07zu", SYNTH_PREFIX(g), ++g->completions);
	cp->id = g->o->explicit_ids && chance(&g->r, 0.7) ? id : NULL;
	rc = care_dataset_add_completion(g->ds, cp, &issues);
	rc = synth_added(g, rc, issues, "completion", cp->id);
	cp->id = NULL;
	return rc;
}

/*
 * The attempts of one person at one competency: the first within the grace
 * period (or, for one in five, late); a retry after a failure; a refresher
 * before expiry (or, for one in five, after a lapse). Staff in post when the
 * requirement came in force join its backlog, as do (when it has no start)
 * those in post before the programme's training existed. With trim_history, attempts before the
 * history starts are dropped, except the last one that counts (which still
 * decides the status).
 */
static int add_attempts(gen *g, person *p, size_t c)
{
	rng *r = &g->r;
	const char *competency = synth_competencies[c];
	care_date first = CARE_DATE_MAX, when, available = competency_available(g, competency);
	care_completion carried;
	int due = 0, backlog = 0, diligent = !chance(r, 0.2), has_carried = 0, rc;

	if (!requires(g, p, competency, &first, &due, &backlog))
		return 0;
	memset(&carried, 0, sizeof carried);
	if (backlog) /* in post when it became compulsory: the trust works through a backlog */
		when = first + (diligent ? between(r, -55, due + 150) : between(r, due, due + 600));
	else if (first >= available)
		when = first + (diligent ? between(r, -20, due) : between(r, due, due + 400));
	else
		when = available + (diligent ? between(r, 0, 480) : between(r, 180, 900));
	when = max_date(when, available);
	while (when <= p->last) {
		const care_module *m = &synth_modules[choose_module(g, competency, when)].module;
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

/* The completions of every competency the person's roles require. */
int synth_add_completions(gen *g, person *p)
{
	size_t c;
	int rc;

	for (c = 0; c < SYNTH_COMPETENCY_COUNT; c++)
		if ((rc = add_attempts(g, p, c)) != 0)
			return rc;
	return 0;
}
