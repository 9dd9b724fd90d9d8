#!/usr/bin/env python3
"""How much the Python layer adds to a compliance report grouped by unit.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/bench_overhead.py \
        [DATASET | --synthetic STAFF] [--repeat N]

Three timings on the same loaded dataset, each the median of --repeat runs:

  C       care_report_new() through the generated module: the library's own work, with
          one Python-to-C crossing (what a C caller pays, plus a few microseconds);
  C+JSON  the same plus care_report_to_json(), the one bulk crossing of the results;
  Python  ds.compliance(as_of=..., by="unit") as an analyst calls it: argument checks and
          the report object (its figures cross into Python when first used); then the
          same with to_dict() (JSON, json.loads) and with every row iterated as objects.

The overhead is (Python - C) / C. With --synthetic the dataset is generated as JSON text
(no dicts) and loaded in one call.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time

# This script sits beside the package's sources, which lack the compiled extension: import
# the built package (PYTHONPATH) or the installed one, not the directory of this file.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import libcare  # noqa: E402
from libcare import libcare_c as c  # noqa: E402
from libcare import _util  # noqa: E402


def synthetic(staff, seed=1):
    """A trust-shaped dataset as JSON text: units in a 3-level tree, 6 roles, 4 modules, and
    about 20 completions a person over 6 years."""
    rnd = random.Random(seed)
    out = ['{"format":"libcare-dataset","version":1,"extracted_on":"2026-03-31","units":[']
    units, leaves = [], []
    for d in range(max(1, staff // 5000)):
        units.append('{"id":"D%d","name":"Directorate %d"}' % (d, d))
        for s in range(8):
            units.append('{"id":"D%d.%d","name":"Department %d.%d","parent":"D%d"}'
                         % (d, s, d, s, d))
            for t in range(6):
                units.append('{"id":"D%d.%d.%d","name":"Team %d.%d.%d","parent":"D%d.%d"}'
                             % (d, s, t, d, s, t, d, s))
                leaves.append("D%d.%d.%d" % (d, s, t))
    out.append(",".join(units))
    out.append('],"roles":[')
    reqs = ['{"competency":"customer-care","due_within_days":90}',
            '{"competency":"ers","due_within_days":180}',
            '{"competency":"complaints","due_within_days":365}']
    roles = []
    for r in range(6):
        roles.append('{"id":"R%d","title":"Role %d","staff_group":"admin-clerical",'
                     '"patient_facing":%s,"clinical":false,"requirements":[%s]}'
                     % (r, r, "true" if r < 4 else "false", ",".join(reqs[: 1 + r % 3])))
    out.append(",".join(roles))
    out.append('],"modules":['
               '{"id":"CC-E","title":"CC","competency":"customer-care","validity_months":12,'
               '"delivery":"e-learning","cost_pence":0},'
               '{"id":"CC-W","title":"CCW","competency":"customer-care","validity_months":36,'
               '"delivery":"workshop","cost_pence":4500},'
               '{"id":"ERS","title":"e-RS","competency":"ers","validity_months":24,'
               '"delivery":"virtual","cost_pence":1500},'
               '{"id":"CMP","title":"Complaints","competency":"complaints","validity_months":0,'
               '"delivery":"blended","cost_pence":9000}],"staff":[')
    base = datetime.date(2015, 1, 1).toordinal()
    people = []
    completions = []
    mods = ("CC-E", "CC-W", "ERS", "CMP")
    for i in range(staff):
        start = base + rnd.randrange(0, 3800)
        sd = datetime.date.fromordinal(start).isoformat()
        people.append('{"id":"S%07d","started_on":"%s","assignments":[{"role":"R%d",'
                      '"unit":"%s","from":"%s"}]}'
                      % (i, sd, rnd.randrange(6), leaves[rnd.randrange(len(leaves))], sd))
        for _ in range(rnd.randrange(10, 30)):
            day = datetime.date.fromordinal(rnd.randrange(start, base + 4107)).isoformat()
            completions.append('{"staff":"S%07d","module":"%s","completed_on":"%s",'
                               '"outcome":"%s"}' % (i, mods[rnd.randrange(4)], day,
                                                    "failed" if rnd.random() < 0.05
                                                    else "passed"))
    out.append(",".join(people))
    out.append('],"completions":[')
    out.append(",".join(completions))
    out.append("]}")
    return "".join(out), len(completions)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", nargs="?")
    ap.add_argument("--synthetic", type=int, metavar="STAFF", default=None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.dataset and args.synthetic is None:
        ds = libcare.Dataset.load(args.dataset)
        what = args.dataset
    else:
        text, n = synthetic(args.synthetic or 20000)
        t1 = time.perf_counter()
        ds = libcare.Dataset.loads(text)
        del text
        what = "synthetic: %d staff, %d completions (text made in %.1f s)" % (
            args.synthetic or 20000, n, t1 - t0)
    print("dataset: %s; loaded in %.2f s; %s" % (what, time.perf_counter() - t0,
                                                 ", ".join("%s %d" % kv for kv in
                                                           ds.counts().items() if kv[1])))
    as_of = args.as_of or ds.extracted_on or datetime.date(2026, 3, 31)
    handle = ds._sealed_handle()
    opts = {"as_of": _util.date_in(as_of, "as_of"), "group_by": c.CARE_GROUP_UNIT}

    ds.compliance(as_of=as_of, by="unit")  # warm up (indexes, caches)
    # Interleaved, so that every variant sees the same machine state (allocator, caches).
    variants = [
        lambda: c.care_report_new(c.CARE_REPORT_COMPLIANCE, handle, opts),
        lambda: c.care_report_to_json(c.care_report_new(c.CARE_REPORT_COMPLIANCE, handle,
                                                        opts)),
        lambda: ds.compliance(as_of=as_of, by="unit"),
        lambda: ds.compliance(as_of=as_of, by="unit").to_dict(),
        lambda: sum(1 for _ in ds.compliance(as_of=as_of, by="unit")),
    ]
    times = [[] for _ in variants]
    for _ in range(args.repeat):
        for i, fn in enumerate(variants):
            t0 = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - t0)
    raw, raw_json, py, py_dict, py_rows = (statistics.median(t) for t in times)
    report = ds.compliance(as_of=as_of, by="unit")
    print("compliance as of %s by unit: %d groups, %d rows, JSON %d bytes"
          % (as_of, len(report.groups), len(report), len(report.to_json())))
    print("  C (care_report_new)          %9.4f s" % raw)
    print("  C + to_json                  %9.4f s  (+%.1f%%)" % (raw_json,
                                                              100 * (raw_json - raw) / raw))
    print("  Python ds.compliance()       %9.4f s  (+%.1f%%)" % (py, 100 * (py - raw) / raw))
    print("  Python + to_dict()           %9.4f s  (+%.1f%%)" % (py_dict,
                                                              100 * (py_dict - raw) / raw))
    print("  Python, rows iterated        %9.4f s  (+%.1f%%)" % (py_rows,
                                                              100 * (py_rows - raw) / raw))
    print("overhead of the Python call: %.1f%% (ratio %.3f); with every figure converted to "
          "Python objects: %.1f%%" % (100 * (py - raw) / raw, py / raw,
                                      100 * (py_rows - raw) / raw))
    ds.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
