# SPDX-License-Identifier: Apache-2.0
# The modem provider against a simulated GSM modem on a pseudo-terminal
# (tests/modemsim.py): the AT dialogue in PDU mode both ways, stored
# messages at start, long and UCS-2 texts, CMS errors, a modem that stops
# answering and one that is unplugged, and a SIM message deleted only after
# its commit.
. tests/integration/lib.sh
. tests/integration/modem_lib.sh

command -v python3 >/dev/null || { not_ok "python3 is needed (scripts/deps.sh installs it)"; finish; exit 1; }
check "the simulator is up" sim_start

# Messages that waited on the SIM while the gateway was down.
sim store +15555550177 "Hello from before the start"
check "the simulator stored it" wait_eq 5 1 sim_count

# A check-in text longer than one SMS (two parts) and the modem provider only.
LONG_Q="How are you today, {scale_min}-{scale_max}? Reply with one number: {scale_min} means really rough, {scale_max} means great. Your peer specialist reads every answer; reply STOP to opt out, HELP for help."
write_config
sed -i "s|^providers = .*|providers = ( { name = \"gsm\"; kind = \"modem\"; device = \"$T/ttyGSM\"; baud = 115200; timeout_seconds = 2; poll_seconds = 2; join_timeout_seconds = 600; } );|" "$T/checkin.conf"
sed -i "s|^  checkin = .*|  checkin = \"{program}: $LONG_Q\";|" "$T/checkin.conf"
printf 'outbox = { retry_base_seconds = 1; retry_max_seconds = 2; max_attempts = 50; };\n' >>"$T/checkin.conf"
# This test counts the texts the modem sends: no welcome on enrolment.
printf 'consent = { send_welcome = false; };\n' >>"$T/checkin.conf"
check "the modem config is valid" "$GW" --check-config "$T/checkin.conf"

start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "the modem becomes ready" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
check_eq "healthz is 200 with the modem up" 200 "$(healthz)"
check "the stored message is read at start" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND peer='+15555550177' AND body='Hello from before the start'"
check "and deleted from the SIM after its commit" wait_eq 10 0 sim_count

# Check-in out: decoded at the simulator, joined from its two parts.
ctl enroll alex +15555550123 --specialist jordan >/dev/null
ctl checkin-now alex >/dev/null
check "the check-in reaches the modem" wait_eq 10 1 sent_to +15555550123 "Test Program: How are you"
WANT=$(printf '%s' "Test Program: $LONG_Q" | sed 's/{scale_min}/1/g; s/{scale_max}/10/g')
check_eq "the text the phone shows is the whole check-in" "$WANT" "$(sent_text +15555550123)"
check_eq "it went as two concatenated GSM-7 parts" 2 "$(grep -c 'sent-part +15555550123 gsm7 .*/2 ' "$SIMDIR/events.log")"
# waited for: the simulator may have the parts of an attempt whose answer
# timed out (slow under valgrind) before the attempt that commits 'sent'
check "the message is sent with the modem's reference" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE kind='checkin' AND state='sent' AND provider='gsm' AND provider_msg_id LIKE 'm%-%'"

# A reply in.
sim deliver +15555550123 7
check "the reply 7 becomes a mood" wait_eq 10 7.0 sql "SELECT score FROM moods"
check "and is deleted from the SIM" wait_eq 10 0 sim_count

# Not deleted before the commit: the database locked by another process.
check "the database is locked by another process" lock_db
sim deliver +15555550123 5
check "while the database is locked the reply is not committed" wait_for "$LOCK_WAIT" grep -q "event=modem.inbound_deferred" "$T/gw.log"
check_eq "and stays on the SIM" 1 "$(sim_count)"
unlock_db
check "after the lock the reply is recorded" wait_eq 20 1 sql "SELECT count(*) FROM moods WHERE score=5"
check "and then deleted from the SIM" wait_eq 10 0 sim_count

# A crisis reply: the 988 message and the alert go out through the modem.
sim deliver +15555550123 "I can't do this anymore. I want to end it all tonight 😢"
check "the crisis opens an urgent escalation" wait_eq 10 urgentopen sql "SELECT severity||state FROM escalations"
check "the client gets the 988 message" wait_eq 10 1 sent_to +15555550123 ".*988"
check "the specialist gets the alert" wait_eq 10 1 sent_to +15555550100 ".*ACK 1"
check "the alert carries the emoji, so it went as UCS-2" grep -q "sent-part +15555550100 ucs2" "$SIMDIR/events.log"
check "the emoji arrives intact" matching "😢" sent_text +15555550100
check "the reply with the emoji was stored as UTF-8" \
    wait_eq 5 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND body LIKE '%tonight 😢'"

# A long reply whose parts arrive last first; UCS-2 text.
LONGR="Today was long. I went to the group meeting in the morning and talked with my sister in the afternoon, which helped more than I expected. Sleep is still hard but I am eating again. Thank you for checking on me every day — ça compte. 6"
sim deliver_reversed +15555550123 "$LONGR"
check "a long reply is joined from parts that came out of order" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND body='$(printf '%s' "$LONGR" | sed "s/'/''/g")'"
check "and all its parts are deleted" wait_eq 10 0 sim_count

# An alphanumeric sender (a carrier notice): never deleted unread.
sim alpha Carrier "Your balance is low"
check "a message from an alphanumeric sender is logged" wait_for 10 grep -q "event=modem.sender_unusable" "$T/gw.log"
check_eq "and left on the SIM" 1 "$(sim_count)"

# CMS errors: congestion is retried; an unassigned number fails for good.
sim cms 42
ctl enroll bea +15555550124 --specialist jordan >/dev/null
ctl checkin-now bea >/dev/null
check "a +CMS ERROR 42 (congestion) is logged" wait_for 10 grep -q "CMS ERROR 42: congestion" "$T/gw.log"
check "and the check-in is sent on a retry" wait_eq 15 1 sent_to +15555550124 "Test Program"
sim cms 1
ctl enroll cy +15555550125 --specialist jordan >/dev/null
ctl checkin-now cy >/dev/null
check "a +CMS ERROR 1 fails the message for good" \
    wait_eq 10 failed sql "SELECT state FROM messages WHERE peer='+15555550125' AND direction='out'"
check "with the meaning of the code" matching "unassigned" sql "SELECT last_error FROM messages WHERE peer='+15555550125' AND direction='out'"

# The modem stops answering: unhealthy meanwhile, messages wait, then go.
sim silent
check "a silent modem is found out (command time-out)" wait_for 15 grep -q "event=modem.unhealthy.*not answering" "$T/gw.log"
check_eq "healthz is 503 while the only provider is down" 503 "$(healthz)"
check "healthz says why" grep -q "not answering\|initialising" "$T/healthz.json"
ctl enroll dee +15555550126 --specialist jordan >/dev/null
ctl checkin-now dee >/dev/null
sleep 2
check_eq "nothing is sent meanwhile" 0 "$(sent_to +15555550126 Test)"
check_eq "the check-in waits in the outbox" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE peer='+15555550126' AND state IN ('queued','sending')")"
sim answer
check "the modem is ready again" wait_eq 40 200 healthz
check "and the waiting check-in goes" wait_eq 20 1 sent_to +15555550126 "Test Program"

# Unplugged and plugged back.
sim unplug
check "an unplugged modem is noticed" wait_for 10 grep -q "event=modem.unhealthy.*disappeared" "$T/gw.log"
check_eq "healthz is 503 while it is gone" 503 "$(healthz)"
check "the status names the device" grep -q "ttyGSM" "$T/healthz.json"
ctl enroll eve +15555550127 --specialist jordan >/dev/null
ctl checkin-now eve >/dev/null
sim plug
check "plugged back, the modem is ready again" wait_eq 40 200 healthz
check "the check-in queued meanwhile goes" wait_eq 20 1 sent_to +15555550127 "Test Program"
check_eq "the SIM is read again after the re-plug (the carrier notice is still kept)" 1 "$(sim_count)"

check "info-level log lines mask phone numbers" not_matching "15555550123" grep -v "level=debug" "$T/gw.log"
stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
sim quit
finish
