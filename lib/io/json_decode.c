/*
 * JSON record -> public record struct (see json_decode.h and check.h).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_decode.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "core/enums.h"

void care_decode__scratch_free(care__scratch *s)
{
	care__free(s->requirements);
	care__free(s->assignments);
	care__free(s->exemptions);
	care__free(s->strings);
	care__free(s->unknown);
	memset(s, 0, sizeof *s);
}

/*
 * The first member named `name` (the first of repeated keys: the dataset file's rule), as
 * cJSON_GetObjectItemCaseSensitive finds it, comparing first bytes before whole names.
 */
static const cJSON *first_member(const cJSON *obj, const char *name)
{
	const cJSON *v;

	if (obj == NULL || name == NULL)
		return NULL;
	for (v = obj->child; v != NULL && v->string != NULL; v = v->next)
		if (v->string[0] == name[0] && strcmp(v->string, name) == 0)
			return v;
	return NULL;
}

static const cJSON *member(const cJSON *obj, const char *name)
{
	const cJSON *v = first_member(obj, name);

	return (v == NULL || cJSON_IsNull(v)) ? NULL : v;
}

static void path_of(char *buf, size_t size, const char *prefix, const char *name)
{
	care_buf__path(buf, size, prefix, name);
}

static void type_error(care__check *c, const char *path, const char *want)
{
	care_check__issue(c, CARE_ISSUE_TYPE, path, "%s must be %s", path, want);
}

const char *care_decode__text(care__check *c, const cJSON *obj, const char *name, const char *path)
{
	const cJSON *v = member(obj, name);

	if (v == NULL)
		return NULL;
	if (!cJSON_IsString(v)) {
		type_error(c, path, "a string");
		return CARE__BAD_STR;
	}
	return v->valuestring;
}

care_date care_decode__date(care__check *c, const cJSON *obj, const char *name, const char *path)
{
	const cJSON *v = member(obj, name);
	care_date d;

	if (v == NULL)
		return CARE_DATE_NONE;
	if (!cJSON_IsString(v)) {
		type_error(c, path, "a date string");
		return CARE__DATE_BAD;
	}
	if (care_date_parse(&d, v->valuestring, strlen(v->valuestring)) != 0) {
		care_check__issue(
		    c, CARE_ISSUE_BAD_DATE, path,
		    "%s '%.40s' is not a date YYYY-MM-DD from 1900-01-01 to 2199-12-31", path,
		    v->valuestring);
		return CARE__DATE_BAD;
	}
	return d;
}

static int dec_enum(care__check *c, const cJSON *obj, const char *name, const char *path,
                    care_enum type, int required)
{
	const cJSON *v = member(obj, name);
	int value;

	if (v == NULL)
		return required ? CARE__INT_MISSING : CARE_NONE;
	if (!cJSON_IsString(v)) {
		type_error(c, path, "a string");
		return CARE__INT_BAD;
	}
	value = care_enum_parse(type, v->valuestring, strlen(v->valuestring));
	if (value < 0) {
		care_check__issue(c, CARE_ISSUE_BAD_ENUM, path,
		                  "%s '%.40s' is not one of its values", path, v->valuestring);
		return CARE__INT_BAD;
	}
	return value;
}

static int dec_bool(care__check *c, const cJSON *obj, const char *name)
{
	const cJSON *v = member(obj, name);

	if (v == NULL)
		return CARE__INT_MISSING;
	if (!cJSON_IsBool(v)) {
		type_error(c, name, "true or false");
		return CARE__INT_BAD;
	}
	return cJSON_IsTrue(v) ? 1 : 0;
}

/*
 * An integer field. Every integer field is >= 0, so a negative value is
 * reported here (a negative in the struct would read as CARE_NONE); values
 * beyond `max_exact` are too.
 */
static long long dec_int(care__check *c, const cJSON *obj, const char *name, const char *path,
                         int required, double max_exact)
{
	const cJSON *v = member(obj, name);
	double d;

	if (v == NULL)
		return required ? CARE__INT_MISSING : CARE_NONE;
	if (!cJSON_IsNumber(v)) {
		type_error(c, path, "a number");
		return CARE__INT_BAD;
	}
	d = v->valuedouble;
	if (!isfinite(d) || floor(d) != d || d < 0 || d > max_exact) {
		care_check__issue(c, CARE_ISSUE_OUT_OF_RANGE, path,
		                  isfinite(d) && floor(d) != d ? "%s must be an integer"
		                                               : "%s is out of range",
		                  path);
		return CARE__INT_BAD;
	}
	/* Clamp before converting (a double beyond long long is undefined);
	 * every range is far below, so the clamped value is still out of range. */
	return d > 9.0e18 ? 9000000000000000000LL : (long long)d;
}

static int dec_int32(care__check *c, const cJSON *obj, const char *name, const char *path,
                     int required)
{
	/* Clamped: every range of a field lies far below INT32_MAX, so the check
	 * still reports the clamped value as out of range. */
	long long v = dec_int(c, obj, name, path, required, 1e300);

	return v > INT32_MAX ? INT32_MAX : (int)v;
}

static double dec_number(care__check *c, const cJSON *obj, const char *name)
{
	const cJSON *v = member(obj, name);
	double d;

	if (v == NULL)
		return NAN;
	if (!cJSON_IsNumber(v)) {
		type_error(c, name, "a number");
		return CARE__DOUBLE_BAD;
	}
	d = v->valuedouble;
	if (isinf(d))
		d = d > 0 ? DBL_MAX : -DBL_MAX;
	return d;
}

static const cJSON *dec_array(care__check *c, const cJSON *obj, const char *name)
{
	const cJSON *v = member(obj, name);

	if (v != NULL && !cJSON_IsArray(v)) {
		type_error(c, name, "a list");
		return NULL;
	}
	return v;
}

static int grow(void **ptr, size_t *cap, size_t need, size_t size)
{
	return care__grow(ptr, cap, need ? need : 1, size);
}

int care_decode__unknown(care__check *c, care__scratch *s, const cJSON *obj,
                         const char *const *known, const char *prefix)
{
	const cJSON *m;
	size_t n = 0, i, j;
	char path[96];

	for (m = obj->child; m; m = m->next) {
		const char *const *k;
		for (k = known; *k && ((*k)[0] != m->string[0] || strcmp(*k, m->string) != 0); k++)
			;
		if (*k)
			continue;
		if (grow((void **)&s->unknown, &s->unknown_cap, n + 1, sizeof *s->unknown))
			return CARE_ENOMEM;
		s->unknown[n++] = m;
	}
	/* Report each unknown name once. Real records have few unknown
	 * fields; a hostile one with thousands is cut short rather than
	 * compared pairwise. */
	for (i = 0; i < n && i < 256; i++) {
		for (j = 0; j < i && strcmp(s->unknown[j]->string, s->unknown[i]->string) != 0; j++)
			;
		if (j < i)
			continue;
		if (prefix && *prefix)
			snprintf(path, sizeof path, "%s.%.64s", prefix, s->unknown[i]->string);
		else
			snprintf(path, sizeof path, "%.64s", s->unknown[i]->string);
		care_check__issue(c, CARE_ISSUE_UNKNOWN_FIELD, path, "unknown field %s (ignored)",
		                  path);
	}
	return 0;
}

static int not_object(care__check *c, const cJSON *obj)
{
	if (cJSON_IsObject(obj))
		return 0;
	care_check__issue(c, CARE_ISSUE_TYPE, NULL, "the %s is not a JSON object",
	                  care_enums__kind_name(c->kind));
	return 1;
}

static int decode_unit(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_unit *rec = record;
	static const char *const known[] = {"id", "name", "parent", NULL};

	memset(rec, 0, sizeof *rec);
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->name = care_decode__text(c, obj, "name", "name");
	rec->parent = care_decode__text(c, obj, "parent", "parent");
	return care_decode__unknown(c, s, obj, known, NULL);
}

static int decode_role(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_role *rec = record;
	static const char *const known[] = {
	    "id", "title", "staff_group", "patient_facing", "clinical", "requirements", NULL};
	static const char *const req_known[] = {"competency", "due_within_days", "from", "to",
	                                        NULL};
	const cJSON *list, *item;
	char prefix[48], path[96];
	size_t i = 0;

	memset(rec, 0, sizeof *rec);
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->title = care_decode__text(c, obj, "title", "title");
	rec->staff_group = (care_staff_group)dec_enum(c, obj, "staff_group", "staff_group",
	                                              CARE_ENUM_STAFF_GROUP, 1);
	rec->patient_facing = dec_bool(c, obj, "patient_facing");
	rec->clinical = dec_bool(c, obj, "clinical");
	if (member(obj, "requirements") == NULL)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "requirements",
		                  "requirements is required");
	list = dec_array(c, obj, "requirements");
	if (list == NULL)
		return care_decode__unknown(c, s, obj, known, NULL);
	if (grow((void **)&s->requirements, &s->requirements_cap, (size_t)cJSON_GetArraySize(list),
	         sizeof *s->requirements))
		return CARE_ENOMEM;
	cJSON_ArrayForEach(item, list)
	{
		care_requirement *r = &s->requirements[i];
		care_buf__indexed(prefix, sizeof prefix, "requirements", i, "");
		i++;
		if (!cJSON_IsObject(item)) {
			type_error(c, prefix, "an object");
			r->competency = CARE__BAD_STR;
			r->due_within_days = CARE__INT_BAD;
			r->from = r->to = CARE_DATE_NONE;
			continue;
		}
		path_of(path, sizeof path, prefix, "competency");
		r->competency = care_decode__text(c, item, "competency", path);
		path_of(path, sizeof path, prefix, "due_within_days");
		r->due_within_days = dec_int32(c, item, "due_within_days", path, 1);
		path_of(path, sizeof path, prefix, "from");
		r->from = care_decode__date(c, item, "from", path);
		path_of(path, sizeof path, prefix, "to");
		r->to = care_decode__date(c, item, "to", path);
		if (care_decode__unknown(c, s, item, req_known, prefix))
			return CARE_ENOMEM;
	}
	rec->requirements = s->requirements;
	rec->requirement_count = i;
	return care_decode__unknown(c, s, obj, known, NULL);
}

static int decode_module(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_module *rec = record;
	static const char *const known[] = {"id",         "title",
	                                    "competency", "validity_months",
	                                    "delivery",   "duration_minutes",
	                                    "pass_mark",  "cost_pence",
	                                    "provider",   "xapi_activity",
	                                    NULL};
	long long cost;

	memset(rec, 0, sizeof *rec);
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->title = care_decode__text(c, obj, "title", "title");
	rec->competency = care_decode__text(c, obj, "competency", "competency");
	rec->validity_months = dec_int32(c, obj, "validity_months", "validity_months", 1);
	rec->delivery =
	    (care_delivery)dec_enum(c, obj, "delivery", "delivery", CARE_ENUM_DELIVERY, 1);
	rec->duration_minutes = dec_int32(c, obj, "duration_minutes", "duration_minutes", 0);
	rec->pass_mark = dec_number(c, obj, "pass_mark");
	/* Costs are exact up to 2^53, the largest integer every JSON reader keeps. */
	cost = dec_int(c, obj, "cost_pence", "cost_pence", 0, 9007199254740992.0);
	rec->cost_pence = cost == CARE__INT_BAD ? CARE__INT64_BAD : cost;
	rec->provider = care_decode__text(c, obj, "provider", "provider");
	rec->xapi_activity = care_decode__text(c, obj, "xapi_activity", "xapi_activity");
	return care_decode__unknown(c, s, obj, known, NULL);
}

static int decode_staff(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_staff *rec = record;
	static const char *const known[] = {"id",          "name",       "started_on", "left_on",
	                                    "assignments", "exemptions", NULL};
	static const char *const as_known[] = {"role", "unit", "from", "to", "manager", NULL};
	static const char *const ex_known[] = {"competency", "from", "to", "reason", NULL};
	const cJSON *list, *item;
	char prefix[48], path[96];
	size_t i;

	memset(rec, 0, sizeof *rec);
	rec->started_on = rec->left_on = CARE_DATE_NONE;
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->name = care_decode__text(c, obj, "name", "name");
	rec->started_on = care_decode__date(c, obj, "started_on", "started_on");
	rec->left_on = care_decode__date(c, obj, "left_on", "left_on");
	if (member(obj, "assignments") == NULL)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "assignments", "assignments is required");
	list = dec_array(c, obj, "assignments");
	if (list) {
		if (grow((void **)&s->assignments, &s->assignments_cap,
		         (size_t)cJSON_GetArraySize(list), sizeof *s->assignments))
			return CARE_ENOMEM;
		i = 0;
		cJSON_ArrayForEach(item, list)
		{
			care_assignment *a = &s->assignments[i];
			care_buf__indexed(prefix, sizeof prefix, "assignments", i, "");
			i++;
			if (!cJSON_IsObject(item)) {
				type_error(c, prefix, "an object");
				a->role = a->unit = CARE__BAD_STR;
				a->from = a->to = CARE__DATE_BAD;
				a->manager = NULL;
				continue;
			}
			path_of(path, sizeof path, prefix, "role");
			a->role = care_decode__text(c, item, "role", path);
			path_of(path, sizeof path, prefix, "unit");
			a->unit = care_decode__text(c, item, "unit", path);
			path_of(path, sizeof path, prefix, "from");
			a->from = care_decode__date(c, item, "from", path);
			path_of(path, sizeof path, prefix, "to");
			a->to = care_decode__date(c, item, "to", path);
			path_of(path, sizeof path, prefix, "manager");
			a->manager = care_decode__text(c, item, "manager", path);
			if (care_decode__unknown(c, s, item, as_known, prefix))
				return CARE_ENOMEM;
		}
		rec->assignments = s->assignments;
		rec->assignment_count = i;
	}
	list = dec_array(c, obj, "exemptions");
	if (list) {
		if (grow((void **)&s->exemptions, &s->exemptions_cap,
		         (size_t)cJSON_GetArraySize(list), sizeof *s->exemptions))
			return CARE_ENOMEM;
		i = 0;
		cJSON_ArrayForEach(item, list)
		{
			care_exemption *e = &s->exemptions[i];
			care_buf__indexed(prefix, sizeof prefix, "exemptions", i, "");
			i++;
			if (!cJSON_IsObject(item)) {
				type_error(c, prefix, "an object");
				e->competency = e->reason = CARE__BAD_STR;
				e->from = e->to = CARE__DATE_BAD;
				continue;
			}
			path_of(path, sizeof path, prefix, "competency");
			e->competency = care_decode__text(c, item, "competency", path);
			path_of(path, sizeof path, prefix, "from");
			e->from = care_decode__date(c, item, "from", path);
			path_of(path, sizeof path, prefix, "to");
			e->to = care_decode__date(c, item, "to", path);
			path_of(path, sizeof path, prefix, "reason");
			e->reason = care_decode__text(c, item, "reason", path);
			if (care_decode__unknown(c, s, item, ex_known, prefix))
				return CARE_ENOMEM;
		}
		rec->exemptions = s->exemptions;
		rec->exemption_count = i;
	}
	return care_decode__unknown(c, s, obj, known, NULL);
}

static int decode_completion(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_completion *rec = record;
	static const char *const known[] = {"id",      "staff", "module", "completed_on",
	                                    "outcome", "score", "source", NULL};

	memset(rec, 0, sizeof *rec);
	rec->completed_on = CARE_DATE_NONE;
	rec->score = NAN;
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->staff = care_decode__text(c, obj, "staff", "staff");
	rec->module = care_decode__text(c, obj, "module", "module");
	rec->completed_on = care_decode__date(c, obj, "completed_on", "completed_on");
	rec->outcome = (care_completion_outcome)dec_enum(c, obj, "outcome", "outcome",
	                                                 CARE_ENUM_COMPLETION_OUTCOME, 1);
	rec->score = dec_number(c, obj, "score");
	rec->source = care_decode__text(c, obj, "source", "source");
	return care_decode__unknown(c, s, obj, known, NULL);
}

static int decode_interaction(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_interaction *rec = record;
	static const char *const known[] = {"id",
	                                    "staff",
	                                    "at",
	                                    "channel",
	                                    "kind",
	                                    "outcome",
	                                    "duration_seconds",
	                                    "appointment_ref",
	                                    "patient_ref",
	                                    "specialty",
	                                    NULL};
	const cJSON *v;

	memset(rec, 0, sizeof *rec);
	rec->at.date = CARE_DATE_NONE;
	rec->specialty = CARE_NONE;
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->staff = care_decode__text(c, obj, "staff", "staff");
	v = member(obj, "at");
	if (v != NULL && !cJSON_IsString(v)) {
		type_error(c, "at", "a timestamp string");
		rec->at.date = CARE__DATE_BAD;
	} else if (v != NULL &&
	           care_timestamp_parse(&rec->at, v->valuestring, strlen(v->valuestring)) != 0) {
		care_check__issue(
		    c, CARE_ISSUE_BAD_DATE, "at",
		    "at '%.40s' is not a timestamp YYYY-MM-DDThh:mm:ss with Z or an offset",
		    v->valuestring);
		memset(&rec->at, 0, sizeof rec->at);
		rec->at.date = CARE__DATE_BAD;
	}
	rec->channel = (care_channel)dec_enum(c, obj, "channel", "channel", CARE_ENUM_CHANNEL, 1);
	rec->kind =
	    (care_interaction_kind)dec_enum(c, obj, "kind", "kind", CARE_ENUM_INTERACTION_KIND, 1);
	rec->outcome = (care_interaction_outcome)dec_enum(c, obj, "outcome", "outcome",
	                                                  CARE_ENUM_INTERACTION_OUTCOME, 1);
	rec->duration_seconds = dec_int32(c, obj, "duration_seconds", "duration_seconds", 0);
	rec->appointment_ref = care_decode__text(c, obj, "appointment_ref", "appointment_ref");
	rec->patient_ref = care_decode__text(c, obj, "patient_ref", "patient_ref");
	v = member(obj, "specialty");
	if (v != NULL && !cJSON_IsString(v)) {
		type_error(c, "specialty", "a string of three digits");
		rec->specialty = CARE__INT_BAD;
	} else if (v != NULL) {
		const char *t = v->valuestring;
		if (strlen(t) == 3 && t[0] >= '0' && t[0] <= '9' && t[1] >= '0' && t[1] <= '9' &&
		    t[2] >= '0' && t[2] <= '9') {
			rec->specialty = (t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0');
		} else {
			care_check__issue(
			    c, CARE_ISSUE_BAD_ENUM, "specialty",
			    "specialty '%.40s' is not a three-digit treatment function code", t);
			rec->specialty = CARE__INT_BAD;
		}
	}
	return care_decode__unknown(c, s, obj, known, NULL);
}

static int decode_complaint(care__check *c, care__scratch *s, const cJSON *obj, void *record)
{
	care_complaint *rec = record;
	static const char *const known[] = {"id",        "received_on", "acknowledged_on",
	                                    "closed_on", "subjects",    "outcome",
	                                    "staff",     "interaction", NULL};
	const cJSON *list, *item, *v;
	char path[48];
	size_t i;

	memset(rec, 0, sizeof *rec);
	rec->received_on = rec->acknowledged_on = rec->closed_on = CARE_DATE_NONE;
	rec->outcome = CARE_NONE;
	if (not_object(c, obj))
		return 0;
	rec->id = care_decode__text(c, obj, "id", "id");
	rec->received_on = care_decode__date(c, obj, "received_on", "received_on");
	rec->acknowledged_on = care_decode__date(c, obj, "acknowledged_on", "acknowledged_on");
	rec->closed_on = care_decode__date(c, obj, "closed_on", "closed_on");
	list = member(obj, "subjects");
	if (list != NULL && !cJSON_IsArray(list)) {
		type_error(c, "subjects", "a list");
		rec->subjects = CARE__SUBJECTS_BAD;
	} else if (list != NULL) {
		i = 0;
		cJSON_ArrayForEach(item, list)
		{
			int value;
			snprintf(path, sizeof path, "subjects[%zu]", i++);
			if (!cJSON_IsString(item)) {
				type_error(c, path, "a string");
				rec->subjects |= CARE__SUBJECTS_BAD;
				continue;
			}
			value = care_enum_parse(CARE_ENUM_SUBJECT, item->valuestring,
			                        strlen(item->valuestring));
			if (value < 0) {
				care_check__issue(c, CARE_ISSUE_BAD_ENUM, path,
				                  "%s '%.40s' is not a complaint subject", path,
				                  item->valuestring);
				rec->subjects |= CARE__SUBJECTS_BAD;
			} else {
				rec->subjects |= 1u << value;
			}
		}
	}
	v = member(obj, "outcome");
	rec->outcome = dec_enum(c, obj, "outcome", "outcome", CARE_ENUM_COMPLAINT_OUTCOME, 0);
	(void)v;
	list = dec_array(c, obj, "staff");
	if (list) {
		if (grow((void **)&s->strings, &s->strings_cap, (size_t)cJSON_GetArraySize(list),
		         sizeof *s->strings))
			return CARE_ENOMEM;
		i = 0;
		cJSON_ArrayForEach(item, list)
		{
			snprintf(path, sizeof path, "staff[%zu]", i);
			if (cJSON_IsString(item)) {
				s->strings[i] = item->valuestring;
			} else {
				type_error(c, path, "a staff id string");
				s->strings[i] = CARE__BAD_STR;
			}
			i++;
		}
		rec->staff = s->strings;
		rec->staff_count = i;
	}
	rec->interaction = care_decode__text(c, obj, "interaction", "interaction");
	return care_decode__unknown(c, s, obj, known, NULL);
}

const char *care_decode__issue_id(care_kind kind, const cJSON *obj, char buf[37])
{
	const cJSON *id, *staff, *module, *date, *outcome;

	if (!cJSON_IsObject(obj))
		return NULL;
	id = cJSON_GetObjectItemCaseSensitive(obj, "id");
	if (cJSON_IsString(id))
		return id->valuestring;
	if (kind != CARE_KIND_COMPLETION || (id != NULL && !cJSON_IsNull(id)))
		return NULL;
	staff = cJSON_GetObjectItemCaseSensitive(obj, "staff");
	module = cJSON_GetObjectItemCaseSensitive(obj, "module");
	date = cJSON_GetObjectItemCaseSensitive(obj, "completed_on");
	outcome = cJSON_GetObjectItemCaseSensitive(obj, "outcome");
	if (!cJSON_IsString(staff) || !cJSON_IsString(module) || !cJSON_IsString(date) ||
	    !cJSON_IsString(outcome))
		return NULL;
	if (care_completion_make_id(buf, staff->valuestring, module->valuestring, date->valuestring,
	                            outcome->valuestring) != 0)
		return NULL;
	return buf;
}

typedef int (*decode_fn)(care__check *c, care__scratch *s, const cJSON *obj, void *rec);

static const decode_fn decoders[CARE_KIND_COUNT] = {
    [CARE_KIND_UNIT] = decode_unit,
    [CARE_KIND_ROLE] = decode_role,
    [CARE_KIND_MODULE] = decode_module,
    [CARE_KIND_STAFF] = decode_staff,
    [CARE_KIND_COMPLETION] = decode_completion,
    [CARE_KIND_INTERACTION] = decode_interaction,
    [CARE_KIND_COMPLAINT] = decode_complaint,
};

int care_decode__record(care__check *c, care__scratch *s, const cJSON *obj, care__record *rec)
{
	if (c->kind <= CARE_KIND_DATASET || c->kind >= CARE_KIND_COUNT)
		return 0;
	return decoders[c->kind](c, s, obj, rec);
}

/* The offset of the first "\u0000" escape in text (an odd run of backslashes before "u0000"), or
 * len. */
static size_t nul_escape(const char *text, size_t len, size_t from)
{
	size_t i;

	for (i = from; i + 6 <= len; i++) {
		size_t k = i;
		if (text[i] != '\\' || memcmp(text + i + 1, "u0000", 5) != 0)
			continue;
		while (k > 0 && text[k - 1] == '\\')
			k--;
		if ((i - k) % 2 == 0)
			return i;
	}
	return len;
}

cJSON *care_decode__parse(const char *text, size_t len)
{
	size_t at = nul_escape(text, len, 0);
	char *copy;
	cJSON *tree;

	if (at == len)
		return cJSON_ParseWithLengthOpts(text, len, NULL, 0);
	/*
	 * cJSON keeps strings NUL-terminated, so "\u0000" would end a string
	 * early and quietly change it ("U1\u0000X" would read as "U1"). Each
	 * such escape becomes six 0xFF bytes, which are not UTF-8: the string
	 * is then reported (bad-id, bad-text) rather than shortened.
	 */
	copy = care__malloc(len);
	if (copy == NULL)
		return NULL;
	memcpy(copy, text, len);
	for (; at < len; at = nul_escape(copy, len, at + 6))
		memset(copy + at, 0xFF, 6);
	tree = cJSON_ParseWithLengthOpts(copy, len, NULL, 0);
	care__free(copy);
	return tree;
}
