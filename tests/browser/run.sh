#!/bin/sh
# The manager's HTML page in a real browser. Run from the repository root:
#
#   sh tests/browser/run.sh CARE_HTML CARE PYTHON
#
# CARE_HTML runs `care html` (the care program, or the test's care-html); CARE is the care
# program, whose JSON reports the page must agree with. Headless Chromium renders the page of
# the sample trust (a screenshot and the DOM), and check_page.py checks that every figure on
# the page equals the JSON report's, that the page refers to nothing outside itself, that the
# browser fetched nothing for it, and that it logged no console message (a page without
# scripts logs nothing unless something is wrong: a blocked fetch, a CSP violation). First the
# checks are run on two bad pages, to show that they can fail.
#
# Exits 77 (CTest: skipped) when chromium is not installed. The screenshot and the page are
# left in $CARE_BROWSER_OUT (or a temporary directory, removed).
set -u
care=$1
python=${2:-python3}
sample=examples/data/sample-trust.json

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "SKIP: chromium is not installed (sh scripts/setup installs it); the page was not" \
		"checked in a browser"
	exit 77
fi

if [ -n "${CARE_BROWSER_OUT:-}" ]; then
	out=$CARE_BROWSER_OUT
	rm -rf "$out"
	mkdir -p "$out"
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
failures=0

# browse PAGE NAME: the DOM in NAME.dom, the log in NAME.log, the network log in NAME.net.json.
# No name resolves ("MAP * ~NOTFOUND"), so a fetch that got past the page's CSP would fail and
# still show in the network log.
browse()
{
	"$chromium" --headless=new --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions "--host-resolver-rules=MAP * ~NOTFOUND" \
		--enable-logging=stderr --v=0 --log-net-log="$out/$2.net.json" \
		--user-data-dir="$out/profile" \
		--dump-dom "file://$1" >"$out/$2.dom" 2>"$out/$2.log"
}

# 1. The checks catch a page that fetches something and a page that logs to the console.
cat >"$out/fetches.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>fetches</title></head>
<body><p>An image from the network:</p><img src="http://example.invalid/x.png" alt="x"></body></html>
HTML
cat >"$out/logs.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>logs</title></head>
<body><p>A script that logs an error.</p><script>console.error("an error")</script></body></html>
HTML
for bad in fetches logs; do
	browse "$out/$bad.html" "$bad"
	if "$python" tests/browser/check_page.py --isolation-only "$out/$bad.html" "$out/$bad" \
		>"$out/$bad.check" 2>&1; then
		echo "FAIL: the checks passed a page that $bad (they could not fail)"
		failures=$((failures + 1))
	fi
done

# 2. The page of the sample trust, with suppression (--min-cell 3) and the whole worklist.
opts="--as-of 2026-03-31 --from 2025-04-01 --to 2026-03-31"
if ! "$care" html "$sample" $opts --target 2026-09-30 --target-percent 90 --min-cell 3 \
	--worklist-limit 0 --out "$out/page.html"; then
	echo "FAIL: care html exited $?"
	exit 1
fi
"$care" report "$sample" --as-of 2026-03-31 --by unit --min-cell 3 --format json \
	>"$out/compliance.json" &&
	"$care" trend "$sample" --from 2025-04-01 --to 2026-03-31 --min-cell 3 --format json \
		>"$out/trend.json" &&
	"$care" forecast "$sample" --as-of 2026-03-31 --target 2026-09-30 --target-percent 90 \
		--format json >"$out/forecast.json" &&
	"$care" outcomes "$sample" --competency customer-care --from 2025-04-01 --to 2026-03-31 \
		--min-cell 3 --format json >"$out/outcomes.json" &&
	"$care" staff "$sample" --as-of 2026-03-31 --format json >"$out/staff.json" ||
	{
		echo "FAIL: the JSON reports of care"
		exit 1
	}
browse "$out/page.html" page
"$chromium" --headless=new --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking "--host-resolver-rules=MAP * ~NOTFOUND" \
	--user-data-dir="$out/profile" --hide-scrollbars --window-size=1280,2000 \
	--screenshot="$out/page.png" "file://$out/page.html" >/dev/null 2>&1
[ -s "$out/page.png" ] || {
	echo "FAIL: no screenshot"
	failures=$((failures + 1))
}
if ! "$python" tests/browser/check_page.py "$out/page.html" "$out/page" "$out"; then
	failures=$((failures + 1))
fi

if [ $failures -ne 0 ]; then
	echo "$failures failure(s); files in $out"
	exit 1
fi
echo "browser: the page of the sample trust renders, fetches nothing, logs nothing, and its" \
	"figures are the JSON reports'"
