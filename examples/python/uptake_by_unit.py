#!/usr/bin/env python3
"""Monthly uptake of a training requirement by unit: a CSV table and a PNG chart.

    python3 uptake_by_unit.py examples/data/sample-trust.json \
        --months 24 --csv uptake.csv --png uptake.png

For each month end of the period (ending at the dataset's extract date unless --to is given)
it computes the compliance report grouped by unit, and writes one CSV row per month, unit and
competency. The chart draws the compliance rate of one competency (--competency; by default
customer-care when it is required, else the first one required) for the largest units.
"""

import argparse
import calendar
import csv
import datetime

import libcare


def month_ends(last, months):
    """The last `months` month ends up to and including the one of `last`'s month, when
    `last` is that month's last day (otherwise up to the month before)."""
    y, m = last.year, last.month
    if last.day != calendar.monthrange(y, m)[1]:
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    ends = []
    for _ in range(months):
        ends.append(datetime.date(y, m, calendar.monthrange(y, m)[1]))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return ends[::-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--to", type=datetime.date.fromisoformat, help="last date (YYYY-MM-DD)")
    ap.add_argument("--competency",
                    help="competency to chart (default: customer-care if required, else the "
                         "first required)")
    ap.add_argument("--patient-facing", action="store_true", help="patient-facing roles only")
    ap.add_argument("--min-cell", type=int, default=0, help="suppress counts below this")
    ap.add_argument("--top", type=int, default=8, help="units to draw (largest first)")
    ap.add_argument("--csv", default="uptake_by_unit.csv")
    ap.add_argument("--png", default="uptake_by_unit.png")
    args = ap.parse_args()

    with libcare.Dataset.load(args.dataset) as ds:
        last = args.to or ds.extracted_on or datetime.date.today()
        rows = []
        for end in month_ends(last, args.months):
            report = ds.compliance(as_of=end, by="unit", patient_facing=args.patient_facing,
                                   min_cell=args.min_cell)
            for row in report:
                rows.append({"month": end.isoformat(), "unit": row.key, "unit_name": row.label,
                             "competency": row.competency, "required": row.required,
                             "compliant": row.compliant, "overdue": row.overdue,
                             "rate": row.rate})

    with open(args.csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["month", "unit", "unit_name", "competency",
                                               "required", "compliant", "overdue", "rate"])
        writer.writeheader()
        writer.writerows(rows)
    print("wrote %d rows to %s" % (len(rows), args.csv))

    required = [r["competency"] for r in rows]
    competency = args.competency or (
        "customer-care" if "customer-care" in required else next(iter(required), None))
    if competency is None:
        print("no requirement in the period: no chart")
        return
    mine = [r for r in rows if r["competency"] == competency]
    # The largest units by people required at the last month.
    last_month = max(r["month"] for r in mine)
    size = {r["unit"]: r["required"] or 0 for r in mine if r["month"] == last_month}
    units = sorted(size, key=lambda u: (-size[u], u))[:args.top]

    import matplotlib
    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5.5))
    for unit in units:
        series = [(datetime.date.fromisoformat(r["month"]), r["rate"]) for r in mine
                  if r["unit"] == unit and r["rate"] is not None]
        if series:
            xs, ys = zip(*series)
            name = next(r["unit_name"] for r in mine if r["unit"] == unit)
            ax.plot(xs, [100 * y for y in ys], marker="o", markersize=3, label=name)
    ax.set_title("Uptake of %s by unit (month ends)" % competency)
    ax.set_ylabel("compliant, % of staff required")
    ax.set_ylim(0, 100)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small", loc="lower right")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(args.png, dpi=120)
    print("wrote %s (%s, %d units)" % (args.png, competency, len(units)))


if __name__ == "__main__":
    main()
