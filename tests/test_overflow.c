/*
 * Arithmetic that would overflow: a cost per place may be as large as 2^53
 * pence, so places x cost, and the sum over competencies, may not fit in 64
 * bits. Such a figure is null (CARE_NONE), in the struct and in JSON, never
 * a wrapped negative number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "care.h"
#include "helpers.h"

#define BIG_COST 9007199254740992LL /* 2^53: the largest cost a dataset may hold */

/*
 * `people` overdue staff in role R, which requires a and b; modules for a
 * and b cost `cost` pence a place. Nobody has trained: places = people.
 */
static care_dataset *trust(int people, int64_t cost)
{
	care_dataset *ds;
	care_unit unit = CARE_UNIT_INIT;
	care_requirement req[2] = {CARE_REQUIREMENT_INIT, CARE_REQUIREMENT_INIT};
	care_role role = CARE_ROLE_INIT;
	care_module module = CARE_MODULE_INIT;
	care_assignment as = CARE_ASSIGNMENT_INIT;
	care_staff staff = CARE_STAFF_INIT;
	char id[16];
	int i;

	assert_int_equal(care_dataset_new(&ds), 0);
	unit.id = "U";
	unit.name = "Unit";
	assert_int_equal(care_dataset_add_unit(ds, &unit, NULL), 0);
	req[0].competency = "a";
	req[1].competency = "b";
	role.id = "R";
	role.title = "Role";
	role.requirements = req;
	role.requirement_count = 2;
	assert_int_equal(care_dataset_add_role(ds, &role, NULL), 0);
	module.title = "Module";
	module.cost_pence = cost;
	module.id = "a";
	assert_int_equal(care_dataset_add_module(ds, &module, NULL), 0);
	module.id = "b";
	assert_int_equal(care_dataset_add_module(ds, &module, NULL), 0);
	as.role = "R";
	as.unit = "U";
	as.from = D("2020-01-01");
	staff.started_on = D("2020-01-01");
	staff.assignments = &as;
	staff.assignment_count = 1;
	for (i = 0; i < people; i++) {
		snprintf(id, sizeof id, "S%04d", i);
		staff.id = id;
		assert_int_equal(care_dataset_add_staff(ds, &staff, NULL), 0);
	}
	assert_int_equal(care_dataset_seal(ds), 0);
	return ds;
}

static care_report *forecast(const care_dataset *ds)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;

	o.as_of = D("2026-03-31");
	o.target = D("2027-03-31");
	o.target_percent = 100;
	return report(CARE_REPORT_FORECAST, ds, &o);
}

/* 600 x 2^53 fits (5.4e18); the two of them together do not (1.08e19 > 9.2e18). */
static void a_sum_too_large_is_null(void **state)
{
	care_dataset *ds = trust(600, BIG_COST);
	care_report *r = forecast(ds);
	cJSON *json;

	(void)state;
	assert_int_equal(care_report_forecast_row(r, 0)->cost_pence, 600 * BIG_COST);
	assert_int_equal(care_report_forecast_row(r, 1)->cost_for_target_pence, 600 * BIG_COST);
	assert_int_equal(care_report_total_cost_pence(r), -1);
	assert_int_equal(care_report_total_cost_for_target_pence(r), -1);
	json = to_json(r);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(json, "total_cost_pence")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(json, "total_cost_for_target_pence")));
	/* null with its reason */
	assert_non_null(strstr(cJSON_GetStringValue(cJSON_GetObjectItem(json, "total_cost_note")),
	                       "too large"));
	assert_non_null(cJSON_GetObjectItem(json, "total_cost_for_target_note"));
	assert_null(cJSON_GetObjectItem(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(json, "competencies"), 0), "cost_note"));
	cJSON_Delete(json);
	care_report_free(r);
	care_dataset_free(ds);
}

/* 1100 x 2^53 does not fit even for one competency: the row's cost is null too. */
static void a_product_too_large_is_null(void **state)
{
	care_dataset *ds = trust(1100, BIG_COST);
	care_report *r = forecast(ds);
	cJSON *json, *row;

	(void)state;
	assert_int_equal(care_report_forecast_row(r, 0)->places, 1100);
	assert_int_equal(care_report_forecast_row(r, 0)->cost_pence, CARE_NONE);
	assert_int_equal(care_report_forecast_row(r, 0)->cost_for_target_pence, CARE_NONE);
	assert_int_equal(care_report_total_cost_pence(r), -1);
	json = to_json(r);
	row = cJSON_GetArrayItem(cJSON_GetObjectItem(json, "competencies"), 0);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(row, "cost_pence")));
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(row, "unit_cost_pence")));
	assert_non_null(
	    strstr(cJSON_GetStringValue(cJSON_GetObjectItem(row, "cost_note")), "too large"));
	cJSON_Delete(json);
	care_report_free(r);
	care_dataset_free(ds);
}

/* Ordinary costs are untouched: 3 places of £15 each, two competencies. */
static void ordinary_costs_add_up(void **state)
{
	care_dataset *ds = trust(3, 1500);
	care_report *r = forecast(ds);

	(void)state;
	assert_int_equal(care_report_total_cost_pence(r), 9000);
	assert_int_equal(care_report_total_cost_for_target_pence(r), 9000);
	{
		cJSON *json = to_json(r);
		assert_null(cJSON_GetObjectItem(json, "total_cost_note"));
		cJSON_Delete(json);
	}
	care_report_free(r);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_sum_too_large_is_null),
	    cmocka_unit_test(a_product_too_large_is_null),
	    cmocka_unit_test(ordinary_costs_add_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
