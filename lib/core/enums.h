/*
 * The enumerations (core): their tables come from the X-macro lists of the
 * public headers (care/dataset.h, care/validate.h, care/metrics.h).
 */
#ifndef CARE_CORE_ENUMS_H
#define CARE_CORE_ENUMS_H

#include "care.h"

/* The name of a record kind for messages ("unit"; "record" when out of range). */
const char *care_enums__kind_name(care_kind kind);

#endif
