#!/usr/bin/env bash
# Roles with real Unix logins: the creator is admin; a commune login writes
# only its own commune and no city kinds; a login with no role only reads.
set -euo pipefail
T=${THEODOI:-$top_builddir/src/theodoi}
if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
    echo "skip: needs root to create test users"
    exit 77
fi
dir=$(mktemp -d /tmp/theodoi-roles.XXXXXX)
users="tdcity$$ tdxa$$ tdnone$$"
cleanup() { for u in $users; do userdel "$u" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
groupadd -f theodoi-test
for u in $users; do useradd -M -N -g theodoi-test -s /bin/sh "$u"; done
chgrp theodoi-test "$dir"; chmod 2770 "$dir"
export THEODOI_TODAY=2026-11-22 THEODOI_NOW=2026-11-22T10:00:00+07:00
# the other logins may not be able to reach the build tree (a clone under
# /root): give them a copy of the program and its data
mkdir "$dir/bin"; cp "$T" "$dir/bin/theodoi"; cp -r "${top_srcdir:-.}/share" "$dir/share"
chmod -R a+rX "$dir/bin" "$dir/share"
T=$dir/bin/theodoi
export THEODOI_SHARE=$dir/share THEODOI_LANG=${THEODOI_LANG:-en}
db=$dir/city.db
"$T" --db "$db" init --province 31 >/dev/null
chgrp theodoi-test "$db"* ; chmod 660 "$db"*
[ "$(stat -c %a "$db")" = 660 ] || { echo "FAIL: mode"; exit 1; }
"$T" --db "$db" user add "tdcity$$" --role city >/dev/null
"$T" --db "$db" user add "tdxa$$" --role commune --unit 10532 >/dev/null
as() { local u=$1; shift; runuser -u "$u" -- env THEODOI_TODAY=$THEODOI_TODAY \
    THEODOI_NOW=$THEODOI_NOW THEODOI_SHARE=$THEODOI_SHARE THEODOI_LANG=$THEODOI_LANG \
    ASAN_OPTIONS=${ASAN_OPTIONS:-} "$T" --db "$db" "$@"; }
hdr=unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by
printf '%s\n10532,NV1.1,,done,2025-08-20,,Số 12/KH-UBND,,,\n' $hdr > "$dir/own.csv"
printf '%s\n10525,NV1.1,,done,2025-08-20,,Số 9/KH-UBND,,,\n' $hdr > "$dir/other.csv"
printf 'task_code,item_code,title,due\nNV1,NV1.9,Việc mới,2026-12-31\n' > "$dir/items.csv"
chmod 644 "$dir"/*.csv
expect() { local want=$1; shift; set +e; "$@" >"$dir/out" 2>&1; local got=$?; set -e
    [ "$got" -eq "$want" ] || { echo "FAIL: exit $got (want $want): $*"; cat "$dir/out"; exit 1; }; }
expect 0 as "tdxa$$" import "$dir/own.csv"
expect 1 as "tdxa$$" import "$dir/other.csv"
grep -q "other.csv:2: unit_code" "$dir/out" || { echo "FAIL: no line named"; cat "$dir/out"; exit 1; }
expect 1 as "tdxa$$" import "$dir/items.csv"
expect 1 as "tdnone$$" import "$dir/own.csv"
grep -q "may only read" "$dir/out" || { echo "FAIL: read-only not explained"; exit 1; }
expect 0 as "tdnone$$" export summary
expect 0 as "tdcity$$" import "$dir/other.csv" "$dir/items.csv"
expect 1 as "tdcity$$" user add someone --role admin
expect 0 as "tdcity$$" export checklist
grep -c "10525\|10532" "$dir/out" >/dev/null
[ "$(stat -c %a "$db")" = 660 ] || { echo "FAIL: mode changed"; exit 1; }
echo "ok: roles enforced for real Unix logins"
