/*
 * A deterministic generator of synthetic trust datasets, built straight
 * through the public API (the bundled sample trust and the national-scale
 * benchmark dataset both come from it). docs/sample-data.md describes what it
 * makes.
 *
 * Deterministic: the same options give the same records in the same order,
 * on every platform (one splitmix64 stream drives every choice; no rand()).
 * It allocates nothing per record: ids are built in stack buffers and the
 * dataset's arrays are reserved up front, so it scales to the national
 * size.
 */
#ifndef CARE_SYNTH_H
#define CARE_SYNTH_H

#include <stdint.h>

#include <care.h>

typedef struct synth_options {
	uint64_t seed;
	size_t trusts;          /* organisations (each with its own unit tree) */
	size_t staff;           /* people in all, leavers included */
	care_date extracted_on; /* the extract date; history runs back from it */
	int years;              /* years of history before the extract */
	/* Patient contacts per person per year at an average patient-facing
	 * role (0: no interactions, and so no linked complaints). */
	double interactions_per_staff_year;
	/* Share of contacts that draw a complaint, on average: contacts by staff
	 * without valid customer-care training draw more, trained staff fewer. */
	double complaint_rate;
	int explicit_ids; /* give most completions an id (else all are generated) */
	/* Called now and then with the share done (0 to 1); may be NULL. */
	void (*progress)(void *data, double done);
	void *progress_data;
	/* The start of the customer-care programme (the elective reform plan):
	 * no customer-care, difficult-conversations or complaints-handling
	 * training exists before it (some modules come later still), so the
	 * trend shows the take-up. CARE_DATE_NONE: always available. */
	care_date programme_start;
	/* The day the programme's training becomes compulsory: the roles'
	 * requirements for its competencies are in force from it (staff in post
	 * then join a backlog). CARE_DATE_NONE: in force all along. */
	care_date mandate_from;
	/* Complaints not linked to an interaction, per person per year. */
	double unlinked_complaints_per_staff_year;
	/* 1: keep only the completions made during the history, and the last
	 * one that counts from before it; 0: every completion since the
	 * person's first requirement (some go back twenty years). */
	int trim_history;
	/* One trust of a national set (care-gen --trusts): put before every
	 * unit, staff, completion, contact and complaint id (at most 8 bytes,
	 * e.g. "R000-"), so that the trusts' records never share an id; NULL for
	 * none. */
	const char *id_prefix;
	/* The header's organisation; NULL: the preset's. */
	const char *ods_code, *org_name;
} synth_options;

/* The bundled sample trust: 400 staff, four years, a few thousand contacts;
 * the programme's training compulsory from 2025-04-01. Every person has a
 * display name, and each assignment the manager of its team (synth_internal.h:
 * the management posts). */
void synth_options_sample(synth_options *o);

/*
 * the national analyst's scale (README.md#speed): 1.5 million staff in 150 trusts, about 30
 * million completions. Interactions and complaints are off (0) to keep the
 * benchmark about compliance; set interactions_per_staff_year to about 8 and
 * unlinked_complaints_per_staff_year to about 0.05 for the full national
 * volume of contacts (about 100 million).
 */
void synth_options_national(synth_options *o);

/*
 * Add the synthetic records to an empty dataset (not sealed).
 * @return 0, or the libcare error of the first add that failed (the
 *         generator makes only valid records, so that is a bug or ENOMEM;
 *         the record's first issue is printed on stderr).
 */
int synth_build(care_dataset *ds, const synth_options *o);

/*
 * The faulty sample: the JSON text of a small dataset (the sample trust with
 * 40 staff) with deliberate faults of every validation code of docs/validation.md except
 * syntax and format, listed in docs/sample-data.md. Release with free().
 * NULL when out of memory.
 */
char *synth_faulty_text(uint64_t seed);

/*
 * Write an ESR-style extract of ds into the folder dir (synth_esr.c): the CSV form, with staff
 * and assignments in one file, learning records and a training matrix under an export's
 * headers. examples/esr/mapping.json reads it. 0 or a CARE_E* code.
 */
int synth_write_esr(const care_dataset *ds, const char *dir);

#endif
