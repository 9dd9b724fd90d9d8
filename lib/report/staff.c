/*
 * The staff list: one row per requirement pair of the population, with its
 * status and dates, the list a manager works through (docs/reports.md).
 */
#include <stdlib.h>
#include <string.h>

#include "report/format.h"
#include "report/report.h"
#include "report/population.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

/* Staff list rows in order of staff id, then competency. */
typedef struct staff_sort {
	const char *staff, *competency;
	size_t item;
} staff_sort;

static int staff_sort_cmp(const void *a, const void *b)
{
	const staff_sort *x = a, *y = b;
	int c = strcmp(x->staff, y->staff);

	return c ? c : strcmp(x->competency, y->competency);
}

static int text_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int build(care_report *r, const care__engine *e)
{
	const care_dataset *ds = e->ds;
	const care__tally *t = &e->total;
	size_t i, k, at = 0;
	staff_sort *order;

	order = care__malloc((t->item_count ? t->item_count : 1) * sizeof *order);
	r->staff_rows = care__calloc(t->item_count ? t->item_count : 1, sizeof *r->staff_rows);
	r->staff_strings = care__malloc((t->ref_count ? t->ref_count : 1) * sizeof(char *));
	if (order == NULL || r->staff_rows == NULL || r->staff_strings == NULL) {
		care__free(order);
		return CARE_ENOMEM;
	}
	for (i = 0; i < t->item_count; i++)
		order[i] = (staff_sort){ds->staff[t->items[i].staff].id,
		                        ds->competencies.text[t->items[i].pair.competency], i};
	qsort(order, t->item_count, sizeof *order, staff_sort_cmp);
	for (i = 0; i < t->item_count; i++) {
		const care__staff_item *it = &t->items[order[i].item];
		care_staff_row *row = &r->staff_rows[i];
		const char **units = r->staff_strings + at;
		row->staff = care_report__copy(r, order[i].staff);
		row->competency = care_report__copy(r, order[i].competency);
		row->status = (care_status)it->pair.status;
		row->expiring = it->pair.expiring;
		row->expires_on =
		    it->pair.status == CARE_STATUS_COMPLIANT ? it->pair.expires_on : CARE_DATE_NONE;
		row->grace_end =
		    it->pair.status == CARE_STATUS_NOT_DUE ? it->pair.grace_end : CARE_DATE_NONE;
		row->overdue_since = it->pair.status == CARE_STATUS_OVERDUE ? it->pair.overdue_since
		                                                            : CARE_DATE_NONE;
		for (k = 0; k < it->unit_count; k++)
			r->staff_strings[at++] =
			    care_report__copy(r, ds->units[t->refs[it->first_ref + k]].id);
		for (k = 0; k < it->role_count; k++)
			r->staff_strings[at++] = care_report__copy(
			    r, ds->roles[t->refs[it->first_ref + it->unit_count + k]].id);
		for (k = 0; k < it->manager_count; k++)
			r->staff_strings[at++] = care_report__copy(
			    r,
			    ds->staff[t->refs[it->first_ref + it->unit_count + it->role_count + k]]
			        .id);
		for (k = 0; k < it->unit_count + it->role_count + it->manager_count; k++)
			if (units[k] == NULL) {
				care__free(order);
				r->staff_row_count = i;
				return CARE_ENOMEM;
			}
		qsort(units, it->unit_count, sizeof *units, text_cmp);
		qsort(units + it->unit_count, it->role_count, sizeof *units, text_cmp);
		qsort(units + it->unit_count + it->role_count, it->manager_count, sizeof *units,
		      text_cmp);
		row->units = units;
		row->unit_count = it->unit_count;
		row->roles = units + it->unit_count;
		row->role_count = it->role_count;
		row->managers = units + it->unit_count + it->role_count;
		row->manager_count = it->manager_count;
		row->name = care_report__copy(r, ds->staff[it->staff].name);
		if (row->staff == NULL || row->competency == NULL ||
		    (ds->staff[it->staff].name && row->name == NULL)) {
			care__free(order);
			r->staff_row_count = i;
			return CARE_ENOMEM;
		}
	}
	r->staff_row_count = t->item_count;
	care__free(order);
	return 0;
}

static int compute(care_report *r, care__engine *e)
{
	uint32_t *order;
	int rc = care_population__run(r, e, NULL, 0, 0, &order);

	if (rc == 0)
		rc = build(r, e);
	care__free(order);
	return rc;
}

static int finish(care_report *r)
{
	(void)r;
	return 0;
}

static int staff_row_cmp(const void *a, const void *b)
{
	const care_staff_row *x = a, *y = b;
	int c = strcmp(x->staff, y->staff);

	return c ? c : strcmp(x->competency, y->competency);
}

/*
 * A string of a row being merged into `into`: its own (kept, or qualified
 * when the merge crosses organisations), or from's (copied, or qualified).
 */
static const char *take(care_report *into, const char *s, int own, int qualify, const char *ods)
{
	if (qualify)
		return care_qualify__id(into, ods, s);
	return own ? s : care_report__copy(into, s);
}

static int merge(care_report *into, const care_report *from)
{
	size_t n = into->staff_row_count, m = from->staff_row_count, refs = 0, i, k, at = 0;
	int crosses = care_report__crosses(into, from);
	int q_into = crosses && !into->multi_org, q_from = crosses && !from->multi_org;
	care_staff_row *rows;
	const char **strings;

	for (i = 0; i < n + m; i++) {
		const care_staff_row *row = i < n ? &into->staff_rows[i] : &from->staff_rows[i - n];
		refs += row->unit_count + row->role_count + row->manager_count;
	}
	rows = care__calloc(n + m + 1, sizeof *rows);
	strings = care__malloc((refs + 1) * sizeof *strings);
	if (rows == NULL || strings == NULL) {
		care__free(rows);
		care__free(strings);
		return CARE_ENOMEM;
	}
	for (i = 0; i < n + m; i++) {
		const care_staff_row *src = i < n ? &into->staff_rows[i] : &from->staff_rows[i - n];
		int own = i < n, q = own ? q_into : q_from;
		const char *ods = own ? into->ods_code : from->ods_code;
		rows[i] = *src;
		rows[i].staff = take(into, src->staff, own, q, ods);
		if (!own) {
			rows[i].competency = care_report__copy(into, src->competency);
			rows[i].name = care_report__copy(into, src->name);
			if (src->name && rows[i].name == NULL)
				rows[i].staff = NULL; /* out of memory: caught below */
		}
		for (k = 0; k < src->unit_count + src->role_count + src->manager_count; k++) {
			const char *s = k < src->unit_count ? src->units[k]
			                : k < src->unit_count + src->role_count
			                    ? src->roles[k - src->unit_count]
			                    : src->managers[k - src->unit_count - src->role_count];
			strings[at + k] = take(into, s, own, q, ods);
			if (strings[at + k] == NULL) {
				rows[i].staff = NULL;
				break;
			}
		}
		if (rows[i].staff == NULL || rows[i].competency == NULL) {
			care__free(rows);
			care__free(strings);
			return CARE_ENOMEM;
		}
		rows[i].units = strings + at;
		rows[i].roles = strings + at + src->unit_count;
		rows[i].managers = strings + at + src->unit_count + src->role_count;
		at += src->unit_count + src->role_count + src->manager_count;
	}
	qsort(rows, n + m, sizeof *rows, staff_row_cmp);
	care__free(into->staff_rows);
	care__free(into->staff_strings);
	into->staff_rows = rows;
	into->staff_strings = strings;
	into->staff_row_count = n + m;
	return 0;
}

static void to_json(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "{\"report\":\"staff\",\"as_of\":");
	care_format__json_date(b, r->opts.as_of);
	care_buf__puts(b, ",");
	care_format__json_filters(b, &r->opts);
	care_buf__printf(b, ",\"status\":");
	care_json__text(
	    b, r->opts.status == CARE_NONE ? NULL : care_status_name((care_status)r->opts.status));
	care_buf__printf(b, ",\"due_soon_days\":%d,\"rows\":[", r->opts.due_soon_days);
	for (i = 0; i < r->staff_row_count; i++) {
		const care_staff_row *row = &r->staff_rows[i];
		care_buf__puts(b, i ? ",{\"staff\":" : "{\"staff\":");
		care_json__text(b, row->staff);
		care_buf__puts(b, ",\"name\":");
		care_json__text(b, row->name);
		care_buf__puts(b, ",\"competency\":");
		care_json__text(b, row->competency);
		care_buf__printf(b, ",\"status\":\"%s\",\"expiring\":%s,\"expires_on\":",
		                 care_status_name(row->status), row->expiring ? "true" : "false");
		care_format__json_date(b, row->expires_on);
		care_buf__puts(b, ",\"grace_end\":");
		care_format__json_date(b, row->grace_end);
		care_buf__puts(b, ",\"overdue_since\":");
		care_format__json_date(b, row->overdue_since);
		care_buf__puts(b, ",\"units\":");
		care_json__list(b, row->units, row->unit_count);
		care_buf__puts(b, ",\"roles\":");
		care_json__list(b, row->roles, row->role_count);
		care_buf__puts(b, ",\"managers\":");
		care_json__list(b, row->managers, row->manager_count);
		care_buf__puts(b, "}");
	}
	care_buf__puts(b, "]}");
}

static void to_csv(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "staff,name,competency,status,expiring,expires_on,grace_end,"
	                  "overdue_since,units,roles,managers\r\n");
	for (i = 0; i < r->staff_row_count; i++) {
		const care_staff_row *row = &r->staff_rows[i];
		care_format__csv_text(b, row->staff);
		care_buf__puts(b, ",");
		care_format__csv_text(b, row->name);
		care_buf__puts(b, ",");
		care_format__csv_text(b, row->competency);
		care_buf__printf(b, ",%s,%s,", care_status_name(row->status),
		                 row->expiring ? "true" : "false");
		care_format__csv_date(b, row->expires_on);
		care_buf__puts(b, ",");
		care_format__csv_date(b, row->grace_end);
		care_buf__puts(b, ",");
		care_format__csv_date(b, row->overdue_since);
		/* Units and roles: one field each, ids joined by ';'. */
		care_buf__puts(b, ",");
		care_format__csv_list(b, row->units, row->unit_count);
		care_buf__puts(b, ",");
		care_format__csv_list(b, row->roles, row->role_count);
		care_buf__puts(b, ",");
		care_format__csv_list(b, row->managers, row->manager_count);
		care_buf__puts(b, "\r\n");
	}
}

const care__report_ops care_staff__ops = {
    "staff", CARE__NEEDS_AS_OF | CARE__USES_POPULATION, compute, finish, merge, to_json, to_csv};
