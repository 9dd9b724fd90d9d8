/*
 * libcare — the SWIG interface behind `import libcare`.
 *
 * Deliberately thin: the public headers, one %exception that turns a negative
 * return into a libcare.Error, typemaps that make out-parameters return
 * values, and destructors so that owned objects are freed when Python drops
 * them. Everything an analyst touches (keyword arguments, datetime.date,
 * report objects, pandas) is written in Python in the `libcare` package;
 * this module (`libcare.libcare_c`) is its private engine room.
 *
 * Bulk in, bulk out: datasets arrive as one JSON buffer
 * (care_dataset_load_buffer), reports and issue lists leave as one JSON text
 * (care_report_to_json, care_issues_to_json), rejected records as one dict.
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
%include "typemaps.i"
%include "typemaps_care.i"

/* ------------------------------------------------------------------------------------------
 * Errors: a negative int return is a CARE_E* code. care_py_raise() (typemaps_care.i) asks
 * libcare.errors for the exception that fits the code and care_error_last(). Functions whose
 * int result is data (a date, a count, an enum value) are listed with CARE_PLAIN below.
 * _Generic keeps the check to int results, so pointer and size_t results pass untouched. */
%exception {
	$action
	if (_Generic((result), int: (result), default: 0) < 0) {
		care_py_raise((int)_Generic((result), int: (result), default: 0));
		SWIG_fail;
	}
}

/* On success an error-code function returns None (its out-parameters are the result). */
%typemap(out) care_date = int;
%define CARE_PLAIN(NAME)
%noexception NAME;
%typemap(out) int NAME = int;
%enddef
CARE_PLAIN(care_error_last_code)
CARE_PLAIN(care_date_from_ymd)
CARE_PLAIN(care_date_weekday)
CARE_PLAIN(care_date_add_days)
CARE_PLAIN(care_date_add_months)
CARE_PLAIN(care_date_month_end)
CARE_PLAIN(care_is_bank_holiday)
CARE_PLAIN(care_working_days)
CARE_PLAIN(care_enum_parse)
CARE_PLAIN(care_enum_count)
CARE_PLAIN(care_dataset_extracted_on)
CARE_PLAIN(care_issue_code_parse)
CARE_PLAIN(care_status_parse)
%typemap(out) int "$result = SWIG_Py_Void();";
%noexception care_error_clear;

/* The record helpers, wrapped like the API they call. */
%include "records.i"

/* ------------------------------------------------------------------------------------------
 * What Python does not get: the allocator hook (process-wide, before any other call), raw
 * frees (the destructors below call them), record structs holding borrowed pointers (the
 * helpers of records.i fill them safely), and the per-number report views (reports leave
 * as JSON in one call). */
%ignore care_allocator;
%ignore care_set_allocator;
%ignore care_free;
%ignore care_dataset_free;
%ignore care_issues_free;
%ignore care_report_free;
%ignore care_unit;
%ignore care_requirement;
%ignore care_role;
%ignore care_module;
%ignore care_assignment;
%ignore care_exemption;
%ignore care_staff;
%ignore care_completion;
%ignore care_interaction;
%ignore care_complaint;
%ignore care_dataset_add_unit;
%ignore care_dataset_add_role;
%ignore care_dataset_add_module;
%ignore care_dataset_add_staff;
%ignore care_dataset_add_completion;
%ignore care_dataset_add_interaction;
%ignore care_dataset_add_complaint;
%ignore care_dataset_rejected;
%ignore care_timestamp;
%ignore care_timestamp_parse;
%ignore care_timestamp_format;
%ignore care_date_to_ymd;
%ignore care_date_parse;
%ignore care_date_format;
%ignore care_load_options;
%ignore care_load_options_init;
%ignore care_report_options;
%ignore care_report_options_init;
%ignore care_status_info;
%ignore care_compliance_row;
%ignore care_compliance_group;
%ignore care_staff_row;
%ignore care_outcome_group;
%ignore care_outcomes;
%ignore care_complaints;
%ignore care_forecast_row;
%ignore care_report_group_count;
%ignore care_report_group;
%ignore care_report_totals;
%ignore care_report_row_count;
%ignore care_report_staff_row;
%ignore care_report_outcomes;
%ignore care_report_complaints;
%ignore care_report_forecast_row;

/* ------------------------------------------------------------------------------------------
 * Owned objects: proxies whose destructor releases them. None of them can be made from
 * Python except through the functions that hand them out. */
%nodefaultctor care_dataset;
%nodefaultctor care_issues;
%nodefaultctor care_report;
%nodefaultctor care_issue;
%nodefaultdtor care_issue;
struct care_dataset {};
struct care_issues {};
struct care_report {};
%noexception care_dataset::~care_dataset;
%noexception care_issues::~care_issues;
%noexception care_report::~care_report;
%extend care_dataset { ~care_dataset() { care_dataset_free($self); } }
%extend care_issues { ~care_issues() { care_issues_free($self); } }
%extend care_report { ~care_report() { care_report_free($self); } }

/* An issue is borrowed from its list: it keeps the list alive. */
%immutable care_issue::id;
%immutable care_issue::field;
%immutable care_issue::message;
%immutable care_issue::severity;
%immutable care_issue::code;
%immutable care_issue::kind;
%immutable care_issue::index;
%immutable care_issue::line;
%immutable care_issue::column;
%pythonappend care_issues_get %{
    if val is not None:
        val._parent = issues
%}

%apply int *OUTPUT { int *number };
%apply (char *STRING, size_t LENGTH) { (const char *text, size_t len) };
%apply (char *STRING, size_t LENGTH) { (const char *json, size_t len) };
%apply (const int32_t *INTS, size_t NINTS) { (const care_date *extra, size_t extra_count) };

%include "care/common.h"
%include "care/version.h"
%include "care/errors.h"
%include "care/calendar.h"
%include "care/dataset.h"
%include "care/validate.h"
%include "care/io.h"
%include "care/metrics.h"
