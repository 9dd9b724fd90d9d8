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

#include "io/csv_load.h"
#include "io/csv_read.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "dataset/ids.h"

typedef care__csvld csvld;
typedef care__srow srow;
typedef care__table table;

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
			if (row->cells[i] && row->cells[j] &&
			    strcmp(row->cells[i], row->cells[j]) == 0)
				return format_error(x, x->reading, row->cells[i], (long)i + 1,
				                    "%s names the column %s twice");
	for (m = 0; m < CARE__CSV_LISTS; m++) {
		const care__csv_list *l = care_csvtab__list(m);
		const care__csv_map_list *map = x->mapping ? &x->mapping->lists[m] : NULL;
		if (!x->feeds[m])
			continue;
		for (j = 0; j < l->column_count; j++) {
			const char *want =
			    map && map->header[j] ? map->header[j] : l->columns[j].name;
			x->col[m][j] = -1;
			for (i = 0; i < row->count; i++)
				if (row->cells[i] && strcmp(row->cells[i], want) == 0)
					x->col[m][j] = (int)i;
			if (x->col[m][j] >= 0)
				continue;
			if (map && map->header[j])
				return format_error(
				    x, m, want, 0, "%s lacks the column %s that the mapping names");
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
static int take_row(csvld *x, int m, const care__csv_row *in, srow *out, char dates[][11], int keep)
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
		if (cell && keep &&
		    (cell = care_arena__strndup(&x->arena, cell, strlen(cell))) == NULL)
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
		care_csvtree__put(x->ld.issues, n, x, m, row->line, x->col[m][0] + 1);
		return 0;
	}
	slot = care_intern__find(&x->owners[p], row->cell[0]);
	if (slot == CARE__NO) {
		care_issues__add(x->ld.issues, CARE_ISSUE_DANGLING_REF, care_csvtab__list(p)->kind,
		                 row->cell[0], -1, l->columns[0].name, 0, 0, "there is no %s '%s'",
		                 care_csvtab__list(p)->name, row->cell[0]);
		care_csvtree__put(x->ld.issues, n, x, m, row->line, x->col[m][0] + 1);
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
		care_issues__add(x->ld.issues, CARE_ISSUE_UNKNOWN_FIELD, CARE_KIND_DATASET, NULL,
		                 -1, field, 0, 0, "unknown setting %s (ignored)", field);
		care_csvtree__put(x->ld.issues, n, x, CARE__CSV_DATASET, row->line,
		                  x->col[CARE__CSV_DATASET][0] + 1);
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
		int keep =
		    m != CARE__CSV_DATASET && m != CARE__CSV_MODULES && m < CARE__CSV_COMPLETIONS;
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
			/* Shared with its owned rows, a person's later rows are more assignments.
			 */
			if (row.cell[0] && x->feeds[CARE__CSV_ASSIGNMENTS] &&
			    m == CARE__CSV_STAFF &&
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
		f = care_file__open_regular(path);
		care__free(path);
		if (f == NULL)
			return errno == ENOENT ? 0
			       : errno == EFTYPE_NOT_REGULAR
			           ? care__error(CARE_EIO, "%s/%s: not a regular file", x->folder,
			                         name)
			           : care__error(CARE_EIO, "%s/%s: %s", x->folder, name,
			                         strerror(errno));
		x->files_found = 1;
		rc = care_csv__read(read_file, f, on_row, x, &x->err);
		fclose(f);
	} else {
		memfile mf = {NULL, 0, 0};
		for (n = 0; n < x->file_count && strcmp(base_name(x->files[n].name), name) != 0;
		     n++)
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
		const care_issue *is =
		    care_issues_get(x->ld.issues, care_issues_count(x->ld.issues) - 1);
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
		care_csvtree__place(&x->ld, CARE_KIND_DATASET, 0, x->ld.issues, first);
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
	x->ld.tree = care_csvtree__tree;
	x->ld.reject = care_csvtree__reject;
	x->ld.place = care_csvtree__place;
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
