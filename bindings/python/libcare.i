/*
 * libcare — the SWIG interface behind `import libcare`.
 *
 * Deliberately thin: the functions listed in swig/api.i (and nothing else named care_*),
 * each int result classified there as an error code (a negative one raises libcare.Error)
 * or as data; typemaps that make out-parameters return values; and destructors so that
 * owned objects are freed when Python drops them. Everything an analyst touches (keyword
 * arguments, datetime.date, report objects, pandas) is written in Python in the `libcare`
 * package; this module (`libcare.libcare_c`) is its private engine room.
 *
 * Bulk in, bulk out: datasets arrive as one JSON buffer (care_dataset_load_buffer),
 * reports and issue lists leave as one JSON text (care_report_to_json,
 * care_issues_to_json), rejected records as one list.
 *
 * One file per concept, in swig/, each ending with the public header it wraps:
 *   api.i       what Python gets: the one list of wrapped functions and types
 *   typemaps.i  conversions shared by all (text, sequences, owned out-parameters)
 *   errors.i    CARE_E* codes to exceptions; common.h, version.h, errors.h
 *   calendar.i  calendar.h
 *   dataset.i   the dataset proxy, enumerations, ids; dataset.h
 *   issues.i    issue lists and borrowed issues; validate.h
 *   io.i        loading and saving; io.h
 *   records.i   the record helpers (care_dataset_add_* with flat arguments)
 *   report.i    the report proxy, report options, one person's status; metrics.h
 *   html.i      HTML pages, html options; html.h
 */
%module(package="libcare") libcare_c

/* `from` (a period start) is a Python keyword: SWIG calls it `_from`, which is fine here. */
#pragma SWIG nowarn=314

%{
#include <limits.h>
#include <string.h>
#include "care.h"
%}

%include <stdint.i>
%include <typemaps.i>

%include "swig/api.i"
%include "swig/typemaps.i"
%include "swig/errors.i"
%include "swig/calendar.i"
%include "swig/dataset.i"
%include "swig/issues.i"
%include "swig/io.i"
%include "swig/records.i"
%include "swig/report.i"
%include "swig/html.i"
