/*
 * libFuzzer target for the dataset loader: any input must load or fail cleanly, and whatever
 * loads must survive the round trip of SPEC 3.2: its dump loads again without an error, and
 * the dump of that is byte-identical to the first dump. Every input is also loaded with its
 * scan on a second thread beside the record pass (as a big file is), held back at once, and
 * with its completion ids checked one by one rather than all at once after their list: each
 * must give the same result, issues and dump.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/load_along.h"

/* The input loaded beside its scan (`beside`), or with completion ids checked one by one:
 * the same as `ds` and `issues` (loaded the usual way). */
static void same_other_way(const uint8_t *data, size_t size, int rc, const care_dataset *ds,
                           const care_issues *issues, int beside)
{
	care_dataset *other = NULL;
	care_issues *other_issues = NULL;
	char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0, i;
	int other_rc;

	if (beside) {
		care_load__along_from = 0;
		care_along__lead = 4096;
		care_along__ring = 1;
	} else {
		care_load__precise = 1;
	}
	other_rc = care_dataset_load_buffer(&other, &other_issues, (const char *)data, size, NULL);
	care_load__along_from = (size_t)32 << 20;
	care_along__lead = (size_t)16 << 20;
	care_along__ring = 32768;
	care_load__precise = 0;
	if (other_rc != rc || (other == NULL) != (ds == NULL) ||
	    care_issues_count(other_issues) != care_issues_count(issues))
		abort();
	for (i = 0; i < care_issues_count(issues); i++)
		if (strcmp(care_issues_get(issues, i)->message,
		           care_issues_get(other_issues, i)->message) != 0)
			abort();
	if (ds != NULL) {
		if (care_dataset_dump(&a, &la, ds) != 0 || care_dataset_dump(&b, &lb, other) != 0 ||
		    la != lb || memcmp(a, b, la) != 0)
			abort();
	}
	care_free(a);
	care_free(b);
	care_issues_free(other_issues);
	care_dataset_free(other);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	care_dataset *ds = NULL;
	care_dataset *again = NULL;
	care_issues *issues = NULL;
	care_issues *again_issues = NULL;
	char *dump = NULL;
	char *second = NULL;
	size_t dump_len = 0;
	size_t second_len = 0;

	int rc = care_dataset_load_buffer(&ds, &issues, (const char *)data, size, NULL);

	same_other_way(data, size, rc, ds, issues, 1);
	same_other_way(data, size, rc, ds, issues, 0);
	care_issues_free(issues);
	if (ds == NULL)
		return 0;

	if (care_dataset_dump(&dump, &dump_len, ds) != 0)
		abort();
	if (care_dataset_load_buffer(&again, &again_issues, dump, dump_len, NULL) != 0 ||
	    again == NULL || care_issues_errors(again_issues) != 0)
		abort();
	if (care_dataset_dump(&second, &second_len, again) != 0)
		abort();
	if (second_len != dump_len || memcmp(dump, second, dump_len) != 0)
		abort();

	care_free(second);
	care_free(dump);
	care_issues_free(again_issues);
	care_dataset_free(again);
	care_dataset_free(ds);
	return 0;
}
