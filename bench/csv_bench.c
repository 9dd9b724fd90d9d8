/*
 * csv-bench — the CSV loader's throughput against the dataset file loader's (MB/s).
 *
 *   care-gen --preset national --staff 150000 --out /tmp/national.json
 *   csv-bench /tmp/national.json /tmp/national-csv
 *
 * Loads the dataset file, writes its CSV form into the folder, loads that, checks that both
 * give the same canonical text, and prints the size, time and MB/s of each load.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "care.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double folder_bytes(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	double total = 0;
	char path[4096];
	struct stat st;

	while (d && (e = readdir(d)) != NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			total += (double)st.st_size;
	}
	if (d)
		closedir(d);
	return total;
}

int main(int argc, char **argv)
{
	care_dataset *a = NULL, *b = NULL;
	char *ta = NULL, *tb = NULL;
	struct stat st;
	double t0, t1, t2, json_mb, csv_mb;
	int rc;

	if (argc != 3) {
		fputs("usage: csv-bench DATASET.json CSV-FOLDER\n", stderr);
		return 2;
	}
	if (stat(argv[1], &st) != 0)
		return perror(argv[1]), 1;
	json_mb = (double)st.st_size / 1e6;
	t0 = now();
	if ((rc = care_dataset_load_file(&a, NULL, argv[1], NULL)) != 0)
		return fprintf(stderr, "%s: %s\n", argv[1], care_error_last()), 1;
	t1 = now();
	if ((rc = care_dataset_save_csv(a, argv[2])) != 0)
		return fprintf(stderr, "%s: %s\n", argv[2], care_error_last()), 1;
	csv_mb = folder_bytes(argv[2]) / 1e6;
	t2 = now();
	if ((rc = care_dataset_load_csv(&b, NULL, argv[2], NULL, NULL)) != 0)
		return fprintf(stderr, "%s: %s\n", argv[2], care_error_last()), 1;
	t2 = now() - t2;
	if (care_dataset_dump(&ta, NULL, a) != 0 || care_dataset_dump(&tb, NULL, b) != 0 ||
	    strcmp(ta, tb) != 0)
		return fputs("the CSV form does not load to the same dataset\n", stderr), 1;
	printf("JSON: %.1f MB in %.2f s: %.1f MB/s\n", json_mb, t1 - t0, json_mb / (t1 - t0));
	printf("CSV:  %.1f MB in %.2f s: %.1f MB/s\n", csv_mb, t2, csv_mb / t2);
	care_free(ta);
	care_free(tb);
	care_dataset_free(a);
	care_dataset_free(b);
	return 0;
}
