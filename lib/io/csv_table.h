/*
 * The CSV form's table of files and columns, and the column mapping (private): one entry per
 * file, in the order files are read, each with its columns in the order they are written.
 */
#ifndef CARE_IO_CSV_TABLE_H
#define CARE_IO_CSV_TABLE_H

#include "care.h"

enum {
	CARE__CSV_DATASET,
	CARE__CSV_UNITS,
	CARE__CSV_ROLES,
	CARE__CSV_REQUIREMENTS,
	CARE__CSV_MODULES,
	CARE__CSV_STAFF,
	CARE__CSV_ASSIGNMENTS,
	CARE__CSV_EXEMPTIONS,
	CARE__CSV_COMPLETIONS,
	CARE__CSV_INTERACTIONS,
	CARE__CSV_COMPLAINTS,
	CARE__CSV_LISTS
};

#define CARE__CSV_COLUMNS 10 /* at most, per file */

enum { CARE__CELL_TEXT, CARE__CELL_NUMBER, CARE__CELL_BOOL, CARE__CELL_DATE, CARE__CELL_LIST };

typedef struct care__csv_column {
	const char *name;
	unsigned char type;     /* CARE__CELL_* */
	unsigned char required; /* a header without it is a format error */
} care__csv_column;

typedef struct care__csv_list {
	const char *name;   /* "staff": the list's name in a mapping */
	const char *file;   /* "staff.csv" */
	care_kind kind;     /* of its records' issues */
	int parent;         /* the list whose records own its rows, or -1 */
	const char *member; /* the member of the owner's record: "assignments" */
	size_t column_count;
	care__csv_column columns[CARE__CSV_COLUMNS];
} care__csv_list;

/* The list of index i (CARE__CSV_*). */
const care__csv_list *care_csvtab__list(int i);
/* The list (file) whose records are of `kind` (not a list of owned rows), or -1. */
int care_csvtab__list_of_kind(care_kind kind);
/* The index of a list by its name ("staff"), or -1. */
int care_csvtab__find(const char *name);
/* The index of column `name` in list l, or -1. */
int care_csvtab__column(const care__csv_list *l, const char *name);
/* 1 when text is a JSON number as written in a dataset file (nothing around it). */
int care_csvtab__is_number(const char *text);

/* ---- the column mapping (docs/csv.md#mapping) ---- */

typedef struct care__csv_value {
	char *from, *to; /* to NULL: the cell becomes absent */
} care__csv_value;

typedef struct care__csv_map_list {
	char *file;                      /* NULL: the list's own file name */
	char *date_format;               /* NULL: YYYY-MM-DD */
	char *header[CARE__CSV_COLUMNS]; /* NULL: the column's own name */
	care__csv_value *values[CARE__CSV_COLUMNS];
	size_t value_count[CARE__CSV_COLUMNS];
} care__csv_map_list;

struct care_csv_mapping {
	care__csv_map_list lists[CARE__CSV_LISTS];
};

/*
 * The cell as the mapping reads it: a value map, then for a date column the date format.
 * Returns the text to use (NULL: absent), which may be `date` (11 bytes) or the mapping's.
 */
const char *care_csvtab__map(const care__csv_map_list *m, const care__csv_list *l, size_t column,
                             const char *cell, char date[11]);

#endif
