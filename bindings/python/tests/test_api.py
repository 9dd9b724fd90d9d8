"""The wrap list of swig/api.i against the public headers, the built module and its users.

What Python gets from the C library is exactly the list in bindings/python/swig/api.i. These
tests keep that list honest: every entry exists in include/care/*.h (or is a helper of
swig/records.i), each int result is classified, the built module holds the list and nothing
else, and every C name the Python package uses is there.
"""

import re

import pytest

from libcare import libcare_c

from conftest import ROOT

BINDINGS = ROOT / "bindings" / "python"
HEADERS = sorted((ROOT / "include" / "care").glob("*.h"))
USERS = sorted((BINDINGS / "libcare").glob("*.py")) + [BINDINGS / "bench_overhead.py"] + \
    sorted((BINDINGS / "tests").glob("*.py")) + sorted((ROOT / "examples" / "python").glob("*.py"))

_ENTRY = re.compile(r"^CARE_PY_(CODE|VALUE|FUNC|TYPE)\((\w+)\)\s*$", re.M)
_DECL = re.compile(r"\bCARE_API\s+([^;{}()]*?)\b(care_\w+)\s*\(")
_HELPER = re.compile(r"^(?!static\b)([A-Za-z][\w \*]*?)\b(care_py_\w+)\s*\(", re.M)
_TYPE = re.compile(r"\bstruct\s+(care_\w+)\b")


def _strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def _return_type(text):
    return " ".join(text.replace("*", " * ").split())


def header_functions():
    """{name: return type} of every CARE_API function of include/care/*.h."""
    found = {}
    for path in HEADERS:
        for m in _DECL.finditer(_strip_comments(path.read_text())):
            found[m.group(2)] = _return_type(m.group(1))
    return found


def helper_functions():
    """{name: return type} of the care_py_* helpers that swig/records.i defines."""
    text = _strip_comments((BINDINGS / "swig" / "records.i").read_text())
    return {m.group(2): _return_type(m.group(1)) for m in _HELPER.finditer(text)}


def wrap_list():
    """[(kind, name)] of swig/api.i, in order."""
    return [(m.group(1), m.group(2))
            for m in _ENTRY.finditer((BINDINGS / "swig" / "api.i").read_text())]


def test_the_parsers_find_what_they_look_for():
    """The checks below compare against these sets: they must not be empty or partial."""
    funcs = header_functions()
    assert len(HEADERS) >= 8
    assert len(funcs) >= 70, sorted(funcs)
    assert funcs["care_dataset_new"] == "int"
    assert funcs["care_dataset_id"] == "const char *"
    assert funcs["care_date_add_days"] == "care_date"
    assert funcs["care_working_days"] == "int"  # a declaration over two lines
    helpers = helper_functions()
    assert helpers["care_py_add_staff"] == "int"
    assert helpers["care_py_rejected"] == "PyObject *"
    assert "care_py_lengths_differ" not in helpers  # static: not a helper Python calls
    entries = wrap_list()
    assert len(entries) >= 60
    assert {k for k, _ in entries} == {"CODE", "VALUE", "FUNC", "TYPE"}


def test_every_entry_is_listed_once_and_exists():
    entries = wrap_list()
    names = [n for _, n in entries]
    assert len(names) == len(set(names)), "listed twice: %s" % sorted(
        n for n in set(names) if names.count(n) > 1)
    funcs = dict(header_functions(), **helper_functions())
    types = set()
    for path in HEADERS:
        types.update(_TYPE.findall(path.read_text()))
    missing = [n for k, n in entries if (n not in types if k == "TYPE" else n not in funcs)]
    assert not missing, "in swig/api.i but in no public header or helper: %s" % missing


def test_every_int_result_is_classified():
    """CODE and VALUE are for int results only, and an int result is never a plain FUNC:
    the build refuses that too (the default int typemap is an #error)."""
    funcs = dict(header_functions(), **helper_functions())
    wrong = [(k, n, funcs[n]) for k, n in wrap_list() if k != "TYPE" and
             (funcs[n] == "int") != (k in ("CODE", "VALUE"))]
    assert not wrong, wrong


def test_the_module_holds_exactly_the_list():
    entries = wrap_list()
    listed_funcs = {n for k, n in entries if k != "TYPE"}
    listed_types = {n for k, n in entries if k == "TYPE"}
    public = {n: getattr(libcare_c, n) for n in dir(libcare_c) if n.startswith("care_")}
    got_types = {n for n, v in public.items() if isinstance(v, type)}
    got_funcs = {n for n, v in public.items() if callable(v) and not isinstance(v, type)}
    assert got_funcs == listed_funcs
    assert got_types == listed_types


def test_int_results_behave_as_classified():
    """A CODE function raises on failure and gives None on success; a VALUE one returns
    its int, negative or not."""
    with pytest.raises(Exception) as err:
        libcare_c.care_dataset_find(libcare_c.care_dataset_new(), libcare_c.CARE_KIND_UNIT, "x")
    assert err.value.code == libcare_c.CARE_ENOTFOUND
    assert libcare_c.care_dataset_seal(libcare_c.care_dataset_new()) is None
    assert libcare_c.care_status_parse("no-such-status") == -1
    assert libcare_c.care_enum_parse(libcare_c.CARE_ENUM_CHANNEL, "phone") >= 0


def test_every_name_the_python_side_uses_exists():
    used = set()
    for path in USERS:
        used.update(re.findall(r"\b_?c\.((?:care|CARE)_\w+)", path.read_text()))
    assert len(used) >= 40, sorted(used)
    missing = sorted(n for n in used if not hasattr(libcare_c, n))
    assert not missing, "used but not wrapped: %s" % missing
    listed = {n for _, n in wrap_list()}
    unlisted = sorted(n for n in used if n.startswith("care_") and n not in listed)
    assert not unlisted, unlisted


def test_package_imports_run_one_way():
    """No module of the package imports, at any depth and even inside a function, one that
    imports it back: the layers are errors <- _util <- _issues <- reports <- dataset."""
    package = BINDINGS / "libcare"
    graph = {}
    for path in package.glob("*.py"):
        text = path.read_text()
        deps = set(re.findall(r"^\s*from \.(\w+) import", text, re.M))
        for names in re.findall(r"^\s*from \. import (.+)$", text, re.M):
            deps.update(n.split()[0] for n in names.split(","))
        graph[path.stem] = {d for d in deps if (package / (d + ".py")).exists()}
    assert graph["dataset"] >= {"_util", "_issues", "reports"}  # the parser sees imports

    def reaches(start, goal, seen=()):
        return any(d == goal or (d not in seen and reaches(d, goal, seen + (d,)))
                   for d in graph.get(start, ()))

    cycles = sorted(m for m in graph if reaches(m, m))
    assert not cycles, "modules in an import cycle: %s" % cycles


def test_spellings_come_from_the_library_in_full(small_path):
    """The enum spellings the package reads from C at import: every value, in value order,
    each accepted where users give it."""
    import datetime

    import libcare
    from libcare import _util
    assert _util.STATUSES[libcare_c.CARE_STATUS_OVERDUE] == "overdue"
    # Every status value has a Python spelling: the statuses of a pair, and the staff list's
    # filter values ("expiring" is only a filter).
    spelt = set(range(len(_util.STATUSES))) | set(_util.STATUS_FILTERS.values())
    assert spelt == set(range(libcare_c.CARE_STATUS_COUNT))
    assert _util.STATUS_FILTERS["expiring"] == libcare_c.CARE_STATUS_EXPIRING
    assert "not-required" not in _util.STATUS_FILTERS
    assert len(_util.GROUP_BY) == libcare_c.CARE_GROUP_BY_COUNT - 1
    assert _util.KINDS[libcare_c.CARE_KIND_COMPLAINT - 1] == "complaint"
    assert len(_util.KINDS) == len(_util.LISTS) == libcare_c.CARE_KIND_COUNT - 1
    for enum_type, names in [(libcare_c.CARE_ENUM_CHANNEL, _util.CHANNELS),
                             (libcare_c.CARE_ENUM_SUBJECT, _util.SUBJECTS)]:
        assert [libcare_c.care_enum_parse(enum_type, n) for n in names] == list(range(len(names)))
    with libcare.Dataset.load(small_path) as ds:
        as_of = datetime.date(2026, 3, 31)
        for by in _util.GROUP_BY + ("staff_group",):
            assert ds.compliance(as_of=as_of, by=by).group_by == by.replace("_", "-")
        for status in _util.STATUS_FILTERS:
            want = {"compliant"} if status == "expiring" else {status}
            assert {r.status for r in ds.staff(as_of=as_of, status=status)} <= want
        assert ds.counts() == {name: ds.count(kind) for name, kind in zip(_util.LISTS, _util.KINDS)}
