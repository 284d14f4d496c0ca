# lib.sh - shared by the tmux tests of the terminal UI (sourced).
#
# Each test drives the real program in a private tmux server at a fixed
# size, in a temporary directory with THEODOI_DB there, and polls
# capture-pane until the screen shows what it waits for, with a deadline.
# Skips (77) when tmux is missing.

command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${THEODOI:=$top_builddir/src/theodoi}"
[ -x "$THEODOI" ] || { echo "FAIL: no program at $THEODOI"; exit 1; }

TDIR=$(mktemp -d "${TMPDIR:-/tmp}/theodoi-tui.XXXXXX")
export THEODOI_DB="$TDIR/theodoi.db"
export THEODOI_TODAY=2026-11-22
SOCK="$TDIR/tmux.sock"
TIMEOUT=${TUI_TIMEOUT:-15}

tmx() { tmux -S "$SOCK" -f /dev/null "$@"; }
cleanup() { tmx kill-server >/dev/null 2>&1; rm -rf "$TDIR"; }
trap cleanup EXIT

# start COLS ROWS [VAR=value...]: a plain shell in a new session named
# $S (t unless set), prompt "$ ".
start() {
    local cols=$1 rows=$2
    shift 2
    tmx new-session -d -x "$cols" -y "$rows" -s "$S" \
        "cd '$TDIR' && env PS1='$ ' TERM=screen THEODOI_DB='$THEODOI_DB' THEODOI_TODAY=$THEODOI_TODAY $* bash --norc --noprofile"
    tmx set-option -t "$S" status off >/dev/null
    wait_for '$'
}

# The session the helpers talk to (tests with two users set it).
S=t
screen() { tmx capture-pane -p -t "$S"; }
keys() { tmx send-keys -t "$S" "$@"; }
# Type text as is (no key names).
typed() { tmx send-keys -t "$S" -l "$1"; }

fail() {
    echo "FAIL: $*"
    echo "---- screen ----"
    screen
    exit 1
}

# wait_for TEXT [seconds]: until a line of the screen holds TEXT.
wait_for() {
    local deadline=$((SECONDS + ${2:-$TIMEOUT}))
    while ((SECONDS < deadline)); do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    fail "timed out waiting for: $1"
}

# wait_gone TEXT [seconds]: until no line of the screen holds TEXT.
wait_gone() {
    local deadline=$((SECONDS + ${2:-$TIMEOUT}))
    while ((SECONDS < deadline)); do
        screen | grep -qF -- "$1" || return 0
        sleep 0.1
    done
    fail "still on screen: $1"
}

# until_true CMD...: poll a command until it succeeds, with the deadline.
until_true() {
    local deadline=$((SECONDS + TIMEOUT))
    while ((SECONDS < deadline)); do
        "$@" && return 0
        sleep 0.1
    done
    fail "never true: $*"
}

# The code of a unit by its name.
unit_code() {
    "$THEODOI" export units | tr -d '\r' | awk -F, -v n="$1" '$2 == n { print $1 }'
}

# The demo database, made outside the UI (quick) when the test needs it.
demo_db() {
    "$THEODOI" demo --no-ui >/dev/null || fail "theodoi demo --no-ui failed"
}

# open_demo_commune: the UI (started with start) on the checklist of
# Phường Lê Thanh Nghị in the demo, found by a search without diacritics.
open_demo_commune() {
    keys "\"$THEODOI\"" Enter
    wait_for "Phường"
    keys / ; typed "le thanh nghi"; keys Enter
    wait_for "▶ Phường Lê Thanh Nghị"
    keys Enter
    wait_for " NV1 "
}
