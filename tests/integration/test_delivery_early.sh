#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# A delivery report that overtakes its send (issue: reports lost when they
# arrive before the outbox committed the provider's id). The kannel provider
# sends to a stand-in for smsbox's sendsms (a small Python HTTP server) that
# first calls the dlr-url it was given ("delivered") and waits for the
# gateway's answer, and only then answers the sendsms request. The daemon
# runs one loop, so the report is handled strictly before the send's answer,
# every time, without any timing: the report finds no message with that id
# and must be held, then applied when the outbox records the id. Before the
# fix it was logged as unmatched and the check-in stayed "sent" for good.
. tests/integration/lib.sh

command -v python3 >/dev/null || { not_ok "python3 is needed (scripts/deps.sh installs it)"; finish; exit 1; }
SPIDS=""
sendsms_cleanup() {
    for p in $SPIDS; do kill "$p" 2>/dev/null; done
    for p in $SPIDS; do wait "$p" 2>/dev/null; done
    cleanup
}
trap sendsms_cleanup EXIT

cat >"$T/sendsms.py" <<'PY'
# SPDX-License-Identifier: Apache-2.0
# sendsms stand-in: calls the dlr-url ("delivered") before answering.
import http.server, os, sys, urllib.parse, urllib.request
port_file, log = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        dlr = q.get("dlr-url", [""])[0]
        code = "none"
        if dlr:
            try:
                url = dlr.replace("%d", "1").replace("%A", "DELIVRD")
                code = urllib.request.urlopen(url, timeout=20).status
            except Exception as e:
                code = "error:" + str(e).replace(" ", "_")
        with open(log, "a") as f:
            f.write("report %s before the sendsms answer\n" % code)
        body = b"0: Accepted for delivery"
        self.send_response(202)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(port_file + ".tmp", "w") as f:
    f.write(str(s.server_address[1]))
os.rename(port_file + ".tmp", port_file)
s.serve_forever()
PY
python3 "$T/sendsms.py" "$T/sendsms.port" "$T/sendsms.log" &
SPIDS="$!"
check "the sendsms stand-in is up" wait_for 15 test -s "$T/sendsms.port"
SPORT=$(cat "$T/sendsms.port")

SECRET=early-report-secret-0123456789
write_config
sed -i "s|^providers = .*|providers = ( { name = \"kannel\"; kind = \"kannel\";\
 sendsms_url = \"http://127.0.0.1:$SPORT/cgi-bin/sendsms\"; username = \"u\"; password = \"p\";\
 secret = \"$SECRET\"; timeout_seconds = 30; } );|" "$T/checkin.conf"
check "config with the kannel provider is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon started"; exit 1; }

# Enrolling sends the welcome text, checkin-now the check-in: two sends,
# each overtaken by its own report.
check "enroll a client" ctl enroll alex +15555550123 --specialist jordan
check "checkin-now" ctl checkin-now alex
check "both reports were answered 200 before their send's answer" \
    wait_eq 30 2 grep -c "^report 200 before the sendsms answer" "$T/sendsms.log"
check_eq "each early report found no message and was held" 2 \
    "$(grep -c "event=delivery.held provider=kannel .*state=delivered" "$T/gw.log")"
check "the check-in ends delivered" wait_eq 20 delivered \
    sql "SELECT state FROM messages WHERE kind='checkin' ORDER BY id DESC LIMIT 1"
check "the welcome text ends delivered" wait_eq 20 delivered \
    sql "SELECT state FROM messages WHERE kind='welcome' ORDER BY id DESC LIMIT 1"
check_eq "each was applied when the outbox recorded its id" 2 \
    "$(grep -c "event=delivery.report provider=kannel .*state=delivered.*late=1" "$T/gw.log")"
check_eq "nothing is held any more" 0 "$(sql "SELECT count(*) FROM delivery_held")"
check "/metrics counts them held and applied" sh -c \
    "curl -s http://127.0.0.1:$PORT/metrics >'$T/metrics.txt' &&
     grep -q '^checkin_delivery_reports_held_total{outcome=\"held\"} 2' '$T/metrics.txt' &&
     grep -q '^checkin_delivery_reports_held_total{outcome=\"applied\"} 2' '$T/metrics.txt'"

stop_gw
check_eq "daemon stopped cleanly" 0 "$GW_RC"
echo "1..$N"
finish
