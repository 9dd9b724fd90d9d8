/*
 * The CSV loader's state (private), shared by csv_load.c, which reads the files, and
 * csv_tree.c, which makes a record's rows into its JSON tree and places its issues.
 */
#ifndef CARE_IO_CSV_LOAD_H
#define CARE_IO_CSV_LOAD_H

#include "io/csv_table.h"
#include "io/csv_read.h"
#include "io/load_records.h"
#include "util/arena.h"
#include "util/strtab.h"

typedef struct care__srow {
	long line;
	const char *cell[CARE__CSV_COLUMNS]; /* in the table's column order; NULL: absent */
	uint32_t next;                       /* the owner's next row of this list */
} care__srow;

typedef struct care__table {
	care__srow *rows;
	size_t count, cap;
	uint32_t *first, *last; /* of a list of owned rows: per owner row, CARE__NO when none */
	size_t first_cap, last_cap;
} care__table;

typedef struct care__csvld {
	care__loader ld;
	const char *folder; /* or files: */
	const care_csv_file *files;
	size_t file_count;
	const care_csv_mapping *mapping;
	care__arena arena;
	const char *file[CARE__CSV_LISTS]; /* each list's file name */
	int col[CARE__CSV_LISTS][CARE__CSV_COLUMNS];
	int read[CARE__CSV_LISTS];  /* its file has been read */
	int feeds[CARE__CSV_LISTS]; /* the file being read feeds this list */
	int reading;                /* the first list the file being read feeds */
	int header_done;            /* of the file being read */
	care__table t[CARE__CSV_LISTS];
	care__intern owners[CARE__CSV_LISTS]; /* of ROLES and STAFF: id -> first row */
	uint32_t *owner_row[CARE__CSV_LISTS];
	size_t owner_cap[CARE__CSV_LISTS];
	care__srow current; /* a streamed record's row */
	size_t streamed[CARE__CSV_LISTS];
	cJSON *org, *extracted_on, *days;
	long key_line[4]; /* dataset.csv rows: ods_code, name, extracted_on, first day */
	uint32_t *day_lines;
	size_t day_count, day_cap;
	int files_found;
	int rc;
	care__csv_error err;
} care__csvld;

/* The loader's callbacks (load_records.h): a record's tree, and its issues placed. */
cJSON *care_csvtree__tree(care__loader *ld, care_kind kind, size_t index);
void care_csvtree__place(care__loader *ld, care_kind kind, size_t index, care_issues *list,
                         size_t first);
/* Keep a rejected record as the JSON of its rows (care_dataset_rejected()). */
int care_csvtree__reject(care__loader *ld, care_kind kind, size_t index, const cJSON *t);
/* Place issue i of list in the file of list `file_list`, at line and column. */
void care_csvtree__put(care_issues *list, size_t i, const care__csvld *x, int file_list, long line,
                       long col);

#endif
