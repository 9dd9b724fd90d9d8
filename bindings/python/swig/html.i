/*
 * HTML pages (html.h): a report as a page, and the manager's page. Options come in as a dict
 * (title, green_percent, amber_percent, focus_competency, worklist_limit); absent keys and
 * None keep the defaults. A page leaves as one str.
 */

%typemap(in) const care_html_options *opts (care_html_options tmp) {
	static const struct { const char *key; size_t offset; long lo, hi; } ints[] = {
		{"green_percent", offsetof(care_html_options, green_percent), 0, 100},
		{"amber_percent", offsetof(care_html_options, amber_percent), 0, 100},
	};
	PyObject *v;
	size_t i;
	if (!PyDict_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "html options must be a dict");
		SWIG_fail;
	}
	care_html_options_init(&tmp, CARE_HTML_OPTIONS_VERSION);
	for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		int x;
		v = PyDict_GetItemString($input, ints[i].key);
		if (!v || v == Py_None)
			continue;
		if (care_py_to_int(v, ints[i].key, ints[i].lo, ints[i].hi, &x) < 0)
			SWIG_fail;
		memcpy((char *)&tmp + ints[i].offset, &x, sizeof x);
	}
	v = PyDict_GetItemString($input, "worklist_limit");
	if (v && v != Py_None) {
		int x;
		if (care_py_to_int(v, "worklist_limit", 0, INT_MAX, &x) < 0)
			SWIG_fail;
		tmp.worklist_limit = (size_t)x;
	}
	v = PyDict_GetItemString($input, "title");
	if (v && v != Py_None && !(tmp.title = care_py_utf8(v, "title")))
		SWIG_fail;
	v = PyDict_GetItemString($input, "focus_competency");
	if (v && v != Py_None && !(tmp.focus_competency = care_py_utf8(v, "focus_competency")))
		SWIG_fail;
	$1 = &tmp;
}

/* The manager's page takes report options as the reports do. */
%apply const care_report_options *opts { const care_report_options *report_opts };

%include "care/html.h"
