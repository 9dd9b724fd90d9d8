/*
 * The status of a requirement pair on a date (docs/reports.md): who must
 * comply with what, the requirement period and its grace, and the status.
 */
#include <string.h>

#include "util/error.h"
#include "compliance/status.h"
#include "util/alloc.h"
#include "dataset/ids.h"

size_t care_status__max_runs(const care_dataset *ds, uint32_t si)
{
	const care__staff *s = &ds->staff[si];
	size_t n = 0, k;

	for (k = 0; k < s->assignment_count; k++)
		n += ds->roles[ds->assignments[s->first_assignment + k].role].requirement_count;
	return n;
}

int care_status__employed(const care__staff *s, care_date d)
{
	return s->started_on <= d && (s->left_on == CARE_DATE_NONE || d <= s->left_on);
}

int care_status__active(const care__staff *s, const care__assignment *a, care_date d)
{
	return care_status__employed(s, d) && a->from <= d &&
	       (a->to == CARE_DATE_NONE || d <= a->to);
}

/* The held completions of staff s for competency c (sorted by date). */
const care__held *care_status__held_of(const care_dataset *ds, uint32_t s, uint32_t c, size_t *n)
{
	const struct care__index *ix = ds->index;
	size_t first = ix->held_first[s], count = ix->held_first[s + 1] - first, lo = 0, hi = count;
	const care__held *h = ix->held + first;
	const uint32_t *whole = ix->held_competency ? ix->held_competency + first : NULL;
	size_t end;

	/* Lower bound of c, then its run. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if ((whole ? whole[mid] : h[mid].competency) < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < count && (whole ? whole[end] : h[end].competency) == c; end++)
		;
	*n = end - lo;
	return h + lo;
}

int care_status__holds_valid_by(const care_dataset *ds, uint32_t staff, uint32_t competency,
                                care_date at, care_date made_by)
{
	size_t n, i;
	const care__held *h = care_status__held_of(ds, staff, competency, &n);

	for (i = 0; i < n && h[i].completed_on <= made_by && h[i].completed_on <= at; i++)
		if (at < care__held_expires(&h[i]))
			return 1;
	return 0;
}

int care_status__holds_valid(const care_dataset *ds, uint32_t staff, uint32_t competency,
                             care_date d)
{
	return care_status__holds_valid_by(ds, staff, competency, d, d);
}

/* The interval of assignment a clipped to employment; 0 when empty. */
static int clipped(const care__staff *s, const care__assignment *a, care_date *from, care_date *to)
{
	care_date end = s->left_on == CARE_DATE_NONE ? CARE__NEVER : s->left_on;

	*from = a->from > s->started_on ? a->from : s->started_on;
	*to = a->to == CARE_DATE_NONE ? CARE__NEVER : a->to;
	if (*to > end)
		*to = end;
	return *from <= *to;
}

/*
 * The days on which assignment a requires c through requirement q (a, clipped
 * to employment, within q's in-force interval); 0 when there are none.
 */
int care_status__requiring(const care__staff *s, const care__assignment *a,
                           const care__requirement *q, care_date *from, care_date *to)
{
	if (!clipped(s, a, from, to))
		return 0;
	if (q->from != CARE_DATE_NONE && q->from > *from)
		*from = q->from;
	if (q->to != CARE_DATE_NONE && q->to < *to)
		*to = q->to;
	return *from <= *to;
}

size_t care_status__runs(const care_dataset *ds, uint32_t si, uint32_t c, care__run *runs)
{
	const care__staff *s = &ds->staff[si];
	const care__assignment *as = ds->assignments + s->first_assignment;
	size_t n = 0, i, j, k, e;

	/* The intervals on which an assignment requires c, sorted by start
	 * (insertion sort: a person has a handful of assignments). */
	for (k = 0; k < s->assignment_count; k++) {
		const care__role *r = &ds->roles[as[k].role];
		for (e = 0; e < r->requirement_count; e++) {
			const care__requirement *q = &ds->requirements[r->first_requirement + e];
			care__run run = {0, 0, 0};
			if (q->competency != c ||
			    !care_status__requiring(s, &as[k], q, &run.start, &run.end))
				continue;
			for (j = n; j > 0 && runs[j - 1].start > run.start; j--)
				runs[j] = runs[j - 1];
			runs[j] = run;
			n++;
		}
	}
	/* Merge intervals that overlap or touch: a run of consecutive days. */
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && (int64_t)runs[i].start <= (int64_t)runs[j - 1].end + 1) {
			if (runs[i].end > runs[j - 1].end)
				runs[j - 1].end = runs[i].end;
		} else {
			runs[j++] = runs[i];
		}
	}
	/* Grace: the smallest due_within_days among the requirements for c in
	 * force on P of the roles of the assignments requiring c on P. */
	for (i = 0; i < j; i++) {
		int g = -1;
		for (k = 0; k < s->assignment_count; k++) {
			const care__role *r = &ds->roles[as[k].role];
			for (e = 0; e < r->requirement_count; e++) {
				const care__requirement *q =
				    &ds->requirements[r->first_requirement + e];
				care_date f, t;
				if (q->competency != c ||
				    !care_status__requiring(s, &as[k], q, &f, &t) ||
				    f > runs[i].start || runs[i].start > t)
					continue;
				if (g < 0 || q->due_within_days < g)
					g = q->due_within_days;
			}
		}
		runs[i].grace_end = care_date_add_days(runs[i].start, g < 0 ? 0 : g);
	}
	return j;
}

int care_status__pair_on(const care_dataset *ds, uint32_t si, uint32_t c, care_date d,
                         const care__run *runs, size_t run_count, const care__held *h, size_t n,
                         int due_soon_days, care__pair *out)
{
	care__walk w;

	care_status__walk_start(&w, ds, si, runs, run_count, h, n);
	return care_status__walk_to(&w, c, d, due_soon_days, out);
}

int care_status__eval_pair(const care_dataset *ds, uint32_t si, uint32_t c, care_date d,
                           int due_soon_days, care__pair *out)
{
	care__run small[16], *runs = small;
	size_t count = care_status__max_runs(ds, si), n, held_count;
	const care__held *held = care_status__held_of(ds, si, c, &held_count);
	int found;

	if (count > 16) {
		runs = care__malloc(count * sizeof *runs);
		if (runs == NULL)
			return -1;
	}
	n = care_status__runs(ds, si, c, runs);
	found = care_status__pair_on(ds, si, c, d, runs, n, held, held_count, due_soon_days, out);
	if (runs != small)
		care__free(runs);
	return found;
}

int care_status_get(care_status_info *out, const care_dataset *ds, const char *staff_id,
                    const char *competency, care_date as_of, int due_soon_days)
{
	uint32_t s, c;
	care__pair pair;

	if (out == NULL || ds == NULL || staff_id == NULL || competency == NULL)
		return care__error(CARE_EINVAL, "care_status_get: an argument is NULL");
	if (!ds->sealed || ds->index == NULL)
		return care__error(CARE_EINVAL, "care_status_get: the dataset is not sealed");
	if (as_of < CARE_DATE_MIN || as_of > CARE_DATE_MAX || due_soon_days < 0)
		return care__error(CARE_EINVAL,
		                   "care_status_get: as_of or due_soon_days out of range");
	s = care_ids__find(ds, CARE_KIND_STAFF, staff_id);
	if (s == CARE__NO)
		return care__error(CARE_ENOTFOUND, "there is no staff '%.64s'", staff_id);
	memset(out, 0, sizeof *out);
	out->status = CARE_STATUS_NOT_REQUIRED;
	out->expires_on = out->grace_end = out->overdue_since = out->period_start = CARE_DATE_NONE;
	c = care_intern__find(&ds->competencies, competency);
	if (c == CARE__NO)
		return 0;
	switch (care_status__eval_pair(ds, s, c, as_of, due_soon_days, &pair)) {
	case 0:
		return 0;
	case 1:
		break;
	default:
		return care__error(CARE_ENOMEM, "out of memory");
	}
	out->status = (care_status)pair.status;
	out->expiring = pair.expiring;
	out->expires_on = pair.expires_on;
	out->grace_end = pair.grace_end;
	out->overdue_since = pair.overdue_since;
	out->period_start = pair.period_start;
	return 0;
}
