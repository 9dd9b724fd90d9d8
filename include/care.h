/*
 * libcare — customer-care training compliance for NHS trusts.
 *
 * The umbrella header: include this one. See README.md and docs/.
 */
#ifndef CARE_H
#define CARE_H

#include "care/common.h"
#include "care/version.h"
#include "care/errors.h"
#include "care/calendar.h"
#include "care/dataset.h"
#include "care/validate.h"
#include "care/io.h"
#include "care/metrics.h"
#include "care/html.h"

#endif
