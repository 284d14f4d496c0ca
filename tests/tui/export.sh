#!/bin/bash
# export.sh - the export screen (`E`) writes the summary byte for byte as
# `theodoi export summary` does; the checklist of the commune under the
# cursor as `export checklist --unit`; learners with the personal-data
# warning, readable by its owner only; a file that exists is replaced
# only after a second Enter.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
DAY=$THEODOI_TODAY
start 80 24 LANG=C.UTF-8 THEODOI_LANG=en
keys "\"$THEODOI\"" Enter
wait_for "Phường"
keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"
CODE=$(unit_code "Phường Lê Thanh Nghị")

# the checklist of the commune under the cursor
keys E
wait_for "Export a CSV file"
wait_for "‹ checklist ›"
wait_for "[$CODE"
wait_for "[checklist-$CODE-$DAY.csv"
keys Enter
wait_for "Wrote"
"$THEODOI" export checklist --unit "$CODE" | cmp -s - "$TDIR/checklist-$CODE-$DAY.csv" ||
    fail "the checklist file differs from theodoi export checklist --unit $CODE"
ROWS=$(($("$THEODOI" export checklist --unit "$CODE" | wc -l) - 1))
wait_for "Wrote $ROWS rows to $TDIR/checklist-$CODE-$DAY.csv"

# the summary: every unit, byte for byte
keys Space Space
wait_for "‹ summary ›"
wait_for "[summary-$DAY.csv"
keys Enter
wait_for "Wrote 114 rows"
"$THEODOI" export summary | cmp -s - "$TDIR/summary-$DAY.csv" ||
    fail "the summary file differs from theodoi export summary"

# a second Enter replaces it
keys Enter
wait_for "exists: Enter again replaces it"
keys Enter
wait_for "Wrote 114 rows"

# learners: the warning, and a file only its owner reads
keys Left Left Left
wait_for "‹ learners ›"
wait_for "Law 91/2025/QH15"
keys Enter
wait_for "Wrote"
[ "$(stat -c %a "$TDIR/learners-$CODE-$DAY.csv")" = 600 ] ||
    fail "the learners file is readable by others"
keys Escape
wait_for "▶ Phường Lê Thanh Nghị"
keys q
wait_gone "Phường"
echo "PASS"
