#!/bin/sh
# undo BATCH reverts an import exactly (every export as before), refuses
# and names the rows when a later import changed them, and refuses twice.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

G=$DATA/good
demo_db
batch_of_last() { sed -n 's/^Batch \([0-9]*\) .*/\1/p' "$OUT"; }

check "an import that inserts and updates, with roster changes"
export_all "$T/before"
printf '%s\n%s\n%s\n' "$H_CHECKLIST" \
    "10532,NV1.1,,done,2025-08-20,,Số 99/KH-UBND,sửa lại,2026-11-22T09:00:00+07:00," \
    "10532,NV3.4,2026,done,2026-11-10,1,,,2026-11-22T09:00:00+07:00," >"$T/c.csv"
expect_td 0 import "$T/c.csv" "$G/learners-10532.csv" "$G/targets-2026.csv"
b1=$(batch_of_last)
[ -n "$b1" ] || fail "no batch number"
export_all "$T/during"
expect_differ "$T/before/checklist.csv" "$T/during/checklist.csv" "the import changed no checklist row"
expect_differ "$T/before/learners.csv" "$T/during/learners.csv" "the import changed no learner"
expect_differ "$T/before/training.csv" "$T/during/training.csv" "the roster changed no training count"

check "history shows the batch"
expect_td 0 history
expect_stdout_match "^$b1 .*c\.csv"

check "undo reverts it: every export is as before the import"
expect_td 0 undo "$b1"
expect_stdout_match "Batch $b1 undone"
export_all "$T/after"
expect_exports_same "$T/before" "$T/after" "undo left a change"

check "history marks it undone, on its own line"
expect_td 0 history
expect_stdout_match "^$b1 .*\[undone 2026-11-22T10:00:00\+07:00\]\$"
expect_eq "$(grep -c '^]' "$OUT")" 0 "lines starting with ]"

check "undo twice is refused"
export_all "$T/before2"
expect_td 1 undo "$b1"
expect_stderr_match 'undone already'
export_all "$T/after2"
expect_exports_same "$T/before2" "$T/after2"

check "an unknown batch is refused"
expect_td 1 undo 9999
expect_stderr_match 'no import batch 9999'

check "import again after the undo: it is not 'imported before'"
expect_td 0 import "$T/c.csv"
expect_stderr_nomatch 'imported before'
b2=$(batch_of_last)

check "a later import changes a row of the batch: undo refuses and names it"
printf '%s\n%s\n' "$H_CHECKLIST" \
    "10532,NV1.1,,done,2025-08-20,,Số 100/KH-UBND,bản cuối,2026-11-22T09:30:00+07:00," >"$T/later.csv"
expect_td 0 import "$T/later.csv"
b3=$(batch_of_last)
export_all "$T/before3"
expect_td 1 undo "$b2"
expect_stderr_match 'checklist 10532\|NV1\.1\| was changed after this import'
expect_stderr_nomatch 'NV3\.4'
expect_stderr_match "batch $b2 was not undone"
export_all "$T/after3"
expect_exports_same "$T/before3" "$T/after3" "a refused undo changed"

check "undo the later batch first, then the earlier one: back to the start"
expect_td 0 undo "$b3"
expect_td 0 undo "$b2"
export_all "$T/after4"
expect_exports_same "$T/before" "$T/after4" "undo of two batches"

check "a batch that updated a row twice (two files) is undone exactly"
printf '%s\n%s\n' "$H_CHECKLIST" "10507,NV1.1,,doing,,,,một,2026-11-20T08:00:00+07:00," >"$T/d1.csv"
printf '%s\n%s\n' "$H_CHECKLIST" "10507,NV1.1,,done,2025-08-21,,,hai,2026-11-21T08:00:00+07:00," >"$T/d2.csv"
expect_td 0 import "$T/d1.csv" "$T/d2.csv"
b4=$(batch_of_last)
expect_td 0 undo "$b4"
export_all "$T/after5"
expect_exports_same "$T/before" "$T/after5" "undo of a double update"

check "undo needs a batch number"
expect_td 2 undo
expect_td 2 undo x1

check "history lines its columns up in Vietnamese (widths, not bytes)"
THEODOI_LANG=vi expect_td 0 history
expect_stdout_fixed "người nhập"
# where "mới" ends in the header is where the first count ends in each line
end_of() { LC_ALL=C.UTF-8 printf '%s' "$1" | LC_ALL=C.UTF-8 wc -m; }
head_line=$(sed -n 1p "$OUT")
want=$(end_of "${head_line%%mới*}mới")
# rows hold only ASCII up to their first count: awk may count bytes there
sed -n '2,$p' "$OUT" | awk -v want="$want" '
    { if (!match($0, /^[^ ]+ +[^ ]+ +[^ ]+ +[0-9]+/) || RLENGTH != want) bad++ }
    END { exit bad ? 1 : 0 }' || fail "counts do not end under the header's \"mới\" (column $want)"
