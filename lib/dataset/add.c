/*
 * The add functions of the public API: check the record, then store it,
 * through the table of record kinds.
 */
#include <string.h>

#include "core/enums.h"
#include "dataset/kinds.h"
#include "util/error.h"

static int add(care_dataset *ds, care_kind kind, const char *id, const void *rec,
               care_issues **issues)
{
	care__check c;
	care_issues *list;
	int rc, stored;

	if (issues)
		*issues = NULL;
	if (ds == NULL || rec == NULL)
		return care__error(CARE_EINVAL, "dataset or record is NULL");
	if (care_kinds__count(ds, kind) >= CARE__NO - 1)
		return care__error(CARE_EINVAL, "too many records");
	if (care_dataset__own(ds) != 0) /* an opened snapshot's arrays become its own */
		return care__error(CARE_ENOMEM, "out of memory");
	list = care_issues__new();
	if (list == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	care_kinds__begin(&c, ds, list, kind, id, (long)care_kinds__count(ds, kind));
	rc = care_kinds__accept(&c, rec, &stored);
	if (rc != 0 || care_issues__failed(list)) {
		care_issues_free(list);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	if (c.errors)
		rc = care__error(CARE_EINVALID, "the %s has %d error%s",
		                 care_enums__kind_name(kind), c.errors, c.errors == 1 ? "" : "s");
	else
		care_dataset__unseal(ds);
	if (issues)
		*issues = list;
	else
		care_issues_free(list);
	return rc;
}

int care_dataset_add_unit(care_dataset *ds, const care_unit *rec, care_issues **issues)
{
	return add(ds, CARE_KIND_UNIT, rec ? rec->id : NULL, rec, issues);
}

int care_dataset_add_role(care_dataset *ds, const care_role *rec, care_issues **issues)
{
	return add(ds, CARE_KIND_ROLE, rec ? rec->id : NULL, rec, issues);
}

int care_dataset_add_module(care_dataset *ds, const care_module *rec, care_issues **issues)
{
	return add(ds, CARE_KIND_MODULE, rec ? rec->id : NULL, rec, issues);
}

int care_dataset_add_staff(care_dataset *ds, const care_staff *rec, care_issues **issues)
{
	return add(ds, CARE_KIND_STAFF, rec ? rec->id : NULL, rec, issues);
}

int care_dataset_add_completion(care_dataset *ds, const care_completion *rec, care_issues **issues)
{
	char generated[37];
	const char *id = NULL;

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
	return add(ds, CARE_KIND_COMPLETION, id, rec, issues);
}

int care_dataset_add_interaction(care_dataset *ds, const care_interaction *rec,
                                 care_issues **issues)
{
	return add(ds, CARE_KIND_INTERACTION, rec ? rec->id : NULL, rec, issues);
}

int care_dataset_add_complaint(care_dataset *ds, const care_complaint *rec, care_issues **issues)
{
	care_complaint copy;

	if (rec == NULL)
		return add(ds, CARE_KIND_COMPLAINT, NULL, NULL, issues);
	copy = *rec;
	/* The top bit is the loader's private marker: from a caller it is
	 * simply a value outside the list. */
	if (copy.subjects & CARE__SUBJECTS_BAD)
		copy.subjects = (copy.subjects & ~CARE__SUBJECTS_BAD) | (1u << 30);
	return add(ds, CARE_KIND_COMPLAINT, copy.id, &copy, issues);
}
