/*
 * A strict RFC 8259 scanner (see json_scan.h): one pass, no recursion (an
 * explicit stack of at most MAX_DEPTH open containers), recording the members
 * of the top-level object and the elements of its arrays as byte spans.
 *
 * It reads files of hundreds of megabytes, so the loops keep the position in
 * a local variable, the plain bytes of a string are skipped with a table, and
 * only values at depth 0 to 2 cost anything beyond being checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/utf8.h"
#include "util/buf.h"
#include "util/error.h"
#include "io/json_scan.h"

#define MAX_DEPTH   512
#define FAILED      SIZE_MAX /* the position returned when scanning fails */
#define BEHIND_STEP ((size_t)32 << 20)

typedef struct scanner {
	const unsigned char *t;
	size_t n;
	size_t error_at;
	const char *reason;
	int nomem;
	care__json_doc *doc;
	size_t member_cap, element_cap; /* of doc->members, of the last member's elements */
	size_t depth;
	/* Told of members, of compact lists' elements, and every BEHIND_STEP bytes that the
	 * text before a position is read (may be NULL). */
	const care__json_watch *watch;
	size_t behind_at;
	const char *const *compact;    /* lists whose elements keep only their lengths */
	int compact_element;           /* the value recorded last is a compact list's element */
	int compact_list;              /* the top-level member being scanned is a compact list */
	unsigned char open[MAX_DEPTH]; /* '{' or '[' for each open container */
} scanner;

static size_t fail(scanner *s, size_t at, const char *reason)
{
	s->error_at = at;
	s->reason = reason;
	return FAILED;
}

/* Bytes that end a run of plain string bytes: controls, '"' and '\\'. */
static const unsigned char string_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50: '\\' */
};

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static size_t skip_ws(const unsigned char *t, size_t i, size_t n)
{
	while (i < n && is_ws(t[i]))
		i++;
	return i;
}

static int hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- tokens: each takes the position of its first byte, returns the next ---- */

static size_t scan_hex4(scanner *s, size_t i, unsigned *value)
{
	unsigned v = 0;
	size_t k;

	for (k = 0; k < 4; k++, i++) {
		int h;
		if (i >= s->n)
			return fail(s, s->n, "unexpected end of input in a \\u escape");
		h = hex(s->t[i]);
		if (h < 0)
			return fail(s, i, "invalid \\u escape");
		v = v << 4 | (unsigned)h;
	}
	*value = v;
	return i;
}

#define NOT_LOW "high surrogate not followed by a low surrogate"

/* The escape whose backslash is just before i. */
static size_t scan_escape(scanner *s, size_t i)
{
	const unsigned char *t = s->t;
	size_t n = s->n, digits;
	unsigned v;

	if (i >= n)
		return fail(s, n, "unexpected end of input in a string");
	switch (t[i]) {
	case '"':
	case '\\':
	case '/':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
		return i + 1;
	case 'u':
		break;
	default:
		return fail(s, i, "invalid escape");
	}
	digits = i + 1;
	i = scan_hex4(s, digits, &v);
	if (i == FAILED)
		return FAILED;
	if (v >= 0xDC00 && v <= 0xDFFF)
		return fail(s, digits, "lone low surrogate");
	if (v < 0xD800 || v > 0xDBFF)
		return i;
	/* A high surrogate: "\u" and a low surrogate must follow at once. */
	if (i < n && t[i] != '\\')
		return fail(s, i, NOT_LOW);
	if (i + 1 < n && t[i + 1] != 'u')
		return fail(s, i + 1, NOT_LOW);
	if (i + 1 >= n)
		return fail(s, n, "unexpected end of input after a high surrogate");
	digits = i + 2;
	i = scan_hex4(s, digits, &v);
	if (i == FAILED)
		return FAILED;
	if (v < 0xDC00 || v > 0xDFFF)
		return fail(s, digits, NOT_LOW);
	return i;
}

/* Bytes >= 0x80 pass as they are: UTF-8 is the validator's business (bad-text). */
static size_t scan_string(scanner *s, size_t i)
{
	const unsigned char *t = s->t;
	size_t n = s->n;

	i++;
	for (;;) {
		while (i < n && !string_stop[t[i]])
			i++;
		if (i >= n)
			return fail(s, n, "unexpected end of input in a string");
		if (t[i] == '"')
			return i + 1;
		if (t[i] < 0x20)
			return fail(s, i, "control character in string");
		i = scan_escape(s, i + 1);
		if (i == FAILED)
			return FAILED;
	}
}

static size_t scan_number(scanner *s, size_t i)
{
	const unsigned char *t = s->t;
	size_t n = s->n;

	if (t[i] == '-')
		i++;
	if (i >= n)
		return fail(s, n, "unexpected end of input in a number");
	if (t[i] == '0') {
		i++;
		if (i < n && is_digit(t[i]))
			return fail(s, i, "leading zero");
	} else if (is_digit(t[i])) {
		while (++i < n && is_digit(t[i]))
			;
	} else {
		return fail(s, i, "expected a digit");
	}
	if (i < n && t[i] == '.') {
		if (++i >= n)
			return fail(s, n, "unexpected end of input in a number");
		if (!is_digit(t[i]))
			return fail(s, i, "expected a digit after the decimal point");
		while (++i < n && is_digit(t[i]))
			;
	}
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < n && (t[i] == '+' || t[i] == '-'))
			i++;
		if (i >= n)
			return fail(s, n, "unexpected end of input in a number");
		if (!is_digit(t[i]))
			return fail(s, i, "expected a digit in the exponent");
		while (++i < n && is_digit(t[i]))
			;
	}
	return i;
}

static size_t scan_literal(scanner *s, size_t i, const char *word, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++) {
		if (i + k >= s->n)
			return fail(s, s->n, "unexpected end of input in a literal");
		if (s->t[i + k] != (unsigned char)word[k])
			return fail(s, i + k, "invalid literal");
	}
	return i + len;
}

/* ---- what the caller keeps ---- */

static unsigned long hex4_at(const unsigned char *t)
{
	return (unsigned long)(hex(t[0]) << 12 | hex(t[1]) << 8 | hex(t[2]) << 4 | hex(t[3]));
}

char *care_json__unescape(const unsigned char *t, size_t *at, char *o, int nul_as_ff)
{
	size_t i = *at;
	unsigned long cp;

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
		cp = hex4_at(t + i + 1);
		i += 4;
		if (cp == 0 && nul_as_ff) {
			memset(o, 0xFF, 6);
			o += 6;
			break;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4_at(t + i + 3) - 0xDC00);
			i += 6;
		}
		o = care_utf8__put(o, cp);
		break;
	default: /* " \ / */
		*o++ = (char)t[i];
		break;
	}
	*at = i;
	return o;
}

/*
 * Decode the string literal at [start, end), already checked, into a new
 * NUL-terminated text. The result is never longer than the literal: every
 * escape takes at least as many bytes as its UTF-8 (6 for up to 3, 12 for 4).
 */
static char *decode(const unsigned char *t, size_t start, size_t end, size_t *len)
{
	char *out = care__malloc(end - start), *o = out;
	size_t i = start + 1;

	if (out == NULL)
		return NULL;
	end--; /* the closing quote */
	while (i < end) {
		if (t[i] != '\\') {
			*o++ = (char)t[i++];
			continue;
		}
		i++;
		o = care_json__unescape(t, &i, o, 0);
		i++;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

static size_t add_member(scanner *s, size_t key_start, size_t key_end)
{
	care__json_doc *d = s->doc;
	care__json_member *m;

	if (care__grow((void **)&d->members, &s->member_cap, d->member_count + 1,
	               sizeof *d->members) != 0)
		goto nomem;
	m = &d->members[d->member_count];
	memset(m, 0, sizeof *m);
	m->key = decode(s->t, key_start, key_end, &m->key_len);
	if (m->key == NULL)
		goto nomem;
	if (s->compact) {
		const char *const *k;
		for (k = s->compact; *k; k++)
			if (strlen(*k) == m->key_len && memcmp(*k, m->key, m->key_len) == 0)
				m->open_start =
				    SIZE_MAX; /* marks a compact list until its first element */
	}
	d->member_count++;
	s->element_cap = 0;
	return key_end;
nomem:
	s->nomem = 1;
	return FAILED;
}

/*
 * A value of `type` starts at `at`, with s->depth <= 2. Depth 0 is the top
 * level; in a top-level object, depth 1 is a member's value (its key was just
 * added) and depth 2 inside an array member is one of its elements.
 */
static int record_start(scanner *s, size_t at, care__json_type type)
{
	care__json_member *m;

	s->compact_element = 0;
	if (s->depth == 0) {
		s->doc->top_type = type;
		return 0;
	}
	if (s->open[0] != '{')
		return 0;
	m = &s->doc->members[s->doc->member_count - 1];
	if (s->depth == 1) {
		m->value.start = at;
		m->value.type = type;
		s->compact_list = m->open_start == SIZE_MAX;
		if (s->watch && s->watch->member_start)
			s->watch->member_start(s->watch->ctx, m, m->open_start == SIZE_MAX);
		return 0;
	}
	if (s->open[1] != '[')
		return 0;
	if (s->watch && s->watch->behind && at - s->behind_at >= BEHIND_STEP) {
		s->watch->behind(s->watch->ctx, at);
		s->behind_at = at;
	}
	if (s->compact_list) {
		if (!(s->watch && s->watch->count_only) && m->element_count == s->element_cap &&
		    care__grow((void **)&m->lengths, &s->element_cap, m->element_count + 1,
		               sizeof *m->lengths) != 0) {
			s->nomem = 1;
			return -1;
		}
		m->open_start = at;
		m->element_count++;
		s->compact_element = 1;
		return 0;
	}
	if (m->element_count == s->element_cap &&
	    care__grow((void **)&m->elements, &s->element_cap, m->element_count + 1,
	               sizeof *m->elements) != 0) {
		s->nomem = 1;
		return -1;
	}
	m->elements[m->element_count].start = at;
	m->elements[m->element_count].end = at;
	m->elements[m->element_count].type = type;
	m->element_count++;
	return 0;
}

/* The value recorded last ends just before `at` (s->depth <= 2). */
static void record_end(scanner *s, size_t at)
{
	care__json_member *m;

	if (s->depth == 0 || s->open[0] != '{')
		return;
	m = &s->doc->members[s->doc->member_count - 1];
	if (s->depth == 1) {
		m->value.end = at;
		if (s->watch && s->watch->member_end)
			s->watch->member_end(s->watch->ctx, m);
	} else if (s->open[1] == '[' && s->compact_list) {
		if (m->lengths != NULL)
			m->lengths[m->element_count - 1] = at - m->open_start >= CARE__JSON_LONG
			                                       ? CARE__JSON_LONG
			                                       : (uint32_t)(at - m->open_start);
		if (s->watch && s->watch->element_end)
			s->watch->element_end(s->watch->ctx, m->element_count, m->open_start, at);
	} else if (s->open[1] == '[') {
		m->elements[m->element_count - 1].end = at;
		if (s->watch && s->watch->element_end && s->watch->every_list)
			s->watch->element_end(s->watch->ctx, m->element_count,
			                      m->elements[m->element_count - 1].start, at);
	}
}

/* A key at i (after whitespace), then the colon. */
static size_t scan_key(scanner *s, size_t i)
{
	size_t start = i;

	if (i >= s->n)
		return fail(s, s->n, "unexpected end of input: expected a key");
	if (s->t[i] != '"')
		return fail(s, i, "expected a string key");
	i = scan_string(s, i);
	if (i == FAILED)
		return FAILED;
	if (s->depth == 1 && add_member(s, start, i) == FAILED)
		return FAILED;
	i = skip_ws(s->t, i, s->n);
	if (i >= s->n)
		return fail(s, s->n, "unexpected end of input: expected ':'");
	if (s->t[i] != ':')
		return fail(s, i, "expected ':' after a key");
	return i + 1;
}

static int value_type(unsigned char c)
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
	case '-':
		return CARE__JSON_NUMBER;
	default:
		return is_digit(c) ? CARE__JSON_NUMBER : -1;
	}
}

/* After a value that ended at i: close containers, or move to the next item. */
static size_t after_value(scanner *s, size_t i)
{
	const unsigned char *t = s->t;
	size_t n = s->n;

	for (;;) {
		unsigned char open, close;
		if (s->depth <= 2)
			record_end(s, i);
		i = skip_ws(t, i, n);
		if (s->depth == 0) {
			if (i < n)
				return fail(s, i, "unexpected text after the JSON value");
			return i;
		}
		open = s->open[s->depth - 1];
		close = open == '{' ? '}' : ']';
		if (i >= n)
			return fail(s, n,
			            open == '{' ? "unexpected end of input: expected ',' or '}'"
			                        : "unexpected end of input: expected ',' or ']'");
		if (t[i] == close) {
			i++;
			s->depth--;
			continue; /* the container was a value too */
		}
		if (t[i] != ',')
			return fail(s, i,
			            open == '{' ? "expected ',' or '}' after an object member"
			                        : "expected ',' or ']' after an array element");
		i = skip_ws(t, i + 1, n);
		if (i < n && t[i] == close)
			return fail(s, i, "trailing comma");
		return open == '{' ? scan_key(s, i) : i;
	}
}

static int run(scanner *s)
{
	const unsigned char *t = s->t;
	size_t n = s->n, i = 0;

	if (n >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF) {
		fail(s, 0, "byte order mark");
		return -1;
	}
	for (;;) {
		unsigned char c;
		int type;

		/* A value is expected at i (after whitespace). */
		i = skip_ws(t, i, n);
		if (i >= n) {
			fail(s, n, "unexpected end of input: expected a value");
			return -1;
		}
		c = t[i];
		type = value_type(c);
		if (type < 0) {
			fail(s, i, "expected a value");
			return -1;
		}
		if (s->depth <= 2 && record_start(s, i, (care__json_type)type) != 0)
			return -1;
		if (c == '{' && s->depth == 2 && s->compact_element && s->watch &&
		    s->watch->element_value) {
			/* The watcher may read the element, and those after it, itself. */
			care__json_member *m = &s->doc->members[s->doc->member_count - 1];
			size_t last = i, end = i;
			size_t read = s->watch->element_value(s->watch->ctx, m->element_count, i,
			                                      s->watch->count_only ? SIZE_MAX : 1,
			                                      &last, &end);
			if (read > 0) {
				m->element_count += read - 1;
				m->open_start = last;
				if ((i = after_value(s, end)) == FAILED)
					return -1;
				if (s->depth == 0)
					return 0;
				continue;
			}
		}
		switch (c) {
		case '{':
		case '[':
			if (s->depth == MAX_DEPTH) {
				fail(s, i, "nesting too deep");
				return -1;
			}
			s->open[s->depth++] = c;
			i = skip_ws(t, i + 1, n);
			if (i < n && t[i] == (c == '{' ? '}' : ']')) {
				i++;
				s->depth--;
				break;
			}
			if (c == '{' && (i = scan_key(s, i)) == FAILED)
				return -1;
			continue; /* the first member or element */
		case '"':
			i = scan_string(s, i);
			break;
		case 't':
			i = scan_literal(s, i, "true", 4);
			break;
		case 'f':
			i = scan_literal(s, i, "false", 5);
			break;
		case 'n':
			i = scan_literal(s, i, "null", 4);
			break;
		default:
			i = scan_number(s, i);
			break;
		}
		if (i == FAILED || (i = after_value(s, i)) == FAILED)
			return -1;
		if (s->depth == 0)
			return 0;
	}
}

size_t care_json__value_end(const char *text, size_t at)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t depth = 0, i = at;

	for (;;) {
		unsigned char c = t[i];
		if (c == '"') {
			for (i++; t[i] != '"'; i++)
				if (t[i] == '\\')
					i++;
			i++;
		} else if (c == '{' || c == '[') {
			depth++;
			i++;
		} else if (c == '}' || c == ']') {
			depth--;
			i++;
		} else if (depth > 0) {
			i++; /* whitespace, ':', ',' and the bytes of literals and numbers */
			continue;
		} else {
			/* A literal or a number at the top: up to the first byte that ends it. */
			while (t[i] != ',' && t[i] != ']' && t[i] != '}' && t[i] != ' ' &&
			       t[i] != '\n' && t[i] != '\r' && t[i] != '\t')
				i++;
			return i;
		}
		if (depth == 0)
			return i;
	}
}

/* ---- repeated keys: the first occurrence wins ---- */

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

/* Sorting keeps this O(n log n) however many members the object has. */
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
	for (i = 0; i < n; i++) {
		keys[i].key = doc->members[i].key;
		keys[i].len = doc->members[i].key_len;
		keys[i].pos = i;
	}
	qsort(keys, n, sizeof *keys, keyed_cmp);
	for (i = 1; i < n; i++)
		if (keys[i].len == keys[i - 1].len &&
		    memcmp(keys[i].key, keys[i - 1].key, keys[i].len) == 0)
			repeat[keys[i].pos] = 1;
	for (i = 0; i < n; i++) {
		if (repeat[i]) {
			care__free(doc->members[i].key);
			care__free(doc->members[i].elements);
			care__free(doc->members[i].lengths);
			continue;
		}
		doc->members[k++] = doc->members[i];
	}
	doc->member_count = k;
	care__free(keys);
	care__free(repeat);
	return 0;
}

/* Line and column (1-based, lines split on LF, column in bytes) of byte `at`. */
static void position(const unsigned char *t, size_t at, long *line, long *column)
{
	const unsigned char *nl;
	size_t line_start = 0;
	long l = 1;

	while (line_start < at && (nl = memchr(t + line_start, '\n', at - line_start)) != NULL) {
		l++;
		line_start = (size_t)(nl - t) + 1;
	}
	*line = l;
	*column = (long)(at - line_start) + 1;
}

int care_json__scan(care__json_doc *doc, const char *text, size_t len, long *line, long *column,
                    const char **reason)
{
	return care_json__scan_behind(doc, text, len, line, column, reason, NULL, NULL, NULL);
}

int care_json__scan_behind(care__json_doc *doc, const char *text, size_t len, long *line,
                           long *column, const char **reason,
                           void (*behind)(void *ctx, size_t upto), void *ctx,
                           const char *const *compact)
{
	care__json_watch w;
	int rc;

	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.behind = behind;
	rc = care_json__scan_watched(doc, text, len, line, column, reason, &w, compact);
	if (rc != 0)
		care_json__doc_free(doc);
	return rc;
}

int care_json__scan_watched(care__json_doc *doc, const char *text, size_t len, long *line,
                            long *column, const char **reason, const care__json_watch *watch,
                            const char *const *compact)
{
	scanner s;
	size_t i;

	memset(doc, 0, sizeof *doc);
	memset(&s, 0, sizeof s);
	s.compact = compact;
	s.watch = watch;
	s.t = (const unsigned char *)text;
	s.n = len;
	s.doc = doc;
	if (run(&s) != 0) {
		if (s.nomem)
			return CARE_ENOMEM;
		position(s.t, s.error_at, line, column);
		*reason = s.reason;
		return CARE_ESYNTAX;
	}
	if (drop_repeats(doc) != 0)
		return CARE_ENOMEM;
	for (i = 0; i < doc->member_count; i++)
		doc->members[i].open_start = 0;
	return 0;
}

void care_json__doc_free(care__json_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->member_count; i++) {
		care__free(doc->members[i].key);
		care__free(doc->members[i].elements);
		care__free(doc->members[i].lengths);
	}
	care__free(doc->members);
	memset(doc, 0, sizeof *doc);
}
