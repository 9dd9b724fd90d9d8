/*
 * libFuzzer target for the xAPI importer: any input (an array of statements, or one per line)
 * must import or fail cleanly into a small dataset, and a second import of the same input must
 * add nothing.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char dataset[] =
    "{\"format\":\"libcare-dataset\",\"version\":1,"
    "\"units\":[{\"id\":\"PA\",\"name\":\"Patient Access\"}],"
    "\"roles\":[{\"id\":\"REC\",\"title\":\"Receptionist\",\"staff_group\":\"admin-clerical\","
    "\"patient_facing\":true,\"clinical\":false,\"requirements\":[]}],"
    "\"modules\":[{\"id\":\"CC\",\"title\":\"Customer care\",\"validity_months\":12,"
    "\"delivery\":\"e-learning\",\"pass_mark\":80,\"xapi_activity\":\"https://example.org/cc\"}],"
    "\"staff\":[{\"id\":\"S1\",\"started_on\":\"2020-01-06\",\"assignments\":[{\"role\":\"REC\","
    "\"unit\":\"PA\",\"from\":\"2020-01-06\"}]}],"
    "\"completions\":[{\"id\":\"C1\",\"staff\":\"S1\",\"module\":\"CC\","
    "\"completed_on\":\"2025-01-01\",\"outcome\":\"completed\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	care_xapi_result r, again;
	int rc;

	if (care_dataset_load_buffer(&ds, NULL, dataset, sizeof dataset - 1, NULL) != 0)
		abort();
	rc = care_dataset_import_xapi(ds, &r, &issues, (const char *)data, size);
	care_issues_free(issues);
	if (rc == 0) {
		if (care_dataset_import_xapi(ds, &again, NULL, (const char *)data, size) != 0 ||
		    (again.added != 0 && r.removed == 0))
			abort();
		care_xapi_result_clear(&again);
	}
	care_xapi_result_clear(&r);
	care_dataset_free(ds);
	return 0;
}
