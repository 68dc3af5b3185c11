# SPDX-License-Identifier: Apache-2.0
# Urgent failover at once (safety rule 3). The first provider of the urgent
# route stops answering (each send times out after 2 s). Once it is known
# to be down, urgent messages go straight to the provider that is up; they
# used to try the down one first (a probe) whenever it was not already
# being probed, and wait its whole time-out before the failover. The down
# provider is probed beside them instead, with a copy, and found again.
. tests/integration/lib.sh

write_config
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\n\
  { name = \"primary\"; kind = \"fake\"; mode_file = \"$T/primary.mode\"; log = \"$T/primary.log\"; timeout_ms = 2000; },\n\
  { name = \"backup\"; kind = \"fake\"; log = \"$T/backup.log\"; } );\n\
routing = { checkin = [ \"primary\" ]; urgent = [ \"primary\", \"backup\" ]; };|" "$T/checkin.conf"
echo ok >"$T/primary.mode"
check "the config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
for i in 1 2 3; do ctl enroll "c$i" "+1555555020$i" --specialist sam >/dev/null; done
check "the welcomes go out through the primary" \
    wait_eq 10 3 sql "SELECT count(*) FROM messages WHERE kind='welcome' AND state='sent'"
# esc_sent N PROVIDER: escalation N's messages sent through PROVIDER.
esc_sent() { sql "SELECT count(*) FROM messages WHERE escalation_id=$1 AND state='sent' AND provider='$2'"; }
# failed_at_primary N: sends of escalation N's messages that failed at the primary.
failed_at_primary() {
    n=0
    for id in $(sql "SELECT id FROM messages WHERE escalation_id=$1"); do
        grep -q "event=outbox.send_failed id=$id .*provider=primary" "$T/gw.log" && n=$((n + 1))
    done
    echo "$n"
}

# 1. The primary stops answering: the first crisis finds out (its time-out).
echo timeout >"$T/primary.mode"
drop_in 15555550201 "i want to kill myself tonight" crisis-1
check "the first crisis's messages go out through the backup" wait_eq 20 2 esc_sent 1 backup
check "the primary is down" wait_for 10 grep -q "event=provider.down provider=primary" "$T/gw.log"
sleep 1.5 # the primary's first back-off (1 s +-20%) is over: a probe is due

# 2. The next crisis goes to the backup first, and the primary is probed beside it.
drop_in 15555550202 "i want to end my life" crisis-2
check "the second crisis's messages go out through the backup" wait_eq 20 2 esc_sent 2 backup
check_eq "each on its first attempt" 2 \
    "$(sql "SELECT count(*) FROM messages WHERE escalation_id=2 AND attempts=1")"
check_eq "neither tried the down primary first" 0 "$(failed_at_primary 2)"
check "the primary was probed beside them" \
    wait_for 10 grep -q "event=outbox.probe id=[0-9]* provider=primary alongside=backup" "$T/gw.log"
check "that probe's time-out is recorded" \
    wait_for 10 grep -q "event=outbox.probe_result id=[0-9]* provider=primary status=" "$T/gw.log"

# 3. The primary answers again: a probe beside the next urgent message finds it.
echo ok >"$T/primary.mode"
sleep 3 # its back-off after the failed probe (2 s +-20%) is over
drop_in 15555550203 "i want to kill myself" crisis-3
check "the probe beside its first message finds the primary again" \
    wait_for 10 grep -q "event=provider.recovered provider=primary" "$T/gw.log"
check "the third crisis's messages go out" wait_eq 20 2 \
    sql "SELECT count(*) FROM messages WHERE escalation_id=3 AND state='sent' AND attempts=1"
check_eq "the first through the backup, as the primary was still down" backup \
    "$(sql "SELECT provider FROM messages WHERE escalation_id=3 ORDER BY id LIMIT 1")"
check_eq "healthz is 200 and ok" 200 "$(healthz)"
check "healthz: the primary's circuit is up" grep -q '"name":"primary"[^}]*"circuit":"up"' "$T/healthz.json"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
