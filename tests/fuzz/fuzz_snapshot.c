/*
 * libFuzzer target for the snapshot reader: any input must open or fail cleanly with
 * CARE_EFORMAT. Each input is tried twice: as it is (the checks of the header, the table
 * and the checksums) and with its checksums recomputed (so the fuzzer also reaches the
 * checks of every value behind them). Whatever opens must dump and report.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_open(const unsigned char *data, size_t size)
{
	care_dataset *ds = NULL;
	care_report *r = NULL;
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	char *dump = NULL;
	int rc = care_snapshot_read__image(&ds, data, size, "fuzz.care");

	if (rc != 0) {
		if (ds != NULL || (rc != CARE_EFORMAT && rc != CARE_ENOMEM))
			abort();
		return;
	}
	if (care_dataset_dump(&dump, NULL, ds) != 0)
		abort();
	care_free(dump);
	o.as_of = 20000; /* 2024-10-04 */
	o.group_by = CARE_GROUP_UNIT;
	if (care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o) == 0)
		care_report_free(r);
	care_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);

	if (copy == NULL)
		return 0;
	try_open(data, size);
	memcpy(copy, data, size);
	care_snapshot_sum__reseal(copy, size);
	try_open(copy, size);
	free(copy);
	return 0;
}
