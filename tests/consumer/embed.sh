#!/bin/sh
# Build examples/embed/trust_status.c against an installed copy of the library, as a trust's
# developer would (cc $(pkg-config --cflags --libs libcare), and the CMake project beside it),
# run it on the ESR-style sample with its mapping, and check what it prints and writes against
# the `care` program on the sample trust's dataset file (the same dataset, docs/csv.md).
# Under valgrind too, when valgrind is installed.
#
#   sh tests/consumer/embed.sh BUILD_DIR CARE_PROGRAM      (CC and CMAKE may name the tools)
set -eu

build=${1:?usage: embed.sh BUILD_DIR CARE_PROGRAM}
care=${2:?usage: embed.sh BUILD_DIR CARE_PROGRAM}
root=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}

. "$(dirname "$0")/install.sh"
status=0
fail()
{
	echo "FAIL: $*"
	status=1
}

# Built as the README says, with the project's warnings on top.
# shellcheck disable=SC2046 # the flags are meant to split into words
"$CC" -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes -Wformat=2 \
	-Werror -o "$tmp/trust_status" "$root/examples/embed/trust_status.c" \
	$(PKG_CONFIG_PATH=$libdir/pkgconfig pkg-config --cflags --libs libcare) \
	-Wl,-rpath,"$libdir"
readelf -d "$tmp/trust_status" | grep -q 'NEEDED.*libcare\.so' ||
	fail "trust_status is not linked to libcare.so"

as_of=2026-03-31
competency=customer-care
cd "$root" # the defaults name examples/esr
if ! "$tmp/trust_status" -o "$tmp/report.json" >"$tmp/out" 2>"$tmp/err"; then
	fail "trust_status failed on examples/esr:"
	cat "$tmp/out" "$tmp/err"
	exit 1
fi
[ -s "$tmp/err" ] && { fail "trust_status complained about the sample:"; cat "$tmp/err"; }

# Every line against `care staff` on the same extract (CSV: staff, name, competency, status,
# expiring, expires_on, grace_end, overdue_since, ...; the sample's names hold no commas).
{
	printf 'staff\tname\tstatus\texpires_on\tgrace_end\toverdue_since\n'
	"$care" staff examples/esr --mapping examples/esr/mapping.json --as-of $as_of --competency $competency \
		--format csv | tail -n +2 | tr -d '"' |
		awk -F, -v OFS='\t' '{ for (i = 6; i <= 8; i++) if ($i == "") $i = "-";
			print $1, $2, $4, $6, $7, $8 }'
} >"$tmp/expected"
if ! cmp -s "$tmp/expected" "$tmp/out"; then
	fail "trust_status's statuses differ from care staff:"
	diff "$tmp/expected" "$tmp/out" | head -n 20 || :
fi
[ "$(wc -l <"$tmp/out")" -gt 100 ] || fail "trust_status printed $(wc -l <"$tmp/out") lines"
# A known person, worked out from the sample: S000003 did the e-learning on 2025-10-14, valid
# for three years.
grep -qx "S000003	Zoe Thornham	compliant	2028-10-14	-	-" "$tmp/out" ||
	fail "S000003's line is not there"

# The report: the JSON that `care report` makes of the dataset file, and JSON at all.
"$care" report examples/esr --mapping examples/esr/mapping.json --as-of $as_of --format json >"$tmp/care.json"
cmp -s "$tmp/care.json" "$tmp/report.json" ||
	fail "the report differs from care report --format json"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]));
assert r["report"] == "compliance" and r["as_of"] == sys.argv[2], r["as_of"]' \
		"$tmp/report.json" $as_of || fail "report.json is not the compliance report as JSON"
fi

# Errors as a developer should handle them: a message, no output file, exit status 1.
if "$tmp/trust_status" -m "$tmp/absent.json" -o "$tmp/no.json" examples/esr >/dev/null \
	2>"$tmp/err"; then
	fail "a missing mapping did not fail"
fi
grep -q 'absent.json' "$tmp/err" || fail "no message for a missing mapping: $(cat "$tmp/err")"
[ -e "$tmp/no.json" ] && fail "a report was written after a failed load"

# The CMake project beside it.
if "$CMAKE" -S examples/embed -B "$tmp/b" -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_C_COMPILER="$CC" >"$tmp/cmake.log" 2>&1 &&
	"$CMAKE" --build "$tmp/b" >>"$tmp/cmake.log" 2>&1; then
	LD_LIBRARY_PATH=$libdir "$tmp/b/trust_status" -o "$tmp/report2.json" >"$tmp/out2" ||
		fail "the CMake build of trust_status failed to run"
	cmp -s "$tmp/out" "$tmp/out2" || fail "the CMake build prints something else"
else
	fail "examples/embed/CMakeLists.txt did not build:"
	cat "$tmp/cmake.log"
fi

if command -v valgrind >/dev/null 2>&1; then
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
		"$tmp/trust_status" -o "$tmp/report3.json" >/dev/null 2>"$tmp/vg"; then
		echo "ok: valgrind"
	else
		fail "valgrind:"
		cat "$tmp/vg"
	fi
else
	echo "skipped: valgrind (not installed)"
fi
[ $status -eq 0 ] && echo "ok: examples/embed against the installed library"
exit $status
