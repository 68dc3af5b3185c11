# SPDX-License-Identifier: Apache-2.0
# The log as an operator reads it: under journald (JOURNAL_STREAM names the
# daemon's stderr) every line starts with its syslog priority, so
# `journalctl -p err` finds the errors; every line is key=value (a refused
# config's problems too); reply signals are named, not hex; and with
# daemon.log_format = "json" (applied on reload) every line is one JSON
# object with the same fields.
. tests/integration/lib.sh

write_config
: >>"$T/gw.log"
# What systemd sets: the device and inode of the stream stderr is.
JOURNAL_STREAM=$(stat -L -c '%d:%i' "$T/gw.log")
export JOURNAL_STREAM
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts"
ctl enroll alex +15555550123 --specialist jordan >/dev/null
m=$(log_mark)
drop_in 15555550123 "I want to kill myself"
check "a crisis reply is logged with its signal by name" \
    wait_for 10 matching 'event=inbound.committed .* signals=crisis' log_since "$m"
check "no signal is logged in hex" not_matching 'signals=0x' cat "$T/gw.log"
m=$(log_mark)
cp "$T/checkin.conf" "$T/good.conf"
printf 'daemon = { log_level = "loud"; };\n' >>"$T/checkin.conf"
kill -HUP "$GW_PID"
check "a broken config on reload is refused" wait_for 5 matching "config.reload_refused" log_since "$m"
check "its problem is logged as an error with priority 3" \
    matching '^<3>.* level=error event=config.invalid error="' log_since "$m"
check "an info line has priority 6" matching '^<6>.* level=info event=gateway.ready' cat "$T/gw.log"
check "a warning has priority 4" matching '^<4>.* level=warn event=escalation.created' cat "$T/gw.log"
# <prio>time level= event= then key=value pairs, each value a bare word or "quoted".
KV='^<[0-7]>[0-9T:.-]*Z level=[a-z]* event=[a-z_.]*( [a-z_0-9.]+=("[^"]*"|[^" ]*))*$'
check "every line is key=value" not_matching . sh -c "grep -Ev '$KV' '$T/gw.log'"
grep -Ev "$KV" "$T/gw.log" | head -n 5 | sed 's/^/# not key=value: /'

sed 's/log_level = "debug";/log_level = "debug"; log_format = "json";/' "$T/good.conf" >"$T/checkin.conf"
m=$(log_mark)
kill -HUP "$GW_PID"
check "a reload to JSON lines is applied" wait_for 5 matching '"event":"config.reloaded"' log_since "$m"
drop_in 15555550123 "7"
check "a reply is logged as JSON" wait_for 10 matching '"event":"inbound.committed"' log_since "$m"
log_since "$m" >"$T/json.log"
check "every JSON line has its priority, time, level and event" python3 -c '
import json, re, sys
n = 0
for line in open(sys.argv[1]):
    m = re.match(r"<([0-7])>(.*)$", line)
    o = json.loads(m.group(2))
    assert o["level"] in ("debug", "info", "warn", "error") and o["event"] and o["time"], line
    n += 1
    if o["event"] == "inbound.committed":
        assert o["score"] == "7" and o["provider"] == "spool", line
assert n > 1
' "$T/json.log"
stop_gw
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
