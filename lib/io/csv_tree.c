/*
 * A CSV record's rows as the JSON tree its record has in a dataset file, and its issues
 * placed at the file, line and column of their cell (csv_load.h).
 */
#include <stdlib.h>
#include <string.h>

#include "io/csv_load.h"
#include "util/alloc.h"
#include "dataset/dataset.h"

typedef care__csvld csvld;
typedef care__srow srow;
typedef care__table table;

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

void care_csvtree__put(care_issues *list, size_t i, const csvld *x, int file_list, long line,
                       long col)
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
	care_csvtree__put(list, i, x, CARE__CSV_DATASET, line,
	                  line ? x->col[CARE__CSV_DATASET][1] + 1 : 0);
}

void care_csvtree__place(care__loader *ld, care_kind kind, size_t index, care_issues *list,
                         size_t first)
{
	csvld *x = ld->source;
	int main_list = care_csvtab__list_of_kind(kind), c;
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
			care_csvtree__put(list, i, x, main_list, row->line, 0);
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
				care_csvtree__put(list, i, x, c, child->line,
				                  sub ? column_of(x, c, sub + 1, strlen(sub + 1))
				                      : 0);
			else
				care_csvtree__put(list, i, x, main_list, row->line, 0);
			break;
		}
		if (c == CARE__CSV_LISTS)
			care_csvtree__put(list, i, x, main_list, row->line,
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

cJSON *care_csvtree__tree(care__loader *ld, care_kind kind, size_t index)
{
	csvld *x = ld->source;
	int list = care_csvtab__list_of_kind(kind), c, rc = 0;
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
int care_csvtree__reject(care__loader *ld, care_kind kind, size_t index, const cJSON *t)
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
