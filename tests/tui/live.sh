#!/bin/bash
# live.sh - two users on the same commune: a status one of them changes
# shows on the other's screen within a second or two, without a key.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
open_item() {
    start 80 24 LANG=C.UTF-8
    keys "\"$THEODOI\"" Enter
    wait_for "Phường"
    keys / ; typed "le thanh nghi"; keys Enter
    wait_for "▶ Phường Lê Thanh Nghị"
    keys Enter
    wait_for " NV1 "
    keys / ; typed "NV4.3"; keys Enter
    wait_for "▶   NV4.3 [ ]"
}
S=a open_item
S=b open_item

S=b keys Space
S=b wait_for "▶   NV4.3 [~]"
# the other screen follows, with no key pressed
S=a wait_for "▶   NV4.3 [~]" 5
S=a keys x
S=b wait_for "▶   NV4.3 [-]" 5
echo "PASS"
