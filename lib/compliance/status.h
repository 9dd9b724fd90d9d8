/*
 * The status of requirement pairs (compliance): who must comply with what
 * on a date, and the status of each pair (docs/reports.md).
 */
#ifndef CARE_COMPLIANCE_STATUS_H
#define CARE_COMPLIANCE_STATUS_H

#include "dataset/index.h"

/* One evaluated requirement pair. */
typedef struct care__pair {
	uint32_t competency;
	uint8_t status; /* care_status */
	uint8_t expiring;
	care_date expires_on, grace_end, overdue_since, period_start;
} care__pair;

/* The most runs staff si can have for one competency: the size of care_status__runs' buffer. */
size_t care_status__max_runs(const care_dataset *ds, uint32_t si);

/* Whether staff s is employed on d, and whether assignment a is active on d. */
int care_status__employed(const care__staff *s, care_date d);
int care_status__active(const care__staff *s, const care__assignment *a, care_date d);

/*
 * A run: consecutive days on which a person holds assignments requiring a
 * competency (each clipped to employment). Its start is the requirement
 * period start P of every date in it, and its grace end is P + g.
 */
typedef struct care__run {
	care_date start, end; /* end CARE__NEVER when open */
	care_date grace_end;
} care__run;

/* The runs of (s, c), sorted; `runs` must hold care_status__max_runs(ds, s). */
size_t care_status__runs(const care_dataset *ds, uint32_t s, uint32_t c, care__run *runs);

/* The counting completions of s for competency c, sorted by date. */
const care__held *care_status__held_of(const care_dataset *ds, uint32_t s, uint32_t c, size_t *n);

/* The pair (s, c) on d given its runs and held completions: 1 and *out
 * filled when it exists, else 0. */
int care_status__pair_on(const care_dataset *ds, uint32_t s, uint32_t c, care_date d,
                         const care__run *runs, size_t run_count, const care__held *held,
                         size_t held_count, int due_soon_days, care__pair *out);

/*
 * A walk of one pair (s, c) through dates in ascending order, for reports on
 * many dates: its runs and held completions are each read once, however many
 * dates there are. The status on a date depends on the completions made by
 * then only through the latest expiry among them (docs/reports.md: valid
 * when one of them expires after the date, else overdue since the latest).
 * Inline: the population engine calls it for every pair on every date.
 */
typedef struct care__walk {
	const care__run *runs;
	size_t run_count, run_at;
	const care__held *held; /* sorted by completed_on */
	size_t held_count, held_at;
	care_date latest_expiry; /* of the completions made so far; CARE_DATE_NONE: none */
	const care__exemption *exemptions; /* of the person */
	uint32_t exemption_count;
} care__walk;

static inline void care_status__walk_start(care__walk *w, const care_dataset *ds, uint32_t s,
                                           const care__run *runs, size_t run_count,
                                           const care__held *held, size_t held_count)
{
	w->runs = runs;
	w->run_count = run_count;
	w->run_at = 0;
	w->held = held;
	w->held_count = held_count;
	w->held_at = 0;
	w->latest_expiry = CARE_DATE_NONE;
	w->exemptions = ds->exemptions + ds->staff[s].first_exemption;
	w->exemption_count = ds->staff[s].exemption_count;
}

/* As care_status__pair_on on d, no earlier than the date of the last call. */
static inline int care_status__walk_to(care__walk *w, uint32_t c, care_date d, int due_soon_days,
                                       care__pair *out)
{
	const care__run *run;
	uint32_t k;

	/* Runs are disjoint and sorted: those ending before d stay behind. They
	 * lie within employment, so a run on d is a pair on d. */
	while (w->run_at < w->run_count && w->runs[w->run_at].end < d)
		w->run_at++;
	if (w->run_at == w->run_count || w->runs[w->run_at].start > d)
		return 0;
	run = &w->runs[w->run_at];
	/* Every completion made by d, once: only the latest expiry matters. */
	while (w->held_at < w->held_count && w->held[w->held_at].completed_on <= d) {
		care_date expires = care__held_expires(&w->held[w->held_at]);
		if (expires > w->latest_expiry)
			w->latest_expiry = expires;
		w->held_at++;
	}
	out->competency = c;
	out->expiring = 0;
	out->period_start = run->start;
	out->grace_end = run->grace_end;
	out->expires_on = out->overdue_since = CARE_DATE_NONE;
	for (k = 0; k < w->exemption_count; k++) {
		const care__exemption *x = &w->exemptions[k];
		if (x->competency == c && x->from <= d && (x->to == CARE_DATE_NONE || d <= x->to)) {
			out->status = CARE_STATUS_EXEMPT;
			return 1;
		}
	}
	if (d < w->latest_expiry) {
		/* Valid on d; the latest expiry is that of a valid completion. */
		out->status = CARE_STATUS_COMPLIANT;
		if (w->latest_expiry != CARE__NEVER) {
			out->expires_on = w->latest_expiry;
			out->expiring = (int64_t)w->latest_expiry - d <= due_soon_days;
		}
	} else if (d < run->grace_end) {
		out->status = CARE_STATUS_NOT_DUE;
	} else {
		/* Every completion made by d has expired: overdue since the later of
		 * the grace end and the last expiry. */
		out->status = CARE_STATUS_OVERDUE;
		out->overdue_since = run->grace_end;
		if (w->latest_expiry != CARE_DATE_NONE && w->latest_expiry > run->grace_end)
			out->overdue_since = w->latest_expiry;
	}
	return 1;
}

/* The days on which assignment a of staff s requires c through requirement q
 * of its role (clipped to employment and to q's interval): 0 when none. */
int care_status__requiring(const care__staff *s, const care__assignment *a,
                           const care__requirement *q, care_date *from, care_date *to);

/* Both of the above for one date: 1, 0, or -1 when out of memory. */
int care_status__eval_pair(const care_dataset *ds, uint32_t s, uint32_t c, care_date d,
                           int due_soon_days, care__pair *out);

/*
 * Whether staff member `staff` holds, on date `d`, a valid completion of a
 * module awarding competency `competency` (intern index). Needs the sealed index.
 */
int care_status__holds_valid(const care_dataset *ds, uint32_t staff, uint32_t competency,
                             care_date d);

/* A counting completion made on or before made_by that is valid on `at`. */
int care_status__holds_valid_by(const care_dataset *ds, uint32_t staff, uint32_t competency,
                                care_date at, care_date made_by);

#endif
