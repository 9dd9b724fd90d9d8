/*
 * Work split in shares over threads (jobs.h).
 */
#include <pthread.h>

#include "util/jobs.h"

void care__run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n)
{
	pthread_t tids[CARE__JOBS_MOST];
	int started[CARE__JOBS_MOST] = {0};
	char *job = jobs;
	size_t k;

	if (n > CARE__JOBS_MOST)
		n = CARE__JOBS_MOST;
	for (k = 1; k < n; k++)
		started[k] = pthread_create(&tids[k], NULL, fn, job + k * size) == 0;
	if (n > 0)
		fn(job);
	for (k = 1; k < n; k++) {
		if (started[k])
			pthread_join(tids[k], NULL);
		else
			fn(job + k * size); /* no thread: here */
	}
}
