/*
 * libcare — version numbers.
 */
#ifndef CARE_VERSION_H
#define CARE_VERSION_H

#include "common.h"

#define CARE_VERSION_MAJOR  0
#define CARE_VERSION_MINOR  1
#define CARE_VERSION_PATCH  0
#define CARE_VERSION_STRING "0.1.0"

/** The version as one integer, MAJOR * 10000 + MINOR * 100 + PATCH. */
#define CARE_VERSION_NUMBER                                                                        \
	(CARE_VERSION_MAJOR * 10000 + CARE_VERSION_MINOR * 100 + CARE_VERSION_PATCH)

/** True when the headers are at least version major.minor.patch. */
#define CARE_VERSION_CHECK(major, minor, patch)                                                    \
	(CARE_VERSION_NUMBER >= ((major)*10000 + (minor)*100 + (patch)))

CARE_BEGIN_DECLS

/**
 * The version of the library that is running (which may differ from the
 * headers a program was built with), as "MAJOR.MINOR.PATCH". Static string.
 * If number is not NULL it receives CARE_VERSION_NUMBER of the library.
 */
CARE_API const char *care_version(int *number);

CARE_END_DECLS

#endif
