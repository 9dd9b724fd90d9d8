/*
 * Dates, timestamps, month arithmetic and the working-day calendar of
 * England and Wales (SPEC 2 and 5.7). Every function is pure.
 */
#include <stdio.h>
#include <string.h>

#include "care/calendar.h"
#include "care/errors.h"

/* Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian). */
static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void care_date_to_ymd(care_date date, int *year, int *month, int *day)
{
	int64_t z = (int64_t)date + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	if (year)
		*year = (int)(yoe + era * 400 + (m <= 2));
	if (month)
		*month = (int)m;
	if (day)
		*day = (int)d;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

care_date care_date_from_ymd(int year, int month, int day)
{
	if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return CARE_DATE_NONE;
	return days_from_civil(year, month, day);
}

static int digits(const char *t, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i] < '0' || t[i] > '9')
			return 0;
		v = v * 10 + (t[i] - '0');
	}
	*out = v;
	return 1;
}

int care_date_parse(care_date *out, const char *text, size_t len)
{
	int y, m, d;
	care_date date;

	if (out == NULL || text == NULL || len != 10 || text[4] != '-' || text[7] != '-' ||
	    !digits(text, 4, &y) || !digits(text + 5, 2, &m) || !digits(text + 8, 2, &d))
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
	return (care_date)((int64_t)date + days);
}

care_date care_date_add_months(care_date date, int months)
{
	int y, m, d;
	int64_t total;

	care_date_to_ymd(date, &y, &m, &d);
	total = (int64_t)y * 12 + (m - 1) + months;
	y = (int)(total >= 0 ? total / 12 : (total - 11) / 12);
	m = (int)(total - (int64_t)y * 12) + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return days_from_civil(y, m, d);
}

care_date care_date_month_end(care_date date)
{
	int y, m;

	care_date_to_ymd(date, &y, &m, NULL);
	return days_from_civil(y, m, days_in_month(y, m));
}

/* ---- timestamps ---- */

int care_timestamp_parse(care_timestamp *out, const char *t, size_t n)
{
	care_timestamp ts;
	size_t i = 19;
	int oh, om;

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
			/* Nine digits are kept (nanoseconds); more are read and dropped. */
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
	if (i < n && t[i] == 'Z' && i + 1 == n) {
		ts.zulu = 1;
	} else if (i + 6 == n && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':' &&
	           digits(t + i + 1, 2, &oh) && digits(t + i + 4, 2, &om) && oh <= 23 && om <= 59) {
		/* -00:00 is read as +00:00: the struct keeps one zero offset. */
		ts.offset_minutes = (t[i] == '-' ? -1 : 1) * (oh * 60 + om);
	} else {
		return CARE_EINVAL;
	}
	*out = ts;
	return 0;
}

char *care_timestamp_format(char buf[40], const care_timestamp *ts)
{
	char date[11];
	int n, off, frac;

	care_date_format(date, ts->date);
	n = snprintf(buf, 40, "%sT%02d:%02d:%02d", date, ts->hour % 100, ts->minute % 100,
	             ts->second % 100);
	if (ts->frac_digits > 0 && ts->frac_digits <= 9) {
		int k;
		frac = ts->nanos;
		for (k = ts->frac_digits; k < 9; k++)
			frac /= 10;
		n += snprintf(buf + n, (size_t)(40 - n), ".%0*d", ts->frac_digits, frac);
	}
	if (ts->zulu) {
		snprintf(buf + n, (size_t)(40 - n), "Z");
	} else {
		off = ts->offset_minutes < 0 ? -ts->offset_minutes : ts->offset_minutes;
		snprintf(buf + n, (size_t)(40 - n), "%c%02d:%02d",
		         ts->offset_minutes < 0 ? '-' : '+', off / 60 % 100, off % 60);
	}
	return buf;
}

/* ---- bank holidays of England and Wales ---- */

/* Easter Sunday (Gregorian; the anonymous algorithm). */
static care_date easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
	int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

	return days_from_civil(y, month, day);
}

static care_date first_monday(int y, int m)
{
	care_date d = days_from_civil(y, m, 1);

	return d + (7 - care_date_weekday(d)) % 7;
}

static care_date last_monday(int y, int m)
{
	care_date d = days_from_civil(y, m, days_in_month(y, m));

	return d - care_date_weekday(d);
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
	while (care_date_weekday(d) >= 5 || contains(list, n, d))
		d++;
	return d;
}

/* The bank holidays of year y, into out (at most 12); returns how many. */
static int year_holidays(int y, care_date out[12])
{
	int n = 0;
	care_date d, christmas, boxing, early_may, spring;

	d = days_from_civil(y, 1, 1);
	out[n++] = care_date_weekday(d) >= 5 ? d + (7 - care_date_weekday(d)) : d;
	out[n++] = easter(y) - 2;
	out[n++] = easter(y) + 1;
	early_may = first_monday(y, 5);
	spring = last_monday(y, 5);
	if (y == 2020)
		early_may = days_from_civil(2020, 5, 8);
	if (y == 2002)
		spring = days_from_civil(2002, 6, 4);
	if (y == 2012)
		spring = days_from_civil(2012, 6, 4);
	if (y == 2022)
		spring = days_from_civil(2022, 6, 2);
	out[n++] = early_may;
	out[n++] = spring;
	out[n++] = last_monday(y, 8);
	/* Christmas and Boxing Day: a day at a weekend moves to the next
	 * weekday not already a holiday (Christmas first). */
	christmas = days_from_civil(y, 12, 25);
	boxing = days_from_civil(y, 12, 26);
	if (care_date_weekday(christmas) < 5)
		out[n++] = christmas;
	if (care_date_weekday(boxing) < 5)
		out[n++] = boxing;
	if (care_date_weekday(christmas) >= 5) {
		out[n] = substitute(out, n, christmas);
		n++;
	}
	if (care_date_weekday(boxing) >= 5) {
		out[n] = substitute(out, n, boxing);
		n++;
	}
	switch (y) {
	case 2002:
		out[n++] = days_from_civil(2002, 6, 3);
		break;
	case 2011:
		out[n++] = days_from_civil(2011, 4, 29);
		break;
	case 2012:
		out[n++] = days_from_civil(2012, 6, 5);
		break;
	case 2022:
		out[n++] = days_from_civil(2022, 6, 3);
		out[n++] = days_from_civil(2022, 9, 19);
		break;
	case 2023:
		out[n++] = days_from_civil(2023, 5, 8);
		break;
	default:
		break;
	}
	return n;
}

int care_is_bank_holiday(care_date date)
{
	care_date list[12];
	int y, n;

	care_date_to_ymd(date, &y, NULL, NULL);
	n = year_holidays(y, list);
	return contains(list, n, date);
}

/* Weekdays d with a < d <= b. */
static int64_t weekdays_between(care_date a, care_date b)
{
	/* Count weekdays in (a, b] as f(b) - f(a), f(x) = weekdays in [epoch, x]. */
	int64_t fa, fb;
	int64_t x;

	x = (int64_t)a - CARE_DATE_MIN; /* 1900-01-01 was a Monday */
	fa = (x + 1) / 7 * 5 + ((x + 1) % 7 < 5 ? (x + 1) % 7 : 5);
	x = (int64_t)b - CARE_DATE_MIN;
	fb = (x + 1) / 7 * 5 + ((x + 1) % 7 < 5 ? (x + 1) % 7 : 5);
	return fb - fa;
}

int care_working_days(care_date a, care_date b, const care_date *extra, size_t extra_count)
{
	int64_t count;
	int ya, yb, y;
	size_t i, j;

	if (b <= a)
		return 0;
	if (a < CARE_DATE_MIN - 1)
		a = CARE_DATE_MIN - 1;
	if (b > CARE_DATE_MAX)
		b = CARE_DATE_MAX;
	if (b <= a)
		return 0;
	count = weekdays_between(a, b);
	care_date_to_ymd(a + 1, &ya, NULL, NULL);
	care_date_to_ymd(b, &yb, NULL, NULL);
	for (y = ya; y <= yb; y++) {
		care_date list[12];
		int n = year_holidays(y, list), k;
		for (k = 0; k < n; k++)
			if (list[k] > a && list[k] <= b)
				count--; /* holidays are weekdays, and distinct */
	}
	for (i = 0; extra && i < extra_count; i++) {
		care_date d = extra[i];
		int dup = 0;
		if (d <= a || d > b || care_date_weekday(d) >= 5 || care_is_bank_holiday(d))
			continue;
		for (j = 0; j < i && !dup; j++)
			dup = extra[j] == d;
		if (!dup)
			count--;
	}
	return (int)count;
}
