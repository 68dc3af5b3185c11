# SPDX-License-Identifier: Apache-2.0
# Caring contacts (kind = "caring") through the real daemon with the spool
# provider: a year played through by jumping the clock from one planned
# contact to the next (a restart each time, so a restart sending nothing
# twice is checked too): the days after enrolment, the birthday (29
# February, sent on the 28th in 2027), times inside the window and outside
# quiet hours, the texts rotated and signed with the peer's name, a reply
# read as a mood, nothing after STOP, no check-in, reminder or missed count.
. tests/integration/lib.sh

ZONE=America/New_York
write_config
# The caring schedule first: clients enrolled without --schedule get it.
sed -i 's|^schedules = ( |schedules = ( { name = "caring"; kind = "caring"; window = [ "10:00", "18:00" ]; texts = ( { en = "{peer} here, thinking of you. No need to reply."; es = "Soy {peer}, pensando en ti."; }, { en = "Hi from {peer} at {program}. Hope today is kind to you."; }, { en = "{peer} again: glad you are with us." ; } ); },\n  |' "$T/checkin.conf"
echo 'quiet_hours = { start = "10:00"; end = "14:00"; };' >>"$T/checkin.conf"
"$GW" --check-config "$T/checkin.conf" >/dev/null 2>&1
check_eq "the caring config is valid" 0 $?

# Enrolment on 2027-01-10 at 09:00 New York (14:00 UTC).
enrolled=$(date -u -d "2027-01-10 14:00" +%s)
export CHECKIN_GATEWAY_TIME_OFFSET=$(( enrolled - $(date +%s) ))
out=$(ctl enroll ana +15555550188 --tz $ZONE --birthday 02-30 2>&1)
check_eq "a bad birthday is refused (exit 2)" 2 $?
check "... saying why" matching "birthday \"02-30\" is not a valid MM-DD date" echo "$out"
ctl enroll ana +15555550188 --tz $ZONE --birthday 02-29 >/dev/null
check_eq "ana is enrolled with her birthday" "02-29" "$(sql "SELECT birthday FROM clients WHERE alias='ana'")"
ctl enroll bob +15555550189 --tz $ZONE >/dev/null
check "show prints the birthday" matching "^birthday: 02-29" ctl show ana
ctl update bob --birthday 13-01 >/dev/null 2>&1
check_eq "update refuses a bad birthday (exit 2)" 2 $?
ANA=$(sql "SELECT id FROM clients WHERE alias='ana'")
BOB=$(sql "SELECT id FROM clients WHERE alias='bob'")

# Jump to each planned contact (one second after it), let the daemon send
# everything due, stop it; until nothing is planned within the year.
end=$(( enrolled + 400 * 86400 ))
due_left() { sql "SELECT count(*) FROM clients WHERE state='active' AND next_due_at > 0 AND next_due_at <= $1"; }
steps=0; replied=0; stopped=0
while :; do
    next=$(sql "SELECT coalesce(min(next_due_at),0) FROM clients WHERE state='active' AND next_due_at > 0")
    [ "$next" -gt 0 ] && [ "$next" -le "$end" ] || break
    steps=$((steps + 1)); [ "$steps" -le 30 ] || { not_ok "the plan ends"; break; }
    export CHECKIN_GATEWAY_TIME_OFFSET=$(( next + 1 - $(date +%s) ))
    start_gw || { not_ok "daemon starts"; break; }
    wait_eq 10 0 due_left "$next" || not_ok "the contacts due at $next are sent"
    if [ "$replied" = 0 ]; then
        # The first contact: ana answers it with a number.
        drop_in +15555550188 "7, thanks"
        check "a reply to a caring contact is recorded as a mood" wait_eq 10 1 sql "SELECT count(*) FROM moods WHERE client_id=$ANA AND score=7"
        replied=1
    elif [ "$stopped" = 0 ] && [ "$(sql "SELECT count(*) FROM caring_sent WHERE client_id=$BOB")" -ge 3 ]; then
        drop_in +15555550189 "STOP"
        check "bob's STOP is obeyed" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE id=$BOB"
        stopped=1
    fi
    wait_eq 10 0 sql "SELECT count(*) FROM messages WHERE direction='out' AND state IN ('queued','sending') AND kind <> 'stop'" >/dev/null
    stop_gw TERM
done

keys=$(sql "SELECT group_concat(key, ' ') FROM (SELECT key FROM caring_sent WHERE client_id=$ANA ORDER BY due_at)")
check_eq "ana's year: the days after enrolment and the birthday, in order" \
    "day-1 day-7 day-14 day-30 birthday-2027 day-60 day-90 day-120 day-180 day-240 day-300 day-365" "$keys"
check_eq "each sent once, across $steps restarts" 12 "$(sql "SELECT count(*) FROM messages WHERE kind='caring' AND client_id=$ANA")"
bday=$(sql "SELECT due_at FROM caring_sent WHERE client_id=$ANA AND key='birthday-2027'")
check_eq "29 February is sent on 28 February in 2027" "2027-02-28" "$(TZ=$ZONE date -d "@$bday" +%F)"
bad=""
for t in $(sql "SELECT due_at FROM caring_sent"); do
    hm=$(TZ=$ZONE date -d "@$t" +%H%M)
    { [ "$hm" -ge 1400 ] && [ "$hm" -lt 1800 ]; } || bad="$bad $hm"
done
check_eq "every contact inside the window and after the quiet hours (14:00-18:00 New York)" "" "$bad"
check "the times vary" test "$(sql "SELECT count(DISTINCT (due_at - 0) % 86400) FROM caring_sent")" -gt 5
check_eq "the texts rotate: three texts, never the same twice running" 0 \
    "$(sql "SELECT count(*) FROM messages a JOIN messages b ON b.client_id = a.client_id AND b.id = (SELECT min(id) FROM messages c WHERE c.client_id = a.client_id AND c.kind='caring' AND c.id > a.id) WHERE a.kind='caring' AND a.body = b.body")"
check_eq "three different texts" 3 "$(sql "SELECT count(DISTINCT body) FROM messages WHERE kind='caring' AND client_id=$ANA")"
check_eq "signed with the specialist's name" 12 "$(sql "SELECT count(*) FROM messages WHERE kind='caring' AND client_id=$ANA AND body LIKE '%Jordan%'")"
stop_at=$(sql "SELECT opted_out_at FROM clients WHERE id=$BOB")
check_eq "nothing to bob after his STOP" 0 "$(sql "SELECT count(*) FROM messages WHERE direction='out' AND client_id=$BOB AND kind='caring' AND created_at > $stop_at")"
check "bob got caring contacts before it" test "$(sql "SELECT count(*) FROM caring_sent WHERE client_id=$BOB")" -ge 3
check_eq "no check-in was recorded (nothing to miss, nothing to remind)" 0 "$(sql "SELECT count(*) FROM checkins")"
check_eq "no reminder" 0 "$(sql "SELECT count(*) FROM messages WHERE kind='reminder'")"
check_eq "the plan is over after the year" 0 "$(sql "SELECT coalesce(next_due_at,0) FROM clients WHERE id=$ANA")"
check "the welcome says how often: now and then" matching "short check-in now and then\." sql "SELECT body FROM messages WHERE kind='welcome' AND client_id=$ANA"
check "show counts the caring contacts" matching "^caring contacts sent: 12" ctl show ana
finish
