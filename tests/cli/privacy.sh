#!/bin/sh
# Personal data (Law 91/2025/QH15): the roster is exported only with a
# reminder; what goes to the city (summary, training) carries no names, no
# birth years, no villages; identity card numbers are refused as ids.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

demo_db
expect_td 0 import "$DATA/good/learners-10532.csv"

check "export learners prints a personal-data reminder on stderr"
expect_td 0 export learners -o "$T/learners.csv"
expect_stderr_match 'personal data'
expect_stderr_match '91/2025'
expect_td 0 export learners
expect_stderr_match 'personal data'
expect_stdout_fixed 'Ngô Thị Mai'
# the reminder is not in the file
expect_stdout_nomatch 'personal data'

check "export summary and training print no reminder"
expect_td 0 export summary -o "$T/summary.csv"
expect_stderr_nomatch 'personal data'
expect_td 0 export training -o "$T/training.csv"
expect_stderr_nomatch 'personal data'

check "summary and training carry no personal data"
expect_eq "$(head -n 1 "$T/summary.csv" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//')" "$H_SUMMARY" "summary header"
expect_eq "$(head -n 1 "$T/training.csv" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//')" "$H_TRAINING" "training header"
# every name, learner id and village of the roster is absent
tail -n +2 "$T/learners.csv" | tr -d '\r' | while IFS=, read -r unit id name birth gender group village rest; do
    for v in "$id" "$name" "$village"; do
        [ -n "$v" ] || continue
        if grep -Fq -- "$v" "$T/summary.csv" "$T/training.csv"; then
            echo "personal data \"$v\" found in summary or training" >"$T/leak"
        fi
    done
done
[ ! -s "$T/leak" ] || fail "$(cat "$T/leak")"
[ "$(rows "$T/learners.csv")" -gt 10 ] || fail "the demo has too few learners to test this"

check "the roster's counts reach the city only as numbers"
# 10532's current month (2026-11) counts of cbccvc/KNS-CB come from the roster
n=$(tail -n +2 "$T/learners.csv" | grep -c '^10532,[^,]*,[^,]*,[^,]*,[^,]*,cbccvc,[^,]*,KNS-CB,')
grep -q "^10532,2026-11,cbccvc,KNS-CB,[0-9]*,$n," "$T/training.csv" ||
    fail "training row 2026-11 of 10532 does not count the $n roster rows"

check "a learner id that looks like a citizen ID (12 digits) or an old ID (9) is refused"
printf '%s\n%s\n%s\n' "$H_LEARNERS" \
    "10532,001203004567,Nguyễn Văn A,1980,nam,cbccvc,Thôn 1,KNS-CB,registered,," \
    "10532,031234567,Nguyễn Văn B,1981,nam,cbccvc,Thôn 1,KNS-CB,registered,," >"$T/cccd.csv"
expect_td 1 import "$T/cccd.csv"
expect_stderr_match 'cccd\.csv:2: learner_id: .*identity'
expect_stderr_match 'cccd\.csv:3: learner_id: .*identity'
expect_stderr_nomatch '001203004567'
