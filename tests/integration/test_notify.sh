# SPDX-License-Identifier: Apache-2.0
# Type=notify without systemd: the test owns the NOTIFY_SOCKET (a small
# python3 datagram server writing each message it gets as a line) and sets
# WATCHDOG_USEC as systemd would. The gateway says READY=1 after it is up,
# STATUS= with the /healthz summary, WATCHDOG=1 again and again while its
# loop, database and listener answer, none while its listener is full and
# cannot answer (so systemd would restart it), again once it answers, and
# STOPPING=1 when stopping.
. tests/integration/lib.sh
FLOOD_PID=""; SRV_PID=""
trap '[ -n "$FLOOD_PID" ] && kill "$FLOOD_PID" 2>/dev/null; [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; cleanup' EXIT

write_config
sed -i 's|^http = .*|http = { listen = "127.0.0.1"; port = 0; connections = 16; connections_per_address = 16; request_timeout_seconds = 3600; };|' \
    "$T/checkin.conf"
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2] + ".up", "w").close()
while True:
    m = s.recv(4096).decode()
    with open(sys.argv[2], "a") as f:
        f.write(m.replace("\n", "|") + "\n")
' "$T/notify.sock" "$T/notify.txt" &
SRV_PID=$!
wait_for 10 test -e "$T/notify.txt.up" || not_ok "the notify socket is up"
: >"$T/notify.txt"
# 0.6 s: the gateway tests itself every 0.2 s.
NOTIFY_SOCKET="$T/notify.sock" WATCHDOG_USEC=600000 start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts"
pings() { grep -c '^WATCHDOG=1$' "$T/notify.txt"; }
check "READY=1 is sent" wait_for 10 grep -q '^READY=1$' "$T/notify.txt"
# STATUS= is its own datagram right after READY=1: the listener may not
# have written it yet when READY=1 is seen.
check "with a STATUS= line from /healthz" wait_for 10 grep -q '^STATUS=ok$' "$T/notify.txt"
check "WATCHDOG=1 is sent while everything works" wait_for 10 sh -c "[ \$(grep -c '^WATCHDOG=1$' '$T/notify.txt') -ge 3 ]"
check "only after READY=1" sh -c "head -n 1 '$T/notify.txt' | grep -qx 'READY=1'"

# Sixteen idle connections fill the listener: it cannot answer its own probe.
python3 -c '
import socket, sys, time
c = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(16)]
open(sys.argv[2], "w").close()
time.sleep(600)
' "$PORT" "$T/flood.up" &
FLOOD_PID=$!
check "the listener is filled" wait_for 10 test -e "$T/flood.up"
# A probe already under way may still be answered: look from a second later.
sleep 1
before=$(pings)
sleep 2
check_eq "no WATCHDOG=1 while the listener cannot answer" "$before" "$(pings)"
check "the process itself still runs (systemd's watchdog, not a crash, ends it)" kill -0 "$GW_PID"
kill "$FLOOD_PID"; wait "$FLOOD_PID" 2>/dev/null; FLOOD_PID=""
check "WATCHDOG=1 again once the listener answers" \
    wait_for 10 sh -c "[ \$(grep -c '^WATCHDOG=1$' '$T/notify.txt') -gt $before ]"
stop_gw
check_eq "the daemon stops cleanly" 0 "$GW_RC"
check "STOPPING=1 is sent" grep -q '^STOPPING=1$' "$T/notify.txt"
finish
