# tests/lib.sh - helpers for the shell tests of the command line.
#
# A test script starts with
#     . "${top_srcdir:-.}/tests/lib.sh"
# and then says what it checks with `check "..."` before each step.  Every
# helper stops the script at the first failure (exit 1) after printing what
# was expected and what came; `skip "why"` exits 77.  `make check` exports
# THEODOI (the built program), top_srcdir and top_builddir; run by hand,
# the script finds them from its own place in the source tree.
#
# Each script gets a scratch directory $T (removed on exit, kept with
# KEEP=1 for a post-mortem), its own database $T/db (the helper `td` runs
# the program on it), a fixed clock (THEODOI_TODAY / THEODOI_NOW), English
# messages, and no database found by accident: THEODOI_DB, XDG_DATA_HOME
# and HOME all point into $T.

set -u

if [ -z "${top_srcdir:-}" ]; then
    top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fi
: "${top_builddir:=$top_srcdir}"
: "${THEODOI:=$top_builddir/src/theodoi}"
export top_srcdir top_builddir THEODOI

TEST_NAME=$(basename "$0" .sh)
DATA=$top_srcdir/tests/data

THEODOI_TODAY=2026-11-22
THEODOI_NOW=2026-11-22T10:00:00+07:00
THEODOI_LANG=en
export THEODOI_TODAY THEODOI_NOW THEODOI_LANG
unset THEODOI_SHARE LANGUAGE 2>/dev/null || true
# A UTF-8 locale when the system has one (C.UTF-8 on Debian).
if locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$'; then
    LC_ALL=C.UTF-8
else
    LC_ALL=C
fi
export LC_ALL

T=$(mktemp -d "${TMPDIR:-/tmp}/theodoi-$TEST_NAME.XXXXXX") || exit 99
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then
        echo "# kept $T"
    else
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

HOME=$T/home
XDG_DATA_HOME=$T/xdg
export HOME XDG_DATA_HOME
unset THEODOI_DB 2>/dev/null || true
mkdir -p "$HOME"
DB=$T/db
OUT=$T/out      # stdout of the last run_td / expect_exit
ERR=$T/err      # stderr of the last run_td / expect_exit
RC=0            # exit status of the last run_td / expect_exit
STEP=0

if [ ! -x "$THEODOI" ]; then
    echo "not built: $THEODOI" >&2
    exit 99
fi

# Say what is checked next.
check() {
    STEP=$((STEP + 1))
    echo "# $TEST_NAME $STEP: $*"
}

# Stop the test: print why, the last command's output, and exit 1.
fail() {
    echo "FAIL: $TEST_NAME: $*" >&2
    if [ -s "$OUT" ]; then
        echo "--- stdout of the last command:" >&2
        head -n 40 "$OUT" >&2
    fi
    if [ -s "$ERR" ]; then
        echo "--- stderr of the last command:" >&2
        head -n 40 "$ERR" >&2
    fi
    exit 1
}

skip() {
    echo "SKIP: $TEST_NAME: $*"
    exit 77
}

# run CMD...: run a command, keeping stdout in $OUT, stderr in $ERR and
# its status in $RC; never fails by itself.
run() {
    RC=0
    "$@" >"$OUT" 2>"$ERR" || RC=$?
}

# td ARGS...: run the program on the test's database ($DB).
td() {
    "$THEODOI" --db "$DB" "$@"
}

# run_td ARGS...: `run` the program on $DB.
run_td() {
    run "$THEODOI" --db "$DB" "$@"
}

# expect_exit N CMD...: run CMD (as `run`), fail unless it exits with N.
expect_exit() {
    want=$1
    shift
    run "$@"
    [ "$RC" -eq "$want" ] || fail "exit $RC, expected $want: $*"
}

# expect_td N ARGS...: the program on $DB must exit with N.
expect_td() {
    want=$1
    shift
    expect_exit "$want" "$THEODOI" --db "$DB" "$@"
}

# expect_stderr_match ERE: the last command's stderr matches ERE.
expect_stderr_match() {
    grep -Eq -- "$1" "$ERR" || fail "stderr does not match /$1/"
}

# expect_stderr_fixed TEXT: the last command's stderr holds TEXT.
expect_stderr_fixed() {
    grep -Fq -- "$1" "$ERR" || fail "stderr does not contain \"$1\""
}

expect_stdout_match() {
    grep -Eq -- "$1" "$OUT" || fail "stdout does not match /$1/"
}

expect_stdout_fixed() {
    grep -Fq -- "$1" "$OUT" || fail "stdout does not contain \"$1\""
}

expect_stderr_nomatch() {
    if grep -Eq -- "$1" "$ERR"; then
        fail "stderr matches /$1/ but should not"
    fi
}

expect_stdout_nomatch() {
    if grep -Eq -- "$1" "$OUT"; then
        fail "stdout matches /$1/ but should not"
    fi
}

expect_stderr_empty() {
    [ ! -s "$ERR" ] || fail "stderr is not empty"
}

# expect_same A B [what]: files A and B are byte-identical.
expect_same() {
    if ! cmp -s "$1" "$2"; then
        diff -u "$1" "$2" | head -n 30 >&2
        fail "${3:-files differ}: $1 $2"
    fi
}

# expect_differ A B [what]: files A and B differ.
expect_differ() {
    if cmp -s "$1" "$2"; then
        fail "${3:-files are the same}: $1 $2"
    fi
}

# expect_eq GOT WANT [what]
expect_eq() {
    [ "$1" = "$2" ] || fail "${3:-value}: got \"$1\", expected \"$2\""
}

# init_db [ARGS...]: create $DB (`init --province 31` unless told).
init_db() {
    if [ $# -eq 0 ]; then
        set -- --province 31
    fi
    run "$THEODOI" --db "$DB" init "$@"
    [ "$RC" -eq 0 ] || fail "init $* exited $RC"
}

# demo_db: create $DB as the demo database of Hai Phong.
demo_db() {
    run "$THEODOI" --db "$DB" demo --no-ui
    [ "$RC" -eq 0 ] || fail "demo --no-ui exited $RC"
}

# The kinds that can be exported, summary last.
EXPORT_KINDS="units items courses holidays checklist training targets learners summary"

# export_all DIR [DB]: export every kind into DIR/KIND.csv.
export_all() {
    mkdir -p "$1"
    for k in $EXPORT_KINDS; do
        "$THEODOI" --db "${2:-$DB}" export "$k" -o "$1/$k.csv" 2>/dev/null ||
            fail "export $k into $1 failed"
    done
}

# expect_exports_same DIR1 DIR2 [what]: every export is byte-identical.
expect_exports_same() {
    for k in $EXPORT_KINDS; do
        expect_same "$1/$k.csv" "$2/$k.csv" "${3:-export} $k changed"
    done
}

# import_counts KIND: "inserted updated unchanged stale" of KIND from the
# last import's stdout ("checklist: 1 inserted, 0 updated, ...").
import_counts() {
    sed -n "s/^$1: \([0-9]*\) inserted, \([0-9]*\) updated, \([0-9]*\) unchanged, \([0-9]*\) stale\$/\1 \2 \3 \4/p" "$OUT"
}

# expect_counts KIND "I U S T": the last import did this to KIND.
expect_counts() {
    got=$(import_counts "$1")
    [ "$got" = "$2" ] || fail "$1 counts: got \"$got\", expected \"$2\" (inserted updated unchanged stale)"
}

# rows FILE: number of data rows of a CSV written by export (lines - 1;
# no record of ours spans lines unless a field holds a line break).
rows() {
    echo $(($(wc -l <"$1") - 1))
}

# csv NAME: write stdin into $T/NAME and print the path.
csv() {
    cat >"$T/$1"
    echo "$T/$1"
}

# Headers of the kinds, for files written by the tests.
H_CHECKLIST='unit_code,item_code,period,status,done_on,quantity,evidence,note,updated_at,updated_by'
H_TRAINING='unit_code,period,group_code,course_code,population,registered,completed,confirmed,updated_at,updated_by'
H_LEARNERS='unit_code,learner_id,full_name,birth_year,gender,group_code,village,course_code,status,updated_at,updated_by'
H_TARGETS='period,group_code,course_code,target_pct'
H_SUMMARY='unit_code,unit_name,items_total,items_done,items_overdue,population,registered,completed,confirmed,confirmed_pct,last_update'
