/*
 * libcare — the dataset: the records of one organisation (docs/model.md).
 *
 * A dataset is built record by record with care_dataset_add_*() or loaded
 * from a dataset file (io.h). Each add validates the record as docs/validation.md
 * says; a record with an error is not added, and the issues say why.
 *
 * References must name records already in the dataset: add units (parents
 * first), roles and modules, then staff, then completions, interactions and
 * complaints.
 *
 * Threading: a dataset may be used by one thread at a time while it is being
 * built. After care_dataset_seal() (the loaders seal for you) it is immutable
 * and any number of threads may query it at once. See docs/threading.md.
 */
#ifndef CARE_DATASET_H
#define CARE_DATASET_H

#include <math.h>

#include "common.h"
#include "calendar.h"

CARE_BEGIN_DECLS

/** An opaque dataset. */
typedef struct care_dataset care_dataset;
/** An opaque list of validation issues (validate.h). */
typedef struct care_issues care_issues;

/*
 * Every closed enumeration is kept once, as an X-macro list of
 * XX(NAME, "spelling") in value order; the C enum, its CARE_*_COUNT and the
 * library's name tables are all made from it. A caller may use a list too:
 *
 *     #define ROW(name, text) printf("%s\n", text);
 *     CARE_CHANNEL_MAP(ROW)
 */

/** The record kinds, in the order of the dataset file's lists ("dataset" for the file itself). */
#define CARE_KIND_MAP(XX)                                                                          \
	XX(DATASET, "dataset")                                                                     \
	XX(UNIT, "unit")                                                                           \
	XX(ROLE, "role")                                                                           \
	XX(MODULE, "module")                                                                       \
	XX(STAFF, "staff")                                                                         \
	XX(COMPLETION, "completion")                                                               \
	XX(INTERACTION, "interaction")                                                             \
	XX(COMPLAINT, "complaint")

/** A role's ESR staff group. */
#define CARE_STAFF_GROUP_MAP(XX)                                                                   \
	XX(ADD_PROF_SCIENTIFIC_TECHNICAL, "add-prof-scientific-technical")                         \
	XX(ADDITIONAL_CLINICAL_SERVICES, "additional-clinical-services")                           \
	XX(ADMIN_CLERICAL, "admin-clerical")                                                       \
	XX(ALLIED_HEALTH_PROFESSIONALS, "allied-health-professionals")                             \
	XX(ESTATES_ANCILLARY, "estates-ancillary")                                                 \
	XX(HEALTHCARE_SCIENTISTS, "healthcare-scientists")                                         \
	XX(MEDICAL_DENTAL, "medical-dental")                                                       \
	XX(NURSING_MIDWIFERY, "nursing-midwifery")                                                 \
	XX(STUDENTS, "students")

/** How a module is delivered. */
#define CARE_DELIVERY_MAP(XX)                                                                      \
	XX(E_LEARNING, "e-learning")                                                               \
	XX(WORKSHOP, "workshop")                                                                   \
	XX(VIRTUAL, "virtual")                                                                     \
	XX(BLENDED, "blended")                                                                     \
	XX(OTHER, "other")

/** The outcome of an attempt at a module. */
#define CARE_COMPLETION_OUTCOME_MAP(XX)                                                            \
	XX(COMPLETED, "completed")                                                                 \
	XX(PASSED, "passed")                                                                       \
	XX(FAILED, "failed")

/** The channel of an interaction. */
#define CARE_CHANNEL_MAP(XX)                                                                       \
	XX(PHONE, "phone")                                                                         \
	XX(IN_PERSON, "in-person")                                                                 \
	XX(LETTER, "letter")                                                                       \
	XX(EMAIL, "email")                                                                         \
	XX(SMS, "sms")                                                                             \
	XX(NHS_APP, "nhs-app")                                                                     \
	XX(VIDEO, "video")                                                                         \
	XX(WEB, "web")                                                                             \
	XX(OTHER, "other")

/** What an interaction was about. */
#define CARE_INTERACTION_KIND_MAP(XX)                                                              \
	XX(BOOKING, "booking")                                                                     \
	XX(RESCHEDULING, "rescheduling")                                                           \
	XX(CANCELLATION, "cancellation")                                                           \
	XX(ENQUIRY, "enquiry")                                                                     \
	XX(WAITING_LIST_VALIDATION, "waiting-list-validation")                                     \
	XX(TRANSPORT_BOOKING, "transport-booking")                                                 \
	XX(REFERRAL_MANAGEMENT, "referral-management")                                             \
	XX(OTHER, "other")

/** How an interaction ended. */
#define CARE_INTERACTION_OUTCOME_MAP(XX)                                                           \
	XX(RESOLVED, "resolved")                                                                   \
	XX(ESCALATED, "escalated")                                                                 \
	XX(UNRESOLVED, "unresolved")

/** The subjects of a complaint. */
#define CARE_SUBJECT_MAP(XX)                                                                       \
	XX(ACCESS_TO_TREATMENT, "access-to-treatment")                                             \
	XX(ADMISSIONS_DISCHARGE_TRANSFERS, "admissions-discharge-transfers")                       \
	XX(APPOINTMENTS, "appointments")                                                           \
	XX(CLINICAL_TREATMENT, "clinical-treatment")                                               \
	XX(COMMISSIONING, "commissioning")                                                         \
	XX(COMMUNICATIONS, "communications")                                                       \
	XX(COMPLAINTS_HANDLING, "complaints-handling")                                             \
	XX(CONSENT, "consent")                                                                     \
	XX(END_OF_LIFE_CARE, "end-of-life-care")                                                   \
	XX(FACILITIES, "facilities")                                                               \
	XX(INTEGRATED_CARE, "integrated-care")                                                     \
	XX(PATIENT_CARE, "patient-care")                                                           \
	XX(PRESCRIBING, "prescribing")                                                             \
	XX(PRIVACY_DIGNITY_WELLBEING, "privacy-dignity-wellbeing")                                 \
	XX(STAFF_NUMBERS, "staff-numbers")                                                         \
	XX(TRANSPORT, "transport")                                                                 \
	XX(TRUST_ADMINISTRATION, "trust-administration")                                           \
	XX(VALUES_AND_BEHAVIOURS, "values-and-behaviours")                                         \
	XX(WAITING_TIMES, "waiting-times")                                                         \
	XX(OTHER, "other")

/** The outcome of a closed complaint. */
#define CARE_COMPLAINT_OUTCOME_MAP(XX)                                                             \
	XX(UPHELD, "upheld")                                                                       \
	XX(PARTIALLY_UPHELD, "partially-upheld")                                                   \
	XX(NOT_UPHELD, "not-upheld")                                                               \
	XX(WITHDRAWN, "withdrawn")

/** The enumerations, for care_enum_name(), care_enum_parse() and care_enum_count(). */
#define CARE_ENUM_MAP(XX)                                                                          \
	XX(KIND, CARE_KIND_MAP)                                                                    \
	XX(STAFF_GROUP, CARE_STAFF_GROUP_MAP)                                                      \
	XX(DELIVERY, CARE_DELIVERY_MAP)                                                            \
	XX(COMPLETION_OUTCOME, CARE_COMPLETION_OUTCOME_MAP)                                        \
	XX(CHANNEL, CARE_CHANNEL_MAP)                                                              \
	XX(INTERACTION_KIND, CARE_INTERACTION_KIND_MAP)                                            \
	XX(INTERACTION_OUTCOME, CARE_INTERACTION_OUTCOME_MAP)                                      \
	XX(SUBJECT, CARE_SUBJECT_MAP)                                                              \
	XX(COMPLAINT_OUTCOME, CARE_COMPLAINT_OUTCOME_MAP)

/* One enumerator per entry of a list, with the given prefix. */
#define CARE__ENUMERATOR_KIND(name, text)       CARE_KIND_##name,
#define CARE__ENUMERATOR_SG(name, text)         CARE_SG_##name,
#define CARE__ENUMERATOR_DELIVERY(name, text)   CARE_DELIVERY_##name,
#define CARE__ENUMERATOR_COMPLETION(name, text) CARE_COMPLETION_##name,
#define CARE__ENUMERATOR_CHANNEL(name, text)    CARE_CHANNEL_##name,
#define CARE__ENUMERATOR_IK(name, text)         CARE_IK_##name,
#define CARE__ENUMERATOR_IO(name, text)         CARE_IO_##name,
#define CARE__ENUMERATOR_SUBJECT(name, text)    CARE_SUBJECT_##name,
#define CARE__ENUMERATOR_CO(name, text)         CARE_CO_##name,
#define CARE__ENUMERATOR_ENUM(name, map)        CARE_ENUM_##name,

/** The record kinds (CARE_KIND_DATASET = 0, CARE_KIND_UNIT, ...). */
typedef enum care_kind {
	CARE_KIND_MAP(CARE__ENUMERATOR_KIND) CARE_KIND_COUNT /**< not a kind: how many */
} care_kind;

/** The enumerations (CARE_ENUM_KIND = 0, CARE_ENUM_STAFF_GROUP, ...). */
typedef enum care_enum {
	CARE_ENUM_MAP(CARE__ENUMERATOR_ENUM) CARE_ENUM_COUNT /**< not an enumeration: how many */
} care_enum;

/** CARE_SG_ADD_PROF_SCIENTIFIC_TECHNICAL = 0, ... */
typedef enum care_staff_group {
	CARE_STAFF_GROUP_MAP(CARE__ENUMERATOR_SG) CARE_STAFF_GROUP_COUNT
} care_staff_group;

/** CARE_DELIVERY_E_LEARNING = 0, ... */
typedef enum care_delivery {
	CARE_DELIVERY_MAP(CARE__ENUMERATOR_DELIVERY) CARE_DELIVERY_COUNT
} care_delivery;

/** CARE_COMPLETION_COMPLETED = 0, CARE_COMPLETION_PASSED, CARE_COMPLETION_FAILED */
typedef enum care_completion_outcome {
	CARE_COMPLETION_OUTCOME_MAP(CARE__ENUMERATOR_COMPLETION) CARE_COMPLETION_OUTCOME_COUNT
} care_completion_outcome;

/** CARE_CHANNEL_PHONE = 0, ... */
typedef enum care_channel {
	CARE_CHANNEL_MAP(CARE__ENUMERATOR_CHANNEL) CARE_CHANNEL_COUNT
} care_channel;

/** CARE_IK_BOOKING = 0, ... */
typedef enum care_interaction_kind {
	CARE_INTERACTION_KIND_MAP(CARE__ENUMERATOR_IK) CARE_INTERACTION_KIND_COUNT
} care_interaction_kind;

/** CARE_IO_RESOLVED = 0, ... */
typedef enum care_interaction_outcome {
	CARE_INTERACTION_OUTCOME_MAP(CARE__ENUMERATOR_IO) CARE_INTERACTION_OUTCOME_COUNT
} care_interaction_outcome;

/** CARE_SUBJECT_ACCESS_TO_TREATMENT = 0, ... */
typedef enum care_subject {
	CARE_SUBJECT_MAP(CARE__ENUMERATOR_SUBJECT) CARE_SUBJECT_COUNT
} care_subject;

/** Complaint outcomes (CARE_CO_UPHELD = 0, ...); CARE_NONE (-1) while the complaint is open. */
typedef enum care_complaint_outcome {
	CARE_COMPLAINT_OUTCOME_MAP(CARE__ENUMERATOR_CO) CARE_COMPLAINT_OUTCOME_COUNT
} care_complaint_outcome;

/**
 * The spelling of an enumeration value in dataset files ("admin-clerical"), or NULL when
 * value is out of range. Static string.
 */
CARE_API const char *care_enum_name(care_enum type, int value);

/** The value of a spelling (len bytes), or -1 when it is not one. */
CARE_API int care_enum_parse(care_enum type, const char *text, size_t len);

/** How many values the enumeration has. */
CARE_API int care_enum_count(care_enum type);

/*
 * Records passed in. Strings are UTF-8 and NUL-terminated, and are copied;
 * NULL means absent. Optional integers use CARE_NONE, optional numbers NAN,
 * optional dates CARE_DATE_NONE. docs/model.md describes every field.
 *
 * Start every record from its initialiser (CARE_STAFF_INIT, ...), which sets
 * each optional field to "absent", then fill in what you have: a zeroed
 * struct would say 1970-01-01 for an unset date and 0 for an unset number.
 * New fields are only ever appended, with an absent default in the
 * initialiser.
 */

typedef struct care_unit {
	const char *id;
	const char *name;
	const char *parent; /**< unit id, NULL for a root */
} care_unit;

typedef struct care_requirement {
	const char *competency;
	int due_within_days; /**< 0-3650 */
	care_date from;      /**< in force from this day, or CARE_DATE_NONE: always before */
	care_date to;        /**< in force to this day, or CARE_DATE_NONE: open-ended */
} care_requirement;

typedef struct care_role {
	const char *id;
	const char *title;
	care_staff_group staff_group;
	int patient_facing; /**< 0 or 1 */
	int clinical;       /**< 0 or 1 */
	const care_requirement *requirements;
	size_t requirement_count;
} care_role;

typedef struct care_module {
	const char *id;
	const char *title;
	const char *competency; /**< NULL: the module's own id */
	int validity_months;    /**< 0-600, 0 = never expires */
	care_delivery delivery;
	int duration_minutes; /**< 1-10000 or CARE_NONE */
	double pass_mark;     /**< 0-100 or NAN */
	int64_t cost_pence;   /**< >= 0 or CARE_NONE */
	const char *provider;
	const char *xapi_activity;
} care_module;

typedef struct care_assignment {
	const char *role;
	const char *unit;
	care_date from;
	care_date to;        /**< CARE_DATE_NONE: open-ended */
	const char *manager; /**< staff id of the line manager in this assignment, or NULL */
} care_assignment;

typedef struct care_exemption {
	const char *competency;
	care_date from;
	care_date to; /**< CARE_DATE_NONE: open-ended */
	const char *reason;
} care_exemption;

typedef struct care_staff {
	const char *id;
	care_date started_on;
	care_date left_on; /**< last day of employment, or CARE_DATE_NONE */
	const care_assignment *assignments;
	size_t assignment_count;
	const care_exemption *exemptions;
	size_t exemption_count;
	const char *name; /**< display name for managers' lists, or NULL */
} care_staff;

typedef struct care_completion {
	/** NULL: a version-5 UUID is generated (docs/model.md#generated-completion-ids) */
	const char *id;
	const char *staff;
	const char *module;
	care_date completed_on;
	care_completion_outcome outcome;
	double score;       /**< 0-100 or NAN */
	const char *source; /**< "esr", "xapi", "manual", ... or NULL */
} care_completion;

typedef struct care_interaction {
	const char *id;
	const char *staff;
	care_timestamp at;
	care_channel channel;
	care_interaction_kind kind;
	care_interaction_outcome outcome;
	int duration_seconds; /**< 0-86400 or CARE_NONE */
	const char *appointment_ref;
	const char *patient_ref; /**< a pseudonym, never an NHS number */
	int specialty;           /**< treatment function code 0-999, or CARE_NONE */
} care_interaction;

typedef struct care_complaint {
	const char *id;
	care_date received_on;
	care_date acknowledged_on; /**< or CARE_DATE_NONE */
	care_date closed_on;       /**< or CARE_DATE_NONE */
	uint32_t subjects;         /**< bit mask of (1u << care_subject), not 0 */
	int outcome;               /**< care_complaint_outcome or CARE_NONE while open */
	const char *const *staff;  /**< staff ids */
	size_t staff_count;
	const char *interaction; /**< interaction id or NULL */
} care_complaint;

/* Initialisers: every optional field absent, every required field unset. */
#define CARE_UNIT_INIT                                                                             \
	{                                                                                          \
		NULL, NULL, NULL                                                                   \
	}
#define CARE_REQUIREMENT_INIT                                                                      \
	{                                                                                          \
		NULL, 0, CARE_DATE_NONE, CARE_DATE_NONE                                            \
	}
#define CARE_ROLE_INIT                                                                             \
	{                                                                                          \
		NULL, NULL, CARE_SG_ADMIN_CLERICAL, 0, 0, NULL, 0                                  \
	}
#define CARE_MODULE_INIT                                                                           \
	{                                                                                          \
		NULL, NULL, NULL, 0, CARE_DELIVERY_E_LEARNING, CARE_NONE, (double)NAN, CARE_NONE,  \
		    NULL, NULL                                                                     \
	}
#define CARE_ASSIGNMENT_INIT                                                                       \
	{                                                                                          \
		NULL, NULL, CARE_DATE_NONE, CARE_DATE_NONE, NULL                                   \
	}
#define CARE_EXEMPTION_INIT                                                                        \
	{                                                                                          \
		NULL, CARE_DATE_NONE, CARE_DATE_NONE, NULL                                         \
	}
#define CARE_STAFF_INIT                                                                            \
	{                                                                                          \
		NULL, CARE_DATE_NONE, CARE_DATE_NONE, NULL, 0, NULL, 0, NULL                       \
	}
#define CARE_COMPLETION_INIT                                                                       \
	{                                                                                          \
		NULL, NULL, NULL, CARE_DATE_NONE, CARE_COMPLETION_COMPLETED, (double)NAN, NULL     \
	}
#define CARE_INTERACTION_INIT                                                                      \
	{                                                                                          \
		NULL, NULL, {CARE_DATE_NONE, 0, 0, 0, 0, 0, 0, 0}, CARE_CHANNEL_OTHER,             \
		    CARE_IK_OTHER, CARE_IO_RESOLVED, CARE_NONE, NULL, NULL, CARE_NONE              \
	}
#define CARE_COMPLAINT_INIT                                                                        \
	{                                                                                          \
		NULL, CARE_DATE_NONE, CARE_DATE_NONE, CARE_DATE_NONE, 0, CARE_NONE, NULL, 0, NULL  \
	}

/**
 * Create an empty dataset. Release it with care_dataset_free().
 * @return 0 or CARE_ENOMEM.
 */
CARE_API int care_dataset_new(care_dataset **out);

/** Release a dataset and everything borrowed from it. Accepts NULL. */
CARE_API void care_dataset_free(care_dataset *ds);

/**
 * Set the organisation (ODS code and name; either may be NULL) and the date
 * of the extract (CARE_DATE_NONE for none). The extract date enables the
 * `after-extract` warnings of records added later.
 * @return 0, CARE_EINVAL for text that is not valid UTF-8 of at most 1024
 * bytes or a date out of range, CARE_ENOMEM.
 */
CARE_API int care_dataset_set_header(care_dataset *ds, const char *ods_code, const char *name,
                                     care_date extracted_on);

/** Add a date to the dataset's extra non-working days (docs/reports.md#working-days). */
CARE_API int care_dataset_add_non_working_day(care_dataset *ds, care_date date);

/**
 * Make room for `count` more records of `kind` (a hint for bulk builders; it
 * only saves reallocations).
 * @return 0, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_reserve(care_dataset *ds, care_kind kind, size_t count);

/**
 * Validate a record and add it. Every add works the same way:
 *
 * @param ds      the dataset (not sealed by another thread's queries)
 * @param rec     the record; its strings are copied
 * @param issues  if not NULL, receives the issues found (errors and
 *                warnings); the caller releases it with care_issues_free().
 *                It is set to NULL only on CARE_EINVAL and CARE_ENOMEM.
 * @return 0 when the record was added (there may be warnings),
 *         CARE_EINVALID when it has an error and was not added,
 *         CARE_EINVAL for a NULL argument, CARE_ENOMEM.
 */
CARE_API int care_dataset_add_unit(care_dataset *ds, const care_unit *rec, care_issues **issues);
CARE_API int care_dataset_add_role(care_dataset *ds, const care_role *rec, care_issues **issues);
CARE_API int care_dataset_add_module(care_dataset *ds, const care_module *rec,
                                     care_issues **issues);
CARE_API int care_dataset_add_staff(care_dataset *ds, const care_staff *rec, care_issues **issues);
CARE_API int care_dataset_add_completion(care_dataset *ds, const care_completion *rec,
                                         care_issues **issues);
CARE_API int care_dataset_add_interaction(care_dataset *ds, const care_interaction *rec,
                                          care_issues **issues);
CARE_API int care_dataset_add_complaint(care_dataset *ds, const care_complaint *rec,
                                        care_issues **issues);

/**
 * Build the indexes that queries use and make the dataset immutable: after
 * this, it may be queried from several threads at once. Adding a record to a
 * sealed dataset unseals it. The loaders seal the datasets they return. With a
 * million completions or more, part of the work runs on a second thread of its own,
 * ended before the call returns (docs/threading.md).
 * @return 0 or CARE_ENOMEM (the dataset is then left unsealed and usable).
 */
CARE_API int care_dataset_seal(care_dataset *ds);

/** How many records of `kind` the dataset holds (rejected records excluded). */
CARE_API size_t care_dataset_count(const care_dataset *ds, care_kind kind);

/** How many records of `kind` were rejected when the dataset was loaded. */
CARE_API size_t care_dataset_rejected_count(const care_dataset *ds, care_kind kind);

/**
 * The id of the record of `kind` at position `index` (0-based, in the order
 * added), borrowed from the dataset. NULL when out of range. A completion's
 * id (its generated UUID when it has none) is written into a buffer of the
 * calling thread, valid until that thread calls this again: copy it to keep it.
 */
CARE_API const char *care_dataset_id(const care_dataset *ds, care_kind kind, size_t index);

/**
 * The position of the record of `kind` with id `id`, or CARE_ENOTFOUND. The first lookup of
 * a completion after a seal makes the index of completion ids again (docs/threading.md).
 * @return 0 and *out set, CARE_ENOTFOUND, CARE_EINVAL, or CARE_ENOMEM (a completion's only).
 */
CARE_API int care_dataset_find(size_t *out, const care_dataset *ds, care_kind kind, const char *id);

/**
 * The id of the parent of the unit whose id is `unit_id`, borrowed from the
 * dataset; NULL for a root unit, and for an id that is no unit of ds.
 * Thread-safe on a sealed dataset.
 */
CARE_API const char *care_dataset_unit_parent(const care_dataset *ds, const char *unit_id);

/** The extract date, or CARE_DATE_NONE. */
CARE_API care_date care_dataset_extracted_on(const care_dataset *ds);

/**
 * The version-5 UUID (docs/model.md#generated-completion-ids) for a completion without an id, from
 * the four fields as written, in lower case, into buf (37 bytes with the NUL).
 * @return 0, or CARE_EINVAL when a field is NULL.
 */
CARE_API int care_completion_make_id(char buf[37], const char *staff, const char *module,
                                     const char *completed_on, const char *outcome);

CARE_END_DECLS

#endif
