"""Reports: shapes, rows, conversions, and equality with `care --format json`."""

import csv
import datetime
import io
import json
import subprocess

import pytest

import libcare

D = datetime.date


def _care(cli, *args):
    proc = subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _some_competency(ds, as_of):
    rows = ds.compliance(as_of=as_of).totals.competencies
    return rows[0].competency if rows else "customer-care"


def _year_before(d):
    return D(d.year - 1, d.month, 1)


# -- equality with the command-line program --------------------------------------------------

@pytest.mark.parametrize("by", [None, "unit", "role", "staff-group", "competency"])
def test_compliance_equals_cli(care_cli, sample_path, sample, as_of, by):
    args = ["report", sample_path, "--as-of", as_of, "--format", "json"]
    if by:
        args += ["--by", by]
    assert sample.compliance(as_of=as_of, by=by).to_dict() == _care(care_cli, *args)


def test_compliance_filters_equal_cli(care_cli, sample_path, sample, as_of):
    report = sample.compliance(as_of=as_of, by="unit", patient_facing=True, min_cell=5,
                               due_soon_days=60)
    assert report.to_dict() == _care(care_cli, "report", sample_path, "--as-of", as_of,
                                     "--by", "unit", "--patient-facing", "--min-cell", 5,
                                     "--due-soon-days", 60, "--format", "json")


def test_trend_equals_cli(care_cli, sample_path, sample, as_of):
    start = _year_before(as_of)
    assert sample.trend(from_=start, to=as_of).to_dict() == _care(
        care_cli, "trend", sample_path, "--from", start, "--to", as_of, "--format", "json")


def test_staff_equals_cli(care_cli, sample_path, sample, as_of):
    assert sample.staff(as_of=as_of).to_dict() == _care(
        care_cli, "staff", sample_path, "--as-of", as_of, "--format", "json")
    assert sample.staff(as_of=as_of, status="overdue").to_dict() == _care(
        care_cli, "staff", sample_path, "--as-of", as_of, "--status", "overdue",
        "--format", "json")


def test_outcomes_equals_cli(care_cli, sample_path, sample, as_of):
    comp = _some_competency(sample, as_of)
    start = _year_before(as_of)
    assert sample.outcomes(competency=comp, from_=start, to=as_of).to_dict() == _care(
        care_cli, "outcomes", sample_path, "--competency", comp, "--from", start, "--to",
        as_of, "--format", "json")


def test_complaints_equals_cli(care_cli, sample_path, sample, as_of):
    start = _year_before(as_of)
    assert sample.complaints(from_=start, to=as_of).to_dict() == _care(
        care_cli, "complaints", sample_path, "--from", start, "--to", as_of, "--format", "json")


def test_forecast_equals_cli(care_cli, sample_path, sample, as_of):
    target = D(as_of.year + 1, as_of.month, 1)
    assert sample.forecast(as_of=as_of, target=target, target_percent=90).to_dict() == _care(
        care_cli, "forecast", sample_path, "--as-of", as_of, "--target", target,
        "--target-percent", 90, "--format", "json")


# -- shapes and conversions (no CLI needed) ---------------------------------------------------

def test_compliance_report_object(small_path):
    with libcare.Dataset.load(small_path) as ds:
        r = ds.compliance(as_of=D(2026, 3, 31), by="unit")
    d = r.to_dict()
    assert d["report"] == "compliance" and d["as_of"] == "2026-03-31"
    assert d["group_by"] == "unit"
    assert d["filters"] == {"unit": None, "role": None, "staff_group": None,
                            "patient_facing": False, "competency": None, "manager": None,
                            "all_reports": False}
    assert r.as_of == D(2026, 3, 31)
    assert [g.key for g in r.groups] == ["OPS", "PA"]
    assert r.group("PA").label == "Patient Access"
    # S1 is the only one employed on the as-of date: compliant until 2026-01-31? No: the
    # e-learning lasts 12 months from 2025-01-31, so S1 is overdue.
    row = r.totals["customer-care"]
    assert (row.required, row.compliant, row.overdue) == (1, 0, 1)
    assert row.rate == 0.0
    rows = list(r)
    assert len(rows) == len(r) == 2
    assert rows[0].key == "OPS" and rows[0].label == "Operations"
    assert rows[0].to_dict() == d["groups"][0]["competencies"][0]
    assert "ComplianceReport" in repr(r) and "customer-care" in repr(r)
    assert json.loads(r.to_json()) == d
    assert r.to_dict() is not r.to_dict()  # a fresh copy each time


def test_csv_where_the_c_api_has_it(small_path):
    with libcare.Dataset.load(small_path) as ds:
        for report in (ds.compliance(as_of=D(2026, 3, 31), by="unit"),
                       ds.trend(from_=D(2025, 1, 1), to=D(2026, 3, 31)),
                       ds.staff(as_of=D(2026, 3, 31)),
                       ds.forecast(as_of=D(2026, 3, 31), target=D(2026, 12, 31))):
            table = list(csv.reader(io.StringIO(report.to_csv())))
            assert len(table) >= 2, report
        with pytest.raises(libcare.UsageError):
            ds.complaints(from_=D(2026, 1, 1), to=D(2026, 3, 31)).to_csv()


def test_trend_points_and_aliases(small_path):
    with libcare.Dataset.load(small_path) as ds:
        a = ds.trend(from_=D(2025, 1, 1), to=D(2025, 12, 31))
        b = ds.trend(start=D(2025, 1, 1), end=D(2025, 12, 31))
        c = ds.trend(**{"from": D(2025, 1, 1), "to": D(2025, 12, 31)})
        assert a.to_dict() == b.to_dict() == c.to_dict()
        assert [p.as_of.month for p in a.points] == list(range(1, 13))
        assert all((p.as_of + datetime.timedelta(days=1)).day == 1 for p in a.points)
        assert a.from_ == D(2025, 1, 1)
        assert all(row.as_of.month in range(1, 13) for row in a)
        with pytest.raises(libcare.UsageError):
            ds.trend(from_=D(2026, 1, 1), to=D(2025, 1, 1))
        with pytest.raises(libcare.UsageError):
            ds.trend(from_=D(2025, 1, 1), start=D(2025, 1, 1), to=D(2026, 1, 1))


def test_staff_rows_have_dates(small_path):
    with libcare.Dataset.load(small_path) as ds:
        r = ds.staff(as_of=D(2026, 3, 31))
    rows = list(r)
    assert [(x.staff, x.competency, x.status) for x in rows] == [
        ("S1", "customer-care", "overdue")]
    assert rows[0].overdue_since == D(2026, 1, 31)
    assert rows[0]["overdue_since"] == D(2026, 1, 31)
    assert rows[0].to_dict()["overdue_since"] == "2026-01-31"
    assert rows[0].units == ["PA"] and rows[0].roles == ["REC"]
    assert "overdue" in repr(r)


def test_status(small_path):
    with libcare.Dataset.load(small_path) as ds:
        st = ds.status("S1", "customer-care", D(2025, 6, 30))
        assert st.status == "compliant" and st.expires_on == D(2026, 1, 31)
        assert st.period_start == D(2020, 1, 6)
        st = ds.status("S1", "customer-care", D(2026, 1, 10), due_soon_days=30)
        assert st.status == "compliant" and st.expiring
        assert ds.status("S1", "customer-care", D(2026, 3, 31)).status == "overdue"
        assert ds.status("S1", "no-such-competency", D(2026, 3, 31)).status == "not-required"
        assert ds.status("S2", "customer-care", D(2022, 3, 1)).status == "exempt"
        with pytest.raises(libcare.NotFoundError):
            ds.status("NOBODY", "customer-care", D(2026, 3, 31))
        assert "Status(" in repr(st)


def test_outcomes_and_complaints_objects(small_path):
    with libcare.Dataset.load(small_path) as ds:
        o = ds.outcomes(competency="customer-care", from_=D(2026, 3, 1), to=D(2026, 3, 31))
        k = ds.complaints(from_=D(2026, 3, 1), to=D(2026, 3, 31))
    assert o.trained.interactions + o.untrained.interactions == 2
    assert set(o.channels) == set(libcare._util.CHANNELS)
    assert [row.group for row in o] == ["trained", "untrained"]
    assert o.to_dict()["report"] == "outcomes"
    assert k.received == 1  # K2 was rejected with S3
    assert k.acknowledged_in_3_days == 1
    assert k.by_subject["communications"] == 1 and k.by_subject["waiting-times"] == 0
    assert k.by_outcome["upheld"] == 1 and "open" in k.by_outcome
    assert len(list(k)) == len(libcare._util.SUBJECTS)
    assert "ComplaintsReport" in repr(k) and "OutcomesReport" in repr(o)


def test_forecast_object(small_path):
    with libcare.Dataset.load(small_path) as ds:
        f = ds.forecast(as_of=D(2026, 3, 31), target=D(2026, 12, 31), target_percent=100)
    (row,) = list(f)
    assert row.competency == "customer-care" and row.required == 1
    assert row.projected_compliant == 0 and row.places == 1 and row.places_for_target == 1
    assert row.unit_cost_pence == 0 and f.total_cost_pence == 0
    assert f.target == D(2026, 12, 31) and f.target_percent == 100


def test_suppression_gives_none(small_path):
    with libcare.Dataset.load(small_path) as ds:
        r = ds.compliance(as_of=D(2026, 3, 31), min_cell=5)
    row = r.totals["customer-care"]
    assert row.required is None and row.rate is None


def test_to_pandas(small_path):
    pd = pytest.importorskip("pandas")
    with libcare.Dataset.load(small_path) as ds:
        frame = ds.compliance(as_of=D(2026, 3, 31), by="unit").to_pandas()
        assert list(frame["key"]) == ["OPS", "PA"]
        assert {"competency", "required", "rate", "staff_rate"} <= set(frame.columns)
        trend = ds.trend(from_=D(2025, 1, 1), to=D(2025, 6, 30)).to_pandas()
        assert len(trend) == 6
        assert pd.api.types.is_datetime64_any_dtype(trend["as_of"])
        staff = ds.staff(as_of=D(2026, 3, 31)).to_pandas()
        assert staff.loc[0, "overdue_since"] == pd.Timestamp("2026-01-31")
        assert len(ds.forecast(as_of=D(2026, 3, 31), target=D(2027, 1, 1)).to_pandas()) == 1
        assert len(ds.complaints(from_=D(2026, 1, 1), to=D(2026, 3, 31)).to_pandas()) == 20
        assert len(ds.outcomes(competency="customer-care", from_=D(2026, 1, 1),
                               to=D(2026, 3, 31)).to_pandas()) == 2


def test_merge_adds_counts(small_path):
    with libcare.Dataset.load(small_path) as ds:
        a = ds.compliance(as_of=D(2025, 6, 30))
        b = ds.compliance(as_of=D(2025, 6, 30))
    single = a.totals["customer-care"].required
    a.merge(b)
    assert a.totals["customer-care"].required == 2 * single
    with pytest.raises(libcare.UsageError):
        a.merge(object())
