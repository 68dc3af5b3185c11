# SPDX-License-Identifier: Apache-2.0
# conversation.sh: conversations through the program number (issue 18),
# through the real daemon over the provider PROVIDER names (provider_lib.sh),
# sourced by test_conversation.sh (spool files) and test_conversation_modem.sh
# (the modem simulator): an alert, ACK, texts both ways (what each phone
# actually receives: the client gets the specialist's words from the
# program's number, never the specialist's number; the specialist gets
# "alex #1: ..."), a crisis message inside the conversation escalating as
# always and paging the holder, a second specialist told who holds it and
# then TAKE (the follow-up tasks go with it), END, TEXT to one's own client,
# STOP in the middle (only an answer to a message after the STOP goes),
# quiet hours with and without "!", several conversations at once,
# checkinctl conversation and history, and the idle end.
. tests/integration/lib.sh
. tests/integration/provider_lib.sh

write_config
provider_config || { not_ok "the provider is set up"; finish; exit 1; }
# Quiet hours from an hour ago to two hours ahead (UTC, the clients' zone):
# the whole test runs inside them.
QS=$(date -u -d '-1 hour' +%H:%M) QE=$(date -u -d '+2 hours' +%H:%M)
cat >>"$T/checkin.conf" <<CONF
quiet_hours = { start = "$QS"; end = "$QE"; };
escalation = { realert_seconds = 600; flood_window_seconds = 0; conversation_idle_hours = 1; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
provider_ready || { not_ok "the provider is ready"; finish; exit 1; }
check "enroll alex (Jordan's client)" ctl enroll alex +15555550123 --specialist jordan
check "enroll bo (Jordan's client)" ctl enroll bo +15555550124 --specialist jordan
check "enroll cy (Sam's client)" ctl enroll cy +15555550125 --specialist sam

JORDAN=15555550100 SAM=15555550101 ALEX=15555550123 BO=15555550124
esc() { sql "SELECT $1 FROM escalations WHERE id=$2"; }
to_alex() { phone_lines | grep "^$ALEX|" | grep -v "Welcome\|988\|no more check-ins"; }

# --- alert, ACK: the conversation opens ---------------------------------------------
say $ALEX "I want to end it all tonight"
check "a crisis reply opens #1" wait_eq 10 urgent/open esc "severity||'/'||state" 1
say $JORDAN "ACK 1"
check "the ACK says Jordan's texts now go to alex" \
    wait_eq 10 1 count_out $JORDAN "#1 (alex) is yours\. Texts you send here now go to alex from the program number, until END 1\."
check_eq "the conversation is open, held by Jordan, about #1" "jordan|1|" \
    "$(sql "SELECT s.key, v.escalation_id, coalesce(v.ended_at,'') FROM conversations v JOIN specialists s ON s.id = v.specialist_id")"

# --- both ways ----------------------------------------------------------------------------
say $JORDAN "Hi alex, it's Jordan. Are you somewhere safe right now?"
check "alex gets Jordan's words as written, from the program's number" \
    wait_eq 10 "$ALEX|Hi alex, it's Jordan. Are you somewhere safe right now?" to_alex
check "nothing to alex carries Jordan's number" not_matching "5555550100" to_alex
check_eq "it went as a conversation message (not capped, not a check-in)" "conversation|50|jordan" \
    "$(sql "SELECT m.kind, m.priority, s.key FROM messages m JOIN specialists s ON s.id = m.specialist_id WHERE m.peer='+$ALEX' AND m.kind='conversation'")"
say $ALEX "yes I'm at home"
check "Jordan gets alex's words prefixed with the alias and the escalation" \
    wait_eq 10 1 count_out $JORDAN "^$JORDAN|alex #1: yes I'm at home$"
check_eq "no follow-up besides the relay (Jordan already has it)" 0 \
    "$(count_out $JORDAN "wrote again after your ACK")"
say $JORDAN "ACK 1 2"
check "a command gone wrong is answered with the usage" wait_eq 10 1 count_out $JORDAN "Commands: ACK 17"
check_eq "and is not sent to alex" 0 "$(to_alex | grep -c "ACK 1 2")"

# --- a crisis message inside the conversation ---------------------------------------
say $ALEX "I still want to die"
check "it escalates as always (#2, urgent)" wait_eq 10 urgent/open esc "severity||'/'||state" 2
check "alex gets the 988 message again" wait_eq 10 2 count_out $ALEX "reach out. Call or text 988"
check "the holder is paged with it at urgent priority" wait_eq 10 1 count_out $JORDAN "alex #1: I still want to die"
check_eq "the page is urgent and tied to #2" "100|2" \
    "$(sql "SELECT priority, escalation_id FROM messages WHERE kind='conversation' AND peer='+$JORDAN' AND priority=100")"
check "and the alert of #2 goes to Jordan too" wait_eq 10 1 count_out $JORDAN "urgent #2 alex"

# --- a second specialist, then TAKE -------------------------------------------------
say $SAM "@1 hello alex, this is Sam"
check "Sam is told who holds it" \
    wait_eq 10 1 count_out $SAM "alex #1 is held by Jordan\. TAKE 1 to take it over\."
say $SAM "END 1"
check "END from Sam is told the same" wait_eq 10 2 count_out $SAM "is held by Jordan"
say $SAM "ACK 2"
check "Sam's ACK of alex's #2 is told who holds alex's conversation" \
    wait_eq 10 3 count_out $SAM "alex #1 is held by Jordan\. TAKE 1 to take it over\."
check_eq "and Jordan still holds it" "jordan" \
    "$(sql "SELECT s.key FROM conversations v JOIN specialists s ON s.id = v.specialist_id WHERE v.ended_at IS NULL")"
check_eq "alex got nothing from Sam" 0 "$(to_alex | grep -c "Sam")"
say $SAM "TAKE 1"
check "Sam now holds it" wait_eq 10 1 count_out $SAM "you now hold alex #1 (from Jordan)\."
check "Jordan is told" wait_eq 10 1 count_out $JORDAN "Sam took over alex #1\. Your texts no longer go to them\."
check_eq "the hand-over is audited" "specialist:sam|from=jordan" \
    "$(sql "SELECT actor, detail FROM audit WHERE action='conversation.taken' AND subject='1'")"
check_eq "the follow-up tasks of #1 went with it" "sam" \
    "$(sql "SELECT group_concat(DISTINCT s.key) FROM followups f JOIN specialists s ON s.id = f.specialist_id WHERE f.escalation_id=1")"
say $SAM "Sam here, Jordan asked me to check on you."
check "alex gets Sam's text" wait_eq 10 1 eval 'to_alex | grep -c "Sam here"'
say $ALEX "ok thanks"
check "alex's reply goes to Sam" wait_eq 10 1 count_out $SAM "alex #1: ok thanks"
check_eq "and not to Jordan" 0 "$(count_out $JORDAN "alex #1: ok thanks")"
say $JORDAN "are you still there?"
check "Jordan, who no longer holds one, gets the usage answer" wait_eq 10 2 count_out $JORDAN "Commands: ACK 17"
check_eq "and nothing of it reaches alex" 0 "$(to_alex | grep -c "still there")"

# --- END ------------------------------------------------------------------------------
say $SAM "END 1"
check "END ends it" wait_eq 10 1 count_out $SAM "the conversation with alex #1 ended\."
check_eq "ended by END" "end" "$(sql "SELECT end_reason FROM conversations WHERE escalation_id=1")"
say $ALEX "bye"
check "alex's next message is stored" wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND body='bye'"
check_eq "and relayed to nobody" 0 "$(phone_lines | grep -c "alex #1: bye")"

# --- TEXT, then STOP in the middle ----------------------------------------------------
say $JORDAN "TEXT alex checking in on you today"
check "TEXT opens a conversation with Jordan's own client" \
    wait_eq 10 1 count_out $JORDAN "sent to alex\. Your texts here now go to them, until END alex\."
check "alex gets it" wait_eq 10 1 eval 'to_alex | grep -c "checking in on you today"'
say $SAM "TEXT bo hello"
check "TEXT to someone else's client is refused" wait_eq 10 1 count_out $SAM "bo is not one of your clients\."
say $ALEX "STOP"
check "STOP is obeyed as always" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='alex'"
check "and relayed to Jordan" wait_eq 10 1 count_out $JORDAN "^$JORDAN|alex: STOP$"
say $JORDAN "please don't go, I'm here"
check "Jordan cannot text alex after the STOP, and is told why" \
    wait_eq 10 1 count_out $JORDAN "not sent\. alex replied STOP and has not written since"
check_eq "nothing reaches alex" 0 "$(to_alex | grep -c "don't go")"
say $ALEX "wait, can we still talk?"
check "alex's message after the STOP reaches Jordan" wait_eq 10 1 count_out $JORDAN "alex: wait, can we still talk?"
say $JORDAN "Of course. I'm here."
check "now Jordan's answer goes to alex" wait_eq 10 1 eval 'to_alex | grep -c "Of course"'
check_eq "alex is still opted out (no check-ins)" opted_out "$(sql "SELECT state FROM clients WHERE alias='alex'")"

# --- quiet hours, several conversations ------------------------------------------------
say $JORDAN "TEXT bo hi bo, how was your week?"
check "bo has not written: it waits for the end of quiet hours, and Jordan is told" \
    wait_eq 10 1 count_out $JORDAN "quiet hours for bo: your text goes when they end\. Start it with ! to send it now\."
check_eq "it is queued for later" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE peer='+$BO' AND kind='conversation' AND state='queued' AND next_attempt_at > strftime('%s','now') + 600")"
check_eq "and not sent" 0 "$(count_out $BO "how was your week")"
say $JORDAN "are you ok?"
check "holding two, a plain text is refused with the way to say which" \
    wait_eq 10 1 count_out $JORDAN "you hold 2 conversations (alex, bo)\. Start your text with @ and one of them, e\.g\. @alex hello\."
say $JORDAN "@bo !sorry to text late, call me tomorrow?"
check "with ! it goes at once, without the !" wait_eq 10 1 count_out $BO "^$BO|sorry to text late, call me tomorrow?$"

# --- the record -------------------------------------------------------------------------
check "checkinctl conversation lists both of alex's, ended and open" \
    matching "about #1  held by sam .* ended .* (END)" ctl conversation alex
check "with the transcript both ways" matching "jordan <- .*Of course" ctl conversation alex
check "history --messages marks the relayed messages" \
    matching "\[conversation, jordan\] Hi alex, it's Jordan" ctl history alex --messages
check "export has the conversations" matching '"end_reason": "end"' ctl export alex
check "the report is written" ctl report -o "$T/report.html"
check "the report's conversations: alex #1 opened by Jordan, ended by END, taken over once, held by Sam" \
    grep -q '<tr><td>alex</td><td>#1</td><td>[^<]*</td><td>jordan</td><td>[^<]*</td><td>END</td><td>1</td><td>sam</td><td>2</td><td>3</td></tr>' "$T/report.html"
check "and alex's TEXT conversation, still open" \
    grep -q '<tr><td>alex</td><td>TEXT</td><td>[^<]*</td><td>jordan</td><td>-</td><td>still open</td><td>0</td><td>jordan</td>' "$T/report.html"
check "no message's words are in the report" \
    sh -c "! grep -q -e 'somewhere safe' -e 'at home' -e 'want to die' -e 'Sam here' -e 'ok thanks' -e 'Of course' -e 'how was your week' '$T/report.html'"
check "the report parses as XML (well-formed)" python3 -c 'import sys, xml.etree.ElementTree as ET; ET.fromstring(open(sys.argv[1], encoding="utf-8").read()[len("<!DOCTYPE html>"):])' "$T/report.html"

# --- idle ------------------------------------------------------------------------------------
stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
export CHECKIN_GATEWAY_TIME_OFFSET=7300
start_gw || { not_ok "daemon restarts two hours later"; finish; exit 1; }
provider_ready || { not_ok "the provider is ready again"; finish; exit 1; }
say $BO "hi, sorry, I was asleep"
check "bo's message is stored" wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND body LIKE 'hi, sorry%'"
check_eq "after the idle time it is not relayed" 0 "$(phone_lines | grep -c "bo: hi, sorry")"
check_eq "both open conversations ended idle" "idle|idle" \
    "$(sql "SELECT group_concat(end_reason, '|') FROM conversations WHERE escalation_id IS NULL")"
check "checkinctl shows it ended (idle)" matching "(idle)" ctl conversation bo
stop_gw TERM
finish
