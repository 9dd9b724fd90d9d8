/*
 * Reports and one person's status: a report is an owned proxy; options come in as a dict
 * (built by libcare/dataset.py), and a report leaves as JSON or CSV text in one call.
 */

%nodefaultctor care_report;
struct care_report {};
%extend care_report { ~care_report() { care_report_free($self); } }

CARE_OWNED_OUT(care_report, out, care_report_free)

CARE_NOT_NONE(care_report *report, const care_report *report, care_report *into,
              const care_report *from)

/* A report's serialised form: bytes (it is binary), released with care_free(). */
%typemap(in, numinputs=0) (char **data, size_t *size) (char *tmp = NULL, size_t n = 0) {
	$1 = &tmp;
	$2 = &n;
}
%typemap(argout) (char **data, size_t *size) {
	PyObject *bytes = PyBytes_FromStringAndSize(tmp$argnum ? tmp$argnum : "", (Py_ssize_t)n$argnum);
	if (!bytes)
		SWIG_fail;
	$result = SWIG_Python_AppendOutput($result, bytes);
}
%typemap(freearg) (char **data, size_t *size) { care_free(tmp$argnum); }

/* One person's status: a tuple (status, expiring, expires_on, grace_end, overdue_since,
 * period_start), dates as care_date integers. */
%typemap(in, numinputs=0) care_status_info *out (care_status_info tmp) { memset(&tmp, 0, sizeof tmp); $1 = &tmp; }
%typemap(argout) care_status_info *out {
	$result = SWIG_Python_AppendOutput($result, Py_BuildValue("(iiiiii)", (int)tmp$argnum.status,
		tmp$argnum.expiring, (int)tmp$argnum.expires_on, (int)tmp$argnum.grace_end,
		(int)tmp$argnum.overdue_since, (int)tmp$argnum.period_start));
}

/* Report options: a dict with the fields of care_report_options (dates as care_date
 * integers, enums as integers); absent keys and None keep the defaults. */
%typemap(in) const care_report_options *opts (care_report_options tmp) {
	static const struct { const char *key; size_t offset; long lo, hi; } ints[] = {
		{"as_of", offsetof(care_report_options, as_of), INT32_MIN, INT32_MAX},
		{"from", offsetof(care_report_options, from), INT32_MIN, INT32_MAX},
		{"to", offsetof(care_report_options, to), INT32_MIN, INT32_MAX},
		{"group_by", offsetof(care_report_options, group_by), CARE_GROUP_NONE,
		 CARE_GROUP_BY_COUNT - 1},
		{"staff_group", offsetof(care_report_options, staff_group), INT32_MIN, INT32_MAX},
		{"patient_facing", offsetof(care_report_options, patient_facing), 0, 1},
		{"due_soon_days", offsetof(care_report_options, due_soon_days), INT32_MIN, INT32_MAX},
		{"min_cell", offsetof(care_report_options, min_cell), INT32_MIN, INT32_MAX},
		{"status", offsetof(care_report_options, status), INT32_MIN, INT32_MAX},
		{"target", offsetof(care_report_options, target), INT32_MIN, INT32_MAX},
		{"target_percent", offsetof(care_report_options, target_percent), INT32_MIN, INT32_MAX},
		{"threads", offsetof(care_report_options, threads), 0, 1024},
		{"all_reports", offsetof(care_report_options, all_reports), 0, 1},
	};
	static const struct { const char *key; size_t offset; } strs[] = {
		{"unit", offsetof(care_report_options, unit)},
		{"role", offsetof(care_report_options, role)},
		{"competency", offsetof(care_report_options, competency)},
		{"manager", offsetof(care_report_options, manager)},
	};
	size_t i;
	if (!PyDict_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "report options must be a dict");
		SWIG_fail;
	}
	care_report_options_init(&tmp, CARE_REPORT_OPTIONS_VERSION);
	for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		PyObject *v = PyDict_GetItemString($input, ints[i].key);
		int x;
		if (!v || v == Py_None)
			continue;
		if (care_py_to_int(v, ints[i].key, ints[i].lo, ints[i].hi, &x) < 0)
			SWIG_fail;
		if (ints[i].offset == offsetof(care_report_options, group_by))
			tmp.group_by = (care_group_by)x;
		else
			memcpy((char *)&tmp + ints[i].offset, &x, sizeof x);
	}
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		PyObject *v = PyDict_GetItemString($input, strs[i].key);
		const char *s;
		if (!v || v == Py_None)
			continue;
		if (!(s = care_py_utf8(v, strs[i].key)))
			SWIG_fail;
		memcpy((char *)&tmp + strs[i].offset, &s, sizeof s);
	}
	$1 = &tmp;
}

%include "care/metrics.h"
