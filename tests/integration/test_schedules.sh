# SPDX-License-Identifier: Apache-2.0
# Schedules with the real daemon, its clock moved by
# CHECKIN_GATEWAY_TIME_OFFSET: a scheduled check-in and a one-off go out on
# time, a paused client gets nothing, the one reminder goes only to whoever
# has not answered, an unanswered check-in is recorded as missed at the end
# of its window, a reload that changes a schedule re-plans its clients at
# once (an invalid one changes nothing), resume / update keep history, and
# quiet hours hold a one-off until they end.
. tests/integration/lib.sh

ANA=15555550181; BOB=15555550182; CY=15555550183

# The gateway's clock reads LEAD seconds before a whole UTC minute, target.
LEAD=8
now=$(date -u +%s)
target=$(( (now / 60 + 2) * 60 ))
OFFSET=$(( target - LEAD - now ))
export CHECKIN_GATEWAY_TIME_OFFSET=$OFFSET
hhmm() { date -u -d "@$1" +%H:%M; }

# schedule_conf DAILY_TIME OTHER_TIME [EXTRA]: the config, with the "daily"
# and "other" schedules (2-minute windows, a reminder after 1 minute).
schedule_conf() {
    write_config
    sed -i "s|^schedules = .*|schedules = (\\
  { name = \"daily\"; times = [ \"$1\" ]; window_minutes = 2; reminder_minutes = 1; },\\
  { name = \"other\"; times = [ \"$2\" ]; window_minutes = 2; reminder_minutes = 1; } );\\
${3:-}|" "$T/checkin.conf"
    sed -i 's|^  help = \(.*\)|  help = \1\
  reminder = "Reminder: how are you, {scale_min}-{scale_max}?";|' "$T/checkin.conf"
}

# restart_at SECONDS: stops the daemon and starts it again with its clock
# SECONDS further on (as if that much time had passed while it was down).
restart_at() {
    stop_gw TERM
    CHECKIN_GATEWAY_TIME_OFFSET=$(( OFFSET + $1 )); export CHECKIN_GATEWAY_TIME_OFFSET
    n=$(grep -c "event=gateway.ready" "$T/gw.log")
    "$GW" -c "$T/checkin.conf" 2>>"$T/gw.log" &
    GW_PID=$!
    wait_for 10 sh -c "[ \$(grep -c 'event=gateway.ready' '$T/gw.log') -gt $n ]"
}
due_of() { sql "SELECT coalesce(next_due_at,0) FROM clients WHERE alias='$1'"; }

schedule_conf "$(hhmm "$target")" "$(hhmm $((target + 6 * 3600)))"
check "the schedule config is valid" "$GW" --check-config "$T/checkin.conf"

# Before the daemon starts (checkinctl works on the database alone).
ctl enroll ana +$ANA --tz UTC --schedule daily >/dev/null
ctl enroll bob +$BOB --tz UTC --schedule daily >/dev/null
ctl enroll cy +$CY --tz UTC --schedule other >/dev/null
tomorrow=$(date -u -d "@$((target + 86400))" +%F)
check "pause bob until tomorrow" ctl pause bob --until "$tomorrow"
check_eq "bob is paused until tomorrow's midnight" \
    "paused|$(date -u -d "$tomorrow" +%s)|0" "$(sql "SELECT state||'|'||paused_until||'|'||coalesce(next_due_at,0) FROM clients WHERE alias='bob'")"
ctl pause bob --until 2000-01-01 >/dev/null 2>&1; rc=$?
check_eq "a pause that ends in the past is a usage error" 2 "$rc"
check "a one-off check-in for cy at the target minute" \
    ctl checkin-at cy "$(date -u -d "@$target" '+%F %H:%M')"
ctl checkin-at cy "2001-01-01 09:00" >/dev/null 2>&1; rc=$?
check_eq "a one-off in the past is a usage error" 2 "$rc"
ctl checkin-at cy "tomorrow" >/dev/null 2>&1; rc=$?
check_eq "a malformed time is a usage error" 2 "$rc"
check_eq "cy's regular check-in stays planned" "$((target + 6 * 3600))" \
    "$(sql "SELECT next_slot_at FROM clients WHERE alias='cy'")"

start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "ana's scheduled check-in goes out when due" wait_eq 20 1 count_out $ANA "How are you"
check "cy's one-off goes out when due" wait_eq 10 1 count_out $CY "How are you"
check_eq "bob, paused, gets nothing" 0 "$(count_out $BOB "How are you")"
check_eq "two check-ins are pending" 2 "$(sql "SELECT count(*) FROM checkins WHERE state='pending'")"
check_eq "cy's one-off is used up, the regular one is next" "0|$((target + 6 * 3600))" \
    "$(sql "SELECT coalesce(oneoff_at,0)||'|'||next_due_at FROM clients WHERE alias='cy'")"
check_eq "ana's next one is tomorrow" "$((target + 86400))" "$(due_of ana)"
drop_in $ANA "6"
check "ana answers" wait_eq 10 answered sql "SELECT c.state FROM checkins c JOIN clients k ON k.id = c.client_id WHERE k.alias='ana'"

# A minute later (the daemon was down meanwhile): the reminder is due.
restart_at 65 || not_ok "daemon restarts a minute later"
check "cy, who has not answered, gets one reminder" wait_eq 10 1 count_out $CY "Reminder"
check_eq "ana, who answered, gets none" 0 "$(count_out $ANA "Reminder")"
check_eq "the reminder is recorded" 1 "$(sql "SELECT count(*) FROM checkins WHERE reminded_at IS NOT NULL")"

# After the window: cy's check-in is missed, ana's stays answered.
restart_at 130 || not_ok "daemon restarts after the window"
check "cy's unanswered check-in is recorded as missed" \
    wait_eq 10 missed sql "SELECT c.state FROM checkins c JOIN clients k ON k.id = c.client_id WHERE k.alias='cy'"
check_eq "ana's stays answered" answered \
    "$(sql "SELECT c.state FROM checkins c JOIN clients k ON k.id = c.client_id WHERE k.alias='ana'")"
check "show counts cy's missed check-ins in a row" matching "^missed in a row: 1$" ctl show cy
check_eq "still one reminder only" 1 "$(count_out $CY "Reminder")"

# A reload that moves the daily schedule re-plans its clients at once.
new=$((target + 3 * 3600))
cp "$T/checkin.conf" "$T/before.conf"
schedule_conf "$(hhmm $new)" "$(hhmm $((target + 6 * 3600)))"
m=$(log_mark)
kill -HUP "$GW_PID"
check "the reload is applied" wait_for 5 matching "config.reloaded" log_since "$m"
check "ana's next check-in moves to the new time" wait_eq 10 "$new" due_of ana
check_eq "cy's schedule did not change, nor her next check-in" "$((target + 6 * 3600))" "$(due_of cy)"
check_eq "bob, paused, stays unplanned" 0 "$(due_of bob)"

# An invalid config is refused and changes nothing.
sed 's/window_minutes = 2; reminder_minutes = 1; },$/window_minutes = 2; reminder_minutes = 5; },/' \
    "$T/checkin.conf" >"$T/good.conf"
cp "$T/checkin.conf" "$T/valid.conf"
cp "$T/good.conf" "$T/checkin.conf"
m=$(log_mark)
kill -HUP "$GW_PID"
check "a reminder after the window is refused on reload" wait_for 5 matching "config.reload_refused" log_since "$m"
check "with file:line" matching "checkin.conf:[0-9]*: schedules\[0\].reminder_minutes" log_since "$m"
check_eq "ana's plan is unchanged" "$new" "$(due_of ana)"
cp "$T/valid.conf" "$T/checkin.conf"

# resume and update keep history.
check "resume bob" ctl resume bob
check_eq "bob is active with a next check-in" "active|$new" \
    "$(sql "SELECT state||'|'||next_due_at FROM clients WHERE alias='bob'")"
check "move ana to the other schedule" ctl update ana --schedule other
check_eq "ana's next check-in follows it" "other|$((target + 6 * 3600))" \
    "$(sql "SELECT schedule||'|'||next_due_at FROM clients WHERE alias='ana'")"
check_eq "her check-ins and moods are kept" "1|1" \
    "$(sql "SELECT (SELECT count(*) FROM checkins WHERE client_id=k.id)||'|'||(SELECT count(*) FROM moods WHERE client_id=k.id) FROM clients k WHERE alias='ana'")"
ctl update nobody --schedule other >/dev/null 2>&1; rc=$?
check_eq "update of an unknown client exits 4" 4 "$rc"
ctl update ana --schedule nope >/dev/null 2>&1; rc=$?
check_eq "update to an unknown schedule exits 2" 2 "$rc"

# Quiet hours around the gateway's now hold a one-off until they end.
gnow=$(( $(date -u +%s) + OFFSET + 130 ))
qstart=$(hhmm $((gnow - 3600))); qend=$(hhmm $((gnow + 3600)))
schedule_conf "$(hhmm $new)" "$(hhmm $((target + 6 * 3600)))" \
    "quiet_hours = { start = \"$qstart\"; end = \"$qend\"; };"
m=$(log_mark)
kill -HUP "$GW_PID"
check "quiet hours are applied by a reload" wait_for 5 matching "config.reloaded" log_since "$m"
before=$(count_out $ANA "How are you")
ctl checkin-now ana >"$T/out" 2>&1
check "checkin-now says it waits for the end of quiet hours" grep -q "inside quiet hours" "$T/out"
check "the gateway holds it" wait_for 10 matching "event=checkin.held client=ana" log_since "$m"
check_eq "nothing is sent inside quiet hours" "$before" "$(count_out $ANA "How are you")"
qend_at=$(( gnow + 3600 - (gnow + 3600) % 60 ))
check_eq "it is due when they end" "$qend_at" "$(due_of ana)"

stop_gw TERM
check_eq "SIGTERM stops with exit 0" 0 "$GW_RC"
finish
