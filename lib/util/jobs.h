/*
 * Work split in shares over threads (util): the first share on the calling thread, each other
 * on a thread of its own, or on the calling thread too when a thread cannot be had.
 */
#ifndef CARE_UTIL_JOBS_H
#define CARE_UTIL_JOBS_H

#include <stddef.h>

/* The most shares care__run_jobs runs at once. */
#define CARE__JOBS_MOST 16

/*
 * Call fn on each of the n (at most CARE__JOBS_MOST) jobs, `size` bytes apart at jobs: job 0
 * on this thread, the others on threads of their own, all ended when this returns.
 */
void care__run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n);

#endif
