/*
 * The record path of a load, shared by the dataset file and the CSV form (load_records.h).
 */
#include <stdio.h>
#include <string.h>

#include "io/load_records.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "core/enums.h"
#include "dataset/ids.h"

static void init_check(care__check *c, care__loader *ld, care_kind kind, long index)
{
	care_kinds__begin(c, ld->ds, ld->issues, kind, NULL, index);
}

void care_load__done(care__loader *ld)
{
	care_decode__scratch_free(&ld->scratch);
	care__free(ld->managed);
	ld->managed = NULL;
	ld->managed_count = ld->managed_cap = 0;
}

static void release(care__loader *ld, cJSON *tree)
{
	if (ld->release)
		ld->release(ld, tree);
	else
		cJSON_Delete(tree);
}

/* A rejected record still owns its id if it is the first to carry it. */
static int own_id(care__loader *ld, care_kind kind, const char *id)
{
	uint32_t ignored;

	if (id == NULL || !care_ids__valid(id))
		return 0;
	if (care_ids__owner(ld->ds, kind, id, &ignored) != 0) {
		/* Its check, deferred, did not say it is a duplicate. */
		if (kind == CARE_KIND_COMPLETION && ld->ds->deferring)
			ld->ds->deferred_clash = 1;
		return 0;
	}
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

int care_load__units(care__loader *ld, size_t n)
{
	size_t i;
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
		u[i].tree = ld->tree(ld, CARE_KIND_UNIT, i);
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
					                  "unit '%s' is its own ancestor",
					                  u[k].rec.id);
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
			care_check__issue(&c, CARE_ISSUE_DANGLING_REF, "parent",
			                  "there is no unit '%s'", parent);
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
			rc = ld->reject(ld, CARE_KIND_UNIT, i, u[i].tree);
			if (rc == 0 && u[i].rec.id != CARE__BAD_STR)
				rc = own_id(ld, CARE_KIND_UNIT, u[i].rec.id);
		}
	}
	for (i = 0; i < n && rc == 0; i++)
		if (u[i].state == 1 && u[i].owner_of_parent != CARE__NO)
			ld->ds->units[u[i].stored].parent = u[u[i].owner_of_parent].stored;
	for (i = 0; i < n; i++) {
		if (u[i].issues) {
			if (ld->place)
				ld->place(ld, CARE_KIND_UNIT, i, u[i].issues, 0);
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

static int note_managed(care__loader *ld, long index, int stored)
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
int care_load__managers(care__loader *ld)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < ld->managed_count && rc == 0; i++) {
		const struct care__managed *p = &ld->managed[i];
		care__check c;
		char field[64], buf[37];
		size_t first = care_issues_count(ld->issues);
		init_check(&c, ld, CARE_KIND_STAFF, (long)p->index);
		if (p->stored != CARE__NO) {
			const care__staff *s = &ld->ds->staff[p->stored];
			c.id = s->id;
			for (k = 0; k < s->assignment_count; k++) {
				const char *manager =
				    ld->ds->assignments[s->first_assignment + k].manager;
				if (manager == NULL)
					continue;
				care_buf__indexed(field, sizeof field, "assignments", k,
				                  ".manager");
				care_check__manager(&c, field, manager, s->id);
			}
		} else {
			/* A rejected record is kept as written: read its managers again. */
			care__record rec;
			cJSON *tree = ld->tree(ld, CARE_KIND_STAFF, p->index);
			care_issues *ignored = care_issues__new();
			if (tree == NULL || ignored == NULL) {
				if (tree)
					release(ld, tree);
				care_issues_free(ignored);
				return CARE_ENOMEM;
			}
			c.issues = ignored; /* the decode's issues were reported the first time */
			c.id = care_decode__issue_id(CARE_KIND_STAFF, tree, buf);
			rc = care_decode__record(&c, &ld->scratch, tree, &rec);
			c.issues = ld->issues;
			for (k = 0; rc == 0 && k < rec.staff.assignment_count; k++) {
				const char *manager = rec.staff.assignments[k].manager;
				if (manager == NULL || manager == CARE__BAD_STR ||
				    !care_ids__valid(manager))
					continue;
				care_buf__indexed(field, sizeof field, "assignments", k,
				                  ".manager");
				/* Its own id is not an accepted record's: no exception for self. */
				care_check__manager(&c, field, manager, NULL);
			}
			release(ld, tree);
			care_issues_free(ignored);
		}
		if (c.nomem)
			rc = CARE_ENOMEM;
		if (ld->place)
			ld->place(ld, CARE_KIND_STAFF, p->index, ld->issues, first);
	}
	ld->managed_count = 0;
	return rc;
}

/* Accept a decoded record (c->id and its hash set), and note its managers. */
static int accept(care__loader *ld, care__check *c, care__record *rec, size_t index, int *stored)
{
	int rc;

	c->managers_later = 1;
	rc = care_kinds__accept(c, rec, stored);
	if (rc == 0 && c->kind == CARE_KIND_STAFF && names_a_manager(&rec->staff))
		rc = note_managed(ld, (long)index, *stored);
	return rc;
}

/*
 * The end of a record's path: a rejected record is kept as written and owns its id (the
 * generated one of a completion written without one) if it is the first to carry it; its
 * issues from `first` on are placed.
 */
static int finish(care__loader *ld, care__check *c, size_t index, const cJSON *tree, int rc,
                  int stored, size_t first)
{
	if (rc == 0 && c->nomem)
		rc = CARE_ENOMEM;
	if (rc == 0 && !stored) {
		ld->errors++;
		rc = ld->reject(ld, c->kind, index, tree);
		if (rc == 0 && c->id)
			rc = own_id(ld, c->kind, c->id);
	}
	if (ld->place)
		ld->place(ld, c->kind, index, ld->issues, first);
	return rc;
}

int care_load__record(care__loader *ld, care_kind kind, size_t index)
{
	care__check c;
	care__record rec;
	char buf[37];
	cJSON *tree = ld->tree(ld, kind, index);
	size_t first = care_issues_count(ld->issues);
	int rc = 0, stored = 0;

	if (tree == NULL)
		return CARE_ENOMEM;
	init_check(&c, ld, kind, (long)index);
	c.id = care_decode__issue_id(kind, tree, buf);
	if (c.id != NULL && c.id != buf) {
		/* The hash of the id, made once for its duplicate check and its insert. */
		c.own_hash = ld->id_hint_set && ld->id_hint_index == index ? ld->id_hint
		                                                           : care_ids__hash(c.id);
		c.own_id = c.id;
	}
	if (!cJSON_IsObject(tree))
		/* Not a record at all: one type issue, nothing more to check. */
		care_check__issue(&c, CARE_ISSUE_TYPE, NULL, "the %s is not a JSON object",
		                  care_enums__kind_name(kind));
	else if ((rc = care_decode__record(&c, &ld->scratch, tree, &rec)) == 0)
		rc = accept(ld, &c, &rec, index, &stored);
	rc = finish(ld, &c, index, tree, rc, stored, first);
	release(ld, tree);
	return rc;
}

int care_load__parsed(care__loader *ld, care_kind kind, size_t index, const cJSON *tree,
                      const care__record *rec, const char *id, uint32_t hash)
{
	care__check c;
	care__record copy = *rec;
	size_t first = care_issues_count(ld->issues);
	int rc, stored = 0;

	init_check(&c, ld, kind, (long)index);
	c.id = id;
	if (id != NULL) {
		c.own_hash = hash;
		c.own_id = id;
	}
	rc = accept(ld, &c, &copy, index, &stored);
	return finish(ld, &c, index, tree, rc, stored, first);
}

int care_load__completion(care__loader *ld, size_t index, const care__direct *d)
{
	care__check c;
	care__record rec;
	char buf[37];
	size_t first = care_issues_count(ld->issues);
	int rc, stored = 0;

	init_check(&c, ld, CARE_KIND_COMPLETION, (long)index);
	rec.completion = d->rec;
	c.ascii = d->ascii;
	c.is_uuid = d->is_uuid;
	c.uuid = d->uuid;
	if (d->rec.id != NULL) {
		c.own_id_valid = d->id_valid;
		c.id = c.own_id = d->rec.id;
		c.own_hash = ld->id_hint_set && ld->id_hint_index == index
		                 ? ld->id_hint
		                 : care_strtab__hash(c.id, d->id_len);
	} else {
		/* Issues name it by its generated id, from the four fields as written. */
		c.id = care_completion_make_id(buf, d->rec.staff, d->rec.module, d->date_text,
		                               d->outcome_text) == 0
		           ? buf
		           : NULL;
	}
	/* The same person or module as the completion before: found already. */
	if (ld->refs_index == index && index > 0) {
		if (d->same_staff && ld->refs_staff != CARE__NO) {
			c.staff = ld->refs_staff;
			c.refs_known |= 1;
		}
		if (d->same_module && ld->refs_module != CARE__NO) {
			c.module = ld->refs_module;
			c.refs_known |= 2;
		}
		if (d->same_source && ld->refs_source != CARE__NO) {
			c.source = ld->refs_source;
			c.refs_known |= 4;
		}
	}
	/* A source the dataset stored lately (a list moves between a few): its text was checked
	 * when it was first stored. */
	if (!(c.refs_known & 4) && d->rec.source != NULL &&
	    (c.source = care_intern__recent(&ld->ds->sources, d->rec.source)) != CARE__NO)
		c.refs_known |= 4;
	rc = accept(ld, &c, &rec, index, &stored);
	ld->refs_index = index + 1;
	ld->refs_staff = c.staff;
	ld->refs_module = c.module;
	/* The source's number, as the insert stored it. */
	ld->refs_source =
	    stored && d->rec.source != NULL
	        ? care__number(&ld->ds->completions.source, ld->ds->completions.count - 1)
	        : CARE__NO;
	return finish(ld, &c, index, NULL, rc, stored, first);
}

/* ---- the header ---- */

/* A text of the organisation, checked as the header's own field. */
static const char *org_text(care__check *c, const cJSON *org, const char *name, const char *path)
{
	const char *v = care_decode__text(c, org, name, path);

	if (v && v != CARE__BAD_STR && !care_utf8__valid(v, strlen(v), 1024)) {
		care_check__issue(c, CARE_ISSUE_BAD_TEXT, path,
		                  "%s is not valid UTF-8 of at most 1024 bytes", path);
		return NULL;
	}
	return v == CARE__BAD_STR ? NULL : v;
}

/*
 * A date given as a bare value, read through the field decoder (which reads members): the
 * value is seen as the one member of an object built on the stack (nothing to allocate).
 */
static care_date bare_date(care__check *c, const cJSON *value, const char *path)
{
	cJSON holder, item;

	memset(&holder, 0, sizeof holder);
	item = *value;
	item.next = item.prev = NULL;
	item.string = (char *)"d";
	holder.type = cJSON_Object;
	holder.child = &item;
	return care_decode__date(c, &holder, "d", path);
}

int care_load__header(care__loader *ld, const cJSON *organisation, const cJSON *extracted_on,
                      const cJSON *days)
{
	static const char *const org_known[] = {"ods_code", "name", NULL};
	care__check c;
	int rc;
	size_t i;

	init_check(&c, ld, CARE_KIND_DATASET, -1);
	c.ds = NULL;
	if (organisation && !cJSON_IsNull(organisation)) {
		if (!cJSON_IsObject(organisation)) {
			care_check__issue(&c, CARE_ISSUE_TYPE, "organisation",
			                  "organisation must be an object");
		} else {
			const char *ods =
			    org_text(&c, organisation, "ods_code", "organisation.ods_code");
			const char *name = org_text(&c, organisation, "name", "organisation.name");
			if (care_decode__unknown(&c, &ld->scratch, organisation, org_known,
			                         "organisation") ||
			    care_dataset_set_header(ld->ds, ods, name, CARE_DATE_NONE) != 0)
				return CARE_ENOMEM;
		}
	}
	if (extracted_on && !cJSON_IsNull(extracted_on)) {
		care_date d = bare_date(&c, extracted_on, "extracted_on");
		if (d != CARE__DATE_BAD && d != CARE_DATE_NONE)
			ld->ds->extracted_on = d;
	}
	if (days && !cJSON_IsNull(days)) {
		const cJSON *v;
		if (!cJSON_IsArray(days))
			care_check__issue(&c, CARE_ISSUE_TYPE, "extra_non_working_days",
			                  "extra_non_working_days must be a list of dates");
		i = 0;
		for (v = cJSON_IsArray(days) ? days->child : NULL; v; v = v->next) {
			char path[48];
			care_date d;
			snprintf(path, sizeof path, "extra_non_working_days[%zu]", i++);
			d = cJSON_IsNull(v) ? CARE_DATE_NONE : bare_date(&c, v, path);
			if (d == CARE_DATE_NONE) {
				care_check__issue(&c, CARE_ISSUE_TYPE, path,
				                  "%s must be a date string", path);
			} else if (d != CARE__DATE_BAD &&
			           (rc = care_dataset_add_non_working_day(ld->ds, d)) != 0) {
				return rc;
			}
		}
	}
	ld->errors += c.errors;
	return c.nomem ? CARE_ENOMEM : 0;
}
