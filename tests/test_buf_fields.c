/*
 * The field names of list items (care_buf__indexed, care_buf__path) are what snprintf would
 * write, at every buffer size, cut where snprintf cuts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"
#include "util/buf.h"

static void indexed_names_are_snprintfs(void **state)
{
	static const char *const names[] = {"", "a", "assignments", "requirements"};
	static const char *const suffixes[] = {"", ".to", ".due_within_days"};
	static const size_t indexes[] = {0, 7, 10, 99, 12345, SIZE_MAX};
	size_t n, s, k, size;

	(void)state;
	for (n = 0; n < 4; n++)
		for (s = 0; s < 3; s++)
			for (k = 0; k < 6; k++)
				for (size = 1; size <= 64; size++) {
					char want[80], got[80];
					memset(want, 'x', sizeof want);
					memset(got, 'x', sizeof got);
					snprintf(want, size, "%s[%zu]%s", names[n], indexes[k],
					         suffixes[s]);
					care_buf__indexed(got, size, names[n], indexes[k],
					                  suffixes[s]);
					assert_memory_equal(want, got, sizeof want);
				}
}

static void paths_are_snprintfs(void **state)
{
	static const char *const prefixes[] = {NULL, "", "requirements[3]", "organisation"};
	static const char *const names[] = {"", "id", "due_within_days"};
	size_t p, n, size;

	(void)state;
	for (p = 0; p < 4; p++)
		for (n = 0; n < 3; n++)
			for (size = 1; size <= 40; size++) {
				char want[48], got[48];
				memset(want, 'x', sizeof want);
				memset(got, 'x', sizeof got);
				if (prefixes[p] && *prefixes[p])
					snprintf(want, size, "%s.%s", prefixes[p], names[n]);
				else
					snprintf(want, size, "%s", names[n]);
				care_buf__path(got, size, prefixes[p], names[n]);
				assert_memory_equal(want, got, sizeof want);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(indexed_names_are_snprintfs),
	    cmocka_unit_test(paths_are_snprintfs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
