# SPDX-License-Identifier: Apache-2.0
# One gateway per database. A second checkin-gateway started on the same
# config while the first runs must fail at once (exit 4) with a clear
# message and change nothing: the first one's in-flight message stays
# "sending" (not requeued: that gave a duplicate SMS), its pid file stays
# (checkinctl wakes it through it). The lock goes with the process: after
# a SIGKILL the next start takes it.
. tests/integration/lib.sh

write_config
# Check-ins go through a fake provider that holds each send for 60 s, so
# one stays in flight while the second instance tries to start.
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\n\
  { name = \"slow\"; kind = \"fake\"; mode = \"timeout\"; timeout_ms = 60000; } );\n\
routing = { checkin = [ \"slow\" ]; urgent = [ \"spool\" ]; };|" "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
FIRST=$GW_PID
ctl enroll rae +15555550177 --specialist sam >/dev/null
ctl checkin-now rae >/dev/null
check "the check-in is in flight" wait_eq 10 sending \
    sql "SELECT state FROM messages WHERE kind='checkin'"
check_eq "the pid file names the first gateway" "$FIRST" "$(cat "$T/gw.pid")"

timeout 20 "$GW" -c "$T/checkin.conf" >"$T/second.out" 2>"$T/second.err"
rc=$?
check_eq "a second gateway on the same database exits 4" 4 "$rc"
check "and says another one runs, with its pid" \
    grep -q "another checkin-gateway (pid $FIRST) is running on $T/db.sqlite" "$T/second.err"
check_eq "the first one's check-in is still in flight (not requeued)" "sending|1" \
    "$(sql "SELECT state, attempts FROM messages WHERE kind='checkin'")"
check_eq "no message was marked interrupted" 0 \
    "$(sql "SELECT count(*) FROM messages WHERE last_error LIKE 'interrupted%'")"
check_eq "the pid file is still there and names the first" "$FIRST" "$(cat "$T/gw.pid" 2>/dev/null)"
check "the first one still runs" kill -0 "$FIRST"
check_eq "and answers /healthz" 200 "$(healthz)"
mark=$(log_mark)
check "checkinctl still wakes it through the pid file" ctl checkin-now rae
check "the first one logs the wake" wait_for 10 eval 'log_since "$mark" | grep -q "event=gateway.wake"'

# A SIGKILL frees the lock: the next start works (and requeues what the
# killed one left in flight, as after any crash).
stop_gw KILL
start_gw || { not_ok "a gateway starts after the first was killed"; finish; exit 1; }
ok "a gateway starts after the first was killed"
check_eq "its pid file is its own" "$GW_PID" "$(cat "$T/gw.pid")"
stop_gw TERM
check_eq "it stops cleanly" 0 "$GW_RC"
check "and removes its pid file" test ! -e "$T/gw.pid"
finish
