/*
 * Loading the CSV form of a dataset (docs/csv.md): files in the order of the table of
 * csv_table.c, each streamed through libcsv. Each record's rows become the JSON tree its
 * record would have in a dataset file, which then takes the loader's one record path
 * (load_records.c), so the CSV form gets the issues the dataset file gets. Units, roles and
 * staff are held as rows until their list and the rows they own are in; every other record
 * is checked and stored as its row is read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_table.h"
#include "io/csv_read.h"
#include "io/load_records.h"
#include "util/alloc.h"
#include "util/error.h"
#include "dataset/ids.h"

typedef struct srow {
	long line;
	const char *cell[CARE__CSV_COLUMNS]; /* in the table's column order; NULL: absent */
	uint32_t next;                       /* the owner's next row of this list */
} srow;

typedef struct table {
	srow *rows;
	size_t count, cap;
	uint32_t *first, *last; /* of a list of owned rows: per owner row, CARE__NO when none */
	size_t first_cap, last_cap;
} table;

typedef struct csvld {
	care__loader ld;
	const char *folder; /* or files: */
	const care_csv_file *files;
	size_t file_count;
	const care_csv_mapping *mapping;
	care__arena arena;
	const char *file[CARE__CSV_LISTS]; /* each list's file name */
	int col[CARE__CSV_LISTS][CARE__CSV_COLUMNS];
	int read[CARE__CSV_LISTS]; /* its file has been read */
	int feeds[CARE__CSV_LISTS]; /* the file being read feeds this list */
	int reading;                /* the first list the file being read feeds */
	int header_done;            /* of the file being read */
	table t[CARE__CSV_LISTS];
	care__intern owners[CARE__CSV_LISTS]; /* of ROLES and STAFF: id -> first row */
	uint32_t *owner_row[CARE__CSV_LISTS];
	size_t owner_cap[CARE__CSV_LISTS];
	srow current; /* a streamed record's row */
	size_t streamed[CARE__CSV_LISTS];
	cJSON *org, *extracted_on, *days;
	long key_line[4]; /* dataset.csv rows: ods_code, name, extracted_on, first day */
	uint32_t *day_lines;
	size_t day_count, day_cap;
	int files_found;
	int rc;
	care__csv_error err;
} csvld;

/* ---- issues in place ---- */

static long column_of(const csvld *x, int list, const char *name, size_t len)
{
	const care__csv_list *l = care_csvtab__list(list);
	size_t i;

	for (i = 0; i < l->column_count; i++)
		if (strlen(l->columns[i].name) == len && memcmp(l->columns[i].name, name, len) == 0)
			return x->col[list][i] + 1;
	return 0;
}

static void put(care_issues *list, size_t i, const csvld *x, int file_list, long line, long col)
{
	care_issues__place(list, i, x->file[file_list], line, col);
}

static const srow *record_row(const csvld *x, care_kind kind, size_t index)
{
	int list = kind == CARE_KIND_UNIT    ? CARE__CSV_UNITS
	           : kind == CARE_KIND_ROLE  ? CARE__CSV_ROLES
	           : kind == CARE_KIND_STAFF ? CARE__CSV_STAFF
	                                     : -1;

	return list < 0 ? &x->current : &x->t[list].rows[index];
}

static int list_of_kind(care_kind kind)
{
	int i;

	for (i = 0; i < CARE__CSV_LISTS; i++)
		if (care_csvtab__list(i)->kind == kind && care_csvtab__list(i)->parent < 0)
			return i;
	return -1;
}

/* The k-th row of `child` owned by row `owner` of its parent list, or NULL. */
static const srow *owned_row(const csvld *x, int child, size_t owner, size_t k)
{
	const table *t = &x->t[child];
	uint32_t r;

	if (t->first == NULL || owner >= t->first_cap)
		return NULL;
	for (r = t->first[owner]; r != CARE__NO && k > 0; k--)
		r = t->rows[r].next;
	return r == CARE__NO ? NULL : &t->rows[r];
}

static void place_dataset(csvld *x, care_issues *list, size_t i, const char *field)
{
	long line = 0;

	if (strncmp(field, "organisation.ods_code", 21) == 0)
		line = x->key_line[0];
	else if (strncmp(field, "organisation.name", 17) == 0)
		line = x->key_line[1];
	else if (strcmp(field, "extracted_on") == 0)
		line = x->key_line[2];
	else if (strncmp(field, "extra_non_working_days[", 23) == 0) {
		unsigned long k = strtoul(field + 23, NULL, 10);
		line = k < x->day_count ? x->day_lines[k] : 0;
	}
	put(list, i, x, CARE__CSV_DATASET, line, line ? x->col[CARE__CSV_DATASET][1] + 1 : 0);
}

static void place(care__loader *ld, care_kind kind, size_t index, care_issues *list, size_t first)
{
	csvld *x = ld->source;
	int main_list = list_of_kind(kind), c;
	const srow *row = record_row(x, kind, index);
	size_t i, n = care_issues_count(list);

	for (i = first; i < n; i++) {
		const char *field = care_issues_get(list, i)->field;
		const char *br;
		if (kind == CARE_KIND_DATASET) {
			place_dataset(x, list, i, field ? field : "");
			continue;
		}
		if (field == NULL) {
			put(list, i, x, main_list, row->line, 0);
			continue;
		}
		br = field + strcspn(field, "[.");
		for (c = 0; c < CARE__CSV_LISTS; c++) {
			const care__csv_list *l = care_csvtab__list(c);
			const char *sub;
			const srow *child;
			if (l->parent != main_list || strlen(l->member) != (size_t)(br - field) ||
			    memcmp(l->member, field, (size_t)(br - field)) != 0 || *br != '[')
				continue;
			child = owned_row(x, c, index, strtoul(br + 1, NULL, 10));
			sub = strchr(br, '.');
			if (child)
				put(list, i, x, c, child->line,
				    sub ? column_of(x, c, sub + 1, strlen(sub + 1)) : 0);
			else
				put(list, i, x, main_list, row->line, 0);
			break;
		}
		if (c == CARE__CSV_LISTS)
			put(list, i, x, main_list, row->line,
			    column_of(x, main_list, field, (size_t)(br - field)));
	}
}

/* ---- rows to JSON trees ---- */

static cJSON *cell_value(unsigned char type, const char *cell)
{
	if (type == CARE__CELL_NUMBER && care_csvtab__is_number(cell))
		return cJSON_CreateNumber(strtod(cell, NULL));
	if (type == CARE__CELL_BOOL && (strcmp(cell, "true") == 0 || strcmp(cell, "false") == 0))
		return cJSON_CreateBool(cell[0] == 't');
	if (type == CARE__CELL_LIST) {
		cJSON *a = cJSON_CreateArray();
		const char *s = cell;
		for (;;) {
			size_t len = strcspn(s, ";");
			char *part = care__strndup(s, len);
			cJSON *item = part ? cJSON_CreateString(part) : NULL;
			care__free(part);
			if (a == NULL || item == NULL || !cJSON_AddItemToArray(a, item)) {
				cJSON_Delete(item);
				cJSON_Delete(a);
				return NULL;
			}
			if (s[len] == '\0')
				return a;
			s += len + 1;
		}
	}
	return cJSON_CreateString(cell);
}

/* The object of a row's cells from column `from` on. 0 or CARE_ENOMEM. */
static cJSON *row_object(int list, const srow *row, size_t from)
{
	const care__csv_list *l = care_csvtab__list(list);
	cJSON *obj = cJSON_CreateObject();
	size_t i;

	for (i = from; obj && i < l->column_count; i++) {
		cJSON *v;
		if (row->cell[i] == NULL)
			continue;
		v = cell_value(l->columns[i].type, row->cell[i]);
		if (v == NULL || !cJSON_AddItemToObject(obj, l->columns[i].name, v)) {
			cJSON_Delete(v);
			cJSON_Delete(obj);
			return NULL;
		}
	}
	return obj;
}

/* Add the rows of `child` owned by row `owner` as the member list of obj. */
static int add_owned(csvld *x, cJSON *obj, int child, size_t owner, int always)
{
	const table *t = &x->t[child];
	uint32_t r = t->first && owner < t->first_cap ? t->first[owner] : CARE__NO;
	cJSON *a;

	if (r == CARE__NO && !always)
		return 0;
	a = cJSON_CreateArray();
	if (a == NULL || !cJSON_AddItemToObject(obj, care_csvtab__list(child)->member, a)) {
		cJSON_Delete(a);
		return CARE_ENOMEM;
	}
	for (; r != CARE__NO; r = t->rows[r].next) {
		cJSON *item = row_object(child, &t->rows[r], 1);
		if (item == NULL || !cJSON_AddItemToArray(a, item)) {
			cJSON_Delete(item);
			return CARE_ENOMEM;
		}
	}
	return 0;
}

static cJSON *tree(care__loader *ld, care_kind kind, size_t index)
{
	csvld *x = ld->source;
	int list = list_of_kind(kind), c, rc = 0;
	cJSON *obj = row_object(list, record_row(x, kind, index), 0);

	for (c = 0; obj && rc == 0 && c < CARE__CSV_LISTS; c++)
		if (care_csvtab__list(c)->parent == list && list >= 0)
			rc = add_owned(x, obj, c, index, c != CARE__CSV_EXEMPTIONS);
	if (rc != 0) {
		cJSON_Delete(obj);
		return NULL;
	}
	return obj;
}

/* A rejected record is kept as the JSON of its rows (care_dataset_rejected()). */
static int reject(care__loader *ld, care_kind kind, size_t index, const cJSON *t)
{
	care_dataset *ds = ld->ds;
	char *text;
	const char *kept = NULL;

	(void)index;
	if (care__grow((void **)&ds->rejected[kind], &ds->rejected_cap[kind],
	               ds->rejected_count[kind] + 1, sizeof(care__rejected)) != 0)
		return CARE_ENOMEM;
	text = t ? cJSON_PrintUnformatted(t) : NULL;
	if (text)
		kept = care_arena__strndup(&ds->arena, text, strlen(text));
	cJSON_free(text);
	if (kept == NULL)
		return CARE_ENOMEM;
	ds->rejected[kind][ds->rejected_count[kind]].text = kept;
	ds->rejected[kind][ds->rejected_count[kind]].len = strlen(kept);
	ds->rejected_count[kind]++;
	return 0;
}

/* ---- rows as they are read ---- */

static int format_error(csvld *x, int list, const char *column, long col, const char *fmt)
{
	size_t n = care_issues_count(x->ld.issues);

	care_issues__add(x->ld.issues, CARE_ISSUE_FORMAT, care_csvtab__list(list)->kind, NULL, -1,
	                 column, 1, col, fmt, x->file[list], column);
	care_issues__place(x->ld.issues, n, x->file[list], 1, col);
	return CARE_EFORMAT;
}

static int header(csvld *x, const care__csv_row *row)
{
	size_t i, j;
	int m;

	for (i = 0; i < row->count; i++)
		for (j = 0; j < i; j++)
			if (row->cells[i] && row->cells[j] && strcmp(row->cells[i], row->cells[j]) == 0)
				return format_error(x, x->reading, row->cells[i], (long)i + 1,
				                    "%s names the column %s twice");
	for (m = 0; m < CARE__CSV_LISTS; m++) {
		const care__csv_list *l = care_csvtab__list(m);
		const care__csv_map_list *map = x->mapping ? &x->mapping->lists[m] : NULL;
		if (!x->feeds[m])
			continue;
		for (j = 0; j < l->column_count; j++) {
			const char *want = map && map->header[j] ? map->header[j] : l->columns[j].name;
			x->col[m][j] = -1;
			for (i = 0; i < row->count; i++)
				if (row->cells[i] && strcmp(row->cells[i], want) == 0)
					x->col[m][j] = (int)i;
			if (x->col[m][j] >= 0)
				continue;
			if (map && map->header[j])
				return format_error(x, m, want, 0,
				                    "%s lacks the column %s that the mapping names");
			if (l->columns[j].required)
				return format_error(x, m, want, 0, "%s lacks the column %s");
		}
	}
	for (i = 0; i < row->count; i++) {
		int used = 0;
		for (m = 0; m < CARE__CSV_LISTS && !used; m++)
			for (j = 0; x->feeds[m] && j < care_csvtab__list(m)->column_count; j++)
				used |= x->col[m][j] == (int)i;
		if (!used) {
			char field[80];
			size_t n = care_issues_count(x->ld.issues);
			snprintf(field, sizeof field, "%.64s", row->cells[i] ? row->cells[i] : "");
			care_issues__add(x->ld.issues, CARE_ISSUE_UNKNOWN_FIELD,
			                 care_csvtab__list(x->reading)->kind, NULL, -1, field, 1,
			                 (long)i + 1, "unknown column %s in %s (ignored)", field,
			                 x->file[x->reading]);
			care_issues__place(x->ld.issues, n, x->file[x->reading], 1, (long)i + 1);
		}
	}
	return 0;
}

/* The row of list m from the file's cells, mapped; stored cells are copied when `keep`. */
static int take_row(csvld *x, int m, const care__csv_row *in, srow *out, char dates[][11],
                    int keep)
{
	const care__csv_list *l = care_csvtab__list(m);
	const care__csv_map_list *map = x->mapping ? &x->mapping->lists[m] : NULL;
	size_t j;

	memset(out, 0, sizeof *out);
	out->line = in->line;
	out->next = CARE__NO;
	for (j = 0; j < l->column_count; j++) {
		const char *cell = x->col[m][j] < 0 ? NULL : in->cells[x->col[m][j]];
		cell = care_csvtab__map(map, l, j, cell, dates[j]);
		if (cell && keep && (cell = care_arena__strndup(&x->arena, cell, strlen(cell))) == NULL)
			return CARE_ENOMEM;
		out->cell[j] = cell;
	}
	return 0;
}

static int store(table *t, const srow *row)
{
	if (care__grow((void **)&t->rows, &t->cap, t->count + 1, sizeof *t->rows) != 0)
		return CARE_ENOMEM;
	t->rows[t->count++] = *row;
	return 0;
}

/* Store a row of an owning list (roles, staff), and make its id known to owned rows. */
static int store_owner(csvld *x, int p, const srow *row)
{
	table *t = &x->t[p];
	uint32_t index = (uint32_t)t->count, slot;
	size_t before = x->owners[p].count;
	int c;

	if (store(t, row) != 0)
		return CARE_ENOMEM;
	for (c = 0; c < CARE__CSV_LISTS; c++) {
		table *ct = &x->t[c];
		if (care_csvtab__list(c)->parent != p)
			continue;
		if (care__grow((void **)&ct->first, &ct->first_cap, t->count, sizeof *ct->first) ||
		    care__grow((void **)&ct->last, &ct->last_cap, t->count, sizeof *ct->last))
			return CARE_ENOMEM;
		ct->first[index] = ct->last[index] = CARE__NO;
	}
	if (row->cell[0] == NULL)
		return 0;
	if (care_intern__add(&x->owners[p], &x->arena, row->cell[0], &slot) != 0 ||
	    care__grow((void **)&x->owner_row[p], &x->owner_cap[p], x->owners[p].count,
	               sizeof *x->owner_row[p]) != 0)
		return CARE_ENOMEM;
	if (x->owners[p].count > before)
		x->owner_row[p][slot] = index; /* the first record with the id owns it */
	return 0;
}

/* Give a row of list m (owned by the parent list's records) to its owner. */
static int own(csvld *x, int m, const srow *row)
{
	const care__csv_list *l = care_csvtab__list(m);
	int p = l->parent;
	table *t = &x->t[m];
	uint32_t slot, owner, r;
	size_t n = care_issues_count(x->ld.issues);

	if (row->cell[0] == NULL) {
		care_issues__add(x->ld.issues, CARE_ISSUE_REQUIRED, l->kind, NULL, -1,
		                 l->columns[0].name, 0, 0, "%s is required", l->columns[0].name);
		put(x->ld.issues, n, x, m, row->line, x->col[m][0] + 1);
		return 0;
	}
	slot = care_intern__find(&x->owners[p], row->cell[0]);
	if (slot == CARE__NO) {
		care_issues__add(x->ld.issues, CARE_ISSUE_DANGLING_REF, care_csvtab__list(p)->kind,
		                 row->cell[0], -1, l->columns[0].name, 0, 0, "there is no %s '%s'",
		                 care_csvtab__list(p)->name, row->cell[0]);
		put(x->ld.issues, n, x, m, row->line, x->col[m][0] + 1);
		return 0;
	}
	owner = x->owner_row[p][slot];
	if (store(t, row) != 0)
		return CARE_ENOMEM;
	r = (uint32_t)(t->count - 1);
	if (t->first[owner] == CARE__NO)
		t->first[owner] = r;
	else
		t->rows[t->last[owner]].next = r;
	t->last[owner] = r;
	return 0;
}

/* A row of dataset.csv: one setting. */
static int setting(csvld *x, const srow *row)
{
	static const char *const keys[] = {"ods_code", "name", "extracted_on",
	                                   "extra_non_working_day"};
	const char *key = row->cell[0] ? row->cell[0] : "", *value = row->cell[1];
	cJSON *v;
	int k;

	for (k = 0; k < 4 && strcmp(keys[k], key) != 0; k++)
		;
	if (k == 4) {
		char field[80];
		size_t n = care_issues_count(x->ld.issues);
		snprintf(field, sizeof field, "%.64s", key);
		care_issues__add(x->ld.issues, CARE_ISSUE_UNKNOWN_FIELD, CARE_KIND_DATASET, NULL, -1,
		                 field, 0, 0, "unknown setting %s (ignored)", field);
		put(x->ld.issues, n, x, CARE__CSV_DATASET, row->line, x->col[CARE__CSV_DATASET][0] + 1);
		return 0;
	}
	if (k < 3 && x->key_line[k] != 0)
		return 0; /* the first row of a setting counts, as the first of repeated keys */
	if (k < 3)
		x->key_line[k] = row->line;
	v = value ? cJSON_CreateString(value) : cJSON_CreateNull();
	if (v == NULL)
		return CARE_ENOMEM;
	if (k == 2) {
		x->extracted_on = v;
		return 0;
	}
	if (k == 3) {
		if ((x->days == NULL && (x->days = cJSON_CreateArray()) == NULL) ||
		    !cJSON_AddItemToArray(x->days, v) ||
		    care__grow((void **)&x->day_lines, &x->day_cap, x->day_count + 1,
		               sizeof *x->day_lines) != 0) {
			cJSON_Delete(v);
			return CARE_ENOMEM;
		}
		x->day_lines[x->day_count++] = (uint32_t)row->line;
		return 0;
	}
	if ((x->org == NULL && (x->org = cJSON_CreateObject()) == NULL) ||
	    !cJSON_AddItemToObject(x->org, keys[k], v)) {
		cJSON_Delete(v);
		return CARE_ENOMEM;
	}
	return 0;
}

/* 1 when the row gives list m nothing (every cell but the owner's absent). */
static int empty_part(int m, const srow *row)
{
	size_t j;

	for (j = 1; j < care_csvtab__list(m)->column_count; j++)
		if (row->cell[j])
			return 0;
	return 1;
}

static int on_row(void *data, const care__csv_row *in)
{
	csvld *x = data;
	char dates[CARE__CSV_COLUMNS][11];
	srow row;
	int m, rc = 0;

	if (!x->header_done) {
		x->header_done = 1;
		return header(x, in);
	}
	for (m = x->reading; m < CARE__CSV_LISTS && rc == 0; m++) {
		const care__csv_list *l = care_csvtab__list(m);
		int keep = m != CARE__CSV_DATASET && m != CARE__CSV_MODULES && m < CARE__CSV_COMPLETIONS;
		if (!x->feeds[m])
			continue;
		if ((rc = take_row(x, m, in, &row, dates, keep)) != 0)
			break;
		if (m == CARE__CSV_DATASET) {
			rc = setting(x, &row);
		} else if (l->parent >= 0) {
			/* One file may give a person and an assignment per row (as ESR does). */
			if (!(x->feeds[l->parent] && empty_part(m, &row)))
				rc = own(x, m, &row);
		} else if (m == CARE__CSV_UNITS) {
			rc = store(&x->t[m], &row);
		} else if (m == CARE__CSV_ROLES || m == CARE__CSV_STAFF) {
			/* Shared with its owned rows, a person's later rows are more assignments. */
			if (row.cell[0] && x->feeds[CARE__CSV_ASSIGNMENTS] && m == CARE__CSV_STAFF &&
			    care_intern__find(&x->owners[m], row.cell[0]) != CARE__NO)
				continue;
			rc = store_owner(x, m, &row);
		} else {
			x->current = row;
			rc = care_load__record(&x->ld, l->kind, x->streamed[m]++);
		}
	}
	return rc;
}

/* ---- files ---- */

typedef struct memfile {
	const char *data;
	size_t len, pos;
} memfile;

static long read_mem(void *handle, char *buf, size_t size)
{
	memfile *f = handle;
	size_t n = f->len - f->pos < size ? f->len - f->pos : size;

	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

static long read_file(void *handle, char *buf, size_t size)
{
	size_t n = fread(buf, 1, size, handle);

	return n == 0 && ferror((FILE *)handle) ? -1 : (long)n;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Read the file of list `first` and of every later list that names the same file. */
static int read_list(csvld *x, int first)
{
	const char *name = x->file[first];
	int m, rc;
	size_t n;

	for (m = 0; m < CARE__CSV_LISTS; m++) {
		x->feeds[m] = m >= first && !x->read[m] && strcmp(x->file[m], name) == 0;
		if (x->feeds[m])
			x->read[m] = 1;
	}
	x->reading = first;
	x->header_done = 0;
	if (x->folder) {
		size_t len = strlen(x->folder) + strlen(name) + 2;
		char *path = care__malloc(len);
		FILE *f;
		if (path == NULL)
			return CARE_ENOMEM;
		snprintf(path, len, "%s/%s", x->folder, name);
		f = fopen(path, "rb");
		care__free(path);
		if (f == NULL)
			return errno == ENOENT ? 0
			                       : care__error(CARE_EIO, "%s/%s: %s", x->folder, name,
			                                     strerror(errno));
		x->files_found = 1;
		rc = care_csv__read(read_file, f, on_row, x, &x->err);
		fclose(f);
	} else {
		memfile mf = {NULL, 0, 0};
		for (n = 0; n < x->file_count && strcmp(base_name(x->files[n].name), name) != 0; n++)
			;
		if (n == x->file_count)
			return 0;
		x->files_found = 1;
		mf.data = x->files[n].data;
		mf.len = x->files[n].data ? x->files[n].len : 0;
		rc = care_csv__read(read_mem, &mf, on_row, x, &x->err);
	}
	if (rc == CARE_ESYNTAX) {
		care_issues__add(x->ld.issues, CARE_ISSUE_SYNTAX, CARE_KIND_DATASET, NULL, -1, NULL,
		                 x->err.line, x->err.column, "%s: line %ld, column %ld: %s", name,
		                 x->err.line, x->err.column, x->err.reason);
		care_issues__place(x->ld.issues, care_issues_count(x->ld.issues) - 1, name,
		                   x->err.line, x->err.column);
		care__error(CARE_ESYNTAX, "%s: line %ld, column %ld: %s", name, x->err.line,
		            x->err.column, x->err.reason);
	} else if (rc == CARE_EFORMAT) {
		const care_issue *is = care_issues_get(x->ld.issues, care_issues_count(x->ld.issues) - 1);
		care__error(CARE_EFORMAT, "%s", is ? is->message : "bad header");
	} else if (rc == CARE_EIO) {
		care__error(CARE_EIO, "%s: cannot be read", name);
	}
	return rc;
}

/* What is left to do once the file of list m is in. */
static int finish_list(csvld *x, int m)
{
	size_t i, first;
	int rc = 0;

	switch (m) {
	case CARE__CSV_DATASET:
		first = care_issues_count(x->ld.issues);
		rc = care_load__header(&x->ld, x->org, x->extracted_on, x->days);
		place(&x->ld, CARE_KIND_DATASET, 0, x->ld.issues, first);
		break;
	case CARE__CSV_UNITS:
		rc = care_load__units(&x->ld, x->t[m].count);
		break;
	case CARE__CSV_REQUIREMENTS:
		for (i = 0; i < x->t[CARE__CSV_ROLES].count && rc == 0; i++)
			rc = care_load__record(&x->ld, CARE_KIND_ROLE, i);
		break;
	case CARE__CSV_EXEMPTIONS:
		if (care_dataset_reserve(x->ld.ds, CARE_KIND_STAFF, x->t[CARE__CSV_STAFF].count))
			return CARE_ENOMEM;
		for (i = 0; i < x->t[CARE__CSV_STAFF].count && rc == 0; i++)
			rc = care_load__record(&x->ld, CARE_KIND_STAFF, i);
		if (rc == 0)
			rc = care_load__managers(&x->ld);
		break;
	default:
		break;
	}
	return rc;
}

static void csvld_free(csvld *x)
{
	int m;

	care_load__done(&x->ld);
	for (m = 0; m < CARE__CSV_LISTS; m++) {
		care__free(x->t[m].rows);
		care__free(x->t[m].first);
		care__free(x->t[m].last);
		care_intern__free(&x->owners[m]);
		care__free(x->owner_row[m]);
	}
	care__free(x->day_lines);
	cJSON_Delete(x->org);
	cJSON_Delete(x->extracted_on);
	cJSON_Delete(x->days);
	care_arena__free(&x->arena);
}

static int load(care_dataset **out, care_issues **issues_out, csvld *x,
                const care_load_options *opts, const char *name)
{
	int m, rc = 0, strict = 0;

	*out = NULL;
	if (issues_out)
		*issues_out = NULL;
	if (opts != NULL) {
		if (opts->version < 1 || opts->version > CARE_LOAD_OPTIONS_VERSION)
			return care__error(CARE_EINVAL, "unsupported care_load_options version %u",
			                   opts->version);
		strict = opts->strict != 0;
	}
	x->ld.source = x;
	x->ld.tree = tree;
	x->ld.reject = reject;
	x->ld.place = place;
	for (m = 0; m < CARE__CSV_LISTS; m++) {
		const care__csv_map_list *map = x->mapping ? &x->mapping->lists[m] : NULL;
		x->file[m] = map && map->file ? map->file : care_csvtab__list(m)->file;
	}
	x->ld.issues = care_issues__new();
	if (x->ld.issues == NULL || care_dataset_new(&x->ld.ds) != 0)
		goto nomem;
	for (m = 0; m < CARE__CSV_LISTS && rc == 0; m++) {
		if (!x->read[m] && (rc = read_list(x, m)) != 0)
			break;
		rc = finish_list(x, m);
	}
	if (rc == 0 && !x->files_found) {
		care_issues__add(x->ld.issues, CARE_ISSUE_FORMAT, CARE_KIND_DATASET, NULL, -1, NULL,
		                 0, 0, "%s holds none of the CSV files of a dataset", name);
		rc = care__error(CARE_EFORMAT, "%s holds none of the CSV files of a dataset", name);
	}
	if (rc == CARE_ENOMEM || care_issues__failed(x->ld.issues))
		goto nomem;
	if (rc != 0)
		goto done;
	if (strict && care_issues_errors(x->ld.issues) > 0) {
		rc = care__error(CARE_EINVALID, "%s: %zu error%s (strict load)", name,
		                 care_issues_errors(x->ld.issues),
		                 care_issues_errors(x->ld.issues) == 1 ? "" : "s");
		goto done;
	}
	if ((rc = care_dataset_seal(x->ld.ds)) != 0)
		goto nomem;
	if (opts && opts->progress)
		opts->progress(opts->progress_data, 1.0);
	*out = x->ld.ds;
	x->ld.ds = NULL;
	goto done;
nomem:
	care_issues_free(x->ld.issues);
	x->ld.issues = NULL;
	rc = care__error(CARE_ENOMEM, "%s: out of memory", name);
done:
	care_dataset_free(x->ld.ds);
	csvld_free(x);
	if (issues_out)
		*issues_out = x->ld.issues;
	else
		care_issues_free(x->ld.issues);
	return rc;
}

int care_dataset_load_csv(care_dataset **out, care_issues **issues, const char *folder,
                          const care_csv_mapping *mapping, const care_load_options *opts)
{
	csvld x;

	if (issues)
		*issues = NULL;
	if (out == NULL || folder == NULL)
		return care__error(CARE_EINVAL, "care_dataset_load_csv: bad argument");
	memset(&x, 0, sizeof x);
	x.folder = folder;
	x.mapping = mapping;
	return load(out, issues, &x, opts, folder);
}

int care_dataset_load_csv_files(care_dataset **out, care_issues **issues,
                                const care_csv_file *files, size_t count,
                                const care_csv_mapping *mapping, const care_load_options *opts)
{
	csvld x;

	if (issues)
		*issues = NULL;
	if (out == NULL || (files == NULL && count > 0))
		return care__error(CARE_EINVAL, "care_dataset_load_csv_files: bad argument");
	memset(&x, 0, sizeof x);
	x.files = files;
	x.file_count = count;
	x.mapping = mapping;
	return load(out, issues, &x, opts, "(files)");
}
