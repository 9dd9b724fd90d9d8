/*
 * Dates, timestamps, month arithmetic and the England and Wales calendar
 * (docs/model.md#dates, docs/reports.md#working-days), through the public API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void assert_ymd(care_date date, int year, int month, int day)
{
	int y, m, d;

	care_date_to_ymd(date, &y, &m, &d);
	if (y != year || m != month || d != day)
		fail_msg("date %d is %d-%d-%d, expected %d-%d-%d", date, y, m, d, year, month, day);
}

/* ---- dates ---- */

static void dates_round_trip_whole_range(void **state)
{
	care_date d, out;
	char buf[11];
	int y, m, day;

	(void)state;
	assert_string_equal(care_date_format(buf, CARE_DATE_MIN), "1900-01-01");
	assert_string_equal(care_date_format(buf, CARE_DATE_MAX), "2199-12-31");
	assert_string_equal(care_date_format(buf, 0), "1970-01-01");
	for (d = CARE_DATE_MIN; d <= CARE_DATE_MAX; d++) {
		if (care_date_parse(&out, care_date_format(buf, d), 10) != 0 || out != d)
			fail_msg("date %d (%s) does not round-trip", d, buf);
		care_date_to_ymd(d, &y, &m, &day);
		if (care_date_from_ymd(y, m, day) != d)
			fail_msg("date %d does not round-trip through year, month, day", d);
	}
	assert_int_equal(care_date_from_ymd(1899, 12, 31), CARE_DATE_NONE);
	assert_int_equal(care_date_from_ymd(2200, 1, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_from_ymd(2025, 4, 31), CARE_DATE_NONE);
	assert_int_equal(care_date_from_ymd(2025, 0, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_from_ymd(2025, 13, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_from_ymd(2025, 1, 0), CARE_DATE_NONE);
}

static void dates_invalid(void **state)
{
	static const char *const bad[] = {/* the examples of docs/model.md#dates and range */
	                                  "2025-02-30", "2025-2-3", "20250203", "2025-02-03T00:00",
	                                  "1899-12-31", "2200-01-01", " 2025-01-01",
	                                  /* more of the same kind */
	                                  "2025-01-01 ", "2025-13-01", "2025-00-10", "2025-01-00",
	                                  "2025-04-31", "2025/01/01", "2025-01-0a", "+025-01-01",
	                                  "-025-01-01", "2025-1-01", "25-01-01", "", "0000-00-00"};
	care_date out = 12345;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(bad); i++)
		if (care_date_parse(&out, bad[i], strlen(bad[i])) != CARE_EINVAL)
			fail_msg("'%s' was not rejected with CARE_EINVAL", bad[i]);
	assert_int_equal(out, 12345); /* a failed parse leaves *out alone */
	/* The length given is the text: nine bytes of a valid date are not a date. */
	assert_int_equal(care_date_parse(&out, "2025-01-01", 9), CARE_EINVAL);
	assert_int_equal(care_date_parse(&out, "2025-01-01", 11), CARE_EINVAL);
	assert_int_equal(care_date_parse(&out, "2025-01-01\0", 11), CARE_EINVAL);
	assert_int_equal(care_date_parse(NULL, "2025-01-01", 10), CARE_EINVAL);
	assert_int_equal(care_date_parse(&out, NULL, 10), CARE_EINVAL);
}

/* Whether the ten bytes at t are a date as written in a dataset, worked out the plain way. */
static int is_date(const char *t)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int k, y, m, d, leap;

	for (k = 0; k < 10; k++)
		if (k == 4 || k == 7 ? t[k] != '-' : t[k] < '0' || t[k] > '9')
			return 0;
	y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
	m = (t[5] - '0') * 10 + (t[6] - '0');
	d = (t[8] - '0') * 10 + (t[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days[m - 1] + (m == 2 && leap);
}

/* Every byte in each place of a few dates: read exactly when the text is still a date, and
 * then as that date. */
static void dates_with_a_byte_changed(void **state)
{
	static const char *const dates[] = {"2024-02-29", "1900-01-01", "2199-12-31",
	                                    "2025-09-30", "2000-02-29", "2100-02-28"};
	size_t i, at;
	int c, read = 0;

	(void)state;
	for (i = 0; i < COUNT(dates); i++)
		for (at = 0; at < 10; at++)
			for (c = 0; c < 256; c++) {
				char t[11], buf[11];
				care_date out = 0;
				int rc;
				memcpy(t, dates[i], 11);
				t[at] = (char)c;
				rc = care_date_parse(&out, t, 10);
				if ((rc == 0) != is_date(t))
					fail_msg("'%.10s' (byte %zu is %d): %d", t, at, c, rc);
				if (rc == 0 && strncmp(care_date_format(buf, out), t, 10) != 0)
					fail_msg("'%.10s' read as %s", t, buf);
				read += rc == 0;
			}
	assert_true(read > 100);
}

static void leap_years(void **state)
{
	care_date out;

	(void)state;
	assert_int_equal(care_date_parse(&out, "1900-02-29", 10), CARE_EINVAL);
	assert_int_equal(care_date_parse(&out, "2100-02-29", 10), CARE_EINVAL);
	assert_int_equal(care_date_parse(&out, "2025-02-29", 10), CARE_EINVAL);
	assert_int_equal(care_date_parse(&out, "2000-02-30", 10), CARE_EINVAL);
	assert_int_equal(D("2000-02-29") + 1, D("2000-03-01"));
	assert_int_equal(D("2024-02-29") + 1, D("2024-03-01"));
	assert_int_equal(D("2196-02-29") + 1, D("2196-03-01"));
	assert_int_equal(D("1900-02-28") + 1, D("1900-03-01"));
	assert_int_equal(D("2100-02-28") + 1, D("2100-03-01"));
	/* Year lengths: 1900 and 2100 are common years, 2000 is a leap year. */
	assert_int_equal(D("1901-01-01") - D("1900-01-01"), 365);
	assert_int_equal(D("2001-01-01") - D("2000-01-01"), 366);
	assert_int_equal(D("2101-01-01") - D("2100-01-01"), 365);
	assert_int_equal(care_date_month_end(D("1900-02-01")), D("1900-02-28"));
	assert_int_equal(care_date_month_end(D("2000-02-01")), D("2000-02-29"));
	assert_int_equal(care_date_month_end(D("2100-02-14")), D("2100-02-28"));
}

static void year_month_day_of_any_date(void **state)
{
	int y = 0, m = 0;

	(void)state;
	assert_ymd(0, 1970, 1, 1);
	assert_ymd(-1, 1969, 12, 31);
	assert_ymd(-719468, 0, 3, 1); /* Hinnant's era origin */
	assert_ymd(-719469, 0, 2, 29);
	assert_ymd(CARE_DATE_MIN - 1, 1899, 12, 31);
	assert_ymd(CARE_DATE_MAX + 1, 2200, 1, 1);
	/* The ends of int32, as Hinnant's paper gives them. */
	assert_ymd(INT32_MIN, -5877641, 6, 23);
	assert_ymd(INT32_MAX, 5881580, 7, 11);
	/* Any out pointer may be NULL. */
	care_date_to_ymd(D("2026-07-04"), &y, NULL, NULL);
	care_date_to_ymd(D("2026-07-04"), NULL, &m, NULL);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 7);
}

static void weekdays(void **state)
{
	(void)state;
	assert_int_equal(care_date_weekday(D("1970-01-01")), 3); /* Thursday */
	assert_int_equal(care_date_weekday(D("1969-12-31")), 2); /* Wednesday */
	assert_int_equal(care_date_weekday(D("1900-01-01")), 0); /* Monday */
	assert_int_equal(care_date_weekday(D("2000-01-01")), 5); /* Saturday */
	assert_int_equal(care_date_weekday(D("2100-01-01")), 4); /* Friday */
	assert_int_equal(care_date_weekday(D("2199-12-31")), 1); /* Tuesday */
	assert_int_equal(care_date_weekday(D("2026-11-23")), 0); /* Monday */
	assert_int_equal(care_date_weekday(D("2026-12-25")), 4); /* Friday */
	assert_int_equal(care_date_weekday(D("2022-01-02")), 6); /* Sunday */
	/* 2^31 = 2 (mod 7), so INT32_MIN is 2 days before a Thursday, modulo weeks. */
	assert_int_equal(care_date_weekday(INT32_MIN), 1); /* Tuesday */
}

static void day_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(care_date_add_days(D("2024-02-28"), 1), D("2024-02-29"));
	assert_int_equal(care_date_add_days(D("2025-02-28"), 1), D("2025-03-01"));
	assert_int_equal(care_date_add_days(D("2026-01-01"), -1), D("2025-12-31"));
	assert_int_equal(care_date_add_days(D("2026-01-01"), 0), D("2026-01-01"));
	assert_int_equal(care_date_add_days(CARE_DATE_NONE, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_add_days(INT32_MAX, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_add_days(INT32_MIN + 1, -1), CARE_DATE_NONE);
	assert_int_equal(care_date_add_days(INT32_MAX - 1, 1), INT32_MAX);
}

static void month_arithmetic_clamps(void **state)
{
	(void)state;
	/* the examples of docs/model.md#dates */
	assert_int_equal(care_date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(care_date_add_months(D("2025-01-31"), 1), D("2025-02-28"));
	/* forwards */
	assert_int_equal(care_date_add_months(D("2024-02-29"), 48), D("2028-02-29"));
	assert_int_equal(care_date_add_months(D("2024-01-31"), 1), D("2024-02-29"));
	assert_int_equal(care_date_add_months(D("2025-08-31"), 6), D("2026-02-28"));
	assert_int_equal(care_date_add_months(D("2025-05-31"), 1), D("2025-06-30"));
	assert_int_equal(care_date_add_months(D("2025-11-30"), 3), D("2026-02-28"));
	assert_int_equal(care_date_add_months(D("2025-12-15"), 1), D("2026-01-15"));
	assert_int_equal(care_date_add_months(D("2025-07-20"), 0), D("2025-07-20"));
	assert_int_equal(care_date_add_months(D("2099-12-31"), 2), D("2100-02-28"));
	/* backwards */
	assert_int_equal(care_date_add_months(D("2025-03-31"), -1), D("2025-02-28"));
	assert_int_equal(care_date_add_months(D("2024-03-31"), -1), D("2024-02-29"));
	assert_int_equal(care_date_add_months(D("2024-02-29"), -12), D("2023-02-28"));
	assert_int_equal(care_date_add_months(D("2025-01-15"), -1), D("2024-12-15"));
	assert_int_equal(care_date_add_months(D("2025-01-15"), -13), D("2023-12-15"));
	assert_int_equal(care_date_add_months(D("2025-01-31"), -24), D("2023-01-31"));
	assert_int_equal(care_date_add_months(D("2025-07-31"), -5), D("2025-02-28"));
	/* Beyond 1900-01-01..2199-12-31 the arithmetic still holds. */
	assert_ymd(care_date_add_months(D("1900-01-31"), -1), 1899, 12, 31);
	assert_ymd(care_date_add_months(D("2199-12-31"), 2), 2200, 2, 28);
	/* No date in, or none that fits out: no date. */
	assert_int_equal(care_date_add_months(CARE_DATE_NONE, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_add_months(INT32_MAX, 1), CARE_DATE_NONE);
	assert_int_equal(care_date_add_months(D("2025-01-01"), INT32_MAX), CARE_DATE_NONE);
	assert_int_equal(care_date_add_months(D("2025-01-01"), INT32_MIN), CARE_DATE_NONE);
	/* month_end */
	assert_int_equal(care_date_month_end(D("2024-02-10")), D("2024-02-29"));
	assert_int_equal(care_date_month_end(D("2025-12-01")), D("2025-12-31"));
	assert_int_equal(care_date_month_end(D("2025-04-30")), D("2025-04-30"));
	assert_int_equal(care_date_month_end(CARE_DATE_NONE), CARE_DATE_NONE);
	assert_int_equal(care_date_month_end(INT32_MAX), CARE_DATE_NONE); /* 11 July */
}

/* ---- timestamps ---- */

static care_timestamp T(const char *s)
{
	care_timestamp ts;

	memset(&ts, 0, sizeof ts);
	if (care_timestamp_parse(&ts, s, strlen(s)) != 0)
		fail_msg("'%s' should parse", s);
	return ts;
}

static void timestamps_valid(void **state)
{
	/* Each is its own canonical form. */
	static const char *const same[] = {"2026-03-29T00:30:00+01:00",
	                                   "2026-01-12T10:00:60Z",
	                                   "2026-01-12T10:00:00.250Z",
	                                   "2026-01-12T23:59:59-05:30",
	                                   "2026-01-12T10:00:00.5+23:59",
	                                   "2026-01-12T10:00:00.000Z",
	                                   "2026-01-12T10:00:00.123456789-23:59",
	                                   "1900-01-01T00:00:00Z",
	                                   "2199-12-31T23:59:60+00:00",
	                                   "2024-02-29T12:00:00.000000001Z"};
	care_timestamp ts;
	char buf[40];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(same); i++) {
		ts = T(same[i]);
		assert_string_equal(care_timestamp_format(buf, &ts), same[i]);
	}

	/* The local date as written, and each field. */
	ts = T("2026-03-29T00:30:00+01:00");
	assert_int_equal(ts.date, D("2026-03-29"));
	assert_int_equal(ts.hour, 0);
	assert_int_equal(ts.minute, 30);
	assert_int_equal(ts.offset_minutes, 60);
	assert_int_equal(ts.zulu, 0);
	assert_int_equal(ts.frac_digits, 0);
	ts = T("2026-01-12T23:59:59-05:30");
	assert_int_equal(ts.offset_minutes, -330);
	ts = T("2026-01-12T10:00:60Z");
	assert_int_equal(ts.second, 60);
	assert_int_equal(ts.zulu, 1);
	assert_int_equal(ts.offset_minutes, 0);
	ts = T("2026-01-12T10:00:00.250Z");
	assert_int_equal(ts.nanos, 250000000);
	assert_int_equal(ts.frac_digits, 3);

	/* More than nine fraction digits: nine are kept (truncated). */
	ts = T("2026-01-12T10:00:00.1234567899999Z");
	assert_int_equal(ts.nanos, 123456789);
	assert_int_equal(ts.frac_digits, 9);
	assert_string_equal(care_timestamp_format(buf, &ts), "2026-01-12T10:00:00.123456789Z");

	/* -00:00 (offset unknown) is an offset of 0 that is written back as -00:00. */
	ts = T("2026-01-12T10:00:00-00:00");
	assert_int_equal(ts.offset_minutes, 0);
	assert_int_equal(ts.zulu, 2);
	assert_string_equal(care_timestamp_format(buf, &ts), "2026-01-12T10:00:00-00:00");
	ts = T("2026-01-12T10:00:00+00:00");
	assert_int_equal(ts.zulu, 0);
	assert_string_equal(care_timestamp_format(buf, &ts), "2026-01-12T10:00:00+00:00");
}

static void timestamps_invalid(void **state)
{
	static const char *const bad[] = {
	    "2026-01-12t10:00:00Z",      "2026-01-12T10:00:00z",       "2026-01-12T10:00:61Z",
	    "2026-01-12T24:00:00Z",      "2026-01-12T10:60:00Z",       "2026-01-12T10:00:00",
	    "2026-01-12T10:00:00+24:00", "2026-01-12T10:00:00+00:60",  "2026-01-12T10:00:00.Z",
	    "2026-02-30T10:00:00Z",      "2026-01-12 10:00:00Z",       "2026-01-12T10:00:00+0100",
	    "2026-01-12T10:00:00+01",    "2026-01-12T10:00:00+01:00Z", "2026-01-12T10:00:00Z ",
	    " 2026-01-12T10:00:00Z",     "2026-01-12T10:00Z",          "2026-01-12T1:00:00Z",
	    "2026-01-12T10:00:00.5.5Z",  "2026-01-12T10:00:00,5Z",     "2026-01-12T10:0a:00Z",
	    "1899-12-31T23:59:59Z",      "2200-01-01T00:00:00Z",       "2026-01-12",
	    "2026-01-12T10:00:00UTC",    "2026-01-12T10:00:00+1:00",   ""};
	care_timestamp ts, before;
	size_t i;

	(void)state;
	memset(&ts, 0x5a, sizeof ts);
	before = ts;
	for (i = 0; i < COUNT(bad); i++)
		if (care_timestamp_parse(&ts, bad[i], strlen(bad[i])) != CARE_EINVAL)
			fail_msg("'%s' was not rejected with CARE_EINVAL", bad[i]);
	assert_memory_equal(&ts, &before, sizeof ts); /* left alone */
	/* The length given is the text. */
	assert_int_equal(care_timestamp_parse(&ts, "2026-01-12T10:00:00Z", 19), CARE_EINVAL);
	assert_int_equal(care_timestamp_parse(&ts, "2026-01-12T10:00:00+01:00", 24), CARE_EINVAL);
	assert_int_equal(care_timestamp_parse(NULL, "2026-01-12T10:00:00Z", 20), CARE_EINVAL);
	assert_int_equal(care_timestamp_parse(&ts, NULL, 20), CARE_EINVAL);
}

/* ---- bank holidays ---- */

/*
 * Bank holidays of England and Wales 2000-2030 (month-day), worked out by
 * hand from docs/reports.md#complaint-handling and matching the published gov.uk lists: Easter from
 * the table of Easter Sundays; 1 January, the May and August Mondays and Christmas from each year's
 * weekday of 1 January. The one-off changes: 2002 (jubilee: 4 June for the spring holiday, plus 3
 * June), 2011 (royal wedding, 29 April), 2012 (jubilee: 4 June, plus 5 June), 2020 (VE Day: 8 May,
 * not 4 May), 2022 (jubilee: 2 June, plus 3 June; state funeral 19 September), 2023 (coronation, 8
 * May). Christmas substitutes: Saturday 25th in 2004, 2010, 2021 and 2027 (Mon 27, Tue 28); Sunday
 * 25th in 2005, 2011, 2016 and 2022 (Mon 26, Tue 27); Saturday 26th in 2009, 2015, 2020 and 2026
 * (Mon 28).
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

/* Check that a year's bank holidays are exactly the listed "MM-DD ..." days. */
static void check_year(int year, const char *days)
{
	care_date d, last = care_date_from_ymd(year, 12, 31);
	int count = 0, listed = 0;
	char want[16];
	const char *p;

	for (p = days; *p; p += (p[5] ? 6 : 5)) {
		snprintf(want, sizeof want, "%d-%.5s", year, p);
		if (!care_is_bank_holiday(D(want)))
			fail_msg("%s should be a bank holiday", want);
		listed++;
	}
	for (d = care_date_from_ymd(year, 1, 1); d <= last; d++)
		count += care_is_bank_holiday(d);
	if (count != listed)
		fail_msg("%d has %d bank holidays, expected %d", year, count, listed);
}

static void bank_holidays_2000_to_2030(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(COUNT(holidays), 31);
	for (i = 0; i < COUNT(holidays); i++)
		check_year(holidays[i].year, holidays[i].days);
	/* The days the one-off changes replaced are ordinary days. */
	assert_false(care_is_bank_holiday(D("2002-05-27")));
	assert_false(care_is_bank_holiday(D("2012-05-28")));
	assert_false(care_is_bank_holiday(D("2020-05-04")));
	assert_false(care_is_bank_holiday(D("2022-05-30")));
	/* Weekend days never are. */
	assert_false(care_is_bank_holiday(D("2021-12-25")));
	assert_false(care_is_bank_holiday(D("2022-01-01")));
}

static void bank_holidays_by_rule_only(void **state)
{
	care_date d;
	int y;

	(void)state;
	/* Easter 1900 was 15 April; 1 January a Monday; Christmas a Tuesday. */
	check_year(1900, "01-01 04-13 04-16 05-07 05-28 08-27 12-25 12-26");
	/* Easter 1999 was 4 April; Christmas on a Saturday. The real
	 * millennium holiday of 31 December 1999 is not a rule. */
	check_year(1999, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28");
	assert_false(care_is_bank_holiday(D("1999-12-31")));
	/* Easter 2199 is 14 April (the anonymous algorithm worked by hand);
	 * 1 January a Tuesday; Christmas a Wednesday. */
	check_year(2199, "01-01 04-12 04-15 05-06 05-27 08-26 12-25 12-26");
	/* Outside 1900-01-01..2199-12-31 there is no calendar. */
	assert_false(care_is_bank_holiday(D("1900-01-01") - 7)); /* 25 December 1899 */
	assert_false(care_is_bank_holiday(D("2199-12-31") + 1));
	assert_false(care_is_bank_holiday(CARE_DATE_NONE));
	assert_false(care_is_bank_holiday(INT32_MAX));
	/* Every year of the range: eight holidays (more in the changed years),
	 * each on a weekday. */
	for (y = 1900; y <= 2199; y++) {
		int count = 0, want = 8;
		care_date last = care_date_from_ymd(y, 12, 31);
		if (y == 2002 || y == 2011 || y == 2012 || y == 2023)
			want = 9;
		if (y == 2022)
			want = 10;
		for (d = care_date_from_ymd(y, 1, 1); d <= last; d++) {
			if (!care_is_bank_holiday(d))
				continue;
			count++;
			if (care_date_weekday(d) >= 5)
				fail_msg("a bank holiday on a weekend in %d", y);
		}
		if (count != want)
			fail_msg("%d has %d bank holidays, expected %d", y, count, want);
	}
}

/* ---- working days ---- */

static int W(const char *a, const char *b)
{
	return care_working_days(D(a), D(b), NULL, 0);
}

static void working_days_hand_worked(void **state)
{
	(void)state;
	/* Received Thu 24 Dec 2026, acknowledged Tue 29: Fri 25 is Christmas,
	 * Mon 28 Boxing Day's substitute, so only Tue 29 counts. */
	assert_int_equal(W("2026-12-24", "2026-12-29"), 1);
	assert_int_equal(W("2026-12-24", "2026-12-31"), 3);
	/* Easter 2026: Good Friday 3 April, Easter Monday 6 April. */
	assert_int_equal(W("2026-04-02", "2026-04-07"), 1);
	/* A Friday to the next Monday, and a weekend alone. */
	assert_int_equal(W("2026-03-06", "2026-03-09"), 1);
	assert_int_equal(W("2026-03-06", "2026-03-08"), 0);
	/* Across the year end: 1 January is a holiday. */
	assert_int_equal(W("2025-12-31", "2026-01-02"), 1);
	/* Christmas 2021 to New Year 2022: Mon 27 and Tue 28 Dec and Mon 3 Jan
	 * are substitutes; 29, 30, 31 Dec and 4 Jan count. */
	assert_int_equal(W("2021-12-24", "2022-01-04"), 4);
	/* Whole years: 2026 has 261 weekdays and 8 holidays; 2022 has 260 and
	 * 10; leap 2020 has 262 and 8; 2021 has 261 and 8. */
	assert_int_equal(W("2025-12-31", "2026-12-31"), 253);
	assert_int_equal(W("2021-12-31", "2022-12-31"), 250);
	assert_int_equal(W("2019-12-31", "2020-12-31"), 254);
	assert_int_equal(W("2019-12-31", "2022-12-31"), 254 + 253 + 250);
	/* 2000-2030: 11323 days from a Saturday, 1617 weeks and Sat-Tue over,
	 * so 8087 weekdays; less the 254 holidays of the table above. */
	assert_int_equal(W("1999-12-31", "2030-12-31"), 8087 - 254);
	/* b <= a */
	assert_int_equal(W("2026-03-09", "2026-03-02"), 0);
	assert_int_equal(W("2026-03-09", "2026-03-09"), 0);
	assert_int_equal(care_working_days(INT32_MAX, INT32_MIN, NULL, 0), 0);
}

static void working_days_at_the_range_ends(void **state)
{
	(void)state;
	/* 1 January 1900 was a Monday and a holiday: Tue 2 to Fri 5 count. */
	assert_int_equal(care_working_days(CARE_DATE_MIN - 1, D("1900-01-07"), NULL, 0), 4);
	/* 2199: Christmas Wed 25, Boxing Day Thu 26; Fri 27, Mon 30, Tue 31. */
	assert_int_equal(W("2199-12-24", "2199-12-31"), 3);
	/* Days beyond the range are not counted. */
	assert_int_equal(care_working_days(INT32_MIN, D("1900-01-07"), NULL, 0), 4);
	assert_int_equal(care_working_days(D("2199-12-24"), INT32_MAX, NULL, 0), 3);
	assert_int_equal(care_working_days(CARE_DATE_MAX, INT32_MAX, NULL, 0), 0);
	assert_int_equal(care_working_days(INT32_MIN, INT32_MAX, NULL, 0),
	                 care_working_days(CARE_DATE_MIN - 1, CARE_DATE_MAX, NULL, 0));
}

static void working_days_extra_days(void **state)
{
	/* Mon 2 to Mon 9 March 2026: Tue 3 .. Fri 6 and Mon 9 are 5 weekdays. */
	const care_date extra[] = {
	    D("2026-03-03"), D("2026-03-03"), /* repeated: counts once */
	    D("2026-03-07"),                  /* a Saturday: ignored */
	    D("2026-03-02"),                  /* a itself is outside (a, b] */
	    D("2026-03-10"),                  /* after b */
	    D("2026-03-09"),                  /* b itself is inside */
	};
	/* Over Christmas 2026: extras on holidays are not taken twice. */
	const care_date christmas[] = {D("2026-12-25"), D("2026-12-28"), D("2026-12-29"),
	                               D("2026-12-29"), D("2026-12-26")};

	(void)state;
	assert_int_equal(care_working_days(D("2026-03-02"), D("2026-03-09"), extra, 3), 4);
	assert_int_equal(care_working_days(D("2026-03-02"), D("2026-03-09"), extra, 5), 4);
	assert_int_equal(care_working_days(D("2026-03-02"), D("2026-03-09"), extra, 6), 3);
	assert_int_equal(care_working_days(D("2026-03-02"), D("2026-03-09"), extra, 0), 5);
	assert_int_equal(care_working_days(D("2026-03-02"), D("2026-03-09"), NULL, 0), 5);
	/* docs/model.md#the-dataset-file's example: 29 December 2026 an extra non-working day. */
	assert_int_equal(care_working_days(D("2026-12-24"), D("2026-12-29"), christmas, 5), 0);
	assert_int_equal(care_working_days(D("2026-12-24"), D("2026-12-31"), christmas, 5), 2);
	/* The same extras over decades (a long span): now Mon 2, Tue 3, Mon 9
	 * and Tue 10 March are all inside, 3 March still counting once. */
	assert_int_equal(care_working_days(D("1999-12-31"), D("2030-12-31"), extra, 6),
	                 8087 - 254 - 4);
	assert_int_equal(care_working_days(D("1999-12-31"), D("2030-12-31"), christmas, 5),
	                 8087 - 254 - 1);
}

/* A day-by-day count, through the public API, to check the arithmetic. */
static int working_days_slowly(care_date a, care_date b, const care_date *extra, size_t n)
{
	int count = 0;
	care_date d;
	size_t i;

	for (d = a + 1; d <= b; d++) {
		int off = care_date_weekday(d) >= 5 || care_is_bank_holiday(d);
		for (i = 0; i < n && !off; i++)
			off = extra[i] == d;
		count += !off && d >= CARE_DATE_MIN && d <= CARE_DATE_MAX;
	}
	return count;
}

static void working_days_match_day_by_day(void **state)
{
	uint32_t seed = 12345;
	care_date extra[40];
	int i;
	size_t k;

	(void)state;
	for (i = 0; i < 3000; i++) {
		/* a anywhere from a week before the range; spans up to 6000 days,
		 * on both sides of the dedupe bitmap's 4096. */
		care_date a, b;
		seed = seed * 1103515245u + 12345u;
		a = CARE_DATE_MIN - 7 +
		    (care_date)((seed >> 8) % (uint32_t)(CARE_DATE_MAX - CARE_DATE_MIN + 14));
		seed = seed * 1103515245u + 12345u;
		b = a + (care_date)((seed >> 8) % (i % 10 == 0 ? 6000u : 400u));
		for (k = 0; k < COUNT(extra); k++) {
			seed = seed * 1103515245u + 12345u;
			extra[k] = a - 5 + (care_date)((seed >> 8) % (uint32_t)(b - a + 10));
		}
		/* Some repeats; some of the days above fall outside the span. */
		for (k = 1; k < COUNT(extra); k += 3)
			extra[k] = extra[k - 1];
		if (care_working_days(a, b, extra, COUNT(extra)) !=
		    working_days_slowly(a, b, extra, COUNT(extra)))
			fail_msg("working days from %d to %d differ from a day-by-day count", a, b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dates_round_trip_whole_range),
	    cmocka_unit_test(dates_invalid),
	    cmocka_unit_test(dates_with_a_byte_changed),
	    cmocka_unit_test(leap_years),
	    cmocka_unit_test(year_month_day_of_any_date),
	    cmocka_unit_test(weekdays),
	    cmocka_unit_test(day_arithmetic),
	    cmocka_unit_test(month_arithmetic_clamps),
	    cmocka_unit_test(timestamps_valid),
	    cmocka_unit_test(timestamps_invalid),
	    cmocka_unit_test(bank_holidays_2000_to_2030),
	    cmocka_unit_test(bank_holidays_by_rule_only),
	    cmocka_unit_test(working_days_hand_worked),
	    cmocka_unit_test(working_days_at_the_range_ends),
	    cmocka_unit_test(working_days_extra_days),
	    cmocka_unit_test(working_days_match_day_by_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
