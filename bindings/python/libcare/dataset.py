"""Datasets and validation issues."""

import datetime as _dt
import json
import threading

from . import libcare_c as _c
from . import _util as u
from . import _io
from . import _records as _rec
from . import reports as _reports
from ._issues import BAD_ENUM, Issue, issues_from_handle, take_issues
from .errors import Error, UsageError, ValidationError

__all__ = ["Dataset", "Issue", "Status", "validate_record"]


def _raise_with_issues(err):
    raise take_issues(err) from None


class Status:
    """One person's status for one competency on one date."""

    __slots__ = ("status", "expiring", "expires_on", "grace_end", "overdue_since",
                 "period_start")

    def __init__(self, status, expiring, expires_on, grace_end, overdue_since, period_start):
        self.status = status
        self.expiring = expiring
        self.expires_on = expires_on
        self.grace_end = grace_end
        self.overdue_since = overdue_since
        self.period_start = period_start

    def to_dict(self):
        return {k: (v.isoformat() if isinstance(v, _dt.date) else v)
                for k, v in ((k, getattr(self, k)) for k in self.__slots__)}

    def __eq__(self, other):
        return isinstance(other, Status) and self.to_dict() == other.to_dict()

    def __repr__(self):
        parts = ["%s=%r" % (k, getattr(self, k)) for k in self.__slots__
                 if getattr(self, k) not in (None, False) or k == "status"]
        return "Status(%s)" % ", ".join(parts)


class Dataset:
    """The records of one organisation, loaded from a dataset file or built in Python.

    Load with :meth:`load` (a dataset file, a folder of CSV files or a snapshot), :meth:`loads`
    (text) or :meth:`from_records` (Python
    lists or pandas DataFrames, in bulk); or start empty with ``Dataset()`` and add records
    one by one with the ``add_*`` methods. Use it as a context manager, or call
    :meth:`close`, to release it at once; a closed dataset raises :class:`UsageError`.

    Reports: :meth:`compliance`, :meth:`trend`, :meth:`staff`, :meth:`outcomes`,
    :meth:`complaints`, :meth:`forecast`; one person's status: :meth:`status`.
    """

    def __init__(self):
        self._h = None
        self._sealed = False
        self._lock = threading.RLock()
        self.issues = []
        self._load_issues = None
        self._h = u.call(_c.care_dataset_new)

    @classmethod
    def _wrap(cls, handle, issues_handle):
        ds = cls.__new__(cls)
        ds._h = handle
        ds._sealed = True  # the loaders seal what they return
        ds._lock = threading.RLock()
        # The load's own issue list stays in C too: save_rejects_csv() hands it back.
        ds._load_issues = issues_handle
        ds.issues = issues_from_handle(issues_handle)
        return ds

    # -- loading -------------------------------------------------------------------------

    @classmethod
    def load(cls, path, mapping=None, strict=False):
        """Load a dataset from `path`: a dataset file (JSON, docs/model.md), a folder of CSV
        files (its CSV form, docs/csv.md) or a snapshot (a file that begins with the
        snapshot's magic bytes, docs/snapshot.md).

        ``mapping`` reads a folder as a trust's exports come (renamed columns, ``DD/MM/YYYY``
        dates, ``Y``/``N``, staff and assignments in one file): the path of a mapping file, or
        the mapping as a dict (docs/csv.md#mapping). A mapping that is not one raises
        :class:`ParseError`; a mapping given for a file, :class:`UsageError`.

        Lenient by default: records with errors are rejected (see :attr:`rejected`,
        :meth:`save_rejects`, :meth:`save_rejects_csv`) and the rest load; ``strict=True``
        raises :class:`ValidationError` (with ``.issues``) if any error is found. Text that
        cannot be read as JSON or CSV raises :class:`ParseError` with ``line`` and ``column``
        (and, in an issue of a CSV load, ``file``); a file that cannot be read,
        :class:`FileError`. A snapshot was checked when it was written: it loads with no
        issues, and a damaged one raises :class:`ParseError`."""
        path = u.path_in(path)
        if mapping is None and _io.is_snapshot(path):
            return cls._wrap(u.call(_c.care_dataset_open_snapshot, path), None)
        handle = _io.mapping_handle(mapping)
        try:
            ds, issues = u.call(_c.care_dataset_load_path, path, handle, bool(strict))
        except Error as e:
            _raise_with_issues(e)
        return cls._wrap(ds, issues)

    @classmethod
    def loads(cls, text, strict=False):
        """Load a dataset from its JSON text (str or bytes), as :meth:`load` does."""
        if not isinstance(text, (str, bytes, bytearray, memoryview)):
            raise UsageError("text must be a str or bytes, not %s" % type(text).__name__)
        if isinstance(text, str):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                try:  # bytes that were not UTF-8, decoded with surrogateescape
                    text = text.encode("utf-8", "surrogateescape")
                except UnicodeEncodeError:
                    raise UsageError("text holds a lone surrogate: not encodable") from None
        try:
            handle, issues = u.call(_c.care_dataset_load_buffer, text, bool(strict))
        except Error as e:
            _raise_with_issues(e)
        return cls._wrap(handle, issues)

    @classmethod
    def from_records(cls, units=None, roles=None, modules=None, staff=None, completions=None,
                     interactions=None, complaints=None, *, organisation=None,
                     extracted_on=None, extra_non_working_days=None, strict=False):
        """Build a dataset in bulk from Python records: each list a list of dicts (fields as
        in the dataset file, dates as ``datetime.date``, timestamps as aware ``datetime`` or
        RFC 3339 text) or a pandas DataFrame with one column per field.

        The records are serialised to one dataset file in memory (by ``json`` or pandas, in
        C) and loaded with one call into the library, so a hundred thousand records cost no
        Python call per field; validation is the loader's, lenient unless ``strict``.
        ``organisation`` is ``{"ods_code": ..., "name": ...}``."""
        head = {"format": "libcare-dataset", "version": 1}
        if organisation is not None:
            if not isinstance(organisation, dict):
                raise UsageError("organisation must be a dict with ods_code and name")
            head["organisation"] = organisation
        if extracted_on is not None:
            head["extracted_on"] = u.date_out(u.date_in(extracted_on, "extracted_on")).isoformat()
        if extra_non_working_days is not None:
            head["extra_non_working_days"] = [
                u.date_out(u.date_in(d, "extra_non_working_days")).isoformat()
                for d in extra_non_working_days]
        try:
            text = json.dumps(head, default=_rec.json_default, ensure_ascii=False)
        except (TypeError, ValueError) as e:
            raise UsageError(str(e)) from None
        parts = [text[:-1]]
        lists = (units, roles, modules, staff, completions, interactions, complaints)
        for name, records in zip(u.LISTS, lists):
            parts.append(',"%s":%s' % (name, _rec.records_json(name, records)))
        parts.append("}")
        return cls.loads("".join(parts), strict=strict)

    # -- life cycle ----------------------------------------------------------------------

    def _handle(self):
        h = self._h
        if h is None:
            raise UsageError("the dataset is closed")
        return h

    def _sealed_handle(self):
        with self._lock:
            h = self._handle()
            if not self._sealed:
                u.call(_c.care_dataset_seal, h)
                self._sealed = True
            return h

    def close(self):
        """Release the dataset now. Reports already made stay usable (they hold copies);
        any further use of this dataset raises :class:`UsageError`. Closing twice is fine."""
        with self._lock:
            h, self._h = self._h, None
            self._load_issues = None
            if h is not None:
                _c.care_dataset.__swig_destroy__(h)

    @property
    def closed(self):
        return self._h is None

    def __enter__(self):
        self._handle()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        # The proxy frees itself when dropped; nothing to do, but never fail here.
        pass

    def __repr__(self):
        if self._h is None:
            return "<libcare.Dataset (closed)>"
        counts = self.counts()
        body = ", ".join("%d %s" % (n, k) for k, n in counts.items() if n)
        rejected = sum(self.rejected_count(k) for k in u.LISTS)
        extra = ", %d rejected" % rejected if rejected else ""
        ext = self.extracted_on
        return "<libcare.Dataset%s: %s%s>" % (
            " extracted %s" % ext.isoformat() if ext else "", body or "empty", extra)

    # -- what it holds -------------------------------------------------------------------

    def count(self, kind):
        """How many records of `kind` ("units", "staff", ... or the singular) it holds."""
        return _c.care_dataset_count(self._handle(), u.kind_value(kind))

    def counts(self):
        """{list name: count} for every kind."""
        h = self._handle()
        return {name: _c.care_dataset_count(h, i + 1) for i, name in enumerate(u.LISTS)}

    def __len__(self):
        """The number of records of every kind (rejected records excluded)."""
        return sum(self.counts().values())

    def rejected_count(self, kind):
        return _c.care_dataset_rejected_count(self._handle(), u.kind_value(kind))

    @property
    def rejected(self):
        """{list name: [raw JSON text of each rejected record, exactly as written]} for the
        kinds that have rejects. (Bytes that were not valid UTF-8 are kept as surrogates:
        ``text.encode("utf-8", "surrogateescape")`` gives them back.)"""
        h = self._handle()
        out = {}
        for i, name in enumerate(u.LISTS):
            texts = u.call(_c.care_py_rejected, h, i + 1)
            if texts:
                out[name] = texts
        return out

    def ids(self, kind):
        """The ids of the records of `kind`, in order (generated ids for id-less completions)."""
        h = self._handle()
        k = u.kind_value(kind)
        return [_c.care_dataset_id(h, k, i) for i in range(_c.care_dataset_count(h, k))]

    def __contains__(self, key):
        """``("staff", "S1") in ds``."""
        try:
            kind, id_ = key
        except (TypeError, ValueError):
            raise UsageError("use (kind, id) in dataset") from None
        id_ = u.text_in(id_, "id", optional=False)
        try:
            u.call(_c.care_dataset_find, self._handle(), u.kind_value(kind), id_)
        except Error as e:
            if e.code == _c.CARE_ENOTFOUND:
                return False
            raise
        return True

    @property
    def extracted_on(self):
        return u.date_out(_c.care_dataset_extracted_on(self._handle()))

    # -- writing -------------------------------------------------------------------------

    def save(self, path):
        """Write the canonical dataset file, atomically."""
        u.call(_c.care_dataset_save, self._handle(), u.path_in(path))

    def dumps(self):
        """The canonical dataset file as text."""
        return u.call(_c.care_dataset_dump, self._handle())

    def save_rejects(self, path):
        """Write the rejected records as a dataset file of their own, to fix and reload."""
        u.call(_c.care_dataset_save_rejects, self._handle(), u.path_in(path))

    def dumps_rejects(self):
        return u.call(_c.care_dataset_dump_rejects, self._handle())

    def save_csv(self, folder):
        """Write the dataset's CSV form into `folder` (made if need be): the eleven files of
        docs/csv.md, each replaced atomically. Loading the folder gives the same dataset;
        rejected records are not written (see :meth:`save_rejects_csv`)."""
        u.call(_c.care_dataset_save_csv, self._sealed_handle(), u.path_in(folder))

    def save_rejects_csv(self, folder):
        """Write the records that the load rejected as CSV files of the same names and columns
        in `folder`, each row with a last column ``issues`` saying what is wrong with it, to
        fix in a spreadsheet and load again (docs/csv.md#rejects). The issues are those of the
        load that made this dataset (none for a dataset built in Python or a snapshot)."""
        u.call(_c.care_dataset_save_rejects_csv, self._handle(), self._load_issues,
               u.path_in(folder))

    def save_snapshot(self, path):
        """Write the dataset as a snapshot (docs/snapshot.md): a binary file, replaced
        atomically, that :meth:`load` opens in a fraction of the time a dataset file takes.
        Rejected records are kept in it. It is for this library on this kind of machine; keep
        the dataset file (:meth:`save`) for exchange."""
        u.call(_c.care_dataset_save_snapshot, self._sealed_handle(), u.path_in(path))

    # -- importing -----------------------------------------------------------------------

    def import_xapi(self, statements):
        """Import xAPI statements as completions (docs/xapi.md) and return a
        :class:`XapiResult`: the counts, the rejected statements and their issues.

        `statements` is the path of a file (str or os.PathLike), or the statements' text (a
        str that starts with ``[`` or ``{``, or bytes): a JSON array or one statement per line.
        A statement's id becomes its completion's id, so importing the same statements again
        adds nothing; voiding statements remove the completions they name. Input that starts
        with ``[`` but is not a JSON array raises :class:`ParseError` (with ``line``,
        ``column`` and ``issues``) and changes nothing."""
        text = _io.xapi_text(statements)
        with self._lock:
            h = self._handle()
            try:
                counts, issues = u.call(_c.care_dataset_import_xapi, h, text)
            except Error as e:
                self._sealed = False  # seal again (a no-op when it is) before the next report
                _raise_with_issues(e)
            self._sealed = True
            return _io.XapiResult(counts, issues)

    # -- building ------------------------------------------------------------------------

    def set_header(self, ods_code=None, name=None, extracted_on=None):
        """Set the organisation and the extract date."""
        with self._lock:
            u.call(_c.care_dataset_set_header, self._handle(), u.text_in(ods_code, "ods_code"),
                   u.text_in(name, "name"), u.date_in(extracted_on, "extracted_on",
                                                      optional=True))
            self._sealed = False

    def add_non_working_day(self, day):
        with self._lock:
            u.call(_c.care_dataset_add_non_working_day, self._handle(), u.date_in(day, "day"))
            self._sealed = False

    def _add(self, fn, *args):
        with self._lock:
            h = self._handle()
            self._sealed = False
            try:
                issues = u.call(fn, h, *args)
            except Error as e:
                err = take_issues(e)
                self.issues.extend(err.issues)
                raise err from None
            found = issues_from_handle(issues)
            self.issues.extend(found)
            return found

    def add_unit(self, id, name, parent=None):
        """Add a unit (parents before children). Returns the warnings found; raises
        :class:`ValidationError` (with ``.issues``) when the record has an error."""
        return self._add(_c.care_py_add_unit, u.text_in(id, "id", False),
                         u.text_in(name, "name", False), u.text_in(parent, "parent"))

    def add_role(self, id, title, staff_group, patient_facing, clinical, requirements=()):
        """Add a role. `requirements`: dicts ``{"competency": C, "due_within_days": N,
        "from": date, "to": date}`` (``from`` and ``to`` optional: the requirement is in force
        from and to those days, an absent or None end being open; ``from_`` is accepted for
        ``from``), or ``(C, N)`` pairs, or ``(C, N, from, to)``. See docs/model.md#role."""
        comps, days, froms, tos = [], [], [], []
        for i, req in enumerate(_seq(requirements, "requirements")):
            first = last = None
            if isinstance(req, dict):
                c, d = req.get("competency"), req.get("due_within_days")
                first, last = req.get("from", req.get("from_")), req.get("to")
            elif isinstance(req, (tuple, list)) and len(req) in (2, 4):
                c, d = req[:2]
                if len(req) == 4:
                    first, last = req[2:]
            else:
                raise UsageError("requirements[%d] must be a dict, a (competency, days) pair or "
                                 "(competency, days, from, to)" % i)
            comps.append(u.text_in(c, "requirements[%d].competency" % i))
            days.append(u.int_in(d, "requirements[%d].due_within_days" % i))
            froms.append(_record_date(first, "requirements[%d].from" % i))
            tos.append(_record_date(last, "requirements[%d].to" % i))
        return self._add(_c.care_py_add_role, u.text_in(id, "id", False),
                         u.text_in(title, "title", False),
                         u.enum_value(u.STAFF_GROUPS, staff_group, "staff_group"),
                         u.bool_in(patient_facing, "patient_facing"),
                         u.bool_in(clinical, "clinical"), comps, days, froms, tos)

    def add_module(self, id, title, validity_months, delivery, competency=None,
                   duration_minutes=None, pass_mark=None, cost_pence=None, provider=None,
                   xapi_activity=None):
        """Add a training module."""
        return self._add(_c.care_py_add_module, u.text_in(id, "id", False),
                         u.text_in(title, "title", False), u.text_in(competency, "competency"),
                         u.int_in(validity_months, "validity_months"),
                         u.enum_value(u.DELIVERIES, delivery, "delivery"),
                         _opt_int(duration_minutes, "duration_minutes"),
                         u.float_in(pass_mark, "pass_mark"),
                         _opt_int(cost_pence, "cost_pence", 2 ** 63 - 1),
                         u.text_in(provider, "provider"),
                         u.text_in(xapi_activity, "xapi_activity"))

    def add_staff(self, id, started_on, assignments=(), left_on=None, exemptions=(), name=None):
        """Add a member of staff. `assignments`: dicts ``{"role", "unit", "from", "to",
        "manager"}`` (``to`` and ``manager`` — the line manager's staff id — optional; ``from_``
        accepted for ``from``); `exemptions`: dicts ``{"competency", "from", "to", "reason"}``;
        `name` an optional display name. See docs/model.md#staff."""
        roles, units, froms, tos, managers = [], [], [], [], []
        for i, a in enumerate(_seq(assignments, "assignments")):
            a = _fields(a, "assignments[%d]" % i)
            roles.append(u.text_in(a.get("role"), "assignments[%d].role" % i))
            units.append(u.text_in(a.get("unit"), "assignments[%d].unit" % i))
            froms.append(_record_date(a.get("from", a.get("from_")), "assignments[%d].from" % i))
            tos.append(_record_date(a.get("to"), "assignments[%d].to" % i))
            managers.append(u.text_in(a.get("manager"), "assignments[%d].manager" % i))
        comps, efroms, etos, reasons = [], [], [], []
        for i, x in enumerate(_seq(exemptions, "exemptions")):
            x = _fields(x, "exemptions[%d]" % i)
            comps.append(u.text_in(x.get("competency"), "exemptions[%d].competency" % i))
            efroms.append(_record_date(x.get("from", x.get("from_")), "exemptions[%d].from" % i))
            etos.append(_record_date(x.get("to"), "exemptions[%d].to" % i))
            reasons.append(u.text_in(x.get("reason"), "exemptions[%d].reason" % i))
        return self._add(_c.care_py_add_staff, u.text_in(id, "id", False),
                         _record_date(started_on, "started_on"), _record_date(left_on, "left_on"),
                         roles, units, froms, tos, comps, efroms, etos, reasons, managers,
                         u.text_in(name, "name"))

    def add_completion(self, staff, module, completed_on, outcome, id=None, score=None,
                       source=None):
        """Add a completion (an id-less one gets a version-5 UUID made from its fields)."""
        return self._add(_c.care_py_add_completion, u.text_in(id, "id"),
                         u.text_in(staff, "staff", False), u.text_in(module, "module", False),
                         _record_date(completed_on, "completed_on"),
                         u.enum_value(u.COMPLETION_OUTCOMES, outcome, "outcome"),
                         u.float_in(score, "score"), u.text_in(source, "source"))

    def add_interaction(self, id, staff, at, channel, kind, outcome, duration_seconds=None,
                        appointment_ref=None, patient_ref=None, specialty=None):
        """Add an interaction. `at` is an aware ``datetime`` or RFC 3339 text; `specialty`
        a three-digit treatment function code ("110")."""
        if isinstance(at, _dt.datetime):
            if at.tzinfo is None or at.utcoffset() is None:
                raise UsageError("at must be an aware datetime (with a tzinfo)")
            at = at.isoformat()
        at = u.text_in(at, "at", False)
        if specialty is None:
            spec = u.CARE_NONE
        elif isinstance(specialty, str) and len(specialty) == 3 and specialty.isdigit() \
                and specialty.isascii():
            spec = int(specialty)
        else:
            raise UsageError("specialty must be a three-digit code such as '110', not %r"
                             % (specialty,))
        return self._add(_c.care_py_add_interaction, u.text_in(id, "id", False),
                         u.text_in(staff, "staff", False), at,
                         u.enum_value(u.CHANNELS, channel, "channel"),
                         u.enum_value(u.INTERACTION_KINDS, kind, "kind"),
                         u.enum_value(u.INTERACTION_OUTCOMES, outcome, "outcome"),
                         _opt_int(duration_seconds, "duration_seconds"),
                         u.text_in(appointment_ref, "appointment_ref"),
                         u.text_in(patient_ref, "patient_ref"), spec)

    def add_complaint(self, id, received_on, subjects, acknowledged_on=None, closed_on=None,
                      outcome=None, staff=(), interaction=None):
        """Add a complaint. `subjects` is a list of complaint subjects; `staff` a list of ids."""
        mask = 0
        for i, s in enumerate(_seq(subjects, "subjects")):
            v = u.enum_value(u.SUBJECTS, s, "subjects[%d]" % i)
            if v < 0:
                raise ValidationError(
                    "subjects[%d]: %r is not a complaint subject" % (i, s), _c.CARE_EINVALID,
                    [Issue("error", BAD_ENUM, "complaint", id if isinstance(id, str) else None,
                           None, "subjects[%d]" % i, None, None,
                           "%r is not a complaint subject" % (s,))])
            mask |= 1 << v
        out = u.CARE_NONE if outcome is None else u.enum_value(u.COMPLAINT_OUTCOMES, outcome,
                                                               "outcome")
        staff_ids = [u.text_in(s, "staff[%d]" % i, False)
                     for i, s in enumerate(_seq(staff, "staff"))]
        return self._add(_c.care_py_add_complaint, u.text_in(id, "id", False),
                         _record_date(received_on, "received_on"),
                         _record_date(acknowledged_on, "acknowledged_on"),
                         _record_date(closed_on, "closed_on"), mask, out, staff_ids,
                         u.text_in(interaction, "interaction"))

    def add_many(self, kind, records, strict=False):
        """Add records of one kind (a list of dicts or a DataFrame) with the ``add_*``
        method of that kind, one library call per record. Records with errors are skipped
        and their issues returned with the rest; ``strict=True`` raises at the first.
        For large volumes prefer :meth:`from_records` (one call for everything)."""
        method = getattr(self, "add_" + u.KINDS[u.kind_value(kind) - 1])
        if type(records).__module__.startswith("pandas") and hasattr(records, "to_dict"):
            records = [{k: (None if _is_missing(v) else v) for k, v in r.items()}
                       for r in records.to_dict("records")]
        found = []
        for i, rec in enumerate(_seq(records, "records")):
            rec = _fields(rec, "records[%d]" % i)
            try:
                found.extend(method(**rec))
            except ValidationError as e:
                if strict:
                    raise
                found.extend(e.issues)
            except TypeError as e:  # unknown or missing keyword
                raise UsageError("records[%d]: %s" % (i, e)) from None
        return found

    # -- reports -------------------------------------------------------------------------

    def _report(self, kind, options, cls):
        h = self._sealed_handle()
        report = u.call(_c.care_report_new, kind, h, options)
        return cls(report)

    def compliance(self, as_of, by=None, unit=None, role=None, staff_group=None,
                   patient_facing=False, due_soon_days=30, min_cell=0, threads=0, *,
                   competency=None, manager=None, all_reports=False):
        """The compliance report as of `as_of`, grouped `by` None, "unit", "role",
        "staff-group", "competency" or "manager" (the direct line manager).

        Filters (docs/reports.md#filters): `unit` (its whole subtree), `role`, `staff_group`,
        `patient_facing`, `competency` (only that competency's pairs), `manager` (a staff id:
        the assignments they manage directly; with ``all_reports=True`` the whole line below
        them). An id or competency the dataset does not have raises :class:`NotFoundError`;
        `all_reports` without `manager` raises :class:`UsageError`."""
        opts = _filters(unit, role, staff_group, patient_facing, min_cell, threads,
                        competency, manager, all_reports)
        opts["as_of"] = u.date_in(as_of, "as_of")
        opts["group_by"] = _group_by(by)
        opts["due_soon_days"] = u.int_in(due_soon_days, "due_soon_days", 0)
        return self._report(_c.CARE_REPORT_COMPLIANCE, opts, _reports.ComplianceReport)

    def html_page(self, as_of, unit=None, role=None, staff_group=None, patient_facing=False,
                  due_soon_days=30, min_cell=0, threads=0, *, competency=None, manager=None,
                  all_reports=False, from_=None, to=None, target=None, target_percent=None,
                  title=None, green_percent=None, amber_percent=None, focus=None,
                  worklist_limit=None):
        """The manager's page as one self-contained HTML text (docs/html.md): a summary per
        competency, the unit tree, the trend, the forecast and its cost, training and
        complaints, and the worklist of the overdue and expiring with names and managers —
        with the filters of :meth:`compliance` (``manager=..., all_reports=True`` for one
        manager's whole line). `from_`/`to` set the trend's period (default: since the
        mandate), `target`/`target_percent` the forecast's, `focus` the competency of the unit
        chart and the complaints comparison, `worklist_limit` the most worklist rows (0: all).
        Write it to a file with ``open(path, "w", encoding="utf-8").write(page)``."""
        opts = _filters(unit, role, staff_group, patient_facing, min_cell, threads,
                        competency, manager, all_reports)
        opts["as_of"] = u.date_in(as_of, "as_of")
        opts["due_soon_days"] = u.int_in(due_soon_days, "due_soon_days", 0)
        if from_ is not None:
            opts["from"] = u.date_in(from_, "from_")
        if to is not None:
            opts["to"] = u.date_in(to, "to")
        if target is not None:
            opts["target"] = u.date_in(target, "target")
        if target_percent is not None:
            opts["target_percent"] = u.int_in(target_percent, "target_percent", 0, 100)
        html = {"title": title, "green_percent": green_percent, "amber_percent": amber_percent,
                "focus_competency": focus, "worklist_limit": worklist_limit}
        return u.call(_c.care_html_page, self._sealed_handle(), opts, html)

    def trend(self, from_=None, to=None, unit=None, role=None, staff_group=None,
              patient_facing=False, due_soon_days=30, min_cell=0, threads=0, *, start=None,
              end=None, competency=None, manager=None, all_reports=False, **kw):
        """Compliance totals at each month end in [from_, to], with the filters of
        :meth:`compliance` (the manager's line is taken again at each month end). ``start``/
        ``end`` and ``**{"from": d}`` are accepted for `from_`/`to`. See
        docs/reports.md#trend."""
        first, last = _period(from_, to, start, end, kw)
        opts = _filters(unit, role, staff_group, patient_facing, min_cell, threads,
                        competency, manager, all_reports)
        opts["from"], opts["to"] = first, last
        opts["due_soon_days"] = u.int_in(due_soon_days, "due_soon_days", 0)
        return self._report(_c.CARE_REPORT_TREND, opts, _reports.TrendReport)

    def staff(self, as_of, status=None, competency=None, unit=None, role=None,
              staff_group=None, patient_facing=False, due_soon_days=30, threads=0, *,
              manager=None, all_reports=False):
        """The staff list: one row per requirement pair (with the person's ``name`` and
        ``managers``), optionally only those of one `status` ("exempt", "compliant",
        "not-due", "overdue", or "expiring": the compliant rows expiring within
        `due_soon_days`), with the filters of :meth:`compliance`. See
        docs/reports.md#staff-list."""
        opts = _filters(unit, role, staff_group, patient_facing, 0, threads, competency,
                        manager, all_reports)
        opts["as_of"] = u.date_in(as_of, "as_of")
        opts["due_soon_days"] = u.int_in(due_soon_days, "due_soon_days", 0)
        if status is not None:
            if not isinstance(status, str) or status not in u.STATUS_FILTERS:
                raise UsageError("status must be one of %s, not %r"
                                 % (", ".join(u.STATUS_FILTERS), status))
            opts["status"] = u.STATUS_FILTERS[status]
        return self._report(_c.CARE_REPORT_STAFF, opts, _reports.StaffReport)

    def outcomes(self, competency, from_=None, to=None, min_cell=0, threads=0, *, start=None,
                 end=None, **kw):
        """Complaints per 1000 interactions handled by staff trained and untrained in
        `competency` over [from_, to]."""
        first, last = _period(from_, to, start, end, kw)
        opts = {"competency": u.text_in(competency, "competency", False), "from": first,
                "to": last, "min_cell": u.int_in(min_cell, "min_cell", 0),
                "threads": u.int_in(threads, "threads", 0, 1024)}
        return self._report(_c.CARE_REPORT_OUTCOMES, opts, _reports.OutcomesReport)

    def complaints(self, from_=None, to=None, min_cell=0, threads=0, *, start=None, end=None,
                   **kw):
        """Complaint handling over the complaints received in [from_, to]."""
        first, last = _period(from_, to, start, end, kw)
        opts = {"from": first, "to": last, "min_cell": u.int_in(min_cell, "min_cell", 0),
                "threads": u.int_in(threads, "threads", 0, 1024)}
        return self._report(_c.CARE_REPORT_COMPLAINTS, opts, _reports.ComplaintsReport)

    def forecast(self, as_of, target, target_percent=None, unit=None, role=None,
                 staff_group=None, patient_facing=False, threads=0, *, competency=None,
                 manager=None, all_reports=False):
        """Forecast and cost of reaching compliance on `target` (and of reaching
        `target_percent`, when given), with the filters of :meth:`compliance`. See
        docs/reports.md#forecast-and-cost."""
        opts = _filters(unit, role, staff_group, patient_facing, 0, threads, competency,
                        manager, all_reports)
        opts["as_of"] = u.date_in(as_of, "as_of")
        opts["target"] = u.date_in(target, "target")
        opts["target_percent"] = u.int_in(target_percent, "target_percent", 0, 100,
                                          optional=True)
        return self._report(_c.CARE_REPORT_FORECAST, opts, _reports.ForecastReport)

    def status(self, staff_id, competency, as_of, due_soon_days=30):
        """One person's status for one competency on `as_of` as a
        :class:`Status`; "not-required" when there is no requirement pair that day."""
        h = self._sealed_handle()
        st = u.call(_c.care_status_get, h, u.text_in(staff_id, "staff_id", False),
                    u.text_in(competency, "competency", False), u.date_in(as_of, "as_of"),
                    u.int_in(due_soon_days, "due_soon_days", 0))
        return Status(u.STATUSES[st[0]], bool(st[1]), u.date_out(st[2]), u.date_out(st[3]),
                      u.date_out(st[4]), u.date_out(st[5]))


def _seq(value, what):
    if value is None:
        return []
    if isinstance(value, (str, bytes, dict)):
        raise UsageError("%s must be a list" % what)
    try:
        return list(value)
    except TypeError:
        raise UsageError("%s must be a list, not %s" % (what, type(value).__name__)) from None


def _fields(value, what):
    if not isinstance(value, dict):
        raise UsageError("%s must be a dict, not %s" % (what, type(value).__name__))
    bad = [k for k in value if not isinstance(k, str)]
    if bad:
        raise UsageError("%s: field names must be str" % what)
    return value


def _is_missing(value):
    try:
        import pandas as pd
        return value is None or (not isinstance(value, (list, dict, tuple)) and pd.isna(value))
    except (TypeError, ValueError):
        return False


def _opt_int(value, what, hi=u.INT32_MAX):
    """An optional integer field of a record. -1 is the C API's "absent", so a -1 given by
    the caller goes in as -2: still negative, so the library reports it out-of-range."""
    v = u.int_in(value, what, -(2 ** 63) if hi > u.INT32_MAX else u.INT32_MIN, hi,
                 optional=True, none=None)
    if v is None:
        return u.CARE_NONE
    return -2 if v == -1 else v


def _record_date(value, what):
    return u.date_in(value, what, optional=True, check_range=False)


def _group_by(by):
    if by is None or by == "none":
        return _c.CARE_GROUP_NONE
    if isinstance(by, str):
        spelt = by.replace("_", "-")  # staff_group, as Python spells it, is staff-group
        if spelt in u.GROUP_BY:
            return u.GROUP_BY.index(spelt) + _c.CARE_GROUP_NONE + 1
    raise UsageError("by must be None, %s or %r, not %r"
                     % (", ".join(map(repr, u.GROUP_BY[:-1])), u.GROUP_BY[-1], by))


def _filters(unit, role, staff_group, patient_facing, min_cell, threads, competency=None,
             manager=None, all_reports=False):
    # The library checks the ids and competency (NotFoundError) and that all_reports comes
    # with a manager (UsageError), with its own messages.
    opts = {"unit": u.text_in(unit, "unit"), "role": u.text_in(role, "role"),
            "competency": u.text_in(competency, "competency"),
            "manager": u.text_in(manager, "manager"),
            "all_reports": u.bool_in(all_reports, "all_reports"),
            "patient_facing": u.bool_in(patient_facing, "patient_facing"),
            "min_cell": u.int_in(min_cell, "min_cell", 0),
            "threads": u.int_in(threads, "threads", 0, 1024)}
    if staff_group is not None:
        v = u.enum_value(u.STAFF_GROUPS, staff_group, "staff_group")
        if v < 0:
            raise UsageError("staff_group must be one of %s, not %r"
                             % (", ".join(u.STAFF_GROUPS), staff_group))
        opts["staff_group"] = v
    return opts


def _period(from_, to, start, end, kw):
    if "from" in kw:
        if from_ is not None:
            raise UsageError("give from_ or from, not both")
        from_ = kw.pop("from")
    if kw:
        raise UsageError("unexpected keyword argument %s" % ", ".join(map(repr, kw)))
    if start is not None:
        if from_ is not None:
            raise UsageError("give from_ or start, not both")
        from_ = start
    if end is not None:
        if to is not None:
            raise UsageError("give to or end, not both")
        to = end
    first = u.date_in(from_, "from")
    last = u.date_in(to, "to")
    if first > last:
        raise UsageError("from is after to")
    return first, last


def validate_record(kind, record):
    """Validate one record on its own, without a dataset: `record` is a dict or the
    JSON text of one record of `kind`. Returns the issues found (empty when clean); only a
    text that is not JSON raises (:class:`ParseError`)."""
    k = u.kind_value(kind)
    if isinstance(record, dict):
        try:
            record = json.dumps(record, default=_rec.json_default, allow_nan=False,
                                ensure_ascii=False)
        except (TypeError, ValueError) as e:
            raise UsageError("record: %s" % e) from None
    elif not isinstance(record, str):
        raise UsageError("record must be a dict or JSON text, not %s" % type(record).__name__)
    try:
        issues = u.call(_c.care_record_validate, k, record)
    except ValidationError as e:
        return take_issues(e).issues
    except Error as e:
        raise take_issues(e) from None
    return issues_from_handle(issues)
