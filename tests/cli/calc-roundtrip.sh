#!/bin/sh
# The city opens the communes' files in LibreOffice Calc and saves them
# again before importing: CSV -> xlsx -> CSV with headless soffice, then
# import into the same database.  Every row must come back unchanged
# (0 inserted, 0 updated, 0 stale) although Calc drops the leading zeros of
# unit codes (00004 -> 4), the BOM and the CRs, and turns dates and counts
# into numbers.  Two ways Calc reads a CSV: as it comes (text stays text),
# and with "detect special numbers" in a Vietnamese locale (dates become
# date cells).  Skipped (77) when soffice is not installed (or SOFFICE=).
#
# Known limit, not tested: a text cell of digits only (a note "0012", a
# learner id "0001") loses its zeros in Calc like a unit code does, and
# only unit codes can be restored.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# SOFFICE= (empty) skips the test; SOFFICE=/path picks a LibreOffice.
SOFFICE=${SOFFICE-$(command -v soffice || command -v libreoffice || true)}
[ -n "$SOFFICE" ] || skip "soffice (LibreOffice) is not installed"

# One private profile for every soffice call of the test (never the
# user's own); soffice refuses to run twice on one profile.
PROFILE=$T/lo-profile
soffice() {
    timeout 300 "$SOFFICE" -env:UserInstallation="file://$PROFILE" --headless \
        --norestore --nolockcheck "$@" >>"$T/soffice.log" 2>&1
}

# Hai Phong's demo, and Hà Nội (province 01) with codes that start with 0.
HP=$T/hp.db
HN=$T/hn.db
expect_exit 0 "$THEODOI" --db "$HP" demo --no-ui
expect_exit 0 "$THEODOI" --db "$HN" init --province 01
expect_exit 0 "$THEODOI" --db "$HN" import "$DATA/calc/checklist-hn.csv" \
    "$DATA/calc/training-hn.csv" "$DATA/calc/learners-hn.csv"

check "export checklist and training (and Hà Nội's roster) as CSV"
mkdir -p "$T/csv" "$T/xlsx-a" "$T/xlsx-b" "$T/back"
for k in checklist training; do
    "$THEODOI" --db "$HP" export $k -o "$T/csv/hp-$k.csv" || fail "export $k"
done
for k in checklist training learners; do
    "$THEODOI" --db "$HN" export $k -o "$T/csv/hn-$k.csv" 2>/dev/null || fail "export $k"
done
grep -q '^00004,' "$T/csv/hn-checklist.csv" || fail "no 00004 in Hà Nội's export"
export_all "$T/hp-before" "$HP"
export_all "$T/hn-before" "$HN"

check "CSV -> xlsx with Calc, as it comes and with special numbers detected"
# CSV import options: separator, quote, UTF-8 (76), first line, column
# formats, language (1066 = Vietnamese), quoted as text, detect special numbers
soffice --infilter="CSV:44,34,76,1,,0,false,false" --convert-to xlsx --outdir "$T/xlsx-a" "$T"/csv/*.csv ||
    fail "soffice failed (see $T/soffice.log): $(tail -n 5 "$T/soffice.log")"
soffice --infilter="CSV:44,34,76,1,,1066,false,true" --convert-to xlsx --outdir "$T/xlsx-b" "$T"/csv/*.csv ||
    fail "soffice failed: $(tail -n 5 "$T/soffice.log")"
for f in "$T"/csv/*.csv; do
    b=$(basename "$f" .csv)
    [ -s "$T/xlsx-a/$b.xlsx" ] && [ -s "$T/xlsx-b/$b.xlsx" ] || fail "no xlsx for $b: $(tail -n 5 "$T/soffice.log")"
    mv "$T/xlsx-a/$b.xlsx" "$T/xlsx-b/a-$b.xlsx"
    mv "$T/xlsx-b/$b.xlsx" "$T/xlsx-b/b-$b.xlsx"
done

check "xlsx -> CSV with Calc, all files in one call (UTF-8, ',')"
soffice --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$T/back" "$T"/xlsx-b/*.xlsx ||
    fail "soffice failed: $(tail -n 5 "$T/soffice.log")"
for f in "$T"/csv/*.csv; do
    b=$(basename "$f" .csv)
    for v in a b; do
        [ -s "$T/back/$v-$b.csv" ] || fail "no CSV back for $v-$b: $(tail -n 5 "$T/soffice.log")"
    done
done

check "Calc changed the files (so the importer had work to do)"
grep -q '^4,' "$T/back/a-hn-checklist.csv" || fail "Calc kept 00004: $(head -n 3 "$T/back/a-hn-checklist.csv")"
expect_differ "$T/csv/hp-training.csv" "$T/back/b-hp-training.csv"

for v in a b; do
    check "variant $v: Hai Phong's checklist and training come back unchanged"
    expect_exit 0 "$THEODOI" --db "$HP" import "$T/back/$v-hp-checklist.csv" "$T/back/$v-hp-training.csv"
    n=$(rows "$T/csv/hp-checklist.csv")
    expect_counts checklist "0 0 $n 0"
    expect_counts training "0 0 $(rows "$T/csv/hp-training.csv") 0"
    expect_stderr_nomatch 'stale'
    export_all "$T/hp-after" "$HP"
    expect_exports_same "$T/hp-before" "$T/hp-after" "Calc round trip ($v) changed"

    check "variant $v: Hà Nội's rows (00004 written 4 by Calc) come back unchanged"
    expect_exit 0 "$THEODOI" --db "$HN" import "$T/back/$v-hn-checklist.csv" \
        "$T/back/$v-hn-training.csv" "$T/back/$v-hn-learners.csv"
    expect_counts checklist "0 0 6 0"
    expect_counts training "0 0 $(rows "$T/csv/hn-training.csv") 0"
    expect_counts learners "0 0 3 0"
    export_all "$T/hn-after" "$HN"
    expect_exports_same "$T/hn-before" "$T/hn-after" "Calc round trip ($v) changed"
done
