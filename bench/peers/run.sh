#!/bin/sh
# care beside DuckDB on the same generated dataset, in one run:
#
#   sh bench/peers/run.sh [--staff N]        (default 150000: a few minutes)
#   sh bench/peers/run.sh --file FILE.json   (a dataset file made before, e.g. the national
#                                             one: care-gen --preset national --out FILE.json)
#
# Builds a Release tree in build-peers/ if it has no programs yet, installs @duckdb/node-api
# into bench/peers/node_modules (git-ignored; the library never uses it), generates
# `care-gen --preset national --staff N`, then, each under /usr/bin/time -v:
#
#   care          `care report FILE --as-of 2026-03-31 --by unit --format json` (end to end),
#                 and care-snapshot report FILE (the same calls, load and report timed apart);
#   snapshot      care-snapshot convert FILE FILE.care, then care-snapshot report FILE.care;
#   DuckDB        node bench/peers/duckdb.mjs FILE (split into NDJSON, load the NDJSON, then
#                 the SQL; its "end to end" is the load from NDJSON plus the query, as DuckDB
#                 would run on an export already in NDJSON; the split is printed apart);
#
# checks that DuckDB's and the snapshot's JSON equal care's (compare.py, key order
# normalised) and prints the times, the ratios and each one's peak memory. The machine may be
# shared: the load average is printed, and the figures are only as steady as it is.
set -eu
cd "$(dirname "$0")/../.."
staff=150000
given=
if [ "${1:-}" = --staff ] && [ -n "${2:-}" ]; then staff=$2; fi
if [ "${1:-}" = --file ] && [ -n "${2:-}" ]; then given=$2; fi
as_of=2026-03-31
build=${BUILD:-build-peers}
python=/usr/bin/python3

if [ ! -x "$build/examples/care" ] || [ ! -x "$build/bench/care-snapshot" ]; then
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCARE_BUILD_PYTHON=OFF \
		-DCARE_BUILD_TESTS=OFF -DPython3_EXECUTABLE=$python >/dev/null
	cmake --build "$build" --parallel 2 >/dev/null
fi
if [ ! -d bench/peers/node_modules/@duckdb/node-api ]; then
	npm install --prefix bench/peers --no-audit --no-fund @duckdb/node-api >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/care-peers.XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$work/data.json

# run NAME COMMAND...: stdout to $work/NAME.out, the timings and /usr/bin/time -v to NAME.err
run()
{
	name=$1
	shift
	/usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.err"
}
wall()
{
	# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:12.34" in seconds
	sed -n 's/.*Elapsed (wall clock) time.*: //p' "$work/$1.err" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
peak() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$1.err" | awk '{ printf "%.0f", $1 / 1024 }'; }
phase() { sed -n "s/^$2 //p" "$work/$1.err" | head -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "-" }'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$given" ]; then
	data=$given
	echo "dataset file: $data"
else
	echo "generating: care-gen --preset national --staff $staff"
	"$build/bench/care-gen" --preset national --staff "$staff" --out "$data" >/dev/null 2>"$work/gen.err"
fi
echo "dataset file: $(du -m "$data" | cut -f1) MB"

run care "$build/examples/care" report "$data" --as-of $as_of --by unit --format json
run care_split "$build/bench/care-snapshot" report "$data" --as-of $as_of
run convert "$build/bench/care-snapshot" convert "$data" "$work/data.care"
run snapshot "$build/bench/care-snapshot" report "$work/data.care" --as-of $as_of
run duckdb node bench/peers/duckdb.mjs "$data" $as_of "$work/duckdb.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

printf 'DuckDB   vs care: '
$python bench/peers/compare.py "$work/care.out" "$work/duckdb.json"
printf 'snapshot vs care: '
$python bench/peers/compare.py "$work/care.out" "$work/snapshot.out"

care_load=$(phase care_split load)
care_report=$(phase care_split report)
care_e2e=$(wall care)
snap_open=$(phase snapshot open)
snap_report=$(phase snapshot report)
snap_e2e=$(wall snapshot)
duck_split=$(phase duckdb split)
duck_load=$(phase duckdb load)
duck_report=$(phase duckdb report)
duck_e2e=$(awk -v a="$duck_load" -v b="$duck_report" 'BEGIN { printf "%.2f", a + b }')
echo
echo "snapshot: $(du -m "$work/data.care" | cut -f1) MB, written in $(phase convert save) s"
echo
printf '%-34s %10s %10s %10s %8s\n' "" "load (s)" "report (s)" "end (s)" "peak MB"
printf '%-34s %10s %10s %10s %8s\n' "care report FILE.json" "$care_load" "$care_report" "$care_e2e" "$(peak care)"
printf '%-34s %10s %10s %10s %8s\n' "care, snapshot (open)" "$snap_open" "$snap_report" "$snap_e2e" "$(peak snapshot)"
printf '%-34s %10s %10s %10s %8s\n' "DuckDB $(node -p 'require("./bench/peers/node_modules/@duckdb/node-api/package.json").version')" \
	"$duck_load" "$duck_report" "$duck_e2e" "$(peak duckdb)"
echo "(DuckDB's split of the dataset file into NDJSON, not counted above: $duck_split s)"
echo
echo "DuckDB / care (JSON):     load $(ratio "$duck_load" "$care_load")x, report $(ratio "$duck_report" "$care_report")x, end to end $(ratio "$duck_e2e" "$care_e2e")x"
echo "DuckDB / care (snapshot): load $(ratio "$duck_load" "$snap_open")x, report $(ratio "$duck_report" "$snap_report")x, end to end $(ratio "$duck_e2e" "$snap_e2e")x"
