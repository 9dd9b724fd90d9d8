/*
 * The synthetic dataset generator (see synth.h and docs/sample-data.md): its
 * presets and the order in which it adds the records (synth_internal.h lists
 * the files that make each kind).
 *
 * Deterministic for a seed: a splitmix64 stream drives every choice, and
 * records are added in a fixed order (per person: the staff record, their
 * completions, their contacts and the complaints those draw; then the
 * complaints linked to no contact), so the same options always give the same
 * file.
 */
#include <stdio.h>
#include <string.h>

#include "synth_internal.h"

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
	o->mandate_from = care_date_from_ymd(2025, 4, 1);
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

/* ---- the whole dataset ---- */

/* Report an add that failed (and a warning, which the generator should never cause). */
int synth_added(gen *g, int rc, care_issues *issues, const char *what, const char *id)
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
	size_t n;
	double contact_years;
	int rc;

	memset(&g, 0, sizeof g);
	g.ds = ds;
	g.o = o;
	g.r.state = o->seed;
	g.history = care_date_add_months(o->extracted_on, -12 * o->years);
	closure_days(&g);
	if ((rc = care_dataset_set_header(ds,
	                                  o->ods_code     ? o->ods_code
	                                  : o->trusts > 1 ? "Y56"
	                                                  : "RXX",
	                                  o->org_name     ? o->org_name
	                                  : o->trusts > 1 ? "All trusts in England (synthetic)"
	                                                  : "Example Valley NHS Foundation Trust",
	                                  o->extracted_on)) != 0 ||
	    (rc = care_dataset_add_non_working_day(ds, g.closures[0])) != 0 ||
	    (rc = care_dataset_add_non_working_day(ds, g.closures[1])) != 0 ||
	    (rc = synth_add_catalogue(&g)) != 0)
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
		if ((rc = synth_add_person(&g, &p, n)) != 0 ||
		    (rc = synth_add_completions(&g, &p)) != 0 ||
		    (rc = synth_add_contacts(&g, &p)) != 0)
			return rc;
		if (o->progress && (n & 16383) == 0)
			o->progress(o->progress_data, (double)n / (double)o->staff);
	}
	if ((rc = synth_add_unlinked_complaints(&g)) != 0)
		return rc;
	if (o->progress)
		o->progress(o->progress_data, 1.0);
	return 0;
}
