/*
 * Validating one record on its own (validate.h): the decoding and checks of
 * a load, without a dataset.
 */
#include <string.h>

#include "core/enums.h"
#include "io/json_decode.h"
#include "io/json_scan.h"
#include "util/error.h"

int care_record_validate(care_issues **out, care_kind kind, const char *json, size_t len)
{
	care__json_doc doc = {0};
	care__scratch scratch = {0};
	care__check c;
	long line, column;
	const char *reason;
	cJSON *tree;
	char buf[37];
	int rc;
	care__record rec;
	int stored;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_record_validate: out is NULL");
	*out = NULL;
	if ((json == NULL && len > 0) || kind <= CARE_KIND_DATASET || kind >= CARE_KIND_COUNT)
		return care__error(CARE_EINVAL, "care_record_validate: bad argument");
	if (json == NULL)
		json = "";
	care_kinds__begin(&c, NULL, care_issues__new(), kind, NULL, -1);
	/* On its own, a unit's parent is only checked as an id. */
	c.parent_resolved = 1;
	if (c.issues == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	rc = care_json__scan(&doc, json, len, &line, &column, &reason);
	if (rc == CARE_ESYNTAX) {
		care_issues__add(c.issues, CARE_ISSUE_SYNTAX, kind, NULL, -1, NULL, line, column,
		                 "line %ld, column %ld: %s", line, column, reason);
		*out = c.issues;
		return care__error(CARE_ESYNTAX, "line %ld, column %ld: %s", line, column, reason);
	}
	care_json__doc_free(&doc);
	if (rc != 0 || (tree = care_decode__parse(json, len)) == NULL) {
		care_issues_free(c.issues);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	c.id = care_decode__issue_id(kind, tree, buf);
	if (!cJSON_IsObject(tree))
		care_check__issue(&c, CARE_ISSUE_TYPE, NULL, "the %s is not a JSON object",
		                  care_enums__kind_name(kind));
	else if ((rc = care_decode__record(&c, &scratch, tree, &rec)) == 0)
		rc = care_kinds__accept(&c, &rec, &stored);
	cJSON_Delete(tree);
	care_decode__scratch_free(&scratch);
	if (rc != 0 || c.nomem || care_issues__failed(c.issues)) {
		care_issues_free(c.issues);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	*out = c.issues;
	if (c.errors)
		return care__error(CARE_EINVALID, "the %s has %d error%s",
		                   care_enums__kind_name(kind), c.errors, c.errors == 1 ? "" : "s");
	return 0;
}
