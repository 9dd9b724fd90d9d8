/*
 * care-gen — write a synthetic dataset file made by the generator (synth.h).
 *
 *   care-gen --preset sample --out examples/data/sample-trust.json \
 *            --errors examples/data/sample-with-errors.json
 *   care-gen --preset national --out /tmp/national.json
 *   care-gen --preset sample --esr examples/esr   (an ESR-style extract, synth_esr.c)
 *   care-gen --trusts 150 --staff 10000 --out-dir /tmp/national    (one file per trust)
 *   care-gen --preset national --out-dir /tmp/national             (the same: 150 x 10,000)
 *
 * With --trusts (or --out-dir), every trust is a dataset of its own, R000.json, R001.json, ...:
 * ODS code R000, R001, ..., its own seed (the seed plus its number), and its number before every
 * unit, staff, completion, contact and complaint id ("R000-S000001"), so that the records of all
 * the trusts can be loaded into one dataset (docs/national.md). --staff is then per trust.
 *
 * Exit status: 0 written, 1 the generator or a write failed, 2 a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "synth.h"

static const char usage[] =
    "usage: care-gen [--preset sample|national] [--staff N] [--seed S] [--years N]\n"
    "                [--interactions-per-year X] [--unlinked-complaints-per-year X]\n"
    "                [--out FILE] [--errors FILE] [--esr FOLDER] [--trusts N --out-dir DIR]\n";

/* Progress of a long run, on stderr. */
typedef struct progress_state {
	int last_tenth; /* the last tenth reported, when stderr is not a terminal */
	int drawing;    /* a line is being redrawn on the terminal */
} progress_state;

/* A progress line: redrawn on a terminal, a line each tenth otherwise. */
static void progress(void *data, double done)
{
	progress_state *state = data;
	int percent = (int)(done * 100);

	if (isatty(STDERR_FILENO)) {
		fprintf(stderr, "\rcare-gen: generating %3d%%", percent);
		state->drawing = 1;
	} else if (percent / 10 > state->last_tenth) {
		state->last_tenth = percent / 10;
		fprintf(stderr, "care-gen: generating %3d%%\n", percent);
	}
}

static int parse_u64(uint64_t *out, const char *text)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-')
		return -1;
	*out = v;
	return 0;
}

static int parse_double(double *out, const char *text)
{
	char *end;

	errno = 0;
	*out = strtod(text, &end);
	return errno || end == text || *end || *out < 0 ? -1 : 0;
}

static int write_dataset(const synth_options *o, const char *path, const char *esr)
{
	care_dataset *ds = NULL;
	int rc;

	if ((rc = care_dataset_new(&ds)) != 0 || (rc = synth_build(ds, o)) != 0 ||
	    (path && (rc = care_dataset_save(ds, path)) != 0) ||
	    (esr && (rc = synth_write_esr(ds, esr)) != 0)) {
		path = path ? path : esr;
		fprintf(stderr, "care-gen: %s: %s: %s\n", path, care_strerror(rc),
		        care_error_last());
		care_dataset_free(ds);
		return 1;
	}
	if (o->progress_data && ((progress_state *)o->progress_data)->drawing)
		fputc('\n', stderr);
	fprintf(stderr,
	        "care-gen: %s: %zu units, %zu roles, %zu modules, %zu staff, %zu completions, "
	        "%zu interactions, %zu complaints\n",
	        path ? path : esr, care_dataset_count(ds, CARE_KIND_UNIT),
	        care_dataset_count(ds, CARE_KIND_ROLE), care_dataset_count(ds, CARE_KIND_MODULE),
	        care_dataset_count(ds, CARE_KIND_STAFF),
	        care_dataset_count(ds, CARE_KIND_COMPLETION),
	        care_dataset_count(ds, CARE_KIND_INTERACTION),
	        care_dataset_count(ds, CARE_KIND_COMPLAINT));
	care_dataset_free(ds);
	return 0;
}

/* N trusts of o->staff staff each, one file per trust in dir. */
static int write_trusts(const synth_options *o, size_t trusts, const char *dir)
{
	size_t t;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "care-gen: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (t = 0; t < trusts; t++) {
		synth_options one = *o;
		char ods[24], prefix[32], name[80], path[4096];
		one.trusts = 1;
		one.seed = o->seed + t;
		snprintf(ods, sizeof ods, "R%03zu", t);
		snprintf(prefix, sizeof prefix, "%s-", ods);
		snprintf(name, sizeof name, "Synthetic Trust %03zu NHS Trust", t);
		if ((size_t)snprintf(path, sizeof path, "%s/%s.json", dir, ods) >= sizeof path) {
			fprintf(stderr, "care-gen: %s: the directory's name is too long\n", dir);
			return 1;
		}
		one.ods_code = ods;
		one.org_name = name;
		one.id_prefix = prefix;
		one.progress = NULL;
		if (write_dataset(&one, path, NULL) != 0)
			return 1;
	}
	return 0;
}

static int write_faulty(uint64_t seed, const char *path)
{
	char *text = synth_faulty_text(seed);
	FILE *f = text ? fopen(path, "wb") : NULL;
	int failed;

	if (f == NULL) {
		fprintf(stderr, "care-gen: %s: %s\n", path,
		        text ? strerror(errno) : "out of memory");
		free(text);
		return 1;
	}
	failed = fputs(text, f) == EOF || fputc('\n', f) == EOF;
	failed |= fclose(f) != 0;
	free(text);
	if (failed) {
		fprintf(stderr, "care-gen: %s: cannot write\n", path);
		return 1;
	}
	fprintf(stderr, "care-gen: %s: the faulty sample\n", path);
	return 0;
}

/* Whether argv[i] is the preset, which every other option then adjusts. */
static int is_preset(char **argv, int i)
{
	return strcmp(argv[i], "--preset") == 0;
}

int main(int argc, char **argv)
{
	synth_options o;
	const char *out = NULL, *errors = NULL, *esr = NULL, *out_dir = NULL;
	uint64_t n, trusts = 0;
	int national = 0, staff_given = 0;
	progress_state state = {0, 0};
	int i, bad = argc % 2 == 0; /* options come in pairs */

	synth_options_sample(&o);
	for (i = 1; i + 1 < argc && !bad; i += 2) {
		if (!is_preset(argv, i))
			continue;
		if (strcmp(argv[i + 1], "national") == 0) {
			synth_options_national(&o);
			national = 1;
		} else if (strcmp(argv[i + 1], "sample") == 0)
			synth_options_sample(&o);
		else
			bad = 1;
	}
	for (i = 1; i + 1 < argc && !bad; i += 2) {
		const char *opt = argv[i], *v = argv[i + 1];
		if (is_preset(argv, i)) {
			continue;
		} else if (strcmp(opt, "--staff") == 0) {
			bad = parse_u64(&n, v) != 0 || n < 1 || n > 99999999;
			o.staff = (size_t)n;
			staff_given = 1;
		} else if (strcmp(opt, "--seed") == 0) {
			bad = parse_u64(&o.seed, v) != 0;
		} else if (strcmp(opt, "--years") == 0) {
			bad = parse_u64(&n, v) != 0 || n < 1 || n > 60;
			o.years = (int)n;
		} else if (strcmp(opt, "--interactions-per-year") == 0) {
			bad = parse_double(&o.interactions_per_staff_year, v) != 0;
		} else if (strcmp(opt, "--unlinked-complaints-per-year") == 0) {
			bad = parse_double(&o.unlinked_complaints_per_staff_year, v) != 0;
		} else if (strcmp(opt, "--trusts") == 0) {
			bad = parse_u64(&trusts, v) != 0 || trusts < 1 || trusts > 1000;
		} else if (strcmp(opt, "--out-dir") == 0) {
			out_dir = v;
		} else if (strcmp(opt, "--out") == 0) {
			out = v;
		} else if (strcmp(opt, "--errors") == 0) {
			errors = v;
		} else if (strcmp(opt, "--esr") == 0) {
			esr = v;
		} else {
			bad = 1;
		}
	}
	if (bad || (out == NULL && errors == NULL && esr == NULL && out_dir == NULL) ||
	    (trusts && out_dir == NULL)) {
		fputs(usage, stderr);
		return 2;
	}
	if (out_dir) {
		/* The national preset as files: its trusts, and its staff shared among them. */
		if (trusts == 0)
			trusts = national ? o.trusts : 1;
		if (national && !staff_given)
			o.staff = o.staff / o.trusts;
		return write_trusts(&o, (size_t)trusts, out_dir);
	}
	if (o.staff >= 50000) {
		o.progress = progress;
		o.progress_data = &state;
	}
	if ((out || esr) && write_dataset(&o, out, esr) != 0)
		return 1;
	if (errors && write_faulty(o.seed, errors) != 0)
		return 1;
	return 0;
}
