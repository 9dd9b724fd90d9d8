/*
 * The completions' id index after a seal (docs/threading.md): the seal releases it and the
 * first lookup makes it again from the rows, so every completion id (written, a UUID kept
 * as its bytes, generated) is found where it was before the seal, a duplicate added after
 * the seal is rejected as before it, four threads that look ids up at once right after a
 * seal agree, a snapshot saved after the seal has them all, an xAPI import into a sealed
 * dataset finds them, and running out of memory while making it is CARE_ENOMEM, never "not
 * found". Built with ThreadSanitizer by scripts/test (CARE_TSAN), which fails on any data
 * race.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <uuid/uuid.h>

#include "care.h"
#include "helpers.h"
#include "dataset/dataset.h"
#include "dataset/ids.h"
#include "io/load_along.h"

#define N       1500 /* completions: a third of each form of id */
#define THREADS 4

static char ids[N][37]; /* completion i's id, as the dataset gave it before the seal */

/* Whether the seal released the index: no slots held (what the change is for). */
static int released(const care_dataset *ds)
{
	const care__id_index *ix = &ds->ids[CARE_KIND_COMPLETION];

	return ix->slots == NULL && ix->cap == 0 && care_ids__completions_released(ds);
}

/* Completion i: "C<i>", a lower-case UUID (kept as 16 bytes) or none (generated). */
static care_completion completion(size_t i, char uuid[37])
{
	care_completion c = {NULL, "S001", "CC-ELEARN", 0, CARE_COMPLETION_PASSED, 91, "esr"};

	c.completed_on = D("2020-01-06") + (care_date)(i / 2);
	c.staff = i % 2 ? "S002" : "S001";
	if (i % 3 == 0) {
		snprintf(uuid, 37, "C%zu", i);
		c.id = uuid;
	} else if (i % 3 == 1) {
		snprintf(uuid, 37, "%08x-1b3d-4e5f-8a6b-%012x", (unsigned)i, (unsigned)(i * 7919));
		c.id = uuid;
	}
	return c;
}

/* The base with N completions, their ids in ids[] (found where they are before a seal). */
static care_dataset *with_completions(void)
{
	care_dataset *ds = test_two_people();
	char buf[37];
	size_t i, at;

	for (i = 0; i < N; i++) {
		care_completion c = completion(i, buf);
		assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);
	}
	for (i = 0; i < N; i++) {
		snprintf(ids[i], sizeof ids[i], "%s", care_dataset_id(ds, CARE_KIND_COMPLETION, i));
		assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, ids[i]), 0);
		assert_int_equal(at, i);
	}
	assert_int_equal(strlen(ids[2]), 36); /* generated */
	return ds;
}

static void all_found_where_they_were(const care_dataset *ds)
{
	size_t i, at;

	for (i = 0; i < N; i++) {
		at = N;
		assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, ids[i]), 0);
		assert_int_equal(at, i);
	}
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, "C1"), CARE_ENOTFOUND);
	assert_non_null(strstr(care_error_last(), "there is no completion 'C1'"));
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION,
	                                   "00000000-1b3d-4e5f-8a6b-000000000001"),
	                 CARE_ENOTFOUND);
}

static void found_after_seal(void **state)
{
	care_dataset *ds = with_completions();

	(void)state;
	assert_false(released(ds));
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_true(released(ds));
	all_found_where_they_were(ds);
	assert_false(care_ids__completions_released(ds));
	assert_int_equal(ds->ids[CARE_KIND_COMPLETION].count, N);
	/* Sealing a sealed dataset leaves the index made again: readers may be using it. */
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_false(released(ds));
	/* Sealed again (after a change), released again. */
	assert_int_equal(care_dataset_add_non_working_day(ds, D("2025-12-25")), 0);
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_true(released(ds));
	all_found_where_they_were(ds);
	care_dataset_free(ds);
}

/* Made again on the machine's cores (as for more than 65,536 completions), in chunks: the
 * same answers. */
static void found_after_seal_on_cores(void **state)
{
	size_t alone = care_ids__rebuild_alone, chunk = care_idindex__chunk;
	care_dataset *ds;

	(void)state;
	care_ids__rebuild_alone = 16;
	care_idindex__chunk = 700; /* three chunks, the last of 100 */
	ds = with_completions();
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_true(released(ds));
	all_found_where_they_were(ds);
	assert_int_equal(ds->ids[CARE_KIND_COMPLETION].count, N);
	care_ids__rebuild_alone = alone;
	care_idindex__chunk = chunk;
	care_dataset_free(ds);
}

/* A load seals as it goes, with the completion ids indexed on a thread of their own beside
 * the seal (care_load__along_from 0) or not: released after either way. */
static void found_after_load(void **state)
{
	care_dataset *ds = with_completions(), *loaded;
	char *text = NULL;
	size_t len = 0;
	int along;

	(void)state;
	assert_int_equal(care_dataset_dump(&text, &len, ds), 0);
	for (along = 0; along < 2; along++) {
		care_load__along_from = along ? 0 : (size_t)32 << 20;
		loaded = NULL;
		assert_int_equal(care_dataset_load_buffer(&loaded, NULL, text, len, NULL), 0);
		assert_true(released(loaded));
		all_found_where_they_were(loaded);
		care_dataset_free(loaded);
	}
	care_load__along_from = (size_t)32 << 20;
	care_free(text);
	care_dataset_free(ds);
}

/* The issues of adding completion i again, as "code@field:message;...". */
static const char *add_again(care_dataset *ds, size_t i)
{
	static char out[4][512];
	static int turn;
	char *buf = out[turn++ % 4];
	char uuid[37];
	care_completion c = completion(i, uuid);
	care_issues *issues = NULL;
	size_t k;

	assert_int_equal(care_dataset_add_completion(ds, &c, &issues), CARE_EINVALID);
	buf[0] = '\0';
	for (k = 0; k < care_issues_count(issues); k++) {
		const care_issue *is = care_issues_get(issues, k);
		snprintf(buf + strlen(buf), 512 - strlen(buf), "%s@%s:%s;",
		         care_issue_code_name(is->code), is->field ? is->field : "-", is->message);
	}
	care_issues_free(issues);
	return buf;
}

static void duplicate_rejected_after_seal(void **state)
{
	care_dataset *ds = with_completions();
	const char *before[3];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) /* written, UUID, generated */
		before[i] = add_again(ds, N - 3 + i);
	assert_non_null(strstr(before[0], "duplicate-id@id:another completion has the id 'C"));
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_true(released(ds));
	for (i = 0; i < 3; i++)
		assert_string_equal(add_again(ds, N - 3 + i), before[i]);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), N);
	/* A new one after a seal goes in, and is found with the others. */
	assert_int_equal(care_dataset_seal(ds), 0);
	{
		char buf[37];
		care_completion c = completion(N, buf); /* "C1500" */
		size_t at;
		assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);
		assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, "C1500"), 0);
		assert_int_equal(at, N);
		assert_int_equal(care_dataset_seal(ds), 0);
		assert_string_equal(add_again(ds, N), "duplicate-id@id:another completion has the "
		                                      "id 'C1500';");
	}
	care_dataset_free(ds);
}

typedef struct finder {
	const care_dataset *ds;
	pthread_barrier_t *start;
	size_t wrong;
	int rc;
} finder;

static void *find_all(void *arg)
{
	finder *f = arg;
	size_t i, at;

	pthread_barrier_wait(f->start);
	for (i = 0; i < N; i++) {
		/* From the middle on, so that the threads do not all ask the same at once. */
		size_t k = (i + N / 2) % N;
		int rc = care_dataset_find(&at, f->ds, CARE_KIND_COMPLETION, ids[k]);
		if (rc != 0)
			f->rc = rc;
		else if (at != k)
			f->wrong++;
	}
	return NULL;
}

static void threads_agree_after_seal(void **state)
{
	care_dataset *ds = with_completions();
	pthread_barrier_t start;
	pthread_t tids[THREADS];
	finder f[THREADS];
	int round, t;

	(void)state;
	for (round = 0; round < 3; round++) {
		/* Changed and sealed again: released, and made by the first thread to ask. */
		assert_int_equal(care_dataset_add_non_working_day(ds, D("2025-12-25") + round), 0);
		assert_int_equal(care_dataset_seal(ds), 0);
		assert_true(released(ds));
		assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
		for (t = 0; t < THREADS; t++) {
			f[t] = (finder){ds, &start, 0, 0};
			assert_int_equal(pthread_create(&tids[t], NULL, find_all, &f[t]), 0);
		}
		for (t = 0; t < THREADS; t++) {
			pthread_join(tids[t], NULL);
			assert_int_equal(f[t].rc, 0);
			assert_int_equal(f[t].wrong, 0);
		}
		pthread_barrier_destroy(&start);
		assert_int_equal(ds->ids[CARE_KIND_COMPLETION].count, N);
	}
	care_dataset_free(ds);
}

static void snapshot_after_seal(void **state)
{
	care_dataset *ds = with_completions(), *opened = NULL, *again = NULL;
	char path[64], *text = NULL, *opened_text = NULL;
	size_t len = 0, opened_len = 0;

	(void)state;
	snprintf(path, sizeof path, "/tmp/care-test-cids-%ld.care", (long)getpid());
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_true(released(ds));
	assert_int_equal(care_dataset_save_snapshot(ds, path), 0);
	assert_true(released(ds)); /* made for the save only */
	assert_int_equal(care_dataset_open_snapshot(&opened, path), 0);
	/* An opened snapshot's slots are borrowed from its file: kept. */
	assert_false(care_ids__completions_released(opened));
	assert_non_null(opened->ids[CARE_KIND_COMPLETION].slots);
	all_found_where_they_were(opened);
	/* The same file from the index made for the save as from the dataset's own. */
	all_found_where_they_were(ds);
	assert_int_equal(care_dataset_save_snapshot(opened, path), 0);
	assert_int_equal(care_dataset_open_snapshot(&again, path), 0);
	unlink(path);
	all_found_where_they_were(again);
	assert_int_equal(care_dataset_dump(&text, &len, ds), 0);
	assert_int_equal(care_dataset_dump(&opened_text, &opened_len, again), 0);
	assert_int_equal(len, opened_len);
	assert_memory_equal(text, opened_text, len);
	care_free(text);
	care_free(opened_text);
	care_dataset_free(again);
	care_dataset_free(opened);
	care_dataset_free(ds);
}

/* Rows that share an id, which no check lets in (here put there by hand): made again,
 * every other row is still found, as before the seal. */
static void rows_sharing_an_id(void **state)
{
	care_dataset *ds = with_completions();
	size_t i, at;

	(void)state;
	assert_non_null(ds->completions.id);
	ds->completions.id[3] = ds->completions.id[0]; /* "C3" is now "C0" */
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_true(released(ds));
	for (i = 0; i < N; i++) {
		if (i == 3)
			continue;
		assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, ids[i]), 0);
		assert_int_equal(at, i);
	}
	assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, "C3"), CARE_ENOTFOUND);
	care_dataset_free(ds);
}

/* xAPI statements imported into a sealed dataset: one whose id is a completion's and one
 * whose generated id is are present already, a void removes its target. */
static const char statements[] = "{\"id\":\"C0\",\"actor\":{\"account\":{\"name\":\"S001\"}},"
                                 "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
                                 "\"object\":{\"id\":\"https://example.org/xapi/cc\"},"
                                 "\"timestamp\":\"2026-01-05T10:00:00Z\"}\n"
                                 "{\"actor\":{\"account\":{\"name\":\"S001\"}},"
                                 "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\"},"
                                 "\"object\":{\"id\":\"https://example.org/xapi/cc\"},"
                                 "\"timestamp\":\"2020-01-07T10:00:00Z\"}\n";
static const char void_c3[] = "{\"id\":\"V1\",\"actor\":{\"account\":{\"name\":\"S001\"}},"
                              "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},"
                              "\"object\":{\"id\":\"C3\"},"
                              "\"timestamp\":\"2026-01-05T10:00:00Z\"}\n";

static void xapi_after_seal(void **state)
{
	care_dataset *ds = with_completions();
	care_xapi_result r;
	size_t i, at;

	(void)state;
	assert_int_equal(care_dataset_seal(ds), 0);
	assert_int_equal(care_dataset_import_xapi(ds, &r, NULL, statements, strlen(statements)), 0);
	assert_int_equal(r.present, 2);
	assert_int_equal(r.added + r.rejected, 0);
	care_xapi_result_clear(&r);
	assert_true(released(ds)); /* sealed again */
	assert_int_equal(care_dataset_import_xapi(ds, &r, NULL, void_c3, strlen(void_c3)), 0);
	assert_int_equal(r.removed, 1);
	care_xapi_result_clear(&r);
	assert_true(released(ds));
	for (i = 0; i < N; i++) {
		int rc = care_dataset_find(&at, ds, CARE_KIND_COMPLETION, ids[i]);
		if (i == 3) {
			assert_int_equal(rc, CARE_ENOTFOUND);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(at, i < 3 ? i : i - 1);
	}
	care_dataset_free(ds);
}

/* Each allocation of making the index again fails in turn: CARE_ENOMEM and the index still
 * released (never a wrong "not found" or "no duplicate"), then the next call makes it. */
static void out_of_memory(void **state)
{
	care_dataset *ds = with_completions();
	char path[64], uuid[37];
	care_completion dup = completion(0, uuid);
	care_issues *issues = NULL;
	long at_call;
	size_t at;
	int rc;

	(void)state;
	snprintf(path, sizeof path, "/tmp/care-test-cids-nomem-%ld.care", (long)getpid());
	assert_int_equal(care_dataset_seal(ds), 0);
	for (at_call = 1;; at_call++) {
		test_threads_fail_in(at_call);
		rc = care_dataset_find(&at, ds, CARE_KIND_COMPLETION, ids[N / 2]);
		test_threads_fail_in(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CARE_ENOMEM);
		assert_non_null(
		    strstr(care_error_last(), "out of memory indexing the completion ids"));
		assert_true(released(ds));
	}
	assert_true(at_call > 1); /* some allocation was failed */
	assert_int_equal(at, N / 2);
	all_found_where_they_were(ds);

	/* A duplicate added after a seal, and a save. */
	assert_int_equal(care_dataset_seal(ds), 0);
	for (at_call = 1;; at_call++) {
		test_threads_fail_in(at_call);
		rc = care_dataset_add_completion(ds, &dup, &issues);
		test_threads_fail_in(0);
		care_issues_free(issues);
		issues = NULL;
		if (rc != CARE_ENOMEM)
			break;
	}
	assert_int_equal(rc, CARE_EINVALID);
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), N);
	assert_int_equal(care_dataset_seal(ds), 0);
	for (at_call = 1;; at_call++) {
		care_xapi_result r;
		test_threads_fail_in(at_call);
		rc = care_dataset_import_xapi(ds, &r, NULL, statements, strlen(statements));
		test_threads_fail_in(0);
		if (rc == 0) {
			assert_int_equal(r.present, 2);
			care_xapi_result_clear(&r);
			break;
		}
		assert_int_equal(rc, CARE_ENOMEM);
	}
	assert_int_equal(care_dataset_count(ds, CARE_KIND_COMPLETION), N);
	assert_true(released(ds));
	for (at_call = 1;; at_call++) {
		test_threads_fail_in(at_call);
		rc = care_dataset_save_snapshot(ds, path);
		test_threads_fail_in(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CARE_ENOMEM);
		assert_true(released(ds));
	}
	unlink(path);
	care_dataset_free(ds);
}

/*
 * The id read as a UUID's 16 bytes exactly when libuuid reads it, it is lower case and its
 * variant is RFC 4122's, with the same bytes: every byte value at every place of a few
 * UUIDs (the reader takes eight digits at a time, so each place and each neighbour of '0',
 * '9', 'a', 'f' and '-' is tried).
 */
static int uuid_by_libuuid(const char *s, uint8_t out[16])
{
	size_t i;

	for (i = 0; i < 36; i++)
		if (s[i] >= 'A' && s[i] <= 'F')
			return 0;
	return uuid_parse(s, out) == 0 && (out[8] & 0xc0) == 0x80;
}

static void uuid_read_as_libuuid_reads_it(void **state)
{
	static const char *const texts[] = {
	    "d0485a2c-3967-511c-94f7-4c6360c239d1", "00000000-0000-4000-8000-000000000000",
	    "ffffffff-ffff-4fff-bfff-ffffffffffff", "9a0f1b2c-3d4e-5f60-a7b8-c9d0e1f2a3b4"};
	size_t k, at;
	int c, taken = 0, declined = 0;

	(void)state;
	for (k = 0; k < sizeof texts / sizeof *texts; k++)
		for (at = 0; at < 36; at++)
			for (c = 1; c < 256; c++) {
				char s[37];
				uint8_t ours[16], theirs[16], plain[16];
				int a, b, slow;
				memcpy(s, texts[k], 37);
				s[at] = (char)c;
				b = uuid_by_libuuid(s, theirs);
				/* With and without the processor's vector instructions. */
				care_ids__simd = 0;
				slow = care_ids__uuid_parse_len(s, 36, plain);
				care_ids__simd = 1;
				a = care_ids__uuid_parse_len(s, 36, ours);
				if (a != b || slow != b)
					fail_msg("%s: read %d (%d), libuuid %d", s, a, slow, b);
				if (a && (memcmp(ours, theirs, 16) != 0 ||
				          memcmp(plain, theirs, 16) != 0))
					fail_msg("%s: other bytes", s);
				taken += a, declined += !a;
			}
	/* Both outcomes were seen many times. */
	assert_true(taken > 1000 && declined > 30000);
	assert_int_equal(care_ids__uuid_parse_len(texts[0], 35, (uint8_t[16]){0}), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(uuid_read_as_libuuid_reads_it),
	    cmocka_unit_test(found_after_seal),
	    cmocka_unit_test(found_after_seal_on_cores),
	    cmocka_unit_test(found_after_load),
	    cmocka_unit_test(duplicate_rejected_after_seal),
	    cmocka_unit_test(threads_agree_after_seal),
	    cmocka_unit_test(snapshot_after_seal),
	    cmocka_unit_test(rows_sharing_an_id),
	    cmocka_unit_test(xapi_after_seal),
	    cmocka_unit_test(out_of_memory),
	};

	if (care_set_allocator(&test_threads_allocator) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
