/*
 * Validation issues: a list is an owned proxy; an issue is borrowed from its list, read-only,
 * and keeps the list alive.
 */

%{
/* Hang the issue list `issues` (owned; may be NULL) on the pending exception as `_issues`
 * (with no exception pending, free it):
 * the issues of a failed load or add travel with the error that reports it. The exception is
 * fetched first: Python objects must not be made while one is pending. */
static void care_py_keep_issues(care_issues *issues)
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
	obj = SWIG_NewPointerObj(SWIG_as_voidptr(issues), SWIGTYPE_p_care_issues, SWIG_POINTER_OWN);
	if (!obj || !value || PyObject_SetAttrString(value, "_issues", obj) < 0)
		PyErr_Clear();
	if (!obj)
		care_issues_free(issues);
	Py_XDECREF(obj);
	PyErr_Restore(type, value, tb);
}
%}

%nodefaultctor care_issues;
struct care_issues {};
%extend care_issues { ~care_issues() { care_issues_free($self); } }

%nodefaultctor care_issue;
%nodefaultdtor care_issue;
%immutable care_issue::id;
%immutable care_issue::field;
%immutable care_issue::message;
%immutable care_issue::severity;
%immutable care_issue::code;
%immutable care_issue::kind;
%immutable care_issue::index;
%immutable care_issue::line;
%immutable care_issue::column;
%immutable care_issue::file;
%pythonappend care_issues_get %{
    if val is not None:
        val._parent = issues
%}

/* Issue lists come back even when the call fails (a syntax error, a strict load, a rejected
 * record): on failure they ride on the exception as `_issues`. */
CARE_OWNED_OUT(care_issues, issues, care_py_keep_issues)
CARE_OWNED_OUT(care_issues, out, care_py_keep_issues)

/* care_record_validate(kind, json): a str. */
%apply (char *STRING, size_t LENGTH) { (const char *json, size_t len) };

%include "care/validate.h"
