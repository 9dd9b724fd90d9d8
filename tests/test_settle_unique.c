/*
 * Duplicate completion ids found all at once after a load's list, without an id index
 * (care_ids__settle_unique, care_radix__repeated), and the seal's held completions made on
 * two threads (care_index__split_from). Ids whose 32-bit hashes collide (found by trying
 * ids, not made up) are not duplicates; two equal ids are, whatever their form (written, a
 * UUID kept as bytes, generated), among rows indexed before the list or after, or one a
 * rejected completion's; every completion is found by its id after; a load gives what a load
 * that checks each id as it comes gives; running out of memory is CARE_ENOMEM, never another
 * answer; the seal on two threads builds the same index as on one.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"
#include "dataset/dataset.h"
#include "dataset/ids.h"
#include "dataset/index.h"
#include "io/load_along.h"
#include "util/radix.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* ---- the radix work ---- */

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

static void radix_sorts(void **state)
{
	static const size_t sizes[] = {0, 1, 2, 100, 5000, 70000};
	size_t s, i;

	(void)state;
	for (s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t n = sizes[s];
		uint32_t *a = malloc((n + 1) * sizeof *a), *scratch = malloc((n + 1) * sizeof *a);
		uint32_t *want = malloc((n + 1) * sizeof *a), *got;
		assert_non_null(a);
		assert_non_null(scratch);
		assert_non_null(want);
		for (i = 0; i < n; i++)
			/* Some digits the same for every key (a pass skipped), some repeats. */
			a[i] = s % 2 ? next_random() % 5000 * 0x00100001u : next_random();
		memcpy(want, a, n * sizeof *a);
		qsort(want, n, sizeof *want, u32_cmp);
		got = care_radix__sort_u32(a, scratch, n);
		assert_true(got == a || got == scratch);
		if (n)
			assert_memory_equal(got, want, n * sizeof *want);
		free(a);
		free(scratch);
		free(want);
	}
}

/* The number of the n sorted keys that are at most key. */
static size_t first_above(const uint32_t *sorted, size_t n, uint32_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted[mid] <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* care_radix__repeated of the n keys, added in order (each where it is), and the m probes. */
static int repeated(const uint32_t *keys, size_t n, const uint32_t *probe, size_t m,
                    care__radix_hit **hit, size_t *count)
{
	care__radix_groups *groups = calloc(1, sizeof *groups);
	size_t i;
	int rc;

	assert_non_null(groups);
	for (i = 0; i < n; i++)
		assert_int_equal(care_radix__add(groups, keys[i], (uint32_t)i), 0);
	assert_int_equal(groups->count, n);
	rc = care_radix__repeated(groups, probe, m, hit, count);
	care_radix__groups_free(groups);
	free(groups);
	return rc;
}

/* What care_radix__repeated gives, counted the slow way: positions sorted. */
static int at_cmp(const void *x, const void *y)
{
	const care__radix_hit *a = x, *b = y;

	return (a->at > b->at) - (a->at < b->at);
}

static void radix_repeats_as_counted(void **state)
{
	enum { N = 200000, M = 3000 };
	uint32_t *keys = malloc(N * sizeof *keys), *probe = malloc(M * sizeof *probe);
	uint32_t *sorted = malloc(N * sizeof *sorted), sorted_probe[M];
	care__radix_hit *hit = NULL, *want = malloc((N + M) * sizeof *want);
	size_t count = 0, wanted = 0, i, round;

	(void)state;
	assert_non_null(keys);
	assert_non_null(probe);
	assert_non_null(sorted);
	assert_non_null(want);
	for (round = 0; round < 3; round++) {
		/* Round 1: keys from a small range (many repeats, some three or more times);
		 * round 2: every key the same. */
		for (i = 0; i < N; i++)
			keys[i] = round == 0   ? next_random()
			          : round == 1 ? next_random() % 150000 * 7919u
			                       : 0xdeadbeefu;
		for (i = 0; i < M; i++)
			probe[i] = i % 2 ? keys[next_random() % N] : next_random();
		memcpy(sorted, keys, N * sizeof *keys);
		qsort(sorted, N, sizeof *sorted, u32_cmp);
		wanted = 0;
		memcpy(sorted_probe, probe, M * sizeof *probe);
		qsort(sorted_probe, M, sizeof *sorted_probe, u32_cmp);
		for (i = 0; i < N; i++) {
			/* How many keys equal keys[i], and whether a probe does. */
			size_t n = first_above(sorted, N, keys[i]) -
			           (keys[i] ? first_above(sorted, N, keys[i] - 1) : 0);
			if (bsearch(&keys[i], sorted_probe, M, sizeof *sorted_probe, u32_cmp))
				n++;
			if (n > 1) {
				want[wanted].key = keys[i];
				want[wanted++].at = (uint32_t)i;
			}
		}
		for (i = 0; i < M; i++)
			if (bsearch(&probe[i], sorted, N, sizeof *sorted, u32_cmp)) {
				want[wanted].key = probe[i];
				want[wanted++].at = (uint32_t)(N + i);
			}
		assert_int_equal(repeated(keys, N, probe, M, &hit, &count), 0);
		assert_int_equal(count, wanted);
		assert_true(round == 0 || count > 1000);
		qsort(hit, count, sizeof *hit, at_cmp);
		for (i = 0; i < count; i++) {
			assert_int_equal(hit[i].at, want[i].at);
			assert_int_equal(hit[i].key, want[i].key);
		}
		free(hit);
	}
	/* Nothing repeated: none, and NULL. */
	keys[0] = 1, keys[1] = 2;
	assert_int_equal(repeated(keys, 2, NULL, 0, &hit, &count), 0);
	assert_int_equal(count, 0);
	assert_null(hit);
	free(keys);
	free(probe);
	free(sorted);
	free(want);
}

/* ---- ids whose hashes collide ---- */

#define PAIRS 12 /* pairs of ids "C<n>" with the same care_ids__hash, different ids */
static char colliding[PAIRS][2][16];

typedef struct numbered {
	uint32_t hash, n;
} numbered;

static int numbered_cmp(const void *x, const void *y)
{
	const numbered *a = x, *b = y;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

/* Find PAIRS pairs by trying ids (about 20 among 400,000). */
static void find_collisions(void)
{
	enum { TRY = 600000 };
	numbered *h;
	size_t i, found = 0;
	char id[16];

	if (colliding[0][0][0] != '\0')
		return;
	h = malloc(TRY * sizeof *h);
	assert_non_null(h);
	for (i = 0; i < TRY; i++) {
		snprintf(id, sizeof id, "C%zu", i);
		h[i].hash = care_ids__hash(id);
		h[i].n = (uint32_t)i;
	}
	qsort(h, TRY, sizeof *h, numbered_cmp);
	for (i = 1; i < TRY && found < PAIRS; i++)
		if (h[i].hash == h[i - 1].hash) {
			snprintf(colliding[found][0], 16, "C%u", (unsigned)h[i - 1].n);
			snprintf(colliding[found][1], 16, "C%u", (unsigned)h[i].n);
			found++;
			i++;
		}
	free(h);
	assert_int_equal(found, PAIRS);
	assert_int_equal(care_ids__hash(colliding[0][0]), care_ids__hash(colliding[0][1]));
	assert_string_not_equal(colliding[0][0], colliding[0][1]);
}

#define ROWS 3000          /* completions: the colliding ids, then a third of each form of id */
static size_t rows = ROWS; /* fewer where each allocation is failed in turn */

/* The id of row i ("" for none: generated), into buf. */
static const char *row_id(size_t i, char buf[37])
{
	if (i < 2 * PAIRS)
		return colliding[i / 2][i % 2];
	if (i % 3 == 0)
		snprintf(buf, 37, "R%zu", i);
	else if (i % 3 == 1)
		snprintf(buf, 37, "%08x-1b3d-4e5f-8a6b-%012x", (unsigned)i, (unsigned)(i * 7919));
	else
		buf[0] = '\0';
	return buf;
}

static void add_row(care_dataset *ds, size_t i, const char *id)
{
	care_completion c = {NULL, "S001", "CC-ELEARN", 0, CARE_COMPLETION_PASSED, 91, "esr"};

	c.id = id[0] != '\0' ? id : NULL;
	c.staff = i % 2 ? "S002" : "S001";
	c.module = i % 5 ? "CC-ELEARN" : "FS-ELEARN";
	c.completed_on = D("2010-01-06") + (care_date)(i % 4000);
	assert_int_equal(care_dataset_add_completion(ds, &c, NULL), 0);
}

/* Rows 0 .. ROWS - 1, the first `before` indexed as they come, the rest deferred. */
static care_dataset *with_rows(size_t before)
{
	care_dataset *ds = test_two_people();
	char buf[37];
	size_t i;

	find_collisions();
	for (i = 0; i < rows; i++) {
		if (i == before)
			care_ids__defer(ds);
		add_row(ds, i, row_id(i, buf));
	}
	return ds;
}

static int released(const care_dataset *ds)
{
	const care__id_index *ix = &ds->ids[CARE_KIND_COMPLETION];

	return ix->slots == NULL && ix->cap == 0 && care_ids__completions_released(ds);
}

static void all_found(const care_dataset *ds)
{
	char buf[37];
	size_t i, at;

	for (i = 0; i < ROWS; i++) {
		char id[37];
		snprintf(id, sizeof id, "%s", care_dataset_id(ds, CARE_KIND_COMPLETION, i));
		if (i < 2 * PAIRS || i % 3 != 2)
			assert_string_equal(id, row_id(i, buf));
		at = ROWS;
		assert_int_equal(care_dataset_find(&at, ds, CARE_KIND_COMPLETION, id), 0);
		assert_int_equal(at, i);
	}
}

/* Ids whose hashes collide, among rows indexed before the list or not: no duplicate, the index
 * released, every completion found after. */
static void collisions_are_not_duplicates(void **state)
{
	static const size_t before[] = {0, 7, 2 * PAIRS + 1, 1500};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof before / sizeof *before; k++) {
		care_dataset *ds = with_rows(before[k]);
		assert_int_equal(care_ids__settle_unique(ds), 0);
		assert_false(ds->deferring);
		assert_int_equal(ds->deferred.count, 0);
		assert_true(released(ds));
		all_found(ds);
		care_dataset_free(ds);
	}
}

/* One more row with the id of row `twin` (written, colliding, UUID or generated), indexed
 * before the list or not: a duplicate. */
static void equal_ids_are_duplicates(void **state)
{
	static const size_t twins[] = {0,    1,    2 * PAIRS - 1, 2 * PAIRS + 3, 2 * PAIRS + 4,
	                               1001, 1002, ROWS - 1};
	static const size_t before[] = {0, 1000, ROWS};
	size_t t, b;
	char buf[37];

	(void)state;
	for (t = 0; t < sizeof twins / sizeof *twins; t++)
		for (b = 0; b < sizeof before / sizeof *before; b++) {
			care_dataset *ds = with_rows(before[b]);
			if (before[b] == ROWS)
				care_ids__defer(ds);
			/* The same fields, for a generated id to be the same. */
			add_row(ds, twins[t], row_id(twins[t], buf));
			assert_int_equal(care_ids__settle_unique(ds), 1);
			care_dataset_free(ds);
		}
}

/* An id a rejected completion owns: a duplicate when a row has it, not when a row's id only
 * has its hash. */
static void rejected_ids(void **state)
{
	care_dataset *ds;
	char buf[37];

	(void)state;
	ds = with_rows(0);
	assert_int_equal(care_ids__own_rejected(ds, CARE_KIND_COMPLETION, "X-1"), 0);
	assert_int_equal(care_ids__own_rejected(ds, CARE_KIND_COMPLETION, row_id(1234, buf)), 0);
	assert_int_equal(care_ids__settle_unique(ds), 1);
	care_dataset_free(ds);

	ds = test_two_people();
	find_collisions();
	care_ids__defer(ds);
	add_row(ds, 0, colliding[3][0]);
	add_row(ds, 1, "R1");
	assert_int_equal(care_ids__own_rejected(ds, CARE_KIND_COMPLETION, colliding[3][1]), 0);
	assert_int_equal(care_ids__own_rejected(ds, CARE_KIND_COMPLETION, "X-2"), 0);
	assert_int_equal(care_ids__settle_unique(ds), 0);
	assert_true(released(ds));
	care_dataset_free(ds);
}

/* Each allocation of the check fails in turn: CARE_ENOMEM, never another answer. */
static void out_of_memory(void **state)
{
	long at_call;
	int twin;

	(void)state;
	for (twin = 0; twin < 2; twin++) {
		for (at_call = 1;; at_call++) {
			care_dataset *ds = with_rows(5);
			char buf[37];
			int rc;
			if (twin)
				add_row(ds, 1, row_id(1, buf));
			assert_int_equal(care_ids__own_rejected(ds, CARE_KIND_COMPLETION, "X-1"),
			                 0);
			test_threads_fail_in(at_call);
			rc = care_ids__settle_unique(ds);
			test_threads_fail_in(0);
			care_dataset_free(ds);
			if (rc != CARE_ENOMEM) {
				assert_int_equal(rc, twin);
				break;
			}
		}
		assert_true(at_call > 3); /* the allocations were failed in turn */
	}
}

/* ---- loads ---- */

typedef struct outcome {
	int rc;
	char *issues, *dump;
	size_t dump_len;
	long calls; /* allocations the load made */
} outcome;

static char *issues_text(const care_issues *issues)
{
	size_t i, used = 0, cap = 1 << 16;
	char *out = malloc(cap);

	assert_non_null(out);
	out[0] = '\0';
	for (i = 0; i < care_issues_count(issues); i++) {
		const care_issue *is = care_issues_get(issues, i);
		int n;
		if (used + 2048 > cap) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		n = snprintf(out + used, cap - used, "%s %s %ld %s\n",
		             care_issue_code_name(is->code), is->id ? is->id : "-", is->index,
		             is->message);
		used += (size_t)n;
	}
	return out;
}

/* Loaded with along_from as care_load__along_from, ids checked one by one when `precise`,
 * allocation number `fail` failed (0: none). */
static outcome load_with(const char *text, size_t len, size_t along_from, int precise, long fail)
{
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	outcome r = {0, NULL, NULL, 0, 0};

	care_load__along_from = along_from;
	care_load__precise = precise;
	test_threads_fail_in(fail);
	r.rc = care_dataset_load_buffer(&ds, &issues, text, len, NULL);
	r.calls = test_threads_calls();
	test_threads_fail_in(0);
	care_load__precise = 0;
	care_load__along_from = (size_t)32 << 20;
	r.issues = issues ? issues_text(issues) : NULL;
	care_issues_free(issues);
	if (ds) {
		assert_true(released(ds));
		assert_int_equal(care_dataset_dump(&r.dump, &r.dump_len, ds), 0);
		care_dataset_free(ds);
	}
	return r;
}

static void same(const outcome *a, const outcome *b)
{
	assert_int_equal(a->rc, b->rc);
	assert_non_null(a->issues);
	assert_non_null(b->issues);
	assert_string_equal(a->issues, b->issues);
	assert_int_equal(a->dump_len, b->dump_len);
	if (a->dump_len)
		assert_memory_equal(a->dump, b->dump, a->dump_len);
}

static void free_outcome(outcome *r)
{
	free(r->issues);
	care_free(r->dump);
}

/* The rows as a dataset file, with what `extra` adds at the end of the completions. */
static char *dataset_text(const char *extra, size_t *len)
{
	care_dataset *ds = with_rows(ROWS);
	char *dump, *text, *end;
	size_t dump_len;

	assert_int_equal(care_dataset_dump(&dump, &dump_len, ds), 0);
	care_dataset_free(ds);
	text = malloc(dump_len + strlen(extra) + 1);
	assert_non_null(text);
	/* The completions' list ends at the last "}]" before "interactions". */
	end = strstr(dump, "\"interactions\"");
	assert_non_null(end);
	while (end > dump && *end != ']')
		end--;
	memcpy(text, dump, (size_t)(end - dump));
	strcpy(text + (end - dump), extra);
	strcat(text, end);
	*len = strlen(text);
	care_free(dump);
	return text;
}

/* Loads with ids checked all at once (beside the scan or after it) give what a load that
 * checks each as it comes gives: no duplicates among colliding ids; duplicates (written, a
 * UUID, generated, a rejected completion's id) reported where they are. */
static void loads_as_precise(void **state)
{
	char extra[1024], buf[37];
	size_t e, len;
	const char *extras[6];

	(void)state;
	find_collisions();
	extras[0] = "";
	snprintf(extra, sizeof extra,
	         ",{\"id\":\"%s\",\"staff\":\"S001\",\"module\":\"CC-ELEARN\",\"completed_on\":"
	         "\"2020-01-01\",\"outcome\":\"passed\"}\n",
	         colliding[5][1]);
	extras[1] = strdup(extra);
	snprintf(extra, sizeof extra,
	         ",{\"id\":\"%s\",\"staff\":\"S001\",\"module\":\"CC-ELEARN\",\"completed_on\":"
	         "\"2020-01-01\",\"outcome\":\"passed\"}\n",
	         row_id(2 * PAIRS + 4, buf));
	extras[2] = strdup(extra);
	/* Row 2 * PAIRS + 5 has no id: its generated one again. */
	extras[3] = ",{\"staff\":\"S002\",\"module\":\"CC-ELEARN\",\"completed_on\":\"2010-02-"
	            "04\",\"outcome\":\"passed\"}\n";
	/* A rejected completion owns X-9 (no such person), a stored one has it after. */
	extras[4] = ",{\"id\":\"X-9\",\"staff\":\"NOBODY\",\"module\":\"CC-ELEARN\","
	            "\"completed_on\":\"2020-01-01\",\"outcome\":\"passed\"}\n"
	            ",{\"id\":\"X-9\",\"staff\":\"S001\",\"module\":\"CC-ELEARN\","
	            "\"completed_on\":\"2020-01-01\",\"outcome\":\"passed\"}\n";
	/* A rejected completion with the id of a stored one. */
	snprintf(extra, sizeof extra,
	         ",{\"id\":\"%s\",\"staff\":\"NOBODY\",\"module\":\"CC-ELEARN\",\"completed_on\":"
	         "\"2020-01-01\",\"outcome\":\"passed\"}\n",
	         colliding[2][0]);
	extras[5] = strdup(extra);
	for (e = 0; e < 6; e++) {
		char *text = dataset_text(extras[e], &len);
		outcome precise = load_with(text, len, SIZE_MAX, 1, 0);
		outcome after = load_with(text, len, SIZE_MAX, 0, 0);
		outcome beside = load_with(text, len, 0, 0, 0);
		assert_int_equal(precise.rc, 0);
		/* Only the first is free of duplicates. */
		if ((e == 0) != (strstr(precise.issues, "duplicate-id") == NULL))
			fail_msg("extra %zu: %s", e, precise.issues);
		same(&precise, &after);
		same(&precise, &beside);
		free_outcome(&precise);
		free_outcome(&after);
		free_outcome(&beside);
		free(text);
	}
	free((void *)extras[1]);
	free((void *)extras[2]);
	free((void *)extras[5]);
}

/* A load beside the scan, each of its allocations failed in turn: CARE_ENOMEM, or what it
 * gives when none fails (a thread that cannot be had does its work on this one). */
static void load_out_of_memory(void **state)
{
	size_t len;
	char *text;
	outcome want, got;
	long at_call, total, failed = 0;

	(void)state;
	rows = 200;
	text = dataset_text(",{\"id\":\"X-9\",\"staff\":\"NOBODY\",\"module\":\"CC-ELEARN\","
	                    "\"completed_on\":\"2020-01-01\",\"outcome\":\"passed\"}\n",
	                    &len);
	rows = ROWS;
	want = load_with(text, len, 0, 0, 0);
	/* How many allocations the load makes (none fails: the count only). */
	got = load_with(text, len, 0, 0, LONG_MAX);
	total = got.calls;
	free_outcome(&got);
	for (at_call = 1; at_call <= total; at_call++) {
		got = load_with(text, len, 0, 0, at_call);
		if (got.rc == CARE_ENOMEM)
			failed++;
		else
			same(&want, &got);
		free_outcome(&got);
	}
	print_message("%ld of %ld allocations failed the load\n", failed, total);
	assert_true(failed > 50);
	free_outcome(&want);
	free(text);
}

/* ---- the seal on two threads ---- */

/* People and completions in no order, some failed: the index on one thread and on two. */
static void seal_on_two_threads(void **state)
{
	care_dataset *ds = test_two_people();
	care_assignment as = {"REC", "OPS", 0, CARE_DATE_NONE, NULL};
	care_staff s = {NULL, 0, CARE_DATE_NONE, &as, 1, NULL, 0, NULL};
	struct care__index *one, *two;
	size_t split = care_index__split_from, i, people = 300, n;
	char id[16];

	(void)state;
	s.started_on = as.from = D("2020-01-06");
	for (i = 0; i < people; i++) {
		snprintf(id, sizeof id, "P%zu", i);
		s.id = id;
		assert_int_equal(care_dataset_add_staff(ds, &s, NULL), 0);
	}
	for (i = 0; i < 20000; i++) {
		care_completion c = {NULL, id, "CC-ELEARN", 0, CARE_COMPLETION_PASSED, 91, NULL};
		snprintf(id, sizeof id, "P%u", (unsigned)(next_random() % people));
		c.module = next_random() % 3 ? "CC-ELEARN" : "FS-ELEARN";
		c.completed_on = D("2001-01-01") + (care_date)(next_random() % 9000);
		c.outcome = next_random() % 7 ? CARE_COMPLETION_PASSED : CARE_COMPLETION_FAILED;
		care_dataset_add_completion(ds, &c, NULL); /* a duplicate generated id: rejected */
	}
	care_index__split_from = SIZE_MAX;
	assert_int_equal(care_index__build(&one, ds), 0);
	care_index__split_from = 1;
	assert_int_equal(care_index__build(&two, ds), 0);
	n = one->held_first[ds->staff_count];
	assert_true(n > 15000);
	assert_memory_equal(one->held_first, two->held_first,
	                    (ds->staff_count + 1) * sizeof *one->held_first);
	assert_memory_equal(one->held, two->held, n * sizeof *one->held);
	assert_int_equal(one->bytes, two->bytes);
	care_index__free(one);
	care_index__free(two);
	/* Out of memory on two threads: CARE_ENOMEM and nothing leaks. */
	for (i = 1;; i++) {
		int rc;
		test_threads_fail_in((long)i);
		rc = care_index__build(&two, ds);
		test_threads_fail_in(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CARE_ENOMEM);
		assert_null(two);
	}
	care_index__free(two);
	care_index__split_from = split;
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(radix_sorts),
	    cmocka_unit_test(radix_repeats_as_counted),
	    cmocka_unit_test(collisions_are_not_duplicates),
	    cmocka_unit_test(equal_ids_are_duplicates),
	    cmocka_unit_test(rejected_ids),
	    cmocka_unit_test(out_of_memory),
	    cmocka_unit_test(loads_as_precise),
	    cmocka_unit_test(load_out_of_memory),
	    cmocka_unit_test(seal_on_two_threads),
	};

	if (care_set_allocator(&test_threads_allocator) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
