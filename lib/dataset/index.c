/*
 * The indexes that reports use, built when a dataset is sealed.
 */
#include <stdlib.h>
#include <string.h>

#include "dataset/ids.h"
#include "dataset/index.h"
#include "util/jobs.h"
#include "util/alloc.h"

static int held_cmp(const void *x, const void *y)
{
	const care__held *a = x, *b = y;

	if (a->competency != b->competency)
		return a->competency < b->competency ? -1 : 1;
	return (a->completed_on > b->completed_on) - (a->completed_on < b->completed_on);
}

static void sort_held(care__held *h, size_t n)
{
	size_t i, j;

	/* Files list a person's completions module by module, in date order: often sorted. */
	for (i = 1; i < n && held_cmp(&h[i - 1], &h[i]) <= 0; i++)
		;
	if (i >= n)
		return;
	if (n > 16) {
		qsort(h, n, sizeof *h, held_cmp);
		return;
	}
	for (i = 1; i < n; i++) {
		care__held x = h[i];
		for (j = i; j > 0 && held_cmp(&h[j - 1], &x) > 0; j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
}

/* A held completion with its whole competency, for datasets of more than 65,535. */
typedef struct wide_held {
	uint32_t competency;
	care__held h;
} wide_held;

static int wide_cmp(const void *x, const void *y)
{
	const wide_held *a = x, *b = y;

	if (a->competency != b->competency)
		return a->competency < b->competency ? -1 : 1;
	return (a->h.completed_on > b->h.completed_on) - (a->h.completed_on < b->h.completed_on);
}

/* Sort n held completions and their whole competencies together. 0 or CARE_ENOMEM. */
static int sort_wide(care__held *h, uint32_t *competency, size_t n)
{
	wide_held *w = care__malloc((n ? n : 1) * sizeof *w);
	size_t i;

	if (w == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < n; i++) {
		w[i].competency = competency[i];
		w[i].h = h[i];
	}
	qsort(w, n, sizeof *w, wide_cmp);
	for (i = 0; i < n; i++) {
		competency[i] = w[i].competency;
		h[i] = w[i].h;
	}
	care__free(w);
	return 0;
}

/*
 * The expiry dates of completions, remembered: a dataset's completions fall on a few thousand
 * days, and modules have a few validities. Up to EXPIRY_KINDS validities each keep a table of
 * the days from the first completion to the last (0: not yet worked out).
 */
#define EXPIRY_KINDS 8
#define HELD_SHARES  2
typedef struct expiry {
	care_date first;
	size_t days;
	int months[EXPIRY_KINDS];
	care_date *table[EXPIRY_KINDS];
	int nomem; /* a table could not be had (the seal fails) */
} expiry;

static care_date expiry_of(expiry *e, care_date completed_on, int months)
{
	size_t k, day = (size_t)((int64_t)completed_on - e->first);
	care_date *t = NULL;

	if (months == 0)
		return CARE__NEVER;
	for (k = 0; k < EXPIRY_KINDS && e->months[k] != 0; k++)
		if (e->months[k] == months) {
			t = e->table[k];
			break;
		}
	if (t == NULL && k < EXPIRY_KINDS && day < e->days) {
		if ((t = care__calloc(e->days, sizeof *t)) == NULL)
			e->nomem = 1;
		e->months[k] = months;
		e->table[k] = t;
	}
	if (t == NULL || day >= e->days)
		return care_date_add_months(completed_on, months);
	if (t[day] == 0) /* 1970-01-01 is a date too: worked out each time, as before */
		t[day] = care_date_add_months(completed_on, months);
	return t[day];
}

static void expiry_free(expiry *e)
{
	size_t k;

	for (k = 0; k < EXPIRY_KINDS; k++)
		care__free(e->table[k]);
}

size_t care_index__split_from = (size_t)1 << 20;

/*
 * A share of the work of the held completions: rows [from, to) counted, then put in place,
 * then the held completions of persons [first, last) sorted. Each share of rows has its own
 * counts (and places) per person, so that the rows of a person land in the order of the
 * rows, whichever share they are in, and its own expiry dates remembered.
 */
typedef struct held_job {
	struct care__index *ix;
	const care_dataset *ds;
	size_t from, to, first, last;
	uint32_t *fill; /* staff_count: the share's rows of each person, then where the next goes */
	care_date lo, hi; /* the earliest and latest completed_on of its rows */
	expiry e;
	int rc;
	void (*step)(struct held_job *);
} held_job;

static void count_rows(held_job *j)
{
	const care__completions *c = &j->ds->completions;
	care_date lo = CARE_DATE_MAX, hi = CARE_DATE_MIN;
	size_t i;

	for (i = j->from; i < j->to; i++) {
		lo = c->completed_on[i] < lo ? c->completed_on[i] : lo;
		hi = c->completed_on[i] > hi ? c->completed_on[i] : hi;
		if (c->outcome[i] != CARE_COMPLETION_FAILED)
			j->fill[c->staff[i]]++;
	}
	j->lo = lo;
	j->hi = hi;
}

static void fill_rows(held_job *j)
{
	const care_dataset *ds = j->ds;
	const care__completions *c = &ds->completions;
	struct care__index *ix = j->ix;
	size_t i;

	for (i = j->from; i < j->to; i++) {
		const care__module *m;
		care_date expires;
		uint32_t at;
		if (c->outcome[i] == CARE_COMPLETION_FAILED)
			continue;
		m = &ds->modules[care__number(&c->module, i)];
		at = j->fill[c->staff[i]]++;
		expires = expiry_of(&j->e, c->completed_on[i], m->validity_months);
		ix->held[at].completed_on = c->completed_on[i];
		ix->held[at].competency = (uint16_t)m->competency;
		/* At most 600 months: fewer days than CARE__NO16. */
		ix->held[at].valid_days =
		    expires == CARE__NEVER ? CARE__NO16 : (uint16_t)(expires - c->completed_on[i]);
		if (ix->held_competency)
			ix->held_competency[at] = m->competency;
	}
	if (j->e.nomem)
		j->rc = CARE_ENOMEM;
}

static void sort_persons(held_job *j)
{
	struct care__index *ix = j->ix;
	size_t i;

	for (i = j->first; i < j->last && j->rc == 0; i++) {
		size_t first = ix->held_first[i], count = ix->held_first[i + 1] - first;
		if (ix->held_competency == NULL)
			sort_held(ix->held + first, count);
		else if (sort_wide(ix->held + first, ix->held_competency + first, count) != 0)
			j->rc = CARE_ENOMEM;
	}
}

static void *held_step(void *arg)
{
	held_job *j = arg;

	j->step(j);
	return NULL;
}

/* Take one step in every share: the first on this thread, the others on threads of their own
 * (on this one too when a thread cannot be had). */
static void held_steps(held_job *jobs, size_t n, void (*step)(held_job *))
{
	size_t k;

	for (k = 0; k < n; k++)
		jobs[k].step = step;
	care__run_jobs(held_step, jobs, sizeof *jobs, n);
}

/* Each person's counting completions in place, sorted: on two threads for a big dataset (its
 * completions are four fifths of a seal), each over half the rows, then half the held. */
static int build_held(struct care__index *ix, const care_dataset *ds)
{
	const care__completions *c = &ds->completions;
	held_job jobs[HELD_SHARES];
	size_t shares = c->count >= care_index__split_from ? HELD_SHARES : 1, k, s, n;
	care_date lo = CARE_DATE_MAX, hi = CARE_DATE_MIN;
	int rc = 0;

	memset(jobs, 0, sizeof jobs);
	ix->held_first = care__calloc(ds->staff_count + 1, sizeof *ix->held_first);
	for (k = 0; k < shares; k++) {
		jobs[k].ix = ix;
		jobs[k].ds = ds;
		jobs[k].from = c->count * k / shares;
		jobs[k].to = c->count * (k + 1) / shares;
		jobs[k].fill = care__calloc(ds->staff_count + 1, sizeof *jobs[k].fill);
		if (jobs[k].fill == NULL)
			rc = CARE_ENOMEM;
	}
	if (ix->held_first == NULL || rc != 0) {
		rc = CARE_ENOMEM;
		goto done;
	}
	held_steps(jobs, shares, count_rows);
	/* Each person's held completions start where the person before's end; in them, the
	 * first share's rows come first. */
	for (s = 0; s < ds->staff_count; s++) {
		uint32_t at = ix->held_first[s];
		for (k = 0; k < shares; k++) {
			uint32_t count = jobs[k].fill[s];
			jobs[k].fill[s] = at;
			at += count;
		}
		ix->held_first[s + 1] = at;
	}
	n = ix->held_first[ds->staff_count];
	ix->held = care__malloc((n ? n : 1) * sizeof *ix->held);
	if (ds->competencies.count > CARE__HELD_COMPETENCIES)
		ix->held_competency = care__malloc((n ? n : 1) * sizeof *ix->held_competency);
	if (ix->held == NULL ||
	    (ds->competencies.count > CARE__HELD_COMPETENCIES && ix->held_competency == NULL)) {
		rc = CARE_ENOMEM;
		goto done;
	}
	/* The expiry dates remembered for the days of all the rows, in each share. */
	for (k = 0; k < shares; k++) {
		lo = jobs[k].lo < lo ? jobs[k].lo : lo;
		hi = jobs[k].hi > hi ? jobs[k].hi : hi;
	}
	for (k = 0; k < shares; k++) {
		jobs[k].e.first = lo;
		jobs[k].e.days = c->count && hi >= lo ? (size_t)((int64_t)hi - lo + 1) : 0;
	}
	held_steps(jobs, shares, fill_rows);
	for (k = 0; k < shares; k++)
		rc = rc != 0 ? rc : jobs[k].rc;
	if (rc != 0)
		goto done;
	/* The persons split where the held completions are split evenly. */
	for (k = 0, s = 0; k < shares; k++) {
		jobs[k].first = s;
		while (s < ds->staff_count && ix->held_first[s] < n / shares * (k + 1))
			s++;
		jobs[k].last = k + 1 == shares ? ds->staff_count : s;
	}
	held_steps(jobs, shares, sort_persons);
	for (k = 0; k < shares; k++)
		rc = rc != 0 ? rc : jobs[k].rc;
	ix->bytes += (ds->staff_count + 1) * sizeof *ix->held_first + n * sizeof *ix->held +
	             (ix->held_competency ? n * sizeof *ix->held_competency : 0);
done:
	for (k = 0; k < shares; k++) {
		expiry_free(&jobs[k].e);
		care__free(jobs[k].fill);
	}
	return rc;
}

static int build_units(struct care__index *ix, const care_dataset *ds)
{
	size_t n = ds->unit_count, i;
	uint32_t *first_child, *next_sibling, *stack, clock = 0;
	size_t top = 0;
	int rc = 0;

	ix->unit_tin = care__malloc((n ? n : 1) * sizeof(uint32_t));
	ix->unit_tout = care__malloc((n ? n : 1) * sizeof(uint32_t));
	first_child = care__malloc((n ? n : 1) * sizeof(uint32_t));
	next_sibling = care__malloc((n ? n : 1) * sizeof(uint32_t));
	stack = care__malloc((n ? n : 1) * sizeof(uint32_t));
	if (!ix->unit_tin || !ix->unit_tout || !first_child || !next_sibling || !stack) {
		rc = CARE_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++)
		first_child[i] = next_sibling[i] = CARE__NO;
	for (i = n; i-- > 0;) {
		uint32_t p = ds->units[i].parent;
		if (p != CARE__NO) {
			next_sibling[i] = first_child[p];
			first_child[p] = (uint32_t)i;
		}
	}
	/* Iterative depth-first walk from each root (the tree has no cycles:
	 * the loader and the API reject them). */
	for (i = 0; i < n; i++) {
		if (ds->units[i].parent != CARE__NO)
			continue;
		stack[top++] = (uint32_t)i;
		ix->unit_tin[i] = clock++;
		while (top > 0) {
			uint32_t u = stack[top - 1];
			uint32_t child = first_child[u];
			if (child != CARE__NO) {
				first_child[u] = next_sibling[child]; /* consume it */
				ix->unit_tin[child] = clock++;
				stack[top++] = child;
			} else {
				ix->unit_tout[u] = clock;
				top--;
			}
		}
	}
	ix->bytes += 2 * n * sizeof(uint32_t);
done:
	care__free(first_child);
	care__free(next_sibling);
	care__free(stack);
	return rc;
}

/* Each assignment's manager as a staff index (unless given), and the competencies that
 * something requires or awards. */
static int build_links(struct care__index *ix, const care_dataset *ds)
{
	size_t i, k;

	if (ix->manager == NULL) {
		ix->manager = care__malloc((ds->assignment_count ? ds->assignment_count : 1) *
		                           sizeof *ix->manager);
		if (ix->manager == NULL)
			return CARE_ENOMEM;
		for (i = 0; i < ds->assignment_count; i++) {
			const char *m = ds->assignments[i].manager;
			ix->manager[i] = m ? care_ids__find(ds, CARE_KIND_STAFF, m) : CARE__NO;
		}
	}
	ix->competency_used = care__calloc(ds->competencies.count ? ds->competencies.count : 1, 1);
	if (ix->competency_used == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < ds->assignment_count; i++)
		ix->has_managers |= ix->manager[i] != CARE__NO;
	for (i = 0; i < ds->role_count; i++)
		for (k = 0; k < ds->roles[i].requirement_count; k++)
			ix->competency_used[ds->requirements[ds->roles[i].first_requirement + k]
			                        .competency] = 1;
	for (i = 0; i < ds->module_count; i++)
		ix->competency_used[ds->modules[i].competency] = 1;
	ix->bytes += (ix->borrowed ? 0 : ds->assignment_count * sizeof *ix->manager) +
	             ds->competencies.count;
	return 0;
}

int care_index__build(struct care__index **out, const care_dataset *ds)
{
	return care_index__build_given(out, ds, NULL);
}

int care_index__build_given(struct care__index **out, const care_dataset *ds,
                            const care__index_given *given)
{
	struct care__index *ix = care__calloc(1, sizeof *ix);
	size_t i, k;

	*out = NULL;
	if (ix == NULL)
		return CARE_ENOMEM;
	if (given) {
		/* The index only reads them; the const is the snapshot's, whose pages are
		 * mapped read-only. */
		ix->held_first = (uint32_t *)(uintptr_t)given->held_first;
		ix->held = (care__held *)(uintptr_t)given->held;
		ix->manager = (uint32_t *)(uintptr_t)given->manager;
		ix->borrowed = 1;
	} else if (build_held(ix, ds) != 0) {
		goto nomem;
	}
	if (build_units(ix, ds) != 0)
		goto nomem;
	ix->min_cost = care__malloc((ds->competencies.count ? ds->competencies.count : 1) *
	                            sizeof *ix->min_cost);
	if (ix->min_cost == NULL)
		goto nomem;
	for (i = 0; i < ds->competencies.count; i++)
		ix->min_cost[i] = CARE_NONE;
	for (i = 0; i < ds->module_count; i++) {
		const care__module *m = &ds->modules[i];
		if (m->cost_pence != CARE_NONE && (ix->min_cost[m->competency] == CARE_NONE ||
		                                   m->cost_pence < ix->min_cost[m->competency]))
			ix->min_cost[m->competency] = m->cost_pence;
	}
	if (build_links(ix, ds) != 0)
		goto nomem;
	for (i = 0; i < ds->staff_count; i++) {
		const care__staff *s = &ds->staff[i];
		size_t pairs = 0;
		for (k = 0; k < s->assignment_count; k++)
			pairs += ds->roles[ds->assignments[s->first_assignment + k].role]
			             .requirement_count;
		if (pairs > ix->max_pairs)
			ix->max_pairs = pairs;
	}
	*out = ix;
	return 0;
nomem:
	care_index__free(ix);
	return CARE_ENOMEM;
}

void care_index__free(struct care__index *ix)
{
	if (ix == NULL)
		return;
	if (!ix->borrowed) {
		care__free(ix->held_first);
		care__free(ix->held);
		care__free(ix->held_competency);
		care__free(ix->manager);
	}
	care__free(ix->min_cost);
	care__free(ix->unit_tin);
	care__free(ix->unit_tout);
	care__free(ix->competency_used);
	care__free(ix);
}
