#!/bin/bash
# import.sh - the city imports three communes' checklist files through the
# import screen: `i`, the path typed with Tab completion, `a` selects them
# all, `d` shows the dry run's counts, `y` imports; the export then holds
# exactly the files' rows.  A second run with one broken file (a bad date)
# lists FILE:LINE: done_on and writes nothing; fixed, it imports; the
# import history undoes that batch and the export is as before it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

export THEODOI_NOW=2026-11-22T20:00:00+07:00
WHEN=2026-11-22T19:00:00+07:00
demo_db
CITY="$TDIR/city.db"
"$THEODOI" --db "$CITY" init --province 31 >/dev/null || fail "init --province 31 failed"

# three communes of the demo that have checklist rows
mkdir -p "$TDIR/in/communes" "$TDIR/in/fixes"
CODES=$("$THEODOI" export checklist | tr -d '\r' | awk -F, 'NR > 1 { print $1 }' | uniq | head -3)
[ "$(echo "$CODES" | wc -l)" = 3 ] || fail "the demo has no three communes with checklist rows"
for c in $CODES; do
    "$THEODOI" export checklist --unit "$c" -o "$TDIR/in/communes/checklist-$c.csv" ||
        fail "export of $c failed"
done
rows() { for f in "$@"; do tail -n +2 "$f"; done | sort; }
city_rows() { "$THEODOI" --db "$CITY" export checklist | tail -n +2 | sort; }
N=$(rows "$TDIR"/in/communes/*.csv | wc -l)

start 80 24 LANG=C.UTF-8 THEODOI_LANG=en THEODOI_NOW=$THEODOI_NOW
keys "\"$THEODOI\" --db city.db" Enter
wait_for "114 communes"
keys i
wait_for "Import CSV files"

# the path: typed with Tab completion ("in/co" + Tab -> "in/communes/")
keys Tab C-u
typed "in/co"
keys Tab
wait_for "[in/communes/"
keys Escape
wait_for "checklist-$(echo "$CODES" | head -1).csv"
keys a
wait_for "3 selected"
keys d
wait_for "would insert $N, update 0; 0 unchanged, 0 stale"
wait_for "Import now? (y/n)"
[ -z "$(city_rows)" ] || fail "the dry run wrote rows"
keys y
wait_for "Imported: batch"
[ "$(city_rows)" = "$(rows "$TDIR"/in/communes/*.csv)" ] ||
    fail "the city's export is not the union of the files' rows"
AFTER1=$(city_rows)

# a second run: one commune changed a row (newer), another has a bad date
set -- $CODES
cp "$TDIR"/in/communes/*.csv "$TDIR/in/fixes/"
GOOD="$TDIR/in/fixes/checklist-$1.csv"
BAD="$TDIR/in/fixes/checklist-$2.csv"
# (a whole new line from the row's key: the free text after it may hold commas)
newer() { # FILE LINE STATUS,DONE_ON,QUANTITY,EVIDENCE,NOTE
    awk -F, -v n="$2" -v v="$3" -v ts="$WHEN" \
        'NR == n { $0 = $1 "," $2 "," $3 "," v "," ts ",lan" } { print }' "$1" >"$1.new" &&
        mv "$1.new" "$1"
}
newer "$GOOD" 2 "doing,,,,da xong"
newer "$BAD" 3 "done,31/02/2026,,,"
keys q
wait_for "Import CSV files"
keys Tab C-u
typed "$TDIR/in/fixes/"
keys Enter
wait_for "fixes/"
keys a
wait_for "3 selected"
keys d
wait_for "Rejected: 1 problems; nothing was written"
wait_for "in/fixes/checklist-$2.csv:3: done_on"
[ "$(city_rows)" = "$AFTER1" ] || fail "a rejected run wrote rows"

# fixed in the file (as in Calc), checked again and imported
sed -i 's#31/02/2026#28/02/2026#' "$BAD"
keys q
wait_for "3 selected"
keys d
wait_for "would insert 0, update 2;"
keys y
wait_for "Imported: batch"
city_rows | grep -q "da xong" || fail "the changed row was not imported"
city_rows | grep -q "2026-02-28" || fail "the fixed row was not imported"

# the import history: undo that batch (after a yes): as after the first
keys q q
wait_for "114 communes"
keys H
wait_for "Import history"
wait_for "checklist-$1.csv"
keys u
wait_for "(y/n)"
keys y
wait_for "undone: its rows are back"
wait_for "(undone)"
[ "$(city_rows)" = "$AFTER1" ] || fail "undo did not bring the rows back"
keys q q
wait_gone "Import history"
echo "PASS"
