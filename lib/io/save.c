/*
 * Writing the canonical dataset file (docs/model.md#canonical-writing): fields in the order of
 * docs/model.md, optional fields only when present, every list, one record per
 * line, written with the one JSON writer of the library (util/json_write).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dataset/dataset.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/buf.h"
#include "util/file.h"
#include "dataset/ids.h"
#include "dataset/kinds.h"
#include "util/json_write.h"
#include "io/save.h"

typedef struct writer {
	const care_dataset *ds;
	care__buf buf;
	int first; /* no field written yet in the current object */
} writer;

/* Objects: fields are written in order, each after a comma but the first. */
static void open_object(writer *w)
{
	care_buf__puts(&w->buf, "{");
	w->first = 1;
}

static void close_object(writer *w)
{
	care_buf__puts(&w->buf, "}");
	w->first = 0;
}

static void key(writer *w, const char *name)
{
	care_buf__printf(&w->buf, w->first ? "\"%s\":" : ",\"%s\":", name);
	w->first = 0;
}

static void add_text(writer *w, const char *name, const char *value)
{
	if (value == NULL)
		return;
	key(w, name);
	care_json__text(&w->buf, value);
}

static void add_date(writer *w, const char *name, care_date d)
{
	char text[11];

	if (d != CARE_DATE_NONE)
		add_text(w, name, care_date_format(text, d));
}

static void add_number(writer *w, const char *name, double v)
{
	key(w, name);
	care_json__number(&w->buf, v);
}

static void add_int(writer *w, const char *name, int64_t v)
{
	key(w, name);
	care_buf__printf(&w->buf, "%lld", (long long)v);
}

static void add_bool(writer *w, const char *name, int v)
{
	key(w, name);
	care_buf__puts(&w->buf, v ? "true" : "false");
}

/* `"name":[`, then element(w, k) before each element k, then close_array(). */
static void open_array(writer *w, const char *name)
{
	key(w, name);
	care_buf__puts(&w->buf, "[");
}

static void element(writer *w, size_t k)
{
	if (k)
		care_buf__puts(&w->buf, ",");
}

static void close_array(writer *w)
{
	care_buf__puts(&w->buf, "]");
	w->first = 0;
}

static const char *competency_name(const care_dataset *ds, uint32_t c)
{
	return ds->competencies.text[c];
}

static void unit_json(writer *w, size_t i)
{
	const care__unit *u = &w->ds->units[i];

	open_object(w);
	add_text(w, "id", u->id);
	add_text(w, "name", u->name);
	if (u->parent != CARE__NO)
		add_text(w, "parent", w->ds->units[u->parent].id);
	close_object(w);
}

static void role_json(writer *w, size_t i)
{
	const care__role *r = &w->ds->roles[i];
	uint32_t k;

	open_object(w);
	add_text(w, "id", r->id);
	add_text(w, "title", r->title);
	add_text(w, "staff_group", care_enum_name(CARE_ENUM_STAFF_GROUP, r->staff_group));
	add_bool(w, "patient_facing", r->patient_facing);
	add_bool(w, "clinical", r->clinical);
	open_array(w, "requirements");
	for (k = 0; k < r->requirement_count; k++) {
		const care__requirement *q = &w->ds->requirements[r->first_requirement + k];
		element(w, k);
		open_object(w);
		add_text(w, "competency", competency_name(w->ds, q->competency));
		add_int(w, "due_within_days", q->due_within_days);
		add_date(w, "from", q->from);
		add_date(w, "to", q->to);
		close_object(w);
	}
	close_array(w);
	close_object(w);
}

static void module_json(writer *w, size_t i)
{
	const care__module *m = &w->ds->modules[i];

	open_object(w);
	add_text(w, "id", m->id);
	add_text(w, "title", m->title);
	add_text(w, "competency", m->competency_as_written);
	add_int(w, "validity_months", m->validity_months);
	add_text(w, "delivery", care_enum_name(CARE_ENUM_DELIVERY, m->delivery));
	if (m->duration_minutes != CARE_NONE)
		add_int(w, "duration_minutes", m->duration_minutes);
	if (!isnan(m->pass_mark))
		add_number(w, "pass_mark", m->pass_mark);
	if (m->cost_pence != CARE_NONE)
		add_int(w, "cost_pence", m->cost_pence);
	add_text(w, "provider", m->provider);
	add_text(w, "xapi_activity", m->xapi_activity);
	close_object(w);
}

static void staff_json(writer *w, size_t i)
{
	const care__staff *s = &w->ds->staff[i];
	uint32_t k;

	open_object(w);
	add_text(w, "id", s->id);
	add_text(w, "name", s->name);
	add_date(w, "started_on", s->started_on);
	add_date(w, "left_on", s->left_on);
	open_array(w, "assignments");
	for (k = 0; k < s->assignment_count; k++) {
		const care__assignment *a = &w->ds->assignments[s->first_assignment + k];
		element(w, k);
		open_object(w);
		add_text(w, "role", w->ds->roles[a->role].id);
		add_text(w, "unit", w->ds->units[a->unit].id);
		add_date(w, "from", a->from);
		add_date(w, "to", a->to);
		add_text(w, "manager", a->manager);
		close_object(w);
	}
	close_array(w);
	if (s->exemption_count > 0) {
		open_array(w, "exemptions");
		for (k = 0; k < s->exemption_count; k++) {
			const care__exemption *x = &w->ds->exemptions[s->first_exemption + k];
			element(w, k);
			open_object(w);
			add_text(w, "competency", competency_name(w->ds, x->competency));
			add_date(w, "from", x->from);
			add_date(w, "to", x->to);
			add_text(w, "reason", x->reason);
			close_object(w);
		}
		close_array(w);
	}
	close_object(w);
}

static void completion_json(writer *w, size_t i)
{
	const care__completions *c = &w->ds->completions;
	double score = care__score(c, i);
	uint32_t source = care__number(&c->source, i);
	char id[37];

	open_object(w);
	/* A generated id is written, so that the saved file names it. */
	add_text(w, "id", care_ids__completion(w->ds, i, id));
	add_text(w, "staff", w->ds->staff[c->staff[i]].id);
	add_text(w, "module", w->ds->modules[care__number(&c->module, i)].id);
	add_date(w, "completed_on", c->completed_on[i]);
	add_text(w, "outcome", care_enum_name(CARE_ENUM_COMPLETION_OUTCOME, c->outcome[i]));
	if (!isnan(score))
		add_number(w, "score", score);
	if (source != CARE__NO)
		add_text(w, "source", w->ds->sources.text[source]);
	close_object(w);
}

static void interaction_json(writer *w, size_t i)
{
	const care__interaction *x = &w->ds->interactions[i];
	care_timestamp ts;
	char at[40], specialty[8];

	open_object(w);
	ts.date = x->date;
	ts.hour = x->hms >> 12;
	ts.minute = (x->hms >> 6) & 63;
	ts.second = x->hms & 63;
	ts.nanos = x->nanos;
	ts.frac_digits = x->frac_digits;
	ts.offset_minutes = x->offset_minutes;
	ts.zulu = x->zulu;
	add_text(w, "id", x->id);
	add_text(w, "staff", w->ds->staff[x->staff].id);
	add_text(w, "at", care_timestamp_format(at, &ts));
	add_text(w, "channel", care_enum_name(CARE_ENUM_CHANNEL, x->channel));
	add_text(w, "kind", care_enum_name(CARE_ENUM_INTERACTION_KIND, x->kind));
	add_text(w, "outcome", care_enum_name(CARE_ENUM_INTERACTION_OUTCOME, x->outcome));
	if (x->duration_seconds != CARE_NONE)
		add_int(w, "duration_seconds", x->duration_seconds);
	add_text(w, "appointment_ref", x->appointment_ref);
	add_text(w, "patient_ref", x->patient_ref);
	if (x->specialty != CARE_NONE) {
		snprintf(specialty, sizeof specialty, "%03d", x->specialty);
		add_text(w, "specialty", specialty);
	}
	close_object(w);
}

static void complaint_json(writer *w, size_t i)
{
	const care__complaint *x = &w->ds->complaints[i];
	int s, n = care_enum_count(CARE_ENUM_SUBJECT);
	uint32_t k;

	open_object(w);
	add_text(w, "id", x->id);
	add_date(w, "received_on", x->received_on);
	add_date(w, "acknowledged_on", x->acknowledged_on);
	add_date(w, "closed_on", x->closed_on);
	open_array(w, "subjects");
	for (s = 0, k = 0; s < n; s++) {
		if (!(x->subjects & (1u << s)))
			continue;
		element(w, k++);
		care_json__text(&w->buf, care_enum_name(CARE_ENUM_SUBJECT, s));
	}
	close_array(w);
	if (x->outcome != CARE_NONE)
		add_text(w, "outcome", care_enum_name(CARE_ENUM_COMPLAINT_OUTCOME, x->outcome));
	if (x->staff_count > 0) {
		open_array(w, "staff");
		for (k = 0; k < x->staff_count; k++) {
			element(w, k);
			care_json__text(
			    &w->buf, w->ds->staff[w->ds->complaint_staff[x->first_staff + k]].id);
		}
		close_array(w);
	}
	if (x->interaction != CARE__NO)
		add_text(w, "interaction", w->ds->interactions[x->interaction].id);
	close_object(w);
}

static void header(writer *w)
{
	const care_dataset *ds = w->ds;
	size_t i;
	char d[11];

	care_buf__puts(&w->buf, "{\"format\":\"libcare-dataset\",\n\"version\":1");
	if (ds->ods_code || ds->name) {
		care_buf__puts(&w->buf, ",\n\"organisation\":");
		open_object(w);
		add_text(w, "ods_code", ds->ods_code);
		add_text(w, "name", ds->name);
		close_object(w);
	}
	if (ds->extracted_on != CARE_DATE_NONE)
		care_buf__printf(&w->buf, ",\n\"extracted_on\":\"%s\"",
		                 care_date_format(d, ds->extracted_on));
	if (ds->non_working_day_count > 0) {
		care_buf__puts(&w->buf, ",\n\"extra_non_working_days\":[");
		for (i = 0; i < ds->non_working_day_count; i++)
			care_buf__printf(&w->buf, "%s\"%s\"", i ? "," : "",
			                 care_date_format(d, ds->non_working_days[i]));
		care_buf__puts(&w->buf, "]");
	}
}

typedef void (*record_fn)(writer *w, size_t i);

static const record_fn record_fns[CARE_KIND_COUNT] = {
    NULL,       unit_json,       role_json,        module_json,
    staff_json, completion_json, interaction_json, complaint_json};

void care_save__record(care__buf *b, const care_dataset *ds, care_kind kind, size_t i)
{
	writer w;

	memset(&w, 0, sizeof w);
	w.ds = ds;
	w.buf = *b;
	record_fns[kind](&w, i);
	*b = w.buf;
}

static int finish(writer *w, char **out, size_t *len)
{
	return care_buf__finish(&w->buf, out, len);
}

int care_dataset_dump(char **out, size_t *len, const care_dataset *ds)
{
	const record_fn *fns = record_fns;
	writer w;
	size_t k, i;

	if (out == NULL || ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_dump: bad argument");
	*out = NULL;
	memset(&w, 0, sizeof w);
	w.ds = ds;
	header(&w);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT && !w.buf.failed; k++) {
		size_t n = care_dataset_count(ds, (care_kind)k);
		care_buf__printf(&w.buf, ",\n\"%s\":[%s", care_kinds__ops((care_kind)k)->list,
		                 n ? "\n" : "");
		for (i = 0; i < n && !w.buf.failed; i++) {
			if (i)
				care_buf__append(&w.buf, ",\n", 2);
			fns[k](&w, i);
		}
		care_buf__puts(&w.buf, n ? "\n]" : "]");
	}
	care_buf__puts(&w.buf, "}\n");
	return finish(&w, out, len);
}

int care_dataset_dump_rejects(char **out, size_t *len, const care_dataset *ds)
{
	writer w;
	size_t k, i;

	if (out == NULL || ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_dump_rejects: bad argument");
	*out = NULL;
	memset(&w, 0, sizeof w);
	w.ds = ds;
	header(&w);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		size_t n = ds->rejected_count[k];
		care_buf__printf(&w.buf, ",\n\"%s\":[%s", care_kinds__ops((care_kind)k)->list,
		                 n ? "\n" : "");
		for (i = 0; i < n; i++) {
			if (i)
				care_buf__append(&w.buf, ",\n", 2);
			care_buf__append(&w.buf, ds->rejected[k][i].text, ds->rejected[k][i].len);
		}
		care_buf__puts(&w.buf, n ? "\n]" : "]");
	}
	care_buf__puts(&w.buf, "}\n");
	return finish(&w, out, len);
}

int care_dataset_save(const care_dataset *ds, const char *path)
{
	char *text;
	size_t len;
	int rc;

	if (ds == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_save: bad argument");
	rc = care_dataset_dump(&text, &len, ds);
	if (rc != 0)
		return rc;
	rc = care_file__write_atomic(path, text, len);
	care__free(text);
	return rc;
}

int care_dataset_save_rejects(const care_dataset *ds, const char *path)
{
	char *text;
	size_t len;
	int rc;

	if (ds == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_save_rejects: bad argument");
	rc = care_dataset_dump_rejects(&text, &len, ds);
	if (rc != 0)
		return rc;
	rc = care_file__write_atomic(path, text, len);
	care__free(text);
	return rc;
}
