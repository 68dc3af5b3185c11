# SPDX-License-Identifier: Apache-2.0
# consent.reask_after_hours: a pending client (consent.require_confirmation)
# who has not answered the welcome with YES gets it once more after that
# many hours, outside quiet hours, and never a third time; audited
# (client.reasked). The clock is moved with CHECKIN_GATEWAY_TIME_OFFSET and
# restarts (the re-ask runs at start, then every 15 minutes).
. tests/integration/lib.sh

write_config
cp "$T/checkin.conf" "$T/bad.conf"
printf 'consent = { require_confirmation = true; reask_after_hours = -1; };\n' >>"$T/bad.conf"
check "a negative reask_after_hours is refused with file:line" \
    matching "bad.conf:[0-9]*.*reask_after_hours" sh -c '"$1" --check-config "$2" 2>&1' _ "$GW" "$T/bad.conf"
cat >>"$T/checkin.conf" <<'CONF'
consent = { require_confirmation = true; reask_after_hours = 24; };
quiet_hours = { start = "22:00"; end = "06:00"; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
# The enrolment at 12:00 UTC today, outside quiet hours: the welcome waits
# for their end like a check-in, and this test is about the re-ask.
enrolled=$(( $(date +%s) / 86400 * 86400 + 12 * 3600 ))
export CHECKIN_GATEWAY_TIME_OFFSET=$(( enrolled - $(date +%s) ))
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll gus +15555550401 >/dev/null
ctl enroll hal +15555550402 >/dev/null
check "gus is asked for YES" wait_eq 10 1 count_out 15555550401 "Reply YES"
check "hal is asked for YES" wait_eq 10 1 count_out 15555550402 "Reply YES"
drop_in 15555550402 "yes"
check "hal answers YES" wait_eq 10 active sql "SELECT state FROM clients WHERE alias='hal'"
stop_gw TERM

# restart_at INSTANT: the daemon restarts with its clock at INSTANT and
# waits for its first re-ask run.
restart_at() {
    export CHECKIN_GATEWAY_TIME_OFFSET=$(( $1 - $(date +%s) ))
    start_gw || return 1
    wait_for 10 eval 'log_since "$start_mark" | grep -q "event=consent.reask_run"'
}
check "23 hours later the daemon runs the re-ask" restart_at $((enrolled + 23 * 3600))
check_eq "no re-ask before 24 hours" 1 "$(count_out 15555550401 'Reply YES')"
stop_gw TERM

# 23:00 UTC, at least 25 hours after the enrolment: due, but quiet hours.
quiet=$(( (enrolled + 25 * 3600) / 86400 * 86400 + 23 * 3600 ))
[ "$quiet" -ge $((enrolled + 25 * 3600)) ] || quiet=$((quiet + 86400))
check "at 23:00 the daemon runs the re-ask" restart_at "$quiet"
check "it waits for the end of the quiet hours" matching "event=consent.reask_run queued=0 quiet_hours=1" log_since "$start_mark"
check_eq "no re-ask inside quiet hours" 1 "$(count_out 15555550401 'Reply YES')"
stop_gw TERM

# 10:00 the next morning: the one re-ask.
check "at 10:00 the daemon runs the re-ask" restart_at $((quiet + 11 * 3600))
check "gus gets the welcome once more" wait_eq 10 2 count_out 15555550401 "Reply YES"
check_eq "hal, who answered, gets nothing more" 1 "$(outbox_lines | grep -c '^15555550402|.*Reply YES')"
check_eq "the re-ask is audited" 1 "$(sql "SELECT count(*) FROM audit WHERE action='client.reasked' AND subject='gus'")"
check "and logged without the number" matching "event=consent.reasked count=1 after_hours=24" log_since "$start_mark"
check_eq "gus is still pending" pending "$(sql "SELECT state FROM clients WHERE alias='gus'")"
stop_gw TERM

# Three days later, and a restart: never a third time.
check "three days later the daemon runs the re-ask" restart_at $((quiet + 83 * 3600))
check "nothing is due" matching "event=consent.reask_run queued=0 quiet_hours=0" log_since "$start_mark"
check_eq "no third welcome" 2 "$(count_out 15555550401 'Reply YES')"
check_eq "one re-ask in the audit" 1 "$(sql "SELECT count(*) FROM audit WHERE action='client.reasked'")"
drop_in 15555550401 "YES"
check "a YES after the re-ask still confirms" wait_eq 10 active sql "SELECT state FROM clients WHERE alias='gus'"
stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
