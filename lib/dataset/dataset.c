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
	return 0;
}

void care_dataset__unseal(care_dataset *ds)
{
	care_index__free(ds->index);
	ds->index = NULL;
	ds->sealed = 0;
}

void care_dataset_free(care_dataset *ds)
{
	size_t k;
	care__completions *c;

	if (ds == NULL)
		return;
	care_dataset__unseal(ds);
	c = &ds->completions;
	care__free(c->staff);
	care__free(c->module);
	care__free(c->completed_on);
	care__free(c->outcome);
	care__free(c->score);
	care__free(c->source);
	care__free(c->id);
	care__free(c->uuid);
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
	care_intern__free(&ds->competencies);
	care_intern__free(&ds->sources);
	for (k = 0; k < CARE_KIND_COUNT; k++) {
		care_idindex__free(&ds->ids[k]);
		care__free(ds->rejected[k]);
		care_intern__free(&ds->rejected_ids[k]);
	}
	care_arena__free(&ds->arena);
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
	if (care__grow((void **)&ds->non_working_days, &ds->non_working_day_cap,
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
	if (care_records__reserve(ds, kind, need) != 0 || care_ids__reserve(ds, kind, need) != 0)
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
	int rc;

	if (ds == NULL)
		return care__error(CARE_EINVAL, "care_dataset_seal: ds is NULL");
	if (ds->sealed)
		return 0;
	rc = care_index__build(&ds->index, ds);
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
