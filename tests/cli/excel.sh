#!/bin/sh
# Files as Excel and Calc write them: a BOM, CRLF, ';' as delimiter,
# DD/MM/YYYY dates, status words in Vietnamese, unit codes that lost their
# leading zeros, "1200.0" for a count, UTF-16 with a BOM.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

X=$DATA/excel
me=$(id -un)
# canonical export without the BOM and CRs (and without quotes around the
# one field with a ';', which the writer may quote), USER for the login
plain() { sed '1s/^\xef\xbb\xbf//; s/\r$//; s/"Ghi chú; có dấu chấm phẩy"/Ghi chú; có dấu chấm phẩy/' "$1"; }
want() { sed "s/USER\$/$me/" "$1"; }

init_db

check "checklist from Excel: BOM, CRLF, ';', DD/MM/YYYY, Vietnamese status words"
expect_td 0 import "$X/checklist-excel.csv"
expect_counts checklist "5 0 0 0"
td export checklist -o "$T/checklist.csv"
plain "$T/checklist.csv" >"$T/got"
want "$X/checklist-excel.expected" >"$T/want"
expect_same "$T/got" "$T/want" "checklist read from Excel"

check "the export is for Excel: BOM and CRLF"
expect_eq "$(head -c 3 "$T/checklist.csv" | od -An -tx1 | tr -d ' \n')" efbbbf "BOM"
expect_eq "$(grep -c "$(printf '\r')\$" "$T/checklist.csv")" "$(wc -l <"$T/checklist.csv" | tr -d ' ')" "CRLF lines"

check "importing the Excel file again changes nothing"
expect_td 0 import "$X/checklist-excel.csv"
expect_counts checklist "0 0 5 0"

check "the Excel file converted to plain UTF-8 with LF and ',' is the same data"
sed '1s/^\xef\xbb\xbf//; s/\r$//' "$X/checklist-excel.csv" |
    sed 's/"Ghi chú; có dấu chấm phẩy"/"Ghi chú@ có dấu chấm phẩy"/; s/;/,/g; s/@/;/' >"$T/plain.csv"
expect_td 0 import "$T/plain.csv"
expect_counts checklist "0 0 5 0"

check "Hà Nội (province 01): 4 is commune 00004, 8 is 00008; 10/2026 and 01/10/2026 are months"
DB=$T/hn.db
init_db --province 01
expect_td 0 import "$X/training-zeros.csv"
expect_counts training "3 0 0 0"
td export training -o "$T/training.csv"
plain "$T/training.csv" >"$T/got"
want "$X/training-zeros.expected" >"$T/want"
expect_same "$T/got" "$T/want" "training with lost zeros"

check "Hai Phong: 10532 is 10532, and 532 is no commune of the city"
DB=$T/db
printf '%s\n%s\n' "$H_TRAINING" "532,2026-10,cbccvc,KNS-CB,50,40,30,20,," >"$T/hp.csv"
expect_td 1 import "$T/hp.csv"
expect_stderr_match 'hp\.csv:2: unit_code: unknown (unit|commune) 00532'

check "UTF-16 with a BOM (Excel's Unicode text) is read"
expect_td 0 import "$X/training-utf16.csv"
expect_counts training "1 0 0 0"
td export training | grep -q '^10532,2026-10,cbccvc,TTHC,48,48,44,40,2026-10-31T16:00:00+07:00,Lân' ||
    fail "UTF-16 row not stored as expected"

check "a status written as Excel users do: Vietnamese without diacritics"
printf '%s\n%s\n' "$H_CHECKLIST" "10532,NV4.1,,hoan thanh,01/10/2025,,,,," >"$T/ascii.csv"
expect_td 0 import "$T/ascii.csv"
td export checklist | grep -q '^10532,NV4.1,,done,2025-10-01,' || fail "hoan thanh not done"
