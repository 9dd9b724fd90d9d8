#!/usr/bin/python3
"""Run the data-driven `care` report cases and compare their JSON output.

Usage:  run_cases.py CARE_BINARY CASES_DIR [CASE-NAME ...]

CASES_DIR holds one folder per case set, each with
  dataset.json  a libcare dataset file;
  cases.json    a list of cases: {"args": [...], "expected": {...}, "why": "...",
                "exit": N (default 0), "stderr_contains": "..." (optional)}.

args[0] is the subcommand; the dataset path is inserted after it, so the program is run as
  CARE_BINARY args[0] CASES_DIR/<set>/dataset.json args[1:]

When "expected" is present, standard output must be one JSON value that matches it:
  - objects: every field of the expected object is present in the actual one and matches it
    (the actual object may carry extra fields);
  - arrays: same length, elements matched in order;
  - integers compared exactly, other numbers with a relative tolerance of 1e-12;
  - booleans, strings and null compared exactly (true is not 1).
Each mismatch is printed with its path, e.g. `groups[2].competencies[0].overdue: expected 3,
got 4`. The last line is `N passed, M failed`; the exit status is 1 when any case failed.

Naming folders after the program (CASE-NAME ...) runs only those case sets.
"""

import json
import math
import os
import subprocess
import sys

REL_TOL = 1e-12
MAX_DIFFS = 20


def kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def show(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def numbers_equal(expected, actual):
    if isinstance(expected, int) and isinstance(actual, int):
        return expected == actual
    e, a = float(expected), float(actual)
    if math.isnan(e) or math.isnan(a):
        return False
    if e == a:
        return True
    return abs(e - a) <= REL_TOL * max(abs(e), abs(a))


def compare(expected, actual, path, diffs):
    """Append to diffs a line for every place where actual does not match expected."""
    where = path or "(top)"
    ek, ak = kind(expected), kind(actual)
    if ek != ak:
        diffs.append("%s: expected %s, got %s" % (where, show(expected), show(actual)))
        return
    if ek == "object":
        for key, value in expected.items():
            sub = "%s.%s" % (path, key) if path else key
            if key not in actual:
                diffs.append("%s: missing (expected %s)" % (sub, show(value)))
            else:
                compare(value, actual[key], sub, diffs)
    elif ek == "array":
        if len(expected) != len(actual):
            diffs.append("%s: expected %d elements, got %d: %s" %
                         (where, len(expected), len(actual), show(actual)))
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, "%s[%d]" % (path, i), diffs)
    elif ek == "number":
        if not numbers_equal(expected, actual):
            diffs.append("%s: expected %s, got %s" % (where, show(expected), show(actual)))
    elif expected != actual:
        diffs.append("%s: expected %s, got %s" % (where, show(expected), show(actual)))


def run_case(care, dataset, case):
    """Return the list of problems of one case (empty when it passes)."""
    args = case.get("args")
    if not isinstance(args, list) or not args or not all(isinstance(a, str) for a in args):
        return ["the case has no usable \"args\" (a non-empty list of strings)"]
    argv = [care, args[0], dataset] + args[1:]
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as err:
        return ["could not run %s: %s" % (care, err)]
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    problems = []
    want_exit = case.get("exit", 0)
    if proc.returncode != want_exit:
        problems.append("exit status: expected %d, got %d" % (want_exit, proc.returncode))
        if err.strip():
            problems.append("stderr: " + err.strip().splitlines()[0])
    needle = case.get("stderr_contains")
    if needle is not None and needle not in err:
        problems.append("stderr does not contain %s: %s" % (show(needle), show(err.strip())))
    if "expected" in case:
        try:
            actual = json.loads(out)
        except ValueError as error:
            problems.append("stdout is not JSON (%s): %s" % (error, out[:200]))
            return problems
        diffs = []
        compare(case["expected"], actual, "", diffs)
        if len(diffs) > MAX_DIFFS:
            diffs = diffs[:MAX_DIFFS] + ["... and %d more" % (len(diffs) - MAX_DIFFS)]
        problems.extend(diffs)
    return problems


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: run_cases.py CARE_BINARY CASES_DIR [CASE-NAME ...]\n")
        return 2
    care, root, only = argv[1], argv[2], set(argv[3:])
    if not os.access(care, os.X_OK):
        sys.stderr.write("run_cases.py: %s is not an executable program\n" % care)
        return 2
    if not os.path.isdir(root):
        sys.stderr.write("run_cases.py: %s is not a folder\n" % root)
        return 2
    sets = sorted(d for d in os.listdir(root)
                  if os.path.isfile(os.path.join(root, d, "cases.json")))
    if only:
        missing = only.difference(sets)
        if missing:
            sys.stderr.write("run_cases.py: no case set %s\n" % ", ".join(sorted(missing)))
            return 2
        sets = [s for s in sets if s in only]
    passed = failed = 0
    for name in sets:
        folder = os.path.join(root, name)
        dataset = os.path.join(folder, "dataset.json")
        with open(os.path.join(folder, "cases.json"), encoding="utf-8") as f:
            cases = json.load(f)
        for i, case in enumerate(cases):
            label = "%s[%d]" % (name, i)
            problems = run_case(care, dataset, case)
            why = case.get("why", "")
            if problems:
                failed += 1
                print("FAIL %s: %s" % (label, why))
                args = case.get("args")
                if isinstance(args, list) and args:
                    print("     care %s" % " ".join([str(args[0]), dataset] + [str(a) for a in args[1:]]))
                for p in problems:
                    print("     " + p)
            else:
                passed += 1
                print("ok   %s: %s" % (label, why))
    print("%d passed, %d failed" % (passed, failed))
    if passed + failed == 0:
        sys.stderr.write("run_cases.py: no cases found under %s\n" % root)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
