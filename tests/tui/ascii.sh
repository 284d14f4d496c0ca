#!/bin/bash
# ascii.sh - with LC_ALL=C the screen is folded to ASCII: "Phuong Le
# Thanh Nghi", bars of '#' and '.', and not one byte outside ASCII.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
start 80 24 LC_ALL=C LANG=C
keys "\"$THEODOI\"" Enter
wait_for "Phuong"
keys / ; typed "le thanh nghi"; keys Enter
wait_for "> Phuong Le Thanh Nghi"
screen | grep -q '#' || fail "no ASCII bars"
screen | LC_ALL=C grep -q '[^ -~]' && fail "non-ASCII on the screen"

keys Enter
wait_for "Phuong Le Thanh Nghi ("
wait_for "NV1.1"
screen | LC_ALL=C grep -q '[^ -~]' && fail "non-ASCII on the commune screen"
keys j e
wait_for "NV1.1"
screen | LC_ALL=C grep -q '[^ -~]' && fail "non-ASCII in the form"
keys Escape
keys '?'
wait_for "PgUp/b/^B"
screen | LC_ALL=C grep -q '[^ -~]' && fail "non-ASCII in the help"
keys q q q
wait_gone "Phuong"
echo "PASS"
