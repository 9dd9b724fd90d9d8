#!/bin/sh
# The `care` program as docs/care.md describes it: exit statuses, messages on standard error, and
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

# usage DESCRIPTION VALUE COMMAND...: a usage error: exit 2 and one line on stderr naming the
# dataset file (the argument of the command that ends in .json) and the offending value.
usage()
{
	what=$1
	value=$2
	shift 2
	expect 2 "$what" "$@"
	for arg in "$@"; do
		case $arg in
		*.json) contains "$tmp/err" "$arg: " "$what: the file is named" ;;
		esac
	done
	contains "$tmp/err" "$value" "$what: the value is named"
	if [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		echo "FAIL: $what: stderr is not one line"
		sed 's/^/  stderr: /' "$tmp/err" | head -5
		failures=$((failures + 1))
	fi
}

# lacks FILE TEXT DESCRIPTION
lacks()
{
	if grep -qF -- "$2" "$1"; then
		echo "FAIL: $3: '$2' in $(basename "$1")"
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
# The dataset's forms: JSON -> CSV folder -> JSON is byte-identical; every report reads a CSV
# folder (and an export with its mapping) and a snapshot as it reads the file.
expect 0 "convert to CSV" "$care" convert "$sample" "$tmp/csv/"
expect 0 "convert back to JSON" "$care" convert "$tmp/csv" "$tmp/back.json"
if ! cmp -s "$sample" "$tmp/back.json"; then
	echo "FAIL: JSON -> CSV -> JSON is not byte-identical"
	failures=$((failures + 1))
fi
expect 0 "convert to a snapshot" "$care" convert "$sample" "$tmp/sample.care"
"$care" report "$sample" --as-of 2026-03-31 --by unit --format json >"$tmp/from-json.json"
for input in "$tmp/csv" "$tmp/sample.care"; do
	expect 0 "report from $(basename "$input")" "$care" report "$input" --as-of 2026-03-31 --by unit --format json
	if ! cmp -s "$tmp/out" "$tmp/from-json.json"; then
		echo "FAIL: the report from $(basename "$input") differs from the one from the file"
		failures=$((failures + 1))
	fi
done
expect 0 "report from the ESR export with its mapping" "$care" report examples/esr --mapping examples/esr/mapping.json --as-of 2026-03-31 --by unit --format json
if ! cmp -s "$tmp/out" "$tmp/from-json.json"; then
	echo "FAIL: the ESR export does not report as the sample trust"
	failures=$((failures + 1))
fi
expect 1 "convert a faulty file: errors exit 1" "$care" convert "$faulty" "$tmp/faulty.json" --rejects "$tmp/faulty-rejects.json"
expect 1 "its rejects load, still faulty" "$care" validate "$tmp/faulty-rejects.json"
usage "convert to a form it cannot tell" "out.txt" "$care" convert "$sample" "$tmp/out.txt"
usage "convert over its input" "$tmp/back.json" "$care" convert "$tmp/back.json" "$tmp/back.json"
usage "--mapping for a file" "--mapping" "$care" report "$sample" --as-of 2026-03-31 --mapping examples/esr/mapping.json
# xAPI statements: a second import of the same statements adds nothing.
expect 1 "import xAPI statements (some are rejected)" "$care" import-xapi tests/data/xapi/dataset.json tests/data/xapi/statements.jsonl --out "$tmp/x1.json" --rejects "$tmp/x-rejects.json"
contains "$tmp/out" "2 added, 0 already present, 1 removed, 2 skipped, 3 rejected" "import-xapi counts"
contains "$tmp/x-rejects.json" "NOBODY" "the rejected statements are kept whole"
expect 1 "import them again" "$care" import-xapi "$tmp/x1.json" tests/data/xapi/statements.jsonl --out "$tmp/x2.json"
contains "$tmp/out" "0 added, 2 already present" "a second import adds nothing"

# People read the unit tree: each unit below its parent, indented (JSON keeps byte order).
expect 0 "report by unit as text" "$care" report "$sample" --as-of 2026-03-31 --by unit --competency customer-care
contains "$tmp/out" "Operations (OPS)" "the top unit"
contains "$tmp/out" "  Elective Admissions (EA)" "a department indented under it"
contains "$tmp/out" "    Admissions Office (EA-ADM)" "a team indented under its department"
if [ "$(grep -n 'Operations (OPS)' "$tmp/out" | cut -d: -f1)" -gt "$(grep -n 'Elective Admissions (EA)' "$tmp/out" | cut -d: -f1)" ]; then
	echo "FAIL: a unit printed after the units below it"
	failures=$((failures + 1))
fi
# Text from the data is shown, not obeyed: control characters escaped; a person whose id is "--" is a row.
expect 0 "text output of hostile names" "$care" report tests/data/terminal-text.json --as-of 2026-01-01 --by unit
contains "$tmp/out" '\x1b[2JCleared (--)' "a control character is shown escaped"
if tr -d '\n' <"$tmp/out" | LC_ALL=C grep -q "$(printf '\033')"; then
	echo "FAIL: an ESC byte reached the terminal"
	failures=$((failures + 1))
fi
expect 0 "a staff list with a unit named --" "$care" staff tests/data/terminal-text.json --as-of 2026-01-01
contains "$tmp/out" 'Bell\x07 \\ back' "BEL and a backslash are shown escaped"
contains "$tmp/out" '--     Bell' "a person whose id is -- is a row, not a rule"
cp "$faulty" "$tmp/input.json"
ln -s "$tmp/input.json" "$tmp/input-link.json"
usage "--rejects naming the input is refused" "--rejects" "$care" validate "$tmp/input.json" --rejects "$tmp/input-link.json"
if ! cmp -s "$faulty" "$tmp/input.json"; then
	echo "FAIL: --rejects naming the input: the input was changed"
	failures=$((failures + 1))
fi
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
usage "an unknown option" "--colour" "$care" report "$sample" --as-of 2026-03-31 --colour red
usage "an unknown option before the file" "--colour" "$care" report --colour red "$sample"
usage "an option of another command" "--by" "$care" complaints "$sample" --from 2026-01-01 --to 2026-03-31 --by unit
usage "a malformed date" "2026-02-30" "$care" report "$sample" --as-of 2026-02-30
usage "an unknown unit" "NO-SUCH-UNIT" "$care" report "$sample" --as-of 2026-03-31 --unit NO-SUCH-UNIT
usage "an unknown role" "NO-SUCH-ROLE" "$care" staff "$sample" --as-of 2026-03-31 --role NO-SUCH-ROLE
usage "--from after --to" "2026-01-31" "$care" trend "$sample" --from 2026-03-31 --to 2026-01-31
usage "a target not after the as-of date" "2026-03-31" "$care" forecast "$sample" --as-of 2026-03-31 --target 2026-03-31
usage "a percentage out of range" "101" "$care" forecast "$sample" --as-of 2026-03-31 --target 2027-03-31 --target-percent 101
usage "csv for outcomes" "csv" "$care" outcomes "$sample" --competency customer-care --from 2026-01-01 --to 2026-03-31 --format csv
expect 2 "no command" "$care"
expect 0 "help" "$care" help
for option in --unit --role --staff-group --patient-facing --competency --manager --all-reports \
	"--by unit|role|staff-group|competency|manager" "--status S|expiring" --due-soon-days; do
	contains "$tmp/out" "$option" "care help lists $option"
done
expect 0 "help for one command" "$care" help staff
for option in "--competency C" "--manager ID" "--all-reports" "--status S" "--due-soon-days N"; do
	contains "$tmp/out" "$option" "care help staff lists $option"
done
lacks "$tmp/out" "--target" "care help staff lists only the staff list's options"
expect 0 "--help after a command" "$care" forecast --help
contains "$tmp/out" "--target-percent P" "care forecast --help"
contains "$tmp/out" "--manager ID" "care forecast --help lists the filters"
expect 2 "help for an unknown command" "$care" help nope

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
contains "$tmp/out" '"filters":{"unit":"PA","role":"BOOK","staff_group":"admin-clerical","patient_facing":true,"competency":null,"manager":null,"all_reports":false}' "filters in JSON"
expect 0 "rejected records are counted on stderr" "$care" report "$faulty" --as-of 2026-03-31
contains "$tmp/err" "records rejected" "the rejected count"

# The revision-2 options, on small hand-made datasets with names and a management line.
line=tests/data/reports/manager-line/dataset.json
costs=tests/data/reports/filters/dataset.json
expect 0 "--competency on report" "$care" report "$sample" --as-of 2026-03-31 --competency customer-care --format json
contains "$tmp/out" '"competency":"customer-care","manager":null,"all_reports":false}' "the competency filter in JSON"
lacks "$tmp/out" '"competency":"ers-booking"' "--competency keeps one competency"
expect 0 "--competency on trend" "$care" trend "$sample" --from 2026-01-01 --to 2026-03-31 --competency customer-care --format json
contains "$tmp/out" '"competency":"customer-care","manager":null' "trend filters in JSON"
lacks "$tmp/out" '"competency":"ers-booking"' "trend --competency keeps one competency"
expect 0 "--competency on forecast" "$care" forecast "$sample" --as-of 2026-03-31 --target 2027-03-31 --competency ers-booking --format csv
lacks "$tmp/out" "customer-care" "forecast --competency keeps one competency"
expect 0 "--by manager" "$care" report "$line" --as-of 2025-06-30 --by manager
contains "$tmp/out" "by manager" "the text says the grouping"
contains "$tmp/out" "Mary Moss (M1)" "a manager group shows the manager's name"
expect 0 "--by manager json" "$care" report "$line" --as-of 2025-06-30 --by manager --format json
contains "$tmp/out" '"group_by":"manager"' "group_by manager in JSON"
contains "$tmp/out" '"key":"M1","label":"Mary Moss"' "a manager group's label"
expect 0 "--manager --all-reports" "$care" report "$line" --as-of 2025-06-30 --manager M1 --all-reports --format json
contains "$tmp/out" '"manager":"M1","all_reports":true}' "the manager filter in JSON"
expect 0 "--manager on trend" "$care" trend "$line" --from 2025-04-01 --to 2025-06-30 --manager M2 --format json
contains "$tmp/out" '"manager":"M2","all_reports":false}' "trend manager filter in JSON"
expect 0 "--manager on forecast" "$care" forecast "$line" --as-of 2025-06-30 --target 2025-12-31 --manager M1 --all-reports --format json
contains "$tmp/out" '"manager":"M1","all_reports":true}' "forecast manager filter in JSON"
expect 0 "staff text" "$care" staff "$line" --as-of 2025-06-30
contains "$tmp/out" "Managers" "the staff list has a managers column"
contains "$tmp/out" "Lee Ash" "the staff list shows names"
expect 0 "staff json" "$care" staff "$line" --as-of 2025-06-30 --manager M1 --format json
contains "$tmp/out" '"status":null,"due_soon_days":30,"rows":[' "staff JSON: status and due_soon_days"
contains "$tmp/out" '"staff":"S2","name":null,' "staff rows have a name (null when none)"
contains "$tmp/out" '"managers":["M1"]' "staff rows have managers"
expect 0 "staff csv" "$care" staff "$line" --as-of 2025-06-30 --format csv
contains "$tmp/out" "Sam Smith" "staff CSV names"
expect 0 "staff --status expiring" "$care" staff "$costs" --as-of 2025-06-30 --status expiring --due-soon-days 46 --format json
contains "$tmp/out" '"status":"expiring","due_soon_days":46,' "the expiring filter in staff JSON"
lacks "$tmp/out" '"expiring":false' "only expiring rows"
expect 0 "staff --status expiring text" "$care" staff "$costs" --as-of 2025-06-30 --status expiring
contains "$tmp/out" "expiring within 30 days" "the text says the window"
expect 0 "forecast cost for the target" "$care" forecast "$costs" --as-of 2025-06-30 --target 2025-12-31 --target-percent 80 --format json
contains "$tmp/out" '"cost_for_target_pence":6000}' "cost_for_target_pence"
contains "$tmp/out" '"total_cost_for_target_pence":6000}' "total_cost_for_target_pence"
expect 0 "forecast cost for the target, text" "$care" forecast "$costs" --as-of 2025-06-30 --target 2025-12-31 --target-percent 80
contains "$tmp/out" "Cost for target" "the forecast text has a cost-for-target column"
contains "$tmp/out" "Total cost for the target: £60.00" "the forecast text has its total"
expect 0 "forecast without a target percentage" "$care" forecast "$costs" --as-of 2025-06-30 --target 2025-12-31 --format json
contains "$tmp/out" '"total_cost_for_target_pence":null}' "no target, no total for it"

usage "an unknown manager" "NOBODY" "$care" staff "$line" --as-of 2025-06-30 --manager NOBODY
usage "a manager named only in the data" "GHOST" "$care" report "$line" --as-of 2025-06-30 --manager GHOST
usage "--all-reports without --manager" "--all-reports" "$care" report "$line" --as-of 2025-06-30 --all-reports
usage "--all-reports with a value" "--all-reports" "$care" staff "$line" --as-of 2025-06-30 --manager M1 --all-reports=yes
usage "a competency nothing requires" "no-such-skill" "$care" report "$sample" --as-of 2026-03-31 --competency no-such-skill
usage "a competency nothing requires, trend" "no-such-skill" "$care" trend "$sample" --from 2026-01-01 --to 2026-03-31 --competency no-such-skill
usage "a competency nothing requires, forecast" "no-such-skill" "$care" forecast "$sample" --as-of 2026-03-31 --target 2027-03-31 --competency no-such-skill
usage "an unknown --by" "boss" "$care" report "$line" --as-of 2025-06-30 --by boss
usage "an unknown --status" "late" "$care" staff "$line" --as-of 2025-06-30 --status late
usage "not-required is not a status filter" "not-required" "$care" staff "$line" --as-of 2025-06-30 --status not-required
usage "--due-soon-days out of range" "3651" "$care" staff "$line" --as-of 2025-06-30 --due-soon-days 3651
usage "--manager on outcomes" "--manager" "$care" outcomes "$sample" --competency customer-care --from 2026-01-01 --to 2026-03-31 --manager M1
usage "--status on report" "--status" "$care" report "$line" --as-of 2025-06-30 --status overdue

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "ok: care behaves as docs/care.md says"
