/*
 * Helpers linked into every cmocka test: see helpers.h.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

/* ---- dates ---- */

care_date D(const char *s)
{
	care_date d = CARE_DATE_NONE;

	if (care_date_parse(&d, s, strlen(s)) != 0)
		fail_msg("'%s' should parse", s);
	return d;
}

const char *fmt(care_date d)
{
	static char bufs[8][11];
	static unsigned next;
	char *buf = bufs[next++ % 8];

	if (d == CARE_DATE_NONE)
		return "null";
	return care_date_format(buf, d);
}

/* ---- datasets ---- */

#define MAX_LOADED 8
static struct {
	care_dataset *ds;
	char *text;
} loaded[MAX_LOADED];

/* The concatenation of the NULL-terminated parts, single quotes made double. */
static char *join_parts(const char *first, va_list ap, size_t *len)
{
	va_list again;
	const char *part;
	size_t n = 0, i;
	char *json;

	va_copy(again, ap);
	for (part = first; part; part = va_arg(again, const char *))
		n += strlen(part);
	va_end(again);
	json = malloc(n + 1);
	assert_non_null(json);
	json[0] = '\0';
	for (part = first; part; part = va_arg(ap, const char *))
		strcat(json, part);
	for (i = 0; i < n; i++)
		if (json[i] == '\'')
			json[i] = '"';
	*len = n;
	return json;
}

care_dataset *load(const char *first, ...)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	size_t len, i;
	char *json;
	va_list ap;
	int rc;

	va_start(ap, first);
	json = join_parts(first, ap, &len);
	va_end(ap);
	rc = care_dataset_load_buffer(&ds, &issues, json, len, NULL);
	if (rc != 0 || care_issues_errors(issues) != 0) {
		char *dump = NULL;
		if (care_issues_to_json(&dump, issues) == 0)
			fprintf(stderr, "load issues: %s\n", dump);
		care_free(dump);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(care_issues_errors(issues), 0);
	for (i = CARE_KIND_UNIT; i <= CARE_KIND_COMPLAINT; i++)
		assert_int_equal(care_dataset_rejected_count(ds, (care_kind)i), 0);
	care_issues_free(issues);
	for (i = 0; i < MAX_LOADED; i++)
		if (loaded[i].ds == NULL) {
			loaded[i].ds = ds;
			loaded[i].text = json;
			return ds;
		}
	fail_msg("more than %d datasets loaded at once", MAX_LOADED);
	return NULL;
}

void unload(care_dataset *ds)
{
	size_t i;

	for (i = 0; i < MAX_LOADED; i++)
		if (loaded[i].ds == ds) {
			care_dataset_free(ds);
			free(loaded[i].text);
			loaded[i].ds = NULL;
			loaded[i].text = NULL;
			return;
		}
	fail_msg("unload of a dataset not loaded here");
}

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* ---- reports and their JSON ---- */

care_report *report(care_report_kind kind, const care_dataset *ds, const care_report_options *opts)
{
	care_report *r = NULL;
	int rc = care_report_new(&r, kind, ds, opts);

	if (rc != 0)
		fprintf(stderr, "care_report_new: %d %s\n", rc, care_error_last());
	assert_int_equal(rc, 0);
	assert_non_null(r);
	assert_int_equal(care_report_get_kind(r), kind);
	return r;
}

cJSON *to_json(const care_report *r)
{
	char *text = NULL;
	cJSON *json;

	assert_int_equal(care_report_to_json(&text, r), 0);
	assert_non_null(text);
	json = cJSON_Parse(text);
	if (!json)
		fprintf(stderr, "not JSON: %s\n", text);
	assert_non_null(json);
	care_free(text);
	return json;
}

void assert_same_json(const care_report *merged, const care_report *of_union)
{
	cJSON *jm = to_json(merged), *ju = to_json(of_union);

	if (!cJSON_Compare(jm, ju, 1)) {
		char *tm = cJSON_Print(jm), *tu = cJSON_Print(ju);
		fprintf(stderr, "merged:\n%s\nunion:\n%s\n", tm, tu);
		cJSON_free(tm);
		cJSON_free(tu);
		fail_msg("the merged report differs from the report of the union");
	}
	cJSON_Delete(jm);
	cJSON_Delete(ju);
}

char where[160];

/* The start of a failure message: where, and a separator when there is one. */
#define WHERE_FMT  "%s%s"
#define WHERE_ARGS where, where[0] ? ": " : ""

const cJSON *field(const cJSON *obj, const char *name)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!f)
		fail_msg(WHERE_FMT "missing field \"%s\"", WHERE_ARGS, name);
	return f;
}

void json_string(const cJSON *obj, const char *name, const char *expected)
{
	const cJSON *f = field(obj, name);

	if (!expected || strcmp(expected, "null") == 0) {
		if (!cJSON_IsNull(f))
			fail_msg(WHERE_FMT "\"%s\" should be null", WHERE_ARGS, name);
		return;
	}
	if (!cJSON_IsString(f))
		fail_msg(WHERE_FMT "\"%s\" should be the string \"%s\"", WHERE_ARGS, name,
		         expected);
	assert_string_equal(f->valuestring, expected);
}

void json_count(const cJSON *obj, const char *name, int64_t expected)
{
	const cJSON *f = field(obj, name);

	if (expected == CARE_SUPPRESSED) {
		if (!cJSON_IsNull(f))
			fail_msg(WHERE_FMT "\"%s\" should be null, is %g", WHERE_ARGS, name,
			         f->valuedouble);
		return;
	}
	if (!cJSON_IsNumber(f))
		fail_msg(WHERE_FMT "\"%s\" should be %lld", WHERE_ARGS, name, (long long)expected);
	if (f->valuedouble != (double)expected)
		fail_msg(WHERE_FMT "\"%s\" is %g, expected %lld", WHERE_ARGS, name, f->valuedouble,
		         (long long)expected);
}

void check_count(const char *what, int64_t got, int64_t expected)
{
	if (got != expected)
		fail_msg(WHERE_FMT "%s is %lld, expected %lld", WHERE_ARGS, what, (long long)got,
		         (long long)expected);
}

void same_rate(const char *what, double got, double expected)
{
	if (isnan(expected)) {
		if (!isnan(got))
			fail_msg(WHERE_FMT "%s is %.17g, expected null", WHERE_ARGS, what, got);
		return;
	}
	if (got != expected)
		fail_msg(WHERE_FMT "%s is %.17g, expected %.17g", WHERE_ARGS, what, got, expected);
}

void near(const char *what, double got, double expected)
{
	if (isnan(expected)) {
		if (!isnan(got))
			fail_msg(WHERE_FMT "%s is %.17g, expected null", WHERE_ARGS, what, got);
		return;
	}
	if (!(fabs(got - expected) < 1e-9))
		fail_msg(WHERE_FMT "%s is %.17g, expected %.17g", WHERE_ARGS, what, got, expected);
}

/* A rate member, compared by `same` (same_rate or near) unless null. */
static void json_rate_by(const cJSON *obj, const char *name, double expected,
                         void (*same)(const char *, double, double))
{
	const cJSON *f = field(obj, name);

	if (isnan(expected)) {
		if (!cJSON_IsNull(f))
			fail_msg(WHERE_FMT "\"%s\" should be null, is %.17g", WHERE_ARGS, name,
			         f->valuedouble);
		return;
	}
	if (!cJSON_IsNumber(f))
		fail_msg(WHERE_FMT "\"%s\" should be a number", WHERE_ARGS, name);
	same(name, f->valuedouble, expected);
}

void json_rate(const cJSON *obj, const char *name, double expected)
{
	json_rate_by(obj, name, expected, same_rate);
}

void json_rate_near(const cJSON *obj, const char *name, double expected)
{
	json_rate_by(obj, name, expected, near);
}

void check_filters(const cJSON *json, const char *unit, const char *role, const char *staff_group,
                   int patient_facing)
{
	const cJSON *filters = field(json, "filters");

	assert_true(cJSON_IsObject(filters));
	json_string(filters, "unit", unit);
	json_string(filters, "role", role);
	json_string(filters, "staff_group", staff_group);
	assert_true(cJSON_IsBool(field(filters, "patient_facing")));
	assert_int_equal(!!cJSON_IsTrue(field(filters, "patient_facing")), patient_facing);
}

care_dataset *test_two_people(void)
{
	care_dataset *ds;
	care_unit ops = {"OPS", "Operations", NULL};
	care_requirement reqs[] = {{"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE}};
	care_role rec = {"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, reqs, 1};
	care_module mod = {"CC-ELEARN",
	                   "Customer care",
	                   "customer-care",
	                   12,
	                   CARE_DELIVERY_E_LEARNING,
	                   45,
	                   80.0,
	                   0,
	                   "HEE",
	                   "https://example.org/xapi/cc"};
	care_assignment as = {"REC", "OPS", 0, CARE_DATE_NONE, NULL};
	care_staff s = {"S001", 0, CARE_DATE_NONE, &as, 1, NULL, 0, NULL};

	assert_int_equal(care_dataset_new(&ds), 0);
	assert_int_equal(care_dataset_set_header(ds, "RXX", "Test Trust", D("2026-03-31")), 0);
	assert_int_equal(care_dataset_add_unit(ds, &ops, NULL), 0);
	assert_int_equal(care_dataset_add_role(ds, &rec, NULL), 0);
	assert_int_equal(care_dataset_add_module(ds, &mod, NULL), 0);
	mod.id = "FS-ELEARN";
	mod.competency = "fire-safety";
	mod.validity_months = 36;
	assert_int_equal(care_dataset_add_module(ds, &mod, NULL), 0);
	s.started_on = as.from = D("2020-01-06");
	assert_int_equal(care_dataset_add_staff(ds, &s, NULL), 0);
	s.id = "S002";
	assert_int_equal(care_dataset_add_staff(ds, &s, NULL), 0);
	return ds;
}

/* ---- allocation failures ---- */

long test_alloc_calls, test_alloc_live, test_alloc_fail_at;

static void *counting_malloc(size_t size)
{
	void *p;

	if (++test_alloc_calls == test_alloc_fail_at)
		return NULL;
	p = malloc(size);
	if (p)
		test_alloc_live++;
	return p;
}

static void *counting_realloc(void *ptr, size_t size)
{
	void *p;

	if (++test_alloc_calls == test_alloc_fail_at)
		return NULL;
	p = realloc(ptr, size);
	if (p && ptr == NULL)
		test_alloc_live++;
	return p;
}

static void counting_free(void *ptr)
{
	if (ptr) {
		test_alloc_live--;
		free(ptr);
	}
}

const care_allocator test_allocator = {counting_malloc, counting_realloc, counting_free};

static atomic_long threads_calls, threads_fail_at;

static void *threads_malloc(size_t size)
{
	long at = atomic_load(&threads_fail_at);

	return at != 0 && atomic_fetch_add(&threads_calls, 1) + 1 == at ? NULL : malloc(size);
}

static void *threads_realloc(void *ptr, size_t size)
{
	long at = atomic_load(&threads_fail_at);

	return at != 0 && atomic_fetch_add(&threads_calls, 1) + 1 == at ? NULL : realloc(ptr, size);
}

const care_allocator test_threads_allocator = {threads_malloc, threads_realloc, free};

void test_threads_fail_in(long n)
{
	atomic_store(&threads_calls, 0);
	atomic_store(&threads_fail_at, n);
}

long test_threads_calls(void)
{
	return atomic_load(&threads_calls);
}

uint64_t test_rng(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545F4914F6CDD1Du;
}
