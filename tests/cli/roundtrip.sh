#!/bin/sh
# Import and export: a commune's files go in and come out the same, a
# second import changes nothing, --dry-run writes nothing, the formula
# guard, the filters of export, and the history of imports.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

G=$DATA/good
init_db

check "a dry run says what would happen and writes nothing"
export_all "$T/empty"
expect_td 0 import --dry-run "$G/checklist-10532.csv" "$G/training-10532.csv" "$G/targets-2026.csv"
expect_stdout_match '^checklist: would insert 8, update 0; 0 unchanged, 0 stale'
expect_stdout_match '^training: would insert 5, update 0; 0 unchanged, 0 stale'
expect_stdout_match '^targets: would insert 4, update 0'
expect_stdout_match 'nothing was written'
export_all "$T/dry"
expect_exports_same "$T/empty" "$T/dry" "a dry run changed"
expect_td 0 history
expect_eq "$(grep -c 'checklist-10532' "$OUT")" 0 "batches of a dry run in the history"

check "import checklist, training and targets"
expect_td 0 import "$G/checklist-10532.csv" "$G/training-10532.csv" "$G/targets-2026.csv"
expect_counts checklist "8 0 0 0"
expect_counts training "5 0 0 0"
expect_counts targets "4 0 0 0"
expect_stdout_match '^Batch [0-9]+'

check "export checklist gives back the rows as they were imported"
expect_td 0 export checklist -o "$T/checklist.csv"
# the file as exported: BOM, CRLF, canonical values ("5" unquoted)
printf '\357\273\277' >"$T/want"
sed 's/"5"/5/; s/$/\r/' "$G/checklist-10532.csv" >>"$T/want"
expect_same "$T/checklist.csv" "$T/want" "checklist export"

check "export training gives back the rows, sorted by key"
expect_td 0 export training -o "$T/training.csv"
printf '\357\273\277' >"$T/want"
{ head -n 1 "$G/training-10532.csv"; tail -n +2 "$G/training-10532.csv" | LC_ALL=C sort -t, -k1,1 -k2,2 -k3,3 -k4,4; } |
    sed 's/$/\r/' >>"$T/want"
expect_same "$T/training.csv" "$T/want" "training export"

check "export targets keeps one decimal"
expect_td 0 export targets
expect_stdout_fixed '2026,nguoi_dan,KNS-CB,62.5'
expect_stdout_fixed '2026,cbccvc,KNS-CB,100'

check "export writes only stored rows: no made-up rows for other communes"
expect_eq "$(rows "$T/checklist.csv")" 8 "checklist rows"
expect_eq "$(tail -n +2 "$T/checklist.csv" | grep -vc '^10532,' || true)" 0 "rows of other communes"

check "importing the same files again changes nothing and says so"
export_all "$T/once"
expect_td 0 import "$G/checklist-10532.csv" "$G/training-10532.csv" "$G/targets-2026.csv"
expect_counts checklist "0 0 8 0"
expect_counts training "0 0 5 0"
expect_counts targets "0 0 4 0"
expect_stderr_match 'checklist-10532.csv: this file was imported before \(batch [0-9]+'
export_all "$T/twice"
expect_exports_same "$T/once" "$T/twice" "a second import changed"

check "re-importing our own export changes nothing"
expect_td 0 import "$T/checklist.csv" "$T/training.csv"
expect_counts checklist "0 0 8 0"
expect_counts training "0 0 5 0"
export_all "$T/thrice"
expect_exports_same "$T/once" "$T/thrice" "importing the export changed"

check "import - reads standard input (once, though the importer reads a file twice)"
DB=$T/stdin.db
init_db
run sh -c '"$0" --db "$1" import - <"$2"' "$THEODOI" "$DB" "$G/checklist-10532.csv"
[ "$RC" -eq 0 ] || fail "import - exited $RC"
expect_counts checklist "8 0 0 0"
expect_td 0 export checklist -o "$T/stdin-checklist.csv"
expect_same "$T/stdin-checklist.csv" "$T/checklist.csv" "import from standard input"
run sh -c '"$0" --db "$1" import - <"$2"' "$THEODOI" "$DB" "$DATA/bad/negative-count.csv"
[ "$RC" -eq 1 ] || fail "a bad file on standard input: exit $RC"
expect_stderr_match '^theodoi: -:3: quantity: negative count'
DB=$T/db

check "export --unit and --period filter the rows"
expect_td 0 export checklist --period 2025
expect_eq "$(rows "$OUT")" 2 "checklist rows of 2025"
expect_td 0 export training --unit 10532 --period 2026-10
expect_eq "$(rows "$OUT")" 4 "training rows of 2026-10"
expect_td 0 export checklist --unit 10507
expect_eq "$(rows "$OUT")" 0 "checklist rows of 10507"
expect_stdout_fixed "$H_CHECKLIST"
expect_td 0 export summary --unit 10532
expect_eq "$(rows "$OUT")" 1 "summary rows of 10532"

check "the summary sums the commune's latest training period"
# 2026-10: population 48+48+21500 (hssv empty), confirmed 30+40+1500+500
row=$(grep '^10532,' "$OUT" | tr -d '\r')
echo "$row" | grep -Eq '^10532,Phường Lê Thanh Nghị,[0-9]+,[0-9]+,[0-9]+,21596,4093,2632,2070,9\.6,' ||
    fail "summary row: $row"

check "formula guard: text that a spreadsheet would run gets a leading '"
f=$(csv guard.csv <<EOT
$H_CHECKLIST
10507,NV1.1,,done,2025-08-20,,=1+1,+84 912 345 678,2025-08-21T09:00:00+07:00,
10507,NV1.2,,doing,,,-5 bài,"@mention, ""quoted""",2025-08-21T09:00:00+07:00,=cmd|x
EOT
)
expect_td 0 import "$f"
expect_counts checklist "2 0 0 0"
expect_td 0 export checklist --unit 10507 -o "$T/guard-out.csv"
grep -q "^10507,NV1.1,,done,2025-08-20,,'=1+1,'+84 912 345 678,2025-08-21T09:00:00+07:00," "$T/guard-out.csv" ||
    fail "=1+1 not exported as '=1+1: $(cat "$T/guard-out.csv")"
grep -q "^10507,NV1.2,,doing,,,'-5 bài,\"'@mention, \"\"quoted\"\"\",2025-08-21T09:00:00+07:00,'=cmd|x" "$T/guard-out.csv" ||
    fail "guard of -, @ or updated_by: $(cat "$T/guard-out.csv")"

check "the guarded file reads back unchanged"
expect_td 0 import "$T/guard-out.csv"
expect_counts checklist "0 0 2 0"
expect_td 0 export checklist --unit 10507
expect_same "$OUT" "$T/guard-out.csv"

check "history lists every batch: id, time, login, counts, files"
expect_td 0 history
expect_stdout_match '^batch +time +login'
login=$(id -un)
expect_stdout_match "^[0-9]+ +2026-11-22T10:00:00\+07:00 +$login +17 +0 +0 +0 +.*checklist-10532.csv"
expect_stdout_fixed 'guard.csv'
expect_stdout_nomatch 'undone'
