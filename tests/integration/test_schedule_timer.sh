# SPDX-License-Identifier: Apache-2.0
# The scheduler's one timer: a check-in due a moment from now goes out on
# time without any kick, and the next one is stored for the day after.
. tests/integration/lib.sh

# The check-in is due at the next whole UTC minute but one; the gateway's
# clock starts a few seconds before it (start_gw_before), with two to spare
# for the enrolment.
now=$(date -u +%s)
target=$(( (now / 60 + 2) * 60 ))
hhmm=$(date -u -d "@$target" +%H:%M)
write_config "\"$hhmm\""
start_gw_before "$target" 2 || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll ana +15555550188 --tz UTC >/dev/null
check_eq "the next due time is stored" "$target" "$(sql "SELECT next_due_at FROM clients WHERE alias='ana'")"
check "the timer sends the check-in when due" wait_eq "$((GW_LEAD + 12))" 1 count_out 15555550188 "How are you"
check_eq "the next one is a day later" "$(( target + 86400 ))" "$(sql "SELECT next_due_at FROM clients WHERE alias='ana'")"
check_eq "the check-in is recorded with its window" "$(( target + 240 * 60 ))" "$(sql "SELECT window_end FROM checkins")"
stop_gw TERM
check_eq "SIGTERM stops with exit 0" 0 "$GW_RC"
finish
