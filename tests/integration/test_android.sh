# SPDX-License-Identifier: Apache-2.0
# The android provider end to end: the real daemon sends through a local
# fake of SMS Gateway for Android's local-server API (tests/android_fake.py
# on 127.0.0.1), registers its webhooks there, and takes signed webhooks
# (sms:received, sms:sent, sms:delivered, sms:failed) as the app posts them.
. tests/integration/lib.sh

PY=/usr/bin/python3
KEY=signing-key-0123456789
FAKE_PID=""
stop_fake() { [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; }
trap 'stop_fake; cleanup' EXIT

mkdir -p "$T/fake"
"$PY" tests/android_fake.py serve "$T/fake" sms phonepass 2>"$T/fake.log" &
FAKE_PID=$!
wait_for 10 test -s "$T/fake/port" || { not_ok "the fake app starts"; finish; exit 1; }
FAKE="http://127.0.0.1:$(cat "$T/fake/port")"

write_config
export PHONE_PASSWORD=phonepass PHONE_KEY=$KEY
sed -i "s|^providers = .*|providers = ( { name = \"phone\"; kind = \"android\"; base_url = \"$FAKE\"; username = \"sms\"; password = \"env:PHONE_PASSWORD\"; signing_key = \"env:PHONE_KEY\"; webhook_url = \"http://127.0.0.1:8780/sms/phone\"; } );\noutbox = { retry_base_seconds = 1; retry_max_seconds = 2; };|" "$T/checkin.conf"
# This test follows each request to the fake API: no welcome on enrolment.
printf 'consent = { send_welcome = false; };\n' >>"$T/checkin.conf"
check "a config with an android provider is valid" "$GW" --check-config "$T/checkin.conf"
sed 's|username = "sms";|username = "a:b";|' "$T/checkin.conf" >"$T/bad.conf"
"$GW" --check-config "$T/bad.conf" >"$T/out" 2>&1
check "a bad username is refused with file:line" grep -q "bad.conf:[0-9]*: .*username must not contain" "$T/out"

start_gw || { not_ok "daemon starts"; finish; exit 1; }
ok "daemon starts with the android provider"
GWURL="http://127.0.0.1:$PORT"
hooks() { [ -f "$T/fake/hooks.jsonl" ] && wc -l <"$T/fake/hooks.jsonl" || echo 0; }
check "it registers its four webhooks with the app" wait_eq 10 4 hooks
check "sms:received among them, to the configured URL" \
    grep -q '"url": "http://127.0.0.1:8780/sms/phone", "event": "sms:received"' "$T/fake/hooks.jsonl"

sent_count() { [ -f "$T/fake/sent.jsonl" ] && wc -l <"$T/fake/sent.jsonl" || echo 0; }
sent_field() { sed -n "${1}p" "$T/fake/sent.jsonl" | "$PY" -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$2"; }
post() { "$PY" tests/android_fake.py post "$GWURL/sms/phone" "$@"; }

check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "the check-in reaches the phone's API" wait_eq 10 1 sent_count
check_eq "to the client" "+15555550123" "$(sent_field 1 to)"
check "with the question" matching "How are you today" sent_field 1 text
check_eq "asking for delivery reports" True "$(sent_field 1 report)"
MID=$(sent_field 1 id)
check "recorded as sent with the app's id" \
    wait_eq 5 "sent|$MID" sql "SELECT state||'|'||provider_msg_id FROM messages WHERE kind='checkin'"

ev() { printf '{"deviceId":"ffffffffceb0b1db0000018e937c815b","event":"%s","id":"%s","payload":%s,"webhookId":"w1"}' "$1" "$2" "$3"; }
check_eq "sms:delivered is accepted" 200 \
    "$(post "$KEY" "$(ev sms:delivered e1 "{\"messageId\":\"$MID\",\"phoneNumber\":\"+15555550123\",\"simNumber\":1,\"deliveredAt\":\"2024-06-22T15:46:11.000+07:00\"}")")"
check_eq "and marks the check-in delivered" delivered "$(sql "SELECT state FROM messages WHERE provider_msg_id='$MID'")"

RECV=$(ev sms:received ev-r1 '{"messageId":"abc123","message":"6, ok today","sender":"+15555550123","recipient":"+15550000000","simNumber":1,"receivedAt":"2024-06-22T15:46:11.000+07:00"}')
check_eq "a signed sms:received is answered 200" 200 "$(post "$KEY" "$RECV")"
check_eq "the reply 6 is recorded as a mood" 6.0 "$(sql "SELECT score FROM moods")"
check_eq "keyed on the event id" 1 "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND provider_msg_id='ev-r1'")"
check_eq "the app's retry of it is acknowledged" 200 "$(post "$KEY" "$RECV")"
check_eq "and recorded once" 1 "$(sql "SELECT count(*) FROM moods")"
OLD=$(ev sms:received ev-r2 '{"messageId":"abc123","message":"2","phoneNumber":"+15555550123","simNumber":null,"receivedAt":"2024-06-22T15:47:00.000+07:00"}')
check_eq "an older app's payload (phoneNumber) with the same messageId is a new message" 200 "$(post "$KEY" "$OLD")"
check_eq "both recorded" 2 "$(sql "SELECT count(*) FROM moods")"

BAD=$(ev sms:received ev-bad1 '{"message":"1 secret words","sender":"+15555550123"}')
check_eq "a webhook signed with another key is refused 403" 403 "$(post other-key "$BAD")"
check_eq "an unsigned webhook is refused 403" 403 "$(post - "$BAD")"
check_eq "a stale timestamp is refused 403" 403 "$(post "$KEY" "$BAD" "$(( $(date +%s) - 3600 ))")"
check_eq "nothing refused was recorded" 0 "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id='ev-bad1'")"
check "refusals are logged with a reason" matching "event=http.forbidden provider=phone path=/sms/phone reason=\"stale timestamp\"" cat "$T/gw.log"
check "without the message" not_matching "secret words" grep -v "level=debug" "$T/gw.log"
check_eq "a signed event that is not JSON is refused 400" 400 "$(post "$KEY" "not json")"
check_eq "an event the gateway does not use is acknowledged" 200 "$(post "$KEY" '{"event":"system:ping","id":"p1","payload":{}}')"

# Errors from the app: a 500 is retried, a 400 fails the message.
help() { post "$KEY" "$(ev sms:received "help$1" '{"messageId":"x","message":"HELP","sender":"+15555550123"}')" >/dev/null; }
last_help() { sql "SELECT state||'|'||attempts||'|'||coalesce(provider_msg_id,'') FROM messages WHERE kind='help' ORDER BY id DESC LIMIT 1"; }
help_state() { last_help | cut -d'|' -f1; }
curl -s -d "500" "$FAKE/_fake/script" >/dev/null
help 1
check "a 500 from the phone is retried, then sent" wait_eq 15 sent help_state
check "after two attempts" matching "^sent|2|" last_help
HID=$(last_help | cut -d'|' -f3)
check_eq "sms:failed marks it failed" 200 \
    "$(post "$KEY" "$(ev sms:failed e9 "{\"messageId\":\"$HID\",\"phoneNumber\":\"+15555550123\",\"failedAt\":\"2024-06-22T15:46:11Z\",\"reason\":\"RESULT_ERROR_GENERIC_FAILURE\"}")")"
check_eq "with the app's reason" "failed|android: failed: RESULT_ERROR_GENERIC_FAILURE" \
    "$(sql "SELECT state||'|'||last_error FROM messages WHERE provider_msg_id='$HID'")"
curl -s -d "400" "$FAKE/_fake/script" >/dev/null
help 2
check "a 400 from the phone fails the message" wait_eq 10 failed help_state

# The store cannot commit: the app hears 503 and will retry.
sql "CREATE TRIGGER test_no_inbound BEFORE INSERT ON messages WHEN NEW.direction='in' BEGIN SELECT RAISE(ABORT, 'test: store refuses'); END;"
LATE=$(ev sms:received ev-r3 '{"messageId":"m3","message":"3","sender":"+15555550123"}')
check_eq "a reply that cannot be committed is answered 503" 503 "$(post "$KEY" "$LATE")"
sql "DROP TRIGGER test_no_inbound"
# The gateway refuses at once until its store probe sees the database
# writable again; the app retries (10 s, 20 s, ...): here once a second.
retry_post() { i=0; while [ $i -lt 30 ]; do c=$(post "$KEY" "$LATE"); [ "$c" = 200 ] && { echo 200; return; }; sleep 1; i=$((i + 1)); done; echo "$c"; }
check_eq "the app's retry succeeds once the store takes writes again" 200 "$(retry_post)"
check_eq "and the mood is there" 1 "$(sql "SELECT count(*) FROM messages WHERE provider_msg_id='ev-r3'")"

stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
check "the password and signing key are never logged" not_matching "phonepass\|$KEY" cat "$T/gw.log"
finish
