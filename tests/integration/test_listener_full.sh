#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The listener under a flood, with systemd's default of 1,024 descriptors
# (prlimit --nofile=1024): the gateway lowers its connection limit to keep
# descriptors for sending and says so; a flood of idle connections from
# several addresses fills the listener, and an outbound send over HTTP
# (libcurl, to a local fake of Twilio's API) still goes out meanwhile; once
# the flood lets go, /healthz answers again at once.
. tests/integration/lib.sh
. tests/integration/twilio_lib.sh
FLOOD_PID=""
trap '[ -n "$FLOOD_PID" ] && kill "$FLOOD_PID" 2>/dev/null; stop_fake; cleanup' EXIT
mkdir -p "$T/flood"
twilio_start

# One address may not hold more connections than the listener.
sed 's|^http = .*|http = { listen = "127.0.0.1"; port = 0; connections = 100; connections_per_address = 200; };|' \
    "$T/checkin.conf" >"$T/bad.conf"
"$GW" --check-config "$T/bad.conf" >"$T/out" 2>&1
check "connections_per_address above connections is refused with file:line" \
    grep -q 'bad.conf:[0-9]*: http.connections_per_address = 200 is above http.connections = 100' "$T/out"

# The daemon under systemd's default descriptor limit.
printf '#!/bin/sh\nexec prlimit --nofile=1024 "%s" "$@"\n' "$GW" >"$T/gw-1024"
chmod +x "$T/gw-1024"
GW="$T/gw-1024"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts with 1,024 descriptors"
check "the connection limit is lowered to leave descriptors for sending, and logged" \
    grep -q 'event=http.connections_lowered wanted=1024 limit=768 nofile=1024 reserved=256' "$T/gw.log"

# 1,100 idle connections from four addresses (275 each: under the per-address
# limit of 512, over the listener's 768 together).
"$PY" tests/tools/tcp_flood.py "$PORT" 1100 4 "$T/flood" &
FLOOD_PID=$!
wait_for 30 test -s "$T/flood/flooding" || not_ok "the flood connects"
check_eq "the flood holds 1,100 connections" 1100 "$(cat "$T/flood/flooding")"
check "the listener is full" wait_for 10 grep -q 'event=http.full' "$T/gw.log"

sent_count() { [ -f "$T/fake/sent.jsonl" ] && wc -l <"$T/fake/sent.jsonl" || echo 0; }
check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "the check-in goes out over HTTP while the listener is full" wait_eq 10 1 sent_count
check_eq "the daemon never ran out of descriptors" 0 \
    "$(grep -c 'Too many open files\|resource limit\|Could not open socket\|Failed to open socket' "$T/gw.log")"

# Let go: the listener must take connections again at once.
touch "$T/flood/release"
wait_for 30 test -f "$T/flood/released" || not_ok "the flood lets go"
i=0
while [ $i -lt 3 ]; do
    i=$((i + 1))
    check_eq "after the flood, /healthz answers (try $i)" 200 \
        "$(curl -s -o /dev/null -m 10 -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")"
done

stop_gw
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
