/*
 * Training and patient outcomes (docs/reports.md#training-and-patient-outcomes) through the public
 * API: the care_outcomes struct and the JSON of docs/reports.md#output. Every expected value is
 * worked out by hand from the definitions in docs/ alone, with the reasoning beside it.
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

static care_report *outcomes(const care_dataset *ds, const char *competency, const char *from,
                             const char *to, int min_cell)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r;

	o.competency = competency;
	o.from = D(from);
	o.to = D(to);
	o.min_cell = min_cell;
	r = report(CARE_REPORT_OUTCOMES, ds, &o);
	assert_non_null(care_report_outcomes(r));
	return r;
}

/* The struct and the JSON agree with the expected figures. */
typedef struct expected {
	int64_t trained_interactions, trained_complaints;
	double trained_per_1000;
	int64_t untrained_interactions, untrained_complaints;
	double untrained_per_1000;
	double rr, low, high;
	int64_t unlinked;
	int64_t channels[9];
} expected;

static void check(const care_report *r, const char *competency, const char *from, const char *to,
                  const expected *e)
{
	const care_outcomes *o = care_report_outcomes(r);
	cJSON *json = to_json(r);
	const cJSON *group, *channels, *item;
	int i;

	assert_int_equal(o->from, D(from));
	assert_int_equal(o->to, D(to));
	assert_string_equal(o->competency, competency);
	assert_int_equal(o->trained.interactions, e->trained_interactions);
	assert_int_equal(o->trained.complaints, e->trained_complaints);
	near("trained.per_1000", o->trained.per_1000, e->trained_per_1000);
	assert_int_equal(o->untrained.interactions, e->untrained_interactions);
	assert_int_equal(o->untrained.complaints, e->untrained_complaints);
	near("untrained.per_1000", o->untrained.per_1000, e->untrained_per_1000);
	near("rate_ratio", o->rate_ratio, e->rr);
	near("rate_ratio_low", o->rate_ratio_low, e->low);
	near("rate_ratio_high", o->rate_ratio_high, e->high);
	assert_int_equal(o->unlinked_complaints, e->unlinked);
	for (i = 0; i < 9; i++)
		assert_int_equal(o->channels[i], e->channels[i]);

	assert_string_equal(field(json, "report")->valuestring, "outcomes");
	assert_string_equal(field(json, "competency")->valuestring, competency);
	assert_string_equal(field(json, "from")->valuestring, from);
	assert_string_equal(field(json, "to")->valuestring, to);
	group = field(json, "trained");
	json_count(group, "interactions", e->trained_interactions);
	json_count(group, "complaints", e->trained_complaints);
	json_rate_near(group, "per_1000", e->trained_per_1000);
	group = field(json, "untrained");
	json_count(group, "interactions", e->untrained_interactions);
	json_count(group, "complaints", e->untrained_complaints);
	json_rate_near(group, "per_1000", e->untrained_per_1000);
	json_rate_near(json, "rate_ratio", e->rr);
	json_rate_near(json, "rate_ratio_low", e->low);
	json_rate_near(json, "rate_ratio_high", e->high);
	json_count(json, "unlinked_complaints", e->unlinked);
	/* Every channel, in enum order, and nothing else. */
	channels = field(json, "channels");
	assert_true(cJSON_IsObject(channels));
	assert_int_equal(cJSON_GetArraySize(channels), 9);
	i = 0;
	cJSON_ArrayForEach(item, channels)
	{
		assert_string_equal(item->string, care_enum_name(CARE_ENUM_CHANNEL, i));
		json_count(channels, item->string, e->channels[i]);
		i++;
	}
	cJSON_Delete(json);
}

/* ------------------------------------------------------------------------- */
/* The dataset                                                               */

/*
 * Competency cc is awarded by two equivalent modules, A and B (12 months);
 * module X awards another competency. Completions:
 *   T1  A completed 2026-01-10          -> valid 2026-01-10 .. 2027-01-09
 *   T2  B passed    2025-06-01          -> valid to 2026-05-31 (the second module)
 *   E   B completed 2025-03-29          -> expires_on 2026-03-29: valid on the
 *                                          28th, not on the 29th (D < expires_on)
 *   F   A failed    2026-01-05          -> does not count
 *   O   X completed 2026-01-05          -> another competency
 *   L   A completed 2026-03-15          -> valid from the 15th (completed_on <= D)
 *   N   nothing, but exempt from cc     -> exemptions do not matter: untrained
 * T2's role does not require cc: trained all the same.
 */
static const char *const people =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'U','name':'Unit'}],"
    "'roles':[{'id':'R','title':'Receptionist','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,"
    "'requirements':[{'competency':'cc','due_within_days':30}]},"
    "{'id':'Q','title':'Porter','staff_group':'estates-ancillary',"
    "'patient_facing':true,'clinical':false,'requirements':[]}],"
    "'modules':[{'id':'A','title':'E-learning','competency':'cc','validity_months':12,"
    "'delivery':'e-learning'},"
    "{'id':'B','title':'Workshop','competency':'cc','validity_months':12,"
    "'delivery':'workshop'},"
    "{'id':'X','title':'Other','competency':'other','validity_months':0,"
    "'delivery':'virtual'}],"
    "'staff':["
    "{'id':'T1','started_on':'2020-01-01','assignments':[{'role':'R','unit':'U','from':"
    "'2020-01-01'}]},"
    "{'id':'T2','started_on':'2020-01-01','assignments':[{'role':'Q','unit':'U','from':"
    "'2020-01-01'}]},"
    "{'id':'E','started_on':'2020-01-01','assignments':[{'role':'R','unit':'U','from':"
    "'2020-01-01'}]},"
    "{'id':'F','started_on':'2020-01-01','assignments':[{'role':'R','unit':'U','from':"
    "'2020-01-01'}]},"
    "{'id':'O','started_on':'2020-01-01','assignments':[{'role':'R','unit':'U','from':"
    "'2020-01-01'}]},"
    "{'id':'L','started_on':'2020-01-01','assignments':[{'role':'R','unit':'U','from':"
    "'2020-01-01'}]},"
    "{'id':'N','started_on':'2020-01-01','assignments':[{'role':'R','unit':'U','from':"
    "'2020-01-01'}],'exemptions':[{'competency':'cc','from':'2020-01-01','reason':'r'}]}],"
    "'completions':["
    "{'staff':'T1','module':'A','completed_on':'2026-01-10','outcome':'completed'},"
    "{'staff':'T2','module':'B','completed_on':'2025-06-01','outcome':'passed'},"
    "{'staff':'E','module':'B','completed_on':'2025-03-29','outcome':'completed'},"
    "{'staff':'F','module':'A','completed_on':'2026-01-05','outcome':'failed'},"
    "{'staff':'O','module':'X','completed_on':'2026-01-05','outcome':'completed'},"
    "{'staff':'L','module':'A','completed_on':'2026-03-15','outcome':'completed'}],";

/*
 * Interactions, by local date (the date as written, whatever the offset):
 *   I1  T1 03-02 phone      trained
 *   I2  T2 03-03 email      trained (module B)
 *   I3  E  03-29 phone      untrained: 2026-03-29T00:30:00+01:00 is on the
 *                           29th (23:30 on the 28th in UTC), = expires_on
 *   I4  E  03-28 in-person  trained: 2026-03-28T23:30:00-01:00 is on the 28th
 *   I5  F  03-10 phone      untrained (failed)
 *   I6  N  03-11 letter     untrained (exempt, never trained)
 *   I7  O  03-12 video      untrained (competency other)
 *   I8  T1 02-28 phone      outside (before)
 *   I9  T1 04-01 phone      outside: 2026-04-01T00:10:00+01:00 (UTC 03-31)
 *   I10 T2 03-31 web        trained: 2026-03-31T23:00:00-05:00 (UTC 04-01)
 *   I11 T1 03-01 nhs-app    trained, first day of the period
 *   I12 L  03-15 sms        trained: completed that very day
 *   I13 L  03-14 sms        untrained: the day before
 */
static const char *const interactions =
    "'interactions':["
    "{'id':'I1','staff':'T1','at':'2026-03-02T09:00:00Z','channel':'phone','kind':'booking',"
    "'outcome':'resolved'},"
    "{'id':'I2','staff':'T2','at':'2026-03-03T10:00:00Z','channel':'email','kind':'enquiry',"
    "'outcome':'resolved'},"
    "{'id':'I3','staff':'E','at':'2026-03-29T00:30:00+01:00','channel':'phone',"
    "'kind':'booking','outcome':'resolved'},"
    "{'id':'I4','staff':'E','at':'2026-03-28T23:30:00-01:00','channel':'in-person',"
    "'kind':'booking','outcome':'resolved'},"
    "{'id':'I5','staff':'F','at':'2026-03-10T12:00:00Z','channel':'phone','kind':'booking',"
    "'outcome':'escalated'},"
    "{'id':'I6','staff':'N','at':'2026-03-11T12:00:00Z','channel':'letter',"
    "'kind':'cancellation','outcome':'resolved'},"
    "{'id':'I7','staff':'O','at':'2026-03-12T12:00:00Z','channel':'video','kind':'other',"
    "'outcome':'unresolved'},"
    "{'id':'I8','staff':'T1','at':'2026-02-28T23:59:59Z','channel':'phone','kind':'booking',"
    "'outcome':'resolved'},"
    "{'id':'I9','staff':'T1','at':'2026-04-01T00:10:00+01:00','channel':'phone',"
    "'kind':'booking','outcome':'resolved'},"
    "{'id':'I10','staff':'T2','at':'2026-03-31T23:00:00-05:00','channel':'web',"
    "'kind':'rescheduling','outcome':'resolved'},"
    "{'id':'I11','staff':'T1','at':'2026-03-01T00:00:00Z','channel':'nhs-app',"
    "'kind':'booking','outcome':'resolved'},"
    "{'id':'I12','staff':'L','at':'2026-03-15T08:00:00Z','channel':'sms','kind':'booking',"
    "'outcome':'resolved'},"
    "{'id':'I13','staff':'L','at':'2026-03-14T08:00:00Z','channel':'sms','kind':'booking',"
    "'outcome':'resolved'}],";

/*
 * Complaints:
 *   K1  -> I1 (trained), received 03-05
 *   K2  -> I4 (trained), received 04-10: after the period, but its
 *          interaction is in the exposure, so it counts
 *   K3, K3B -> I3, K4 -> I5, K5 -> I6, K6 -> I7 (untrained); were dates taken
 *          in UTC, I3 would be trained and I4 not, and the counts would
 *          change (two complaints follow I3, one I4)
 *   K7  -> I9, received 03-31: its interaction is outside; not counted, and
 *          not unlinked either
 *   K8  -> I8, received 03-02: likewise
 *   K9  unlinked, received 03-01 (in)    K10 unlinked, 03-31 (in)
 *   K11 unlinked, received 02-28 (out)   K12 unlinked, 04-01 (out)
 */
static const char *const complaints =
    "'complaints':["
    "{'id':'K1','received_on':'2026-03-05','subjects':['communications'],'interaction':'I1'},"
    "{'id':'K2','received_on':'2026-04-10','subjects':['communications'],'interaction':'I4'},"
    "{'id':'K3','received_on':'2026-03-30','subjects':['appointments'],'interaction':'I3'},"
    "{'id':'K3B','received_on':'2026-03-30','subjects':['appointments'],'interaction':'I3'},"
    "{'id':'K4','received_on':'2026-03-11','subjects':['appointments'],'interaction':'I5'},"
    "{'id':'K5','received_on':'2026-03-12','subjects':['other'],'interaction':'I6'},"
    "{'id':'K6','received_on':'2026-03-13','subjects':['other'],'interaction':'I7'},"
    "{'id':'K7','received_on':'2026-03-31','subjects':['other'],'interaction':'I9'},"
    "{'id':'K8','received_on':'2026-03-02','subjects':['other'],'interaction':'I8'},"
    "{'id':'K9','received_on':'2026-03-01','subjects':['other']},"
    "{'id':'K10','received_on':'2026-03-31','subjects':['other']},"
    "{'id':'K11','received_on':'2026-02-28','subjects':['other']},"
    "{'id':'K12','received_on':'2026-04-01','subjects':['other']}]}";

/* phone, in-person, letter, email, sms, nhs-app, video, web, other */
#define MARCH_CHANNELS                                                                             \
	{                                                                                          \
		3, 1, 1, 1, 2, 1, 1, 1, 0                                                          \
	}

/* ------------------------------------------------------------------------- */
/* Tests                                                                     */

/*
 * March 2026. Trained: I1, I2, I4, I10, I11, I12 = 6 interactions, with K1
 * and K2 = 2 complaints: per 1,000 = 1000 x 2 / 6 = 333.333...
 * Untrained: I3, I5, I6, I7, I13 = 5, with K3, K3B, K4, K5, K6 = 5:
 * 1000 x 5 / 5 = 1000. RR = 1000 / 333.333... = 3; ln 3 = 1.0986122886681098;
 * se = sqrt(1/5 + 1/2) = sqrt(0.7) = 0.8366600265340756;
 * 1.96 se = 1.6398536520067881; low = exp(1.0986123 - 1.6398537) =
 * exp(-0.5412413633386783) = 0.5820252988746368; high = exp(2.7384659406748977)
 * = 15.463245356175698. Unlinked: K9, K10 = 2.
 * Channels over the 11 exposed: phone I1 I3 I5 = 3, in-person I4, letter I6,
 * email I2, sms I12 I13 = 2, nhs-app I11, video I7, web I10, other 0.
 */
static void trained_versus_untrained(void **state)
{
	care_dataset *ds = load(people, interactions, complaints, END);
	care_report *r = outcomes(ds, "cc", "2026-03-01", "2026-03-31", 0);
	const expected e = {6,
	                    2,
	                    1000.0 / 3.0,
	                    5,
	                    5,
	                    1000.0,
	                    3.0,
	                    0.5820252988746368,
	                    15.463245356175698,
	                    2,
	                    MARCH_CHANNELS};

	(void)state;
	check(r, "cc", "2026-03-01", "2026-03-31", &e);
	care_report_free(r);
	unload(ds);
}

/*
 * A count of 0 makes the ratio and its limits null.
 * 2026-03-01..03-09: trained I11, I1, I2 = 3 with K1 = 1 (333.33...);
 * untrained none: 0 interactions, per_1000 null; RR null. Unlinked K9 = 1.
 * Channels: nhs-app I11, phone I1, email I2.
 * 2026-03-12..03-15: trained I12 = 1 with no complaint (per_1000 = 0, not
 * null); untrained I7, I13 = 2 with K6 = 1 (500): a zero complaint count,
 * so RR null. No unlinked complaint received then. Channels: video I7,
 * sms I12 I13.
 */
static void zero_counts_make_the_ratio_null(void **state)
{
	care_dataset *ds = load(people, interactions, complaints, END);
	care_report *r = outcomes(ds, "cc", "2026-03-01", "2026-03-09", 0);
	const expected early = {
	    3, 1, 1000.0 / 3.0, 0, 0, NAN, NAN, NAN, NAN, 1, {1, 0, 0, 1, 0, 1, 0, 0, 0}};
	const expected middle = {
	    1, 0, 0.0, 2, 1, 500.0, NAN, NAN, NAN, 0, {0, 0, 0, 0, 2, 0, 1, 0, 0}};

	(void)state;
	check(r, "cc", "2026-03-01", "2026-03-09", &early);
	care_report_free(r);
	r = outcomes(ds, "cc", "2026-03-12", "2026-03-15", 0);
	check(r, "cc", "2026-03-12", "2026-03-15", &middle);
	care_report_free(r);
	unload(ds);
}

/*
 * A competency nobody can hold: all 11 March interactions and their 6 linked
 * complaints are untrained (1000 x 7 / 11 = 636.36...); trained is 0 / 0, so
 * its per_1000 and the ratio are null. Unlinked and channels are unchanged.
 */
/* A competency that no role requires and no module awards is a usage error, not zeros. */
static void unknown_competency(void **state)
{
	care_dataset *ds = load(people, interactions, complaints, END);
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	(void)state;
	o.competency = "no-such";
	o.from = D("2026-03-01");
	o.to = D("2026-03-31");
	assert_int_equal(care_report_new(&r, CARE_REPORT_OUTCOMES, ds, &o), CARE_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(care_error_last(), "no-such"));
	unload(ds);
}

/*
 * min_cell 3 over March: counts 1 and 2 become null, 0 and >= 3 stay.
 * Trained 6 interactions, 2 complaints -> null, so per_1000 null and the
 * ratio and limits null. Untrained 5 and 5 stay: 1000. Unlinked 2 -> null.
 * Channels: phone 3 stays; in-person, letter, email, nhs-app, video, web (1)
 * and sms (2) null; other 0 stays 0.
 */
static void small_numbers_are_suppressed(void **state)
{
	care_dataset *ds = load(people, interactions, complaints, END);
	care_report *r = outcomes(ds, "cc", "2026-03-01", "2026-03-31", 3);
	const int64_t S = CARE_SUPPRESSED;
	const expected e = {6, S, NAN, 5, 5, 1000.0, NAN, NAN, NAN, S, {3, S, S, S, S, S, S, S, 0}};

	(void)state;
	check(r, "cc", "2026-03-01", "2026-03-31", &e);
	care_report_free(r);
	unload(ds);
}

/*
 * Merging adds the raw counts and suppresses afterwards: March merged with
 * itself has trained 12 / 4 (333.33...), untrained 10 / 10 (1000), so RR is
 * still 3 but se = sqrt(1/10 + 1/4) = sqrt(0.35) = 0.5916079783099616,
 * 1.96 se = 1.1595516374875248: low = exp(1.0986123 - 1.1595516) =
 * exp(-0.060939348819414985) = 0.940880303546699, high =
 * exp(2.2581639261556345) = 9.565510050613257. With min_cell 3 the merged
 * trained complaints (4) and unlinked (4) are no longer null, though each
 * half's were; in-person etc. are 2 and still null, sms 4 and phone 6 are not.
 */
static void merge_adds_raw_counts(void **state)
{
	care_dataset *ds = load(people, interactions, complaints, END);
	care_report *a = outcomes(ds, "cc", "2026-03-01", "2026-03-31", 3);
	care_report *b = outcomes(ds, "cc", "2026-03-01", "2026-03-31", 3);
	care_report *other = outcomes(ds, "cc", "2026-03-01", "2026-03-30", 3);
	const int64_t S = CARE_SUPPRESSED;
	const expected e = {12,
	                    4,
	                    1000.0 / 3.0,
	                    10,
	                    10,
	                    1000.0,
	                    3.0,
	                    0.940880303546699,
	                    9.565510050613257,
	                    4,
	                    {6, S, S, S, 4, S, S, S, 0}};

	(void)state;
	/* Another period cannot be merged, and nothing changes. */
	assert_int_equal(care_report_merge(a, other), CARE_EINVAL);
	assert_int_equal(care_report_outcomes(a)->trained.interactions, 6);
	assert_int_equal(care_report_merge(a, b), 0);
	check(a, "cc", "2026-03-01", "2026-03-31", &e);
	care_report_free(a);
	care_report_free(b);
	care_report_free(other);
	unload(ds);
}

/*
 * tests/data/outcomes.json, worked by hand:
 *
 * Period 2025-02-01..2025-03-31. T holds module A from 2025-01-10 (trained);
 * N only failed (untrained); E's module B expires 2025-02-15, so I5 on that
 * day is untrained while I6, written 2025-02-14T23:30:00-01:00, is on its
 * local date 2025-02-14 and trained. I7 (2025-04-01) is outside.
 * Trained: I1, I2, I6 (3) with K1 -> 1 complaint; untrained: I3, I4, I5 (3)
 * with K2, K3, K4 -> 3. Per 1,000: 333.33 and 1000; RR = 3, CI
 * exp(ln 3 +- 1.96 sqrt(1/3 + 1/1)). Unlinked and received in the period: K5,
 * K9 (K6 is after it). Channels: 5 phone, 1 email.
 */
static void dataset_file(void **state)
{
	care_dataset *ds = NULL;
	care_report *r;
	const care_outcomes *o;
	double se = sqrt(1.0 / 3.0 + 1.0);
	char *json = NULL;

	(void)state;
	assert_int_equal(care_dataset_load_file(&ds, NULL, "tests/data/outcomes.json", NULL), 0);
	r = outcomes(ds, "cc", "2025-02-01", "2025-03-31", 0);
	o = care_report_outcomes(r);
	assert_int_equal(o->trained.interactions, 3);
	assert_int_equal(o->trained.complaints, 1);
	assert_int_equal(o->untrained.interactions, 3);
	assert_int_equal(o->untrained.complaints, 3);
	assert_true(fabs(o->trained.per_1000 - 1000.0 / 3.0) < 1e-9);
	assert_true(fabs(o->untrained.per_1000 - 1000.0) < 1e-9);
	assert_true(fabs(o->rate_ratio - 3.0) < 1e-9);
	assert_true(fabs(o->rate_ratio_low - exp(log(3.0) - 1.96 * se)) < 1e-9);
	assert_true(fabs(o->rate_ratio_high - exp(log(3.0) + 1.96 * se)) < 1e-9);
	assert_int_equal(o->unlinked_complaints, 2);
	assert_int_equal(o->channels[CARE_CHANNEL_PHONE], 5);
	assert_int_equal(o->channels[CARE_CHANNEL_EMAIL], 1);
	assert_int_equal(care_report_to_json(&json, r), 0);
	/* Whole rates print as integers. */
	assert_non_null(strstr(json, "\"untrained\":{\"interactions\":3,\"complaints\":3,"
	                             "\"per_1000\":1000}"));
	assert_non_null(strstr(json, "\"channels\":{\"phone\":5,\"in-person\":0,\"letter\":0,"
	                             "\"email\":1,\"sms\":0,\"nhs-app\":0,\"video\":0,\"web\":0,"
	                             "\"other\":0}"));
	care_free(json);
	care_report_free(r);
	/* No trained complaint from 12 February: a zero count makes the ratio null. */
	r = outcomes(ds, "cc", "2025-02-12", "2025-03-31", 0);
	o = care_report_outcomes(r);
	assert_int_equal(o->trained.complaints, 0);
	assert_true(isnan(o->rate_ratio) && isnan(o->rate_ratio_low) && isnan(o->rate_ratio_high));
	care_report_free(r);
	/* Suppression: counts under 3 become null, and so does what uses them. */
	r = outcomes(ds, "cc", "2025-02-01", "2025-03-31", 3);
	o = care_report_outcomes(r);
	assert_int_equal(o->trained.complaints, CARE_SUPPRESSED);
	assert_true(isnan(o->trained.per_1000) && isnan(o->rate_ratio));
	assert_int_equal(o->untrained.complaints, 3);
	care_report_free(r);
	care_dataset_free(ds);
}

/* Other kinds have no outcomes; the outcomes report needs a competency. */
static void wrong_kind_and_missing_competency(void **state)
{
	care_dataset *ds = load(people, interactions, complaints, END);
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_report *r = NULL;

	(void)state;
	o.from = D("2026-03-01");
	o.to = D("2026-03-31");
	assert_int_equal(care_report_new(&r, CARE_REPORT_OUTCOMES, ds, &o), CARE_EINVAL);
	assert_null(r);
	assert_int_equal(care_report_new(&r, CARE_REPORT_COMPLAINTS, ds, &o), 0);
	assert_null(care_report_outcomes(r));
	care_report_free(r);
	unload(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(trained_versus_untrained),
	    cmocka_unit_test(zero_counts_make_the_ratio_null),
	    cmocka_unit_test(unknown_competency),
	    cmocka_unit_test(small_numbers_are_suppressed),
	    cmocka_unit_test(merge_adds_raw_counts),
	    cmocka_unit_test(dataset_file),
	    cmocka_unit_test(wrong_kind_and_missing_competency),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
