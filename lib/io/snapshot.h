/*
 * The snapshot file (io): a sealed dataset as a versioned binary file that opens by
 * mapping it (docs/snapshot.md). This header is the format: the header, the table of
 * sections and the record of each section, all little-endian, each field at its natural
 * alignment and every struct without hidden padding, so a record is copied out of the
 * mapping as it is.
 */
#ifndef CARE_IO_SNAPSHOT_H
#define CARE_IO_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "care.h"

#define CARE__SNAP_MAGIC                                                                           \
	"\x89"                                                                                     \
	"CARE\r\n\x1a"
#define CARE__SNAP_VERSION      3u
#define CARE__SNAP_BYTE_ORDER   0x01020304u
#define CARE__SNAP_HEADER       64u /* bytes */
#define CARE__SNAP_ENTRY        32u /* bytes of a section table entry */
#define CARE__SNAP_ALIGN        8u  /* every section starts on a multiple of this */
#define CARE__SNAP_MAX_SECTIONS 256u

/*
 * Header (64 bytes): magic[8], u32 version, u32 byte order (0x01020304 as written),
 * u64 file size, u32 section count, u32 entry size, u64 table offset, u64 sum of the
 * table, u64 reserved (0), u64 sum of the 56 bytes before it (sums: snapshot_sum.c).
 */
enum {
	CARE__SNAP_H_VERSION = 8,
	CARE__SNAP_H_ORDER = 12,
	CARE__SNAP_H_SIZE = 16,
	CARE__SNAP_H_SECTIONS = 24,
	CARE__SNAP_H_ENTRY = 28,
	CARE__SNAP_H_TABLE = 32,
	CARE__SNAP_H_TABLE_SUM = 40,
	CARE__SNAP_H_SUM = 56
};

/*
 * A section table entry: u32 tag, u32 record size, u64 offset, u64 record count, u64 sum
 * of the section's extent: its count * size bytes and the zeros after them up to the next
 * multiple of 8. Sections follow the table back to back, so every byte of the file is
 * under a checksum.
 */
typedef struct care__snap_entry {
	uint32_t tag, size;
	uint64_t offset, count, sum;
} care__snap_entry;

/* Section tags. Per-kind sections add the kind (1 to 7) to their base. */
enum {
	CARE__SNAP_META = 1,
	CARE__SNAP_STRINGS = 2, /* bytes: a NUL, then each string and its NUL */
	CARE__SNAP_NON_WORKING = 3,
	CARE__SNAP_UNITS = 4,
	CARE__SNAP_ROLES = 5,
	CARE__SNAP_REQUIREMENTS = 6,
	CARE__SNAP_MODULES = 7,
	CARE__SNAP_STAFF = 8,
	CARE__SNAP_ASSIGNMENTS = 9,
	CARE__SNAP_EXEMPTIONS = 10,
	CARE__SNAP_C_STAFF = 11, /* completions, a column each */
	CARE__SNAP_C_MODULE = 12,
	CARE__SNAP_C_DATE = 13,
	CARE__SNAP_C_OUTCOME = 14,
	CARE__SNAP_C_SCORE = 15, /* optional columns */
	CARE__SNAP_C_SOURCE = 16,
	CARE__SNAP_C_ID = 17,
	CARE__SNAP_INTERACTIONS = 18,
	CARE__SNAP_COMPLAINTS = 19,
	CARE__SNAP_COMPLAINT_STAFF = 20,
	CARE__SNAP_COMPETENCIES = 21,
	CARE__SNAP_SOURCES = 22,
	CARE__SNAP_C_UUID = 23,     /* optional: completion ids kept as 16 bytes */
	CARE__SNAP_HELD_FIRST = 24, /* the sealed index (lib/dataset/index.h), as held */
	CARE__SNAP_HELD = 25,
	CARE__SNAP_MANAGER = 26,
	CARE__SNAP_C_MODULE16 = 27, /* the narrow forms of columns 12, 15 and 16: one or the */
	CARE__SNAP_C_SCORE100 = 28, /* other is written, as the dataset holds it */
	CARE__SNAP_C_SOURCE16 = 29,
	CARE__SNAP_IDS = 32,          /* + kind: the id index's slots */
	CARE__SNAP_REJECTED = 48,     /* + kind: rejected records as written */
	CARE__SNAP_REJECTED_IDS = 64, /* + kind: ids owned by rejected records */
	CARE__SNAP_TAGS = 72
};

/* Text is a u64 offset into the strings section; 0 is NULL. */
typedef uint64_t care__snap_str;

typedef struct care__snap_meta {
	care__snap_str ods_code, name;
	int32_t extracted_on, pad;
} care__snap_meta;

typedef struct care__snap_unit {
	care__snap_str id, name;
	uint32_t parent, pad;
} care__snap_unit;

typedef struct care__snap_role {
	care__snap_str id, title;
	uint32_t first_requirement, requirement_count;
	uint8_t staff_group, patient_facing, clinical, pad[5];
} care__snap_role;

typedef struct care__snap_requirement {
	uint32_t competency;
	int32_t due_within_days, from, to;
} care__snap_requirement;

typedef struct care__snap_module {
	care__snap_str id, title, provider, xapi_activity, competency_as_written;
	uint32_t competency;
	int32_t validity_months, duration_minutes;
	uint8_t delivery, pad[3];
	double pass_mark;
	int64_t cost_pence;
} care__snap_module;

typedef struct care__snap_staff {
	care__snap_str id, name;
	int32_t started_on, left_on;
	uint32_t first_assignment, assignment_count, first_exemption, exemption_count;
} care__snap_staff;

typedef struct care__snap_assignment {
	uint32_t role, unit;
	int32_t from, to;
	care__snap_str manager;
} care__snap_assignment;

typedef struct care__snap_exemption {
	uint32_t competency;
	int32_t from, to, pad;
	care__snap_str reason;
} care__snap_exemption;

typedef struct care__snap_interaction {
	care__snap_str id, appointment_ref, patient_ref;
	uint32_t staff;
	int32_t date, hms, nanos, duration_seconds;
	int16_t offset_minutes, specialty;
	uint8_t frac_digits, zulu, channel, kind, outcome, pad[3];
} care__snap_interaction;

typedef struct care__snap_complaint {
	care__snap_str id;
	int32_t received_on, acknowledged_on, closed_on;
	uint32_t subjects, interaction, first_staff, staff_count;
	int8_t outcome;
	uint8_t pad[3];
} care__snap_complaint;

typedef struct care__snap_rejected {
	care__snap_str text;
	uint64_t len;
} care__snap_rejected;

/* The id index slot is written as the dataset holds it: u32 position, u32 hash. */
typedef struct care__snap_slot {
	uint32_t index, hash;
} care__snap_slot;

/* A held completion of the sealed index, written as held: i32 completed_on, u16 competency,
 * u16 days until it expires (0xFFFF: never). Left out when the dataset has more than 65,535
 * competencies: the open builds the index then. */
typedef struct care__snap_held {
	int32_t completed_on;
	uint16_t competency, valid_days;
} care__snap_held;

_Static_assert(sizeof(care__snap_meta) == 24 && sizeof(care__snap_unit) == 24 &&
                   sizeof(care__snap_role) == 32 && sizeof(care__snap_requirement) == 16 &&
                   sizeof(care__snap_module) == 72 && sizeof(care__snap_staff) == 40 &&
                   sizeof(care__snap_assignment) == 24 && sizeof(care__snap_exemption) == 24 &&
                   sizeof(care__snap_interaction) == 56 && sizeof(care__snap_complaint) == 40 &&
                   sizeof(care__snap_rejected) == 16 && sizeof(care__snap_slot) == 8 &&
                   sizeof(care__snap_held) == 8,
               "snapshot records have no hidden padding");

/* The checksum (snapshot_sum.c), fed in pieces of any length. */
typedef struct care__snap_sum {
	uint64_t a[4], b[4], total;
	unsigned char buf[32];
	size_t buffered;
} care__snap_sum;

/* The bytes of a section with its padding; 0 when count * size overflows. */
static inline uint64_t care__snap_extent(uint64_t count, uint32_t size)
{
	uint64_t n = count * size;

	if (size && count > (UINT64_MAX - 8) / size)
		return 0;
	return (n + CARE__SNAP_ALIGN - 1) / CARE__SNAP_ALIGN * CARE__SNAP_ALIGN;
}

void care_snapshot_sum__init(care__snap_sum *s);
void care_snapshot_sum__update(care__snap_sum *s, const void *data, size_t len);
uint64_t care_snapshot_sum__digest(const care__snap_sum *s);
uint64_t care_snapshot_sum__of(const void *data, size_t len);

/*
 * Recompute every checksum of a snapshot image in memory (the section sums, the table's,
 * the header's) so that the structure checks behind them can be exercised by a fuzzer.
 * Does nothing to an image whose header or table is out of bounds.
 */
void care_snapshot_sum__reseal(unsigned char *data, size_t len);

/*
 * Open a snapshot image of `len` bytes (in memory, or mapped) into a new sealed dataset;
 * `name` names it in error messages. 0, or CARE_EFORMAT / CARE_ENOMEM with the last error
 * set. The dataset borrows from the image (its texts, the completion columns, the id
 * indexes and the sealed index point into it): the caller keeps the image unchanged until
 * the dataset is freed, or hands it to the dataset (its `file`, unmapped when it is freed, as
 * care_dataset_open_snapshot does).
 */
int care_snapshot_read__image(care_dataset **out, const unsigned char *data, size_t len,
                              const char *name);

/* The state of opening one snapshot (snapshot_read.c, snapshot_convert.c). */
typedef struct care__snap_reader {
	const unsigned char *data;
	size_t len;
	const char *name;
	const care__snap_entry *at[CARE__SNAP_TAGS]; /* by tag, NULL when absent */
	care__snap_entry entries[CARE__SNAP_MAX_SECTIONS];
	care_dataset *ds;
	const char *strings; /* the strings section, in the arena */
	uint64_t strings_len;
	const char *problem;              /* the first bad value found, if any */
	uint64_t slot_records, slot_used; /* of the id index being read */
} care__snap_reader;

/* Little-endian reads: the file is little-endian, as is every host that opens it. Inline,
 * so that the checks of a column run at the speed of memory. */
static inline uint32_t care_snapshot__read32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static inline uint64_t care_snapshot__read64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* The number of records in section `tag` (0 when absent). */
uint64_t care_snapshot__count_of(const care__snap_reader *r, uint32_t tag);
/* A text of the strings section (NULL for none; "" and a problem when out of bounds). */
const char *care_snapshot__text(care__snap_reader *r, care__snap_str off, int optional);
/* The checks of values: the first problem found is kept in r->problem. */
void care_snapshot__problem(care__snap_reader *r, int ok, const char *what);
int care_snapshot__date_ok(int32_t d, int optional);
int care_snapshot__ref_ok(uint32_t v, uint64_t count, int optional);
int care_snapshot__span_ok(uint32_t first, uint32_t n, uint64_t count);
void care_snapshot__units(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n);
void care_snapshot__roles(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n);
void care_snapshot__requirements(care__snap_reader *r, void *dst, const unsigned char *src,
                                 size_t first, size_t n);
void care_snapshot__modules(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                            size_t n);
void care_snapshot__staff(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n);
void care_snapshot__assignments(care__snap_reader *r, void *dst, const unsigned char *src,
                                size_t first, size_t n);
void care_snapshot__exemptions(care__snap_reader *r, void *dst, const unsigned char *src,
                               size_t first, size_t n);
/* Checks of the sections that are borrowed as written, chunk by chunk: records [first,
 * first + n) at src (the bytes before src are the section's records before first). */
typedef void (*care__snap_check_fn)(care__snap_reader *r, const unsigned char *src, size_t first,
                                    size_t n);
void care_snapshot__ref32(care__snap_reader *r, const unsigned char *src, size_t n, uint64_t count,
                          int optional, const char *what);
void care_snapshot__c_staff(care__snap_reader *r, const unsigned char *src, size_t first, size_t n);
void care_snapshot__c_module(care__snap_reader *r, const unsigned char *src, size_t first,
                             size_t n);
void care_snapshot__c_source(care__snap_reader *r, const unsigned char *src, size_t first,
                             size_t n);
void care_snapshot__ref16(care__snap_reader *r, const unsigned char *src, size_t n, uint64_t count,
                          int optional, const char *what);
void care_snapshot__c_module16(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n);
void care_snapshot__c_source16(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n);
void care_snapshot__c_score100(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n);
void care_snapshot__c_staff_ref(care__snap_reader *r, const unsigned char *src, size_t first,
                                size_t n);
void care_snapshot__manager(care__snap_reader *r, const unsigned char *src, size_t first, size_t n);
void care_snapshot__dates(care__snap_reader *r, const unsigned char *src, size_t first, size_t n);
void care_snapshot__c_outcome(care__snap_reader *r, const unsigned char *src, size_t first,
                              size_t n);
void care_snapshot__held_first(care__snap_reader *r, const unsigned char *src, size_t first,
                               size_t n);
void care_snapshot__held(care__snap_reader *r, const unsigned char *src, size_t first, size_t n);
void care_snapshot__slots(care__snap_reader *r, const unsigned char *src, size_t first, size_t n);

void care_snapshot__c_id(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                         size_t n);
void care_snapshot__interactions(care__snap_reader *r, void *dst, const unsigned char *src,
                                 size_t first, size_t n);
void care_snapshot__complaints(care__snap_reader *r, void *dst, const unsigned char *src,
                               size_t first, size_t n);
void care_snapshot__texts(care__snap_reader *r, void *dst, const unsigned char *src, size_t first,
                          size_t n);
void care_snapshot__rejected(care__snap_reader *r, void *dst, const unsigned char *src,
                             size_t first, size_t n);

#endif
