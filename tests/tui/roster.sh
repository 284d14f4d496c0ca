#!/bin/bash
# roster.sh - on Phường Lê Thanh Nghị (a roster of 48): t opens the
# training, r its roster; a adds "Nguyễn Thị Hồng Nhung" typed in the
# form; `/hong nhung` finds her (diacritics ignored, the list filtered);
# Space twice marks her completed, then confirmed: `export training`
# shows the current month's cbccvc/KNS-CB row with one more registered,
# completed and confirmed; the training table shows it too.  d asks
# first: n keeps her, y deletes her and the counts go back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"
export THEODOI_LANG=en

demo_db
CODE=$(unit_code "Phường Lê Thanh Nghị")
[ -n "$CODE" ] || fail "no unit Phường Lê Thanh Nghị in the demo"
MONTH=${THEODOI_TODAY%-*}
MM=${MONTH#*-}/${MONTH%-*}
NAME="Nguyễn Thị Hồng Nhung"

# counts of the current month's cbccvc/KNS-CB row: "registered completed confirmed"
counts() {
    "$THEODOI" export training --unit "$CODE" --period "$MONTH" | tr -d '\r' |
        awk -F, '$3 == "cbccvc" && $4 == "KNS-CB" { print $6, $7, $8 }'
}
counts_are() { [ "$(counts)" = "$1" ]; }
learner_rows() {
    "$THEODOI" export learners --unit "$CODE" 2>/dev/null | grep -c "$NAME"
}
read -r reg comp conf <<<"$(counts)"
[ -n "$conf" ] || fail "no $MONTH cbccvc/KNS-CB row for $CODE in the demo"

start 80 24 LANG=C.UTF-8
keys "\"$THEODOI\"" Enter
wait_for "Phường"
keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"
keys Enter
wait_for "Phường Lê Thanh Nghị ($CODE)"
keys t
wait_for "Training $MM: Phường Lê Thanh Nghị ($CODE)"
keys r
wait_for "Roster: Phường Lê Thanh Nghị ($CODE)"
wait_for "48 learners, by given name"

# a: the form; the name typed as a paste, the rest field by field
keys a
wait_for "New learner: Phường Lê Thanh Nghị"
typed "$NAME"
wait_for "[$NAME"
keys Tab; typed "1990"
keys Tab Space Space          # gender: not given, male, female
wait_for "‹ female ›"
keys Tab                      # group: cbccvc (the training row's)
wait_for "‹ cbccvc"
keys Tab; typed "Tổ dân phố 2"
keys Tab                      # course: KNS-CB
wait_for "‹ KNS-CB"
keys Enter
wait_for "Added $NAME"
wait_for "▶ ${NAME% *}"
wait_for "49 learners, by given name"
until_true counts_are "$((reg + 1)) $comp $conf"

# the search filters the roster by name, diacritics ignored
keys g /
wait_for "Name:"
typed "hong nhung"; keys Enter
wait_for "1 learner with name \"hong nhung\""
wait_for "▶ ${NAME% *}"
screen | grep -q "Lê Văn Bình" && fail "the search did not filter the list"

# Space: completed, then confirmed on VNeID (saved at once)
keys Space
wait_for "$NAME is now \"Completed\""
until_true counts_are "$((reg + 1)) $((comp + 1)) $conf"
keys Space
wait_for "$NAME is now \"Confirmed\""
until_true counts_are "$((reg + 1)) $((comp + 1)) $((conf + 1))"

# the training table follows
keys q
wait_for "Training $MM: Phường Lê Thanh Nghị"
until_true eval "screen | grep -qE 'KNS-CB +[0-9]+ +$((reg + 1)) +$((comp + 1)) +$((conf + 1)) '"

# an empty search shows everyone again
keys r
wait_for "Roster: Phường Lê Thanh Nghị"
keys /
wait_for "Name:"
typed "hong nhung"; keys Enter
wait_for "▶ ${NAME% *}"

# d asks first: n keeps her, y deletes her
keys d
wait_for "Delete learner $NAME"
keys n
wait_for "Not deleted"
wait_for "▶ ${NAME% *}"
[ "$(learner_rows)" = 1 ] || fail "the learner is not in the export"
keys d
wait_for "Delete learner $NAME"
keys y
wait_for "Deleted $NAME"
wait_for "0 learners with name"
until_true counts_are "$reg $comp $conf"
[ "$(learner_rows)" = 0 ] || fail "the learner is still in the export"

keys /
wait_for "Name: hong nhung"
keys C-u Enter
wait_for "48 learners, by given name"
keys q q q q
wait_gone "Phường"
echo "PASS"
