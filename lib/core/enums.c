/*
 * The closed enumerations and their spellings, made from the X-macro lists
 * of the public headers.
 */
#include <string.h>

#include "core/enums.h"

#define SPELLING(name, text) text,
#define TABLE(name, map)     static const char *const name##_names[] = {map(SPELLING)};
CARE_ENUM_MAP(TABLE)
#undef TABLE

#define TABLE(name, map) {name##_names, (int)(sizeof name##_names / sizeof name##_names[0])},
static const struct {
	const char *const *names;
	int count;
} tables[CARE_ENUM_COUNT] = {CARE_ENUM_MAP(TABLE)};
#undef TABLE

int care_enum_count(care_enum type)
{
	if ((unsigned)type >= CARE_ENUM_COUNT)
		return 0;
	return tables[type].count;
}

const char *care_enum_name(care_enum type, int value)
{
	if (value < 0 || value >= care_enum_count(type))
		return NULL;
	return tables[type].names[value];
}

int care_enum_parse(care_enum type, const char *text, size_t len)
{
	int i, n = care_enum_count(type);

	if (text == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const char *name = tables[type].names[i];
		if (strlen(name) == len && memcmp(name, text, len) == 0)
			return i;
	}
	return -1;
}

const char *care_enums__kind_name(care_kind kind)
{
	const char *name = care_enum_name(CARE_ENUM_KIND, (int)kind);

	return name ? name : "record";
}

#define GROUP_NAME(name, text) text,
static const char *const group_names[CARE_GROUP_BY_COUNT] = {CARE_GROUP_BY_MAP(GROUP_NAME)};

const char *care_group_by_name(care_group_by by)
{
	if ((unsigned)by >= CARE_GROUP_BY_COUNT)
		return NULL;
	return group_names[by];
}

#define STATUS_NAME(name, text) text,
static const char *const status_names[CARE_STATUS_COUNT] = {CARE_STATUS_MAP(STATUS_NAME)};

const char *care_status_name(care_status status)
{
	if ((unsigned)status >= CARE_STATUS_COUNT)
		return NULL;
	return status_names[status];
}

int care_status_parse(const char *name)
{
	int i;

	for (i = 0; name && i < CARE_STATUS_COUNT; i++)
		if (strcmp(status_names[i], name) == 0)
			return i;
	return -1;
}
