/*
 * care-gen — write a synthetic dataset file made by the generator.
 *
 *   care-gen --preset sample --out examples/data/sample-trust.json \
 *            --errors examples/data/sample-with-errors.json
 *   care-gen --preset national --out /tmp/national.json
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "synth.h"

static void progress(void *data, double done)
{
	(void)data;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\rgenerating %3d%%", (int)(done * 100));
}

int main(int argc, char **argv)
{
	synth_options o;
	const char *out = NULL, *errors = NULL;
	care_dataset *ds = NULL;
	int i, rc;

	synth_options_sample(&o);
	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--preset") == 0 && v) {
			if (strcmp(v, "national") == 0)
				synth_options_national(&o);
			else if (strcmp(v, "sample") != 0) {
				fprintf(stderr, "care-gen: unknown preset '%s'\n", v);
				return 2;
			}
			i++;
		} else if (strcmp(argv[i], "--staff") == 0 && v) {
			o.staff = (size_t)strtoul(v, NULL, 10);
			i++;
		} else if (strcmp(argv[i], "--seed") == 0 && v) {
			o.seed = strtoull(v, NULL, 10);
			i++;
		} else if (strcmp(argv[i], "--interactions-per-year") == 0 && v) {
			o.interactions_per_staff_year = atof(v);
			i++;
		} else if (strcmp(argv[i], "--out") == 0 && v) {
			out = v;
			i++;
		} else if (strcmp(argv[i], "--errors") == 0 && v) {
			errors = v;
			i++;
		} else {
			fprintf(
			    stderr,
			    "usage: care-gen [--preset sample|national] [--staff N] [--seed S]\n"
			    "                [--interactions-per-year X] --out FILE [--errors "
			    "FILE]\n");
			return 2;
		}
	}
	if (out == NULL && errors == NULL) {
		fprintf(stderr, "care-gen: say where to write: --out FILE and/or --errors FILE\n");
		return 2;
	}
	if (out) {
		o.progress = progress;
		if ((rc = care_dataset_new(&ds)) != 0 || (rc = synth_build(ds, &o)) != 0 ||
		    (rc = care_dataset_save(ds, out)) != 0) {
			fprintf(stderr, "\ncare-gen: %s\n", care_error_last());
			care_dataset_free(ds);
			return 1;
		}
		if (isatty(STDERR_FILENO))
			fputc('\n', stderr);
		fprintf(stderr,
		        "care-gen: %s: %zu units, %zu staff, %zu completions, %zu interactions, "
		        "%zu complaints\n",
		        out, care_dataset_count(ds, CARE_KIND_UNIT),
		        care_dataset_count(ds, CARE_KIND_STAFF),
		        care_dataset_count(ds, CARE_KIND_COMPLETION),
		        care_dataset_count(ds, CARE_KIND_INTERACTION),
		        care_dataset_count(ds, CARE_KIND_COMPLAINT));
		care_dataset_free(ds);
	}
	if (errors) {
		char *text = synth_faulty_text(o.seed);
		FILE *f;
		if (text == NULL || (f = fopen(errors, "w")) == NULL) {
			fprintf(stderr, "care-gen: cannot write %s\n", errors);
			free(text);
			return 1;
		}
		fputs(text, f);
		fputc('\n', f);
		fclose(f);
		free(text);
	}
	return 0;
}
