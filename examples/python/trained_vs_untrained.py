#!/usr/bin/env python3
"""Does the training make a difference to patients? Complaints per 1000 interactions handled
by staff trained and untrained in each competency.

    python3 trained_vs_untrained.py examples/data/sample-trust.json --months 12

For every competency that roles require, over the period (by default the 12 months ending at
the dataset's extract date), it prints the interactions and complaints of trained and
untrained staff, the rate per 1000 interactions, and the rate ratio (untrained / trained)
with its 95% confidence interval. A ratio above 1 with an interval above 1 means untrained
staff draw more complaints. --min-cell suppresses small counts, as published tables must.
"""

import argparse
import datetime

import libcare


def fmt(x, spec="%.2f"):
    return "-" if x is None else spec % x


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--to", type=datetime.date.fromisoformat)
    ap.add_argument("--competency", action="append", help="competency (repeatable)")
    ap.add_argument("--min-cell", type=int, default=0)
    args = ap.parse_args()

    with libcare.Dataset.load(args.dataset) as ds:
        to = args.to or ds.extracted_on or datetime.date.today()
        y, m = to.year, to.month - args.months + 1
        while m < 1:
            y, m = y - 1, m + 12
        start = datetime.date(y, m, 1)
        competencies = args.competency or [
            row.competency for row in ds.compliance(as_of=to).totals.competencies]

        print("Complaints per 1000 interactions, %s to %s" % (start, to))
        head = "%-28s %12s %9s %8s %12s %9s %8s %7s %16s" % (
            "competency", "trained int.", "compl.", "/1000", "untrained int.", "compl.",
            "/1000", "ratio", "95% CI")
        print(head)
        print("-" * len(head))
        for comp in competencies:
            r = ds.outcomes(competency=comp, from_=start, to=to, min_cell=args.min_cell)
            ci = "-" if r.rate_ratio_low is None else "%.2f-%.2f" % (r.rate_ratio_low,
                                                                     r.rate_ratio_high)
            print("%-28s %12s %9s %8s %12s %9s %8s %7s %16s" % (
                comp, fmt(r.trained.interactions, "%d"), fmt(r.trained.complaints, "%d"),
                fmt(r.trained.per_1000), fmt(r.untrained.interactions, "%d"),
                fmt(r.untrained.complaints, "%d"), fmt(r.untrained.per_1000),
                fmt(r.rate_ratio), ci))
        print()
        k = ds.complaints(from_=start, to=to, min_cell=args.min_cell)
        print("Complaints received: %s; acknowledged within 3 working days: %s (%s); "
              "median working days to close: %s" % (
                  fmt(k.received, "%d"), fmt(k.acknowledged_in_3_days, "%d"),
                  "-" if k.acknowledged_rate is None else "%.1f%%" % (100 * k.acknowledged_rate),
                  fmt(k.median_working_days_to_close, "%.1f")))


if __name__ == "__main__":
    main()
