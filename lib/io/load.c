/*
 * Loading the dataset file (docs/model.md, docs/validation.md): the strict scan, the header,
 * then each list in the order of docs/model.md, record by record.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "io/json_decode.h"
#include "io/json_scan.h"
#include "util/alloc.h"
#include "util/error.h"
#include "core/enums.h"
#include "util/file.h"
#include "util/utf8.h"
#include "dataset/ids.h"

typedef struct loader {
	const char *text;
	care_dataset *ds;
	care_issues *issues;
	care__scratch scratch;
	int errors;
	int nomem;
	/* Staff records that name a manager: list position and stored index
	 * (CARE__NO when rejected), checked once the whole list is in. */
	struct managed {
		uint32_t index, stored;
	} *managed;
	size_t managed_count, managed_cap;
} loader;


static cJSON *parse_span(const loader *ld, const care__json_span *span)
{
	/* The scan has checked the syntax, so a NULL here is out of memory. */
	return care_decode__parse(ld->text + span->start, span->end - span->start);
}

static void init_check(care__check *c, loader *ld, care_kind kind, long index)
{
	care_kinds__begin(c, ld->ds, ld->issues, kind, NULL, index);
}

static int keep_rejected(loader *ld, care_kind kind, const care__json_span *span)
{
	care_dataset *ds = ld->ds;
	const char *text;

	if (care__grow((void **)&ds->rejected[kind], &ds->rejected_cap[kind],
	               ds->rejected_count[kind] + 1, sizeof(care__rejected)) != 0)
		return CARE_ENOMEM;
	text = care_arena__strndup(&ds->arena, ld->text + span->start, span->end - span->start);
	if (text == NULL)
		return CARE_ENOMEM;
	ds->rejected[kind][ds->rejected_count[kind]].text = text;
	ds->rejected[kind][ds->rejected_count[kind]].len = span->end - span->start;
	ds->rejected_count[kind]++;
	return 0;
}

/* A rejected record still owns its id if it is the first to carry it. */
static int own_id(loader *ld, care_kind kind, const char *id)
{
	uint32_t ignored;

	if (id == NULL || !care_ids__valid(id) || care_ids__owner(ld->ds, kind, id, &ignored) != 0)
		return 0;
	return care_ids__own_rejected(ld->ds, kind, id);
}

/* ---- units: parents may come later in the list, and may form cycles ---- */

typedef struct unit_entry {
	cJSON *tree;
	union {
		care__record record;
		care_unit rec;
	};
	care_issues *issues;      /* this unit's issues, merged in list order at the end */
	uint32_t owner_of_parent; /* list position of the parent's owner, or CARE__NO */
	int errors;
	int state; /* 0 unknown, 1 accepted, 2 rejected */
	uint32_t stored;
} unit_entry;

static int load_units(loader *ld, const care__json_member *m)
{
	size_t n = m ? m->element_count : 0, i;
	unit_entry *u;
	care__intern owners = {0};
	uint32_t *owner_pos = NULL;
	size_t owner_cap = 0;
	int rc = 0;

	if (n == 0)
		return 0;
	u = care__calloc(n, sizeof *u);
	if (u == NULL)
		return CARE_ENOMEM;
	/* Pass 1: decode and check each unit on its own; the first unit with a
	 * valid id owns it. */
	for (i = 0; i < n && rc == 0; i++) {
		care__check c;
		char buf[37];
		uint32_t slot;
		init_check(&c, ld, CARE_KIND_UNIT, (long)i);
		u[i].issues = c.issues = care_issues__new();
		u[i].tree = parse_span(ld, &m->elements[i]);
		u[i].owner_of_parent = CARE__NO;
		if (c.issues == NULL || u[i].tree == NULL) {
			rc = CARE_ENOMEM;
			break;
		}
		c.id = care_decode__issue_id(CARE_KIND_UNIT, u[i].tree, buf);
		c.kind = CARE_KIND_UNIT;
		if ((rc = care_decode__record(&c, &ld->scratch, u[i].tree, &u[i].record)) != 0)
			break;
		/* Parents are resolved below: they may come later in the list. */
		c.parent_resolved = 1;
		if (cJSON_IsObject(u[i].tree))
			care_kinds__ops(CARE_KIND_UNIT)->check(&c, &u[i].rec);
		if (c.nomem) {
			rc = CARE_ENOMEM;
			break;
		}
		if (u[i].rec.id && u[i].rec.id != CARE__BAD_STR && care_ids__valid(u[i].rec.id)) {
			size_t before = owners.count;
			if (care_intern__add(&owners, &ld->ds->arena, u[i].rec.id, &slot) != 0 ||
			    care__grow((void **)&owner_pos, &owner_cap, owners.count,
			               sizeof *owner_pos) != 0) {
				rc = CARE_ENOMEM;
				break;
			}
			if (owners.count > before)
				owner_pos[slot] = (uint32_t)i;
			else
				care_check__issue(&c, CARE_ISSUE_DUPLICATE_ID, "id",
				             "another unit has the id '%s'", u[i].rec.id);
		}
		u[i].errors = c.errors;
	}
	/* Pass 2: resolve parents. */
	for (i = 0; i < n && rc == 0; i++) {
		const char *p = u[i].rec.parent;
		if (p && p != CARE__BAD_STR && care_ids__valid(p)) {
			uint32_t slot = care_intern__find(&owners, p);
			if (slot != CARE__NO)
				u[i].owner_of_parent = owner_pos[slot];
		}
	}
	/* Pass 3: cycles. Follow parents from each unit; a walk that meets a
	 * unit of its own walk has found a cycle, whose members are rejected
	 * with unit-cycle (and no dangling-ref). */
	if (rc == 0) {
		uint32_t *mark = care__calloc(n, sizeof *mark);
		if (mark == NULL)
			rc = CARE_ENOMEM;
		for (i = 0; i < n && rc == 0; i++) {
			uint32_t j = (uint32_t)i, walk = (uint32_t)i + 1;
			while (j != CARE__NO && mark[j] == 0) {
				mark[j] = walk;
				j = u[j].owner_of_parent;
			}
			if (j != CARE__NO && mark[j] == walk) {
				uint32_t k = j;
				do {
					care__check c;
					char buf[37];
					init_check(&c, ld, CARE_KIND_UNIT, (long)k);
					c.issues = u[k].issues;
					c.id =
					    care_decode__issue_id(CARE_KIND_UNIT, u[k].tree, buf);
					care_check__issue(&c, CARE_ISSUE_UNIT_CYCLE, "parent",
					             "unit '%s' is its own ancestor", u[k].rec.id);
					u[k].errors++;
					u[k].state = 3; /* on a cycle */
					k = u[k].owner_of_parent;
				} while (k != j);
			}
		}
		care__free(mark);
	}
	/* Pass 4: decide. A unit is accepted when it has no error of its own
	 * and its parent, if it names one, is accepted. Chains are walked
	 * upwards to a decided unit and decided back down (cycles are already
	 * decided, so every walk ends). */
	for (i = 0; i < n && rc == 0; i++)
		if (u[i].state == 0 && u[i].errors)
			u[i].state = 2;
	for (i = 0; i < n && rc == 0; i++) {
		uint32_t j, top;
		/* Find the highest undecided unit on i's chain, decide it, and
		 * repeat until i itself is decided. */
		while (u[i].state == 0) {
			j = (uint32_t)i;
			while (u[j].owner_of_parent != CARE__NO &&
			       u[u[j].owner_of_parent].state == 0)
				j = u[j].owner_of_parent;
			top = u[j].owner_of_parent;
			if (u[j].rec.parent == NULL)
				u[j].state = 1;
			else
				u[j].state = (top != CARE__NO && u[top].state == 1) ? 1 : 2;
		}
	}
	/* One dangling-ref per unit whose parent is missing or rejected (units
	 * on a cycle have their unit-cycle instead). */
	for (i = 0; i < n && rc == 0; i++) {
		uint32_t p = u[i].owner_of_parent;
		const char *parent = u[i].rec.parent;
		care__check c;
		char buf[37];
		if (u[i].state == 3 || parent == NULL || parent == CARE__BAD_STR ||
		    !care_ids__valid(parent) || (p != CARE__NO && u[p].state == 1))
			continue;
		init_check(&c, ld, CARE_KIND_UNIT, (long)i);
		c.issues = u[i].issues;
		c.id = care_decode__issue_id(CARE_KIND_UNIT, u[i].tree, buf);
		if (p == CARE__NO)
			care_check__issue(&c, CARE_ISSUE_DANGLING_REF, "parent", "there is no unit '%s'",
			             parent);
		else
			care_check__issue(&c, CARE_ISSUE_DANGLING_REF, "parent",
			             "unit '%s' was rejected", parent);
	}
	/* Store: accepted units in list order, then their parents. */
	for (i = 0; i < n && rc == 0; i++) {
		if (u[i].state == 1) {
			u[i].stored = (uint32_t)ld->ds->unit_count;
			care__check c;
			init_check(&c, ld, CARE_KIND_UNIT, (long)i);
			rc = care_kinds__ops(CARE_KIND_UNIT)->insert(ld->ds, &u[i].rec, &c);
		} else {
			ld->errors++;
			rc = keep_rejected(ld, CARE_KIND_UNIT, &m->elements[i]);
			if (rc == 0 && u[i].rec.id != CARE__BAD_STR)
				rc = own_id(ld, CARE_KIND_UNIT, u[i].rec.id);
		}
	}
	for (i = 0; i < n && rc == 0; i++)
		if (u[i].state == 1 && u[i].owner_of_parent != CARE__NO)
			ld->ds->units[u[i].stored].parent = u[u[i].owner_of_parent].stored;
	for (i = 0; i < n; i++) {
		if (u[i].issues) {
			care_issues__append(ld->issues, u[i].issues);
			care_issues_free(u[i].issues);
		}
		cJSON_Delete(u[i].tree);
	}
	care__free(u);
	care__free(owner_pos);
	care_intern__free(&owners);
	return rc;
}

/* ---- the other kinds, one record at a time ---- */

static int names_a_manager(const care_staff *rec)
{
	size_t i;

	for (i = 0; rec->assignments && i < rec->assignment_count; i++) {
		const char *m = rec->assignments[i].manager;
		if (m && m != CARE__BAD_STR && care_ids__valid(m))
			return 1;
	}
	return 0;
}

static int note_managed(loader *ld, long index, int stored)
{
	if (care__grow((void **)&ld->managed, &ld->managed_cap, ld->managed_count + 1,
	               sizeof *ld->managed) != 0)
		return CARE_ENOMEM;
	ld->managed[ld->managed_count].index = (uint32_t)index;
	ld->managed[ld->managed_count].stored =
	    stored ? (uint32_t)(ld->ds->staff_count - 1) : CARE__NO;
	ld->managed_count++;
	return 0;
}

/*
 * unknown-manager, for every staff record (accepted or not) whose manager
 * is no accepted staff record. Run when the whole staff list is in, since
 * a manager may come later in the list than the people they manage.
 */
static int check_managers(loader *ld, const care__json_member *m)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < ld->managed_count && rc == 0; i++) {
		const struct managed *p = &ld->managed[i];
		care__check c;
		char field[64], buf[37];
		init_check(&c, ld, CARE_KIND_STAFF, (long)p->index);
		if (p->stored != CARE__NO) {
			const care__staff *s = &ld->ds->staff[p->stored];
			c.id = s->id;
			for (k = 0; k < s->assignment_count; k++) {
				const char *manager = ld->ds->assignments[s->first_assignment + k].manager;
				if (manager == NULL)
					continue;
				snprintf(field, sizeof field, "assignments[%zu].manager", k);
				care_check__manager(&c, field, manager, s->id);
			}
		} else {
			/* A rejected record is kept as written: read its managers again. */
			care__record rec;
			cJSON *tree = parse_span(ld, &m->elements[p->index]);
			care_issues *ignored = care_issues__new();
			if (tree == NULL || ignored == NULL) {
				cJSON_Delete(tree);
				care_issues_free(ignored);
				return CARE_ENOMEM;
			}
			c.issues = ignored; /* the decode's issues were reported the first time */
			c.id = care_decode__issue_id(CARE_KIND_STAFF, tree, buf);
			rc = care_decode__record(&c, &ld->scratch, tree, &rec);
			c.issues = ld->issues;
			for (k = 0; rc == 0 && k < rec.staff.assignment_count; k++) {
				const char *manager = rec.staff.assignments[k].manager;
				if (manager == NULL || manager == CARE__BAD_STR || !care_ids__valid(manager))
					continue;
				snprintf(field, sizeof field, "assignments[%zu].manager", k);
				/* Its own id is not an accepted record's: no exception for self. */
				care_check__manager(&c, field, manager, NULL);
			}
			cJSON_Delete(tree);
			care_issues_free(ignored);
		}
		if (c.nomem)
			rc = CARE_ENOMEM;
	}
	ld->managed_count = 0;
	return rc;
}

static int load_record(loader *ld, care_kind kind, const care__json_span *span, long index)
{
	care__check c;
	care__record rec;
	char buf[37];
	cJSON *tree = parse_span(ld, span);
	int rc = 0, stored = 0;

	if (tree == NULL)
		return CARE_ENOMEM;
	init_check(&c, ld, kind, index);
	c.id = care_decode__issue_id(kind, tree, buf);
	if (!cJSON_IsObject(tree))
		/* Not a record at all: one type issue, nothing more to check. */
		care_check__issue(&c, CARE_ISSUE_TYPE, NULL, "the %s is not a JSON object",
		                  care_enums__kind_name(kind));
	else if ((rc = care_decode__record(&c, &ld->scratch, tree, &rec)) == 0) {
		c.managers_later = 1;
		rc = care_kinds__accept(&c, &rec, &stored);
		if (rc == 0 && kind == CARE_KIND_STAFF && names_a_manager(&rec.staff))
			rc = note_managed(ld, index, stored);
	}
	if (rc == 0 && c.nomem)
		rc = CARE_ENOMEM;
	if (rc == 0 && !stored) {
		ld->errors++;
		rc = keep_rejected(ld, kind, span);
		if (rc == 0 && c.id && c.id != buf)
			rc = own_id(ld, kind, c.id);
		else if (rc == 0 && c.id == buf && kind == CARE_KIND_COMPLETION)
			rc = own_id(ld, kind, buf);
	}
	cJSON_Delete(tree);
	return rc;
}

/* ---- the header ---- */

static void dataset_issue(loader *ld, care_issue_code code, const char *field, const char *msg)
{
	ld->errors +=
	    care_issues__add(ld->issues, code, CARE_KIND_DATASET, NULL, -1, field, 0, 0, "%s", msg);
}

static const care__json_member *find_member(const care__json_doc *doc, const char *name)
{
	size_t i;

	for (i = 0; i < doc->member_count; i++)
		if (doc->members[i].key_len == strlen(name) &&
		    strcmp(doc->members[i].key, name) == 0)
			return &doc->members[i];
	return NULL;
}

static int check_format(loader *ld, const care__json_doc *doc)
{
	const care__json_member *f = find_member(doc, "format"), *v = find_member(doc, "version");
	static const char magic[] = "\"libcare-dataset\"";

	if (doc->top_type != CARE__JSON_OBJECT) {
		dataset_issue(ld, CARE_ISSUE_FORMAT, NULL, "the top level is not a JSON object");
		return CARE_EFORMAT;
	}
	if (f == NULL || f->value.end - f->value.start != sizeof magic - 1 ||
	    memcmp(ld->text + f->value.start, magic, sizeof magic - 1) != 0) {
		/* The scan keeps strings as written; an escaped spelling of the
		 * magic is decoded and compared too. */
		int ok = 0;
		if (f && f->value.type == CARE__JSON_STRING) {
			cJSON *t = parse_span(ld, &f->value);
			if (t == NULL)
				return CARE_ENOMEM;
			ok = strcmp(t->valuestring, "libcare-dataset") == 0;
			cJSON_Delete(t);
		}
		if (!ok) {
			dataset_issue(ld, CARE_ISSUE_FORMAT, "format",
			              f ? "format is not \"libcare-dataset\""
			                : "format is missing");
			return CARE_EFORMAT;
		}
	}
	if (v == NULL || v->value.type != CARE__JSON_NUMBER) {
		dataset_issue(ld, CARE_ISSUE_FORMAT, "version",
		              v ? "version is not a number" : "version is missing");
		return CARE_EFORMAT;
	} else {
		cJSON *t = parse_span(ld, &v->value);
		int ok;
		if (t == NULL)
			return CARE_ENOMEM;
		ok = t->valuedouble == 1.0;
		cJSON_Delete(t);
		if (!ok) {
			dataset_issue(ld, CARE_ISSUE_FORMAT, "version",
			              "version is not 1, the only version this library reads");
			return CARE_EFORMAT;
		}
	}
	return 0;
}

static int load_header(loader *ld, const care__json_doc *doc)
{
	static const char *const known[] = {"format",
	                                    "version",
	                                    "organisation",
	                                    "extracted_on",
	                                    "extra_non_working_days",
	                                    "units",
	                                    "roles",
	                                    "modules",
	                                    "staff",
	                                    "completions",
	                                    "interactions",
	                                    "complaints",
	                                    NULL};
	static const char *const org_known[] = {"ods_code", "name", NULL};
	const care__json_member *m;
	care__check c;
	size_t i;
	int rc;

	init_check(&c, ld, CARE_KIND_DATASET, -1);
	c.ds = NULL;
	for (i = 0; i < doc->member_count; i++) {
		const char *const *k;
		for (k = known; *k && strcmp(*k, doc->members[i].key) != 0; k++)
			;
		if (*k == NULL || doc->members[i].key_len != strlen(doc->members[i].key)) {
			char path[80];
			snprintf(path, sizeof path, "%.64s", doc->members[i].key);
			care_check__issue(&c, CARE_ISSUE_UNKNOWN_FIELD, path,
			             "unknown field %s (ignored)", path);
		}
	}
	m = find_member(doc, "organisation");
	if (m && m->value.type != CARE__JSON_NULL) {
		cJSON *t = parse_span(ld, &m->value);
		if (t == NULL)
			return CARE_ENOMEM;
		if (!cJSON_IsObject(t)) {
			care_check__issue(&c, CARE_ISSUE_TYPE, "organisation",
			             "organisation must be an object");
		} else {
			const char *ods =
			    care_decode__text(&c, t, "ods_code", "organisation.ods_code");
			const char *name = care_decode__text(&c, t, "name", "organisation.name");
			if (ods && ods != CARE__BAD_STR &&
			    !care_utf8__valid(ods, strlen(ods), 1024)) {
				care_check__issue(&c, CARE_ISSUE_BAD_TEXT, "organisation.ods_code",
				             "organisation.ods_code is not valid UTF-8 of at most "
				             "1024 bytes");
				ods = NULL;
			}
			if (name && name != CARE__BAD_STR &&
			    !care_utf8__valid(name, strlen(name), 1024)) {
				care_check__issue(
				    &c, CARE_ISSUE_BAD_TEXT, "organisation.name",
				    "organisation.name is not valid UTF-8 of at most 1024 bytes");
				name = NULL;
			}
			if (care_decode__unknown(&c, &ld->scratch, t, org_known, "organisation") ||
			    care_dataset_set_header(ld->ds, ods == CARE__BAD_STR ? NULL : ods,
			                            name == CARE__BAD_STR ? NULL : name,
			                            CARE_DATE_NONE) != 0) {
				cJSON_Delete(t);
				return CARE_ENOMEM;
			}
		}
		cJSON_Delete(t);
	}
	m = find_member(doc, "extracted_on");
	if (m && m->value.type != CARE__JSON_NULL) {
		/* Wrap the value so the field decoder can read it as a member. */
		cJSON *t = cJSON_CreateObject(), *v = parse_span(ld, &m->value);
		care_date d;
		if (t == NULL || v == NULL) {
			cJSON_Delete(t);
			cJSON_Delete(v);
			return CARE_ENOMEM;
		}
		if (!cJSON_AddItemToObject(t, "extracted_on", v)) {
			cJSON_Delete(t);
			cJSON_Delete(v);
			return CARE_ENOMEM;
		}
		d = care_decode__date(&c, t, "extracted_on", "extracted_on");
		if (d != CARE__DATE_BAD && d != CARE_DATE_NONE)
			ld->ds->extracted_on = d;
		cJSON_Delete(t);
	}
	m = find_member(doc, "extra_non_working_days");
	if (m && m->value.type != CARE__JSON_NULL) {
		if (m->value.type != CARE__JSON_ARRAY) {
			care_check__issue(&c, CARE_ISSUE_TYPE, "extra_non_working_days",
			             "extra_non_working_days must be a list of dates");
		}
		for (i = 0; i < m->element_count; i++) {
			char path[48];
			cJSON *t = cJSON_CreateObject(), *v = parse_span(ld, &m->elements[i]);
			care_date d;
			if (t == NULL || v == NULL) {
				cJSON_Delete(t);
				cJSON_Delete(v);
				return CARE_ENOMEM;
			}
			if (!cJSON_AddItemToObject(t, "d", v)) {
				cJSON_Delete(t);
				cJSON_Delete(v);
				return CARE_ENOMEM;
			}
			snprintf(path, sizeof path, "extra_non_working_days[%zu]", i);
			d = care_decode__date(&c, t, "d", path);
			cJSON_Delete(t);
			if (d == CARE_DATE_NONE) {
				care_check__issue(&c, CARE_ISSUE_TYPE, path, "%s must be a date string",
				             path);
			} else if (d != CARE__DATE_BAD &&
			           (rc = care_dataset_add_non_working_day(ld->ds, d)) != 0) {
				return rc;
			}
		}
	}
	for (i = CARE_KIND_UNIT; i < CARE_KIND_COUNT; i++) {
		m = find_member(doc, care_kinds__ops((care_kind)i)->list);
		if (m && m->value.type != CARE__JSON_ARRAY && m->value.type != CARE__JSON_NULL) {
			char msg[64];
			snprintf(msg, sizeof msg, "%s must be a list", care_kinds__ops((care_kind)i)->list);
			care_check__issue(&c, CARE_ISSUE_TYPE, care_kinds__ops((care_kind)i)->list, "%s", msg);
		}
	}
	ld->errors += c.errors;
	return 0;
}

/* ---- the entry points ---- */

static int load(care_dataset **out, care_issues **issues_out, const char *text, size_t len,
                const care_load_options *opts, const char *name)
{
	loader ld;
	care__json_doc doc = {0};
	long line = 0, column = 0;
	const char *reason = NULL;
	int rc, strict = 0;
	size_t k, i;

	*out = NULL;
	if (issues_out)
		*issues_out = NULL;
	if (opts != NULL) {
		if (opts->version < 1 || opts->version > CARE_LOAD_OPTIONS_VERSION)
			return care__error(CARE_EINVAL, "unsupported care_load_options version %u",
			                   opts->version);
		strict = opts->strict != 0;
	}
	memset(&ld, 0, sizeof ld);
	ld.text = text;
	ld.issues = care_issues__new();
	if (ld.issues == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	rc = care_json__scan(&doc, text, len, &line, &column, &reason);
	if (rc == CARE_ESYNTAX) {
		care_issues__add(ld.issues, CARE_ISSUE_SYNTAX, CARE_KIND_DATASET, NULL, -1, NULL,
		                 line, column, "line %ld, column %ld: %s", line, column, reason);
		care__error(CARE_ESYNTAX, "%s: line %ld, column %ld: %s", name, line, column,
		            reason);
		goto done;
	}
	if (rc != 0)
		goto nomem;
	rc = check_format(&ld, &doc);
	if (rc == CARE_EFORMAT) {
		care__error(CARE_EFORMAT, "%s: %s", name,
		            care_issues_get(ld.issues, 0) ? care_issues_get(ld.issues, 0)->message
		                                          : "not a libcare dataset");
		goto done;
	}
	if (rc != 0 || care_dataset_new(&ld.ds) != 0)
		goto nomem;
	if ((rc = load_header(&ld, &doc)) != 0)
		goto nomem;
	if ((rc = load_units(&ld, find_member(&doc, "units"))) != 0)
		goto nomem;
	for (k = CARE_KIND_ROLE; k < CARE_KIND_COUNT; k++) {
		const care__json_member *m = find_member(&doc, care_kinds__ops((care_kind)k)->list);
		if (m == NULL || m->value.type != CARE__JSON_ARRAY)
			continue;
		if (m->element_count >= CARE__NO - 1) {
			rc = care__error(CARE_EINVAL, "%s: too many %s", name, care_kinds__ops((care_kind)k)->list);
			goto done;
		}
		if (k != CARE_KIND_UNIT &&
		    care_dataset_reserve(ld.ds, (care_kind)k, m->element_count))
			goto nomem;
		for (i = 0; i < m->element_count; i++) {
			if ((rc = load_record(&ld, (care_kind)k, &m->elements[i], (long)i)) != 0)
				goto nomem;
			/* Progress by bytes of the file, every 4096 records. */
			if (opts && opts->progress && (i & 4095) == 4095)
				opts->progress(opts->progress_data, (double)m->elements[i].end /
				                                        (double)(len ? len : 1));
		}
		if (k == CARE_KIND_STAFF && (rc = check_managers(&ld, m)) != 0)
			goto nomem;
	}
	if (care_issues__failed(ld.issues))
		goto nomem;
	if (strict && care_issues_errors(ld.issues) > 0) {
		rc = care__error(CARE_EINVALID, "%s: %zu error%s (strict load)", name,
		                 care_issues_errors(ld.issues),
		                 care_issues_errors(ld.issues) == 1 ? "" : "s");
		goto done;
	}
	if ((rc = care_dataset_seal(ld.ds)) != 0)
		goto nomem;
	if (opts && opts->progress)
		opts->progress(opts->progress_data, 1.0);
	*out = ld.ds;
	ld.ds = NULL;
	rc = 0;
	goto done;
nomem:
	care_dataset_free(ld.ds);
	ld.ds = NULL;
	care_issues_free(ld.issues);
	ld.issues = NULL;
	rc = care__error(CARE_ENOMEM, "%s: out of memory", name);
done:
	care_dataset_free(ld.ds);
	care_json__doc_free(&doc);
	care_decode__scratch_free(&ld.scratch);
	care__free(ld.managed);
	if (issues_out)
		*issues_out = ld.issues;
	else
		care_issues_free(ld.issues);
	return rc;
}

int care_load_options_init(care_load_options *opts, unsigned int version)
{
	static const care_load_options defaults = CARE_LOAD_OPTIONS_INIT;

	if (opts == NULL || version < 1 || version > CARE_LOAD_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "care_load_options_init: bad argument");
	/* A version 1 struct ends before max_bytes: write no further. */
	memcpy(opts, &defaults, version == 1 ? offsetof(care_load_options, max_bytes) : sizeof *opts);
	opts->version = version;
	return 0;
}

int care_dataset_load_buffer(care_dataset **out, care_issues **issues, const char *data, size_t len,
                             const care_load_options *opts)
{
	if (issues)
		*issues = NULL;
	if (out == NULL || (data == NULL && len > 0))
		return care__error(CARE_EINVAL, "care_dataset_load_buffer: bad argument");
	return load(out, issues, data ? data : "", len, opts, "(buffer)");
}

int care_dataset_load_file(care_dataset **out, care_issues **issues, const char *path,
                           const care_load_options *opts)
{
	char *text;
	size_t len;
	int rc;

	if (issues)
		*issues = NULL;
	if (out == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_load_file: bad argument");
	*out = NULL;
	rc = care_file__read(&text, &len, path,
	                     opts && opts->version >= 2 ? opts->max_bytes : CARE_LOAD_MAX_BYTES);
	if (rc != 0) {
		if (issues && rc == CARE_EIO)
			*issues = care_issues__new();
		return rc;
	}
	rc = load(out, issues, text, len, opts, path);
	care__free(text);
	return rc;
}

