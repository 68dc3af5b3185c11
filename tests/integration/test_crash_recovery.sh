# SPDX-License-Identifier: Apache-2.0
# SIGKILL at the worst moments: a reply that was written but not read, and
# an escalation that was committed but not yet sent. After a restart the
# reply and its escalation are there and the 988 message goes out once.
. tests/integration/lib.sh

write_config
# Two crisis replies from one number, each its own escalation (no flood merge).
echo 'escalation = { flood_window_seconds = 0; };' >>"$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
"$CTL" -c "$T/checkin.conf" enroll rae +15555550177 --specialist sam >/dev/null

# 1. Killed before it could read the file (stopped, then killed).
kill -STOP "$GW_PID"
drop_in 15555550177 "i want to kill myself" crisis-1
kill -KILL "$GW_PID"; wait "$GW_PID" 2>/dev/null; GW_PID=""
check_eq "nothing was recorded by the stopped daemon" 0 "$(sql "SELECT count(*) FROM messages WHERE direction='in'")"
check "the file waits in incoming/" test -f "$T/spool/incoming/crisis-1"
start_gw || not_ok "daemon restarts"
check "after restart the reply is recorded" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in'"
check "and its escalation" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
check "and the 988 message goes out" wait_eq 10 1 count_out 15555550177 "reach out. Call or text 988"
check "and the alert" wait_eq 10 1 count_out 15555550101 ACK

# 2. Killed after the commit, before the 988 message could be sent: the
# outgoing directory is replaced by a file, so the send fails and waits.
mv "$T/spool/outgoing" "$T/spool/outgoing.real"; : >"$T/spool/outgoing"
drop_in 15555550177 "goodbye everyone, this is goodbye forever" crisis-2
check "the second crisis is committed" wait_eq 10 2 sql "SELECT count(*) FROM escalations"
check "its 988 message is waiting to be sent" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE escalation_id=2 AND kind='crisis' AND state='queued'"
kill -KILL "$GW_PID"; wait "$GW_PID" 2>/dev/null; GW_PID=""
rm "$T/spool/outgoing"; mv "$T/spool/outgoing.real" "$T/spool/outgoing"
start_gw || not_ok "daemon restarts again"
check "after restart the waiting 988 message goes out" wait_eq 15 2 count_out 15555550177 "reach out. Call or text 988"
check "and the waiting alert" wait_eq 15 2 count_out 15555550101 ACK

# 3. Restarting again sends nothing twice and records nothing twice.
stop_gw TERM
start_gw || not_ok "daemon restarts a third time"
sleep 1
check_eq "each 988 message went out exactly once" 2 "$(count_out 15555550177 "reach out. Call or text 988")"
check_eq "each reply is recorded exactly once" 2 "$(sql "SELECT count(*) FROM messages WHERE direction='in'")"
check_eq "each escalation exactly once" 2 "$(sql "SELECT count(*) FROM escalations")"
check_eq "nothing is left queued or sending" 0 "$(sql "SELECT count(*) FROM messages WHERE state IN ('queued','sending')")"
stop_gw TERM
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
finish
