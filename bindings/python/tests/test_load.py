"""Loading, issues, rejects, strictness, saving."""

import datetime
import json

import pytest

import libcare


def test_load_small_lenient_rejects_and_keeps_the_rest(small_path):
    with libcare.Dataset.load(small_path) as ds:
        assert ds.count("units") == 2
        assert ds.count("unit") == 2
        assert ds.counts() == {"units": 2, "roles": 1, "modules": 2, "staff": 2,
                               "completions": 2, "interactions": 2, "complaints": 1}
        assert len(ds) == 12
        assert ds.extracted_on == datetime.date(2026, 3, 31)
        codes = {(i.code, i.kind, i.id) for i in ds.issues}
        assert ("unit-cycle", "unit", "LOOP1") in codes
        assert ("unit-cycle", "unit", "LOOP2") in codes
        assert ("duplicate-requirement", "role", "DUP") in codes
        assert ("dangling-ref", "staff", "S3") in codes
        assert all(isinstance(i, libcare.Issue) for i in ds.issues)
        rejected = ds.rejected
        assert sorted(rejected) == ["complaints", "completions", "roles", "staff", "units"]
        assert len(rejected["units"]) == 3
        # Rejected records come back exactly as written.
        assert rejected["roles"][0].startswith('{"id":"DUP"')
        assert json.loads(rejected["staff"][0])["id"] == "S3"
        assert ("staff", "S1") in ds and ("staff", "S3") not in ds


def test_issue_objects(small_path):
    with libcare.Dataset.load(small_path) as ds:
        issue = next(i for i in ds.issues if i.code == "duplicate-requirement")
        d = issue.to_dict()
        assert list(d) == ["severity", "code", "kind", "id", "index", "field", "line",
                           "column", "file", "message"]
        # The keys and values of the library's own JSON form of the issue.
        assert d in json.loads(libcare.libcare_c.care_issues_to_json(
            libcare.libcare_c.care_dataset_load_file(str(small_path), False)[1]))["issues"]
        assert d["severity"] == "error" and d["kind"] == "role" and d["id"] == "DUP"
        assert d["index"] == 1 and d["field"].startswith("requirements[")
        assert d["line"] is None and d["column"] is None and d["message"]
        assert issue.is_error
        assert "duplicate-requirement" in repr(issue)


def test_sample_with_errors(errors_path, tmp_path):
    with libcare.Dataset.load(errors_path) as ds:
        errors = [i for i in ds.issues if i.severity == "error"]
        assert errors, "the faulty sample must report errors"
        rejected = ds.rejected
        assert sum(len(v) for v in rejected.values()) > 0
        for name, texts in rejected.items():
            assert ds.rejected_count(name) == len(texts)
        out = tmp_path / "rejects.json"
        ds.save_rejects(out)
        assert out.read_text(encoding="utf-8", errors="surrogateescape") == ds.dumps_rejects()
        # The rejects file is a dataset file of its own: it loads, and its records are
        # exactly the rejected ones.
        with libcare.Dataset.load(out) as again:
            total = sum(again.count(k) + again.rejected_count(k) for k in rejected)
            assert total == sum(len(v) for v in rejected.values())


def test_strict_raises_validation_error_with_issues(small_path):
    with pytest.raises(libcare.ValidationError) as info:
        libcare.Dataset.load(small_path, strict=True)
    err = info.value
    assert err.code == -7
    assert isinstance(err, libcare.Error) and isinstance(err, ValueError)
    assert any(i.code == "unit-cycle" for i in err.issues)
    assert str(err)


def test_strict_on_clean_data_loads(small_path):
    with libcare.Dataset.load(small_path) as ds:
        clean = ds.dumps()
    with libcare.Dataset.loads(clean, strict=True) as ds:
        assert ds.count("staff") == 2


def test_syntax_error_has_line_and_column():
    text = '{"format":"libcare-dataset",\n"version":1,\n"units":[}\n'
    with pytest.raises(libcare.ParseError) as info:
        libcare.Dataset.loads(text)
    err = info.value
    assert err.code == -5
    assert (err.line, err.column) == (3, 10)
    assert err.issues and err.issues[0].code == "syntax"
    assert (err.issues[0].line, err.issues[0].column) == (3, 10)


def test_syntax_error_from_a_file(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"format":"libcare-dataset","version":1,}')
    with pytest.raises(libcare.ParseError) as info:
        libcare.Dataset.load(p)
    assert (info.value.line, info.value.column) == (1, 41)


def test_format_error():
    with pytest.raises(libcare.ParseError) as info:
        libcare.Dataset.loads('{"format":"something-else","version":1}')
    assert info.value.code == -6
    assert info.value.line is None
    assert info.value.issues[0].code == "format"
    with pytest.raises(libcare.ParseError):
        libcare.Dataset.loads("[1, 2, 3]")


def test_missing_file_is_file_error(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(libcare.FileError) as info:
        libcare.Dataset.load(missing)
    assert isinstance(info.value, OSError)
    assert info.value.code == -4
    assert "nope.json" in str(info.value)


def test_round_trip_is_byte_identical(sample_path, tmp_path):
    with libcare.Dataset.load(sample_path) as ds:
        first = tmp_path / "one.json"
        ds.save(first)
        counts = ds.counts()
        assert first.read_text(encoding="utf-8") == ds.dumps()
    with libcare.Dataset.load(first) as ds:
        assert ds.counts() == counts
        assert ds.issues == [] or all(i.severity == "warning" for i in ds.issues)
        second = tmp_path / "two.json"
        ds.save(str(second))
    assert first.read_bytes() == second.read_bytes()


def test_loads_bytes_and_str_agree(small_path):
    raw = small_path.read_bytes()
    with libcare.Dataset.loads(raw) as a, libcare.Dataset.loads(raw.decode()) as b:
        assert a.dumps() == b.dumps()
        assert a.issues == b.issues


def test_context_manager_closes_and_use_after_close_raises(small_path):
    with libcare.Dataset.load(small_path) as ds:
        assert not ds.closed
    assert ds.closed
    assert "closed" in repr(ds)
    for call in (lambda: ds.count("staff"), lambda: ds.dumps(), lambda: ds.rejected,
                 lambda: ds.compliance(as_of=datetime.date(2026, 3, 31)),
                 lambda: ds.status("S1", "customer-care", datetime.date(2026, 3, 31)),
                 lambda: ds.add_unit(id="X", name="X"), lambda: ds.save("/tmp/x.json"),
                 lambda: len(ds), lambda: ds.extracted_on):
        with pytest.raises(libcare.UsageError):
            call()
    ds.close()  # twice is fine


def test_reports_outlive_their_dataset(small_path):
    ds = libcare.Dataset.load(small_path)
    report = ds.compliance(as_of=datetime.date(2026, 3, 31), by="unit")
    expected = report.to_dict()
    ds.close()
    del ds
    assert report.to_dict() == expected
    assert report.to_csv().startswith(report.to_csv()[:5])
    assert list(report)


def test_ids_and_generated_completion_ids(small_path):
    with libcare.Dataset.load(small_path) as ds:
        ids = ds.ids("completions")
        assert ids[1] == "C2"
        assert ids[0] == libcare.completion_id("S1", "CC-E", "2025-01-31", "passed")
        assert ids[0] == libcare.completion_id("S1", "CC-E", datetime.date(2025, 1, 31),
                                               "passed")
        assert len(ids[0]) == 36 and ids[0] == ids[0].lower()


def test_validate_record():
    ok = libcare.validate_record("unit", {"id": "PA", "name": "Patient Access"})
    assert ok == []
    bad = libcare.validate_record("staff", {"id": "S 1", "started_on": "2025-02-30",
                                            "assignments": []})
    assert {i.code for i in bad} >= {"bad-id", "bad-date"}
    warn = libcare.validate_record("units", '{"id":"PA","name":"x","colour":"blue"}')
    assert [i.code for i in warn] == ["unknown-field"]
    with pytest.raises(libcare.ParseError):
        libcare.validate_record("unit", '{"id":')


def test_calendar_helpers():
    assert libcare.is_bank_holiday(datetime.date(2022, 9, 19))
    assert not libcare.is_bank_holiday(datetime.date(2022, 9, 20))
    # Friday 2026-12-25 .. Tuesday 2026-12-29: 25th, 28th (Boxing Day substitute) are holidays.
    assert libcare.working_days(datetime.date(2026, 12, 24), datetime.date(2026, 12, 29)) == 1
    assert libcare.working_days(datetime.date(2026, 12, 24), datetime.date(2026, 12, 29),
                                [datetime.date(2026, 12, 29)]) == 0
    assert libcare.version() == libcare.__version__
