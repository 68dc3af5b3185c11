# Reply understanding through the real daemon: an off-scale answer gets the
# retry question once per check-in (score null + out_of_range in the
# parser), a range is stored as its middle, a mood word as its place on the
# scale, and the longest reply an SMS chain can carry (255 segments of 153
# characters) still escalates for a crisis phrase at its very end.
. tests/integration/lib.sh

write_config
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts"
check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "the check-in goes out" wait_eq 10 1 count_out 15555550123 "How are you today"

inbound() { sql "SELECT count(*) FROM messages WHERE direction='in'"; }

drop_in 15555550123 "11"
check "an off-scale 11 is recorded" wait_eq 10 1 inbound
check "and answered with the retry question" wait_eq 10 1 count_out 15555550123 "Sorry, please reply"
check_eq "no mood is stored for 11" 0 "$(sql "SELECT count(*) FROM moods")"
drop_in 15555550123 "12 out of 10"
check "a second off-scale answer is recorded" wait_eq 10 2 inbound
sleep 0.5
check_eq "but the retry question is asked only once" 1 "$(count_out 15555550123 "Sorry, please reply")"
check_eq "still no mood" 0 "$(sql "SELECT count(*) FROM moods")"

drop_in 15555550123 "between 4 and 5"
check "a range is stored as its middle" wait_eq 10 4.5 sql "SELECT score FROM moods ORDER BY id DESC LIMIT 1"
drop_in 15555550123 "pretty good"
check "a mood word is stored as its place on the scale" \
    wait_eq 10 7.0 sql "SELECT score FROM moods ORDER BY id DESC LIMIT 1"
check_eq "none of these escalated" 0 "$(sql "SELECT count(*) FROM escalations")"

# 255 x 153 = 39015 characters of ordinary text, the phrase last.
long=$(awk 'BEGIN { s = ""; while (length(s) < 39015 - 21) s = s "work was long today. "; print substr(s, 1, 39015 - 21) }')
drop_in 15555550123 "${long}I want to kill myself"
check "a 39015-character reply is recorded whole" \
    wait_eq 10 39015 sql "SELECT max(length(body)) FROM messages WHERE direction='in'"
check "its crisis phrase at the very end escalates" \
    wait_eq 10 urgent sql "SELECT severity FROM escalations ORDER BY id DESC LIMIT 1"
check "the client gets the 988 message" wait_eq 10 1 count_out 15555550123 988

stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
