#!/bin/sh
# The malformed corpus (tests/data/bad, described in its README): each file
# is rejected with exit 1, the problem is named as FILE:LINE: column:, no
# other line is blamed, and nothing is written.  A run of good files with
# one bad file writes nothing of the good ones either.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

BAD=$DATA/bad
G=$DATA/good
init_db
expect_td 0 import "$G/checklist-10532.csv" "$G/training-10532.csv" \
    "$G/learners-10532.csv" "$G/targets-2026.csv"
export_all "$T/base"

# The table of the README: FILE LINE COLUMN DESCRIPTION...
grep -E '^[a-z0-9-]+\.csv +[0-9]+ +[^ ]+ ' "$BAD/README" >"$T/table"

check "the corpus has at least 30 files, each listed once in the README"
n=$(wc -l <"$T/table" | tr -d ' ')
[ "$n" -ge 30 ] || fail "only $n files in the README table"
(cd "$BAD" && ls ./*.csv) | sed 's#^\./##' | sort >"$T/files"
cut -d' ' -f1 "$T/table" | sort >"$T/listed"
expect_same "$T/files" "$T/listed" "files and README table differ"
[ -z "$(sort "$T/listed" | uniq -d)" ] || fail "a file is listed twice"

cd "$BAD" || fail "cannot cd to $BAD"
check "each file is rejected: exit 1, FILE:LINE: column:, nothing written"
while read -r file line col desc; do
    echo "#   $file:$line: $col ($desc)"
    for mode in --dry-run ""; do
        # shellcheck disable=SC2086
        run "$THEODOI" --db "$DB" import $mode "$file"
        [ "$RC" -eq 1 ] || fail "$file ($mode): exit $RC, expected 1"
        if [ "$col" = - ]; then
            want="theodoi: $file:$line: "
        else
            want="theodoi: $file:$line: $col: "
        fi
        grep -Fq -- "$want" "$ERR" || fail "$file ($mode): stderr does not name \"$want\""
        others=$(sed -n "s/^theodoi: $file:\([0-9]*\):.*/\1/p" "$ERR" | grep -vx "$line" || true)
        [ -z "$others" ] || fail "$file ($mode): problems named on other lines: $others"
        expect_stderr_match 'nothing was written'
        expect_stdout_nomatch 'inserted|Batch'
    done
    export_all "$T/now"
    expect_exports_same "$T/base" "$T/now" "$file changed an export"
done <"$T/table"

check "a header-only file is fine: exit 0, nothing changes"
expect_td 0 import "$G/checklist-header-only.csv"
expect_counts checklist "0 0 0 0"
export_all "$T/now"
expect_exports_same "$T/base" "$T/now" "a header-only file changed an export"

# Good files that are not in the database yet (a commune the corpus
# does not use, so no row of theirs meets a row of the corpus).
printf '%s\n%s\n%s\n' "$H_CHECKLIST" \
    "10525,NV1.1,,done,2025-08-20,,Số 7/KH-UBND,,2025-08-20T09:45:00+07:00,hoa.lt" \
    "10525,NV2.2,2026,done,2026-10-01,5,,,2026-10-01T09:00:00+07:00,hoa.lt" >"$T/good-checklist.csv"
printf '%s\n%s\n' "$H_TRAINING" \
    "10525,2026-10,cbccvc,KNS-CB,50,40,30,20,2026-10-31T16:00:00+07:00,hoa.lt" >"$T/good-training.csv"
printf '%s\n%s\n' "$H_TARGETS" "2027,cbccvc,KNS-CB,100" >"$T/good-targets.csv"

check "good files with one bad file: all are rejected, nothing of the good ones is written"
for bad in title-row.csv not-utf8-cp1258.csv unterminated-quote.csv unknown-unit.csv \
           completed-over-registered.csv conflicting-duplicates.csv target-over-100.csv; do
    for order in first last; do
        if [ $order = first ]; then
            set -- "$bad" "$T/good-checklist.csv" "$T/good-training.csv" "$T/good-targets.csv"
        else
            set -- "$T/good-checklist.csv" "$T/good-training.csv" "$T/good-targets.csv" "$bad"
        fi
        run "$THEODOI" --db "$DB" import "$@"
        [ "$RC" -eq 1 ] || fail "good files + $bad ($order): exit $RC"
        grep -q "^theodoi: $bad:[0-9]*:" "$ERR" || fail "good files + $bad: the bad file is not named"
        if grep -q "^theodoi: $T/good-" "$ERR"; then
            fail "good files + $bad: a good file is blamed"
        fi
        export_all "$T/now"
        expect_exports_same "$T/base" "$T/now" "good files + $bad ($order) wrote"
    done
done

check "every problem of every file is listed, not only the first"
run "$THEODOI" --db "$DB" import unknown-unit.csv bad-date.csv negative-count.csv citizen-id.csv
[ "$RC" -eq 1 ] || fail "exit $RC"
for want in "unknown-unit.csv:3: unit_code:" "bad-date.csv:3: done_on:" \
            "negative-count.csv:3: quantity:" "citizen-id.csv:3: learner_id:"; do
    expect_stderr_fixed "$want"
done
expect_stderr_match 'import rejected: 4 problems'

check "the good files alone are imported (so the rejections above were the bad files')"
expect_td 0 import "$T/good-checklist.csv" "$T/good-training.csv" "$T/good-targets.csv"
expect_counts checklist "2 0 0 0"
expect_counts training "1 0 0 0"
expect_counts targets "1 0 0 0"
