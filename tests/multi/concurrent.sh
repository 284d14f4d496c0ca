#!/usr/bin/env bash
# Eight clerks import their communes' files at the same moment while two
# city officers export: nobody sees "database is locked", every import
# lands, and the exports are always whole files.
set -euo pipefail
T=${THEODOI:-$top_builddir/src/theodoi}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export THEODOI_DB=$dir/city.db THEODOI_TODAY=2026-11-22 THEODOI_NOW=2026-11-22T10:00:00+07:00
"$T" init --province 31 >/dev/null
"$T" export summary -o summary.csv
units=$(sed -n '2,9p' summary.csv | cut -d, -f1)
[ "$(echo "$units" | wc -l)" -eq 8 ] || { echo "FAIL: expected 8 communes"; exit 1; }
# one checklist file per commune, 23 items each (one-off and yearly rows)
i=0
for u in $units; do
    i=$((i + 1))
    {
        echo "unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by"
        "$T" export items | tail -n +2 | tr -d '\r' | while IFS=, read -r task item rest; do
            case "$rest" in *yearly:*) p=2026 ;; *) p= ;; esac
            echo "$u,$item,$p,doing,,,Số $i/KH-UBND,,2026-11-1${i}T08:00:00+07:00,clerk$i"
        done
    } > "xa$i.csv"
done
pids=()
for i in 1 2 3 4 5 6 7 8; do
    "$T" import "xa$i.csv" > "imp$i.out" 2> "imp$i.err" & pids+=($!)
done
for e in 1 2; do
    (for n in 1 2 3 4 5 6 7 8 9 10; do "$T" export checklist -o "exp$e-$n.csv" 2>>"exp$e.err" || exit 1; done) & pids+=($!)
done
fail=0
for p in "${pids[@]}"; do wait "$p" || fail=1; done
cat ./*.err
if grep -qi "locked\|busy" ./*.err; then echo "FAIL: a user saw a lock error"; exit 1; fi
[ "$fail" -eq 0 ] || { echo "FAIL: an import or export failed"; exit 1; }
rows=$("$T" export checklist | tail -n +2 | wc -l)
expect=$(( 8 * $("$T" export items | tail -n +2 | wc -l) ))
[ "$rows" -eq "$expect" ] || { echo "FAIL: $rows rows after the imports, expected $expect"; exit 1; }
# every export taken during the imports is a whole file: header + whole rows
for f in exp*.csv; do
    head -c 3 "$f" | od -An -tx1 | grep -q "ef bb bf" || { echo "FAIL: $f has no BOM"; exit 1; }
    n=$(tail -n +2 "$f" | wc -l)
    [ $((n % 23)) -eq 0 ] || { echo "FAIL: $f holds a partial import ($n rows)"; exit 1; }
done
echo "ok: 8 concurrent imports and 20 exports, no lock errors, $rows rows"
