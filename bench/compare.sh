#!/bin/sh
# The bench figures to compare two builds on one machine (before and after a
# refactor):
#
#   sh bench/compare.sh BUILD_DIR OUT_FILE
#
# BUILD_DIR is a Release build with the benchmark and the command-line program,
# e.g. `cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DCARE_BUILD_PYTHON=OFF
# && cmake --build build-rel --parallel 2`. It runs, and writes to OUT_FILE:
#
#   1. care-bench --staff 150000, twice (about a minute each);
#   2. care-gen --preset national --staff 150000 (the benchmark's dataset at a
#      tenth of the national size, about 3 million completions) to a
#      temporary file, timed;
#   3. `care report FILE --as-of 2026-03-31 --by unit > /dev/null`, twice,
#      under /usr/bin/time -v (wall time and peak memory);
#   4. checksums of the generated file and of the report's text, and a cmp of
#      care-gen's sample files with examples/data: none may change in a
#      refactor.
#
# Each run is preceded by the load average: on a shared machine the figures
# are noisy, so compare runs made close together and read the best of each.
set -u

if [ $# -ne 2 ]; then
	echo "usage: sh bench/compare.sh BUILD_DIR OUT_FILE" >&2
	exit 2
fi
build=$1
out=$2
staff=150000
as_of=2026-03-31 # the national preset's extract date
for exe in bench/care-bench bench/care-gen examples/care; do
	if [ ! -x "$build/$exe" ]; then
		echo "compare.sh: $build/$exe: not built" >&2
		exit 2
	fi
done
if [ ! -x /usr/bin/time ]; then
	echo "compare.sh: /usr/bin/time is needed (apt-get install time)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/care-compare.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
data=$tmp/national-$staff.json
: >"$out" || exit 1

say() { printf '%s\n' "$*" >>"$out"; }
load() { say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
# The lines of /usr/bin/time -v worth comparing.
timings() {
	grep -E 'Elapsed \(wall|User time|System time|Maximum resident|Exit status' "$1" >>"$out"
}

say "== compare.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
say "build: $(cd "$build" && pwd)"
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt" 2>/dev/null)
if [ -n "$src" ]; then
	say "source: $src, commit $(git -C "$src" rev-parse --short HEAD 2>/dev/null)" \
	    "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo '(with changes)')"
fi
say "build type: $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)"
say "machine: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"

for run in 1 2; do
	say ""
	say "== care-bench --staff $staff (run $run)"
	load
	"$build/bench/care-bench" --staff $staff >>"$out" 2>&1
	say "exit status: $?"
done

say ""
say "== care-gen --preset national --staff $staff --out FILE"
load
/usr/bin/time -v "$build/bench/care-gen" --preset national --staff $staff --out "$data" \
    2>"$tmp/gen.err"
grep '^care-gen: /' "$tmp/gen.err" | sed "s|$tmp/||" >>"$out"
timings "$tmp/gen.err"
say "file: $(wc -c <"$data") bytes, sha256 $(sha256sum <"$data" | cut -d' ' -f1)"

for run in 1 2; do
	say ""
	say "== care report FILE --as-of $as_of --by unit > /dev/null (run $run)"
	load
	/usr/bin/time -v "$build/examples/care" report "$data" --as-of $as_of --by unit \
	    >/dev/null 2>"$tmp/report.err"
	timings "$tmp/report.err"
done

say ""
say "== the report's text (untimed), for checking that it did not change"
"$build/examples/care" report "$data" --as-of $as_of --by unit >"$tmp/report.txt" 2>&1
say "exit status: $?, sha256 $(sha256sum <"$tmp/report.txt" | cut -d' ' -f1)"
head -n 5 "$tmp/report.txt" >>"$out"

say ""
say "== care-gen --preset sample (the bundled sample files, which must not change)"
"$build/bench/care-gen" --preset sample --out "$tmp/sample.json" --errors "$tmp/errors.json" \
    2>/dev/null
say "exit status: $?"
for f in sample.json:sample-trust.json errors.json:sample-with-errors.json; do
	made=${f%%:*} bundled=${f#*:}
	if [ -n "$src" ] && cmp -s "$tmp/$made" "$src/examples/data/$bundled"; then
		say "$bundled: byte-identical to examples/data"
	else
		say "$bundled: DIFFERS from examples/data (or no source tree)"
	fi
done
echo "compare.sh: wrote $out" >&2
