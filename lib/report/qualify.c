/*
 * Qualifying trust-local ids by their organisation (report): "ODS:id", so
 * that the units, roles and managers of different trusts never share a key
 * in a report that holds more than one organisation (docs/national.md).
 */
#include <string.h>

#include "report/report.h"
#include "util/alloc.h"

const char *care_qualify__id(care_report *r, const char *ods, const char *id)
{
	size_t a = ods ? strlen(ods) : 0, b = strlen(id);
	char *tmp = care__malloc(a + b + 2);
	const char *out;

	if (tmp == NULL)
		return NULL;
	if (a)
		memcpy(tmp, ods, a);
	tmp[a] = ':';
	memcpy(tmp + a + 1, id, b + 1);
	out = care_arena__strndup(&r->arena, tmp, a + b + 1);
	care__free(tmp);
	return out;
}
