# SPDX-License-Identifier: Apache-2.0
# The whole mission once, through the real daemon and spool files: a
# check-in goes out, "7" comes back as a mood, a crisis reply escalates with
# a 988 message to the client and an alert to the specialist.
. tests/integration/lib.sh

write_config
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts and reports ready"
check_eq "healthz is 200 with the spool provider up" 200 "$(healthz)"
check "healthz body names the spool provider" grep -q '"name":"spool"' "$T/healthz.json"

check "enroll a client" ctl enroll alex +15555550123 --specialist jordan --tz America/New_York
check "checkin-now" ctl checkin-now alex
check "the check-in question reaches the client's spool file" \
    wait_eq 10 1 count_out 15555550123 "How are you today, 1-10?"
check_eq "the check-in message is recorded as sent" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE kind='checkin' AND state='sent'")"
check "no leftover temporary files in outgoing/" not_matching '^\.' ls -A "$T/spool/outgoing"

drop_in 15555550123 "7"
check "the reply 7 becomes a mood score" wait_eq 10 7.0 sql "SELECT score FROM moods"
check_eq "the check-in is answered" answered "$(sql "SELECT state FROM checkins ORDER BY id DESC LIMIT 1")"
check_eq "the mood is normalised to 0-100" 66.7 "$(sql "SELECT round(norm,1) FROM moods")"
check "the incoming file is removed once committed" wait_eq 5 0 incoming_count
check_eq "no escalation for a 7" 0 "$(sql "SELECT count(*) FROM escalations")"

drop_in 15555550123 "I can't do this anymore. I want to end it all tonight"
check "a crisis reply opens an urgent escalation" \
    wait_eq 10 urgentopen sql "SELECT severity||state FROM escalations"
check "the client gets the 988 message" wait_eq 10 1 count_out 15555550123 "reach out. Call or text 988"
check "the client's specialist gets the alert" wait_eq 10 1 count_out 15555550100 "ACK 1"
check "the alert names the client's alias and an excerpt" matching "^15555550100|.*alex.*end it all" outbox_lines
check_eq "only the assigned specialist is alerted" 0 "$(count_out 15555550101 ACK)"
check_eq "escalation messages are urgent priority" 2 \
    "$(sql "SELECT count(*) FROM messages WHERE escalation_id=1 AND priority=100 AND state='sent'")"
check_eq "the reply, the mood, the escalation are in one place" 1 \
    "$(sql "SELECT count(*) FROM escalations e JOIN messages m ON m.id=e.message_id WHERE m.direction='in'")"
check "info-level log lines mask phone numbers" not_matching "15555550123" grep -v "level=debug" "$T/gw.log"
check "show lists the open escalation" matching "#1 urgent" ctl show alex
drop_in 15555550101 "ACK 1"
check "an ACK from another specialist's number is recorded, not refused" \
    wait_eq 10 acked sql "SELECT state FROM escalations WHERE id=1"
check "and audited with who" wait_eq 5 1 sql "SELECT count(*) FROM audit WHERE action='escalation.acked' AND actor='specialist:sam'"
drop_in 15555550100 "ACK 1"
check "a second ACK is audited as not open" wait_eq 5 1 sql "SELECT count(*) FROM audit WHERE action='escalation.ack_not_open'"
check "history shows the mood" matching "7/10" ctl history alex
check "show lists the escalation" matching "#1" ctl history alex --messages

stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
check "the pid file is removed" test ! -e "$T/gw.pid"
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
finish
