/*
 * The record checks (docs/validation.md), on the public record structs.
 */
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/enums.h"
#include "dataset/check.h"
#include "util/buf.h"
#include "dataset/ids.h"
#include "util/utf8.h"
#include "util/alloc.h"

const char care__bad_text[] = "";

static int valid_date(care_date d);

void care_check__issue(care__check *c, care_issue_code code, const char *field, const char *fmt,
                       ...)
{
	char message[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	c->errors +=
	    care_issues__add(c->issues, code, c->kind, c->id, c->index, field, 0, 0, "%s", message);
}

/* ---- field checks ---- */

static void check_text(care__check *c, const char *field, const char *value, int required)
{
	if (value == CARE__BAD_STR)
		return;
	if (value == NULL) {
		if (required)
			care_check__issue(c, CARE_ISSUE_REQUIRED, field, "%s is required", field);
		return;
	}
	if (c->ascii && strlen(value) <= 1024)
		return; /* the decoder saw no byte outside ASCII: valid UTF-8, no NUL */
	if (strstr(value, CARE__NUL_MARK))
		care_check__issue(c, CARE_ISSUE_BAD_TEXT, field,
		                  "%s holds a NUL character (\\u0000), which text may not", field);
	else if (!care_utf8__valid(value, strlen(value), 1024))
		care_check__issue(c, CARE_ISSUE_BAD_TEXT, field,
		                  strlen(value) > 1024 ? "%s is longer than 1024 bytes"
		                                       : "%s is not valid UTF-8",
		                  field);
}

/* 1 when the value is a usable id (present and valid). */
static int check_id_syntax(care__check *c, const char *field, const char *value, int required)
{
	if (value == CARE__BAD_STR)
		return 0;
	if (value == NULL) {
		if (required)
			care_check__issue(c, CARE_ISSUE_REQUIRED, field, "%s is required", field);
		return 0;
	}
	if (!care_ids__valid(value)) {
		care_check__issue(c, CARE_ISSUE_BAD_ID, field,
		                  strstr(value, CARE__NUL_MARK)
		                      ? "%s holds a NUL character (\\u0000), which an id may not"
		                      : "%s is not an id (1 to 64 of A-Z a-z 0-9 . _ : -)",
		                  field);
		return 0;
	}
	return 1;
}

/* The record's own id: syntax, then uniqueness within its kind. */
static void check_own_id(care__check *c, const char *id, int required)
{
	if (!(c->own_id_valid && id == c->own_id) && !check_id_syntax(c, "id", id, required))
		return;
	if (c->ds != NULL) {
		uint32_t index;
		int owner;
		if (c->own_id != id) {
			c->own_hash = care_ids__hash(id);
			c->own_id = id;
		}
		/* A load that defers completion ids finds duplicates all at once, later. */
		if (c->kind == CARE_KIND_COMPLETION && c->ds->deferring)
			return;
		/* Released by a seal: made again first, or "no duplicate" could be wrong. */
		if (c->kind == CARE_KIND_COMPLETION && care_ids__completions_ready(c->ds) != 0) {
			c->nomem = 1;
			return;
		}
		owner = care_ids__owner_hashed(c->ds, c->kind, id, c->own_hash, &index);
		if (owner == 1)
			care_check__issue(c, CARE_ISSUE_DUPLICATE_ID, "id",
			                  "another %s has the id '%s'",
			                  care_enums__kind_name(c->kind), id);
		else if (owner == 2)
			care_check__issue(c, CARE_ISSUE_DUPLICATE_ID, "id",
			                  "another %s (rejected) has the id '%s'",
			                  care_enums__kind_name(c->kind), id);
	}
}

/* A reference to a record of `target`; *out receives its index or CARE__NO. */
static void check_ref(care__check *c, const char *field, care_kind target, const char *value,
                      int required, uint32_t *out)
{
	uint32_t index = CARE__NO;
	int owner;

	if (out)
		*out = CARE__NO;
	/* A record referred to lately, or the next one: a stored id, so a valid one. */
	if (c->ds != NULL && value != NULL && value != CARE__BAD_STR &&
	    (owner = care_ids__recent(c->ds, target, value, &index)) != 0) {
		if (owner == 2)
			care_ids__remember(c->ds, target, index);
		if (out)
			*out = index;
		return;
	}
	if (!check_id_syntax(c, field, value, required) || c->ds == NULL)
		return;
	owner = care_ids__owner(c->ds, target, value, &index);
	if (owner == 1) {
		care_ids__remember(c->ds, target, index);
		if (out)
			*out = index;
	} else if (owner == 2) {
		care_check__issue(c, CARE_ISSUE_DANGLING_REF, field, "%s '%s' was rejected",
		                  care_enums__kind_name(target), value);
	} else {
		care_check__issue(c, CARE_ISSUE_DANGLING_REF, field, "there is no %s '%s'",
		                  care_enums__kind_name(target), value);
	}
}

/* 1 when the date is present and valid. */
static int check_date(care__check *c, const char *field, care_date d, int required, int event)
{
	if (d == CARE__DATE_BAD)
		return 0;
	if (d == CARE_DATE_NONE) {
		if (required)
			care_check__issue(c, CARE_ISSUE_REQUIRED, field, "%s is required", field);
		return 0;
	}
	if (d < CARE_DATE_MIN || d > CARE_DATE_MAX) {
		care_check__issue(c, CARE_ISSUE_BAD_DATE, field,
		                  "%s is not a date between 1900-01-01 and 2199-12-31", field);
		return 0;
	}
	if (event && c->ds != NULL && c->ds->extracted_on != CARE_DATE_NONE &&
	    d > c->ds->extracted_on) {
		char buf[11];
		care_check__issue(c, CARE_ISSUE_AFTER_EXTRACT, field,
		                  "%s is after the extract date %s", field,
		                  care_date_format(buf, c->ds->extracted_on));
	}
	return 1;
}

static void check_order(care__check *c, const char *field, care_date later, const char *what,
                        care_date earlier)
{
	char a[11], b[11];

	if (later < earlier)
		care_check__issue(c, CARE_ISSUE_DATE_ORDER, field, "%s %s is before %s %s", field,
		                  care_date_format(a, later), what, care_date_format(b, earlier));
}

/* 1 when present and valid. */
static int check_enum(care__check *c, const char *field, care_enum type, int value, int required)
{
	if (value == CARE__INT_BAD)
		return 0;
	if (value == CARE__INT_MISSING || (value == CARE_NONE && !required)) {
		if (required)
			care_check__issue(c, CARE_ISSUE_REQUIRED, field, "%s is required", field);
		return 0;
	}
	if (value < 0 || value >= care_enum_count(type)) {
		care_check__issue(c, CARE_ISSUE_BAD_ENUM, field, "%s has a value outside its list",
		                  field);
		return 0;
	}
	return 1;
}

static void check_int(care__check *c, const char *field, long long value, long long min,
                      long long max, int required)
{
	if (value == CARE__INT_BAD || value == CARE__INT64_BAD)
		return;
	if (value == CARE__INT_MISSING || (!required && value == CARE_NONE)) {
		if (required)
			care_check__issue(c, CARE_ISSUE_REQUIRED, field, "%s is required", field);
		return;
	}
	if (value < min || value > max) {
		if (max == INT64_MAX)
			care_check__issue(c, CARE_ISSUE_OUT_OF_RANGE, field,
			                  "%s must be at least %lld", field, min);
		else
			care_check__issue(c, CARE_ISSUE_OUT_OF_RANGE, field,
			                  "%s must be an integer from %lld to %lld", field, min,
			                  max);
	}
}

static void check_bool(care__check *c, const char *field, int value)
{
	if (value == CARE__INT_MISSING)
		care_check__issue(c, CARE_ISSUE_REQUIRED, field, "%s is required", field);
}

/* 1 when present and valid. */
static int check_number(care__check *c, const char *field, double value, double min, double max)
{
	if (isnan(value) || value == CARE__DOUBLE_BAD)
		return 0;
	if (!(value >= min && value <= max)) {
		care_check__issue(c, CARE_ISSUE_OUT_OF_RANGE, field, "%s must be from %g to %g",
		                  field, min, max);
		return 0;
	}
	return 1;
}

/* ---- repeats, without quadratic time on hostile input ---- */

typedef struct keyed {
	const char *a, *b;
	size_t pos;
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
	const keyed *p = x, *q = y;
	int r = strcmp(p->a, q->a);

	if (r == 0 && p->b && q->b)
		r = strcmp(p->b, q->b);
	if (r == 0)
		r = (p->pos > q->pos) - (p->pos < q->pos);
	return r;
}

/* ---- kinds ---- */

void care_check__unit(care__check *c, const void *record)
{
	const care_unit *rec = record;

	check_own_id(c, rec->id, 1);
	check_text(c, "name", rec->name, 1);
	if (!c->parent_resolved)
		check_ref(c, "parent", CARE_KIND_UNIT, rec->parent, 0, &c->parent);
	else
		check_id_syntax(c, "parent", rec->parent, 0);
}

/* The days of an in-force interval, open ends unbounded; 0 when it is reversed or has a bad date.
 */
static int in_force(const care_requirement *r, care_date *from, care_date *to)
{
	*from = r->from == CARE_DATE_NONE ? INT32_MIN : r->from;
	*to = r->to == CARE_DATE_NONE ? INT32_MAX : r->to;
	if ((r->from != CARE_DATE_NONE && !valid_date(r->from)) ||
	    (r->to != CARE_DATE_NONE && !valid_date(r->to)))
		return 0;
	return *from <= *to;
}

/*
 * A competency may be listed again only with dates that do not overlap (a
 * grace period that changes over time): one issue on each entry that
 * overlaps an earlier entry of the same competency.
 */
static void check_repeats(care__check *c, const care_role *rec, const keyed *keys, size_t n)
{
	unsigned char *repeat = care__calloc(rec->requirement_count, 1);
	char field[64];
	size_t i, j, k;

	if (repeat == NULL) {
		c->nomem = 1;
		return;
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(keys[j].a, keys[i].a) == 0; j++)
			;
		/* keys[i..j) name one competency, in list order. */
		for (k = i + 1; k < j; k++) {
			size_t m;
			care_date kf, kt, mf, mt;
			if (!in_force(&rec->requirements[keys[k].pos], &kf, &kt))
				continue;
			for (m = i; m < k; m++)
				if (in_force(&rec->requirements[keys[m].pos], &mf, &mt) &&
				    mf <= kt && kf <= mt) {
					repeat[keys[k].pos] = 1;
					break;
				}
		}
	}
	for (i = 0; i < rec->requirement_count; i++) {
		if (!repeat[i])
			continue;
		care_buf__indexed(field, sizeof field, "requirements", i, ".competency");
		care_check__issue(c, CARE_ISSUE_DUPLICATE_REQUIREMENT, field,
		                  "competency '%s' is listed twice for days that overlap",
		                  rec->requirements[i].competency);
	}
	care__free(repeat);
}

void care_check__role(care__check *c, const void *record)
{
	const care_role *rec = record;
	char field[64];
	keyed *keys = NULL;
	size_t i, n = 0;

	check_own_id(c, rec->id, 1);
	check_text(c, "title", rec->title, 1);
	check_enum(c, "staff_group", CARE_ENUM_STAFF_GROUP, (int)rec->staff_group, 1);
	check_bool(c, "patient_facing", rec->patient_facing);
	check_bool(c, "clinical", rec->clinical);
	if (rec->requirement_count > 0 && rec->requirements == NULL) {
		care_check__issue(c, CARE_ISSUE_REQUIRED, "requirements",
		                  "requirements are missing");
		return;
	}
	if (rec->requirement_count > 1)
		keys = care__malloc(rec->requirement_count * sizeof *keys);
	for (i = 0; i < rec->requirement_count; i++) {
		const care_requirement *r = &rec->requirements[i];
		int from_ok, to_ok;
		care_buf__indexed(field, sizeof field, "requirements", i, ".competency");
		if (check_id_syntax(c, field, r->competency, 1) && keys)
			keys[n++] = (keyed){r->competency, NULL, i};
		care_buf__indexed(field, sizeof field, "requirements", i, ".due_within_days");
		check_int(c, field, r->due_within_days, 0, 3650, 1);
		care_buf__indexed(field, sizeof field, "requirements", i, ".from");
		from_ok = check_date(c, field, r->from, 0, 0);
		care_buf__indexed(field, sizeof field, "requirements", i, ".to");
		to_ok = check_date(c, field, r->to, 0, 0);
		if (from_ok && to_ok && r->from != CARE_DATE_NONE)
			check_order(c, field, r->to, "from", r->from);
	}
	if (keys == NULL) {
		if (rec->requirement_count > 1)
			c->nomem = 1;
		return;
	}
	/* Sorted by competency, then list position (keyed_cmp's tie-break). */
	qsort(keys, n, sizeof *keys, keyed_cmp);
	check_repeats(c, rec, keys, n);
	care__free(keys);
}

void care_check__module(care__check *c, const void *record)
{
	const care_module *rec = record;
	check_own_id(c, rec->id, 1);
	check_text(c, "title", rec->title, 1);
	check_id_syntax(c, "competency", rec->competency, 0);
	check_int(c, "validity_months", rec->validity_months, 0, 600, 1);
	check_enum(c, "delivery", CARE_ENUM_DELIVERY, (int)rec->delivery, 1);
	check_int(c, "duration_minutes", rec->duration_minutes, 1, 10000, 0);
	check_number(c, "pass_mark", rec->pass_mark, 0, 100);
	if (rec->cost_pence != CARE_NONE)
		check_int(c, "cost_pence", rec->cost_pence, 0, INT64_MAX, 0);
	check_text(c, "provider", rec->provider, 0);
	check_text(c, "xapi_activity", rec->xapi_activity, 0);
}

/* outside-employment for one end of an assignment or exemption. */
static void check_inside(care__check *c, const char *field, care_date d, care_date started,
                         care_date left)
{
	char a[11];

	if (d == CARE_DATE_NONE || d == CARE__DATE_BAD || d < CARE_DATE_MIN || d > CARE_DATE_MAX)
		return;
	if (d < started || (left != CARE_DATE_NONE && d > left))
		care_check__issue(c, CARE_ISSUE_OUTSIDE_EMPLOYMENT, field,
		                  "%s %s lies outside employment (it is clipped to it)", field,
		                  care_date_format(a, d));
}

static int valid_date(care_date d)
{
	return d != CARE_DATE_NONE && d != CARE__DATE_BAD && d >= CARE_DATE_MIN &&
	       d <= CARE_DATE_MAX;
}

static void check_overlaps(care__check *c, const care_staff *rec)
{
	keyed *keys;
	size_t i, j, n = 0;
	char field[48];

	if (rec->assignment_count < 2)
		return;
	keys = care__malloc(rec->assignment_count * sizeof *keys);
	if (keys == NULL) {
		c->nomem = 1;
		return;
	}
	for (i = 0; i < rec->assignment_count; i++) {
		const care_assignment *as = &rec->assignments[i];
		if (as->role && as->role != CARE__BAD_STR && as->unit &&
		    as->unit != CARE__BAD_STR && valid_date(as->from) &&
		    (as->to == CARE_DATE_NONE || valid_date(as->to)))
			keys[n++] = (keyed){as->role, as->unit, i};
	}
	qsort(keys, n, sizeof *keys, keyed_cmp);
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n && strcmp(keys[i].a, keys[j].a) == 0 &&
		                strcmp(keys[i].b, keys[j].b) == 0;
		     j++) {
			const care_assignment *p = &rec->assignments[keys[i].pos];
			const care_assignment *q = &rec->assignments[keys[j].pos];
			care_date pto = p->to == CARE_DATE_NONE ? INT32_MAX : p->to;
			care_date qto = q->to == CARE_DATE_NONE ? INT32_MAX : q->to;
			size_t later = keys[j].pos, earlier = keys[i].pos;
			if (p->from <= qto && q->from <= pto) {
				care_buf__indexed(field, sizeof field, "assignments", later, "");
				care_check__issue(
				    c, CARE_ISSUE_OVERLAPPING_ASSIGNMENT, field,
				    "assignments[%zu] overlaps assignments[%zu] (same role "
				    "and unit)",
				    later, earlier);
			}
		}
	}
	care__free(keys);
}

/* field holds an item's path (at bytes of it, as care_buf__indexed made it): end it with
 * suffix instead of what it had. */
static const char *ending(char *field, size_t size, size_t at, const char *suffix)
{
	size_t n = strlen(suffix);

	if (at + n >= size)
		n = at < size ? size - 1 - at : 0;
	memcpy(field + at, suffix, n);
	field[at + n] = '\0';
	return field;
}

void care_check__staff(care__check *c, const void *record)
{
	const care_staff *rec = record;
	char field[64];
	size_t i;
	int started_ok, left_ok;

	check_own_id(c, rec->id, 1);
	check_text(c, "name", rec->name, 0);
	started_ok = check_date(c, "started_on", rec->started_on, 1, 1);
	left_ok = check_date(c, "left_on", rec->left_on, 0, 0);
	if (started_ok && left_ok)
		check_order(c, "left_on", rec->left_on, "started_on", rec->started_on);
	if (rec->assignment_count > 0 && rec->assignments == NULL)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "assignments", "assignments are missing");
	for (i = 0; rec->assignments && i < rec->assignment_count; i++) {
		const care_assignment *as = &rec->assignments[i];
		int from_ok, to_ok;
		size_t at;
		care_buf__indexed(field, sizeof field, "assignments", i, "");
		at = strlen(field);
		check_ref(c, ending(field, sizeof field, at, ".role"), CARE_KIND_ROLE, as->role, 1,
		          NULL);
		check_ref(c, ending(field, sizeof field, at, ".unit"), CARE_KIND_UNIT, as->unit, 1,
		          NULL);
		from_ok = check_date(c, ending(field, sizeof field, at, ".from"), as->from, 1, 1);
		if (from_ok && started_ok)
			check_inside(c, field, as->from, rec->started_on,
			             left_ok ? rec->left_on : CARE_DATE_NONE);
		to_ok = check_date(c, ending(field, sizeof field, at, ".to"), as->to, 0, 0);
		if (from_ok && to_ok)
			check_order(c, field, as->to, "from", as->from);
		if (to_ok && started_ok)
			check_inside(c, field, as->to, rec->started_on,
			             left_ok ? rec->left_on : CARE_DATE_NONE);
		if (check_id_syntax(c, ending(field, sizeof field, at, ".manager"), as->manager,
		                    0) &&
		    c->ds && !c->managers_later)
			care_check__manager(c, field, as->manager, rec->id);
	}
	if (rec->assignments)
		check_overlaps(c, rec);
	if (rec->exemption_count > 0 && rec->exemptions == NULL)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "exemptions", "exemptions are missing");
	for (i = 0; rec->exemptions && i < rec->exemption_count; i++) {
		const care_exemption *ex = &rec->exemptions[i];
		int from_ok, to_ok;
		size_t at;
		care_buf__indexed(field, sizeof field, "exemptions", i, "");
		at = strlen(field);
		check_id_syntax(c, ending(field, sizeof field, at, ".competency"), ex->competency,
		                1);
		from_ok = check_date(c, ending(field, sizeof field, at, ".from"), ex->from, 1, 1);
		if (from_ok && started_ok)
			check_inside(c, field, ex->from, rec->started_on,
			             left_ok ? rec->left_on : CARE_DATE_NONE);
		to_ok = check_date(c, ending(field, sizeof field, at, ".to"), ex->to, 0, 0);
		if (from_ok && to_ok)
			check_order(c, field, ex->to, "from", ex->from);
		if (to_ok && started_ok)
			check_inside(c, field, ex->to, rec->started_on,
			             left_ok ? rec->left_on : CARE_DATE_NONE);
		check_text(c, ending(field, sizeof field, at, ".reason"), ex->reason, 1);
	}
}

void care_check__completion(care__check *c, const void *record)
{
	const care_completion *rec = record;
	int outcome_ok, score_ok;

	/* An id-less completion is named by its generated id (c->id), which
	 * must be unique like any other. */
	if (rec->id != NULL)
		check_own_id(c, rec->id, 1);
	else if (c->id != NULL && c->ds != NULL)
		check_own_id(c, c->id, 1);
	if (!(c->refs_known & 1))
		check_ref(c, "staff", CARE_KIND_STAFF, rec->staff, 1, &c->staff);
	if (!(c->refs_known & 2))
		check_ref(c, "module", CARE_KIND_MODULE, rec->module, 1, &c->module);
	check_date(c, "completed_on", rec->completed_on, 1, 1);
	outcome_ok = check_enum(c, "outcome", CARE_ENUM_COMPLETION_OUTCOME, (int)rec->outcome, 1);
	score_ok = check_number(c, "score", rec->score, 0, 100);
	if (!(c->refs_known & 4))
		check_text(c, "source", rec->source, 0);
	if (outcome_ok && score_ok && rec->outcome == CARE_COMPLETION_PASSED &&
	    c->module != CARE__NO) {
		double mark = c->ds->modules[c->module].pass_mark;
		if (!isnan(mark) && rec->score < mark)
			care_check__issue(
			    c, CARE_ISSUE_SCORE_BELOW_PASS_MARK, "score",
			    "passed with score %g, below the pass mark %g of module '%s'",
			    rec->score, mark, rec->module);
	}
}

/* The NHS number check digit test (modulus 11). */
static int looks_like_nhs_number(const char *s)
{
	int sum = 0, i, check;

	for (i = 0; i < 10; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[10] != '\0')
		return 0;
	for (i = 0; i < 9; i++)
		sum += (s[i] - '0') * (10 - i);
	check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check != 10 && check == s[9] - '0';
}

static int valid_timestamp(const care_timestamp *t)
{
	return t->hour >= 0 && t->hour <= 23 && t->minute >= 0 && t->minute <= 59 &&
	       t->second >= 0 && t->second <= 60 && t->nanos >= 0 && t->nanos <= 999999999 &&
	       t->frac_digits >= 0 && t->frac_digits <= 9 && t->offset_minutes > -24 * 60 &&
	       t->offset_minutes < 24 * 60;
}

void care_check__interaction(care__check *c, const void *record)
{
	const care_interaction *rec = record;
	check_own_id(c, rec->id, 1);
	check_ref(c, "staff", CARE_KIND_STAFF, rec->staff, 1, &c->staff);
	if (rec->at.date != CARE__DATE_BAD && rec->at.date != CARE_DATE_NONE &&
	    !valid_timestamp(&rec->at))
		care_check__issue(c, CARE_ISSUE_BAD_DATE, "at", "at is not a valid timestamp");
	else
		check_date(c, "at", rec->at.date, 1, 1);
	check_enum(c, "channel", CARE_ENUM_CHANNEL, (int)rec->channel, 1);
	check_enum(c, "kind", CARE_ENUM_INTERACTION_KIND, (int)rec->kind, 1);
	check_enum(c, "outcome", CARE_ENUM_INTERACTION_OUTCOME, (int)rec->outcome, 1);
	check_int(c, "duration_seconds", rec->duration_seconds, 0, 86400, 0);
	check_id_syntax(c, "appointment_ref", rec->appointment_ref, 0);
	if (check_id_syntax(c, "patient_ref", rec->patient_ref, 0) &&
	    looks_like_nhs_number(rec->patient_ref))
		care_check__issue(c, CARE_ISSUE_LOOKS_LIKE_NHS_NUMBER, "patient_ref",
		                  "patient_ref looks like an NHS number: pseudonymise patient "
		                  "identifiers before they reach libcare");
	if (rec->specialty != CARE_NONE && rec->specialty != CARE__INT_BAD &&
	    (rec->specialty < 0 || rec->specialty > 999))
		care_check__issue(c, CARE_ISSUE_BAD_ENUM, "specialty",
		                  "specialty is not a three-digit treatment function code");
}

void care_check__complaint(care__check *c, const void *record)
{
	const care_complaint *rec = record;
	char field[32];
	size_t i;
	int received_ok;

	check_own_id(c, rec->id, 1);
	received_ok = check_date(c, "received_on", rec->received_on, 1, 1);
	if (check_date(c, "acknowledged_on", rec->acknowledged_on, 0, 1) && received_ok)
		check_order(c, "acknowledged_on", rec->acknowledged_on, "received_on",
		            rec->received_on);
	if (check_date(c, "closed_on", rec->closed_on, 0, 1) && received_ok)
		check_order(c, "closed_on", rec->closed_on, "received_on", rec->received_on);
	if ((rec->subjects & ~CARE__SUBJECTS_BAD) == 0) {
		if (!(rec->subjects & CARE__SUBJECTS_BAD))
			care_check__issue(c, CARE_ISSUE_REQUIRED, "subjects",
			                  "subjects must name at least one subject");
	} else if ((rec->subjects & ~CARE__SUBJECTS_BAD) >> care_enum_count(CARE_ENUM_SUBJECT)) {
		care_check__issue(c, CARE_ISSUE_BAD_ENUM, "subjects",
		                  "subjects has a value outside its list");
	}
	check_enum(c, "outcome", CARE_ENUM_COMPLAINT_OUTCOME, rec->outcome, 0);
	if (rec->closed_on != CARE_DATE_NONE && rec->outcome == CARE_NONE)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "outcome",
		                  "outcome is required when closed_on is given");
	if (rec->outcome != CARE_NONE && rec->closed_on == CARE_DATE_NONE)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "closed_on",
		                  "closed_on is required when outcome is given");
	if (rec->staff_count > 0 && rec->staff == NULL)
		care_check__issue(c, CARE_ISSUE_REQUIRED, "staff", "staff ids are missing");
	for (i = 0; rec->staff && i < rec->staff_count; i++) {
		care_buf__indexed(field, sizeof field, "staff", i, "");
		check_ref(c, field, CARE_KIND_STAFF, rec->staff[i], 1, NULL);
	}
	check_ref(c, "interaction", CARE_KIND_INTERACTION, rec->interaction, 0, &c->interaction);
}

void care_check__manager(care__check *c, const char *field, const char *manager, const char *self)
{
	uint32_t index;

	if (care_ids__owner(c->ds, CARE_KIND_STAFF, manager, &index) == 1 ||
	    (self && self != CARE__BAD_STR && strcmp(self, manager) == 0))
		return;
	care_check__issue(c, CARE_ISSUE_UNKNOWN_MANAGER, field,
	                  "manager '%s' is not a staff member of this dataset (the link is kept)",
	                  manager);
}
