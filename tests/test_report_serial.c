/*
 * Reports that travel (docs/national.md): the serialised form read back
 * writes and merges exactly as the original, for every kind; merging across
 * organisations qualifies trust-local keys and never mixes two trusts' units;
 * grouping by organisation; and every damaged or truncated input is refused
 * with CARE_EFORMAT, never read out of bounds.
 *
 * Datasets are JSON written with single quotes for readability; load() turns
 * them into double quotes.
 */
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

/* ---- a small trust, with every kind of record ---- */

static const char COMMON[] =
    "'roles':[{'id':'R','title':'Receptionist','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':[{'competency':'cc',"
    "'due_within_days':30},{'competency':'ig','due_within_days':30}]},"
    "{'id':'N','title':'Nurse','staff_group':'nursing-midwifery','patient_facing':true,"
    "'clinical':true,'requirements':[{'competency':'cc','due_within_days':30}]}],"
    "'modules':[{'id':'M','title':'M','competency':'cc','validity_months':12,"
    "'delivery':'workshop','cost_pence':100},{'id':'G','title':'G','competency':'ig',"
    "'validity_months':12,'delivery':'e-learning'}],";

static char head_buf[4][256], units_buf[4][256], staff_buf[4][1024], comp_buf[4][512],
    inter_buf[4][1024], complaint_buf[4][1024];

/* The header; a trust's units; staff; completions; interactions; complaints (list items). */
static const char *head(int i, const char *ods, const char *name)
{
	snprintf(head_buf[i], sizeof head_buf[i],
	         "{'format':'libcare-dataset','version':1,'organisation':{'ods_code':'%s',"
	         "'name':'%s'},",
	         ods, name);
	return head_buf[i];
}

static const char *units(int i, const char *u)
{
	snprintf(
	    units_buf[i], sizeof units_buf[i],
	    "{'id':'%sDIR','name':'Directorate'},{'id':'%sTEAM','name':'Team','parent':'%sDIR'}", u,
	    u, u);
	return units_buf[i];
}

static const char *staff(int i, const char *p, const char *u, int n)
{
	int k, at = 0;

	for (k = 0; k < n; k++)
		at += snprintf(
		    staff_buf[i] + at, sizeof staff_buf[i] - (size_t)at,
		    "%s{'id':'%sS%d','started_on':'2024-01-01','assignments':[{'role':'%s',"
		    "'unit':'%s%s','from':'2024-01-01'%s%s%s}]}",
		    k ? "," : "", p, k, k % 3 ? "R" : "N", u, k % 2 ? "TEAM" : "DIR",
		    k ? ",'manager':'" : "", k ? p : "", k ? "S0'" : "");
	return staff_buf[i];
}

static const char *completions(int i, const char *p, int n)
{
	int k, at = 0;

	for (k = 0; k < n; k += 2)
		at += snprintf(
		    comp_buf[i] + at, sizeof comp_buf[i] - (size_t)at,
		    "%s{'id':'%sC%d','staff':'%sS%d','module':'%s','completed_on':'2025-0%d-10',"
		    "'outcome':'completed'}",
		    k ? "," : "", p, k, p, k, k % 4 ? "G" : "M", 1 + k % 5);
	return comp_buf[i];
}

static const char *interactions(int i, const char *p, int n)
{
	int k, at = 0;

	for (k = 0; k < n; k++)
		at += snprintf(inter_buf[i] + at, sizeof inter_buf[i] - (size_t)at,
		               "%s{'id':'%sI%d','staff':'%sS%d','at':'2025-02-1%dT10:00:00Z',"
		               "'channel':'%s','kind':'booking','outcome':'resolved'}",
		               k ? "," : "", p, k, p, k, k % 9, k % 2 ? "phone" : "email");
	return inter_buf[i];
}

static const char *complaints(int i, const char *p, int n)
{
	int k, at = 0;

	for (k = 0; k < n; k++)
		at += snprintf(
		    complaint_buf[i] + at, sizeof complaint_buf[i] - (size_t)at,
		    "%s{'id':'%sK%d','received_on':'2025-02-2%d','acknowledged_on':"
		    "'2025-02-2%d','closed_on':'2025-03-%02d','subjects':['communications'],"
		    "'outcome':'upheld','interaction':'%sI%d'}",
		    k ? "," : "", p, k, k, k + 1, 3 + 5 * k, p, k);
	return complaint_buf[i];
}

/* Trust i: ODS code, id prefix p for staff and records, unit prefix u, n staff. */
static care_dataset *trust(int i, const char *ods, const char *p, const char *u, int n)
{
	return load(head(i, ods, ods), "'units':[", units(i, u), "],", COMMON, "'staff':[",
	            staff(i, p, u, n), "],'completions':[", completions(i, p, n),
	            "],'interactions':[", interactions(i, p, n), "],'complaints':[",
	            complaints(i, p, n < 3 ? n : 3), "]}", END);
}

/* Trusts 0 and 1 as one dataset: both trusts' units, staff and records. */
static care_dataset *union_of(const char *p0, const char *u0, int n0, const char *p1,
                              const char *u1, int n1)
{
	return load(head(2, "UNION", "Both"), "'units':[", units(0, u0), ",", units(1, u1), "],",
	            COMMON, "'staff':[", staff(0, p0, u0, n0), ",", staff(1, p1, u1, n1),
	            "],'completions':[", completions(0, p0, n0), ",", completions(1, p1, n1),
	            "],'interactions':[", interactions(0, p0, n0), ",", interactions(1, p1, n1),
	            "],'complaints':[", complaints(0, p0, n0 < 3 ? n0 : 3), ",",
	            complaints(1, p1, n1 < 3 ? n1 : 3), "]}", END);
}

static care_report_options options(care_group_by by)
{
	care_report_options o = CARE_REPORT_OPTIONS_INIT;

	o.as_of = D("2025-06-30");
	o.from = D("2025-01-01");
	o.to = D("2025-06-30");
	o.target = D("2025-12-31");
	o.target_percent = 90;
	o.group_by = by;
	return o;
}

static char *json_of(const care_report *r)
{
	char *s = NULL;

	assert_int_equal(care_report_to_json(&s, r), 0);
	return s;
}

/* r through the serialised form; the bytes of the copy are the bytes of r. */
static care_report *travel(const care_report *r)
{
	char *bytes = NULL, *again = NULL;
	size_t len = 0, len2 = 0;
	care_report *out = NULL;

	assert_int_equal(care_report_serialize(&bytes, &len, r), 0);
	assert_int_equal(care_report_deserialize(&out, bytes, len), 0);
	assert_int_equal(care_report_serialize(&again, &len2, out), 0);
	assert_int_equal(len, len2);
	assert_memory_equal(bytes, again, len);
	care_free(bytes);
	care_free(again);
	return out;
}

static void assert_same(const care_report *a, const care_report *b)
{
	char *x = json_of(a), *y = json_of(b);

	assert_string_equal(x, y);
	care_free(x);
	care_free(y);
}

/* ---- the tests ---- */

/* Every kind, and the compliance report by every grouping, read back writes the same JSON, and
 * merging reports read back equals merging the originals. */
static void merge_after_travel_every_kind(void **state)
{
	care_dataset *a = trust(0, "RAA", "A", "A", 7), *b = trust(1, "RBB", "B", "B", 5);
	int kind, by;

	(void)state;
	for (kind = 0; kind < CARE_REPORT_KIND_COUNT; kind++)
		for (by = 0; by < (kind == CARE_REPORT_COMPLIANCE ? CARE_GROUP_BY_COUNT : 1);
		     by++) {
			care_report_options o = options((care_group_by)by);
			care_report *ra, *rb, *ta, *tb;
			if (kind == CARE_REPORT_OUTCOMES)
				o.competency = "cc";
			o.min_cell = by == CARE_GROUP_UNIT ? 2 : 0;
			ra = report((care_report_kind)kind, a, &o);
			rb = report((care_report_kind)kind, b, &o);
			ta = travel(ra);
			tb = travel(rb);
			assert_int_equal(care_report_get_kind(ta), kind);
			/* the trust gives every kind figures to carry */
			if (kind == CARE_REPORT_COMPLAINTS)
				assert_true(care_report_complaints(ra)->closed > 0);
			if (kind == CARE_REPORT_OUTCOMES)
				assert_true(care_report_outcomes(ra)->trained.interactions > 0 &&
				            care_report_outcomes(ra)->untrained.interactions > 0);
			if (kind == CARE_REPORT_STAFF || kind == CARE_REPORT_FORECAST)
				assert_true(care_report_row_count(ra) > 1);
			if (by != CARE_GROUP_NONE && kind == CARE_REPORT_COMPLIANCE)
				assert_true(care_report_group_count(ra) > 0);
			assert_same(ta, ra);
			assert_string_equal(care_report_ods_code(ta), "RAA");
			assert_int_equal(care_report_merge(ra, rb), 0);
			assert_int_equal(care_report_merge(ta, tb), 0);
			assert_same(ta, ra);
			/* and a merged report travels too */
			care_report_free(tb);
			tb = travel(ra);
			assert_same(tb, ra);
			assert_null(care_report_ods_code(tb));
			care_report_free(ra);
			care_report_free(rb);
			care_report_free(ta);
			care_report_free(tb);
		}
	unload(a);
	unload(b);
}

static const cJSON *group_with_key(const cJSON *json, const char *key)
{
	const cJSON *g;

	cJSON_ArrayForEach(
	    g, field(json, "groups")) if (strcmp(field(g, "key")->valuestring, key) == 0) return g;
	return NULL;
}

/* Two trusts with the same unit ids: merged, their units stay apart as ODS:id. */
static void units_of_two_trusts_stay_apart(void **state)
{
	care_dataset *a = trust(0, "RAA", "A", "", 7), *b = trust(1, "RBB", "B", "", 5);
	care_report_options o = options(CARE_GROUP_UNIT);
	care_report *ra = report(CARE_REPORT_COMPLIANCE, a, &o);
	care_report *rb = report(CARE_REPORT_COMPLIANCE, b, &o);
	cJSON *json, *ja = to_json(ra), *jb = to_json(rb);
	const cJSON *g;

	(void)state;
	/* one trust alone: its own ids */
	assert_non_null(group_with_key(ja, "TEAM"));
	assert_int_equal(care_report_merge(ra, rb), 0);
	json = to_json(ra);
	assert_null(group_with_key(json, "TEAM"));
	g = group_with_key(json, "RAA:TEAM");
	assert_non_null(g);
	assert_true(cJSON_Compare(field(g, "competencies"),
	                          field(group_with_key(ja, "TEAM"), "competencies"), 1));
	g = group_with_key(json, "RBB:DIR");
	assert_non_null(g);
	json_string(g, "label", "Directorate");
	assert_true(cJSON_Compare(field(g, "competencies"),
	                          field(group_with_key(jb, "DIR"), "competencies"), 1));
	assert_int_equal(cJSON_GetArraySize(field(json, "groups")), 4);
	cJSON_Delete(json);
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	care_report_free(ra);
	care_report_free(rb);
	unload(a);
	unload(b);
}

/* By organisation: one group per trust, its totals; the staff list qualifies its ids. */
static void grouping_by_organisation(void **state)
{
	care_dataset *a = trust(0, "RAA", "A", "A", 7), *b = trust(1, "RBB", "B", "B", 5);
	care_report_options o = options(CARE_GROUP_ORGANISATION);
	care_report *ra = report(CARE_REPORT_COMPLIANCE, a, &o);
	care_report *rb = report(CARE_REPORT_COMPLIANCE, b, &o);
	care_report *sa, *sb;
	cJSON *json, *ja = to_json(ra), *jb = to_json(rb);
	const care_staff_row *row;

	(void)state;
	assert_string_equal(care_group_by_name(CARE_GROUP_ORGANISATION), "organisation");
	assert_int_equal(care_report_merge(ra, rb), 0);
	json = to_json(ra);
	assert_int_equal(cJSON_GetArraySize(field(json, "groups")), 2);
	json_string(group_with_key(json, "RBB"), "label", "RBB");
	assert_true(cJSON_Compare(field(group_with_key(json, "RAA"), "competencies"),
	                          field(field(ja, "totals"), "competencies"), 1));
	assert_true(cJSON_Compare(field(group_with_key(json, "RBB"), "competencies"),
	                          field(field(jb, "totals"), "competencies"), 1));
	json_count(group_with_key(json, "RAA"), "staff_required",
	           (int64_t)field(field(ja, "totals"), "staff_required")->valuedouble);
	json_count(group_with_key(json, "RBB"), "staff_compliant",
	           (int64_t)field(field(jb, "totals"), "staff_compliant")->valuedouble);
	cJSON_Delete(json);
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	care_report_free(ra);
	care_report_free(rb);

	o = options(CARE_GROUP_NONE);
	sa = report(CARE_REPORT_STAFF, a, &o);
	sb = report(CARE_REPORT_STAFF, b, &o);
	assert_int_equal(care_report_merge(sa, sb), 0);
	row = care_report_staff_row(sa, 0);
	assert_string_equal(row->staff, "RAA:AS0");
	assert_string_equal(row->units[0], "RAA:ADIR");
	assert_string_equal(row->roles[0], "RAA:N");
	row = care_report_staff_row(sa, care_report_row_count(sa) - 1);
	assert_string_equal(row->staff, "RBB:BS4");
	care_report_free(sa);
	care_report_free(sb);
	unload(a);
	unload(b);
}

/* National figures that ignore trust-local ids equal the report over the union of the data. */
static void merged_equals_union(void **state)
{
	care_dataset *a = trust(0, "RAA", "A", "A", 7), *b = trust(1, "RBB", "B", "B", 5);
	care_dataset *u = union_of("A", "A", 7, "B", "B", 5);
	int kind;

	(void)state;
	for (kind = 0; kind < CARE_REPORT_KIND_COUNT; kind++) {
		care_report_options o = options(
		    kind == CARE_REPORT_COMPLIANCE ? CARE_GROUP_STAFF_GROUP : CARE_GROUP_NONE);
		care_report *ra, *rb, *ru;
		if (kind == CARE_REPORT_OUTCOMES)
			o.competency = "cc";
		if (kind == CARE_REPORT_STAFF)
			continue; /* its staff ids are qualified once merged */
		ra = report((care_report_kind)kind, a, &o);
		rb = report((care_report_kind)kind, b, &o);
		ru = report((care_report_kind)kind, u, &o);
		assert_int_equal(care_report_merge(ra, rb), 0);
		assert_same(ra, ru);
		care_report_free(ra);
		care_report_free(rb);
		care_report_free(ru);
	}
	unload(a);
	unload(b);
	unload(u);
}

/* FNV-1a 64, as the format's header keeps it, to forge a checksum. */
static void fix_checksum(unsigned char *p, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 32; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	for (i = 0; i < 8; i++) {
		p[16 + i] = (unsigned char)((uint64_t)(len - 32) >> (8 * i));
		p[24 + i] = (unsigned char)(h >> (8 * i));
	}
}

static int reads(const unsigned char *p, size_t len)
{
	care_report *r = NULL;
	int rc = care_report_deserialize(&r, (const char *)p, len);

	if (rc == 0) {
		char *s = json_of(r);
		care_free(s);
		care_report_free(r);
	} else {
		assert_null(r);
		assert_true(strlen(care_error_last()) > 0);
	}
	return rc;
}

/* Truncated, damaged, forged: refused with CARE_EFORMAT and a reason, never a crash. */
static void damaged_inputs_are_refused(void **state)
{
	care_dataset *a = trust(0, "RAA", "A", "A", 7);
	int kind;

	(void)state;
	assert_int_equal(care_report_deserialize(NULL, "x", 1), CARE_EINVAL);
	for (kind = 0; kind < CARE_REPORT_KIND_COUNT; kind++) {
		care_report_options o =
		    options(kind == CARE_REPORT_COMPLIANCE ? CARE_GROUP_UNIT : CARE_GROUP_NONE);
		care_report *r;
		char *bytes = NULL;
		unsigned char *copy;
		size_t len = 0, i;
		if (kind == CARE_REPORT_OUTCOMES)
			o.competency = "cc";
		r = report((care_report_kind)kind, a, &o);
		assert_int_equal(care_report_serialize(&bytes, &len, r), 0);
		copy = malloc(len + 1);
		assert_non_null(copy);
		assert_int_equal(reads((const unsigned char *)bytes, len), 0);
		/* every truncation */
		for (i = 0; i < len; i++)
			assert_int_equal(reads((const unsigned char *)bytes, i), CARE_EFORMAT);
		/* every byte changed: the header's checks or the checksum catch it */
		for (i = 0; i < len; i++) {
			memcpy(copy, bytes, len);
			copy[i] ^= 0x5a;
			assert_int_equal(reads(copy, len), CARE_EFORMAT);
		}
		/* a trailing byte */
		memcpy(copy, bytes, len);
		copy[len] = 0;
		assert_int_equal(reads(copy, len + 1), CARE_EFORMAT);
		fix_checksum(copy, len + 1);
		assert_int_equal(reads(copy, len + 1), CARE_EFORMAT);
		assert_non_null(strstr(care_error_last(), "bytes after"));
		/* forged: every byte of the body changed, with a checksum to match; whatever
		 * is read must be a report that writes out, or be refused */
		for (i = 32; i < len; i++) {
			memcpy(copy, bytes, len);
			copy[i] = (unsigned char)(copy[i] + 0x81);
			fix_checksum(copy, len);
			(void)reads(copy, len);
			copy[i] = 0xff;
			fix_checksum(copy, len);
			(void)reads(copy, len);
		}
		/* another format version, an unknown kind */
		memcpy(copy, bytes, len);
		copy[8] = 2;
		assert_int_equal(reads(copy, len), CARE_EFORMAT);
		assert_non_null(strstr(care_error_last(), "version 2"));
		memcpy(copy, bytes, len);
		copy[12] = CARE_REPORT_KIND_COUNT;
		assert_int_equal(reads(copy, len), CARE_EFORMAT);
		free(copy);
		care_free(bytes);
		care_report_free(r);
	}
	unload(a);
}

/* A forged count larger than the data is refused before anything is allocated for it. */
static void forged_counts_are_refused(void **state)
{
	care_dataset *a = trust(0, "RAA", "A", "A", 7);
	care_report_options o = options(CARE_GROUP_NONE);
	care_report *r = report(CARE_REPORT_FORECAST, a, &o);
	char *bytes = NULL;
	size_t len = 0, at;
	unsigned char *p;

	(void)state;
	assert_int_equal(care_report_serialize(&bytes, &len, r), 0);
	p = (unsigned char *)bytes;
	/* The forecast's row count follows the options (12 x 4 bytes, 4 absent texts) and the
	 * organisation ("RAA" twice, and the flag). */
	at = 32 + 12 * 4 + 4 * 4 + 2 * (4 + 3) + 4;
	assert_int_equal(p[at], 2); /* cc and ig */
	p[at + 7] = 0x7f;
	fix_checksum(p, len);
	assert_int_equal(reads(p, len), CARE_EFORMAT);
	assert_non_null(strstr(care_error_last(), "larger than the data"));
	care_free(bytes);
	care_report_free(r);
	unload(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(merge_after_travel_every_kind),
	    cmocka_unit_test(units_of_two_trusts_stay_apart),
	    cmocka_unit_test(grouping_by_organisation),
	    cmocka_unit_test(merged_equals_union),
	    cmocka_unit_test(damaged_inputs_are_refused),
	    cmocka_unit_test(forged_counts_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
