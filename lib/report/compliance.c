/*
 * The compliance report: each competency's counts of requirement pairs by
 * status on one date, in total and by group (docs/reports.md).
 */
#include <stdlib.h>
#include <string.h>

#include "report/groups.h"
#include "report/population.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/json_write.h"

static void group_key(const care_dataset *ds, care_group_by by, uint32_t g, const char **key,
                      const char **label)
{
	switch (by) {
	case CARE_GROUP_UNIT:
		*key = ds->units[g].id;
		*label = ds->units[g].name;
		break;
	case CARE_GROUP_ROLE:
		*key = ds->roles[g].id;
		*label = ds->roles[g].title;
		break;
	case CARE_GROUP_STAFF_GROUP:
		*key = *label = care_enum_name(CARE_ENUM_STAFF_GROUP, (int)g);
		break;
	case CARE_GROUP_MANAGER:
		/* The manager's name, or the id when there is none. */
		*key = ds->staff[g].id;
		*label = ds->staff[g].name ? ds->staff[g].name : ds->staff[g].id;
		break;
	default:
		*key = *label = ds->competencies.text[g];
		break;
	}
}

/* By organisation: one group, the totals, keyed by the ODS code. */
static int organisation_group(care_report *r)
{
	care__group *g;
	const char *key = r->ods_code ? r->ods_code : "";

	if (r->totals.row_count == 0)
		return 0;
	r->groups = g = care__calloc(1, sizeof *g);
	if (g == NULL)
		return CARE_ENOMEM;
	r->group_count = 1;
	g->key = care_report__copy(r, key);
	g->label = care_report__copy(r, r->org_name ? r->org_name : key);
	g->as_of = r->opts.as_of;
	if (g->key == NULL || g->label == NULL)
		return CARE_ENOMEM;
	return care_groups__merge(r, g, &r->totals); /* adds the counts and the staff */
}

static int build(care_report *r, const care__engine *e, const uint32_t *order)
{
	const care_dataset *ds = e->ds;
	size_t comps = e->competency_count, g, n = 0;
	care__named *present = NULL;
	int rc = 0;

	r->totals.as_of = r->opts.as_of;
	r->totals.staff_required = e->total.tstaff_required[0];
	r->totals.staff_compliant = e->total.tstaff_compliant[0];
	if ((rc = care_groups__fill(r, &r->totals, e->total.totals, order, ds)) != 0)
		return rc;
	if (r->opts.group_by == CARE_GROUP_ORGANISATION)
		return organisation_group(r);
	if (e->group_count == 0)
		return 0;
	present = care__malloc(e->group_count * sizeof *present);
	if (present == NULL)
		return CARE_ENOMEM;
	for (g = 0; g < e->group_count; g++) {
		size_t c;
		const char *key, *label;
		for (c = 0; c < comps && !e->total.cells[g * comps + c].n[CELL_PRESENT]; c++)
			;
		if (c == comps)
			continue;
		group_key(ds, r->opts.group_by, (uint32_t)g, &key, &label);
		present[n++] = (care__named){key, (uint32_t)g};
	}
	qsort(present, n, sizeof *present, care_groups__named_cmp);
	r->groups = care__calloc(n ? n : 1, sizeof *r->groups);
	if (r->groups == NULL) {
		care__free(present);
		return CARE_ENOMEM;
	}
	r->group_count = n;
	for (g = 0; g < n && rc == 0; g++) {
		care__group *out = &r->groups[g];
		uint32_t gi = present[g].index;
		const char *key, *label;
		group_key(ds, r->opts.group_by, gi, &key, &label);
		out->key = care_report__copy(r, key);
		out->label = care_report__copy(r, label);
		out->as_of = r->opts.as_of;
		out->staff_required = e->total.staff_required[gi];
		out->staff_compliant = e->total.staff_compliant[gi];
		if (out->key == NULL || out->label == NULL)
			rc = CARE_ENOMEM;
		else
			rc = care_groups__fill(r, out, e->total.cells + gi * comps, order, ds);
	}
	care__free(present);
	return rc;
}

static int compute(care_report *r, care__engine *e)
{
	const care_dataset *ds = e->ds;
	size_t groups;
	uint32_t *order;
	int rc;

	switch (r->opts.group_by) {
	case CARE_GROUP_UNIT:
		groups = ds->unit_count;
		break;
	case CARE_GROUP_ROLE:
		groups = ds->role_count;
		break;
	case CARE_GROUP_STAFF_GROUP:
		groups = CARE_STAFF_GROUP_COUNT;
		break;
	case CARE_GROUP_COMPETENCY:
		groups = ds->competencies.count;
		break;
	case CARE_GROUP_MANAGER:
		groups = ds->staff_count;
		break;
	default:
		groups = 0;
	}
	rc = care_population__run(r, e, NULL, 0, groups, &order);
	if (rc == 0)
		rc = build(r, e, order);
	care__free(order);
	return rc;
}

/* Units, roles and managers are the trust's own ids: qualified across organisations. */
static int local_keys(care_group_by by)
{
	return by == CARE_GROUP_UNIT || by == CARE_GROUP_ROLE || by == CARE_GROUP_MANAGER;
}

static int merge(care_report *into, const care_report *from)
{
	size_t i = 0, j = 0, k = 0, n = into->group_count, m = from->group_count;
	care__group *out;
	int rc = 0, qualify = local_keys(into->opts.group_by) && care_report__crosses(into, from);
	const char *from_ods = qualify && !from->multi_org ? from->ods_code : NULL;
	int from_qualify = qualify && !from->multi_org;
	const char *fk = NULL; /* from's key j, qualified when need be */
	size_t fk_at = (size_t)-1;

	/* Qualifying with one prefix keeps the keys in byte order. */
	if (qualify && !into->multi_org)
		for (i = 0; i < n; i++)
			if ((into->groups[i].key = care_qualify__id(into, into->ods_code,
			                                            into->groups[i].key)) == NULL)
				return CARE_ENOMEM;
	i = 0;
	if ((rc = care_groups__merge(into, &into->totals, &from->totals)) != 0)
		return rc;
	out = care__calloc(n + m + 1, sizeof *out);
	if (out == NULL)
		return CARE_ENOMEM;
	while ((i < n || j < m) && rc == 0) {
		int c;
		if (j < m && fk_at != j) {
			fk_at = j;
			fk = from_qualify ? care_qualify__id(into, from_ods, from->groups[j].key)
			                  : from->groups[j].key;
			if (fk == NULL) {
				rc = CARE_ENOMEM;
				break;
			}
		}
		c = i == n ? 1 : j == m ? -1 : strcmp(into->groups[i].key, fk);
		if (c < 0) {
			out[k++] = into->groups[i++];
		} else if (c > 0) {
			care__group *g = &out[k++];
			memset(g, 0, sizeof *g);
			g->key = from_qualify ? fk : care_report__copy(into, fk);
			g->label = care_report__copy(into, from->groups[j].label);
			g->as_of = from->groups[j].as_of;
			rc = (g->key && g->label) ? care_groups__merge(into, g, &from->groups[j])
			                          : CARE_ENOMEM;
			j++;
		} else {
			out[k] = into->groups[i++];
			rc = care_groups__merge(into, &out[k++], &from->groups[j++]);
		}
	}
	/* On a failure, keep the groups not reached yet, so none is lost. */
	while (i < n)
		out[k++] = into->groups[i++];
	care__free(into->groups);
	into->groups = out;
	into->group_count = k;
	return rc;
}

static void to_json(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "{\"report\":\"compliance\",\"as_of\":");
	care_format__json_date(b, r->opts.as_of);
	care_buf__puts(b, ",\"group_by\":");
	care_json__text(b, care_group_by_name(r->opts.group_by));
	care_buf__puts(b, ",");
	care_format__json_filters(b, &r->opts);
	care_buf__printf(b, ",\"due_soon_days\":%d,\"min_cell\":%d,\"groups\":[",
	                 r->opts.due_soon_days, r->opts.min_cell);
	for (i = 0; i < r->group_count; i++) {
		const care_compliance_group *g = &r->group_view[i];
		care_buf__puts(b, i ? ",{\"key\":" : "{\"key\":");
		care_json__text(b, g->key);
		care_buf__puts(b, ",\"label\":");
		care_json__text(b, g->label);
		care_buf__puts(b, ",");
		care_groups__json_rows(b, g);
		care_buf__puts(b, "}");
	}
	care_buf__puts(b, "],\"totals\":{");
	care_groups__json_rows(b, &r->totals_view);
	care_buf__puts(b, "}}");
}

/* Group rows, then the totals with an empty group. */
static void to_csv(care__buf *b, const care_report *r)
{
	size_t i;

	care_buf__puts(b, "group,label,");
	care_buf__puts(b, care_groups__csv_header);
	for (i = 0; i < r->group_count; i++)
		care_groups__csv_rows(b, &r->group_view[i], r->group_view[i].key,
		                      r->group_view[i].label, CARE_DATE_NONE);
	care_groups__csv_rows(b, &r->totals_view, "", "Total", CARE_DATE_NONE);
}

const care__report_ops care_compliance__ops = {
    "compliance", CARE__NEEDS_AS_OF | CARE__USES_POPULATION,
    compute,      care_groups__finish,
    merge,        to_json,
    to_csv};
