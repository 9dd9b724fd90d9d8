/*
 * The CSV form's files and columns (csv_table.h), as docs/csv.md lists them.
 */
#include <string.h>

#include "io/csv_table.h"

#define T CARE__CELL_TEXT
#define N CARE__CELL_NUMBER
#define B CARE__CELL_BOOL
#define D CARE__CELL_DATE
#define L CARE__CELL_LIST

static const care__csv_list lists[CARE__CSV_LISTS] = {
    {"dataset", "dataset.csv", CARE_KIND_DATASET, -1, NULL, 2, {{"key", T, 1}, {"value", T, 1}}},
    {"units",
     "units.csv",
     CARE_KIND_UNIT,
     -1,
     NULL,
     3,
     {{"id", T, 1}, {"name", T, 1}, {"parent", T, 0}}},
    {"roles",
     "roles.csv",
     CARE_KIND_ROLE,
     -1,
     NULL,
     5,
     {{"id", T, 1},
      {"title", T, 1},
      {"staff_group", T, 1},
      {"patient_facing", B, 1},
      {"clinical", B, 1}}},
    {"requirements",
     "requirements.csv",
     CARE_KIND_ROLE,
     CARE__CSV_ROLES,
     "requirements",
     5,
     {{"role", T, 1},
      {"competency", T, 1},
      {"due_within_days", N, 1},
      {"from", D, 0},
      {"to", D, 0}}},
    {"modules",
     "modules.csv",
     CARE_KIND_MODULE,
     -1,
     NULL,
     10,
     {{"id", T, 1},
      {"title", T, 1},
      {"competency", T, 0},
      {"validity_months", N, 1},
      {"delivery", T, 1},
      {"duration_minutes", N, 0},
      {"pass_mark", N, 0},
      {"cost_pence", N, 0},
      {"provider", T, 0},
      {"xapi_activity", T, 0}}},
    {"staff",
     "staff.csv",
     CARE_KIND_STAFF,
     -1,
     NULL,
     4,
     {{"id", T, 1}, {"name", T, 0}, {"started_on", D, 1}, {"left_on", D, 0}}},
    {"assignments",
     "assignments.csv",
     CARE_KIND_STAFF,
     CARE__CSV_STAFF,
     "assignments",
     6,
     {{"staff", T, 1},
      {"role", T, 1},
      {"unit", T, 1},
      {"from", D, 1},
      {"to", D, 0},
      {"manager", T, 0}}},
    {"exemptions",
     "exemptions.csv",
     CARE_KIND_STAFF,
     CARE__CSV_STAFF,
     "exemptions",
     5,
     {{"staff", T, 1}, {"competency", T, 1}, {"from", D, 1}, {"to", D, 0}, {"reason", T, 1}}},
    {"completions",
     "completions.csv",
     CARE_KIND_COMPLETION,
     -1,
     NULL,
     7,
     {{"id", T, 0},
      {"staff", T, 1},
      {"module", T, 1},
      {"completed_on", D, 1},
      {"outcome", T, 1},
      {"score", N, 0},
      {"source", T, 0}}},
    {"interactions",
     "interactions.csv",
     CARE_KIND_INTERACTION,
     -1,
     NULL,
     10,
     {{"id", T, 1},
      {"staff", T, 1},
      {"at", T, 1},
      {"channel", T, 1},
      {"kind", T, 1},
      {"outcome", T, 1},
      {"duration_seconds", N, 0},
      {"appointment_ref", T, 0},
      {"patient_ref", T, 0},
      {"specialty", T, 0}}},
    {"complaints",
     "complaints.csv",
     CARE_KIND_COMPLAINT,
     -1,
     NULL,
     8,
     {{"id", T, 1},
      {"received_on", D, 1},
      {"acknowledged_on", D, 0},
      {"closed_on", D, 0},
      {"subjects", L, 1},
      {"outcome", T, 0},
      {"staff", L, 0},
      {"interaction", T, 0}}},
};

const care__csv_list *care_csvtab__list(int i)
{
	return i >= 0 && i < CARE__CSV_LISTS ? &lists[i] : NULL;
}

int care_csvtab__find(const char *name)
{
	int i;

	for (i = 0; i < CARE__CSV_LISTS; i++)
		if (strcmp(lists[i].name, name) == 0)
			return i;
	return -1;
}

int care_csvtab__column(const care__csv_list *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->column_count; i++)
		if (strcmp(l->columns[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

int care_csvtab__is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (digit(*s))
		while (digit(*s))
			s++;
	else
		return 0;
	if (*s == '.') {
		if (!digit(*++s))
			return 0;
		while (digit(*s))
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!digit(*s))
			return 0;
		while (digit(*s))
			s++;
	}
	return *s == '\0';
}

/*
 * A date written in `format` (DD, MM and YYYY with literal characters between, as
 * "DD/MM/YYYY") as YYYY-MM-DD; 0 when the text does not follow the format.
 */
static int reformat_date(char out[11], const char *text, const char *format)
{
	char y[5] = "", m[3] = "", d[3] = "";

	while (*format) {
		if (strncmp(format, "YYYY", 4) == 0 || strncmp(format, "MM", 2) == 0 ||
		    strncmp(format, "DD", 2) == 0) {
			size_t n = format[0] == 'Y' ? 4 : 2, i;
			char *to = format[0] == 'Y' ? y : format[0] == 'M' ? m : d;
			for (i = 0; i < n; i++)
				if (!digit(text[i]))
					return 0;
			memcpy(to, text, n);
			to[n] = '\0';
			text += n;
			format += n;
		} else if (*text++ != *format++) {
			return 0;
		}
	}
	if (*text != '\0' || !y[0] || !m[0] || !d[0])
		return 0;
	memcpy(out, y, 4);
	out[4] = '-';
	memcpy(out + 5, m, 2);
	out[7] = '-';
	memcpy(out + 8, d, 2);
	out[10] = '\0';
	return 1;
}

const char *care_csvtab__map(const care__csv_map_list *m, const care__csv_list *l, size_t column,
                             const char *cell, char date[11])
{
	size_t i;

	if (m == NULL || cell == NULL)
		return cell;
	for (i = 0; i < m->value_count[column]; i++)
		if (strcmp(m->values[column][i].from, cell) == 0) {
			cell = m->values[column][i].to;
			break;
		}
	if (cell && m->date_format && l->columns[column].type == CARE__CELL_DATE &&
	    reformat_date(date, cell, m->date_format))
		return date;
	return cell;
}

int care_csvtab__list_of_kind(care_kind kind)
{
	int i;

	for (i = 0; i < CARE__CSV_LISTS; i++)
		if (care_csvtab__list(i)->kind == kind && care_csvtab__list(i)->parent < 0)
			return i;
	return -1;
}
