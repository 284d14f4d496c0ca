#!/bin/sh
# Where the database is: --db PATH, else $THEODOI_DB, else
# $XDG_DATA_HOME/theodoi/theodoi.db, else ~/.local/share/theodoi/theodoi.db.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# units_in FILE: how many units a database holds (its units export).
units_in() {
    "$THEODOI" --db "$1" export units | tail -n +2 | wc -l | tr -d ' '
}

check "--db PATH creates the database there"
expect_exit 0 "$THEODOI" --db "$T/opt.db" init --province 31
[ -f "$T/opt.db" ] || fail "no $T/opt.db"
expect_stdout_fixed "$T/opt.db"

check "\$THEODOI_DB is used when there is no --db"
expect_exit 0 env THEODOI_DB="$T/env.db" "$THEODOI" init --province 01
[ -f "$T/env.db" ] || fail "no $T/env.db"
run env THEODOI_DB="$T/env.db" "$THEODOI" export units
expect_stdout_match '^00004,'

check "--db wins over \$THEODOI_DB"
expect_exit 0 env THEODOI_DB="$T/env.db" "$THEODOI" --db "$T/opt.db" export units
expect_stdout_match '^10532,'
expect_stdout_nomatch '^00004,'
expect_exit 0 env THEODOI_DB="$T/env.db" "$THEODOI" --db="$T/opt.db" export units
expect_stdout_match '^10532,'

check "\$XDG_DATA_HOME/theodoi/theodoi.db is the default"
expect_exit 0 "$THEODOI" init --province 31
[ -f "$XDG_DATA_HOME/theodoi/theodoi.db" ] || fail "no $XDG_DATA_HOME/theodoi/theodoi.db"
[ ! -e "$HOME/.local/share/theodoi" ] || fail "also wrote under ~/.local/share"
expect_exit 0 "$THEODOI" export summary
expect_stdout_match '^10532,'

check "\$THEODOI_DB wins over \$XDG_DATA_HOME"
expect_exit 0 env THEODOI_DB="$T/env.db" "$THEODOI" export units
expect_stdout_match '^00004,'

check "without \$XDG_DATA_HOME: ~/.local/share/theodoi/theodoi.db"
expect_exit 0 env -u XDG_DATA_HOME "$THEODOI" init --province 01
[ -f "$HOME/.local/share/theodoi/theodoi.db" ] || fail "no ~/.local/share/theodoi/theodoi.db"
expect_exit 0 env -u XDG_DATA_HOME "$THEODOI" export units
expect_stdout_match '^00004,'

check "the database is not readable by every user of the server"
mode=$(stat -c %a "$T/opt.db")
case $mode in
*[1-7]) fail "mode $mode of a new database lets others read it" ;;
esac

check "reading an absent default database does not create it"
rm -rf "$XDG_DATA_HOME"
expect_exit 3 "$THEODOI" export summary
[ ! -e "$XDG_DATA_HOME/theodoi/theodoi.db" ] || fail "export created a database"
