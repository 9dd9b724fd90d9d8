/*
 * A sealed dataset queried from many threads at once (docs/threading.md):
 * eight threads each ask for people's statuses and make reports — the
 * trend with the population engine's own worker threads, the staff list of
 * a manager's whole line — and every answer equals the one the main thread
 * got alone. Error detail is per thread. Snapshots are opened on many threads
 * at once (each open checks half the file on a helper thread of its own). Built
 * with ThreadSanitizer by scripts/test (CARE_TSAN), which fails on any data race.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

#define THREADS 8

static care_dataset *ds;

typedef struct answers {
	char *trend, *staff, *report;
	long compliant; /* of a sweep of status queries */
	int rc;
	char error[128];
} answers;

static char *json_of(care_report_kind kind, const care_report_options *o, int *rc)
{
	care_report *r = NULL;
	char *out = NULL;

	*rc = care_report_new(&r, kind, ds, o);
	if (*rc == 0)
		*rc = care_report_to_json(&out, r);
	care_report_free(r);
	return out;
}

static void ask(answers *a)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	char id[16];
	int i, rc = 0;

	memset(a, 0, sizeof *a);
	/* 400 staff x 60 month ends: enough work for the engine to use its threads. */
	o.from = D("2021-04-01");
	o.to = D("2026-03-31");
	o.threads = 2;
	a->trend = json_of(CARE_REPORT_TREND, &o, &rc);
	a->rc |= rc;
	o = (care_report_options)CARE_REPORT_OPTIONS_INIT;
	o.as_of = D("2026-03-31");
	o.manager = "S000003";
	o.all_reports = 1;
	a->staff = json_of(CARE_REPORT_STAFF, &o, &rc);
	a->rc |= rc;
	o.manager = NULL;
	o.all_reports = 0;
	o.group_by = CARE_GROUP_MANAGER;
	a->report = json_of(CARE_REPORT_COMPLIANCE, &o, &rc);
	a->rc |= rc;
	for (i = 1; i <= 400; i++) {
		care_status_info info;
		snprintf(id, sizeof id, "S%06d", i);
		if (care_status_get(&info, ds, id, "customer-care", D("2026-03-31"), 30) == 0 &&
		    info.status == CARE_STATUS_COMPLIANT)
			a->compliant++;
	}
	/* A failure in this thread leaves its own detail, whatever the others do. */
	if (care_status_get(NULL, ds, "S000001", "customer-care", 0, 30) != CARE_EINVAL)
		a->rc = -1;
	snprintf(a->error, sizeof a->error, "%s", care_error_last());
}

static void *worker(void *arg)
{
	ask(arg);
	return NULL;
}

static void free_answers(answers *a)
{
	care_free(a->trend);
	care_free(a->staff);
	care_free(a->report);
}

static void many_threads_get_the_same_answers(void **state)
{
	answers alone, each[THREADS];
	pthread_t tid[THREADS];
	int i;

	(void)state;
	ask(&alone);
	assert_int_equal(alone.rc, 0);
	assert_true(alone.compliant > 0);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&tid[i], NULL, worker, &each[i]), 0);
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(tid[i], NULL), 0);
		assert_int_equal(each[i].rc, 0);
		assert_string_equal(each[i].trend, alone.trend);
		assert_string_equal(each[i].staff, alone.staff);
		assert_string_equal(each[i].report, alone.report);
		assert_int_equal(each[i].compliant, alone.compliant);
		assert_string_equal(each[i].error, alone.error);
		free_answers(&each[i]);
	}
	free_answers(&alone);
}

/* ---- snapshots ---- */

static char snapshot_path[64], damaged_path[64];

typedef struct opening {
	char *report;
	int rc, damaged_rc;
	char damaged_error[512];
} opening;

static void *open_and_report(void *arg)
{
	opening *o = arg;
	care_dataset *opened = NULL;
	care_report_options ro = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	ro.as_of = D("2026-03-31");
	ro.group_by = CARE_GROUP_UNIT;
	o->rc = care_dataset_open_snapshot(&opened, snapshot_path);
	if (o->rc == 0 && (o->rc = care_report_new(&r, CARE_REPORT_COMPLIANCE, opened, &ro)) == 0)
		o->rc = care_report_to_json(&o->report, r);
	care_report_free(r);
	care_dataset_free(opened);
	opened = NULL;
	o->damaged_rc = care_dataset_open_snapshot(&opened, damaged_path);
	snprintf(o->damaged_error, sizeof o->damaged_error, "%s", care_error_last());
	care_dataset_free(opened);
	return NULL;
}

/* The same report from a snapshot opened on each of several threads at once, and the same
 * error from a damaged one (the damage is in the strings, which the helper thread checks). */
static void snapshots_open_on_many_threads(void **state)
{
	care_report_options ro = CARE_REPORT_OPTIONS_INIT;
	opening each[4];
	pthread_t tid[4];
	char *expected = NULL, *bytes;
	size_t len;
	FILE *f;
	int i;

	(void)state;
	snprintf(snapshot_path, sizeof snapshot_path, "/tmp/care-threads-%ld.care", (long)getpid());
	snprintf(damaged_path, sizeof damaged_path, "/tmp/care-threads-%ld-bad.care",
	         (long)getpid());
	assert_int_equal(care_dataset_save_snapshot(ds, snapshot_path), 0);
	bytes = slurp(snapshot_path, &len);
	assert_non_null(bytes);
	bytes[len - 16] ^= 0x01; /* the strings section is written last */
	f = fopen(damaged_path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	fclose(f);
	free(bytes);
	ro.as_of = D("2026-03-31");
	ro.group_by = CARE_GROUP_UNIT;
	{
		care_report *r = NULL;
		assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLIANCE, ds, &ro), 0);
		assert_int_equal(care_report_to_json(&expected, r), 0);
		care_report_free(r);
	}
	for (i = 0; i < 4; i++) {
		memset(&each[i], 0, sizeof each[i]);
		assert_int_equal(pthread_create(&tid[i], NULL, open_and_report, &each[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(tid[i], NULL), 0);
		assert_int_equal(each[i].rc, 0);
		assert_string_equal(each[i].report, expected);
		assert_int_equal(each[i].damaged_rc, CARE_EFORMAT);
		assert_non_null(strstr(each[i].damaged_error, "checksum of the strings"));
		care_free(each[i].report);
	}
	care_free(expected);
	unlink(snapshot_path);
	unlink(damaged_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(many_threads_get_the_same_answers),
	    cmocka_unit_test(snapshots_open_on_many_threads),
	};
	int rc;

	if (care_dataset_load_file(&ds, NULL, "examples/data/sample-trust.json", NULL) != 0) {
		fprintf(stderr, "cannot load the sample trust: %s\n", care_error_last());
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	care_dataset_free(ds);
	return rc;
}
