/*
 * Dates, timestamps, month arithmetic and the working-day calendar of
 * England and Wales (docs/model.md#dates, docs/reports.md#working-days). Every function is pure:
 * the bank holidays of a year are computed when asked for (a few dozen operations), so there is no
 * table to fill and nothing to lock.
 */
#include <stdio.h>
#include <string.h>

#include "care/calendar.h"
#include "care/errors.h"

/*
 * Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian),
 * in 64 bits: month arithmetic on a date near either end of int32 reaches
 * years whose day numbers do not fit in an int.
 */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

void care_date_to_ymd(care_date date, int *year, int *month, int *day)
{
	int64_t y;
	int m, d;

	/* Every int32 date lies within years -5877641..5881580, which fit an int. */
	civil_from_days(date, &y, &m, &d);
	if (year)
		*year = (int)y;
	if (month)
		*month = m;
	if (day)
		*day = d;
}

static int leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* A computed day as a care_date, or CARE_DATE_NONE when it does not fit. */
static care_date fit(int64_t days)
{
	return days > INT32_MIN && days <= INT32_MAX ? (care_date)days : CARE_DATE_NONE;
}

care_date care_date_from_ymd(int year, int month, int day)
{
	unsigned y, era, yoe, doy;

	if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return CARE_DATE_NONE;
	/* days_from_civil, for the years allowed: no negative year, all in 32 bits. */
	y = (unsigned)year - (month <= 2);
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (unsigned)(month > 2 ? month - 3 : month + 9) + 2) / 5 + (unsigned)day - 1;
	return (care_date)(int)(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

/* Read n ASCII digits; 0 when any byte is not one. */
static int digits(const char *text, size_t n, int *out)
{
	int value = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9')
			return 0;
		value = value * 10 + (text[i] - '0');
	}
	*out = value;
	return 1;
}

/*
 * The ten bytes YYYY-MM-DD at text read in two words (a dataset has millions of dates):
 * each byte that must be a digit, less '0', is below 10, which one addition tells for all of
 * them at once (a byte of 10 or more gets its top bit set; one with it set already is no
 * digit either). 1 with *y, *m, *d set, else 0.
 */
static int read_ymd(const char *text, int *y, int *m, int *d)
{
	const uint64_t ones = 0x0101010101010101u, digits = 0x00ffff00ffffffffu; /* not 4, 7 */
	uint64_t w, x;
	uint16_t dd;
	unsigned v;

	memcpy(&w, text, 8);
	memcpy(&dd, text + 8, 2);
	x = (w ^ 0x30 * ones) & digits;
	v = (unsigned)(dd ^ 0x3030u);
	if ((((x + (0x76 * ones & digits)) | x) & (0x80 * ones & digits)) != 0 ||
	    (((v + 0x7676u) | v) & 0x8080u) != 0 || (w >> 32 & 0xff) != '-' || (w >> 56) != '-')
		return 0;
	*y = (int)((x & 0xff) * 1000 + (x >> 8 & 0xff) * 100 + (x >> 16 & 0xff) * 10 +
	           (x >> 24 & 0xff));
	*m = (int)((x >> 40 & 0xff) * 10 + (x >> 48 & 0xff));
	*d = (int)((v & 0xff) * 10 + (v >> 8));
	return 1;
}

int care_date_parse(care_date *out, const char *text, size_t len)
{
	int y, m, d;
	care_date date;

	if (out == NULL || text == NULL || len != 10 || !read_ymd(text, &y, &m, &d))
		return CARE_EINVAL;
	date = care_date_from_ymd(y, m, d);
	if (date == CARE_DATE_NONE)
		return CARE_EINVAL;
	*out = date;
	return 0;
}

char *care_date_format(char buf[11], care_date date)
{
	int y, m, d;

	care_date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* No four-digit form exists; write something no parser accepts. */
		memcpy(buf, "0000-00-00", 11);
		return buf;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int care_date_weekday(care_date date)
{
	/* 1970-01-01 was a Thursday (3). */
	int64_t w = ((int64_t)date + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

care_date care_date_add_days(care_date date, int days)
{
	if (date == CARE_DATE_NONE)
		return CARE_DATE_NONE;
	return fit((int64_t)date + days);
}

care_date care_date_add_months(care_date date, int months)
{
	int64_t y, total;
	int m, d;

	if (date == CARE_DATE_NONE)
		return CARE_DATE_NONE;
	civil_from_days(date, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total >= 0 ? total / 12 : (total - 11) / 12;
	m = (int)(total - y * 12) + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return fit(days_from_civil(y, m, d));
}

care_date care_date_month_end(care_date date)
{
	int64_t y;
	int m, d;

	if (date == CARE_DATE_NONE)
		return CARE_DATE_NONE;
	civil_from_days(date, &y, &m, &d);
	return fit(days_from_civil(y, m, days_in_month(y, m)));
}

/* ---- timestamps ---- */

int care_timestamp_parse(care_timestamp *out, const char *t, size_t n)
{
	care_timestamp ts;
	size_t i = 19;
	int oh, om;

	/* The shortest form, YYYY-MM-DDThh:mm:ssZ, has 20 bytes. */
	if (out == NULL || t == NULL || n < 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':')
		return CARE_EINVAL;
	memset(&ts, 0, sizeof ts);
	if (care_date_parse(&ts.date, t, 10) != 0 || !digits(t + 11, 2, &ts.hour) ||
	    !digits(t + 14, 2, &ts.minute) || !digits(t + 17, 2, &ts.second) || ts.hour > 23 ||
	    ts.minute > 59 || ts.second > 60)
		return CARE_EINVAL;
	if (t[i] == '.') {
		size_t start = ++i;
		while (i < n && t[i] >= '0' && t[i] <= '9') {
			/* Nanoseconds hold nine digits; later ones are read and dropped
			 * (truncated, not rounded), so the canonical form keeps nine. */
			if (ts.frac_digits < 9) {
				ts.nanos = ts.nanos * 10 + (t[i] - '0');
				ts.frac_digits++;
			}
			i++;
		}
		if (i == start)
			return CARE_EINVAL;
		for (int k = ts.frac_digits; k < 9; k++)
			ts.nanos *= 10;
	}
	if (i + 1 == n && t[i] == 'Z') {
		ts.zulu = 1;
	} else if (i + 6 == n && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':' &&
	           digits(t + i + 1, 2, &oh) && digits(t + i + 4, 2, &om) && oh <= 23 && om <= 59) {
		ts.offset_minutes = (t[i] == '-' ? -1 : 1) * (oh * 60 + om);
		/* -00:00 (RFC 3339's "local offset unknown") is kept as written. */
		if (t[i] == '-' && oh == 0 && om == 0)
			ts.zulu = 2;
	} else {
		return CARE_EINVAL;
	}
	*out = ts;
	return 0;
}

char *care_timestamp_format(char buf[40], const care_timestamp *ts)
{
	char date[11];
	int n, frac_digits = ts->frac_digits;

	care_date_format(date, ts->date);
	/* The % 100 keep a hand-made struct within the buffer; parsed ones are in range. */
	n = snprintf(buf, 40, "%sT%02d:%02d:%02d", date, ts->hour % 100, ts->minute % 100,
	             ts->second % 100);
	if (frac_digits > 9)
		frac_digits = 9;
	if (frac_digits > 0) {
		int frac = ts->nanos % 1000000000;
		for (int k = frac_digits; k < 9; k++)
			frac /= 10;
		n += snprintf(buf + n, (size_t)(40 - n), ".%0*d", frac_digits, frac);
	}
	if (ts->zulu == 1) {
		snprintf(buf + n, (size_t)(40 - n), "Z");
	} else if (ts->zulu == 2 && ts->offset_minutes == 0) {
		snprintf(buf + n, (size_t)(40 - n), "-00:00");
	} else {
		int off = ts->offset_minutes < 0 ? -(ts->offset_minutes % 6000)
		                                 : ts->offset_minutes % 6000;
		snprintf(buf + n, (size_t)(40 - n), "%c%02d:%02d",
		         ts->offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
	}
	return buf;
}

/* ---- bank holidays of England and Wales ---- */

/*
 * The functions below take years 1900..2199 only, so every day they compute
 * fits in a care_date.
 */

static care_date ymd(int y, int m, int d)
{
	return (care_date)days_from_civil(y, m, d);
}

/* Easter Sunday (Gregorian; the anonymous algorithm). */
static care_date easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
	int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

	return ymd(y, month, day);
}

static care_date first_monday(int y, int m)
{
	care_date d = ymd(y, m, 1);

	return d + (7 - care_date_weekday(d)) % 7;
}

static care_date last_monday(int y, int m)
{
	care_date d = ymd(y, m, days_in_month(y, m));

	return d - care_date_weekday(d);
}

static int is_weekend(care_date d)
{
	return care_date_weekday(d) >= 5;
}

static int contains(const care_date *list, int n, care_date d)
{
	int i;

	for (i = 0; i < n; i++)
		if (list[i] == d)
			return 1;
	return 0;
}

/* The next weekday on or after d that is not already in the list. */
static care_date substitute(const care_date *list, int n, care_date d)
{
	while (is_weekend(d) || contains(list, n, d))
		d++;
	return d;
}

/* Every year has eight bank holidays by rule, on distinct weekdays. */
#define HOLIDAYS_BY_RULE 8

/* The one-off additions since 2000 (the one-off moves are in year_holidays). */
static const struct {
	int year, month, day;
} added_holidays[] = {
    {2002, 6, 3}, {2011, 4, 29}, {2012, 6, 5}, {2022, 6, 3}, {2022, 9, 19}, {2023, 5, 8},
};

#define ADDED_COUNT (sizeof added_holidays / sizeof added_holidays[0])

/* Room for the most in one year: the rules and two additions in 2022. */
#define HOLIDAYS_MAX 12

/*
 * The bank holidays of year y (1900..2199) into out; returns how many. They
 * are distinct weekdays, which care_working_days relies on.
 */
static int year_holidays(int y, care_date out[HOLIDAYS_MAX])
{
	int n = 0;
	care_date new_year = ymd(y, 1, 1), christmas = ymd(y, 12, 25), boxing = ymd(y, 12, 26);
	care_date early_may = first_monday(y, 5), spring = last_monday(y, 5);

	out[n++] = is_weekend(new_year) ? new_year + (7 - care_date_weekday(new_year)) : new_year;
	out[n++] = easter(y) - 2;
	out[n++] = easter(y) + 1;
	/* One-off moves (docs/reports.md#complaint-handling): VE Day 75, and three jubilees. */
	if (y == 2020)
		early_may = ymd(2020, 5, 8);
	if (y == 2002 || y == 2012)
		spring = ymd(y, 6, 4);
	if (y == 2022)
		spring = ymd(2022, 6, 2);
	out[n++] = early_may;
	out[n++] = spring;
	out[n++] = last_monday(y, 8);
	/*
	 * Christmas and Boxing Day: a day at a weekend moves to the next weekday
	 * not already a holiday. Place the weekday ones first, then Christmas's
	 * substitute, so that Sat 25 gives Mon 27 and Tue 28, Sun 25 gives Mon 26
	 * (Boxing Day) and Tue 27, and Sat 26 gives Mon 28.
	 */
	if (!is_weekend(christmas))
		out[n++] = christmas;
	if (!is_weekend(boxing))
		out[n++] = boxing;
	if (is_weekend(christmas)) {
		out[n] = substitute(out, n, christmas);
		n++;
	}
	if (is_weekend(boxing)) {
		out[n] = substitute(out, n, boxing);
		n++;
	}
	for (size_t i = 0; i < ADDED_COUNT; i++)
		if (added_holidays[i].year == y)
			out[n++] = ymd(y, added_holidays[i].month, added_holidays[i].day);
	return n;
}

int care_is_bank_holiday(care_date date)
{
	care_date list[HOLIDAYS_MAX];
	int y;

	if (date < CARE_DATE_MIN || date > CARE_DATE_MAX)
		return 0;
	care_date_to_ymd(date, &y, NULL, NULL);
	return contains(list, year_holidays(y, list), date);
}

/* Weekdays in [1900-01-01, x] for x >= 1899-12-31 (1900-01-01 was a Monday). */
static int64_t weekdays_through(care_date x)
{
	int64_t days = (int64_t)x - CARE_DATE_MIN + 1;

	return days / 7 * 5 + (days % 7 < 5 ? days % 7 : 5);
}

/* Bank holidays d of year y with a < d <= b. */
static int64_t holidays_of_year_between(int y, care_date a, care_date b)
{
	care_date list[HOLIDAYS_MAX];
	int n = year_holidays(y, list), k;
	int64_t count = 0;

	for (k = 0; k < n; k++)
		count += list[k] > a && list[k] <= b;
	return count;
}

/*
 * Bank holidays in (a, b], a and b within 1899-12-31..2199-12-31: the two end
 * years day by day, the whole years between by count, so that a span of
 * centuries costs no more than one of days.
 */
static int64_t holidays_between(care_date a, care_date b)
{
	int first, last;
	int64_t count;
	size_t i;

	care_date_to_ymd(a + 1, &first, NULL, NULL);
	care_date_to_ymd(b, &last, NULL, NULL);
	count = holidays_of_year_between(first, a, b);
	if (last == first)
		return count;
	count += holidays_of_year_between(last, a, b);
	count += (int64_t)(last - first - 1) * HOLIDAYS_BY_RULE;
	for (i = 0; i < ADDED_COUNT; i++)
		count += added_holidays[i].year > first && added_holidays[i].year < last;
	return count;
}

/*
 * How many distinct extra days in (a, b] are weekdays and not bank holidays;
 * a and b as for holidays_between. A bitmap of the span (at most the 300
 * years from 1900 to 2199: 13.7 KB) finds repeats in one pass.
 */
static int64_t extra_days_off(care_date a, care_date b, const care_date *extra, size_t count)
{
	unsigned char seen[((int64_t)CARE_DATE_MAX - CARE_DATE_MIN + 1 + 7) / 8];
	int64_t off = 0;
	size_t i;

	memset(seen, 0, (size_t)(((int64_t)b - a + 7) / 8));
	for (i = 0; i < count; i++) {
		care_date d = extra[i];
		size_t bit;
		if (d <= a || d > b || is_weekend(d))
			continue;
		bit = (size_t)((int64_t)d - a - 1);
		if (seen[bit / 8] & (1u << (bit % 8)))
			continue;
		seen[bit / 8] = (unsigned char)(seen[bit / 8] | (1u << (bit % 8)));
		off += !care_is_bank_holiday(d);
	}
	return off;
}

int care_working_days(care_date a, care_date b, const care_date *extra, size_t extra_count)
{
	int64_t count;

	/* Only 1900-2199 has a calendar: days outside it are not counted. */
	if (a < CARE_DATE_MIN - 1)
		a = CARE_DATE_MIN - 1;
	if (b > CARE_DATE_MAX)
		b = CARE_DATE_MAX;
	if (b <= a)
		return 0;
	/* Bank holidays are distinct weekdays, so each takes away one. */
	count = weekdays_through(b) - weekdays_through(a) - holidays_between(a, b);
	if (extra != NULL)
		count -= extra_days_off(a, b, extra, extra_count);
	/* At most 300 years of weekdays: about 78 thousand. */
	return (int)count;
}
