# SPDX-License-Identifier: Apache-2.0
# The screening question after ambiguous risk (safety rule 6), through the
# real daemon and spool files:
# - "im so done" (despair without a stated intent) gets one direct question
#   at once, urgent class, and an open screening is recorded;
# - a clear no closes it as a watch note: no alert, no 988 text;
# - "yes" opens an urgent escalation with the 988 text, and
#   `checkinctl escalations ID` shows the whole exchange;
# - no answer within escalation.screen_timeout_minutes (1 here; the clock is
#   moved by a restart with CHECKIN_GATEWAY_TIME_OFFSET, so the deadline
#   also survives the restart) opens an urgent escalation;
# - STOP during a screening is obeyed and the screening still escalates;
# - crisis language while one is open escalates as usual and closes it;
# - a Spanish-speaking client gets the question in Spanish.
. tests/integration/lib.sh

write_config
cat >>"$T/checkin.conf" <<'CONF'
escalation = { screen_timeout_minutes = 1; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
export CHECKIN_GATEWAY_TIME_OFFSET=0
start_gw || { not_ok "daemon starts"; finish; exit 1; }
for c in "alex 0123" "bo 0124" "carol 0125" "dee 0126" "erin 0127"; do
    set -- $c
    check "enroll $1" ctl enroll "$1" "+1555555$2" --specialist jordan
done
check "enroll flor (Spanish)" ctl enroll flor +15555550128 --specialist jordan --lang es

JORDAN=15555550100
QUESTION="Have you had thoughts of killing yourself in the past week? Please reply YES or NO"
screening() { sql "SELECT s.state FROM screenings s JOIN clients c ON c.id=s.client_id WHERE c.alias='$1' ORDER BY s.id DESC LIMIT 1"; }
esc_of() { sql "SELECT e.severity||'|'||e.reason FROM escalations e JOIN clients c ON c.id=e.client_id WHERE c.alias='$1' ORDER BY e.id DESC LIMIT 1"; }
crisis_texts() { count_out "$1" "reach out. Call or text 988"; }
alerts() { sql "SELECT count(*) FROM messages WHERE kind='alert' AND escalation_id IN (SELECT e.id FROM escalations e JOIN clients c ON c.id=e.client_id WHERE c.alias='$1')"; }

# --- (a) ambiguous -> question -> a clear no: a watch note ---------------------------------
drop_in 15555550123 "im so done" a1
check "alex is asked the screening question" wait_eq 10 1 count_out 15555550123 "$QUESTION"
check_eq "it is urgent class" "screen|100" "$(sql "SELECT kind||'|'||priority FROM messages WHERE kind='screen' AND peer='+15555550123'")"
check_eq "an open screening is recorded" open "$(screening alex)"
check_eq "the question is audited" 1 "$(sql "SELECT count(*) FROM audit WHERE action='screening.asked' AND detail LIKE 'client=alex reasons=despair%'")"
check_eq "nothing is escalated yet" 0 "$(sql "SELECT count(*) FROM escalations")"
drop_in 15555550123 "no, just tired" a2
check "a clear no closes it" wait_eq 10 no screening alex
check_eq "as a watch note" "watch|screening: answered no" "$(esc_of alex)"
check_eq "no alert about alex" 0 "$(alerts alex)"
check_eq "no 988 text to alex" 0 "$(crisis_texts 15555550123)"

# --- (b) ambiguous -> question -> yes: urgent ------------------------------------------------
drop_in 15555550124 "whats the point" b1
check "bo is asked the screening question" wait_eq 10 1 count_out 15555550124 "$QUESTION"
drop_in 15555550124 "yes" b2
check "yes closes it" wait_eq 10 yes screening bo
check "as an urgent escalation, its reason naming the message, not its words" \
    matching '^urgent|screening: not a clear no (message [0-9]*)$' esc_of bo
check "bo gets the 988 text" wait_eq 10 1 crisis_texts 15555550124
check "Jordan is alerted" wait_eq 10 1 count_out $JORDAN "urgent #.* bo "
bo_esc=$(sql "SELECT e.id FROM escalations e JOIN clients c ON c.id=e.client_id WHERE c.alias='bo'")
check "checkinctl escalations shows the question" matching "screening.asked .*client=bo reasons=despair" ctl escalations "$bo_esc"
check "and the answer" matching "screening.yes .*not a clear no: an urgent escalation; escalation=$bo_esc" ctl escalations "$bo_esc"
check "then the escalation" matching "escalation.created .*screening: not a clear no" ctl escalations "$bo_esc"

# --- (d) crisis language while a screening is open -----------------------------------------------
drop_in 15555550127 "im so done" e1
check "erin is asked the screening question" wait_eq 10 1 count_out 15555550127 "$QUESTION"
drop_in 15555550127 "I want to kill myself" e2
check "crisis language closes the screening" wait_eq 10 crisis screening erin
check_eq "and escalates as usual" urgent "$(esc_of erin | cut -d'|' -f1)"
check_eq "the reason is the crisis language" 1 "$(esc_of erin | grep -c 'crisis language')"

# --- Spanish ---------------------------------------------------------------------------------------
drop_in 15555550128 "estoy harta de todo" f1
check "flor is asked in Spanish" wait_eq 10 1 count_out 15555550128 "Responda SI o NO"
drop_in 15555550128 "No, gracias" f2
check "her clear no closes it" wait_eq 10 no screening flor

# --- (c) no answer, and STOP during a screening -----------------------------------------------------
drop_in 15555550125 "im so done" c1
check "carol is asked the screening question" wait_eq 10 1 count_out 15555550125 "$QUESTION"
drop_in 15555550126 "im so done" d1
check "dee is asked the screening question" wait_eq 10 1 count_out 15555550126 "$QUESTION"
drop_in 15555550126 "STOP" d2
check "dee's STOP is obeyed" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='dee'"
check_eq "dee's screening stays open" open "$(screening dee)"
check_eq "the STOP during it is audited" 1 "$(sql "SELECT count(*) FROM audit WHERE action='screening.opt_out'")"
check_eq "nothing escalates before the deadline" "" "$(esc_of carol)"
stop_gw TERM
CHECKIN_GATEWAY_TIME_OFFSET=120
start_gw || { not_ok "daemon restarts past the deadline"; finish; exit 1; }
check "carol's unanswered screening escalates" wait_eq 15 timeout screening carol
check_eq "urgent, with the reason" "urgent|screening: no answer in 1 min" "$(esc_of carol)"
check "carol gets the 988 text" wait_eq 10 1 crisis_texts 15555550125
check "Jordan is alerted about carol" wait_eq 10 1 count_out $JORDAN "urgent #.* carol "
check "dee's screening escalates too, after her STOP (rule 5)" wait_eq 10 timeout screening dee
check_eq "urgent" "urgent|screening: no answer in 1 min" "$(esc_of dee)"
check "Jordan is alerted about dee" wait_eq 10 1 count_out $JORDAN "urgent #.* dee "
check_eq "dee, opted out, gets no text" 0 "$(crisis_texts 15555550126)"
carol_esc=$(sql "SELECT e.id FROM escalations e JOIN clients c ON c.id=e.client_id WHERE c.alias='carol'")
check "checkinctl escalations shows the timeout" matching "screening.timeout .*no answer: an urgent escalation" ctl escalations "$carol_esc"
check_eq "nothing is left open" 0 "$(sql "SELECT count(*) FROM screenings WHERE state='open'")"
stop_gw TERM
finish
