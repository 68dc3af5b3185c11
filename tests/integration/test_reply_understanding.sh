# SPDX-License-Identifier: Apache-2.0
# Reply understanding through the real daemon: an off-scale answer gets the
# retry question once per check-in (score null + out_of_range in the
# parser), a range is stored as its middle, a mood word as its place on the
# scale, and the longest reply an SMS chain can carry (255 segments of 153
# characters) still escalates for a crisis phrase at its very end. The
# operator's vocabulary file (replies.vocabulary) is used by the daemon and
# by `checkinctl parse --config`, re-read on SIGHUP, and a bad one is
# refused with file:line while the running one stays.
. tests/integration/lib.sh

write_config
printf 'relapse: zumbo\n' >"$T/vocab.txt"
printf 'replies = { vocabulary = "%s"; };\n' "$T/vocab.txt" >>"$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts"
check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "the check-in goes out" wait_eq 10 1 count_out 15555550123 "How are you today"

inbound() { sql "SELECT count(*) FROM messages WHERE direction='in'"; }
# logged_since MARK PATTERN: the log has PATTERN after line MARK (log_mark).
logged_since() { log_since "$1" | grep -q -- "$2"; }

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
check "the client gets the 988 message" wait_eq 10 1 count_out 15555550123 "reach out. Call or text 988"

# The vocabulary: "zumbo" (a made-up local word: the learned model has met
# real slang such as "tusi" in its corpus) means relapse only because the
# file says so.
check_eq "checkinctl parse --config uses the configured vocabulary" \
    '{"intent":"other","score":null,"signals":["relapse"],"ack_id":null}' \
    "$(echo "zumbo again" | ctl parse --config "$T/checkin.conf")"
check_eq "so does the global -c FILE (checkinctl -c FILE parse)" \
    '{"intent":"other","score":null,"signals":["relapse"],"ack_id":null}' \
    "$(echo "zumbo again" | ctl parse)"
check_eq "without it the word means nothing" \
    '{"intent":"other","score":null,"signals":[],"ack_id":null}' \
    "$(echo "zumbo again" | "$CTL" parse)"
check "the daemon logged the vocabulary it loaded" grep -q "event=replies.vocabulary .*relapse=1" "$T/gw.log"
mark=$(log_mark)
drop_in 15555550123 "zumbo again"
check "the daemon reads a vocabulary phrase as relapse" \
    wait_for 10 logged_since "$mark" 'intent=other score=none signals=relapse'

printf 'relapse: zumbo\ncrisis go to sleep\n' >"$T/vocab.txt"
mark=$(log_mark)
kill -HUP "$GW_PID"
check "a bad vocabulary on SIGHUP is refused" \
    wait_for 10 logged_since "$mark" 'event=config.reload_refused'
check "with the file and line of the bad entry" \
    logged_since "$mark" 'vocab.txt:2: expected'
check_eq "checkinctl parse --vocabulary refuses it too (exit 3)" 3 \
    "$(echo x | "$CTL" parse --vocabulary "$T/vocab.txt" >/dev/null 2>&1; echo $?)"
mark=$(log_mark)
drop_in 15555550123 "zumbo again"
check "the running vocabulary stays" \
    wait_for 10 logged_since "$mark" 'intent=other score=none signals=relapse'

printf 'crisis: catch the bus\n' >"$T/vocab.txt"
mark=$(log_mark)
kill -HUP "$GW_PID"
check "a good vocabulary on SIGHUP is loaded" \
    wait_for 10 logged_since "$mark" 'event=replies.vocabulary .*crisis=1 relapse=0'
mark=$(log_mark)
drop_in 15555550123 "gonna catch the bus tonight"
check "its new crisis phrase escalates" \
    wait_for 10 logged_since "$mark" 'signals=crisis escalation=urgent'

stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
