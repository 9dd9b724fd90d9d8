"""The two analyst scripts in examples/python run on the sample trust and write what they say."""

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
