"""Requirements in force from and to a date, the competency and manager filters, grouping by
manager, the expiring filter and the cost of reaching a target: each worked by hand on the
small trust of managed_trust.py (read its docstring first)."""

import datetime
import json
import subprocess

import pytest

import libcare
from libcare import libcare_c

from managed_trust import records

D = datetime.date
AUG = D(2025, 8, 31)


@pytest.fixture()
def trust():
    with libcare.Dataset.from_records(**records(), strict=True) as ds:
        yield ds


def _staff_ids(report):
    return [r.staff for r in report]


# -- a requirement in force from a date -----------------------------------------------------

def test_the_mandate_starts_the_period_of_people_already_in_post(trust):
    # S1 in post since 2009; customer care in force from 2025-04-01 with 90 days' grace:
    # 2025-04-01 + 90 days = 2025-06-30. Not overdue since 2009.
    assert trust.status("S1", "customer-care", D(2025, 3, 31)).status == "not-required"
    st = trust.status("S1", "customer-care", D(2025, 5, 1))
    assert (st.status, st.period_start, st.grace_end) == ("not-due", D(2025, 4, 1),
                                                          D(2025, 6, 30))
    st = trust.status("S1", "customer-care", D(2025, 7, 1))
    assert (st.status, st.overdue_since) == ("overdue", D(2025, 6, 30))
    rows = {r.staff: r for r in trust.staff(as_of=D(2025, 7, 1), competency="customer-care",
                                            status="overdue")}
    # M1 trained on 2025-06-01 and S3 in 2024: the other three are overdue since the grace end.
    assert sorted(rows) == ["M2", "S1", "S2"]
    assert {r.overdue_since for r in rows.values()} == {D(2025, 6, 30)}


def test_a_withdrawn_requirement_ends(trust):
    # old-induction is in force to 2024-12-31: S1 (in post 2009-06-01) was overdue from
    # 2009-07-01 while it lasted, and nobody needs it afterwards.
    st = trust.status("S1", "old-induction", D(2024, 6, 30))
    assert (st.status, st.period_start, st.overdue_since) == ("overdue", D(2009, 6, 1),
                                                              D(2009, 7, 1))
    assert trust.status("S1", "old-induction", D(2025, 1, 1)).status == "not-required"
    assert [r.competency for r in trust.staff(as_of=D(2024, 12, 31)) if r.staff == "S1"] == [
        "info-gov", "old-induction"]
    assert [r.competency for r in trust.staff(as_of=D(2025, 1, 1)) if r.staff == "S1"] == [
        "info-gov"]


# -- the competency filter ------------------------------------------------------------------

def test_competency_filters_every_population_report(trust):
    c = trust.compliance(as_of=AUG, competency="customer-care")
    assert [r.competency for r in c.totals] == ["customer-care"]
    assert c.filters["competency"] == "customer-care"
    # M1 (2025-06-01) and S3 (to 2025-09-15, expiring) hold it; the others are overdue.
    row = c.totals["customer-care"]
    assert (row.required, row.compliant, row.expiring, row.overdue) == (5, 2, 1, 3)
    assert {r.competency for r in trust.staff(as_of=AUG, competency="info-gov")} == {
        "info-gov"}
    assert [r.competency for r in trust.forecast(as_of=AUG, target=D(2026, 3, 31),
                                                 competency="info-gov")] == ["info-gov"]


def test_trend_takes_a_competency(trust):
    t = trust.trend(from_=D(2025, 1, 1), to=D(2025, 6, 30), competency="customer-care")
    assert t.filters["competency"] == "customer-care"
    counts = [[(r.required, r.compliant, r.not_due, r.overdue) for r in p] for p in t.points]
    # Not in force before April; in April and May S3 is compliant and the rest not yet due;
    # on 2025-06-30 (the grace end itself) M1 has trained and three are overdue.
    assert counts == [[], [], [], [(5, 1, 4, 0)], [(5, 1, 4, 0)], [(5, 2, 0, 3)]]
    every = trust.trend(from_=D(2025, 6, 1), to=D(2025, 6, 30))
    assert [r.competency for r in every.points[0]] == ["customer-care", "info-gov"]


@pytest.mark.parametrize("report", ["compliance", "trend", "staff", "forecast"])
def test_an_unknown_competency_is_not_found(trust, report):
    with pytest.raises(libcare.NotFoundError) as err:
        _run(trust, report, competency="no-such-training")
    assert isinstance(err.value, LookupError)
    assert "no-such-training" in str(err.value)


def _run(ds, report, **kw):
    if report == "trend":
        return ds.trend(from_=D(2025, 6, 1), to=AUG, **kw)
    if report == "forecast":
        return ds.forecast(as_of=AUG, target=D(2026, 3, 31), **kw)
    return getattr(ds, report)(as_of=AUG, **kw)


# -- the manager filter and the whole line --------------------------------------------------

def test_manager_keeps_the_direct_reports(trust):
    assert _staff_ids(trust.staff(as_of=AUG, competency="customer-care", manager="M1")) == [
        "M2", "S1", "S2"]
    row = trust.compliance(as_of=AUG, manager="M1").totals["customer-care"]
    assert (row.required, row.compliant) == (3, 0)
    assert _staff_ids(trust.staff(as_of=AUG, competency="customer-care", manager="S3")) == []


def test_all_reports_follows_every_branch_and_ends_in_a_loop(trust):
    line = trust.staff(as_of=AUG, competency="customer-care", manager="M1", all_reports=True)
    # M2, S1, S2 directly; S3 through S1; M1 herself through M2, who reports to her.
    assert _staff_ids(line) == ["M1", "M2", "S1", "S2", "S3"]
    assert line.filters["all_reports"] is True and line.filters["manager"] == "M1"
    assert _staff_ids(trust.staff(as_of=AUG, competency="customer-care", manager="S1",
                                  all_reports=True)) == ["S3"]
    assert _staff_ids(trust.staff(as_of=AUG, manager="S3", all_reports=True)) == []
    row = trust.compliance(as_of=AUG, manager="M1", all_reports=True).totals["customer-care"]
    assert (row.required, row.compliant) == (5, 2)
    t = trust.trend(from_=AUG, to=AUG, manager="S1", all_reports=True)
    assert [(r.competency, r.required) for r in t.points[0]] == [("customer-care", 1),
                                                                 ("info-gov", 1)]
    f = trust.forecast(as_of=AUG, target=D(2026, 3, 31), manager="S1", all_reports=True)
    assert [(r.competency, r.required) for r in f] == [("customer-care", 1), ("info-gov", 1)]


def test_a_person_with_two_managers(trust):
    (row,) = [r for r in trust.staff(as_of=AUG, competency="customer-care") if r.staff == "S2"]
    assert (row.name, row.managers, row.units) == ("Two Managers", ["M1", "M2"], ["OPS", "PA"])
    # Under M2 only the OPS assignment passes: its unit and manager alone.
    (row,) = [r for r in trust.staff(as_of=AUG, competency="customer-care", manager="M2")
              if r.staff == "S2"]
    assert (row.managers, row.units) == (["M2"], ["OPS"])


def test_staff_rows_carry_names(trust):
    names = {r.staff: r.name for r in trust.staff(as_of=AUG, competency="info-gov")}
    assert names == {"M1": "Mary Manager", "M2": "Martin Lead", "S1": "Sam Clerk",
                     "S2": "Two Managers", "S3": None}
    frame_cols = trust.staff(as_of=AUG).rows[0].keys()
    assert {"name", "managers"} <= set(frame_cols)


def test_by_manager_groups_by_the_direct_manager(trust):
    r = trust.compliance(as_of=AUG, by="manager", competency="customer-care")
    assert r.group_by == "manager"
    got = [(g.key, g.label, g["customer-care"].required, g["customer-care"].compliant)
           for g in r.groups]
    # M1 manages M2, S1, S2; M2 manages M1 (compliant) and S2; S1 manages S3 (compliant).
    assert got == [("M1", "Mary Manager", 3, 0), ("M2", "Martin Lead", 2, 1),
                   ("S1", "Sam Clerk", 1, 1)]
    assert r.group("S1").label == "Sam Clerk"
    assert r.totals["customer-care"].required == 5  # S2 once in the totals


def test_manager_errors(trust):
    with pytest.raises(libcare.NotFoundError) as err:
        trust.compliance(as_of=AUG, manager="NOBODY")
    assert err.value.code == libcare_c.CARE_ENOTFOUND and "NOBODY" in str(err.value)
    for report in ("compliance", "trend", "staff", "forecast"):
        with pytest.raises(libcare.UsageError) as err:
            _run(trust, report, all_reports=True)
        assert isinstance(err.value, ValueError) and not isinstance(err.value,
                                                                    libcare.NotFoundError)
        assert err.value.code == libcare_c.CARE_EINVAL and "manager" in str(err.value)
    with pytest.raises(libcare.UsageError):
        trust.staff(as_of=AUG, manager="M1", all_reports="yes")
    with pytest.raises(libcare.UsageError):
        trust.staff(as_of=AUG, manager=7)
    with pytest.raises(libcare.UsageError) as err:
        trust.compliance(as_of=AUG, by="line-manager")
    assert "'manager'" in str(err.value)


# -- the expiring filter --------------------------------------------------------------------

def test_status_expiring_keeps_compliant_rows_about_to_expire(trust):
    # S3's completion expires on 2025-09-15: 15 days after 2025-08-31.
    (row,) = trust.staff(as_of=AUG, status="expiring")
    assert (row.staff, row.status, row.expiring, row.expires_on) == (
        "S3", "compliant", True, D(2025, 9, 15))
    assert _staff_ids(trust.staff(as_of=AUG, status="expiring", due_soon_days=15)) == ["S3"]
    assert _staff_ids(trust.staff(as_of=AUG, status="expiring", due_soon_days=14)) == []
    # M1 (expires 2026-06-01) is compliant but not expiring.
    assert _staff_ids(trust.staff(as_of=AUG, status="compliant",
                                  competency="customer-care")) == ["M1", "S3"]
    with pytest.raises(libcare.UsageError) as err:
        trust.staff(as_of=AUG, status="lapsing")
    assert "expiring" in str(err.value)
    with pytest.raises(libcare.UsageError):
        trust.staff(as_of=AUG, status="not-required")


def test_the_report_says_it_lists_the_expiring(trust):
    r = trust.staff(as_of=AUG, status="expiring")
    assert r.status == "expiring" and r.to_dict()["status"] == "expiring"


# -- the cost of reaching the target --------------------------------------------------------

def test_forecast_cost_for_target(trust):
    f = trust.forecast(as_of=AUG, target=D(2026, 3, 31), target_percent=50)
    cc, ig = f.rows
    # customer-care: 5 required, M1 still valid on the target (S3 lapses 2025-09-15);
    # 50% of 5 rounds up to 3, so 2 places; the cheapest module costs 2500 pence.
    assert (cc.required, cc.projected_compliant, cc.places, cc.places_for_target) == (5, 1, 4, 2)
    assert (cc.unit_cost_pence, cc.cost_pence, cc.cost_for_target_pence) == (2500, 10000, 5000)
    # info-gov: nobody trained, no module with a cost.
    assert (ig.places, ig.places_for_target) == (5, 3)
    assert (ig.unit_cost_pence, ig.cost_pence, ig.cost_for_target_pence) == (None, None, None)
    assert (f.total_cost_pence, f.total_cost_for_target_pence) == (10000, 5000)
    assert libcare_c.care_report_total_cost_for_target_pence(f._h) == 5000
    whole = trust.forecast(as_of=AUG, target=D(2026, 3, 31), target_percent=100)
    assert whole.total_cost_for_target_pence == 4 * 2500
    f = trust.forecast(as_of=AUG, target=D(2026, 3, 31))
    assert f.total_cost_for_target_pence is None and f.rows[0].cost_for_target_pence is None
    assert libcare_c.care_report_total_cost_for_target_pence(f._h) == -1


# -- equality with `care --format json` -----------------------------------------------------

def _care(cli, *args):
    proc = subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture()
def trust_file(trust, tmp_path):
    path = tmp_path / "trust.json"
    trust.save(path)
    return path


def test_new_fields_equal_cli(care_cli, trust, trust_file):
    assert trust.staff(as_of=AUG).to_dict() == _care(
        care_cli, "staff", trust_file, "--as-of", AUG, "--format", "json")
    assert trust.forecast(as_of=AUG, target=D(2026, 3, 31), target_percent=50).to_dict() == \
        _care(care_cli, "forecast", trust_file, "--as-of", AUG, "--target", "2026-03-31",
              "--target-percent", 50, "--format", "json")


@pytest.mark.parametrize("report,kw,args", [
    ("compliance", {"by": "manager"}, ["--by", "manager"]),
    ("compliance", {"manager": "M1", "all_reports": True, "competency": "customer-care"},
     ["--manager", "M1", "--all-reports", "--competency", "customer-care"]),
    ("trend", {"competency": "customer-care", "manager": "M2"},
     ["--competency", "customer-care", "--manager", "M2"]),
    ("staff", {"status": "expiring"}, ["--status", "expiring"]),
    ("staff", {"manager": "M1", "all_reports": True}, ["--manager", "M1", "--all-reports"]),
    ("forecast", {"competency": "customer-care", "manager": "S1", "all_reports": True},
     ["--competency", "customer-care", "--manager", "S1", "--all-reports"]),
])
def test_new_options_equal_cli(care_cli, trust, trust_file, report, kw, args):
    command = {"compliance": "report"}.get(report, report)
    if report == "trend":
        dates = ["--from", "2025-06-01", "--to", AUG]
    elif report == "forecast":
        dates = ["--as-of", AUG, "--target", "2026-03-31"]
    else:
        dates = ["--as-of", AUG]
    assert _run(trust, report, **kw).to_dict() == _care(
        care_cli, command, trust_file, *dates, *args, "--format", "json")
