# SPDX-License-Identifier: Apache-2.0
# Safety rule 5 for a message already in flight when STOP (or a pause)
# comes: it must never go out afterwards. The check-in is with a provider
# that does not answer (the fake kind in mode "timeout"); STOP arrives and
# is recorded; then the provider answers "try later" (or the daemon is
# SIGKILLed and restarted). The check-in used to go back to the queue and
# out to the opted-out client on the next try. Now every claim (and the
# failover to the next provider) looks at the client again: the check-in
# is cancelled, while the answer to STOP itself still goes out.
. tests/integration/lib.sh

write_config
# set_route PROVIDERS: check-ins through the fake providers listed; inbound
# and urgent traffic through the spool.
set_route() {
    sed -i "/^providers = /d; /^  { name = \"s[pl]/d; /^routing = /d; /^outbox = /d" "$T/checkin.conf"
    sed -i "1a providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\n\
  { name = \"slow\"; kind = \"fake\"; mode_file = \"$T/slow.mode\"; log = \"$T/slow.log\"; timeout_ms = 3000; },\n\
  { name = \"spare\"; kind = \"fake\"; log = \"$T/spare.log\"; } );\n\
routing = { checkin = [ $1 ]; urgent = [ \"spool\" ]; };\n\
outbox = { retry_base_seconds = 2; retry_max_seconds = 8; max_attempts = 50; };" "$T/checkin.conf"
}
set_route '"slow", "spare"'
echo ok >"$T/slow.mode"
touch "$T/slow.log" "$T/spare.log"
check "the config is valid" "$GW" --check-config "$T/checkin.conf"
# sent TO PATTERN: messages the fake providers accepted for TO matching PATTERN.
sent() { cat "$T/slow.log" "$T/spare.log" | grep "	+$1	" | grep -c -- "$2"; }
# checkin_of PHONE: the state and last error of that client's check-in.
checkin_of() { sql "SELECT state || '|' || coalesce(last_error,'') FROM messages WHERE kind='checkin' AND peer='+$1'"; }
# in_flight ALIAS PHONE: enrolls the client (the welcome goes out), then
# leaves a check-in to them with the provider that does not answer.
in_flight() {
    ctl enroll "$1" "+$2" --specialist sam >/dev/null
    check "$1's welcome goes out" wait_eq 10 1 sent "$2" .
    echo timeout >"$T/slow.mode"
    ctl checkin-now "$1" >/dev/null
    check "$1's check-in is in flight" wait_eq 10 "sending|" checkin_of "$2"
}

# 1. A "try later" answer after STOP; a second provider is there to fail
#    over to at once.
start_gw || { not_ok "daemon starts"; finish; exit 1; }
in_flight rae 15555550177
drop_in 15555550177 "STOP" stop-1
check "STOP is recorded while the check-in is in flight" \
    wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='rae'"
check_eq "the check-in is still in flight" "sending|" "$(checkin_of 15555550177)"
echo ok >"$T/slow.mode"
check "the provider's 'try later' ends in the check-in cancelled" wait_eq 30 \
    "expired|cancelled: the client opted out (STOP)" checkin_of 15555550177
check "the answer to STOP goes out" wait_eq 20 1 sent 15555550177 "no more check-ins"
check "the log says the check-in was withheld" grep -q "event=outbox.withheld.*kind=checkin" "$T/gw.log"
sleep 3
check_eq "the check-in never went out" 0 "$(sent 15555550177 'How are you')"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"

# 2. The daemon is SIGKILLed while the check-in is in flight after STOP;
#    the restart requeues it (at-least-once) and the claim cancels it.
set_route '"slow"'
echo ok >"$T/slow.mode"
start_gw || { not_ok "daemon starts again"; finish; exit 1; }
in_flight kai 15555550178
drop_in 15555550178 "STOP" stop-2
check "STOP is recorded" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='kai'"
stop_gw KILL
echo ok >"$T/slow.mode"
start_gw || { not_ok "daemon starts after the SIGKILL"; finish; exit 1; }
check "after the restart the check-in is cancelled, not sent" wait_eq 20 \
    "expired|cancelled: the client opted out (STOP)" checkin_of 15555550178
check "the answer to STOP goes out" wait_eq 20 1 sent 15555550178 "no more check-ins"
check_eq "the check-in never went out" 0 "$(sent 15555550178 'How are you')"

# 3. The same for a client paused while the check-in is in flight.
in_flight lou 15555550179
check "lou is paused" ctl pause lou
echo ok >"$T/slow.mode"
check "the 'try later' ends in the check-in cancelled" wait_eq 30 \
    "expired|cancelled: the client is paused" checkin_of 15555550179
check_eq "the check-in never went out" 0 "$(sent 15555550179 'How are you')"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
