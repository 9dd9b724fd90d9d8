"""Conversions between Python values and the C layer (private)."""

import datetime as _dt
import numbers
import operator
import os
import re

from . import libcare_c as _c
from .errors import Error, UsageError

CARE_DATE_NONE = -(2 ** 31)  # INT32_MIN in C, which SWIG cannot evaluate
CARE_NONE = _c.CARE_NONE
_EPOCH = _dt.date(1970, 1, 1).toordinal()
DATE_MIN = _dt.date.fromordinal(_c.CARE_DATE_MIN + _EPOCH)
DATE_MAX = _dt.date.fromordinal(_c.CARE_DATE_MAX + _EPOCH)
_ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
INT32_MIN = -(2 ** 31)
INT32_MAX = 2 ** 31 - 1


def names_from(name_of, first=0):
    """The spellings name_of(first), name_of(first + 1), ... up to the first NULL (None):
    the library's own list of an enumeration's values, in value order."""
    names = []
    while True:
        name = name_of(first + len(names))
        if name is None:
            return tuple(names)
        names.append(name)


def enum_names(enum_type):
    """The spellings of a care_enum enumeration, in value order (care_enum_name)."""
    return tuple(_c.care_enum_name(enum_type, i) for i in range(_c.care_enum_count(enum_type)))


# Record kinds: the singular spelling (issues, care_kind; value 0 is "dataset", not a record
# kind) and the list name of the dataset file, which the C library does not spell.
KINDS = enum_names(_c.CARE_ENUM_KIND)[1:]
LISTS = ("units", "roles", "modules", "staff", "completions", "interactions", "complaints")
if len(LISTS) != len(KINDS):
    raise ImportError("libcare: the C library has record kinds %s; this package knows %s"
                      % (", ".join(KINDS), ", ".join(LISTS)))
_KIND_VALUE = {}
for _i, (_k, _l) in enumerate(zip(KINDS, LISTS)):
    _KIND_VALUE[_k] = _i + 1
    _KIND_VALUE[_l] = _i + 1


def kind_value(kind):
    """care_kind of a kind name ("unit" or "units")."""
    if not isinstance(kind, str) or kind not in _KIND_VALUE:
        raise UsageError("kind must be one of %s, not %r" % (", ".join(LISTS), kind))
    return _KIND_VALUE[kind]


STAFF_GROUPS = enum_names(_c.CARE_ENUM_STAFF_GROUP)
DELIVERIES = enum_names(_c.CARE_ENUM_DELIVERY)
COMPLETION_OUTCOMES = enum_names(_c.CARE_ENUM_COMPLETION_OUTCOME)
CHANNELS = enum_names(_c.CARE_ENUM_CHANNEL)
INTERACTION_KINDS = enum_names(_c.CARE_ENUM_INTERACTION_KIND)
INTERACTION_OUTCOMES = enum_names(_c.CARE_ENUM_INTERACTION_OUTCOME)
SUBJECTS = enum_names(_c.CARE_ENUM_SUBJECT)
COMPLAINT_OUTCOMES = enum_names(_c.CARE_ENUM_COMPLAINT_OUTCOME)
STATUSES = names_from(_c.care_status_name)
# What the staff list's status filter takes: a pair's status, or "expiring" (compliant and
# expiring); never "not-required".
STATUS_FILTERS = {name: i for i, name in enumerate(STATUSES)
                  if i not in (_c.CARE_STATUS_NOT_REQUIRED, _c.CARE_STATUS_EXPIRING)}
STATUS_FILTERS["expiring"] = _c.CARE_STATUS_EXPIRING
# Groupings of the compliance report; CARE_GROUP_NONE (0) has no spelling.
GROUP_BY = names_from(_c.care_group_by_name, _c.CARE_GROUP_NONE + 1)


def enum_value(names, value, what):
    """The index of a spelling in `names`; -1 (the library reports bad-enum) for a str
    that is not one; UsageError for a value that is not a str."""
    if not isinstance(value, str):
        raise UsageError("%s must be a str (one of %s), not %s"
                         % (what, ", ".join(names), type(value).__name__))
    try:
        return names.index(value)
    except ValueError:
        return -1


def date_in(value, what, optional=False, check_range=True):
    """A datetime.date (or an ISO 'YYYY-MM-DD' str) as a care_date integer.

    Options (as-of dates, periods) must lie in the library's range 1900-01-01..2199-12-31; record
    fields (check_range=False) are handed over as they are, so that the library reports an
    out-of-range date as `bad-date` like the loader does."""
    if value is None:
        if optional:
            return CARE_DATE_NONE
        raise UsageError("%s is required (a datetime.date)" % what)
    if isinstance(value, _dt.datetime):
        value = value.date()
    elif isinstance(value, _dt.date):
        pass
    elif isinstance(value, str):
        m = _ISO_DATE.match(value)
        try:
            if not m:
                raise ValueError
            value = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise UsageError("%s: %r is not a date YYYY-MM-DD" % (what, value)) from None
    else:
        raise UsageError("%s must be a datetime.date, not %s" % (what, type(value).__name__))
    if check_range and not DATE_MIN <= value <= DATE_MAX:
        raise UsageError("%s: %s is outside %s..%s" % (what, value.isoformat(),
                                                       DATE_MIN.isoformat(), DATE_MAX.isoformat()))
    return value.toordinal() - _EPOCH


def date_out(value):
    """A care_date integer as a datetime.date (None for CARE_DATE_NONE)."""
    if value == CARE_DATE_NONE:
        return None
    return _dt.date.fromordinal(value + _EPOCH)


def iso_date(text):
    """An ISO date string from JSON as a datetime.date (None stays None)."""
    if text is None:
        return None
    return _dt.date.fromisoformat(text)


def int_in(value, what, lo=INT32_MIN, hi=INT32_MAX, optional=False, none=CARE_NONE):
    """An int (or anything with __index__, such as numpy integers; not bool) in [lo, hi]."""
    if value is None:
        if optional:
            return none
        raise UsageError("%s is required (an int)" % what)
    if isinstance(value, bool):
        raise UsageError("%s must be an int, not bool" % what)
    try:
        value = operator.index(value)
    except TypeError:
        raise UsageError("%s must be an int, not %s" % (what, type(value).__name__)) from None
    if not lo <= value <= hi:
        raise UsageError("%s must be between %d and %d, not %d" % (what, lo, hi, value))
    return value


def bool_in(value, what):
    if isinstance(value, bool):
        return int(value)
    try:
        import numpy  # noqa: F401  (numpy.bool_ is common in DataFrames)
        if isinstance(value, numpy.bool_):
            return int(bool(value))
    except ImportError:
        pass
    raise UsageError("%s must be True or False, not %r" % (what, value))


def text_in(value, what, optional=True):
    """A str without NUL characters that encodes as UTF-8 (None when optional)."""
    if value is None:
        if optional:
            return None
        raise UsageError("%s is required (a str)" % what)
    if not isinstance(value, str):
        raise UsageError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise UsageError("%s contains a NUL character" % what)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("%s is not valid Unicode (a lone surrogate)" % what) from None
    return value


def float_in(value, what):
    """An optional number: NAN for None."""
    if value is None:
        return float("nan")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise UsageError("%s must be a number, not %s" % (what, type(value).__name__))
    return float(value)


def call(fn, *args):
    """Call the C layer; argument conversion failures of the generated code become
    UsageError (the Python layer checks first; this is the safety net)."""
    try:
        return fn(*args)
    except Error:
        raise
    except (TypeError, ValueError, OverflowError) as e:
        raise UsageError(str(e)) from None


def path_in(path):
    """A file or folder name: str, bytes or os.PathLike, as str."""
    try:
        path = os.fspath(path)
    except TypeError:
        raise UsageError("path must be a str or os.PathLike, not %s"
                         % type(path).__name__) from None
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return text_in(path, "path", optional=False)
