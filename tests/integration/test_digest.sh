# SPDX-License-Identifier: Apache-2.0
# test-timeout: 300 (under valgrind it waits 15 s before the digest)
# The daily digest of watch findings, through the real daemon: a client
# whose scores fall three times in a row is a watch finding, which reaches
# their specialist in one digest text at escalation.digest_time (the clock
# is moved with CHECKIN_GATEWAY_TIME_OFFSET to just before it), never as an
# instant alert; a client with steady scores and a specialist with no
# findings get nothing. 600 more clients make the walk take three batches
# (one transaction each, the loop runs in between); a finding in the last
# batch still reaches its specialist.
. tests/integration/lib.sh

write_config
sed -i 's|^  { id = "sam"; name = "Sam"; phone = "+15555550101"; }|  { id = "sam"; name = "Sam"; phone = "+15555550101"; },\n  { id = "kim"; name = "Kim"; phone = "+15555550102"; }|' "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
escalation = { digest_time = "08:00"; watch_drops_in_row = 3; watch_weekly_drop = 0;
               watch_missed_in_row = 0; };
CONF
check "the test config has a third specialist, Kim" grep -q '"kim"' "$T/checkin.conf"
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "enroll alex" ctl enroll alex +15555550123 --specialist jordan
check "enroll bo" ctl enroll bo +15555550124 --specialist jordan
n=0
for score in 8 6 5 4; do
    n=$((n + 1)); drop_in 15555550123 "$score" "alex-$n"
    check "alex's reply $score is stored" wait_eq 10 "$n" sql "SELECT count(*) FROM moods m JOIN clients c ON c.id=m.client_id WHERE c.alias='alex'"
done
drop_in 15555550124 "7" bo-1
check "bo's reply is stored" wait_eq 10 1 sql "SELECT count(*) FROM moods m JOIN clients c ON c.id=m.client_id WHERE c.alias='bo'"
check_eq "falling scores alert nobody at once" 0 "$(sql "SELECT count(*) FROM escalations")"
stop_gw TERM

# 601 more clients, so the digest walks them in three batches (256 a
# transaction); the last one (the highest id, Sam's) has a falling trend.
sql "INSERT INTO clients(alias, phone, tz, schedule, specialist_id, state, created_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 601)
     SELECT printf('bulk%04d', i), printf('+1555700%04d', i), 'UTC', 'daily',
            (SELECT id FROM specialists WHERE key = 'sam'), 'active', 0 FROM n;"
last=$(sql "SELECT max(id) FROM clients")
now=$(date +%s)
for k in 1 2 3 4; do
    sql "INSERT INTO moods(client_id, score, scale_min, scale_max, norm, recorded_at)
         VALUES ($last, $((10 - 2 * k)), 1, 10, $((100 - 20 * k)), $((now - (5 - k) * 3600)))"
done
check_eq "603 clients in all" 603 "$(sql "SELECT count(*) FROM clients")"

# Restart with the clock a few seconds before the next 08:00 UTC.
next_digest_at
start_gw_before "$at" || { not_ok "daemon restarts before the digest time"; finish; exit 1; }
check "Jordan gets the daily digest" wait_eq "$(digest_wait)" 1 count_out 15555550100 "daily watch"
check "it lists alex's falling trend" matching "^15555550100|.*daily watch: #1 alex: 3 drops in a row (78 -> 33)\." outbox_lines
check "and not bo" not_matching "^15555550100|.*bo:" outbox_lines
check_eq "the findings are watch escalations" "watch/open/alex watch/open/bulk0601" \
    "$(sql "SELECT e.severity||'/'||e.state||'/'||c.alias FROM escalations e JOIN clients c ON c.id=e.client_id ORDER BY c.alias" | tr '\n' ' ' | sed 's/ $//')"
check_eq "it was not sent as an alert" 0 "$(sql "SELECT count(*) FROM messages WHERE kind='alert'")"
check_eq "Sam gets one digest" 1 "$(count_out 15555550101 "daily watch")"
check_eq "Kim, with no findings, gets no digest" 0 "$(outbox_lines | grep -c "^15555550102|")"
check_eq "the digest is audited" 1 "$(sql "SELECT count(*) FROM audit WHERE action='digest.sent' AND subject='jordan' AND detail='1'")"
check "the run is audited, three batches of clients" matching "findings=2 digests=2 batches=3" sql "SELECT detail FROM audit WHERE action='digest.run'"
check "Sam gets the finding of the last client of the last batch" matching "^15555550101|.*daily watch: #[0-9]* bulk0601: 3 drops in a row" outbox_lines
stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
