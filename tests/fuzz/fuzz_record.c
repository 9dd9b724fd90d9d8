/*
 * libFuzzer target for validating one record on its own (care_record_validate): the first
 * byte chooses the record kind, the rest is the record's JSON text. Any input gives 0,
 * CARE_EINVALID or CARE_ESYNTAX with its issues, never a crash; the issues always make JSON.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	care_issues *issues = NULL;
	care_kind kind;
	char *json = NULL;
	int rc;

	if (size < 1)
		return 0;
	kind = (care_kind)(CARE_KIND_UNIT + data[0] % (CARE_KIND_COUNT - 1));
	rc = care_record_validate(&issues, kind, (const char *)data + 1, size - 1);
	if (rc != 0 && rc != CARE_EINVALID && rc != CARE_ESYNTAX && rc != CARE_ENOMEM)
		abort();
	if (rc != CARE_ENOMEM && issues == NULL)
		abort();
	if (issues != NULL && care_issues_to_json(&json, issues) != 0)
		abort();
	care_free(json);
	care_issues_free(issues);
	return 0;
}
