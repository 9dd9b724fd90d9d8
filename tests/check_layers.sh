#!/bin/sh
# The layers of lib/ and the one-way rule between them (docs/architecture.md):
#
#   util <- core <- dataset <- {io, compliance} <- report
#
# 1. Every source file of lib/ is in one of those folders.
# 2. A file includes private headers only from its own layer or a lower one (io and compliance
#    are side by side and include neither of each other).
# 3. No two files call each other: given the object files, a file that uses a function of
#    another file must not be used by it in turn (nm; undefined against defined symbols).
#
#   sh tests/check_layers.sh SOURCE_DIR [OBJECT_FILE...]
set -eu
root=$1
shift
status=0
objects=
for object in "$@"; do
	case $object in
	/*) objects="$objects $object" ;;
	*) objects="$objects $PWD/$object" ;;
	esac
done

rank()
{
	case $1 in
	util) echo 0 ;;
	core) echo 1 ;;
	dataset) echo 2 ;;
	io | compliance) echo 3 ;;
	report) echo 4 ;;
	*) echo -1 ;;
	esac
}

cd "$root/lib"
for file in $(find . -type f \( -name '*.c' -o -name '*.h' \) | sed 's|^\./||' | sort); do
	layer=${file%%/*}
	if [ "$layer" = "$file" ] || [ "$(rank "$layer")" -lt 0 ]; then
		echo "lib/$file: not in a layer folder (util, core, dataset, io, compliance, report)"
		status=1
		continue
	fi
	for target in $(sed -n 's/^#include "\([a-z_]*\)\/[^"]*"$/\1/p' "$file" | sort -u); do
		[ "$target" = care ] && continue
		if [ "$(rank "$target")" -lt 0 ]; then
			echo "lib/$file: includes from an unknown folder '$target'"
			status=1
		elif [ "$(rank "$target")" -gt "$(rank "$layer")" ] ||
			{ [ "$(rank "$target")" -eq "$(rank "$layer")" ] && [ "$target" != "$layer" ]; }; then
			echo "lib/$file: $layer includes from $target, a layer above it or beside it"
			status=1
		fi
	done
	if grep -n '^#include "[^/"]*\.h"' "$file" | grep -v '"care\.h"' >/dev/null; then
		echo "lib/$file: includes a private header without its layer (write \"layer/name.h\")"
		status=1
	fi
done

if [ -n "$objects" ]; then
	nm=${NM:-nm}
	edges=$(mktemp)
	trap 'rm -f "$edges"' EXIT
	# "file symbol D|U" for every object, then each use of a symbol defined elsewhere.
	for object in $objects; do
		[ -f "$object" ] || { echo "$object: no such object file" >&2; exit 1; }
		name=$(echo "$object" | sed 's|.*/lib/||; s|\.c\.o$||; s|\.o$||')
		"$nm" "$object" | awk -v f="$name" '$1 == "U" { print f, $2, "U" } NF == 3 && $2 ~ /^[TDBR]$/ { print f, $3, "D" }'
	done | awk '
		$3 == "D" { def[$2] = $1; next }
		{ use[++n] = $1 " " $2 }
		END {
			for (i = 1; i <= n; i++) {
				split(use[i], p, " ")
				if ((p[2] in def) && def[p[2]] != p[1])
					print p[1], def[p[2]]
			}
		}' | sort -u >"$edges"
	while read -r a b; do
		if grep -qx "$b $a" "$edges" && [ "$a" \< "$b" ]; then
			echo "lib/$a.c and lib/$b.c call each other"
			status=1
		fi
	done <"$edges"
	echo "$(wc -l <"$edges") calls between files checked"
fi

[ $status -eq 0 ] && echo "lib/: every file in its layer, every dependency one way"
exit $status
