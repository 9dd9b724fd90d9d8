"""National runs: one report over many trusts' dataset files, on Dask (docs/national.md).

Every trust is a task — load its file, make its report, serialise it — and the reports are
merged in a tree (``split_every`` at a time) until one is left: the national report. The
tasks send only the compact serialised reports (:meth:`Report.to_bytes`), never a dataset::

    import datetime, libcare.national as national
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=4, threads_per_worker=1, dashboard_address=None) as cluster, \\
            Client(cluster) as client:
        report = national.run("/data/trusts/*.json", as_of=datetime.date(2026, 3, 31),
                              by="organisation", client=client)
    report.failed        # {path: message} of the trusts whose file or report failed
    report.trusts        # the paths whose reports were merged

Reports of different organisations merge with their unit, role and manager keys qualified by
the organisation's ODS code ("RXX:PA"); ``by="organisation"`` gives each trust's totals.
Needs Dask (Debian: python3-dask, and python3-distributed for a cluster).
"""

import glob
import os
import uuid

from .errors import Error, UsageError
from .dataset import Dataset
from .reports import from_bytes

__all__ = ["KINDS", "dataset_paths", "trust_part", "merge_parts", "graph", "run",
           "run_serial"]

# The report kinds, and the Dataset method that makes each.
KINDS = ("compliance", "trend", "staff", "outcomes", "complaints", "forecast")


def dataset_paths(paths):
    """The dataset files of `paths`: a directory (its ``*.json``), a glob pattern, one path,
    or a list of any of those; sorted, each once."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found = []
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            found.extend(glob.glob(os.path.join(p, "*.json")))
        elif glob.has_magic(p):
            found.extend(glob.glob(p))
        else:
            found.append(p)
    out = sorted(set(found))
    if not out:
        raise UsageError("no dataset files in %r" % (paths,))
    return out


def _check_kind(kind):
    if kind not in KINDS:
        raise UsageError("kind must be one of %s, not %r" % (", ".join(KINDS), kind))


def trust_part(path, kind="compliance", options=None):
    """One trust's task: load `path`, make its `kind` report with `options` (the keywords of
    the Dataset method, e.g. ``as_of=``, ``by=``) and serialise it. Returns a part:
    ``(report bytes, {}, [path])``, or ``(None, {path: message}, [])`` when the file cannot
    be loaded or the report cannot be made."""
    _check_kind(kind)
    try:
        with Dataset.load(path) as ds:
            report = getattr(ds, kind)(**dict(options or {}))
        return (report.to_bytes(), {}, [path])
    except (Error, OSError) as e:
        return (None, {path: "%s: %s" % (type(e).__name__, e)}, [])


def merge_parts(*parts):
    """Merge parts of :func:`trust_part` (or of this function) into one part."""
    merged, failed, trusts = None, {}, []
    for data, part_failed, part_trusts in parts:
        failed.update(part_failed)
        trusts.extend(part_trusts)
        if data is None:
            continue
        report = from_bytes(data)
        merged = report if merged is None else merged.merge(report)
    return (None if merged is None else merged.to_bytes(), failed, sorted(trusts))


def _finish(part):
    data, failed, trusts = part
    if data is None:
        raise UsageError("no trust's report could be made: %s" % "; ".join(
            "%s: %s" % kv for kv in sorted(failed.items())))
    report = from_bytes(data)
    report.failed = dict(sorted(failed.items()))
    report.trusts = list(trusts)
    return report


def graph(paths, kind="compliance", split_every=8, **options):
    """The Dask delayed graph of a national run: one task per trust (load, report,
    serialise), then a tree of merges, ``split_every`` parts at a time. Computing it gives
    a part (report bytes, failures, trusts); :func:`run` turns that into the report."""
    import dask

    _check_kind(kind)
    if split_every < 2:
        raise UsageError("split_every must be at least 2")
    options.setdefault("threads", 1)  # Dask runs the trusts side by side
    paths = dataset_paths(paths)
    # Keys unique to this run: a client keeps the results of keys it has seen, and two runs
    # whose keys were only "trust-0", "merge-0-0", ... would share each other's results.
    run_id = "%s-%s" % (dask.base.tokenize(paths, kind, options, split_every),
                        uuid.uuid4().hex[:8])
    parts = [dask.delayed(trust_part, pure=True)(p, kind, options,
                                                 dask_key_name="trust-%s-%d" % (run_id, i))
             for i, p in enumerate(paths)]
    level = 0
    while len(parts) > 1:
        parts = [dask.delayed(merge_parts, pure=True)(
            *parts[i:i + split_every],
            dask_key_name="merge-%s-%d-%d" % (run_id, level, i))
            for i in range(0, len(parts), split_every)]
        level += 1
    if len(parts) == 1 and level == 0:
        parts = [dask.delayed(merge_parts)(parts[0], dask_key_name="merge-%s-0-0" % run_id)]
    return parts[0]


def run(paths, kind="compliance", *, client=None, workers=None, progress=True, split_every=8,
        **options):
    """The national `kind` report over the dataset files of `paths` (see
    :func:`dataset_paths`), with the Dataset method's options (``as_of=``, ``by=``,
    ``min_cell=``, filters). Runs on the ``distributed.Client`` given, or else on Dask's
    local process pool (`workers` processes; default: one per core). `progress` shows
    Dask's own progress bar. Returns the report, with ``failed`` ({path: message} of the
    trusts that could not be loaded or reported) and ``trusts`` (the paths merged); raises
    :class:`UsageError` when no trust could be reported at all."""
    g = graph(paths, kind, split_every, **options)
    if client is not None:
        future = client.compute(g)
        if progress:
            from distributed import progress as show_progress
            show_progress(future)
        return _finish(future.result())
    import dask
    from dask.diagnostics import ProgressBar

    kwargs = {"scheduler": "processes"}
    if workers:
        kwargs["num_workers"] = int(workers)
    if progress:
        with ProgressBar():
            part = dask.compute(g, **kwargs)[0]
    else:
        part = dask.compute(g, **kwargs)[0]
    return _finish(part)


def run_serial(paths, kind="compliance", **options):
    """The same national report made in this process, one trust after another, without
    Dask: what :func:`run` must equal."""
    options.setdefault("threads", 1)
    parts = [trust_part(p, kind, options) for p in dataset_paths(paths)]
    return _finish(merge_parts(*parts))
