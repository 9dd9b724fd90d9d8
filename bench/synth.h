/*
 * A deterministic generator of synthetic trust datasets, built straight
 * through the public API (the bundled sample trust and the national-scale
 * benchmark dataset both come from it).
 */
#ifndef CARE_SYNTH_H
#define CARE_SYNTH_H

#include <stdint.h>

#include <care.h>

typedef struct synth_options {
	uint64_t seed;
	size_t trusts;                      /* organisations (each with its own unit tree) */
	size_t staff;                       /* people in all */
	care_date extracted_on;             /* the extract date; history runs back from it */
	int years;                          /* years of history before the extract */
	double interactions_per_staff_year; /* patient contacts per person per year */
	double complaint_rate;              /* complaints per interaction */
	int explicit_ids; /* give most completions an id (else all are generated) */
	void (*progress)(void *data, double done);
	void *progress_data;
} synth_options;

/* Sensible defaults for the sample trust. */
void synth_options_sample(synth_options *o);
/* SPEC 7's national analyst: about 1.5 million staff, 30 million completions. */
void synth_options_national(synth_options *o);

/*
 * Add the synthetic records to an empty dataset (not sealed).
 * @return 0, or the libcare error of the first add that failed (the
 *         generator makes only valid records, so that is a bug or ENOMEM).
 */
int synth_build(care_dataset *ds, const synth_options *o);

/*
 * The faulty sample: the JSON text of a small dataset with deliberate faults
 * of every validation code of SPEC 4 except syntax and format. Release with free().
 */
char *synth_faulty_text(uint64_t seed);

#endif
