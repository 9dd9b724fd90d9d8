/*
 * libFuzzer target for dates and timestamps: parsing any text gives a value or an error,
 * never a crash; what parses formats back to exactly the text it came from (dates are
 * YYYY-MM-DD; a timestamp keeps its fraction's digits, up to nine, and its zone as written),
 * and the calendar arithmetic on it stays within its range.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char buf[40];
	care_date d;
	care_timestamp ts;

	if (care_date_parse(&d, text, size) == 0) {
		if (size != 10 || memcmp(care_date_format(buf, d), text, 10) != 0)
			abort();
		if (care_date_add_months(d, 1) < d || care_date_month_end(d) < d ||
		    care_date_weekday(d) < 0 || care_date_weekday(d) > 6)
			abort();
		(void)care_working_days(d, care_date_add_days(d, 40), NULL, 0);
		(void)care_is_bank_holiday(d);
	}
	if (care_timestamp_parse(&ts, text, size) == 0) {
		care_timestamp again;
		const char *out = care_timestamp_format(buf, &ts);
		/* Ten or more fraction digits keep nine: compare the canonical form's round trip.
		 */
		if (care_timestamp_parse(&again, out, strlen(out)) != 0 ||
		    strcmp(care_timestamp_format(buf + 0, &again), out) != 0)
			abort();
		if (ts.frac_digits < 9 && (strlen(out) != size || memcmp(out, text, size) != 0))
			abort();
	}
	return 0;
}
