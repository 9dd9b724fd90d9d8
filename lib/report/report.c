/*
 * The report object: options, the table of report kinds, and the public
 * functions of metrics.h, each of which asks the report's kind.
 */
#include <stddef.h>
#include <string.h>

#include "dataset/ids.h"
#include "report/groups.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/buf.h"

static const care__report_ops *const kinds[CARE_REPORT_KIND_COUNT] = {
    [CARE_REPORT_COMPLIANCE] = &care_compliance__ops, [CARE_REPORT_TREND] = &care_trend__ops,
    [CARE_REPORT_STAFF] = &care_staff__ops,           [CARE_REPORT_OUTCOMES] = &care_outcomes__ops,
    [CARE_REPORT_COMPLAINTS] = &care_complaints__ops, [CARE_REPORT_FORECAST] = &care_forecast__ops,
};

const care__report_ops *care_report__ops(care_report_kind kind)
{
	return kinds[kind];
}

int care_report_options_init(care_report_options *opts, unsigned int version)
{
	static const care_report_options defaults = CARE_REPORT_OPTIONS_INIT;

	if (opts == NULL || version < 1 || version > CARE_REPORT_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "care_report_options_init: bad argument");
	/* A version 1 struct ends before `manager`: write no further. */
	memcpy(opts, &defaults,
	       version == 1 ? offsetof(care_report_options, manager) : sizeof *opts);
	opts->version = version;
	return 0;
}

/* ---- options ---- */

static int valid_date(care_date d)
{
	return d >= CARE_DATE_MIN && d <= CARE_DATE_MAX;
}

static int check_options(care__engine *e, care_report_kind kind, const care_dataset *ds,
                         const care_report_options *o)
{
	e->unit_filter = e->role_filter = e->competency_filter = e->manager_filter = CARE__NO;
	if (o->version < 1 || o->version > CARE_REPORT_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "unsupported care_report_options version %u",
		                   o->version);
	if (o->min_cell < 0 || o->due_soon_days < 0 || o->threads < 0)
		return care__error(CARE_EINVAL, "min_cell, due_soon_days and threads must be >= 0");
	if ((unsigned)o->group_by >= CARE_GROUP_BY_COUNT)
		return care__error(CARE_EINVAL, "unknown grouping %d", (int)o->group_by);
	if (o->staff_group != CARE_NONE &&
	    (o->staff_group < 0 || o->staff_group >= CARE_STAFF_GROUP_COUNT))
		return care__error(CARE_EINVAL, "unknown staff group %d", o->staff_group);
	if (kinds[kind]->needs & CARE__NEEDS_AS_OF) {
		if (!valid_date(o->as_of))
			return care__error(CARE_EINVAL,
			                   "as_of must be a date from 1900-01-01 to 2199-12-31");
	}
	if (kinds[kind]->needs & CARE__NEEDS_PERIOD) {
		if (!valid_date(o->from) || !valid_date(o->to))
			return care__error(
			    CARE_EINVAL, "from and to must be dates from 1900-01-01 to 2199-12-31");
		if (o->from > o->to)
			return care__error(CARE_EINVAL, "from is after to");
	}
	if (kind == CARE_REPORT_FORECAST) {
		if (!valid_date(o->target) || o->target <= o->as_of)
			return care__error(CARE_EINVAL,
			                   "the target date must be after the as-of date");
		if (o->target_percent != CARE_NONE &&
		    (o->target_percent < 0 || o->target_percent > 100))
			return care__error(CARE_EINVAL, "target_percent must be from 0 to 100");
	}
	if (kind == CARE_REPORT_STAFF && o->status != CARE_NONE &&
	    (o->status < 0 || o->status >= CARE_STATUS_COUNT ||
	     o->status == CARE_STATUS_NOT_REQUIRED))
		return care__error(CARE_EINVAL, "unknown status %d", o->status);
	if (kind == CARE_REPORT_OUTCOMES && (o->competency == NULL || !*o->competency))
		return care__error(CARE_EINVAL, "the outcomes report needs a competency");
	if (o->unit) {
		e->unit_filter = care_ids__find(ds, CARE_KIND_UNIT, o->unit);
		if (e->unit_filter == CARE__NO)
			return care__error(CARE_ENOTFOUND, "there is no unit '%.64s'", o->unit);
	}
	if (o->role) {
		e->role_filter = care_ids__find(ds, CARE_KIND_ROLE, o->role);
		if (e->role_filter == CARE__NO)
			return care__error(CARE_ENOTFOUND, "there is no role '%.64s'", o->role);
	}
	if (o->all_reports && o->manager == NULL)
		return care__error(CARE_EINVAL, "all_reports needs a manager");
	if (o->manager) {
		e->manager_filter = care_ids__find(ds, CARE_KIND_STAFF, o->manager);
		if (e->manager_filter == CARE__NO)
			return care__error(CARE_ENOTFOUND, "there is no staff member '%.64s'",
			                   o->manager);
	}
	if (o->competency) {
		/* Known when an accepted role requires it or a module awards it. */
		uint32_t c = care_intern__find(&ds->competencies, o->competency);
		if (c == CARE__NO || !ds->index->competency_used[c])
			return care__error(CARE_ENOTFOUND,
			                   "no role requires and no module awards the competency "
			                   "'%.64s'",
			                   o->competency);
		if (kinds[kind]->needs & CARE__USES_POPULATION)
			e->competency_filter = c;
	}
	return 0;
}

static int copy_options(care_report *r, const care_report_options *o)
{
	r->opts = *o;
	r->opts.unit = care_report__copy(r, o->unit);
	r->opts.role = care_report__copy(r, o->role);
	r->opts.competency = care_report__copy(r, o->competency);
	r->opts.manager = care_report__copy(r, o->manager);
	if ((o->unit && !r->opts.unit) || (o->role && !r->opts.role) ||
	    (o->competency && !r->opts.competency) || (o->manager && !r->opts.manager))
		return CARE_ENOMEM;
	return 0;
}

/*
 * The caller's options as the current version: a version 1 struct ends
 * before `manager`, so only its own fields are read; the rest keep their
 * defaults.
 */
static int upgrade_options(care_report_options *out, const care_report_options *o)
{
	static const care_report_options defaults = CARE_REPORT_OPTIONS_INIT;

	if (o->version < 1 || o->version > CARE_REPORT_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "unsupported care_report_options version %u",
		                   o->version);
	*out = defaults;
	memcpy(out, o, o->version == 1 ? offsetof(care_report_options, manager) : sizeof *out);
	return 0;
}

/* ---- new / free ---- */

int care_report_new(care_report **out, care_report_kind kind, const care_dataset *ds,
                    const care_report_options *opts)
{
	care_report_options defaults = CARE_REPORT_OPTIONS_INIT;
	care__engine e;
	care_report *r;
	int rc;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_report_new: out is NULL");
	*out = NULL;
	if (ds == NULL || (unsigned)kind >= CARE_REPORT_KIND_COUNT)
		return care__error(CARE_EINVAL, "care_report_new: bad argument");
	if (!ds->sealed || ds->index == NULL)
		return care__error(CARE_EINVAL,
		                   "the dataset is not sealed (call care_dataset_seal)");
	if (opts != NULL && (rc = upgrade_options(&defaults, opts)) != 0)
		return rc;
	opts = &defaults;
	memset(&e, 0, sizeof e);
	if ((rc = check_options(&e, kind, ds, opts)) != 0)
		return rc;
	e.ds = ds;
	r = care__calloc(1, sizeof *r);
	if (r == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	r->kind = kind;
	r->ops = kinds[kind];
	rc = copy_options(r, opts);
	r->ods_code = care_report__copy(r, ds->ods_code);
	r->org_name = care_report__copy(r, ds->name);
	if ((ds->ods_code && !r->ods_code) || (ds->name && !r->org_name))
		rc = CARE_ENOMEM;
	if (rc == 0)
		rc = r->ops->compute(r, &e);
	care_engine__free(&e);
	if (rc == 0)
		rc = r->ops->finish(r);
	if (rc == 0 && opts->progress)
		opts->progress(opts->progress_data, 1.0);
	if (rc != 0) {
		care_report_free(r);
		return care__error(rc, "%s", rc == CARE_ENOMEM ? "out of memory" : "report failed");
	}
	*out = r;
	return 0;
}

void care_report_free(care_report *r)
{
	if (r == NULL)
		return;
	care_groups__free(r->groups, r->group_count);
	care__free(r->totals.rows);
	care__free(r->group_view);
	care__free(r->row_view);
	care__free(r->staff_rows);
	care__free(r->staff_strings);
	care__free(r->close_days);
	care__free(r->forecast_rows);
	care_arena__free(&r->arena);
	care__free(r);
}

const char *care_report_ods_code(const care_report *r)
{
	return r && !r->multi_org ? r->ods_code : NULL;
}

care_report_kind care_report_get_kind(const care_report *r)
{
	return r ? r->kind : CARE_REPORT_COMPLIANCE;
}

/* ---- access ---- */

size_t care_report_group_count(const care_report *r)
{
	if (r == NULL || (r->kind != CARE_REPORT_COMPLIANCE && r->kind != CARE_REPORT_TREND))
		return 0;
	return r->group_count;
}

const care_compliance_group *care_report_group(const care_report *r, size_t index)
{
	if (index >= care_report_group_count(r))
		return NULL;
	return &r->group_view[index];
}

const care_compliance_group *care_report_totals(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_COMPLIANCE) ? &r->totals_view : NULL;
}

size_t care_report_row_count(const care_report *r)
{
	if (r == NULL)
		return 0;
	if (r->kind == CARE_REPORT_STAFF)
		return r->staff_row_count;
	if (r->kind == CARE_REPORT_FORECAST)
		return r->forecast_row_count;
	return 0;
}

const care_staff_row *care_report_staff_row(const care_report *r, size_t index)
{
	if (r == NULL || r->kind != CARE_REPORT_STAFF || index >= r->staff_row_count)
		return NULL;
	return &r->staff_rows[index];
}

const care_forecast_row *care_report_forecast_row(const care_report *r, size_t index)
{
	if (r == NULL || r->kind != CARE_REPORT_FORECAST || index >= r->forecast_row_count)
		return NULL;
	return &r->forecast_rows[index];
}

int64_t care_report_total_cost_pence(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_FORECAST) ? r->total_cost_pence : -1;
}

int64_t care_report_total_cost_for_target_pence(const care_report *r)
{
	return r && r->kind == CARE_REPORT_FORECAST ? r->total_cost_for_target_pence : -1;
}

const care_outcomes *care_report_outcomes(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_OUTCOMES) ? &r->outcomes_view : NULL;
}

const care_complaints *care_report_complaints(const care_report *r)
{
	return (r && r->kind == CARE_REPORT_COMPLAINTS) ? &r->complaints_view : NULL;
}

/* ---- merge ---- */

static int same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int same_options(const care_report *a, const care_report *b)
{
	const care_report_options *x = &a->opts, *y = &b->opts;

	return a->kind == b->kind && x->as_of == y->as_of && x->from == y->from && x->to == y->to &&
	       x->group_by == y->group_by && same_text(x->unit, y->unit) &&
	       same_text(x->role, y->role) && x->staff_group == y->staff_group &&
	       x->patient_facing == y->patient_facing && x->due_soon_days == y->due_soon_days &&
	       x->min_cell == y->min_cell && same_text(x->competency, y->competency) &&
	       x->status == y->status && x->target == y->target &&
	       x->target_percent == y->target_percent && same_text(x->manager, y->manager) &&
	       x->all_reports == y->all_reports;
}

int care_report_merge(care_report *into, const care_report *from)
{
	int rc, crosses;

	if (into == NULL || from == NULL || into == from)
		return care__error(CARE_EINVAL, "care_report_merge: bad argument");
	if (!same_options(into, from))
		return care__error(CARE_EINVAL,
		                   "reports of different kinds or options cannot be merged");
	/* The kind's merge qualifies trust-local keys when the organisations differ. */
	crosses = care_report__crosses(into, from);
	rc = into->ops->merge(into, from);
	if (rc != CARE_EINVAL && crosses) {
		into->multi_org = 1;
		into->ods_code = into->org_name = NULL;
	}
	if (rc == CARE_EINVAL)
		return care__error(CARE_EINVAL,
		                   "reports of different kinds or options cannot be merged");
	if (rc == 0)
		rc = into->ops->finish(into);
	return rc ? care__error(rc, "out of memory merging reports") : 0;
}

/* ---- output ---- */

int care_report_to_json(char **out, const care_report *r)
{
	care__buf b = {0};

	if (out == NULL || r == NULL)
		return care__error(CARE_EINVAL, "care_report_to_json: bad argument");
	*out = NULL;
	r->ops->to_json(&b, r);
	return care_buf__finish(&b, out, NULL);
}

int care_report_to_csv(char **out, const care_report *r)
{
	care__buf b = {0};

	if (out == NULL || r == NULL)
		return care__error(CARE_EINVAL, "care_report_to_csv: bad argument");
	*out = NULL;
	if (r->ops->to_csv == NULL)
		return care__error(CARE_EINVAL, "this report has no CSV form");
	r->ops->to_csv(&b, r);
	return care_buf__finish(&b, out, NULL);
}
