/*
 * libcare — validation issues (docs/validation.md).
 *
 * Loading a dataset file, adding a record and validating a record on its own
 * all report what they find as a list of issues. A list is owned by the
 * caller, who releases it with care_issues_free(); the issues in it are
 * borrowed from the list.
 */
#ifndef CARE_VALIDATE_H
#define CARE_VALIDATE_H

#include "common.h"
#include "dataset.h"

CARE_BEGIN_DECLS

/** How serious an issue is. */
typedef enum care_severity {
	CARE_SEVERITY_ERROR = 0,  /**< the record (or the load) is rejected */
	CARE_SEVERITY_WARNING = 1 /**< reported; never rejects */
} care_severity;

/**
 * The validation codes, as XX(NAME, "spelling", SEVERITY) in value order.
 * Their names, spellings, values and severities never change; new codes are
 * only appended. docs/validation.md says when each is reported.
 */
#define CARE_ISSUE_MAP(XX)                                                                         \
	XX(SYNTAX, "syntax", ERROR)                                                                \
	XX(FORMAT, "format", ERROR)                                                                \
	XX(TYPE, "type", ERROR)                                                                    \
	XX(REQUIRED, "required", ERROR)                                                            \
	XX(UNKNOWN_FIELD, "unknown-field", WARNING)                                                \
	XX(BAD_ID, "bad-id", ERROR)                                                                \
	XX(DUPLICATE_ID, "duplicate-id", ERROR)                                                    \
	XX(BAD_DATE, "bad-date", ERROR)                                                            \
	XX(BAD_ENUM, "bad-enum", ERROR)                                                            \
	XX(OUT_OF_RANGE, "out-of-range", ERROR)                                                    \
	XX(BAD_TEXT, "bad-text", ERROR)                                                            \
	XX(DANGLING_REF, "dangling-ref", ERROR)                                                    \
	XX(DATE_ORDER, "date-order", ERROR)                                                        \
	XX(UNIT_CYCLE, "unit-cycle", ERROR)                                                        \
	XX(DUPLICATE_REQUIREMENT, "duplicate-requirement", ERROR)                                  \
	XX(SCORE_BELOW_PASS_MARK, "score-below-pass-mark", ERROR)                                  \
	XX(OUTSIDE_EMPLOYMENT, "outside-employment", WARNING)                                      \
	XX(OVERLAPPING_ASSIGNMENT, "overlapping-assignment", WARNING)                              \
	XX(AFTER_EXTRACT, "after-extract", WARNING)                                                \
	XX(LOOKS_LIKE_NHS_NUMBER, "looks-like-nhs-number", ERROR)                                  \
	XX(UNKNOWN_MANAGER, "unknown-manager", WARNING)

#define CARE__ENUMERATOR_ISSUE(name, text, severity) CARE_ISSUE_##name,

/** The validation codes (CARE_ISSUE_SYNTAX = 0, ...). */
typedef enum care_issue_code {
	CARE_ISSUE_MAP(CARE__ENUMERATOR_ISSUE) CARE_ISSUE_CODE_COUNT /**< not a code: how many */
} care_issue_code;

/** One issue. Every pointer is borrowed from the list that holds it. */
typedef struct care_issue {
	care_severity severity;
	care_issue_code code;
	care_kind kind;      /**< the record's kind, or CARE_KIND_DATASET */
	const char *id;      /**< the record's id as written, or NULL */
	long index;          /**< 0-based position in its list, or -1 */
	const char *field;   /**< a path such as "assignments[1].from", or NULL */
	long line;           /**< 1-based line of a syntax error, or 0 */
	long column;         /**< 1-based byte column of a syntax error, or 0 */
	const char *message; /**< a sentence for people; never NULL */
	/**
	 * The base name of the CSV file of the offending cell ("staff.csv"), or
	 * NULL (a JSON load, an API add). With it, line is the row's first
	 * physical line (the header is line 1) and column the cell's 1-based
	 * field number (docs/csv.md).
	 */
	const char *file;
} care_issue;

/** The spelling of a code ("dangling-ref"), or NULL if out of range. */
CARE_API const char *care_issue_code_name(care_issue_code code);

/** The code of a spelling, or -1. */
CARE_API int care_issue_code_parse(const char *name);

/** The severity a code always has. */
CARE_API care_severity care_issue_code_severity(care_issue_code code);

/** How many issues the list holds (0 for NULL). */
CARE_API size_t care_issues_count(const care_issues *issues);

/** Issue `index` (in the order found), borrowed; NULL when out of range. */
CARE_API const care_issue *care_issues_get(const care_issues *issues, size_t index);

/** How many of the issues are errors. */
CARE_API size_t care_issues_errors(const care_issues *issues);

/** How many of the issues are warnings. */
CARE_API size_t care_issues_warnings(const care_issues *issues);

/**
 * The validation report as JSON text (docs/validation.md#the-json-form), NUL-terminated, one line.
 * The caller releases *out with care_free().
 * @return 0, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_issues_to_json(char **out, const care_issues *issues);

/** Release a list of issues. Accepts NULL. */
CARE_API void care_issues_free(care_issues *issues);

/**
 * Validate one record, given as the JSON text of the object that would
 * appear in the dataset file's list for `kind`, without a dataset: every
 * check (docs/validation.md) that does not need other records (references, duplicate
 * ids, after-extract and score-below-pass-mark are not checked).
 *
 * @param out   receives the issues found (possibly none); release it with
 *              care_issues_free(). Set to NULL only on CARE_EINVAL/ENOMEM.
 * @param kind  the record's kind (not CARE_KIND_DATASET)
 * @param json  the text, `len` bytes, need not be NUL-terminated
 * @return 0 when the record has no error (it may have warnings),
 *         CARE_EINVALID when it has errors, CARE_ESYNTAX when the text is
 *         not JSON (the issue gives line and column), CARE_EINVAL,
 *         CARE_ENOMEM. Thread-safe.
 */
CARE_API int care_record_validate(care_issues **out, care_kind kind, const char *json, size_t len);

CARE_END_DECLS

#endif
