"""Ownership: owned objects are freed when dropped; borrowed ones keep their parent alive."""

import datetime
import gc
import resource
import weakref

import libcare
from libcare import libcare_c as c

D = datetime.date


def test_dataset_is_freed_when_dropped(small_path):
    ds = libcare.Dataset.load(small_path)
    handle = weakref.ref(ds._h)
    del ds
    gc.collect()
    assert handle() is None


def test_context_manager_frees_at_once(small_path):
    with libcare.Dataset.load(small_path) as ds:
        handle = ds._h
        assert handle.thisown
    assert ds._h is None
    assert not handle.thisown  # released by close(): the proxy no longer owns it


def test_borrowed_issue_keeps_its_list_alive(small_path):
    data = small_path.read_bytes()
    ds, issues = c.care_dataset_load_buffer(data, False)
    n = c.care_issues_count(issues)
    assert n > 0
    first = c.care_issues_get(issues, 0)
    ref = weakref.ref(issues)
    del issues, ds
    gc.collect()
    assert ref() is not None  # the issue holds its list
    assert first.message and c.care_issue_code_name(first.code)
    del first
    gc.collect()
    assert ref() is None
    assert c.care_issues_get(c.care_dataset_load_buffer(data, False)[1], 10 ** 6) is None


def _rss_kib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_repeated_create_and_drop_does_not_grow(small_path):
    def cycle():
        ds = libcare.Dataset.load(small_path)
        ds.compliance(as_of=D(2026, 3, 31), by="unit").to_dict()
        ds.staff(as_of=D(2026, 3, 31))
        _ = ds.rejected, ds.dumps()
        try:
            libcare.Dataset.loads('{"format":"libcare-dataset","version":1,"units":[}')
        except libcare.ParseError:
            pass
        try:
            ds.add_unit(id="X", name="x", parent="NOPE")
        except libcare.ValidationError:
            pass
        # ds is dropped without close(): the destructor frees it.

    for _ in range(200):
        cycle()
    gc.collect()
    before = _rss_kib()
    for _ in range(2000):
        cycle()
    gc.collect()
    grown = _rss_kib() - before
    assert grown < 8 * 1024, "peak RSS grew by %d KiB over 2000 cycles" % grown


def test_mappings_and_xapi_results_are_freed(small_path):
    """A column mapping is an owned proxy, freed when dropped; an xAPI import's result and
    issues (on success and on a syntax error) leave nothing behind."""
    from conftest import ROOT
    mapping_text = (ROOT / "examples" / "esr" / "mapping.json").read_text()
    m = c.care_csv_mapping_parse(mapping_text)
    assert m.thisown
    ref = weakref.ref(m)
    del m
    gc.collect()
    assert ref() is None
    statements = '[{"actor":{"account":{"name":"NOBODY"}},"verb":{"id":' \
        '"http://adlnet.gov/expapi/verbs/passed"},"object":{"id":"x"},"timestamp":"2026-01-01"}]'

    def cycle(ds):
        c.care_csv_mapping_parse(mapping_text)
        try:
            c.care_csv_mapping_parse(
                '{"format":"libcare-csv-mapping","version":1,"lists":{"x":{}}}')
        except libcare.ParseError:
            pass
        assert ds.import_xapi(statements).rejected == 1
        try:
            ds.import_xapi("[{")
        except libcare.ParseError:
            pass

    with libcare.Dataset.load(small_path) as ds:
        for _ in range(200):
            cycle(ds)
        gc.collect()
        before = _rss_kib()
        for _ in range(3000):
            cycle(ds)
        gc.collect()
    grown = _rss_kib() - before
    assert grown < 8 * 1024, "peak RSS grew by %d KiB over 3000 cycles" % grown
