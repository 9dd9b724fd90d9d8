"""The exceptions of libcare.

Every failure of the library is a :class:`libcare.Error` carrying the library's message (the
text of ``care_error_last()``) and its negative ``code``:

=====================  ========================================  ==========================
exception              when                                      also an instance of
=====================  ========================================  ==========================
:class:`ParseError`    the text is not JSON (``line``, ``column``)  ``ValueError``
                       or not a libcare dataset
:class:`ValidationError`  a strict load or an added record has     ``ValueError``
                       errors (``issues`` says which)
:class:`UsageError`    a bad argument: wrong type, None, out of  ``ValueError``, ``TypeError``
                       range, all_reports without a manager, a
                       closed dataset
:class:`NotFoundError` an id the dataset does not have (a unit,   :class:`UsageError`, ``LookupError``
                       role, manager or staff member), a
                       competency nothing requires or awards
:class:`FileError`     a file that cannot be read or written     ``OSError``
:class:`OutOfMemory`   the library ran out of memory             ``MemoryError``
=====================  ========================================  ==========================
"""

__all__ = ["Error", "ParseError", "ValidationError", "UsageError", "NotFoundError",
           "FileError", "OutOfMemory"]

from . import libcare_c as _c

# The codes of include/care/errors.h, as the library defines them.
CARE_ERROR = _c.CARE_ERROR
CARE_ENOMEM = _c.CARE_ENOMEM
CARE_EINVAL = _c.CARE_EINVAL
CARE_EIO = _c.CARE_EIO
CARE_ESYNTAX = _c.CARE_ESYNTAX
CARE_EFORMAT = _c.CARE_EFORMAT
CARE_EINVALID = _c.CARE_EINVALID
CARE_ENOTFOUND = _c.CARE_ENOTFOUND


class Error(Exception):
    """A libcare failure: ``message``, ``code`` (a negative CARE_E* code, or None when the
    Python layer refused the call before reaching the library) and ``issues`` (a list of
    :class:`libcare.Issue`, possibly empty)."""

    def __init__(self, message, code=None, issues=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.issues = list(issues) if issues else []

    def __str__(self):
        return self.message


class ParseError(Error, ValueError):
    """The text is not JSON (``line`` and ``column``, 1-based, name the first bad byte) or not
    a libcare dataset of a supported version (``line`` and ``column`` are None)."""

    def __init__(self, message, code=None, issues=None, line=None, column=None):
        super().__init__(message, code, issues)
        self.line = line
        self.column = column


class ValidationError(Error, ValueError):
    """Validation found errors: a strict load (nothing was loaded) or a rejected record.
    ``issues`` lists every issue found, warnings included."""


class UsageError(Error, TypeError, ValueError):
    """A bad argument: the wrong type, None where a value is needed, a number or date out of
    range, an unknown option value, a dataset used after close()."""


class NotFoundError(UsageError, LookupError):
    """An id (a staff member, a unit, role or manager filter) the dataset does not have, or a
    competency filter that no role of the dataset requires and no module awards."""


class FileError(Error, OSError):
    """A file could not be read or written; the message names the file and the reason."""


class OutOfMemory(Error, MemoryError):
    """The library could not allocate memory."""


_BY_CODE = {
    CARE_ENOMEM: OutOfMemory,
    CARE_EINVAL: UsageError,
    CARE_EIO: FileError,
    CARE_ESYNTAX: ParseError,
    CARE_EFORMAT: ParseError,
    CARE_EINVALID: ValidationError,
    CARE_ENOTFOUND: NotFoundError,
}


def _from_code(code, detail):
    """The exception for a CARE_E* code (called by the extension module)."""
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    cls = _BY_CODE.get(code, Error)
    return cls(detail, code)
