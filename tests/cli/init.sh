#!/bin/sh
# init: the units of a province (codes as text, leading zeros kept), the
# summary of a new database, unknown scopes, running init again.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

check "init --province 31 creates the database of Hai Phong"
expect_td 0 init --province 31
[ -f "$DB" ] || fail "no database"

check "export summary: a BOM, CRLF line ends, the exact header, 114 communes"
expect_td 0 export summary -o "$T/summary.csv"
head -c 3 "$T/summary.csv" | od -An -tx1 | tr -d ' \n' >"$T/bom"
expect_eq "$(cat "$T/bom")" "efbbbf" "first bytes"
header=$(head -n 1 "$T/summary.csv" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//')
expect_eq "$header" "$H_SUMMARY" "header"
expect_eq "$(wc -l <"$T/summary.csv" | tr -d ' ')" 115 "lines (header + 114 communes)"
# every line ends with CR LF, and there is no bare LF or CR
expect_eq "$(tr -cd '\n' <"$T/summary.csv" | wc -c | tr -d ' ')" 115 "LF count"
expect_eq "$(tr -cd '\r' <"$T/summary.csv" | wc -c | tr -d ' ')" 115 "CR count"
expect_eq "$(grep -c "$(printf '\r')\$" "$T/summary.csv")" 115 "lines ending in CRLF"

check "export summary to stdout is the same as -o"
expect_td 0 export summary
expect_same "$OUT" "$T/summary.csv"

check "the summary names every commune with its full name and a 5-digit code"
grep -q "^10532,Phường Lê Thanh Nghị," "$T/summary.csv" || fail "no 10532 Phường Lê Thanh Nghị"
grep -q "^11948,Đặc khu Bạch Long Vĩ," "$T/summary.csv" || fail "no Đặc khu Bạch Long Vĩ"
bad=$(tail -n +2 "$T/summary.csv" | grep -cv '^[0-9]\{5\},' || true)
expect_eq "$bad" 0 "rows without a 5-digit unit code"
expect_eq "$(tail -n +2 "$T/summary.csv" | grep -c ',Phường ')" 45 "phường"
expect_eq "$(tail -n +2 "$T/summary.csv" | grep -c ',Xã ')" 67 "xã"
expect_eq "$(tail -n +2 "$T/summary.csv" | grep -c ',Đặc khu ')" 2 "đặc khu"

check "a new database has no training counts and nothing done"
row=$(grep '^10532,' "$T/summary.csv" | tr -d '\r')
echo "$row" | grep -Eq '^10532,Phường Lê Thanh Nghị,[0-9]+,0,[0-9]+,,,,,,$' ||
    fail "summary row of a new database: $row"

check "init again changes nothing"
export_all "$T/before"
expect_td 0 init --province 31
expect_stdout_match 'Units: 0 new, 0 changed, 115 unchanged'
export_all "$T/after"
expect_exports_same "$T/before" "$T/after"
expect_td 0 init
expect_stdout_match 'Units: 0 new, 0 changed, 115 unchanged'

check "init of another province on this database is refused"
expect_td 1 init --province 01
expect_stderr_fixed '31'

check "init --province 01 keeps the leading zeros of Hà Nội's communes"
DB=$T/hn.db
expect_td 0 init --province 01
expect_td 0 export units
expect_stdout_match '^00004,Phường Ba Đình,phuong,01'
expect_stdout_match '^01,Thành phố Hà Nội,thanh_pho,'
expect_td 0 export summary
expect_stdout_match '^00004,Phường Ba Đình,'
expect_stdout_nomatch '^4,'
expect_td 0 report --unit 00004
expect_stdout_fixed 'Phường Ba Đình (00004)'

check "a province typed without its zero is found: init --province 1"
DB=$T/hn1.db
expect_td 0 init --province 1
expect_td 0 export units
expect_stdout_match '^00004,'

check "an unknown province is refused with a clear message, and no database is made"
DB=$T/none.db
run_td init --province 99
[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC"
expect_stderr_match 'unknown province 99'
[ ! -e "$DB" ] || fail "a database was created"
run_td init --province 10532
[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC for a commune given as province"
run_td init --province abc
[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC for --province abc"
[ ! -e "$DB" ] || fail "a database was created"

check "init --unit: one commune and its province"
DB=$T/unit.db
expect_td 0 init --unit 10532
expect_td 0 export units
expect_eq "$(rows "$OUT")" 2 "units of a one-commune database"
expect_td 0 export summary
expect_eq "$(rows "$OUT")" 1 "summary rows of a one-commune database"
expect_stdout_match '^10532,'

check "init without options keeps a one-commune database's scope"
expect_td 0 init
expect_td 0 export units
expect_eq "$(rows "$OUT")" 2 "units after init again"

check "an unknown commune is refused"
DB=$T/none2.db
run_td init --unit 99999
[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC"
expect_stderr_match 'unknown commune 99999'
[ ! -e "$DB" ] || fail "a database was created"
