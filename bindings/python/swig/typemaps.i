/*
 * Conversions that every part of the interface uses: Python values in, owned results out.
 * The typemaps of one concept (report options, issue lists, ...) live in that concept's file.
 */

%{
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

/* An owned object handed out through `TYPE **NAME`: a proxy that frees it when dropped. */
%define CARE_OWNED_OUT(TYPE, NAME, FREE)
%typemap(in, numinputs=0) TYPE **NAME (TYPE *tmp = NULL) { $1 = &tmp; }
%typemap(argout) TYPE **NAME {
	$result = SWIG_Python_AppendOutput($result,
		SWIG_NewPointerObj(SWIG_as_voidptr(tmp$argnum), $*1_descriptor, SWIG_POINTER_OWN));
	tmp$argnum = NULL;
}
%typemap(freearg) TYPE **NAME { FREE(tmp$argnum); }
%enddef

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

/* Handles that must not be None: CARE_NOT_NONE(care_dataset *ds, ...). */
%define CARE_NOT_NONE(...)
%typemap(check) __VA_ARGS__ {
	if (!$1) {
		PyErr_SetString(PyExc_ValueError, "$1_name must not be None");
		SWIG_fail;
	}
}
%enddef

/* ---- sequences in --------------------------------------------------------------------------- */

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
