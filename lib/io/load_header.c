/*
 * The dataset file's format, its header and the members that are not lists (load_json.h).
 */
#include <stdio.h>
#include <string.h>

#include "io/load_json.h"
#include "dataset/kinds.h"

void care_load__dataset_issue(loader *ld, care_issue_code code, const char *field, const char *msg)
{
	ld->errors +=
	    care_issues__add(ld->issues, code, CARE_KIND_DATASET, NULL, -1, field, 0, 0, "%s", msg);
}

int care_load__format(loader *ld, members *mb)
{
	care__json_member fm, vm;
	const care__json_member *f = care_load__get_member(mb, N_FORMAT, 0, &fm) ? &fm : NULL;
	const care__json_member *v = care_load__get_member(mb, N_VERSION, 0, &vm) ? &vm : NULL;
	static const char magic[] = "\"libcare-dataset\"";

	if (f == NULL || f->value.end - f->value.start != sizeof magic - 1 ||
	    memcmp(((const json_source *)ld->source)->text + f->value.start, magic,
	           sizeof magic - 1) != 0) {
		/* The scan keeps strings as written; an escaped spelling of the
		 * magic is decoded and compared too. */
		int ok = 0;
		if (f && f->value.type == CARE__JSON_STRING) {
			cJSON *t = care_load__parse_span(ld, &f->value);
			if (t == NULL)
				return CARE_ENOMEM;
			ok = strcmp(t->valuestring, "libcare-dataset") == 0;
			cJSON_Delete(t);
		}
		if (!ok) {
			care_load__dataset_issue(ld, CARE_ISSUE_FORMAT, "format",
			                         f ? "format is not \"libcare-dataset\""
			                           : "format is missing");
			return CARE_EFORMAT;
		}
	}
	if (v == NULL || v->value.type != CARE__JSON_NUMBER) {
		care_load__dataset_issue(ld, CARE_ISSUE_FORMAT, "version",
		                         v ? "version is not a number" : "version is missing");
		return CARE_EFORMAT;
	} else {
		cJSON *t = care_load__parse_span(ld, &v->value);
		int ok;
		if (t == NULL)
			return CARE_ENOMEM;
		ok = t->valuedouble == 1.0;
		cJSON_Delete(t);
		if (!ok) {
			care_load__dataset_issue(
			    ld, CARE_ISSUE_FORMAT, "version",
			    "version is not 1, the only version this library reads");
			return CARE_EFORMAT;
		}
	}
	return 0;
}

int care_load__header_parts(loader *ld, members *mb)
{
	cJSON *trees[3] = {NULL, NULL, NULL};
	care__json_member m;
	int i, rc = 0;

	for (i = 0; i < 3 && rc == 0; i++)
		if (care_load__get_member(mb, N_ORGANISATION + i, 1, &m) &&
		    (trees[i] = care_load__parse_span(ld, &m.value)) == NULL)
			rc = CARE_ENOMEM;
	if (rc == 0)
		rc = care_load__header(ld, trees[0], trees[1], trees[2]);
	for (i = 0; i < 3; i++)
		cJSON_Delete(trees[i]);
	return rc;
}

void care_load__unknown_members(loader *ld, const care__json_doc *doc)
{
	care__check c;
	size_t i;

	care_kinds__begin(&c, ld->ds, ld->issues, CARE_KIND_DATASET, NULL, -1);
	c.ds = NULL;
	for (i = 0; i < doc->member_count; i++) {
		const char *const *k;
		for (k = care_load__names; *k && strcmp(*k, doc->members[i].key) != 0; k++)
			;
		if (*k == NULL || doc->members[i].key_len != strlen(doc->members[i].key)) {
			char path[80];
			snprintf(path, sizeof path, "%.64s", doc->members[i].key);
			care_check__issue(&c, CARE_ISSUE_UNKNOWN_FIELD, path,
			                  "unknown field %s (ignored)", path);
		}
	}
	ld->errors += c.errors;
}

void care_load__lists_not_lists(loader *ld, const care__json_doc *doc)
{
	care__check c;
	size_t k;

	care_kinds__begin(&c, ld->ds, ld->issues, CARE_KIND_DATASET, NULL, -1);
	c.ds = NULL;
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		const char *list = care_kinds__ops((care_kind)k)->list;
		const care__json_member *m = care_load__find_member(doc, list);
		if (m && m->value.type != CARE__JSON_ARRAY && m->value.type != CARE__JSON_NULL)
			care_check__issue(&c, CARE_ISSUE_TYPE, list, "%s must be a list", list);
	}
	ld->errors += c.errors;
}
