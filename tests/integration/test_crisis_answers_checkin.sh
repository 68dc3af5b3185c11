# SPDX-License-Identifier: Apache-2.0
# A check-in answered by a crisis message ("i want to kill myself", no
# number) is answered, not missed: the person replied. It used to stay
# pending and end missed, and the report counted it so.
. tests/integration/lib.sh

write_config
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll rae +15555550177 --specialist sam >/dev/null
ctl checkin-now rae >/dev/null
check "the check-in goes out" wait_eq 10 1 count_out 15555550177 "How are you"
drop_in 15555550177 "i want to kill myself" crisis-1
check "the crisis escalates" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
check_eq "the check-in is answered" answered "$(sql "SELECT state FROM checkins")"
check "the report is written" ctl report -o "$T/report.html" --client rae
check "it counts the check-in answered" grep -q 'id="n-answered">1<' "$T/report.html"
check "and none missed" grep -q 'id="n-missed">0<' "$T/report.html"
# A number after it, within the window, is still recorded as a mood.
drop_in 15555550177 "3" mood-1
check "a number after it is still a mood" wait_eq 10 1 sql "SELECT count(*) FROM moods"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
