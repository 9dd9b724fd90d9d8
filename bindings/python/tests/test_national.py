"""National runs (docs/national.md): reports pickle and merge after travelling; the Dask run on
a LocalCluster equals the single-process merge and the report over the union of the trusts'
records; a broken trust file is reported by name while the rest still merge.

The trusts are made by `care-gen --trusts N --staff M --out-dir DIR` (CTest passes CARE_GEN);
without it the tests that need them skip."""

import datetime
import json
import os
import pickle
import shutil
import subprocess

import pytest

import libcare
from libcare import national

AS_OF = datetime.date(2026, 3, 31)
TRUSTS, STAFF = 4, 200


@pytest.fixture(scope="module")
def trusts_dir(tmp_path_factory):
    gen = os.environ.get("CARE_GEN") or shutil.which("care-gen")
    if not gen or not os.path.exists(gen):
        pytest.skip("CARE_GEN is not set: care-gen is not built")
    out = tmp_path_factory.mktemp("trusts")
    subprocess.run([gen, "--trusts", str(TRUSTS), "--staff", str(STAFF), "--out-dir", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def paths(trusts_dir):
    found = national.dataset_paths(trusts_dir)
    assert [os.path.basename(p) for p in found] == ["R%03d.json" % i for i in range(TRUSTS)]
    return found


def union_dataset(paths):
    """Every trust's records in one dataset: units, staff and records of all (their ids carry
    the trust's code), the shared catalogue of roles and modules once."""
    docs = [json.load(open(p, encoding="utf-8")) for p in paths]
    out = {"format": "libcare-dataset", "version": 1,
           "organisation": {"ods_code": "ALL", "name": "All the trusts"},
           "extracted_on": docs[0]["extracted_on"],
           "extra_non_working_days": sorted({d for doc in docs
                                             for d in doc.get("extra_non_working_days", [])})}
    for name in ("roles", "modules"):
        assert all(doc[name] == docs[0][name] for doc in docs)  # one catalogue
        out[name] = docs[0][name]
    for name in ("units", "staff", "completions", "interactions", "complaints"):
        out[name] = [rec for doc in docs for rec in doc.get(name, [])]
        ids = [rec["id"] for rec in out[name] if "id" in rec]
        assert len(ids) == len(set(ids)), name  # no id is shared by two trusts
    ds = libcare.Dataset.loads(json.dumps(out))
    assert len(ds.issues) == 0
    return ds


def unqualified(d):
    """A report's dict with the "ODS:" qualification taken off its group keys."""
    d = json.loads(json.dumps(d))
    for g in d.get("groups", []):
        g["key"] = g["key"].split(":", 1)[1]
    return d


# ---- reports that travel ----


def every_kind(ds):
    yield ds.compliance(as_of=AS_OF, by="unit")
    yield ds.compliance(as_of=AS_OF, by="organisation", min_cell=5)
    yield ds.trend(from_=datetime.date(2025, 1, 1), to=AS_OF)
    yield ds.staff(as_of=AS_OF, status="overdue")
    yield ds.outcomes("customer-care", from_=datetime.date(2025, 1, 1), to=AS_OF)
    yield ds.complaints(from_=datetime.date(2025, 1, 1), to=AS_OF)
    yield ds.forecast(as_of=AS_OF, target=datetime.date(2026, 12, 31), target_percent=90)


def test_every_report_pickles_and_merges(paths):
    with libcare.Dataset.load(paths[0]) as a, libcare.Dataset.load(paths[1]) as b:
        for ra, rb in zip(every_kind(a), every_kind(b)):
            back = pickle.loads(pickle.dumps(ra))
            assert type(back) is type(ra)
            assert back.to_dict() == ra.to_dict()
            assert back.ods_code == "R000"
            expected = pickle.loads(pickle.dumps(ra)).merge(rb).to_dict()
            assert back.merge(pickle.loads(pickle.dumps(rb))).to_dict() == expected
            assert back.ods_code is None  # two organisations now


def test_damaged_bytes_are_a_parse_error(paths):
    with libcare.Dataset.load(paths[0]) as ds:
        data = ds.compliance(as_of=AS_OF).to_bytes()
    with pytest.raises(libcare.ParseError, match="truncated"):
        libcare.from_bytes(data[:-1])
    with pytest.raises(libcare.ParseError, match="checksum"):
        libcare.from_bytes(data[:40] + bytes([data[40] ^ 1]) + data[41:])
    with pytest.raises(libcare.UsageError):
        libcare.from_bytes("not bytes")


# ---- the national run ----


def test_serial_merge_equals_union(paths):
    union = union_dataset(paths)
    for by in (None, "staff-group", "competency"):
        merged = national.run_serial(paths, as_of=AS_OF, by=by)
        assert merged.failed == {}
        assert merged.to_dict() == union.compliance(as_of=AS_OF, by=by).to_dict()
    merged = national.run_serial(paths, as_of=AS_OF, by="unit")
    keys = [g.key for g in merged.groups]
    assert all(k.split(":")[0] == k.split(":")[1].split("-")[0] for k in keys)  # R000:R000-..
    assert unqualified(merged.to_dict()) == union.compliance(as_of=AS_OF, by="unit").to_dict()
    for kind, opts in (("trend", {"from_": datetime.date(2025, 10, 1), "to": AS_OF}),
                       ("complaints", {"from_": datetime.date(2025, 1, 1), "to": AS_OF}),
                       ("forecast", {"as_of": AS_OF, "target": datetime.date(2026, 9, 30)})):
        merged = national.run_serial(paths, kind, **opts)
        assert merged.to_dict() == getattr(union, kind)(**opts).to_dict(), kind


def test_by_organisation_is_each_trusts_totals(paths):
    merged = national.run_serial(paths, as_of=AS_OF, by="organisation")
    assert [g.key for g in merged.groups] == ["R%03d" % i for i in range(TRUSTS)]
    for g, p in zip(merged.groups, paths):
        with libcare.Dataset.load(p) as ds:
            alone = ds.compliance(as_of=AS_OF)
        assert g.label == "Synthetic Trust %s NHS Trust" % g.key[1:]
        assert g.to_dict()["competencies"] == alone.to_dict()["totals"]["competencies"]
        assert (g.staff_required, g.staff_compliant) == (alone.totals.staff_required,
                                                         alone.totals.staff_compliant)


def test_local_process_pool(paths, tmp_path):
    pytest.importorskip("dask")
    result = national.run(str(paths[0].rsplit("/", 1)[0]) + "/R00[01].json", as_of=AS_OF,
                          by="organisation", workers=2, progress=False)
    assert [g.key for g in result.groups] == ["R000", "R001"]
    with pytest.raises(libcare.UsageError, match="no trust"):
        national.run_serial([str(tmp_path / "none.json")], as_of=AS_OF)


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_equals_serial_and_union(paths, client):
    result = national.run(paths, as_of=AS_OF, by="unit", client=client, progress=False,
                          split_every=2)
    assert result.failed == {}
    assert result.trusts == paths
    serial = national.run_serial(paths, as_of=AS_OF, by="unit")
    assert result.to_dict() == serial.to_dict()
    union = union_dataset(paths)
    assert unqualified(result.to_dict()) == union.compliance(as_of=AS_OF, by="unit").to_dict()
    totals = national.run(paths, as_of=AS_OF, client=client, progress=False)
    assert totals.to_dict() == union.compliance(as_of=AS_OF).to_dict()


def test_a_broken_trust_is_reported_and_the_rest_merge(paths, client, tmp_path):
    broken = tmp_path / "R999.json"
    broken.write_text('{"format":"libcare-dataset","version":1,"units":[')
    missing = str(tmp_path / "R998.json")
    result = national.run(paths + [str(broken), missing], as_of=AS_OF, client=client,
                          progress=False)
    assert sorted(result.failed) == sorted([str(broken), missing])
    assert "ParseError" in result.failed[str(broken)]
    assert "FileError" in result.failed[missing]
    assert result.trusts == paths
    assert result.to_dict() == national.run_serial(paths, as_of=AS_OF).to_dict()
