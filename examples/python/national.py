#!/usr/bin/env python3
"""The national compliance report over every trust's dataset file in a folder, on Dask.

    care-gen --trusts 150 --staff 10000 --out-dir /tmp/national
    python3 national.py /tmp/national --as-of 2026-03-31 --out national.json --workers 2 \\
        --by organisation

Each trust is a task (load its file, make its report, serialise it) and the reports are merged
in a tree; with --scheduler ADDRESS the run goes to that Dask cluster, else to a LocalCluster
of --workers processes (default: one per core) on this machine. The report is written as JSON
(as `care report compliance --format json` writes it), as CSV when --out ends in .csv, or as
the HTML page when it ends in .html. Units, roles and managers are keyed "ODS:id" (their
trust's ODS code first); --by organisation gives each trust's totals. A trust whose file
cannot be loaded is named on stderr and left out; the exit status is then 1. See
docs/national.md.
"""

import argparse
import datetime
import os
import sys
import time

from libcare import national


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="+", help="folders of dataset files (*.json), or files")
    ap.add_argument("--as-of", required=True, type=datetime.date.fromisoformat)
    ap.add_argument("--out", required=True, help="REPORT.json, .csv or .html")
    ap.add_argument("--by", default=None, help="unit, role, staff-group, competency, manager "
                    "or organisation")
    ap.add_argument("--workers", type=int, default=None, help="local worker processes")
    ap.add_argument("--scheduler", default=None, help="a Dask scheduler's address")
    ap.add_argument("--min-cell", type=int, default=0)
    ap.add_argument("--patient-facing", action="store_true")
    ap.add_argument("--no-progress", action="store_true")
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    start = time.monotonic()
    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers or os.cpu_count(), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        report = national.run(args.folder, as_of=args.as_of, by=args.by, client=client,
                              progress=not args.no_progress, min_cell=args.min_cell,
                              patient_facing=args.patient_facing)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if args.out.endswith(".csv"):
        text = report.to_csv()
    elif args.out.endswith(".html"):
        text = report.to_html(title="National compliance on %s" % args.as_of)
    else:
        text = report.to_json() + "\n"
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    for path, message in report.failed.items():
        print("national: %s: left out: %s" % (path, message), file=sys.stderr)
    print("national: %d trusts merged in %.1f s into %s" % (
        len(report.trusts), time.monotonic() - start, args.out), file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
