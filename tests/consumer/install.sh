# Sourced by the consumer tests: install BUILD's library (its Runtime and Development
# components only: the rest of the tree, the Python package and the programs, may install to
# places outside the prefix) into a temporary prefix, removed on exit. Sets tmp, prefix,
# pcfile (the installed libcare.pc) and libdir. Needs build and CMAKE.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
for component in Runtime Development; do
	"$CMAKE" --install "$build" --prefix "$prefix" --component $component >>"$tmp/install.log" ||
		{ cat "$tmp/install.log"; exit 1; }
done
pcfile=$(find "$prefix" -name libcare.pc | head -n 1)
[ -n "$pcfile" ] || { echo "FAIL: libcare.pc was not installed"; exit 1; }
libdir=$(dirname "$(dirname "$pcfile")")
