/*
 * Writing the canonical dataset file (SPEC 3.2): fields in the order of
 * SPEC 3.1, optional fields only when present, every list, one record per
 * line. Records are built and printed with cJSON.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dataset/dataset.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/buf.h"
#include "util/file.h"
#include "dataset/ids.h"

typedef struct writer {
	const care_dataset *ds;
	care__buf buf;
	int failed;
} writer;

static void add_text(writer *w, cJSON *o, const char *name, const char *value)
{
	if (value != NULL && cJSON_AddStringToObject(o, name, value) == NULL)
		w->failed = 1;
}

static void add_date(writer *w, cJSON *o, const char *name, care_date d)
{
	char buf[11];

	if (d != CARE_DATE_NONE)
		add_text(w, o, name, care_date_format(buf, d));
}

static void add_number(writer *w, cJSON *o, const char *name, double v)
{
	if (cJSON_AddNumberToObject(o, name, v) == NULL)
		w->failed = 1;
}

static void add_bool(writer *w, cJSON *o, const char *name, int v)
{
	if (cJSON_AddBoolToObject(o, name, v) == NULL)
		w->failed = 1;
}

static cJSON *add_array(writer *w, cJSON *o, const char *name)
{
	cJSON *a = cJSON_AddArrayToObject(o, name);

	if (a == NULL)
		w->failed = 1;
	return a;
}

static cJSON *new_object(writer *w, cJSON *array)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || (array != NULL && !cJSON_AddItemToArray(array, o))) {
		cJSON_Delete(o);
		w->failed = 1;
		return NULL;
	}
	return o;
}

/* Print one record on its own line and free it. */
static void emit(writer *w, cJSON *o, int first)
{
	char *text;

	if (o == NULL) {
		w->failed = 1;
		return;
	}
	text = w->failed ? NULL : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (text == NULL) {
		w->failed = 1;
		return;
	}
	if (!first)
		care_buf__append(&w->buf, ",\n", 2);
	care_buf__puts(&w->buf, text);
	cJSON_free(text);
}

static const char *competency_name(const care_dataset *ds, uint32_t c)
{
	return ds->competencies.text[c];
}

static cJSON *unit_json(writer *w, size_t i)
{
	const care__unit *u = &w->ds->units[i];
	cJSON *o = new_object(w, NULL);

	if (o == NULL)
		return NULL;
	add_text(w, o, "id", u->id);
	add_text(w, o, "name", u->name);
	if (u->parent != CARE__NO)
		add_text(w, o, "parent", w->ds->units[u->parent].id);
	return o;
}

static cJSON *role_json(writer *w, size_t i)
{
	const care__role *r = &w->ds->roles[i];
	cJSON *o = new_object(w, NULL), *list;
	uint32_t k;

	if (o == NULL)
		return NULL;
	add_text(w, o, "id", r->id);
	add_text(w, o, "title", r->title);
	add_text(w, o, "staff_group", care_enum_name(CARE_ENUM_STAFF_GROUP, r->staff_group));
	add_bool(w, o, "patient_facing", r->patient_facing);
	add_bool(w, o, "clinical", r->clinical);
	list = add_array(w, o, "requirements");
	for (k = 0; list && k < r->requirement_count; k++) {
		const care__requirement *q = &w->ds->requirements[r->first_requirement + k];
		cJSON *e = new_object(w, list);
		if (e == NULL)
			break;
		add_text(w, e, "competency", competency_name(w->ds, q->competency));
		add_number(w, e, "due_within_days", q->due_within_days);
	}
	return o;
}

static cJSON *module_json(writer *w, size_t i)
{
	const care__module *m = &w->ds->modules[i];
	cJSON *o = new_object(w, NULL);

	if (o == NULL)
		return NULL;
	add_text(w, o, "id", m->id);
	add_text(w, o, "title", m->title);
	add_text(w, o, "competency", m->competency_as_written);
	add_number(w, o, "validity_months", m->validity_months);
	add_text(w, o, "delivery", care_enum_name(CARE_ENUM_DELIVERY, m->delivery));
	if (m->duration_minutes != CARE_NONE)
		add_number(w, o, "duration_minutes", m->duration_minutes);
	if (!isnan(m->pass_mark))
		add_number(w, o, "pass_mark", m->pass_mark);
	if (m->cost_pence != CARE_NONE)
		add_number(w, o, "cost_pence", (double)m->cost_pence);
	add_text(w, o, "provider", m->provider);
	add_text(w, o, "xapi_activity", m->xapi_activity);
	return o;
}

static cJSON *staff_json(writer *w, size_t i)
{
	const care__staff *s = &w->ds->staff[i];
	cJSON *o = new_object(w, NULL), *list;
	uint32_t k;

	if (o == NULL)
		return NULL;
	add_text(w, o, "id", s->id);
	add_date(w, o, "started_on", s->started_on);
	add_date(w, o, "left_on", s->left_on);
	list = add_array(w, o, "assignments");
	for (k = 0; list && k < s->assignment_count; k++) {
		const care__assignment *a = &w->ds->assignments[s->first_assignment + k];
		cJSON *e = new_object(w, list);
		if (e == NULL)
			break;
		add_text(w, e, "role", w->ds->roles[a->role].id);
		add_text(w, e, "unit", w->ds->units[a->unit].id);
		add_date(w, e, "from", a->from);
		add_date(w, e, "to", a->to);
	}
	if (s->exemption_count > 0) {
		list = add_array(w, o, "exemptions");
		for (k = 0; list && k < s->exemption_count; k++) {
			const care__exemption *x = &w->ds->exemptions[s->first_exemption + k];
			cJSON *e = new_object(w, list);
			if (e == NULL)
				break;
			add_text(w, e, "competency", competency_name(w->ds, x->competency));
			add_date(w, e, "from", x->from);
			add_date(w, e, "to", x->to);
			add_text(w, e, "reason", x->reason);
		}
	}
	return o;
}

static cJSON *completion_json(writer *w, size_t i)
{
	const care__completions *c = &w->ds->completions;
	cJSON *o = new_object(w, NULL);
	char id[37];

	if (o == NULL)
		return NULL;
	/* A generated id is written, so that the saved file names it. */
	add_text(w, o, "id", care_ids__completion(w->ds, i, id));
	add_text(w, o, "staff", w->ds->staff[c->staff[i]].id);
	add_text(w, o, "module", w->ds->modules[c->module[i]].id);
	add_date(w, o, "completed_on", c->completed_on[i]);
	add_text(w, o, "outcome", care_enum_name(CARE_ENUM_COMPLETION_OUTCOME, c->outcome[i]));
	if (c->score && !isnan(c->score[i]))
		add_number(w, o, "score", c->score[i]);
	if (c->source && c->source[i] != CARE__NO)
		add_text(w, o, "source", w->ds->sources.text[c->source[i]]);
	return o;
}

static cJSON *interaction_json(writer *w, size_t i)
{
	const care__interaction *x = &w->ds->interactions[i];
	cJSON *o = new_object(w, NULL);
	care_timestamp ts;
	char at[40], specialty[8];

	if (o == NULL)
		return NULL;
	ts.date = x->date;
	ts.hour = x->hms >> 12;
	ts.minute = (x->hms >> 6) & 63;
	ts.second = x->hms & 63;
	ts.nanos = x->nanos;
	ts.frac_digits = x->frac_digits;
	ts.offset_minutes = x->offset_minutes;
	ts.zulu = x->zulu;
	add_text(w, o, "id", x->id);
	add_text(w, o, "staff", w->ds->staff[x->staff].id);
	add_text(w, o, "at", care_timestamp_format(at, &ts));
	add_text(w, o, "channel", care_enum_name(CARE_ENUM_CHANNEL, x->channel));
	add_text(w, o, "kind", care_enum_name(CARE_ENUM_INTERACTION_KIND, x->kind));
	add_text(w, o, "outcome", care_enum_name(CARE_ENUM_INTERACTION_OUTCOME, x->outcome));
	if (x->duration_seconds != CARE_NONE)
		add_number(w, o, "duration_seconds", x->duration_seconds);
	add_text(w, o, "appointment_ref", x->appointment_ref);
	add_text(w, o, "patient_ref", x->patient_ref);
	if (x->specialty != CARE_NONE) {
		snprintf(specialty, sizeof specialty, "%03d", x->specialty);
		add_text(w, o, "specialty", specialty);
	}
	return o;
}

static cJSON *complaint_json(writer *w, size_t i)
{
	const care__complaint *x = &w->ds->complaints[i];
	cJSON *o = new_object(w, NULL), *list;
	int s, n = care_enum_count(CARE_ENUM_SUBJECT);
	uint32_t k;

	if (o == NULL)
		return NULL;
	add_text(w, o, "id", x->id);
	add_date(w, o, "received_on", x->received_on);
	add_date(w, o, "acknowledged_on", x->acknowledged_on);
	add_date(w, o, "closed_on", x->closed_on);
	list = add_array(w, o, "subjects");
	for (s = 0; list && s < n; s++) {
		cJSON *e;
		if (!(x->subjects & (1u << s)))
			continue;
		e = cJSON_CreateString(care_enum_name(CARE_ENUM_SUBJECT, s));
		if (e == NULL || !cJSON_AddItemToArray(list, e)) {
			cJSON_Delete(e);
			w->failed = 1;
		}
	}
	if (x->outcome != CARE_NONE)
		add_text(w, o, "outcome", care_enum_name(CARE_ENUM_COMPLAINT_OUTCOME, x->outcome));
	if (x->staff_count > 0) {
		list = add_array(w, o, "staff");
		for (k = 0; list && k < x->staff_count; k++) {
			cJSON *e = cJSON_CreateString(
			    w->ds->staff[w->ds->complaint_staff[x->first_staff + k]].id);
			if (e == NULL || !cJSON_AddItemToArray(list, e)) {
				cJSON_Delete(e);
				w->failed = 1;
			}
		}
	}
	if (x->interaction != CARE__NO)
		add_text(w, o, "interaction", w->ds->interactions[x->interaction].id);
	return o;
}

static void header(writer *w)
{
	const care_dataset *ds = w->ds;
	size_t i;
	char d[11];

	care_buf__puts(&w->buf, "{\"format\":\"libcare-dataset\",\n\"version\":1");
	if (ds->ods_code || ds->name) {
		cJSON *o = new_object(w, NULL);
		if (o) {
			add_text(w, o, "ods_code", ds->ods_code);
			add_text(w, o, "name", ds->name);
			care_buf__puts(&w->buf, ",\n\"organisation\":");
			emit(w, o, 1);
		}
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

static const char *const list_names[CARE_KIND_COUNT] = {
    NULL, "units", "roles", "modules", "staff", "completions", "interactions", "complaints"};

typedef cJSON *(*record_fn)(writer *w, size_t i);

static int finish(writer *w, char **out, size_t *len)
{
	if (w->failed)
		w->buf.failed = 1;
	return care_buf__finish(&w->buf, out, len);
}

int care_dataset_dump(char **out, size_t *len, const care_dataset *ds)
{
	static const record_fn fns[CARE_KIND_COUNT] = {
	    NULL,       unit_json,       role_json,        module_json,
	    staff_json, completion_json, interaction_json, complaint_json};
	writer w;
	size_t k, i;

	if (out == NULL || ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_dump: bad argument");
	*out = NULL;
	memset(&w, 0, sizeof w);
	w.ds = ds;
	header(&w);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT && !w.failed && !w.buf.failed; k++) {
		size_t n = care_dataset_count(ds, (care_kind)k);
		care_buf__printf(&w.buf, ",\n\"%s\":[%s", list_names[k], n ? "\n" : "");
		for (i = 0; i < n && !w.failed; i++)
			emit(&w, fns[k](&w, i), i == 0);
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
		care_buf__printf(&w.buf, ",\n\"%s\":[%s", list_names[k], n ? "\n" : "");
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

