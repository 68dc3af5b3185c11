# SPDX-License-Identifier: Apache-2.0
# week.sh: a specialist's week after a crisis (issue 18 items 4-6), through
# the real daemon over the provider PROVIDER names (provider_lib.sh), sourced by
# test_followup_week.sh (spool files) and test_followup_week_modem.sh (the
# modem simulator); the clock moved by restarting the gateway with
# CHECKIN_GATEWAY_TIME_OFFSET: follow-up tasks planned by the ACK, due,
# DONE, held over a weekend outside working hours, SNOOZE, sent again,
# overdue in STATUS and the digest, handed to the backup, DONE by the
# backup, listed by checkinctl followups; messages nobody read in the
# digest; working hours and the automatic answer once per evening; a
# conversation that went idle ends and its holder hears so. Every check
# holds over both providers: what each phone receives is read from the
# spool's outgoing files or from the simulator's sent.log.
. tests/integration/lib.sh
. tests/integration/provider_lib.sh

write_config
provider_config || { not_ok "the provider is set up"; finish; exit 1; }
# Jordan works Monday to Friday 09:00-17:00 (UTC); Sam is the backup.
sed -i 's|{ id = "jordan"; name = "Jordan"; phone = "+15555550100"; }|{ id = "jordan"; name = "Jordan"; phone = "+15555550100"; backup = "sam"; hours = [ "mon-fri 09:00-17:00" ]; }|' \
    "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
escalation = { digest_time = "08:00"; watch_drops_in_row = 0; watch_weekly_drop = 0;
               watch_missed_in_row = 0; conversation_idle_hours = 72;
               followup_after = "1d, 3d"; followup_grace_hours = 2; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"

JORDAN=15555550100 SAM=15555550101 ALEX=15555550123 BO=15555550124
H=3600 D=86400
T0=1796810400 # Wednesday 2026-12-09 10:00 UTC
# at SECONDS-AFTER-T0: the gateway restarted with its clock there.
at() {
    [ -n "$GW_PID" ] && stop_gw TERM
    export CHECKIN_GATEWAY_TIME_OFFSET=$((T0 + $1 - $(date +%s)))
    start_gw || { not_ok "daemon starts at T0+$1"; finish; exit 1; }
    provider_ready || { not_ok "the provider is ready at T0+$1"; finish; exit 1; }
}
# at_before SECONDS-AFTER-T0: the same, with the clock a few seconds before
# that moment however slowly the gateway starts (start_gw_before).
at_before() {
    [ -n "$GW_PID" ] && stop_gw TERM
    start_gw_before $((T0 + $1)) || { not_ok "daemon starts before T0+$1"; finish; exit 1; }
    provider_ready || { not_ok "the provider is ready before T0+$1"; finish; exit 1; }
}
task() { sql "SELECT state||'/'||step FROM followups WHERE id=$1"; }
GW_PID=""

# --- Wednesday 10:00: the crisis, the ACK, the plan --------------------------------
at 0
ctl enroll alex +$ALEX --specialist jordan >/dev/null
ctl enroll bo +$BO --specialist jordan >/dev/null
say $ALEX "I want to end it all tonight"
check "a crisis reply opens #1" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
say $JORDAN "ACK 1"
check "the ACK plans two follow-up tasks for Jordan (1d, 3d)" \
    wait_eq 10 "2|jordan|24|72" sql "SELECT count(*), max(s.key), (min(due_at) - $T0) / 3600, (max(due_at) - $T0) / 3600 FROM followups f JOIN specialists s ON s.id = f.specialist_id"
check "checkinctl followups lists them as open" matching "^#1 *alex *open" ctl followups
# Nothing unread: bo's words beyond a score; a plain score is read as a score.
say $BO "7 today, went to the meeting with my sponsor"
say $BO "6"
check "bo's message nobody read is recorded for the digest" \
    wait_eq 10 1 sql "SELECT count(*) FROM audit WHERE action='reply.unread'"
check "both scores are stored" wait_eq 10 2 sql "SELECT count(*) FROM moods"
check_eq "the plain score is not listed" 1 "$(sql "SELECT count(*) FROM audit WHERE action LIKE 'reply.un%'")"

# --- Wednesday 20:00: outside Jordan's hours ------------------------------------------
at $((10 * H))
say $ALEX "I made some dinner"
check "Jordan still gets alex's message at once" wait_eq 10 1 count_out $JORDAN "alex #1: I made some dinner"
check "alex hears when Jordan is back, and 988" \
    wait_eq 10 1 count_out $ALEX "Jordan is away now and back Thu 09:00\. Your message is saved for them\. In crisis, call or text 988 now\."
say $ALEX "the cat is asleep"
check "the next message reaches Jordan too" wait_eq 10 1 count_out $JORDAN "alex #1: the cat is asleep"
check_eq "one automatic answer per evening" 1 "$(count_out $ALEX "is away now")"

# --- Thursday 08:00: the digest; 10:00: the first task, DONE ---------------------------
at_before $((22 * H))
check "Jordan's digest comes" wait_eq "$(digest_wait)" 1 count_out $JORDAN "daily watch"
check "it has bo's words beyond the score" matching "^$JORDAN|.*bo wrote: \"7 today, went to the meeting with my sponsor\"" phone_lines
check "but not the plain score" not_matching "^$JORDAN|.*bo wrote: \"6\"" phone_lines
at $((D + 5))
check "Thursday 10:00: Jordan gets the first follow-up" \
    wait_eq 10 1 count_out $JORDAN "Follow up with alex (#1): reply DONE 1 or SNOOZE 1 4h\."
check "checkinctl followups: due" matching "^#1 *alex *due" ctl followups
say $JORDAN "DONE 1"
check "DONE 1 closes it" wait_eq 10 done/1 task 1
check "and is answered" wait_eq 10 1 count_out $JORDAN "follow-up with alex (#1) done\. Thank you\."

# --- Saturday: the second task waits for Monday; the idle conversation ends ---------------
at $((3 * D + 300))
sleep 2
check_eq "Saturday: nothing to Jordan outside his hours" 1 "$(count_out $JORDAN "Follow up with alex")"
check_eq "the task waits for Monday 09:00" "open/0|$((5 * D - H))" "$(sql "SELECT state||'/'||step||'|'||(next_at - $T0) FROM followups WHERE id=2")"

# --- Monday: sent, snoozed, sent again, overdue, handed to Sam ----------------------------
at $((5 * D - H + 5))
check "Monday 09:00: the second follow-up goes out" wait_eq 10 2 count_out $JORDAN "Follow up with alex (#1)"
check "the conversation idle 72 hours (since Wednesday 20:00) ended and Jordan is told" \
    wait_eq 10 1 count_out $JORDAN "the conversation with alex #1 ended after 72 hours with no message"
check_eq "it ended when the idle time ran out (Saturday 20:00)" "idle|82" \
    "$(sql "SELECT end_reason||'|'||((ended_at - $T0) / 3600) FROM conversations")"
say $JORDAN "SNOOZE 1 1h"
check "SNOOZE 1 1h is answered" wait_eq 10 1 count_out $JORDAN "follow-up with alex (#1) again in 1h\."
check_eq "and waits" open/0 "$(wait_eq 10 open/0 task 2 >/dev/null; task 2)"
at $((5 * D + 10))
check "an hour later it comes again" wait_eq 10 3 count_out $JORDAN "Follow up with alex (#1)"
at $((5 * D + 2 * H + 15))
check "not done within the grace: sent once more" wait_eq 10 4 count_out $JORDAN "Follow up with alex (#1)"
at $((5 * D + 4 * H + 20))
check "then it is overdue" wait_eq 10 open/3 task 2
say $JORDAN "STATUS"
check "STATUS lists it" wait_eq 10 1 count_out $JORDAN "follow up alex #1 overdue 4h"
check "checkinctl followups: overdue" matching "^#1 *alex *overdue" ctl followups
at $((5 * D + 6 * H + 25))
check "then Sam, the backup, gets it" \
    wait_eq 10 1 count_out $SAM "Jordan has not followed up with alex (#1)\. Please do: reply DONE 1 or SNOOZE 1 4h\."
check "handed to sam" wait_eq 10 "open/4|sam" sql "SELECT state||'/'||step||'|'||handed_to FROM followups WHERE id=2"
check_eq "and Jordan is not sent it again" 4 "$(count_out $JORDAN "Follow up with alex (#1)")"

# --- Tuesday 08:00: both digests list it; Sam does it -----------------------------------
at_before $((6 * D - 2 * H))
check "Tuesday's digest to Jordan lists the overdue follow-up" \
    wait_eq "$(digest_wait)" 1 count_out $JORDAN "daily watch.*follow up alex #1 overdue 2[12]h\."
check "so does Sam's, to whom it was handed" wait_eq 10 1 count_out $SAM "daily watch.*follow up alex #1 overdue 2[12]h\."
say $SAM "DONE 1"
check "Sam's DONE closes it" wait_eq 10 "done|sam" sql "SELECT state||'|'||done_by FROM followups WHERE id=2"
check "checkinctl followups has none open" wait_eq 10 "" ctl followups
check "--all lists both done" wait_eq 10 2 eval 'ctl followups --all | grep -c " done "'
check "export has alex's follow-ups" wait_eq 10 2 eval 'ctl export alex | grep -c "\"done_by\": \"[a-z]"'
check_eq "every step is audited" "followup.done|2 followup.handed_off|1 followup.overdue|1 followup.resent|1 followup.sent|3 followup.snoozed|1" \
    "$(sql "SELECT action||'|'||count(*) FROM audit WHERE action LIKE 'followup.%' GROUP BY action ORDER BY action" | tr '\n' ' ' | sed 's/ $//')"
# The report: the conversation and the tasks counted, no message's words.
check "the report is written" ctl report -o "$T/report.html"
check "its conversation: alex #1, opened by Jordan, ended idle, 1 message to alex (the automatic answer), 2 from" \
    grep -q '<tr><td>alex</td><td>#1</td><td>2026-12-09 10:00 [^<]*</td><td>jordan</td><td>2026-12-12 20:00 [^<]*</td><td>idle</td><td>0</td><td>jordan</td><td>1</td><td>2</td></tr>' "$T/report.html"
check "its follow-up tasks: Jordan's 2 due, 1 done on time, 1 late, 1 snoozed, none overdue, 1 handed to the backup" \
    grep -q '<tr><td>jordan</td><td>2</td><td>1</td><td>1</td><td>1</td><td>0</td><td>1</td></tr>' "$T/report.html"
check "no message's words are in it" sh -c "! grep -q -e 'made some dinner' -e 'cat is asleep' -e 'went to the meeting' -e 'end it all' '$T/report.html'"
check "the report parses as XML (well-formed) with both sections" python3 - "$T/report.html" <<'PY'
import sys, xml.etree.ElementTree as ET
text = open(sys.argv[1], encoding="utf-8").read()
root = ET.fromstring(text[len("<!DOCTYPE html>"):])
ids = [t.get("id") for t in root.iter("table")]
assert "conversations" in ids and "followups" in ids, ids
PY
stop_gw TERM
finish
