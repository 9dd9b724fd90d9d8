/*
 * The table of record kinds, and the one path by which a record is checked
 * and stored.
 */
#include <stddef.h>
#include <string.h>

#include "dataset/kinds.h"
#include "dataset/records.h"

#define KIND(list, count, name)                                                                    \
	{                                                                                          \
		list, offsetof(care_dataset, count), care_check__##name,                           \
		    care_records__insert_##name                                                    \
	}

static const care__kind_ops kinds[CARE_KIND_COUNT] = {
    [CARE_KIND_UNIT] = KIND("units", unit_count, unit),
    [CARE_KIND_ROLE] = KIND("roles", role_count, role),
    [CARE_KIND_MODULE] = KIND("modules", module_count, module),
    [CARE_KIND_STAFF] = KIND("staff", staff_count, staff),
    [CARE_KIND_COMPLETION] = KIND("completions", completions.count, completion),
    [CARE_KIND_INTERACTION] = KIND("interactions", interaction_count, interaction),
    [CARE_KIND_COMPLAINT] = KIND("complaints", complaint_count, complaint),
};

const care__kind_ops *care_kinds__ops(care_kind kind)
{
	if (kind <= CARE_KIND_DATASET || kind >= CARE_KIND_COUNT)
		return NULL;
	return &kinds[kind];
}

size_t care_kinds__count(const care_dataset *ds, care_kind kind)
{
	const care__kind_ops *ops = care_kinds__ops(kind);

	if (ds == NULL || ops == NULL)
		return 0;
	return *(const size_t *)(const void *)((const char *)ds + ops->count_offset);
}

void care_kinds__begin(care__check *c, care_dataset *ds, care_issues *issues, care_kind kind,
                       const char *id, long index)
{
	/* Copied rather than memset: a small memset becomes `rep stos`, whose start costs more
	 * than the copy (a record of a big list begins here). */
	static const care__check none;

	*c = none;
	c->ds = ds;
	c->issues = issues;
	c->kind = kind;
	c->id = id;
	c->index = index;
	c->staff = c->module = c->interaction = c->parent = CARE__NO;
}

int care_kinds__accept(care__check *c, const void *rec, int *stored)
{
	const care__kind_ops *ops = care_kinds__ops(c->kind);
	int rc = 0;

	*stored = 0;
	if (ops == NULL)
		return 0;
	ops->check(c, rec);
	if (c->nomem)
		return CARE_ENOMEM;
	if (c->ds != NULL && c->errors == 0) {
		rc = ops->insert(c->ds, rec, c);
		*stored = rc == 0;
	}
	return rc;
}
