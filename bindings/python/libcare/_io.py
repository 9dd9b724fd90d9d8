"""The other forms of a dataset (private): folders of CSV files and their column mappings,
snapshots, and xAPI statements. The Dataset methods (dataset.py) that read and write them call
these; the users' documentation is docs/csv.md, docs/snapshot.md and docs/xapi.md.
"""

import json
import os

from . import libcare_c as _c
from . import _util as u
from ._issues import issues_from_handle
from .errors import FileError, UsageError

# The first bytes of every snapshot (docs/snapshot.md#the-format-version-1).
SNAPSHOT_MAGIC = b"\x89CARE\r\n\x1a"


def is_snapshot(path):
    """Whether `path` is a regular file that begins with the snapshot's magic bytes. Anything
    else (a folder, a JSON file, a file that cannot be read) is left to the loader, which says
    what is wrong with it."""
    try:
        if not os.path.isfile(path):
            return False
        with open(path, "rb") as f:
            return f.read(len(SNAPSHOT_MAGIC)) == SNAPSHOT_MAGIC
    except OSError:
        return False


def mapping_handle(mapping):
    """A care_csv_mapping (owned by its proxy: freed when dropped) from a mapping file's path
    or a dict of the mapping's JSON (docs/csv.md#mapping); None for no mapping."""
    if mapping is None:
        return None
    if isinstance(mapping, dict):
        try:
            text = json.dumps(mapping, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise UsageError("mapping: %s" % e) from None
        return u.call(_c.care_csv_mapping_parse, text)
    if isinstance(mapping, (str, bytes, os.PathLike)):
        return u.call(_c.care_csv_mapping_load, u.path_in(mapping))
    raise UsageError("mapping must be the path of a mapping file or a dict, not %s"
                     % type(mapping).__name__)


def xapi_text(source):
    """The statements to import: bytes as they are; a str that starts with `[` or `{` (after
    blanks) is the statements' text; any other str, or an os.PathLike, names a file."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return source
    if isinstance(source, str) and (not source.strip() or source.lstrip()[0] in "[{"):
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise UsageError("statements must be a path, str or bytes, not %s"
                         % type(source).__name__)
    path = u.path_in(source)
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise FileError("%s: %s" % (path, e.strerror or e), _c.CARE_EIO) from None


class XapiResult:
    """What :meth:`Dataset.import_xapi` did (docs/xapi.md): ``added`` completions,
    statements already ``present`` (imported before: none added), completions ``removed`` by
    voiding statements, statements ``skipped`` (other verbs, voids without a target) and
    ``rejected`` (not imported), ``rejects`` (the rejected statements, whole, as dicts) and
    ``issues`` (why each was rejected: :class:`libcare.Issue`, ``index`` the statement's
    0-based position in the input)."""

    __slots__ = ("added", "present", "removed", "skipped", "rejected", "rejects", "issues")

    def __init__(self, counts, issues_handle):
        self.added, self.present, self.removed, self.skipped, self.rejected, rejects = counts
        self.rejects = json.loads(rejects) if rejects else []
        self.issues = issues_from_handle(issues_handle)

    def to_dict(self):
        """The counts, the rejected statements and the issues (as dicts)."""
        d = {k: getattr(self, k) for k in self.__slots__}
        d["issues"] = [i.to_dict() for i in self.issues]
        return d

    def __repr__(self):
        return ("<libcare.XapiResult: %d added, %d present, %d removed, %d skipped, "
                "%d rejected>" % (self.added, self.present, self.removed, self.skipped,
                                  self.rejected))
