"""Building records with the fields of requirements in force from and to a date, staff names
and line managers: by hand and in bulk, and what an absent field means."""

import datetime
import json

import pytest

import libcare

from managed_trust import records

D = datetime.date


def _by_hand(recs):
    """The records of managed_trust added one by one with the add_* methods. M1's manager M2
    comes after her, which add_staff (one record at a time) reports as unknown-manager."""
    ds = libcare.Dataset()
    for u in recs["units"]:
        ds.add_unit(**u)
    for r in recs["roles"]:
        ds.add_role(**r)
    for m in recs["modules"]:
        ds.add_module(**m)
    warnings = []
    for s in recs["staff"]:
        warnings += ds.add_staff(**s)
    for c in recs["completions"]:
        ds.add_completion(**c)
    return ds, warnings


def test_add_methods_and_from_records_build_the_same_dataset():
    with libcare.Dataset.from_records(**records(), strict=True) as bulk:
        # The bulk loader sees the whole staff list: a manager later in it is known.
        assert bulk.issues == []
        built, warnings = _by_hand(records())
        with built:
            assert [(w.code, w.id, w.field) for w in warnings] == [
                ("unknown-manager", "M1", "assignments[0].manager")]
            assert built.dumps() == bulk.dumps()
            as_of = D(2025, 8, 31)
            assert (built.staff(as_of=as_of, manager="M1", all_reports=True).to_dict()
                    == bulk.staff(as_of=as_of, manager="M1", all_reports=True).to_dict())
        saved = json.loads(bulk.dumps())
    book = saved["roles"][0]["requirements"]
    assert book[0] == {"competency": "customer-care", "due_within_days": 90,
                       "from": "2025-04-01"}
    assert book[2] == {"competency": "old-induction", "due_within_days": 30,
                       "to": "2024-12-31"}
    s2 = saved["staff"][3]
    assert s2["name"] == "Two Managers"
    assert [a["manager"] for a in s2["assignments"]] == ["M1", "M2"]
    assert "name" not in saved["staff"][4]


def _pre_1970(requirement, started=D(1965, 3, 1)):
    """A clerk in post since 1965 under a role with one requirement."""
    return {"units": [{"id": "PA", "name": "Patient Access"}],
            "roles": [{"id": "R", "title": "Clerk", "staff_group": "admin-clerical",
                       "patient_facing": True, "clinical": False,
                       "requirements": [requirement]}],
            "staff": [{"id": "S", "started_on": started,
                       "assignments": [{"role": "R", "unit": "PA", "from": started}]}]}


@pytest.mark.parametrize("requirement", [
    {"competency": "x", "due_within_days": 10},
    {"competency": "x", "due_within_days": 10, "from": None, "to": None},
])
def test_absent_from_and_to_are_open_not_1970(requirement):
    """Without from and to a requirement has always been in force: the period of someone in
    post since 1965 starts in 1965 (a from of 1970-01-01 would start it then), and it is
    still in force in 2025 (a to of 1970-01-01 would have ended it)."""
    recs = _pre_1970(requirement)
    with libcare.Dataset.from_records(**recs, strict=True) as bulk, libcare.Dataset() as built:
        built.add_unit(**recs["units"][0])
        built.add_role(**recs["roles"][0])
        built.add_staff(**recs["staff"][0])
        for ds in (bulk, built):
            st = ds.status("S", "x", D(2025, 6, 30))
            assert (st.status, st.period_start, st.grace_end) == (
                "overdue", D(1965, 3, 1), D(1965, 3, 11))
            saved = json.loads(ds.dumps())
            assert saved["roles"][0]["requirements"] == [{"competency": "x",
                                                         "due_within_days": 10}]
            assert "name" not in saved["staff"][0]
            assert "manager" not in saved["staff"][0]["assignments"][0]
            (row,) = ds.staff(as_of=D(2025, 6, 30))
            assert (row.name, row.managers) == (None, [])


def test_requirement_tuples_and_from_alias():
    with libcare.Dataset() as ds:
        ds.add_unit(id="PA", name="Patient Access")
        ds.add_role(id="R", title="Clerk", staff_group="admin-clerical", patient_facing=True,
                    clinical=False, requirements=[("x", 90, None, D(2025, 6, 30)),
                                                  {"competency": "x", "due_within_days": 30,
                                                   "from_": D(2025, 7, 1)}])
        reqs = json.loads(ds.dumps())["roles"][0]["requirements"]
        assert reqs == [{"competency": "x", "due_within_days": 90, "to": "2025-06-30"},
                        {"competency": "x", "due_within_days": 30, "from": "2025-07-01"}]
        # The grace of whoever starts changes with the date: 90 days before July, 30 after.
        for sid, start, grace_end in (("A", D(2025, 5, 1), D(2025, 7, 30)),
                                      ("B", D(2025, 8, 1), D(2025, 8, 31))):
            ds.add_staff(id=sid, started_on=start, name="Clerk " + sid,
                         assignments=[{"role": "R", "unit": "PA", "from": start}])
            assert ds.status(sid, "x", start).grace_end == grace_end
        with pytest.raises(libcare.UsageError):
            ds.add_role(id="R2", title="t", staff_group="admin-clerical", patient_facing=True,
                        clinical=False, requirements=[("x", 90, None)])


def test_requirement_dates_are_validated():
    with libcare.Dataset() as ds:
        with pytest.raises(libcare.ValidationError) as err:
            ds.add_role(id="R", title="Clerk", staff_group="admin-clerical",
                        patient_facing=True, clinical=False,
                        requirements=[{"competency": "x", "due_within_days": 9,
                                       "from": D(2025, 7, 1), "to": D(2025, 6, 30)}])
        assert "date-order" in {i.code for i in err.value.issues}
        with pytest.raises(libcare.ValidationError) as err:
            ds.add_role(id="R", title="Clerk", staff_group="admin-clerical",
                        patient_facing=True, clinical=False,
                        requirements=[("x", 90, None, D(2025, 7, 1)), ("x", 30, D(2025, 7, 1),
                                                                       None)])
        assert "duplicate-requirement" in {i.code for i in err.value.issues}
        with pytest.raises(libcare.UsageError):
            ds.add_role(id="R", title="Clerk", staff_group="admin-clerical",
                        patient_facing=True, clinical=False,
                        requirements=[{"competency": "x", "due_within_days": 9,
                                       "from": "1 July"}])


def test_names_and_managers_are_checked_as_text():
    with libcare.Dataset() as ds:
        ds.add_unit(id="PA", name="Patient Access")
        ds.add_role(id="R", title="Clerk", staff_group="admin-clerical", patient_facing=True,
                    clinical=False)
        with pytest.raises(libcare.UsageError):
            ds.add_staff(id="S", started_on=D(2020, 1, 1), name=42)
        with pytest.raises(libcare.UsageError):
            ds.add_staff(id="S", started_on=D(2020, 1, 1),
                         assignments=[{"role": "R", "unit": "PA", "from": D(2020, 1, 1),
                                       "manager": ["M1"]}])
        warnings = ds.add_staff(id="S", started_on=D(2020, 1, 1), name="Sam",
                                assignments=[{"role": "R", "unit": "PA",
                                              "from": D(2020, 1, 1), "manager": "GONE"}])
        assert [w.code for w in warnings] == ["unknown-manager"]
        # The link is kept; reports ignore it.
        assert json.loads(ds.dumps())["staff"][0]["assignments"][0]["manager"] == "GONE"
        with pytest.raises(libcare.NotFoundError):
            ds.staff(as_of=D(2025, 1, 1), manager="GONE")


def test_from_records_dataframes_with_names_and_dates():
    pd = pytest.importorskip("pandas")
    recs = records()
    staff = pd.DataFrame(recs["staff"])  # S3 has no name: NaN in the frame, absent after
    assert staff["name"].isna().sum() == 1
    with libcare.Dataset.from_records(**dict(recs, staff=staff), strict=True) as a, \
            libcare.Dataset.from_records(**recs, strict=True) as b:
        assert a.dumps() == b.dumps()
    roles = pd.DataFrame(recs["roles"])  # requirements: lists of dicts holding dates
    with libcare.Dataset.from_records(**dict(recs, roles=roles), strict=True) as a, \
            libcare.Dataset.from_records(**recs, strict=True) as b:
        assert a.dumps() == b.dumps()
        assert json.loads(a.dumps())["roles"][0]["requirements"][0]["from"] == "2025-04-01"
