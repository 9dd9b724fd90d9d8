"""Report objects: plain Python views of the library's reports.

A report is computed by the library and crosses into Python once, as the library's JSON
(``care_report_to_json``). ``to_dict()`` gives exactly that JSON (dates as ISO strings);
the attributes and rows give the same figures with dates as ``datetime.date``. A report holds
no pointer into its dataset: it stays usable after the dataset is closed.
"""

import copy
import json

from . import libcare_c as _c
from . import _util as u

__all__ = ["from_bytes", "Row", "Report", "ComplianceReport", "ComplianceGroup", "TrendReport",
           "StaffReport", "OutcomesReport", "ComplaintsReport", "ForecastReport"]

_DATE_FIELDS = frozenset(("as_of", "from", "to", "target", "expires_on", "grace_end",
                          "overdue_since"))


def _attr(name):
    return name + "_" if name == "from" else name


def _value(name, value):
    if name in _DATE_FIELDS and isinstance(value, str):
        return u.iso_date(value)
    return value


def _fmt_rate(rate):
    return "n/a" if rate is None else "%.1f%%" % (100.0 * rate)


class Row:
    """One row of a report: its fields as attributes (dates as ``datetime.date``; ``from``
    is ``from_``), or by name with ``row["field"]``; ``to_dict()`` gives the JSON form."""

    __slots__ = ("_data", "_fields")

    def __init__(self, data, extra=None):
        fields = dict(extra or {})
        fields.update(data)
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_fields", fields)

    def __getattr__(self, name):
        fields = object.__getattribute__(self, "_fields")
        key = "from" if name == "from_" else name
        if key in fields:
            return _value(key, fields[key])
        raise AttributeError(name)

    def __setattr__(self, name, value):
        raise AttributeError("report rows are read-only")

    def __getitem__(self, key):
        return _value(key, self._fields[key])

    def keys(self):
        return self._fields.keys()

    def to_dict(self):
        return copy.deepcopy(self._data)

    def _flat(self):
        return {_attr(k): _value(k, v) for k, v in self._fields.items()}

    def __eq__(self, other):
        return isinstance(other, Row) and self._fields == other._fields

    def __repr__(self):
        return "Row(%s)" % ", ".join("%s=%r" % (_attr(k), _value(k, v))
                                     for k, v in self._fields.items())


class Report:
    """What every report has: ``kind``, ``to_dict()``, ``to_json()``, ``to_csv()`` (compliance,
    trend, staff and forecast), ``to_pandas()``, iteration over its rows, ``len()``.

    The figures cross from C once, as JSON, the first time they are used (an attribute,
    a row, to_dict()); a report only written out with to_csv() never pays for that."""

    kind = None
    # The top-level fields of the JSON that become attributes (dates as datetime.date,
    # ``from`` as ``from_``); a kind adds what needs more than a copy in its _load().
    _fields = ()

    def __init__(self, handle):
        self._h = handle
        self._json = None
        self._data = None
        self._rows = None

    def __getattr__(self, name):
        # Only reached for attributes not set yet: the figures of a report not yet loaded.
        if name.startswith("_") or self.__dict__.get("_data") is not None:
            raise AttributeError(name)
        self._ensure()
        return getattr(self, name)

    def _ensure(self):
        if self._data is None:
            self._load()
        return self._data

    def _load(self):
        self._json = u.call(_c.care_report_to_json, self._h)
        self._data = json.loads(self._json)
        self._rows = None
        for name in self._fields:
            setattr(self, _attr(name), _value(name, self._data.get(name)))

    def _make_rows(self):
        return []

    @property
    def rows(self):
        """The report's rows (a list of :class:`Row`)."""
        self._ensure()
        if self._rows is None:
            self._rows = self._make_rows()
        return self._rows

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def to_dict(self):
        """The report exactly as the library's JSON (a new dict each time)."""
        return copy.deepcopy(self._ensure())

    def to_json(self):
        """The report's JSON text, as the library writes it."""
        self._ensure()
        return self._json

    def to_csv(self):
        """The report as CSV (compliance, trend, staff, forecast), as the library writes it."""
        return u.call(_c.care_report_to_csv, self._h)

    def to_html(self, title=None, green_percent=None, amber_percent=None):
        """The report as one self-contained HTML page (its tables, and a chart where the
        report has one), ready to send on: no scripts, fonts or links outside it. Rates at or
        above `green_percent` (default 95) show green, from `amber_percent` (default 80)
        amber. See docs/html.md."""
        opts = {"title": title, "green_percent": green_percent, "amber_percent": amber_percent}
        return u.call(_c.care_report_to_html, self._h, opts)

    def to_pandas(self):
        """The rows as a pandas DataFrame (one column per field; date columns as
        datetime64). Needs pandas (Debian: python3-pandas)."""
        import pandas as pd
        records = [r._flat() for r in self.rows]
        frame = pd.DataFrame.from_records(records, columns=self._columns(records))
        for col in frame.columns:
            name = "from" if col == "from_" else col
            if name in _DATE_FIELDS:
                frame[col] = pd.to_datetime(frame[col])
        return frame

    def _columns(self, records):
        return list(records[0].keys()) if records else None

    def to_bytes(self):
        """The report's compact serialised form (docs/national.md#reports-that-travel): its
        kind, options, organisation and raw counts, as bytes that :func:`libcare.from_bytes`
        reads back — in this process or another — into a report that merges as this one."""
        return u.call(_c.care_report_serialize, self._h)

    def __reduce__(self):
        # Pickling goes through the serialised form: a report crosses processes intact.
        return (from_bytes, (self.to_bytes(),))

    @property
    def ods_code(self):
        """The ODS code of the report's organisation (the dataset header's), or None when
        the dataset had none or the report holds more than one organisation."""
        return _c.care_report_ods_code(self._h)

    def merge(self, other):
        """Add the counts of `other` (the same report over disjoint staff) into this
        one, in place; returns self. Reports of different organisations merge too: their
        unit, role and manager keys become "ODS:id" (docs/national.md)."""
        if not isinstance(other, Report):
            raise u.UsageError("can only merge a report with another report")
        u.call(_c.care_report_merge, self._h, other._h)
        self._data = None
        for name in [k for k in self.__dict__ if not k.startswith("_")]:
            del self.__dict__[name]
        return self


def _filters_repr(filters):
    parts = ["%s=%s" % (k, v) for k, v in (filters or {}).items() if v not in (None, False)]
    return (" " + " ".join(parts)) if parts else ""


class ComplianceGroup:
    """A group of the compliance report, a point of the trend, or the totals: ``key``,
    ``label``, ``competencies`` (rows), ``staff_required``, ``staff_compliant``,
    ``staff_rate`` (and ``as_of`` for a trend point)."""

    def __init__(self, data):
        self._data = data
        self.key = data.get("key")
        self.label = data.get("label")
        self.as_of = u.iso_date(data.get("as_of"))
        self._competencies = None
        self.staff_required = data.get("staff_required")
        self.staff_compliant = data.get("staff_compliant")
        self.staff_rate = data.get("staff_rate")

    def _rows(self, head):
        """Report rows: `head`, then each competency's fields, then the staff counts."""
        staff = {"staff_required": self.staff_required, "staff_compliant": self.staff_compliant,
                 "staff_rate": self.staff_rate}
        rows = []
        for r in self._data.get("competencies", []):
            fields = dict(head)
            fields.update(r)
            fields.update(staff)
            rows.append(Row(r, fields))
        return rows

    @property
    def competencies(self):
        """The rows of this group, one per competency (made on first use)."""
        if self._competencies is None:
            self._competencies = [Row(r) for r in self._data.get("competencies", [])]
        return self._competencies

    def __iter__(self):
        return iter(self.competencies)

    def __len__(self):
        return len(self._data.get("competencies", []))

    def __getitem__(self, competency):
        for r in self.competencies:
            if r.competency == competency:
                return r
        raise KeyError(competency)

    def to_dict(self):
        return copy.deepcopy(self._data)

    def __repr__(self):
        head = self.key if self.key is not None else (
            self.as_of.isoformat() if self.as_of else "totals")
        comps = ", ".join("%s %s (%s/%s)" % (r.competency, _fmt_rate(r.rate), r.compliant,
                                              r.required) for r in self.competencies)
        return "<ComplianceGroup %s: %s; staff %s>" % (head, comps or "no pairs",
                                                       _fmt_rate(self.staff_rate))


class ComplianceReport(Report):
    """The compliance report (docs/reports.md#the-compliance-report). Attributes: ``as_of``,
    ``group_by``, ``filters``, ``due_soon_days``,
    ``min_cell``, ``groups`` (list of :class:`ComplianceGroup`; empty when not grouped),
    ``totals``. Iterating gives one row per (group, competency) — ``key``, ``label``,
    ``competency``, ``required``, ``compliant``, ``expiring``, ``not_due``, ``overdue``,
    ``exempt``, ``rate``, ``staff_required``, ``staff_compliant``, ``staff_rate`` — or, when
    not grouped, one per competency of the totals (``key`` and ``label`` None)."""

    kind = "compliance"
    _fields = ("as_of", "group_by", "filters", "due_soon_days", "min_cell")

    def _load(self):
        super()._load()
        d = self._data
        self.groups = [ComplianceGroup(g) for g in d.get("groups", [])]
        self.totals = ComplianceGroup(d.get("totals", {}))

    def _make_rows(self):
        groups = self.groups if self.group_by else [self.totals]
        return [row for g in groups for row in g._rows({"key": g.key, "label": g.label})]

    def group(self, key):
        """The group with this key (a unit id, role id, staff group, competency or, by
        manager, the manager's staff id)."""
        for g in self.groups:
            if g.key == key:
                return g
        raise KeyError(key)

    def __repr__(self):
        return "<ComplianceReport as_of=%s by=%s%s: %d groups, totals %r>" % (
            self.as_of, self.group_by, _filters_repr(self.filters), len(self.groups),
            self.totals)


class TrendReport(Report):
    """Compliance at each month end. ``points`` (list of :class:`ComplianceGroup` with
    ``as_of``); iterating gives one row per (month end, competency) with ``as_of`` first."""

    kind = "trend"
    _fields = ("from", "to", "filters")

    def _load(self):
        super()._load()
        self.points = [ComplianceGroup(p) for p in self._data.get("points", [])]

    def _make_rows(self):
        return [row for p in self.points for row in p._rows({"as_of": p._data.get("as_of")})]

    def __repr__(self):
        return "<TrendReport %s..%s%s: %d points>" % (self.from_, self.to,
                                                     _filters_repr(self.filters),
                                                     len(self.points))


class StaffReport(Report):
    """The staff list (docs/reports.md#staff-list). Attributes ``as_of``, ``filters``,
    ``status`` (the status filter: None, a status or "expiring") and ``due_soon_days``.
    Iterating gives one row per requirement pair: ``staff``, ``name`` (None when the record
    has none), ``competency``, ``status``, ``expiring``, ``expires_on``, ``grace_end``,
    ``overdue_since``, ``units``, ``roles`` and ``managers`` (the staff ids of the known line
    managers of the pair's assignments), lists sorted."""

    kind = "staff"
    _fields = ("as_of", "filters", "status", "due_soon_days")

    def _make_rows(self):
        return [Row(r) for r in self._data.get("rows", [])]

    def __repr__(self):
        rows = self._ensure().get("rows", [])
        counts = {}
        for r in rows:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        body = ", ".join("%d %s" % (n, s) for s, n in sorted(counts.items()))
        return "<StaffReport as_of=%s%s: %d rows%s>" % (
            self.as_of, _filters_repr(self.filters), len(rows),
            " (%s)" % body if body else "")


class OutcomesReport(Report):
    """Training and patient outcomes. Attributes ``competency``, ``from_``, ``to``, ``trained``
    and ``untrained`` (rows with ``interactions``, ``complaints``, ``per_1000``), ``rate_ratio``,
    ``rate_ratio_low``, ``rate_ratio_high``, ``unlinked_complaints``, ``channels`` (dict).
    Iterating gives the two groups, each with a ``group`` field."""

    kind = "outcomes"
    _fields = ("competency", "from", "to", "rate_ratio", "rate_ratio_low", "rate_ratio_high",
               "unlinked_complaints")

    def _load(self):
        super()._load()
        d = self._data
        self.trained = Row(d.get("trained", {}))
        self.untrained = Row(d.get("untrained", {}))
        self.channels = dict(d.get("channels", {}))

    def _make_rows(self):
        return [Row(self._data[g], {"group": g}) for g in ("trained", "untrained")]

    def __repr__(self):
        return ("<OutcomesReport %s %s..%s: trained %s/1000, untrained %s/1000, "
                "rate ratio %s>" % (self.competency, self.from_, self.to,
                                    self.trained.per_1000, self.untrained.per_1000,
                                    self.rate_ratio))


class ComplaintsReport(Report):
    """Complaint handling. Attributes ``from_``, ``to``, ``received``, ``acknowledged_in_3_days``,
    ``acknowledged_rate``, ``closed``, ``median_working_days_to_close``,
    ``over_six_months``, ``by_subject`` and ``by_outcome`` (dicts). Iterating gives one row
    per subject (``subject``, ``complaints``)."""

    kind = "complaints"
    _fields = ("from", "to", "received", "acknowledged_in_3_days", "acknowledged_rate", "closed",
               "median_working_days_to_close", "over_six_months")

    def _load(self):
        super()._load()
        d = self._data
        self.by_subject = dict(d.get("by_subject", {}))
        self.by_outcome = dict(d.get("by_outcome", {}))

    def _make_rows(self):
        return [Row({"subject": s, "complaints": n}) for s, n in self.by_subject.items()]

    def __repr__(self):
        return ("<ComplaintsReport %s..%s: %s received, %s acknowledged in 3 days (%s), "
                "%s closed, median %s working days>" % (
                    self.from_, self.to, self.received, self.acknowledged_in_3_days,
                    _fmt_rate(self.acknowledged_rate), self.closed,
                    self.median_working_days_to_close))


class ForecastReport(Report):
    """Forecast and cost (docs/reports.md#forecast-and-cost). ``as_of``, ``target``,
    ``target_percent``, ``filters``, ``total_cost_pence`` and ``total_cost_for_target_pence``
    (None without a target percentage); iterating gives one row per competency
    (``competency``, ``required``, ``projected_compliant``, ``projected_rate``, ``places``,
    ``places_for_target``, ``unit_cost_pence``, ``cost_pence``, ``cost_for_target_pence``).
    Costs are in pence; None where no module awarding the competency has a cost."""

    kind = "forecast"
    _fields = ("as_of", "target", "target_percent", "filters", "total_cost_pence",
               "total_cost_for_target_pence")

    def _make_rows(self):
        return [Row(r) for r in self._data.get("competencies", [])]

    def __repr__(self):
        return "<ForecastReport as_of=%s target=%s%s: %d competencies, total cost %s pence>" % (
            self.as_of, self.target, _filters_repr(self.filters), len(self.rows),
            self.total_cost_pence)


_KINDS = {_c.CARE_REPORT_COMPLIANCE: ComplianceReport, _c.CARE_REPORT_TREND: TrendReport,
          _c.CARE_REPORT_STAFF: StaffReport, _c.CARE_REPORT_OUTCOMES: OutcomesReport,
          _c.CARE_REPORT_COMPLAINTS: ComplaintsReport, _c.CARE_REPORT_FORECAST: ForecastReport}


def from_bytes(data):
    """A report read back from :meth:`Report.to_bytes` (bytes or any bytes-like object).
    Raises :class:`libcare.ParseError` when the bytes are not a serialised report of a
    version this libcare reads, or are truncated or damaged."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise u.UsageError("from_bytes needs bytes, not %s" % type(data).__name__)
    handle = u.call(_c.care_report_deserialize, bytes(data))
    return _KINDS[_c.care_report_get_kind(handle)](handle)
