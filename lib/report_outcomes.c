/*
 * Training and patient outcomes (SPEC 5.6): complaints per 1,000
 * interactions handled by trained and untrained staff, and their rate ratio.
 */
#include <math.h>
#include <string.h>

#include "report_internal.h"

/* Whether the interaction is in the period and, if so, trained (1) or not (0). */
static int exposure(const care_dataset *ds, const care_outcomes *o, uint32_t competency,
                    const care__interaction *x, int *is_trained)
{
	if (x->date < o->from || x->date > o->to)
		return 0;
	/* An unknown competency: nobody holds it. */
	*is_trained =
	    competency != CARE__NO && care__holds_valid(ds, x->staff, competency, x->date);
	return 1;
}

/*
 * A linked complaint's group is found again from its interaction rather than
 * from a per-interaction table: complaints are a few hundred thousand where
 * interactions may be a hundred million (SPEC 7), and holds_valid is a pure
 * function of the dataset, so both passes agree.
 */
int care__outcomes_compute(care_report *r, const care_dataset *ds)
{
	care_outcomes *o = &r->outcomes_raw;
	uint32_t c = care__intern_find(&ds->competencies, r->opts.competency);
	size_t i;
	int is_trained = 0;

	memset(o, 0, sizeof *o);
	o->competency = r->opts.competency;
	o->from = r->opts.from;
	o->to = r->opts.to;
	for (i = 0; i < ds->interaction_count; i++) {
		const care__interaction *x = &ds->interactions[i];
		if (!exposure(ds, o, c, x, &is_trained))
			continue;
		if (is_trained)
			o->trained.interactions++;
		else
			o->untrained.interactions++;
		o->channels[x->channel]++;
	}
	for (i = 0; i < ds->complaint_count; i++) {
		const care__complaint *k = &ds->complaints[i];
		if (k->interaction == CARE__NO) {
			if (k->received_on >= o->from && k->received_on <= o->to)
				o->unlinked_complaints++;
		} else if (exposure(ds, o, c, &ds->interactions[k->interaction], &is_trained)) {
			/* Linked: its interaction decides, whenever it was received. */
			if (is_trained)
				o->trained.complaints++;
			else
				o->untrained.complaints++;
		}
	}
	return 0;
}

static void group_view(care_outcome_group *out, const care_outcome_group *in, int k)
{
	out->interactions = care__suppress(in->interactions, k);
	out->complaints = care__suppress(in->complaints, k);
	out->per_1000 = out->interactions > 0 && out->complaints >= 0
	                    ? 1000.0 * (double)out->complaints / (double)out->interactions
	                    : NAN;
}

void care__outcomes_finish(care_report *r)
{
	const care_outcomes *raw = &r->outcomes_raw;
	care_outcomes *v = &r->outcomes_view;
	int k = r->opts.min_cell, i;
	int64_t a, b;

	*v = *raw;
	group_view(&v->trained, &raw->trained, k);
	group_view(&v->untrained, &raw->untrained, k);
	v->unlinked_complaints = care__suppress(raw->unlinked_complaints, k);
	for (i = 0; i < 9; i++)
		v->channels[i] = care__suppress(raw->channels[i], k);
	v->rate_ratio = v->rate_ratio_low = v->rate_ratio_high = NAN;
	a = v->untrained.complaints;
	b = v->trained.complaints;
	/* All three are null when any of the four counts is 0 (or suppressed). */
	if (a > 0 && b > 0 && v->untrained.interactions > 0 && v->trained.interactions > 0) {
		double rr = v->untrained.per_1000 / v->trained.per_1000;
		double se = sqrt(1.0 / (double)a + 1.0 / (double)b);
		v->rate_ratio = rr;
		v->rate_ratio_low = exp(log(rr) - 1.96 * se);
		v->rate_ratio_high = exp(log(rr) + 1.96 * se);
	}
}

int care__outcomes_merge(care_report *into, const care_report *from)
{
	care_outcomes *o = &into->outcomes_raw;
	const care_outcomes *f = &from->outcomes_raw;
	int i;

	o->trained.interactions += f->trained.interactions;
	o->trained.complaints += f->trained.complaints;
	o->untrained.interactions += f->untrained.interactions;
	o->untrained.complaints += f->untrained.complaints;
	o->unlinked_complaints += f->unlinked_complaints;
	for (i = 0; i < 9; i++)
		o->channels[i] += f->channels[i];
	return 0;
}

static void json_group(care__buf *b, const char *name, const care_outcome_group *g)
{
	care__buf_printf(b, ",\"%s\":{\"interactions\":", name);
	care__json_count(b, g->interactions);
	care__buf_puts(b, ",\"complaints\":");
	care__json_count(b, g->complaints);
	care__buf_puts(b, ",\"per_1000\":");
	care__json_rate(b, g->per_1000);
	care__buf_puts(b, "}");
}

void care__outcomes_json(care__buf *b, const care_report *r)
{
	const care_outcomes *v = &r->outcomes_view;
	int i;

	care__buf_puts(b, "{\"report\":\"outcomes\",\"competency\":");
	care__buf_json_string(b, r->opts.competency, strlen(r->opts.competency));
	care__buf_puts(b, ",\"from\":");
	care__json_date(b, r->opts.from);
	care__buf_puts(b, ",\"to\":");
	care__json_date(b, r->opts.to);
	care__buf_printf(b, ",\"min_cell\":%d", r->opts.min_cell);
	json_group(b, "trained", &v->trained);
	json_group(b, "untrained", &v->untrained);
	care__buf_puts(b, ",\"rate_ratio\":");
	care__json_rate(b, v->rate_ratio);
	care__buf_puts(b, ",\"rate_ratio_low\":");
	care__json_rate(b, v->rate_ratio_low);
	care__buf_puts(b, ",\"rate_ratio_high\":");
	care__json_rate(b, v->rate_ratio_high);
	care__buf_puts(b, ",\"unlinked_complaints\":");
	care__json_count(b, v->unlinked_complaints);
	care__buf_puts(b, ",\"channels\":{");
	for (i = 0; i < 9; i++) {
		care__buf_printf(b, "%s\"%s\":", i ? "," : "",
		                 care_enum_name(CARE_ENUM_CHANNEL, i));
		care__json_count(b, v->channels[i]);
	}
	care__buf_puts(b, "}}");
}
