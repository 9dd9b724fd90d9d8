/*
 * Aligned text tables and figures for people.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void table_init(cli_table *t, int cols, const char *const *head, const int *right)
{
	int i;

	memset(t, 0, sizeof *t);
	t->cols = cols;
	for (i = 0; i < cols; i++) {
		t->head[i] = head[i];
		t->right[i] = right ? right[i] : 0;
	}
}

/*
 * A copy of text from the data that a terminal shows and does not obey:
 * control characters (ESC, CR, BEL, ...) and bytes that are not UTF-8 are
 * written as \xNN, and a backslash as \\, so that a unit named "ESC[2J"
 * cannot clear the screen. NULL when out of memory.
 */
char *text_escape(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, o = 0;
	char *out = malloc(len * 4 + 1);

	if (out == NULL)
		return NULL;
	while (i < len) {
		size_t n = 0;
		if (u[i] >= 0x80) {
			/* The length of a valid UTF-8 sequence here, or 0. */
			size_t want = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : u[i] >= 0xC2 ? 2 : 0;
			if (want && u[i] <= 0xF4 && i + want <= len) {
				for (n = 1; n < want && (u[i + n] & 0xC0) == 0x80; n++)
					;
				n = n == want ? want : 0;
			}
		} else if (u[i] >= 0x20 && u[i] != 0x7F && u[i] != '\\') {
			n = 1;
		}
		if (n > 0) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		} else if (u[i] == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
			i++;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[u[i] >> 4];
			out[o++] = hex[u[i] & 15];
			i++;
		}
	}
	out[o] = '\0';
	return out;
}

/* Room for one more row. 0, or -1 (and t->failed) when out of memory. */
static int grow_rows(cli_table *t)
{
	if (t->failed)
		return -1;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **p = realloc(t->cells, cap * (size_t)t->cols * sizeof *p);
		unsigned char *r = p ? realloc(t->rule, cap) : NULL;
		if (p)
			t->cells = p;
		if (r == NULL) {
			t->failed = 1;
			return -1;
		}
		t->rule = r;
		t->cap = cap;
	}
	return 0;
}

void table_row(cli_table *t, const char *const *cells)
{
	int i;

	if (grow_rows(t) != 0)
		return;
	for (i = 0; i < t->cols; i++) {
		char *copy = text_escape(cells[i] ? cells[i] : "");
		if (copy == NULL) {
			t->failed = 1;
			while (i-- > 0)
				free(t->cells[t->rows * (size_t)t->cols + (size_t)i]);
			return;
		}
		t->cells[t->rows * (size_t)t->cols + (size_t)i] = copy;
	}
	t->rule[t->rows++] = 0;
}

void table_rule(cli_table *t)
{
	int i;

	if (grow_rows(t) != 0)
		return;
	for (i = 0; i < t->cols; i++)
		t->cells[t->rows * (size_t)t->cols + (size_t)i] = NULL;
	t->rule[t->rows++] = 1;
}

/* Display width of UTF-8 text: code points, a fair guess for names. */
static size_t width_of(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int table_print(cli_table *t, FILE *out)
{
	size_t width[16] = {0}, total = 0, r;
	int c;

	if (t->failed)
		return -1;
	for (c = 0; c < t->cols; c++)
		width[c] = width_of(t->head[c]);
	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->cols; c++) {
			const char *cell = t->cells[r * (size_t)t->cols + (size_t)c];
			if (!t->rule[r] && width_of(cell) > width[c])
				width[c] = width_of(cell);
		}
	for (c = 0; c < t->cols; c++)
		total += width[c] + (c ? 2 : 0);
	for (r = 0; r <= t->rows; r++) {
		if (r > 0 && t->rule[r - 1]) {
			size_t i;
			for (i = 0; i < total; i++)
				fputc('-', out);
			fputc('\n', out);
			continue;
		}
		for (c = 0; c < t->cols; c++) {
			const char *cell =
			    r == 0 ? t->head[c] : t->cells[(r - 1) * (size_t)t->cols + (size_t)c];
			int pad = (int)(width[c] - width_of(cell));
			if (c)
				fputs("  ", out);
			if (t->right[c])
				fprintf(out, "%*s%s", pad, "", cell);
			else if (c + 1 < t->cols)
				fprintf(out, "%s%*s", cell, pad, "");
			else
				fputs(cell, out);
		}
		fputc('\n', out);
	}
	return 0;
}

void table_free(cli_table *t)
{
	size_t i;

	for (i = 0; i < t->rows * (size_t)t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->rule);
	memset(t, 0, sizeof *t);
}

const char *fmt_count(char *buf, int64_t n)
{
	if (n < 0)
		return "*";
	snprintf(buf, 32, "%lld", (long long)n);
	return buf;
}

const char *fmt_rate(char *buf, double rate)
{
	if (isnan(rate))
		return "-";
	snprintf(buf, 32, "%.1f%%", rate * 100.0);
	return buf;
}

const char *fmt_date(char *buf, care_date d)
{
	if (d == CARE_DATE_NONE)
		return "-";
	return care_date_format(buf, d);
}
