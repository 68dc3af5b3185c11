#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# GET /metrics against the real daemon: the Prometheus text format checked
# strictly (tests/tools/prom_check.py: Debian's python3-prometheus-client
# parser plus the rules it lets pass), and the values after known traffic:
# inbound by provider and state (committed, duplicate), outbound sends by
# result, queue depth by priority, escalations by severity and state, the
# send and escalation latency histograms, provider health, HTTP answers.
. tests/integration/lib.sh

SECRET=metrics-secret-0123456789
write_config
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\
 { name = \"kannel\"; kind = \"kannel\"; sendsms_url = \"http://127.0.0.1:9/cgi-bin/sendsms\";\
 username = \"u\"; password = \"p\"; secret = \"$SECRET\"; } );\
routing = { checkin = [ \"spool\" ]; urgent = [ \"spool\" ]; };|" "$T/checkin.conf"
start_gw || { not_ok "daemon started"; exit 1; }
M="http://127.0.0.1:$PORT/metrics"

scrape() { curl -s -D "$T/headers" "$M" >"$T/metrics.txt" && /usr/bin/python3 tests/tools/prom_check.py <"$T/metrics.txt" >"$T/samples"; }
# value NAME{labels sorted by name}: the sample's value as prom_check printed it.
value() { awk -v k="$1" '$1 == k {print $2}' "$T/samples"; }

check "the first scrape is well-formed" scrape
check "served as text/plain version 0.0.4" grep -qi '^content-type: text/plain; version=0.0.4' "$T/headers"
check_eq "nothing received yet" 0 "$(value 'checkin_inbound_messages_total{kind="spool",provider="spool",state="committed"}')"
check_eq "both providers up" "1 1" "$(value 'checkin_provider_up{kind="spool",provider="spool"}') $(value 'checkin_provider_up{kind="kannel",provider="kannel"}')"

# Known traffic: a client's crisis reply (escalation: the 988 message and
# an alert), a stranger's HELP (one answer), a kannel reply sent twice (one
# commit, one duplicate), a wrong secret (403), an unknown path (404) and
# headers too large (431, written by libmicrohttpd itself).
ctl enroll alex +15555550123 --specialist jordan --tz UTC >/dev/null
drop_in +15555550123 "i want to kill myself"
drop_in +15555550177 "HELP"
K="http://127.0.0.1:$PORT/sms/kannel?secret=$SECRET&id=m1&from=%2B15555550188&text=7"
curl -s -o /dev/null "$K"; curl -s -o /dev/null "$K"
curl -s -o /dev/null "http://127.0.0.1:$PORT/sms/kannel?secret=wrong-secret-000&id=m2&from=%2B15555550188&text=7"
curl -s -o /dev/null "http://127.0.0.1:$PORT/nowhere"
BIG=$(head -c 40000 /dev/zero | tr '\0' a)
check_eq "headers over 32 KiB: 431" 431 "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $BIG" "http://127.0.0.1:$PORT/healthz")"
check "the welcome, the 988 message, the alert and the HELP answer are sent" \
    wait_eq 10 4 sql "SELECT count(*) FROM messages WHERE direction='out' AND state='sent'"

check "the scrape after traffic is well-formed" scrape
check_eq "spool: two replies committed" 2 "$(value 'checkin_inbound_messages_total{kind="spool",provider="spool",state="committed"}')"
check_eq "kannel: one committed" 1 "$(value 'checkin_inbound_messages_total{kind="kannel",provider="kannel",state="committed"}')"
check_eq "kannel: one duplicate" 1 "$(value 'checkin_inbound_messages_total{kind="kannel",provider="kannel",state="duplicate"}')"
check_eq "nothing refused" 0 "$(value 'checkin_inbound_messages_total{kind="spool",provider="spool",state="refused"}')"
check_eq "spool: four sends accepted" 4 "$(value 'checkin_outbound_sends_total{kind="spool",provider="spool",result="sent"}')"
check_eq "kannel: no sends (not on a route)" 0 "$(value 'checkin_outbound_sends_total{kind="kannel",provider="kannel",result="sent"}')"
check_eq "send latency histogram counts the four" 4 "$(value 'checkin_send_latency_seconds_count{provider="spool"}')"
check_eq "one urgent escalation open" 1 "$(value 'checkin_escalations{severity="urgent",state="open"}')"
check_eq "no high ones" 0 "$(value 'checkin_escalations{severity="high",state="open"}')"
check_eq "escalation latency: the 988 message and the alert" 2 "$(value 'checkin_escalation_latency_seconds_count{}')"
check_eq "escalation latency has sub-second buckets" "4" \
    "$(grep -c '^checkin_escalation_latency_seconds_bucket{le="0\.\(05\|1\|25\|5\)"}' "$T/metrics.txt")"
check_eq "both within the le=10 bucket (the spool provider takes them at once)" 2 \
    "$(value 'checkin_escalation_latency_seconds_bucket{le="10"}')"
echo "# escalation latency of the two: sum $(value 'checkin_escalation_latency_seconds_sum{}') s," \
    "under 0.05 s: $(value 'checkin_escalation_latency_seconds_bucket{le="0.05"}')"
check_eq "queue empty (urgent queued)" 0 "$(value 'checkin_queue_depth{priority="urgent",state="queued"}')"
check_eq "a 403 counted" 1 "$(value 'checkin_http_responses_total{code="403"}')"
check_eq "a 404 counted" 1 "$(value 'checkin_http_responses_total{code="404"}')"
check_eq "the 431 libmicrohttpd wrote itself counted too" 1 "$(value 'checkin_http_responses_total{code="431"}')"
check_eq "store writable" 1 "$(value 'checkin_store_writable{}')"
check "resident memory reported" sh -c "[ \"\$(awk '\$1 == \"process_resident_memory_bytes{}\" {print \$2}' '$T/samples')\" -gt 1000000 ]"

# Queue depth by priority and state: messages waiting for a later attempt
# (written the way a back-off leaves them) are counted where they belong.
later=$(( $(date +%s) + 86400 ))
for p in 0 0 100; do
    sql "INSERT INTO messages(direction, peer, body, kind, priority, state, next_attempt_at, created_at, updated_at)
         VALUES ('out', '+15555550199', 'x', 'checkin', $p, 'queued', $later, $later, $later)"
done
check "the scrape with a queue is well-formed" scrape
check_eq "two normal messages queued" 2 "$(value 'checkin_queue_depth{priority="normal",state="queued"}')"
check_eq "one urgent message queued" 1 "$(value 'checkin_queue_depth{priority="urgent",state="queued"}')"
check_eq "none sending" 0 "$(value 'checkin_queue_depth{priority="normal",state="sending"}')"
stop_gw
finish
