#!/bin/sh
# The exported symbols of the shared library are the public API and nothing else.
#
#   sh tests/check_exports.sh LIBRARY    compare three lists and fail when they differ:
#        the CARE_API declarations of include/care/*.h, the checked-in tests/exports.txt
#        and what `nm -D --defined-only LIBRARY` shows
#   sh tests/check_exports.sh --update   rewrite tests/exports.txt from the headers
#
# tests/exports.txt is checked in so that a change to the exported API shows in review as a
# change to that file: declare the function with CARE_API in a header, then run --update.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
list=$root/tests/exports.txt
NM=${NM:-nm}

# Names declared with CARE_API, comments and preprocessor lines removed: the identifier before
# the first '(' of a function declaration, or the last one before ';' of a variable.
declared()
{
	perl -0777 -ne '
		s{/\*.*?\*/}{ }gs;
		s{//[^\n]*}{}g;
		s{^[ \t]*#(?:[^\n]*\\\n)*[^\n]*}{}gm;
		while (/\bCARE_API\b([^;{]*)/g) {
			my $decl = $1;
			if ($decl =~ /^([^(]*?)(\w+)\s*\(/s) { print "$2\n"; }
			elsif ($decl =~ /(\w+)\s*(?:\[[^\]]*\]\s*)*$/s) { print "$1\n"; }
		}' "$root"/include/care/*.h | LC_ALL=C sort -u
}

if [ "${1:-}" = --update ]; then
	declared >"$list"
	echo "wrote tests/exports.txt: $(wc -l <"$list") symbols"
	exit 0
fi
if [ $# -ne 1 ]; then
	echo "usage: sh tests/check_exports.sh LIBRARY | --update" >&2
	exit 2
fi
lib=$1
[ -f "$lib" ] || { echo "FAIL: $lib: no such library"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declared >"$tmp/declared"
"$NM" -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | sed 's/@.*//' |
	LC_ALL=C sort -u >"$tmp/exported"
[ -f "$list" ] || : >"$list"

status=0
if ! cmp -s "$list" "$tmp/declared"; then
	echo "FAIL: tests/exports.txt differs from the CARE_API declarations in include/care/*.h"
	echo "      (- only in exports.txt, + only in the headers; if the change is meant,"
	echo "      run 'sh tests/check_exports.sh --update' and commit the list):"
	diff "$list" "$tmp/declared" | sed -n 's/^</  -/p; s/^>/  +/p'
	status=1
fi
if grep -v '^care_' "$tmp/exported" >"$tmp/foreign"; then
	echo "FAIL: $(basename "$lib") exports symbols without the care_ prefix"
	echo "      (missing static, or visibility lost):"
	sed 's/^/  /' "$tmp/foreign"
	status=1
fi
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
	echo "FAIL: $(basename "$lib") exports a different set from the headers"
	echo "      (- declared but not exported: not implemented yet or not CARE_API in the .c;"
	echo "      + exported but not declared in a public header):"
	diff "$tmp/declared" "$tmp/exported" | sed -n 's/^</  -/p; s/^>/  +/p'
	status=1
fi
if [ $status -eq 0 ]; then
	echo "ok: $(wc -l <"$tmp/exported") exported symbols, all care_, all declared and listed"
fi
exit $status
