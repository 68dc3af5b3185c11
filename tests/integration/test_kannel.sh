#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The kannel provider against Debian's real Kannel (bearerbox + smsbox) and
# its fake SMS centre client fakesmsc, all on 127.0.0.1: a check-in goes out
# through sendsms and arrives at fakesmsc; Kannel's delivery report marks
# it delivered; a reply typed at fakesmsc reaches the gateway through the
# sms-service get-url and becomes a mood. Kannel's config:
# tests/data/kannel/kannel.conf. Skipped (with the reason) only where the
# kannel and kannel-extras packages are not installed.
. tests/integration/lib.sh

BB=/usr/sbin/bearerbox SB=/usr/sbin/smsbox FAKE=/usr/lib/kannel/test/fakesmsc
if [ ! -x "$BB" ] || [ ! -x "$SB" ] || [ ! -x "$FAKE" ]; then
    echo "ok 1 # SKIP Kannel is not installed (Debian packages kannel and kannel-extras;" \
         "scripts/deps.sh installs them)"
    echo "1..1"
    exit 0
fi
KPIDS=""
kannel_cleanup() {
    for p in $KPIDS; do kill "$p" 2>/dev/null; done
    for p in $KPIDS; do wait "$p" 2>/dev/null; done
    if [ "$FAILS" -gt 0 ]; then
        for f in bearerbox.log smsbox.log fake1.log fake2.log; do
            [ -f "$T/$f" ] && { echo "--- $f (last 15 lines) ---"; tail -n 15 "$T/$f"; }
        done
    fi
    cleanup
}
trap kannel_cleanup EXIT

# Free loopback ports for Kannel's listeners.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
ADMIN_PORT=$(free_port) SMSBOX_PORT=$(free_port) FAKE_PORT=$(free_port) SENDSMS_PORT=$(free_port)
SECRET=kannel-test-$(date +%s)-secret

write_config
sed -i "s|^providers = .*|providers = ( { name = \"kannel\"; kind = \"kannel\";\
 sendsms_url = \"http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms\"; username = \"checkin\";\
 password = \"env:KANNEL_TEST_PASSWORD\"; from = \"+15555550100\"; secret = \"$SECRET\";\
 timeout_seconds = 5; } );|" "$T/checkin.conf"
export KANNEL_TEST_PASSWORD="send-$SECRET"
check "config with the kannel provider is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon started"; exit 1; }

sed -e "s|@ADMIN_PORT@|$ADMIN_PORT|g" -e "s|@SMSBOX_PORT@|$SMSBOX_PORT|g" \
    -e "s|@FAKE_PORT@|$FAKE_PORT|g" -e "s|@SENDSMS_PORT@|$SENDSMS_PORT|g" \
    -e "s|@GW_PORT@|$PORT|g" -e "s|@SECRET@|$SECRET|g" -e "s|@DIR@|$T|g" \
    tests/data/kannel/kannel.conf >"$T/kannel.conf"
"$BB" -v 1 "$T/kannel.conf" >/dev/null 2>&1 &
KPIDS="$KPIDS $!"
check "bearerbox is up" wait_for 15 grep -q "Start-up done" "$T/bearerbox.log"
"$SB" -v 1 "$T/kannel.conf" >/dev/null 2>&1 &
KPIDS="$KPIDS $!"
sendsms_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms")" != 000 ]; }
check "smsbox's sendsms port answers" wait_for 15 sendsms_up
# fakesmsc, phase 1: connected, sending nothing, printing what it is sent.
"$FAKE" -H 127.0.0.1 -r "$FAKE_PORT" -m 0 "x x text x" >"$T/fake1.log" 2>&1 &
FAKE1=$!
KPIDS="$KPIDS $FAKE1"
check "fakesmsc is connected" wait_for 15 grep -q "Fakesmsc client connected" "$T/bearerbox.log"

check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "the check-in reaches the phone (fakesmsc)" \
    wait_for 20 grep -q "Got message.*How%20are%20you\|Got message.*How are you" "$T/fake1.log"
check "sent by the kannel provider" wait_eq 20 1 \
    sql "SELECT count(*) FROM messages WHERE kind='checkin' AND provider='kannel' AND state IN ('sent','delivered')"
check "Kannel's delivery report marks it delivered" wait_eq 20 delivered \
    sql "SELECT state FROM messages WHERE kind='checkin' ORDER BY id DESC LIMIT 1"

# Phase 2: the client answers 7 (fakesmsc sends one message, then idles).
kill "$FAKE1" 2>/dev/null; wait "$FAKE1" 2>/dev/null
"$FAKE" -H 127.0.0.1 -r "$FAKE_PORT" -i 0.1 -m 1 "15555550123 15555550100 text 7 today" \
    >"$T/fake2.log" 2>&1 &
KPIDS="$KPIDS $!"
check "the reply reaches the gateway through the get-url" wait_eq 20 1 \
    sql "SELECT count(*) FROM messages WHERE direction='in' AND provider='kannel'"
check "the reply 7 becomes a mood score" wait_eq 10 7.0 sql "SELECT score FROM moods"
check_eq "the reply's id is Kannel's message id (a UUID)" 36 \
    "$(sql "SELECT length(provider_msg_id) FROM messages WHERE direction='in' AND provider='kannel'")"
check_eq "no reply SMS to the client from the get-url's answer" 0 \
    "$(grep -c 'Got message' "$T/fake2.log")"

check "sendsms refuses a wrong password (config test)" sh -c \
    "curl -s 'http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms?username=checkin&password=wrong&to=1&text=x' | grep -q 'Authorization failed'"

stop_gw
check_eq "daemon stopped cleanly" 0 "$GW_RC"
echo "1..$N"
finish
