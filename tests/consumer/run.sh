#!/bin/sh
# Install a build into a temporary prefix and build tests/consumer/main.c against it four ways:
# pkg-config shared and static (--static), the CMake package's libcare::care and
# libcare::care_static. Each program must run and print the expected lines.
#
#   sh tests/consumer/run.sh BUILD_DIR VERSION      (CC and CMAKE may name the tools)
set -eu

build=${1:?usage: run.sh BUILD_DIR VERSION}
version=${2:?usage: run.sh BUILD_DIR VERSION}
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}

. "$(dirname "$0")/install.sh"
config=$(find "$prefix" -name libcareConfig.cmake | head -n 1)
[ -n "$config" ] || { echo "FAIL: libcareConfig.cmake was not installed"; exit 1; }
for f in include/care.h include/care/common.h; do
	[ -f "$prefix/$f" ] || { echo "FAIL: $f was not installed"; exit 1; }
done

printf 'libcare %s\nunits 1, issues 0\n' "$version" >"$tmp/expected"
status=0

# check NAME PROGRAM shared|static: run it, compare its output, and check how it links libcare.
check()
{
	if ! LD_LIBRARY_PATH=$libdir "$2" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL: $1: the program failed:"
		cat "$tmp/out" "$tmp/err"
		status=1
		return
	fi
	if ! cmp -s "$tmp/expected" "$tmp/out"; then
		echo "FAIL: $1: unexpected output:"
		diff "$tmp/expected" "$tmp/out" || :
		status=1
		return
	fi
	needed=$(readelf -d "$2" | grep -c 'NEEDED.*libcare\.so' || :)
	if [ "$3" = shared ] && [ "$needed" -eq 0 ]; then
		echo "FAIL: $1: not linked to libcare.so"
		status=1
	elif [ "$3" = static ] && [ "$needed" -ne 0 ]; then
		echo "FAIL: $1: linked to libcare.so instead of libcare.a"
		status=1
	else
		echo "ok: $1"
	fi
}

pc()
{
	PKG_CONFIG_PATH=$libdir/pkgconfig pkg-config "$@"
}

[ "$(pc --modversion libcare)" = "$version" ] ||
	{ echo "FAIL: pkg-config --modversion libcare: $(pc --modversion libcare)"; status=1; }

# pkg-config, shared library.
# shellcheck disable=SC2046 # the flags are meant to split into words
"$CC" -std=c11 -Wall -Wextra -Werror -o "$tmp/pc-shared" "$here/main.c" \
	$(pc --cflags --libs libcare) -Wl,-rpath,"$libdir"
check "pkg-config, shared" "$tmp/pc-shared" shared

# pkg-config --static: the archive (named, since -lcare would pick the .so) and its private
# dependencies.
static_libs=$(pc --static --libs libcare | sed 's/\(^\|[[:space:]]\)-lcare\([[:space:]]\|$\)/\1-l:libcare.a\2/')
# shellcheck disable=SC2046,SC2086
"$CC" -std=c11 -Wall -Wextra -Werror -o "$tmp/pc-static" "$here/main.c" \
	$(pc --cflags libcare) $static_libs
check "pkg-config --static" "$tmp/pc-static" static

# The CMake package, found through CMAKE_PREFIX_PATH alone.
if "$CMAKE" -S "$here" -B "$tmp/b" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$CC" \
	>"$tmp/cmake.log" 2>&1 && "$CMAKE" --build "$tmp/b" >>"$tmp/cmake.log" 2>&1; then
	found=$(sed -n 's/^libcare_DIR:PATH=//p' "$tmp/b/CMakeCache.txt")
	case $found in
	"$prefix"/*) ;;
	*) echo "FAIL: find_package(libcare) found $found, not the install in $prefix"; status=1 ;;
	esac
	check "CMake libcare::care" "$tmp/b/consumer" shared
	check "CMake libcare::care_static" "$tmp/b/consumer_static" static
else
	echo "FAIL: the CMake consumer did not build:"
	cat "$tmp/cmake.log"
	status=1
fi
exit $status
