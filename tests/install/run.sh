#!/bin/sh
# The installed `care` runs without LD_LIBRARY_PATH, from any prefix, and the manual pages are
# installed: cmake --install the build to a temporary prefix, run PREFIX/bin/care --version
# and a report, move the whole tree and run it again (the RPATH is relative), and format
# care(1) and libcare(3) with groff's warnings on.
#
#   sh tests/install/run.sh BUILD_DIR [CMAKE]
set -u
build=$1
cmake=${2:-cmake}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail()
{
	echo "FAIL: $*"
	failures=$((failures + 1))
}

if ! "$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1; then
	cat "$tmp/install.log"
	echo "FAIL: cmake --install"
	exit 1
fi
[ -x "$tmp/prefix/bin/care" ] || {
	echo "FAIL: cmake --install did not install bin/care"
	exit 1
}

# run WHERE: care --version and a report from the tree at WHERE, with no library path.
run()
{
	if ! env -u LD_LIBRARY_PATH "$1/bin/care" --version >"$tmp/version" 2>&1; then
		fail "$1/bin/care --version: $(head -c 300 "$tmp/version")"
	elif ! grep -q '^care (libcare) [0-9]' "$tmp/version"; then
		fail "care --version printed: $(cat "$tmp/version")"
	fi
	if ! env -u LD_LIBRARY_PATH "$1/bin/care" report examples/data/sample-trust.json \
		--as-of 2026-03-31 --format json >"$tmp/report" 2>"$tmp/err"; then
		fail "$1/bin/care report: $(head -c 300 "$tmp/err")"
	fi
	# The library that the loader finds is the installed one, not the build tree's.
	if command -v ldd >/dev/null 2>&1; then
		lib=$(env -u LD_LIBRARY_PATH ldd "$1/bin/care" | awk '/libcare\.so/ { print $3 }')
		case $lib in
		"$1"/*) ;;
		*) fail "care loads libcare from '$lib', not from $1" ;;
		esac
	fi
}

run "$tmp/prefix"
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$tmp/prefix/bin/care" | grep -E 'RUNPATH|RPATH' >"$tmp/rpath"
	grep -q '\$ORIGIN/\.\./' "$tmp/rpath" || fail "bin/care's RPATH is not \$ORIGIN-relative:" \
		"$(cat "$tmp/rpath")"
fi
mv "$tmp/prefix" "$tmp/moved"
run "$tmp/moved"

for page in share/man/man1/care.1 share/man/man3/libcare.3; do
	if [ ! -f "$tmp/moved/$page" ]; then
		fail "$page is not installed"
	elif command -v groff >/dev/null 2>&1; then
		groff -man -Tutf8 -ww -z "$tmp/moved/$page" 2>"$tmp/groff"
		[ -s "$tmp/groff" ] && fail "$page: $(head -3 "$tmp/groff")"
	fi
done

[ $failures -eq 0 ] || exit 1
echo "install: care --version and a report run from two prefixes without LD_LIBRARY_PATH;" \
	"care(1) and libcare(3) installed"
