/*
 * care-bench — the reports at the national scale of README.md#speed.
 *
 *   build/bench/care-bench            1.5 million staff (about 30 million completions)
 *   build/bench/care-bench --staff N  a smaller or larger run
 *
 * Builds the synthetic national dataset straight through the API, then times
 * building the indexes, a compliance report grouped by unit, a 36-month
 * trend, the staff list of the overdue and one person's status (per lookup),
 * and reads the memory per completion: resident once sealed, and the peak.
 * Each figure is printed with its target, and against peers measured in the
 * same run: the same report on one thread, and the naive way a host system
 * would get the totals (one care_status_get per requirement).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "synth.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void check(int rc, const char *what)
{
	if (rc != 0) {
		fprintf(stderr, "care-bench: %s: %s\n", what, care_error_last());
		exit(1);
	}
}

/* The process's resident bytes now (Linux; 0 elsewhere). */
static double resident_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, resident = 0;
	int got = f && fscanf(f, "%lu %lu", &size, &resident) == 2;

	if (f)
		fclose(f);
	return got ? (double)resident * (double)sysconf(_SC_PAGESIZE) : 0.0;
}

/* Time one report (best of `runs`). */
static double time_report(const care_dataset *ds, care_report_kind kind,
                          const care_report_options *o, int runs, size_t *rows)
{
	double best = 1e9;
	int i;

	for (i = 0; i < runs; i++) {
		care_report *r = NULL;
		double t0 = now(), t;
		check(care_report_new(&r, kind, ds, o), "report");
		t = now() - t0;
		if (t < best)
			best = t;
		if (rows)
			*rows = kind == CARE_REPORT_STAFF ? care_report_row_count(r)
			                                  : care_report_group_count(r);
		care_report_free(r);
	}
	return best;
}

static void line(const char *what, double value, const char *unit, double target, const char *extra)
{
	printf("%-34s %10.3f %-3s  target %-8g %-4s %s\n", what, value, unit, target,
	       value <= target ? "ok" : "OVER", extra ? extra : "");
}

/* A report's line: its time on all threads (best of `runs`) and, as its peer, on one. */
static void line_against_one_thread(const char *what, double target, const care_dataset *ds,
                                    care_report_kind kind, care_report_options *ro, int runs,
                                    const char *rows_are)
{
	char extra[160];
	size_t rows;
	double t, t1;

	ro->threads = 0;
	t = time_report(ds, kind, ro, runs, &rows);
	ro->threads = 1;
	t1 = time_report(ds, kind, ro, 1, NULL);
	ro->threads = 0;
	snprintf(extra, sizeof extra, "%zu %s; 1 thread %.3f s (x%.2f)", rows, rows_are, t1,
	         t1 / t);
	line(what, t, "s", target, extra);
}

int main(int argc, char **argv)
{
	synth_options o;
	care_dataset *ds = NULL;
	care_report_options ro = CARE_REPORT_OPTIONS_INIT;
	struct rusage ru;
	double t0, t_build, t_seal, t, resident;
	size_t completions, rows, i, lookups = 2000000, distinct = 65536, staff;
	char extra[160], (*ids)[16];
	care_date as_of;
	uint64_t x = 12345;
	long hits = 0;

	synth_options_national(&o);
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--staff") == 0 && i + 1 < (size_t)argc)
			o.staff = (size_t)strtoul(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: care-bench [--staff N]\n");
			return 2;
		}
	}
	as_of = o.extracted_on;
	printf("care-bench: libcare %s, %zu staff in %zu trusts (seed %llu)\n", care_version(NULL),
	       o.staff, o.trusts, (unsigned long long)o.seed);
	fflush(stdout);
	t0 = now();
	check(care_dataset_new(&ds), "new");
	check(synth_build(ds, &o), "generate");
	t_build = now() - t0;
	completions = care_dataset_count(ds, CARE_KIND_COMPLETION);
	staff = care_dataset_count(ds, CARE_KIND_STAFF);
	printf("generated through the API in %.1f s: %zu units, %zu staff, %zu completions\n\n",
	       t_build, care_dataset_count(ds, CARE_KIND_UNIT), staff, completions);
	t0 = now();
	check(care_dataset_seal(ds), "seal");
	t_seal = now() - t0;
	line("build the indexes (seal)", t_seal, "s", 10, NULL);
	resident = resident_bytes();
	snprintf(extra, sizeof extra, "%.0f MiB resident once sealed, over %zu completions",
	         resident / 1048576.0, completions);
	line("resident memory per completion", resident / (double)completions, "B", 32, extra);

	ro.as_of = as_of;
	ro.group_by = CARE_GROUP_UNIT;
	line_against_one_thread("compliance by unit", 1, ds, CARE_REPORT_COMPLIANCE, &ro, 3,
	                        "groups");

	ro.group_by = CARE_GROUP_NONE;
	ro.from = care_date_add_months(as_of, -35);
	ro.to = as_of;
	line_against_one_thread("trend, 36 months", 5, ds, CARE_REPORT_TREND, &ro, 2, "month ends");

	ro.status = CARE_STATUS_OVERDUE;
	t = time_report(ds, CARE_REPORT_STAFF, &ro, 2, &rows);
	snprintf(extra, sizeof extra, "%zu rows", rows);
	line("staff list of the overdue", t, "s", 5, extra);
	ro.status = CARE_NONE;

	getrusage(RUSAGE_SELF, &ru);
	t = (double)ru.ru_maxrss * 1024.0 / (double)completions;
	snprintf(extra, sizeof extra, "peak %ld MiB for everything, over %zu completions",
	         ru.ru_maxrss / 1024, completions);
	line("peak memory per completion", t, "B", 64, extra);

	/* One person's status: ids made up front, so only the lookup is timed. */
	ids = malloc(distinct * sizeof *ids);
	if (ids == NULL)
		return 1;
	for (i = 0; i < distinct; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		snprintf(ids[i], sizeof ids[i], "S%06zu", (size_t)(x >> 33) % staff + 1);
	}
	t0 = now();
	for (i = 0; i < lookups; i++) {
		care_status_info si;
		check(care_status_get(&si, ds, ids[i % distinct], "customer-care", as_of, 30),
		      "status");
		hits += si.status == CARE_STATUS_COMPLIANT;
	}
	t = (now() - t0) / (double)lookups * 1e6;
	snprintf(extra, sizeof extra, "%zu lookups, %ld compliant", lookups, hits);
	line("one person's status", t, "us", 2, extra);

	/* The peer: totals the naive way, one status call per requirement of a sample. */
	{
		size_t sample = staff < 200000 ? staff : 200000, k;
		static const char *const comps[] = {"customer-care", "difficult-conversations",
		                                    "complaints-handling", "ers-booking",
		                                    "information-governance"};
		double t_naive;
		t0 = now();
		for (i = 0; i < sample; i++) {
			char id[16];
			snprintf(id, sizeof id, "S%06zu", i + 1);
			for (k = 0; k < 5; k++) {
				care_status_info si;
				check(care_status_get(&si, ds, id, comps[k], as_of, 30), "status");
			}
		}
		t_naive = (now() - t0) * (double)staff / (double)sample;
		ro.group_by = CARE_GROUP_NONE;
		t = time_report(ds, CARE_REPORT_COMPLIANCE, &ro, 3, NULL);
		snprintf(extra, sizeof extra, "per-pair status calls would take %.2f s (x%.1f)",
		         t_naive, t_naive / t);
		line("compliance totals", t, "s", 1, extra);
	}

	free(ids);
	care_dataset_free(ds);
	return 0;
}
