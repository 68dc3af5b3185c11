# SPDX-License-Identifier: Apache-2.0
# Follow-ups after an ACK end, through the real daemon and spool files, with
# the clock moved by a restart (CHECKIN_GATEWAY_TIME_OFFSET): for
# escalation.follow_up_hours after the ACK the person's messages go to the
# acknowledger; then the acknowledger gets one reminder to RESOLVE, later
# ordinary messages are ordinary replies again, and a new crisis message
# opens a new escalation with a fresh alert instead of being absorbed by the
# stale ACK.
. tests/integration/lib.sh

write_config
sed -i 's|^  alert = .*|  alert = "{severity} #{escalation} {alias} wrote \\"{excerpt}\\" (messages: {count}). Reply ACK {escalation}";|' "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
escalation = { realert_seconds = 600; flood_window_seconds = 600; follow_up_hours = 1; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
export CHECKIN_GATEWAY_TIME_OFFSET=0
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "enroll alex (Jordan's client)" ctl enroll alex +15555550123 --specialist jordan

JORDAN=15555550100 SAM=15555550101
esc() { sql "SELECT $1 FROM escalations WHERE id=$2"; }
audits() { sql "SELECT count(*) FROM audit WHERE action='$1' AND subject='$2'"; }
reminders() { count_out $JORDAN "still not resolved since your ACK"; }

# --- within the limit: follow-ups ------------------------------------------------------
drop_in 15555550123 "I want to end it all tonight" a1
check "a crisis reply opens #1" wait_eq 10 urgent/open esc "severity||'/'||state" 1
drop_in 15555550100 "ACK 1"
check "Jordan acknowledges #1" wait_eq 10 acked/jordan esc "state||'/'||acked_by" 1
# The ACK opened a conversation (test_conversation.sh), in which Jordan
# would get alex's messages themselves; ended, the follow-ups apply.
drop_in 15555550100 "END 1"
check "Jordan ends the conversation the ACK opened" wait_eq 10 1 count_out $JORDAN "conversation with alex #1 ended"
drop_in 15555550123 "I'm doing it now" a2
check "within the limit Jordan gets a follow-up" \
    wait_eq 10 1 count_out $JORDAN "#1 (alex) wrote again after your ACK: \"I'm doing it now\""
check_eq "no reminder yet" 0 "$(reminders)"

# --- an hour and a bit later: one reminder, and the forwarding has ended -------------------
stop_gw TERM
export CHECKIN_GATEWAY_TIME_OFFSET=3700
start_gw || { not_ok "daemon restarts an hour on"; finish; exit 1; }
check "Jordan gets the reminder to RESOLVE #1" wait_eq 15 1 reminders
check "it names the escalation and the client" matching "#1 (alex) is still not resolved since your ACK.*RESOLVE 1" outbox_lines
check_eq "it is audited to Jordan" "to=jordan" \
    "$(sql "SELECT detail FROM audit WHERE action='escalation.resolve_reminder' AND subject='1'")"
check_eq "it is recorded as sent" 1 "$(sql "SELECT count(*) FROM escalations WHERE id=1 AND resolve_reminded_at > 0")"
check_eq "Sam (not the acknowledger) gets nothing" 0 "$(outbox_lines | grep -c "^$SAM|")"
count=$(esc count 1)
drop_in 15555550123 "ok, I'm at my sister's" a3
check "alex's next message is stored" wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND body LIKE 'ok, I''m at%'"
check_eq "it is no longer merged into #1" "$count" "$(esc count 1)"
check_eq "nor forwarded (still one follow-up)" 1 "$(audits escalation.followup 1)"
drop_in 15555550123 "I want to die" a4
check "a new crisis message opens a new escalation #2" wait_eq 10 urgent/open esc "severity||'/'||state" 2
check "with a fresh alert to Jordan" wait_eq 10 1 count_out $JORDAN "|urgent #2 alex wrote \"I want to die\""
check "and the 988 answer" wait_eq 10 2 count_out 15555550123 "reach out. Call or text 988"
check_eq "#1 still stands acknowledged (it needs a RESOLVE)" acked "$(esc state 1)"

# --- one reminder per ACK -------------------------------------------------------------------
stop_gw TERM
export CHECKIN_GATEWAY_TIME_OFFSET=7400
start_gw || { not_ok "daemon restarts two hours on"; finish; exit 1; }
check "#2's due re-alert goes out (the timer run that would also remind)" \
    wait_eq 15 1 count_out $JORDAN "NOT YET ACKNOWLEDGED (1).*#2"
check_eq "no second reminder for #1" 1 "$(audits escalation.resolve_reminder 1)"
drop_in 15555550100 "RESOLVE 1"
check "RESOLVE closes #1" wait_eq 10 resolved esc state 1

stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
