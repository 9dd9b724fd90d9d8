/*
 * The HTML pages (docs/html.md): care_report_to_html() for every kind and
 * care_html_page(), the manager's page. Text from the data is escaped (a
 * unit named <script> is text), the page refers to nothing outside itself,
 * the unit tree is indented, suppressed counts show as "*", the manager
 * filter and the worklist limit, bad options, and every allocation failing
 * in turn. tests/browser/ renders the page in a real browser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

/*
 * A trust whose names try to break out of the page: the root unit is named
 * <script>, a ward has quotes and an ampersand, a person and a manager have
 * markup in their names. cc is required from 2025-04-01 (the mandate).
 */
static const char trust[] =
    "{'format':'libcare-dataset','version':1,'extracted_on':'2026-03-31',"
    "'organisation':{'name':'Trust <i>&amp</i>'},"
    "'units':[{'id':'ROOT','name':'<script>alert(1)</script>'},"
    "{'id':'W1','name':'Ward \\u0022A\\u0022 & B','parent':'ROOT'},"
    "{'id':'W2','name':'Ward two','parent':'ROOT'}],"
    "'roles':[{'id':'REC','title':'Receptionist','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':["
    "{'competency':'cc','due_within_days':90,'from':'2025-04-01'},"
    "{'competency':'ig','due_within_days':30}]},"
    "{'id':'MGR','title':'Manager','staff_group':'admin-clerical',"
    "'patient_facing':false,'clinical':false,'requirements':[]}],"
    "'modules':[{'id':'cc-e','title':'Customer care','competency':'cc','validity_months':36,"
    "'delivery':'e-learning','cost_pence':4500},"
    "{'id':'ig-e','title':'IG','competency':'ig','validity_months':12,"
    "'delivery':'e-learning','cost_pence':0}],"
    "'staff':["
    "{'id':'M1','name':'<img src=x onerror=alert(2)>','started_on':'2015-01-01',"
    "'assignments':[{'role':'MGR','unit':'ROOT','from':'2015-01-01'}]},"
    "{'id':'S1','name':'<b>Bold</b>','started_on':'2019-01-01','assignments':["
    "{'role':'REC','unit':'W1','from':'2019-01-01','manager':'M1'}]},"
    "{'id':'S2','name':'Second','started_on':'2019-01-01','assignments':["
    "{'role':'REC','unit':'W1','from':'2019-01-01','manager':'M1'}]},"
    "{'id':'S3','started_on':'2019-01-01','assignments':["
    "{'role':'REC','unit':'W2','from':'2019-01-01'}]}],"
    "'completions':["
    "{'staff':'S1','module':'cc-e','completed_on':'2025-05-10','outcome':'passed'},"
    "{'staff':'S1','module':'ig-e','completed_on':'2025-04-10','outcome':'passed'},"
    "{'staff':'S2','module':'ig-e','completed_on':'2026-01-10','outcome':'passed'}]}";

static care_dataset *ds;

static int setup(void **state)
{
	(void)state;
	ds = load(trust, END);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unload(ds);
	return 0;
}

static char *page_with(const care_report_options *o, const care_html_options *h)
{
	char *page = NULL;
	int rc = care_html_page(&page, ds, o, h);

	if (rc != 0)
		fail_msg("care_html_page: %d %s", rc, care_error_last());
	return page;
}

static size_t count_of(const char *text, const char *what)
{
	size_t n = 0;

	for (; (text = strstr(text, what)) != NULL; text += strlen(what))
		n++;
	return n;
}

static void data_is_text(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	char *page;

	(void)state;
	o.as_of = D("2026-03-31");
	page = page_with(&o, NULL);
	assert_non_null(strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(page, "Ward &quot;A&quot; &amp; B"));
	assert_non_null(strstr(page, "&lt;b&gt;Bold&lt;/b&gt;"));
	assert_non_null(strstr(page, "&lt;img src=x onerror=alert(2)&gt;")); /* S1's manager */
	assert_non_null(strstr(page, "Trust &lt;i&gt;&amp;amp&lt;/i&gt;"));
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "<img"));
	assert_null(strstr(page, "<b>"));
	care_free(page);
}

static void self_contained(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	char *page;

	(void)state;
	o.as_of = D("2026-03-31");
	page = page_with(&o, NULL);
	assert_non_null(strstr(page, "content=\"default-src 'none'; style-src 'unsafe-inline'\""));
	assert_null(strstr(page, "<link"));
	assert_null(strstr(page, "url("));
	assert_null(strstr(page, "@import"));
	assert_null(strstr(page, "src=\""));
	assert_null(strstr(page, "<iframe"));
	assert_null(strstr(page, "<object"));
	/* The only http is the SVG namespace, which is a name, not a fetch. */
	assert_int_equal(count_of(page, "http:"),
	                 count_of(page, "xmlns=\"http://www.w3.org/2000/svg\""));
	assert_null(strstr(page, "https:"));
	assert_true(count_of(page, "<svg") == 3);
	assert_true(count_of(page, "<svg") == count_of(page, "<desc id="));
	assert_non_null(strstr(page, "@page{size:A4"));
	assert_non_null(strstr(page, "@media print"));
	care_free(page);
}

static void the_page(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	char *page, *root, *w1, *w2;

	(void)state;
	o.as_of = D("2026-03-31");
	page = page_with(&o, NULL);
	/* The unit tree: the root first, its wards indented below it. */
	root = strstr(page, "<tr data-group=\"ROOT\"><th scope=\"row\" class=\"d0\">");
	w1 = strstr(page, "<tr data-group=\"W1\"><th scope=\"row\" class=\"d1\">");
	w2 = strstr(page, "<tr data-group=\"W2\"><th scope=\"row\" class=\"d1\">");
	assert_non_null(root);
	assert_non_null(w1);
	assert_non_null(w2);
	assert_true(root < w1 && w1 < w2);
	/* The trend starts at the mandate: the first point is its month end. */
	assert_non_null(strstr(page, "Trend since the mandate, 2025-04-01"));
	assert_non_null(strstr(page, "<tr data-as-of=\"2025-04-30\">"));
	assert_null(strstr(page, "<tr data-as-of=\"2025-03-31\">"));
	/* cc: S1 compliant, S2 and S3 overdue since 2025-06-30: 1 of 3, 33%, red. */
	assert_non_null(strstr(page,
	                       "<tr data-group=\"\" data-competency=\"cc\"><th scope=\"row\">cc"
	                       "</th><td class=\"n\" data-field=\"required\" data-value=\"3\">3"
	                       "</td><td class=\"n\" data-field=\"compliant\" data-value=\"1\">1"));
	assert_non_null(strstr(page, "<span class=\"rag red\">33%</span>"));
	/* The worklist: S2 and S3 overdue in cc, S3 in ig; S1's ig expires 2026-04-10 (expiring).
	 */
	assert_non_null(strstr(page, "data-rows=\"4\""));
	assert_non_null(strstr(page, "<tr data-staff=\"S1\" data-competency=\"ig\">"));
	assert_null(strstr(page, "<tr data-staff=\"S2\" data-competency=\"ig\">"));
	/* The forecast to 2026-09-30 for 95%: cc 2 places at £45. */
	assert_non_null(strstr(page, "Forecast to 2026-09-30"));
	assert_non_null(strstr(page, "data-field=\"cost_pence\" data-value=\"9000\">&pound;90<"));
	care_free(page);
}

static void manager_and_limit(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_html_options h = CARE_HTML_OPTIONS_INIT;
	char *page;

	(void)state;
	o.as_of = D("2026-03-31");
	o.manager = "M1";
	h.worklist_limit = 1;
	h.title = "Ward <1>";
	page = page_with(&o, &h);
	assert_non_null(strstr(page, "<h1>Ward &lt;1&gt;</h1>"));
	assert_non_null(strstr(page, "the staff of <strong>&lt;img"));
	assert_null(strstr(page, "data-staff=\"S3\""));
	assert_non_null(strstr(page, "data-rows=\"2\""));
	assert_non_null(strstr(page, "The first 1 of 2 rows"));
	assert_int_equal(count_of(page, "<tr data-staff="), 1);
	care_free(page);
}

static void every_kind(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	int kind;

	(void)state;
	o.as_of = D("2026-03-31");
	o.from = D("2025-04-01");
	o.to = D("2026-03-31");
	o.target = D("2026-09-30");
	o.competency = NULL;
	o.group_by = CARE_GROUP_UNIT;
	o.min_cell = 2;
	for (kind = 0; kind < CARE_REPORT_KIND_COUNT; kind++) {
		care_report *r;
		char *html = NULL;
		o.competency = kind == CARE_REPORT_OUTCOMES ? "cc" : NULL;
		r = report((care_report_kind)kind, ds, &o);
		assert_int_equal(care_report_to_html(&html, r, NULL), 0);
		assert_non_null(strstr(html, "<!DOCTYPE html>"));
		assert_non_null(strstr(html, "<table"));
		assert_null(strstr(html, "<script"));
		if (kind == CARE_REPORT_COMPLIANCE) {
			/* min_cell 2: W1's cc compliant (1) is suppressed; zeros are not. */
			assert_non_null(
			    strstr(html, "<tr data-group=\"W1\" data-competency=\"cc\">"));
			assert_non_null(
			    strstr(strstr(html, "<tr data-group=\"W1\" data-competency=\"cc\">"),
			           "data-field=\"compliant\" data-value=\"\">*</td>"));
			assert_non_null(strstr(html, "* fewer than 2 people"));
			assert_non_null(strstr(html, "&lt;script&gt;"));
		}
		care_free(html);
		care_report_free(r);
	}
}

static void bad_options(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_html_options h = CARE_HTML_OPTIONS_INIT;
	care_report *r;
	char *page = (char *)"x";

	(void)state;
	assert_int_equal(care_html_page(&page, ds, &o, NULL), CARE_EINVAL); /* no as_of */
	assert_null(page);
	o.as_of = D("2026-03-31");
	assert_int_equal(care_html_page(NULL, ds, &o, NULL), CARE_EINVAL);
	assert_int_equal(care_html_page(&page, NULL, &o, NULL), CARE_EINVAL);
	assert_int_equal(care_html_page(&page, ds, NULL, NULL), CARE_EINVAL);
	h.amber_percent = 96;
	assert_int_equal(care_html_page(&page, ds, &o, &h), CARE_EINVAL);
	h = (care_html_options)CARE_HTML_OPTIONS_INIT;
	h.version = 2;
	assert_int_equal(care_html_page(&page, ds, &o, &h), CARE_EINVAL);
	assert_int_equal(care_html_options_init(&h, 1), 0);
	assert_int_equal(h.green_percent, 95);
	assert_int_equal(h.amber_percent, 80);
	assert_int_equal(care_html_options_init(&h, 0), CARE_EINVAL);
	o.manager = "NOBODY";
	assert_int_equal(care_html_page(&page, ds, &o, NULL), CARE_ENOTFOUND);
	o.manager = NULL;
	o.unit = "NOWHERE";
	assert_int_equal(care_html_page(&page, ds, &o, NULL), CARE_ENOTFOUND);
	o.unit = NULL;
	/* A version 1 options struct is read up to its end. */
	o.version = 1;
	assert_int_equal(care_html_page(&page, ds, &o, NULL), 0);
	care_free(page);
	o.version = CARE_REPORT_OPTIONS_VERSION;
	r = report(CARE_REPORT_COMPLIANCE, ds, &o);
	assert_int_equal(care_report_to_html(NULL, r, NULL), CARE_EINVAL);
	assert_int_equal(care_report_to_html(&page, NULL, NULL), CARE_EINVAL);
	h.amber_percent = 101;
	assert_int_equal(care_report_to_html(&page, r, &h), CARE_EINVAL);
	care_report_free(r);
}

static void every_allocation_may_fail(void **state)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	long total, n;
	char *page = NULL;

	(void)state;
	o.as_of = D("2026-03-31");
	o.threads = 1;
	assert_int_equal(care_set_allocator(&test_allocator), 0);
	test_alloc_fail_at = 0;
	test_alloc_calls = 0;
	test_alloc_live = 0;
	assert_int_equal(care_html_page(&page, ds, &o, NULL), 0);
	care_free(page);
	total = test_alloc_calls;
	for (n = 1; n <= total; n++) {
		int rc;
		test_alloc_fail_at = n;
		test_alloc_calls = 0;
		test_alloc_live = 0;
		page = NULL;
		rc = care_html_page(&page, ds, &o, NULL);
		if (rc != CARE_ENOMEM)
			fail_msg("allocation %ld of %ld: %d, not CARE_ENOMEM", n, total, rc);
		assert_null(page);
		if (test_alloc_live != 0)
			fail_msg("allocation %ld of %ld failed: %ld blocks leaked", n, total,
			         test_alloc_live);
	}
	test_alloc_fail_at = 0;
	assert_int_equal(care_set_allocator(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(data_is_text),
	    cmocka_unit_test(self_contained),
	    cmocka_unit_test(the_page),
	    cmocka_unit_test(manager_and_limit),
	    cmocka_unit_test(every_kind),
	    cmocka_unit_test(bad_options),
	    cmocka_unit_test(every_allocation_may_fail),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
