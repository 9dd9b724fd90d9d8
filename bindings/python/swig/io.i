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

/* The statements of an xAPI import and a mapping's JSON text: str or bytes, as a dataset text. */
%apply (const char *data, size_t len) {
	(const char *text, size_t len), (const char *json, size_t len)
};

/* Load options: any Python truth value, the `strict` flag. */
%typemap(in) const care_load_options *opts (care_load_options tmp) {
	int strict = PyObject_IsTrue($input);
	if (strict < 0)
		SWIG_fail;
	care_load_options_init(&tmp, CARE_LOAD_OPTIONS_VERSION);
	tmp.strict = strict;
	$1 = &tmp;
}

/* A column mapping (docs/csv.md#mapping): an owned proxy, freed when Python drops it; None
 * (NULL) where a mapping is optional. */
%nodefaultctor care_csv_mapping;
struct care_csv_mapping {};
%extend care_csv_mapping { ~care_csv_mapping() { care_csv_mapping_free($self); } }
CARE_OWNED_OUT(care_csv_mapping, out, care_csv_mapping_free)

/* What an xAPI import did (docs/xapi.md): a tuple (added, present, removed, skipped, rejected,
 * rejects as JSON text or None); the result is cleared whether the call succeeds or not. */
%typemap(in, numinputs=0) care_xapi_result *result
	(care_xapi_result tmp = {0, 0, 0, 0, 0, NULL, 0}) {
	$1 = &tmp;
}
%typemap(argout) care_xapi_result *result {
	PyObject *rejects = care_py_text(tmp$argnum.rejects, tmp$argnum.rejects_len);
	PyObject *counts = rejects ? Py_BuildValue("(nnnnnN)", (Py_ssize_t)tmp$argnum.added,
		(Py_ssize_t)tmp$argnum.present, (Py_ssize_t)tmp$argnum.removed,
		(Py_ssize_t)tmp$argnum.skipped, (Py_ssize_t)tmp$argnum.rejected, rejects) : NULL;
	if (!counts)
		SWIG_fail;
	$result = SWIG_Python_AppendOutput($result, counts);
}
%typemap(freearg) care_xapi_result *result { care_xapi_result_clear(&tmp$argnum); }

%include "care/io.h"
