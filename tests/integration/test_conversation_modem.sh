# SPDX-License-Identifier: Apache-2.0
# The relay and a follow-up task once more over a GSM modem (issue 18),
# against tests/modemsim.py: a clinic with a modem and no internet. An
# alert, ACK, texts both ways (the client gets the specialist's words from
# the modem's number; the specialist gets "alex #1: ..."), a second
# specialist told who holds it, TAKE, END; the next day (the clock moved
# by a restart) the follow-up task reaches the specialist who took it, and
# DONE closes it.
. tests/integration/lib.sh
. tests/integration/modem_lib.sh

command -v python3 >/dev/null || { not_ok "python3 is needed (scripts/deps.sh installs it)"; finish; exit 1; }
sim_start || { not_ok "the simulator starts"; finish; exit 1; }
modem_config ""
printf 'escalation = { followup_after = "1d"; conversation_idle_hours = 48; };\n' >>"$T/checkin.conf"
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "the modem becomes ready" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
ctl enroll alex +15555550123 --specialist jordan >/dev/null
JORDAN=+15555550100 SAM=+15555550101 ALEX=+15555550123

sim deliver $ALEX "I want to end it all tonight"
check "the crisis reaches Jordan over the modem" wait_eq 15 1 sent_to $JORDAN "urgent #1 alex"
sim deliver $JORDAN "ACK 1"
check "the ACK opens the conversation" wait_eq 15 1 sent_to $JORDAN ".*#1 (alex) is yours. Texts you send here now go to alex"
sim deliver $JORDAN "Are you somewhere safe right now?"
check "alex gets Jordan's words from the modem" wait_eq 15 1 sent_to $ALEX "Are you somewhere safe right now?"
sim deliver $ALEX "yes I'm at home"
check "Jordan gets alex's words" wait_eq 15 1 sent_to $JORDAN "alex #1: yes I'm at home"
sim deliver $SAM "@1 hello alex"
check "Sam is told Jordan holds it" wait_eq 15 1 sent_to $SAM ".*alex #1 is held by Jordan. TAKE 1"
check_eq "and nothing of Sam's reaches alex" 0 "$(sent_to $ALEX "hello alex")"
sim deliver $SAM "TAKE 1"
check "Sam holds it now" wait_eq 15 1 sent_to $SAM ".*you now hold alex #1 (from Jordan)"
check "Jordan is told" wait_eq 15 1 sent_to $JORDAN ".*Sam took over alex #1"
check "the follow-up task went with it" wait_eq 10 sam sql "SELECT s.key FROM followups f JOIN specialists s ON s.id = f.specialist_id"
sim deliver $SAM "END 1"
check "END ends it" wait_eq 15 1 sent_to $SAM ".*the conversation with alex #1 ended"
stop_gw TERM

# The next day: the task goes to Sam, over the modem; DONE closes it.
export CHECKIN_GATEWAY_TIME_OFFSET=$((86400 + 60))
start_gw || { not_ok "daemon restarts a day later"; finish; exit 1; }
check "the modem is ready again" wait_for 10 eval '[ "$(grep -c "event=modem.ready" "$T/gw.log")" -ge 2 ]'
check "Sam gets the follow-up task" wait_eq 15 1 sent_to $SAM ".*Follow up with alex (#1): reply DONE 1 or SNOOZE 1 4h."
sim deliver $SAM "DONE 1"
check "DONE 1 closes it" wait_eq 15 "done|sam" sql "SELECT state||'|'||done_by FROM followups"
stop_gw TERM
finish
