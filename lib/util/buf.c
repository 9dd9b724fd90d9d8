/*
 * A growable text buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

void care_buf__append(care__buf *b, const char *s, size_t len)
{
	if (b->failed)
		return;
	if (care__grow((void **)&b->data, &b->cap, b->len + len + 1, 1) != 0) {
		b->failed = 1;
		return;
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void care_buf__puts(care__buf *b, const char *s)
{
	care_buf__append(b, s, strlen(s));
}

void care_buf__printf(care__buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		care_buf__append(b, small, (size_t)n);
		return;
	}
	if (b->failed || care__grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1) != 0) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence starting at s (1-4), or 0 when it is not one. */
int care_buf__finish(care__buf *b, char **out, size_t *len)
{
	if (!b->failed && b->data == NULL)
		care_buf__append(b, "", 0);
	if (b->failed) {
		care_buf__free(b);
		*out = NULL;
		return care__error(CARE_ENOMEM, "out of memory");
	}
	*out = b->data;
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return 0;
}

/* Append s to out[*at] while room is left (one byte is kept for the NUL). */
static void put_cut(char *out, size_t size, size_t *at, const char *s, size_t n)
{
	if (*at + 1 < size) {
		size_t room = size - 1 - *at;
		memcpy(out + *at, s, n < room ? n : room);
	}
	*at += n;
}

void care_buf__indexed(char *out, size_t size, const char *name, size_t i, const char *suffix)
{
	char digits[24], *d = digits + sizeof digits;
	size_t at = 0;

	if (size == 0)
		return;
	do {
		*--d = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	put_cut(out, size, &at, name, strlen(name));
	put_cut(out, size, &at, "[", 1);
	put_cut(out, size, &at, d, (size_t)(digits + sizeof digits - d));
	put_cut(out, size, &at, "]", 1);
	put_cut(out, size, &at, suffix, strlen(suffix));
	out[at < size ? at : size - 1] = '\0';
}

void care_buf__path(char *out, size_t size, const char *prefix, const char *name)
{
	size_t at = 0;

	if (size == 0)
		return;
	if (prefix && *prefix) {
		put_cut(out, size, &at, prefix, strlen(prefix));
		put_cut(out, size, &at, ".", 1);
	}
	put_cut(out, size, &at, name, strlen(name));
	out[at < size ? at : size - 1] = '\0';
}

void care_buf__free(care__buf *b)
{
	care__free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}
