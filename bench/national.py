#!/usr/bin/env python3
"""The national run's benchmark: N trust files on Dask with 1, 2, ... workers, and the same
report made in one process over the union of the trusts' records.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/national.py \\
        --care-gen build/bench/care-gen --trusts 150 --staff 10000 --dir /tmp/national

Generates the trusts into --dir when they are not there yet (care-gen --trusts N --staff M
--out-dir DIR; 150 x 10,000 is the national preset, about 5 GB), then times:

* the Dask run (libcare.national.run on a LocalCluster of W processes, one thread each) for
  each W of --workers: the wall time of the run itself, the cluster's start-up apart;
* the union: every trust's records spliced into one dataset file (the files are written one
  record per line, so this is text work, no JSON parsing), then loaded and reported in this
  process, the report on one thread and on every core.

It checks that the Dask report equals the union's report (compliance, no grouping) and
prints a table. The machine's other load makes the times noisy: run it more than once.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time

import libcare
from libcare import national

SECTIONS = ("units", "roles", "modules", "staff", "completions", "interactions", "complaints")
SHARED = ("roles", "modules")  # the one catalogue every synthetic trust has


def generate(care_gen, trusts, staff, folder):
    want = ["R%03d.json" % i for i in range(trusts)]
    if all(os.path.exists(os.path.join(folder, f)) for f in want):
        return False
    os.makedirs(folder, exist_ok=True)
    subprocess.run([care_gen, "--preset", "national", "--trusts", str(trusts), "--staff",
                    str(staff), "--out-dir", folder], check=True)
    return True


def sections(path):
    """{section: [record lines]} of a dataset file written by libcare (one record a line),
    and its header lines."""
    out, head, current = {}, [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if current is None:
                for name in SECTIONS:
                    if line.startswith('"%s":[' % name):
                        current = name
                        out[name] = []
                        if line.endswith("[],") or line.endswith("[]}"):
                            current = None
                        break
                else:
                    head.append(line)
                continue
            if line in ("],", "]}"):
                current = None
                continue
            out[current].append(line[:-1] if line.endswith(",") else line)
    return head, out


def write_union(paths, out_path):
    """Splice every trust's records into one dataset file (roles and modules once),
    reading each file once; returns the number of records of each list."""
    import tempfile
    tmp = {name: tempfile.TemporaryFile("w+", encoding="utf-8") for name in SECTIONS}
    counts = dict.fromkeys(SECTIONS, 0)
    head = None
    for i, p in enumerate(paths):
        h, recs = sections(p)
        if head is None:
            head = [l for l in h if not l.startswith('"organisation"')]
        for name in SECTIONS:
            if name in SHARED and i > 0:
                continue
            for rec in recs.get(name, []):
                tmp[name].write((",\n" if counts[name] else "") + rec)
                counts[name] += 1
        del recs
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(head[0] + "\n" + head[1] + "\n")
        out.write('"organisation":{"ods_code":"ALL","name":"Every trust"},\n')
        out.write("\n".join(head[2:]) + "\n")
        for name in SECTIONS:
            out.write('"%s":[\n' % name)
            tmp[name].seek(0)
            while True:
                chunk = tmp[name].read(1 << 20)
                if not chunk:
                    break
                out.write(chunk)
            tmp[name].close()
            out.write("\n]%s\n" % ("}" if name == SECTIONS[-1] else ","))
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--care-gen", default="build/bench/care-gen")
    ap.add_argument("--trusts", type=int, default=150)
    ap.add_argument("--staff", type=int, default=10000)
    ap.add_argument("--dir", default="/tmp/national")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--as-of", type=datetime.date.fromisoformat,
                    default=datetime.date(2026, 3, 31))
    ap.add_argument("--no-union", action="store_true")
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    t = time.monotonic()
    if generate(args.care_gen, args.trusts, args.staff, args.dir):
        print("generated %d trusts x %d staff in %.0f s" % (args.trusts, args.staff,
                                                           time.monotonic() - t))
    paths = ["%s/R%03d.json" % (args.dir, i) for i in range(args.trusts)]
    size = sum(os.path.getsize(p) for p in paths)
    print("%d trust files, %.2f GB" % (len(paths), size / 1e9))

    rows, dask_report, base = [], None, None
    for w in [int(x) for x in args.workers.split(",")]:
        t = time.monotonic()
        cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        started = time.monotonic() - t
        t = time.monotonic()
        dask_report = national.run(paths, as_of=args.as_of, client=client, progress=False)
        took = time.monotonic() - t
        client.close()
        cluster.close()
        assert not dask_report.failed, dask_report.failed
        base = base or took
        rows.append(("Dask, %d worker%s" % (w, "" if w == 1 else "s"), took,
                     "speed-up %.2fx (cluster start %.1f s)" % (base / took, started)))
        print("%-28s %7.1f s  %s" % rows[-1], flush=True)

    if not args.no_union:
        union_path = os.path.join(os.path.dirname(os.path.abspath(args.dir)),
                                  os.path.basename(os.path.abspath(args.dir)) + "-union.json")
        t = time.monotonic()
        counts = write_union(paths, union_path)
        rows.append(("union: splice the files", time.monotonic() - t,
                     "%d staff, %d completions" % (counts["staff"], counts["completions"])))
        print("%-28s %7.1f s  %s" % rows[-1], flush=True)
        t = time.monotonic()
        with libcare.Dataset.load(union_path) as ds:
            rows.append(("union: load", time.monotonic() - t, ""))
            print("%-28s %7.1f s  %s" % rows[-1], flush=True)
            for threads in (1, 0):
                t = time.monotonic()
                union = ds.compliance(as_of=args.as_of, threads=threads)
                rows.append(("union: report, %s" % ("1 thread" if threads else "all cores"),
                             time.monotonic() - t, ""))
                print("%-28s %7.1f s  %s" % rows[-1], flush=True)
        same = dask_report is None or union.to_dict() == dask_report.to_dict()
        print("the Dask report %s the union's" % ("equals" if same else "DIFFERS FROM"))
        os.remove(union_path)
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
