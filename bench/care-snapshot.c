/*
 * Snapshots from the command line, for the benchmarks (bench/peers/run.sh):
 *
 *   care-snapshot convert DATASET.json OUT.care   load the file, write its snapshot
 *   care-snapshot report FILE [--as-of D]         open the snapshot (or load FILE when it
 *                                                 is a dataset file), print the compliance
 *                                                 report grouped by unit as JSON
 *
 * Timings go to stderr as "name seconds" lines: load (a dataset file), save, open (a
 * snapshot), report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "care.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int fail(const char *what, int rc)
{
	fprintf(stderr, "care-snapshot: %s: %s (%s)\n", what, care_error_last(), care_strerror(rc));
	return 1;
}

static int convert(const char *in, const char *out)
{
	care_dataset *ds = NULL;
	double t0 = now(), t1;
	int rc = care_dataset_load_file(&ds, NULL, in, NULL);

	if (rc != 0)
		return fail(in, rc);
	t1 = now();
	fprintf(stderr, "load %.3f\n", t1 - t0);
	rc = care_dataset_save_snapshot(ds, out);
	fprintf(stderr, "save %.3f\n", now() - t1);
	care_dataset_free(ds);
	return rc ? fail(out, rc) : 0;
}

static int report(const char *path, const char *as_of)
{
	care_dataset *ds = NULL;
	care_report *r = NULL;
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	char *json = NULL;
	double t0 = now(), t1;
	int rc = care_dataset_open_snapshot(&ds, path);
	const char *how = "open";

	if (rc == CARE_EFORMAT && strstr(care_error_last(), "magic")) {
		how = "load";
		rc = care_dataset_load_file(&ds, NULL, path, NULL);
	}
	if (rc != 0)
		return fail(path, rc);
	t1 = now();
	fprintf(stderr, "%s %.3f\n", how, t1 - t0);
	if (care_date_parse(&o.as_of, as_of, strlen(as_of)) != 0)
		return fail(as_of, CARE_EINVAL);
	o.group_by = CARE_GROUP_UNIT;
	rc = care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &o);
	if (rc == 0)
		rc = care_report_to_json(&json, r);
	if (rc != 0)
		return fail("report", rc);
	fprintf(stderr, "report %.3f\n", now() - t1);
	printf("%s\n", json);
	care_free(json);
	care_report_free(r);
	care_dataset_free(ds);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "convert") == 0)
		return convert(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "report") == 0)
		return report(argv[2], "2026-03-31");
	if (argc == 5 && strcmp(argv[1], "report") == 0 && strcmp(argv[3], "--as-of") == 0)
		return report(argv[2], argv[4]);
	fprintf(stderr, "usage: care-snapshot convert DATASET.json OUT.care\n"
	                "       care-snapshot report FILE [--as-of YYYY-MM-DD]\n");
	return 2;
}
