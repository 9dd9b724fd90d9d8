/*
 * A sealed dataset queried from many threads at once (docs/threading.md):
 * eight threads each ask for people's statuses and make reports — the
 * trend with the population engine's own worker threads, the staff list of
 * a manager's whole line — and every answer equals the one the main thread
 * got alone. Error detail is per thread. Built with ThreadSanitizer by
 * scripts/test (CARE_TSAN), which fails on any data race.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(many_threads_get_the_same_answers),
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
