#!/bin/sh
# Newest wins by updated_at; an older row is skipped and reported as
# stale; equal values change nothing whatever their time; two rows of one
# import with the same key and time but other values are a conflict.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

init_db
row() {   # row STATUS DONE_ON NOTE UPDATED_AT BY
    echo "10532,NV1.1,,$1,$2,,,$3,$4,$5"
}
printf '%s\n%s\n' "$H_CHECKLIST" "$(row doing '' 'dự thảo' 2025-08-10T09:00:00+07:00 an)" >"$T/old.csv"
printf '%s\n%s\n' "$H_CHECKLIST" "$(row done 2025-08-20 'đã ban hành' 2025-08-20T09:00:00+07:00 binh)" >"$T/new.csv"
printf '%s\n%s\n' "$H_CHECKLIST" "$(row done 2025-08-20 'đã ban hành' 2025-08-25T09:00:00+07:00 chi)" >"$T/same-later.csv"
printf '%s\n%s\n' "$H_CHECKLIST" "$(row done 2025-08-20 'bản cuối' 2025-08-20T09:00:00+07:00 chi)" >"$T/same-time.csv"
printf '%s\n%s\n' "$H_CHECKLIST" "$(row done 2025-08-20 'có offset khác' 2025-08-20T04:00:00+01:00 dung)" >"$T/offset.csv"

stored() { td export checklist --unit 10532 | tail -n +2 | tr -d '\r'; }

check "a new key is inserted"
expect_td 0 import "$T/new.csv"
expect_counts checklist "1 0 0 0"

check "an older row is skipped and reported as stale, with its line and key"
expect_td 0 import "$T/old.csv"
expect_counts checklist "0 0 0 1"
expect_stderr_match "old\.csv:2: .*stale.*10532\|NV1\.1"
expect_eq "$(stored)" "$(row done 2025-08-20 'đã ban hành' 2025-08-20T09:00:00+07:00 binh)" "stored row"

check "a dry run reports the stale row too"
expect_td 0 import --dry-run "$T/old.csv"
expect_stdout_match 'checklist: would insert 0, update 0; 0 unchanged, 1 stale'
expect_stderr_fixed 'stale'

check "the same values with a later time change nothing"
expect_td 0 import "$T/same-later.csv"
expect_counts checklist "0 0 1 0"
expect_eq "$(stored)" "$(row done 2025-08-20 'đã ban hành' 2025-08-20T09:00:00+07:00 binh)" "stored row"

check "other values at the same time do not replace the stored row"
expect_td 0 import "$T/same-time.csv"
expect_counts checklist "0 0 0 1"
expect_eq "$(stored)" "$(row done 2025-08-20 'đã ban hành' 2025-08-20T09:00:00+07:00 binh)" "stored row"

check "updated_at is compared as a time: 04:00+01:00 is after 09:00+07:00"
expect_td 0 import "$T/offset.csv"
expect_counts checklist "0 1 0 0"
expect_eq "$(stored)" "$(row done 2025-08-20 'có offset khác' 2025-08-20T10:00:00+07:00 dung)" "stored row (canonical +07:00)"

check "a newer row replaces the stored one"
printf '%s\n%s\n' "$H_CHECKLIST" "$(row na '' 'không áp dụng' 2025-09-01T08:00:00+07:00 an)" >"$T/newer.csv"
expect_td 0 import "$T/newer.csv"
expect_counts checklist "0 1 0 0"
expect_eq "$(stored)" "$(row na '' 'không áp dụng' 2025-09-01T08:00:00+07:00 an)" "stored row"

check "an empty updated_at is the time of import, updated_by the login"
printf '%s\n%s\n' "$H_CHECKLIST" "10532,NV1.2,,todo,,,,,," >"$T/now.csv"
expect_td 0 import "$T/now.csv"
td export checklist | grep -q "^10532,NV1.2,,todo,,,,,2026-11-22T10:00:00+07:00,$(id -un)" ||
    fail "row imported without time: $(td export checklist | grep NV1.2)"

check "two rows of one file, same key, same time, other values: rejected, both lines named"
export_all "$T/before"
printf '%s\n%s\n%s\n' "$H_CHECKLIST" \
    "10532,NV2.1,,doing,,1,,,2026-01-10T08:00:00+07:00," \
    "10532,NV2.1,,done,2026-01-09,2,,,2026-01-10T08:00:00+07:00," >"$T/conflict.csv"
expect_td 1 import "$T/conflict.csv"
expect_stderr_match 'conflict\.csv:3: updated_at: '
expect_stderr_match 'conflict\.csv:3: updated_at: .*conflict\.csv:2'
export_all "$T/after"
expect_exports_same "$T/before" "$T/after" "a rejected import changed"

check "the conflict is found even when the first row equals the stored one"
printf '%s\n%s\n' "$H_CHECKLIST" "10532,NV2.1,,doing,,1,,,2026-01-10T08:00:00+07:00," >"$T/first.csv"
expect_td 0 import "$T/first.csv"
export_all "$T/before"
expect_td 1 import "$T/conflict.csv"
expect_stderr_match 'conflict\.csv:3: updated_at: '
export_all "$T/after"
expect_exports_same "$T/before" "$T/after" "a rejected import changed"

check "the conflict is found across two files of one import"
printf '%s\n%s\n' "$H_CHECKLIST" "10532,NV2.1,,done,2026-01-09,2,,,2026-01-10T08:00:00+07:00," >"$T/second.csv"
expect_td 1 import "$T/first.csv" "$T/second.csv"
expect_stderr_match 'second\.csv:2: updated_at: .*first\.csv'

check "the same row twice in one file is no conflict"
printf '%s\n%s\n%s\n' "$H_CHECKLIST" \
    "10532,NV2.3,2026,done,2026-02-01,3,,,2026-02-01T08:00:00+07:00,x" \
    "10532,NV2.3,2026,done,2026-02-01,3,,,2026-02-01T08:00:00+07:00,y" >"$T/twice.csv"
expect_td 0 import "$T/twice.csv"
expect_counts checklist "1 0 1 0"

check "within one file the newer of two rows wins, whatever their order"
printf '%s\n%s\n%s\n' "$H_CHECKLIST" \
    "10532,NV2.4,2026,done,2026-03-01,,,,2026-03-01T08:00:00+07:00," \
    "10532,NV2.4,2026,doing,,,,,2026-02-01T08:00:00+07:00," >"$T/order.csv"
expect_td 0 import "$T/order.csv"
expect_counts checklist "1 0 0 1"
td export checklist | grep -q '^10532,NV2.4,2026,done,' || fail "the older row won"
