/*
 * Helpers shared by the report tests (test_report_compliance.c and
 * test_report_forecast.c): loading small datasets written with single quotes,
 * making reports, and checking their JSON field by field. Each test program
 * includes this once; it is not a library.
 */
#ifndef CARE_TEST_REPORT_HELPERS_H
#define CARE_TEST_REPORT_HELPERS_H

static care_date D(const char *s)
{
	care_date d = CARE_DATE_NONE;
	assert_int_equal(care_date_parse(&d, s, strlen(s)), 0);
	return d;
}

/* Each loaded dataset keeps its buffer: care_dataset_load_buffer does not
 * copy it. */
#define MAX_LOADED 8
static struct {
	care_dataset *ds;
	char *text;
} loaded[MAX_LOADED];

/* Load the concatenation of the NULL-terminated list of parts (kept short:
 * ISO C only promises string literals of 4095 bytes), asserting that it
 * loads with no error and no rejected record. */
static care_dataset *load(const char *first, ...)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	size_t len = 0, i;
	char *json;
	const char *part;
	va_list ap;
	int rc;

	va_start(ap, first);
	for (part = first; part; part = va_arg(ap, const char *))
		len += strlen(part);
	va_end(ap);
	json = malloc(len + 1);
	assert_non_null(json);
	json[0] = '\0';
	va_start(ap, first);
	for (part = first; part; part = va_arg(ap, const char *))
		strcat(json, part);
	va_end(ap);
	for (i = 0; i < len; i++)
		if (json[i] == '\'')
			json[i] = '"';
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
	for (i = 0; i < MAX_LOADED && loaded[i].ds; i++)
		;
	assert_true(i < MAX_LOADED);
	loaded[i].ds = ds;
	loaded[i].text = json;
	return ds;
}

static void unload(care_dataset *ds)
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

static care_report *report(care_report_kind kind, const care_dataset *ds,
                           const care_report_options *opts)
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

static cJSON *to_json(const care_report *r)
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

/* Where a failing comparison is: the group and the row being checked. */
static char where[160];

static const cJSON *field(const cJSON *obj, const char *name)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!f)
		fail_msg("missing field \"%s\"", name);
	return f;
}

static void json_string(const cJSON *obj, const char *name, const char *expected)
{
	const cJSON *f = field(obj, name);

	if (!expected) {
		if (!cJSON_IsNull(f))
			fail_msg("\"%s\" should be null", name);
		return;
	}
	if (!cJSON_IsString(f))
		fail_msg("\"%s\" should be the string \"%s\"", name, expected);
	assert_string_equal(f->valuestring, expected);
}

/* A count: CARE_SUPPRESSED means null. */
static void json_count(const cJSON *obj, const char *name, int64_t expected)
{
	const cJSON *f = field(obj, name);

	if (expected == CARE_SUPPRESSED) {
		if (!cJSON_IsNull(f))
			fail_msg("%s: \"%s\" should be null, is %g", where, name, f->valuedouble);
		return;
	}
	if (!cJSON_IsNumber(f))
		fail_msg("%s: \"%s\" should be %lld", where, name, (long long)expected);
	if (f->valuedouble != (double)expected)
		fail_msg("%s: \"%s\" is %g, expected %lld", where, name, f->valuedouble,
		         (long long)expected);
}

static void same_rate(const char *what, double got, double expected)
{
	if (isnan(expected)) {
		if (!isnan(got))
			fail_msg("%s: %s is %.17g, expected null", where, what, got);
		return;
	}
	if (got != expected)
		fail_msg("%s: %s is %.17g, expected %.17g", where, what, got, expected);
}

/* A rate: NAN means null. Written to read back exactly (SPEC 6). */
static void json_rate(const cJSON *obj, const char *name, double expected)
{
	const cJSON *f = field(obj, name);

	if (isnan(expected)) {
		if (!cJSON_IsNull(f))
			fail_msg("\"%s\" should be null, is %.17g", name, f->valuedouble);
		return;
	}
	if (!cJSON_IsNumber(f))
		fail_msg("\"%s\" should be a number", name);
	same_rate(name, f->valuedouble, expected);
}

#endif
