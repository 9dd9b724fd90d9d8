/*
 * What Python gets: the one list of the functions and types that libcare_c wraps.
 *
 * Nothing named care_* is wrapped unless it is listed here; a function added to a public
 * header is simply absent from Python until someone adds it below, with its result
 * classified. The constants (the CARE_* enum values and macros) all follow the headers.
 * tests/test_api.py checks this list against the public headers and the built module.
 *
 *   CARE_PY_CODE(f)   f returns an int that is a CARE_E* code: a negative one raises the
 *                     libcare.Error that fits it; success gives None, or the out-parameters.
 *   CARE_PY_VALUE(f)  f returns an int that is data (a count, a day of the week, an enum
 *                     value, -1 for "not one"): Python gets the int, and nothing raises.
 *   CARE_PY_FUNC(f)   f returns something else (a pointer, a size, a date, an enum, void):
 *                     wrapped as its type says.
 *   CARE_PY_TYPE(t)   struct t gets a proxy class.
 *
 * An int-returning function listed with CARE_PY_FUNC does not compile (see the default
 * int result below): every int result must say which of the two it is.
 *
 * Left out on purpose: the allocator hook (process-wide, before any other call), raw frees
 * (the proxies' destructors call them), the record structs holding borrowed pointers and the
 * care_dataset_add_* calls that take them (records.i wraps them safely), the date and
 * timestamp text helpers (Python has its own), the options structs (typemaps fill them from
 * Python values) and the per-number report views (reports leave as JSON in one call).
 */

/* Everything named care_* is left out unless listed. Enum values and macros are kept. */
%rename("$ignore", regextarget=1, %$isfunction) "^care_";
%rename("$ignore", regextarget=1, %$isclass) "^care_";

/* SWIG's own int result (a Python int), kept under a name before the default replaces it. */
%typemap(out) int care_py_value = int;
%typemap(out) care_date = int;

/* An int result that is not classified stops the build, naming its function. */
%typemap(out) int %{
#error "$symname returns int: list it with CARE_PY_CODE or CARE_PY_VALUE in swig/api.i"
%}

/* A CARE_E* code: care_py_raise() (errors.i) raises the exception that fits a negative one;
 * the freearg typemaps still run, so nothing a failed call made is leaked. */
%typemap(out) int care_py_code {
	if ($1 < 0) {
		care_py_raise($1);
		SWIG_fail;
	}
	$result = SWIG_Py_Void();
}

%define CARE_PY_CODE(NAME)
%rename("%s") NAME;
%typemap(out) int NAME = int care_py_code;
%enddef

%define CARE_PY_VALUE(NAME)
%rename("%s") NAME;
%typemap(out) int NAME = int care_py_value;
%enddef

%define CARE_PY_FUNC(NAME)
%rename("%s") NAME;
%enddef

%define CARE_PY_TYPE(NAME)
%rename("%s") NAME;
%enddef

/* ---- errors.h, version.h ------------------------------------------------------------------ */
CARE_PY_FUNC(care_strerror)
CARE_PY_FUNC(care_error_last)
CARE_PY_VALUE(care_error_last_code)
CARE_PY_FUNC(care_error_clear)
CARE_PY_FUNC(care_version)

/* ---- calendar.h --------------------------------------------------------------------------- */
CARE_PY_FUNC(care_date_from_ymd)
CARE_PY_VALUE(care_date_weekday)
CARE_PY_FUNC(care_date_add_days)
CARE_PY_FUNC(care_date_add_months)
CARE_PY_FUNC(care_date_month_end)
CARE_PY_VALUE(care_is_bank_holiday)
CARE_PY_VALUE(care_working_days)

/* ---- dataset.h ---------------------------------------------------------------------------- */
CARE_PY_FUNC(care_enum_name)
CARE_PY_VALUE(care_enum_parse)
CARE_PY_VALUE(care_enum_count)
CARE_PY_TYPE(care_dataset)
CARE_PY_CODE(care_dataset_new)
CARE_PY_CODE(care_dataset_set_header)
CARE_PY_CODE(care_dataset_add_non_working_day)
CARE_PY_CODE(care_dataset_reserve)
CARE_PY_CODE(care_dataset_seal)
CARE_PY_FUNC(care_dataset_count)
CARE_PY_FUNC(care_dataset_rejected_count)
CARE_PY_FUNC(care_dataset_id)
CARE_PY_CODE(care_dataset_find)
CARE_PY_FUNC(care_dataset_extracted_on)
CARE_PY_CODE(care_completion_make_id)

/* ---- records.i: the record helpers (care_dataset_add_* with flat arguments) ---------------- */
CARE_PY_CODE(care_py_add_unit)
CARE_PY_CODE(care_py_add_role)
CARE_PY_CODE(care_py_add_module)
CARE_PY_CODE(care_py_add_staff)
CARE_PY_CODE(care_py_add_completion)
CARE_PY_CODE(care_py_add_interaction)
CARE_PY_CODE(care_py_add_complaint)
CARE_PY_FUNC(care_py_rejected)

/* ---- validate.h --------------------------------------------------------------------------- */
CARE_PY_FUNC(care_issue_code_name)
CARE_PY_VALUE(care_issue_code_parse)
CARE_PY_FUNC(care_issue_code_severity)
CARE_PY_TYPE(care_issue)
CARE_PY_TYPE(care_issues)
CARE_PY_FUNC(care_issues_count)
CARE_PY_FUNC(care_issues_get)
CARE_PY_FUNC(care_issues_errors)
CARE_PY_FUNC(care_issues_warnings)
CARE_PY_CODE(care_issues_to_json)
CARE_PY_CODE(care_record_validate)

/* ---- io.h --------------------------------------------------------------------------------- */
CARE_PY_CODE(care_dataset_load_file)
CARE_PY_CODE(care_dataset_load_buffer)
CARE_PY_CODE(care_dataset_save)
CARE_PY_CODE(care_dataset_dump)
CARE_PY_CODE(care_dataset_save_rejects)
CARE_PY_CODE(care_dataset_dump_rejects)
CARE_PY_CODE(care_dataset_load_path)
CARE_PY_CODE(care_dataset_save_snapshot)
CARE_PY_CODE(care_dataset_open_snapshot)
CARE_PY_TYPE(care_csv_mapping)
CARE_PY_CODE(care_csv_mapping_load)
CARE_PY_CODE(care_csv_mapping_parse)
CARE_PY_CODE(care_dataset_save_csv)
CARE_PY_CODE(care_dataset_save_rejects_csv)
CARE_PY_CODE(care_dataset_import_xapi)

/* ---- metrics.h ---------------------------------------------------------------------------- */
CARE_PY_FUNC(care_status_name)
CARE_PY_VALUE(care_status_parse)
CARE_PY_CODE(care_status_get)
CARE_PY_FUNC(care_group_by_name)
CARE_PY_TYPE(care_report)
CARE_PY_CODE(care_report_new)
CARE_PY_FUNC(care_report_get_kind)
CARE_PY_CODE(care_report_merge)
CARE_PY_CODE(care_report_to_json)
CARE_PY_CODE(care_report_to_csv)
CARE_PY_CODE(care_report_serialize)
CARE_PY_CODE(care_report_deserialize)
CARE_PY_FUNC(care_report_ods_code)
CARE_PY_CODE(care_report_to_html)
CARE_PY_CODE(care_html_page)
CARE_PY_FUNC(care_report_total_cost_pence)
CARE_PY_FUNC(care_report_total_cost_for_target_pence)
