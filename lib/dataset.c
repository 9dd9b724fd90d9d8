/*
 * The dataset: storage, id indexes, and the add functions of dataset.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <uuid/uuid.h>

#include "check.h"

/* ---- string arena ---- */

struct care__arena_block {
	care__arena_block *next;
	char data[];
};

#define ARENA_BLOCK 65536

const char *care__arena_strndup(care__arena *a, const char *s, size_t len)
{
	char *p;

	if (a->head == NULL || a->size - a->used < len + 1) {
		int big = len + 1 > ARENA_BLOCK / 4;
		size_t size = big ? len + 1 : ARENA_BLOCK;
		care__arena_block *b = care__malloc(sizeof *b + size);
		if (b == NULL)
			return NULL;
		a->total += sizeof *b + size;
		if (big && a->head != NULL) {
			/* A big string gets a block of its own, kept behind the head
			 * so the head's free space is not wasted. */
			b->next = a->head->next;
			a->head->next = b;
			memcpy(b->data, s, len);
			b->data[len] = '\0';
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
		a->size = size;
	}
	p = a->head->data + a->used;
	memcpy(p, s, len);
	p[len] = '\0';
	a->used += len + 1;
	return p;
}

void care__arena_free(care__arena *a)
{
	care__arena_block *b = a->head;

	while (b) {
		care__arena_block *next = b->next;
		care__free(b);
		b = next;
	}
	memset(a, 0, sizeof *a);
}

static const char *arena_copy(care_dataset *ds, const char *s, int *failed)
{
	const char *p;

	if (s == NULL)
		return NULL;
	p = care__arena_strndup(&ds->arena, s, strlen(s));
	if (p == NULL)
		*failed = 1;
	return p;
}

/* ---- hashing and id indexes ---- */

uint32_t care__hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	/* Murmur3's finaliser: the table takes its slot from the high bits. */
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

typedef const char *(*key_fn)(const void *ctx, uint32_t index, char buf[37]);

/*
 * Slots are addressed by multiplying the hash into the table size (no power
 * of two needed), so a table can be sized to its contents: at 30 million
 * completions a doubling table would waste hundreds of megabytes.
 */
static size_t slot_of(uint32_t hash, size_t cap)
{
	return (size_t)(((uint64_t)hash * cap) >> 32);
}

/* Room for `need` keys at a load of at most 4/5. */
static int index_grow(care__id_index *ix, size_t need, const void *ctx, key_fn key)
{
	size_t cap = ix->cap, new_cap, i;
	care__id_slot *slots;

	(void)ctx;
	(void)key;
	if (need * 5 <= cap * 4)
		return 0;
	new_cap = need * 5 / 4 + 16;
	if (new_cap < cap + cap / 2)
		new_cap = cap + cap / 2; /* amortised growth one key at a time */
	if (new_cap > UINT32_MAX)
		return CARE_ENOMEM;
	slots = care__malloc(new_cap * sizeof *slots);
	if (slots == NULL)
		return CARE_ENOMEM;
	for (i = 0; i < new_cap; i++)
		slots[i].index = CARE__NO;
	for (i = 0; i < cap; i++) {
		size_t j;
		if (ix->slots[i].index == CARE__NO)
			continue;
		for (j = slot_of(ix->slots[i].hash, new_cap); slots[j].index != CARE__NO;
		     j = j + 1 == new_cap ? 0 : j + 1)
			;
		slots[j] = ix->slots[i];
	}
	care__free(ix->slots);
	ix->slots = slots;
	ix->cap = new_cap;
	return 0;
}

static uint32_t index_find(const care__id_index *ix, const char *id, uint32_t hash, const void *ctx,
                           key_fn key)
{
	size_t j;
	char buf[37];

	if (ix->cap == 0)
		return CARE__NO;
	for (j = slot_of(hash, ix->cap); ix->slots[j].index != CARE__NO;
	     j = j + 1 == ix->cap ? 0 : j + 1)
		if (ix->slots[j].hash == hash && strcmp(key(ctx, ix->slots[j].index, buf), id) == 0)
			return ix->slots[j].index;
	return CARE__NO;
}

/* Insert without a duplicate check; the caller has grown the index. */
static void index_put(care__id_index *ix, uint32_t index, uint32_t hash)
{
	size_t j;

	for (j = slot_of(hash, ix->cap); ix->slots[j].index != CARE__NO;
	     j = j + 1 == ix->cap ? 0 : j + 1)
		;
	ix->slots[j].index = index;
	ix->slots[j].hash = hash;
	ix->count++;
}

static void index_free(care__id_index *ix)
{
	care__free(ix->slots);
	memset(ix, 0, sizeof *ix);
}

typedef struct kind_ctx {
	const care_dataset *ds;
	care_kind kind;
} kind_ctx;

static const char *record_key(const void *ctx, uint32_t i, char buf[37])
{
	const kind_ctx *k = ctx;
	const care_dataset *ds = k->ds;

	switch (k->kind) {
	case CARE_KIND_UNIT:
		return ds->units[i].id;
	case CARE_KIND_ROLE:
		return ds->roles[i].id;
	case CARE_KIND_MODULE:
		return ds->modules[i].id;
	case CARE_KIND_STAFF:
		return ds->staff[i].id;
	case CARE_KIND_COMPLETION:
		return care__completion_id(ds, i, buf);
	case CARE_KIND_INTERACTION:
		return ds->interactions[i].id;
	case CARE_KIND_COMPLAINT:
		return ds->complaints[i].id;
	default:
		return "";
	}
}

uint32_t care__find_id(const care_dataset *ds, care_kind kind, const char *id)
{
	kind_ctx k = {ds, kind};

	return index_find(&ds->ids[kind], id, care__hash(id, strlen(id)), &k, record_key);
}

static const char *intern_key(const void *ctx, uint32_t i, char buf[37])
{
	(void)buf;
	return ((const care__intern *)ctx)->text[i];
}

uint32_t care__intern_find(const care__intern *t, const char *s)
{
	return index_find(&t->index, s, care__hash(s, strlen(s)), t, intern_key);
}

int care__intern_add(care__intern *t, care__arena *arena, const char *s, uint32_t *out)
{
	uint32_t hash = care__hash(s, strlen(s));
	uint32_t i = index_find(&t->index, s, hash, t, intern_key);
	const char *copy;

	if (i != CARE__NO) {
		*out = i;
		return 0;
	}
	if (t->count >= CARE__NO - 1 ||
	    care__grow((void **)&t->text, &t->cap, t->count + 1, sizeof *t->text) != 0 ||
	    index_grow(&t->index, t->count + 1, t, intern_key) != 0)
		return CARE_ENOMEM;
	copy = care__arena_strndup(arena, s, strlen(s));
	if (copy == NULL)
		return CARE_ENOMEM;
	t->text[t->count] = copy;
	index_put(&t->index, (uint32_t)t->count, hash);
	*out = (uint32_t)t->count++;
	return 0;
}

void care__intern_free(care__intern *t)
{
	care__free(t->text);
	index_free(&t->index);
	memset(t, 0, sizeof *t);
}

int care__own_rejected_id(care_dataset *ds, care_kind kind, const char *id)
{
	uint32_t ignored;

	return care__intern_add(&ds->rejected_ids[kind], &ds->arena, id, &ignored);
}

int care__id_owner(const care_dataset *ds, care_kind kind, const char *id, uint32_t *index)
{
	uint32_t i = care__find_id(ds, kind, id);

	if (i != CARE__NO) {
		*index = i;
		return 1;
	}
	if (ds->rejected_ids[kind].count &&
	    care__intern_find(&ds->rejected_ids[kind], id) != CARE__NO)
		return 2;
	return 0;
}

/* ---- completion ids ---- */

int care_completion_make_id(char buf[37], const char *staff, const char *module,
                            const char *completed_on, const char *outcome)
{
	static const uuid_t ns = {0x6f, 0x1c, 0x3a, 0x52, 0x8d, 0x0e, 0x4b, 0x7a,
	                          0x9c, 0x41, 0x2e, 0x5d, 0x7b, 0x3f, 0x8a, 0x10};
	char small[256], *name = small;
	size_t ls, lm, ld, lo, len;
	uuid_t out;

	if (buf == NULL || staff == NULL || module == NULL || completed_on == NULL ||
	    outcome == NULL)
		return care__error(CARE_EINVAL, "care_completion_make_id: a field is NULL");
	ls = strlen(staff), lm = strlen(module), ld = strlen(completed_on), lo = strlen(outcome);
	len = ls + lm + ld + lo + 3;
	if (len > sizeof small) {
		name = care__malloc(len);
		if (name == NULL)
			return care__error(CARE_ENOMEM, "out of memory");
	}
	memcpy(name, staff, ls);
	name[ls] = '\x1f';
	memcpy(name + ls + 1, module, lm);
	name[ls + 1 + lm] = '\x1f';
	memcpy(name + ls + lm + 2, completed_on, ld);
	name[ls + lm + 2 + ld] = '\x1f';
	memcpy(name + ls + lm + ld + 3, outcome, lo);
	uuid_generate_sha1(out, ns, name, len);
	uuid_unparse_lower(out, buf);
	if (name != small)
		care__free(name);
	return 0;
}

const char *care__completion_id(const care_dataset *ds, size_t i, char buf[37])
{
	const care__completions *c = &ds->completions;
	char date[11];

	if (c->id != NULL && c->id[i] != NULL)
		return c->id[i];
	care_date_format(date, c->completed_on[i]);
	if (care_completion_make_id(
	        buf, ds->staff[c->staff[i]].id, ds->modules[c->module[i]].id, date,
	        care_enum_name(CARE_ENUM_COMPLETION_OUTCOME, c->outcome[i])) != 0)
		buf[0] = '\0';
	return buf;
}

/* ---- lifecycle ---- */

int care_dataset_new(care_dataset **out)
{
	care_dataset *ds;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_dataset_new: out is NULL");
	ds = care__calloc(1, sizeof *ds);
	*out = ds;
	if (ds == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	ds->extracted_on = CARE_DATE_NONE;
	return 0;
}

static void unseal(care_dataset *ds)
{
	care__index_free(ds->index);
	ds->index = NULL;
	ds->sealed = 0;
}

void care_dataset_free(care_dataset *ds)
{
	size_t k;
	care__completions *c;

	if (ds == NULL)
		return;
	unseal(ds);
	c = &ds->completions;
	care__free(c->staff);
	care__free(c->module);
	care__free(c->completed_on);
	care__free(c->outcome);
	care__free(c->score);
	care__free(c->source);
	care__free(c->id);
	care__free(ds->non_working_days);
	care__free(ds->units);
	care__free(ds->roles);
	care__free(ds->requirements);
	care__free(ds->modules);
	care__free(ds->staff);
	care__free(ds->assignments);
	care__free(ds->exemptions);
	care__free(ds->interactions);
	care__free(ds->complaints);
	care__free(ds->complaint_staff);
	care__intern_free(&ds->competencies);
	care__intern_free(&ds->sources);
	for (k = 0; k < CARE__KINDS; k++) {
		index_free(&ds->ids[k]);
		care__free(ds->rejected[k]);
		care__intern_free(&ds->rejected_ids[k]);
	}
	care__arena_free(&ds->arena);
	care__free(ds);
}

int care_dataset_set_header(care_dataset *ds, const char *ods_code, const char *name,
                            care_date extracted_on)
{
	int failed = 0;
	const char *o, *n;

	if (ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_set_header: ds is NULL");
	if ((ods_code && !care__text_valid(ods_code, strlen(ods_code), 1024)) ||
	    (name && !care__text_valid(name, strlen(name), 1024)))
		return care__error(CARE_EINVAL,
		                   "organisation text is not UTF-8 of at most 1024 bytes");
	if (extracted_on != CARE_DATE_NONE &&
	    (extracted_on < CARE_DATE_MIN || extracted_on > CARE_DATE_MAX))
		return care__error(CARE_EINVAL, "extracted_on is out of range");
	o = arena_copy(ds, ods_code, &failed);
	n = arena_copy(ds, name, &failed);
	if (failed)
		return care__error(CARE_ENOMEM, "out of memory");
	ds->ods_code = o;
	ds->name = n;
	ds->extracted_on = extracted_on;
	return 0;
}

int care_dataset_add_non_working_day(care_dataset *ds, care_date date)
{
	if (ds == NULL || date < CARE_DATE_MIN || date > CARE_DATE_MAX)
		return care__error(CARE_EINVAL, "care_dataset_add_non_working_day: bad argument");
	if (care__grow((void **)&ds->non_working_days, &ds->non_working_day_cap,
	               ds->non_working_day_count + 1, sizeof(care_date)) != 0)
		return care__error(CARE_ENOMEM, "out of memory");
	ds->non_working_days[ds->non_working_day_count++] = date;
	unseal(ds);
	return 0;
}

/* Grow one column to `cap` rows. */
static int grow_column(void **column, size_t cap, size_t size)
{
	void *p = care__realloc(*column, cap * size);

	if (p == NULL)
		return CARE_ENOMEM;
	*column = p;
	return 0;
}

static int completions_reserve(care__completions *c, size_t need)
{
	size_t cap;

	if (need <= c->cap)
		return 0;
	cap = c->cap ? c->cap : 64;
	while (cap < need)
		cap *= 2;
	/* Growing column by column: if one fails, those grown are simply
	 * larger. The optional columns exist only once a row has a value. */
	if (grow_column((void **)&c->staff, cap, sizeof *c->staff) ||
	    grow_column((void **)&c->module, cap, sizeof *c->module) ||
	    grow_column((void **)&c->completed_on, cap, sizeof *c->completed_on) ||
	    grow_column((void **)&c->outcome, cap, sizeof *c->outcome) ||
	    (c->score && grow_column((void **)&c->score, cap, sizeof *c->score)) ||
	    (c->source && grow_column((void **)&c->source, cap, sizeof *c->source)) ||
	    (c->id && grow_column((void **)&c->id, cap, sizeof *c->id)))
		return CARE_ENOMEM;
	c->cap = cap;
	return 0;
}

/* Create an optional column when its first value arrives, filled with "absent". */
static int add_score_column(care__completions *c)
{
	size_t i;

	if (c->score || grow_column((void **)&c->score, c->cap, sizeof *c->score))
		return c->score ? 0 : CARE_ENOMEM;
	for (i = 0; i < c->count; i++)
		c->score[i] = NAN;
	return 0;
}

static int add_source_column(care__completions *c)
{
	size_t i;

	if (c->source || grow_column((void **)&c->source, c->cap, sizeof *c->source))
		return c->source ? 0 : CARE_ENOMEM;
	for (i = 0; i < c->count; i++)
		c->source[i] = CARE__NO;
	return 0;
}

static int add_id_column(care__completions *c)
{
	size_t i;

	if (c->id || grow_column((void **)&c->id, c->cap, sizeof *c->id))
		return c->id ? 0 : CARE_ENOMEM;
	for (i = 0; i < c->count; i++)
		c->id[i] = NULL;
	return 0;
}

int care_dataset_reserve(care_dataset *ds, care_kind kind, size_t count)
{
	size_t need;
	int rc = 0;
	kind_ctx k = {ds, kind};

	if (ds == NULL || kind <= CARE_KIND_DATASET || kind > CARE_KIND_COMPLAINT)
		return care__error(CARE_EINVAL, "care_dataset_reserve: bad argument");
	need = care_dataset_count(ds, kind) + count;
	if (need >= CARE__NO)
		return care__error(CARE_EINVAL, "care_dataset_reserve: too many records");
	switch (kind) {
	case CARE_KIND_UNIT:
		rc = care__grow((void **)&ds->units, &ds->unit_cap, need, sizeof *ds->units);
		break;
	case CARE_KIND_ROLE:
		rc = care__grow((void **)&ds->roles, &ds->role_cap, need, sizeof *ds->roles);
		break;
	case CARE_KIND_MODULE:
		rc = care__grow((void **)&ds->modules, &ds->module_cap, need, sizeof *ds->modules);
		break;
	case CARE_KIND_STAFF:
		rc = care__grow((void **)&ds->staff, &ds->staff_cap, need, sizeof *ds->staff);
		break;
	case CARE_KIND_COMPLETION:
		rc = completions_reserve(&ds->completions, need);
		break;
	case CARE_KIND_INTERACTION:
		rc = care__grow((void **)&ds->interactions, &ds->interaction_cap, need,
		                sizeof *ds->interactions);
		break;
	case CARE_KIND_COMPLAINT:
		rc = care__grow((void **)&ds->complaints, &ds->complaint_cap, need,
		                sizeof *ds->complaints);
		break;
	default:
		break;
	}
	if (rc == 0)
		rc = index_grow(&ds->ids[kind], need, &k, record_key);
	return rc ? care__error(CARE_ENOMEM, "out of memory") : 0;
}

/* ---- inserts (the record has been checked) ---- */

static int add_id(care_dataset *ds, care_kind kind, uint32_t index, const char *id)
{
	kind_ctx k = {ds, kind};

	if (index_grow(&ds->ids[kind], (size_t)index + 1, &k, record_key) != 0)
		return CARE_ENOMEM;
	index_put(&ds->ids[kind], index, care__hash(id, strlen(id)));
	return 0;
}

#define GROW(arr, count, cap, n) care__grow((void **)&(arr), &(cap), (count) + (n), sizeof *(arr))

int care__insert_unit(care_dataset *ds, const care_unit *rec, uint32_t parent)
{
	care__unit u;
	int failed = 0;
	kind_ctx k = {ds, CARE_KIND_UNIT};

	if (GROW(ds->units, ds->unit_count, ds->unit_cap, 1) ||
	    index_grow(&ds->ids[CARE_KIND_UNIT], ds->unit_count + 1, &k, record_key))
		return CARE_ENOMEM;
	u.id = arena_copy(ds, rec->id, &failed);
	u.name = arena_copy(ds, rec->name, &failed);
	u.parent = parent;
	if (failed)
		return CARE_ENOMEM;
	ds->units[ds->unit_count] = u;
	add_id(ds, CARE_KIND_UNIT, (uint32_t)ds->unit_count, u.id);
	ds->unit_count++;
	return 0;
}

int care__insert_role(care_dataset *ds, const care_role *rec)
{
	care__role r;
	int failed = 0;
	size_t i;
	kind_ctx k = {ds, CARE_KIND_ROLE};

	if (GROW(ds->roles, ds->role_count, ds->role_cap, 1) ||
	    GROW(ds->requirements, ds->requirement_count, ds->requirement_cap,
	         rec->requirement_count) ||
	    index_grow(&ds->ids[CARE_KIND_ROLE], ds->role_count + 1, &k, record_key))
		return CARE_ENOMEM;
	r.id = arena_copy(ds, rec->id, &failed);
	r.title = arena_copy(ds, rec->title, &failed);
	r.staff_group = (uint8_t)rec->staff_group;
	r.patient_facing = rec->patient_facing != 0;
	r.clinical = rec->clinical != 0;
	r.first_requirement = (uint32_t)ds->requirement_count;
	r.requirement_count = (uint32_t)rec->requirement_count;
	for (i = 0; i < rec->requirement_count && !failed; i++) {
		care__requirement *q = &ds->requirements[ds->requirement_count + i];
		failed = care__intern_add(&ds->competencies, &ds->arena,
		                          rec->requirements[i].competency, &q->competency) != 0;
		q->due_within_days = rec->requirements[i].due_within_days;
	}
	if (failed)
		return CARE_ENOMEM;
	ds->requirement_count += rec->requirement_count;
	ds->roles[ds->role_count] = r;
	add_id(ds, CARE_KIND_ROLE, (uint32_t)ds->role_count, r.id);
	ds->role_count++;
	return 0;
}

int care__insert_module(care_dataset *ds, const care_module *rec)
{
	care__module m;
	int failed = 0;
	kind_ctx k = {ds, CARE_KIND_MODULE};

	if (GROW(ds->modules, ds->module_count, ds->module_cap, 1) ||
	    index_grow(&ds->ids[CARE_KIND_MODULE], ds->module_count + 1, &k, record_key))
		return CARE_ENOMEM;
	m.id = arena_copy(ds, rec->id, &failed);
	m.title = arena_copy(ds, rec->title, &failed);
	m.provider = arena_copy(ds, rec->provider, &failed);
	m.xapi_activity = arena_copy(ds, rec->xapi_activity, &failed);
	m.competency_as_written = arena_copy(ds, rec->competency, &failed);
	m.validity_months = rec->validity_months;
	m.duration_minutes = rec->duration_minutes;
	m.pass_mark = rec->pass_mark;
	m.cost_pence = rec->cost_pence;
	m.delivery = (uint8_t)rec->delivery;
	if (failed ||
	    care__intern_add(&ds->competencies, &ds->arena,
	                     rec->competency ? rec->competency : rec->id, &m.competency) != 0)
		return CARE_ENOMEM;
	ds->modules[ds->module_count] = m;
	add_id(ds, CARE_KIND_MODULE, (uint32_t)ds->module_count, m.id);
	ds->module_count++;
	return 0;
}

int care__insert_staff(care_dataset *ds, const care_staff *rec)
{
	care__staff s;
	int failed = 0;
	size_t i;
	kind_ctx k = {ds, CARE_KIND_STAFF};

	if (GROW(ds->staff, ds->staff_count, ds->staff_cap, 1) ||
	    GROW(ds->assignments, ds->assignment_count, ds->assignment_cap,
	         rec->assignment_count) ||
	    GROW(ds->exemptions, ds->exemption_count, ds->exemption_cap, rec->exemption_count) ||
	    index_grow(&ds->ids[CARE_KIND_STAFF], ds->staff_count + 1, &k, record_key))
		return CARE_ENOMEM;
	s.id = arena_copy(ds, rec->id, &failed);
	s.started_on = rec->started_on;
	s.left_on = rec->left_on;
	s.first_assignment = (uint32_t)ds->assignment_count;
	s.assignment_count = (uint32_t)rec->assignment_count;
	s.first_exemption = (uint32_t)ds->exemption_count;
	s.exemption_count = (uint32_t)rec->exemption_count;
	for (i = 0; i < rec->assignment_count; i++) {
		care__assignment *a = &ds->assignments[ds->assignment_count + i];
		a->role = care__find_id(ds, CARE_KIND_ROLE, rec->assignments[i].role);
		a->unit = care__find_id(ds, CARE_KIND_UNIT, rec->assignments[i].unit);
		a->from = rec->assignments[i].from;
		a->to = rec->assignments[i].to;
	}
	for (i = 0; i < rec->exemption_count && !failed; i++) {
		care__exemption *e = &ds->exemptions[ds->exemption_count + i];
		failed = care__intern_add(&ds->competencies, &ds->arena,
		                          rec->exemptions[i].competency, &e->competency) != 0;
		e->from = rec->exemptions[i].from;
		e->to = rec->exemptions[i].to;
		e->reason = arena_copy(ds, rec->exemptions[i].reason, &failed);
	}
	if (failed)
		return CARE_ENOMEM;
	ds->assignment_count += rec->assignment_count;
	ds->exemption_count += rec->exemption_count;
	ds->staff[ds->staff_count] = s;
	add_id(ds, CARE_KIND_STAFF, (uint32_t)ds->staff_count, s.id);
	ds->staff_count++;
	return 0;
}

int care__insert_completion(care_dataset *ds, const care_completion *rec, const care__check *c)
{
	care__completions *col = &ds->completions;
	size_t i = col->count;
	int failed = 0;
	uint32_t source = CARE__NO;
	const char *id;
	kind_ctx k = {ds, CARE_KIND_COMPLETION};

	if (completions_reserve(col, i + 1) ||
	    index_grow(&ds->ids[CARE_KIND_COMPLETION], i + 1, &k, record_key) ||
	    (!isnan(rec->score) && add_score_column(col)) ||
	    (rec->source && add_source_column(col)) || (rec->id && add_id_column(col)))
		return CARE_ENOMEM;
	id = arena_copy(ds, rec->id, &failed);
	if (failed ||
	    (rec->source && care__intern_add(&ds->sources, &ds->arena, rec->source, &source) != 0))
		return CARE_ENOMEM;
	col->staff[i] = c->staff;
	col->module[i] = c->module;
	col->completed_on[i] = rec->completed_on;
	col->outcome[i] = (uint8_t)rec->outcome;
	if (col->score)
		col->score[i] = rec->score;
	if (col->source)
		col->source[i] = source;
	if (col->id)
		col->id[i] = id;
	col->count++;
	{
		char buf[37];
		/* The check has the id already (generated if need be): no second SHA-1. */
		const char *key = c->id ? c->id : care__completion_id(ds, i, buf);
		index_put(&ds->ids[CARE_KIND_COMPLETION], (uint32_t)i,
		          care__hash(key, strlen(key)));
	}
	return 0;
}

int care__insert_interaction(care_dataset *ds, const care_interaction *rec, const care__check *c)
{
	care__interaction x;
	int failed = 0;
	kind_ctx k = {ds, CARE_KIND_INTERACTION};

	if (GROW(ds->interactions, ds->interaction_count, ds->interaction_cap, 1) ||
	    index_grow(&ds->ids[CARE_KIND_INTERACTION], ds->interaction_count + 1, &k, record_key))
		return CARE_ENOMEM;
	x.id = arena_copy(ds, rec->id, &failed);
	x.appointment_ref = arena_copy(ds, rec->appointment_ref, &failed);
	x.patient_ref = arena_copy(ds, rec->patient_ref, &failed);
	if (failed)
		return CARE_ENOMEM;
	x.staff = c->staff;
	x.date = rec->at.date;
	/* Packed rather than counted, so a leap second keeps its spelling. */
	x.hms = (rec->at.hour << 12) | (rec->at.minute << 6) | rec->at.second;
	x.nanos = rec->at.nanos;
	x.offset_minutes = (int16_t)rec->at.offset_minutes;
	x.frac_digits = (uint8_t)rec->at.frac_digits;
	x.zulu = rec->at.zulu != 0;
	x.channel = (uint8_t)rec->channel;
	x.kind = (uint8_t)rec->kind;
	x.outcome = (uint8_t)rec->outcome;
	x.duration_seconds = rec->duration_seconds;
	x.specialty = (int16_t)rec->specialty;
	ds->interactions[ds->interaction_count] = x;
	add_id(ds, CARE_KIND_INTERACTION, (uint32_t)ds->interaction_count, x.id);
	ds->interaction_count++;
	return 0;
}

int care__insert_complaint(care_dataset *ds, const care_complaint *rec, const care__check *c)
{
	care__complaint x;
	int failed = 0;
	size_t i;
	kind_ctx k = {ds, CARE_KIND_COMPLAINT};

	if (GROW(ds->complaints, ds->complaint_count, ds->complaint_cap, 1) ||
	    GROW(ds->complaint_staff, ds->complaint_staff_count, ds->complaint_staff_cap,
	         rec->staff_count) ||
	    index_grow(&ds->ids[CARE_KIND_COMPLAINT], ds->complaint_count + 1, &k, record_key))
		return CARE_ENOMEM;
	x.id = arena_copy(ds, rec->id, &failed);
	if (failed)
		return CARE_ENOMEM;
	x.received_on = rec->received_on;
	x.acknowledged_on = rec->acknowledged_on;
	x.closed_on = rec->closed_on;
	x.subjects = rec->subjects;
	x.outcome = (int8_t)rec->outcome;
	x.interaction = c->interaction;
	x.first_staff = (uint32_t)ds->complaint_staff_count;
	x.staff_count = (uint32_t)rec->staff_count;
	for (i = 0; i < rec->staff_count; i++)
		ds->complaint_staff[ds->complaint_staff_count + i] =
		    care__find_id(ds, CARE_KIND_STAFF, rec->staff[i]);
	ds->complaint_staff_count += rec->staff_count;
	ds->complaints[ds->complaint_count] = x;
	add_id(ds, CARE_KIND_COMPLAINT, (uint32_t)ds->complaint_count, x.id);
	ds->complaint_count++;
	return 0;
}

/* ---- the public adds ---- */

typedef void (*check_fn)(care__check *c, const void *rec);

static int add_begin(care__check *c, care_dataset *ds, care_kind kind, const char *id,
                     const void *rec, care_issues **issues)
{
	if (issues)
		*issues = NULL;
	if (ds == NULL || rec == NULL)
		return care__error(CARE_EINVAL, "dataset or record is NULL");
	if (care_dataset_count(ds, kind) >= CARE__NO - 1)
		return care__error(CARE_EINVAL, "too many records");
	memset(c, 0, sizeof *c);
	c->ds = ds;
	c->kind = kind;
	c->id = id;
	c->index = (long)care_dataset_count(ds, kind);
	c->staff = c->module = c->interaction = CARE__NO;
	c->issues = care__issues_new();
	if (c->issues == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	return 0;
}

static int add_end(care__check *c, int insert_rc, care_issues **issues)
{
	int rc;

	if (care__issues_failed(c->issues) || c->nomem) {
		care_issues_free(c->issues);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	if (c->errors) {
		rc = care__error(CARE_EINVALID, "the %s has %d error%s", care__kind_name(c->kind),
		                 c->errors, c->errors == 1 ? "" : "s");
	} else if (insert_rc != 0) {
		care_issues_free(c->issues);
		return care__error(CARE_ENOMEM, "out of memory");
	} else {
		rc = 0;
		unseal(c->ds);
	}
	if (issues)
		*issues = c->issues;
	else
		care_issues_free(c->issues);
	return rc;
}

int care_dataset_add_unit(care_dataset *ds, const care_unit *rec, care_issues **issues)
{
	care__check c;
	int rc = add_begin(&c, ds, CARE_KIND_UNIT, rec ? rec->id : NULL, rec, issues);

	if (rc)
		return rc;
	care__check_unit(&c, rec, 1);
	if (!c.errors)
		rc = care__insert_unit(ds, rec,
		                       rec->parent ? care__find_id(ds, CARE_KIND_UNIT, rec->parent)
		                                   : CARE__NO);
	return add_end(&c, rc, issues);
}

int care_dataset_add_role(care_dataset *ds, const care_role *rec, care_issues **issues)
{
	care__check c;
	int rc = add_begin(&c, ds, CARE_KIND_ROLE, rec ? rec->id : NULL, rec, issues);

	if (rc)
		return rc;
	care__check_role(&c, rec);
	if (!c.errors)
		rc = care__insert_role(ds, rec);
	return add_end(&c, rc, issues);
}

int care_dataset_add_module(care_dataset *ds, const care_module *rec, care_issues **issues)
{
	care__check c;
	int rc = add_begin(&c, ds, CARE_KIND_MODULE, rec ? rec->id : NULL, rec, issues);

	if (rc)
		return rc;
	care__check_module(&c, rec);
	if (!c.errors)
		rc = care__insert_module(ds, rec);
	return add_end(&c, rc, issues);
}

int care_dataset_add_staff(care_dataset *ds, const care_staff *rec, care_issues **issues)
{
	care__check c;
	int rc = add_begin(&c, ds, CARE_KIND_STAFF, rec ? rec->id : NULL, rec, issues);

	if (rc)
		return rc;
	care__check_staff(&c, rec);
	if (!c.errors)
		rc = care__insert_staff(ds, rec);
	return add_end(&c, rc, issues);
}

int care_dataset_add_completion(care_dataset *ds, const care_completion *rec, care_issues **issues)
{
	care__check c;
	char generated[37];
	const char *id = NULL;
	int rc;

	if (rec != NULL) {
		id = rec->id;
		if (id == NULL && rec->staff && rec->module && rec->completed_on >= CARE_DATE_MIN &&
		    rec->completed_on <= CARE_DATE_MAX &&
		    care_enum_name(CARE_ENUM_COMPLETION_OUTCOME, (int)rec->outcome)) {
			char date[11];
			care_date_format(date, rec->completed_on);
			if (care_completion_make_id(generated, rec->staff, rec->module, date,
			                            care_enum_name(CARE_ENUM_COMPLETION_OUTCOME,
			                                           (int)rec->outcome)) == 0)
				id = generated;
		}
	}
	rc = add_begin(&c, ds, CARE_KIND_COMPLETION, id, rec, issues);
	if (rc)
		return rc;
	care__check_completion(&c, rec);
	if (!c.errors)
		rc = care__insert_completion(ds, rec, &c);
	return add_end(&c, rc, issues);
}

int care_dataset_add_interaction(care_dataset *ds, const care_interaction *rec,
                                 care_issues **issues)
{
	care__check c;
	int rc = add_begin(&c, ds, CARE_KIND_INTERACTION, rec ? rec->id : NULL, rec, issues);

	if (rc)
		return rc;
	care__check_interaction(&c, rec);
	if (!c.errors)
		rc = care__insert_interaction(ds, rec, &c);
	return add_end(&c, rc, issues);
}

int care_dataset_add_complaint(care_dataset *ds, const care_complaint *rec, care_issues **issues)
{
	care__check c;
	care_complaint copy;
	int rc = add_begin(&c, ds, CARE_KIND_COMPLAINT, rec ? rec->id : NULL, rec, issues);

	if (rc)
		return rc;
	copy = *rec;
	/* The top bit is the loader's private marker: from a caller it is
	 * simply a value outside the list. */
	if (copy.subjects & CARE__SUBJECTS_BAD)
		copy.subjects = (copy.subjects & ~CARE__SUBJECTS_BAD) | (1u << 30);
	care__check_complaint(&c, &copy);
	if (!c.errors)
		rc = care__insert_complaint(ds, &copy, &c);
	return add_end(&c, rc, issues);
}

/* ---- queries ---- */

size_t care_dataset_count(const care_dataset *ds, care_kind kind)
{
	if (ds == NULL)
		return 0;
	switch (kind) {
	case CARE_KIND_UNIT:
		return ds->unit_count;
	case CARE_KIND_ROLE:
		return ds->role_count;
	case CARE_KIND_MODULE:
		return ds->module_count;
	case CARE_KIND_STAFF:
		return ds->staff_count;
	case CARE_KIND_COMPLETION:
		return ds->completions.count;
	case CARE_KIND_INTERACTION:
		return ds->interaction_count;
	case CARE_KIND_COMPLAINT:
		return ds->complaint_count;
	default:
		return 0;
	}
}

size_t care_dataset_rejected_count(const care_dataset *ds, care_kind kind)
{
	if (ds == NULL || (unsigned)kind >= CARE__KINDS)
		return 0;
	return ds->rejected_count[kind];
}

const char *care_dataset_id(const care_dataset *ds, care_kind kind, size_t index)
{
	static _Thread_local char generated[37];
	kind_ctx k = {ds, kind};

	if (ds == NULL || kind <= CARE_KIND_DATASET || kind > CARE_KIND_COMPLAINT ||
	    index >= care_dataset_count(ds, kind))
		return NULL;
	return record_key(&k, (uint32_t)index, generated);
}

int care_dataset_find(size_t *out, const care_dataset *ds, care_kind kind, const char *id)
{
	uint32_t i;

	if (out == NULL || ds == NULL || id == NULL || kind <= CARE_KIND_DATASET ||
	    kind > CARE_KIND_COMPLAINT)
		return care__error(CARE_EINVAL, "care_dataset_find: bad argument");
	i = care__find_id(ds, kind, id);
	if (i == CARE__NO)
		return care__error(CARE_ENOTFOUND, "there is no %s '%.64s'", care__kind_name(kind),
		                   id);
	*out = i;
	return 0;
}

care_date care_dataset_extracted_on(const care_dataset *ds)
{
	return ds ? ds->extracted_on : CARE_DATE_NONE;
}

int care_dataset_seal(care_dataset *ds)
{
	int rc;

	if (ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_seal: ds is NULL");
	if (ds->sealed)
		return 0;
	rc = care__index_build(&ds->index, ds);
	if (rc != 0)
		return care__error(rc, "out of memory building the indexes");
	ds->sealed = 1;
	return 0;
}
