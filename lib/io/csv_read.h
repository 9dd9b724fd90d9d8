/*
 * Reading one CSV file as rows of cells, with libcsv (private): streamed in chunks, a BOM
 * skipped, CRLF or LF, nothing trimmed, blank lines skipped. The first row is the header;
 * every later row must have as many cells, or the read stops with a syntax error.
 */
#ifndef CARE_IO_CSV_READ_H
#define CARE_IO_CSV_READ_H

#include <stddef.h>

/* One row: cells[i] is NULL for an unquoted empty cell (absent), else NUL-terminated text. */
typedef struct care__csv_row {
	long line; /* the row's first physical line (1-based) */
	size_t count;
	const char *const *cells;
	const size_t *lens;
} care__csv_row;

/* Called for each row (the header first); nonzero stops the read and is returned. */
typedef int (*care__csv_row_fn)(void *data, const care__csv_row *row);

/* Reads up to `size` bytes into buf: the count, 0 at the end, or -1 on an error. */
typedef long (*care__csv_read_fn)(void *handle, char *buf, size_t size);

/* Where a syntax error is, and why. */
typedef struct care__csv_error {
	long line, column;
	const char *reason;
} care__csv_error;

/*
 * Read a whole file through `read` and hand each row to `row`. 0; CARE_ESYNTAX (err says
 * where); CARE_EIO when read fails; CARE_ENOMEM; or what `row` returned.
 */
int care_csv__read(care__csv_read_fn read, void *handle, care__csv_row_fn row, void *data,
                   care__csv_error *err);

#endif
