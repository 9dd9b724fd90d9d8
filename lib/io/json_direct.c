/*
 * Completions decoded straight from their text (json_direct.h).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "io/json_direct.h"
#include "io/json_pool.h"
#include "util/alloc.h"
#include "util/strtab.h"
#include "dataset/ids.h"

enum { F_ID, F_STAFF, F_MODULE, F_COMPLETED_ON, F_OUTCOME, F_SCORE, F_SOURCE, F_NONE };

/* The field a key names (its bytes as written, no escape), or F_NONE. */
static int field_of(const char *k, size_t n)
{
	switch (n) {
	case 2:
		return memcmp(k, "id", 2) == 0 ? F_ID : F_NONE;
	case 5:
		return memcmp(k, "staff", 5) == 0   ? F_STAFF
		       : memcmp(k, "score", 5) == 0 ? F_SCORE
		                                    : F_NONE;
	case 6:
		return memcmp(k, "module", 6) == 0   ? F_MODULE
		       : memcmp(k, "source", 6) == 0 ? F_SOURCE
		                                     : F_NONE;
	case 7:
		return memcmp(k, "outcome", 7) == 0 ? F_OUTCOME : F_NONE;
	case 12:
		return memcmp(k, "completed_on", 12) == 0 ? F_COMPLETED_ON : F_NONE;
	default:
		return F_NONE;
	}
}

/* Each field's key as written with its quotes and colon, in the order records are most
 * often written (the order of enum's fields): a key where the next expected one is, read
 * by one comparison. */
static const struct {
	const char *text;
	size_t len;
} quoted_key[F_NONE] = {
    {"\"id\":", 5},       {"\"staff\":", 8}, {"\"module\":", 9}, {"\"completed_on\":", 15},
    {"\"outcome\":", 10}, {"\"score\":", 8}, {"\"source\":", 9},
};

/* The field whose quoted key and colon start at p, when it is one of the next two in the
 * usual order from `from`, else F_NONE (the general way then reads the key). */
static int expected_key(const char *p, const char *end, int from)
{
	int f;

	for (f = from; f < F_NONE && f < from + 2; f++)
		if ((size_t)(end - p) >= quoted_key[f].len &&
		    care_strtab__same(p, quoted_key[f].text, quoted_key[f].len))
			return f;
	return F_NONE;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}

/* The end of the string whose bytes start at p (after its quote): its closing quote, or
 * NULL when it has an escape or a control character, or does not end before `end`. Bytes
 * from 0x80 up are noted in *high. */
static const char *string_end(const char *p, const char *end, unsigned *high)
{
#if defined(__SSE2__) && defined(__GNUC__)
	/* Sixteen bytes at a time while sixteen are left. */
	const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
	const __m128i control = _mm_set1_epi8(0x1f);

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i stop = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
		    _mm_cmpeq_epi8(_mm_min_epu8(v, control), v));
		unsigned mask = (unsigned)_mm_movemask_epi8(stop);
		unsigned upper = (unsigned)_mm_movemask_epi8(v);
		if (mask != 0) {
			unsigned k = (unsigned)__builtin_ctz(mask);
			*high |= upper & ((1u << k) - 1) ? 0x80 : 0;
			return p[k] == '"' ? p + k : NULL;
		}
		*high |= upper ? 0x80 : 0;
		p += 16;
	}
#endif
	for (; p < end; p++) {
		if (*p == '"')
			return p;
		if (*p == '\\' || (unsigned char)*p < 0x20)
			return NULL;
		*high |= (unsigned char)*p;
	}
	return NULL;
}

static int digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* The length of the JSON number at p when it is one (RFC 8259) and a byte follows it before
 * `end`, else 0. */
static size_t number_len(const char *p, const char *end)
{
	const char *q = p;

	if (q < end && *q == '-')
		q++;
	if (!digit(q, end))
		return 0;
	if (*q++ != '0')
		while (digit(q, end))
			q++;
	if (q < end && *q == '.') {
		if (!digit(++q, end))
			return 0;
		while (digit(q, end))
			q++;
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (!digit(q, end))
			return 0;
		while (digit(q, end))
			q++;
	}
	return q < end ? (size_t)(q - p) : 0;
}

/*
 * The digits of the whole number of at most three digits at p, with no leading zero (but for
 * "0") and no fraction or exponent after it, when a byte follows it before `end`; else 0.
 */
static int small_whole(const char *p, const char *end)
{
	int k = 0;

	while (k < 4 && p + k < end && p[k] >= '0' && p[k] <= '9')
		k++;
	if (k == 0 || k == 4 || p + k >= end || (k > 1 && p[0] == '0') || p[k] == '.' ||
	    p[k] == 'e' || p[k] == 'E')
		return 0;
	return k;
}

/* The outcome written as the n bytes at s, or -1: the one read last remembered. */
static int outcome_of(care__direct *d, const char *s, size_t n)
{
	int v;

	if (n != 0 && n == d->outcome_len && memcmp(s, d->outcome_seen, n) == 0)
		return d->outcome_value;
	v = care_enum_parse(CARE_ENUM_COMPLETION_OUTCOME, s, n);
	if (v >= 0 && n < sizeof d->outcome_seen) {
		memcpy(d->outcome_seen, s, n);
		d->outcome_len = n;
		d->outcome_value = v;
	}
	return v;
}

/* The text of string field f of the record before (in its strings), or NULL. */
static const char *before(const care__direct *prev, int f, size_t *n)
{
	switch (f) {
	case F_STAFF:
		*n = prev->staff_len;
		return prev->rec.staff;
	case F_MODULE:
		*n = prev->module_len;
		return prev->rec.module;
	case F_OUTCOME:
		*n = prev->outcome_len_text;
		return prev->outcome_text;
	case F_SOURCE:
		*n = prev->source_len;
		return prev->rec.source;
	default:
		return NULL;
	}
}

/* Room for n bytes of a record's strings in d. 0, or -1 when out of memory. */
static int strings_room(care__direct *d, size_t n)
{
	char *grown;

	if (d->cap >= n)
		return 0;
	grown = care__realloc(d->strings, n);
	if (grown == NULL)
		return -1;
	d->strings = grown;
	d->cap = n;
	return 0;
}

/* Whether the n bytes at a and b are the same (the bytes between two values: most are 16 to
 * 32 bytes long, read as two pieces of 16 without a call). */
static int same_run(const char *a, const char *b, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 16 && n <= 32) {
		__m128i x = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)a),
		                          _mm_loadu_si128((const __m128i *)(const void *)b));
		__m128i y =
		    _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(a + n - 16)),
		                  _mm_loadu_si128((const __m128i *)(const void *)(b + n - 16)));
		return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(x, y), _mm_setzero_si128())) ==
		       0xffff;
	}
#endif
	return care_strtab__same(a, b, n);
}

/*
 * The record whose '{' is at `open` read as written with the same bytes between its values as
 * the record before (shaped): those bytes compared, so the same keys in the same order with the
 * same spaces, and each value read as its field's is written there. 1 when it is (d set as
 * care_direct__completion sets it; *used from `text`), 0 when not (the general way then reads
 * the record and sets again what was set here), -1 when out of memory.
 */
static int same_shape(care__direct *d, const care__direct *prev, const char *text, const char *open,
                      const char *end, size_t *used)
{
	const char *was = prev->raw, *q = open, *v[F_NONE], *e;
	size_t from = 0, n, lit, wn, k[F_NONE];
	unsigned high = 0, same = 0;
	int f, digits = 0, outcome, fields = prev->fields;
	uint32_t at[F_NONE], ends[F_NONE];
	char *out;

	/* Copies: d's fields written below could be prev's for all the compiler knows, which
	 * would have it read prev's again after each write. */
	memcpy(at, prev->at, sizeof at);
	memcpy(ends, prev->end, sizeof ends);
	for (f = 0; f < fields; f++) {
		lit = at[f] - from;
		if ((size_t)(end - q) < lit || !same_run(q, was + from, lit))
			return 0;
		v[f] = q += lit;
		switch (f) {
		case F_ID:
			if (end - q < 36 || !care_ids__uuid_parse_len(q, 36, d->uuid))
				return 0;
			q += 36;
			break;
		case F_COMPLETED_ON:
			if (end - q < 10 || care_date_parse(&d->rec.completed_on, q, 10) != 0)
				return 0;
			q += 10;
			break;
		case F_SCORE:
			if ((digits = small_whole(q, end)) == 0)
				return 0;
			q += digits;
			break;
		default:
			/* A string: the same as the record before's, else read to its end (the
			 * bytes after it, compared next, start with its closing quote). */
			wn = ends[f] - at[f];
			if ((size_t)(end - q) > wn && q[wn] == '"' &&
			    care_strtab__same(q, was + at[f], wn)) {
				same |= 1u << f;
				q += wn;
			} else if ((e = string_end(q, end, &high)) != NULL && high < 0x80) {
				q = e;
			} else {
				return 0;
			}
		}
		k[f] = (size_t)(q - v[f]);
		from = ends[f];
	}
	lit = prev->raw_len - from;
	if ((size_t)(end - q) < lit || !same_run(q, was + from, lit))
		return 0;
	outcome = same & 1u << F_OUTCOME ? (int)prev->rec.outcome
	                                 : outcome_of(d, v[F_OUTCOME], k[F_OUTCOME]);
	n = (size_t)(q + lit - open);
	/* Where each value starts is kept in 32 bits (a longer record goes the general way,
	 * which does not keep its shape). */
	if (outcome < 0 || n >= UINT32_MAX)
		return 0;
	if (strings_room(d, n) != 0)
		return -1;
	/* The strings in place, each ended where its closing quote was. */
	out = d->strings;
	memcpy(out, open, n);
	for (f = 0; f < fields; f++) {
		at[f] = (uint32_t)(v[f] - open);
		ends[f] = at[f] + (uint32_t)k[f];
		if (f != F_SCORE)
			out[ends[f]] = '\0';
	}
	memcpy(d->at, at, sizeof at);
	memcpy(d->end, ends, sizeof ends);
	d->rec.id = out + at[F_ID];
	d->rec.staff = out + at[F_STAFF];
	d->rec.module = out + at[F_MODULE];
	d->date_text = out + at[F_COMPLETED_ON];
	d->outcome_text = out + at[F_OUTCOME];
	d->rec.source = fields > F_SOURCE ? out + at[F_SOURCE] : NULL;
	d->rec.outcome = (care_completion_outcome)outcome;
	d->rec.score = 0;
	for (f = 0; f < digits; f++)
		d->rec.score = d->rec.score * 10 + (v[F_SCORE][f] - '0');
	d->id_len = 36;
	d->staff_len = k[F_STAFF];
	d->module_len = k[F_MODULE];
	d->source_len = fields > F_SOURCE ? k[F_SOURCE] : 0;
	d->outcome_len_text = k[F_OUTCOME];
	d->ascii = d->is_uuid = d->id_valid = 1;
	d->same_staff = (same >> F_STAFF) & 1;
	d->same_module = (same >> F_MODULE) & 1;
	d->same_source = (same >> F_SOURCE) & 1;
	d->raw = open;
	d->raw_len = n;
	d->fields = (unsigned char)fields;
	d->shaped = 1;
	*used = (size_t)(open - text) + n;
	return 1;
}

int care_direct__completion(care__direct *d, const care__direct *prev, const char *text, size_t len,
                            size_t *used)
{
	const char *p = text, *end = text + len, *s[F_NONE] = {0}, *was, *open, *score_at = NULL;
	size_t n[F_NONE] = {0}, wn = 0, score_digits = 0;
	unsigned seen = 0, high = 0, same = 0;
	double score = NAN;
	char *out;
	int f, v, next = F_ID, uuid_read = 0, date_read = 0, in_order = 1, count = 0;

	p = skip_ws(p, end);
	if (p == end || *p != '{')
		return 0;
	open = p++;
	if (prev != NULL && prev->shaped && (v = same_shape(d, prev, text, open, end, used)) != 0)
		return v;
	p = skip_ws(p, end);
	if (p < end && *p == '}')
		return 0; /* empty: the general path reports what is missing */
	for (;;) {
		const char *k, *q;
		if ((f = expected_key(p, end, next)) != F_NONE) {
			/* The same as the general way below reads it: a plain ASCII key, then ':'.
			 */
			p += quoted_key[f].len;
		} else {
			if (p == end || *p != '"' ||
			    (q = string_end(k = p + 1, end, &high)) == NULL)
				return 0;
			f = field_of(k, (size_t)(q - k));
			if (f == F_NONE)
				return 0;
			p = skip_ws(q + 1, end);
			if (p == end || *p++ != ':')
				return 0;
		}
		if (seen & 1u << f)
			return 0;
		seen |= 1u << f;
		in_order &= f == count++;
		next = f + 1;
		p = skip_ws(p, end);
		if (p == end)
			return 0;
		if (f == F_ID && end - p > 37 && p[0] == '"' && p[37] == '"' &&
		    care_ids__uuid_parse_len(p + 1, 36, d->uuid)) {
			/* A UUID: hex digits and hyphens, so a plain string of 36 bytes. */
			s[f] = p + 1;
			n[f] = 36;
			p += 38;
			uuid_read = 1;
		} else if (f == F_COMPLETED_ON && end - p > 11 && p[0] == '"' && p[11] == '"' &&
		           care_date_parse(&d->rec.completed_on, p + 1, 10) == 0) {
			/* A date: digits and hyphens. */
			s[f] = p + 1;
			n[f] = 10;
			p += 12;
			date_read = 1;
		} else if (f == F_SCORE && (v = small_whole(p, end)) > 0) {
			/* A whole number of one to three digits, as strtod reads it. */
			score_at = p;
			score_digits = (size_t)v;
			score = 0;
			while (v-- > 0)
				score = score * 10 + (*p++ - '0');
		} else if (f == F_SCORE) {
			char number[64];
			size_t digits, nlen = number_len(p, end);
			/* Not a number, or a long one: the general path reports it. The number is
			 * read from a copy, which ends where it ends (the reader looks one byte
			 * further, and the text may end there). */
			if (nlen == 0 || nlen >= sizeof number)
				return 0;
			memcpy(number, p, nlen);
			number[nlen] = '\0';
			if (care_jpool__number(number, &digits, &score) != 0 || digits != nlen)
				return 0;
			p += digits;
		} else {
			/* The same text as the record before's: its bytes, then the closing quote
			 * (the text before had no quote, escape or control character in it). */
			if (prev != NULL && (was = before(prev, f, &wn)) != NULL &&
			    (size_t)(end - p) > wn + 1 && *p == '"' && p[wn + 1] == '"' &&
			    care_strtab__same(p + 1, was, wn)) {
				q = p + 1 + wn;
				same |= 1u << f;
			} else if (*p != '"' || (q = string_end(p + 1, end, &high)) == NULL) {
				return 0;
			}
			s[f] = p + 1;
			n[f] = (size_t)(q - p - 1);
			p = q + 1;
		}
		p = skip_ws(p, end);
		if (p < end && *p == ',') {
			p = skip_ws(p + 1, end);
			continue;
		}
		if (p < end && *p == '}')
			break;
		return 0;
	}
	*used = (size_t)(p + 1 - text);
	/* The required fields, and the values the decoder would turn into issues. */
	if (!s[F_STAFF] || !s[F_MODULE] || !s[F_COMPLETED_ON] || !s[F_OUTCOME] ||
	    (!date_read &&
	     care_date_parse(&d->rec.completed_on, s[F_COMPLETED_ON], n[F_COMPLETED_ON]) != 0) ||
	    (v = same & 1u << F_OUTCOME ? (int)prev->rec.outcome
	                                : outcome_of(d, s[F_OUTCOME], n[F_OUTCOME])) < 0)
		return 0;
	/* Room for the record's text: each string is then NUL-terminated in place of its
	 * closing quote. */
	if (strings_room(d, (size_t)(p - text) + 1) != 0)
		return -1;
	d->ascii = high < 0x80;
	d->rec.outcome = (care_completion_outcome)v;
	d->rec.score = isinf(score) ? (score > 0 ? DBL_MAX : -DBL_MAX) : score;
	memcpy(d->strings, text, (size_t)(p - text) + 1);
	for (f = 0; f < F_NONE; f++) {
		const char **to = f == F_ID             ? &d->rec.id
		                  : f == F_STAFF        ? &d->rec.staff
		                  : f == F_MODULE       ? &d->rec.module
		                  : f == F_COMPLETED_ON ? &d->date_text
		                  : f == F_OUTCOME      ? &d->outcome_text
		                  : f == F_SOURCE       ? &d->rec.source
		                                        : NULL;
		if (to == NULL)
			continue;
		if (s[f] == NULL) {
			*to = NULL;
			continue;
		}
		/* No NUL inside: string_end stops at any control character. */
		out = d->strings + (s[f] - text);
		out[n[f]] = '\0';
		*to = out;
	}
	/* A UUID's digits and hyphens are bytes of an id: one look at it is enough. */
	d->id_len = n[F_ID];
	d->staff_len = n[F_STAFF];
	d->module_len = n[F_MODULE];
	d->source_len = n[F_SOURCE];
	d->outcome_len_text = n[F_OUTCOME];
	d->same_staff = (same >> F_STAFF) & 1;
	d->same_module = (same >> F_MODULE) & 1;
	d->same_source = (same >> F_SOURCE) & 1;
	d->is_uuid = uuid_read ||
	             (d->rec.id != NULL && care_ids__uuid_parse_len(d->rec.id, d->id_len, d->uuid));
	d->id_valid =
	    d->is_uuid || (d->rec.id != NULL && care_ids__valid_len(d->rec.id, d->id_len));
	/* The shape the next record is first read as (same_shape). */
	d->shaped = in_order && count >= F_SOURCE && uuid_read && date_read && score_at != NULL &&
	            d->ascii && p - open < (ptrdiff_t)UINT32_MAX;
	if (d->shaped) {
		d->raw = open;
		d->raw_len = (size_t)(p + 1 - open);
		d->fields = (unsigned char)count;
		s[F_SCORE] = score_at;
		n[F_SCORE] = score_digits;
		for (f = 0; f < count; f++) {
			d->at[f] = (uint32_t)(s[f] - open);
			d->end[f] = d->at[f] + (uint32_t)n[f];
		}
	}
	return 1;
}

void care_direct__free(care__direct *d)
{
	care__free(d->strings);
	d->strings = NULL;
	d->cap = 0;
}

/* ---- people ---- */

/* A plain string at *p (its opening quote): NUL-terminated in place, *p moved past it. */
static char *plain_string(char **p, const char *end)
{
	char *s, *q;

	if (*p >= end || **p != '"')
		return NULL;
	s = *p + 1;
	for (q = s; q < end && *q != '"'; q++)
		if (*q == '\\')
			return NULL;
	if (q >= end)
		return NULL;
	*q = '\0';
	*p = q + 1;
	return s;
}

/* The key at *p, then its colon: which of the NULL-terminated names (its index), or -1. */
static int key_of(char **p, const char *end, const char *const *names)
{
	char *k = plain_string(p, end);
	int i;

	if (k == NULL)
		return -1;
	*p = (char *)skip_ws(*p, end);
	if (*p >= end || **p != ':')
		return -1;
	*p = (char *)skip_ws(*p + 1, end);
	/* Short keys: their first bytes tell most apart, without a call. */
	for (i = 0; names[i]; i++)
		if (k[0] == names[i][0] && care_strtab__same_text(k, names[i]))
			return i;
	return -1;
}

/* After a member's value: 1 at ',' (moved past it), 0 at '}' (moved past it), -1 else. */
static int next_member(char **p, const char *end)
{
	*p = (char *)skip_ws(*p, end);
	if (*p < end && **p == ',') {
		*p = (char *)skip_ws(*p + 1, end);
		return 1;
	}
	if (*p < end && **p == '}') {
		(*p)++;
		return 0;
	}
	return -1;
}

static int plain_date(char **p, const char *end, care_date *out)
{
	char *s = plain_string(p, end);

	return s != NULL && care_date_parse(out, s, strlen(s)) == 0;
}

/* An object of an assignments or exemptions list at *p into the fields given. */
static int plain_item(char **p, const char *end, const char *const *names, const char **text[],
                      care_date *dates[])
{
	unsigned seen = 0;
	int k, more;

	if (*p >= end || **p != '{')
		return 0;
	*p = (char *)skip_ws(*p + 1, end);
	do {
		if ((k = key_of(p, end, names)) < 0 || (seen & 1u << k))
			return 0;
		seen |= 1u << k;
		if (text[k] != NULL) {
			if ((*text[k] = plain_string(p, end)) == NULL)
				return 0;
		} else if (!plain_date(p, end, dates[k])) {
			return 0;
		}
	} while ((more = next_member(p, end)) == 1);
	return more == 0;
}

/*
 * Make room for item n of one of the person's lists and point text[k] or dates[k] at the
 * item's field k (the other NULL), the item's fields absent until read. 0, or -1 when out of
 * memory.
 */
typedef int (*item_fn)(care__direct_staff *d, size_t n, const char **text[], care_date *dates[]);

static int assignment_at(care__direct_staff *d, size_t n, const char **text[], care_date *dates[])
{
	care_assignment *a;

	if (care__grow((void **)&d->assignments, &d->assignments_cap, n + 1, sizeof *a) != 0)
		return -1;
	a = &d->assignments[n];
	a->role = a->unit = a->manager = NULL;
	a->from = a->to = CARE_DATE_NONE;
	text[0] = &a->role, text[1] = &a->unit, text[2] = text[3] = NULL, text[4] = &a->manager;
	dates[0] = dates[1] = dates[4] = NULL, dates[2] = &a->from, dates[3] = &a->to;
	return 0;
}

static int exemption_at(care__direct_staff *d, size_t n, const char **text[], care_date *dates[])
{
	care_exemption *e;

	if (care__grow((void **)&d->exemptions, &d->exemptions_cap, n + 1, sizeof *e) != 0)
		return -1;
	e = &d->exemptions[n];
	e->competency = e->reason = NULL;
	e->from = e->to = CARE_DATE_NONE;
	text[0] = &e->competency, text[1] = text[2] = NULL, text[3] = &e->reason;
	dates[0] = dates[3] = NULL, dates[1] = &e->from, dates[2] = &e->to;
	return 0;
}

/* A list of plain objects at *p, at least one, each an item made by `at`: 1 with *count
 * set, 0 when not plain, -1 when out of memory. */
static int plain_list(care__direct_staff *d, char **p, const char *end, const char *const *names,
                      item_fn at, size_t *count)
{
	size_t n = 0;

	if (*p >= end || **p != '[')
		return 0;
	*p = (char *)skip_ws(*p + 1, end);
	for (;;) {
		const char **text[5];
		care_date *dates[5];
		if (at(d, n, text, dates) != 0)
			return -1;
		if (!plain_item(p, end, names, text, dates))
			return 0;
		n++;
		*p = (char *)skip_ws(*p, end);
		if (*p < end && **p == ',') {
			*p = (char *)skip_ws(*p + 1, end);
			continue;
		}
		if (*p < end && **p == ']') {
			(*p)++;
			break;
		}
		return 0;
	}
	*count = n;
	return 1;
}

static int plain_assignments(care__direct_staff *d, char **p, const char *end)
{
	static const char *const names[] = {"role", "unit", "from", "to", "manager", NULL};
	int rc = plain_list(d, p, end, names, assignment_at, &d->rec.assignment_count);

	if (rc == 1)
		d->rec.assignments = d->assignments;
	return rc;
}

static int plain_exemptions(care__direct_staff *d, char **p, const char *end)
{
	static const char *const names[] = {"competency", "from", "to", "reason", NULL};
	int rc = plain_list(d, p, end, names, exemption_at, &d->rec.exemption_count);

	if (rc == 1)
		d->rec.exemptions = d->exemptions;
	return rc;
}

int care_direct__staff(care__direct_staff *d, const char *text, size_t len)
{
	static const char *const names[] = {"id",          "name",       "started_on", "left_on",
	                                    "assignments", "exemptions", NULL};
	char *p, *end;
	unsigned seen = 0;
	int k, more, rc;

	if (d->cap < len + 1) {
		char *grown = care__realloc(d->strings, len + 1);
		if (grown == NULL)
			return -1;
		d->strings = grown;
		d->cap = len + 1;
	}
	memcpy(d->strings, text, len);
	d->strings[len] = '\0';
	p = d->strings;
	end = d->strings + len;
	memset(&d->rec, 0, sizeof d->rec);
	d->rec.started_on = d->rec.left_on = CARE_DATE_NONE;
	p = (char *)skip_ws(p, end);
	if (p >= end || *p != '{')
		return 0;
	p = (char *)skip_ws(p + 1, end);
	do {
		if ((k = key_of(&p, end, names)) < 0 || (seen & 1u << k))
			return 0;
		seen |= 1u << k;
		switch (k) {
		case 0:
			rc = (d->rec.id = plain_string(&p, end)) != NULL;
			break;
		case 1:
			rc = (d->rec.name = plain_string(&p, end)) != NULL;
			break;
		case 2:
			rc = plain_date(&p, end, &d->rec.started_on);
			break;
		case 3:
			rc = plain_date(&p, end, &d->rec.left_on);
			break;
		case 4:
			rc = plain_assignments(d, &p, end);
			break;
		default:
			rc = plain_exemptions(d, &p, end);
			break;
		}
		if (rc != 1)
			return rc;
	} while ((more = next_member(&p, end)) == 1);
	/* The whole text one object; an id and assignments, which the decoder requires. */
	if (more != 0 || skip_ws(p, end) != end || !(seen & 1u) || !(seen & 1u << 4))
		return 0;
	return 1;
}

void care_direct__staff_free(care__direct_staff *d)
{
	care__free(d->strings);
	care__free(d->assignments);
	care__free(d->exemptions);
	memset(d, 0, sizeof *d);
}
