# SPDX-License-Identifier: Apache-2.0
# The twilio provider's requests checked against Twilio's own OpenAPI
# description (shared/peers/twilio_api_v2010.json) by a Prism mock server
# (npm @stoplight/prism-cli, installed by scripts/prism.sh) on 127.0.0.1:
# Prism answers 422 to a request that breaks the description (a missing
# required field, a wrong content type, an AccountSid of the wrong shape,
# no Basic auth) and an example 201 or 200 to a valid one. Skipped, with a
# reason, where Prism cannot be installed.
. tests/integration/lib.sh

SPEC="$ROOT/../shared/peers/twilio_api_v2010.json"
if [ ! -f "$SPEC" ]; then
    echo "ok 1 - # SKIP Twilio's API description is not at $SPEC"; exit 0
fi
if ! PRISM=$(sh scripts/prism.sh 2>"$T/prism-install.err"); then
    echo "ok 1 - # SKIP Prism cannot be installed: $(cat "$T/prism-install.err")"; exit 0
fi
PPORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Without --errors: Prism's own examples do not all match the description,
# and --errors would turn those response violations into 500s.
"$PRISM" mock -h 127.0.0.1 -p "$PPORT" "$SPEC" >"$T/prism.log" 2>&1 &
PRISM_PID=$!
stop_prism() { kill "$PRISM_PID" 2>/dev/null; wait "$PRISM_PID" 2>/dev/null; }
trap 'stop_prism; cleanup' EXIT
AC=AC0123456789abcdef0123456789abcdef
# A valid request (auth, AccountSid), so Prism's log holds no invalid one of ours.
ready() { curl -s -o /dev/null -u "$AC:tok" "http://127.0.0.1:$PPORT/2010-04-01/Accounts/$AC/Messages.json?PageSize=1"; }
wait_for 60 ready || { not_ok "Prism starts"; cat "$T/prism.log"; finish; exit 1; }
ok "Prism serves Twilio's API description on 127.0.0.1"

write_config
sed -i "s|^providers = .*|providers = ( { name = \"twilio\"; kind = \"twilio\"; account_sid = \"$AC\"; auth_token = \"tok\"; from = \"+15005550006\"; base_url = \"http://127.0.0.1:$PPORT\"; public_url = \"https://gw.example.org/sms/twilio\"; reconcile_interval = 0; } );|" "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "the start-up listing (GET Messages.json) is valid to Prism" \
    wait_for 20 grep -q "event=twilio.reconciled" "$T/gw.log"
check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
# Prism's example answer carries a sid of the right shape; a request it
# found invalid would have been answered 422 and failed the message.
state() { sql "SELECT state FROM messages WHERE kind='checkin'"; }
check "the send (POST Messages.json) is valid to Prism and recorded sent" wait_eq 20 sent state
check_eq "with the sid from Prism's example" 1 \
    "$(sql "SELECT count(*) FROM messages WHERE kind='checkin' AND provider_msg_id LIKE 'SM%'")"
check "Prism found no request invalid" not_matching "did not pass the validation rules" cat "$T/prism.log"

# The check can fail: a request without the required To is refused.
code=$(curl -s -o /dev/null -w '%{http_code}' -u "$AC:tok" -d "Body=x&From=%2B15005550006" \
    "http://127.0.0.1:$PPORT/2010-04-01/Accounts/$AC/Messages.json")
check_eq "a request without To is refused by Prism" 422 "$code"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
