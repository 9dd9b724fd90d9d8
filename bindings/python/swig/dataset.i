/*
 * Datasets: an owned proxy freed when Python drops it, the enumerations of the records,
 * and the completion id.
 */

%nodefaultctor care_dataset;
struct care_dataset {};
%extend care_dataset { ~care_dataset() { care_dataset_free($self); } }

CARE_OWNED_OUT(care_dataset, out, care_dataset_free)

CARE_NOT_NONE(care_dataset *ds, const care_dataset *ds)

/* A position (care_dataset_find). */
%typemap(in, numinputs=0) size_t *out (size_t tmp = 0) { $1 = &tmp; }
%typemap(argout) size_t *out { $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(tmp$argnum)); }

/* A completion id buffer. */
%typemap(in, numinputs=0) char buf[37] (char tmp[37]) { memset(tmp, 0, sizeof tmp); $1 = tmp; }
%typemap(argout) char buf[37] { $result = SWIG_Python_AppendOutput($result, PyUnicode_FromString(tmp$argnum)); }

/* care_enum_parse(type, text): a str. */
%apply (char *STRING, size_t LENGTH) { (const char *text, size_t len) };

%include "care/dataset.h"
