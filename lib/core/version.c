/*
 * The run-time version.
 */
#include "care/version.h"

const char *care_version(int *number)
{
	if (number != NULL)
		*number = CARE_VERSION_NUMBER;
	return CARE_VERSION_STRING;
}
