/*
 * Importing xAPI statements as completions (docs/xapi.md): a JSON array of statements or one
 * per line; the verb gives the outcome; statement ids are completion ids, so a second import
 * adds nothing; voiding statements are applied after the others. Each completion takes the
 * record path of every other (care_kinds__accept()), so it gets the checks of a loaded one.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/issues.h"
#include "dataset/ids.h"
#include "io/json_scan.h"
#include "dataset/kinds.h"
#include "dataset/records.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strtab.h"

#define VERBS "http://adlnet.gov/expapi/verbs/"

typedef struct importer {
	care_dataset *ds;
	care_issues *issues;
	care_xapi_result *r;
	care__buf rejects;
	size_t rejected_written;
	unsigned char *remove; /* completions to remove (by position) */
	size_t remove_cap;
} importer;

static const cJSON *path(const cJSON *obj, const char *a, const char *b, const char *c)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, a);

	if (b && v)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	if (c && v)
		v = cJSON_GetObjectItemCaseSensitive(v, c);
	return v;
}

static const char *string_at(const cJSON *obj, const char *a, const char *b, const char *c)
{
	const cJSON *v = path(obj, a, b, c);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void keep(importer *im, const cJSON *statement)
{
	char *text = cJSON_PrintUnformatted(statement);

	if (text == NULL) {
		im->rejects.failed = 1;
		return;
	}
	care_buf__puts(&im->rejects, im->rejected_written++ ? ",\n" : "[\n");
	care_buf__puts(&im->rejects, text);
	cJSON_free(text);
}

static void issue(importer *im, care_issue_code code, const char *id, long index, const char *field,
                  const char *message)
{
	care_issues__add(im->issues, code, CARE_KIND_COMPLETION, id, index, field, 0, 0, "%s",
	                 message);
}

/* 0 to the power of ten: scaled x 100, to two places, halves away from zero. */
static double percent(double scaled)
{
	return round(scaled * 100.0 * 100.0) / 100.0;
}

static const char *module_of(const care_dataset *ds, const char *activity)
{
	size_t i;

	for (i = 0; i < ds->module_count; i++)
		if (ds->modules[i].xapi_activity &&
		    strcmp(ds->modules[i].xapi_activity, activity) == 0)
			return ds->modules[i].id;
	return NULL;
}

/* One statement that is not a void. 0 or CARE_ENOMEM. */
static int statement(importer *im, const cJSON *s, long index, int outcome)
{
	const char *id = string_at(s, "id", NULL, NULL);
	const char *staff = string_at(s, "actor", "account", "name");
	const char *object = string_at(s, "object", "id", NULL);
	const char *stamp = string_at(s, "timestamp", NULL, NULL);
	const cJSON *scaled = path(s, "result", "score", "scaled");
	const char *module = NULL;
	care_completion rec = CARE_COMPLETION_INIT;
	care_timestamp ts;
	char made[37], date[11];
	size_t before = care_issues_errors(im->issues);
	int stored = 0, rc;
	care__check c;

	if (id && care_ids__find(im->ds, CARE_KIND_COMPLETION, id) != CARE__NO) {
		im->r->present++;
		return 0;
	}
	if (staff == NULL)
		issue(im, CARE_ISSUE_REQUIRED, id, index, "actor.account.name",
		      "actor.account.name is required");
	else if (care_ids__find(im->ds, CARE_KIND_STAFF, staff) == CARE__NO)
		issue(im, CARE_ISSUE_DANGLING_REF, id, index, "actor.account.name",
		      "the statement's actor is no member of staff");
	if (object == NULL)
		issue(im, CARE_ISSUE_REQUIRED, id, index, "object.id", "object.id is required");
	else if ((module = module_of(im->ds, object)) == NULL)
		issue(im, CARE_ISSUE_DANGLING_REF, id, index, "object.id",
		      "no module has the statement's activity as its xapi_activity");
	if (stamp == NULL)
		issue(im, CARE_ISSUE_REQUIRED, id, index, "timestamp", "timestamp is required");
	else if (care_timestamp_parse(&ts, stamp, strlen(stamp)) != 0)
		issue(im, CARE_ISSUE_BAD_DATE, id, index, "timestamp",
		      "timestamp is not an RFC 3339 timestamp");
	if (care_issues_errors(im->issues) > before) {
		im->r->rejected++;
		keep(im, s);
		return 0;
	}
	rec.id = id;
	rec.staff = staff;
	rec.module = module;
	rec.completed_on = ts.date;
	rec.outcome = (care_completion_outcome)outcome;
	rec.score = cJSON_IsNumber(scaled) ? percent(scaled->valuedouble) : NAN;
	rec.source = "xapi";
	if (id == NULL) {
		/* Without an id, the generated one says whether it was imported before. */
		care_completion_make_id(made, staff, module, care_date_format(date, ts.date),
		                        care_enum_name(CARE_ENUM_COMPLETION_OUTCOME, outcome));
		if (care_ids__find(im->ds, CARE_KIND_COMPLETION, made) != CARE__NO) {
			im->r->present++;
			return 0;
		}
	}
	care_kinds__begin(&c, im->ds, im->issues, CARE_KIND_COMPLETION, id ? id : made, index);
	if ((rc = care_kinds__accept(&c, &rec, &stored)) != 0 || c.nomem)
		return CARE_ENOMEM;
	if (stored) {
		im->r->added++;
	} else {
		im->r->rejected++;
		keep(im, s);
	}
	return 0;
}

/* Remove the completions marked in im->remove, and index the rest again. */
static int compact(importer *im)
{
	size_t i, j = care_records__remove_completions(im->ds, im->remove);
	char buf[37];

	care_idindex__free(&im->ds->ids[CARE_KIND_COMPLETION]);
	if (care_ids__reserve(im->ds, CARE_KIND_COMPLETION, j) != 0)
		return CARE_ENOMEM;
	for (i = 0; i < j; i++)
		care_ids__put(im->ds, CARE_KIND_COMPLETION, (uint32_t)i,
		              care_ids__completion(im->ds, i, buf));
	return 0;
}

static int voids(importer *im, cJSON *const *all, size_t n, const unsigned char *is_void)
{
	size_t i, removed = 0;

	if (care__grow((void **)&im->remove, &im->remove_cap, im->ds->completions.count + 1, 1))
		return CARE_ENOMEM;
	memset(im->remove, 0, im->remove_cap);
	for (i = 0; i < n; i++) {
		const char *target;
		uint32_t at;
		if (!is_void[i])
			continue;
		target = string_at(all[i], "object", "id", NULL);
		if (target == NULL) {
			issue(im, CARE_ISSUE_REQUIRED, string_at(all[i], "id", NULL, NULL), (long)i,
			      "object.id", "object.id is required");
			im->r->rejected++;
			keep(im, all[i]);
			continue;
		}
		at = care_ids__find(im->ds, CARE_KIND_COMPLETION, target);
		if (at == CARE__NO || im->remove[at]) {
			im->r->skipped++;
			continue;
		}
		im->remove[at] = 1;
		removed++;
	}
	im->r->removed += removed;
	return removed ? compact(im) : 0;
}

static int outcome_of(const char *verb)
{
	static const char *const names[] = {VERBS "completed", VERBS "passed", VERBS "failed"};
	static const int outcomes[] = {CARE_COMPLETION_COMPLETED, CARE_COMPLETION_PASSED,
	                               CARE_COMPLETION_FAILED};
	int i;

	for (i = 0; i < 3; i++)
		if (verb && strcmp(verb, names[i]) == 0)
			return outcomes[i];
	return verb && strcmp(verb, VERBS "voided") == 0 ? -2 : -1;
}

/* A text that cJSON would not parse: CARE_ESYNTAX when it is not JSON, else CARE_ENOMEM. */
static int why_not(const char *text, size_t len)
{
	care__json_doc scan = {0};
	long line = 0, column = 0;
	const char *reason = NULL;
	int rc = care_json__scan(&scan, text, len, &line, &column, &reason);

	care_json__doc_free(&scan);
	return rc == CARE_ESYNTAX ? CARE_ESYNTAX : CARE_ENOMEM;
}

/* The statements of the text: *all receives them (NULL for a line that is not JSON). */
static int split(cJSON ***all, size_t *n, long **lines, const char *text, size_t len, cJSON **array)
{
	size_t i = 0, cap = 0, lcap = 0;
	long line = 1;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	*n = 0;
	if (i < len && text[i] == '[') {
		const cJSON *s;
		*array = cJSON_ParseWithLength(text, len);
		if (*array == NULL)
			return why_not(text, len);
		if (!cJSON_IsArray(*array))
			return CARE_ESYNTAX;
		cJSON_ArrayForEach(s, *array)
		{
			if (care__grow((void **)all, &cap, *n + 1, sizeof **all))
				return CARE_ENOMEM;
			(*all)[(*n)++] = (cJSON *)s;
		}
		return 0;
	}
	for (i = 0; i < len; line++) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, k;
		for (k = i; k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r'); k++)
			;
		if (k < end) {
			if (care__grow((void **)all, &cap, *n + 1, sizeof **all) ||
			    care__grow((void **)lines, &lcap, *n + 1, sizeof **lines))
				return CARE_ENOMEM;
			(*all)[*n] = cJSON_ParseWithLength(text + i, end - i);
			(*lines)[(*n)++] = line;
			if ((*all)[*n - 1] == NULL && why_not(text + i, end - i) == CARE_ENOMEM)
				return CARE_ENOMEM;
		}
		i = end + 1;
	}
	return 0;
}

int care_dataset_import_xapi(care_dataset *ds, care_xapi_result *result, care_issues **issues,
                             const char *text, size_t len)
{
	importer im;
	cJSON **all = NULL, *array = NULL;
	long *lines = NULL;
	unsigned char *is_void = NULL;
	size_t n = 0, i;
	int rc;

	if (issues)
		*issues = NULL;
	if (ds == NULL || result == NULL || (text == NULL && len > 0))
		return care__error(CARE_EINVAL, "care_dataset_import_xapi: bad argument");
	memset(result, 0, sizeof *result);
	memset(&im, 0, sizeof im);
	im.ds = ds;
	im.r = result;
	im.issues = care_issues__new();
	if (im.issues == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	rc = split(&all, &n, &lines, text ? text : "", len, &array);
	if (rc == CARE_ESYNTAX) {
		care_issues__add(im.issues, CARE_ISSUE_SYNTAX, CARE_KIND_DATASET, NULL, -1, NULL, 0,
		                 0, "the statements are neither a JSON array nor one per line");
		care__error(CARE_ESYNTAX,
		            "the statements are neither a JSON array nor one per line");
		goto done;
	}
	/* The completion ids made ready first (a seal released them): compact() indexes anew. */
	if (rc == 0 && ((is_void = care__calloc(n + 1, 1)) == NULL || care_dataset__own(ds) != 0 ||
	                care_ids__completions_ready(ds) != 0))
		rc = CARE_ENOMEM;
	if (rc == 0)
		care_dataset__unseal(ds);
	for (i = 0; i < n && rc == 0; i++) {
		int outcome;
		if (all[i] == NULL) {
			care_issues__add(im.issues, CARE_ISSUE_SYNTAX, CARE_KIND_COMPLETION, NULL,
			                 (long)i, NULL, lines[i], 1, "line %ld is not JSON",
			                 lines[i]);
			result->rejected++;
			continue;
		}
		outcome = outcome_of(string_at(all[i], "verb", "id", NULL));
		if (outcome == -2)
			is_void[i] = 1;
		else if (outcome == -1)
			result->skipped++;
		else
			rc = statement(&im, all[i], (long)i, outcome);
	}
	if (rc == 0)
		rc = voids(&im, all, n, is_void);
	if (rc == 0)
		rc = care_dataset_seal(ds);
	if (rc == 0 && im.rejected_written)
		care_buf__puts(&im.rejects, "\n]\n");
	if (rc == 0 && (care_issues__failed(im.issues) || im.rejects.failed))
		rc = CARE_ENOMEM;
	if (rc == 0 && im.rejected_written &&
	    care_buf__finish(&im.rejects, &result->rejects, &result->rejects_len) != 0)
		rc = CARE_ENOMEM;
	if (rc == CARE_ENOMEM)
		care__error(CARE_ENOMEM, "care_dataset_import_xapi: out of memory");
done:
	for (i = 0; array == NULL && i < n; i++)
		cJSON_Delete(all[i]);
	cJSON_Delete(array);
	care__free(all);
	care__free(lines);
	care__free(is_void);
	care__free(im.remove);
	care_buf__free(&im.rejects);
	if (rc != 0 && rc != CARE_ESYNTAX)
		care_xapi_result_clear(result);
	if (issues && rc != CARE_ENOMEM)
		*issues = im.issues;
	else
		care_issues_free(im.issues);
	return rc;
}

void care_xapi_result_clear(care_xapi_result *result)
{
	if (result == NULL)
		return;
	care__free(result->rejects);
	memset(result, 0, sizeof *result);
}
