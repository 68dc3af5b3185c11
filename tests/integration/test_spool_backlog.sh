# SPDX-License-Identifier: Apache-2.0
# The spool provider's blind spot: "sent" means only that a file was
# written to outgoing/. /healthz and /metrics show how many files wait
# there and the age of the oldest, and /healthz turns degraded (still 200)
# when an urgent one waited longer than urgent_stuck_seconds (2 min) or any
# one longer than stuck_seconds (15 min). /metrics also has the oldest
# unacknowledged escalation, build_info and the last reload's result and
# time; the shipped Prometheus rules pass promtool (check and unit tests).
. tests/integration/lib.sh

write_config
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts"
metrics() { curl -s "http://127.0.0.1:$PORT/metrics"; }
# metric 'name{labels}': its value in a fresh scrape.
metric() { metrics | grep -v '^#' | grep -F "$1 " | sed 's/.* //'; }
hstatus() { healthz >/dev/null; python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$T/healthz.json"; }
# backdate MINUTES: every file in outgoing/ as if written that long ago.
backdate() { for f in "$T"/spool/outgoing/*; do touch -d "-$1 min" "$f"; done; }

check_eq "healthz is ok with nothing waiting" ok "$(hstatus)"
check_eq "no urgent file waits" 0 "$(metric 'checkin_provider_backlog_messages{provider="spool",priority="urgent"}')"
ctl enroll alex +15555550123 --specialist jordan >/dev/null
drop_in 15555550123 "I want to kill myself"
check "the 988 answer and the alert are written to outgoing/ as urgent files" \
    wait_for 10 sh -c "[ \$(ls '$T/spool/outgoing' | grep -c -- '-urgent\$') -ge 2 ]"
urgent=$(ls "$T/spool/outgoing" | grep -c -- '-urgent$')
check_eq "/metrics counts them" "$urgent" "$(metric 'checkin_provider_backlog_messages{provider="spool",priority="urgent"}')"
healthz >/dev/null
# (and the welcome text, an ordinary file)
check "/healthz shows the backlog" python3 -c "import json,sys; b=json.load(open(sys.argv[1]))[\"providers\"][0][\"backlog\"]; assert b[\"urgent_files\"] == $urgent and b[\"files\"] == $urgent + 1, b" "$T/healthz.json"
check_eq "a minute's wait is not yet a problem" ok "$(hstatus)"

backdate 3
check_eq "an urgent file waiting 3 minutes turns /healthz degraded" degraded "$(hstatus)"
check_eq "still 200: the gateway works, smsd does not take files" 200 "$(healthz)"
check "and says why" grep -q 'provider spool: outgoing: [0-9]* files waiting, the oldest urgent one 1[89][0-9] s (is smsd sending?)' "$T/healthz.json"
age=$(metric 'checkin_provider_backlog_oldest_seconds{provider="spool",priority="urgent"}')
check "/metrics has the oldest urgent file's age ($age s)" [ "${age%.*}" -ge 170 ]
check "the log says so once, as an error" wait_for 5 grep -q 'level=error event=spool.outgoing_stuck provider=spool' "$T/gw.log"

rm -f "$T"/spool/outgoing/gw-*
check_eq "once smsd takes them, ok again" ok "$(hstatus)"
check "and the log says so" grep -q 'event=spool.outgoing_moving provider=spool files=0' "$T/gw.log"

ctl checkin-now alex >/dev/null
check "an ordinary check-in waits in outgoing/" wait_eq 10 1 count_out 15555550123 "How are you"
backdate 10
check_eq "ten minutes is not yet a problem for an ordinary file" ok "$(hstatus)"
backdate 16
check_eq "sixteen minutes is" degraded "$(hstatus)"
check "/metrics says how long" [ "$(metric 'checkin_provider_backlog_oldest_seconds{provider="spool",priority="any"}' | cut -d. -f1)" -ge 900 ]
rm -f "$T"/spool/outgoing/gw-*

sql "UPDATE escalations SET created_at = created_at - 600 WHERE state = 'open'"
age=$(metric checkin_escalation_oldest_unacknowledged_seconds)
check "/metrics has the age of the oldest unacknowledged escalation ($age s)" [ "${age%.*}" -ge 600 ]
check "build_info names the version" \
    matching "^checkin_build_info{version=\"$("$GW" --version | cut -d' ' -f2)\"} 1\$" metrics
check_eq "the config loaded at start counts as a successful load" 1 "$(metric checkin_config_last_reload_successful)"
cp "$T/checkin.conf" "$T/good.conf"
echo 'schedules = ( oops' >>"$T/checkin.conf"
m=$(log_mark)
kill -HUP "$GW_PID"
check "a broken reload is refused" wait_for 5 matching config.reload_refused log_since "$m"
check_eq "and /metrics says the last reload failed" 0 "$(metric checkin_config_last_reload_successful)"
t=$(metric checkin_config_last_reload_timestamp_seconds)
check "with its time" [ $(( $(date +%s) - ${t%.*} )) -lt 600 ]
cp "$T/good.conf" "$T/checkin.conf"
m=$(log_mark)
kill -HUP "$GW_PID"
check "a good reload" wait_for 5 matching config.reloaded log_since "$m"
check_eq "sets it back to 1" 1 "$(metric checkin_config_last_reload_successful)"

if command -v promtool >/dev/null 2>&1; then
    check "promtool accepts the shipped rules" promtool check rules etc/prometheus/checkin-gateway.rules.yml
    check "and their unit tests pass" sh -c 'cd tests/data && promtool test rules checkin-gateway.rules.test.yml'
    metrics >"$T/metrics.txt"
    missing=""
    for name in $(grep -o 'checkin_[a-z_]*' etc/prometheus/checkin-gateway.rules.yml | sort -u); do
        grep -q "^$name[{ ]" "$T/metrics.txt" || missing="$missing $name"
    done
    check_eq "every metric the rules use is exported" "" "$missing"
else
    N=$((N + 1)); echo "ok $N # SKIP promtool not installed (Debian package prometheus)"
fi
stop_gw
check_eq "stops cleanly" 0 "$GW_RC"
finish
