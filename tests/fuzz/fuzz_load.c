/*
 * libFuzzer target for the dataset loader: any input must load or fail cleanly, and whatever
 * loads must survive the round trip of SPEC 3.2: its dump loads again without an error, and
 * the dump of that is byte-identical to the first dump.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

	(void)care_dataset_load_buffer(&ds, &issues, (const char *)data, size, NULL);
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
