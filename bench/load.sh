#!/bin/sh
# The loader's speed on one dataset file, best of N runs:
#
#   sh bench/load.sh BUILD_DIR FILE.json [RUNS]
#
# Runs `care report FILE --as-of 2026-03-31 --by unit > /dev/null` (almost all of which is the
# load: the report itself is a fraction of a second) RUNS times (default 3) under
# /usr/bin/time, and prints for each run the load average before it, wall, user and system
# seconds and peak resident memory, then the best wall time with the file's size in MB/s.
# Make a file with `BUILD_DIR/bench/care-gen --preset national --staff 150000 --out FILE`.
# On a shared machine the figures are noisy: compare builds run close together, by best of.
set -u

if [ $# -lt 2 ]; then
	echo "usage: sh bench/load.sh BUILD_DIR FILE.json [RUNS]" >&2
	exit 2
fi
build=$1
file=$2
runs=${3:-3}
care=$build/examples/care
[ -x "$care" ] || { echo "bench/load.sh: no $care" >&2; exit 2; }
[ -f "$file" ] || { echo "bench/load.sh: no $file" >&2; exit 2; }
bytes=$(wc -c < "$file")
tmp=$(mktemp)
best=
i=1
while [ "$i" -le "$runs" ]; do
	load=$(cut -d' ' -f1 /proc/loadavg)
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp" "$care" report "$file" --as-of 2026-03-31 \
	    --by unit > /dev/null; then
		echo "bench/load.sh: care report failed" >&2
		rm -f "$tmp"
		exit 1
	fi
	set -- $(tail -n 1 "$tmp")
	printf 'run %d: load average %s, %s s wall, %s s user, %s s system, peak %d MB\n' \
	    "$i" "$load" "$1" "$2" "$3" $(( $4 / 1024 ))
	if [ -z "$best" ] || [ "$(echo "$1 < $best" | bc)" = 1 ]; then
		best=$1
	fi
	i=$((i + 1))
done
rm -f "$tmp"
printf 'best: %s s for %d MB, %s MB/s\n' "$best" $(( bytes / 1000000 )) \
    "$(echo "scale=0; $bytes / 1000000 / $best" | bc)"
