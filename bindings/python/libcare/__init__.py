"""libcare for Python: customer-care training compliance for NHS trusts.

The library's C engine, with a Pythonic surface::

    from datetime import date
    import libcare

    with libcare.Dataset.load("trust.json") as ds:          # lenient; strict=True raises
        print(ds, len(ds.issues), "issues")
        report = ds.compliance(as_of=date(2026, 3, 31), by="unit", patient_facing=True,
                               min_cell=5)
        for row in report:                                   # one row per unit and competency
            print(row.key, row.competency, row.rate)
        report.to_dict()                                     # exactly the library's JSON
        report.to_pandas()                                   # a DataFrame (needs pandas)

Reports: ``ds.compliance``, ``ds.trend``, ``ds.staff``, ``ds.outcomes``, ``ds.complaints``,
``ds.forecast``; one person's status: ``ds.status``. Arguments are keywords, dates are
``datetime.date`` in and out (``to_dict()`` keeps the JSON's ISO strings); ``from`` is spelt
``from_`` (or ``start``/``end``). docs/reports.md defines every figure; docs/model.md every
field of the records.

A manager's worklist: the compliance, trend, staff and forecast reports take the filters
``competency=``, ``manager=`` (a staff id: the people they manage directly) and
``all_reports=True`` (the whole line below that manager); ``by="manager"`` groups the
compliance report by direct line manager, and ``status="expiring"`` keeps the staff-list rows
that are compliant but about to expire::

    for row in ds.staff(as_of=date(2026, 3, 31), manager="M1", all_reports=True,
                        competency="customer-care", status="overdue"):
        print(row.staff, row.name, row.overdue_since, row.managers)

Trusts' own exports
-------------------
:meth:`Dataset.load` also takes a folder of CSV files, with a column mapping for exports as
they come (docs/csv.md), and a snapshot (docs/snapshot.md); xAPI statements from a learning
record store are imported as completions (docs/xapi.md)::

    ds = libcare.Dataset.load("esr-extract/", mapping="esr-extract/mapping.json")
    for issue in ds.issues:
        print(issue.file, issue.line, issue.column, issue.message)
    ds.save_rejects_csv("to-fix/")            # the rejected rows, with an `issues` column
    result = ds.import_xapi("statements.json") # XapiResult: added, present, removed, ...
    ds.save_csv("copy/"); ds.save_snapshot("trust.care")

Building a dataset from Python
------------------------------
Two ways, for two sizes:

* **In bulk** — :meth:`Dataset.from_records` takes each list of the dataset file as a list
  of dicts or a pandas DataFrame, serialises the whole dataset to JSON in one go (``json.dumps`` or
  ``DataFrame.to_json``, both in C) and loads it with *one* call into the library
  (``care_dataset_load_buffer``). A million completions cost no Python call per record or
  field; validation, rejects and issues are exactly those of loading a file::

      ds = libcare.Dataset.from_records(
          units=[{"id": "PA", "name": "Patient Access"}], roles=roles_df, modules=modules,
          staff=staff, completions=completions_df, extracted_on=date(2026, 3, 31))

* **Record by record** — ``ds = libcare.Dataset()`` then ``ds.add_unit(id=..., name=...)``,
  ``add_role``, ``add_module``, ``add_staff``, ``add_completion``, ``add_interaction``,
  ``add_complaint`` (keyword arguments, parents and referenced records first): one library
  call per record, each returning its warnings or raising :class:`ValidationError`.
  ``ds.add_many(kind, records)`` loops over a list or DataFrame for you.

Errors
------
Every failure raises a :class:`libcare.Error`: :class:`ParseError` (not JSON — ``line`` and
``column`` — or not a dataset), :class:`ValidationError` (``issues``), :class:`UsageError`
(wrong types, None, out-of-range numbers or dates, an unknown option value such as
``all_reports`` without ``manager``, a closed dataset), :class:`NotFoundError` (a
:class:`UsageError` and ``LookupError``: a unit, role, manager or staff id the dataset does not
have, a competency that no role requires and no module awards), :class:`FileError` (also an
``OSError``), :class:`OutOfMemory`. Arguments are checked in
Python before they reach C, and the C layer checks again: no call crashes the interpreter.

Memory and threads
------------------
A dataset is freed when dropped, at the end of a ``with`` block or on ``close()``; reports and
issues are copies and outlive it. The library does its own multithreading inside a report;
calls hold the GIL, so a dataset may be shared by Python threads safely.
"""

from . import libcare_c as _c
from .errors import (Error, FileError, NotFoundError, OutOfMemory, ParseError, UsageError,
                     ValidationError)
from .dataset import Dataset, Issue, Status, validate_record
from ._io import XapiResult
from .reports import (ComplaintsReport, ComplianceGroup, ComplianceReport, ForecastReport,
                      OutcomesReport, Report, Row, StaffReport, TrendReport, from_bytes)
from . import _util

__all__ = [
    "Dataset", "Issue", "Status", "validate_record", "XapiResult", "Error", "ParseError", "ValidationError",
    "UsageError", "NotFoundError", "FileError", "OutOfMemory", "Report", "Row",
    "ComplianceReport", "ComplianceGroup", "TrendReport", "StaffReport", "OutcomesReport",
    "ComplaintsReport", "ForecastReport", "working_days", "is_bank_holiday", "completion_id",
    "version", "__version__", "from_bytes",
]


def version():
    """The version of the C library that is running, as "MAJOR.MINOR.PATCH"."""
    return _c.care_version()[0]


__version__ = _c.CARE_VERSION_STRING


def is_bank_holiday(day):
    """Whether `day` (a datetime.date) is a bank holiday in England and Wales."""
    return bool(_c.care_is_bank_holiday(_util.date_in(day, "day")))


def working_days(a, b, extra_non_working_days=()):
    """Working days d with a < d <= b: Monday to Friday, less bank holidays and
    the extra non-working days given."""
    extra = [_util.date_in(d, "extra_non_working_days") for d in extra_non_working_days]
    return _util.call(_c.care_working_days, _util.date_in(a, "a"), _util.date_in(b, "b"), extra)


def completion_id(staff, module, completed_on, outcome):
    """The version-5 UUID that an id-less completion gets (fields as written)."""
    if not isinstance(completed_on, str):
        completed_on = _util.date_out(_util.date_in(completed_on, "completed_on")).isoformat()
    return _util.call(_c.care_completion_make_id, _util.text_in(staff, "staff", False),
                      _util.text_in(module, "module", False),
                      _util.text_in(completed_on, "completed_on", False),
                      _util.text_in(outcome, "outcome", False))
