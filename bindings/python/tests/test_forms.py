"""The other forms of a dataset from Python: folders of CSV files with a column mapping,
snapshots, the rejects as CSV, and xAPI statements (docs/csv.md, docs/snapshot.md,
docs/xapi.md)."""

import csv
import datetime
import json
import shutil

import pytest

import libcare

from conftest import ROOT, SAMPLE, SAMPLE_ERRORS

ESR = ROOT / "examples" / "esr"
MAPPING = ESR / "mapping.json"
AS_OF = datetime.date(2026, 3, 31)

# The sample trust's e-learning module with an xAPI activity, and one of its people.
CC_ACTIVITY = "https://www.e-lfh.org.uk/xapi/activities/customer-care-elective"
VERB = "http://adlnet.gov/expapi/verbs/"


def statement(id_, staff="S000001", verb="passed", activity=CC_ACTIVITY, scaled=0.9,
              timestamp="2026-03-29T00:30:00+01:00"):
    s = {"actor": {"account": {"name": staff}}, "verb": {"id": VERB + verb},
         "object": {"id": activity}, "timestamp": timestamp}
    if id_ is not None:
        s["id"] = id_
    if scaled is not None:
        s["result"] = {"score": {"scaled": scaled}}
    return s


def void(id_, target):
    return {"id": id_, "actor": {"account": {"name": "S000001"}},
            "verb": {"id": VERB + "voided"},
            "object": {"objectType": "StatementRef", "id": target}}


def reports(ds):
    return (ds.compliance(as_of=AS_OF, by="unit").to_dict(),
            ds.staff(as_of=AS_OF, competency="customer-care").to_dict())


@pytest.fixture(scope="module")
def reference():
    with libcare.Dataset.load(SAMPLE) as ds:
        return ds.dumps(), reports(ds), [i.to_dict() for i in ds.issues]


# -- CSV and the column mapping -------------------------------------------------------------

@pytest.mark.parametrize("how", ["path", "dict"])
def test_the_esr_extract_with_its_mapping_is_the_sample_trust(reference, how):
    mapping = MAPPING if how == "path" else json.loads(MAPPING.read_text())
    with libcare.Dataset.load(ESR, mapping=mapping) as ds:
        assert ds.counts()["staff"] == 400
        assert ds.dumps() == reference[0]
        assert reports(ds) == reference[1]
        assert [i.to_dict() for i in ds.issues] == reference[2]


def test_the_esr_extract_without_its_mapping_is_refused():
    """Read as the library writes CSV, ESR's own headers lack the columns a record needs."""
    with pytest.raises(libcare.ParseError) as err:
        libcare.Dataset.load(ESR)
    assert err.value.code == libcare.libcare_c.CARE_EFORMAT


def test_json_to_csv_and_back_is_the_same_dataset(tmp_path, reference):
    with libcare.Dataset.load(SAMPLE) as ds:
        ds.save_csv(tmp_path / "csv")
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == sorted(["dataset.csv", "units.csv", "roles.csv", "requirements.csv",
                            "modules.csv", "staff.csv", "assignments.csv", "exemptions.csv",
                            "completions.csv", "interactions.csv", "complaints.csv"])
    with libcare.Dataset.load(str(tmp_path / "csv")) as back:
        assert back.dumps() == reference[0]
        assert reports(back) == reference[1]
        back.save(tmp_path / "back.json")
    assert (tmp_path / "back.json").read_text(encoding="utf-8") == reference[0]


def test_a_csv_issue_says_where_it_is(tmp_path):
    """An issue of a CSV load carries the file, the row's line and the cell's column, on the
    Issue object and in its dict; the rejected row is written back as CSV with its issues."""
    folder = tmp_path / "esr"
    shutil.copytree(ESR, folder)
    staff_file = folder / "ESR_Staff_Assignments.csv"
    lines = staff_file.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(",")
    row = lines[3].split(",")
    person = row[0]
    column = header.index("Hire Date")
    row[column] = "31/02/2020"  # no such day
    lines[3] = ",".join(row)
    staff_file.write_text("".join(lines), encoding="utf-8")

    with libcare.Dataset.load(folder, mapping=MAPPING) as ds:
        bad = [i for i in ds.issues if i.code == "bad-date"]
        assert len(bad) == 1, ds.issues
        issue = bad[0]
        assert (issue.file, issue.line, issue.column) == (staff_file.name, 4, column + 1)
        assert (issue.kind, issue.id, issue.field) == ("staff", person, "started_on")
        assert issue.to_dict()["file"] == staff_file.name
        assert staff_file.name in repr(issue)
        assert ("staff", person) not in ds
        assert ds.rejected_count("staff") == 1
        ds.save_rejects_csv(tmp_path / "rejects")
    with open(tmp_path / "rejects" / "staff.csv", newline="", encoding="utf-8") as f:
        rejects = list(csv.DictReader(f))
    assert [r["id"] for r in rejects] == [person]
    # Written in the library's own form: the date as the mapping read it.
    assert "bad-date" in rejects[0]["issues"] and rejects[0]["started_on"] == "2020-02-31"


def test_a_json_load_has_no_file_in_its_issues(errors_path):
    with libcare.Dataset.load(errors_path) as ds:
        assert ds.issues and all(i.file is None for i in ds.issues)
        assert all("file" in i.to_dict() for i in ds.issues)


@pytest.mark.parametrize("mapping, code", [
    ({"format": "libcare-csv-mapping", "version": 1, "lists": {"nurses": {}}}, "EFORMAT"),
    ({"format": "libcare-csv-mapping", "version": 1,
      "lists": {"staff": {"date_format": "DD/MM"}}}, "EFORMAT"),
    ({"format": "libcare-csv-mapping", "version": 1,
      "lists": {"staff": {"columns": {"no_such_field": "X"}}}}, "EFORMAT"),
    ({"format": "something-else", "version": 1}, "EFORMAT"),
])
def test_a_broken_mapping_raises(mapping, code):
    with pytest.raises(libcare.ParseError) as err:
        libcare.Dataset.load(ESR, mapping=mapping)
    assert err.value.code == getattr(libcare.libcare_c, "CARE_" + code)
    assert err.value.message


def test_a_mapping_file_that_is_broken_or_missing_raises(tmp_path):
    broken = tmp_path / "mapping.json"
    broken.write_text('{"format": "libcare-csv-mapping", "version": 1, "lists": ', "utf-8")
    with pytest.raises(libcare.ParseError):
        libcare.Dataset.load(ESR, mapping=broken)
    with pytest.raises(libcare.FileError):
        libcare.Dataset.load(ESR, mapping=tmp_path / "absent.json")
    with pytest.raises(libcare.UsageError):
        libcare.Dataset.load(ESR, mapping=42)


def test_a_mapping_naming_a_column_that_is_not_there_fails_the_load():
    mapping = json.loads(MAPPING.read_text())
    mapping["lists"]["staff"]["columns"]["name"] = "Preferred Name"
    with pytest.raises(libcare.ParseError) as err:
        libcare.Dataset.load(ESR, mapping=mapping)
    assert [(i.file, i.field) for i in err.value.issues] == [
        ("ESR_Staff_Assignments.csv", "Preferred Name")]


def test_a_mapping_for_a_file_is_a_usage_error():
    with pytest.raises(libcare.UsageError):
        libcare.Dataset.load(SAMPLE, mapping=MAPPING)


# -- snapshots -------------------------------------------------------------------------------

def test_a_snapshot_loads_as_the_dataset_it_was(tmp_path, reference):
    path = tmp_path / "trust.care"
    with libcare.Dataset.load(SAMPLE_ERRORS) as ds:
        rejects = ds.dumps_rejects()
        ds.save_snapshot(path)
    with libcare.Dataset.load(SAMPLE) as ds:
        ds.save_snapshot(tmp_path / "sample.care")
    assert (tmp_path / "sample.care").read_bytes()[:8] == b"\x89CARE\r\n\x1a"
    with libcare.Dataset.load(tmp_path / "sample.care") as snap:
        assert snap.dumps() == reference[0]
        assert reports(snap) == reference[1]
        assert snap.issues == []
    with libcare.Dataset.load(str(path)) as snap:
        assert snap.dumps_rejects() == rejects


def test_a_damaged_snapshot_raises(tmp_path):
    path = tmp_path / "trust.care"
    with libcare.Dataset.load(SAMPLE) as ds:
        ds.save_snapshot(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(libcare.ParseError) as err:
        libcare.Dataset.load(path)
    assert err.value.code == libcare.libcare_c.CARE_EFORMAT


# -- xAPI ------------------------------------------------------------------------------------

def completion(ds, id_):
    return json.loads(ds.dumps())["completions"][ds.ids("completions").index(id_)]


def test_importing_twice_adds_nothing_the_second_time(tmp_path):
    text = json.dumps([statement("11111111-0000-4000-8000-000000000001"),
                       statement("11111111-0000-4000-8000-000000000002", staff="S000002",
                                 verb="completed", scaled=None)])
    path = tmp_path / "statements.json"
    path.write_text(text, "utf-8")
    with libcare.Dataset.load(SAMPLE) as ds:
        before = ds.count("completions")
        first = ds.import_xapi(path)
        assert (first.added, first.present, first.rejected) == (2, 0, 0)
        assert ds.count("completions") == before + 2
        c = completion(ds, "11111111-0000-4000-8000-000000000001")
        assert (c["staff"], c["module"], c["completed_on"], c["outcome"], c["score"],
                c["source"]) == ("S000001", "CC-ELEARN", "2026-03-29", "passed", 90, "xapi")
        dump = ds.dumps()
        second = ds.import_xapi(text)  # the same statements, as text this time
        assert (second.added, second.present, second.rejected) == (0, 2, 0)
        assert ds.dumps() == dump
        assert "2 present" in repr(second)


def test_a_voided_statement_removes_its_completion():
    sid = "22222222-0000-4000-8000-000000000001"
    with libcare.Dataset.load(SAMPLE) as ds:
        before = ds.count("completions")
        assert ds.import_xapi(json.dumps([statement(sid)])).added == 1
        assert ("completions", sid) in ds
        lines = "\n".join(json.dumps(s) for s in [
            void("22222222-0000-4000-8000-000000000002", sid),
            void("22222222-0000-4000-8000-000000000003", "no-such-statement")])
        r = ds.import_xapi(lines.encode("utf-8"))
        assert (r.added, r.removed, r.skipped, r.rejected) == (0, 1, 1, 0)
        assert ("completions", sid) not in ds
        assert ds.count("completions") == before
        # The dataset is sealed again: reports run on what is left.
        assert ds.compliance(as_of=AS_OF).to_dict()


def test_rejected_statements_are_reported_and_kept():
    bad = statement("33333333-0000-4000-8000-000000000002", staff="NOBODY")
    stmts = [statement("33333333-0000-4000-8000-000000000001", verb="experienced"), bad,
             statement("33333333-0000-4000-8000-000000000003", scaled=0.5)]
    with libcare.Dataset.load(SAMPLE) as ds:
        before = ds.count("completions")
        r = ds.import_xapi(json.dumps(stmts))
        assert (r.added, r.skipped, r.rejected) == (0, 1, 2)
        assert r.rejects == [bad, stmts[2]]
        assert [(i.code, i.kind, i.index) for i in r.issues] == [
            ("dangling-ref", "completion", 1), ("score-below-pass-mark", "completion", 2)]
        assert r.to_dict()["issues"][0]["field"] == "actor.account.name"
        assert ds.count("completions") == before


def test_statements_that_are_not_json_raise_and_change_nothing():
    with libcare.Dataset.load(SAMPLE) as ds:
        dump = ds.dumps()
        with pytest.raises(libcare.ParseError) as err:
            ds.import_xapi('[{"id": "x", ')
        assert "JSON array" in str(err.value)
        assert err.value.code == libcare.libcare_c.CARE_ESYNTAX
        assert [i.code for i in err.value.issues] == ["syntax"]
        assert ds.dumps() == dump
        assert ds.compliance(as_of=AS_OF).to_dict()


def test_import_xapi_arguments(tmp_path):
    with libcare.Dataset.load(SAMPLE) as ds:
        with pytest.raises(libcare.FileError):
            ds.import_xapi(tmp_path / "absent.json")
        with pytest.raises(libcare.UsageError):
            ds.import_xapi(42)
        assert ds.import_xapi("").added == 0
    with pytest.raises(libcare.UsageError):
        ds.import_xapi("[]")
