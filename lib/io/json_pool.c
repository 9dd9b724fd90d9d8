/*
 * Parsing a checked record into pooled cJSON nodes (see json_pool.h).
 *
 * The input has passed the strict scanner, so this parser checks nothing: every byte is where
 * the grammar puts it. What it must match is what cJSON_ParseWithLengthOpts would have built
 * from the same text after care_decode__parse's "\u0000" rewrite.
 */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_pool.h"
#include "io/json_scan.h"
#include "util/alloc.h"
#include "util/utf8.h"

#define BLOCK 256 /* nodes per block */

static cJSON *new_node(care__jpool *p, int type)
{
	cJSON *n;

	if (p->used == p->block_count * BLOCK) {
		cJSON *b;
		if (care__grow((void **)&p->blocks, &p->block_cap, p->block_count + 1,
		               sizeof *p->blocks) != 0 ||
		    (b = care__malloc(BLOCK * sizeof *b)) == NULL)
			return NULL;
		p->blocks[p->block_count++] = b;
	}
	n = &p->blocks[p->used / BLOCK][p->used % BLOCK];
	p->used++;
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

static size_t skip_ws(const unsigned char *t, size_t i)
{
	while (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')
		i++;
	return i;
}

/*
 * The string literal whose opening quote is at *at, decoded into the pool's text (which has
 * room: no decoded string is longer than its literal). *at moves past the closing quote.
 */
static char *string_at(care__jpool *p, const unsigned char *t, size_t *at)
{
	char *out = p->text + p->text_used, *o = out;
	size_t i = *at + 1, start;

	for (;;) {
		start = i;
		while (t[i] != '"' && t[i] != '\\')
			i++;
		memcpy(o, t + start, i - start);
		o += i - start;
		if (t[i] == '"')
			break;
		i++; /* the backslash */
		o = care_json__unescape(t, &i, o, 1);
		i++;
	}
	*o++ = '\0';
	p->text_used += (size_t)(o - out);
	*at = i + 1;
	return out;
}

int care_jpool__number(const char *text, size_t *len_out, double *out)
{
	char small[64], *buf = small;
	const unsigned char *s = (const unsigned char *)text;
	size_t len = 0, k;
	char point;
	double d = 0;

	while (s[len] >= '0' && s[len] <= '9')
		len++;
	if (len > 0 && len <= 15 &&
	    !(s[len] == '-' || s[len] == '+' || s[len] == '.' || s[len] == 'e' || s[len] == 'E')) {
		/* Digits only, fewer than 16: exact in a double, as strtod reads them. */
		for (k = 0; k < len; k++)
			d = d * 10 + (s[k] - '0');
		*len_out = len;
		*out = d;
		return 0;
	}
	while ((s[len] >= '0' && s[len] <= '9') || s[len] == '-' || s[len] == '+' ||
	       s[len] == '.' || s[len] == 'e' || s[len] == 'E')
		len++;
	*len_out = len;
	if (len >= sizeof small && (buf = care__malloc(len + 1)) == NULL)
		return -1;
	point = *localeconv()->decimal_point;
	for (k = 0; k < len; k++)
		buf[k] = s[k] == '.' ? point : (char)s[k];
	buf[len] = '\0';
	d = strtod(buf, NULL);
	if (buf != small)
		care__free(buf);
	*out = d;
	return 0;
}

/* A number as cJSON reads it, valueint saturated. */
static int number_at(cJSON *n, const unsigned char *t, size_t *at)
{
	size_t len;
	double d;

	if (care_jpool__number((const char *)t + *at, &len, &d) != 0)
		return -1;
	n->valuedouble = d;
	if (d >= INT_MAX)
		n->valueint = INT_MAX;
	else if (d <= (double)INT_MIN)
		n->valueint = INT_MIN;
	else
		n->valueint = (int)d;
	*at += len;
	return 0;
}

static cJSON *value_at(care__jpool *p, const unsigned char *t, size_t *at);

/* The elements (or members) of the container opened at *at. */
static cJSON *container_at(care__jpool *p, const unsigned char *t, size_t *at, int object)
{
	cJSON *n = new_node(p, object ? cJSON_Object : cJSON_Array), *last = NULL;
	unsigned char close = object ? '}' : ']';
	size_t i = skip_ws(t, *at + 1);

	if (n == NULL)
		return NULL;
	if (t[i] == close) {
		*at = i + 1;
		return n;
	}
	for (;;) {
		char *key = NULL;
		cJSON *v;
		if (object) {
			key = string_at(p, t, &i);
			i = skip_ws(t, i) + 1; /* the colon */
		}
		v = value_at(p, t, &i);
		if (v == NULL)
			return NULL;
		v->string = key;
		if (last == NULL) {
			n->child = v;
		} else {
			last->next = v;
			v->prev = last;
		}
		last = v;
		i = skip_ws(t, i);
		if (t[i] == close)
			break;
		i = skip_ws(t, i + 1); /* the comma */
	}
	/* cJSON keeps the last element in the first one's prev. */
	n->child->prev = last;
	*at = i + 1;
	return n;
}

static cJSON *value_at(care__jpool *p, const unsigned char *t, size_t *at)
{
	size_t i = skip_ws(t, *at);
	cJSON *n;

	switch (t[i]) {
	case '{':
	case '[':
		*at = i;
		return container_at(p, t, at, t[i] == '{');
	case '"':
		if ((n = new_node(p, cJSON_String)) != NULL)
			n->valuestring = string_at(p, t, &i);
		break;
	case 't':
		if ((n = new_node(p, cJSON_True)) != NULL)
			n->valueint = 1; /* as cJSON */
		i += 4;
		break;
	case 'f':
		n = new_node(p, cJSON_False);
		i += 5;
		break;
	case 'n':
		n = new_node(p, cJSON_NULL);
		i += 4;
		break;
	default:
		if ((n = new_node(p, cJSON_Number)) != NULL && number_at(n, t, &i) != 0)
			n = NULL;
		break;
	}
	*at = i;
	return n;
}

cJSON *care_jpool__parse(care__jpool *p, const char *text, size_t len)
{
	size_t at = 0;

	p->used = 0;
	p->text_used = 0;
	/* Every string and key fits in the length of the text (each literal is at least as
	 * long as its decoded bytes and NUL). Grown before any pointer into it is taken. */
	if (len + 1 > p->text_cap && care__grow((void **)&p->text, &p->text_cap, len + 1, 1) != 0)
		return NULL;
	return value_at(p, (const unsigned char *)text, &at);
}

void care_jpool__free(care__jpool *p)
{
	size_t i;

	for (i = 0; i < p->block_count; i++)
		care__free(p->blocks[i]);
	care__free(p->blocks);
	care__free(p->text);
	memset(p, 0, sizeof *p);
}
