#!/bin/bash
# cancel.sh - a big roster import started from the import screen is
# stopped halfway, once with Esc and once with Ctrl-C (a SIGINT through the
# terminal): each time the screen says the import was interrupted and
# nothing written, the program stays up, and the database holds none of
# the file's rows; imported to the end afterwards, every row is there.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

export THEODOI_NOW=2026-11-22T20:00:00+07:00
"$THEODOI" init --province 31 >/dev/null || fail "init --province 31 failed"
mkdir -p "$TDIR/in"
# a roster that takes a while to import (about a second)
sh "${top_srcdir:-$(dirname "$0")/../..}/tests/big-roster.sh" 500000 >"$TDIR/in/big.csv"
learners() { "$THEODOI" export learners 2>/dev/null | tail -n +2 | wc -l; }
batches() { "$THEODOI" history 2>/dev/null | grep -c 'big.csv'; }

start 80 24 LANG=C.UTF-8 THEODOI_LANG=en THEODOI_NOW=$THEODOI_NOW
keys "\"$THEODOI\"" Enter
wait_for "114 communes"
keys i
wait_for "Import CSV files"
keys Tab C-u
typed "$TDIR/in/"
keys Enter
wait_for "big.csv"
keys a
wait_for "1 selected"

# run_and_stop KEY: check, import, and KEY while the import runs
run_and_stop() {
    keys d
    wait_for "Import now? (y/n)" 60
    keys y
    wait_for "Importing 1 files" 30
    keys "$1"
    wait_for "Cancelled: nothing of this import was written" 30
    wait_for "1 selected" # back on the files, the program still up
    [ "$(learners)" = 0 ] || fail "rows of the interrupted import are in the database ($1)"
    [ "$(batches)" = 0 ] || fail "the interrupted import left a batch ($1)"
    keys C-l # the message goes with the next key
    wait_gone "Cancelled"
}
run_and_stop Escape
run_and_stop C-c

# and to the end
keys d
wait_for "Import now? (y/n)" 60
keys y
wait_for "Import: batch" 60
[ "$(learners)" = 500000 ] || fail "the whole import holds $(learners) rows, not 500000"
keys q q
wait_for "114 communes"
keys q
wait_for '$'
echo "PASS"
