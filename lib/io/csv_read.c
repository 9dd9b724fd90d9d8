/*
 * One CSV file as rows of cells (csv_read.h), parsed by libcsv.
 *
 * libcsv reports fields and row ends but not where they are, so the input is fed to it one
 * physical line at a time: the line being fed is then known at each callback, and a row
 * begins on the line at whose start the parser stands outside any row.
 */
#include <csv.h>
#include <string.h>

#include "care/errors.h"
#include "io/csv_read.h"
#include "util/alloc.h"

#define CHUNK 65536

typedef struct reader {
	struct csv_parser p;
	care__csv_row_fn row;
	void *data;
	care__csv_error *err;
	long line;       /* the physical line being fed */
	long next_start; /* the line on which the next row begins */
	long row_line;   /* the line of the row being read */
	int stop;        /* a row callback said stop, or a check failed */
	/* The cells of the current row: text, offsets and presence. */
	char *text;
	size_t text_len, text_cap;
	size_t *offsets, *lens;
	const char **cells;
	size_t count, cap, cells_cap, lens_cap;
	size_t header; /* cells of the header; 0 until it is read */
} reader;

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	reader *r = data;

	if (r->stop)
		return;
	if (r->count == 0)
		r->row_line = r->next_start;
	if (care__grow((void **)&r->offsets, &r->cap, r->count + 1, sizeof *r->offsets) != 0 ||
	    care__grow((void **)&r->text, &r->text_cap, r->text_len + len + 1, 1) != 0) {
		r->stop = CARE_ENOMEM;
		return;
	}
	r->offsets[r->count] = s ? r->text_len : (size_t)-1;
	if (s != NULL) {
		memcpy(r->text + r->text_len, s, len);
		r->text[r->text_len + len] = '\0';
		r->text_len += len + 1;
	}
	r->count++;
}

static void on_row(int c, void *data)
{
	reader *r = data;
	care__csv_row row;
	size_t i;

	(void)c;
	r->next_start = r->line;
	if (r->stop)
		return;
	if (r->header == 0) {
		r->header = r->count;
	} else if (r->count != r->header) {
		r->err->line = r->row_line;
		r->err->column = (long)(r->count < r->header ? r->count + 1 : r->header + 1);
		r->err->reason = r->count < r->header ? "the row has fewer cells than the header"
		                                      : "the row has more cells than the header";
		r->stop = CARE_ESYNTAX;
		return;
	}
	if (care__grow((void **)&r->cells, &r->cells_cap, r->count ? r->count : 1,
	               sizeof *r->cells) != 0 ||
	    care__grow((void **)&r->lens, &r->lens_cap, r->count ? r->count : 1, sizeof *r->lens) !=
	        0) {
		r->stop = CARE_ENOMEM;
		return;
	}
	for (i = 0; i < r->count; i++) {
		size_t o = r->offsets[i];
		r->cells[i] = o == (size_t)-1 ? NULL : r->text + o;
		r->lens[i] = o == (size_t)-1 ? 0 : strlen(r->text + o);
	}
	row.line = r->row_line;
	row.count = r->count;
	row.cells = r->cells;
	row.lens = r->lens;
	r->stop = r->row(r->data, &row);
	r->count = 0;
	r->text_len = 0;
}

/* Feed `len` bytes that hold at most one newline, at their end. */
static int feed(reader *r, const char *s, size_t len, int line_start)
{
	if (line_start && r->p.pstate == 0)
		r->next_start = r->line;
	if (csv_parse(&r->p, s, len, on_field, on_row, r) != len && !r->stop) {
		if (csv_error(&r->p) == CSV_ENOMEM)
			return CARE_ENOMEM;
		r->err->line = r->line;
		r->err->column = (long)r->count + 1;
		r->err->reason = r->p.quoted ? "a quote inside a quoted cell is not doubled"
		                             : "a quote inside an unquoted cell";
		return CARE_ESYNTAX;
	}
	return r->stop;
}

static void *parser_realloc(void *p, size_t size)
{
	return care__realloc(p, size);
}

int care_csv__read(care__csv_read_fn read, void *handle, care__csv_row_fn row, void *data,
                   care__csv_error *err)
{
	reader r;
	char *buf = care__malloc(CHUNK);
	int rc = 0, line_start = 1, first = 1;
	long n;

	memset(&r, 0, sizeof r);
	r.row = row;
	r.data = data;
	r.err = err;
	r.line = r.next_start = 1;
	err->line = err->column = 0;
	err->reason = NULL;
	if (buf == NULL)
		return CARE_ENOMEM;
	csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL);
	csv_set_space_func(&r.p, no_space);
	csv_set_realloc_func(&r.p, parser_realloc);
	csv_set_free_func(&r.p, care__free);
	while (rc == 0 && (n = read(handle, buf, CHUNK)) != 0) {
		const char *s = buf, *end;
		if (n < 0) {
			rc = CARE_EIO;
			break;
		}
		end = buf + n;
		if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		first = 0;
		while (rc == 0 && s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			size_t len = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
			rc = feed(&r, s, len, line_start);
			s += len;
			line_start = nl != NULL;
			if (nl)
				r.line++;
		}
	}
	if (rc == 0 && csv_fini(&r.p, on_field, on_row, &r) != 0 && !r.stop) {
		if (csv_error(&r.p) == CSV_ENOMEM) {
			rc = CARE_ENOMEM;
		} else {
			err->line = r.count ? r.row_line : r.next_start;
			err->column = (long)r.count + 1;
			err->reason = "a quoted cell is not closed";
			rc = CARE_ESYNTAX;
		}
	}
	if (rc == 0)
		rc = r.stop;
	csv_free(&r.p);
	care__free(buf);
	care__free(r.text);
	care__free(r.offsets);
	care__free(r.lens);
	care__free((void *)r.cells);
	return rc;
}
