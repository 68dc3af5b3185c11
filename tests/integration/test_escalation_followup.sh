# SPDX-License-Identifier: Apache-2.0
# After an ACK the person keeps writing, through the real daemon and spool
# files: whatever they send ("I'm doing it now" is not crisis language to
# the parser) reaches the specialist who acknowledged it as a follow-up with
# the count and the newest text, nobody else; at most one per flood window,
# a held-back one goes when the window has passed, with the newest text.
# A message more severe than the open escalation raises it (one escalation,
# open again, alert marked as an upgrade to the former acknowledger).
# Texts to specialists come from templates: the config's own, a Spanish
# one for a specialist with lang = "es", else the built-in English.
. tests/integration/lib.sh

write_config
# Sam reads Spanish: his texts come from templates.es (usage set here,
# the rest falls back to the built-in English); Jordan's answer to an ACK
# that opens a conversation ("conv_acked") is the config's own.
sed -i 's|{ id = "sam"; name = "Sam"; phone = "+15555550101"; }|{ id = "sam"; name = "Sam"; phone = "+15555550101"; lang = "es"; }|' "$T/checkin.conf"
sed -i 's|^}; };$|  conv_acked = "{program}: #{escalation} ({alias}) is yours now.";\n}; es = { usage = "{program}: Comandos: ACK 17, NOTE 17 texto, RESOLVE 17, STATUS."; }; };|' "$T/checkin.conf"
# No re-alert during the test (60 s); a 10 s flood window, so the held-back
# follow-up goes out within the test.
cat >>"$T/checkin.conf" <<'CONF'
escalation = { realert_seconds = 60; flood_window_seconds = 10; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "enroll alex (Jordan's client)" ctl enroll alex +15555550123 --specialist jordan
check "enroll bo (Jordan's client)" ctl enroll bo +15555550124 --specialist jordan

JORDAN=15555550100 SAM=15555550101
esc() { sql "SELECT $1 FROM escalations WHERE id=$2"; }
audits() { sql "SELECT count(*) FROM audit WHERE action='$1' AND subject='$2'"; }

# --- crisis, ACK, then "I'm doing it now" --------------------------------------
drop_in 15555550123 "I want to end it all tonight" a1
check "a crisis reply opens #1" wait_eq 10 urgent/open esc "severity||'/'||state" 1
drop_in 15555550100 "ACK 1"
check "Jordan acknowledges #1" wait_eq 10 acked/jordan esc "state||'/'||acked_by" 1
check "the ACK is answered with the config's own conv_acked text" wait_eq 10 1 count_out $JORDAN "#1 (alex) is yours now\.$"
# The ACK opened a conversation (test_conversation.sh), in which Jordan
# would get alex's messages themselves; ended, the follow-ups apply.
drop_in 15555550100 "END 1"
check "Jordan ends the conversation the ACK opened" wait_eq 10 1 count_out $JORDAN "conversation with alex #1 ended"
drop_in 15555550123 "I'm doing it now" a2
check "Jordan gets a follow-up with the newest text and the count" \
    wait_eq 10 1 count_out $JORDAN "#1 (alex) wrote again after your ACK: \"I'm doing it now\" (messages: 2)"
check_eq "the follow-up is audited to Jordan" "to=jordan" \
    "$(sql "SELECT detail FROM audit WHERE action='escalation.followup' AND subject='1'")"
check_eq "Sam (not the acknowledger) gets nothing" 0 "$(outbox_lines | grep -c "^$SAM|")"
check_eq "a message that is not crisis language gets no 988 answer" 1 "$(count_out 15555550123 "reach out. Call or text 988")"
check_eq "#1 stays acknowledged" acked "$(esc state 1)"

# --- a second message within the flood window is held back, then sent -----------
drop_in 15555550123 "I want to die" a3
check "the crisis message is merged into #1 and held back" wait_eq 10 1 audits escalation.followup_held 1
check_eq "it is answered with 988" 2 "$(count_out 15555550123 "reach out. Call or text 988")"
check_eq "still one escalation for alex" 1 "$(sql "SELECT count(*) FROM escalations WHERE peer='+15555550123'")"
check "after the window Jordan gets the held-back follow-up with the newest text" \
    wait_eq 20 1 count_out $JORDAN "#1 (alex) wrote again after your ACK: \"I want to die\" (messages: 3)"
check_eq "two follow-ups in all" 2 "$(audits escalation.followup 1)"
check_eq "nothing is left held back" "" "$(esc followup_due_at 1)"
drop_in 15555550100 "RESOLVE 1"
check "RESOLVE closes #1" wait_eq 10 resolved esc state 1
drop_in 15555550123 "ok thanks" a4
check "alex's next message is stored" wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND body='ok thanks'"
check_eq "after RESOLVE, no follow-up" 2 "$(audits escalation.followup 1)"

# --- a specialist who reads Spanish ------------------------------------------------
drop_in 15555550101 "hola"
check "Sam gets the usage answer in Spanish" wait_eq 10 1 count_out $SAM "Test Program: Comandos: ACK 17"
drop_in 15555550101 "STATUS"
check "and STATUS in the built-in English (no Spanish text set)" wait_eq 10 1 count_out $SAM "Test Program: no open escalations\."

# --- a more severe message raises the escalation -----------------------------------
drop_in 15555550124 "2" b1
check "bo's score 2 opens high #2" wait_eq 10 high/open esc "severity||'/'||state" 2
drop_in 15555550100 "ACK 2"
check "Jordan acknowledges #2" wait_eq 10 acked esc state 2
drop_in 15555550124 "I am going to kill myself" b2
check "crisis language raises #2 to urgent, open again" wait_eq 10 urgent/open esc "severity||'/'||state" 2
check_eq "no second escalation for bo" 1 "$(sql "SELECT count(*) FROM escalations WHERE peer='+15555550124'")"
check_eq "the upgrade is audited with the former acknowledger" 1 \
    "$(sql "SELECT count(*) FROM audit WHERE action='escalation.upgraded' AND subject='2' AND detail LIKE 'from=high to=urgent%by=jordan'")"
check "Jordan gets the alert marked as an upgrade" \
    wait_eq 10 1 count_out $JORDAN "UPGRADED to urgent: urgent #2 bo .*kill myself"
check "bo gets the 988 message again (the first came with the low score)" wait_eq 10 2 count_out 15555550124 "reach out. Call or text 988"
check_eq "a fresh re-alert chain is pending" 1 "$(sql "SELECT count(*) FROM escalations WHERE id=2 AND realert_at > 0 AND realerts = 0")"
drop_in 15555550100 "ACK 2"
check "a new ACK takes it again" wait_eq 10 acked/jordan esc "state||'/'||acked_by" 2

stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
