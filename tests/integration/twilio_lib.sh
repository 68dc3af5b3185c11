# SPDX-License-Identifier: Apache-2.0
# twilio_lib.sh: a local fake of Twilio's API (tests/twilio_fake.py) for the
# tests that send through the twilio provider, after lib.sh. twilio_start
# starts it in $T/fake (FAKE is its URL) and writes a config whose only
# provider is a twilio one sending through it, with short retries and no
# welcome on enrolment (the tests follow each request to the fake).
PY=/usr/bin/python3
AC=AC0123456789abcdef0123456789abcdef
TOKEN=test-auth-token-0123
PUB=https://gw.example.org/sms/twilio
FAKE_PID=""
stop_fake() { [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null; }
trap 'stop_fake; cleanup' EXIT

twilio_start() {
    mkdir -p "$T/fake"
    "$PY" tests/twilio_fake.py serve "$T/fake" "$AC" "$TOKEN" 2>"$T/fake.log" &
    FAKE_PID=$!
    wait_for 10 test -s "$T/fake/port" || { not_ok "the fake Twilio starts"; finish; exit 1; }
    FAKE="http://127.0.0.1:$(cat "$T/fake/port")"
    write_config
    export TWILIO_TEST_TOKEN=$TOKEN
    sed -i "s|^providers = .*|providers = ( { name = \"twilio\"; kind = \"twilio\"; account_sid = \"$AC\"; auth_token = \"env:TWILIO_TEST_TOKEN\"; from = \"+15005550006\"; base_url = \"$FAKE\"; public_url = \"$PUB\"; reconcile_interval = 0; } );\noutbox = { retry_base_seconds = 1; retry_max_seconds = 2; };|" "$T/checkin.conf"
    printf 'consent = { send_welcome = false; };\n' >>"$T/checkin.conf"
}
