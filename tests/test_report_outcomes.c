/*
 * Training and patient outcomes (SPEC 5.6) and complaint handling (5.7) on
 * tests/data/outcomes.json, worked by hand:
 *
 * Period 2025-02-01..2025-03-31. T holds module A from 2025-01-10 (trained);
 * N only failed (untrained); E's module B expires 2025-02-15, so I5 on that
 * day is untrained while I6, written 2025-02-14T23:30:00-01:00, is on its
 * local date 2025-02-14 and trained. I7 (2025-04-01) is outside.
 * Trained: I1, I2, I6 (3) with K1 -> 1 complaint; untrained: I3, I4, I5 (3)
 * with K2, K3, K4 -> 3. Per 1,000: 333.33 and 1000; RR = 3, CI
 * exp(ln 3 +- 1.96 sqrt(1/3 + 1/1)). Unlinked and received in the period: K5,
 * K9 (K6 is after it). Channels: 5 phone, 1 email.
 *
 * Complaints received in the period: K1, K2, K3, K4, K5, K9 (6).
 * Acknowledged within 3 working days: K1 (Tue 11 -> Fri 14: 3) and K4 (same
 * day: 0); K2 took 4 (13, 14, 17, 18). Working days to close: K1 8, K2 20,
 * K5 5, K9 > 20, so the median of four is (8 + 20) / 2 = 14; from 2025-02-12
 * the closed are K2, K5, K9 and the median of three is 20. K9 closed
 * 2025-08-29, after add_months(2025-02-28, 6) = 2025-08-28: over six months.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"

static care_dataset *ds;

static care_date D(const char *s)
{
	care_date d = CARE_DATE_NONE;

	assert_int_equal(care_date_parse(&d, s, strlen(s)), 0);
	return d;
}

static int setup(void **state)
{
	(void)state;
	return care_dataset_load_file(&ds, NULL, "tests/data/outcomes.json", NULL);
}

static int teardown(void **state)
{
	(void)state;
	care_dataset_free(ds);
	return 0;
}

static care_report *report(care_report_kind kind, const char *from, const char *to, int min_cell)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	o.competency = "cc";
	o.from = D(from);
	o.to = D(to);
	o.min_cell = min_cell;
	assert_int_equal(care_report_new(&r, kind, ds, &o), 0);
	return r;
}

static void trained_versus_untrained(void **state)
{
	care_report *r = report(CARE_REPORT_OUTCOMES, "2025-02-01", "2025-03-31", 0);
	const care_outcomes *o = care_report_outcomes(r);
	double se = sqrt(1.0 / 3.0 + 1.0);
	char *json = NULL;

	(void)state;
	assert_int_equal(o->trained.interactions, 3);
	assert_int_equal(o->trained.complaints, 1);
	assert_int_equal(o->untrained.interactions, 3);
	assert_int_equal(o->untrained.complaints, 3);
	assert_true(fabs(o->trained.per_1000 - 1000.0 / 3.0) < 1e-9);
	assert_true(fabs(o->untrained.per_1000 - 1000.0) < 1e-9);
	assert_true(fabs(o->rate_ratio - 3.0) < 1e-9);
	assert_true(fabs(o->rate_ratio_low - exp(log(3.0) - 1.96 * se)) < 1e-9);
	assert_true(fabs(o->rate_ratio_high - exp(log(3.0) + 1.96 * se)) < 1e-9);
	assert_int_equal(o->unlinked_complaints, 2);
	assert_int_equal(o->channels[CARE_CHANNEL_PHONE], 5);
	assert_int_equal(o->channels[CARE_CHANNEL_EMAIL], 1);
	assert_int_equal(care_report_to_json(&json, r), 0);
	assert_non_null(strstr(json, "\"untrained\":{\"interactions\":3,\"complaints\":3,"
	                             "\"per_1000\":1000}"));
	assert_non_null(strstr(json, "\"channels\":{\"phone\":5,\"in-person\":0,\"letter\":0,"
	                             "\"email\":1,\"sms\":0,\"nhs-app\":0,\"video\":0,\"web\":0,"
	                             "\"other\":0}"));
	care_free(json);
	care_report_free(r);
	/* No trained complaint in February: a zero count makes the ratio null. */
	r = report(CARE_REPORT_OUTCOMES, "2025-02-12", "2025-03-31", 0);
	o = care_report_outcomes(r);
	assert_int_equal(o->trained.complaints, 0);
	assert_true(isnan(o->rate_ratio) && isnan(o->rate_ratio_low) && isnan(o->rate_ratio_high));
	care_report_free(r);
	/* Suppression: counts under 3 become null, and so does what uses them. */
	r = report(CARE_REPORT_OUTCOMES, "2025-02-01", "2025-03-31", 3);
	o = care_report_outcomes(r);
	assert_int_equal(o->trained.complaints, CARE_SUPPRESSED);
	assert_true(isnan(o->trained.per_1000) && isnan(o->rate_ratio));
	assert_int_equal(o->untrained.complaints, 3);
	care_report_free(r);
}

static void complaint_handling(void **state)
{
	care_report *r = report(CARE_REPORT_COMPLAINTS, "2025-02-01", "2025-03-31", 0);
	const care_complaints *c = care_report_complaints(r);

	(void)state;
	assert_int_equal(c->received, 6);
	assert_int_equal(c->acknowledged_in_3_days, 2);
	assert_true(fabs(c->acknowledged_rate - 2.0 / 6.0) < 1e-12);
	assert_int_equal(c->closed, 4);
	assert_true(c->median_working_days_to_close == 14.0); /* even: mean of 8 and 20 */
	assert_int_equal(c->over_six_months, 1);
	assert_int_equal(c->by_subject[CARE_SUBJECT_COMMUNICATIONS], 2);
	assert_int_equal(c->by_subject[CARE_SUBJECT_APPOINTMENTS], 2);
	assert_int_equal(c->by_subject[CARE_SUBJECT_WAITING_TIMES], 2);
	assert_int_equal(c->by_outcome[4], 2); /* open: K3, K4 */
	assert_int_equal(c->by_outcome[CARE_CO_WITHDRAWN], 1);
	care_report_free(r);
	r = report(CARE_REPORT_COMPLAINTS, "2025-02-12", "2025-03-31", 0);
	assert_true(care_report_complaints(r)->median_working_days_to_close == 20.0); /* odd */
	care_report_free(r);
	/* Nothing received: the rate and the median are null. */
	r = report(CARE_REPORT_COMPLAINTS, "2020-01-01", "2020-12-31", 0);
	c = care_report_complaints(r);
	assert_int_equal(c->received, 0);
	assert_true(isnan(c->acknowledged_rate) && isnan(c->median_working_days_to_close));
	care_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(trained_versus_untrained),
	    cmocka_unit_test(complaint_handling),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
