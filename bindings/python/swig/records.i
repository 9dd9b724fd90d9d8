/*
 * Record helpers: care_dataset_add_*() take structs that hold borrowed
 * pointers and arrays, which Python cannot fill safely. Each helper takes
 * the fields as flat arguments (lists for the nested parts), builds the
 * struct on the stack and adds it: one crossing per record. The Pythonic
 * keyword-argument methods are in libcare/dataset.py.
 *
 * Dates are care_date integers (CARE_DATE_NONE for absent), enums integers
 * (an unknown spelling arrives as -1 and the library reports bad-enum),
 * optional numbers NAN / CARE_NONE as in dataset.h.
 */

%apply (const char *const *STRS, size_t NSTRS) {
	(const char *const *competencies, size_t competency_count),
	(const char *const *roles, size_t role_count),
	(const char *const *units, size_t unit_count),
	(const char *const *exemption_competencies, size_t exemption_count),
	(const char *const *reasons, size_t reason_count),
	(const char *const *staff, size_t staff_count),
	(const char *const *managers, size_t manager_count)
};
%apply (const int32_t *INTS, size_t NINTS) {
	(const int32_t *due_within_days, size_t due_count),
	(const int32_t *requirement_froms, size_t requirement_from_count),
	(const int32_t *requirement_tos, size_t requirement_to_count),
	(const int32_t *froms, size_t from_count),
	(const int32_t *tos, size_t to_count),
	(const int32_t *exemption_froms, size_t exemption_from_count),
	(const int32_t *exemption_tos, size_t exemption_to_count)
};

%{
static int care_py_lengths_differ(size_t a, size_t b)
{
	if (a == b)
		return 0;
	PyErr_SetString(PyExc_ValueError, "parallel lists of different lengths");
	return 1;
}
%}

/* Each helper is listed in api.i (CARE_PY_CODE; care_py_rejected with CARE_PY_FUNC). */
%inline %{

int care_py_add_unit(care_dataset *ds, care_issues **issues, const char *id, const char *name,
                     const char *parent)
{
	care_unit rec = {id, name, parent};
	return care_dataset_add_unit(ds, &rec, issues);
}

int care_py_add_role(care_dataset *ds, care_issues **issues, const char *id, const char *title,
                     int staff_group, int patient_facing, int clinical,
                     const char *const *competencies, size_t competency_count,
                     const int32_t *due_within_days, size_t due_count,
                     const int32_t *requirement_froms, size_t requirement_from_count,
                     const int32_t *requirement_tos, size_t requirement_to_count)
{
	care_role rec = {id, title, (care_staff_group)staff_group, patient_facing, clinical, NULL, 0};
	care_requirement *reqs;
	size_t i;
	int rc;

	if (care_py_lengths_differ(competency_count, due_count) ||
	    care_py_lengths_differ(competency_count, requirement_from_count) ||
	    care_py_lengths_differ(competency_count, requirement_to_count))
		return CARE_EINVAL;
	reqs = (care_requirement *)PyMem_Calloc(competency_count ? competency_count : 1, sizeof *reqs);
	if (!reqs)
		return CARE_ENOMEM;
	for (i = 0; i < competency_count; i++) {
		reqs[i].competency = competencies[i];
		reqs[i].due_within_days = due_within_days[i];
		reqs[i].from = requirement_froms[i];
		reqs[i].to = requirement_tos[i];
	}
	rec.requirements = reqs;
	rec.requirement_count = competency_count;
	rc = care_dataset_add_role(ds, &rec, issues);
	PyMem_Free(reqs);
	return rc;
}

int care_py_add_module(care_dataset *ds, care_issues **issues, const char *id, const char *title,
                       const char *competency, int validity_months, int delivery,
                       int duration_minutes, double pass_mark, long long cost_pence,
                       const char *provider, const char *xapi_activity)
{
	care_module rec = {id, title, competency, validity_months, (care_delivery)delivery,
	                   duration_minutes, pass_mark, (int64_t)cost_pence, provider, xapi_activity};
	return care_dataset_add_module(ds, &rec, issues);
}

int care_py_add_staff(care_dataset *ds, care_issues **issues, const char *id, int32_t started_on,
                      int32_t left_on, const char *const *roles, size_t role_count,
                      const char *const *units, size_t unit_count, const int32_t *froms,
                      size_t from_count, const int32_t *tos, size_t to_count,
                      const char *const *exemption_competencies, size_t exemption_count,
                      const int32_t *exemption_froms, size_t exemption_from_count,
                      const int32_t *exemption_tos, size_t exemption_to_count,
                      const char *const *reasons, size_t reason_count,
                      const char *const *managers, size_t manager_count, const char *name)
{
	care_staff rec = CARE_STAFF_INIT;
	care_assignment *asg;
	care_exemption *exm;
	size_t i;
	int rc;

	rec.id = id;
	rec.started_on = started_on;
	rec.left_on = left_on;
	rec.name = name;
	if (care_py_lengths_differ(role_count, unit_count) ||
	    care_py_lengths_differ(role_count, manager_count) ||
	    care_py_lengths_differ(role_count, from_count) ||
	    care_py_lengths_differ(role_count, to_count) ||
	    care_py_lengths_differ(exemption_count, exemption_from_count) ||
	    care_py_lengths_differ(exemption_count, exemption_to_count) ||
	    care_py_lengths_differ(exemption_count, reason_count))
		return CARE_EINVAL;
	asg = (care_assignment *)PyMem_Calloc(role_count ? role_count : 1, sizeof *asg);
	exm = (care_exemption *)PyMem_Calloc(exemption_count ? exemption_count : 1, sizeof *exm);
	if (!asg || !exm) {
		PyMem_Free(asg);
		PyMem_Free(exm);
		return CARE_ENOMEM;
	}
	for (i = 0; i < role_count; i++) {
		asg[i].role = roles[i];
		asg[i].unit = units[i];
		asg[i].from = froms[i];
		asg[i].to = tos[i];
		asg[i].manager = managers[i];
	}
	for (i = 0; i < exemption_count; i++) {
		exm[i].competency = exemption_competencies[i];
		exm[i].from = exemption_froms[i];
		exm[i].to = exemption_tos[i];
		exm[i].reason = reasons[i];
	}
	rec.assignments = asg;
	rec.assignment_count = role_count;
	rec.exemptions = exm;
	rec.exemption_count = exemption_count;
	rc = care_dataset_add_staff(ds, &rec, issues);
	PyMem_Free(asg);
	PyMem_Free(exm);
	return rc;
}

int care_py_add_completion(care_dataset *ds, care_issues **issues, const char *id,
                           const char *staff_id, const char *module, int32_t completed_on,
                           int outcome, double score, const char *source)
{
	care_completion rec = {id, staff_id, module, completed_on, (care_completion_outcome)outcome,
	                       score, source};
	return care_dataset_add_completion(ds, &rec, issues);
}

/* `at` is the timestamp as text (RFC 3339, upper-case T and Z). */
int care_py_add_interaction(care_dataset *ds, care_issues **issues, const char *id,
                            const char *staff_id, const char *at, int channel, int kind,
                            int outcome, int duration_seconds, const char *appointment_ref,
                            const char *patient_ref, int specialty)
{
	care_interaction rec;
	memset(&rec, 0, sizeof rec);
	if (!at || care_timestamp_parse(&rec.at, at, strlen(at)) < 0) {
		PyErr_SetString(PyExc_ValueError,
		                "at: not a timestamp YYYY-MM-DDThh:mm:ss with Z or an offset");
		return CARE_EINVAL;
	}
	rec.id = id;
	rec.staff = staff_id;
	rec.channel = (care_channel)channel;
	rec.kind = (care_interaction_kind)kind;
	rec.outcome = (care_interaction_outcome)outcome;
	rec.duration_seconds = duration_seconds;
	rec.appointment_ref = appointment_ref;
	rec.patient_ref = patient_ref;
	rec.specialty = specialty;
	return care_dataset_add_interaction(ds, &rec, issues);
}

int care_py_add_complaint(care_dataset *ds, care_issues **issues, const char *id,
                          int32_t received_on, int32_t acknowledged_on, int32_t closed_on,
                          unsigned int subjects, int outcome, const char *const *staff,
                          size_t staff_count, const char *interaction)
{
	care_complaint rec = {id, received_on, acknowledged_on, closed_on, (uint32_t)subjects,
	                      outcome, staff, staff_count, interaction};
	return care_dataset_add_complaint(ds, &rec, issues);
}

/* The rejected records of one kind, each exactly as written (undecodable bytes kept as
 * surrogates: encode with "surrogateescape" to get them back). */
PyObject *care_py_rejected(const care_dataset *ds, int kind)
{
	size_t n, i;
	PyObject *list;
	if (kind < CARE_KIND_UNIT || kind > CARE_KIND_COMPLAINT) {
		PyErr_SetString(PyExc_ValueError, "not a record kind");
		return NULL;
	}
	n = care_dataset_rejected_count(ds, (care_kind)kind);
	if (!(list = PyList_New((Py_ssize_t)n)))
		return NULL;
	for (i = 0; i < n; i++) {
		size_t len = 0;
		const char *text = care_dataset_rejected(ds, (care_kind)kind, i, &len);
		PyObject *s = care_py_text(text, len);
		if (!s) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)i, s);
	}
	return list;
}
%}
