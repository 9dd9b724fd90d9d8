/*
 * Complaint handling (docs/reports.md#complaint-handling) through the public API: the
 * care_complaints struct and the JSON of docs/reports.md#output. Every expected value is worked out
 * by hand from the definitions in docs/ alone, with the reasoning beside it.
 *
 * Datasets are JSON written with single quotes for readability; load() turns
 * them into double quotes (no id or text here holds an apostrophe).
 *
 * The calendar used below (England and Wales, docs/reports.md#complaint-handling):
 *   2025: Mon 25 Aug bank holiday; Thu 25 and Fri 26 Dec Christmas and
 *         Boxing Day; the dataset adds Fri 14 Nov 2025 as a non-working day.
 *   2026: Thu 1 Jan; Good Friday 3 Apr and Easter Monday 6 Apr; Mon 4 May.
 * working_days(a, b) counts the working days d with a < d <= b.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "care.h"
#include "helpers.h"

/* ------------------------------------------------------------------------- */
/* Helpers                                                                   */

static care_report *complaints(const care_dataset *ds, const char *from, const char *to,
                               int min_cell)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r;

	o.from = D(from);
	o.to = D(to);
	o.min_cell = min_cell;
	r = report(CARE_REPORT_COMPLAINTS, ds, &o);
	assert_non_null(care_report_complaints(r));
	assert_null(care_report_outcomes(r));
	return r;
}

typedef struct expected {
	int64_t received, acknowledged;
	double acknowledged_rate;
	int64_t closed;
	double median;
	int64_t over_six_months;
	int64_t by_subject[20];
	int64_t by_outcome[5];
} expected;

static const char *const outcome_keys[5] = {"upheld", "partially-upheld", "not-upheld", "withdrawn",
                                            "open"};

/* The struct and the JSON agree with the expected figures; the JSON lists
 * every subject and every outcome, in enum order. */
static void check(const care_report *r, const char *from, const char *to, const expected *e)
{
	const care_complaints *c = care_report_complaints(r);
	cJSON *json = to_json(r);
	const cJSON *list, *item;
	int i, subject, outcome;

	assert_int_equal(c->from, D(from));
	assert_int_equal(c->to, D(to));
	assert_int_equal(c->received, e->received);
	assert_int_equal(c->acknowledged_in_3_days, e->acknowledged);
	near("acknowledged_rate", c->acknowledged_rate, e->acknowledged_rate);
	assert_int_equal(c->closed, e->closed);
	near("median_working_days_to_close", c->median_working_days_to_close, e->median);
	assert_int_equal(c->over_six_months, e->over_six_months);
	for (i = 0; i < 20; i++)
		if (c->by_subject[i] != e->by_subject[i])
			fail_msg("by_subject %s is %lld, expected %lld",
			         care_enum_name(CARE_ENUM_SUBJECT, i), (long long)c->by_subject[i],
			         (long long)e->by_subject[i]);
	for (i = 0; i < 5; i++)
		if (c->by_outcome[i] != e->by_outcome[i])
			fail_msg("by_outcome %s is %lld, expected %lld", outcome_keys[i],
			         (long long)c->by_outcome[i], (long long)e->by_outcome[i]);

	assert_string_equal(field(json, "report")->valuestring, "complaints");
	assert_string_equal(field(json, "from")->valuestring, from);
	assert_string_equal(field(json, "to")->valuestring, to);
	json_count(json, "received", e->received);
	json_count(json, "acknowledged_in_3_days", e->acknowledged);
	json_rate_near(json, "acknowledged_rate", e->acknowledged_rate);
	json_count(json, "closed", e->closed);
	json_rate_near(json, "median_working_days_to_close", e->median);
	json_count(json, "over_six_months", e->over_six_months);
	list = field(json, "by_subject");
	assert_true(cJSON_IsObject(list));
	assert_int_equal(cJSON_GetArraySize(list), 20);
	subject = 0;
	cJSON_ArrayForEach(item, list)
	{
		assert_string_equal(item->string, care_enum_name(CARE_ENUM_SUBJECT, subject));
		json_count(list, item->string, e->by_subject[subject]);
		subject++;
	}
	list = field(json, "by_outcome");
	assert_true(cJSON_IsObject(list));
	assert_int_equal(cJSON_GetArraySize(list), 5);
	outcome = 0;
	cJSON_ArrayForEach(item, list)
	{
		assert_string_equal(item->string, outcome_keys[outcome]);
		if (outcome < 4)
			assert_string_equal(item->string,
			                    care_enum_name(CARE_ENUM_COMPLAINT_OUTCOME, outcome));
		json_count(list, item->string, e->by_outcome[outcome]);
		outcome++;
	}
	cJSON_Delete(json);
}

/* ------------------------------------------------------------------------- */
/* The dataset                                                               */

/*
 * Complaints (weekday of each date in brackets), and what each contributes:
 *
 * C1  rcv 2025-10-03 (Fri) ack 10-08 (Wed): Mon 6, Tue 7, Wed 8 = 3, in time
 *     (across a weekend). Closed 10-17: 6-10, 13-17 = 10 days. upheld.
 *     communications, appointments.
 * C2  rcv 2025-10-03 (Fri) ack 10-09 (Thu): 6, 7, 8, 9 = 4, late. Open.
 *     waiting-times.
 * C3  rcv 2025-12-24 (Wed) ack 12-31 (Wed): 25, 26 holidays, 27-28 weekend,
 *     29, 30, 31 = 3, in time (5 without the bank holidays). Closed
 *     2026-01-09: 29, 30, 31, 2 Jan (1 Jan a holiday), 5-9 = 9 days.
 *     partially-upheld. communications, listed twice: counts once.
 * C4  rcv 2025-12-24 (Wed) ack 2026-01-02 (Fri): 29, 30, 31, 2 = 4, late.
 *     Open. appointments.
 * C5  rcv 2026-04-02 (Thu) ack 04-09 (Thu): 3 Good Friday, 4-5 weekend, 6
 *     Easter Monday, 7, 8, 9 = 3, in time. Closed 2026-05-15, after the
 *     period (still counts): Apr 7-10 (4), 13-17 (5), 20-24 (5), 27-30 (4),
 *     May 1 (1), 4 May a holiday, 5-8 (4), 11-15 (5) = 28 days. not-upheld.
 *     values-and-behaviours.
 * C6  rcv 2025-11-12 (Wed) ack 11-18 (Tue): 13, 14 extra non-working day,
 *     15-16 weekend, 17, 18 = 3, in time (4 without the extra day). Closed
 *     11-19: 13, 17, 18, 19 = 4 days. withdrawn. other.
 * C7  rcv 2025-09-01 (Mon) ack the same day: 0, in time. Open.
 *     communications, waiting-times.
 * C8  rcv 2025-09-02, never acknowledged. Open. transport.
 * C9  rcv 2025-08-31 (Sun), not acknowledged. Closed 2026-02-28 (Sat):
 *     Sep 22 weekdays, Oct 23, Nov 20 - 1 (14 Nov) = 19, Dec 23 - 2 = 21,
 *     Jan 22 - 1 = 21, Feb 20 = 126 days. add_months(2025-08-31, 6) =
 *     2026-02-28 (31 Feb clamped): closed that day, not later: not over six
 *     months. upheld. patient-care.
 * C10 rcv 2025-08-31, closed 2026-03-01 (Sun): 126 days (1 Mar adds none),
 *     but later than 2026-02-28: over six months. upheld. patient-care,
 *     communications.
 * C11 rcv 2025-10-30, open: add_months = 2026-04-30, not before a period end
 *     of 2026-04-30: not over. facilities.
 * C12 rcv 2025-10-29, open: add_months = 2026-04-29, before a period end of
 *     2026-04-30: over. facilities.
 * C13 rcv 2025-07-31 and C14 rcv 2026-05-01: outside every period below.
 */
static const char *const header = "{'format':'libcare-dataset','version':1,"
                                  "'extra_non_working_days':['2025-11-14'],";

static const char *const records =
    "'complaints':["
    "{'id':'C1','received_on':'2025-10-03','acknowledged_on':'2025-10-08',"
    "'closed_on':'2025-10-17','outcome':'upheld','subjects':['communications','appointments']},"
    "{'id':'C2','received_on':'2025-10-03','acknowledged_on':'2025-10-09',"
    "'subjects':['waiting-times']},"
    "{'id':'C3','received_on':'2025-12-24','acknowledged_on':'2025-12-31',"
    "'closed_on':'2026-01-09','outcome':'partially-upheld',"
    "'subjects':['communications','communications']},"
    "{'id':'C4','received_on':'2025-12-24','acknowledged_on':'2026-01-02',"
    "'subjects':['appointments']},"
    "{'id':'C5','received_on':'2026-04-02','acknowledged_on':'2026-04-09',"
    "'closed_on':'2026-05-15','outcome':'not-upheld','subjects':['values-and-behaviours']},"
    "{'id':'C6','received_on':'2025-11-12','acknowledged_on':'2025-11-18',"
    "'closed_on':'2025-11-19','outcome':'withdrawn','subjects':['other']},"
    "{'id':'C7','received_on':'2025-09-01','acknowledged_on':'2025-09-01',"
    "'subjects':['communications','waiting-times']},"
    "{'id':'C8','received_on':'2025-09-02','subjects':['transport']},"
    "{'id':'C9','received_on':'2025-08-31','closed_on':'2026-02-28','outcome':'upheld',"
    "'subjects':['patient-care']},"
    "{'id':'C10','received_on':'2025-08-31','closed_on':'2026-03-01','outcome':'upheld',"
    "'subjects':['patient-care','communications']},"
    "{'id':'C11','received_on':'2025-10-30','subjects':['facilities']},"
    "{'id':'C12','received_on':'2025-10-29','subjects':['facilities']},"
    "{'id':'C13','received_on':'2025-07-31','acknowledged_on':'2025-07-31',"
    "'closed_on':'2025-08-01','outcome':'upheld','subjects':['consent']},"
    "{'id':'C14','received_on':'2026-05-01','subjects':['consent']}]}";

#define S CARE_SUPPRESSED

/* by_subject indexes */
enum {
	COMMUNICATIONS = CARE_SUBJECT_COMMUNICATIONS,
	APPOINTMENTS = CARE_SUBJECT_APPOINTMENTS,
	WAITING = CARE_SUBJECT_WAITING_TIMES,
	VALUES = CARE_SUBJECT_VALUES_AND_BEHAVIOURS,
	OTHER = CARE_SUBJECT_OTHER,
	TRANSPORT = CARE_SUBJECT_TRANSPORT,
	PATIENT_CARE = CARE_SUBJECT_PATIENT_CARE,
	FACILITIES = CARE_SUBJECT_FACILITIES
};

/* ------------------------------------------------------------------------- */
/* Tests                                                                     */

/*
 * 2025-08-01..2026-04-30 receives C1-C12 = 12.
 * In time: C1, C3, C5, C6, C7 = 5 (C2, C4 late; C8-C12 never acknowledged):
 * rate 5 / 12. Closed: C1 10, C3 9, C5 28, C6 4, C9 126, C10 126 = 6; sorted
 * 4 9 10 28 126 126, even: (10 + 28) / 2 = 19. Over six months: C10 (closed
 * after 2026-02-28) and the open ones whose add_months(received_on, 6) is
 * before the period's end 2026-04-30: C2 (2026-04-03), C7 (2026-03-01), C8
 * (2026-03-02), C12 (2026-04-29) = 5; not C4 (2026-06-24), C11 (2026-04-30). Subjects:
 * communications C1 C3 C7 C10 = 4; appointments C1 C4 = 2; waiting-times C2 C7 = 2; patient-care C9
 * C10 = 2; facilities C11 C12 = 2; values-and-behaviours C5, other C6, transport C8 = 1 each.
 * Outcomes: upheld C1 C9 C10 = 3, partially-upheld C3, not-upheld C5, withdrawn C6 = 1 each, open
 * C2 C4 C7 C8 C11 C12 = 6.
 */
static void whole_period(void **state)
{
	care_dataset *ds = load(header, records, END);
	care_report *r = complaints(ds, "2025-08-01", "2026-04-30", 0);
	expected e = {12, 5, 5.0 / 12.0, 6, 19.0, 5, {0}, {3, 1, 1, 1, 6}};

	(void)state;
	e.by_subject[COMMUNICATIONS] = 4;
	e.by_subject[APPOINTMENTS] = 2;
	e.by_subject[WAITING] = 2;
	e.by_subject[PATIENT_CARE] = 2;
	e.by_subject[FACILITIES] = 2;
	e.by_subject[VALUES] = 1;
	e.by_subject[OTHER] = 1;
	e.by_subject[TRANSPORT] = 1;
	check(r, "2025-08-01", "2026-04-30", &e);
	care_report_free(r);
	unload(ds);
}

/*
 * 2025-10-01..2026-03-31 receives C1, C2, C3, C4, C6, C11, C12 = 7.
 * In time: C1, C3, C6 = 3: rate 3 / 7. Closed: C1 10, C3 9, C6 4 = 3; sorted
 * 4 9 10, odd: 9. Over six months: the open C2, C4, C11 and C12 are judged
 * at the period's end, 2026-03-31, which is before each one's add_months
 * (2026-04-03, 2026-06-24, 2026-04-30, 2026-04-29): none.
 * Subjects: communications C1 C3 = 2, appointments C1 C4 = 2, waiting-times
 * C2, other C6 = 1 each, facilities C11 C12 = 2. Outcomes: upheld C1,
 * partially-upheld C3, withdrawn C6 = 1 each; open C2 C4 C11 C12 = 4.
 */
static void odd_median_and_open_judged_at_period_end(void **state)
{
	care_dataset *ds = load(header, records, END);
	care_report *r = complaints(ds, "2025-10-01", "2026-03-31", 0);
	expected e = {7, 3, 3.0 / 7.0, 3, 9.0, 0, {0}, {1, 1, 0, 1, 4}};

	(void)state;
	e.by_subject[COMMUNICATIONS] = 2;
	e.by_subject[APPOINTMENTS] = 2;
	e.by_subject[WAITING] = 1;
	e.by_subject[OTHER] = 1;
	e.by_subject[FACILITIES] = 2;
	check(r, "2025-10-01", "2026-03-31", &e);
	care_report_free(r);
	unload(ds);
}

/*
 * 2025-10-01..2026-04-30 adds C5 to the last: 8 received, in time C1 C3 C5
 * C6 = 4 (rate 1/2), closed 4 (C5 on 2026-05-15, after the period, counts):
 * 4 9 10 28, even: (9 + 10) / 2 = 9.5. Now judged at 2026-04-30, C2
 * (2026-04-03) and C12 (2026-04-29) are over, C11 (2026-04-30 is not later
 * than itself) and C4 (2026-06-24) are not: 2.
 */
static void closure_after_the_period_counts(void **state)
{
	care_dataset *ds = load(header, records, END);
	care_report *r = complaints(ds, "2025-10-01", "2026-04-30", 0);
	expected e = {8, 4, 0.5, 4, 9.5, 2, {0}, {1, 1, 1, 1, 4}};

	(void)state;
	e.by_subject[COMMUNICATIONS] = 2;
	e.by_subject[APPOINTMENTS] = 2;
	e.by_subject[WAITING] = 1;
	e.by_subject[OTHER] = 1;
	e.by_subject[FACILITIES] = 2;
	e.by_subject[VALUES] = 1;
	check(r, "2025-10-01", "2026-04-30", &e);
	care_report_free(r);
	unload(ds);
}

/* Nothing received in 2020: zero counts, and a null rate and median. */
static void nothing_received(void **state)
{
	care_dataset *ds = load(header, records, END);
	care_report *r = complaints(ds, "2020-01-01", "2020-12-31", 0);
	const expected e = {0, 0, NAN, 0, NAN, 0, {0}, {0}};

	(void)state;
	check(r, "2020-01-01", "2020-12-31", &e);
	care_report_free(r);
	unload(ds);
}

/*
 * The whole period with min_cell 3: 1 and 2 become null, 0 and >= 3 stay.
 * received 12, in time 5 (rate 5 / 12 stays), closed 6 (median 19 stays),
 * over six months 5 stays. Subjects: communications 4 stays, the 2s and 1s
 * null, the rest 0. Outcomes: upheld 3 and open 6 stay, the 1s null.
 * With min_cell 7: received 12 stays, in time 5 -> null so the rate is null;
 * closed 6 -> null so the median is null; over six months 5 and
 * communications 4 -> null.
 */
static void small_numbers_are_suppressed(void **state)
{
	care_dataset *ds = load(header, records, END);
	care_report *r = complaints(ds, "2025-08-01", "2026-04-30", 3);
	expected e = {12, 5, 5.0 / 12.0, 6, 19.0, 5, {0}, {3, S, S, S, 6}};
	expected seven = {12, S, NAN, S, NAN, S, {0}, {S, S, S, S, S}};
	const int small[] = {APPOINTMENTS, WAITING, PATIENT_CARE, FACILITIES,
	                     VALUES,       OTHER,   TRANSPORT};
	size_t i;

	(void)state;
	e.by_subject[COMMUNICATIONS] = 4;
	for (i = 0; i < sizeof small / sizeof *small; i++)
		e.by_subject[small[i]] = seven.by_subject[small[i]] = S;
	seven.by_subject[COMMUNICATIONS] = S;
	check(r, "2025-08-01", "2026-04-30", &e);
	care_report_free(r);
	r = complaints(ds, "2025-08-01", "2026-04-30", 7);
	check(r, "2025-08-01", "2026-04-30", &seven);
	care_report_free(r);
	unload(ds);
}

/*
 * Merging: a second dataset (disjoint: other complaints) with one complaint,
 * received Wed 2025-09-10 and closed the same day (0 working days), upheld,
 * acknowledged the same day, about transport. Alone, with min_cell 3, all of
 * its non-zero counts are null. Merged into the whole period: received 13,
 * in time 6 (6 / 13), closed 7 with days 0 4 9 10 28 126 126, odd: 10;
 * over six months 5 + 0 = 5; transport 1 + 1 = 2 -> null; upheld 3 + 1 = 4.
 * The medians come from the merged days, not from the two medians.
 */
static void merge_adds_counts_and_days(void **state)
{
	care_dataset *ds = load(header, records, END);
	care_dataset *more =
	    load(header,
	         "'complaints':[{'id':'M1','received_on':'2025-09-10',"
	         "'acknowledged_on':'2025-09-10','closed_on':'2025-09-10','outcome':'upheld',"
	         "'subjects':['transport']}]}",
	         END);
	care_report *a = complaints(ds, "2025-08-01", "2026-04-30", 3);
	care_report *b = complaints(more, "2025-08-01", "2026-04-30", 3);
	care_report *other = complaints(more, "2025-08-01", "2026-04-30", 2);
	expected alone = {S, S, NAN, S, NAN, 0, {0}, {S, 0, 0, 0, 0}};
	expected e = {13, 6, 6.0 / 13.0, 7, 10.0, 5, {0}, {4, S, S, S, 6}};
	const int small[] = {APPOINTMENTS, WAITING, PATIENT_CARE, FACILITIES,
	                     VALUES,       OTHER,   TRANSPORT};
	size_t i;

	(void)state;
	alone.by_subject[TRANSPORT] = S;
	check(b, "2025-08-01", "2026-04-30", &alone);
	/* A different min_cell cannot be merged, and nothing changes. */
	assert_int_equal(care_report_merge(a, other), CARE_EINVAL);
	assert_int_equal(care_report_complaints(a)->received, 12);
	assert_int_equal(care_report_merge(a, b), 0);
	e.by_subject[COMMUNICATIONS] = 4;
	for (i = 0; i < sizeof small / sizeof *small; i++)
		e.by_subject[small[i]] = S;
	check(a, "2025-08-01", "2026-04-30", &e);
	care_report_free(a);
	care_report_free(b);
	care_report_free(other);
	unload(ds);
	unload(more);
}

/*
 * tests/data/outcomes.json, worked by hand. Complaints received in
 * 2025-02-01..2025-03-31: K1, K2, K3, K4, K5, K9 (6).
 * Acknowledged within 3 working days: K1 (Tue 11 -> Fri 14: 3) and K4 (same
 * day: 0); K2 took 4 (13, 14, 17, 18). Working days to close: K1 8, K2 20,
 * K5 5, K9 > 20, so the median of four is (8 + 20) / 2 = 14; from 2025-02-12
 * the closed are K2, K5, K9 and the median of three is 20. K9 closed
 * 2025-08-29, after add_months(2025-02-28, 6) = 2025-08-28: over six months.
 */
static void dataset_file(void **state)
{
	care_dataset *ds = NULL;
	care_report *r;
	const care_complaints *c;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, NULL, "tests/data/outcomes.json", NULL), 0);
	r = complaints(ds, "2025-02-01", "2025-03-31", 0);
	c = care_report_complaints(r);
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
	r = complaints(ds, "2025-02-12", "2025-03-31", 0);
	assert_true(care_report_complaints(r)->median_working_days_to_close == 20.0); /* odd */
	care_report_free(r);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(whole_period),
	    cmocka_unit_test(odd_median_and_open_judged_at_period_end),
	    cmocka_unit_test(closure_after_the_period_counts),
	    cmocka_unit_test(nothing_received),
	    cmocka_unit_test(small_numbers_are_suppressed),
	    cmocka_unit_test(merge_adds_counts_and_days),
	    cmocka_unit_test(dataset_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
