# SPDX-License-Identifier: Apache-2.0
# The crash-and-fault soak (issue 15, "done when"). Under a mixed load that
# never pauses -- signed kannel webhooks (a sequential peer that retries
# every message until it is answered 200, as smsbox does), smstools spool
# files, scheduled check-ins and reminders, one-off check-ins from
# checkinctl -- the daemon is hit, ROUNDS times, by:
#   - SIGKILL and a restart with its clock moved on to the next schedule
#     time (CHECKIN_GATEWAY_TIME_OFFSET), while a client whose check-in is
#     in flight at a provider that does not answer (a fake in mode
#     "timeout", 2 s, failing over to the spool) sends STOP;
#   - SIGSTOP for 2.5 s (longer than the webhook peer's 2 s time-out: it
#     offers those messages again), then SIGCONT;
#   - another process holding the SQLite write lock for 2.5 s;
#   - a SIGKILL just after a STOP was recorded while that client's check-in
#     was in flight, and a restart half an hour on (the reminders fall due);
#   - a full disk under the database (a tmpfs in a private user and mount
#     namespace, as test_disk_full.sh), then room again.
# Ten clients send STOP: two per round right after a restart (above), and
# four through the webhook peer while the daemon is stopped or its disk is
# full (two rounds' worth).
# Then:
#   - every webhook answered 200 and every spool file removed is in the
#     database exactly once (nothing lost, no duplicates), no mood twice;
#   - every crisis reply (opted-out clients included) has its escalation,
#     its 988 message and its alert, each sent, the 988 one with its file;
#   - no ordinary message (check-in, reminder, anything but the answers to
#     STOP and HELP and urgent ones) was handed to the spool after the
#     moment its client's STOP was recorded. That moment is bounded from
#     above by the first of: the daemon's log line after the commit
#     (inbound.committed, or inbound.duplicate when the commit's own line
#     was lost to a SIGKILL), and the webhook peer's 200. A spool file's
#     mtime is at or before its hand-over (the loop is single-threaded and
#     the spool writes synchronously), so a file newer than that moment is
#     a violation and none is a false alarm;
#   - the daemon ends healthy: /healthz 200, nothing left queued or
#     sending, a clean stop, an intact database; after each held lock it
#     is healthy again, after each full disk it recovers by itself.
# ROUNDS (default 3) sets the length; about 15 s a round, 60-75 s in all.
# It SIGKILLs, so .ci/run leaves it out of the valgrind pass.
if [ -z "${IN_NS:-}" ]; then
    if unshare --user --map-root-user --mount true 2>/dev/null; then
        IN_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
    fi
    IN_NS=0
fi
. tests/integration/lib.sh

ROUNDS=${ROUNDS:-3}
CLIENTS=40
TALKERS=30   # clients 0..29 write; 30..39 stay silent, so reminders fall due
SECRET=soak-secret-0123456789
GEN_PIDS=""
LOCKER=""
soak_cleanup() {
    touch "$T/load.stop" 2>/dev/null
    for p in $GEN_PIDS $LOCKER; do kill "$p" 2>/dev/null; done
    for p in $GEN_PIDS $LOCKER; do wait "$p" 2>/dev/null; done
    [ -n "$GW_PID" ] && kill -CONT "$GW_PID" 2>/dev/null
    umount -l "$T/fs" 2>/dev/null
    cleanup
}
trap soak_cleanup EXIT

# The database on a small file system of its own when one can be mounted;
# otherwise the soak runs without its disk-full faults (and says so).
DISK_FULL=0
mkdir -p "$T/fs"
if [ "$IN_NS" = 1 ] && mount -t tmpfs -o size=48m tmpfs "$T/fs" 2>/dev/null; then
    DISK_FULL=1
fi
DB="$T/fs/db.sqlite"
sql() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }

# Every two hours a check-in, a reminder 20 minutes after it, a 50-minute
# window.
hours=$(i=0; while [ $i -lt 24 ]; do printf '"%02d:00"' $i; [ $i -lt 22 ] && printf ', '; i=$((i + 2)); done)
write_config "$hours"
sed -i -e "s|database = \"$T/db.sqlite\"|database = \"$DB\"|" -e 's/log_level = "debug"/log_level = "info"/' \
    -e 's/window_minutes = 240;/window_minutes = 50; reminder_minutes = 20;/' \
    -e "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\
 { name = \"slow\"; kind = \"fake\"; mode = \"timeout\"; timeout_ms = 2000; },\
 { name = \"kannel\"; kind = \"kannel\"; sendsms_url = \"http://127.0.0.1:9/cgi-bin/sendsms\";\
 username = \"u\"; password = \"p\"; secret = \"$SECRET\"; } );\n\
routing = { checkin = [ \"slow\", \"spool\" ]; urgent = [ \"spool\" ]; };|" "$T/checkin.conf"
# Each crisis reply its own escalation (no flood merge), so each is counted.
echo 'escalation = { flood_window_seconds = 0; };' >>"$T/checkin.conf"
check "the config is valid" "$GW" --check-config "$T/checkin.conf"

# The clock starts just after a slot, so it is due at once; restarts move it
# to the next slot, or half an hour on, when the reminders fall due.
PERIOD=7200
now=$(date +%s)
OFF=$(( PERIOD - now % PERIOD + 5 ))
export CHECKIN_GATEWAY_TIME_OFFSET=$OFF
start_gw || { not_ok "daemon starts"; finish; exit 1; }
stop_gw TERM
slot=$(( (now + OFF) / PERIOD * PERIOD ))
phone() { printf '1555560%04d' "$1"; }
{
    echo "BEGIN;"
    i=0
    while [ $i -lt $CLIENTS ]; do
        printf "INSERT INTO clients(alias, phone, tz, schedule, lang, specialist_id, state, next_due_at, next_slot_at, created_at) VALUES ('c%d', '+%s', 'UTC', 'daily', 'en', (SELECT id FROM specialists WHERE key='sam'), 'active', %d, %d, %d);\n" \
            $i "$(phone $i)" $slot $slot $slot
        i=$((i + 1))
    done
    echo "COMMIT;"
} | sqlite3 "$DB"
check_eq "the clients are enrolled" $CLIENTS "$(sql "SELECT count(*) FROM clients")"

# ---- the peers ---------------------------------------------------------------
# hook ID FROM TEXT: one kannel webhook, offered again (2 s time-out, then
# 0.2 s) until it is answered 200, as smsbox does; the 200's moment goes to
# $T/acked. The port is that of the daemon's current life. It gives up
# (into $T/unacked) only when told to, long after the load ended, or after
# SECONDS if given.
hook() {
    deadline=$(( $(date +%s) + ${4:-100000} ))
    while [ ! -f "$T/give.up" ] && [ "$(date +%s)" -lt "$deadline" ]; do
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' \
            "http://127.0.0.1:$(cat "$T/port")/sms/kannel?secret=$SECRET&id=$1&from=%2B$2&to=%2B15555550100&text=$3")
        if [ "$code" = 200 ]; then
            echo "$1|$(date +%s%3N)" >>"$T/acked"
            return 0
        fi
        sleep 0.2
    done
    echo "$1" >>"$T/unacked"
    return 1
}
CRISIS="i want to kill myself"
# spool_in FROM TEXT NAME: a spool file, listed in $T/dropped.
spool_in() { drop_in "$1" "$2" "$3" && echo "$3" >>"$T/dropped"; }

# The webhook peer: numbers, a crisis now and then, and a STOP from the
# client named in $T/stop.req when that appears (the rounds ask for them
# while the daemon is stopped or its disk is full).
webhooks() {
    n=0
    while [ ! -f "$T/load.stop" ] || [ -f "$T/stop.req" ]; do
        c=$(( (n * 7) % TALKERS )); text=$(( n % 10 + 1 ))
        if [ $(( n % 15 )) = 3 ]; then
            c=$(( (n / 15 * 7) % TALKERS )); text=$(echo "$CRISIS" | sed 's/ /%20/g')
        fi
        if [ -f "$T/stop.req" ]; then c=$(cat "$T/stop.req"); rm -f "$T/stop.req"; text=STOP; fi
        hook "w-$n" "$(phone $c)" "$text"
        n=$((n + 1))
    done
}
# The spool peer (smsd): a file every 0.1 s.
spools() {
    n=0
    while [ ! -f "$T/load.stop" ]; do
        c=$(( (n * 11 + 3) % TALKERS )); text=$(( n % 10 + 1 ))
        [ $(( n % 13 )) = 5 ] && text=$CRISIS
        spool_in "$(phone $c)" "$text" "s-$n"
        n=$((n + 1))
        sleep 0.1
    done
}

# ---- the faults ----------------------------------------------------------------
# restart [SECONDS]: SIGKILL (if it runs), then a new life with the clock
# SECONDS on, or (without) just after the next slot.
restart() {
    if [ -n "$GW_PID" ]; then
        kill -KILL "$GW_PID"; wait "$GW_PID" 2>/dev/null; GW_PID=""
        KILLS=$((KILLS + 1))
    fi
    OFF=$((OFF + ${1:-$(( PERIOD - ($(date +%s) + OFF) % PERIOD + 5 ))}))
    export CHECKIN_GATEWAY_TIME_OFFSET=$OFF
    start_gw || return 1
    echo "$PORT" >"$T/port"
}
# The clients 0..5 send STOP in the rounds, each when one of them has a
# check-in or reminder in flight if that comes within 3 s; 6..9 through the
# webhook peer while a fault lasts.
POOL="0 1 2 3 4 5"
PEER_POOL="6 7 8 9"
STOPS=0
# peer_stop: the webhook peer is asked for a STOP from the next of PEER_POOL.
peer_stop() {
    c=$(echo "$PEER_POOL" | cut -d' ' -f1)
    [ -n "$c" ] || return 0
    PEER_POOL=$(echo "$PEER_POOL" | cut -s -d' ' -f2-)
    echo "$c" >"$T/stop.req.tmp" && mv "$T/stop.req.tmp" "$T/stop.req"
    STOPS=$((STOPS + 1))
}
in_flight_pool() {
    list=$(echo "$POOL" | sed "s/\([0-9][0-9]*\)/'c\1'/g; s/ /,/g")
    sql "SELECT substr(c.alias, 2) FROM messages m JOIN clients c ON c.id = m.client_id WHERE m.state = 'sending' AND m.kind IN ('checkin','reminder') AND c.alias IN ($list) ORDER BY m.id LIMIT 1"
}
# next_stopper: STOPPER, a client of the pool, taken out of it; empty when
# none is left.
next_stopper() {
    STOPPER=""
    [ -n "$(echo "$POOL" | tr -d ' ')" ] || return 0
    c=""
    wait_for 3 eval 'c=$(in_flight_pool); [ -n "$c" ]' && INFLIGHT_STOPS=$((INFLIGHT_STOPS + 1))
    [ -n "$c" ] || c=$(echo "$POOL" | cut -d' ' -f1)
    POOL=$(echo " $POOL " | sed "s/ $c / /; s/^ *//; s/ *$//")
    STOPPER=$c
    STOPS=$((STOPS + 1))
}
# hold_lock SECONDS: an operator's sqlite3 shell in a write transaction.
hold_lock() {
    ( echo "BEGIN EXCLUSIVE;"; sleep "$1"; echo "COMMIT;" ) | sqlite3 -cmd ".timeout 5000" "$DB" &
    LOCKER=$!
    wait "$LOCKER"; LOCKER=""
}
# checkins_now: one-off check-ins for three silent clients and one of the
# pool (refused once it opted out), as an operator would ask for them.
checkins_now() {
    for a in "c$((30 + RANDOM_I % 10))" "c$((30 + (RANDOM_I + 3) % 10))" "c$((RANDOM_I % 10))"; do
        timeout 10 "$CTL" -c "$T/checkin.conf" checkin-now "$a" >/dev/null 2>&1 &
    done
    RANDOM_I=$((RANDOM_I + 7))
}

KILLS=0
INFLIGHT_STOPS=0
RANDOM_I=0
: >"$T/acked"; : >"$T/unacked"; : >"$T/dropped"
restart 0 || { not_ok "daemon starts with the clients"; finish; exit 1; }
webhooks & GEN_PIDS="$GEN_PIDS $!"
spools & GEN_PIDS="$GEN_PIDS $!"

r=0
while [ $r -lt "$ROUNDS" ]; do
    # SIGKILL, a restart (the next slot falls due), and a STOP by
    # webhook from a client whose check-in is in flight at "slow".
    restart || { not_ok "round $r: the daemon restarts"; break; }
    next_stopper
    [ -n "$STOPPER" ] && hook "x-stop-$STOPPER" "$(phone "$STOPPER")" STOP 15
    checkins_now
    sleep 1

    # SIGSTOP, longer than the webhook peer waits.
    kill -STOP "$GW_PID"; peer_stop; sleep 2.5; kill -CONT "$GW_PID"
    sleep 1

    # SIGKILL just after a STOP by spool was recorded while that client's
    # check-in was in flight: the restart must not send it.
    restart || { not_ok "round $r: the daemon restarts"; break; }
    next_stopper
    if [ -n "$STOPPER" ]; then
        spool_in "$(phone "$STOPPER")" STOP "x-stop-$STOPPER"
        wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='c$STOPPER'" >/dev/null
    fi
    # Half an hour on: the reminders of the silent clients fall due.
    restart 1800 || { not_ok "round $r: the daemon restarts"; break; }
    checkins_now
    sleep 1

    # A held write lock.
    mark=$(log_mark)
    hold_lock 2.5
    check "round $r: the held lock was felt (store.busy)" \
        eval 'log_since "$mark" | grep -q "event=store.busy"'
    # A daemon that does not recover ends the rounds (the rest would only
    # wait); the checks below then say what it cost.
    if ! wait_eq 10 200 healthz >/dev/null; then
        not_ok "round $r: healthy again after the lock"; break
    fi
    sleep 1

    # A full disk under the database. The WAL is emptied first so the next
    # commit needs new space.
    if [ "$DISK_FULL" = 1 ]; then
        mark=$(log_mark)
        sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
        dd if=/dev/zero of="$T/fs/filler" bs=64k 2>/dev/null
        check "round $r: the full disk was felt (store.unwritable)" \
            wait_for 15 eval 'log_since "$mark" | grep -q "event=store.unwritable.*full"'
        peer_stop
        sleep 1
        rm -f "$T/fs/filler"
        if ! wait_for 15 eval 'log_since "$mark" | grep -q "event=store.recovered"'; then
            not_ok "round $r: the store recovered by itself"; break
        fi
        sleep 1
    fi
    r=$((r + 1))
done
if [ "$DISK_FULL" = 0 ]; then
    N=$((N + 1)); echo "ok $N # SKIP no private tmpfs (unshare --user --mount refused): no disk-full faults"
fi

# The load ends; every message offered is offered until it is answered.
touch "$T/load.stop"
gens_running() { for p in $GEN_PIDS; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
wait_for 30 eval '! gens_running'
touch "$T/give.up"
for p in $GEN_PIDS; do wait "$p"; done
GEN_PIDS=""
ok "$r rounds of faults, $KILLS SIGKILLs; $(wc -l <"$T/acked") webhooks and $(wc -l <"$T/dropped") spool files offered"

# A last life: everything must settle.
restart 60 || not_ok "the daemon starts after the last SIGKILL"
check "every spool file is consumed" wait_eq 30 0 incoming_count
check "nothing is left queued or sending" wait_eq 30 0 \
    sql "SELECT count(*) FROM messages WHERE state IN ('queued','sending')"
check_eq "healthz is 200 at the end" 200 "$(healthz)"
# Its only problem may be "slow", which never answers (by design).
check_eq "healthz lists no problem but the provider that never answers" "" \
    "$(python3 -c 'import json, sys; print(" ".join(p for p in json.load(sys.stdin)["problems"] if not p.startswith("provider slow:")))' <"$T/healthz.json")"
stop_gw TERM
check_eq "the last stop is clean" 0 "$GW_RC"
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"

# ---- the analysis, in a scratch database beside the daemon's ---------------------
# ms STAMP: a log line's time (2025-01-02T03:04:05.678Z) in ms, in SQL.
A="$T/analysis.sqlite"
grep 'event=inbound.committed' "$T/gw.log" |
    sed -n 's/^\([^ ]*\) .* provider=\([^ ]*\) id=\([0-9]*\) .*/\1|\2|\3/p' >"$T/committed.txt"
grep 'event=inbound.duplicate' "$T/gw.log" |
    sed -n 's/^\([^ ]*\) .* provider=\([^ ]*\) id=\([^ ]*\) .*/\1|\2|\3/p' >"$T/duplicate.txt"
find "$T/spool/outgoing" -name 'gw-*' -printf '%f|%T@\n' |
    sed -n 's/^gw-\([0-9]*\)-[^|]*|\([0-9]*\)\.\([0-9][0-9][0-9]\).*/\1|\2\3/p' >"$T/files.txt"
sqlite3 "$A" <<SQL
CREATE TABLE committed(ts TEXT, provider TEXT, id INTEGER);
CREATE TABLE duplicate(ts TEXT, provider TEXT, ext TEXT);
CREATE TABLE files(id INTEGER, ms INTEGER);
CREATE TABLE acked(ext TEXT, ms INTEGER);
CREATE TABLE dropped(name TEXT);
.separator |
.import $T/committed.txt committed
.import $T/duplicate.txt duplicate
.import $T/files.txt files
.import $T/acked acked
.import $T/dropped dropped
SQL
asql() {
    sqlite3 -cmd ".timeout 5000" -cmd "ATTACH '$DB' AS g" "$A" "
    CREATE TEMP VIEW IF NOT EXISTS stops AS
      SELECT m.id, c.phone, m.provider, m.provider_msg_id AS ext, min(
        coalesce((SELECT min($(ms_of ts)) FROM committed WHERE id = m.id AND provider = m.provider), 1e18),
        coalesce((SELECT min($(ms_of ts)) FROM duplicate WHERE ext = m.provider_msg_id AND provider = m.provider), 1e18),
        coalesce((SELECT min(ms) FROM acked WHERE ext = m.provider_msg_id AND m.provider = 'kannel'), 1e18)) AS ms
      FROM g.messages m JOIN g.clients c ON c.id = m.client_id
      WHERE m.direction = 'in' AND m.body = 'STOP';
    $1"
}
ms_of() { echo "(CAST(strftime('%s', substr($1, 1, 19)) AS INTEGER) * 1000 + CAST(substr($1, 21, 3) AS INTEGER))"; }

# Nothing lost, nothing twice.
check_eq "every webhook was answered 200 in the end" 0 "$(wc -l <"$T/unacked")"
check_eq "every webhook answered 200 is in the database" 0 \
    "$(asql "SELECT count(*) FROM (SELECT DISTINCT ext FROM acked) a WHERE NOT EXISTS (SELECT 1 FROM g.messages m WHERE m.direction = 'in' AND m.provider = 'kannel' AND m.provider_msg_id = a.ext)")"
check_eq "every spool file removed is in the database" 0 \
    "$(asql "SELECT count(*) FROM dropped d WHERE NOT EXISTS (SELECT 1 FROM g.messages m WHERE m.direction = 'in' AND m.provider = 'spool' AND m.provider_msg_id LIKE d.name || ':%')")"
check_eq "no inbound message is recorded twice" 0 \
    "$(sql "SELECT count(*) - count(DISTINCT provider || '|' || CASE provider WHEN 'spool' THEN substr(provider_msg_id, 1, instr(provider_msg_id, ':') - 1) ELSE provider_msg_id END) FROM messages WHERE direction = 'in'")"
check_eq "nothing is recorded that no peer sent" 0 \
    "$(asql "SELECT count(*) FROM g.messages m WHERE m.direction = 'in' AND NOT EXISTS (SELECT 1 FROM acked WHERE ext = m.provider_msg_id) AND NOT EXISTS (SELECT 1 FROM dropped WHERE m.provider_msg_id LIKE name || ':%')")"
offered=$(grep -c 'event=inbound.duplicate' "$T/gw.log")
echo "# messages offered again and recognised as duplicates: $offered"
check_eq "no mood is recorded twice" 0 \
    "$(sql "SELECT count(*) FROM (SELECT message_id FROM moods GROUP BY message_id HAVING count(*) > 1)")"

# Every crisis reply: its escalation, its 988 message (with its file), its alert.
crises=$(sql "SELECT count(*) FROM messages WHERE direction = 'in' AND body = '$CRISIS'")
check "crisis replies came in ($crises)" test "$crises" -ge $((3 * ROUNDS))
check_eq "every crisis reply has its escalation" 0 \
    "$(sql "SELECT count(*) FROM messages m WHERE m.direction = 'in' AND m.body = '$CRISIS' AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.message_id = m.id AND e.severity IN ('high','urgent'))")"
CRISIS_ESC="escalations e JOIN messages r ON r.id = e.message_id AND r.body = '$CRISIS'"
check_eq "every crisis reply's 988 message was sent" 0 \
    "$(sql "SELECT count(*) FROM $CRISIS_ESC WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.escalation_id = e.id AND m.kind = 'crisis' AND m.peer = e.peer AND m.state = 'sent')")"
check_eq "and each has its file in outgoing/" 0 \
    "$(asql "SELECT count(*) FROM g.messages m WHERE m.kind = 'crisis' AND m.state = 'sent' AND NOT EXISTS (SELECT 1 FROM files f WHERE f.id = m.id)")"
check_eq "every crisis reply's alert was sent" 0 \
    "$(sql "SELECT count(*) FROM $CRISIS_ESC WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.escalation_id = e.id AND m.kind = 'alert' AND m.state = 'sent')")"
check "opted-out clients' crisis replies were among them" test \
    "$(sql "SELECT count(*) FROM messages m JOIN clients c ON c.id = m.client_id WHERE m.direction = 'in' AND m.body = '$CRISIS' AND c.state = 'opted_out' AND m.id > (SELECT min(s.id) FROM messages s WHERE s.client_id = c.id AND s.body = 'STOP')")" -ge 1

# The schedule's load was real.
checkins=$(asql "SELECT count(*) FROM files f JOIN g.messages m ON m.id = f.id WHERE m.kind = 'checkin'")
reminders=$(asql "SELECT count(*) FROM files f JOIN g.messages m ON m.id = f.id WHERE m.kind = 'reminder'")
check "check-ins went out ($checkins) and reminders ($reminders)" \
    test "$checkins" -ge $((30 * ROUNDS)) -a "$reminders" -ge $((2 * ROUNDS))

# STOP: ten clients, each with the moment it was recorded; nothing ordinary after it.
check_eq "$STOPS clients sent STOP, each recorded once" "$STOPS|$STOPS" \
    "$(sql "SELECT count(*) || '|' || count(DISTINCT client_id) FROM messages WHERE direction = 'in' AND body = 'STOP'")"
check_eq "and opted out" "$STOPS" "$(sql "SELECT count(*) FROM clients WHERE state = 'opted_out'")"
check_eq "each STOP's recorded moment is known (log line or the peer's 200)" 0 \
    "$(asql "SELECT count(*) FROM stops WHERE ms >= 1e18")"
echo "# STOPs sent while the client's check-in or reminder was in flight: $INFLIGHT_STOPS;" \
    "held back after the provider's 'try later': $(grep -c 'event=outbox.withheld' "$T/gw.log");" \
    "cancelled at a claim: $(sql "SELECT count(*) FROM messages WHERE last_error LIKE 'cancelled: the client opted out%'")"
asql "SELECT o.id, o.kind, o.peer, f.ms - s.ms FROM files f JOIN g.messages o ON o.id = f.id JOIN stops s ON s.phone = o.peer WHERE o.priority < 100 AND o.kind NOT IN ('stop','help') AND f.ms > s.ms" >"$T/violations.txt"
sed 's/^/# sent after STOP (message id|kind|to|ms after): /' "$T/violations.txt"
check_eq "no check-in, reminder or other ordinary text went out after a STOP was recorded" 0 \
    "$(wc -l <"$T/violations.txt")"
check_eq "each STOP got its answer" "$STOPS" \
    "$(asql "SELECT count(DISTINCT o.peer) FROM files f JOIN g.messages o ON o.id = f.id WHERE o.kind = 'stop'")"
finish
