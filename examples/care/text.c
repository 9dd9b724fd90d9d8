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

void table_row(cli_table *t, const char *const *cells)
{
	int i;

	if (t->failed)
		return;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **p = realloc(t->cells, cap * (size_t)t->cols * sizeof *p);
		if (p == NULL) {
			t->failed = 1;
			return;
		}
		t->cells = p;
		t->cap = cap;
	}
	for (i = 0; i < t->cols; i++) {
		const char *c = cells[i] ? cells[i] : "";
		char *copy = malloc(strlen(c) + 1);
		if (copy == NULL) {
			t->failed = 1;
			while (i-- > 0)
				free(t->cells[t->rows * (size_t)t->cols + (size_t)i]);
			return;
		}
		strcpy(copy, c);
		t->cells[t->rows * (size_t)t->cols + (size_t)i] = copy;
	}
	t->rows++;
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
			if (strcmp(t->cells[r * (size_t)t->cols], "--") != 0 &&
			    width_of(cell) > width[c])
				width[c] = width_of(cell);
		}
	for (c = 0; c < t->cols; c++)
		total += width[c] + (c ? 2 : 0);
	for (r = 0; r <= t->rows; r++) {
		if (r > 0 && strcmp(t->cells[(r - 1) * (size_t)t->cols], "--") == 0) {
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
