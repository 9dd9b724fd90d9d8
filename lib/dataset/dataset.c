/*
 * The dataset: its lifecycle, header, queries and sealing.
 */
#include <string.h>

#include "dataset/dataset.h"
#include "dataset/ids.h"
#include "dataset/kinds.h"
#include "dataset/records.h"
#include "dataset/index.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/alloc.h"
#include "core/enums.h"

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
	atomic_init(&ds->completion_ids_released, 0);
	if (pthread_mutex_init(&ds->ids_lock, NULL) != 0) {
		care__free(ds);
		*out = NULL;
		return care__error(CARE_ENOMEM, "out of memory (a mutex)");
	}
	return 0;
}

void care_dataset__unseal(care_dataset *ds)
{
	care_index__free(ds->index);
	ds->index = NULL;
	ds->sealed = 0;
}

/* ---- arrays borrowed from a snapshot ---- */

int care_dataset__borrowed(const care_dataset *ds, const void *p)
{
	uintptr_t at = (uintptr_t)p, from = (uintptr_t)ds->borrowed;

	return p != NULL && ds->borrowed != NULL && at >= from && at - from < ds->borrowed_len;
}

/* The arrays that may be borrowed (docs/snapshot.md): a pointer to each and its size. */
#define BORROWABLE(ds, c, XX)                                                                      \
	XX((c)->staff, (c)->count, sizeof *(c)->staff)                                             \
	XX((c)->module.narrow, (c)->count, sizeof *(c)->module.narrow)                             \
	XX((c)->module.wide, (c)->count, sizeof *(c)->module.wide)                                 \
	XX((c)->completed_on, (c)->count, sizeof *(c)->completed_on)                               \
	XX((c)->outcome, (c)->count, sizeof *(c)->outcome)                                         \
	XX((c)->score100, (c)->count, sizeof *(c)->score100)                                       \
	XX((c)->score, (c)->count, sizeof *(c)->score)                                             \
	XX((c)->source.narrow, (c)->count, sizeof *(c)->source.narrow)                             \
	XX((c)->source.wide, (c)->count, sizeof *(c)->source.wide)                                 \
	XX((c)->uuid, (c)->count, sizeof *(c)->uuid)                                               \
	XX((ds)->non_working_days, (ds)->non_working_day_count, sizeof *(ds)->non_working_days)    \
	XX((ds)->complaint_staff, (ds)->complaint_staff_count, sizeof *(ds)->complaint_staff)

static void *copy_of(const void *p, size_t n, size_t size, int *failed)
{
	void *q = care__malloc(n ? n * size : 1);

	if (q == NULL)
		*failed = 1;
	else if (n)
		memcpy(q, p, n * size);
	return q;
}

int care_dataset__own(care_dataset *ds)
{
	care__completions *c = &ds->completions;
	struct care__index *ix = ds->index;
	int index_borrowed = ix && ix->borrowed;
	size_t held = index_borrowed ? ix->held_first[ds->staff_count] : 0;
	void *copies[12 + CARE_KIND_COUNT + 3];
	size_t n = 0, k, taken = 0;
	int failed = 0;

	if (ds->borrowed == NULL)
		return 0;
		/* Copy everything first, so that a failure changes nothing. */
#define COPY(p, count, size)                                                                       \
	copies[n++] = care_dataset__borrowed(ds, p) ? copy_of(p, count, size, &failed) : NULL;
	BORROWABLE(ds, c, COPY)
	for (k = 0; k < CARE_KIND_COUNT; k++)
		COPY(ds->ids[k].slots, ds->ids[k].cap, sizeof *ds->ids[k].slots)
	if (index_borrowed) {
		COPY(ix->held_first, ds->staff_count + 1, sizeof *ix->held_first)
		COPY(ix->held, held, sizeof *ix->held)
		COPY(ix->manager, ds->assignment_count, sizeof *ix->manager)
	}
#undef COPY
	for (k = 0; k < n; k++)
		taken += copies[k] != NULL;
	if (failed || taken == 0) { /* taken == 0: made its own before */
		for (k = 0; k < n; k++)
			care__free(copies[k]);
		return failed ? CARE_ENOMEM : 0;
	}
	n = 0;
#define TAKE(p, count, size)                                                                       \
	if (copies[n++])                                                                           \
		(p) = copies[n - 1];
	BORROWABLE(ds, c, TAKE)
	for (k = 0; k < CARE_KIND_COUNT; k++)
		TAKE(ds->ids[k].slots, ds->ids[k].cap, sizeof *ds->ids[k].slots)
	if (index_borrowed) {
		TAKE(ix->held_first, 0, 0)
		TAKE(ix->held, 0, 0)
		TAKE(ix->manager, 0, 0)
		ix->borrowed = 0;
	}
#undef TAKE
	/* All of these were borrowed (an open borrows them together), and are now copies of
	 * their count. */
	c->cap = c->count;
	ds->non_working_day_cap = ds->non_working_day_count;
	ds->complaint_staff_cap = ds->complaint_staff_count;
	/* Texts stay where they are: the image lives as long as the dataset. */
	return 0;
}

static void release(const care_dataset *ds, void *p)
{
	if (!care_dataset__borrowed(ds, p))
		care__free(p);
}

void care_dataset_free(care_dataset *ds)
{
	size_t k;
	care__completions *c;

	if (ds == NULL)
		return;
	care_dataset__unseal(ds);
	c = &ds->completions;
#define RELEASE(p, count, size) release(ds, p);
	BORROWABLE(ds, c, RELEASE)
#undef RELEASE
	care__free(c->id);
	care__free(ds->units);
	care__free(ds->roles);
	care__free(ds->requirements);
	care__free(ds->modules);
	care__free(ds->staff);
	care__free(ds->assignments);
	care__free(ds->exemptions);
	care__free(ds->interactions);
	care__free(ds->complaints);
	care_intern__free(&ds->competencies);
	care_intern__free(&ds->sources);
	care_radix__groups_free(&ds->deferred);
	for (k = 0; k < CARE_KIND_COUNT; k++) {
		if (care_dataset__borrowed(ds, ds->ids[k].slots))
			ds->ids[k].slots = NULL;
		care_idindex__free(&ds->ids[k]);
		care__free(ds->rejected[k]);
		care_intern__free(&ds->rejected_ids[k]);
	}
	care_arena__free(&ds->arena);
	care_file__unmap(&ds->file);
	pthread_mutex_destroy(&ds->ids_lock);
	care__free(ds);
}

int care_dataset_set_header(care_dataset *ds, const char *ods_code, const char *name,
                            care_date extracted_on)
{
	int failed = 0;
	const char *o, *n;

	if (ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_set_header: ds is NULL");
	if ((ods_code && !care_utf8__valid(ods_code, strlen(ods_code), 1024)) ||
	    (name && !care_utf8__valid(name, strlen(name), 1024)))
		return care__error(CARE_EINVAL,
		                   "organisation text is not UTF-8 of at most 1024 bytes");
	if (extracted_on != CARE_DATE_NONE &&
	    (extracted_on < CARE_DATE_MIN || extracted_on > CARE_DATE_MAX))
		return care__error(CARE_EINVAL, "extracted_on is out of range");
	o = care_arena__copy(&ds->arena, ods_code, &failed);
	n = care_arena__copy(&ds->arena, name, &failed);
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
	if (care_dataset__own(ds) != 0 ||
	    care__grow((void **)&ds->non_working_days, &ds->non_working_day_cap,
	               ds->non_working_day_count + 1, sizeof(care_date)) != 0)
		return care__error(CARE_ENOMEM, "out of memory");
	ds->non_working_days[ds->non_working_day_count++] = date;
	care_dataset__unseal(ds);
	return 0;
}

int care_dataset_reserve(care_dataset *ds, care_kind kind, size_t count)
{
	size_t need;

	if (ds == NULL || kind <= CARE_KIND_DATASET || kind >= CARE_KIND_COUNT)
		return care__error(CARE_EINVAL, "care_dataset_reserve: bad argument");
	need = care_dataset_count(ds, kind) + count;
	if (need >= CARE__NO)
		return care__error(CARE_EINVAL, "care_dataset_reserve: too many records");
	if (care_dataset__own(ds) != 0 || care_records__reserve(ds, kind, need) != 0 ||
	    care_ids__reserve(ds, kind, need) != 0)
		return care__error(CARE_ENOMEM, "out of memory");
	return 0;
}

/* ---- queries ---- */

size_t care_dataset_count(const care_dataset *ds, care_kind kind)
{
	return care_kinds__count(ds, kind);
}

size_t care_dataset_rejected_count(const care_dataset *ds, care_kind kind)
{
	if (ds == NULL || (unsigned)kind >= CARE_KIND_COUNT)
		return 0;
	return ds->rejected_count[kind];
}

const char *care_dataset_id(const care_dataset *ds, care_kind kind, size_t index)
{
	static _Thread_local char generated[37];

	if (index >= care_kinds__count(ds, kind))
		return NULL;
	return care_ids__of(ds, kind, (uint32_t)index, generated);
}

int care_dataset_find(size_t *out, const care_dataset *ds, care_kind kind, const char *id)
{
	uint32_t i;

	if (out == NULL || ds == NULL || id == NULL || kind <= CARE_KIND_DATASET ||
	    kind > CARE_KIND_COUNT - 1)
		return care__error(CARE_EINVAL, "care_dataset_find: bad argument");
	if (kind == CARE_KIND_COMPLETION && care_ids__completions_ready(ds) != 0)
		return care__error(CARE_ENOMEM, "out of memory indexing the completion ids");
	i = care_ids__find(ds, kind, id);
	if (i == CARE__NO)
		return care__error(CARE_ENOTFOUND, "there is no %s '%.64s'",
		                   care_enums__kind_name(kind), id);
	*out = i;
	return 0;
}

const char *care_dataset_unit_parent(const care_dataset *ds, const char *unit_id)
{
	uint32_t u;

	if (ds == NULL || unit_id == NULL)
		return NULL;
	u = care_ids__find(ds, CARE_KIND_UNIT, unit_id);
	if (u == CARE__NO || ds->units[u].parent == CARE__NO)
		return NULL;
	return ds->units[ds->units[u].parent].id;
}

care_date care_dataset_extracted_on(const care_dataset *ds)
{
	return ds ? ds->extracted_on : CARE_DATE_NONE;
}

int care_dataset_seal(care_dataset *ds)
{
	int was_sealed, rc;

	if (ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_seal: ds is NULL");
	/* Sealing a sealed dataset changes nothing: other threads may be reading it, the
	 * completion ids among them. */
	was_sealed = ds->sealed;
	rc = care_dataset__seal_given(ds, NULL);
	if (rc == 0 && !was_sealed)
		care_dataset__release_ids(ds);
	return rc;
}

void care_dataset__release_ids(care_dataset *ds)
{
	care__id_index *ix = &ds->ids[CARE_KIND_COMPLETION];

	/* Borrowed slots cost nothing resident until they are read. */
	if (!ds->sealed || ix->slots == NULL || care_dataset__borrowed(ds, ix->slots))
		return;
	care_idindex__free(ix);
	atomic_store_explicit(&ds->completion_ids_released, 1, memory_order_relaxed);
}

int care_dataset__seal_given(care_dataset *ds, const care__index_given *given)
{
	int rc;

	if (ds->sealed)
		return 0;
	rc = care_index__build_given(&ds->index, ds, given);
	if (rc != 0)
		return care__error(rc, "out of memory building the indexes");
	ds->sealed = 1;
	return 0;
}

const char *care_dataset_rejected(const care_dataset *ds, care_kind kind, size_t index, size_t *len)
{
	if (ds == NULL || (unsigned)kind >= CARE_KIND_COUNT || index >= ds->rejected_count[kind])
		return NULL;
	if (len)
		*len = ds->rejected[kind][index].len;
	return ds->rejected[kind][index].text;
}
