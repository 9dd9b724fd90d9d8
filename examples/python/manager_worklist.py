#!/usr/bin/env python3
"""A line manager's worklist: who below them is overdue, not yet due or about to expire.

    python3 manager_worklist.py examples/data/sample-trust.json --manager S000001 \\
        --as-of 2026-03-31 --competency customer-care --csv worklist.csv --html line.html

The people are the manager's whole line (everyone they manage, and everyone those people
manage, and so on; --direct for direct reports only), on the as-of date (default: the
dataset's extract date). Overdue rows come first, oldest first; then the not-yet-due ones by
their grace end; then the compliant ones whose training expires within --due-soon-days. The
last lines give the line's compliance by direct manager and what bringing everyone up to
date by --target would cost. docs/reports.md defines each figure. --html writes the page to
send the manager: their line's summary, unit tree, trend, cost and worklist with names, in one
file that opens anywhere (docs/html.md).
"""

import argparse
import csv
import datetime
import sys

import libcare


def pounds(pence):
    return "n/a" if pence is None else "£%.2f" % (pence / 100)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset")
    ap.add_argument("--manager", required=True, help="the manager's staff id")
    ap.add_argument("--direct", action="store_true", help="direct reports only")
    ap.add_argument("--as-of", type=datetime.date.fromisoformat)
    ap.add_argument("--competency")
    ap.add_argument("--due-soon-days", type=int, default=30)
    ap.add_argument("--target", type=datetime.date.fromisoformat,
                    help="date for the cost of full compliance (default: 3 months on)")
    ap.add_argument("--csv", help="also write the worklist here")
    ap.add_argument("--html", help="also write the manager's page (one HTML file) here")
    args = ap.parse_args()

    with libcare.Dataset.load(args.dataset) as ds:
        as_of = args.as_of or ds.extracted_on or datetime.date.today()
        line = dict(manager=args.manager, all_reports=not args.direct,
                    competency=args.competency)
        try:
            todo = ds.staff(as_of=as_of, due_soon_days=args.due_soon_days, **line)
            expiring = ds.staff(as_of=as_of, status="expiring",
                                due_soon_days=args.due_soon_days, **line)
            groups = ds.compliance(as_of=as_of, by="manager", **line).groups
            forecast = ds.forecast(as_of=as_of, target=args.target or _months_on(as_of, 3),
                                   target_percent=100, **line)
            page = ds.html_page(as_of=as_of, due_soon_days=args.due_soon_days,
                                title="Training of %s's line" % args.manager,
                                target=args.target or _months_on(as_of, 3),
                                target_percent=100, **line) if args.html else None
        except libcare.NotFoundError as e:
            sys.exit("manager_worklist: %s" % e)
    if page is not None:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(page)

    overdue = sorted((r for r in todo if r.status == "overdue"),
                     key=lambda r: (r.overdue_since, r.staff))
    not_due = sorted((r for r in todo if r.status == "not-due"),
                     key=lambda r: (r.grace_end, r.staff))
    rows = [(r, "overdue since %s" % r.overdue_since) for r in overdue] + \
        [(r, "due by %s" % r.grace_end) for r in not_due] + \
        [(r, "expires on %s" % r.expires_on) for r in expiring]

    people = len({r.staff for r in todo})
    print("Worklist of %s on %s: %d %s in the line, %d to act on"
          % (args.manager, as_of, people, "person" if people == 1 else "people", len(rows)))
    for r, what in rows:
        print("  %-12s %-24s %-20s %-24s managed by %s"
              % (r.staff, r.name or "", r.competency, what, ", ".join(r.managers) or "-"))
    for g in groups:
        rate = "n/a" if g.staff_rate is None else "%.0f%%" % (100 * g.staff_rate)
        print("Reports of %s (%s): %s of %s people fully compliant (%s)"
              % (g.label, g.key, g.staff_compliant, g.staff_required, rate))
    print("Cost of full compliance by %s: %s" % (forecast.target,
                                                 pounds(forecast.total_cost_for_target_pence)))

    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["staff", "name", "competency", "status", "expiring", "date",
                        "managers", "units"])
            for r, _ in rows:
                when = r.overdue_since or r.grace_end or r.expires_on
                w.writerow([r.staff, r.name or "", r.competency, r.status, r.expiring,
                            when.isoformat() if when else "", " ".join(r.managers),
                            " ".join(r.units)])


def _months_on(day, months):
    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(y, m, d)
        except ValueError:
            continue


if __name__ == "__main__":
    main()
