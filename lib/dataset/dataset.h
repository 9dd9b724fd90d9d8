/*
 * The in-memory layout of a dataset (private).
 *
 * Built for a national analyst's scale (1.5 million staff, 30 million completions): records are
 * held in arrays (one struct array per kind; completions as columns), references are 32-bit indexes
 * into those arrays, ids and text live in a chunked string arena (pointers stay valid as it grows),
 * and competencies are interned to small integers. Adding a record costs no malloc of its own
 * beyond amortised array growth.
 */
#ifndef CARE_DATASET_DATASET_H
#define CARE_DATASET_DATASET_H

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>

#include "care.h"
#include "util/arena.h"
#include "util/file.h"
#include "util/radix.h"
#include "util/strtab.h"

typedef struct care__unit {
	const char *id, *name;
	uint32_t parent; /* CARE__NO for a root */
} care__unit;

typedef struct care__requirement {
	uint32_t competency; /* intern index */
	int32_t due_within_days;
	care_date from, to; /* in force; CARE_DATE_NONE: an open end */
} care__requirement;

typedef struct care__role {
	const char *id, *title;
	uint32_t first_requirement, requirement_count; /* into ds->requirements */
	uint8_t staff_group, patient_facing, clinical;
} care__role;

typedef struct care__module {
	const char *id, *title, *provider, *xapi_activity;
	const char *competency_as_written; /* NULL when absent (defaults to id) */
	uint32_t competency;               /* intern index */
	int32_t validity_months, duration_minutes;
	double pass_mark;
	int64_t cost_pence;
	uint8_t delivery;
} care__module;

typedef struct care__assignment {
	uint32_t role, unit;
	care_date from, to;  /* to: CARE_DATE_NONE when open */
	const char *manager; /* staff id as written, or NULL (resolved by seal) */
} care__assignment;

typedef struct care__exemption {
	uint32_t competency;
	care_date from, to;
	const char *reason;
} care__exemption;

typedef struct care__staff {
	const char *id, *name;
	care_date started_on, left_on;
	uint32_t first_assignment, assignment_count; /* into ds->assignments */
	uint32_t first_exemption, exemption_count;   /* into ds->exemptions */
} care__staff;

/*
 * A column of small numbers (record indexes): 16 bits a row while every value fits (0xFFFF
 * standing for CARE__NO), widened to 32 bits by the first that does not. One of the two
 * arrays is set, or neither while an optional column has no value yet.
 */
typedef struct care__numbers {
	uint16_t *narrow;
	uint32_t *wide;
} care__numbers;

#define CARE__NO16 0xFFFFu

static inline uint32_t care__number(const care__numbers *col, size_t i)
{
	if (col->wide)
		return col->wide[i];
	if (col->narrow)
		return col->narrow[i] == CARE__NO16 ? CARE__NO : col->narrow[i];
	return CARE__NO;
}

/* Completions, as columns: at 30 million rows every byte counts (15 bytes a row, plus the
 * id's 16 when ids are UUIDs). */
typedef struct care__completions {
	uint32_t *staff;
	care__numbers module; /* never CARE__NO */
	care_date *completed_on;
	uint8_t *outcome;
	/* Scores, once a row has one: as hundredths in score100 (CARE__NO16: none) while every
	 * score is a whole number of hundredths, written as such; else each in score (NAN:
	 * none). */
	uint16_t *score100;
	double *score;
	care__numbers source; /* intern index, CARE__NO when absent */
	/* A row's id: id[i] when that column exists and it is not NULL; else
	 * uuid[i] when that column exists and the row is a UUID (its variant
	 * byte is 10xxxxxx: an all-zero row is none); else generated from the
	 * other fields. Ids written as canonical lower-case UUIDs of the RFC
	 * variant are kept as their 16 bytes (care_ids__uuid_parse). */
	const char **id;
	uint8_t (*uuid)[16];
	size_t count, cap;
} care__completions;

/* Completion i's score, NAN when it has none. */
static inline double care__score(const care__completions *c, size_t i)
{
	if (c->score)
		return c->score[i];
	if (c->score100 && c->score100[i] != CARE__NO16)
		return c->score100[i] / 100.0;
	return (double)NAN;
}

typedef struct care__interaction {
	const char *id, *appointment_ref, *patient_ref;
	uint32_t staff;
	care_date date; /* the local date of `at` */
	int32_t hms;    /* hour << 12 | minute << 6 | second */
	int32_t nanos, duration_seconds;
	int16_t offset_minutes, specialty;
	uint8_t frac_digits, zulu, channel, kind, outcome;
} care__interaction;

typedef struct care__complaint {
	const char *id;
	care_date received_on, acknowledged_on, closed_on;
	uint32_t subjects;
	uint32_t interaction;
	uint32_t first_staff, staff_count; /* into ds->complaint_staff */
	int8_t outcome;
} care__complaint;

/* A record of the input that was rejected, kept as written. */
typedef struct care__rejected {
	const char *text; /* in the arena */
	size_t len;
} care__rejected;

#define CARE__RECENT    4  /* records remembered of each kind (care_ids__recent) */
#define CARE__RECENT_ID 24 /* bytes of each one's id kept beside it */

struct care_dataset {
	care__arena arena;
	const char *ods_code, *name;
	care_date extracted_on;
	care_date *non_working_days;
	size_t non_working_day_count, non_working_day_cap;

	care__unit *units;
	size_t unit_count, unit_cap;
	care__role *roles;
	size_t role_count, role_cap;
	care__requirement *requirements;
	size_t requirement_count, requirement_cap;
	care__module *modules;
	size_t module_count, module_cap;
	care__staff *staff;
	size_t staff_count, staff_cap;
	care__assignment *assignments;
	size_t assignment_count, assignment_cap;
	care__exemption *exemptions;
	size_t exemption_count, exemption_cap;
	care__completions completions;
	care__interaction *interactions;
	size_t interaction_count, interaction_cap;
	care__complaint *complaints;
	size_t complaint_count, complaint_cap;
	uint32_t *complaint_staff;
	size_t complaint_staff_count, complaint_staff_cap;

	care__intern competencies, sources;
	care__id_index ids[CARE_KIND_COUNT]; /* by kind */
	/* The completions' id index is released by a seal (8-byte slots at a load of at most
	 * 4/5: 10 to 17 bytes a completion, which reports never use) and made again from the
	 * rows on first need, under ids_lock since readers may need it at once
	 * (care_ids__completions_ready): 1 while it is released. */
	atomic_int completion_ids_released;
	pthread_mutex_t ids_lock;
	/* The records of each kind last found by a reference, plus one (0: none), the latest
	 * at recent_at: records refer to the same person or module many times in a row
	 * (care_ids__recent). */
	uint32_t recent[CARE_KIND_COUNT][CARE__RECENT];
	uint8_t recent_at[CARE_KIND_COUNT];
	/* Their ids, NUL-terminated, when shorter than CARE__RECENT_ID (else ""): compared in
	 * place, without reaching for the record (ids of stored records never change). */
	char recent_id[CARE_KIND_COUNT][CARE__RECENT][CARE__RECENT_ID];
	/* While a load defers its completions' ids (care_ids__defer): rows from deferred_from
	 * on are not yet in ids[CARE_KIND_COMPLETION], and the id-index hash of each is in
	 * `deferred`, with the row less deferred_from; deferred_clash: a rejected completion's
	 * id was owned already. */
	int deferring, deferred_clash;
	size_t deferred_from;
	care__radix_groups deferred;

	/* Rejected records of a load, and the ids they own (docs/validation.md). */
	care__rejected *rejected[CARE_KIND_COUNT];
	size_t rejected_count[CARE_KIND_COUNT], rejected_cap[CARE_KIND_COUNT];
	care__intern rejected_ids[CARE_KIND_COUNT];

	int sealed;
	struct care__index *index; /* built by seal for the reports (metrics) */

	/* A dataset opened from a snapshot borrows from its image (lib/io/snapshot_read.c):
	 * texts, the completion columns, the id slots and the sealed index may point into
	 * [borrowed, borrowed + borrowed_len). Such arrays are never freed or grown:
	 * care_dataset__own() copies them before any change. `file` is the mapping of the
	 * image when the dataset owns it (unmapped by care_dataset_free); texts keep pointing
	 * into it until then. */
	const unsigned char *borrowed;
	size_t borrowed_len;
	care__file_map file;
};

struct care__index_given;

/* Drop the indexes built by seal: the dataset is about to change. */
void care_dataset__unseal(care_dataset *ds);

/* Whether p points into the image the dataset borrows from. */
int care_dataset__borrowed(const care_dataset *ds, const void *p);
/* Make every array of the dataset its own (copy what is borrowed), so that it may grow:
 * call before any change. 0 or CARE_ENOMEM (nothing changed). */
int care_dataset__own(care_dataset *ds);
/* Seal with the costly parts of the index given, as care_index__build_given. It keeps the
 * completions' id index: care_dataset_seal releases it after (care_dataset__release_ids), the
 * loader once the thread that checks the completion ids beside the seal is done. */
int care_dataset__seal_given(care_dataset *ds, const struct care__index_given *given);
/* Release the completions' id index of a sealed dataset that owns it (docs/threading.md). */
void care_dataset__release_ids(care_dataset *ds);

#endif
