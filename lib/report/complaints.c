/*
 * Complaint handling (docs/reports.md#complaint-handling): acknowledgement within three working
 * days, working days to close, complaints open or closed beyond six months.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/format.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

static int compute(care_report *r, care__engine *e)
{
	const care_dataset *ds = e->ds;
	care_complaints *o = &r->complaints_raw;
	size_t i, cap = 0;
	int s;

	memset(o, 0, sizeof *o);
	o->from = r->opts.from;
	o->to = r->opts.to;
	for (i = 0; i < ds->complaint_count; i++) {
		const care__complaint *k = &ds->complaints[i];
		care_date limit;
		if (k->received_on < o->from || k->received_on > o->to)
			continue;
		o->received++;
		/* As known in the dataset: dates after the period still count. */
		if (k->acknowledged_on != CARE_DATE_NONE &&
		    care_working_days(k->received_on, k->acknowledged_on, ds->non_working_days,
		                      ds->non_working_day_count) <= 3)
			o->acknowledged_in_3_days++;
		if (k->closed_on != CARE_DATE_NONE) {
			o->closed++;
			if (care__grow((void **)&r->close_days, &cap, r->close_day_count + 1,
			               sizeof *r->close_days))
				return CARE_ENOMEM;
			r->close_days[r->close_day_count++] =
			    care_working_days(k->received_on, k->closed_on, ds->non_working_days,
			                      ds->non_working_day_count);
		}
		limit = care_date_add_months(k->received_on, 6);
		if ((k->closed_on != CARE_DATE_NONE ? k->closed_on : o->to) > limit)
			o->over_six_months++;
		for (s = 0; s < CARE_SUBJECT_COUNT; s++)
			if (k->subjects & (1u << s))
				o->by_subject[s]++;
		o->by_outcome[k->outcome >= 0 && k->outcome < CARE_COMPLAINT_OUTCOME_COUNT
		                  ? k->outcome
		                  : CARE_COMPLAINT_OUTCOME_COUNT]++;
	}
	return 0;
}

static int int_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static int finish(care_report *r)
{
	const care_complaints *raw = &r->complaints_raw;
	care_complaints *v = &r->complaints_view;
	int k = r->opts.min_cell, i;
	size_t n = r->close_day_count;

	*v = *raw;
	v->received = care_format__suppress(raw->received, k);
	v->acknowledged_in_3_days = care_format__suppress(raw->acknowledged_in_3_days, k);
	v->closed = care_format__suppress(raw->closed, k);
	v->over_six_months = care_format__suppress(raw->over_six_months, k);
	for (i = 0; i < CARE_SUBJECT_COUNT; i++)
		v->by_subject[i] = care_format__suppress(raw->by_subject[i], k);
	for (i = 0; i < CARE_COMPLAINT_OUTCOME_COUNT + 1; i++)
		v->by_outcome[i] = care_format__suppress(raw->by_outcome[i], k);
	v->acknowledged_rate = care_format__rate(v->acknowledged_in_3_days, v->received);
	v->median_working_days_to_close = NAN;
	if (n > 0 && v->closed > 0) {
		qsort(r->close_days, n, sizeof *r->close_days, int_cmp);
		v->median_working_days_to_close =
		    n % 2 ? (double)r->close_days[n / 2]
		          : ((double)r->close_days[n / 2 - 1] + (double)r->close_days[n / 2]) / 2.0;
	}
	return 0;
}

static int merge(care_report *into, const care_report *from)
{
	care_complaints *o = &into->complaints_raw;
	const care_complaints *f = &from->complaints_raw;
	int32_t *days;
	int i;

	days = care__realloc(into->close_days,
	                     (into->close_day_count + from->close_day_count + 1) * sizeof *days);
	if (days == NULL)
		return CARE_ENOMEM;
	into->close_days = days;
	if (from->close_day_count)
		memcpy(days + into->close_day_count, from->close_days,
		       from->close_day_count * sizeof *days);
	into->close_day_count += from->close_day_count;
	o->received += f->received;
	o->acknowledged_in_3_days += f->acknowledged_in_3_days;
	o->closed += f->closed;
	o->over_six_months += f->over_six_months;
	for (i = 0; i < CARE_SUBJECT_COUNT; i++)
		o->by_subject[i] += f->by_subject[i];
	for (i = 0; i < CARE_COMPLAINT_OUTCOME_COUNT + 1; i++)
		o->by_outcome[i] += f->by_outcome[i];
	return 0;
}

static void to_json(care__buf *b, const care_report *r)
{
	const care_complaints *v = &r->complaints_view;
	int i;

	care_buf__puts(b, "{\"report\":\"complaints\",\"from\":");
	care_format__json_date(b, r->opts.from);
	care_buf__puts(b, ",\"to\":");
	care_format__json_date(b, r->opts.to);
	care_buf__printf(b, ",\"min_cell\":%d,\"received\":", r->opts.min_cell);
	care_json__count(b, v->received);
	care_buf__puts(b, ",\"acknowledged_in_3_days\":");
	care_json__count(b, v->acknowledged_in_3_days);
	care_buf__puts(b, ",\"acknowledged_rate\":");
	care_json__number(b, v->acknowledged_rate);
	care_buf__puts(b, ",\"closed\":");
	care_json__count(b, v->closed);
	care_buf__puts(b, ",\"median_working_days_to_close\":");
	care_json__number(b, v->median_working_days_to_close);
	care_buf__puts(b, ",\"over_six_months\":");
	care_json__count(b, v->over_six_months);
	care_buf__puts(b, ",\"by_subject\":{");
	for (i = 0; i < CARE_SUBJECT_COUNT; i++) {
		care_buf__printf(b, "%s\"%s\":", i ? "," : "",
		                 care_enum_name(CARE_ENUM_SUBJECT, i));
		care_json__count(b, v->by_subject[i]);
	}
	care_buf__puts(b, "},\"by_outcome\":{");
	for (i = 0; i < CARE_COMPLAINT_OUTCOME_COUNT + 1; i++) {
		care_buf__printf(b, "%s\"%s\":", i ? "," : "",
		                 i < CARE_COMPLAINT_OUTCOME_COUNT
		                     ? care_enum_name(CARE_ENUM_COMPLAINT_OUTCOME, i)
		                     : "open");
		care_json__count(b, v->by_outcome[i]);
	}
	care_buf__puts(b, "}}");
}

const care__report_ops care_complaints__ops = {
    "complaints", CARE__NEEDS_PERIOD, compute, finish, merge, to_json, NULL};
