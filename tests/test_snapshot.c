/*
 * Snapshots: JSON -> snapshot -> open -> JSON is byte-identical to the canonical JSON,
 * every report on an opened snapshot equals the report on the loaded file, and a
 * truncated, damaged or altered snapshot is a clear CARE_EFORMAT, never a crash.
 */
#define _POSIX_C_SOURCE 200809L
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
#include "io/snapshot.h"

static const char *const files[] = {
    "examples/data/sample-trust.json", "examples/data/sample-with-errors.json",
    "tests/data/handworked.json",      "tests/data/managers.json",
    "tests/data/outcomes.json",        "tests/data/small.json",
};

/* A temporary path of this test, removed by the caller. */
static const char *temp_path(void)
{
	static char path[64];

	snprintf(path, sizeof path, "/tmp/care-test-snapshot-%ld.care", (long)getpid());
	return path;
}

static care_dataset *load_file(const char *path)
{
	care_dataset *ds = NULL;

	assert_int_equal(care_dataset_load_file(&ds, NULL, path, NULL), 0);
	return ds;
}

static care_dataset *through_snapshot(const care_dataset *ds)
{
	care_dataset *opened = NULL;
	const char *path = temp_path();

	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	if (care_dataset_open_snapshot(&opened, path) != 0)
		fail_msg("open_snapshot: %s", care_error_last());
	unlink(path);
	return opened;
}

static void assert_same_dump(const care_dataset *a, const care_dataset *b)
{
	char *ta = NULL, *tb = NULL;
	size_t la = 0, lb = 0;
	int k;

	assert_int_equal(care_dataset_dump(&ta, &la, a), 0);
	assert_int_equal(care_dataset_dump(&tb, &lb, b), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(ta, tb, la);
	care_free(ta);
	care_free(tb);
	assert_int_equal(care_dataset_dump_rejects(&ta, &la, a), 0);
	assert_int_equal(care_dataset_dump_rejects(&tb, &lb, b), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(ta, tb, la);
	care_free(ta);
	care_free(tb);
	for (k = CARE_KIND_DATASET; k < CARE_KIND_COUNT; k++) {
		assert_int_equal(care_dataset_count(a, (care_kind)k),
		                 care_dataset_count(b, (care_kind)k));
		assert_int_equal(care_dataset_rejected_count(a, (care_kind)k),
		                 care_dataset_rejected_count(b, (care_kind)k));
	}
}

/* The canonical JSON of every test dataset survives the snapshot byte for byte, and so do
 * the rejected records as written. */
static void round_trip_is_byte_identical(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof *files; i++) {
		care_dataset *ds = load_file(files[i]), *opened = through_snapshot(ds);
		assert_same_dump(ds, opened);
		care_dataset_free(ds);
		care_dataset_free(opened);
	}
}

/* A dataset built through the API (no load), with generated completion ids. */
static void ids_and_lookups_survive(void **state)
{
	care_dataset *ds = load_file("examples/data/sample-trust.json"), *opened;
	size_t k, i, at;

	(void)state;
	opened = through_snapshot(ds);
	for (k = CARE_KIND_UNIT; k < CARE_KIND_COUNT; k++) {
		for (i = 0; i < care_dataset_count(ds, (care_kind)k); i++) {
			char id[80];
			snprintf(id, sizeof id, "%s", care_dataset_id(ds, (care_kind)k, i));
			assert_int_equal(care_dataset_find(&at, opened, (care_kind)k, id), 0);
			assert_int_equal(at, i);
		}
		assert_int_equal(care_dataset_find(&at, opened, (care_kind)k, "no-such-id"),
		                 CARE_ENOTFOUND);
	}
	care_dataset_free(ds);
	care_dataset_free(opened);
}

static char *report_json(const care_dataset *ds, care_report_kind kind,
                         const care_report_options *o)
{
	care_report *r = NULL;
	char *text = NULL;

	if (care_report_new(&r, kind, ds, o) != 0)
		fail_msg("report %d: %s", (int)kind, care_error_last());
	assert_int_equal(care_report_to_json(&text, r), 0);
	care_report_free(r);
	return text;
}

/* Every kind of report, every grouping of the compliance report, on the loaded file and
 * on its snapshot. */
static void reports_are_equal(void **state)
{
	static const char *const sets[] = {"examples/data/sample-trust.json",
	                                   "tests/data/managers.json"};
	size_t f;

	(void)state;
	for (f = 0; f < sizeof sets / sizeof *sets; f++) {
		care_dataset *ds = load_file(sets[f]), *opened = through_snapshot(ds);
		int kind, by;
		for (kind = CARE_REPORT_COMPLIANCE; kind < CARE_REPORT_KIND_COUNT; kind++) {
			for (by = CARE_GROUP_NONE; by < CARE_GROUP_BY_COUNT; by++) {
				care_report_options o = CARE_REPORT_OPTIONS_INIT;
				char *a, *b;
				if (kind != CARE_REPORT_COMPLIANCE && by != CARE_GROUP_NONE)
					break;
				o.as_of = D("2026-03-31");
				o.from = D("2024-04-01");
				o.to = D("2026-03-31");
				o.target = D("2026-12-31");
				o.target_percent = 95;
				o.group_by = (care_group_by)by;
				o.competency =
				    kind == CARE_REPORT_OUTCOMES ? "customer-care" : NULL;
				if (f == 1 && kind == CARE_REPORT_OUTCOMES)
					continue; /* that dataset has no customer care */
				a = report_json(ds, (care_report_kind)kind, &o);
				b = report_json(opened, (care_report_kind)kind, &o);
				assert_string_equal(a, b);
				care_free(a);
				care_free(b);
			}
		}
		care_dataset_free(ds);
		care_dataset_free(opened);
	}
}

/* ---- damage ---- */

/* The snapshot of a dataset file, in memory. */
static unsigned char *snapshot_bytes(const char *file, size_t *len)
{
	care_dataset *ds = load_file(file);
	const char *path = temp_path();
	unsigned char *data;

	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	care_dataset_free(ds);
	data = (unsigned char *)slurp(path, len);
	assert_non_null(data);
	unlink(path);
	return data;
}

/* A snapshot is a function of its dataset: the same bytes each time, and after a round trip. */
static void same_dataset_same_bytes(void **state)
{
	size_t la, lb, lc;
	unsigned char *a = snapshot_bytes("examples/data/sample-with-errors.json", &la);
	unsigned char *b = snapshot_bytes("examples/data/sample-with-errors.json", &lb);
	care_dataset *ds = load_file("examples/data/sample-with-errors.json");
	care_dataset *opened = through_snapshot(ds);
	const char *path = temp_path();
	unsigned char *c;

	(void)state;
	assert_int_equal(care_dataset_save_snapshot(opened, path), 0);
	c = (unsigned char *)slurp(path, &lc);
	unlink(path);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	assert_int_equal(la, lc);
	assert_memory_equal(a, c, la);
	free(a);
	free(b);
	free(c);
	care_dataset_free(ds);
	care_dataset_free(opened);
}

static int open_bytes(const unsigned char *data, size_t len)
{
	care_dataset *ds = (care_dataset *)1;
	int rc = care_snapshot_read__image(&ds, data, len, "test.care");

	if (rc == 0) {
		assert_non_null(ds);
		care_dataset_free(ds);
	} else {
		assert_null(ds);
		assert_non_null(strstr(care_error_last(), "test.care"));
	}
	return rc;
}

static void truncated_is_a_clear_error(void **state)
{
	size_t len, cut;
	unsigned char *data = snapshot_bytes("examples/data/sample-with-errors.json", &len);

	(void)state;
	assert_int_equal(open_bytes(data, len), 0);
	for (cut = 0; cut < len; cut += cut < 128 ? 1 : 97) {
		unsigned char *copy = malloc(cut + 1); /* exactly cut bytes are readable to ASan */
		memcpy(copy, data, cut);
		assert_int_equal(open_bytes(copy, cut), CARE_EFORMAT);
		if (cut >= 64)
			assert_non_null(strstr(care_error_last(), "truncated"));
		free(copy);
	}
	free(data);
}

/* Every byte of a snapshot is under a checksum: changing any one is an error. */
static void any_changed_byte_is_an_error(void **state)
{
	size_t len, i;
	unsigned char *data = snapshot_bytes("tests/data/small.json", &len);

	(void)state;
	for (i = 0; i < len; i++) {
		data[i] ^= 0x20;
		assert_int_equal(open_bytes(data, len), CARE_EFORMAT);
		data[i] ^= 0x20;
	}
	free(data);
}

/* With the checksums recomputed after the change (a deliberate alteration), the checks of
 * values still refuse what would lead a reader astray; nothing crashes either way. */
static void altered_values_are_checked(void **state)
{
	size_t len, i;
	unsigned char *data = snapshot_bytes("tests/data/small.json", &len), *copy = malloc(len);
	int refused = 0;

	(void)state;
	for (i = CARE__SNAP_HEADER; i < len; i++) {
		static const unsigned char values[] = {0xff, 0x01};
		size_t v;
		for (v = 0; v < sizeof values; v++) {
			memcpy(copy, data, len);
			copy[i] = values[v];
			care_snapshot_sum__reseal(copy, len);
			refused += open_bytes(copy, len) == CARE_EFORMAT;
		}
	}
	assert_true(refused > 0);
	free(copy);
	free(data);
}

static void not_a_snapshot(void **state)
{
	care_dataset *ds = NULL;

	(void)state;
	assert_int_equal(care_dataset_open_snapshot(&ds, "examples/data/sample-trust.json"),
	                 CARE_EFORMAT);
	assert_null(ds);
	assert_non_null(strstr(care_error_last(), "magic"));
	assert_int_equal(care_dataset_open_snapshot(&ds, "/no/such/file.care"), CARE_EIO);
	assert_int_equal(care_dataset_open_snapshot(NULL, "x"), CARE_EINVAL);
	assert_int_equal(care_dataset_save_snapshot(NULL, "x"), CARE_EINVAL);
	assert_int_equal(care_dataset_save_snapshot((care_dataset *)1, "/no/such/dir/x.care"),
	                 CARE_EIO);
}

/* Another version is named as such. */
static void other_version(void **state)
{
	size_t len;
	unsigned char *data = snapshot_bytes("tests/data/small.json", &len);
	uint32_t v = CARE__SNAP_VERSION + 1;

	(void)state;
	memcpy(data + CARE__SNAP_H_VERSION, &v, 4);
	care_snapshot_sum__reseal(data, len);
	assert_int_equal(open_bytes(data, len), CARE_EFORMAT);
	assert_non_null(strstr(care_error_last(), "version 3"));
	/* One written by the version before this layout (8-byte held completions). */
	v = 2;
	memcpy(data + CARE__SNAP_H_VERSION, &v, 4);
	care_snapshot_sum__reseal(data, len);
	assert_int_equal(open_bytes(data, len), CARE_EFORMAT);
	assert_non_null(strstr(care_error_last(), "version 2"));
	free(data);
}

/* The checksum: fed in pieces of any size it gives what it gives at once; it tells apart a
 * changed word, two words swapped, and runs of zeros of different lengths. */
static void checksum_sees_changes(void **state)
{
	unsigned char buf[1000], swapped[1000], zeros[64] = {0};
	uint64_t whole;
	care__snap_sum s;
	size_t i, piece;

	(void)state;
	for (i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	whole = care_snapshot_sum__of(buf, sizeof buf);
	for (piece = 1; piece < 70; piece += 4) {
		care_snapshot_sum__init(&s);
		for (i = 0; i < sizeof buf; i += piece)
			care_snapshot_sum__update(&s, buf + i,
			                          i + piece <= sizeof buf ? piece : sizeof buf - i);
		assert_true(care_snapshot_sum__digest(&s) == whole);
	}
	memcpy(swapped, buf, sizeof buf);
	memcpy(swapped + 64, buf + 96, 8); /* words 8 and 12: the same lane */
	memcpy(swapped + 96, buf + 64, 8);
	assert_true(care_snapshot_sum__of(swapped, sizeof swapped) != whole);
	assert_true(care_snapshot_sum__of(buf, 999) != whole);
	for (i = 0; i < sizeof zeros; i++)
		assert_true(care_snapshot_sum__of(zeros, i) != care_snapshot_sum__of(zeros, i + 1));
}

/* An opened snapshot may be changed like any dataset (its borrowed arrays become its own
 * first): the same additions give the same dump and reports as on the loaded file. */
static void opened_snapshot_can_change(void **state)
{
	care_dataset *ds = load_file("tests/data/xapi/dataset.json"), *opened;
	care_dataset *sets[2];
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	size_t k, len = 0;
	char *statements = slurp("tests/data/xapi/statements.jsonl", &len);

	(void)state;
	opened = through_snapshot(ds);
	sets[0] = ds;
	sets[1] = opened;
	for (k = 0; k < 2; k++) {
		care_completion c = {NULL,
		                     care_dataset_id(sets[k], CARE_KIND_STAFF, 0),
		                     care_dataset_id(sets[k], CARE_KIND_MODULE, 0),
		                     D("2026-02-02"),
		                     CARE_COMPLETION_PASSED,
		                     88.0,
		                     "manual"};
		care_xapi_result r;
		size_t cap;
		assert_int_equal(care_dataset_reserve(sets[k], CARE_KIND_COMPLETION, 1000), 0);
		assert_int_equal(care_dataset_add_completion(sets[k], &c, NULL), 0);
		/* Made its own once: the room reserved stays (no copy per change). */
		cap = sets[k]->completions.cap;
		assert_true(cap >= sets[k]->completions.count + 998);
		c.completed_on = D("2026-02-03");
		assert_int_equal(care_dataset_add_completion(sets[k], &c, NULL), 0);
		assert_int_equal(sets[k]->completions.cap, cap);
		assert_int_equal(care_dataset_add_non_working_day(sets[k], D("2026-01-05")), 0);
		assert_int_equal(care_dataset_import_xapi(sets[k], &r, NULL, statements, len), 0);
		care_xapi_result_clear(&r);
		assert_int_equal(care_dataset_seal(sets[k]), 0);
	}
	assert_same_dump(ds, opened);
	o.as_of = D("2026-03-31");
	o.group_by = CARE_GROUP_UNIT;
	{
		char *a = report_json(ds, CARE_REPORT_COMPLIANCE, &o);
		char *b = report_json(opened, CARE_REPORT_COMPLIANCE, &o);
		assert_string_equal(a, b);
		care_free(a);
		care_free(b);
	}
	free(statements);
	care_dataset_free(ds);
	care_dataset_free(opened);
}

/* Every allocation of an open may fail: CARE_ENOMEM and nothing leaked, each time. */
static void allocation_failures(void **state)
{
	care_dataset *ds = load_file("examples/data/sample-trust.json"), *opened = NULL;
	const char *path = temp_path();
	long n;
	int rc = CARE_ENOMEM;

	(void)state;
	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	for (n = 1; rc != 0 && n < 100000; n++) {
		test_alloc_fail_at = n;
		test_alloc_calls = 0;
		test_alloc_live = 0;
		rc = care_dataset_open_snapshot(&opened, path);
		test_alloc_fail_at = 0;
		if (rc != 0) {
			assert_int_equal(rc, CARE_ENOMEM);
			assert_null(opened);
			assert_int_equal(test_alloc_live, 0);
		}
	}
	assert_int_equal(rc, 0);
	assert_true(n > 10);
	assert_same_dump(ds, opened);
	care_dataset_free(opened);
	unlink(path);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(round_trip_is_byte_identical),
	    cmocka_unit_test(ids_and_lookups_survive),
	    cmocka_unit_test(reports_are_equal),
	    cmocka_unit_test(same_dataset_same_bytes),
	    cmocka_unit_test(truncated_is_a_clear_error),
	    cmocka_unit_test(any_changed_byte_is_an_error),
	    cmocka_unit_test(altered_values_are_checked),
	    cmocka_unit_test(not_a_snapshot),
	    cmocka_unit_test(other_version),
	    cmocka_unit_test(checksum_sees_changes),
	    cmocka_unit_test(opened_snapshot_can_change),
	    cmocka_unit_test(allocation_failures),
	};

	if (care_set_allocator(&test_allocator) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
