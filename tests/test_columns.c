/*
 * The completion columns kept narrow while they can be: scores as hundredths, module and
 * source in 16 bits, held completions naming their competency in 16 bits. Each is widened
 * by the first value that does not fit, and every value reads back as it was written,
 * through a dump, a reload and a snapshot.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"
#include "dataset/dataset.h"
#include "dataset/index.h"
#include "io/snapshot.h"

/* A dataset of one unit, one role requiring `competency`, and person S1 in it. The caller
 * adds modules and completions. */
static care_dataset *with_role(const char *competency)
{
	care_dataset *ds;
	care_unit unit = {"PA", "Patient Access", NULL};
	care_requirement req = {competency, 30, CARE_DATE_NONE, CARE_DATE_NONE};
	care_role role = {"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, &req, 1};
	care_assignment as = {"REC", "PA", 0, CARE_DATE_NONE, NULL};
	care_staff s = {"S1", 0, CARE_DATE_NONE, &as, 1, NULL, 0, NULL};

	assert_int_equal(care_dataset_new(&ds), 0);
	assert_int_equal(care_dataset_set_header(ds, "RXX", "Test Trust", D("2026-03-31")), 0);
	assert_int_equal(care_dataset_add_unit(ds, &unit, NULL), 0);
	assert_int_equal(care_dataset_add_role(ds, &role, NULL), 0);
	s.started_on = as.from = D("2019-01-01");
	assert_int_equal(care_dataset_add_staff(ds, &s, NULL), 0);
	return ds;
}

static void add_module(care_dataset *ds, const char *id, const char *competency, int months)
{
	care_module m = {id, "Module", competency, months, CARE_DELIVERY_E_LEARNING,
	                 45, NAN,      0,          NULL,   NULL};

	assert_int_equal(care_dataset_add_module(ds, &m, NULL), 0);
}

static void add_completion(care_dataset *ds, size_t n, const char *module, const char *on,
                           care_completion_outcome outcome, double score, const char *source)
{
	char id[32];
	care_completion c = {id, "S1", module, D(on), outcome, score, source};

	snprintf(id, sizeof id, "C%zu", n);
	assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);
}

/*
 * The dataset's canonical text, checked to come back the same from a snapshot of it and
 * from loading the text itself; the snapshot opened is left in *opened when asked for.
 * care_free() the text.
 */
static char *round_trip(const care_dataset *ds, care_dataset **opened)
{
	char path[] = "/tmp/care-test-columns-XXXXXX";
	char *text = NULL, *again = NULL;
	care_dataset *snap = NULL, *loaded = NULL;
	size_t len = 0;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(care_dataset_dump(&text, &len, ds), 0);
	assert_int_equal(care_dataset_seal((care_dataset *)ds), 0);
	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	assert_int_equal(care_dataset_open_snapshot(&snap, path), 0);
	unlink(path);
	assert_int_equal(care_dataset_dump(&again, NULL, snap), 0);
	assert_string_equal(again, text);
	care_free(again);
	assert_int_equal(care_dataset_load_buffer(&loaded, NULL, text, len, NULL), 0);
	assert_int_equal(care_dataset_dump(&again, NULL, loaded), 0);
	assert_string_equal(again, text);
	care_free(again);
	care_dataset_free(loaded);
	if (opened)
		*opened = snap;
	else
		care_dataset_free(snap);
	return text;
}

/* Scores of at most two decimals are kept as hundredths; the first that is not widens the
 * column, and every score before it reads back as the same double. */
static void scores_read_back_exactly(void **state)
{
	static const double scores[] = {98, 87.5, 66.67, 0, 100, 0.01, 99.99, 0.29, NAN, 12.3};
	care_dataset *ds = with_role("cc");
	const care__completions *c = &ds->completions;
	size_t i, n = sizeof scores / sizeof *scores;
	char *text;

	(void)state;
	add_module(ds, "M", "cc", 12);
	add_completion(ds, 0, "M", "2025-01-01", CARE_COMPLETION_PASSED, NAN, NULL);
	assert_null(c->score100); /* no column before the first score */
	for (i = 0; i < n; i++)
		add_completion(ds, i + 1, "M", "2025-01-01", CARE_COMPLETION_PASSED, scores[i],
		               NULL);
	assert_non_null(c->score100);
	assert_null(c->score);
	assert_true(isnan(care__score(c, 0)));
	for (i = 0; i < n; i++)
		if (isnan(scores[i]))
			assert_true(isnan(care__score(c, i + 1)));
		else
			assert_true(care__score(c, i + 1) == scores[i]);
	text = round_trip(ds, NULL);
	assert_non_null(strstr(text, "\"score\":66.67"));
	care_free(text);

	add_completion(ds, n + 1, "M", "2025-01-01", CARE_COMPLETION_PASSED, 33.333, NULL);
	add_completion(ds, n + 2, "M", "2025-01-01", CARE_COMPLETION_PASSED, 50, NULL);
	assert_null(c->score100);
	assert_non_null(c->score);
	for (i = 0; i < n; i++)
		if (!isnan(scores[i]))
			assert_true(care__score(c, i + 1) == scores[i]);
	assert_true(isnan(care__score(c, 0)));
	assert_true(care__score(c, n + 1) == 33.333);
	assert_true(care__score(c, n + 2) == 50);
	text = round_trip(ds, NULL);
	assert_non_null(strstr(text, "\"score\":33.333"));
	assert_non_null(strstr(text, "\"score\":0.29"));
	care_free(text);
	care_dataset_free(ds);
}

/* A score of -0 keeps its sign: not a number of hundredths. */
static void negative_zero_score_keeps_its_sign(void **state)
{
	care_dataset *ds = with_role("cc");
	char *text;

	(void)state;
	add_module(ds, "M", "cc", 12);
	add_completion(ds, 0, "M", "2025-01-01", CARE_COMPLETION_PASSED, -0.0, NULL);
	assert_non_null(ds->completions.score);
	assert_true(signbit(care__score(&ds->completions, 0)));
	text = round_trip(ds, NULL);
	assert_non_null(strstr(text, "\"score\":-0"));
	care_free(text);
	care_dataset_free(ds);
}

/* More than 65,535 sources: the column widens and every row keeps its own. */
static void sources_past_sixteen_bits(void **state)
{
	enum { N = 70000, PLAIN = 10 };
	care_dataset *ds = with_role("cc"), *opened = NULL;
	const care__completions *c = &ds->completions;
	char source[32];
	size_t i;
	char *text;

	(void)state;
	add_module(ds, "M", "cc", 12);
	for (i = 0; i < PLAIN; i++) /* no source: no column yet */
		add_completion(ds, i, "M", "2025-01-01", CARE_COMPLETION_PASSED, NAN, NULL);
	assert_null(c->source.narrow);
	assert_null(c->source.wide);
	for (i = PLAIN; i < N; i++) {
		snprintf(source, sizeof source, "s%zu", i);
		add_completion(ds, i, "M", "2025-01-01", CARE_COMPLETION_PASSED, NAN, source);
		if (i == PLAIN)
			assert_non_null(c->source.narrow);
	}
	assert_null(c->source.narrow);
	assert_non_null(c->source.wide);
	for (i = 0; i < N; i++) {
		uint32_t s = care__number(&c->source, i);
		if (i < PLAIN) {
			assert_int_equal(s, CARE__NO);
			continue;
		}
		snprintf(source, sizeof source, "s%zu", i);
		assert_true(s != CARE__NO);
		assert_string_equal(ds->sources.text[s], source);
	}
	text = round_trip(ds, &opened);
	assert_non_null(opened->completions.source.wide);
	assert_string_equal(opened->sources.text[care__number(&opened->completions.source, N - 1)],
	                    "s69999");
	care_free(text);
	care_dataset_free(opened);
	care_dataset_free(ds);
}

/*
 * More than 65,535 modules, each with a competency of its own: the module column widens,
 * and held completions keep their competencies whole beside them. Competencies 63 and
 * 65,599 share their low 16 bits; each has its own status, in the dataset and in its
 * snapshot (which leaves such an index out and has it built on open).
 */
static void modules_and_competencies_past_sixteen_bits(void **state)
{
	enum { N = 65600 };
	care_dataset *ds, *opened = NULL;
	care_unit unit = {"PA", "Patient Access", NULL};
	care_requirement reqs[] = {{"c65599", 30, CARE_DATE_NONE, CARE_DATE_NONE},
	                           {"c63", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
	care_role role = {"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, reqs, 2};
	care_assignment as = {"REC", "PA", 0, CARE_DATE_NONE, NULL};
	care_staff s = {"S1", 0, CARE_DATE_NONE, &as, 1, NULL, 0, NULL};
	char id[32], competency[32];
	care_status_info si;
	size_t i;
	char *text;

	(void)state;
	assert_int_equal(care_dataset_new(&ds), 0);
	assert_int_equal(care_dataset_add_unit(ds, &unit, NULL), 0);
	for (i = 0; i < N; i++) { /* competency c<i> is number i */
		snprintf(id, sizeof id, "M%zu", i);
		snprintf(competency, sizeof competency, "c%zu", i);
		add_module(ds, id, competency, 36);
	}
	assert_int_equal(care_dataset_add_role(ds, &role, NULL), 0);
	s.started_on = as.from = D("2019-01-01");
	assert_int_equal(care_dataset_add_staff(ds, &s, NULL), 0);
	add_completion(ds, 0, "M63", "2020-01-01", CARE_COMPLETION_PASSED, NAN, NULL);
	assert_non_null(ds->completions.module.narrow);
	add_completion(ds, 1, "M65599", "2025-01-01", CARE_COMPLETION_PASSED, NAN, NULL);
	assert_non_null(ds->completions.module.wide);
	assert_int_equal(care__number(&ds->completions.module, 0), 63);
	assert_int_equal(care__number(&ds->completions.module, 1), 65599);
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_non_null(ds->index->held_competency);

	text = round_trip(ds, &opened);
	care_free(text);
	assert_non_null(opened->index->held_competency);
	for (i = 0; i < 2; i++) {
		const care_dataset *d = i == 0 ? ds : opened;
		assert_int_equal(care_status_get(&si, d, "S1", "c65599", D("2026-03-31"), 30), 0);
		assert_int_equal(si.status, CARE_STATUS_COMPLIANT);
		assert_int_equal(si.expires_on, D("2028-01-01"));
		assert_int_equal(care_status_get(&si, d, "S1", "c63", D("2026-03-31"), 30), 0);
		assert_int_equal(si.status, CARE_STATUS_OVERDUE);
		assert_int_equal(si.overdue_since, D("2023-01-01"));
	}
	care_dataset_free(opened);
	care_dataset_free(ds);
}

/* The first 2-byte value of section `tag` of a snapshot image. */
static unsigned char *first_value(unsigned char *data, uint32_t tag)
{
	uint64_t table = care_snapshot__read64(data + CARE__SNAP_H_TABLE);
	uint32_t n = care_snapshot__read32(data + CARE__SNAP_H_SECTIONS), i;

	for (i = 0; i < n; i++) {
		care__snap_entry e;
		memcpy(&e, data + table + (uint64_t)i * CARE__SNAP_ENTRY, sizeof e);
		if (e.tag == tag)
			return data + e.offset;
	}
	fail_msg("no section %u", tag);
	return NULL;
}

/* A snapshot's narrow columns are read as written, and checked on open like the wide ones:
 * a module that is not there, a score over 100, a source that is not there. */
static void narrow_columns_in_snapshot(void **state)
{
	static const struct {
		uint32_t tag;
		uint16_t value;
		const char *says;
	} bad[] = {
	    {CARE__SNAP_C_MODULE16, 1, "reference is out of range"},
	    {CARE__SNAP_C_MODULE16, 0xFFFF, "reference is out of range"},
	    {CARE__SNAP_C_SCORE100, 10001, "score is out of range"},
	    {CARE__SNAP_C_SOURCE16, 1, "reference is out of range"},
	};
	char path[] = "/tmp/care-test-columns-XXXXXX";
	care_dataset *ds = with_role("cc"), *opened = NULL;
	unsigned char *data, *copy;
	size_t len, k;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	add_module(ds, "M", "cc", 12);
	add_completion(ds, 0, "M", "2025-01-01", CARE_COMPLETION_PASSED, 80, "esr");
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	data = (unsigned char *)slurp(path, &len);
	unlink(path);
	assert_non_null(data);
	assert_int_equal(care_snapshot_read__image(&opened, data, len, "t.care"), 0);
	assert_non_null(opened->completions.module.narrow);
	assert_non_null(opened->completions.score100);
	assert_non_null(opened->completions.source.narrow);
	assert_true(care__score(&opened->completions, 0) == 80);
	assert_string_equal(opened->sources.text[care__number(&opened->completions.source, 0)],
	                    "esr");
	care_dataset_free(opened);
	copy = malloc(len);
	assert_non_null(copy);
	for (k = 0; k < sizeof bad / sizeof *bad; k++) {
		memcpy(copy, data, len);
		memcpy(first_value(copy, bad[k].tag), &bad[k].value, 2);
		care_snapshot_sum__reseal(copy, len);
		opened = NULL;
		assert_int_equal(care_snapshot_read__image(&opened, copy, len, "t.care"),
		                 CARE_EFORMAT);
		assert_null(opened);
		assert_non_null(strstr(care_error_last(), bad[k].says));
	}
	free(copy);
	free(data);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(scores_read_back_exactly),
	    cmocka_unit_test(negative_zero_score_keeps_its_sign),
	    cmocka_unit_test(sources_past_sixteen_bits),
	    cmocka_unit_test(modules_and_competencies_past_sixteen_bits),
	    cmocka_unit_test(narrow_columns_in_snapshot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
