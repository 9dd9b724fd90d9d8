/*
 * The column mapping file (docs/csv.md#mapping): per list, its file, its date format, the
 * export's header for each column, and values to read differently.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "io/csv_table.h"
#include "io/json_scan.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"

void care_csv_mapping_free(care_csv_mapping *mapping)
{
	size_t m, j, k;

	if (mapping == NULL)
		return;
	for (m = 0; m < CARE__CSV_LISTS; m++) {
		care__csv_map_list *l = &mapping->lists[m];
		care__free(l->file);
		care__free(l->date_format);
		for (j = 0; j < CARE__CSV_COLUMNS; j++) {
			care__free(l->header[j]);
			for (k = 0; k < l->value_count[j]; k++) {
				care__free(l->values[j][k].from);
				care__free(l->values[j][k].to);
			}
			care__free(l->values[j]);
		}
	}
	care__free(mapping);
}

static int bad(const char *what, const char *name)
{
	return care__error(CARE_EFORMAT, "mapping: %s%s%s", what, name ? " " : "",
	                   name ? name : "");
}

static int copy(char **out, const char *s)
{
	*out = care__strdup(s);
	return *out ? 0 : care__error(CARE_ENOMEM, "out of memory");
}

/* DD, MM and YYYY once each, with anything but letters between. */
static int valid_format(const char *f)
{
	int d = 0, m = 0, y = 0;

	while (*f) {
		if (strncmp(f, "YYYY", 4) == 0) {
			y++;
			f += 4;
		} else if (strncmp(f, "MM", 2) == 0) {
			m++;
			f += 2;
		} else if (strncmp(f, "DD", 2) == 0) {
			d++;
			f += 2;
		} else if ((*f >= 'A' && *f <= 'Z') || (*f >= 'a' && *f <= 'z')) {
			return 0;
		} else {
			f++;
		}
	}
	return d == 1 && m == 1 && y == 1;
}

static int read_values(care__csv_map_list *l, const care__csv_list *list, const cJSON *values)
{
	const cJSON *field, *v;
	int j, rc;

	if (!cJSON_IsObject(values))
		return bad("\"values\" must be an object of", list->name);
	cJSON_ArrayForEach(field, values)
	{
		size_t n = 0;
		j = care_csvtab__column(list, field->string);
		if (j < 0)
			return bad("\"values\" names a column the list does not have:",
			           field->string);
		if (!cJSON_IsObject(field))
			return bad("a value map must be an object:", field->string);
		if (l->values[j] != NULL)
			continue;
		l->values[j] =
		    care__calloc((size_t)cJSON_GetArraySize(field) + 1, sizeof *l->values[j]);
		if (l->values[j] == NULL)
			return care__error(CARE_ENOMEM, "out of memory");
		cJSON_ArrayForEach(v, field)
		{
			if (!cJSON_IsString(v) && !cJSON_IsNull(v))
				return bad("a value must map to a string or null:", v->string);
			if ((rc = copy(&l->values[j][n].from, v->string)) != 0)
				return rc;
			l->value_count[j] = ++n;
			if (cJSON_IsString(v) &&
			    (rc = copy(&l->values[j][n - 1].to, v->valuestring)))
				return rc;
		}
	}
	return 0;
}

static int read_list(care__csv_map_list *l, const care__csv_list *list, const cJSON *obj)
{
	const cJSON *m;
	int rc = 0, j;

	if (!cJSON_IsObject(obj))
		return bad("each list must be an object:", list->name);
	cJSON_ArrayForEach(m, obj)
	{
		if (strcmp(m->string, "file") == 0) {
			if (!cJSON_IsString(m) || !*m->valuestring || strchr(m->valuestring, '/'))
				return bad("\"file\" must be a file name in the folder, in",
				           list->name);
			rc = l->file ? 0 : copy(&l->file, m->valuestring);
		} else if (strcmp(m->string, "date_format") == 0) {
			if (!cJSON_IsString(m) || !valid_format(m->valuestring))
				return bad(
				    "\"date_format\" must hold DD, MM and YYYY once each, in",
				    list->name);
			rc = l->date_format ? 0 : copy(&l->date_format, m->valuestring);
		} else if (strcmp(m->string, "columns") == 0) {
			const cJSON *c;
			if (!cJSON_IsObject(m))
				return bad("\"columns\" must be an object, in", list->name);
			cJSON_ArrayForEach(c, m)
			{
				j = care_csvtab__column(list, c->string);
				if (j < 0)
					return bad(
					    "\"columns\" names a column the list does not have:",
					    c->string);
				if (!cJSON_IsString(c) || !*c->valuestring)
					return bad("a column's header must be a string:",
					           c->string);
				if (l->header[j] == NULL &&
				    (rc = copy(&l->header[j], c->valuestring)))
					return rc;
			}
		} else if (strcmp(m->string, "values") == 0) {
			rc = read_values(l, list, m);
		} else {
			return bad("unknown member", m->string);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

int care_csv_mapping_parse(care_csv_mapping **out, const char *json, size_t len)
{
	care_csv_mapping *map;
	cJSON *doc;
	const cJSON *f, *v, *lists, *l;
	int rc = 0;

	if (out == NULL || (json == NULL && len > 0))
		return care__error(CARE_EINVAL, "care_csv_mapping_parse: bad argument");
	*out = NULL;
	doc = cJSON_ParseWithLength(json ? json : "", len);
	if (doc == NULL) {
		/* Not JSON, or out of memory: the strict scanner tells which. */
		care__json_doc scan = {0};
		long line = 0, column = 0;
		const char *reason = NULL;
		int src = care_json__scan(&scan, json ? json : "", len, &line, &column, &reason);
		care_json__doc_free(&scan);
		if (src == CARE_ESYNTAX)
			return care__error(CARE_EFORMAT, "mapping: line %ld, column %ld: %s", line,
			                   column, reason ? reason : "not JSON");
		return care__error(CARE_ENOMEM, "out of memory");
	}
	f = cJSON_GetObjectItemCaseSensitive(doc, "format");
	v = cJSON_GetObjectItemCaseSensitive(doc, "version");
	lists = cJSON_GetObjectItemCaseSensitive(doc, "lists");
	if (!cJSON_IsString(f) || strcmp(f->valuestring, "libcare-csv-mapping") != 0) {
		cJSON_Delete(doc);
		return bad("\"format\" must be \"libcare-csv-mapping\"", NULL);
	}
	if (!cJSON_IsNumber(v) || v->valuedouble != 1.0) {
		cJSON_Delete(doc);
		return bad("\"version\" must be 1", NULL);
	}
	if (!cJSON_IsObject(lists)) {
		cJSON_Delete(doc);
		return bad("\"lists\" must be an object", NULL);
	}
	map = care__calloc(1, sizeof *map);
	if (map == NULL) {
		cJSON_Delete(doc);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	cJSON_ArrayForEach(l, lists)
	{
		int m = care_csvtab__find(l->string);
		if (m < 0) {
			rc = bad("unknown list", l->string);
			break;
		}
		if ((rc = read_list(&map->lists[m], care_csvtab__list(m), l)) != 0)
			break;
	}
	cJSON_Delete(doc);
	if (rc != 0) {
		care_csv_mapping_free(map);
		return rc;
	}
	*out = map;
	return 0;
}

int care_csv_mapping_load(care_csv_mapping **out, const char *path)
{
	char *text;
	size_t len;
	int rc;

	if (out == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_csv_mapping_load: bad argument");
	*out = NULL;
	if ((rc = care_file__read(&text, &len, path, CARE_LOAD_MAX_BYTES)) != 0)
		return rc;
	rc = care_csv_mapping_parse(out, text, len);
	care__free(text);
	return rc;
}
