# SPDX-License-Identifier: Apache-2.0
# The twilio provider end to end: the real daemon sends through a local fake
# of Twilio's API (tests/twilio_fake.py, 127.0.0.1), replies arrive as
# webhooks signed by Debian's python3-twilio, status callbacks are replayed
# from a captured sequence, Twilio's error answers map to retry / failed /
# opted out, and messages missed while the gateway was down or could not
# commit are recovered by the reconciliation at the next start.
. tests/integration/lib.sh
. tests/integration/twilio_lib.sh
fails() { ! "$@"; }
if ! "$PY" -c 'import twilio.request_validator' 2>/dev/null; then
    echo "# python3-twilio is not installed (scripts/deps.sh installs it)"
    not_ok "python3-twilio available"; finish; exit 1
fi
twilio_start
check "a config with a twilio provider is valid" "$GW" --check-config "$T/checkin.conf"

# Config errors name the file and line.
sed 's|account_sid = "AC|account_sid = "XX|' "$T/checkin.conf" >"$T/bad.conf"
check "a malformed account_sid is refused" fails "$GW" --check-config "$T/bad.conf" 2>/dev/null
"$GW" --check-config "$T/bad.conf" >"$T/out" 2>&1
check "with file:line and the reason" grep -q "bad.conf:[0-9]*: .*account_sid must be AC" "$T/out"
TWILIO_TEST_TOKEN="" "$GW" --check-config "$T/checkin.conf" >"$T/out" 2>&1
check "an unset auth_token variable is refused" grep -q "TWILIO_TEST_TOKEN is empty" "$T/out"

start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts with the twilio provider"
check "the start-up reconciliation lists inbound messages to our number" \
    wait_for 10 grep -q "To=%2B15005550006&DateSent%3E=" "$T/fake/list.log"
GWURL="http://127.0.0.1:$PORT"

# post PATH SIGNED_URL TOKEN k=v...: a webhook to the daemon; prints "status body".
post() { p=$1; shift; "$PY" tests/twilio_fake.py post "$GWURL$p" "$@"; }
sent_count() { [ -f "$T/fake/sent.jsonl" ] && wc -l <"$T/fake/sent.jsonl" || echo 0; }
sent_field() { sed -n "${1}p" "$T/fake/sent.jsonl" | "$PY" -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$2"; }

check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "the check-in reaches the fake Twilio" wait_eq 10 1 sent_count
check_eq "sent to the client" "+15555550123" "$(sent_field 1 to)"
check_eq "from our number" "+15005550006" "$(sent_field 1 from)"
check "with the check-in question" matching "How are you today" sent_field 1 body
check_eq "asking for status callbacks at the public URL" "$PUB/status" "$(sent_field 1 status_callback)"
SID=$(sent_field 1 sid)
check "the message is recorded as sent with Twilio's sid" \
    wait_eq 5 "sent|$SID" sql "SELECT state||'|'||provider_msg_id FROM messages WHERE kind='checkin'"

# Status callbacks: the captured sequence, replayed in order.
grep -v '^#' tests/data/twilio/status_callbacks.txt | sed "s/{SID}/$SID/g; s/{AC}/$AC/g" >"$T/status.txt"
i=0
while read -r line; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    st=$(post /sms/twilio/status "$PUB/status" "$TOKEN" $line | cut -d' ' -f1)
    check_eq "status callback $i is accepted" 200 "$st"
done <"$T/status.txt"
check_eq "the message ends delivered (a late 'sent' does not move it back)" delivered \
    "$(sql "SELECT state FROM messages WHERE provider_msg_id='$SID'")"
check_eq "a status callback without a valid signature is refused" 403 \
    "$(post /sms/twilio/status "$PUB/status" wrong-token MessageSid="$SID" MessageStatus=failed | cut -d' ' -f1)"
check_eq "and changes nothing" delivered "$(sql "SELECT state FROM messages WHERE provider_msg_id='$SID'")"

# Inbound: a signed reply becomes a mood; the answer is empty TwiML.
IN="MessageSid=SMin0001 SmsSid=SMin0001 AccountSid=$AC From=+15555550123 To=+15005550006 NumMedia=0"
# shellcheck disable=SC2086
out=$(post /sms/twilio "$PUB" "$TOKEN" $IN "Body=7 today")
check_eq "a signed reply is answered 200" 200 "${out%% *}"
check "with empty TwiML" matching "<Response></Response>" echo "$out"
check_eq "the reply 7 is recorded as a mood" 7.0 "$(sql "SELECT score FROM moods")"
check_eq "with Twilio's MessageSid as its id" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND provider='twilio' AND provider_msg_id='SMin0001'")"
# shellcheck disable=SC2086
out=$(post /sms/twilio "$PUB" "$TOKEN" $IN "Body=7 today")
check_eq "the same webhook again is acknowledged" 200 "${out%% *}"
check_eq "and recorded once" 1 "$(sql "SELECT count(*) FROM moods")"

# A JSON webhook: signed over the URL with bodySHA256=<hash of the body>.
JIN='{"MessageSid":"SMjson01","AccountSid":"'$AC'","From":"+15555550123","To":"+15005550006","Body":"6 json"}'
out=$("$PY" tests/twilio_fake.py post-json "$GWURL/sms/twilio" "$PUB" "$TOKEN" "$JIN")
check_eq "a JSON reply signed with bodySHA256 is answered 200" 200 "${out%% *}"
check_eq "and recorded" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND provider_msg_id='SMjson01'")"
JBAD='{"MessageSid":"SMjsonbad","AccountSid":"'$AC'","From":"+15555550123","Body":"6"}'
out=$("$PY" tests/twilio_fake.py post-json "$GWURL/sms/twilio" "$PUB" "$TOKEN" "$JBAD" \
    "$(echo "$JBAD" | sed 's/"6"/"1"/')")
check_eq "a JSON body changed after signing is refused 403" 403 "${out%% *}"
check_eq "and not recorded" 0 \
    "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id='SMjsonbad'")"
JST='{"MessageSid":"'$SID'","MessageStatus":"delivered","ErrorCode":null}'
out=$("$PY" tests/twilio_fake.py post-json "$GWURL/sms/twilio/status" "$PUB/status" "$TOKEN" "$JST")
check_eq "a JSON status callback is accepted" 200 "${out%% *}"

# shellcheck disable=SC2086
check_eq "a reply signed with another token is refused 403" 403 \
    "$(post /sms/twilio "$PUB" other-token $IN MessageSid=SMbad1 "Body=secret words" | cut -d' ' -f1)"
# shellcheck disable=SC2086
check_eq "a reply without a signature is refused 403" 403 \
    "$(post /sms/twilio "$PUB" - $IN MessageSid=SMbad2 "Body=secret words" | cut -d' ' -f1)"
# shellcheck disable=SC2086
check_eq "a signature over the URL the daemon sees (not the public one) is refused" 403 \
    "$(post /sms/twilio "$GWURL/sms/twilio" "$TOKEN" $IN MessageSid=SMbad3 "Body=secret words" | cut -d' ' -f1)"
check_eq "nothing refused was recorded" 0 \
    "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id LIKE 'SMbad%'")"
check "refusals are logged" matching "event=http.forbidden provider=twilio .*reason=\"X-Twilio-Signature mismatch, inbound route, signed URL $PUB\"" cat "$T/gw.log"
check "a missing signature is logged as such" matching "event=http.forbidden .*reason=\"X-Twilio-Signature missing" cat "$T/gw.log"
check "without the message body" not_matching "secret words" cat "$T/gw.log"
check_eq "every refusal is counted in /metrics" "$(grep -c 'event=http.forbidden ' "$T/gw.log")" \
    "$(curl -s "$GWURL/metrics" | sed -n 's/^checkin_http_forbidden_total //p')"

# Twilio's error answers. Each HELP from the client queues one answer.
help() { post /sms/twilio "$PUB" "$TOKEN" MessageSid="SMhelp$1" AccountSid="$AC" From=+15555550123 To=+15005550006 Body=HELP >/dev/null; }
last_help() { sql "SELECT state||'|'||attempts||'|'||coalesce(last_error,'') FROM messages WHERE kind='help' ORDER BY id DESC LIMIT 1"; }
help_state() { last_help | cut -d'|' -f1; }

curl -s -d "429 500" "$FAKE/_fake/script" >/dev/null
help 1
check "a 429 then a 500 are retried, then sent" wait_eq 15 sent help_state
check "after three attempts" matching "^sent|3|" last_help
check "the 429 was logged as temporary" matching "event=outbox.retry.*HTTP 429" cat "$T/gw.log"

curl -s -d "21211" "$FAKE/_fake/script" >/dev/null
help 2
check "error 21211 (invalid number) fails the message for good" wait_eq 10 failed help_state
check "with the code in last_error" matching "failed|1|.*21211" last_help
check_eq "the client stays active" active "$(sql "SELECT state FROM clients WHERE alias='alex'")"

curl -s -d "21610" "$FAKE/_fake/script" >/dev/null
help 3
check "error 21610 (unsubscribed) fails the message" wait_eq 10 failed help_state
check "and marks the client opted out" wait_eq 5 opted_out sql "SELECT state FROM clients WHERE alias='alex'"
sent_before=$(sent_count)
sql "UPDATE clients SET state='active' WHERE alias='alex'"

# The store cannot commit: Twilio hears 503 (it will not retry).
sql "CREATE TRIGGER test_no_inbound BEFORE INSERT ON messages WHEN NEW.direction='in' BEGIN SELECT RAISE(ABORT, 'test: store refuses'); END;"
# shellcheck disable=SC2086
check_eq "a reply that cannot be committed is answered 503" 503 \
    "$(post /sms/twilio "$PUB" "$TOKEN" MessageSid=SMlost1 AccountSid=$AC From=+15555550123 To=+15005550006 "Body=5" | cut -d' ' -f1)"
sql "DROP TRIGGER test_no_inbound"

stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"

# While it was down (and the 503 above), Twilio kept the messages: the fake
# lists them. The one already recorded (SMin0001) is listed too.
now=$(date -u '+%a, %d %b %Y %H:%M:%S +0000')
curl -s -d "sid=SMin0001&from=%2B15555550123&to=%2B15005550006&body=7+today&date_sent=$now" "$FAKE/_fake/inbound" >/dev/null
curl -s -d "sid=SMlost1&from=%2B15555550123&to=%2B15005550006&body=5&date_sent=$now" "$FAKE/_fake/inbound" >/dev/null
curl -s -d "sid=SMdown1&from=%2B15555550123&to=%2B15005550006&body=4&date_sent=$now" "$FAKE/_fake/inbound" >/dev/null
curl -s -d "sid=SMother1&from=%2B15555550123&to=%2B15009999999&body=1&date_sent=$now" "$FAKE/_fake/inbound" >/dev/null
# start_gw reads the port from the newest "ready" line: start a fresh log.
mv "$T/gw.log" "$T/gw1.log"
start_gw || { not_ok "daemon restarts"; finish; exit 1; }
check "the restart reconciles" wait_for 10 grep -q "event=twilio.reconciled" "$T/gw.log"
check_eq "the reply refused with 503 is recovered" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id='SMlost1'")"
check_eq "the reply sent while the gateway was down is recovered" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id='SMdown1'")"
check_eq "both became moods, the one seen before counted once (6: the JSON reply)" "4.0,5.0,6.0,7.0" \
    "$(sql "SELECT group_concat(score) FROM (SELECT score FROM moods ORDER BY score)")"
check_eq "a message to another number is not taken" 0 \
    "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id='SMother1'")"
check_eq "healthz is 200 with twilio up" 200 "$(healthz)"
check "healthz names the twilio provider" grep -q '"kind":"twilio"' "$T/healthz.json"
check_eq "no message was sent twice" "$sent_before" "$(sent_count)"

stop_gw TERM
check_eq "the daemon stops cleanly again" 0 "$GW_RC"
check "info-level log lines mask phone numbers" not_matching "15555550123" grep -hv "level=debug" "$T/gw1.log" "$T/gw.log"
check "the auth token is never logged" not_matching "$TOKEN" cat "$T/gw1.log" "$T/gw.log"
finish
