#!/bin/bash
# bytes.sh - moving the cursor one row repaints only what changed: fewer
# than 150 bytes reach the terminal (SSH links are slow).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
OUT="$TDIR/out.bin"
size() { stat -c %s "$OUT" 2>/dev/null || echo 0; }
# wait until nothing more is written for a while
settled() {
    local a
    a=$(size)
    sleep 0.3
    [ "$a" = "$(size)" ]
}

start 80 24 LANG=C.UTF-8
keys "\"$THEODOI\"" Enter
wait_for "Phường"
keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"
tmx pipe-pane -t "$S" -o "cat >> '$OUT'"
until_true settled

# one row down and up again on the communes screen
for k in j k j k; do
    before=$(size)
    keys "$k"
    if [ "$k" = j ]; then wait_gone "▶ Phường Lê Thanh Nghị"; else wait_for "▶ Phường Lê Thanh Nghị"; fi
    until_true settled
    n=$(($(size) - before))
    echo "key $k on the communes: $n bytes"
    [ "$n" -lt 150 ] || fail "one row's move wrote $n bytes"
done

# and on a commune's items
keys Enter
wait_for " NV1 "
keys j j
wait_for "▶   NV1.2"
until_true settled
before=$(size)
keys j
wait_for "▶   NV1.3"
until_true settled
n=$(($(size) - before))
echo "key j on the items: $n bytes"
[ "$n" -lt 150 ] || fail "one row's move wrote $n bytes"
echo "PASS"
