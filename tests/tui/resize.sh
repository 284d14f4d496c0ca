#!/bin/bash
# resize.sh - a storm of window sizes (down to tiny ones) does not kill
# the program; afterwards it draws the list at 80x24 again; SIGTERM
# restores the terminal and returns to the shell.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
start 80 24 LANG=C.UTF-8
keys "\"$THEODOI\"; echo status=\$?" Enter
wait_for "Phường"
keys / ; typed "le thanh nghi"; keys Enter Enter
wait_for " NV1 "
sizes="60x20 200x50 20x5 1x1 81x24 40x10 120x40 10x3 79x23 2x2 100x30 60x20"
for round in 1 2 3 4 5; do
    for s in $sizes; do
        tmx resize-window -t t -x "${s%x*}" -y "${s#*x}"
        [ "$round" = 3 ] && keys j
    done
done
tmx resize-window -t t -x 80 -y 24
wait_for "Phường Lê Thanh Nghị ("
keys G
wait_for " NV5 "

# what was drawn bit by bit equals a full redraw (^L)
stable() {
    local a b
    a=$(screen)
    sleep 0.2
    b=$(screen)
    [ "$a" = "$b" ] && printf '%s' "$a" > "$TDIR/$1"
}
until_true stable before
keys C-l
until_true stable after
cmp -s "$TDIR/before" "$TDIR/after" || { diff "$TDIR/before" "$TDIR/after"; fail "the screen differs from a full redraw"; }
keys q
wait_for "Phường"
screen | grep -q "status=[0-9]" && fail "the program ended during the storm"

# SIGTERM to the program (the child of the pane's shell): the loop ends,
# the terminal is restored
shell=$(tmx display-message -p -t t '#{pane_pid}')
prog=$(pgrep -P "$shell")
[ -n "$prog" ] || fail "the program is not running"
kill -TERM "$prog"
wait_for "status=0"
keys 'echo echo-is-$((6 * 7))' Enter
wait_for "echo-is-42"
echo "PASS"
