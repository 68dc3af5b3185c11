#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The kannel provider's inbound route under smsbox's load: smsbox opens up
# to max-pending-requests (512) connections at once. 600 requests go in at
# once, two curl processes of 300 parallel connections each (curl's cap
# per process) on 127.0.0.1; every one must be
# answered 200 and recorded exactly once, and sending the same 600 again
# (smsbox retrying) must record nothing new. Also: the secret, bad input,
# a failed commit answered 503, and delivery reports on the status route.
. tests/integration/lib.sh

SECRET=burst-secret-0123456789
write_config
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\
 { name = \"kannel\"; kind = \"kannel\"; sendsms_url = \"http://127.0.0.1:9/cgi-bin/sendsms\";\
 username = \"u\"; password = \"p\"; secret = \"$SECRET\"; } );|" "$T/checkin.conf"
check "config with a kannel provider is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon started"; exit 1; }
BASE="http://127.0.0.1:$PORT/sms/kannel"

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

check_eq "no secret: 403" 403 "$(code "$BASE?id=x1&from=%2B15555550123&text=6")"
check_eq "wrong secret: 403" 403 "$(code "$BASE?secret=nope-nope-nope-nope&id=x1&from=%2B15555550123&text=6")"
check_eq "no message id: 400" 400 "$(code "$BASE?secret=$SECRET&from=%2B15555550123&text=6")"
check_eq "alphanumeric sender: 400" 400 "$(code "$BASE?secret=$SECRET&id=x2&from=Vodafone&text=6")"
check_eq "nothing stored by refused requests" 0 \
    "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND provider='kannel'")"

# 600 distinct messages in two lists of 300, sent at the same time.
i=0
: >"$T/urls.a"; : >"$T/urls.b"
while [ $i -lt 600 ]; do
    n=$(printf '%04d' $i)
    f="$T/urls.a"; [ $i -ge 300 ] && f="$T/urls.b"
    echo "url = \"$BASE?secret=$SECRET&id=burst-$n&from=%2B1555555$n&to=%2B15555550100&text=feeling%20$((i % 10 + 1))&coding=0&charset=UTF-8\"" >>"$f"
    echo 'output = "/dev/null"' >>"$f"
    i=$((i + 1))
done
burst() {
    pids=""
    for h in a b; do
        curl -s --parallel --parallel-immediate --parallel-max 300 --max-time 60 \
            -w '%{http_code}\n' -K "$T/urls.$h" >"$T/codes.$1.$h" 2>/dev/null &
        pids="$pids $!"
    done
    wait $pids
    cat "$T/codes.$1.a" "$T/codes.$1.b" | grep -c '^200$'
}
check_eq "600 concurrent requests all answered 200" 600 "$(burst 1)"
check_eq "600 messages recorded" 600 \
    "$(sql "SELECT count(DISTINCT provider_msg_id) FROM messages WHERE direction='in' AND provider='kannel'")"
check_eq "the same 600 again (smsbox retrying): all 200" 600 "$(burst 2)"
check_eq "still 600: each recorded exactly once" 600 \
    "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND provider='kannel'")"
check_eq "the text arrived whole" "feeling 6" \
    "$(sql "SELECT body FROM messages WHERE provider='kannel' AND provider_msg_id='burst-0005'")"

# post-url: the text is the body; UCS-2 without mo-recode (coding 2).
printf '\000h\000i\330\075\336\000' >"$T/ucs2"
check_eq "post-url with a UCS-2 body: 200" 200 "$(code -X POST -H 'Content-Type: text/plain' \
    --data-binary @"$T/ucs2" "$BASE?secret=$SECRET&id=post-1&from=15555550123&coding=2")"
check_eq "UCS-2 text stored as UTF-8" "hi😀" \
    "$(sql "SELECT body FROM messages WHERE provider='kannel' AND provider_msg_id='post-1'")"

# Delivery reports: an unknown message id is fine (200), a bad type is 400.
ST="http://127.0.0.1:$PORT/sms/kannel/status"
check_eq "report without secret: 403" 403 "$(code "$ST?msg=1-a-1&type=1")"
check_eq "report of an unknown message: 200" 200 "$(code "$ST?secret=$SECRET&msg=1-a-1&type=1&answer=x")"
check_eq "report with a bad type: 400" 400 "$(code "$ST?secret=$SECRET&msg=1-a-1&type=%25d")"
check_eq "buffered report: 200" 200 "$(code "$ST?secret=$SECRET&msg=1-a-1&type=4")"

# The store cannot commit (locked by another writer): 503, and the same
# message is recorded once the lock is gone.
check "the database is locked by another process" lock_db
check_eq "store locked: 503 (smsbox will retry)" 503 \
    "$(code --max-time 60 "$BASE?secret=$SECRET&id=locked-1&from=%2B15555550123&text=7")"
unlock_db
# The gateway notices the lock is gone at its next write probe (once a
# second): smsbox keeps retrying, and so does this.
check "after the lock: 200 (within a few retries)" \
    wait_eq 10 200 code "$BASE?secret=$SECRET&id=locked-1&from=%2B15555550123&text=7"
check_eq "recorded once" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE provider='kannel' AND provider_msg_id='locked-1'")"

stop_gw
check_eq "daemon stopped cleanly" 0 "$GW_RC"
echo "1..$N"
[ "$FAILS" -eq 0 ]
