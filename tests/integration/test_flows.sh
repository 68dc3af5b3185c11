# SPDX-License-Identifier: Apache-2.0
# Check-in flows (issue 19) through the real daemon with the spool provider
# and a moved clock: a three-question recovery check-in (mood 1-10,
# cravings 0-10 alerting at >= 8, a meeting yes/no asked only when the mood
# is 5 or more), an off-scale answer asked once more, a crisis reply at
# step 2, STOP at step 2, a window ending after step 1 (partial) and one
# with no answer (reminder, unanswered); the PHQ-2 -> PHQ-9 with item 9
# positive; the GAD-2 -> GAD-7 (3 or more goes on, less stops after two
# questions); the C-SSRS skip (no to 2 goes to 6) and its urgent branch.
. tests/integration/lib.sh

write_config
sed -i 's|^schedules = ( |schedules = ( { name = "recovery"; times = [ "09:00" ]; window_minutes = 60; reminder_minutes = 30; flow = "recovery"; },\n  { name = "phq"; times = [ "09:00" ]; window_minutes = 60; flow = "phq9"; },\n  { name = "cssrs"; times = [ "09:00" ]; window_minutes = 60; flow = "cssrs"; },\n  { name = "gad"; times = [ "09:00" ]; window_minutes = 60; flow = "gad7"; },\n  |' "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
flows = ( { name = "recovery"; questions = (
  { id = "mood"; type = "scale"; min = 1; max = 10;
    text = { en = "How are you today, 1-10?"; es = "Como estas hoy, 1-10?"; }; },
  { id = "cravings"; type = "scale"; min = 0; max = 10; alert = ">= 8 high";
    text = "Cravings today, 0-10?"; },
  { id = "meeting"; type = "yesno"; ask_if = "mood >= 5";
    text = "Made it to a meeting? YES or NO"; } ); } );
instruments = { cssrs = { es = { c1 = "Texto del editor 1, SI o NO"; c2 = "Texto del editor 2, SI o NO"; }; }; };
CONF
"$GW" --check-config "$T/checkin.conf" >/dev/null 2>&1
check_eq "the flows config is valid" 0 $?
check "checkinctl flows lists the recovery flow's questions" matching "^  cravings .*scale .*0-10" ctl flows
check "... with each text's SMS length" matching "^  mood .*en .*GSM-7 .* 24 .* 1" ctl flows
check "... and the instruments the schedules name" matching "^flow phq9 (built in" ctl flows
check "... saying where each language's texts come from" matching "^  es texts: Pfizer's US Spanish PHQ-9" ctl flows
check "... and which come from the config's instruments section" matching "^  es texts: 2 of 7 from the config (.*checkin.conf:[0-9]*); the others: our own translation, NOT Columbia's" ctl flows

# 2027-03-01 12:00 UTC: every client gets a check-in now (checkin-now).
start=$(date -u -d "2027-03-01 12:00" +%s)
export CHECKIN_GATEWAY_TIME_OFFSET=$(( start - $(date +%s) ))
n=10
for c in ana:recovery ben:recovery cal:recovery dee:recovery eve:recovery ivy:recovery fay:phq gus:cssrs hal:cssrs jon:gad kim:gad lee:phq mia:phq; do
    n=$((n + 1))
    ctl enroll "${c%%:*}" "+155555502$n" --tz UTC --schedule "${c#*:}" >/dev/null 2>&1
    ctl checkin-now "${c%%:*}" >/dev/null 2>&1
done
ph() { sql "SELECT phone FROM clients WHERE alias='$1'"; }
cid() { sql "SELECT id FROM clients WHERE alias='$1'"; }
# asked ALIAS: the flow questions sent to ALIAS (asked once more included).
asked() { sql "SELECT count(*) FROM messages WHERE direction='out' AND client_id=$(cid "$1") AND kind IN ('checkin','retry')"; }
last_q() { sql "SELECT body FROM messages WHERE direction='out' AND client_id=$(cid "$1") AND kind IN ('checkin','retry') ORDER BY id DESC LIMIT 1"; }
run_of() { sql "SELECT state FROM flow_runs WHERE client_id=$(cid "$1") ORDER BY id DESC LIMIT 1"; }
IN=0
# say ALIAS TEXT: the client's reply, waited for until it is committed
# (with everything it causes: the same transaction).
say() {
    IN=$((IN + 1)); drop_in "$(ph "$1")" "$2"
    wait_eq 10 "$IN" sql "SELECT count(*) FROM messages WHERE direction='in'" >/dev/null ||
        not_ok "$1's reply '$2' is recorded"
}
start_gw || not_ok "daemon starts"
check "each client's flow starts with its first question" wait_eq 10 13 sql "SELECT count(*) FROM flow_runs WHERE state='open' AND step >= 0"
check_eq "the recovery flow's first question" "How are you today, 1-10?" "$(last_q ana)"

# ana: the whole flow; an off-scale answer asked once more; cravings 9 alerts.
say ana 7
check_eq "the next question goes when the first is answered" "Cravings today, 0-10?" "$(last_q ana)"
say ana 12
check_eq "an off-scale answer: the question once more" 1 "$(sql "SELECT count(*) FROM messages WHERE client_id=$(cid ana) AND kind='retry' AND body='Cravings today, 0-10?'")"
say ana 9
check_eq "cravings 9 alerts the specialist (high) with why" "high|recovery: cravings 9 >= 8" "$(sql "SELECT severity || '|' || reason FROM escalations WHERE client_id=$(cid ana)")"
check_eq "no 988 message for a high alert rule" 0 "$(sql "SELECT count(*) FROM messages WHERE client_id=$(cid ana) AND kind='crisis'")"
check_eq "the meeting question (mood 7 >= 5)" "Made it to a meeting? YES or NO" "$(last_q ana)"
say ana yes
check_eq "ana's flow is complete" complete "$(run_of ana)"
check_eq "her answers are kept per question" "mood=7 cravings=9 meeting=1" "$(sql "SELECT group_concat(qid || '=' || value, ' ') FROM (SELECT qid, CAST(value AS INTEGER) AS value FROM flow_answers WHERE run_id=(SELECT max(id) FROM flow_runs WHERE client_id=$(cid ana)) ORDER BY idx)")"
check_eq "no mood recorded from flow answers" 0 "$(sql "SELECT count(*) FROM moods")"

# ben: skip logic (mood 4: no meeting question); off-scale twice moves on.
say ben 4
say ben 15
say ben 20
check_eq "asked once more only, then the flow moves on: skipped meeting ends it" partial "$(run_of ben)"
check_eq "ben got two questions and one repeat, no meeting question" 3 "$(asked ben)"
check_eq "a low mood in a flow is no low-score alert" 0 "$(sql "SELECT count(*) FROM escalations WHERE client_id=$(cid ben)")"

# cal: crisis reply at step 2: 988 message and alert, the flow ends.
say cal 6
say cal "I want to kill myself"
check_eq "a crisis reply at step 2 ends the flow" crisis "$(run_of cal)"
check_eq "... sends the 988 message" 1 "$(sql "SELECT count(*) FROM messages WHERE client_id=$(cid cal) AND kind='crisis'")"
check_eq "... and alerts (urgent)" urgent "$(sql "SELECT severity FROM escalations WHERE client_id=$(cid cal)")"
check_eq "... with no more questions" 2 "$(asked cal)"

# dee: STOP at step 2.
say dee 5
say dee STOP
check_eq "STOP at step 2 ends the flow" stopped "$(run_of dee)"
check_eq "... and opts out" opted_out "$(sql "SELECT state FROM clients WHERE alias='dee'")"
check_eq "... no more questions" 2 "$(asked dee)"

# eve answers one question only; ivy none.
say eve 8

# fay: PHQ-2 = 4 -> the rest of the PHQ-9; item 9 above 0 alerts (high).
for a in 2 2 1 1 1 1 1 1; do say fay $a; done
check "item 9 is asked" matching "better off dead" last_q fay
say fay 1
check_eq "PHQ-9 administered in full (9 questions)" 9 "$(asked fay)"
check_eq "PHQ-9 total and band stored" "PHQ-9|11|27|moderate|complete" "$(sql "SELECT scale||'|'||total||'|'||max||'|'||band||'|'||state FROM flow_runs WHERE client_id=$(cid fay)")"
check "item 9 positive alerts the specialist (high) with why" matching "^high|phq9: phq9 1 >= 1" sql "SELECT severity || '|' || reason FROM escalations WHERE client_id=$(cid fay)"

# gus: C-SSRS, no to 2 skips to 6.
say gus yes
say gus no
check "no to question 2 skips to question 6" matching "Have you ever done anything" last_q gus
say gus no
check_eq "C-SSRS: three questions, complete, low risk" "3|complete|low" "$(asked gus)|$(run_of gus)|$(sql "SELECT band FROM flow_runs WHERE client_id=$(cid gus)")"
check_eq "yes to 1 alerts (high)" high "$(sql "SELECT severity FROM escalations WHERE client_id=$(cid gus)")"

# hal: C-SSRS yes to 4: urgent, with the 988 message.
say hal no
say hal yes
say hal yes
say hal yes
check_eq "C-SSRS yes to 4 is urgent" urgent "$(sql "SELECT max(severity) FROM escalations WHERE client_id=$(cid hal)")"
check "... its reason says why" matching "cssrs: c4 1 == 1" sql "SELECT reason FROM escalations WHERE client_id=$(cid hal)"
check_eq "... and sends the 988 message" 1 "$(sql "SELECT count(*) FROM messages WHERE client_id=$(cid hal) AND kind='crisis'")"
say hal no
say hal no
check_eq "hal's screener: complete, high risk" "complete|high" "$(run_of hal)|$(sql "SELECT band FROM flow_runs WHERE client_id=$(cid hal)")"

# jon: GAD-2 = 4 -> the rest of the GAD-7; kim: GAD-2 = 2 stops there.
say jon 2
say jon 2
check "GAD-2 of 3 or more goes on to the GAD-7" matching "worrying too much" last_q jon
for a in 1 1 1 1 1; do say jon $a; done
check_eq "GAD-7 administered in full (7 questions)" 7 "$(asked jon)"
check_eq "GAD-7 total and band stored" "GAD-7|9|21|mild|complete" "$(sql "SELECT scale||'|'||total||'|'||max||'|'||band||'|'||state FROM flow_runs WHERE client_id=$(cid jon)")"
say kim 1
say kim 1
check_eq "GAD-2 under 3 stops after two questions, scored as the GAD-2" "2|GAD-2|2|6|negative|complete" "$(asked kim)|$(sql "SELECT scale||'|'||total||'|'||max||'|'||band||'|'||state FROM flow_runs WHERE client_id=$(cid kim)")"

# lee: a negative PHQ-2, then item 9 left when the window ends; mia: a
# positive PHQ-2 and two more items before it ends. Partial: no band.
say lee 1
say lee 1
check "after a negative PHQ-2, item 9 is still asked" matching "better off dead" last_q lee
for a in 2 2 1 1; do say mia $a; done
stop_gw TERM

# 40 minutes later: ivy's reminder is her first question again.
export CHECKIN_GATEWAY_TIME_OFFSET=$(( start + 40 * 60 - $(date +%s) ))
start_gw || not_ok "daemon starts again"
check "the reminder of an unanswered flow is its first question" wait_eq 10 "How are you today, 1-10?" sql "SELECT body FROM messages WHERE client_id=$(cid ivy) AND kind='reminder'"
check_eq "no reminder once the flow is answered" 0 "$(sql "SELECT count(*) FROM messages WHERE client_id=$(cid eve) AND kind='reminder'")"
stop_gw TERM

# Two hours later: the windows ended.
export CHECKIN_GATEWAY_TIME_OFFSET=$(( start + 2 * 3600 - $(date +%s) ))
start_gw || not_ok "daemon starts a third time"
check "a window ending after step 1 keeps the answer: partly answered" wait_eq 10 partial run_of eve
check_eq "eve's mood is kept" "mood|8" "$(sql "SELECT qid || '|' || CAST(value AS INTEGER) FROM flow_answers WHERE run_id=(SELECT max(id) FROM flow_runs WHERE client_id=$(cid eve))")"
check "no answer at all: unanswered" wait_eq 10 unanswered run_of ivy
check_eq "a PHQ-9 run left at item 9 after a negative PHQ-2: partial, its total, no band" "partial|PHQ-2|2|" "$(sql "SELECT state||'|'||scale||'|'||total||'|'||coalesce(band,'') FROM flow_runs WHERE client_id=$(cid lee)")"
check_eq "a PHQ-9 left after four items: partial, no band" "partial|PHQ-9|6|" "$(sql "SELECT state||'|'||scale||'|'||total||'|'||coalesce(band,'') FROM flow_runs WHERE client_id=$(cid mia)")"
check_eq "nothing is open" 0 "$(sql "SELECT count(*) FROM flow_runs WHERE state='open'")"
# ola (Spanish) on the C-SSRS: the config's instruments section gives its
# first two Spanish texts; an English client's stay as built.
ctl enroll ola "+15555550299" --tz UTC --lang es --schedule cssrs >/dev/null 2>&1
ctl checkin-now ola >/dev/null 2>&1
check "a Spanish client's C-SSRS question 1 is the config's text" wait_eq 10 "Texto del editor 1, SI o NO" last_q ola
say ola no
check_eq "... and question 2" "Texto del editor 2, SI o NO" "$(last_q ola)"
say ola no
check "... question 6, not set in the config, is the built-in text" matching "Alguna vez ha hecho algo" last_q ola
check_eq "an English client's C-SSRS texts stay as built" 0 "$(sql "SELECT count(*) FROM messages WHERE client_id IN ($(cid gus), $(cid hal)) AND body LIKE 'Texto del editor%'")"
stop_gw TERM

check "history shows the flow answers" matching "recovery   complete    mood=7 cravings=9 meeting=yes" ctl history ana
check "history shows the instrument's total and band" matching "phq9 .*PHQ-9 11/27 moderate" ctl history fay
check "history shows the GAD-7's total and band" matching "gad7 .*complete .*GAD-7 9/21 mild .*gad1=2 gad2=2 gad3=1" ctl history jon
check "history shows a negative GAD-2 with its two answers only" matching "gad7 .*complete .*GAD-2 2/6 negative  *gad1=1 gad2=1\$" ctl history kim
check "history says a partial instrument total is partial, without a band" matching "phq9 .*partial .*PHQ-9 partial 6 (4 of 9 answered)  *phq1=2 phq2=2 phq3=1 phq4=1\$" ctl history mia
check "... and after a negative PHQ-2 with item 9 left" matching "phq9 .*partial .*PHQ-2 partial 2 (2 of 3 answered)  *phq1=1 phq2=1$" ctl history lee
check "history of a partial flow" matching "recovery   partial .* mood=8" ctl history eve

ctl report -o "$T/report.html" >/dev/null
check "the report: how the recovery flows ended" grep -q "6 administered: 1 complete, 2 partly answered, 1 unanswered, 1 ended by a crisis reply, 1 stopped (STOP), 0 still open." "$T/report.html"
check "the report: per question asked, answered, response rate, mean, where flows stopped" grep -q '<tr><td>cravings</td><td>5</td><td>1</td><td>20%</td><td>9.0</td><td class="bad">3</td></tr>' "$T/report.html"
check "the report: the first question's response rate" grep -q '<tr><td>mood</td><td>6</td><td>5</td><td>83%</td><td>6.0</td><td class="bad">1</td></tr>' "$T/report.html"
check "the report: instrument totals with their bands" grep -q '<td>fay</td><td>PHQ-9</td><td>11/27</td><td>moderate</td>' "$T/report.html"
check "the report: a partial result is partial, with no band" grep -q '<td>mia</td><td>PHQ-9</td><td>partial 6</td><td>no band (4 of 9 answered)</td>' "$T/report.html"
check "the report: a chart of fay's PHQ-9 totals with its bands" grep -q 'aria-label="PHQ-9 of fay over time"' "$T/report.html"
check "... and of jon's GAD-7" grep -q '<p class="legend">jon, GAD-7: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe</p>' "$T/report.html"
check "... none of kim's negative GAD-2" sh -c "! grep -q 'of kim over time' '$T/report.html'"
check "the report with its instrument charts parses as XML (well-formed)" python3 - "$T/report.html" <<'PY'
import sys, xml.etree.ElementTree as ET
text = open(sys.argv[1], encoding="utf-8").read()
root = ET.fromstring(text[len("<!DOCTYPE html>"):])
charts = [s for s in root.findall(".//{http://www.w3.org/2000/svg}svg") if s.get("class") == "instrument-chart"]
assert len(charts) == 2, len(charts)
PY
check "export carries the flow answers" matching '"question": "cravings"' ctl export ana
ANA=$(cid ana)
ctl remove ana --yes >/dev/null
check_eq "remove deletes the flow runs and answers" "0|0" "$(sql "SELECT count(*) FROM flow_runs WHERE client_id=$ANA")|$(sql "SELECT count(*) FROM flow_answers WHERE run_id NOT IN (SELECT id FROM flow_runs)")"
finish
