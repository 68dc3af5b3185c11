#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make demo: the whole mission on the embedded default (etc/checkin.conf:
# a SQLite file and the smstools3-format spool, no network), told as a
# story. It runs in its own directory, $DEMO_DIR (default $BUILD/demo),
# on a copy of etc/checkin.conf whose var/ paths point there and whose
# listener takes any free port: the checkout's var/ (where an operator may
# have tried the gateway on etc/checkin.conf) is never read or touched, and
# a gateway already running on port 8780 is no obstacle.
set -u
BUILD=${BUILD:-build}
GW="$BUILD/checkin-gateway"
CTL="$BUILD/checkinctl"
DEMO=${DEMO_DIR:-$BUILD/demo}
CONF=$DEMO/checkin.conf
LOG=$DEMO/demo-gateway.log
SPOOL=$DEMO/spool
SEEN=$DEMO/.demo-seen
# Marks a directory as the demo's own, so a rerun may empty it.
MARK=$DEMO/.checkin-demo
GW_PID=""

say()   { printf '%s\n' "$*"; }
if [ -t 1 ]; then B='\033[1m'; E='\033[0m'; else B=''; E=''; fi
step()  { printf "\n${B}%s${E}\n" "$*"; }
run()   { printf '   $ %s\n' "$*"; "$@" 2>&1 | sed 's/^/   /'; }
die()   {
    say "demo: $*" >&2
    [ -f "$LOG" ] && { say "--- last lines of $LOG ---" >&2; tail -n 20 "$LOG" >&2; }
    exit 1
}
cleanup() {
    if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then kill -TERM "$GW_PID"; wait "$GW_PID"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# wait_for SECONDS COMMAND...
wait_for() {
    n=$(( $1 * 10 )); shift
    while [ "$n" -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
    return 1
}
# What a phone number has received so far: the text of each spool file to it.
phone_shows() { # DIGITS LABEL
    for f in $(ls -tr "$SPOOL/outgoing" 2>/dev/null); do
        [ "$(sed -n 's/^To: //p' "$SPOOL/outgoing/$f" | head -n 1)" = "$1" ] || continue
        grep -qxF "$f" "$SEEN" 2>/dev/null && continue
        echo "$f" >>"$SEEN"
        printf '   [%s] receives:\n' "$2"
        sed '1,/^$/d' "$SPOOL/outgoing/$f" | fold -s -w 66 | sed 's/^/      | /'
        echo
    done
}
has_out() { for f in "$SPOOL"/outgoing/*; do [ -f "$f" ] && grep -q "^To: $1" "$f" && grep -q -- "$2" "$f" && return 0; done; return 1; }
# A client's reply, written into the spool the way smsd writes one.
client_texts() { # DIGITS TEXT
    name="GSM1.demo$(date +%s%N)"
    printf 'From: %s\nFrom_TOA: 91 international, ISDN/telephone\nReceived: %s\nSubject: GSM1\nAlphabet: UTF-8\n\n%s' \
        "$1" "$(date '+%y-%m-%d %H:%M:%S')" "$2" >"$SPOOL/incoming/.$name"
    mv "$SPOOL/incoming/.$name" "$SPOOL/incoming/$name"
}
sql() { sqlite3 -cmd ".timeout 3000" "$DEMO/checkin.db" "$1"; }

# start_fresh: an empty $DEMO, the config copy in it. A directory that is
# neither empty nor marked as the demo's is refused, never emptied.
start_fresh() {
    if [ -d "$DEMO" ] && [ ! -f "$MARK" ] && [ -n "$(ls -A "$DEMO")" ]; then
        die "$DEMO is not the demo's directory (no $MARK) and not empty; set DEMO_DIR"
    fi
    if [ -f "$DEMO/checkin-gateway.pid" ] && kill -0 "$(cat "$DEMO/checkin-gateway.pid")" 2>/dev/null; then
        die "a demo gateway is already running on $DEMO (pid $(cat "$DEMO/checkin-gateway.pid")); stop it first"
    fi
    rm -rf "$DEMO" && mkdir -p "$DEMO" && : >"$MARK" || die "cannot create $DEMO"
    sed -e "s|\"var/|\"$DEMO/|" -e 's|^\(  port = \)8780;|\10;|' etc/checkin.conf >"$CONF" \
        || die "cannot write $CONF"
}

[ -x "$GW" ] && [ -x "$CTL" ] || die "build first: make"
start_fresh

say "================================================================="
say " checkin-gateway demo"
say "================================================================="
say "A peer-support program texts its clients a short daily check-in."
say "Replies become mood scores. A reply in crisis reaches a peer"
say "specialist at once, and the client is pointed to 988, the Suicide &"
say "Crisis Lifeline. Everything here runs on this machine: the database"
say "is $DEMO/checkin.db, and the spool directory $SPOOL/ (the format"
say "of smstools3, which drives a GSM modem) stands in for the phone network."
say "$CONF is etc/checkin.conf with its var/ paths in $DEMO/."

step "1. The operator starts the gateway with etc/checkin.conf (the copy)"
"$GW" -c "$CONF" 2>"$LOG" &
GW_PID=$!
say "   $ $GW -c $CONF        (its log: $LOG)"
wait_for 10 grep -q "event=gateway.ready" "$LOG" || die "the gateway did not start"
port=$(sed -n 's/.*event=gateway.ready.*http=[0-9.]*:\([0-9]*\).*/\1/p' "$LOG" | tail -n 1)
say "   $ curl http://127.0.0.1:$port/healthz"
say "   $(curl -s "http://127.0.0.1:$port/healthz")"

step "2. The operator enrolls Alex, whose peer specialist is Jordan"
say "   (Jordan and the program's texts are set in etc/checkin.conf)"
run "$CTL" -c "$CONF" enroll alex +15555550123 --name Alex --specialist jordan --tz America/New_York
[ "$(sql "SELECT count(*) FROM clients")" = 1 ] || die "enrolment failed"

step "3. Check-in time (sent now instead of waiting for 09:00)"
run "$CTL" -c "$CONF" checkin-now alex
wait_for 10 has_out 15555550123 "How are you" || die "the check-in was not sent"
phone_shows 15555550123 "Alex's phone"

step "4. Alex replies \"7\""
client_texts 15555550123 "7"
wait_for 10 sh -c '[ "$(sqlite3 "$1" "SELECT count(*) FROM moods")" = 1 ]' sh "$DEMO/checkin.db" || die "the reply was not recorded"
say "   The gateway records a mood of $(sql "SELECT score FROM moods" | sed 's/\.0$//')/10 for Alex. Nothing else happens: 7 is a fine day."

step "5. That evening Alex writes: \"I can't do this anymore. I want to end it all.\""
client_texts 15555550123 "I can't do this anymore. I want to end it all."
wait_for 10 has_out 15555550123 988 || die "the 988 message was not sent"
wait_for 10 has_out 15555550100 ACK || die "the specialist was not alerted"
say "   Within a second, in the same database transaction as the reply, the"
say "   gateway opened escalation #1 and queued two urgent messages:"
echo
phone_shows 15555550123 "Alex's phone"
phone_shows 15555550100 "Jordan's phone (peer specialist)"

step "6. What the operator sees"
run "$CTL" -c "$CONF" history alex
echo
run "$CTL" -c "$CONF" show alex

step "7. The operator stops the gateway (SIGTERM)"
kill -TERM "$GW_PID"
wait "$GW_PID"; rc=$?
GW_PID=""
[ "$rc" = 0 ] || die "the gateway exited with $rc"
say "   stopped cleanly (exit 0). Everything it did is in $DEMO/checkin.db;"
say "   the texts it 'sent' are the files in $SPOOL/outgoing/."
echo
say "Next: README.md explains the configuration, each provider and the"
say "safety rules; 'make test' runs the test suite."
rm -f "$SEEN"
