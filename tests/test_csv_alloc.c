/*
 * Every allocation of a CSV load (with a mapping, owned rows, rejects and issues), of writing
 * the CSV form and of an xAPI import may fail: the call then says CARE_ENOMEM and leaks nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

static const char units[] = "id,name,parent\nPA,Patient Access,OPS\nOPS,Operations,\nX,Loop,X\n";
static const char roles[] = "id,title,staff_group,Patient Facing,clinical\n"
                            "REC,Receptionist,admin-clerical,Y,false\n";
static const char requirements[] = "role,competency,due_within_days\nREC,cc,90\nNOPE,cc,1\n";
static const char modules[] = "id,title,validity_months,delivery,pass_mark,xapi_activity\n"
                              "CC,Customer care,12,e-learning,80,https://example.org/cc\n";
static const char staff[] = "id,started_on,left_on,role,unit,from,manager\n"
                            "S1,01/02/2020,,REC,PA,01/02/2020,S2\n"
                            "S1,01/02/2020,,REC,OPS,01/03/2020,S9\n"
                            "S2,01/02/2020,31/13/2020,REC,PA,01/02/2020,\n";
static const char completions[] = "staff,module,completed_on,outcome,score\n"
                                  "S1,CC,01/02/2024,passed,91.5\nS2,CC,01/02/2024,passed,1\n";
static const char mapping[] =
    "{\"format\":\"libcare-csv-mapping\",\"version\":1,\"lists\":{"
    "\"roles\":{\"columns\":{\"patient_facing\":\"Patient Facing\"},"
    "\"values\":{\"patient_facing\":{\"Y\":\"true\",\"N\":\"false\"}}},"
    "\"staff\":{\"file\":\"esr.csv\",\"date_format\":\"DD/MM/YYYY\"},"
    "\"assignments\":{\"file\":\"esr.csv\",\"date_format\":\"DD/MM/YYYY\",\"columns\":"
    "{\"staff\":\"id\"}},"
    "\"completions\":{\"date_format\":\"DD/MM/YYYY\"}}}";
static const char statements[] =
    "{\"id\":\"x1\",\"actor\":{\"account\":{\"name\":\"S1\"}},\"verb\":{\"id\":"
    "\"http://adlnet.gov/expapi/verbs/passed\"},\"object\":{\"id\":\"https://example.org/cc\"},"
    "\"result\":{\"score\":{\"scaled\":0.9}},\"timestamp\":\"2026-01-02T03:04:05Z\"}\n"
    "not json\n"
    "{\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"id\":\"x1\"}}\n";

static int round_trip(void)
{
	care_csv_file files[6] = {{"units.csv", units, sizeof units - 1},
	                          {"roles.csv", roles, sizeof roles - 1},
	                          {"requirements.csv", requirements, sizeof requirements - 1},
	                          {"modules.csv", modules, sizeof modules - 1},
	                          {"esr.csv", staff, sizeof staff - 1},
	                          {"completions.csv", completions, sizeof completions - 1}};
	care_csv_mapping *map = NULL;
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	care_xapi_result r;
	int rc = care_csv_mapping_parse(&map, mapping, sizeof mapping - 1);

	if (rc == 0)
		rc = care_dataset_load_csv_files(&ds, &issues, files, 6, map, NULL);
	if (rc == 0 && care_dataset_count(ds, CARE_KIND_STAFF) != 1)
		rc = -100; /* S1 kept, S2 rejected */
	if (rc == 0) {
		rc = care_dataset_import_xapi(ds, &r, NULL, statements, sizeof statements - 1);
		care_xapi_result_clear(&r);
	}
	care_issues_free(issues);
	care_dataset_free(ds);
	care_csv_mapping_free(map);
	return rc;
}

static void every_allocation_may_fail(void **state)
{
	long n, total, recovered = 0;

	(void)state;
	assert_int_equal(care_set_allocator(&test_allocator), 0);
	test_alloc_fail_at = 0;
	test_alloc_calls = 0;
	test_alloc_live = 0;
	assert_int_equal(round_trip(), 0);
	assert_int_equal(test_alloc_live, 0);
	total = test_alloc_calls;
	assert_true(total > 50);
	for (n = 1; n <= total; n++) {
		int rc;
		test_alloc_fail_at = n;
		test_alloc_calls = 0;
		test_alloc_live = 0;
		rc = round_trip();
		/* 0 too: libcsv asks again for a smaller buffer when growing one fails. */
		if (rc != CARE_ENOMEM && rc != 0)
			fail_msg("allocation %ld of %ld: expected CARE_ENOMEM, got %d", n, total,
			         rc);
		recovered += rc == 0;
		if (test_alloc_live != 0)
			fail_msg("allocation %ld of %ld failed: %ld blocks leaked", n, total,
			         test_alloc_live);
	}
	test_alloc_fail_at = 0;
	/* Only the few growths of libcsv's cell buffer recover. */
	assert_true(recovered < 10);
	assert_int_equal(care_set_allocator(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_allocation_may_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
