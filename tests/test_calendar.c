/*
 * Dates, timestamps, month arithmetic and the England and Wales calendar.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"

static care_date D(const char *s)
{
	care_date d = CARE_DATE_NONE;

	assert_int_equal(care_date_parse(&d, s, strlen(s)), 0);
	return d;
}

/*
 * Bank holidays 2000-2030 (month-day), from an independent implementation of
 * SPEC 5.7's rules (Python, dateutil's Easter) checked against the published
 * gov.uk lists for 2018-2027: 2020's VE Day move, 2022's Jubilee and state
 * funeral, 2023's coronation, and the Christmas/Boxing Day substitutes
 * (2004, 2010, 2015, 2020, 2021, 2022, 2026, 2027).
 */
static const struct {
	int year;
	const char *days;
} holidays[] = {
    {2000, "01-03 04-21 04-24 05-01 05-29 08-28 12-25 12-26"},
    {2001, "01-01 04-13 04-16 05-07 05-28 08-27 12-25 12-26"},
    {2002, "01-01 03-29 04-01 05-06 06-03 06-04 08-26 12-25 12-26"},
    {2003, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
    {2004, "01-01 04-09 04-12 05-03 05-31 08-30 12-27 12-28"},
    {2005, "01-03 03-25 03-28 05-02 05-30 08-29 12-26 12-27"},
    {2006, "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26"},
    {2007, "01-01 04-06 04-09 05-07 05-28 08-27 12-25 12-26"},
    {2008, "01-01 03-21 03-24 05-05 05-26 08-25 12-25 12-26"},
    {2009, "01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28"},
    {2010, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"},
    {2011, "01-03 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27"},
    {2012, "01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26"},
    {2013, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"},
    {2014, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
    {2015, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"},
    {2016, "01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27"},
    {2017, "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26"},
    {2018, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26"},
    {2019, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26"},
    {2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28"},
    {2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"},
    {2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27"},
    {2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26"},
    {2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"},
    {2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
    {2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"},
    {2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28"},
    {2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26"},
    {2029, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26"},
    {2030, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26"},
};

static void bank_holidays_2000_to_2030(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof holidays / sizeof holidays[0]; i++) {
		int y = holidays[i].year, count = 0, listed = 0;
		care_date d;
		char want[16];
		const char *p;
		for (p = holidays[i].days; *p; p += (p[5] ? 6 : 5)) {
			snprintf(want, sizeof want, "%d-%.5s", y, p);
			if (!care_is_bank_holiday(D(want)))
				fail_msg("%s should be a bank holiday", want);
			listed++;
		}
		for (d = care_date_from_ymd(y, 1, 1); d <= care_date_from_ymd(y, 12, 31); d++)
			count += care_is_bank_holiday(d);
		if (count != listed)
			fail_msg("%d has %d bank holidays, expected %d", y, count, listed);
	}
}

static void working_days(void **state)
{
	care_date extra[] = {D("2026-03-03"), D("2026-03-03"), D("2026-03-07")};

	(void)state;
	/* Thu 24 Dec 2026: Fri 25 and Mon 28 (Boxing Day substitute) are holidays. */
	assert_int_equal(care_working_days(D("2026-12-24"), D("2026-12-31"), NULL, 0), 3);
	/* Across Easter 2026 (Good Friday 3 April, Easter Monday 6 April). */
	assert_int_equal(care_working_days(D("2026-04-02"), D("2026-04-07"), NULL, 0), 1);
	/* An extra non-working day, repeated, and one on a Saturday (ignored). */
	assert_int_equal(care_working_days(D("2026-03-02"), D("2026-03-09"), extra, 3), 4);
	assert_int_equal(care_working_days(D("2026-03-09"), D("2026-03-02"), NULL, 0), 0);
	assert_int_equal(care_working_days(D("2026-03-09"), D("2026-03-09"), NULL, 0), 0);
	/* Across a year end: 2025-12-31 to 2026-01-02 (1 January a holiday). */
	assert_int_equal(care_working_days(D("2025-12-31"), D("2026-01-02"), NULL, 0), 1);
}

static void dates_round_trip_and_reject(void **state)
{
	static const char *const bad[] = {"2025-02-30",
	                                  "2025-2-3",
	                                  "20250203",
	                                  "2025-02-03T00:00",
	                                  "1899-12-31",
	                                  "2200-01-01",
	                                  " 2025-01-01",
	                                  "2025-13-01",
	                                  "1900-02-29",
	                                  "2100-02-29",
	                                  ""};
	care_date d, out;
	char buf[11];
	size_t i;

	(void)state;
	for (d = CARE_DATE_MIN; d <= CARE_DATE_MAX; d++) {
		if (care_date_parse(&out, care_date_format(buf, d), 10) != 0 || out != d)
			fail_msg("date %d does not round-trip", d);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (care_date_parse(&out, bad[i], strlen(bad[i])) == 0)
			fail_msg("'%s' was accepted", bad[i]);
	assert_int_equal(D("2000-02-29") + 1, D("2000-03-01"));
	assert_int_equal(care_date_weekday(D("2026-11-23")), 0); /* a Monday */
	assert_int_equal(care_date_weekday(D("1900-01-01")), 0);
}

static void month_arithmetic_clamps(void **state)
{
	(void)state;
	assert_int_equal(care_date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(care_date_add_months(D("2024-02-29"), 48), D("2028-02-29"));
	assert_int_equal(care_date_add_months(D("2025-01-31"), 1), D("2025-02-28"));
	assert_int_equal(care_date_add_months(D("2024-01-31"), 1), D("2024-02-29"));
	assert_int_equal(care_date_add_months(D("2025-03-31"), -1), D("2025-02-28"));
	assert_int_equal(care_date_add_months(D("2025-08-31"), 6), D("2026-02-28"));
	assert_int_equal(care_date_month_end(D("2024-02-10")), D("2024-02-29"));
}

static void timestamps(void **state)
{
	static const char *const good[] = {"2026-03-29T00:30:00+01:00", "2026-01-12T10:00:60Z",
	                                   "2026-01-12T10:00:00.250Z", "2026-01-12T23:59:59-05:30"};
	static const char *const bad[] = {"2026-01-12t10:00:00Z",      "2026-01-12T10:00:00z",
	                                  "2026-01-12T10:00:61Z",      "2026-01-12T10:00:00",
	                                  "2026-01-12T10:00:00+24:00", "2026-01-12T10:00:00.Z",
	                                  "2026-02-30T10:00:00Z",      "2026-01-12 10:00:00Z"};
	care_timestamp ts;
	char buf[40];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(care_timestamp_parse(&ts, good[i], strlen(good[i])), 0);
		assert_string_equal(care_timestamp_format(buf, &ts), good[i]);
	}
	assert_int_equal(care_timestamp_parse(&ts, good[0], strlen(good[0])), 0);
	assert_int_equal(ts.date, D("2026-03-29")); /* the local date as written */
	assert_int_equal(ts.offset_minutes, 60);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (care_timestamp_parse(&ts, bad[i], strlen(bad[i])) == 0)
			fail_msg("'%s' was accepted", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bank_holidays_2000_to_2030),
	    cmocka_unit_test(working_days),
	    cmocka_unit_test(dates_round_trip_and_reject),
	    cmocka_unit_test(month_arithmetic_clamps),
	    cmocka_unit_test(timestamps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
