/*
 * A strict RFC 8259 scanner (see json_scan.h): one pass, no recursion,
 * recording the members of the top-level object and the elements of its
 * arrays as byte spans.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "json_scan.h"

#define MAX_DEPTH 512

typedef struct scan {
	const char *t;
	size_t n, i;
	const char *reason;
	size_t error_at;
	char stack[MAX_DEPTH];
	size_t depth;
	care__json_doc *doc;
	size_t member_cap, element_cap;
	int nomem;
} scan;

static int fail(scan *s, size_t at, const char *reason)
{
	s->error_at = at;
	s->reason = reason;
	return -1;
}

static void ws(scan *s)
{
	while (s->i < s->n) {
		char c = s->t[s->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		s->i++;
	}
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s->i; the value, or -1 after reporting the bad byte. */
static long hex4(scan *s)
{
	long v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		int h;
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input in a \\u escape");
		h = hex(s->t[s->i]);
		if (h < 0)
			return fail(s, s->i, "invalid \\u escape");
		v = v * 16 + h;
		s->i++;
	}
	return v;
}

/* A string starting at the quote at s->i. */
static int string(scan *s)
{
	s->i++;
	for (;;) {
		unsigned char c;
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input in a string");
		c = (unsigned char)s->t[s->i];
		if (c == '"') {
			s->i++;
			return 0;
		}
		if (c < 0x20)
			return fail(s, s->i, "control character in a string");
		if (c != '\\') {
			s->i++;
			continue;
		}
		s->i++;
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input in a string");
		c = (unsigned char)s->t[s->i];
		if (c == 'u') {
			size_t first;
			long v;
			s->i++;
			first = s->i;
			v = hex4(s);
			if (v < 0)
				return -1;
			if (v >= 0xDC00 && v <= 0xDFFF)
				return fail(s, first, "lone low surrogate in a \\u escape");
			if (v >= 0xD800 && v <= 0xDBFF) {
				if (s->i >= s->n)
					return fail(
					    s, s->n,
					    "unexpected end of input after a high surrogate");
				if (s->t[s->i] != '\\')
					return fail(s, s->i,
					            "high surrogate not followed by a low one");
				s->i++;
				if (s->i >= s->n)
					return fail(
					    s, s->n,
					    "unexpected end of input after a high surrogate");
				if (s->t[s->i] != 'u')
					return fail(s, s->i,
					            "high surrogate not followed by a low one");
				s->i++;
				first = s->i;
				v = hex4(s);
				if (v < 0)
					return -1;
				if (v < 0xDC00 || v > 0xDFFF)
					return fail(s, first,
					            "high surrogate not followed by a low one");
			}
			continue;
		}
		if (!strchr("\"\\/bfnrt", c) || c == '\0')
			return fail(s, s->i, "invalid escape");
		s->i++;
	}
}

static int is_digit(scan *s)
{
	return s->i < s->n && s->t[s->i] >= '0' && s->t[s->i] <= '9';
}

static int number(scan *s)
{
	if (s->t[s->i] == '-')
		s->i++;
	if (s->i >= s->n)
		return fail(s, s->n, "unexpected end of input in a number");
	if (s->t[s->i] == '0') {
		s->i++;
		if (is_digit(s))
			return fail(s, s->i, "leading zero in a number");
	} else if (is_digit(s)) {
		while (is_digit(s))
			s->i++;
	} else {
		return fail(s, s->i, "expected a digit");
	}
	if (s->i < s->n && s->t[s->i] == '.') {
		s->i++;
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input in a number");
		if (!is_digit(s))
			return fail(s, s->i, "expected a digit after the decimal point");
		while (is_digit(s))
			s->i++;
	}
	if (s->i < s->n && (s->t[s->i] == 'e' || s->t[s->i] == 'E')) {
		s->i++;
		if (s->i < s->n && (s->t[s->i] == '+' || s->t[s->i] == '-'))
			s->i++;
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input in a number");
		if (!is_digit(s))
			return fail(s, s->i, "expected a digit in the exponent");
		while (is_digit(s))
			s->i++;
	}
	return 0;
}

static int literal(scan *s, const char *word)
{
	size_t k;

	for (k = 0; word[k]; k++, s->i++) {
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input in a literal");
		if (s->t[s->i] != word[k])
			return fail(s, s->i, k == 0 ? "expected a value" : "invalid literal");
	}
	return 0;
}

/* ---- what the caller wants kept ---- */

/* Decode the string literal at [start, end) (validated) into a new text. */
static char *decode(const char *t, size_t start, size_t end, size_t *len)
{
	char *out = care__malloc(end - start + 1), *o = out;
	size_t i = start + 1;

	if (out == NULL)
		return NULL;
	while (i < end - 1) {
		unsigned long cp;
		if (t[i] != '\\') {
			*o++ = t[i++];
			continue;
		}
		i++;
		switch (t[i]) {
		case 'b':
			*o++ = '\b';
			break;
		case 'f':
			*o++ = '\f';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'u':
			cp = (unsigned long)(hex(t[i + 1]) << 12 | hex(t[i + 2]) << 8 |
			                     hex(t[i + 3]) << 4 | hex(t[i + 4]));
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				unsigned long lo =
				    (unsigned long)(hex(t[i + 3]) << 12 | hex(t[i + 4]) << 8 |
				                    hex(t[i + 5]) << 4 | hex(t[i + 6]));
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
			if (cp < 0x80) {
				*o++ = (char)cp;
			} else if (cp < 0x800) {
				*o++ = (char)(0xC0 | cp >> 6);
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				*o++ = (char)(0xE0 | cp >> 12);
				*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*o++ = (char)(0xF0 | cp >> 18);
				*o++ = (char)(0x80 | (cp >> 12 & 0x3F));
				*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			}
			break;
		default: /* " \ / */
			*o++ = t[i];
			break;
		}
		i++;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

static int add_member(scan *s, size_t key_start, size_t key_end)
{
	care__json_doc *d = s->doc;
	care__json_member *m;

	if (care__grow((void **)&d->members, &s->member_cap, d->member_count + 1,
	               sizeof *d->members) != 0)
		return s->nomem = 1, -1;
	m = &d->members[d->member_count];
	memset(m, 0, sizeof *m);
	m->key = decode(s->t, key_start, key_end, &m->key_len);
	if (m->key == NULL)
		return s->nomem = 1, -1;
	d->member_count++;
	s->element_cap = 0;
	return 0;
}

static int add_element(scan *s, size_t start)
{
	care__json_member *m = &s->doc->members[s->doc->member_count - 1];

	if (care__grow((void **)&m->elements, &s->element_cap, m->element_count + 1,
	               sizeof *m->elements) != 0)
		return s->nomem = 1, -1;
	m->elements[m->element_count].start = start;
	m->elements[m->element_count].end = start;
	m->element_count++;
	return 0;
}

static care__json_type type_at(char c)
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

/* Where a value starts or ends, relative to the top-level object. */
static int in_member(const scan *s)
{
	return s->depth == 1 && s->stack[0] == '{';
}

static int in_member_array(const scan *s)
{
	return s->depth == 2 && s->stack[0] == '{' && s->stack[1] == '[';
}

static void value_start(scan *s)
{
	care__json_type type = type_at(s->t[s->i]);

	if (s->depth == 0)
		s->doc->top_type = type;
	else if (in_member(s)) {
		care__json_member *m = &s->doc->members[s->doc->member_count - 1];
		m->value.start = s->i;
		m->value.type = type;
	} else if (in_member_array(s)) {
		care__json_member *m = &s->doc->members[s->doc->member_count - 1];
		if (add_element(s, s->i) == 0)
			m->elements[m->element_count - 1].type = type;
	}
}

static void value_end(scan *s)
{
	care__json_member *m;

	if (s->doc->member_count == 0)
		return;
	m = &s->doc->members[s->doc->member_count - 1];
	if (in_member(s))
		m->value.end = s->i;
	else if (in_member_array(s) && m->element_count)
		m->elements[m->element_count - 1].end = s->i;
}

/* A key at s->i (after whitespace), then the colon. */
static int key(scan *s)
{
	size_t start = s->i;

	if (s->i >= s->n)
		return fail(s, s->n, "unexpected end of input: expected a key");
	if (s->t[s->i] != '"')
		return fail(s, s->i, "expected a string key");
	if (string(s))
		return -1;
	if (in_member(s) && add_member(s, start, s->i))
		return -1;
	ws(s);
	if (s->i >= s->n)
		return fail(s, s->n, "unexpected end of input: expected ':'");
	if (s->t[s->i] != ':')
		return fail(s, s->i, "expected ':' after a key");
	s->i++;
	return 0;
}

static int run(scan *s)
{
	if (s->n >= 3 && memcmp(s->t, "\xEF\xBB\xBF", 3) == 0)
		return fail(s, 0, "byte order mark at the start");
	for (;;) {
		char c;
		/* A value. */
		ws(s);
		if (s->i >= s->n)
			return fail(s, s->n, "unexpected end of input: expected a value");
		c = s->t[s->i];
		value_start(s);
		if (s->nomem)
			return -1;
		if (c == '{' || c == '[') {
			if (s->depth == MAX_DEPTH)
				return fail(s, s->i, "nesting too deep");
			s->stack[s->depth++] = c;
			s->i++;
			ws(s);
			if (s->i < s->n && s->t[s->i] == (c == '{' ? '}' : ']')) {
				s->i++;
				s->depth--;
			} else if (c == '{') {
				if (key(s))
					return -1;
				continue;
			} else {
				continue;
			}
		} else if (c == '"') {
			if (string(s))
				return -1;
		} else if (c == 't' || c == 'f' || c == 'n') {
			if (literal(s, c == 't' ? "true" : c == 'f' ? "false" : "null"))
				return -1;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			if (number(s))
				return -1;
		} else {
			return fail(s, s->i, "expected a value");
		}
		/* After a value: close containers or move to the next item. */
		for (;;) {
			char top;
			value_end(s);
			if (s->depth == 0) {
				ws(s);
				if (s->i < s->n)
					return fail(s, s->i,
					            "unexpected text after the JSON value");
				return 0;
			}
			ws(s);
			top = s->stack[s->depth - 1];
			if (s->i >= s->n)
				return fail(s, s->n,
				            top == '{'
				                ? "unexpected end of input: expected ',' or '}'"
				                : "unexpected end of input: expected ',' or ']'");
			c = s->t[s->i];
			if (c == ',') {
				s->i++;
				ws(s);
				if (s->i < s->n && s->t[s->i] == (top == '{' ? '}' : ']'))
					return fail(s, s->i, "trailing comma");
				if (top == '{' && key(s))
					return -1;
				break; /* the next value */
			}
			if (c == (top == '{' ? '}' : ']')) {
				s->i++;
				s->depth--;
				continue; /* the container was a value too */
			}
			return fail(s, s->i,
			            top == '{' ? "expected ',' or '}' after an object member"
			                       : "expected ',' or ']' after an array element");
		}
	}
}

/* Keep the first of repeated top-level keys. */
typedef struct keyed {
	const char *key;
	size_t len, pos;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);

	if (c == 0)
		c = (x->len > y->len) - (x->len < y->len);
	if (c == 0)
		c = (x->pos > y->pos) - (x->pos < y->pos);
	return c;
}

static int drop_repeats(care__json_doc *doc)
{
	size_t n = doc->member_count, i, k = 0;
	keyed *keys;
	unsigned char *repeat;

	if (n < 2)
		return 0;
	keys = care__malloc(n * sizeof *keys);
	repeat = care__calloc(n, 1);
	if (keys == NULL || repeat == NULL) {
		care__free(keys);
		care__free(repeat);
		return CARE_ENOMEM;
	}
	for (i = 0; i < n; i++)
		keys[i] = (keyed){doc->members[i].key, doc->members[i].key_len, i};
	qsort(keys, n, sizeof *keys, keyed_cmp);
	for (i = 1; i < n; i++)
		if (keys[i].len == keys[i - 1].len &&
		    memcmp(keys[i].key, keys[i - 1].key, keys[i].len) == 0)
			repeat[keys[i].pos] = 1;
	for (i = 0; i < n; i++) {
		if (repeat[i]) {
			care__free(doc->members[i].key);
			care__free(doc->members[i].elements);
			continue;
		}
		doc->members[k++] = doc->members[i];
	}
	doc->member_count = k;
	care__free(keys);
	care__free(repeat);
	return 0;
}

int care__json_scan(care__json_doc *doc, const char *text, size_t len, long *line, long *column,
                    const char **reason)
{
	scan *s = care__calloc(1, sizeof *s);
	size_t i;
	int rc = 0;

	memset(doc, 0, sizeof *doc);
	if (s == NULL)
		return CARE_ENOMEM;
	s->t = text;
	s->n = len;
	s->doc = doc;
	if (run(s) != 0) {
		if (s->nomem) {
			rc = CARE_ENOMEM;
		} else {
			long l = 1, col = 1;
			for (i = 0; i < s->error_at; i++) {
				if (text[i] == '\n')
					l++, col = 1;
				else
					col++;
			}
			*line = l;
			*column = col;
			*reason = s->reason;
			rc = CARE_ESYNTAX;
		}
		care__json_doc_free(doc);
	} else if (drop_repeats(doc) != 0) {
		care__json_doc_free(doc);
		rc = CARE_ENOMEM;
	}
	care__free(s);
	return rc;
}

void care__json_doc_free(care__json_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->member_count; i++) {
		care__free(doc->members[i].key);
		care__free(doc->members[i].elements);
	}
	care__free(doc->members);
	memset(doc, 0, sizeof *doc);
}
