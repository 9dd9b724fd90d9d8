/*
 * Pages made present ahead of their first writes (lib/util/ahead.h): the helper makes the
 * columns' pages present without changing a byte of them, stops when told, and costs nothing
 * but its work when a column goes away under it.
 */
#define _GNU_SOURCE /* mincore */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/ahead.h"

#define ROWS (1u << 20)

/* How many of the pages of [p, p + len) are present. */
static size_t present(void *p, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n = (len + page - 1) / page, k, count = 0;
	unsigned char *in = malloc(n);

	assert_non_null(in);
	assert_int_equal(mincore(p, len, in), 0);
	for (k = 0; k < n; k++)
		count += in[k] & 1;
	free(in);
	return count;
}

static void *fresh(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	return p;
}

static void nothing_to_do(void **state)
{
	care__column_span c = {NULL, 4};

	(void)state;
	assert_null(care_ahead__start(&c, 0, 0, 10));
	assert_null(care_ahead__start(&c, 1, 10, 10));
	assert_null(care_ahead__start(&c, CARE__AHEAD_COLUMNS + 1, 0, 10));
	care_ahead__stop(NULL);
}

/* Two columns of 4 and 16 bytes a row, their first rows written: the rows asked for become
 * present while this thread sleeps, the written rows keep their bytes, and the rows before
 * `from` and after `to` are left alone. */
static void rows_made_present_unchanged(void **state)
{
	uint32_t *a = fresh(ROWS * 4);
	uint8_t(*b)[16] = fresh(ROWS * 16);
	care__column_span c[2] = {{a, 4}, {b, 16}};
	size_t page = (size_t)sysconf(_SC_PAGESIZE), k, from = ROWS / 4, to = ROWS / 2;
	care__ahead *h;
	int waited;

	(void)state;
	for (k = from; k < from + 1000; k++) {
		a[k] = (uint32_t)k * 2654435761u;
		memset(b[k], (int)(k & 0xff), 16);
	}
	h = care_ahead__start(c, 2, from, to);
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	assert_non_null(h);
	/* This thread asleep: a core is idle, and the helper uses it. */
	for (waited = 0;
	     waited < 400 && present(b + from, (to - from) * 16) < (to - from) * 16 / page;
	     waited++)
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	assert_true(present(a + from, (to - from) * 4) >= (to - from) * 4 / page);
	assert_true(present(b + from, (to - from) * 16) >= (to - from) * 16 / page);
	/* Nothing far before or after. */
	assert_int_equal(present(b, from * 16 - page), 0);
	assert_int_equal(present((uint8_t *)b + to * 16 + page, (ROWS - to) * 16 - page), 0);
#else
	(void)waited;
	(void)page;
#endif
	care_ahead__stop(h);
	for (k = from; k < from + 1000; k++) {
		assert_int_equal(a[k], (uint32_t)k * 2654435761u);
		assert_int_equal(b[k][15], (uint8_t)(k & 0xff));
	}
	assert_int_equal(a[from - 1], 0);
	munmap(a, ROWS * 4);
	munmap(b, ROWS * 16);
}

/* Waits (up to four seconds) until the n bytes at p are all present. */
static int all_present(void *p, size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int waited;

	for (waited = 0; waited < 400 && present(p, n) < n / page; waited++)
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	return present(p, n) >= n / page;
}

/* No further than the lead beyond the rows the writer has told: the rest only once told. */
static void no_further_than_the_lead(void **state)
{
	uint8_t(*b)[16] = fresh(ROWS * 16);
	care__column_span c = {b, 16};
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	care__ahead *h = care_ahead__start(&c, 1, 0, ROWS);

	(void)state;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	assert_non_null(h);
	assert_true(all_present(b, CARE__AHEAD_LEAD * 16));
	nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
	assert_int_equal(present((uint8_t *)b + CARE__AHEAD_LEAD * 16 + page,
	                         (ROWS - CARE__AHEAD_LEAD) * 16 - page),
	                 0);
	care_ahead__reached(h, ROWS - CARE__AHEAD_LEAD);
	assert_true(all_present(b, ROWS * 16));
#else
	(void)page;
#endif
	care_ahead__stop(h);
	munmap(b, ROWS * 16);
}

/* A column unmapped while the helper works, and one that is not memory at all: it stops, and
 * nothing crashes. */
static void columns_gone(void **state)
{
	uint8_t *a = fresh(ROWS * 64);
	care__column_span c[2] = {{a, 64}, {(void *)(uintptr_t)4096, 64}};
	care__ahead *h = care_ahead__start(c, 1, 0, ROWS);

	(void)state;
	munmap(a, ROWS * 64);
	care_ahead__stop(h);
	care_ahead__stop(care_ahead__start(c + 1, 1, 0, ROWS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(nothing_to_do),
	    cmocka_unit_test(rows_made_present_unchanged),
	    cmocka_unit_test(no_further_than_the_lead),
	    cmocka_unit_test(columns_gone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
