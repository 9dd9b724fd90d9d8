/*
 * Pages made present ahead of their first writes (ahead.h).
 */
#define _GNU_SOURCE /* SCHED_IDLE, MADV_POPULATE_WRITE */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "util/ahead.h"
#include "util/alloc.h"

#if defined(__linux__) && defined(MADV_POPULATE_WRITE) && defined(SCHED_IDLE)

/* Rows made present at a time, column after column: a column's share is small enough that the
 * helper soon gives way, and the columns stay in step with the rows being written. */
#define STEP_ROWS 16384

struct care__ahead {
	pthread_t thread;
	care__column_span columns[CARE__AHEAD_COLUMNS];
	size_t n, from, to;
	atomic_int stop;       /* set by care_ahead__stop */
	atomic_size_t reached; /* set by care_ahead__reached */
};

static void *ahead_main(void *arg)
{
	care__ahead *a = arg;
	const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	struct sched_param none;
	size_t row, k;

	memset(&none, 0, sizeof none);
	/* This thread only: the lowest priority, used when a core has nothing else to do. */
	if (sched_setscheduler(0, SCHED_IDLE, &none) != 0)
		return NULL;
	row = a->from;
	while (row < a->to && !atomic_load_explicit(&a->stop, memory_order_relaxed)) {
		size_t end = a->to - row < STEP_ROWS ? a->to : row + STEP_ROWS;
		/* No further than the lead beyond the rows written: wait for the writer. */
		if (end >
		    atomic_load_explicit(&a->reached, memory_order_relaxed) + CARE__AHEAD_LEAD) {
			struct timespec pause = {0, 1000 * 1000};
			nanosleep(&pause, NULL);
			continue;
		}
		for (k = 0; k < a->n; k++) {
			uintptr_t lo = (uintptr_t)a->columns[k].base + row * a->columns[k].width;
			uintptr_t hi = (uintptr_t)a->columns[k].base + end * a->columns[k].width;
			lo &= ~(page - 1);
			if (madvise((void *)lo, (size_t)(hi - lo), MADV_POPULATE_WRITE) != 0)
				return NULL; /* refused (moved, freed, or not known here): stop */
		}
		row = end;
	}
	return NULL;
}

care__ahead *care_ahead__start(const care__column_span *columns, size_t n, size_t from, size_t to)
{
	care__ahead *a;

	if (n == 0 || n > CARE__AHEAD_COLUMNS || from >= to ||
	    (a = care__malloc(sizeof *a)) == NULL)
		return NULL;
	memcpy(a->columns, columns, n * sizeof *columns);
	a->n = n;
	a->from = from;
	a->to = to;
	atomic_init(&a->stop, 0);
	atomic_init(&a->reached, from);
	if (pthread_create(&a->thread, NULL, ahead_main, a) != 0) {
		care__free(a);
		return NULL;
	}
	return a;
}

void care_ahead__reached(care__ahead *a, size_t row)
{
	if (a != NULL)
		atomic_store_explicit(&a->reached, row, memory_order_relaxed);
}

void care_ahead__stop(care__ahead *a)
{
	if (a == NULL)
		return;
	atomic_store_explicit(&a->stop, 1, memory_order_relaxed);
	pthread_join(a->thread, NULL);
	care__free(a);
}

#else

care__ahead *care_ahead__start(const care__column_span *columns, size_t n, size_t from, size_t to)
{
	(void)columns, (void)n, (void)from, (void)to;
	return NULL;
}

void care_ahead__reached(care__ahead *a, size_t row)
{
	(void)a, (void)row;
}

void care_ahead__stop(care__ahead *a)
{
	(void)a;
}

#endif
