# SPDX-License-Identifier: Apache-2.0
# A provider outage, end to end through the real daemon: the primary
# provider refuses connections, then answers with temporary errors (like a
# 500), then stops answering (time-outs), then recovers. Meanwhile check-ins
# wait, /healthz says degraded (503 while no urgent route works), urgent
# traffic goes out through the fallback provider on its first attempt, a
# down provider is probed rather than hammered, and after recovery
# everything left flushes, urgent first. The providers are the fake kind,
# whose mode file the test rewrites while the daemon runs; inbound replies
# come through the spool provider.
. tests/integration/lib.sh

write_config
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\n\
  { name = \"primary\"; kind = \"fake\"; mode_file = \"$T/primary.mode\"; log = \"$T/primary.log\"; timeout_ms = 300; },\n\
  { name = \"backup\"; kind = \"fake\"; mode_file = \"$T/backup.mode\"; log = \"$T/backup.log\"; } );\n\
routing = { checkin = [ \"primary\" ]; urgent = [ \"primary\", \"backup\" ]; };\n\
outbox = { retry_base_seconds = 2; retry_max_seconds = 8; max_attempts = 50; };|" "$T/checkin.conf"
echo ok >"$T/primary.mode"
echo ok >"$T/backup.mode"
check "the outage config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
for i in 1 2 3; do ctl enroll "c$i" "+1555555020$i" --specialist sam >/dev/null; done
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
# The top-level "status" of the last /healthz body (the first key written).
hz_field() { grep -o '"status":"[a-z]*"' "$T/healthz.json" | head -n 1 | cut -d'"' -f4; }
hz_code() { healthz; }

check_eq "healthz is 200 and ok with both providers up" "200 ok" "$(hz_code) $(hz_field)"

# 1. The primary refuses connections.
echo down >"$T/primary.mode"
ctl checkin-now c1 >/dev/null
drop_in 15555550201 "i want to kill myself tonight" crisis-1
check "the escalation is recorded" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
check "its 988 message and alert go out through the backup" \
    wait_eq 10 2 sql "SELECT count(*) FROM messages WHERE escalation_id=1 AND state='sent' AND provider='backup'"
check_eq "each on its first attempt (failover at once, no back-off)" 2 \
    "$(sql "SELECT count(*) FROM messages WHERE escalation_id=1 AND attempts=1")"
check_eq "the backup got both" 2 "$(lines "$T/backup.log")"
check "the check-in waits (queued), it is not failed" \
    wait_eq 10 queued sql "SELECT state FROM messages WHERE kind='checkin'"
check_eq "and was not sent through the urgent-only backup" 0 "$(grep -c 'How are you' "$T/backup.log")"
check_eq "healthz: 200 (urgent traffic still has a way) but degraded" "200 degraded" \
    "$(hz_code) $(hz_field)"
check "healthz names the primary's circuit as down" grep -q '"name":"primary"[^}]*"circuit":"\(down\|probing\)"' "$T/healthz.json"

# 2. The primary answers 500s and the backup goes down too.
echo retry >"$T/primary.mode"
echo down >"$T/backup.mode"
ctl checkin-now c2 >/dev/null
drop_in 15555550202 "i want to end my life" crisis-2
check "the second escalation is recorded" wait_eq 10 2 sql "SELECT count(*) FROM escalations"
check "its messages are tried on both providers and wait" \
    wait_eq 10 2 sql "SELECT count(*) FROM messages WHERE escalation_id=2 AND state='queued' AND attempts>=1"
check "healthz: 503 and degraded with no usable urgent provider" wait_eq 10 "503 degraded" \
    eval 'echo "$(hz_code) $(hz_field)"'
check_eq "no urgent message is failed or expired" 0 \
    "$(sql "SELECT count(*) FROM messages WHERE priority=100 AND state IN ('failed','expired')")"

# 3. The primary stops answering (each send times out after 300 ms).
echo timeout >"$T/primary.mode"
ctl checkin-now c3 >/dev/null
mark=$(log_mark)
sleep 6
probes=$(log_since "$mark" | grep -c 'event=outbox.send_failed.*provider=primary.*no answer')
check "the silent primary is still probed (urgent retries every 5 s)" test "$probes" -ge 1
check "but not hammered (<= 12 sends in 6 s, got $probes)" test "$probes" -le 12
started=$(log_since "$mark" | grep -c 'event=outbox.probe .*provider=primary')
check "every send to the down primary was a probe, one at a time ($probes <= $started + 1)" \
    test "$probes" -le $((started + 1))
check_eq "nothing was sent meanwhile" 0 "$(log_since "$mark" | grep -c 'event=outbox.sent')"
check_eq "all three check-ins still wait" 3 \
    "$(sql "SELECT count(*) FROM messages WHERE kind='checkin' AND state='queued'")"

# 4. Recovery: everything left flushes, urgent first. The primary comes
# back first and the backup only once the waiting urgent messages have
# gone: with both back at once, whichever probe ran first took them (on a
# loaded machine that was sometimes the backup's).
echo ok >"$T/primary.mode"
check "the waiting urgent messages went through the primary" \
    wait_eq 30 2 sql "SELECT count(*) FROM messages WHERE escalation_id=2 AND provider='primary' AND state='sent'"
echo ok >"$T/backup.mode"
check "after recovery every message is sent" \
    wait_eq 30 0 sql "SELECT count(*) FROM messages WHERE direction='out' AND state<>'sent'"
check "healthz is 200 again" wait_eq 15 200 hz_code
check "healthz shows the primary's circuit up again" grep -q '"name":"primary"[^}]*"circuit":"up"' "$T/healthz.json"
check "and no problem with the primary" not_matching 'provider primary' cat "$T/healthz.json"
# The primary's log after recovery: the first line may be the probe that
# found it back; after that no urgent message may follow a check-in.
order=$(tail -n +2 "$T/primary.log" | awk -F'\t' '{ print ($3 ~ /How are you/) ? "c" : "u" }' | tr -d '\n')
check "after the probe, urgent messages flushed before check-ins (order: $order)" \
    not_matching 'cu' echo "$order"
check_eq "each check-in went out once" 3 "$(grep -c 'How are you' "$T/primary.log")"
check "the log says the primary recovered" grep -q 'event=provider.recovered provider=primary' "$T/gw.log"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
finish
