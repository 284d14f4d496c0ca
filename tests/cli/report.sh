#!/bin/sh
# report: plain text for an official report; --unit prints the five tasks
# NV1..NV5 of one commune, aligned in columns whatever the diacritics.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

demo_db

check "report --unit 10532 names the commune and the date"
expect_td 0 report --unit 10532
expect_stdout_fixed 'Phường Lê Thanh Nghị (10532)'
expect_stdout_fixed '22/11/2026'

check "the five tasks NV1..NV5, in order, once each"
grep -E '^  NV[0-9] ' "$OUT" | sed 's/^  \(NV[0-9]\).*/\1/' | tr '\n' ' ' >"$T/tasks"
expect_eq "$(cat "$T/tasks")" "NV1 NV2 NV3 NV4 NV5 " "tasks"

check "the task lines are aligned: the / of the counts is in one column"
# display width (wc -L counts columns, not bytes) of each task line up to
# the / of its "done/applicable" count
grep -E '^  NV[0-9] ' "$OUT" | while IFS= read -r line; do
    printf '%s\n' "$line" | sed -E 's#/[0-9]+ +done.*$##' | wc -L
done | sort -u >"$T/widths"
expect_eq "$(wc -l <"$T/widths" | tr -d ' ')" 1 "different widths before the counts: $(tr '\n' ' ' <"$T/widths")"

check "the counts of a task are done/applicable from the stored checklist"
expect_td 0 export checklist --unit 10532
nv4_done=$(grep -c '^10532,NV4\.[0-9]*,[^,]*,done,' "$OUT" || true)
expect_td 0 report --unit 10532
grep -Eq "^  NV4 .* +$nv4_done/[0-9]+ " "$OUT" || fail "NV4 line does not say $nv4_done done: $(grep '^  NV4' "$OUT")"

check "an item marked done in an import shows in the report"
printf '%s\n%s\n' "$H_CHECKLIST" "10532,NV4.3,2026,done,2026-11-20,1,,,2026-11-22T09:00:00+07:00," >"$T/nv4.csv"
expect_td 0 import "$T/nv4.csv"
expect_td 0 report --unit 10532
grep -Eq "^  NV4 .* +$((nv4_done + 1))/[0-9]+ " "$OUT" || fail "NV4 not counted: $(grep '^  NV4' "$OUT")"

check "report --unit of an unknown commune exits 1"
expect_td 1 report --unit 99999
expect_stderr_match 'unknown unit'

check "report without --unit covers all 114 communes"
expect_td 0 report
expect_eq "$(grep -c '^Phường \|^Xã \|^Đặc khu ' "$OUT")" 114 "communes in the report"
expect_stdout_match '114 communes'
