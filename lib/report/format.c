/*
 * Formatting shared by the report kinds.
 */
#include <math.h>
#include <string.h>

#include <csv.h>

#include "report/format.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

double care_format__rate(int64_t num, int64_t den)
{
	if (den <= 0 || num < 0)
		return NAN;
	return (double)num / (double)den;
}

void care_format__json_date(care__buf *b, care_date d)
{
	char text[11];

	if (d == CARE_DATE_NONE)
		care_buf__puts(b, "null");
	else
		care_buf__printf(b, "\"%s\"", care_date_format(text, d));
}

void care_format__json_filters(care__buf *b, const care_report_options *o)
{
	care_buf__puts(b, "\"filters\":{\"unit\":");
	care_json__text(b, o->unit);
	care_buf__puts(b, ",\"role\":");
	care_json__text(b, o->role);
	care_buf__puts(b, ",\"staff_group\":");
	care_json__text(b, o->staff_group == CARE_NONE
	                       ? NULL
	                       : care_enum_name(CARE_ENUM_STAFF_GROUP, o->staff_group));
	care_buf__printf(
	    b, ",\"patient_facing\":%s,\"competency\":", o->patient_facing ? "true" : "false");
	care_json__text(b, o->competency);
	care_buf__puts(b, ",\"manager\":");
	care_json__text(b, o->manager);
	care_buf__printf(b, ",\"all_reports\":%s}", o->all_reports ? "true" : "false");
}

void care_format__csv_text(care__buf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0, need;
	char small[256], *dest = small;

	if (s == NULL)
		return;
	need = csv_write(NULL, 0, s, len);
	if (need > sizeof small) {
		dest = care__malloc(need);
		if (dest == NULL) {
			b->failed = 1;
			return;
		}
	}
	csv_write(dest, need, s, len);
	care_buf__append(b, dest, need);
	if (dest != small)
		care__free(dest);
}

void care_format__csv_count(care__buf *b, int64_t n)
{
	if (n >= 0)
		care_buf__printf(b, "%lld", (long long)n);
}

void care_format__csv_rate(care__buf *b, double rate)
{
	if (!isnan(rate))
		care_json__number(b, rate);
}

void care_format__csv_date(care__buf *b, care_date d)
{
	char text[11];

	if (d != CARE_DATE_NONE)
		care_buf__puts(b, care_date_format(text, d));
}

void care_format__csv_list(care__buf *b, const char *const *items, size_t n)
{
	care__buf joined = {0};
	char *text;
	size_t k;

	for (k = 0; k < n; k++)
		care_buf__printf(&joined, "%s%s", k ? ";" : "", items[k]);
	care_buf__append(&joined, "", 0);
	if (care_buf__finish(&joined, &text, NULL) == 0) {
		care_format__csv_text(b, text);
		care__free(text);
	} else {
		b->failed = 1;
	}
}
