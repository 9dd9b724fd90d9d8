/*
 * Reading and writing dataset files: the loaders take the text as str or bytes (not copied)
 * and the `strict` flag as any truth value.
 */

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

/* Load options: any Python truth value, the `strict` flag. */
%typemap(in) const care_load_options *opts (care_load_options tmp) {
	int strict = PyObject_IsTrue($input);
	if (strict < 0)
		SWIG_fail;
	care_load_options_init(&tmp, CARE_LOAD_OPTIONS_VERSION);
	tmp.strict = strict;
	$1 = &tmp;
}

%include "care/io.h"
