/*
 * Importing xAPI statements: verbs, local dates, scores, ids (a second import adds nothing),
 * voiding after the others, rejects kept whole, a line that is not JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

static const char dataset[] =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'PA','name':'Patient Access'}],"
    "'roles':[{'id':'REC','title':'Receptionist','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':[]}],"
    "'modules':[{'id':'CC','title':'Customer care','validity_months':12,'delivery':'e-learning',"
    "'pass_mark':80,'xapi_activity':'https://example.org/xapi/cc'},"
    "{'id':'CC2','title':'Same activity, later','validity_months':12,'delivery':'e-learning',"
    "'xapi_activity':'https://example.org/xapi/cc'}],"
    "'staff':[{'id':'S1','started_on':'2020-01-06','assignments':[{'role':'REC','unit':'PA',"
    "'from':'2020-01-06'}]},{'id':'S2','started_on':'2020-01-06','assignments':[{'role':'REC',"
    "'unit':'PA','from':'2020-01-06'}]}],"
    "'completions':[{'id':'C2','staff':'S2','module':'CC','completed_on':'2025-01-01',"
    "'outcome':'completed'}]}";

static const care_issue *find_issue(const care_issues *issues, long index)
{
	size_t i;

	for (i = 0; i < care_issues_count(issues); i++)
		if (care_issues_get(issues, i)->index == index)
			return care_issues_get(issues, i);
	return NULL;
}

static void import_lines(void **state)
{
	care_dataset *ds = load(dataset, END);
	care_xapi_result r;
	care_issues *issues = NULL;
	size_t len, at;
	char *text = slurp("tests/data/xapi/statements.jsonl", &len);
	const care_issue *is;
	char *dump = NULL;
	cJSON *rejects;
	(void)state;

	assert_non_null(text);
	assert_int_equal(care_dataset_import_xapi(ds, &r, &issues, text, len), 0);
	/* passed S1 (0.915 -> 91.5, local date 2026-03-29) and the id-less completion of S2. */
	assert_int_equal(r.added, 2);
	assert_int_equal(r.present, 0);
	assert_int_equal(r.removed, 1);  /* C2, present before */
	assert_int_equal(r.skipped, 2);  /* experienced; a void without a target */
	assert_int_equal(r.rejected, 3); /* not JSON; NOBODY; below the pass mark */
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), 2);
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, "C2"), CARE_ENOTFOUND);
	assert_int_equal(care_dataset_dump(&dump, NULL, ds), 0);
	assert_non_null(strstr(dump, "\"id\":\"5f0d7a9e-0001-4000-8000-000000000001\",\"staff\":"
	                             "\"S1\",\"module\":\"CC\",\"completed_on\":\"2026-03-29\","
	                             "\"outcome\":\"passed\",\"score\":91.5,\"source\":\"xapi\""));
	assert_non_null(strstr(dump, "\"completed_on\":\"2025-06-30\",\"outcome\":\"completed\""));
	care_free(dump);
	/* Issues by statement position: the line that is not JSON (line 3, statement 2). */
	is = find_issue(issues, 2);
	assert_non_null(is);
	assert_int_equal(is->code, CARE_ISSUE_SYNTAX);
	assert_int_equal(is->line, 3);
	is = find_issue(issues, 3);
	assert_non_null(is);
	assert_int_equal(is->code, CARE_ISSUE_DANGLING_REF);
	assert_string_equal(is->field, "actor.account.name");
	is = find_issue(issues, 5);
	assert_non_null(is);
	assert_int_equal(is->code, CARE_ISSUE_SCORE_BELOW_PASS_MARK);
	/* The rejected statements, whole: a JSON array of the two that were JSON. */
	rejects = cJSON_ParseWithLength(r.rejects, r.rejects_len);
	assert_non_null(rejects);
	assert_int_equal(cJSON_GetArraySize(rejects), 2);
	cJSON_Delete(rejects);
	care_xapi_result_clear(&r);
	care_issues_free(issues);

	/* A second import adds nothing: every imported statement is already present. */
	assert_int_equal(care_dataset_import_xapi(ds, &r, NULL, text, len), 0);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.present, 2);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), 2);
	care_xapi_result_clear(&r);
	free(text);
	unload(ds);
}

static void import_array_and_rounding(void **state)
{
	care_dataset *ds = load(dataset, END);
	care_xapi_result r;
	static const char text[] =
	    "[{\"id\":\"a1\",\"actor\":{\"account\":{\"name\":\"S1\"}},\"verb\":{\"id\":"
	    "\"http://adlnet.gov/expapi/verbs/passed\"},\"object\":{\"id\":"
	    "\"https://example.org/xapi/cc\"},\"result\":{\"score\":{\"scaled\":0.98765}},"
	    "\"timestamp\":\"2026-01-02T03:04:05.678Z\"},"
	    "{\"id\":\"a2\",\"actor\":{\"account\":{\"name\":\"S1\"}},\"verb\":{\"id\":"
	    "\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"id\":\"a1\"}},"
	    "{\"id\":\"a3\",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
	    "\"object\":{\"id\":\"https://example.org/xapi/"
	    "cc\"},\"timestamp\":\"2026-01-02T00:00:00Z\"}]";
	care_issues *issues = NULL;
	char *dump = NULL;
	(void)state;

	/* The void comes after the statement it voids, whatever the order. */
	assert_int_equal(care_dataset_import_xapi(ds, &r, &issues, text, sizeof text - 1), 0);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.removed, 1);
	assert_int_equal(r.rejected, 1);
	assert_string_equal(care_issues_get(issues, 0)->field, "actor.account.name");
	assert_int_equal(care_issues_get(issues, 0)->code, CARE_ISSUE_REQUIRED);
	assert_int_equal(care_issues_get(issues, 0)->index, 2);
	assert_int_equal(care_dataset_dump(&dump, NULL, ds), 0);
	assert_null(strstr(dump, "\"a1\""));
	care_free(dump);
	care_xapi_result_clear(&r);
	care_issues_free(issues);
	unload(ds);

	/* 0.98765 x 100 = 98.765 -> 98.77 (halves away from zero) */
	ds = load(dataset, END);
	assert_int_equal(care_dataset_import_xapi(ds, &r, NULL, text, 300), CARE_ESYNTAX);
	care_xapi_result_clear(&r);
	assert_int_equal(care_dataset_import_xapi(
	                     ds, &r, NULL, strchr(text, '{'),
	                     (size_t)(strstr(text, "},{\"id\":\"a2\"") - strchr(text, '{')) + 1),
	                 0);
	assert_int_equal(r.added, 1);
	assert_int_equal(care_dataset_dump(&dump, NULL, ds), 0);
	assert_non_null(strstr(dump, "\"score\":98.77"));
	care_free(dump);
	care_xapi_result_clear(&r);
	unload(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(import_lines),
	    cmocka_unit_test(import_array_and_rounding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
