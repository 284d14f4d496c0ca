#!/bin/sh
# valgrind.sh - the command-line tests under valgrind memcheck (make
# check-valgrind).  THEODOI points at a wrapper that runs src/theodoi under
# valgrind; each run's report goes to its own log, and any report (an
# invalid access, an uninitialised value, a definite leak) fails the run,
# whatever the test made of the exit status.  A few commands of our own
# run first: init, demo, import (good and bad), export, report, history,
# undo, user.  VALGRIND_TESTS="init undo" runs only those tests;
# VALGRIND_JOBS=N runs N at a time (default: the number of CPUs).
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
# $VALGRIND is not left in the environment: LibreOffice (the Calc tests)
# would run itself under it.
vg=${VALGRIND:-valgrind}
unset VALGRIND
if ! command -v "$vg" >/dev/null 2>&1; then
    echo "check-valgrind: valgrind not found (Debian package valgrind)" >&2
    exit 1
fi

work=$top_builddir/tests/fuzz/fuzz_valgrind
rm -rf "$work"
mkdir -p "$work/logs" "$work/tmp" || exit 1
cat >"$work/theodoi" <<EOF
#!/bin/sh
exec "$vg" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite -q --log-file="$work/logs/vg.%p.log" \\
    "$top_builddir/src/theodoi" "\$@"
EOF
chmod +x "$work/theodoi"

THEODOI=$work/theodoi
THEODOI_LANG=en
THEODOI_TODAY=2025-09-15
THEODOI_NOW=2025-09-15T10:00:00+07:00
TMPDIR=$work/tmp
export top_srcdir top_builddir THEODOI THEODOI_LANG THEODOI_TODAY THEODOI_NOW TMPDIR

failed=0
fail() {
    echo "FAIL: $*" >&2
    failed=1
}

# run EXPECTED-STATUS COMMAND...: one command of our own.
run() {
    want=$1
    shift
    "$THEODOI" "$@" >"$work/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "theodoi $* exited $got, not $want"
        sed 's/^/    /' "$work/out" >&2
    fi
}

own_commands() {
    db=$work/tmp/own.db
    csv=$work/tmp/checklist.csv
    bad=$work/tmp/bad.csv
    export THEODOI_DB=$db
    run 0 init --province 31
    run 0 init --province 31
    printf '%s\n' \
        'unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by' \
        '10507,NV1.1,,done,2025-08-20,,https://x.vn,,2025-08-20T09:00:00+07:00,clerk' \
        '10525,NV1.2,,Hoàn thành,20/08/2025,,,,,' >"$csv"
    printf '%s\n' 'unit_code,item_code,period,status' '99999,NV1.1,,maybe' >"$bad"
    run 0 import --dry-run "$csv"
    run 0 import "$csv"
    run 1 import "$bad"
    run 0 export checklist -o "$work/tmp/out.csv"
    run 0 export summary
    run 0 report
    run 0 history
    run 0 undo 2
    run 0 user list
    run 2 no-such-command
    unset THEODOI_DB
    run 0 --db "$work/tmp/demo.db" demo --no-ui
    run 0 --db "$work/tmp/demo.db" report
}

echo "check-valgrind: own commands"
own_commands

# The CLI tests (or those named in $VALGRIND_TESTS), $jobs at a time
# (valgrind is slow); each one's exit status goes to NAME.rc (77 means
# skipped), its output to NAME.log.
jobs=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}
cli_tests() {
    for t in "$top_srcdir"/tests/cli/*.sh; do
        [ -f "$t" ] || continue
        case " ${VALGRIND_TESTS:-$(basename "$t" .sh)} " in
        *" $(basename "$t" .sh) "*) echo "$t" ;;
        esac
    done
}
cli_tests | xargs -P "$jobs" -I{} sh -c '
    name=$(basename "$1" .sh)
    echo "check-valgrind: $name"
    (cd "$2/tmp" && if [ -x "$1" ]; then "$1"; else sh "$1"; fi) >"$2/$name.log" 2>&1
    echo $? >"$2/$name.rc"' sh {} "$work"
for t in $(cli_tests); do
    name=$(basename "$t" .sh)
    rc=$(cat "$work/$name.rc" 2>/dev/null || echo 1)
    case $rc in
    0) ;;
    77) echo "SKIP: tests/cli/$name.sh" ;;
    *)
        fail "tests/cli/$name.sh exited $rc (log: $work/$name.log)"
        tail -n 20 "$work/$name.log" >&2
        ;;
    esac
done

reports=0
for l in "$work"/logs/vg.*.log; do
    [ -s "$l" ] || continue
    reports=$((reports + 1))
    [ "$reports" -le 5 ] && { echo "== $l" >&2; head -n 60 "$l" >&2; }
done
[ "$reports" -gt 0 ] && fail "$reports valgrind report(s) in $work/logs"

if [ "$failed" -ne 0 ]; then
    echo "check-valgrind: FAILED" >&2
    exit 1
fi
echo "check-valgrind: no invalid access, no definite leak"
