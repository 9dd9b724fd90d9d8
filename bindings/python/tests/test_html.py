"""HTML pages from Python: a report's page and the manager's page, as the library writes
them (docs/html.md)."""

import datetime

import pytest

import libcare

AS_OF = datetime.date(2026, 3, 31)


@pytest.fixture(scope="module")
def ds(sample_path):
    with libcare.Dataset.load(sample_path) as d:
        yield d


def test_every_report_has_a_page(ds):
    reports = [ds.compliance(as_of=AS_OF, by="unit"),
               ds.trend(from_=datetime.date(2025, 4, 1), to=AS_OF),
               ds.staff(as_of=AS_OF, status="overdue"),
               ds.forecast(as_of=AS_OF, target=datetime.date(2027, 3, 31), target_percent=95)]
    for r in reports:
        page = r.to_html(title="A page")
        assert page.startswith("<!DOCTYPE html>")
        assert "<title>A page" in page
        # Self-contained: nothing fetched, nothing run.
        assert "<script" not in page and "src=" not in page and "url(" not in page


def test_the_manager_page_holds_the_line_and_only_it(ds):
    """Everyone overdue in S000003's line is on the page; nobody outside it is (apart from
    the line's managers, who are named as managers)."""
    line = ds.staff(as_of=AS_OF, manager="S000003", all_reports=True)
    names = {r.name for r in line if r.name}
    managers = {m for r in line for m in r.managers}
    everyone = ds.staff(as_of=AS_OF)
    outside = {r.name for r in everyone if r.name and r.staff not in managers} - names
    assert len(outside) > 10
    page = ds.html_page(as_of=AS_OF, manager="S000003", all_reports=True, worklist_limit=0)
    overdue = {r.name for r in line if r.status == "overdue" and r.name}
    assert overdue and all(n in page for n in overdue)
    assert [n for n in outside if n in page] == []
    # Without the filter, the same people are on the trust's page.
    whole = ds.html_page(as_of=AS_OF, worklist_limit=0)
    assert any(n in whole for n in outside)


def test_bad_options_are_libcare_errors(ds):
    with pytest.raises(libcare.UsageError):
        ds.html_page(as_of=AS_OF, green_percent=101)
    with pytest.raises(libcare.NotFoundError):
        ds.html_page(as_of=AS_OF, manager="NOBODY")
    with pytest.raises(libcare.UsageError):
        ds.compliance(as_of=AS_OF).to_html(amber_percent=-1)
