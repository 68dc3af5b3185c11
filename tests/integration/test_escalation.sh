# SPDX-License-Identifier: Apache-2.0
# Escalations that reach a person, through the real daemon and spool files:
# crisis -> 988 + alert; a stranger's ACK changes nothing; re-alert and
# hand-off to the backup; the first ACK stops the chain and tells the
# others; NOTE / RESOLVE / STATUS / usage; a flood of crisis messages merges
# into one escalation; STOP then crisis still alerts and answers; checkinctl
# escalations with time to acknowledgement and the audit trail.
. tests/integration/lib.sh

write_config
# Jordan's backup is Sam; re-alerts every 2 s (short, for the test), hand-off
# after one repeat, three at most.
sed -i 's|{ id = "jordan"; name = "Jordan"; phone = "+15555550100"; }|{ id = "jordan"; name = "Jordan"; phone = "+15555550100"; backup = "sam"; }|' "$T/checkin.conf"
sed -i 's|^  alert = .*|  alert = "{program} alert #{escalation} ({severity}): {alias} {phone} wrote \\"{excerpt}\\" (score: {score}, messages: {count}). Reply ACK {escalation}";|' "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
escalation = { realert_seconds = 2; realerts_before_handoff = 1; max_realerts = 3;
               flood_window_seconds = 600; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "enroll alex (Jordan's client)" ctl enroll alex +15555550123 --specialist jordan
check "enroll bo (Jordan's client)" ctl enroll bo +15555550124 --specialist jordan
check "enroll carol (Sam's client)" ctl enroll carol +15555550125 --specialist sam

JORDAN=15555550100 SAM=15555550101
esc() { sql "SELECT $1 FROM escalations WHERE id=$2"; }
first_alerts() { outbox_lines | grep "^$1|" | grep -v "NOT YET ACKNOWLEDGED" | grep -c -- "$2"; }

# --- crisis -> 988 + alert --------------------------------------------------
drop_in 15555550123 "I want to end it all tonight"
check "a crisis reply opens urgent escalation #1" wait_eq 10 urgent/open esc "severity||'/'||state" 1
check "alex gets the 988 message" wait_eq 10 1 count_out 15555550123 "reach out. Call or text 988"
check "Jordan gets the alert for #1" wait_eq 10 1 first_alerts $JORDAN "alert #1"
check "the alert names alias, number, severity, excerpt and count" \
    matching "^$JORDAN|.*#1 (urgent): alex +15555550123 wrote \"I want to end it all tonight\".*messages: 1" outbox_lines
check_eq "Sam (not alex's specialist) gets no first alert" 0 "$(first_alerts $SAM "alert #1")"

# --- a stranger's ACK ------------------------------------------------------------
drop_in 15555550999 "ACK 1"
check "the stranger's message is stored" wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND peer='+15555550999'"
check_eq "a stranger's ACK 1 acknowledges nothing" 0 "$(sql "SELECT count(*) FROM audit WHERE action LIKE 'escalation.ack%'")"
check_eq "the stranger gets no command answer" 0 "$(outbox_lines | grep -c '^15555550999|')"

# --- re-alert, then hand-off to the backup ------------------------------------
check "unacknowledged, #1 is re-alerted to Jordan" \
    wait_eq 15 1 count_out $JORDAN "NOT YET ACKNOWLEDGED (1).*#1"
check "then handed off to Sam, the backup" \
    wait_eq 15 1 count_out $SAM "NOT YET ACKNOWLEDGED (2).*#1"
check "the hand-off is audited" matching "to=sam" sql "SELECT detail FROM audit WHERE action='escalation.handed_off' AND subject='1'"

# --- the first ACK stops the chain and tells the others -----------------------
drop_in 15555550101 "ack 1"
check "Sam's ACK acknowledges #1" wait_eq 10 acked/sam esc "state||'/'||acked_by" 1
check_eq "no re-alert is pending after the ACK" "" "$(esc realert_at 1)"
check "Jordan is told Sam took it" wait_eq 10 1 count_out $JORDAN "#1 was taken by Sam"
check "Sam gets a confirmation" wait_eq 10 1 count_out $SAM "#1 (alex) is yours"
check_eq "Sam is not told about his own ACK" 0 "$(count_out $SAM "taken by Sam")"
drop_in 15555550100 "ACK 1"
check "a second ACK says who has it" wait_eq 10 1 count_out $JORDAN "#1 (alex) was already taken by sam"
check "and is audited as not open" wait_eq 5 1 sql "SELECT count(*) FROM audit WHERE action='escalation.ack_not_open' AND actor='specialist:jordan'"
realerts=$(esc realerts 1)
drop_in 15555550100 "hello?"
check "anything else from a specialist gets the usage answer" wait_eq 10 1 count_out $JORDAN "Commands: ACK 17"
check_eq "the chain stayed stopped" "$realerts" "$(esc realerts 1)"

# --- a flood of crisis messages --------------------------------------------------
drop_in 15555550124 "I want to die" f1
drop_in 15555550124 "please, I want to kill myself" f2
drop_in 15555550124 "goodbye everyone, I am going to end my life" f3
check "three crisis messages are stored" wait_eq 10 3 sql "SELECT count(*) FROM messages WHERE direction='in' AND peer='+15555550124'"
check_eq "they make one escalation" 1 "$(sql "SELECT count(*) FROM escalations WHERE peer='+15555550124'")"
check_eq "with a count of 3" 3 "$(sql "SELECT count FROM escalations WHERE peer='+15555550124'")"
check "bo is answered each time" wait_eq 10 3 count_out 15555550124 "reach out. Call or text 988"
check_eq "Jordan got one first alert for it" 1 "$(first_alerts $JORDAN "alert #2")"
check_eq "the merge is audited" 2 "$(sql "SELECT count(*) FROM audit WHERE action='escalation.merged' AND subject='2'")"
check "Jordan's re-alert shows the count and the newest text" \
    wait_eq 15 1 count_out $JORDAN "NOT YET ACKNOWLEDGED (1).*#2.*going to end my life.*messages: 3"

# --- STATUS, NOTE, RESOLVE ---------------------------------------------------------
drop_in 15555550100 "STATUS"
check "STATUS lists Jordan's unresolved escalations" wait_eq 10 1 count_out $JORDAN "#2 urgent bo, open .*3 msgs; #1 urgent alex, acked"
drop_in 15555550100 "NOTE 2 called, she is safe"
check "NOTE is audited with its text" wait_eq 10 "called, she is safe" sql "SELECT detail FROM audit WHERE action='escalation.noted' AND subject='2'"
check "NOTE is answered and says #2 is still unacknowledged" wait_eq 10 1 count_out $JORDAN "note added to #2 (bo). It is still unacknowledged"
drop_in 15555550100 "RESOLVE 2"
check "RESOLVE closes #2" wait_eq 10 resolved/jordan esc "state||'/'||resolved_by" 2
check_eq "resolving an unacknowledged one acknowledges it too" jordan "$(esc acked_by 2)"
drop_in 15555550100 "RESOLVE 99"
check "an unknown number is answered" wait_eq 10 1 count_out $JORDAN "there is no escalation #99"

# --- STOP, then a crisis message ------------------------------------------------------
drop_in 15555550125 "STOP"
check "carol opts out" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='carol'"
drop_in 15555550125 "I have pills and I want to die"
check "the crisis after STOP still escalates" wait_eq 10 1 sql "SELECT count(*) FROM escalations WHERE peer='+15555550125'"
check "carol still gets the 988 message" wait_eq 10 1 count_out 15555550125 "reach out. Call or text 988"
check "Sam (carol's specialist) is alerted" wait_eq 10 1 first_alerts $SAM "carol"
ctl checkin-now carol >/dev/null 2>&1; check_eq "checkin-now is refused for carol (opted out)" 1 $?
check_eq "carol got no check-in" 0 "$(sql "SELECT count(*) FROM messages WHERE kind='checkin' AND peer='+15555550125'")"

# --- checkinctl escalations --------------------------------------------------------------
check "the list shows time to acknowledgement" matching "^1 .*acked .*alex .*[0-9]m[0-9][0-9]s" ctl escalations
check "--open lists the acknowledged, unresolved #1 (as STATUS does)" matching "^1 .*acked" ctl escalations --open
check "--open leaves out the resolved #2" not_matching "^2 " ctl escalations --open
check "show lists alex's acknowledged #1 as open" matching "^  #1 urgent .*acknowledged by sam" ctl show alex
check "--open lists carol's" matching "carol" ctl escalations --open
ctl escalations 1 >"$T/esc1.txt"
for step in escalation.created escalation.alerted escalation.realerted escalation.handed_off escalation.acked; do
    check "the trail of #1 has $step" grep -q "$step" "$T/esc1.txt"
done
check "the trail says who acknowledged it and after how long" grep -q "^acknowledged: .* by sam (after [0-9]*m[0-9]*s)" "$T/esc1.txt"
ctl escalations 2 >"$T/esc2.txt"
for step in escalation.merged escalation.noted escalation.resolved; do
    check "the trail of #2 has $step" grep -q "$step" "$T/esc2.txt"
done
ctl escalations 99 >/dev/null 2>&1; check_eq "an unknown escalation exits 4" 4 $?

stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
