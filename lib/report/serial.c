/*
 * Reports that travel (report): a report's compact serialised form, and
 * reading it back (docs/national.md#reports-that-travel).
 *
 * Every integer is little-endian, whatever the machine:
 *
 *   header (32 bytes)  "CARERPT" NUL, u32 format version, u32 kind,
 *                      u64 length of the body, u64 FNV-1a 64 of the body
 *   body               the options, the organisation, the kind's raw figures
 *
 * A string is a u32 length and its bytes (UTF-8, no NUL), or the length
 * 0xFFFFFFFF for none. Only raw figures travel: the view (suppression and
 * rates) is made again by the kind's finish, as after a merge. Reading
 * checks everything a report's operations rely on, so that a report read
 * back from any bytes is safe to merge, write out and free.
 */
#include <string.h>

#include "report/report.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/utf8.h"

#define MAGIC          "CARERPT" /* and its NUL: 8 bytes */
#define FORMAT_VERSION 1u
#define HEADER_SIZE    32u
#define NO_STRING      0xFFFFFFFFu
#define MAX_STRING     (1u << 20)  /* no id or name is longer */
#define MAX_COUNT      (1LL << 53) /* larger counts cannot come from any dataset */

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* ---- writing ---- */

static void put_u64(care__buf *b, uint64_t v)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	care_buf__append(b, (const char *)x, 8);
}

static void put_u32(care__buf *b, uint32_t v)
{
	unsigned char x[4];
	int i;

	for (i = 0; i < 4; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	care_buf__append(b, (const char *)x, 4);
}

static void put_i32(care__buf *b, int32_t v)
{
	put_u32(b, (uint32_t)v);
}

static void put_i64(care__buf *b, int64_t v)
{
	put_u64(b, (uint64_t)v);
}

static void put_str(care__buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(b, s ? (uint32_t)n : NO_STRING);
	if (s)
		care_buf__append(b, s, n);
}

static void put_options(care__buf *b, const care_report_options *o)
{
	put_i32(b, o->as_of);
	put_i32(b, o->from);
	put_i32(b, o->to);
	put_i32(b, (int32_t)o->group_by);
	put_i32(b, o->staff_group);
	put_i32(b, o->patient_facing);
	put_i32(b, o->due_soon_days);
	put_i32(b, o->min_cell);
	put_i32(b, o->status);
	put_i32(b, o->target);
	put_i32(b, o->target_percent);
	put_i32(b, o->all_reports);
	put_str(b, o->unit);
	put_str(b, o->role);
	put_str(b, o->competency);
	put_str(b, o->manager);
}

static void put_group(care__buf *b, const care__group *g)
{
	size_t i;

	put_str(b, g->key);
	put_str(b, g->label);
	put_i32(b, g->as_of);
	put_i64(b, g->staff_required);
	put_i64(b, g->staff_compliant);
	put_u64(b, g->row_count);
	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *row = &g->rows[i];
		put_str(b, row->competency);
		put_i64(b, row->required);
		put_i64(b, row->compliant);
		put_i64(b, row->expiring);
		put_i64(b, row->not_due);
		put_i64(b, row->overdue);
		put_i64(b, row->exempt);
	}
}

static void put_list(care__buf *b, const char *const *items, size_t n)
{
	size_t i;

	put_u32(b, (uint32_t)n);
	for (i = 0; i < n; i++)
		put_str(b, items[i]);
}

static void put_body(care__buf *b, const care_report *r)
{
	size_t i;
	int k;

	put_options(b, &r->opts);
	put_str(b, r->ods_code);
	put_str(b, r->org_name);
	put_u32(b, (uint32_t)r->multi_org);
	switch (r->kind) {
	case CARE_REPORT_COMPLIANCE:
	case CARE_REPORT_TREND:
		put_u64(b, r->group_count);
		for (i = 0; i < r->group_count; i++)
			put_group(b, &r->groups[i]);
		put_group(b, &r->totals);
		break;
	case CARE_REPORT_STAFF:
		put_u64(b, r->staff_row_count);
		for (i = 0; i < r->staff_row_count; i++) {
			const care_staff_row *row = &r->staff_rows[i];
			put_str(b, row->staff);
			put_str(b, row->competency);
			put_str(b, row->name);
			put_i32(b, (int32_t)row->status);
			put_i32(b, row->expiring);
			put_i32(b, row->expires_on);
			put_i32(b, row->grace_end);
			put_i32(b, row->overdue_since);
			put_list(b, row->units, row->unit_count);
			put_list(b, row->roles, row->role_count);
			put_list(b, row->managers, row->manager_count);
		}
		break;
	case CARE_REPORT_OUTCOMES: {
		const care_outcomes *o = &r->outcomes_raw;
		put_i64(b, o->trained.interactions);
		put_i64(b, o->trained.complaints);
		put_i64(b, o->untrained.interactions);
		put_i64(b, o->untrained.complaints);
		put_i64(b, o->unlinked_complaints);
		put_u32(b, CARE_CHANNEL_COUNT);
		for (k = 0; k < CARE_CHANNEL_COUNT; k++)
			put_i64(b, o->channels[k]);
		break;
	}
	case CARE_REPORT_COMPLAINTS: {
		const care_complaints *c = &r->complaints_raw;
		put_i64(b, c->received);
		put_i64(b, c->acknowledged_in_3_days);
		put_i64(b, c->closed);
		put_i64(b, c->over_six_months);
		put_u32(b, CARE_SUBJECT_COUNT);
		for (k = 0; k < CARE_SUBJECT_COUNT; k++)
			put_i64(b, c->by_subject[k]);
		put_u32(b, CARE_COMPLAINT_OUTCOME_COUNT + 1);
		for (k = 0; k < CARE_COMPLAINT_OUTCOME_COUNT + 1; k++)
			put_i64(b, c->by_outcome[k]);
		put_u64(b, r->close_day_count);
		for (i = 0; i < r->close_day_count; i++)
			put_i32(b, r->close_days[i]);
		break;
	}
	case CARE_REPORT_FORECAST:
		put_u64(b, r->forecast_row_count);
		for (i = 0; i < r->forecast_row_count; i++) {
			const care_forecast_row *row = &r->forecast_rows[i];
			put_str(b, row->competency);
			put_i64(b, row->required);
			put_i64(b, row->projected_compliant);
			put_i64(b, row->unit_cost_pence);
		}
		break;
	default:
		break;
	}
}

int care_report_serialize(char **out, size_t *len, const care_report *r)
{
	care__buf b = {0};
	unsigned char *h;
	size_t body, i;
	uint64_t sum;
	int rc;

	if (out == NULL || len == NULL || r == NULL)
		return care__error(CARE_EINVAL, "care_report_serialize: bad argument");
	*out = NULL;
	*len = 0;
	care_buf__append(&b, MAGIC, 8);
	put_u32(&b, FORMAT_VERSION);
	put_u32(&b, (uint32_t)r->kind);
	put_u64(&b, 0); /* the body's length and checksum, below */
	put_u64(&b, 0);
	put_body(&b, r);
	if (b.failed) {
		care_buf__free(&b);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	h = (unsigned char *)b.data;
	body = b.len - HEADER_SIZE;
	sum = fnv1a(h + HEADER_SIZE, body);
	for (i = 0; i < 8; i++) {
		h[16 + i] = (unsigned char)((uint64_t)body >> (8 * i));
		h[24 + i] = (unsigned char)(sum >> (8 * i));
	}
	rc = care_buf__finish(&b, out, len);
	return rc ? care__error(rc, "out of memory") : 0;
}

/* ---- reading ---- */

typedef struct reader {
	const unsigned char *p;
	size_t left;
	const char *why; /* the first problem, or NULL */
	care_report *r;
} reader;

static int fail(reader *rd, const char *why)
{
	if (rd->why == NULL)
		rd->why = why;
	return 0;
}

static uint64_t get_u64(reader *rd)
{
	uint64_t v = 0;
	int i;

	if (rd->why || rd->left < 8)
		return (fail(rd, "it ends early (truncated)"), 0u);
	for (i = 0; i < 8; i++)
		v |= (uint64_t)rd->p[i] << (8 * i);
	rd->p += 8;
	rd->left -= 8;
	return v;
}

static uint32_t get_u32(reader *rd)
{
	uint32_t v = 0;
	int i;

	if (rd->why || rd->left < 4)
		return (fail(rd, "it ends early (truncated)"), 0u);
	for (i = 0; i < 4; i++)
		v |= (uint32_t)rd->p[i] << (8 * i);
	rd->p += 4;
	rd->left -= 4;
	return v;
}

static int32_t get_i32(reader *rd)
{
	return (int32_t)get_u32(rd);
}

/* A count of things that each take at least `size` bytes: never more than are left. */
static size_t get_count(reader *rd, int wide, size_t size)
{
	uint64_t n = wide ? get_u64(rd) : get_u32(rd);

	if (rd->why)
		return 0;
	if (n > rd->left / size)
		return (fail(rd, "a count is larger than the data"), 0u);
	return (size_t)n;
}

/* A count of the report: 0 to 2^53. */
static int64_t get_figure(reader *rd)
{
	int64_t v = (int64_t)get_u64(rd);

	if (v < 0 || v > MAX_COUNT)
		return fail(rd, "a count is negative or too large");
	return v;
}

static int64_t get_cost(reader *rd)
{
	int64_t v = (int64_t)get_u64(rd);

	if (v != CARE_NONE && (v < 0 || v > MAX_COUNT))
		return fail(rd, "a cost is negative or too large");
	return v;
}

static const char *get_str(reader *rd, int nullable)
{
	uint32_t n = get_u32(rd);
	const char *s;

	if (rd->why)
		return NULL;
	if (n == NO_STRING) {
		if (!nullable)
			fail(rd, "a text that must be there is missing");
		return NULL;
	}
	if (n > rd->left || n > MAX_STRING) {
		fail(rd, "a text is longer than the data");
		return NULL;
	}
	if (memchr(rd->p, 0, n) || !care_utf8__valid((const char *)rd->p, n, MAX_STRING)) {
		fail(rd, "a text is not valid UTF-8");
		return NULL;
	}
	s = care_arena__strndup(&rd->r->arena, (const char *)rd->p, n);
	if (s == NULL)
		fail(rd, "out of memory");
	rd->p += n;
	rd->left -= n;
	return s;
}

static int valid_date(care_date d)
{
	return d >= CARE_DATE_MIN && d <= CARE_DATE_MAX;
}

static int date_or_none(care_date d)
{
	return d == CARE_DATE_NONE || valid_date(d);
}

/* The options, checked as care_report_new checks them (all but the ids, which need the dataset). */
static void get_options(reader *rd, care_report *r)
{
	care_report_options *o = &r->opts;
	int needs = r->ops->needs;

	care_report_options_init(o, CARE_REPORT_OPTIONS_VERSION);
	o->as_of = get_i32(rd);
	o->from = get_i32(rd);
	o->to = get_i32(rd);
	o->group_by = (care_group_by)get_i32(rd);
	o->staff_group = get_i32(rd);
	o->patient_facing = get_i32(rd);
	o->due_soon_days = get_i32(rd);
	o->min_cell = get_i32(rd);
	o->status = get_i32(rd);
	o->target = get_i32(rd);
	o->target_percent = get_i32(rd);
	o->all_reports = get_i32(rd);
	o->unit = get_str(rd, 1);
	o->role = get_str(rd, 1);
	o->competency = get_str(rd, 1);
	o->manager = get_str(rd, 1);
	if (rd->why)
		return;
	if ((unsigned)o->group_by >= CARE_GROUP_BY_COUNT ||
	    (o->staff_group != CARE_NONE &&
	     (o->staff_group < 0 || o->staff_group >= CARE_STAFF_GROUP_COUNT)) ||
	    (o->patient_facing != 0 && o->patient_facing != 1) ||
	    (o->all_reports != 0 && o->all_reports != 1) || (o->all_reports && !o->manager) ||
	    o->due_soon_days < 0 || o->min_cell < 0 ||
	    (o->status != CARE_NONE && (o->status < 0 || o->status >= CARE_STATUS_COUNT ||
	                                o->status == CARE_STATUS_NOT_REQUIRED)) ||
	    !date_or_none(o->as_of) || !date_or_none(o->from) || !date_or_none(o->to) ||
	    !date_or_none(o->target) ||
	    (o->target_percent != CARE_NONE && (o->target_percent < 0 || o->target_percent > 100)))
		fail(rd, "its options are out of range");
	else if (((needs & CARE__NEEDS_AS_OF) && !valid_date(o->as_of)) ||
	         ((needs & CARE__NEEDS_PERIOD) &&
	          (!valid_date(o->from) || !valid_date(o->to) || o->from > o->to)) ||
	         (r->kind == CARE_REPORT_FORECAST &&
	          (!valid_date(o->target) || o->target <= o->as_of)) ||
	         (r->kind == CARE_REPORT_OUTCOMES && (o->competency == NULL || !*o->competency)))
		fail(rd, "its options do not make a report of its kind");
}

/* Rows of a group: competencies in strictly ascending byte order (merging relies on it). */
static void get_group(reader *rd, care_report *r, care__group *g, int keyed)
{
	size_t i, n;

	g->key = get_str(rd, !keyed);
	g->label = get_str(rd, !keyed);
	if (!keyed && (g->key || g->label))
		fail(rd, "a point or total has a key");
	g->as_of = get_i32(rd);
	g->staff_required = get_figure(rd);
	g->staff_compliant = get_figure(rd);
	n = get_count(rd, 1, 52);
	if (rd->why)
		return;
	g->rows = care__calloc(n ? n : 1, sizeof *g->rows);
	if (g->rows == NULL) {
		fail(rd, "out of memory");
		return;
	}
	g->row_count = n;
	for (i = 0; i < n && !rd->why; i++) {
		care_compliance_row *row = &g->rows[i];
		row->competency = get_str(rd, 0);
		row->required = get_figure(rd);
		row->compliant = get_figure(rd);
		row->expiring = get_figure(rd);
		row->not_due = get_figure(rd);
		row->overdue = get_figure(rd);
		row->exempt = get_figure(rd);
		if (!rd->why && i && strcmp(g->rows[i - 1].competency, row->competency) >= 0)
			fail(rd, "a group's competencies are out of order");
	}
	(void)r;
}

static void get_groups(reader *rd, care_report *r)
{
	int trend = r->kind == CARE_REPORT_TREND;
	care_date end = trend ? care_date_month_end(r->opts.from) : CARE_DATE_NONE;
	size_t i, n = get_count(rd, 1, 36);

	if (rd->why)
		return;
	r->groups = care__calloc(n ? n : 1, sizeof *r->groups);
	if (r->groups == NULL) {
		fail(rd, "out of memory");
		return;
	}
	r->group_count = n;
	for (i = 0; i < n && !rd->why; i++) {
		get_group(rd, r, &r->groups[i], !trend);
		if (rd->why)
			break;
		if (trend) {
			/* The points are the month ends of the period, in order. */
			if (end > r->opts.to || r->groups[i].as_of != end)
				fail(rd, "the trend's points are not the month ends of its period");
			end = care_date_month_end(care_date_add_days(end, 1));
		} else if (i && strcmp(r->groups[i - 1].key, r->groups[i].key) >= 0) {
			fail(rd, "the groups are out of order");
		}
	}
	if (!rd->why && trend && end <= r->opts.to)
		fail(rd, "the trend's points are not the month ends of its period");
	if (!rd->why)
		get_group(rd, r, &r->totals, 0);
}

static size_t get_list(reader *rd, const char **strings, size_t *at, size_t cap)
{
	size_t n = get_count(rd, 0, 4), i;

	if (rd->why)
		return 0;
	if (n > cap - *at)
		return (fail(rd, "a count is larger than the data"), 0u);
	for (i = 0; i < n && !rd->why; i++)
		strings[(*at)++] = get_str(rd, 0);
	return n;
}

static void get_staff(reader *rd, care_report *r)
{
	size_t n = get_count(rd, 1, 44), i, at = 0, cap;

	if (rd->why)
		return;
	/* Every string of the lists takes at least 4 bytes. */
	cap = rd->left / 4;
	r->staff_rows = care__calloc(n ? n : 1, sizeof *r->staff_rows);
	r->staff_strings = care__malloc((cap ? cap : 1) * sizeof *r->staff_strings);
	if (r->staff_rows == NULL || r->staff_strings == NULL) {
		fail(rd, "out of memory");
		return;
	}
	for (i = 0; i < n && !rd->why; i++) {
		care_staff_row *row = &r->staff_rows[i];
		size_t first = at;
		row->staff = get_str(rd, 0);
		row->competency = get_str(rd, 0);
		row->name = get_str(rd, 1);
		row->status = (care_status)get_i32(rd);
		row->expiring = get_i32(rd);
		row->expires_on = get_i32(rd);
		row->grace_end = get_i32(rd);
		row->overdue_since = get_i32(rd);
		row->unit_count = get_list(rd, r->staff_strings, &at, cap);
		row->role_count = get_list(rd, r->staff_strings, &at, cap);
		row->manager_count = get_list(rd, r->staff_strings, &at, cap);
		row->units = r->staff_strings + first;
		row->roles = row->units + row->unit_count;
		row->managers = row->roles + row->role_count;
		r->staff_row_count = i + 1;
		if (rd->why)
			break;
		if ((unsigned)row->status >= CARE_STATUS_NOT_REQUIRED ||
		    (row->expiring != 0 && row->expiring != 1) || !date_or_none(row->expires_on) ||
		    !date_or_none(row->grace_end) || !date_or_none(row->overdue_since))
			fail(rd, "a staff list row is out of range");
	}
}

static void get_figures(reader *rd, int64_t *v, int count)
{
	int i;

	if (get_u32(rd) != (uint32_t)count && !rd->why)
		fail(rd, "a list of figures has the wrong length");
	for (i = 0; i < count && !rd->why; i++)
		v[i] = get_figure(rd);
}

static void get_outcomes(reader *rd, care_report *r)
{
	care_outcomes *o = &r->outcomes_raw;

	o->competency = r->opts.competency;
	o->from = r->opts.from;
	o->to = r->opts.to;
	o->trained.interactions = get_figure(rd);
	o->trained.complaints = get_figure(rd);
	o->untrained.interactions = get_figure(rd);
	o->untrained.complaints = get_figure(rd);
	o->unlinked_complaints = get_figure(rd);
	get_figures(rd, o->channels, CARE_CHANNEL_COUNT);
}

static void get_complaints(reader *rd, care_report *r)
{
	care_complaints *c = &r->complaints_raw;
	size_t i, n;

	c->from = r->opts.from;
	c->to = r->opts.to;
	c->received = get_figure(rd);
	c->acknowledged_in_3_days = get_figure(rd);
	c->closed = get_figure(rd);
	c->over_six_months = get_figure(rd);
	get_figures(rd, c->by_subject, CARE_SUBJECT_COUNT);
	get_figures(rd, c->by_outcome, CARE_COMPLAINT_OUTCOME_COUNT + 1);
	n = get_count(rd, 1, 4);
	if (rd->why)
		return;
	if ((int64_t)n != c->closed) {
		fail(rd, "the complaints' days to close do not match the number closed");
		return;
	}
	r->close_days = care__malloc((n ? n : 1) * sizeof *r->close_days);
	if (r->close_days == NULL) {
		fail(rd, "out of memory");
		return;
	}
	for (i = 0; i < n && !rd->why; i++)
		r->close_days[i] = get_i32(rd);
	r->close_day_count = rd->why ? 0 : n;
}

static void get_forecast(reader *rd, care_report *r)
{
	size_t i, n = get_count(rd, 1, 28);

	if (rd->why)
		return;
	r->forecast_rows = care__calloc(n ? n : 1, sizeof *r->forecast_rows);
	if (r->forecast_rows == NULL) {
		fail(rd, "out of memory");
		return;
	}
	for (i = 0; i < n && !rd->why; i++) {
		care_forecast_row *row = &r->forecast_rows[i];
		row->competency = get_str(rd, 0);
		row->required = get_figure(rd);
		row->projected_compliant = get_figure(rd);
		row->unit_cost_pence = get_cost(rd);
		r->forecast_row_count = i + 1;
		if (rd->why)
			break;
		if (row->projected_compliant > row->required)
			fail(rd, "a forecast row projects more compliant than required");
		else if (i && strcmp(r->forecast_rows[i - 1].competency, row->competency) >= 0)
			fail(rd, "the forecast's competencies are out of order");
	}
}

static void get_body(reader *rd, care_report *r)
{
	uint32_t multi;

	get_options(rd, r);
	r->ods_code = get_str(rd, 1);
	r->org_name = get_str(rd, 1);
	multi = get_u32(rd);
	if (rd->why)
		return;
	if (multi > 1 || (multi && (r->ods_code || r->org_name)))
		fail(rd, "its organisation is malformed");
	r->multi_org = (int)multi;
	switch (r->kind) {
	case CARE_REPORT_COMPLIANCE:
	case CARE_REPORT_TREND:
		get_groups(rd, r);
		break;
	case CARE_REPORT_STAFF:
		get_staff(rd, r);
		break;
	case CARE_REPORT_OUTCOMES:
		get_outcomes(rd, r);
		break;
	case CARE_REPORT_COMPLAINTS:
		get_complaints(rd, r);
		break;
	default:
		get_forecast(rd, r);
		break;
	}
	if (!rd->why && rd->left)
		fail(rd, "it has bytes after the report");
}

static uint64_t read_u64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

int care_report_deserialize(care_report **out, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	uint32_t version, kind;
	care_report *r;
	reader rd;
	int rc;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_report_deserialize: out is NULL");
	*out = NULL;
	if (data == NULL)
		return care__error(CARE_EINVAL, "care_report_deserialize: data is NULL");
	if (len < HEADER_SIZE || memcmp(data, MAGIC, 8) != 0)
		return care__error(CARE_EFORMAT, "not a serialised libcare report%s",
		                   len < HEADER_SIZE ? " (too short)" : "");
	version =
	    (uint32_t)p[8] | (uint32_t)p[9] << 8 | (uint32_t)p[10] << 16 | (uint32_t)p[11] << 24;
	kind =
	    (uint32_t)p[12] | (uint32_t)p[13] << 8 | (uint32_t)p[14] << 16 | (uint32_t)p[15] << 24;
	if (version != FORMAT_VERSION)
		return care__error(
		    CARE_EFORMAT,
		    "a serialised report of format version %u (this libcare reads %u)", version,
		    FORMAT_VERSION);
	if (kind >= CARE_REPORT_KIND_COUNT)
		return care__error(CARE_EFORMAT, "a serialised report of unknown kind %u", kind);
	if (read_u64(p + 16) != len - HEADER_SIZE)
		return care__error(CARE_EFORMAT,
		                   "the serialised report is %s (its header says %llu bytes, %llu "
		                   "follow)",
		                   read_u64(p + 16) > len - HEADER_SIZE ? "truncated" : "overlong",
		                   (unsigned long long)read_u64(p + 16),
		                   (unsigned long long)(len - HEADER_SIZE));
	if (read_u64(p + 24) != fnv1a(p + HEADER_SIZE, len - HEADER_SIZE))
		return care__error(
		    CARE_EFORMAT, "the serialised report is damaged (its checksum does not match)");
	r = care__calloc(1, sizeof *r);
	if (r == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	r->kind = (care_report_kind)kind;
	r->ops = care_report__ops(r->kind);
	rd = (reader){p + HEADER_SIZE, len - HEADER_SIZE, NULL, r};
	get_body(&rd, r);
	rc = rd.why ? (strcmp(rd.why, "out of memory") == 0 ? CARE_ENOMEM : CARE_EFORMAT) : 0;
	if (rc == 0 && (rc = r->ops->finish(r)) != 0)
		rd.why = "out of memory";
	if (rc != 0) {
		care_report_free(r);
		return care__error(
		    rc, "%s%s", rc == CARE_ENOMEM ? "" : "not a valid serialised report: ", rd.why);
	}
	*out = r;
	return 0;
}
