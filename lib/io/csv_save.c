/*
 * Writing the CSV form of a dataset, and the rejects of a load as CSV (docs/csv.md#writing).
 *
 * Each record is written through its canonical JSON (save.c), read back as a tree and laid
 * out as rows, so the CSV form holds exactly what the dataset file holds; rejected records
 * are kept as JSON too and take the same way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "io/csv_table.h"
#include "io/save.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/json_write.h"
#include "dataset/dataset.h"

typedef struct csvw {
	care__buf out[CARE__CSV_LISTS];
	int issues_column;
} csvw;

static void cell_text(care__buf *b, const char *s)
{
	const char *p;

	if (*s == '\0' || strpbrk(s, ",\"\r\n") != NULL) {
		care_buf__puts(b, "\"");
		while ((p = strchr(s, '"')) != NULL) {
			care_buf__append(b, s, (size_t)(p - s) + 1);
			care_buf__puts(b, "\"");
			s = p + 1;
		}
		care_buf__puts(b, s);
		care_buf__puts(b, "\"");
	} else {
		care_buf__puts(b, s);
	}
}

static void cell_value(care__buf *b, const cJSON *v)
{
	care__buf t = {0};
	char *text = NULL;
	const cJSON *item;

	if (v == NULL || cJSON_IsNull(v))
		return;
	if (cJSON_IsString(v)) {
		cell_text(b, v->valuestring);
		return;
	}
	if (cJSON_IsBool(v)) {
		care_buf__puts(b, cJSON_IsTrue(v) ? "true" : "false");
		return;
	}
	if (cJSON_IsNumber(v)) {
		care_json__number(b, v->valuedouble);
		return;
	}
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(item, v)
		{
			if (item != v->child)
				care_buf__puts(&t, ";");
			if (cJSON_IsString(item))
				care_buf__puts(&t, item->valuestring);
		}
		if (t.len > 0 && care_buf__finish(&t, &text, NULL) == 0)
			cell_text(b, text);
		care__free(text);
		care_buf__free(&t);
		return;
	}
	/* An object where a cell belongs (a rejected record as written): its JSON. */
	text = cJSON_PrintUnformatted(v);
	if (text)
		cell_text(b, text);
	else
		b->failed = 1;
	cJSON_free(text);
}

static void header(csvw *w, int m)
{
	const care__csv_list *l = care_csvtab__list(m);
	size_t j;

	for (j = 0; j < l->column_count; j++)
		care_buf__printf(&w->out[m], "%s%s", j ? "," : "", l->columns[j].name);
	care_buf__puts(&w->out[m], w->issues_column ? ",issues\r\n" : "\r\n");
}

/* The issues cell of a row: the issues given, one per line. */
static void issues_cell(care__buf *b, const care_issue *const *is, size_t n)
{
	care__buf t = {0};
	char *text = NULL;
	size_t i;

	care_buf__puts(b, ",");
	for (i = 0; i < n; i++)
		care_buf__printf(&t, "%s%s %s%s%s: %s", i ? "\n" : "",
		                 is[i]->severity == CARE_SEVERITY_ERROR ? "error" : "warning",
		                 care_issue_code_name(is[i]->code), is[i]->field ? " " : "",
		                 is[i]->field ? is[i]->field : "", is[i]->message);
	if (n && care_buf__finish(&t, &text, NULL) == 0)
		cell_text(b, text);
	else if (n)
		b->failed = 1;
	care__free(text);
	care_buf__free(&t);
}

/* 1 when the issue's field lies under member[k] ("assignments[2].from" under assignments 2). */
static int under(const char *field, const char *member, size_t k)
{
	size_t n = strlen(member);

	return field && strncmp(field, member, n) == 0 && field[n] == '[' &&
	       strtoul(field + n + 1, NULL, 10) == k;
}

/*
 * The rows of one record (its tree), in its own list's file and in the files of the rows it
 * owns. `is` holds the record's issues when rejects are written.
 */
static int record_rows(csvw *w, int m, const cJSON *rec, const care_issue **is, size_t n,
                       const care_issue **scratch)
{
	const care__csv_list *l = care_csvtab__list(m);
	int c;
	size_t j, k, s;

	for (j = 0; j < l->column_count; j++) {
		if (j)
			care_buf__puts(&w->out[m], ",");
		cell_value(&w->out[m], cJSON_GetObjectItemCaseSensitive(rec, l->columns[j].name));
	}
	if (w->issues_column) {
		for (k = 0, s = 0; k < n; k++) {
			int child = 0;
			for (c = 0; c < CARE__CSV_LISTS && !child; c++)
				child = care_csvtab__list(c)->parent == m &&
				        strncmp(is[k]->field ? is[k]->field : "",
				                care_csvtab__list(c)->member,
				                strlen(care_csvtab__list(c)->member)) == 0 &&
				        cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(
				            rec, care_csvtab__list(c)->member));
			if (!child)
				scratch[s++] = is[k];
		}
		issues_cell(&w->out[m], scratch, s);
	}
	care_buf__puts(&w->out[m], "\r\n");
	for (c = 0; c < CARE__CSV_LISTS; c++) {
		const care__csv_list *cl = care_csvtab__list(c);
		const cJSON *list, *item;
		if (cl->parent != m)
			continue;
		list = cJSON_GetObjectItemCaseSensitive(rec, cl->member);
		k = 0;
		cJSON_ArrayForEach(item, (cJSON_IsArray(list) ? list : NULL))
		{
			cell_value(&w->out[c], cJSON_GetObjectItemCaseSensitive(rec, "id"));
			for (j = 1; j < cl->column_count; j++) {
				care_buf__puts(&w->out[c], ",");
				cell_value(&w->out[c], cJSON_GetObjectItemCaseSensitive(
				                           item, cl->columns[j].name));
			}
			if (w->issues_column) {
				for (j = 0, s = 0; j < n; j++)
					if (under(is[j]->field, cl->member, k))
						scratch[s++] = is[j];
				issues_cell(&w->out[c], scratch, s);
			}
			care_buf__puts(&w->out[c], "\r\n");
			k++;
		}
	}
	return w->out[m].failed ? CARE_ENOMEM : 0;
}

static void settings(csvw *w, const care_dataset *ds)
{
	care__buf *b = &w->out[CARE__CSV_DATASET];
	char d[11];
	size_t i;

	if (ds->ods_code) {
		care_buf__puts(b, "ods_code,");
		cell_text(b, ds->ods_code);
		care_buf__puts(b, "\r\n");
	}
	if (ds->name) {
		care_buf__puts(b, "name,");
		cell_text(b, ds->name);
		care_buf__puts(b, "\r\n");
	}
	if (ds->extracted_on != CARE_DATE_NONE)
		care_buf__printf(b, "extracted_on,%s\r\n", care_date_format(d, ds->extracted_on));
	for (i = 0; i < ds->non_working_day_count; i++)
		care_buf__printf(b, "extra_non_working_day,%s\r\n",
		                 care_date_format(d, ds->non_working_days[i]));
}

/* Write every file of w into folder, and release them. */
static int write_files(csvw *w, const char *folder)
{
	int m, rc = 0;

	if (mkdir(folder, 0777) != 0 && errno != EEXIST)
		rc = care__error(CARE_EIO, "%s: %s", folder, strerror(errno));
	for (m = 0; m < CARE__CSV_LISTS; m++) {
		char *text = NULL, *path = NULL;
		size_t len = 0, plen = strlen(folder) + strlen(care_csvtab__list(m)->file) + 2;
		if (care_buf__finish(&w->out[m], &text, &len) != 0 && rc == 0)
			rc = care__error(CARE_ENOMEM, "out of memory");
		if (rc == 0 && (path = care__malloc(plen)) == NULL)
			rc = care__error(CARE_ENOMEM, "out of memory");
		if (rc == 0) {
			snprintf(path, plen, "%s/%s", folder, care_csvtab__list(m)->file);
			rc = care_file__write_atomic(path, text, len);
		}
		care__free(path);
		care__free(text);
		care_buf__free(&w->out[m]);
	}
	return rc;
}

static void release(csvw *w)
{
	int m;

	for (m = 0; m < CARE__CSV_LISTS; m++)
		care_buf__free(&w->out[m]);
}

int care_dataset_save_csv(const care_dataset *ds, const char *folder)
{
	csvw w;
	care__buf json = {0};
	int m, rc = 0;
	size_t i;

	if (ds == NULL || folder == NULL)
		return care__error(CARE_EINVAL, "care_dataset_save_csv: bad argument");
	memset(&w, 0, sizeof w);
	for (m = 0; m < CARE__CSV_LISTS; m++)
		header(&w, m);
	settings(&w, ds);
	for (m = CARE__CSV_UNITS; m < CARE__CSV_LISTS && rc == 0; m++) {
		care_kind kind = care_csvtab__list(m)->kind;
		if (care_csvtab__list(m)->parent >= 0)
			continue;
		for (i = 0; i < care_dataset_count(ds, kind) && rc == 0; i++) {
			cJSON *rec;
			json.len = 0;
			care_save__record(&json, ds, kind, i);
			care_buf__append(&json, "", 1);
			rec = json.failed ? NULL : cJSON_Parse(json.data);
			rc = rec ? record_rows(&w, m, rec, NULL, 0, NULL) : CARE_ENOMEM;
			cJSON_Delete(rec);
		}
	}
	care_buf__free(&json);
	if (rc != 0) {
		release(&w);
		return care__error(rc, "care_dataset_save_csv: out of memory");
	}
	return write_files(&w, folder);
}

static int by_index(const void *a, const void *b)
{
	const care_issue *x = *(const care_issue *const *)a, *y = *(const care_issue *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

int care_dataset_save_rejects_csv(const care_dataset *ds, const care_issues *issues,
                                  const char *folder)
{
	csvw w;
	const care_issue **mine = NULL, **scratch = NULL;
	size_t n = care_issues_count(issues), i, k;
	int m, rc = 0;

	if (ds == NULL || folder == NULL)
		return care__error(CARE_EINVAL, "care_dataset_save_rejects_csv: bad argument");
	memset(&w, 0, sizeof w);
	w.issues_column = 1;
	mine = care__calloc(n + 1, sizeof *mine);
	scratch = care__calloc(n + 1, sizeof *scratch);
	if (mine == NULL || scratch == NULL)
		rc = CARE_ENOMEM;
	for (m = 0; m < CARE__CSV_LISTS; m++)
		header(&w, m);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT && rc == 0; k++) {
		/* Rejected records are kept in list order and each has an error of its own:
		 * the j-th rejected record is the j-th index with an error of its kind. */
		size_t count = 0, distinct = 0, at = 0, j;
		for (i = 0; i < n; i++) {
			const care_issue *is = care_issues_get(issues, i);
			if (is->kind == (care_kind)k && is->index >= 0)
				mine[count++] = is;
		}
		qsort(mine, count, sizeof *mine, by_index);
		for (i = 0; i < count; i++)
			distinct += mine[i]->severity == CARE_SEVERITY_ERROR &&
			            (i == 0 || mine[i]->index != mine[i - 1]->index ||
			             mine[i - 1]->severity != CARE_SEVERITY_ERROR);
		for (j = 0; j < ds->rejected_count[k] && rc == 0; j++) {
			cJSON *rec =
			    cJSON_ParseWithLength(ds->rejected[k][j].text, ds->rejected[k][j].len);
			size_t first = at, end;
			if (rec == NULL) {
				rc = CARE_ENOMEM;
				break;
			}
			/* The issues of the next index that has an error. */
			while (first < count && distinct >= ds->rejected_count[k]) {
				size_t e = first;
				int error = 0;
				while (e < count && mine[e]->index == mine[first]->index)
					error |= mine[e++]->severity == CARE_SEVERITY_ERROR;
				if (error)
					break;
				first = e;
			}
			end = first;
			while (end < count && mine[end]->index == mine[first]->index)
				end++;
			at = end;
			if (distinct < ds->rejected_count[k])
				first = end =
				    0; /* not the issues of this load: leave the column empty */
			rc = record_rows(&w, care_csvtab__list_of_kind((care_kind)k), rec,
			                 mine + first, end - first, scratch);
			cJSON_Delete(rec);
		}
	}
	care__free(mine);
	care__free(scratch);
	if (rc != 0) {
		release(&w);
		return care__error(rc, "care_dataset_save_rejects_csv: out of memory");
	}
	return write_files(&w, folder);
}
