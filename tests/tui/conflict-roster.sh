#!/bin/bash
# conflict-roster.sh - no silent lost update on the training screens: two
# UIs edit the same learner in the form; the second save is asked about,
# n keeps the first one's village.  Two UIs type the counts of the same
# line of the training table; the second is asked, y overwrites.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

demo_db
CODE=$(unit_code "Phường Lê Thanh Nghị")
[ -n "$CODE" ] || fail "no unit Phường Lê Thanh Nghị in the demo"
MONTH=${THEODOI_TODAY%-*}
learners_have() { "$THEODOI" export learners --unit "$CODE" 2>/dev/null | grep -qF -- "$1"; }
training_has() { "$THEODOI" export training --unit "$CODE" --period "$MONTH" | grep -qF -- "$1"; }

open_roster() {
    start 80 24 LANG=C.UTF-8
    open_demo_commune
    keys t
    wait_for "Training"
    keys r
    wait_for "learners, by given name"
}
S=a open_roster
S=b open_roster

# the first learner's form in both; b saves a village first
S=a keys e
S=a wait_for "Learner "
S=b keys e
S=b wait_for "Learner "
S=b keys Tab Tab Tab Tab C-u
S=b typed "Thôn Mới B"
S=b keys Enter
S=b wait_for "Saved"
until_true learners_have "Thôn Mới B"
S=a keys Tab Tab Tab Tab C-u
S=a typed "Thôn Mới A"
S=a keys Enter
S=a wait_for "Changed since you opened it"
S=a wait_for "Village: "
S=a wait_for "Thôn Mới B"
S=a keys n
S=a wait_for "keeps the change of"
learners_have "Thôn Mới A" && fail "the stale learner form was written without a yes"
learners_have "Thôn Mới B" || fail "the other user's village was lost"

# the counts of the first line of the table, in both
S=a keys q
S=a wait_for "Confirmed % by month"
S=b keys q
S=b wait_for "Confirmed % by month"
S=a keys e
S=a wait_for "Counts of"
S=b keys e
S=b wait_for "Counts of"
S=b keys C-u
S=b typed "9999"
S=b keys Enter
S=b wait_for "Saved the counts"
until_true training_has ",9999,"
S=a keys C-u
S=a typed "8888"
S=a keys Enter
S=a wait_for "Changed since you opened it"
training_has ",8888," && fail "the stale counts were written without a yes"
S=a keys y
S=a wait_for "Saved the counts"
until_true training_has ",8888,"
echo "PASS"
