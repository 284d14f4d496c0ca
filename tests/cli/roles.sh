#!/bin/sh
# Roles, as far as one Unix login can test them: the creator is admin; an
# admin adds, lists and removes users; a commune login imports only its own
# unit's rows and no city kinds; a login with no role may only read.
# (tests/multi/unix-roles.sh tests them with real other logins.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

G=$DATA/good
me=$(id -un)
init_db

check "the login that creates the database is its admin"
expect_td 0 user list
expect_stdout_match "^$me +admin "

check "user add bob --role commune --unit 10532"
expect_td 0 user add bob --role commune --unit 10532
expect_td 0 user list
expect_stdout_match '^bob +commune +10532 '

check "a commune login without --unit, or with an unknown unit, is refused"
run_td user add carol --role commune
[ "$RC" -ne 0 ] || fail "commune without unit accepted"
expect_td 1 user add carol --role commune --unit 99999
expect_stderr_match 'unknown unit 99999'
expect_td 2 user add carol --role mayor
expect_td 0 user list
expect_stdout_nomatch '^carol'

check "a commune code typed without zeros is padded (Hà Nội)"
DB=$T/hn.db
init_db --province 01
expect_td 0 user add dung --role commune --unit 4
expect_td 0 user list
expect_stdout_match '^dung +commune +00004 '
DB=$T/db

check "city and admin roles; user remove"
expect_td 0 user add chi --role city
expect_td 0 user add an --role admin
expect_td 0 user remove chi
expect_td 0 user list
expect_stdout_nomatch '^chi '
expect_td 1 user remove nobody
expect_stderr_match 'no such user: nobody'

check "the last admin cannot remove itself"
DB=$T/solo.db
init_db
expect_td 1 user remove "$me"
expect_stderr_match 'admin'
expect_td 0 user list
expect_stdout_match "^$me +admin "
DB=$T/db

# A copy of the database where this login is a commune clerk of 10532.
cp "$DB" "$T/commune.db"
"$THEODOI" --db "$T/commune.db" user add "$me" --role commune --unit 10532 >/dev/null ||
    fail "cannot make $me a commune login"

check "a commune login imports its own unit's rows"
DB=$T/commune.db
expect_td 0 import "$G/checklist-10532.csv" "$G/training-10532.csv"
expect_counts checklist "8 0 0 0"

check "a commune login may not import rows of another unit: nothing is written"
export_all "$T/c-before"
printf '%s\n%s\n%s\n' "$H_CHECKLIST" \
    "10532,NV4.1,,done,2025-10-01,,,,," \
    "10507,NV4.1,,done,2025-10-01,,,,," >"$T/other.csv"
expect_td 1 import "$T/other.csv"
expect_stderr_match "other\.csv:3: unit_code: .*may not write"
expect_stderr_nomatch 'other\.csv:2:'
export_all "$T/c-after"
expect_exports_same "$T/c-before" "$T/c-after" "a refused import wrote"

check "a commune login may not import city kinds (targets, units, items, courses)"
expect_td 1 import "$G/targets-2026.csv"
expect_stderr_match "targets-2026\.csv:1: .*commune login may not import targets"
printf 'course_code,title\nX1,Khóa học mới\n' >"$T/courses.csv"
expect_td 1 import "$T/courses.csv"
expect_stderr_match 'may not import courses'
export_all "$T/c-after"
expect_exports_same "$T/c-before" "$T/c-after" "a refused import wrote"

check "a commune login may undo its own import (as in the UI), not change users, and may read"
expect_td 0 history
b=$(grep -E "^[0-9]+ .*checklist-10532\.csv" "$OUT" | cut -d' ' -f1)
[ -n "$b" ] || fail "no batch of checklist-10532.csv in the history"
expect_td 0 undo "$b"
expect_td 1 user add eve --role admin
expect_stderr_match 'only an admin'
expect_td 0 export summary
expect_td 0 report --unit 10532
expect_td 0 history
expect_td 0 user list

# A copy where this login has no role at all: another admin is added,
# then this login removes itself.
cp "$T/db" "$T/none.db"
DB=$T/none.db
expect_td 0 user add "other-admin" --role admin
expect_td 0 user remove "$me"

check "a login with no role may only read: import refused with exit 1"
export_all "$T/n-before"
expect_td 1 import "$G/checklist-10532.csv"
expect_stderr_match 'no role in this database, so it may only read'
expect_stderr_fixed "user add $me"
expect_td 1 import --dry-run "$G/checklist-10532.csv"
expect_stderr_match 'may only read'
export_all "$T/n-after"
expect_exports_same "$T/n-before" "$T/n-after" "a refused import wrote"

check "a login with no role reads: export, report, history, user list"
expect_td 0 export checklist
expect_td 0 report --unit 10532
expect_td 0 history
expect_td 0 user list

check "a login with no role may not undo or add users"
expect_td 1 undo 1
expect_td 1 user add "$me" --role admin
expect_td 0 user list
expect_stdout_nomatch "^$me "
