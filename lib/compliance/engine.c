/*
 * The population engine (see engine.h).
 */
#include <string.h>
#include <unistd.h>

#include "compliance/engine.h"
#include "util/jobs.h"
#include "util/alloc.h"

static int tally_init(care__tally *t, const care__engine *e)
{
	size_t groups = e->group_count, comps = e->competency_count, dates = e->date_count;

	memset(t, 0, sizeof *t);
	t->totals = care__calloc(dates * comps + 1, sizeof *t->totals);
	t->tstaff_required = care__calloc(dates + 1, sizeof(int64_t));
	t->tstaff_compliant = care__calloc(dates + 1, sizeof(int64_t));
	t->projected = care__calloc(comps + 1, sizeof(int64_t));
	if (groups) {
		t->cells = care__calloc(dates * groups * comps + 1, sizeof *t->cells);
		t->staff_required = care__calloc(dates * groups + 1, sizeof(int64_t));
		t->staff_compliant = care__calloc(dates * groups + 1, sizeof(int64_t));
	}
	if (!t->totals || !t->tstaff_required || !t->tstaff_compliant || !t->projected ||
	    (groups && (!t->cells || !t->staff_required || !t->staff_compliant)))
		return CARE_ENOMEM;
	return 0;
}

static void tally_free(care__tally *t)
{
	care__free(t->cells);
	care__free(t->totals);
	care__free(t->staff_required);
	care__free(t->staff_compliant);
	care__free(t->tstaff_required);
	care__free(t->tstaff_compliant);
	care__free(t->projected);
	care__free(t->items);
	care__free(t->refs);
	memset(t, 0, sizeof *t);
}

void care_engine__free(care__engine *e)
{
	tally_free(&e->total);
	care__free(e->line);
	e->line = NULL;
}

/*
 * The dates (indexes lo <= di < hi) on which a passing assignment requires a
 * competency through one requirement of its role.
 */
typedef struct reach {
	size_t lo, hi;
	uint32_t assignment;
} reach;

/* Per-thread scratch for one person. */
typedef struct person {
	uint32_t *passing; /* passing active assignments requiring one competency on one date */
	uint32_t *comps;   /* competencies required by the person's passing assignments */
	care__run *runs;   /* the runs of each of those competencies */
	size_t *run_first, *run_count;
	reach *reach; /* per competency: when each passing assignment requires it, by assignment */
	size_t *reach_first, *reach_count;
	uint8_t *day_any, *day_ok; /* per date: a non-exempt pair; all of them compliant */
	uint32_t *groups;          /* groups of one pair */
	struct pgroup {
		size_t key; /* date * groups + group */
		uint8_t any, all_ok;
	} * pgroups; /* groups the person touches */
	size_t pgroup_cap, group_cap;
} person;

static int passes(const care__engine *e, const care__assignment *a)
{
	const care_dataset *ds = e->ds;
	const care__role *r = &ds->roles[a->role];
	const struct care__index *ix = ds->index;

	if (e->role_filter != CARE__NO && a->role != e->role_filter)
		return 0;
	if (e->opts->staff_group != CARE_NONE && r->staff_group != e->opts->staff_group)
		return 0;
	if (e->opts->patient_facing && !r->patient_facing)
		return 0;
	if (e->unit_filter != CARE__NO && !(ix->unit_tin[e->unit_filter] <= ix->unit_tin[a->unit] &&
	                                    ix->unit_tin[a->unit] < ix->unit_tout[e->unit_filter]))
		return 0;
	return 1;
}

/* Whether assignment a (an index) passes the manager filter on date index di. */
static int manager_passes(const care__engine *e, uint32_t a, size_t di)
{
	uint32_t m;

	if (e->manager_filter == CARE__NO)
		return 1;
	m = e->ds->index->manager[a];
	if (m == CARE__NO)
		return 0;
	if (e->line == NULL)
		return m == e->manager_filter;
	return (e->line[di * e->line_words + m / 64] >> (m % 64)) & 1;
}

static int add_unique(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*arr)[i] == v)
			return 0;
	if (care__grow((void **)arr, cap, *n + 1, sizeof **arr) != 0)
		return CARE_ENOMEM;
	(*arr)[(*n)++] = v;
	return 0;
}

/* The groups of pair (person, c) on a date: from the passing assignments requiring c. */
static int pair_groups(const care__engine *e, person *p, size_t passing, uint32_t c, size_t *count)
{
	const care_dataset *ds = e->ds;
	size_t i, n = 0;

	for (i = 0; i < passing; i++) {
		const care__assignment *a = &ds->assignments[p->passing[i]];
		uint32_t u;
		switch (e->opts->group_by) {
		case CARE_GROUP_UNIT:
			/* The unit and every ancestor, up to the unit filter. */
			for (u = a->unit; u != CARE__NO; u = ds->units[u].parent) {
				if (add_unique(&p->groups, &n, &p->group_cap, u))
					return CARE_ENOMEM;
				if (u == e->unit_filter)
					break;
			}
			break;
		case CARE_GROUP_ROLE:
			if (add_unique(&p->groups, &n, &p->group_cap, a->role))
				return CARE_ENOMEM;
			break;
		case CARE_GROUP_STAFF_GROUP:
			if (add_unique(&p->groups, &n, &p->group_cap,
			               ds->roles[a->role].staff_group))
				return CARE_ENOMEM;
			break;
		case CARE_GROUP_MANAGER:
			/* The direct manager; none when unknown. */
			u = ds->index->manager[p->passing[i]];
			if (u != CARE__NO && add_unique(&p->groups, &n, &p->group_cap, u))
				return CARE_ENOMEM;
			break;
		default:
			if (add_unique(&p->groups, &n, &p->group_cap, c))
				return CARE_ENOMEM;
			break;
		}
	}
	*count = n;
	return 0;
}

static struct pgroup *person_group(person *p, size_t *n, size_t key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (p->pgroups[i].key == key)
			return &p->pgroups[i];
	if (care__grow((void **)&p->pgroups, &p->pgroup_cap, *n + 1, sizeof *p->pgroups) != 0)
		return NULL;
	p->pgroups[*n].key = key;
	p->pgroups[*n].any = 0;
	p->pgroups[*n].all_ok = 1;
	return &p->pgroups[(*n)++];
}

static void count_cell(care__cell *cell, const care__pair *pair)
{
	cell->n[CELL_PRESENT] = 1;
	switch (pair->status) {
	case CARE_STATUS_EXEMPT:
		cell->n[CELL_EXEMPT]++;
		return;
	case CARE_STATUS_COMPLIANT:
		cell->n[CELL_COMPLIANT]++;
		cell->n[CELL_EXPIRING] += pair->expiring;
		break;
	case CARE_STATUS_NOT_DUE:
		cell->n[CELL_NOT_DUE]++;
		break;
	default:
		cell->n[CELL_OVERDUE]++;
		break;
	}
	cell->n[CELL_REQUIRED]++;
}

/* Append v to the refs of the current item unless it is there since `from` (or is CARE__NO). */
static int add_ref(care__tally *t, size_t from, uint32_t v)
{
	size_t j;

	if (v == CARE__NO)
		return 0;
	for (j = from; j < t->ref_count; j++)
		if (t->refs[j] == v)
			return 0;
	if (care__grow((void **)&t->refs, &t->ref_cap, t->ref_count + 1, sizeof *t->refs))
		return CARE_ENOMEM;
	t->refs[t->ref_count++] = v;
	return 0;
}

static int staff_item(const care__engine *e, care__tally *t, person *p, uint32_t s, size_t passing,
                      const care__pair *pair)
{
	const care_dataset *ds = e->ds;
	care__staff_item *it;
	size_t i, units, roles;

	if (e->opts->status == CARE_STATUS_EXPIRING
	        ? !(pair->status == CARE_STATUS_COMPLIANT && pair->expiring)
	        : (e->opts->status != CARE_NONE && pair->status != e->opts->status))
		return 0;
	if (e->competency_filter != CARE__NO && pair->competency != e->competency_filter)
		return 0;
	if (care__grow((void **)&t->items, &t->item_cap, t->item_count + 1, sizeof *t->items))
		return CARE_ENOMEM;
	it = &t->items[t->item_count];
	it->staff = s;
	it->pair = *pair;
	it->first_ref = (uint32_t)t->ref_count;
	/* Units, then roles, then known managers, each without repeats within this row. */
	for (i = 0; i < passing; i++)
		if (add_ref(t, it->first_ref, ds->assignments[p->passing[i]].unit))
			return CARE_ENOMEM;
	units = t->ref_count - it->first_ref;
	for (i = 0; i < passing; i++)
		if (add_ref(t, it->first_ref + units, ds->assignments[p->passing[i]].role))
			return CARE_ENOMEM;
	roles = t->ref_count - it->first_ref - units;
	for (i = 0; i < passing; i++)
		if (add_ref(t, it->first_ref + units + roles, ds->index->manager[p->passing[i]]))
			return CARE_ENOMEM;
	it->unit_count = (uint32_t)units;
	it->role_count = (uint32_t)roles;
	it->manager_count = (uint32_t)(t->ref_count - it->first_ref - units - roles);
	t->item_count++;
	return 0;
}

/* The first date index i with dates[i] > d (after = 1) or >= d (after = 0);
 * the dates are in ascending order. */
static size_t date_index(const care__engine *e, care_date d, int after)
{
	size_t lo = 0, hi = e->date_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->dates[mid] < d || (after && e->dates[mid] == d))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The reaches of passing assignment a (an index) for competency c, appended at p->reach + n. */
static size_t add_reaches(const care__engine *e, person *p, size_t n, const care__staff *st,
                          uint32_t a, uint32_t c)
{
	const care_dataset *ds = e->ds;
	const care__role *r = &ds->roles[ds->assignments[a].role];
	size_t i;

	for (i = 0; i < r->requirement_count; i++) {
		const care__requirement *q = &ds->requirements[r->first_requirement + i];
		care_date from, to;
		if (q->competency != c ||
		    !care_status__requiring(st, &ds->assignments[a], q, &from, &to))
			continue;
		p->reach[n].lo = date_index(e, from, 0);
		p->reach[n].hi = date_index(e, to, 1);
		p->reach[n].assignment = a;
		if (p->reach[n].lo < p->reach[n].hi)
			n++;
	}
	return n;
}

/* The competencies of person s's passing assignments (any date), their runs,
 * and on which dates each passing assignment requires each. */
static size_t person_setup(const care__engine *e, person *p, uint32_t s)
{
	const care_dataset *ds = e->ds;
	const care__staff *st = &ds->staff[s];
	size_t comps = 0, runs = 0, nreach = 0, i, k;

	for (k = 0; k < st->assignment_count; k++) {
		const care__assignment *a = &ds->assignments[st->first_assignment + k];
		const care__role *r = &ds->roles[a->role];
		if (!passes(e, a))
			continue;
		for (i = 0; i < r->requirement_count; i++) {
			uint32_t c = ds->requirements[r->first_requirement + i].competency;
			size_t j;
			if (e->competency_filter != CARE__NO && c != e->competency_filter)
				continue;
			for (j = 0; j < comps && p->comps[j] != c; j++)
				;
			if (j == comps)
				p->comps[comps++] = c;
		}
	}
	for (i = 0; i < comps; i++) {
		p->run_first[i] = runs;
		p->run_count[i] = care_status__runs(ds, s, p->comps[i], p->runs + runs);
		runs += p->run_count[i];
		p->reach_first[i] = nreach;
		for (k = 0; k < st->assignment_count; k++)
			if (passes(e, &ds->assignments[st->first_assignment + k]))
				nreach =
				    add_reaches(e, p, nreach, st,
				                st->first_assignment + (uint32_t)k, p->comps[i]);
		p->reach_count[i] = nreach - p->reach_first[i];
	}
	return comps;
}

/* One pair of the population on date index di: count it everywhere it belongs. */
static int count_pair(const care__engine *e, care__tally *t, person *p, uint32_t s, size_t di,
                      size_t passing, const care__pair *pair, size_t *pgroups)
{
	const care_dataset *ds = e->ds;
	uint32_t c = pair->competency;
	size_t n, g;

	count_cell(&t->totals[di * e->competency_count + c], pair);
	if (pair->status != CARE_STATUS_EXEMPT) {
		p->day_any[di] = 1;
		p->day_ok[di] &= pair->status == CARE_STATUS_COMPLIANT;
	}
	if (e->kind == CARE_REPORT_STAFF && staff_item(e, t, p, s, passing, pair))
		return CARE_ENOMEM;
	if (e->kind == CARE_REPORT_FORECAST && pair->status != CARE_STATUS_EXEMPT &&
	    care_status__holds_valid_by(ds, s, c, e->opts->target, e->dates[di]))
		t->projected[c]++;
	if (e->group_count == 0)
		return 0;
	if (pair_groups(e, p, passing, c, &n))
		return CARE_ENOMEM;
	for (g = 0; g < n; g++) {
		size_t key = di * e->group_count + p->groups[g];
		struct pgroup *pg;
		count_cell(&t->cells[key * e->competency_count + c], pair);
		if (pair->status == CARE_STATUS_EXEMPT)
			continue;
		pg = person_group(p, pgroups, key);
		if (pg == NULL)
			return CARE_ENOMEM;
		pg->any = 1;
		pg->all_ok &= pair->status == CARE_STATUS_COMPLIANT;
	}
	return 0;
}

/* The passing assignments requiring competency i of the person on date index di, into
 * p->passing (each once, in the order of the person's assignments); their number. */
static size_t passing_on(const care__engine *e, person *p, size_t i, size_t di)
{
	const reach *r = p->reach + p->reach_first[i];
	size_t n = 0, k;

	for (k = 0; k < p->reach_count[i]; k++)
		if (r[k].lo <= di && di < r[k].hi &&
		    (n == 0 || p->passing[n - 1] != r[k].assignment) &&
		    manager_passes(e, r[k].assignment, di))
			p->passing[n++] = r[k].assignment;
	return n;
}

/* Everything about person s on every date: competency by competency, each
 * walking its runs and completions once through the dates in order. */
static int person_all(const care__engine *e, care__tally *t, person *p, uint32_t s)
{
	size_t comps = person_setup(e, p, s), pgroups = 0, i, k, di;

	if (comps == 0)
		return 0;
	memset(p->day_any, 0, e->date_count);
	memset(p->day_ok, 1, e->date_count);
	for (i = 0; i < comps; i++) {
		uint32_t c = p->comps[i];
		const reach *r = p->reach + p->reach_first[i];
		size_t held_count, lo = e->date_count, hi = 0, fixed;
		const care__held *held = care_status__held_of(e->ds, s, c, &held_count);
		care__walk walk;
		/* The dates on which any passing assignment requires c. */
		for (k = 0; k < p->reach_count[i]; k++) {
			lo = r[k].lo < lo ? r[k].lo : lo;
			hi = r[k].hi > hi ? r[k].hi : hi;
		}
		care_status__walk_start(&walk, e->ds, s, p->runs + p->run_first[i], p->run_count[i],
		                        held, held_count);
		/* One assignment and no manager filter: it passes on every date from lo to hi. */
		fixed = p->reach_count[i] == 1 && e->manager_filter == CARE__NO;
		if (fixed)
			p->passing[0] = r[0].assignment;
		for (di = lo; di < hi; di++) {
			size_t passing = fixed ? 1 : passing_on(e, p, i, di);
			care__pair pair;
			if (passing == 0 || !care_status__walk_to(&walk, c, e->dates[di],
			                                          e->opts->due_soon_days, &pair))
				continue;
			if (count_pair(e, t, p, s, di, passing, &pair, &pgroups))
				return CARE_ENOMEM;
		}
	}
	for (di = 0; di < e->date_count; di++) {
		if (p->day_any[di]) {
			t->tstaff_required[di]++;
			t->tstaff_compliant[di] += p->day_ok[di];
		}
	}
	for (i = 0; i < pgroups; i++) {
		t->staff_required[p->pgroups[i].key]++;
		t->staff_compliant[p->pgroups[i].key] += p->pgroups[i].all_ok;
	}
	return 0;
}

typedef struct job {
	const care__engine *e;
	care__tally tally;
	uint32_t lo, hi;
	int rc;
} job;

static void *run_job(void *arg)
{
	job *j = arg;
	const care__engine *e = j->e;
	person p;
	uint32_t s;
	size_t need = e->ds->index->max_pairs + 1;
	size_t max_assign = 1;

	memset(&p, 0, sizeof p);
	for (s = j->lo; s < j->hi; s++)
		if (e->ds->staff[s].assignment_count > max_assign)
			max_assign = e->ds->staff[s].assignment_count;
	p.passing = care__malloc(max_assign * sizeof *p.passing);
	p.comps = care__malloc(need * sizeof *p.comps);
	p.run_first = care__malloc(need * sizeof *p.run_first);
	p.run_count = care__malloc(need * sizeof *p.run_count);
	p.runs = care__malloc(need * max_assign * sizeof *p.runs);
	p.reach = care__malloc(need * sizeof *p.reach);
	p.reach_first = care__malloc(need * sizeof *p.reach_first);
	p.reach_count = care__malloc(need * sizeof *p.reach_count);
	p.day_any = care__malloc(e->date_count + 1);
	p.day_ok = care__malloc(e->date_count + 1);
	j->rc = (p.passing && p.comps && p.run_first && p.run_count && p.runs && p.reach &&
	         p.reach_first && p.reach_count && p.day_any && p.day_ok)
	            ? tally_init(&j->tally, e)
	            : CARE_ENOMEM;
	for (s = j->lo; s < j->hi && j->rc == 0; s++) {
		/* The first job runs on the caller's thread: it reports progress. */
		if (j->lo == 0 && e->opts->progress && (s & 16383) == 16383)
			e->opts->progress(e->opts->progress_data,
			                  (double)(s - j->lo) / (double)(j->hi - j->lo));
		j->rc = person_all(e, &j->tally, &p, s);
	}
	care__free(p.passing);
	care__free(p.comps);
	care__free(p.run_first);
	care__free(p.run_count);
	care__free(p.runs);
	care__free(p.reach);
	care__free(p.reach_first);
	care__free(p.reach_count);
	care__free(p.day_any);
	care__free(p.day_ok);
	care__free(p.groups);
	care__free(p.pgroups);
	return NULL;
}

static void add_into(int64_t *dst, const int64_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] += src[i];
}

static void add_cells(care__cell *dst, const care__cell *src, size_t n)
{
	size_t i, f;

	for (i = 0; i < n; i++) {
		for (f = 0; f < CELL_PRESENT; f++)
			dst[i].n[f] += src[i].n[f];
		dst[i].n[CELL_PRESENT] |= src[i].n[CELL_PRESENT];
	}
}

/* Append job b's staff items (and refs) onto a's. */
static int append_items(care__tally *a, const care__tally *b)
{
	size_t i, base = a->ref_count;

	if (b->item_count == 0)
		return 0;
	if (care__grow((void **)&a->items, &a->item_cap, a->item_count + b->item_count,
	               sizeof *a->items) ||
	    care__grow((void **)&a->refs, &a->ref_cap, a->ref_count + b->ref_count + 1,
	               sizeof *a->refs))
		return CARE_ENOMEM;
	memcpy(a->refs + a->ref_count, b->refs, b->ref_count * sizeof *b->refs);
	a->ref_count += b->ref_count;
	for (i = 0; i < b->item_count; i++) {
		a->items[a->item_count + i] = b->items[i];
		a->items[a->item_count + i].first_ref += (uint32_t)base;
	}
	a->item_count += b->item_count;
	return 0;
}

/*
 * The manager's line on each date: the manager, and everyone whose active
 * assignment on that date has a manager already in the line, through every
 * branch; each person once, so a loop in the data ends.
 */
static int build_lines(care__engine *e)
{
	const care_dataset *ds = e->ds;
	const uint32_t *manager = ds->index->manager;
	size_t staff = ds->staff_count, words = (staff + 63) / 64, a, s, di;
	uint32_t *first = NULL, *reports = NULL, *owner = NULL, *queue = NULL;
	int rc = CARE_ENOMEM;

	e->line_words = words ? words : 1;
	e->line = care__calloc(e->date_count * e->line_words + 1, sizeof *e->line);
	first = care__calloc(staff + 2, sizeof *first);
	reports = care__malloc((ds->assignment_count + 1) * sizeof *reports);
	owner = care__malloc((ds->assignment_count + 1) * sizeof *owner);
	queue = care__malloc((staff + 1) * sizeof *queue);
	if (e->line == NULL || first == NULL || reports == NULL || owner == NULL || queue == NULL)
		goto done;
	/* The assignments under each manager, grouped (counting sort). */
	for (s = 0; s < staff; s++)
		for (a = ds->staff[s].first_assignment;
		     a < ds->staff[s].first_assignment + ds->staff[s].assignment_count; a++)
			owner[a] = (uint32_t)s;
	for (a = 0; a < ds->assignment_count; a++)
		if (manager[a] != CARE__NO)
			first[manager[a] + 2]++;
	for (s = 0; s < staff; s++)
		first[s + 2] += first[s + 1];
	for (a = 0; a < ds->assignment_count; a++)
		if (manager[a] != CARE__NO)
			reports[first[manager[a] + 1]++] = (uint32_t)a;
	/* first[m] .. first[m + 1]: the assignments under manager m. */
	for (di = 0; di < e->date_count; di++) {
		uint64_t *in = e->line + di * e->line_words;
		size_t head = 0, tail = 0;
		in[e->manager_filter / 64] |= (uint64_t)1 << (e->manager_filter % 64);
		queue[tail++] = e->manager_filter;
		while (head < tail) {
			uint32_t m = queue[head++], k;
			for (k = first[m]; k < first[m + 1]; k++) {
				uint32_t r = owner[reports[k]];
				if ((in[r / 64] >> (r % 64)) & 1 ||
				    !care_status__active(
				        &ds->staff[r], &ds->assignments[reports[k]], e->dates[di]))
					continue;
				in[r / 64] |= (uint64_t)1 << (r % 64);
				queue[tail++] = r;
			}
		}
	}
	rc = 0;
done:
	care__free(first);
	care__free(reports);
	care__free(owner);
	care__free(queue);
	return rc;
}

int care_engine__run(care__engine *e)
{
	size_t staff = e->ds->staff_count, threads, i;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	job jobs[CARE__JOBS_MOST];
	int rc = 0;

	memset(jobs, 0, sizeof jobs);
	if (e->manager_filter != CARE__NO && e->opts->all_reports && (rc = build_lines(e)) != 0)
		return rc;
	threads = e->opts->threads > 0 ? (size_t)e->opts->threads : (size_t)(cores > 0 ? cores : 1);
	if (threads > CARE__JOBS_MOST)
		threads = CARE__JOBS_MOST;
	if (threads < 1)
		threads = 1;
	/* Threads pay only for enough work. */
	if (staff * e->date_count < 20000)
		threads = 1;
	for (i = 0; i < threads; i++) {
		jobs[i].e = e;
		jobs[i].lo = (uint32_t)(staff * i / threads);
		jobs[i].hi = (uint32_t)(staff * (i + 1) / threads);
		jobs[i].rc = 0;
		memset(&jobs[i].tally, 0, sizeof jobs[i].tally);
	}
	care__run_jobs(run_job, jobs, sizeof *jobs, threads);
	for (i = 0; i < threads; i++)
		if (jobs[i].rc)
			rc = jobs[i].rc;
	if (rc == 0) {
		care__tally *t = &jobs[0].tally;
		size_t cells = e->date_count * e->group_count * e->competency_count;
		for (i = 1; i < threads && rc == 0; i++) {
			const care__tally *u = &jobs[i].tally;
			add_cells(t->totals, u->totals, e->date_count * e->competency_count);
			add_into(t->tstaff_required, u->tstaff_required, e->date_count);
			add_into(t->tstaff_compliant, u->tstaff_compliant, e->date_count);
			add_into(t->projected, u->projected, e->competency_count);
			if (e->group_count) {
				add_cells(t->cells, u->cells, cells);
				add_into(t->staff_required, u->staff_required,
				         e->date_count * e->group_count);
				add_into(t->staff_compliant, u->staff_compliant,
				         e->date_count * e->group_count);
			}
			rc = append_items(t, u);
		}
	}
	if (rc == 0) {
		e->total = jobs[0].tally;
		memset(&jobs[0].tally, 0, sizeof jobs[0].tally);
	}
	for (i = 0; i < threads; i++)
		tally_free(&jobs[i].tally);
	return rc;
}
