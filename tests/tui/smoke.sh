#!/bin/bash
# smoke.sh - the demo opens on the communes, search finds a commune
# ignoring diacritics, Enter opens it with its five tasks, q goes back and
# q quits to the shell with the terminal in order.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

start 80 24 LANG=C.UTF-8
keys "\"$THEODOI\" demo" Enter
wait_for "Phường"

# search: the cursor mark goes to the match
keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"

# moving the cursor marks the next row, the previous one loses its mark
keys j
wait_gone "▶ Phường Lê Thanh Nghị"
keys k
wait_for "▶ Phường Lê Thanh Nghị"

# Enter opens the commune: the five tasks
keys Enter
wait_for "Phường Lê Thanh Nghị ("
for t in NV1 NV2 NV3; do wait_for " $t "; done
keys G
for t in NV4 NV5; do wait_for " $t "; done

# help lists the keys, q closes it
keys '?'
wait_for "PgUp/b/^B"
keys q
wait_gone "PgUp/b/^B"
wait_for " NV5 "

# q back to the list, q quits; the shell echoes again
keys q
wait_for "Phường Lê Thanh Nghị"
wait_gone "NV1.1"
keys q
wait_gone "Phường"
keys "echo exit=\$?-ok" Enter
wait_for "exit=0-ok"
echo "PASS"
