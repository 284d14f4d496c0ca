#!/bin/bash
# edit.sh - on a commune, `e` on an item opens the form; Vietnamese
# evidence typed there is saved (export shows it); Space advances the
# status and saves at once (export shows the new status); a bad date is
# refused with the form still open; h shows the item's history.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
CODE=$(unit_code "Phường Lê Thanh Nghị")
[ -n "$CODE" ] || fail "no unit Phường Lê Thanh Nghị in the demo"
EVIDENCE="Số 12/KH-UBND ngày 20/8/2025"

# status of NV4.3 in the export ("" when no row: to do)
status_of() {
    "$THEODOI" export checklist --unit "$CODE" | tr -d '\r' |
        awk -F, -v i="$1" '$2 == i { print $4 }'
}
export_has() { "$THEODOI" export checklist --unit "$CODE" | grep -qF -- "$1"; }
status_is() { [ "$(status_of NV4.3)" = "$1" ]; }

start 80 24 LANG=C.UTF-8
keys "\"$THEODOI\"" Enter
wait_for "Phường"
keys / ; typed "le thanh nghi"; keys Enter
wait_for "▶ Phường Lê Thanh Nghị"
keys Enter
wait_for "Phường Lê Thanh Nghị ($CODE)"

# the item NV4.3, found by search
keys / ; typed "NV4.3"; keys Enter
wait_for "▶   NV4.3"

# e: the form; a bad date is refused, the form stays
keys e
wait_for "NV4.3 ("
keys Up Up
typed "31/02/2025"
keys Enter
wait_for "31/02/2025"
wait_for "NV4.3 ("
export_has "31/02/2025" && fail "a bad date was saved"
# the focus stays on the date: clear it, go down to the evidence; letters
# typed in the quantity are refused
keys C-u Down
typed "abc"
keys Down

# evidence typed with Vietnamese letters (as a paste: many at once)
typed "$EVIDENCE"
wait_for "$EVIDENCE"
keys Enter
wait_for "▶   NV4.3"
until_true export_has "$EVIDENCE"
"$THEODOI" export checklist --unit "$CODE" | grep -F "$EVIDENCE" | grep -q abc &&
    fail "letters were taken as a quantity"

# Space advances the status: saved at once
before=$(status_of NV4.3)
case "$before" in
    ""|todo) after=doing ;;
    doing) after=done ;;
    *) after=todo ;;
esac
keys Space
until_true status_is "$after"

# x: not applicable, and back
keys x
until_true status_is na
keys x
until_true status_is todo

# h: the history shows the evidence change
keys h
wait_for "$EVIDENCE"
keys q
wait_for "▶   NV4.3"
keys q q
wait_gone "Phường"
echo "PASS"
