#!/bin/sh
# The command line's surface: --help and --version, usage errors (exit 2),
# unknown commands and options, a database that cannot be opened (exit 3).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

check "--help prints the commands and exits 0"
expect_exit 0 "$THEODOI" --help
for c in init demo import export report history undo user; do
    expect_stdout_match "^  $c"
done
expect_stdout_fixed '--db PATH'
expect_stderr_empty

check "--version prints the version and exits 0"
expect_exit 0 "$THEODOI" --version
expect_stdout_match '^theodoi [0-9]+\.[0-9]+'

check "an unknown command exits 2 and names it"
expect_exit 2 "$THEODOI" --db "$DB" frobnicate
expect_stderr_match '^theodoi: .*frobnicate'

check "an unknown global option exits 2"
expect_exit 2 "$THEODOI" --frobnicate
expect_stderr_fixed '--frobnicate'

check "--db without a path exits 2"
expect_exit 2 "$THEODOI" --db

init_db
check "usage errors of every command exit 2 and print the usage"
for args in "export" "export nosuchkind" "export summary --unit" "export summary -o" \
            "import" "import --bogus x.csv" "undo" "undo abc" "undo 1 2" \
            "user" "user add" "user add bob" "user add bob --role boss" "user remove" \
            "init --province" "init --province 31 --unit 10532" "init --bogus" \
            "history extra" "report --bogus" "demo --bogus"; do
    # shellcheck disable=SC2086
    run_td $args
    [ "$RC" -eq 2 ] || fail "\"$args\" exited $RC, expected 2"
    expect_stderr_match 'usage: theodoi|unknown'
done

check "an unknown kind to export is named"
expect_td 2 export nosuchkind
expect_stderr_fixed 'nosuchkind'

check "a missing database exits 3 and tells how to create one"
expect_exit 3 "$THEODOI" --db "$T/none/x.db" export summary
expect_stderr_match 'init'
[ ! -e "$T/none" ] || fail "reading created $T/none"

check "a file that is not a database exits 3"
echo "this is not SQLite" >"$T/junk.db"
expect_exit 3 "$THEODOI" --db "$T/junk.db" export summary
expect_stderr_fixed "$T/junk.db"
expect_exit 3 "$THEODOI" --db "$T/junk.db" import "$DATA/good/checklist-10532.csv"

check "a directory in place of the database exits 3"
mkdir "$T/dir.db"
expect_exit 3 "$THEODOI" --db "$T/dir.db" export summary
expect_exit 3 "$THEODOI" --db "$T/dir.db" init --province 31

check "a database in a directory that cannot be created exits 3"
touch "$T/file"
expect_exit 3 "$THEODOI" --db "$T/file/sub/x.db" init --province 31

check "a truncated database file exits 3"
cp "$DB" "$T/cut.db"
head -c 3000 "$DB" >"$T/cut.db"
expect_exit 3 "$THEODOI" --db "$T/cut.db" export summary

check "history and user list work on a new database"
expect_td 0 history
expect_td 0 user list
