#!/bin/bash
# training.sh - t on the communes opens a commune's training table: rows
# with a confirmed % of one decimal, a total, the 12-month trend.  On a
# commune without a roster, e types the counts of a row: completed more
# than registered is refused with a message and the form stays; fixed,
# it is saved (export shows it) and the table shows the new %.  On a
# roster commune the counted row takes only the population.  [ shows the
# month before; T on the communes shows the city's trend; the table fits
# 60x20 and folds to ASCII with LC_ALL=C.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"
export THEODOI_LANG=en

demo_db
CODE=$(unit_code "Phường Hồng Bàng")
[ -n "$CODE" ] || fail "no unit Phường Hồng Bàng in the demo"
"$THEODOI" export learners --unit "$CODE" 2>/dev/null | grep -q "^\"*$CODE," &&
    fail "Phường Hồng Bàng has a roster in the demo: pick another commune"
MONTH=${THEODOI_TODAY%-*}
MM=${MONTH#*-}/${MONTH%-*}
row() {
    "$THEODOI" export training --unit "$CODE" --period "$MONTH" | tr -d '\r' |
        awk -F, '$3 == "cbccvc" && $4 == "KNS-CB" { print $5, $6, $7, $8 }'
}
row_is() { [ "$(row)" = "$1" ]; }

start 80 24 LANG=C.UTF-8
keys "\"$THEODOI\"" Enter
wait_for "Phường"
keys / ; typed "hong bang"; keys Enter
wait_for "▶ Phường Hồng Bàng"
keys t
wait_for "Training $MM: Phường Hồng Bàng ($CODE)"
wait_for "Total of"
wait_for "Confirmed % by month"
screen | grep -E "^▶ .*KNS-CB" | grep -qE "[0-9]+\.[0-9]%" || fail "no confirmed % on the row"
screen | grep -q "[▁▂▃▄▅▆▇█]" || fail "no sparkline"

# e: the counts; completed > registered is refused, the form stays
keys e
wait_for "Counts of $MM: Phường Hồng Bàng"
keys C-u; typed "200"; keys Tab C-u; typed "50"; keys Tab C-u; typed "60"
keys Tab C-u; typed "10"; keys Enter
wait_for "Not saved: completed (60) is more than registered (50)"
wait_for "Counts of $MM"
row_is "200 50 60 10" && fail "a bad row was saved"
# the focus went to "completed": fix it
keys C-u; typed "40"; keys Enter
wait_for "Saved the counts of cbccvc/KNS-CB"
until_true row_is "200 50 40 10"
wait_for "5.0%"
screen | grep -E "^▶ " | grep -qE "200 +50 +40 +10 +5\.0%" || fail "the row does not show the new counts"

# [: the month before, ]: back
keys [
wait_gone "Training $MM: Phường Hồng Bàng ($CODE)"
keys ]
wait_for "Training $MM: Phường Hồng Bàng ($CODE)"

# 60x20: the row keeps its counts and its %
tmx resize-window -t "$S" -x 60 -y 20
wait_for "Confirmed % by month"
screen | grep -E "^▶ " | grep -qE "200 +50 +40 +10 +5\.0%" || fail "the row lost its counts at 60x20"
tmx resize-window -t "$S" -x 80 -y 24
wait_for "target"

# a roster commune: the counted row takes only the population
keys q
wait_for "▶ Phường Hồng Bàng"
keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"
keys t
wait_for "Training $MM: Phường Lê Thanh Nghị"
keys e
wait_for "counted from the roster of learners: only the population"
wait_for "(counted from the roster)"
keys Escape
wait_for "Training $MM: Phường Lê Thanh Nghị"

# T on the communes: the city's trend
keys q
wait_for "▶ Phường Lê Thanh Nghị"
keys T
wait_for "Trend: "
wait_for "12 months ago"
keys q
wait_gone "Trend: "
keys q
wait_gone "Phường"

# LC_ALL=C: ASCII only
S=a start 80 24 LC_ALL=C LANG=C
S=a keys "\"$THEODOI\"" Enter
S=a wait_for "Phuong"
S=a keys / ; S=a typed "hong bang"; S=a keys Enter
S=a wait_for "> Phuong Hong Bang"
S=a keys t
S=a wait_for "Training $MM: Phuong Hong Bang"
S=a wait_for "Confirmed % by month"
S=a screen | grep -q '#' || S=a fail "no ASCII bars"
S=a screen | LC_ALL=C grep -q '[^ -~]' && S=a fail "non-ASCII on the training screen"
S=a keys q
echo "PASS"
