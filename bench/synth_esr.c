/*
 * An ESR-style extract of a dataset (examples/esr/): the CSV form of the dataset, but with
 * staff and their assignments in one file of one row per assignment, learning records and a
 * training matrix as an HR system and an LMS export them, under their own headers, with
 * dates written DD/MM/YYYY and Y/N and status words for the values. examples/esr/mapping.json
 * reads it back to the same dataset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "synth.h"

static void cell(FILE *f, const char *s, int first)
{
	if (!first)
		fputc(',', f);
	if (s == NULL)
		return;
	if (*s == '\0' || strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
}

static const char *text(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A date YYYY-MM-DD as DD/MM/YYYY (buf holds 11 bytes). */
static const char *uk_date(char *buf, const char *iso)
{
	if (iso == NULL || strlen(iso) != 10)
		return iso;
	snprintf(buf, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return buf;
}

static const char *number(char *buf, const cJSON *v)
{
	if (!cJSON_IsNumber(v))
		return NULL;
	snprintf(buf, 32, "%.17g", v->valuedouble);
	if (v->valuedouble == (double)(long long)v->valuedouble) {
		snprintf(buf, 32, "%lld", (long long)v->valuedouble);
		return buf;
	}
	/* The shortest form that reads back exactly, as the library writes it. */
	for (int p = 1; p <= 17; p++) {
		char t[32];
		snprintf(t, sizeof t, "%.*g", p, v->valuedouble);
		if (strtod(t, NULL) == v->valuedouble) {
			memcpy(buf, t, strlen(t) + 1);
			break;
		}
	}
	return buf;
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return fopen(path, "wb");
}

static void remove_in(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	remove(path);
}

static void staff_file(FILE *f, const cJSON *staff)
{
	const cJSON *s, *a;
	char d1[11], d2[11], d3[11], d4[11];

	fputs("Employee Number,Full Name,Hire Date,Termination Date,Position,Organisation,"
	      "Assignment Start Date,Assignment End Date,Supervisor Employee Number\r\n",
	      f);
	cJSON_ArrayForEach(s, staff)
	{
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(s, "assignments");
		int none = cJSON_GetArraySize(list) == 0;
		/* One row per assignment; a person without one has a row of their own. */
		for (a = none ? NULL : list->child; none || a; a = a ? a->next : NULL) {
			cell(f, text(s, "id"), 1);
			cell(f, text(s, "name"), 0);
			cell(f, uk_date(d1, text(s, "started_on")), 0);
			cell(f, uk_date(d2, text(s, "left_on")), 0);
			cell(f, a ? text(a, "role") : NULL, 0);
			cell(f, a ? text(a, "unit") : NULL, 0);
			cell(f, a ? uk_date(d3, text(a, "from")) : NULL, 0);
			cell(f, a ? uk_date(d4, text(a, "to")) : NULL, 0);
			cell(f, a ? text(a, "manager") : NULL, 0);
			fputs("\r\n", f);
			none = 0;
		}
	}
}

static void learning_file(FILE *f, const cJSON *completions)
{
	static const char *const words[][2] = {
	    {"completed", "Completed"}, {"passed", "Passed"}, {"failed", "Failed"}};
	const cJSON *c;
	char d[11], n[32];

	fputs("Learning Record ID,Employee Number,Course Code,Completion Date,Status,Score,"
	      "Source\r\n",
	      f);
	cJSON_ArrayForEach(c, completions)
	{
		const char *outcome = text(c, "outcome");
		for (size_t i = 0; i < 3; i++)
			if (outcome && strcmp(outcome, words[i][0]) == 0)
				outcome = words[i][1];
		char made[37];
		const char *id = text(c, "id");
		/* A generated id is left out, as an export has none: the load makes it again. */
		if (care_completion_make_id(made, text(c, "staff"), text(c, "module"),
		                            text(c, "completed_on"), text(c, "outcome")) == 0 &&
		    id && strcmp(made, id) == 0)
			id = NULL;
		cell(f, id, 1);
		cell(f, text(c, "staff"), 0);
		cell(f, text(c, "module"), 0);
		cell(f, uk_date(d, text(c, "completed_on")), 0);
		cell(f, outcome, 0);
		cell(f, number(n, cJSON_GetObjectItemCaseSensitive(c, "score")), 0);
		cell(f, text(c, "source"), 0);
		fputs("\r\n", f);
	}
}

static void matrix_and_roles(FILE *m, FILE *r, const cJSON *roles)
{
	const cJSON *role, *q;
	char d1[11], d2[11], n[32];

	fputs("Position,Competence,Days To Comply,Effective From,Effective To\r\n", m);
	fputs("id,title,staff_group,Patient Facing,Clinical\r\n", r);
	cJSON_ArrayForEach(role, roles)
	{
		cell(r, text(role, "id"), 1);
		cell(r, text(role, "title"), 0);
		cell(r, text(role, "staff_group"), 0);
		cell(r,
		     cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(role, "patient_facing")) ? "Y"
		                                                                            : "N",
		     0);
		cell(r,
		     cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(role, "clinical")) ? "Y" : "N",
		     0);
		fputs("\r\n", r);
		cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(role, "requirements"))
		{
			cell(m, text(role, "id"), 1);
			cell(m, text(q, "competency"), 0);
			cell(m, number(n, cJSON_GetObjectItemCaseSensitive(q, "due_within_days")),
			     0);
			cell(m, uk_date(d1, text(q, "from")), 0);
			cell(m, uk_date(d2, text(q, "to")), 0);
			fputs("\r\n", m);
		}
	}
}

int synth_write_esr(const care_dataset *ds, const char *dir)
{
	char *json = NULL;
	cJSON *doc;
	FILE *files[4];
	int rc, failed = 0;

	if ((rc = care_dataset_save_csv(ds, dir)) != 0 || (rc = care_dataset_dump(&json, NULL, ds)))
		return rc;
	doc = cJSON_Parse(json);
	care_free(json);
	if (doc == NULL)
		return CARE_ENOMEM;
	remove_in(dir, "staff.csv");
	remove_in(dir, "assignments.csv");
	remove_in(dir, "completions.csv");
	remove_in(dir, "requirements.csv");
	files[0] = open_in(dir, "ESR_Staff_Assignments.csv");
	files[1] = open_in(dir, "ESR_Learning_History.csv");
	files[2] = open_in(dir, "Training_Matrix.csv");
	files[3] = open_in(dir, "roles.csv");
	for (int i = 0; i < 4; i++)
		failed |= files[i] == NULL;
	if (!failed) {
		staff_file(files[0], cJSON_GetObjectItemCaseSensitive(doc, "staff"));
		learning_file(files[1], cJSON_GetObjectItemCaseSensitive(doc, "completions"));
		matrix_and_roles(files[2], files[3],
		                 cJSON_GetObjectItemCaseSensitive(doc, "roles"));
	}
	for (int i = 0; i < 4; i++)
		if (files[i])
			failed |= fclose(files[i]) != 0;
	cJSON_Delete(doc);
	return failed ? CARE_EIO : 0;
}
