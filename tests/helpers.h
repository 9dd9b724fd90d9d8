/*
 * Helpers linked into every cmocka test (tests/helpers.c): dates, datasets
 * written as JSON with single quotes, reports and their JSON checked field by
 * field, files read whole, and an allocator that counts and fails on demand.
 *
 * The checks fail the running test (cmocka's fail_msg), so they may only be
 * called from a test or its setup.
 */
#ifndef CARE_TEST_HELPERS_H
#define CARE_TEST_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "care.h"

/* ---- dates ---- */

/* The date written YYYY-MM-DD; fails the test when it does not parse. */
care_date D(const char *s);

/* A date as text, "null" for none. A few rotating buffers, so that several
 * can appear in one assertion. */
const char *fmt(care_date d);

/* ---- datasets ---- */

/* The end of load()'s parts: a variadic NULL must have the parameters' type. */
#define END ((const char *)NULL)

/*
 * Load the concatenation of the END-terminated parts (each kept under ISO
 * C's 4095-byte limit on a string literal), with every single quote turned
 * into a double quote (no id or text in the tests holds an apostrophe).
 * Asserts that it loads with no error and no rejected record. Up to eight
 * datasets may be loaded at once; each keeps its text, since
 * care_dataset_load_buffer does not copy it, until unload().
 */
care_dataset *load(const char *first, ...);
void unload(care_dataset *ds);

/*
 * A dataset built through the API, not sealed: a unit OPS, a role REC requiring
 * customer-care within 90 days, modules CC-ELEARN (customer-care, 12 months) and FS-ELEARN
 * (fire-safety, 36 months), and two people S001 and S002 in that role since 2020-01-06;
 * no completion yet.
 */
care_dataset *test_two_people(void);

/* The whole file, NUL-terminated, with its length in *len; NULL when it
 * cannot be read. free() it. */
char *slurp(const char *path, size_t *len);

/* ---- reports and their JSON ---- */

/* A new report, asserting that it is made and of its kind. */
care_report *report(care_report_kind kind, const care_dataset *ds, const care_report_options *opts);

/* The report's JSON, parsed; cJSON_Delete() it. */
cJSON *to_json(const care_report *r);

/* Fails unless two reports have the same JSON (a merge and the report of the
 * union, say), printing both. */
void assert_same_json(const care_report *merged, const care_report *of_union);

/*
 * Where a failing comparison is (the group and the row being checked, say):
 * a test may write it before a run of checks, and their messages begin with
 * it.
 */
extern char where[160];

/* The member `name` of `obj`; fails when it is missing. */
const cJSON *field(const cJSON *obj, const char *name);

/* A string member: null when `expected` is NULL or "null". */
void json_string(const cJSON *obj, const char *name, const char *expected);

/* A count member: null when `expected` is CARE_SUPPRESSED. */
void json_count(const cJSON *obj, const char *name, int64_t expected);

/* A rate member, which reads back exactly: null when `expected` is NAN. */
void json_rate(const cJSON *obj, const char *name, double expected);

/* A rate member within 1e-9 of a hand-worked value: null when it is NAN. */
void json_rate_near(const cJSON *obj, const char *name, double expected);

/* A count of a report's struct. */
void check_count(const char *what, int64_t got, int64_t expected);

/* A rate of a report's struct, exactly; NAN means none. */
void same_rate(const char *what, double got, double expected);

/* A rate of a report's struct, within 1e-9; NAN means none. */
void near(const char *what, double got, double expected);

/* The report's "filters" object (a NULL text expects null). */
void check_filters(const cJSON *json, const char *unit, const char *role, const char *staff_group,
                   int patient_facing);

/* ---- random numbers ---- */

/* The next of a reproducible sequence (xorshift64*) kept in *state (not 0). */
uint64_t test_rng(uint64_t *state);

/* ---- allocation failures ---- */

/*
 * An allocator, for care_set_allocator(), that counts its calls in
 * test_alloc_calls and the blocks it has handed out and not had back in
 * test_alloc_live, and fails (returns NULL from) call number
 * test_alloc_fail_at; 0 or less fails none. The test resets the counts.
 */
extern const care_allocator test_allocator;
extern long test_alloc_calls, test_alloc_live, test_alloc_fail_at;

/*
 * An allocator safe from several threads at once (a big load, a seal, lookups on threads of
 * the tests' own), for care_set_allocator(): it fails call number n from the last
 * test_threads_fail_in(n) on (counting from 1; 0: none), and counts nothing else.
 */
extern const care_allocator test_threads_allocator;
void test_threads_fail_in(long n);
/* Its calls since test_threads_fail_in() while one is set to fail. */
long test_threads_calls(void);

#endif
