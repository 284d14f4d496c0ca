#!/bin/bash
# undo.sh - status keys that cannot destroy, and undo:
#  - three Spaces on a done item leave it done with its done date;
#    Backspace steps it back to in progress, Space brings back the date;
#  - u undoes a Space and a form edit (newest first), and says so when
#    there is nothing left;
#  - Enter on a change in the history restores it after a yes;
#  - Esc on a form with a changed field asks; n goes back to the form,
#    y closes it without saving.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
CODE=$(unit_code "Phường Lê Thanh Nghị")
[ -n "$CODE" ] || fail "no unit Phường Lê Thanh Nghị in the demo"
row_of() {
    "$THEODOI" export checklist --unit "$CODE" | tr -d '\r' | awk -F, -v i="$1" '$2 == i'
}
field() { row_of "$1" | cut -d, -f"$2"; }
is() { [ "$(field "$1" "$2")" = "$3" ]; }
DONE=$(field NV1.1 5)
[ "$(field NV1.1 4)" = done ] && [ -n "$DONE" ] || fail "NV1.1 is not done with a date in the demo"

start 80 24 LANG=C.UTF-8
open_demo_commune

# three Spaces on a done item: still done, the same done date
keys / ; typed "NV1.1"; keys Enter
wait_for "▶   NV1.1 [x]"
keys Space Space Space
wait_for "Backspace steps its status back"
is NV1.1 4 done || fail "Space changed a done item: $(row_of NV1.1)"
is NV1.1 5 "$DONE" || fail "the done date changed: $(row_of NV1.1)"
# Backspace: in progress, no date; Space: done again with the old date
keys BSpace
wait_for "▶   NV1.1 [~]"
until_true is NV1.1 4 doing
is NV1.1 5 "" || fail "a date stayed on an item in progress: $(row_of NV1.1)"
keys Space
wait_for "▶   NV1.1 [x]"
until_true is NV1.1 4 done
is NV1.1 5 "$DONE" || fail "done again, but not on $DONE: $(row_of NV1.1)"

# u undoes the Space (back to in progress), then the Backspace (done)
keys u
wait_for "▶   NV1.1 [~]"
wait_for "Undone:"
until_true is NV1.1 4 doing
keys u
wait_for "▶   NV1.1 [x]"
until_true is NV1.1 4 done
is NV1.1 5 "$DONE" || fail "undo lost the done date: $(row_of NV1.1)"

# a form edit, then u: the evidence comes back
keys / ; typed "NV4.3"; keys Enter
wait_for "▶   NV4.3 [ ]"
keys e
wait_for "Edit NV4.3"
typed "Bài trên báo Hải Phòng"
keys Enter
wait_for "Saved NV4.3"
until_true is NV4.3 7 "Bài trên báo Hải Phòng"
keys u
wait_for "Undone: NV4.3"
until_true is NV4.3 7 ""
"$THEODOI" export checklist --unit "$CODE" | grep -q "Bài trên báo" && fail "undo kept the evidence"
# h: the history; Down to the change that wrote the evidence, Enter
# restores it after a yes; u undoes the restore
keys h
wait_for "History of NV4.3"
wait_for "undone on screen"
keys Down Enter
wait_for "Restore NV4.3"
wait_for "Bài trên báo Hải Phòng"
keys y
wait_for "Restored: NV4.3"
until_true is NV4.3 7 "Bài trên báo Hải Phòng"
keys u
wait_for "Undone: NV4.3"
until_true is NV4.3 7 ""
# back to when the UI opened: nothing more of this UI to undo
keys u u u
wait_for "Nothing to undo"

# Esc on a changed form asks; n goes back to the form, y closes it
keys e
wait_for "Edit NV4.3"
typed "nháp"
keys Escape
wait_for "Unsaved changes"
wait_for "Throw your changes away?"
keys n
wait_for "Edit NV4.3"
wait_for "nháp"
keys Escape
wait_for "Throw your changes away?"
keys y
wait_for "Not saved: the form was closed"
"$THEODOI" export checklist --unit "$CODE" | grep -q "nháp" && fail "a closed form was saved"
# Esc on a form with nothing changed closes at once
keys e
wait_for "Edit NV4.3"
keys Escape
wait_for "Not saved: the form was closed"
echo "PASS"
