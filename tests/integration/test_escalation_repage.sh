# SPDX-License-Identifier: Apache-2.0
# While an escalation is unacknowledged, through the real daemon and spool
# files, with the clock moved by restarts (CHECKIN_GATEWAY_TIME_OFFSET):
# - a message that is not crisis language ("I'm doing it now") is attached
#   to it (count, newest text) and the next re-alert shows it;
# - a new crisis message merged into it pages its current recipients again,
#   also after the regular chain is used up: held back while an alert went
#   out less than a flood window ago, sent when the window has passed (never
#   none), at once when the last alert is older than the window, never more
#   than one such page per window; it is still answered with 988.
. tests/integration/lib.sh

write_config
sed -i 's|{ id = "jordan"; name = "Jordan"; phone = "+15555550100"; }|{ id = "jordan"; name = "Jordan"; phone = "+15555550100"; backup = "sam"; }|' "$T/checkin.conf"
sed -i 's|^  alert = .*|  alert = "{severity} #{escalation} {alias} wrote \\"{excerpt}\\" (messages: {count}). Reply ACK {escalation}";|' "$T/checkin.conf"
# One regular re-alert a second after the alert, then the late rounds only
# once a day: every later page in this test comes from a merged message.
cat >>"$T/checkin.conf" <<'CONF'
escalation = { realert_seconds = 1; realerts_before_handoff = 1; max_realerts = 1;
               late_realert_seconds = 86400; flood_window_seconds = 600; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
export CHECKIN_GATEWAY_TIME_OFFSET=0
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "enroll alex (Jordan's client)" ctl enroll alex +15555550123 --specialist jordan

JORDAN=15555550100 SAM=15555550101
esc() { sql "SELECT $1 FROM escalations WHERE id=$2"; }
audits() { sql "SELECT count(*) FROM audit WHERE action='$1' AND subject='$2'"; }
pages() { count_out $1 "NOT YET ACKNOWLEDGED"; }
# restart_at SECONDS: the daemon again, its clock that far ahead.
restart_at() {
    stop_gw TERM
    export CHECKIN_GATEWAY_TIME_OFFSET=$1
    start_gw || { not_ok "daemon restarts at +$1 s"; finish; exit 1; }
}

# --- the chain is used up ---------------------------------------------------------------
drop_in 15555550123 "I want to end it all tonight" a1
check "a crisis reply opens #1" wait_eq 10 urgent/open esc "severity||'/'||state" 1
check "the one regular re-alert is used up" wait_eq 15 1 audits escalation.realerts_exhausted 1
# The audit is written when the re-alert is queued; the file follows.
check "Jordan has had one re-alert" wait_eq 10 1 pages $JORDAN

# --- a message the parser does not read as crisis is attached -------------------------------
drop_in 15555550123 "I'm doing it now" a2
check "it is merged into open #1 (count 2)" wait_eq 10 2 esc count 1
check_eq "the merge is audited" 1 "$(audits escalation.merged 1)"
check_eq "it gets no 988 answer" 1 "$(count_out 15555550123 "reach out. Call or text 988")"
check_eq "it pages nobody by itself" 1 "$(pages $JORDAN)"
check_eq "STATUS-style views see the newest text" "I'm doing it now" "$(sql "SELECT body FROM messages WHERE id=(SELECT last_message_id FROM escalations WHERE id=1)")"

# --- a crisis message within the window of the last alert is held back, not dropped -------
drop_in 15555550123 "I want to die" a3
check "it is answered with 988" wait_eq 10 2 count_out 15555550123 "reach out. Call or text 988"
check "the page is held back until the window has passed" wait_eq 10 1 audits escalation.repage_held 1
check_eq "still one escalation for alex" 1 "$(sql "SELECT count(*) FROM escalations WHERE peer='+15555550123'")"
check_eq "no page yet (an alert went out less than a window ago)" 1 "$(pages $JORDAN)"
held=$(esc realert_at 1)
last=$(sql "SELECT max(created_at) FROM messages WHERE escalation_id=1 AND kind='alert'")
check_eq "the page waits exactly one window after the last alert" $((last + 600)) "$held"

# --- the window passes: the held page goes out, with the newest words -------------------------
restart_at 700
check "Jordan is paged again with the newest text and the count" \
    wait_eq 15 1 count_out $JORDAN "NOT YET ACKNOWLEDGED (2).*#1.*I want to die.*messages: 3"
check "so is Sam (after the chain, every specialist)" \
    wait_eq 10 1 count_out $SAM "NOT YET ACKNOWLEDGED (2).*#1.*I want to die"
check_eq "the next late round is a day away again" 1 \
    "$(sql "SELECT count(*) FROM escalations WHERE id=1 AND realert_at > $held + 80000")"

# --- an old last alert: a crisis message pages at once, then no second page in the window ------
restart_at 1400
drop_in 15555550123 "still here" a4
check "a later ordinary message is attached (count 4)" wait_eq 10 4 esc count 1
drop_in 15555550123 "I am going to kill myself" a5
check "the crisis message pages at once (the last alert is older than a window)" \
    wait_eq 10 1 audits escalation.repaged 1
check "Jordan's page has the newest text and count 5" \
    wait_eq 10 1 count_out $JORDAN "NOT YET ACKNOWLEDGED (3).*#1.*going to kill myself.*messages: 5"
drop_in 15555550123 "I have the pills right here, I want to die" a6
check "it is answered with 988" wait_eq 10 4 count_out 15555550123 "reach out. Call or text 988"
check "a second crisis message in the same window is held, not paged" wait_eq 10 2 audits escalation.repage_held 1
check_eq "one page for both (Jordan has 3 re-alerts)" 3 "$(pages $JORDAN)"
check_eq "one escalation in all" 1 "$(sql "SELECT count(*) FROM escalations")"

drop_in 15555550100 "ACK 1"
check "Jordan acknowledges #1" wait_eq 10 acked/jordan esc "state||'/'||acked_by" 1
check_eq "the held page is dropped with the ACK" "" "$(esc realert_at 1)"

stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
