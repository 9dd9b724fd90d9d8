/*
 * The compliance and trend report checks: see compliance_checks.h.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "compliance_checks.h"
#include "helpers.h"

void check_group(const care_compliance_group *g, const cJSON *jg, const expect_group *e)
{
	const cJSON *rows = field(jg, "competencies");
	size_t i;

	assert_non_null(g);
	if (e->key) {
		assert_non_null(g->key);
		assert_string_equal(g->key, e->key);
		assert_string_equal(g->label, e->label);
		json_string(jg, "key", e->key);
		json_string(jg, "label", e->label);
	} else {
		assert_null(g->key);
	}
	assert_true(cJSON_IsArray(rows));
	if (g->row_count != e->row_count)
		fail_msg("group %s has %zu rows, expected %zu", e->key ? e->key : "(totals)",
		         g->row_count, e->row_count);
	assert_int_equal(cJSON_GetArraySize(rows), (int)e->row_count);
	for (i = 0; i < e->row_count; i++) {
		const expect_row *x = &e->rows[i];
		const care_compliance_row *r = &g->rows[i];
		const cJSON *jr = cJSON_GetArrayItem(rows, (int)i);

		snprintf(where, sizeof where, "group %s, row %s",
		         e->key ? e->key : "(totals/point)", x->competency);
		assert_string_equal(r->competency, x->competency);
		check_count("required", r->required, x->required);
		check_count("compliant", r->compliant, x->compliant);
		check_count("expiring", r->expiring, x->expiring);
		check_count("not_due", r->not_due, x->not_due);
		check_count("overdue", r->overdue, x->overdue);
		check_count("exempt", r->exempt, x->exempt);
		same_rate("rate", r->rate, x->rate);

		json_string(jr, "competency", x->competency);
		json_count(jr, "required", x->required);
		json_count(jr, "compliant", x->compliant);
		json_count(jr, "expiring", x->expiring);
		json_count(jr, "not_due", x->not_due);
		json_count(jr, "overdue", x->overdue);
		json_count(jr, "exempt", x->exempt);
		json_rate(jr, "rate", x->rate);
	}
	snprintf(where, sizeof where, "group %s", e->key ? e->key : "(totals/point)");
	check_count("staff_required", g->staff_required, e->staff_required);
	check_count("staff_compliant", g->staff_compliant, e->staff_compliant);
	same_rate("staff_rate", g->staff_rate, e->staff_rate);
	json_count(jg, "staff_required", e->staff_required);
	json_count(jg, "staff_compliant", e->staff_compliant);
	json_rate(jg, "staff_rate", e->staff_rate);
}

void check_compliance_header(const cJSON *json, const char *as_of, const char *group_by,
                             int due_soon_days, int min_cell)
{
	json_string(json, "report", "compliance");
	json_string(json, "as_of", as_of);
	json_string(json, "group_by", group_by);
	json_count(json, "due_soon_days", due_soon_days);
	json_count(json, "min_cell", min_cell);
}

void check_compliance(const care_report *r, const cJSON *json, const expect_group *groups,
                      size_t group_count, const expect_group *totals)
{
	const cJSON *jgroups = field(json, "groups");
	size_t i;

	assert_true(cJSON_IsArray(jgroups));
	if (care_report_group_count(r) != group_count)
		fail_msg("%zu groups, expected %zu", care_report_group_count(r), group_count);
	assert_int_equal(cJSON_GetArraySize(jgroups), (int)group_count);
	for (i = 0; i < group_count; i++)
		check_group(care_report_group(r, i), cJSON_GetArrayItem(jgroups, (int)i),
		            &groups[i]);
	assert_null(care_report_group(r, group_count));
	check_group(care_report_totals(r), field(json, "totals"), totals);
}

/*
 * Totals over the whole population:
 * CC: S01 c, S02 o, S03 c, S05 e, S08 c+x -> required 4 (not exempt),
 *     compliant 3, expiring 1, overdue 1, exempt 1, rate 3/4.
 * ERS: S03 o -> required 1, overdue 1, rate 0.
 * IG: S01 c+x, S02 c, S04 n, S05 o, S06 c, S08 e -> required 5, compliant 3,
 *     expiring 1, not_due 1, overdue 1, exempt 1, rate 3/5.
 * Staff with a non-exempt pair: S01 S02 S03 S04 S05 S06 S08 = 7; all of
 * their non-exempt pairs compliant: S01, S06, S08 (its IG is exempt) = 3.
 */
expect_group main_totals(void)
{
	expect_group t = {NULL,
	                  NULL,
	                  3,
	                  {{"CC", 4, 3, 1, 0, 1, 1, 3.0 / 4},
	                   {"ERS", 1, 0, 0, 0, 1, 0, 0.0},
	                   {"IG", 5, 3, 1, 1, 1, 1, 3.0 / 5}},
	                  7,
	                  3,
	                  3.0 / 7};
	return t;
}
