"""Whatever it is given, no call crashes the interpreter: bad input raises libcare.Error."""

import datetime
import subprocess
import sys
import textwrap

import pytest

import libcare

D = datetime.date
AS_OF = D(2026, 3, 31)
HUGE = 2 ** 70
BAD_VALUES = [None, "", "2026-02-30", 20260331, -1, HUGE, -HUGE, 3.5, float("nan"), b"x",
              [], {}, object(), D.min, D.max, "\0", "\ud800"]


@pytest.fixture()
def ds(small_path):
    with libcare.Dataset.load(small_path) as d:
        yield d


def _calls(ds):
    """(name, callable taking one hostile value) pairs covering the public surface."""
    return [
        ("load", lambda v: libcare.Dataset.load(v)),
        ("load strict", lambda v: libcare.Dataset.load(v, strict=v)),
        ("loads", lambda v: libcare.Dataset.loads(v)),
        ("from_records units", lambda v: libcare.Dataset.from_records(units=v)),
        ("from_records unit", lambda v: libcare.Dataset.from_records(units=[{"id": v}])),
        ("from_records extracted_on", lambda v: libcare.Dataset.from_records(extracted_on=v)),
        ("count", lambda v: ds.count(v)),
        ("rejected_count", lambda v: ds.rejected_count(v)),
        ("ids", lambda v: ds.ids(v)),
        ("contains", lambda v: (v, v) in ds),
        ("save", lambda v: ds.save(v)),
        ("save_rejects", lambda v: ds.save_rejects(v)),
        ("compliance as_of", lambda v: ds.compliance(as_of=v)),
        ("compliance by", lambda v: ds.compliance(as_of=AS_OF, by=v)),
        ("compliance unit", lambda v: ds.compliance(as_of=AS_OF, unit=v)),
        ("compliance role", lambda v: ds.compliance(as_of=AS_OF, role=v)),
        ("compliance staff_group", lambda v: ds.compliance(as_of=AS_OF, staff_group=v)),
        ("compliance patient_facing", lambda v: ds.compliance(as_of=AS_OF, patient_facing=v)),
        ("compliance due_soon_days", lambda v: ds.compliance(as_of=AS_OF, due_soon_days=v)),
        ("compliance min_cell", lambda v: ds.compliance(as_of=AS_OF, min_cell=v)),
        ("compliance threads", lambda v: ds.compliance(as_of=AS_OF, threads=v)),
        ("trend from", lambda v: ds.trend(from_=v, to=AS_OF)),
        ("trend to", lambda v: ds.trend(from_=AS_OF, to=v)),
        ("staff status", lambda v: ds.staff(as_of=AS_OF, status=v)),
        ("staff competency", lambda v: ds.staff(as_of=AS_OF, competency=v)),
        ("outcomes competency", lambda v: ds.outcomes(competency=v, from_=AS_OF, to=AS_OF)),
        ("outcomes min_cell", lambda v: ds.outcomes(competency="x", from_=AS_OF, to=AS_OF,
                                                    min_cell=v)),
        ("complaints from", lambda v: ds.complaints(from_=v, to=AS_OF)),
        ("forecast target", lambda v: ds.forecast(as_of=AS_OF, target=v)),
        ("forecast target_percent", lambda v: ds.forecast(as_of=AS_OF, target=D(2027, 1, 1),
                                                          target_percent=v)),
        ("status staff", lambda v: ds.status(v, "customer-care", AS_OF)),
        ("status competency", lambda v: ds.status("S1", v, AS_OF)),
        ("status as_of", lambda v: ds.status("S1", "customer-care", v)),
        ("status due_soon_days", lambda v: ds.status("S1", "customer-care", AS_OF, v)),
        ("add_unit id", lambda v: ds.add_unit(id=v, name="x")),
        ("add_unit parent", lambda v: ds.add_unit(id="NEW", name="x", parent=v)),
        ("add_role staff_group", lambda v: ds.add_role(id="R2", title="t", staff_group=v,
                                                       patient_facing=True, clinical=False)),
        ("add_role requirements", lambda v: ds.add_role(id="R3", title="t",
                                                        staff_group="admin-clerical",
                                                        patient_facing=True, clinical=False,
                                                        requirements=v)),
        ("add_role requirement days", lambda v: ds.add_role(
            id="R4", title="t", staff_group="admin-clerical", patient_facing=True,
            clinical=False, requirements=[("cc", v)])),
        ("add_module validity", lambda v: ds.add_module(id="M9", title="t", validity_months=v,
                                                        delivery="workshop")),
        ("add_module cost", lambda v: ds.add_module(id="M8", title="t", validity_months=1,
                                                    delivery="workshop", cost_pence=v)),
        ("add_module pass_mark", lambda v: ds.add_module(id="M7", title="t", validity_months=1,
                                                         delivery="workshop", pass_mark=v)),
        ("add_staff started_on", lambda v: ds.add_staff(id="SX", started_on=v)),
        ("add_staff assignments", lambda v: ds.add_staff(id="SY", started_on=AS_OF,
                                                         assignments=v)),
        ("add_staff assignment", lambda v: ds.add_staff(id="SZ", started_on=AS_OF,
                                                        assignments=[v])),
        ("add_completion", lambda v: ds.add_completion(staff="S1", module="CC-E",
                                                       completed_on=v, outcome="passed")),
        ("add_completion score", lambda v: ds.add_completion(staff="S1", module="CC-E",
                                                             completed_on=AS_OF,
                                                             outcome="passed", score=v)),
        ("add_interaction at", lambda v: ds.add_interaction(id="IX", staff="S1", at=v,
                                                            channel="phone", kind="booking",
                                                            outcome="resolved")),
        ("add_interaction duration", lambda v: ds.add_interaction(
            id="IY", staff="S1", at="2026-03-01T10:00:00Z", channel="phone", kind="booking",
            outcome="resolved", duration_seconds=v)),
        ("add_interaction specialty", lambda v: ds.add_interaction(
            id="IZ", staff="S1", at="2026-03-01T10:00:00Z", channel="phone", kind="booking",
            outcome="resolved", specialty=v)),
        ("add_complaint subjects", lambda v: ds.add_complaint(id="KX", received_on=AS_OF,
                                                              subjects=v)),
        ("add_complaint staff", lambda v: ds.add_complaint(id="KY", received_on=AS_OF,
                                                           subjects=["other"], staff=v)),
        ("add_many", lambda v: ds.add_many(v, v)),
        ("set_header", lambda v: ds.set_header(ods_code=v, name=v, extracted_on=v)),
        ("add_non_working_day", lambda v: ds.add_non_working_day(v)),
        ("validate_record", lambda v: libcare.validate_record(v, v)),
        ("validate_record staff", lambda v: libcare.validate_record("staff", v)),
        ("working_days", lambda v: libcare.working_days(v, v, [v])),
        ("is_bank_holiday", lambda v: libcare.is_bank_holiday(v)),
        ("completion_id", lambda v: libcare.completion_id(v, v, v, v)),
    ]


def test_hostile_table(ds, tmp_path, monkeypatch):
    """Every call with every hostile value either works or raises libcare.Error."""
    monkeypatch.chdir(tmp_path)  # save("x") writes here
    outcomes = {}
    for name, call in _calls(ds):
        for value in BAD_VALUES:
            try:
                call(value)
                outcomes[name, repr(value)] = "ok"
            except libcare.Error as e:
                outcomes[name, repr(value)] = type(e).__name__
                assert str(e), (name, value)
            except Exception as e:  # pragma: no cover - the assertion names the culprit
                pytest.fail("%s(%r) raised %s: %s, not a libcare.Error"
                            % (name, value, type(e).__name__, e))
    # None where a value is needed, and numbers out of range, are usage errors.
    assert outcomes["compliance as_of", "None"] == "UsageError"
    assert outcomes["compliance min_cell", repr(HUGE)] == "UsageError"
    assert outcomes["compliance min_cell", "-1"] == "UsageError"
    assert outcomes["count", repr("")] == "UsageError"
    assert outcomes["status staff", "None"] == "UsageError"
    assert outcomes["compliance unit", "''"] in ("NotFoundError", "UsageError")
    # A date outside 1900-01-01..2199-12-31 in a record is the data's problem: bad-date.
    assert outcomes["add_staff started_on", repr(D.min)] == "ValidationError"


def test_unknown_filter_ids_are_not_found(ds):
    with pytest.raises(libcare.NotFoundError):
        ds.compliance(as_of=AS_OF, unit="NO-SUCH-UNIT")
    with pytest.raises(libcare.NotFoundError):
        ds.compliance(as_of=AS_OF, role="NO-SUCH-ROLE")
    # A rejected unit is as absent as a missing one.
    with pytest.raises(libcare.NotFoundError):
        ds.compliance(as_of=AS_OF, unit="LOOP1")


def test_hostile_raw_layer_never_crashes():
    """The generated module refuses None handles instead of passing NULL to C."""
    from libcare import libcare_c as c
    for fn, args in [(c.care_dataset_count, (None, 1)), (c.care_dataset_dump, (None,)),
                     (c.care_report_to_json, (None,)), (c.care_report_new, (0, None, {})),
                     (c.care_py_rejected, (None, 1)),
                     (c.care_dataset_load_buffer, (None, False)),
                     (c.care_report_new, (0, None, None))]:
        with pytest.raises((TypeError, ValueError, libcare.Error)):
            fn(*args)
    # NULL is a valid "no issues" list for the library: an empty report, not a crash.
    assert '"issues":[]' in c.care_issues_to_json(None)


def test_use_after_close_in_a_subprocess_does_not_crash(small_path):
    """Belt and braces: a fresh interpreter doing everything wrong exits normally."""
    code = textwrap.dedent("""
        import datetime, gc, libcare
        ds = libcare.Dataset.load(%r)
        issues = ds.issues
        r = ds.compliance(as_of=datetime.date(2026, 3, 31))
        ds.close(); ds.close()
        for f in (ds.dumps, ds.counts, lambda: ds.rejected, lambda: ds.trend(
                start=datetime.date(2025, 1, 1), end=datetime.date(2026, 1, 1))):
            try:
                f()
            except libcare.UsageError:
                pass
        del ds; gc.collect()
        print(len(issues), r.to_dict()["report"], r.to_csv()[:1] != "")
    """ % str(small_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[1:] == ["compliance", "True"]
