/*
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

static const char file[] =
    "{\"format\":\"libcare-dataset\",\"version\":1,\"units\":["
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ids_and_text_holding_a_nul_are_rejected),
	    cmocka_unit_test(a_record_on_its_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
