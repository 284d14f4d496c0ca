#!/bin/sh
# big-roster.sh N: a learners CSV of N rows of one commune (10532) on
# standard output, big enough for an import to take a while; used by the
# tests that stop an import halfway (tests/multi/crash.sh, tests/tui/cancel.sh).
awk -v n="${1:-300000}" 'BEGIN {
  print "unit_code,learner_id,full_name,birth_year,gender,group_code,village,course_code,status,updated_at,updated_by";
  split("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng", ho, " "); split("An Bình Chi Dũng Hà Lan Mai Nam", ten, " ");
  for (i = 1; i <= n; i++)
    printf "10532,L%06d,\"%s Văn %s\",%d,nam,nguoi_dan,\"Tổ %d, khu A\",KNS-CB,registered,2026-11-01T08:00:00+07:00,lan\n",
      i, ho[i % 7 + 1], ten[i % 8 + 1], 1950 + i % 50, i % 9
}'
