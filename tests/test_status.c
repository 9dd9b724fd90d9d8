/*
 * care_status_get: docs/reports.md#who-must-comply-on-a-date and 5.2, one person and one competency
 * at a time. Every expected value is worked out by hand from the definitions in docs/ alone; the
 * reasoning sits beside each assertion.
 *
 * The dataset is JSON written with single quotes for readability; load()
 * turns them into double quotes (no id or text here holds an apostrophe).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"

/*
 * Roles: REC requires CC within 90 days and IG within 30; CLK requires CC
 * within 60; FAST requires CC within 7; BK requires M1 within 10; PORT
 * requires nothing. Module M1 has no competency field, so it awards "M1"
 * (docs/model.md: a module's competency defaults to its own id). FIRE awards a
 * competency no role requires.
 *
 * Each person is one scenario; their dates are worked out in the tests.
 */
static const char DATASET_HEAD[] =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'U1','name':'Unit One'},{'id':'U2','name':'Unit Two','parent':'U1'}],"
    "'roles':["
    "{'id':'REC','title':'Receptionist','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':90},"
    "{'competency':'IG','due_within_days':30}]},"
    "{'id':'CLK','title':'Clerk','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':60}]},"
    "{'id':'FAST','title':'Fast starter','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':7}]},"
    "{'id':'BK','title':'Booker','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'M1','due_within_days':10}]},"
    "{'id':'PORT','title':'Porter','staff_group':'estates-ancillary','patient_facing':false,"
    "'clinical':false,'requirements':[]}],"
    "'modules':["
    "{'id':'CC-EL','title':'Customer care e-learning','competency':'CC','validity_months':12,"
    "'delivery':'e-learning'},"
    "{'id':'CC-WS','title':'Customer care workshop','competency':'CC','validity_months':36,"
    "'delivery':'workshop'},"
    "{'id':'CC-LIFE','title':'Customer care induction','competency':'CC','validity_months':0,"
    "'delivery':'blended'},"
    "{'id':'IG-EL','title':'Information governance','competency':'IG','validity_months':12,"
    "'delivery':'e-learning'},"
    "{'id':'M1','title':'Monthly refresher','validity_months':1,'delivery':'virtual'},"
    "{'id':'FIRE','title':'Fire safety','competency':'FIRE','validity_months':12,"
    "'delivery':'e-learning'}],";

static const char DATASET_STAFF[] =
    "'staff':["
    "{'id':'LEAP','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01'}]},"
    "{'id':'MEND','started_on':'2024-01-01',"
    "'assignments':[{'role':'BK','unit':'U1','from':'2024-01-01'}]},"
    "{'id':'GRACE','started_on':'2025-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2025-01-01'}]},"
    "{'id':'GAP','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01','to':'2024-06-30'},"
    "{'role':'CLK','unit':'U1','from':'2024-07-02'}]},"
    "{'id':'NOGAP','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01','to':'2024-06-30'},"
    "{'role':'CLK','unit':'U1','from':'2024-07-01'}]},"
    "{'id':'TWO','started_on':'2025-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2025-01-01'},"
    "{'role':'CLK','unit':'U2','from':'2025-01-01'}]},"
    "{'id':'LATER','started_on':'2025-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2025-01-01'},"
    "{'role':'FAST','unit':'U2','from':'2025-02-01'}]},"
    "{'id':'LEAVER','started_on':'2024-01-01','left_on':'2025-06-30',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01'}]},"
    "{'id':'EXEMPT','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01'}],"
    "'exemptions':[{'competency':'CC','from':'2025-03-01','to':'2025-03-31',"
    "'reason':'long-term sick leave'}]},"
    "{'id':'EQUIV','started_on':'2023-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2023-01-01'}]},"
    "{'id':'NEVER','started_on':'2023-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2023-01-01'}]},"
    "{'id':'FAILED','started_on':'2025-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2025-01-01'}]},"
    "{'id':'FAILOLD','started_on':'2023-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2023-01-01'}]},"
    "{'id':'LATEGRACE','started_on':'2025-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2025-01-01'}]},"
    "{'id':'EXPIRY','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01'}]},"
    "{'id':'CLIP','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2023-06-01'}]},"
    "{'id':'SHORT','started_on':'2025-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2025-01-01'},"
    "{'role':'FAST','unit':'U2','from':'2025-01-01','to':'2025-01-31'}]},"
    "{'id':'CROSS','started_on':'2024-01-01',"
    "'assignments':[{'role':'REC','unit':'U1','from':'2024-01-01'}]},"
    "{'id':'PORTER','started_on':'2024-01-01',"
    "'assignments':[{'role':'PORT','unit':'U1','from':'2024-01-01'}]}],";

static const char DATASET_COMPLETIONS[] =
    "'completions':["
    "{'staff':'LEAP','module':'CC-EL','completed_on':'2024-02-29','outcome':'passed'},"
    "{'staff':'LEAP','module':'FIRE','completed_on':'2024-03-01','outcome':'passed'},"
    "{'staff':'MEND','module':'M1','completed_on':'2025-01-31','outcome':'completed'},"
    "{'staff':'LEAVER','module':'CC-EL','completed_on':'2024-02-01','outcome':'passed'},"
    "{'staff':'EQUIV','module':'CC-WS','completed_on':'2023-01-10','outcome':'passed'},"
    "{'staff':'EQUIV','module':'CC-EL','completed_on':'2024-06-15','outcome':'completed'},"
    "{'staff':'NEVER','module':'CC-EL','completed_on':'2025-01-01','outcome':'passed'},"
    "{'staff':'NEVER','module':'CC-LIFE','completed_on':'2023-05-05','outcome':'completed'},"
    "{'staff':'FAILED','module':'CC-EL','completed_on':'2025-01-10','outcome':'failed'},"
    "{'staff':'FAILOLD','module':'CC-EL','completed_on':'2023-02-01','outcome':'passed'},"
    "{'staff':'FAILOLD','module':'CC-EL','completed_on':'2024-01-15','outcome':'failed'},"
    "{'staff':'LATEGRACE','module':'CC-EL','completed_on':'2024-01-15','outcome':'passed'},"
    "{'staff':'EXPIRY','module':'CC-EL','completed_on':'2024-04-30','outcome':'passed'},"
    "{'staff':'CROSS','module':'IG-EL','completed_on':'2024-02-01','outcome':'passed'}]}";

static care_dataset *ds;

static int setup(void **state)
{
	(void)state;
	ds = load(DATASET_HEAD, DATASET_STAFF, DATASET_COMPLETIONS, END);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unload(ds);
	ds = NULL;
	return 0;
}

/* Status with due_soon_days `soon`, asserting the call succeeds. */
static care_status_info get_soon(const char *staff, const char *competency, const char *as_of,
                                 int soon)
{
	care_status_info info;

	memset(&info, 0x5a, sizeof info);
	assert_int_equal(care_status_get(&info, ds, staff, competency, D(as_of), soon), 0);
	return info;
}

static care_status_info get(const char *staff, const char *competency, const char *as_of)
{
	return get_soon(staff, competency, as_of, 30);
}

static void expect_compliant(care_status_info info, int expiring, const char *expires_on)
{
	assert_int_equal(info.status, CARE_STATUS_COMPLIANT);
	assert_int_equal(!!info.expiring, expiring);
	assert_string_equal(fmt(info.expires_on), expires_on);
	assert_string_equal(fmt(info.overdue_since), "null");
}

static void expect_not_due(care_status_info info, const char *grace_end)
{
	assert_int_equal(info.status, CARE_STATUS_NOT_DUE);
	assert_false(info.expiring);
	assert_string_equal(fmt(info.grace_end), grace_end);
	assert_string_equal(fmt(info.expires_on), "null");
	assert_string_equal(fmt(info.overdue_since), "null");
}

static void expect_overdue(care_status_info info, const char *since)
{
	assert_int_equal(info.status, CARE_STATUS_OVERDUE);
	assert_false(info.expiring);
	assert_string_equal(fmt(info.expires_on), "null");
	assert_string_equal(fmt(info.overdue_since), since);
}

static void expect_not_required(care_status_info info)
{
	assert_int_equal(info.status, CARE_STATUS_NOT_REQUIRED);
	assert_false(info.expiring);
	assert_string_equal(fmt(info.grace_end), "null");
	assert_string_equal(fmt(info.overdue_since), "null");
}

/*
 * LEAP: REC from 2024-01-01, so P = 2024-01-01 and the CC grace end is
 * add_days(2024-01-01, 90) = 2024-03-31 (31 + 29 + 30 days of a leap year).
 * CC-EL (12 months) completed 2024-02-29: expires_on = add_months(2024-02-29,
 * 12) = 2025-02-28 (no 29 February in 2025: clamped).
 */
static void leap_day_completion_expires_28_february(void **state)
{
	care_status_info info;

	(void)state;
	/* 2024-02-28: before the completion, before the grace end -> not-due. */
	info = get("LEAP", "CC", "2024-02-28");
	expect_not_due(info, "2024-03-31");
	assert_string_equal(fmt(info.period_start), "2024-01-01");
	/* 2024-02-29: completed_on <= D -> valid on its own day; 365 days left. */
	info = get("LEAP", "CC", "2024-02-29");
	expect_compliant(info, 0, "2025-02-28");
	assert_string_equal(fmt(info.grace_end), "2024-03-31");
	/* 2025-02-27: one day before expiry, 1 <= 30 -> expiring. */
	expect_compliant(get("LEAP", "CC", "2025-02-27"), 1, "2025-02-28");
	/* 2025-02-28 = expires_on: D < expires_on fails -> not valid; past the
	 * grace end -> overdue since max(2024-03-31, 2025-02-28) = 2025-02-28. */
	info = get("LEAP", "CC", "2025-02-28");
	expect_overdue(info, "2025-02-28");
	assert_string_equal(fmt(info.period_start), "2024-01-01");
	assert_string_equal(fmt(info.grace_end), "2024-03-31");
}

/*
 * MEND: BK requires M1 within 10 days from 2024-01-01: grace end 2024-01-11.
 * M1 (1 month, competency defaulted to "M1") completed 2025-01-31: expires
 * add_months(2025-01-31, 1) = 2025-02-28 (clamped).
 */
static void month_end_completion_expires_end_of_february(void **state)
{
	(void)state;
	/* The day before: no valid completion; overdue since the grace end
	 * (there is no expired counting completion). */
	expect_overdue(get("MEND", "M1", "2025-01-30"), "2024-01-11");
	/* The day of the completion: valid, 28 days left -> expiring. */
	expect_compliant(get("MEND", "M1", "2025-01-31"), 1, "2025-02-28");
	expect_compliant(get("MEND", "M1", "2025-02-27"), 1, "2025-02-28");
	/* Expiry day: overdue since max(2024-01-11, 2025-02-28). */
	expect_overdue(get("MEND", "M1", "2025-02-28"), "2025-02-28");
}

/*
 * GRACE: REC from 2025-01-01, never trained. CC grace end = 2025-01-01 + 90
 * = 2025-04-01 (31 + 28 + 31 days); IG grace end = 2025-01-01 + 30 =
 * 2025-01-31. D < grace end is not-due, so D == grace end is overdue.
 */
static void grace_end_on_as_of_date_is_overdue(void **state)
{
	care_status_info info;

	(void)state;
	info = get("GRACE", "CC", "2025-03-31");
	expect_not_due(info, "2025-04-01");
	assert_string_equal(fmt(info.period_start), "2025-01-01");
	info = get("GRACE", "CC", "2025-04-01");
	expect_overdue(info, "2025-04-01");
	assert_string_equal(fmt(info.grace_end), "2025-04-01");
	expect_not_due(get("GRACE", "IG", "2025-01-30"), "2025-01-31");
	expect_overdue(get("GRACE", "IG", "2025-01-31"), "2025-01-31");
	/* Before started_on nobody is employed: no pair. */
	expect_not_required(get("GRACE", "CC", "2024-12-31"));
	/* Started on D: P = D, grace end = D + 90. */
	expect_not_due(get("GRACE", "CC", "2025-01-01"), "2025-04-01");
}

/*
 * GAP: REC (CC 90) 2024-01-01..2024-06-30, nothing on 2024-07-01, CLK (CC 60)
 * from 2024-07-02. The run of days requiring CC that ends on 2024-08-01
 * starts 2024-07-02: new P, and g = 60 (only CLK is active on P), so the
 * grace end is 2024-07-02 + 60 = 2024-08-31 (29 days to 31 July, 31 more).
 */
static void role_change_with_a_gap_restarts_the_period(void **state)
{
	care_status_info info;

	(void)state;
	info = get("GAP", "CC", "2024-08-01");
	expect_not_due(info, "2024-08-31");
	assert_string_equal(fmt(info.period_start), "2024-07-02");
	expect_overdue(get("GAP", "CC", "2024-08-31"), "2024-08-31");
	/* On the gap day itself there is no active assignment. */
	expect_not_required(get("GAP", "CC", "2024-07-01"));
	/* CLK does not require IG: after REC ended, no IG pair. */
	expect_not_required(get("GAP", "IG", "2024-08-01"));
	/* Under REC: grace end 2024-01-01 + 30 = 2024-01-31, overdue since. */
	expect_overdue(get("GAP", "IG", "2024-06-30"), "2024-01-31");
}

/*
 * NOGAP: REC to 2024-06-30 and CLK from 2024-07-01: consecutive days, so the
 * run that ends on 2024-08-01 starts 2024-01-01. P = 2024-01-01, on which
 * only REC (90) is active: grace end 2024-03-31, overdue since then.
 */
static void role_change_without_a_gap_keeps_the_period(void **state)
{
	care_status_info info;

	(void)state;
	info = get("NOGAP", "CC", "2024-08-01");
	expect_overdue(info, "2024-03-31");
	assert_string_equal(fmt(info.period_start), "2024-01-01");
	assert_string_equal(fmt(info.grace_end), "2024-03-31");
	expect_not_due(get("NOGAP", "CC", "2024-03-30"), "2024-03-31");
}

/*
 * g is the smallest due_within_days among the roles active on P that require
 * C. TWO holds REC (90) and CLK (60) from 2025-01-01: g = 60, grace end
 * 2025-01-01 + 60 = 2025-03-02 (31 + 28 + 1). LATER holds REC (90) from
 * 2025-01-01 and FAST (7) only from 2025-02-01: on P = 2025-01-01 only REC
 * is active, so g = 90 and the grace end is 2025-04-01 -- FAST's 7 days
 * do not shorten it.
 */
static void grace_uses_smallest_due_among_roles_active_on_p(void **state)
{
	care_status_info info;

	(void)state;
	expect_not_due(get("TWO", "CC", "2025-03-01"), "2025-03-02");
	expect_overdue(get("TWO", "CC", "2025-03-02"), "2025-03-02");
	info = get("LATER", "CC", "2025-03-15");
	expect_not_due(info, "2025-04-01");
	assert_string_equal(fmt(info.period_start), "2025-01-01");
	expect_overdue(get("LATER", "CC", "2025-04-01"), "2025-04-01");
}

/*
 * SHORT holds REC (90) from 2025-01-01 and FAST (7) only 2025-01-01 to
 * 2025-01-31. On 2025-03-01 FAST has ended, but it was active on P =
 * 2025-01-01 (the run of days requiring CC is unbroken, REC covering it
 * throughout), so g = min(90, 7) = 7: grace end 2025-01-08, overdue since.
 */
static void grace_counts_a_role_active_on_p_that_has_since_ended(void **state)
{
	care_status_info info;

	(void)state;
	info = get("SHORT", "CC", "2025-03-01");
	expect_overdue(info, "2025-01-08");
	assert_string_equal(fmt(info.period_start), "2025-01-01");
	assert_string_equal(fmt(info.grace_end), "2025-01-08");
	expect_not_due(get("SHORT", "CC", "2025-01-07"), "2025-01-08");
}

/*
 * CROSS: IG-EL 2024-02-01 expires 2025-02-01. On 2025-03-01 it moves IG's
 * overdue_since to max(2024-01-31, 2025-02-01) = 2025-02-01, but not CC's,
 * which stays at CC's grace end 2024-03-31 (only completions for C count).
 */
static void overdue_since_looks_at_the_competency_only(void **state)
{
	(void)state;
	expect_overdue(get("CROSS", "IG", "2025-03-01"), "2025-02-01");
	expect_overdue(get("CROSS", "CC", "2025-03-01"), "2024-03-31");
}

/*
 * LEAVER: left_on 2025-06-30 (the last day of employment). CC-EL 2024-02-01
 * expires 2025-02-01; grace end 2024-03-31.
 */
static void leaver_is_employed_on_left_on_only(void **state)
{
	(void)state;
	expect_compliant(get("LEAVER", "CC", "2024-12-01"), 0, "2025-02-01");
	/* D == left_on: still employed; overdue since max(2024-03-31,
	 * 2025-02-01) = 2025-02-01 (the latest expiry <= D is later). */
	expect_overdue(get("LEAVER", "CC", "2025-06-30"), "2025-02-01");
	/* The day after: not employed, so no assignment is active: no pair. */
	expect_not_required(get("LEAVER", "CC", "2025-07-01"));
	expect_not_required(get("LEAVER", "IG", "2025-07-01"));
}

/*
 * EXEMPT: exempt from CC over [2025-03-01, 2025-03-31]. Never trained, so
 * outside the exemption CC is overdue since the grace end 2024-03-31.
 */
static void exemption_covers_both_ends(void **state)
{
	care_status_info info;

	(void)state;
	expect_overdue(get("EXEMPT", "CC", "2025-02-28"), "2024-03-31");
	info = get("EXEMPT", "CC", "2025-03-01"); /* from == D */
	assert_int_equal(info.status, CARE_STATUS_EXEMPT);
	assert_false(info.expiring);
	assert_string_equal(fmt(info.expires_on), "null");
	assert_string_equal(fmt(info.overdue_since), "null");
	info = get("EXEMPT", "CC", "2025-03-31"); /* to == D */
	assert_int_equal(info.status, CARE_STATUS_EXEMPT);
	assert_string_equal(fmt(info.overdue_since), "null");
	expect_overdue(get("EXEMPT", "CC", "2025-04-01"), "2024-03-31");
	/* The exemption is for CC only: IG (grace end 2024-01-31) is overdue. */
	expect_overdue(get("EXEMPT", "IG", "2025-03-15"), "2024-01-31");
}

/*
 * EQUIV: two modules award CC. CC-WS (36 months) 2023-01-10 expires
 * 2026-01-10; CC-EL (12 months) 2024-06-15 expires 2025-06-15. REC from
 * 2023-01-01: grace end 2023-01-01 + 90 = 2023-04-01.
 */
static void equivalent_modules_take_latest_expiry(void **state)
{
	(void)state;
	/* Both valid: the latest expires_on, 2026-01-10, not the newest
	 * completion's 2025-06-15. */
	expect_compliant(get("EQUIV", "CC", "2025-03-01"), 0, "2026-01-10");
	expect_compliant(get("EQUIV", "CC", "2025-06-14"), 0, "2026-01-10");
	/* Only CC-WS valid; 2026-01-10 - 2025-12-20 = 21 <= 30 -> expiring. */
	expect_compliant(get("EQUIV", "CC", "2025-12-20"), 1, "2026-01-10");
	/* Both expired: since the latest expiry <= D, 2026-01-10. */
	expect_overdue(get("EQUIV", "CC", "2026-02-01"), "2026-01-10");
	/* Before any completion: 2023-01-05 < grace end 2023-04-01. */
	expect_not_due(get("EQUIV", "CC", "2023-01-05"), "2023-04-01");
}

/*
 * NEVER: CC-EL 2025-01-01 (expires 2026-01-01) and CC-LIFE (validity 0)
 * 2023-05-05. Among the valid ones one never expires, so expires_on is
 * none and the pair is never expiring.
 */
static void never_expiring_module_makes_expiry_null(void **state)
{
	(void)state;
	expect_compliant(get("NEVER", "CC", "2025-03-01"), 0, "null");
	/* 2025-12-20 is within 30 days of CC-EL's expiry, but the pair has no
	 * expires_on, so it is not expiring. */
	expect_compliant(get("NEVER", "CC", "2025-12-20"), 0, "null");
	expect_compliant(get("NEVER", "CC", "2150-06-30"), 0, "null");
	/* Before CC-LIFE: not-due (2023-01-01 + 90 = 2023-04-01) ... */
	expect_not_due(get("NEVER", "CC", "2023-03-01"), "2023-04-01");
	/* ... then overdue from the grace end until CC-LIFE is done. */
	expect_overdue(get("NEVER", "CC", "2023-05-04"), "2023-04-01");
	expect_compliant(get("NEVER", "CC", "2023-05-05"), 0, "null");
}

/*
 * Failed attempts do not count: not for compliance, and not for the
 * overdue_since of an expired record.
 */
static void failed_attempts_do_not_count(void **state)
{
	(void)state;
	/* FAILED: REC from 2025-01-01, one failed CC-EL on 2025-01-10. */
	expect_not_due(get("FAILED", "CC", "2025-02-01"), "2025-04-01");
	expect_overdue(get("FAILED", "CC", "2025-04-01"), "2025-04-01");
	/* FAILOLD: passed 2023-02-01 (expires 2024-02-01), failed 2024-01-15
	 * (would expire 2025-01-15). On 2024-01-20 only the pass counts:
	 * expires 2024-02-01, 12 days away -> expiring. */
	expect_compliant(get("FAILOLD", "CC", "2024-01-20"), 1, "2024-02-01");
	/* On 2025-01-10 the failed attempt (if it counted) would still be
	 * valid; it does not, so overdue since max(2023-04-01, 2024-02-01). */
	expect_overdue(get("FAILOLD", "CC", "2025-01-10"), "2024-02-01");
	expect_overdue(get("FAILOLD", "CC", "2025-03-01"), "2024-02-01");
}

/*
 * LATEGRACE: trained before joining (CC-EL 2024-01-15, expires 2025-01-15),
 * REC from 2025-01-01 (grace end 2025-04-01). the docs does not tie a
 * completion to employment, so it is valid in January.
 */
static void overdue_since_is_later_of_grace_end_and_expiry(void **state)
{
	(void)state;
	/* 2025-01-15 - 2025-01-10 = 5 days -> expiring. */
	expect_compliant(get("LATEGRACE", "CC", "2025-01-10"), 1, "2025-01-15");
	/* Expired, but D < grace end: not-due. */
	expect_not_due(get("LATEGRACE", "CC", "2025-02-01"), "2025-04-01");
	/* Overdue since max(grace end 2025-04-01, expiry 2025-01-15). */
	expect_overdue(get("LATEGRACE", "CC", "2025-05-01"), "2025-04-01");
}

/*
 * EXPIRY: CC-EL 2024-04-30 expires 2025-04-30. 2025-04-30 - 2025-03-31 = 30
 * days, 2025-04-30 - 2025-03-30 = 31 days.
 */
static void expiring_boundary(void **state)
{
	(void)state;
	expect_compliant(get("EXPIRY", "CC", "2025-03-31"), 1, "2025-04-30");
	expect_compliant(get("EXPIRY", "CC", "2025-03-30"), 0, "2025-04-30");
	/* The window is the caller's: 31 <= 31. */
	expect_compliant(get_soon("EXPIRY", "CC", "2025-03-30", 31), 1, "2025-04-30");
	expect_compliant(get_soon("EXPIRY", "CC", "2025-04-29", 0), 0, "2025-04-30");
	/* Expiry day: overdue since max(2024-03-31, 2025-04-30). */
	expect_overdue(get("EXPIRY", "CC", "2025-04-30"), "2025-04-30");
}

/*
 * CLIP: the assignment starts 2023-06-01, before started_on 2024-01-01 (an
 * outside-employment warning). An assignment is only active while the
 * person is employed, so P = 2024-01-01 and the grace end 2024-03-31.
 */
static void assignment_before_employment_is_clipped(void **state)
{
	care_status_info info;

	(void)state;
	expect_not_required(get("CLIP", "CC", "2023-12-31"));
	info = get("CLIP", "CC", "2024-03-30");
	expect_not_due(info, "2024-03-31");
	assert_string_equal(fmt(info.period_start), "2024-01-01");
	expect_overdue(get("CLIP", "CC", "2024-03-31"), "2024-03-31");
}

static void not_required_and_unknown(void **state)
{
	care_status_info info;

	(void)state;
	/* A competency that no role requires, even with a valid completion. */
	expect_not_required(get("LEAP", "FIRE", "2024-06-01"));
	/* A competency nobody has heard of. */
	expect_not_required(get("LEAP", "NO-SUCH-COMPETENCY", "2024-06-01"));
	/* Required of others (BK) but not of LEAP. */
	expect_not_required(get("LEAP", "M1", "2024-06-01"));
	/* A role with no requirements. */
	expect_not_required(get("PORTER", "CC", "2025-01-01"));
	/* An unknown person. */
	assert_int_equal(care_status_get(&info, ds, "NOBODY", "CC", D("2025-01-01"), 30),
	                 CARE_ENOTFOUND);
	/* A dataset that is not sealed yet. */
	{
		care_dataset *open = NULL;
		assert_int_equal(care_dataset_new(&open), 0);
		assert_int_equal(care_status_get(&info, open, "LEAP", "CC", D("2025-01-01"), 30),
		                 CARE_EINVAL);
		care_dataset_free(open);
	}
	/* Ids are case-sensitive. */
	assert_int_equal(care_status_get(&info, ds, "leap", "CC", D("2025-01-01"), 30),
	                 CARE_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(leap_day_completion_expires_28_february),
	    cmocka_unit_test(month_end_completion_expires_end_of_february),
	    cmocka_unit_test(grace_end_on_as_of_date_is_overdue),
	    cmocka_unit_test(role_change_with_a_gap_restarts_the_period),
	    cmocka_unit_test(role_change_without_a_gap_keeps_the_period),
	    cmocka_unit_test(grace_uses_smallest_due_among_roles_active_on_p),
	    cmocka_unit_test(grace_counts_a_role_active_on_p_that_has_since_ended),
	    cmocka_unit_test(overdue_since_looks_at_the_competency_only),
	    cmocka_unit_test(leaver_is_employed_on_left_on_only),
	    cmocka_unit_test(exemption_covers_both_ends),
	    cmocka_unit_test(equivalent_modules_take_latest_expiry),
	    cmocka_unit_test(never_expiring_module_makes_expiry_null),
	    cmocka_unit_test(failed_attempts_do_not_count),
	    cmocka_unit_test(overdue_since_is_later_of_grace_end_and_expiry),
	    cmocka_unit_test(expiring_boundary),
	    cmocka_unit_test(assignment_before_employment_is_clipped),
	    cmocka_unit_test(not_required_and_unknown),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
