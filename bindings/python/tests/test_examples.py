"""The analyst scripts in examples/python run and write what they say."""

import csv
import os
import subprocess
import sys

from conftest import ROOT


def run(script, *args):
    env = dict(os.environ)
    # The scripts import libcare as an analyst would: from the path the tests use.
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env["MPLBACKEND"] = "Agg"
    return subprocess.run([sys.executable, str(ROOT / "examples" / "python" / script), *args],
                          env=env, capture_output=True, text=True, timeout=300, check=True)


def test_uptake_by_unit_writes_csv_and_png(tmp_path, sample_path):
    out_csv, out_png = tmp_path / "uptake.csv", tmp_path / "uptake.png"
    run("uptake_by_unit.py", str(sample_path), "--months", "6", "--csv", str(out_csv),
        "--png", str(out_png))
    with open(out_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, "no rows written"
    assert {"month", "unit", "competency", "required", "compliant", "rate"} <= set(rows[0])
    assert len({r["month"] for r in rows}) == 6
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_trained_vs_untrained_prints_the_comparison(sample_path):
    out = run("trained_vs_untrained.py", str(sample_path)).stdout
    assert "trained" in out and "95% CI" in out
    assert "customer-care" in out


def test_manager_worklist_lists_the_line(tmp_path):
    """On the hand-worked trust of managed_trust.py: M1's line on 2025-08-31 is everyone;
    M2, S1 and S2 are overdue since 2025-06-30, S3's training expires on 2025-09-15; four
    places at 2500 pence bring the line up to date by 2025-11-30 (M1's stays valid)."""
    import libcare
    from managed_trust import records
    path, out_csv = tmp_path / "trust.json", tmp_path / "worklist.csv"
    with libcare.Dataset.from_records(**records(), strict=True) as ds:
        ds.save(path)
    out_html = tmp_path / "line.html"
    out = run("manager_worklist.py", str(path), "--manager", "M1", "--as-of", "2025-08-31",
              "--competency", "customer-care", "--csv", str(out_csv),
              "--html", str(out_html)).stdout
    page = out_html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Training of M1&#39;s line" in page \
        or "Training of M1&#x27;s line" in page or "Training of M1's line" in page
    assert "Two Managers" in page and "<script" not in page
    assert "5 people in the line, 4 to act on" in out
    assert "Reports of Martin Lead (M2): 1 of 2 people fully compliant" in out
    assert "Cost of full compliance by 2025-11-30: £100.00" in out
    with open(out_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["staff"], r["status"], r["date"]) for r in rows] == [
        ("M2", "overdue", "2025-06-30"), ("S1", "overdue", "2025-06-30"),
        ("S2", "overdue", "2025-06-30"), ("S3", "compliant", "2025-09-15")]
    assert rows[2]["managers"] == "M1 M2" and rows[2]["name"] == "Two Managers"
    direct = run("manager_worklist.py", str(path), "--manager", "S1", "--direct",
                 "--as-of", "2025-08-31").stdout
    # S3 alone: information governance overdue since 2012-01-01 + 30 days, customer care
    # expiring; one customer-care place (information governance has no price).
    assert "1 person in the line, 2 to act on" in direct
    assert "info-gov             overdue since 2012-01-31" in direct
    assert "£25.00" in direct
