/*
 * Pages made present ahead of their first writes (util), on a thread that runs only when a
 * core would otherwise be idle.
 *
 * A big load writes its columns row by row, and the first write to each page of fresh memory
 * costs the writing thread a fault and the page's clearing (on this kind of machine, most of a
 * second for a gigabyte). Given the columns, a helper thread asks the system to make their
 * pages present, rows in order, at the lowest priority there is: it only uses time that no
 * other thread wants. It never reads or writes the memory (a page made present keeps its
 * contents), so a column that moves or is freed meanwhile costs nothing but the work: the
 * helper stops at the first range the system refuses. Where the system has no such request
 * (not Linux, or a Linux before 5.14), nothing is done.
 */
#ifndef CARE_UTIL_AHEAD_H
#define CARE_UTIL_AHEAD_H

#include <stddef.h>

/* A column: rows of `width` bytes from `base`. */
typedef struct care__column_span {
	void *base;
	size_t width;
} care__column_span;

#define CARE__AHEAD_COLUMNS 12

typedef struct care__ahead care__ahead;

/*
 * Start making rows [from, to) of the n (at most CARE__AHEAD_COLUMNS) columns present. NULL
 * when nothing will be done (no such request here, no thread or no memory: the writes then
 * fault as before).
 */
care__ahead *care_ahead__start(const care__column_span *columns, size_t n, size_t from, size_t to);

/* The writer has written the rows before `row`: the helper makes rows present at most
 * CARE__AHEAD_LEAD rows beyond the last row told (NULL: nothing). So the rows made present and
 * never written are few, whatever the room. */
void care_ahead__reached(care__ahead *a, size_t row);

#define CARE__AHEAD_LEAD ((size_t)1 << 19)

/* Stop and end the helper thread (NULL: nothing). */
void care_ahead__stop(care__ahead *a);

#endif
