/*
 * The dataset built through the API: adds, their issues, ids and lookups.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"
#include "dataset/dataset.h"
#include "dataset/index.h"

/* The codes of the issues, as "code@field;..." for compact assertions. */
static const char *codes(const care_issues *issues)
{
	static char buf[1024];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < care_issues_count(issues); i++) {
		const care_issue *is = care_issues_get(issues, i);
		strcat(buf, care_issue_code_name(is->code));
		strcat(buf, "@");
		strcat(buf, is->field ? is->field : "-");
		strcat(buf, ";");
	}
	return buf;
}

static care_dataset *base(void)
{
	care_dataset *ds;
	care_unit ops = {"OPS", "Operations", NULL};
	care_unit pa = {"PA", "Patient Access", "OPS"};
	care_requirement reqs[] = {{"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE},
	                           {"ig", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
	care_role rec = {"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, reqs, 2};
	care_module mod = {"CC-ELEARN",
	                   "Customer care",
	                   "customer-care",
	                   12,
	                   CARE_DELIVERY_E_LEARNING,
	                   45,
	                   80.0,
	                   0,
	                   "HEE",
	                   NULL};
	care_assignment as = {"REC", "PA", 0, CARE_DATE_NONE, NULL};
	care_staff s = {"S001", 0, CARE_DATE_NONE, &as, 1, NULL, 0, NULL};

	assert_int_equal(care_dataset_new(&ds), 0);
	assert_int_equal(care_dataset_set_header(ds, "RXX", "Test Trust", D("2026-03-31")), 0);
	assert_int_equal(care_dataset_add_unit(ds, &ops, NULL), 0);
	assert_int_equal(care_dataset_add_unit(ds, &pa, NULL), 0);
	assert_int_equal(care_dataset_add_role(ds, &rec, NULL), 0);
	assert_int_equal(care_dataset_add_module(ds, &mod, NULL), 0);
	s.started_on = D("2020-01-06");
	as.from = D("2020-01-06");
	assert_int_equal(care_dataset_add_staff(ds, &s, NULL), 0);
	return ds;
}

static void builds_and_finds(void **state)
{
	care_dataset *ds = base();
	size_t at = 99;

	(void)state;
	assert_int_equal(care_dataset_count(ds, CARE_KIND_UNIT), 2);
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_UNIT, "PA"), 0);
	assert_int_equal(at, 1);
	assert_string_equal(care_dataset_id(ds, CARE_KIND_UNIT, 1), "PA");
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_STAFF, "S999"), CARE_ENOTFOUND);
	assert_null(care_dataset_id(ds, CARE_KIND_UNIT, 2));
	assert_int_equal(care_dataset_seal(ds), 0);
	care_dataset_free(ds);
}

static void generated_completion_id_is_uuid5(void **state)
{
	care_dataset *ds = base();
	care_completion c = {NULL, "S001", "CC-ELEARN", 0, CARE_COMPLETION_PASSED, 91, "esr"};
	care_issues *issues = NULL;
	char buf[37];

	(void)state;
	/* Computed independently with Python's uuid.uuid5. */
	assert_int_equal(care_completion_make_id(buf, "S001", "CC-ELEARN", "2025-01-31", "passed"),
	                 0);
	assert_string_equal(buf, "95fabcf3-e7d2-5683-8df4-461e74d74e36");
	c.completed_on = D("2025-01-31");
	assert_int_equal(care_dataset_add_completion(ds, &c, &issues), 0);
	assert_int_equal(care_issues_count(issues), 0);
	care_issues_free(issues);
	assert_string_equal(care_dataset_id(ds, CARE_KIND_COMPLETION, 0),
	                    "95fabcf3-e7d2-5683-8df4-461e74d74e36");
	/* The same completion again is the same id: a duplicate, not a new record. */
	assert_int_equal(care_dataset_add_completion(ds, &c, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues), "duplicate-id@id;");
	assert_string_equal(care_issues_get(issues, 0)->id, "95fabcf3-e7d2-5683-8df4-461e74d74e36");
	care_issues_free(issues);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), 1);
	care_dataset_free(ds);
}

/* Completion ids of every form come back exactly as written: lower-case UUIDs
 * (kept as 16 bytes), upper-case and other-variant UUIDs, other ids, and
 * generated ones, in any mix, through lookups, a snapshot and a dump. */
static const char *const completion_ids[] = {
    "0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2b", "C000123",
    "0F8E2A4C-1B3D-4E5F-8A6B-7C8D9E0F1A2B", "0f8e2a4c-1b3d-4e5f-ca6b-7c8d9e0f1a2b",
    "00000000-0000-0000-0000-000000000000", NULL,
    "0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2",  "0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2bc",
    "0f8e2a4c-1b3d-4e5f-ba6b-7c8d9e0f1a2b", "0f8e2a4c:1b3d-4e5f-8a6b-7c8d9e0f1a2b",
    "ffffffff-ffff-ffff-bfff-ffffffffffff",
};
#define N_IDS (sizeof completion_ids / sizeof *completion_ids)

static void assert_ids_as_written(const care_dataset *ds)
{
	char generated[37];
	size_t i, at;

	/* The id-less one (the sixth) was completed on 2025-01-06 + 5 days. */
	assert_int_equal(
	    care_completion_make_id(generated, "S001", "CC-ELEARN", "2025-01-11", "passed"), 0);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), N_IDS);
	for (i = 0; i < N_IDS; i++) {
		const char *want = completion_ids[i] ? completion_ids[i] : generated;
		assert_string_equal(care_dataset_id(ds, CARE_KIND_COMPLETION, i), want);
		assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, want), 0);
		assert_int_equal(at, i);
	}
	/* Case matters: the upper-case UUID is another id than the lower-case one. */
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION,
	                                   "0f8e2a4c-1b3d-4e5f-8a6b-7c8d9e0f1a2c"),
	                 CARE_ENOTFOUND);
}

static void completion_ids_kept_as_written(void **state)
{
	care_dataset *ds = base(), *opened = NULL, *reloaded = NULL;
	care_completion c = {NULL, "S001", "CC-ELEARN", 0, CARE_COMPLETION_PASSED, 91, "esr"};
	care_issues *issues = NULL;
	char path[64], *text = NULL;
	size_t i, len = 0;

	(void)state;
	for (i = 0; i < N_IDS; i++) {
		c.id = completion_ids[i];
		c.completed_on = D("2025-01-06") + (care_date)i;
		assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);
	}
	/* A kept UUID is a duplicate like any other id. */
	c.id = completion_ids[0];
	assert_int_equal(care_dataset_add_completion(ds, &c, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues), "duplicate-id@id;");
	care_issues_free(issues);
	assert_ids_as_written(ds);

	snprintf(path, sizeof path, "/tmp/care-test-ids-%ld.care", (long)getpid());
	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	assert_int_equal(care_dataset_open_snapshot(&opened, path), 0);
	unlink(path);
	assert_ids_as_written(opened);

	assert_int_equal(care_dataset_dump(&text, &len, ds), 0);
	assert_int_equal(care_dataset_load_buffer(&reloaded, NULL, text, len, NULL), 0);
	assert_ids_as_written(reloaded);
	care_dataset_free(reloaded);
	care_free(text);
	care_dataset_free(opened);
	care_dataset_free(ds);
}

/* The expiry dates the seal works out (remembered per day and validity) are each
 * care_date_add_months of the completion: month ends, leap days, more validities than are
 * remembered at once, and modules that never expire. */
static void sealed_expiry_dates(void **state)
{
	static const int months[] = {1, 2, 3, 6, 12, 18, 24, 36, 48, 60, 0, 600};
	care_dataset *ds = base();
	const struct care__index *ix;
	size_t m, i, held = 0;

	(void)state;
	for (m = 0; m < sizeof months / sizeof *months; m++) {
		char id[16], competency[16];
		care_module mod = {id, "Module", competency, months[m], CARE_DELIVERY_E_LEARNING,
		                   45, NAN,      0,          NULL,      NULL};
		snprintf(id, sizeof id, "M%zu", m);
		snprintf(competency, sizeof competency, "c%zu", m);
		assert_int_equal(care_dataset_add_module(ds, &mod, NULL), 0);
	}
	for (i = 0; i < 600; i++) {
		char id[16];
		/* Every third day from 2020-01-06: month ends and 2020-02-29 among them. */
		care_completion c = {id,
		                     "S001",
		                     NULL,
		                     D("2020-01-06") + (care_date)(i * 3 % 2270),
		                     CARE_COMPLETION_COMPLETED,
		                     NAN,
		                     NULL};
		snprintf(id, sizeof id, "C%zu", i);
		c.module = (const char *[]){"M0", "M1", "M2", "M3", "M4",  "M5",
		                            "M6", "M7", "M8", "M9", "M10", "M11"}[i % 12];
		assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);
	}
	assert_int_equal(care_dataset_seal(ds), 0);
	ix = ds->index;
	for (i = ix->held_first[0]; i < ix->held_first[1]; i++) {
		const care__held *h = &ix->held[i];
		size_t k;
		for (k = 0; k < sizeof months / sizeof *months; k++) {
			char competency[16];
			snprintf(competency, sizeof competency, "c%zu", k);
			if (care_intern__find(&ds->competencies, competency) != h->competency)
				continue;
			if (months[k] == 0)
				assert_int_equal(care__held_expires(h), CARE__NEVER);
			else
				assert_int_equal(care__held_expires(h),
				                 care_date_add_months(h->completed_on, months[k]));
			held++;
		}
	}
	assert_int_equal(held, 600);
	care_dataset_free(ds);
}

static void rejected_add_reports_every_problem(void **state)
{
	care_dataset *ds = base();
	care_assignment as[] = {{"REC", "NOPE", 0, CARE_DATE_NONE, NULL},
	                        {"bad id", "PA", 0, 0, NULL}};
	care_staff s = {"S002", 0, 0, as, 2, NULL, 0, NULL};
	care_issues *issues = NULL;

	(void)state;
	s.started_on = D("2021-05-01");
	s.left_on = D("2021-04-30");
	as[0].from = D("2021-05-01");
	as[1].from = D("2021-06-01");
	as[1].to = D("2021-05-31");
	assert_int_equal(care_dataset_add_staff(ds, &s, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues),
	                    "date-order@left_on;dangling-ref@assignments[0].unit;"
	                    "outside-employment@assignments[0].from;bad-id@assignments[1].role;"
	                    "outside-employment@assignments[1].from;date-order@assignments[1].to;"
	                    "outside-employment@assignments[1].to;");
	assert_int_equal(care_issues_errors(issues), 4);
	assert_int_equal(care_issues_warnings(issues), 3);
	assert_int_equal(care_issues_get(issues, 0)->index, 1);
	assert_string_equal(care_issues_get(issues, 0)->id, "S002");
	care_issues_free(issues);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_STAFF), 1);
	care_dataset_free(ds);
}

static void warnings_do_not_reject(void **state)
{
	care_dataset *ds = base();
	care_assignment as[] = {{"REC", "PA", 0, CARE_DATE_NONE, NULL}, {"REC", "PA", 0, 0, NULL}};
	care_staff s = {"S003", 0, CARE_DATE_NONE, as, 2, NULL, 0, NULL};
	care_issues *issues = NULL;

	(void)state;
	s.started_on = D("2026-04-01"); /* after the extract */
	as[0].from = D("2026-04-01");
	as[1].from = D("2026-05-01");
	as[1].to = D("2026-06-01");
	assert_int_equal(care_dataset_add_staff(ds, &s, &issues), 0);
	assert_string_equal(codes(issues),
	                    "after-extract@started_on;after-extract@assignments[0].from;"
	                    "after-extract@assignments[1].from;"
	                    "overlapping-assignment@assignments[1];");
	care_issues_free(issues);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_STAFF), 2);
	care_dataset_free(ds);
}

static void score_and_nhs_number(void **state)
{
	care_dataset *ds = base();
	care_completion c = {"C1", "S001", "CC-ELEARN", 0, CARE_COMPLETION_PASSED, 79.5, NULL};
	care_interaction x;
	care_issues *issues = NULL;

	(void)state;
	c.completed_on = D("2025-02-01");
	assert_int_equal(care_dataset_add_completion(ds, &c, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues), "score-below-pass-mark@score;");
	care_issues_free(issues);
	c.outcome = CARE_COMPLETION_FAILED; /* a failed attempt may score low */
	assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);

	memset(&x, 0, sizeof x);
	x.id = "I1";
	x.staff = "S001";
	assert_int_equal(care_timestamp_parse(&x.at, "2026-03-29T00:30:00+01:00", 25), 0);
	x.channel = CARE_CHANNEL_PHONE;
	x.kind = CARE_IK_BOOKING;
	x.outcome = CARE_IO_RESOLVED;
	x.duration_seconds = CARE_NONE;
	x.specialty = CARE_NONE;
	x.patient_ref = "9434765919"; /* passes the modulus 11 check */
	assert_int_equal(care_dataset_add_interaction(ds, &x, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues), "looks-like-nhs-number@patient_ref;");
	care_issues_free(issues);
	x.patient_ref = "9434765918"; /* fails it: a pseudonym that happens to be digits */
	assert_int_equal(care_dataset_add_interaction(ds, &x, &issues), 0);
	care_issues_free(issues);
	care_dataset_free(ds);
}

static void complaint_rules(void **state)
{
	care_dataset *ds = base();
	const char *staff[] = {"S001", "GHOST"};
	care_complaint c = {"K1", 0, CARE_DATE_NONE, 0, 0, CARE_CO_UPHELD, staff, 2, NULL};
	care_issues *issues = NULL;

	(void)state;
	c.received_on = D("2025-03-10");
	c.closed_on = CARE_DATE_NONE;
	assert_int_equal(care_dataset_add_complaint(ds, &c, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues),
	                    "required@subjects;required@closed_on;dangling-ref@staff[1];");
	care_issues_free(issues);
	c.subjects = 1u << CARE_SUBJECT_COMMUNICATIONS;
	c.closed_on = D("2025-03-01");
	c.staff_count = 1;
	assert_int_equal(care_dataset_add_complaint(ds, &c, &issues), CARE_EINVALID);
	assert_string_equal(codes(issues), "date-order@closed_on;");
	care_issues_free(issues);
	c.closed_on = D("2025-04-01");
	assert_int_equal(care_dataset_add_complaint(ds, &c, NULL), 0);
	care_dataset_free(ds);
}

static void bad_arguments_are_errors(void **state)
{
	care_dataset *ds = NULL;
	size_t at;

	(void)state;
	assert_int_equal(care_dataset_new(NULL), CARE_EINVAL);
	assert_int_equal(care_dataset_add_unit(NULL, NULL, NULL), CARE_EINVAL);
	assert_int_equal(care_dataset_find(&at, NULL, CARE_KIND_UNIT, "x"), CARE_EINVAL);
	assert_int_equal(care_dataset_new(&ds), 0);
	assert_int_equal(care_dataset_add_role(ds, NULL, NULL), CARE_EINVAL);
	assert_int_equal(care_dataset_reserve(ds, CARE_KIND_DATASET, 10), CARE_EINVAL);
	assert_int_equal(care_dataset_set_header(ds, "\xff", NULL, CARE_DATE_NONE), CARE_EINVAL);
	assert_string_not_equal(care_error_last(), "");
	assert_string_equal(care_strerror(CARE_ENOMEM), "out of memory");
	assert_string_equal(care_strerror(12345), "unknown error");
	care_dataset_free(ds);
	care_dataset_free(NULL);
}

static void record_validation_without_dataset(void **state)
{
	static const char good[] = "{\"id\":\"S9\",\"started_on\":\"2024-01-01\",\"assignments\":"
	                           "[{\"role\":\"ANY\",\"unit\":\"ANY\",\"from\":\"2024-01-01\"}]}";
	static const char bad[] = "{\"id\":\"S 9\",\"started_on\":\"2024-02-30\",\"colour\":1}";
	care_issues *issues = NULL;

	(void)state;
	assert_int_equal(care_record_validate(&issues, CARE_KIND_STAFF, good, sizeof good - 1), 0);
	assert_int_equal(care_issues_count(issues), 0);
	care_issues_free(issues);
	assert_int_equal(care_record_validate(&issues, CARE_KIND_STAFF, bad, sizeof bad - 1),
	                 CARE_EINVALID);
	assert_string_equal(
	    codes(issues),
	    "bad-date@started_on;required@assignments;unknown-field@colour;bad-id@id;");
	care_issues_free(issues);
	assert_int_equal(care_record_validate(&issues, CARE_KIND_STAFF, "{\"id\":", 6),
	                 CARE_ESYNTAX);
	assert_int_equal(care_issues_get(issues, 0)->line, 1);
	assert_int_equal(care_issues_get(issues, 0)->column, 7);
	care_issues_free(issues);
}

static void version_and_enums(void **state)
{
	int number = 0;

	(void)state;
	assert_string_equal(care_version(&number), CARE_VERSION_STRING);
	assert_int_equal(number, CARE_VERSION_NUMBER);
	assert_true(CARE_VERSION_CHECK(0, 1, 0));
	assert_int_equal(care_enum_count(CARE_ENUM_SUBJECT), 20);
	assert_string_equal(care_enum_name(CARE_ENUM_STAFF_GROUP, CARE_SG_ADMIN_CLERICAL),
	                    "admin-clerical");
	assert_int_equal(care_enum_parse(CARE_ENUM_CHANNEL, "nhs-app", 7), CARE_CHANNEL_NHS_APP);
	assert_int_equal(care_enum_parse(CARE_ENUM_CHANNEL, "NHS-app", 7), -1);
	assert_null(care_enum_name(CARE_ENUM_CHANNEL, 9));
	assert_int_equal(care_issue_code_parse("looks-like-nhs-number"),
	                 CARE_ISSUE_LOOKS_LIKE_NHS_NUMBER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builds_and_finds),
	    cmocka_unit_test(generated_completion_id_is_uuid5),
	    cmocka_unit_test(completion_ids_kept_as_written),
	    cmocka_unit_test(sealed_expiry_dates),
	    cmocka_unit_test(rejected_add_reports_every_problem),
	    cmocka_unit_test(warnings_do_not_reject),
	    cmocka_unit_test(score_and_nhs_number),
	    cmocka_unit_test(complaint_rules),
	    cmocka_unit_test(bad_arguments_are_errors),
	    cmocka_unit_test(record_validation_without_dataset),
	    cmocka_unit_test(version_and_enums),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
