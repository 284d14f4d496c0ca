#!/bin/bash
# narrow.sh - at 60x20 the list still shows one commune per row, cut with
# an ellipsis, never wrapped; the commune screen and the form fit too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
start 60 20 LANG=C.UTF-8
keys "\"$THEODOI\"" Enter
wait_for "Phường"
screen | grep -qF "…" || fail "no ellipsis at 60 columns"
# one commune per row: every row that names one holds its counts too
screen | grep -E "(Phường|Xã|Đặc khu) " | grep -vqE "[0-9]+/[0-9]+" &&
    fail "a commune's row was wrapped or cut before its counts"
# the key rows keep help and quit in view
screen | grep -qF "?/F1" || fail "help key not shown at 60 columns"
screen | grep -qF "q/Esc" || fail "quit key not shown at 60 columns"

keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"
keys Enter
wait_for " NV1 "
screen | grep -E "^ +NV[0-9]\.[0-9]" | grep -vqE "[0-9]{2}/[0-9]{2}/[0-9]{4}" &&
    fail "an item's row lost its due date"
keys j e
wait_for "NV1.1"
wait_for "["
keys Escape q q
wait_gone "Phường"
echo "PASS"
