/*
 * The forecast and cost report (docs/reports.md#forecast-and-cost) through the public API: the row
 * structs and the JSON of docs/reports.md#output. Every expected value is worked out by hand
 * from the definitions in docs/ alone, with the reasoning beside it.
 *
 * Datasets are JSON written with single quotes for readability; load() turns
 * them into double quotes (no id or text here holds an apostrophe).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "care.h"
#include "helpers.h"

/* ------------------------------------------------------------------------- */
/* Helpers                                                                   */

/* CARE_NONE (-1, as CARE_SUPPRESSED is) marks a null: no target, no cost. */
#define NONE   CARE_NONE
#define NORATE ((double)NAN)

typedef struct expect_row {
	const char *competency;
	int64_t required, projected_compliant;
	double projected_rate;
	int64_t places, places_for_target, unit_cost_pence, cost_pence;
} expect_row;

/* Every row and the total, in both forms. */
static void check_forecast(const care_report *r, const cJSON *json, const expect_row *rows,
                           size_t count, int64_t total_cost_pence)
{
	const cJSON *jrows = field(json, "competencies");
	size_t i;

	assert_true(cJSON_IsArray(jrows));
	if (care_report_row_count(r) != count)
		fail_msg("%zu rows, expected %zu", care_report_row_count(r), count);
	assert_int_equal(cJSON_GetArraySize(jrows), (int)count);
	for (i = 0; i < count; i++) {
		const expect_row *e = &rows[i];
		const care_forecast_row *row = care_report_forecast_row(r, i);
		const cJSON *jr = cJSON_GetArrayItem(jrows, (int)i);

		snprintf(where, sizeof where, "forecast row %s", e->competency);
		assert_non_null(row);
		assert_string_equal(row->competency, e->competency);
		check_count("required", row->required, e->required);
		check_count("projected_compliant", row->projected_compliant,
		            e->projected_compliant);
		same_rate("projected_rate", row->projected_rate, e->projected_rate);
		check_count("places", row->places, e->places);
		check_count("places_for_target", row->places_for_target, e->places_for_target);
		check_count("unit_cost_pence", row->unit_cost_pence, e->unit_cost_pence);
		check_count("cost_pence", row->cost_pence, e->cost_pence);

		json_string(jr, "competency", e->competency);
		json_count(jr, "required", e->required);
		json_count(jr, "projected_compliant", e->projected_compliant);
		json_rate(jr, "projected_rate", e->projected_rate);
		json_count(jr, "places", e->places);
		json_count(jr, "places_for_target", e->places_for_target);
		json_count(jr, "unit_cost_pence", e->unit_cost_pence);
		json_count(jr, "cost_pence", e->cost_pence);
	}
	assert_null(care_report_forecast_row(r, count));
	snprintf(where, sizeof where, "forecast");
	check_count("total_cost_pence", care_report_total_cost_pence(r), total_cost_pence);
	json_count(json, "total_cost_pence", total_cost_pence);
}

static void check_header(const cJSON *json, const char *as_of, const char *target,
                         int target_percent)
{
	json_string(json, "report", "forecast");
	json_string(json, "as_of", as_of);
	json_string(json, "target", target);
	json_count(json, "target_percent", target_percent);
}

/* ------------------------------------------------------------------------- */
/* The dataset                                                               */

/*
 * One unit; REC requires CC (90 days) and IG (30); WLV requires ERS (30).
 * Modules awarding CC: CC-EL (12 months, 1500p), CC-WS (24 months, 900p),
 * CC-VIRT (12 months, no cost). IG-EL (12 months) has no cost; ERS-EL (36
 * months) costs 0p -- a cost of nothing, not an unknown one.
 */
static const char HEAD[] =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'U','name':'Patient Access'},{'id':'V','name':'Validation','parent':'U'}],"
    "'roles':["
    "{'id':'REC','title':'Receptionist','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':90},"
    "{'competency':'IG','due_within_days':30}]},"
    "{'id':'WLV','title':'Waiting List Validator','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,"
    "'requirements':[{'competency':'ERS','due_within_days':30}]}],"
    "'modules':["
    "{'id':'CC-EL','title':'Customer care','competency':'CC','validity_months':12,"
    "'delivery':'e-learning','cost_pence':1500},"
    "{'id':'CC-WS','title':'Customer care workshop','competency':'CC','validity_months':24,"
    "'delivery':'workshop','cost_pence':900},"
    "{'id':'CC-VIRT','title':'Customer care (virtual)','competency':'CC',"
    "'validity_months':12,'delivery':'virtual'},"
    "{'id':'IG-EL','title':'Information governance','competency':'IG','validity_months':12,"
    "'delivery':'e-learning'},"
    "{'id':'ERS-EL','title':'e-Referral Service','competency':'ERS','validity_months':36,"
    "'delivery':'e-learning','cost_pence':0}],";

/*
 * D = 2025-06-30, T = 2025-12-31. Everyone started 2024-01-01.
 * F1 CC-EL 2025-03-01 -> expires 2026-03-01 > T: projected.
 *    IG-EL 2025-02-01 -> 2026-02-01 > T: projected.
 * F2 CC-EL 2025-01-15 -> 2026-01-15 > T: projected.
 * F3 CC-EL 2024-12-31 -> 2025-12-31 == T: T < expires_on fails, not valid
 *    on T: not projected.
 * F4 CC-WS 2024-01-10 -> 2026-01-10 > T: projected.
 * F5 CC-EL 2025-07-01, after D: not made on or before D, not projected.
 */
static const char STAFF_A[] =
    "{'id':'F1','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]},"
    "{'id':'F2','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]},"
    "{'id':'F3','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]},"
    "{'id':'F4','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]},"
    "{'id':'F5','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]}";
static const char COMPLETIONS_A[] =
    "{'staff':'F1','module':'CC-EL','completed_on':'2025-03-01','outcome':'passed'},"
    "{'staff':'F1','module':'IG-EL','completed_on':'2025-02-01','outcome':'completed'},"
    "{'staff':'F2','module':'CC-EL','completed_on':'2025-01-15','outcome':'passed'},"
    "{'staff':'F3','module':'CC-EL','completed_on':'2024-12-31','outcome':'passed'},"
    "{'staff':'F4','module':'CC-WS','completed_on':'2024-01-10','outcome':'completed'},"
    "{'staff':'F5','module':'CC-EL','completed_on':'2025-07-01','outcome':'passed'}";
/*
 * F6 CC-EL 2025-05-05 failed (does not count); CC-VIRT 2024-11-30 ->
 *    2025-11-30: valid on D but not on T: not projected.
 * F7 nothing.
 * F8 exempt from CC since 2025-06-01 (open-ended): not in CC's required,
 *    although CC-EL 2025-06-01 would be valid on T. Its IG counts.
 * F9 WLV@V, ERS-EL 2023-01-01 -> 2026-01-01 > T: projected.
 * F10 WLV@V, nothing.
 */
static const char STAFF_B[] =
    "{'id':'F6','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]},"
    "{'id':'F7','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}]},"
    "{'id':'F8','started_on':'2024-01-01','assignments':[{'role':'REC','unit':'U',"
    "'from':'2024-01-01'}],'exemptions':[{'competency':'CC','from':'2025-06-01',"
    "'reason':'career break'}]},"
    "{'id':'F9','started_on':'2024-01-01','assignments':[{'role':'WLV','unit':'V',"
    "'from':'2024-01-01'}]},"
    "{'id':'F10','started_on':'2024-01-01','assignments':[{'role':'WLV','unit':'V',"
    "'from':'2024-01-01'}]}";
static const char COMPLETIONS_B[] =
    "{'staff':'F6','module':'CC-EL','completed_on':'2025-05-05','outcome':'failed'},"
    "{'staff':'F6','module':'CC-VIRT','completed_on':'2024-11-30','outcome':'passed'},"
    "{'staff':'F8','module':'CC-EL','completed_on':'2025-06-01','outcome':'passed'},"
    "{'staff':'F9','module':'ERS-EL','completed_on':'2023-01-01','outcome':'passed'}";

static care_dataset *load_all(void)
{
	return load(HEAD, "'staff':[", STAFF_A, ",", STAFF_B, "],'completions':[", COMPLETIONS_A,
	            ",", COMPLETIONS_B, "]}", END);
}

static const char *const AS_OF = "2025-06-30";
static const char *const TARGET = "2025-12-31";

/* ------------------------------------------------------------------------- */
/* Tests                                                                     */

/*
 * Rows in competency order CC, ERS, IG.
 * CC: F1..F8, F8 exempt -> required 7; projected F1 F2 F4 = 3; rate 3/7;
 *     places 7 - 3 = 4. P = 95: ceil(95 x 7 / 100) = ceil(6.65) = 7, 7 - 3
 *     = 4. Unit cost min(1500, 900) = 900 (CC-VIRT has none); cost 4 x 900
 *     = 3600.
 * ERS: F9 F10 -> required 2, projected 1 (F9), rate 1/2, places 1. P = 95:
 *     ceil(1.9) = 2, 2 - 1 = 1. Unit cost 0, cost 0.
 * IG: F1..F8 (nobody exempt from IG) -> required 8, projected 1 (F1), rate
 *     1/8, places 7. P = 95: ceil(7.6) = 8, 8 - 1 = 7. No module cost: unit
 *     cost and cost null.
 * Total: 3600 + 0 = 3600 (IG's null cost left out).
 */
static void forecast_with_target_percent(void **state)
{
	care_dataset *ds = load_all();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row rows[] = {
	    {"CC", 7, 3, 3.0 / 7, 4, 4, 900, 3600},
	    {"ERS", 2, 1, 1.0 / 2, 1, 1, 0, 0},
	    {"IG", 8, 1, 1.0 / 8, 7, 7, NONE, NONE},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.target = D(TARGET);
	opts.target_percent = 95;
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_header(json, AS_OF, TARGET, 95);
	check_filters(json, NULL, NULL, NULL, 0);
	check_forecast(r, json, rows, 3, 3600);
	cJSON_Delete(json);
	care_report_free(r);

	/* docs/reports.md#output applies min_cell to the compliance, trend, outcomes and
	 * complaints reports only: the forecast's 1s and 2s stay. */
	opts.min_cell = 5;
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_forecast(r, json, rows, 3, 3600);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * places_for_target = max(0, ceil(P x required / 100) - projected):
 * P = 50: CC ceil(3.5) = 4 -> 1; ERS 100 / 100 = 1 exactly -> 0; IG
 *   ceil(4.0) = 4 -> 3.
 * P = 20: CC ceil(1.4) = 2 -> max(0, -1) = 0; ERS ceil(0.4) = 1 -> 0; IG
 *   ceil(1.6) = 2 -> 1.
 * P = 100: the places. P = 0: 0 everywhere.
 * No P: null, and target_percent null. The rest is unchanged.
 */
static void places_for_target_rounds_up(void **state)
{
	care_dataset *ds = load_all();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	expect_row rows[] = {
	    {"CC", 7, 3, 3.0 / 7, 4, 1, 900, 3600},
	    {"ERS", 2, 1, 1.0 / 2, 1, 0, 0, 0},
	    {"IG", 8, 1, 1.0 / 8, 7, 3, NONE, NONE},
	};
	static const struct {
		int percent;
		int64_t cc, ers, ig;
	} cases[] = {
	    {50, 1, 0, 3}, {20, 0, 0, 1}, {100, 4, 1, 7}, {0, 0, 0, 0}, {NONE, NONE, NONE, NONE}};
	size_t i;

	(void)state;
	opts.as_of = D(AS_OF);
	opts.target = D(TARGET);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		opts.target_percent = cases[i].percent;
		rows[0].places_for_target = cases[i].cc;
		rows[1].places_for_target = cases[i].ers;
		rows[2].places_for_target = cases[i].ig;
		r = report(CARE_REPORT_FORECAST, ds, &opts);
		json = to_json(r);
		check_header(json, AS_OF, TARGET, cases[i].percent);
		check_forecast(r, json, rows, 3, 3600);
		cJSON_Delete(json);
		care_report_free(r);
	}
	unload(ds);
}

/*
 * Filters: role WLV (or unit V) leaves ERS only, total 0. Then the target
 * moves: the day before F2's expiry (2026-01-14) F2 still counts on T; on
 * the day of it (2026-01-15) it no longer does.
 */
static void filters_and_target_boundary(void **state)
{
	care_dataset *ds = load_all();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row ers[] = {{"ERS", 2, 1, 1.0 / 2, 1, NONE, 0, 0}};
	expect_row rows[] = {
	    {"CC", 7, 3, 3.0 / 7, 4, NONE, 900, 3600},
	    {"ERS", 2, 1, 1.0 / 2, 1, NONE, 0, 0},
	    {"IG", 8, 1, 1.0 / 8, 7, NONE, NONE, NONE},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.target = D(TARGET);
	opts.role = "WLV";
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_filters(json, NULL, "WLV", NULL, 0);
	check_forecast(r, json, ers, 1, 0);
	cJSON_Delete(json);
	care_report_free(r);

	opts.role = NULL;
	opts.unit = "V";
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_filters(json, "V", NULL, NULL, 0);
	check_forecast(r, json, ers, 1, 0);
	cJSON_Delete(json);
	care_report_free(r);

	/* T = 2026-01-14: F1 (expires 2026-03-01) and F2 (2026-01-15) stay
	 * valid, but F4's CC-WS expires 2026-01-10 <= T: CC 2, places 5, cost
	 * 5 x 900 = 4500. F9's ERS (2026-01-01) drops out too: ERS 0, places
	 * 2, cost 0. F1's IG (2026-02-01) stays. */
	opts.unit = NULL;
	opts.target = D("2026-01-14");
	rows[0].projected_compliant = 2;
	rows[0].projected_rate = 2.0 / 7;
	rows[0].places = 5;
	rows[0].cost_pence = 4500;
	rows[1].projected_compliant = 0;
	rows[1].projected_rate = 0.0;
	rows[1].places = 2;
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_header(json, AS_OF, "2026-01-14", NONE);
	check_forecast(r, json, rows, 3, 4500);
	cJSON_Delete(json);
	care_report_free(r);

	/* T = 2026-01-15 = F2's expiry: CC 1 (F1), places 6, cost 5400. */
	opts.target = D("2026-01-15");
	rows[0].projected_compliant = 1;
	rows[0].projected_rate = 1.0 / 7;
	rows[0].places = 6;
	rows[0].cost_pence = 5400;
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_forecast(r, json, rows, 3, 5400);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

/*
 * A competency whose every pair is exempt on D still has a row (it has
 * pairs in the population): required 0, projected 0, rate null, places 0;
 * with P = 95, ceil(0) - 0 = 0. ERS-EL's cost is 0, so cost 0 x 0 = 0.
 */
static void all_exempt_competency(void **state)
{
	care_dataset *ds = load(HEAD,
	                        "'staff':[{'id':'Q','started_on':'2024-01-01','assignments':["
	                        "{'role':'WLV','unit':'V','from':'2024-01-01'}],"
	                        "'exemptions':[{'competency':'ERS','from':'2024-01-01',"
	                        "'to':'2025-06-30','reason':'secondment'}]}]}",
	                        END);
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r;
	cJSON *json;
	const expect_row rows[] = {{"ERS", 0, 0, NORATE, 0, 0, 0, 0}};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.target = D(TARGET);
	opts.target_percent = 95;
	r = report(CARE_REPORT_FORECAST, ds, &opts);
	json = to_json(r);
	check_forecast(r, json, rows, 1, 0);
	cJSON_Delete(json);
	care_report_free(r);
	unload(ds);
}

static void bad_options(void **state)
{
	care_dataset *ds = load_all();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	(void)state;
	opts.as_of = D(AS_OF);
	opts.target = D(AS_OF); /* T must be after D */
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &opts), CARE_EINVAL);
	assert_null(r);
	opts.target = D("2025-06-29");
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &opts), CARE_EINVAL);
	assert_null(r);
	opts.target = D(TARGET);
	opts.target_percent = 101;
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &opts), CARE_EINVAL);
	assert_null(r);
	opts.target_percent = 95;
	opts.unit = "NOPE";
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &opts), CARE_ENOTFOUND);
	assert_null(r);
	/* The next day is a valid target. */
	opts.unit = NULL;
	opts.target = D("2025-07-01");
	assert_int_equal(care_report_new(&r, CARE_REPORT_FORECAST, ds, &opts), 0);
	care_report_free(r);
	unload(ds);
}

/*
 * F1-F5 and F6-F10 are disjoint staff. With P = 50 the merged
 * places_for_target must come from the merged counts: A alone has IG
 * required 5, projected 1 -> ceil(2.5) - 1 = 2, B alone IG 3, 0 ->
 * ceil(1.5) = 2; their sum 4 is wrong, the union's is ceil(4.0) - 1 = 3.
 * ERS exists only in B.
 */
static void merged_forecast_equals_the_union(void **state)
{
	care_dataset *a =
	    load(HEAD, "'staff':[", STAFF_A, "],'completions':[", COMPLETIONS_A, "]}", END);
	care_dataset *b =
	    load(HEAD, "'staff':[", STAFF_B, "],'completions':[", COMPLETIONS_B, "]}", END);
	care_dataset *both = load_all();
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *ra, *rb, *ru;
	cJSON *ja;
	const expect_row rows[] = {
	    {"CC", 7, 3, 3.0 / 7, 4, 1, 900, 3600},
	    {"ERS", 2, 1, 1.0 / 2, 1, 0, 0, 0},
	    {"IG", 8, 1, 1.0 / 8, 7, 3, NONE, NONE},
	};

	(void)state;
	opts.as_of = D(AS_OF);
	opts.target = D(TARGET);
	opts.target_percent = 50;
	ra = report(CARE_REPORT_FORECAST, a, &opts);
	rb = report(CARE_REPORT_FORECAST, b, &opts);
	ru = report(CARE_REPORT_FORECAST, both, &opts);
	assert_int_equal(care_report_merge(ra, rb), 0);
	assert_same_json(ra, ru);
	ja = to_json(ra);
	check_forecast(ra, ja, rows, 3, 3600);
	cJSON_Delete(ja);
	care_report_free(ra);
	care_report_free(rb);
	care_report_free(ru);
	unload(a);
	unload(b);
	unload(both);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(forecast_with_target_percent),
	    cmocka_unit_test(places_for_target_rounds_up),
	    cmocka_unit_test(filters_and_target_boundary),
	    cmocka_unit_test(all_exempt_competency),
	    cmocka_unit_test(bad_options),
	    cmocka_unit_test(merged_forecast_equals_the_union),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
