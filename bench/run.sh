#!/bin/sh
# bench/run.sh - the benchmark behind `make bench` (see bench/README.md).
#
#   bench/run.sh [BUILDDIR [SRCDIR]]
#
# Environment: BENCH_OUT (data and databases, default BUILDDIR/bench/out),
# BENCH_ROWS (learner rows, default 1000000), BENCH_SEED (default 20250704),
# BENCH_REPEAT (rounds of the big measurements, default 3; medians are
# shown), SQLITE3 (the sqlite3 program).  Needs about 2 GB of disk.
set -eu

B=$(cd "${1:-.}" && pwd)
S=$(cd "${2:-$B}" && pwd)
OUT=${BENCH_OUT:-$B/bench/out}
ROWS=${BENCH_ROWS:-1000000}
SEED=${BENCH_SEED:-20250704}
R=${BENCH_REPEAT:-3}
SQ=${SQLITE3:-sqlite3}
TD=$B/src/theodoi
GEN=$B/bench/gen
METER=$B/bench/meter
# A fixed clock (the generated times lie before it) and English messages.
THEODOI_NOW=2026-03-20T10:00:00+07:00
THEODOI_TODAY=2026-03-20
THEODOI_LANG=en
export THEODOI_NOW THEODOI_TODAY THEODOI_LANG
unset THEODOI_DB || true

for p in "$TD" "$GEN" "$METER"; do
    [ -x "$p" ] || { echo "bench: $p is missing; run make first" >&2; exit 2; }
done
command -v "$SQ" >/dev/null 2>&1 || { echo "bench: needs the sqlite3 program (apt-get install sqlite3)" >&2; exit 2; }
mkdir -p "$OUT"
cd "$OUT"
rm -f ./*.db ./*.db-wal ./*.db-shm ./*.tsv bench.log

say() { printf '%s\n' "$*" >&2; }
# val LINE KEY: the value of KEY=... in a meter line
val() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# median of the numbers on stdin
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]; else print "nan"}'; }
# ms to seconds with 2 decimals
secs() { awk -v m="$1" 'BEGIN {printf "%.2f s", m / 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "nan"}'; }
# ok VALUE LIMIT: "yes" when VALUE <= LIMIT
ok() { awk -v a="$1" -v b="$2" 'BEGIN {print (a != "nan" && a + 0 <= b + 0) ? "yes" : "NO"}'; }
# run NAME METER-ARGS...: run the meter, keep its line in NAME.tsv, fail loudly
run() {
    name=$1
    shift
    line=$("$METER" -e "$OUT/bench.log" "$@")
    st=$(val "$line" status)
    if [ "$st" != 0 ]; then
        say "bench: $name failed (exit $st): $*; see $OUT/bench.log"
        exit 1
    fi
    printf '%s\n' "$line" >>"$name.tsv"
    printf '%s\n' "$line"
}
col() { for l in $(sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1.tsv"); do echo "$l"; done | median; }
colmax() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1.tsv" | sort -n | tail -1; }

say "bench: generating $ROWS learner rows and the country's files (seed $SEED)"
"$GEN" --seed "$SEED" --rows "$ROWS" "$S/share" "$OUT"
CSV=$OUT/hp-learners.csv
SIZE=$(wc -c <"$CSV")
SUM=$(cksum <"$CSV" | cut -d' ' -f1)
head -n $((ROWS / 10 + 1)) "$CSV" >hp-learners-10pct.csv

"$TD" --db hp-empty.db init --province 31 >/dev/null
"$TD" --db vn-empty.db init >/dev/null

# The reference: one table with the same unique key, the same journal
# settings as theodoi (WAL, synchronous=NORMAL), filled by .import.
cat >sqlite-import.sql <<EOF
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE learners(unit_code TEXT NOT NULL, learner_id TEXT NOT NULL,
 full_name TEXT NOT NULL, birth_year INTEGER, gender TEXT, group_code TEXT NOT NULL,
 village TEXT, course_code TEXT NOT NULL, status TEXT NOT NULL,
 updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
 PRIMARY KEY(unit_code, learner_id, course_code)) WITHOUT ROWID;
.import --csv --skip 1 $CSV learners
EOF

i=1
while [ "$i" -le "$R" ]; do
    say "bench: round $i of $R"
    run sq_import -- sh -c "rm -f sq.db sq.db-wal sq.db-shm && '$SQ' sq.db <sqlite-import.sql" >/dev/null
    run td_import -- sh -c "rm -f hp.db-wal hp.db-shm && cp hp-empty.db hp.db && '$TD' --db hp.db import '$CSV'" >/dev/null
    run td_reimport -- "$TD" --db hp.db import "$CSV" >/dev/null
    run sq_export -o sq-export.csv -- "$SQ" -csv sq.db "SELECT * FROM learners" >/dev/null
    run td_export -o td-export.csv -- "$TD" --db hp.db export learners >/dev/null
    i=$((i + 1))
done
N_SQ=$("$SQ" sq.db "SELECT count(*) FROM learners")
N_TD=$(($(wc -l <td-export.csv) - 1))
[ "$N_SQ" = "$ROWS" ] && [ "$N_TD" = "$ROWS" ] ||
    { say "bench: row counts differ: sqlite3 $N_SQ, theodoi export $N_TD, file $ROWS"; exit 1; }
rm -f sq-export.csv td-export.csv

say "bench: import memory on a tenth of the file"
run td_import_small -- sh -c "rm -f small.db-wal small.db-shm && cp hp-empty.db small.db && '$TD' --db small.db import hp-learners-10pct.csv" >/dev/null

say "bench: summary and UI, full database vs empty"
i=1
while [ "$i" -le 5 ]; do  # interleaved, so that a busy moment hits both
    run sum_full -n 3 -o summary-full.csv -- "$TD" --db hp.db export summary >/dev/null
    run sum_empty -n 3 -o summary-empty.csv -- "$TD" --db hp-empty.db export summary >/dev/null
    i=$((i + 1))
done
i=1
while [ "$i" -le "$R" ]; do
    run ui_full --pty -- "$TD" --db hp.db >/dev/null
    run ui_empty --pty -- "$TD" --db hp-empty.db >/dev/null
    run ui_small --pty -- "$TD" --db small.db >/dev/null
    i=$((i + 1))
done

say "bench: the country (3,321 communes): checklist and training"
run vn_import -- sh -c "rm -f vn.db-wal vn.db-shm && cp vn-empty.db vn.db && '$TD' --db vn.db import vn-checklist.csv vn-training.csv" >/dev/null
run vn_sum -n 5 -o summary-vn.csv -- "$TD" --db vn.db export summary >/dev/null
run ui_vn --pty -- "$TD" --db vn.db >/dev/null

say "bench: undo of the big import"
BATCH=$("$SQ" hp.db "SELECT max(id) FROM batches WHERE undone_at IS NULL")
run td_undo -- "$TD" --db hp.db undo "$BATCH" >/dev/null
LEFT=$("$SQ" hp.db "SELECT count(*) FROM learners")
[ "$LEFT" = 0 ] || { say "bench: undo left $LEFT learner rows"; exit 1; }

# ---- the table --------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
fs=$(df -PT . 2>/dev/null | awk 'NR == 2 {print $2}')
sqv=$("$SQ" -version | cut -d' ' -f1)
sqi=$(col sq_import wall_ms); tdi=$(col td_import wall_ms); tdr=$(col td_reimport wall_ms)
sqe=$(col sq_export wall_ms); tde=$(col td_export wall_ms)
csqi=$(col sq_import cpu_ms); ctdi=$(col td_import cpu_ms); ctdr=$(col td_reimport cpu_ms)
csqe=$(col sq_export cpu_ms); ctde=$(col td_export cpu_ms)
sf=$(col sum_full wall_ms); se=$(col sum_empty wall_ms)
uf=$(col ui_full frame_ms); ue=$(col ui_empty frame_ms); us=$(col ui_small frame_ms)
rss_i=$(colmax td_import rss_kb); rss_s=$(colmax td_import_small rss_kb)
rss_u=$(colmax ui_full rss_kb)
mv_avg=$(col ui_full move_bytes_avg); mv_max=$(colmax ui_full move_bytes_max)
r_imp=$(ratio "$tdi" "$sqi"); r_re=$(ratio "$tdr" "$sqi"); r_exp=$(ratio "$tde" "$sqe")
c_imp=$(ratio "$ctdi" "$csqi"); c_re=$(ratio "$ctdr" "$csqi"); c_exp=$(ratio "$ctde" "$csqe")
r_sum=$(ratio "$sf" "$se")
if [ "$uf" = none ] || [ -z "$uf" ]; then
    r_ui=nan; ui_note="no UI yet (the program exited without drawing)"
else
    r_ui=$(ratio "$uf" "$ue"); ui_note=""
fi
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
{
echo "theodoi benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, ${mem:-? RAM}, Linux $(uname -r), ${fs:-?} disk; sqlite3 $sqv"
echo "data: seed $SEED, $ROWS learner rows of Hai Phong's 114 communes, $SIZE bytes (cksum $SUM); medians of $R rounds"
echo "times: wall clock (CPU time, user + system, in brackets: steadier on a shared machine)"
echo
printf '| %-44s | %-18s | %-32s | %-11s | %-7s | %-3s |\n' measure theodoi reference "ratio (cpu)" target ok
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf '%46s' | tr ' ' -)" "$(printf '%20s' | tr ' ' -)" "$(printf '%34s' | tr ' ' -)" "$(printf '%13s' | tr ' ' -)" "$(printf '%9s' | tr ' ' -)" "$(printf '%5s' | tr ' ' -)"
row() { printf '| %-44s | %-18s | %-32s | %-11s | %-7s | %-3s |\n' "$@"; }
both() { printf '%s (%s)' "$(secs "$1")" "$(secs "$2" | sed 's/ s$//')"; }
row "import $ROWS rows into an empty database" "$(both "$tdi" "$ctdi")" "sqlite3 .import $(both "$sqi" "$csqi")" "$r_imp ($c_imp)" "<= 1.0" "$(ok "$r_imp" 1.0)"
row "re-import, every row unchanged" "$(both "$tdr" "$ctdr")" "sqlite3 .import $(both "$sqi" "$csqi")" "$r_re ($c_re)" "<= 0.5" "$(ok "$r_re" 0.5)"
row "export learners" "$(both "$tde" "$ctde")" "sqlite3 -csv $(both "$sqe" "$csqe")" "$r_exp ($c_exp)" "<= 1.2" "$(ok "$r_exp" 1.2)"
row "export summary, full db vs empty db" "$sf ms" "empty db $se ms" "$r_sum" "<= 2" "$(ok "$r_sum" 2)"
row "UI first full frame, full db vs empty db" "$uf ms" "empty $ue ms, a tenth $us ms" "$r_ui" "<= 2" "$(ok "$r_ui" 2)"
row "peak RSS, import of $ROWS rows" "$(mib "$rss_i")" "$(mib "$rss_s") for a tenth" "" "<= 64M" "$(ok "$rss_i" 65536)"
row "peak RSS, UI on the full db" "$(mib "$rss_u")" "" "" "<= 16M" "$( [ "$r_ui" = nan ] && echo NO || ok "$rss_u" 16384)"
row "bytes to the terminal per cursor move" "$mv_avg avg" "max $mv_max" "" "" ""
row "country: import checklist + training" "$(secs "$(col vn_import wall_ms)")" "$(wc -l <vn-checklist.csv) + $(wc -l <vn-training.csv) lines" "" "" ""
row "country: export summary (3,321 communes)" "$(col vn_sum wall_ms) ms" "" "" "" ""
row "country: UI first full frame" "$(col ui_vn frame_ms) ms" "" "" "" ""
row "undo of the $ROWS-row import" "$(secs "$(col td_undo wall_ms)")" "" "" "" ""
[ -z "$ui_note" ] || echo "UI: $ui_note"
} | tee results.txt
rm -f sq.db sq.db-wal sq.db-shm small.db small.db-wal small.db-shm
