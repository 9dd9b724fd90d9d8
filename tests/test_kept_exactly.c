/*
 * What loads is kept exactly, and saved back exactly, or rejected with an
 * issue; never changed quietly.
 *
 * Numbers are saved in the shortest form that reads back to the same double;
 * timestamps as written (a fraction's digits, Z, +00:00 and -00:00).
 *
 * "\u0000" in a string: cJSON keeps strings NUL-terminated, so it would cut
 * the string short and quietly change it ("U1\u0000X" would load as "U1"
 * and clash with a real U1). What loads is kept exactly or rejected with an
 * issue: an id or text holding a NUL is rejected (bad-id, bad-text); an
 * escaped backslash before "u0000" is ordinary text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"

static const char file[] = "{\"format\":\"libcare-dataset\",\"version\":1,\"units\":["
                           "{\"id\":\"U1\\u0000X\",\"name\":\"A\"},"
                           "{\"id\":\"U1\",\"name\":\"B\\u0000\"},"
                           "{\"id\":\"U2\",\"name\":\"\\\\u0000 is text\"},"
                           "{\"id\":\"U3\",\"name\":\"C\",\"id\\u0000\":\"U9\"}]}";

static void ids_and_text_holding_a_nul_are_rejected(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const care_issue *i;
	size_t at;

	(void)state;
	assert_int_equal(care_dataset_load_buffer(&ds, &issues, file, strlen(file), NULL), 0);
	assert_int_equal(care_issues_count(issues), 3);
	i = care_issues_get(issues, 0);
	assert_int_equal(i->code, CARE_ISSUE_BAD_ID);
	assert_int_equal(i->index, 0);
	assert_non_null(strstr(i->message, "NUL"));
	i = care_issues_get(issues, 1);
	assert_int_equal(i->code, CARE_ISSUE_BAD_TEXT);
	assert_string_equal(i->id, "U1");
	assert_string_equal(i->field, "name");
	/* A key holding a NUL is not "id": an unknown field, not a second id. */
	i = care_issues_get(issues, 2);
	assert_int_equal(i->code, CARE_ISSUE_UNKNOWN_FIELD);
	assert_string_equal(i->id, "U3");
	/* U1 (the second record) was rejected for its name: U2 and U3 load. */
	assert_int_equal(care_dataset_count(ds, CARE_KIND_UNIT), 2);
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_UNIT, "U2"), 0);
	assert_int_equal(care_dataset_rejected_count(ds, CARE_KIND_UNIT), 2);
	care_issues_free(issues);
	care_dataset_free(ds);
}

/* One record on its own gets the same answer. */
static void a_record_on_its_own(void **state)
{
	static const char unit[] = "{\"id\":\"U\\u0000\",\"name\":\"N\"}";
	care_issues *issues = NULL;

	(void)state;
	assert_int_equal(care_record_validate(&issues, CARE_KIND_UNIT, unit, strlen(unit)),
	                 CARE_EINVALID);
	assert_int_equal(care_issues_get(issues, 0)->code, CARE_ISSUE_BAD_ID);
	care_issues_free(issues);
}

static const char exact[] =
    "{\"format\":\"libcare-dataset\",\n\"version\":1,\n"
    "\"units\":[\n{\"id\":\"U\",\"name\":\"N\"}\n],\n"
    "\"roles\":[\n{\"id\":\"R\",\"title\":\"T\",\"staff_group\":\"admin-clerical\","
    "\"patient_facing\":true,\"clinical\":false,\"requirements\":[]}\n],\n"
    "\"modules\":[\n{\"id\":\"M\",\"title\":\"T\",\"validity_months\":12,"
    "\"delivery\":\"e-learning\",\"pass_mark\":99.99999999999999,"
    "\"cost_pence\":9007199254740992}\n],\n"
    "\"staff\":[\n{\"id\":\"S\",\"started_on\":\"2020-01-01\",\"assignments\":["
    "{\"role\":\"R\",\"unit\":\"U\",\"from\":\"2020-01-01\"}]}\n],\n"
    "\"completions\":[\n{\"id\":\"C\",\"staff\":\"S\",\"module\":\"M\","
    "\"completed_on\":\"2025-01-01\",\"outcome\":\"completed\",\"score\":0.30000000000000004}\n],\n"
    "\"interactions\":[\n"
    "{\"id\":\"I1\",\"staff\":\"S\",\"at\":\"2026-01-01T10:00:00-00:00\",\"channel\":\"phone\","
    "\"kind\":\"booking\",\"outcome\":\"resolved\"},\n"
    "{\"id\":\"I2\",\"staff\":\"S\",\"at\":\"2026-01-01T10:00:00.120000000+00:00\","
    "\"channel\":\"phone\",\"kind\":\"booking\",\"outcome\":\"resolved\"},\n"
    "{\"id\":\"I3\",\"staff\":\"S\",\"at\":\"2026-01-01T10:00:60.5Z\",\"channel\":\"phone\","
    "\"kind\":\"booking\",\"outcome\":\"resolved\"}\n],\n"
    "\"complaints\":[]}\n";

/* The canonical file of this dataset is the text itself: nothing was rounded or rewritten. */
static void numbers_and_timestamps_are_saved_as_read(void **state)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *out;
	size_t len;

	(void)state;
	assert_int_equal(care_dataset_load_buffer(&ds, &issues, exact, strlen(exact), NULL), 0);
	assert_int_equal(care_issues_count(issues), 0);
	assert_int_equal(care_dataset_dump(&out, &len, ds), 0);
	assert_string_equal(out, exact);
	care_free(out);
	care_issues_free(issues);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ids_and_text_holding_a_nul_are_rejected),
	    cmocka_unit_test(a_record_on_its_own),
	    cmocka_unit_test(numbers_and_timestamps_are_saved_as_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
