/*
 * Errors: a function listed with CARE_PY_CODE (api.i) that returns a negative CARE_E* code
 * raises the libcare.Error subclass that fits it, with care_error_last() as its message.
 * Also the rest of common.h and version.h: the version and the library-wide calls.
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
%}

/* care_version(&number): the version text and its number. */
%apply int *OUTPUT { int *number };

%include "care/common.h"
%include "care/version.h"
%include "care/errors.h"
