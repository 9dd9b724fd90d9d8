/*
 * Training and patient outcomes (docs/reports.md#training-and-patient-outcomes): complaints per
 * 1,000 interactions handled by trained and untrained staff, and their rate ratio.
 */
#include <math.h>
#include <string.h>

#include "report/format.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

/* Whether the interaction is in the period and, if so, trained (1) or not (0). */
static int exposure(const care_dataset *ds, const care_outcomes *o, uint32_t competency,
                    const care__interaction *x, int *is_trained)
{
	if (x->date < o->from || x->date > o->to)
		return 0;
	/* An unknown competency: nobody holds it. */
	*is_trained =
	    competency != CARE__NO && care_status__holds_valid(ds, x->staff, competency, x->date);
	return 1;
}

/*
 * A linked complaint's group is found again from its interaction rather than
 * from a per-interaction table: complaints are a few hundred thousand where
 * interactions may be a hundred million (a national analyst), and holds_valid is a pure
 * function of the dataset, so both passes agree.
 */
static int compute(care_report *r, care__engine *e)
{
	const care_dataset *ds = e->ds;
	care_outcomes *o = &r->outcomes_raw;
	uint32_t c = care_intern__find(&ds->competencies, r->opts.competency);
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
	out->interactions = care_format__suppress(in->interactions, k);
	out->complaints = care_format__suppress(in->complaints, k);
	out->per_1000 = out->interactions > 0 && out->complaints >= 0
	                    ? 1000.0 * (double)out->complaints / (double)out->interactions
	                    : NAN;
}

static int finish(care_report *r)
{
	const care_outcomes *raw = &r->outcomes_raw;
	care_outcomes *v = &r->outcomes_view;
	int k = r->opts.min_cell, i;
	int64_t a, b;

	*v = *raw;
	group_view(&v->trained, &raw->trained, k);
	group_view(&v->untrained, &raw->untrained, k);
	v->unlinked_complaints = care_format__suppress(raw->unlinked_complaints, k);
	for (i = 0; i < CARE_CHANNEL_COUNT; i++)
		v->channels[i] = care_format__suppress(raw->channels[i], k);
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
	return 0;
}

static int merge(care_report *into, const care_report *from)
{
	care_outcomes *o = &into->outcomes_raw;
	const care_outcomes *f = &from->outcomes_raw;
	int i;

	o->trained.interactions += f->trained.interactions;
	o->trained.complaints += f->trained.complaints;
	o->untrained.interactions += f->untrained.interactions;
	o->untrained.complaints += f->untrained.complaints;
	o->unlinked_complaints += f->unlinked_complaints;
	for (i = 0; i < CARE_CHANNEL_COUNT; i++)
		o->channels[i] += f->channels[i];
	return 0;
}

static void json_group(care__buf *b, const char *name, const care_outcome_group *g)
{
	care_buf__printf(b, ",\"%s\":{\"interactions\":", name);
	care_json__count(b, g->interactions);
	care_buf__puts(b, ",\"complaints\":");
	care_json__count(b, g->complaints);
	care_buf__puts(b, ",\"per_1000\":");
	care_json__number(b, g->per_1000);
	care_buf__puts(b, "}");
}

static void to_json(care__buf *b, const care_report *r)
{
	const care_outcomes *v = &r->outcomes_view;
	int i;

	care_buf__puts(b, "{\"report\":\"outcomes\",\"competency\":");
	care_json__string(b, r->opts.competency, strlen(r->opts.competency));
	care_buf__puts(b, ",\"from\":");
	care_format__json_date(b, r->opts.from);
	care_buf__puts(b, ",\"to\":");
	care_format__json_date(b, r->opts.to);
	care_buf__printf(b, ",\"min_cell\":%d", r->opts.min_cell);
	json_group(b, "trained", &v->trained);
	json_group(b, "untrained", &v->untrained);
	care_buf__puts(b, ",\"rate_ratio\":");
	care_json__number(b, v->rate_ratio);
	care_buf__puts(b, ",\"rate_ratio_low\":");
	care_json__number(b, v->rate_ratio_low);
	care_buf__puts(b, ",\"rate_ratio_high\":");
	care_json__number(b, v->rate_ratio_high);
	care_buf__puts(b, ",\"unlinked_complaints\":");
	care_json__count(b, v->unlinked_complaints);
	care_buf__puts(b, ",\"channels\":{");
	for (i = 0; i < CARE_CHANNEL_COUNT; i++) {
		care_buf__printf(b, "%s\"%s\":", i ? "," : "",
		                 care_enum_name(CARE_ENUM_CHANNEL, i));
		care_json__count(b, v->channels[i]);
	}
	care_buf__puts(b, "}}");
}

const care__report_ops care_outcomes__ops = {
    "outcomes", CARE__NEEDS_PERIOD, compute, finish, merge, to_json, NULL};
