#!/bin/bash
# terms.sh - the UI works with every terminal type a clerk may have over
# SSH (PuTTY says xterm; screen, tmux, the Linux console, a vt100), with
# no colours (vt100: the overdue mark "!" and reverse video still show
# which commune is late and where the cursor is), and quits cleanly.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"
demo_db
for term in xterm xterm-256color screen tmux-256color linux vt100; do
    infocmp "$term" >/dev/null 2>&1 || { echo "no terminfo for $term: skipped"; continue; }
    S=$(echo "$term" | tr -c 'a-z0-9\n' _)
    start 80 24 LANG=C.UTF-8 THEODOI_LANG=en
    keys "TERM=$term \"$THEODOI\"; echo exit=\$?" Enter
    wait_for "Phường Ái Quốc"
    screen | grep -q "!" || fail "$term: no overdue mark"
    keys / ; typed "le thanh nghi"; keys Enter
    wait_for "Phường Lê Thanh Nghị"
    keys Enter
    wait_for " NV1 "
    keys q q
    wait_for "exit=0"
    tmx kill-session -t "$S"
    echo "ok: TERM=$term"
done
