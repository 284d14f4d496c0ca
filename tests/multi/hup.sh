#!/bin/bash
# hup.sh - a dropped SSH connection (SIGHUP), Ctrl-C (SIGINT) or kill
# (SIGTERM) while the UI is open, even in the middle of an edit: the
# program leaves, the terminal is usable again (echo and line editing
# back), the database passes integrity_check and holds nothing of the
# unsaved edit.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
demo_db
before=$("$THEODOI" export checklist | md5sum)
for sig in HUP INT TERM; do
    start 80 24 LANG=C.UTF-8 THEODOI_LANG=en
    keys "\"$THEODOI\"; stty -a | tr ' ' '\n' | grep -x -e echo -e icanon | tr '\n' ' '; echo done" Enter
    wait_for "Phường Ái Quốc"
    keys / ; typed "le thanh nghi"; keys Enter Enter
    wait_for " NV1 "
    keys j e
    wait_for "Evidence"
    typed "Số 99/KH-UBND chưa lưu"
    shell=$(tmx list-panes -t "$S" -F '#{pane_pid}')
    pid=$(pgrep -P "$shell" -x theodoi) || fail "no theodoi process"
    kill -s "$sig" "$pid"
    wait_for "icanon echo done"
    [ "$(sqlite3 "$THEODOI_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity after SIG$sig"
    [ "$("$THEODOI" export checklist | md5sum)" = "$before" ] || fail "an unsaved edit was written after SIG$sig"
    tmx kill-session -t "$S"
    echo "ok: SIG$sig: terminal restored, database intact and unchanged"
done
