#!/usr/bin/env bash
# kill -9 in the middle of a large import: the database stays intact and
# holds no part of the interrupted import; SIGINT and SIGHUP the same.
set -euo pipefail
T=${THEODOI:-$top_builddir/src/theodoi}
SRC=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export THEODOI_DB=$dir/c.db THEODOI_TODAY=2026-11-22 THEODOI_NOW=2026-11-22T10:00:00+07:00
"$T" init --province 31 >/dev/null
command -v sqlite3 >/dev/null || { echo "skip: sqlite3 missing"; exit 77; }
# a roster big enough to take a while
sh "$SRC/tests/big-roster.sh" 300000 > big.csv
before=$("$T" export summary | md5sum)
for sig in KILL INT HUP TERM; do
    "$T" import big.csv >/dev/null 2>&1 & pid=$!
    # wait (with a deadline) until the import has written into the WAL
    for _ in $(seq 1 400); do
        [ "$(stat -c %s c.db-wal 2>/dev/null || echo 0)" -gt 2000000 ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.05
    done
    kill -s "$sig" $pid 2>/dev/null || { echo "FAIL: the import finished before SIG$sig; make big.csv bigger"; exit 1; }
    wait $pid 2>/dev/null || true
    [ "$(sqlite3 c.db 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: integrity after SIG$sig"; exit 1; }
    n=$(sqlite3 c.db 'SELECT count(*) FROM learners')
    [ "$n" -eq 0 ] || { echo "FAIL: $n learners of the interrupted import after SIG$sig"; exit 1; }
    [ "$("$T" export summary | md5sum)" = "$before" ] || { echo "FAIL: summary changed after SIG$sig"; exit 1; }
    b=$(sqlite3 c.db 'SELECT count(*) FROM batches')
    [ "$b" -eq 1 ] || { echo "FAIL: a batch of the interrupted import is recorded"; exit 1; }
    echo "ok: SIG$sig during import left the database intact and unchanged"
done
