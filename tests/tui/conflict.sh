#!/bin/bash
# conflict.sh - no silent lost update: two UIs open the form of one item;
# the second save meets the first one's change and asks (n keeps it, the
# export still has it; y overwrites).  An import that lands while a form
# is open is not overwritten either: the save asks.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
CODE=$(unit_code "Phường Lê Thanh Nghị")
[ -n "$CODE" ] || fail "no unit Phường Lê Thanh Nghị in the demo"
export_has() { "$THEODOI" export checklist --unit "$CODE" | grep -qF -- "$1"; }

open_item() {
    start 80 24 LANG=C.UTF-8
    open_demo_commune
    keys / ; typed "NV4.3"; keys Enter
    wait_for "▶   NV4.3 [ ]"
}
S=a open_item
S=b open_item

# both open the form; b saves first
S=a keys e
S=a wait_for "Edit NV4.3"
S=b keys e
S=b wait_for "Edit NV4.3"
S=b typed "Bài của Hoa trên báo"
S=b keys Enter
S=b wait_for "Saved NV4.3"
until_true export_has "Bài của Hoa trên báo"

# a saves what it typed: asked, with what b changed; n keeps b's change
S=a typed "Bài của Lan"
S=a keys Enter
S=a wait_for "Changed since you opened it"
S=a wait_for "Bài của Hoa trên báo"
S=a wait_for "Overwrite their change with yours?"
S=a keys n
S=a wait_for "keeps the change of"
export_has "Bài của Hoa trên báo" || fail "the other user's evidence was lost"
export_has "Bài của Lan" && fail "the stale form was written without a yes"

# an import lands while a's form is open: the save asks again; y writes
S=a wait_for "▶   NV4.3"
S=a keys e
S=a wait_for "Edit NV4.3"
# a minute ahead, so that it is newer than the save of a second ago
AT=$(date -d '+1 min' +%Y-%m-%dT%H:%M:%S%:z)
cat >"$TDIR/fix.csv" <<CSV
unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by
$CODE,NV4.3,2026,doing,,,Bài của Hoa trên báo,Sở gọi điện nhắc,$AT,minh
CSV
"$THEODOI" import "$TDIR/fix.csv" >/dev/null || fail "the import failed"
S=a typed " số 2"
S=a keys Enter
S=a wait_for "Changed since you opened it"
S=a wait_for "Sở gọi điện nhắc"
export_has "Sở gọi điện nhắc" || fail "the import was overwritten without a question"
S=a keys y
S=a wait_for "Saved NV4.3"
until_true export_has "Bài của Hoa trên báo số 2"
echo "PASS"
