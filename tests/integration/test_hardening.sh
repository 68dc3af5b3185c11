#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Hardening against the real daemon: the per-sender rate limit (a flood or
# an auto-reply loop gets no more answers, everything is still recorded
# and a crisis still escalates), file modes of the database, the warning
# about a world-readable config with inline secrets, limits validated, and
# a whole run at log level info that leaves no secret and no message body
# in the log.
. tests/integration/lib.sh

umask 022
KPASS=kannel-password-7f3a9c
KSECRET=kannel-shared-secret-51d2e8
write_config
sed -i 's/log_level = "debug"/log_level = "info"/' "$T/checkin.conf"
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\
 { name = \"kannel\"; kind = \"kannel\"; sendsms_url = \"http://127.0.0.1:9/cgi-bin/sendsms\";\
 username = \"u\"; password = \"$KPASS\"; secret = \"$KSECRET\"; } );|" "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
limits = { sender_burst = 4; sender_per_hour = 1; daily_per_client = 3; daily_per_program = 1000; };
http = { listen = "127.0.0.1"; port = 0; request_timeout_seconds = 10; };
CONF
# http appears twice now: keep the second one only.
sed -i '0,/^http = /{/^http = /d}' "$T/checkin.conf"

# Limits are validated with file:line.
cp "$T/checkin.conf" "$T/bad.conf"
sed -i 's/daily_per_program = 1000/daily_per_program = 2/' "$T/bad.conf"
out=$("$GW" --check-config "$T/bad.conf" 2>&1)
check "a program cap below the client cap is refused with file:line" \
    sh -c "echo '$out' | grep -q 'bad.conf:[0-9]*: limits.daily_per_program = 2 is below limits.daily_per_client = 3'"

chmod 644 "$T/checkin.conf"
start_gw || { not_ok "daemon started"; exit 1; }
check "world-readable config with inline secrets: warned, naming the settings" \
    grep -q 'event=config.secrets_readable.*secrets=2 settings="providers\[1\].password,providers\[1\].secret"' "$T/gw.log"
check "the warning does not print the secrets" not_matching "$KPASS" cat "$T/gw.log"

# ---- per-sender rate limit ------------------------------------------------
ctl enroll alex +15555550123 --specialist jordan --tz UTC >/dev/null
STRANGER=+15555550177
i=0
while [ $i -lt 6 ]; do drop_in "$STRANGER" "HELP" "help$i"; i=$((i + 1)); done
check "six HELP texts from one stranger: all recorded" \
    wait_eq 10 6 sql "SELECT count(*) FROM messages WHERE direction='in' AND peer='$STRANGER'"
check_eq "only the first four (sender_burst) answered" 4 \
    "$(sql "SELECT count(*) FROM messages WHERE direction='out' AND peer='$STRANGER' AND kind='help'")"
check "three of them sent (daily_per_client = 3)" \
    wait_eq 10 3 sql "SELECT count(*) FROM messages WHERE direction='out' AND peer='$STRANGER' AND kind='help' AND state='sent'"
check "the fourth failed with the daily cap as reason" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='out' AND peer='$STRANGER' AND kind='help' AND state='failed' AND last_error LIKE 'daily cap: 3 messages to this number today%'"
check "and logged as outbox.capped" grep -q 'event=outbox.capped .*kind=help to=+1555\*' "$T/gw.log"
check "the limit is logged once, masked" \
    wait_eq 5 1 sh -c "grep -c 'event=inbound.sender_limited from=+1555\*' '$T/gw.log'"
BODY_CRISIS="honestly i want to end my life tonight zq81"
drop_in "$STRANGER" "$BODY_CRISIS" crisis1
check "a crisis text from the limited sender still escalates" \
    wait_eq 10 1 sql "SELECT count(*) FROM escalations WHERE peer='$STRANGER' AND severity='urgent'"
check "and the 988 message still goes out to it, past the daily cap" \
    wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='out' AND peer='$STRANGER' AND kind='crisis' AND state='sent'"

# ---- a whole run at info level: no secret, no body in the log ------------
BODY_MOOD="feeling like a 6 today xq42"
BODY_KANNEL="kannel says 4 and tired vb77"
drop_in +15555550123 "$BODY_MOOD" mood1
check "the mood reply is recorded" wait_eq 10 1 sql "SELECT count(*) FROM moods"
BASE="http://127.0.0.1:$PORT/sms/kannel"
check_eq "kannel inbound with the secret: 200" 200 "$(curl -s -o /dev/null -w '%{http_code}' \
    "$BASE?secret=$KSECRET&id=k1&from=%2B15555550123&text=$(echo "$BODY_KANNEL" | sed 's/ /%20/g')")"
check_eq "kannel inbound with a wrong secret: 403" 403 "$(curl -s -o /dev/null -w '%{http_code}' \
    "$BASE?secret=not-the-secret-99&id=k2&from=%2B15555550123&text=wrong%20secret%20body%20pp19")"
check "the 403 is logged with provider and path" \
    grep -q 'event=http.forbidden provider=kannel path=/sms/kannel reason=' "$T/gw.log"
stop_gw
for s in "$KPASS" "$KSECRET" not-the-secret-99 "xq42" "vb77" "zq81" "pp19" "end my life"; do
    check "the log at info level does not contain '$s'" not_matching "$s" cat "$T/gw.log"
done
check "but the run did log (the grep had something to read)" grep -q "event=inbound.committed" "$T/gw.log"

# ---- files -----------------------------------------------------------------
mode() { stat -c '%a' "$1"; }
check_eq "database file 0600 under umask 022" 600 "$(mode "$T/db.sqlite")"
start_gw || { not_ok "daemon restarted"; exit 1; }
drop_in +15555550123 "7" mood2
wait_eq 10 2 sql "SELECT count(*) FROM moods" >/dev/null
check_eq "WAL file 0600" 600 "$(mode "$T/db.sqlite-wal")"
check_eq "shared-memory file 0600" 600 "$(mode "$T/db.sqlite-shm")"
chmod 640 "$T/checkin.conf"
stop_gw
m=$(log_mark)
start_gw || { not_ok "daemon restarted"; exit 1; }
check "config readable by owner and group only: no warning" \
    not_matching "config.secrets_readable" log_since "$m"
stop_gw

# ---- the daily caps count in the program's local day ----------------------
# program.timezone becomes America/Los_Angeles and the daemon's clock is
# moved (CHECKIN_GATEWAY_TIME_OFFSET) to 23:40 Pacific time, when UTC is
# already on the next date, then past local midnight on the same UTC day.
sed -i 's|timezone = "UTC"|timezone = "America/Los_Angeles"|' "$T/checkin.conf"
NIGHT=$(TZ=America/Los_Angeles date -d 'tomorrow 23:40' +%s)
LATE=+15555550166
late_sql() {
    sql "SELECT count(*) FROM messages WHERE direction='out' AND peer='$LATE' AND kind='help' AND $1"
}
export CHECKIN_GATEWAY_TIME_OFFSET=$((NIGHT - $(date +%s)))
start_gw || { not_ok "daemon restarted at 23:40 Pacific"; exit 1; }
i=0
while [ $i -lt 3 ]; do drop_in "$LATE" "HELP" "late$i"; i=$((i + 1)); done
check "23:40 Pacific: three answers to a new number sent (daily_per_client = 3)" \
    wait_eq 10 3 late_sql "state='sent'"
stop_gw
export CHECKIN_GATEWAY_TIME_OFFSET=$((NIGHT + 600 - $(date +%s)))
start_gw || { not_ok "daemon restarted at 23:50 Pacific"; exit 1; }
drop_in "$LATE" "HELP" late3
check "23:50, after a restart: the fourth is capped (the count is read back from local midnight)" \
    wait_eq 10 1 late_sql "state='failed' AND last_error LIKE 'daily cap: 3 messages%'"
stop_gw
export CHECKIN_GATEWAY_TIME_OFFSET=$((NIGHT + 2400 - $(date +%s)))
check_eq "00:20 Pacific is the same UTC day as 23:50 (so a UTC cap would still hold)" \
    $(((NIGHT + 600) / 86400)) $(((NIGHT + 2400) / 86400))
start_gw || { not_ok "daemon restarted at 00:20 Pacific"; exit 1; }
drop_in "$LATE" "HELP" late4
check "00:20 Pacific: a new local day, the answer is sent" wait_eq 10 4 late_sql "state='sent'"
stop_gw
unset CHECKIN_GATEWAY_TIME_OFFSET
finish
