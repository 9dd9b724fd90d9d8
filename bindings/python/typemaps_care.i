/*
 * Typemaps of the libcare interface: out-parameters become return values,
 * options come in as Python values, and errors become libcare exceptions.
 */

%{
/* Raise the libcare.Error subclass for `code`, with care_error_last() as its
 * message. The mapping itself lives in Python (libcare/errors.py). The
 * message is passed as bytes: it may quote a path that is not UTF-8. */
static void care_py_raise(int code)
{
	const char *detail = care_error_last();
	PyObject *mod, *exc;

	/* A helper of records.i may already have said what was wrong. */
	if (PyErr_Occurred())
		return;
	if (!detail || !*detail)
		detail = care_strerror(code);
	mod = PyImport_ImportModule("libcare.errors");
	if (!mod)
		return;
	exc = PyObject_CallMethod(mod, "_from_code", "iy", code, detail);
	Py_DECREF(mod);
	if (!exc)
		return;
	PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	Py_DECREF(exc);
}

/* Hang the issue list `issues` (owned; may be NULL) on the pending exception as `_issues`:
 * the issues of a failed load or add travel with the error that reports it. The exception is
 * fetched first: Python objects must not be made while one is pending. */
static void care_py_attach_issues(care_issues *issues, swig_type_info *type_info)
{
	PyObject *type, *value, *tb, *obj;

	if (!issues)
		return;
	if (!PyErr_Occurred()) {
		care_issues_free(issues);
		return;
	}
	PyErr_Fetch(&type, &value, &tb);
	PyErr_NormalizeException(&type, &value, &tb);
	obj = SWIG_NewPointerObj(SWIG_as_voidptr(issues), type_info, SWIG_POINTER_OWN);
	if (!obj || !value || PyObject_SetAttrString(value, "_issues", obj) < 0)
		PyErr_Clear();
	if (!obj)
		care_issues_free(issues);
	Py_XDECREF(obj);
	PyErr_Restore(type, value, tb);
}

/* An int from a Python int (bools included), range-checked. -1 with an exception set on failure. */
static int care_py_to_int(PyObject *v, const char *what, long lo, long hi, int *out)
{
	long x;
	if (!PyLong_Check(v)) {
		PyErr_Format(PyExc_TypeError, "%s must be an int", what);
		return -1;
	}
	x = PyLong_AsLong(v);
	if (x == -1 && PyErr_Occurred())
		return -1;
	if (x < lo || x > hi) {
		PyErr_Format(PyExc_OverflowError, "%s out of range", what);
		return -1;
	}
	*out = (int)x;
	return 0;
}

/* UTF-8 of a str, borrowed from it; rejects embedded NULs. */
static const char *care_py_utf8(PyObject *v, const char *what)
{
	Py_ssize_t n;
	const char *s;
	if (!PyUnicode_Check(v)) {
		PyErr_Format(PyExc_TypeError, "%s must be a str or None", what);
		return NULL;
	}
	s = PyUnicode_AsUTF8AndSize(v, &n);
	if (s && strlen(s) != (size_t)n) {
		PyErr_Format(PyExc_ValueError, "%s contains a NUL character", what);
		return NULL;
	}
	return s;
}

/* Text the library hands over (care_free'd by the caller): str, undecodable bytes kept as
 * surrogates so that nothing written is lost. */
static PyObject *care_py_text(const char *s, size_t n)
{
	if (!s)
		Py_RETURN_NONE;
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "surrogateescape");
}
%}

/* ---- owned objects handed out through `out` / `issues` ---------------------------------- */

%define CARE_OWNED_OUT(TYPE, NAME, FREE)
%typemap(in, numinputs=0) TYPE **NAME (TYPE *tmp = NULL) { $1 = &tmp; }
%typemap(argout) TYPE **NAME {
	$result = SWIG_Python_AppendOutput($result,
		SWIG_NewPointerObj(SWIG_as_voidptr(tmp$argnum), $*1_descriptor, SWIG_POINTER_OWN));
	tmp$argnum = NULL;
}
%typemap(freearg) TYPE **NAME { FREE(tmp$argnum); }
%enddef

CARE_OWNED_OUT(care_dataset, out, care_dataset_free)
CARE_OWNED_OUT(care_report, out, care_report_free)

/* Issue lists come back even when the call fails (a syntax error, a strict load, a rejected
 * record): on failure they ride on the exception as `_issues`. */
%typemap(in, numinputs=0) care_issues **issues (care_issues *tmp = NULL), care_issues **out (care_issues *tmp = NULL) {
	$1 = &tmp;
}
%typemap(argout) care_issues **issues, care_issues **out {
	$result = SWIG_Python_AppendOutput($result,
		SWIG_NewPointerObj(SWIG_as_voidptr(tmp$argnum), $*1_descriptor, SWIG_POINTER_OWN));
	tmp$argnum = NULL;
}
%typemap(freearg) care_issues **issues, care_issues **out {
	care_py_attach_issues(tmp$argnum, $*1_descriptor);
	tmp$argnum = NULL;
}

/* Text the caller owns: returned as str, released with care_free(). */
%typemap(in, numinputs=0) char **out (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **out {
	PyObject *text = care_py_text(tmp$argnum, tmp$argnum ? strlen(tmp$argnum) : 0);
	if (!text)
		SWIG_fail;
	$result = SWIG_Python_AppendOutput($result, text);
}
%typemap(freearg) char **out { care_free(tmp$argnum); }

/* Lengths the library reports beside NUL-terminated text: not needed in Python. */
%typemap(in, numinputs=0) size_t *len (size_t tmp = 0) { $1 = &tmp; }

/* A position (care_dataset_find). */
%typemap(in, numinputs=0) size_t *out (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *out { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(tmp$argnum)); }

/* A completion id buffer. */
%typemap(in, numinputs=0) char buf[37] (char tmp[37]) { memset(tmp, 0, sizeof tmp); $1 = tmp; }
%typemap(argout) char buf[37] { $result = SWIG_Python_AppendOutput($result, PyUnicode_FromString(tmp$argnum)); }

/* One person's status: a tuple (status, expiring, expires_on, grace_end, overdue_since,
 * period_start), dates as care_date integers. */
%typemap(in, numinputs=0) care_status_info *out (care_status_info tmp) { memset(&tmp, 0, sizeof tmp); $1 = &tmp; }
%typemap(argout) care_status_info *out {
	$result = SWIG_Python_AppendOutput($result, Py_BuildValue("(iiiiii)", (int)tmp$argnum.status,
		tmp$argnum.expiring, (int)tmp$argnum.expires_on, (int)tmp$argnum.grace_end,
		(int)tmp$argnum.overdue_since, (int)tmp$argnum.period_start));
}

/* ---- handles that must not be NULL -------------------------------------------------------- */

%typemap(check) care_dataset *ds, const care_dataset *ds, care_report *report,
                const care_report *report, care_report *into, const care_report *from {
	if (!$1) {
		PyErr_SetString(PyExc_ValueError, "$1_name must not be None");
		SWIG_fail;
	}
}

/* ---- options ------------------------------------------------------------------------------ */

/* Load options: any Python truth value, the `strict` flag. */
%typemap(in) const care_load_options *opts (care_load_options tmp) {
	int strict = PyObject_IsTrue($input);
	if (strict < 0)
		SWIG_fail;
	care_load_options_init(&tmp, CARE_LOAD_OPTIONS_VERSION);
	tmp.strict = strict;
	$1 = &tmp;
}

/* Report options: a dict with the fields of care_report_options (dates as care_date
 * integers, enums as integers); absent keys and None keep the defaults. */
%typemap(in) const care_report_options *opts (care_report_options tmp) {
	static const struct { const char *key; size_t offset; long lo, hi; } ints[] = {
		{"as_of", offsetof(care_report_options, as_of), INT32_MIN, INT32_MAX},
		{"from", offsetof(care_report_options, from), INT32_MIN, INT32_MAX},
		{"to", offsetof(care_report_options, to), INT32_MIN, INT32_MAX},
		{"group_by", offsetof(care_report_options, group_by), 0, 4},
		{"staff_group", offsetof(care_report_options, staff_group), INT32_MIN, INT32_MAX},
		{"patient_facing", offsetof(care_report_options, patient_facing), 0, 1},
		{"due_soon_days", offsetof(care_report_options, due_soon_days), INT32_MIN, INT32_MAX},
		{"min_cell", offsetof(care_report_options, min_cell), INT32_MIN, INT32_MAX},
		{"status", offsetof(care_report_options, status), INT32_MIN, INT32_MAX},
		{"target", offsetof(care_report_options, target), INT32_MIN, INT32_MAX},
		{"target_percent", offsetof(care_report_options, target_percent), INT32_MIN, INT32_MAX},
		{"threads", offsetof(care_report_options, threads), 0, 1024},
	};
	static const struct { const char *key; size_t offset; } strs[] = {
		{"unit", offsetof(care_report_options, unit)},
		{"role", offsetof(care_report_options, role)},
		{"competency", offsetof(care_report_options, competency)},
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

/* ---- sequences in (the record helpers of records.i) --------------------------------------- */

/* A sequence of str (None allowed: an absent value), UTF-8 borrowed from the str objects. */
%typemap(in) (const char *const *STRS, size_t NSTRS) (PyObject *seq = NULL, const char **buf = NULL) {
	Py_ssize_t n, i;
	seq = PySequence_Fast($input, "expected a sequence of str");
	if (!seq)
		SWIG_fail;
	n = PySequence_Fast_GET_SIZE(seq);
	buf = (const char **)PyMem_Calloc((size_t)(n ? n : 1), sizeof *buf);
	if (!buf) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i = 0; i < n; i++) {
		PyObject *o = PySequence_Fast_GET_ITEM(seq, i);
		if (o == Py_None)
			continue;
		if (!(buf[i] = care_py_utf8(o, "$1_name item")))
			SWIG_fail;
	}
	$1 = ($1_ltype)buf;
	$2 = (size_t)n;
}
%typemap(freearg) (const char *const *STRS, size_t NSTRS) {
	PyMem_Free((void *)buf$argnum);
	Py_XDECREF(seq$argnum);
}

/* A sequence of int32 (dates as care_date, numbers). */
%typemap(in) (const int32_t *INTS, size_t NINTS) (PyObject *seq = NULL, int32_t *buf = NULL) {
	Py_ssize_t n, i;
	seq = PySequence_Fast($input, "expected a sequence of int");
	if (!seq)
		SWIG_fail;
	n = PySequence_Fast_GET_SIZE(seq);
	buf = (int32_t *)PyMem_Calloc((size_t)(n ? n : 1), sizeof *buf);
	if (!buf) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i = 0; i < n; i++) {
		int x;
		if (care_py_to_int(PySequence_Fast_GET_ITEM(seq, i), "$1_name item", INT32_MIN,
		                   INT32_MAX, &x) < 0)
			SWIG_fail;
		buf[i] = (int32_t)x;
	}
	$1 = ($1_ltype)buf;
	$2 = (size_t)n;
}
%typemap(freearg) (const int32_t *INTS, size_t NINTS) {
	PyMem_Free(buf$argnum);
	Py_XDECREF(seq$argnum);
}

/* A dataset text: str (encoded as UTF-8) or any bytes-like object, not copied. */
%typemap(in) (const char *data, size_t len) (Py_buffer view, int have_view = 0) {
	if (PyUnicode_Check($input)) {
		Py_ssize_t n;
		const char *s = PyUnicode_AsUTF8AndSize($input, &n);
		if (!s)
			SWIG_fail;
		$1 = ($1_ltype)s;
		$2 = (size_t)n;
	} else {
		if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0)
			SWIG_fail;
		have_view = 1;
		$1 = ($1_ltype)view.buf;
		$2 = (size_t)view.len;
	}
}
%typemap(freearg) (const char *data, size_t len) {
	if (have_view$argnum)
		PyBuffer_Release(&view$argnum);
}
