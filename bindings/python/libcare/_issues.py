"""Validation issues as Python objects (private; Issue is public as libcare.Issue).

Below the dataset and the reports, above the conversions: a failed load, add or validation
hands its issue list over here, whoever made the call.
"""

import json

from . import libcare_c as _c
from . import _util as u
from .errors import ParseError

_SYNTAX = _c.care_issue_code_name(_c.CARE_ISSUE_SYNTAX)
BAD_ENUM = _c.care_issue_code_name(_c.CARE_ISSUE_BAD_ENUM)

class Issue:
    """One validation issue: ``severity`` ("error" or "warning"), ``code``
    ("bad-date", ...), ``kind`` ("staff", ..., or "dataset"), ``id``, ``index``, ``field``,
    ``line`` and ``column`` (where a syntax error is; in a load of CSV files, where every
    issue is, with ``file`` the CSV file's name: docs/csv.md) and ``message``."""

    __slots__ = ("severity", "code", "kind", "id", "index", "field", "line", "column", "file",
                 "message")

    def __init__(self, severity, code, kind, id=None, index=None, field=None, line=None,
                 column=None, message="", file=None):
        self.severity = severity
        self.code = code
        self.kind = kind
        self.id = id
        self.index = index
        self.field = field
        self.line = line
        self.column = column
        self.file = file
        self.message = message

    @classmethod
    def _from_dict(cls, d):
        return cls(**{k: d.get(k) for k in cls.__slots__})

    @property
    def is_error(self):
        return self.severity == "error"

    def to_dict(self):
        """The issue as in the library's JSON validation report."""
        return {k: getattr(self, k) for k in self.__slots__}

    def __eq__(self, other):
        return isinstance(other, Issue) and self.to_dict() == other.to_dict()

    def __hash__(self):
        return hash(tuple(self.to_dict().values()))

    def __repr__(self):
        where = self.kind
        if self.id is not None:
            where += " %s" % self.id
        if self.index is not None:
            where += " [%d]" % self.index
        if self.field:
            where += " %s" % self.field
        if self.file:
            where += " %s" % self.file
        if self.line:
            where += " line %d column %d" % (self.line, self.column or 0)
        return "<Issue %s %s: %s: %s>" % (self.severity, self.code, where, self.message)


def issues_from_handle(handle):
    """Issue objects from a care_issues handle (one C call: the list as JSON)."""
    if handle is None:
        return []
    data = json.loads(u.call(_c.care_issues_to_json, handle))
    return [Issue._from_dict(d) for d in data.get("issues", [])]


def take_issues(err):
    """Move the issue list that rides on a failed call's exception into `err.issues`
    (as Issue objects), and for a syntax error set its line and column."""
    handle = err.__dict__.pop("_issues", None)
    if handle is not None:
        err.issues = issues_from_handle(handle)
    if isinstance(err, ParseError):
        for issue in err.issues:
            if issue.code == _SYNTAX:
                err.line = issue.line
                err.column = issue.column
                break
    return err
