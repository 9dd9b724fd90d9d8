/*
 * What the JSON scanner tests share: see json_scan_helpers.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "io/json_scan.h"
#include "json_scan_helpers.h"

/* ---- scanning and what a scan promises ---- */

/* Scan `len` bytes of `text` from a buffer of exactly that size. */
int scan(care__json_doc *doc, const char *text, size_t len, long *line, long *column,
         const char **reason)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	if (len)
		memcpy(copy, text, len);
	*line = *column = -1;
	*reason = NULL;
	rc = care_json__scan(doc, copy, len, line, column, reason);
	free(copy);
	return rc;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The type a value starting with c must have. */
static care__json_type type_of(char c)
{
	switch (c) {
	case '{':
		return CARE__JSON_OBJECT;
	case '[':
		return CARE__JSON_ARRAY;
	case '"':
		return CARE__JSON_STRING;
	case 't':
		return CARE__JSON_TRUE;
	case 'f':
		return CARE__JSON_FALSE;
	case 'n':
		return CARE__JSON_NULL;
	default:
		return CARE__JSON_NUMBER;
	}
}

int doc_is_empty(const care__json_doc *doc)
{
	return doc->top_type == CARE__JSON_NULL && doc->members == NULL && doc->member_count == 0;
}

/* text[span] is exactly one value of the recorded type: no whitespace around it, and it
 * scans on its own. */
static void check_span(const char *text, size_t len, const care__json_span *span)
{
	care__json_doc sub;
	long line, column;
	const char *reason;

	assert_true(span->start < span->end);
	assert_true(span->end <= len);
	assert_false(is_ws(text[span->start]));
	assert_false(is_ws(text[span->end - 1]));
	assert_int_equal(span->type, type_of(text[span->start]));
	assert_int_equal(
	    scan(&sub, text + span->start, span->end - span->start, &line, &column, &reason), 0);
	assert_int_equal(sub.top_type, span->type);
	care_json__doc_free(&sub);
}

/* Everything a successful scan promises about `doc`. */
void check_doc(const char *text, size_t len, const care__json_doc *doc)
{
	size_t i = 0, k, j;

	while (i < len && is_ws(text[i]))
		i++;
	assert_true(i < len);
	assert_int_equal(doc->top_type, type_of(text[i]));
	if (doc->top_type != CARE__JSON_OBJECT) {
		assert_int_equal(doc->member_count, 0);
		assert_null(doc->members);
		return;
	}
	for (k = 0; k < doc->member_count; k++) {
		const care__json_member *m = &doc->members[k];
		size_t after = m->value.start + 1;

		assert_non_null(m->key);
		assert_int_equal(m->key[m->key_len], '\0');
		check_span(text, len, &m->value);
		if (k > 0)
			assert_true(m->value.start > doc->members[k - 1].value.end);
		for (j = 0; j < k; j++)
			assert_false(doc->members[j].key_len == m->key_len &&
			             memcmp(doc->members[j].key, m->key, m->key_len) == 0);
		if (m->value.type != CARE__JSON_ARRAY) {
			assert_int_equal(m->element_count, 0);
			continue;
		}
		for (j = 0; j < m->element_count; j++) {
			assert_true(m->elements[j].start >= after);
			assert_true(m->elements[j].end < m->value.end);
			check_span(text, len, &m->elements[j]);
			after = m->elements[j].end + 1;
		}
	}
}

/* `depth` arrays, or objects {"a":...}, around a 1; objects when `objects`. */
char *nested(size_t depth, int objects, size_t *len)
{
	size_t open = objects ? 5 : 1, n = depth * (open + 1) + 1, i;
	char *text = malloc(n);

	assert_non_null(text);
	for (i = 0; i < depth; i++)
		memcpy(text + i * open, objects ? "{\"a\":" : "[", open);
	text[depth * open] = '1';
	memset(text + depth * open + 1, objects ? '}' : ']', depth);
	*len = n;
	return text;
}

/* ---- the reference scanner ---- */

/*
 * The reference: plain recursive descent (its depth is bounded by LIMIT),
 * following the grammar of RFC 8259 and the rule of docs/model.md#json for where an error is.
 */
typedef struct ref {
	const unsigned char *p;
	size_t n, i, error_at;
} ref;

static int ref_fail(ref *r, size_t at)
{
	r->error_at = at;
	return -1;
}

static void ref_ws(ref *r)
{
	while (r->i < r->n && r->p[r->i] != 0 && strchr(" \t\r\n", r->p[r->i]))
		r->i++;
}

/* The next byte must be `c`. */
static int ref_expect(ref *r, int c)
{
	if (r->i >= r->n)
		return ref_fail(r, r->n);
	if (r->p[r->i] != c)
		return ref_fail(r, r->i);
	r->i++;
	return 0;
}

static int ref_hex4(ref *r, unsigned long *v)
{
	static const char digits[] = "0123456789abcdef0123456789ABCDEF";
	int k;

	*v = 0;
	for (k = 0; k < 4; k++, r->i++) {
		const char *d;
		if (r->i >= r->n)
			return ref_fail(r, r->n);
		d = r->p[r->i] ? strchr(digits, r->p[r->i]) : NULL;
		if (d == NULL)
			return ref_fail(r, r->i);
		*v = *v * 16 + (unsigned long)((d - digits) % 16);
	}
	return 0;
}

static int ref_string(ref *r)
{
	r->i++;
	for (;;) {
		unsigned char c;
		unsigned long v;
		size_t at;

		if (r->i >= r->n)
			return ref_fail(r, r->n);
		c = r->p[r->i];
		if (c == '"') {
			r->i++;
			return 0;
		}
		if (c < 0x20)
			return ref_fail(r, r->i);
		r->i++;
		if (c != '\\')
			continue;
		if (r->i >= r->n)
			return ref_fail(r, r->n);
		c = r->p[r->i];
		if (c != 0 && strchr("\"\\/bfnrt", c)) {
			r->i++;
			continue;
		}
		if (ref_expect(r, 'u'))
			return -1;
		at = r->i;
		if (ref_hex4(r, &v))
			return -1;
		if (v >= 0xDC00 && v <= 0xDFFF)
			return ref_fail(r, at);
		if (v < 0xD800 || v > 0xDBFF)
			continue;
		if (ref_expect(r, '\\') || ref_expect(r, 'u'))
			return -1;
		at = r->i;
		if (ref_hex4(r, &v))
			return -1;
		if (v < 0xDC00 || v > 0xDFFF)
			return ref_fail(r, at);
	}
}

static int ref_digits(ref *r)
{
	size_t start = r->i;

	while (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
		r->i++;
	if (r->i > start)
		return 0;
	return ref_fail(r, r->i);
}

static int ref_number(ref *r)
{
	if (r->p[r->i] == '-')
		r->i++;
	if (r->i < r->n && r->p[r->i] == '0') {
		r->i++;
		if (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
			return ref_fail(r, r->i);
	} else if (ref_digits(r)) {
		return -1;
	}
	if (r->i < r->n && r->p[r->i] == '.') {
		r->i++;
		if (ref_digits(r))
			return -1;
	}
	if (r->i < r->n && (r->p[r->i] == 'e' || r->p[r->i] == 'E')) {
		r->i++;
		if (r->i < r->n && (r->p[r->i] == '+' || r->p[r->i] == '-'))
			r->i++;
		if (ref_digits(r))
			return -1;
	}
	return 0;
}

static int ref_value(ref *r, int depth);

/* An array or object whose bracket is at r->i; depth counts it. */
static int ref_container(ref *r, int depth)
{
	int object = r->p[r->i] == '{';
	int close = object ? '}' : ']';

	if (depth > LIMIT)
		return ref_fail(r, r->i);
	r->i++;
	ref_ws(r);
	if (r->i < r->n && r->p[r->i] == close) {
		r->i++;
		return 0;
	}
	for (;;) {
		if (object) {
			ref_ws(r);
			if (r->i >= r->n)
				return ref_fail(r, r->n);
			if (r->p[r->i] != '"')
				return ref_fail(r, r->i);
			if (ref_string(r))
				return -1;
			ref_ws(r);
			if (ref_expect(r, ':'))
				return -1;
		}
		if (ref_value(r, depth))
			return -1;
		ref_ws(r);
		if (r->i >= r->n)
			return ref_fail(r, r->n);
		if (r->p[r->i] == close) {
			r->i++;
			return 0;
		}
		if (ref_expect(r, ','))
			return -1;
		ref_ws(r);
		if (r->i < r->n && r->p[r->i] == close)
			return ref_fail(r, r->i);
	}
}

static int ref_literal(ref *r, const char *word)
{
	for (; *word; word++)
		if (ref_expect(r, *word))
			return -1;
	return 0;
}

static int ref_value(ref *r, int depth)
{
	unsigned char c;

	ref_ws(r);
	if (r->i >= r->n)
		return ref_fail(r, r->n);
	c = r->p[r->i];
	if (c == '{' || c == '[')
		return ref_container(r, depth + 1);
	if (c == '"')
		return ref_string(r);
	if (c == 't')
		return ref_literal(r, "true");
	if (c == 'f')
		return ref_literal(r, "false");
	if (c == 'n')
		return ref_literal(r, "null");
	if (c == '-' || (c >= '0' && c <= '9'))
		return ref_number(r);
	return ref_fail(r, r->i);
}

/* 0 when valid, else -1 with *error_at the offset of the error. */
int ref_scan(const char *text, size_t len, size_t *error_at)
{
	ref r = {(const unsigned char *)text, len, 0, 0};

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		*error_at = 0;
		return -1;
	}
	if (ref_value(&r, 0) == 0) {
		ref_ws(&r);
		if (r.i == len)
			return 0;
		r.error_at = r.i;
	}
	*error_at = r.error_at;
	return -1;
}
