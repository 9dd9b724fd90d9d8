"""Building datasets from Python: record by record, and in bulk."""

import datetime
import json
import time

import pytest

import libcare

D = datetime.date


def _small_by_hand():
    ds = libcare.Dataset()
    ds.set_header(ods_code="RXX", name="Small Test NHS Trust", extracted_on=D(2026, 3, 31))
    ds.add_non_working_day(D(2026, 12, 29))
    assert ds.add_unit(id="OPS", name="Operations") == []
    ds.add_unit(id="PA", name="Patient Access", parent="OPS")
    ds.add_role(id="REC", title="Receptionist", staff_group="admin-clerical",
                patient_facing=True, clinical=False,
                requirements=[{"competency": "customer-care", "due_within_days": 90}])
    ds.add_module(id="CC-E", title="Customer care e-learning", competency="customer-care",
                  validity_months=12, delivery="e-learning", pass_mark=80, cost_pence=0)
    ds.add_module(id="CC-W", title="Customer care workshop", competency="customer-care",
                  validity_months=36, delivery="workshop", duration_minutes=90,
                  cost_pence=4500, provider="Trust L&D")
    ds.add_staff(id="S1", started_on=D(2020, 1, 6),
                 assignments=[{"role": "REC", "unit": "PA", "from": D(2020, 1, 6)}])
    ds.add_staff(id="S2", started_on=D(2021, 5, 1), left_on=D(2025, 12, 31),
                 assignments=[{"role": "REC", "unit": "PA", "from": D(2021, 5, 1),
                               "to": D(2025, 12, 31)}],
                 exemptions=[{"competency": "customer-care", "from": D(2022, 1, 1),
                              "to": D(2022, 6, 30), "reason": "maternity leave"}])
    ds.add_completion(staff="S1", module="CC-E", completed_on=D(2025, 1, 31),
                      outcome="passed", score=91.5, source="esr")
    ds.add_completion(id="C2", staff="S2", module="CC-W", completed_on=D(2024, 2, 29),
                      outcome="completed")
    ds.add_interaction(id="I1", staff="S1", at="2026-03-29T00:30:00+01:00", channel="phone",
                       kind="booking", outcome="resolved", duration_seconds=240,
                       patient_ref="P-3F2A91", specialty="110")
    ds.add_interaction(id="I2", staff="S1",
                       at=datetime.datetime(2026, 3, 30, 9, 15, tzinfo=datetime.timezone.utc),
                       channel="in-person", kind="enquiry", outcome="escalated")
    ds.add_complaint(id="K1", received_on=D(2026, 3, 2), acknowledged_on=D(2026, 3, 4),
                     closed_on=D(2026, 3, 20), subjects=["communications", "appointments"],
                     outcome="upheld", staff=["S1"], interaction="I1")
    return ds


def test_build_record_by_record_matches_the_loaded_file(small_path):
    with _small_by_hand() as built, libcare.Dataset.load(small_path) as loaded:
        assert built.counts() == loaded.counts()
        as_of = D(2026, 3, 31)
        assert (built.compliance(as_of=as_of, by="unit").to_dict()
                == loaded.compliance(as_of=as_of, by="unit").to_dict())
        assert (built.complaints(from_=D(2026, 3, 1), to=as_of).to_dict()
                == loaded.complaints(from_=D(2026, 3, 1), to=as_of).to_dict())
        # The canonical text round-trips through the loader.
        with libcare.Dataset.loads(built.dumps(), strict=True) as again:
            assert again.dumps() == built.dumps()


def test_add_rejects_with_validation_error():
    with libcare.Dataset() as ds:
        ds.add_unit(id="OPS", name="Operations")
        with pytest.raises(libcare.ValidationError) as info:
            ds.add_unit(id="PA", name="Patient Access", parent="NOPE")
        assert [i.code for i in info.value.issues] == ["dangling-ref"]
        assert info.value.issues[0].field == "parent"
        with pytest.raises(libcare.ValidationError) as info:
            ds.add_unit(id="bad id", name="x")
        assert "bad-id" in {i.code for i in info.value.issues}
        with pytest.raises(libcare.ValidationError) as info:
            ds.add_role(id="R", title="t", staff_group="no-such-group", patient_facing=True,
                        clinical=False)
        assert "bad-enum" in {i.code for i in info.value.issues}
        with pytest.raises(libcare.ValidationError) as info:
            ds.add_staff(id="S", started_on=D(1850, 1, 1))
        assert "bad-date" in {i.code for i in info.value.issues}
        with pytest.raises(libcare.ValidationError) as info:
            ds.add_complaint(id="K", received_on=D(2026, 1, 1), subjects=["grumbling"])
        assert info.value.issues[0].code == "bad-enum"
        assert ds.count("units") == 1


def test_add_returns_warnings():
    with libcare.Dataset() as ds:
        ds.set_header(extracted_on=D(2026, 3, 31))
        ds.add_unit(id="OPS", name="Operations")
        ds.add_role(id="R", title="t", staff_group="admin-clerical", patient_facing=True,
                    clinical=False, requirements=[("cc", 30)])
        warnings = ds.add_staff(id="S", started_on=D(2027, 1, 1),
                                assignments=[{"role": "R", "unit": "OPS",
                                              "from": D(2027, 1, 1)}])
        assert warnings and {w.code for w in warnings} == {"after-extract"}
        assert all(w.severity == "warning" for w in warnings)
        assert ds.count("staff") == 1


def _bulk_records(n_staff=500, per_person=10):
    units = [{"id": "OPS", "name": "Operations"}] + [
        {"id": "U%02d" % i, "name": "Unit %d" % i, "parent": "OPS"} for i in range(10)]
    roles = [{"id": "REC", "title": "Receptionist", "staff_group": "admin-clerical",
              "patient_facing": True, "clinical": False,
              "requirements": [{"competency": "cc", "due_within_days": 90},
                               {"competency": "ers", "due_within_days": 180}]}]
    modules = [{"id": "CC", "title": "Customer care", "competency": "cc", "validity_months": 12,
                "delivery": "e-learning", "cost_pence": 1200},
               {"id": "ERS", "title": "e-RS", "competency": "ers", "validity_months": 36,
                "delivery": "virtual"}]
    staff = [{"id": "S%05d" % i, "started_on": D(2018, 1, 1) + datetime.timedelta(days=i),
              "assignments": [{"role": "REC", "unit": "U%02d" % (i % 10),
                               "from": D(2018, 1, 1) + datetime.timedelta(days=i)}]}
             for i in range(n_staff)]
    completions = []
    for i in range(n_staff):
        for k in range(per_person):
            completions.append({
                "staff": "S%05d" % i, "module": "CC" if k % 2 else "ERS",
                "completed_on": D(2020, 1, 1) + datetime.timedelta(days=(i * 7 + k * 97) % 2000),
                "outcome": "failed" if (i + k) % 11 == 0 else "passed"})
    return units, roles, modules, staff, completions


def test_from_records_bulk_5000_completions():
    units, roles, modules, staff, completions = _bulk_records()
    assert len(completions) == 5000
    t0 = time.perf_counter()
    ds = libcare.Dataset.from_records(units=units, roles=roles, modules=modules, staff=staff,
                                      completions=completions, extracted_on=D(2026, 3, 31))
    elapsed = time.perf_counter() - t0
    with ds:
        assert ds.counts()["completions"] == 5000
        assert ds.count("staff") == 500
        assert [i for i in ds.issues if i.severity == "error"] == []
        report = ds.compliance(as_of=D(2026, 3, 31), by="unit")
        assert len(report.groups) == 11
        assert report.totals["cc"].required == 500
    # One crossing for everything: far below a millisecond per record.
    assert elapsed < 5.0


def test_from_records_equals_loading_the_same_file(small_path):
    data = json.loads(small_path.read_text())
    with libcare.Dataset.from_records(
            units=data["units"], roles=data["roles"], modules=data["modules"],
            staff=data["staff"], completions=data["completions"],
            interactions=data["interactions"], complaints=data["complaints"],
            organisation=data["organisation"], extracted_on=D(2026, 3, 31),
            extra_non_working_days=[D(2026, 12, 29)]) as built, \
            libcare.Dataset.load(small_path) as loaded:
        assert built.dumps() == loaded.dumps()
        assert built.issues == loaded.issues
        assert built.rejected == loaded.rejected


def test_from_records_with_dataframes():
    pd = pytest.importorskip("pandas")
    units, roles, modules, staff, completions = _bulk_records(50, 4)
    frame = pd.DataFrame(completions)
    frame["completed_on"] = pd.to_datetime(frame["completed_on"])
    frame["score"] = float("nan")  # missing optional numbers are fine
    with libcare.Dataset.from_records(units=pd.DataFrame(units), roles=roles, modules=modules,
                                      staff=staff, completions=frame) as a, \
            libcare.Dataset.from_records(units=units, roles=roles, modules=modules,
                                         staff=staff, completions=completions) as b:
        assert a.dumps() == b.dumps()


def test_from_records_rejects_nan_in_lists_with_usage_error():
    with pytest.raises(libcare.UsageError):
        libcare.Dataset.from_records(units=[{"id": "A", "name": float("nan")}])
    with pytest.raises(libcare.UsageError):
        libcare.Dataset.from_records(units="not a list")


def test_add_many_list_and_frame():
    units, roles, modules, staff, completions = _bulk_records(20, 2)
    with libcare.Dataset() as ds:
        ds.add_many("units", units)
        ds.add_many("roles", roles)
        ds.add_many("modules", modules)
        ds.add_many("staff", staff)
        completions.append({"staff": "NOBODY", "module": "CC", "completed_on": D(2025, 1, 1),
                            "outcome": "passed"})
        issues = ds.add_many("completions", completions)
        assert [i.code for i in issues] == ["dangling-ref"]
        assert ds.count("completions") == 40
        with pytest.raises(libcare.ValidationError):
            ds.add_many("completions", completions[-1:], strict=True)
        with pytest.raises(libcare.UsageError):
            ds.add_many("units", [{"id": "X", "name": "x", "colour": "blue"}])
    pd = pytest.importorskip("pandas")
    with libcare.Dataset() as ds:
        ds.add_many("units", pd.DataFrame(units))
        assert ds.count("units") == len(units)
