#!/bin/sh
# The `care` program as SPEC 6.1 describes it: exit statuses, messages on standard error, and
# the shape of its output. Run from the repository root:  sh tests/cli/run.sh path/to/care
set -u
care=$1
sample=examples/data/sample-trust.json
faulty=examples/data/sample-with-errors.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect STATUS DESCRIPTION COMMAND...: the command exits with STATUS.
expect()
{
	want=$1
	what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: $what: exit $got, expected $want"
		sed 's/^/  stderr: /' "$tmp/err" | head -5
		failures=$((failures + 1))
	fi
}

# contains FILE TEXT DESCRIPTION
contains()
{
	if ! grep -qF -- "$2" "$1"; then
		echo "FAIL: $3: '$2' not in $(basename "$1")"
		failures=$((failures + 1))
	fi
}

expect 0 "validate a clean file" "$care" validate "$sample"
contains "$tmp/out" "0 errors, 0 warnings" "validate summary"
expect 1 "validate a faulty file" "$care" validate "$faulty" --rejects "$tmp/rejects.json"
contains "$tmp/out" "looks-like-nhs-number" "validate lists the issues"
expect 1 "the rejects load again, still faulty" "$care" validate "$tmp/rejects.json"
expect 0 "warnings alone exit 0" "$care" validate tests/data/invalid/overlapping-assignment/input.json
expect 1 "--strict counts warnings" "$care" validate tests/data/invalid/overlapping-assignment/input.json --strict
contains "$tmp/out" "0 errors, 2 warnings" "--strict leaves the counts alone"
expect 0 "validate --format json" "$care" validate "$sample" --format json
contains "$tmp/out" '{"report":"validation","errors":0,"warnings":0,"issues":[]}' "validation JSON"
expect 2 "a syntax error" "$care" validate tests/data/invalid/syntax-trailing-comma/input.json
contains "$tmp/err" "line 3, column 43" "syntax error position on stderr"
contains "$tmp/err" "syntax-trailing-comma/input.json" "the file is named"
expect 2 "not a dataset" "$care" report tests/data/invalid/format-version-2/input.json --as-of 2026-03-31
expect 2 "a missing file" "$care" validate "$tmp/no-such-file.json"
expect 2 "an unknown option" "$care" report "$sample" --as-of 2026-03-31 --colour red
expect 2 "an option of another command" "$care" complaints "$sample" --from 2026-01-01 --to 2026-03-31 --by unit
expect 2 "a malformed date" "$care" report "$sample" --as-of 2026-02-30
expect 2 "an unknown unit" "$care" report "$sample" --as-of 2026-03-31 --unit NO-SUCH-UNIT
expect 2 "an unknown role" "$care" staff "$sample" --as-of 2026-03-31 --role NO-SUCH-ROLE
expect 2 "--from after --to" "$care" trend "$sample" --from 2026-03-31 --to 2026-01-31
expect 2 "a target not after the as-of date" "$care" forecast "$sample" --as-of 2026-03-31 --target 2026-03-31
expect 2 "a percentage out of range" "$care" forecast "$sample" --as-of 2026-03-31 --target 2027-03-31 --target-percent 101
expect 2 "csv where SPEC has none" "$care" outcomes "$sample" --competency customer-care --from 2026-01-01 --to 2026-03-31 --format csv
expect 2 "no command" "$care"
expect 0 "help" "$care" help

expect 0 "report by unit" "$care" report "$sample" --as-of 2026-03-31 --by unit
contains "$tmp/out" "Total" "the text report has a totals line"
contains "$tmp/out" "%" "rates as percentages"
expect 0 "report json" "$care" report "$sample" --as-of 2026-03-31 --by unit --format json
contains "$tmp/out" '"report":"compliance","as_of":"2026-03-31","group_by":"unit"' "compliance JSON"
expect 0 "report csv" "$care" report "$sample" --as-of 2026-03-31 --format csv
contains "$tmp/out" "group,label,competency,required" "compliance CSV header"
expect 0 "trend" "$care" trend "$sample" --from 2025-04-01 --to 2026-03-31 --min-cell 5 --format json
contains "$tmp/out" '"as_of":"2026-03-31"' "the last trend point"
expect 0 "staff" "$care" staff "$sample" --as-of 2026-03-31 --status overdue --format csv
contains "$tmp/out" ",overdue," "overdue rows"
expect 0 "outcomes" "$care" outcomes "$sample" --competency customer-care --from 2025-04-01 --to 2026-03-31
contains "$tmp/out" "Rate ratio" "outcomes text"
expect 0 "complaints" "$care" complaints "$sample" --from 2025-04-01 --to 2026-03-31 --format json
contains "$tmp/out" '"by_outcome":{"upheld":' "complaints JSON"
expect 0 "forecast" "$care" forecast "$sample" --as-of 2026-03-31 --target 2027-03-31 --target-percent 95
contains "$tmp/out" "Total cost" "forecast text"
expect 0 "filters" "$care" report "$sample" --as-of 2026-03-31 --unit PA --role BOOK --staff-group admin-clerical --patient-facing --format json
contains "$tmp/out" '"filters":{"unit":"PA","role":"BOOK","staff_group":"admin-clerical","patient_facing":true}' "filters in JSON"
expect 0 "rejected records are counted on stderr" "$care" report "$faulty" --as-of 2026-03-31
contains "$tmp/err" "records rejected" "the rejected count"

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "ok: care behaves as SPEC 6.1 says"
