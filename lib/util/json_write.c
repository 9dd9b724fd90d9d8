/*
 * The one JSON writer of the library: values appended to a text buffer.
 * Text is always written as UTF-8: bytes that are not become U+FFFD.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_write.h"
#include "util/utf8.h"
#include "util/buf.h"

void care_json__string(care__buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	care_buf__append(b, "\"", 1);
	while (i < len) {
		unsigned char c = u[i];
		size_t n;
		char esc[7];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (n = care_utf8__sequence(u + i, len - i)) > 0) {
			i += n;
			continue;
		}
		care_buf__append(b, s + run, i - run);
		run = ++i;
		switch (c) {
		case '"':
			care_buf__append(b, "\\\"", 2);
			break;
		case '\\':
			care_buf__append(b, "\\\\", 2);
			break;
		case '\n':
			care_buf__append(b, "\\n", 2);
			break;
		case '\r':
			care_buf__append(b, "\\r", 2);
			break;
		case '\t':
			care_buf__append(b, "\\t", 2);
			break;
		case '\b':
			care_buf__append(b, "\\b", 2);
			break;
		case '\f':
			care_buf__append(b, "\\f", 2);
			break;
		default:
			if (c >= 0x80) {
				/* Not UTF-8 (text as written in a rejected record, or a
				 * message that quotes it): the replacement character keeps
				 * the output valid JSON. */
				care_buf__append(b, "\\ufffd", 6);
				break;
			}
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			care_buf__append(b, esc, 6);
		}
	}
	care_buf__append(b, s + run, len - run);
	care_buf__append(b, "\"", 1);
}

void care_json__text(care__buf *b, const char *s)
{
	if (s == NULL)
		care_buf__puts(b, "null");
	else
		care_json__string(b, s, strlen(s));
}

void care_json__number(care__buf *b, double v)
{
	char text[40];
	int precision;

	if (isnan(v) || isinf(v)) {
		care_buf__puts(b, "null");
		return;
	}
	/* Whole numbers as integers; others in the shortest form that reads
	 * back exactly (at most 17 significant digits). */
	if (v == floor(v) && fabs(v) < 1e15) {
		care_buf__printf(b, "%.0f", v);
		return;
	}
	/* 15 significant digits give the shortest form whenever one of at most
	 * 15 digits reads back exactly (trailing zeros are dropped); else 16 or 17. */
	for (precision = 15; precision <= 17; precision++) {
		snprintf(text, sizeof text, "%.*g", precision, v);
		if (strtod(text, NULL) == v)
			break;
	}
	care_buf__puts(b, text);
}

void care_json__count(care__buf *b, int64_t count)
{
	if (count < 0)
		care_buf__puts(b, "null");
	else
		care_buf__printf(b, "%lld", (long long)count);
}

void care_json__list(care__buf *b, const char *const *items, size_t n)
{
	size_t i;

	care_buf__puts(b, "[");
	for (i = 0; i < n; i++) {
		if (i)
			care_buf__puts(b, ",");
		care_json__text(b, items[i]);
	}
	care_buf__puts(b, "]");
}
