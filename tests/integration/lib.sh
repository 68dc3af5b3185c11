# SPDX-License-Identifier: Apache-2.0
# lib.sh: shared by the integration tests. Each test gets its own temporary
# directory with a config, a database and a spool; runs the real daemon;
# prints TAP lines ("ok N - ...", "not ok N - ..."); and cleans up after
# itself, even when it fails or is interrupted.
set -u
ROOT=$(pwd)
BUILD=${BUILD:-$ROOT/build}
GW="$BUILD/checkin-gateway"
CTL="$BUILD/checkinctl"
T=$(mktemp -d /tmp/checkin-it.XXXXXX)
N=0
FAILS=0
GW_PID=""

ok() { N=$((N + 1)); echo "ok $N - $1"; }
not_ok() { N=$((N + 1)); FAILS=$((FAILS + 1)); echo "not ok $N - $1"; }
# check DESCRIPTION COMMAND...: one TAP line from a command's exit status.
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (expected '$2', got '$3')"; fi
}

cleanup() {
    [ -z "${LOCKER:-}" ] || kill "$LOCKER" 2>/dev/null
    if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
        kill -KILL "$GW_PID" 2>/dev/null
        wait "$GW_PID" 2>/dev/null
    fi
    if [ "$FAILS" -gt 0 ] && [ -f "$T/gw.log" ]; then
        echo "--- daemon log (last 40 lines) ---"; tail -n 40 "$T/gw.log"
    fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# lock_db: another process (sqlite3) takes the database's write lock and
# holds it until unlock_db (at most 120 s); returns once the lock is held.
# A test waits for what the daemon does while the lock is held, not for a
# guessed time: a lock held for a fixed 9 s ended once, under valgrind on a
# loaded machine, before the daemon had even met it.
lock_db() {
    rm -f "$T/release"
    ( echo "BEGIN EXCLUSIVE;"; i=0
      while [ ! -f "$T/release" ] && [ -d "$T" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
      echo "COMMIT;" ) | sqlite3 -cmd ".timeout 5000" "$T/db.sqlite" &
    LOCKER=$!
    wait_for 20 eval '! sqlite3 "$T/db.sqlite" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null'
}
unlock_db() { touch "$T/release"; wait "$LOCKER"; LOCKER=""; }
# How long to wait for the daemon to meet a lock: SQLite's busy timeout (5 s)
# and then the daemon's own pace, slow under valgrind.
LOCK_WAIT=$([ "${VALGRIND:-0}" = 1 ] && echo 40 || echo 15)

# wait_for SECONDS COMMAND...: polls every 0.1 s; 0 if it became true.
wait_for() {
    limit=$(( $1 * 10 )); shift
    i=0
    while [ "$i" -lt "$limit" ]; do
        if "$@"; then return 0; fi
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

sql() { sqlite3 -cmd ".timeout 5000" "$T/db.sqlite" "$1"; }

# write_config [TIMES] [ZONE]: a config in $T with the spool provider and
# the HTTP listener on a free port. TIMES like '"09:00", "18:00"'.
write_config() {
    times=${1:-'"09:00"'}
    cat >"$T/checkin.conf" <<CONF
program = { name = "Test Program"; contact = "(555) 555-0100"; timezone = "${2:-UTC}"; };
daemon = { database = "$T/db.sqlite"; pid_file = "$T/gw.pid"; log_level = "debug"; };
http = { listen = "127.0.0.1"; port = 0; };
providers = ( { name = "spool"; kind = "spool"; dir = "$T/spool"; } );
schedules = ( { name = "daily"; times = [ $times ]; window_minutes = 240; scale = [ 1, 10 ]; alert_at_or_below = 2; } );
specialists = (
  { id = "jordan"; name = "Jordan"; phone = "+15555550100"; },
  { id = "sam"; name = "Sam"; phone = "+15555550101"; }
);
templates = { en = {
  checkin = "{program}: How are you today, {scale_min}-{scale_max}?";
  retry = "Sorry, please reply with a number from {scale_min} to {scale_max}.";
  crisis = "{program}: a peer specialist will reach out. Call or text 988 any time.";
  alert = "{severity} #{escalation} {alias} {phone} score {score}: {excerpt} Reply ACK {escalation}";
  stop = "You will get no more check-ins. Reply START to resume. In crisis call or text 988.";
  start = "Welcome back: check-ins resume.";
  help = "{program}, help: {contact}. Reply STOP to opt out. In crisis call or text 988.";
}; };
CONF
}

# VALGRIND=1 runs the daemon under valgrind (memcheck): any error or
# definite leak makes it exit 99, which stop_gw reports as a failed check.
# Everything is ~20x slower then: start-up waits longer.
# Only this start's lines count (a restart appends to the same log).
VG_LOG="$T/valgrind.%p.log"
start_gw() {
    : >>"$T/gw.log"
    start_mark=$(log_mark)
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            --show-leak-kinds=definite --log-file="$VG_LOG" \
            "$GW" -c "$T/checkin.conf" 2>>"$T/gw.log" &
    else
        "$GW" -c "$T/checkin.conf" 2>>"$T/gw.log" &
    fi
    GW_PID=$!
    if ! wait_for "$([ "${VALGRIND:-0}" = 1 ] && echo 60 || echo 10)" eval 'log_since "$start_mark" | grep -q "event=gateway.ready"'; then
        echo "# the daemon did not become ready"; return 1
    fi
    PORT=$(log_since "$start_mark" | grep "event=gateway.ready" | tail -n 1 | sed 's/.*http=[0-9.]*:\([0-9]*\).*/\1/')
    return 0
}

# stop_gw [SIGNAL]: stops the daemon and sets GW_RC to its exit status.
stop_gw() {
    kill "-${1:-TERM}" "$GW_PID" 2>/dev/null
    wait "$GW_PID" 2>/dev/null
    GW_RC=$?
    GW_PID=""
    if [ "${VALGRIND:-0}" = 1 ] && [ "$GW_RC" = 99 ]; then
        not_ok "valgrind found memory errors or leaks in the daemon"
        cat "$T"/valgrind.*.log
    fi
}

# A log line count before a restart, so waits look only at what follows.
log_mark() { wc -l <"$T/gw.log"; }
log_since() { tail -n "+$(( $1 + 1 ))" "$T/gw.log"; }

# drop_in FROM TEXT [NAME]: an smstools incoming file, written the way smsd
# does (a dot-name, then a rename), with no newline after the text.
drop_in() {
    name=${3:-GSM1.$(date +%s%N)}
    mkdir -p "$T/spool/incoming"
    printf 'From: %s\nFrom_TOA: 91 international, ISDN/telephone\nReceived: %s\nSubject: GSM1\nAlphabet: UTF-8\n\n%s' \
        "$1" "$(date -u '+%y-%m-%d %H:%M:%S')" "$2" >"$T/spool/incoming/.$name"
    mv "$T/spool/incoming/.$name" "$T/spool/incoming/$name"
}

# Outgoing files (what phones would receive): "<to>|<text>" lines, the
# text's lines joined by spaces. One awk for all the files: the waits poll
# this, and a process or three per file made it slow once there were many.
outbox_lines() {
    set -- "$T"/spool/outgoing/*
    [ -f "$1" ] || return 0
    awk 'FNR == 1 { if (NR > 1) print to "|" b; to = ""; b = ""; hdr = 1; got = 0 }
         hdr && /^To: / && to == "" { to = substr($0, 5) }
         hdr { if ($0 == "") hdr = 0; next }
         { b = b (got++ ? " " : "") $0 }
         END { print to "|" b }' "$@"
}
# phone_lines: what phones received, as outbox_lines shows it; a test run
# over another provider redefines it (provider_lib.sh).
phone_lines() { outbox_lines; }
# count_out TO PATTERN: texts to TO (digits, no +) whose text matches.
count_out() { phone_lines | grep "^$1|" | grep -c -- "$2"; }

# start_gw_before AT [SPARE]: starts the gateway with its clock CLOCK_LEAD
# seconds before AT (epoch seconds on the gateway's clock): 3, or 15 under
# valgrind. A start so slow (a loaded machine, ASan) that fewer than SPARE
# seconds (default 1) are left before AT once it is ready would miss the
# moment under test, so that gateway is stopped and started again with
# twice the lead, up to three times. GW_LEAD is the lead that held.
CLOCK_LEAD=$([ "${VALGRIND:-0}" = 1 ] && echo 15 || echo 3)
start_gw_before() {
    GW_LEAD=$CLOCK_LEAD
    for _try in 1 2 3; do
        export CHECKIN_GATEWAY_TIME_OFFSET=$(( $1 - GW_LEAD - $(date +%s) ))
        start_gw || return 1
        [ $(( $(date +%s) + CHECKIN_GATEWAY_TIME_OFFSET )) -le $(( $1 - ${2:-1} )) ] && return 0
        echo "# the daemon took more than ${GW_LEAD}s to start; again with $(( GW_LEAD * 2 ))s"
        stop_gw TERM
        GW_LEAD=$(( GW_LEAD * 2 ))
    done
    echo "# the daemon never started in time"; return 1
}

# next_digest_at: sets at to the next 08:00 UTC (the digest time of the
# test configs) at least a minute away. A gateway started after it would
# wait a day, so tests start it with start_gw_before "$at" and wait for
# the digest up to digest_wait seconds (the lead that held, and 20).
next_digest_at() {
    now=$(date +%s)
    at=$(( now / 86400 * 86400 + 8 * 3600 ))
    [ "$at" -gt $((now + 60)) ] || at=$((at + 86400))
}
digest_wait() { echo $(( ${GW_LEAD:-$CLOCK_LEAD} + 20 )); }

healthz() { curl -s -o "$T/healthz.json" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz"; }

finish() {
    [ "$N" -gt 0 ] || not_ok "the test ran no check"
    [ "$FAILS" -eq 0 ]
}

# wait_eq SECONDS EXPECTED COMMAND...: polls until the command's output is
# EXPECTED (commands may be functions of this file).
wait_eq() {
    limit=$(( $1 * 10 )); want=$2; shift 2
    i=0
    while [ "$i" -lt "$limit" ]; do
        [ "$("$@")" = "$want" ] && return 0
        sleep 0.1; i=$((i + 1))
    done
    echo "# waited for '$want', last: '$("$@")'"
    return 1
}
# not_matching PATTERN COMMAND...: true when the output has no line matching.
not_matching() { p=$1; shift; ! "$@" | grep -q -- "$p"; }
# matching PATTERN COMMAND...: true when some output line matches.
matching() { p=$1; shift; "$@" | grep -q -- "$p"; }
ctl() { "$CTL" -c "$T/checkin.conf" "$@"; }
incoming_count() { ls "$T/spool/incoming" | wc -l; }
