# SPDX-License-Identifier: Apache-2.0
# The crash soak: under a mixed load (1,000 inbound replies through the
# spool, 1,000+ scheduled check-ins and the escalations the replies cause),
# the daemon is killed with SIGKILL at random moments, KILLS times, and
# restarted with its clock moved two hours on (CHECKIN_GATEWAY_TIME_OFFSET),
# so that every restart makes every client's next check-in due. At the end:
#   - every reply the spool provider saw acknowledged (its file removed) is
#     in the database, once; no mood is recorded twice;
#   - every escalation's 988 message and alert went out (a file in
#     outgoing/ for each);
#   - messages sent twice (a kill between the file and the commit:
#     at-least-once) are counted and at most one per kill;
#   - PRAGMA integrity_check is ok.
. tests/integration/lib.sh

KILLS=${KILLS:-22}
REPLIES=1000
CLIENTS=60
write_config '"00:00", "02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"'
sed -i 's/log_level = "debug"/log_level = "info"/; s/window_minutes = 240/window_minutes = 180/' "$T/checkin.conf"

# Enrol the clients straight into the database the way checkinctl would
# (60 processes would take longer than the test): due now.
start_gw || { not_ok "daemon starts"; finish; exit 1; }
stop_gw TERM
now=$(date +%s)
{
    echo "BEGIN;"
    i=0
    while [ $i -lt $CLIENTS ]; do
        printf "INSERT INTO clients(alias, phone, tz, schedule, lang, specialist_id, state, next_due_at, next_slot_at, created_at) VALUES ('c%d', '+1555560%04d', 'UTC', 'daily', 'en', (SELECT id FROM specialists WHERE key='sam'), 'active', %d, %d, %d);\n" \
            $i $i $now $now $now
        i=$((i + 1))
    done
    echo "COMMIT;"
} | sqlite3 "$T/db.sqlite"
check_eq "the clients are enrolled" $CLIENTS "$(sql "SELECT count(*) FROM clients")"

# The replies: numbers mostly, a crisis now and then, from the clients'
# phones, written the way smsd writes them, in batches while the daemon
# lives and dies.
drop_replies() {
    n=0
    while [ $n -lt $REPLIES ]; do
        b=0
        while [ $b -lt 50 ]; do
            c=$(( (n * 7) % CLIENTS ))
            case $(( n % 25 )) in
                0) text="i want to kill myself" ;;
                *) text=$(( n % 10 + 1 )) ;;
            esac
            drop_in "1555560$(printf %04d $c)" "$text" "r-$n" 2>/dev/null
            n=$((n + 1)); b=$((b + 1))
        done
        sleep 0.7
    done
}
drop_replies &
DROPPER=$!
trap 'kill $DROPPER 2>/dev/null; cleanup' EXIT

offset=0
k=0
while [ $k -lt "$KILLS" ]; do
    offset=$((offset + 7200))
    export CHECKIN_GATEWAY_TIME_OFFSET=$offset
    start_gw || { not_ok "daemon restart $k"; break; }
    sleep "$(awk -v s="$k$$" 'BEGIN { srand(s); printf "%.2f", 0.2 + rand() * 1.0 }')"
    kill -KILL "$GW_PID"; wait "$GW_PID" 2>/dev/null; GW_PID=""
    k=$((k + 1))
done
ok "killed with SIGKILL $k times at random moments"
wait "$DROPPER"

# A last life, not killed: everything must settle.
export CHECKIN_GATEWAY_TIME_OFFSET=$((offset + 60))
start_gw || not_ok "daemon starts after the last kill"
check "every reply file is consumed" wait_eq 60 0 incoming_count
check "nothing is left queued or sending" wait_eq 60 0 \
    sql "SELECT count(*) FROM messages WHERE state IN ('queued','sending')"
stop_gw TERM
check_eq "the last stop is clean" 0 "$GW_RC"

check_eq "every acknowledged reply is in the database" $REPLIES \
    "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND provider_msg_id LIKE 'r-%'")"
check_eq "each exactly once" $REPLIES \
    "$(sql "SELECT count(DISTINCT substr(provider_msg_id, 1, instr(provider_msg_id, ':') - 1)) FROM messages WHERE direction='in'")"
check_eq "no mood is recorded twice" 0 \
    "$(sql "SELECT count(*) FROM (SELECT message_id FROM moods GROUP BY message_id HAVING count(*) > 1)")"
check_eq "every numeric reply has its mood" \
    "$(sql "SELECT count(*) FROM messages WHERE direction='in' AND body GLOB '[0-9]*'")" \
    "$(sql "SELECT count(*) FROM moods")"
checkins=$(sql "SELECT count(*) FROM checkins")
check "at least 1000 check-ins were scheduled ($checkins)" test "$checkins" -ge 1000
check_eq "no check-in is recorded twice for one slot" 0 \
    "$(sql "SELECT count(*) - count(DISTINCT client_id || '@' || due_at) FROM checkins")"
escalations=$(sql "SELECT count(*) FROM escalations WHERE severity IN ('high','urgent')")
check "the crisis replies escalated ($escalations)" test "$escalations" -ge 20
check_eq "every escalation's 988 message was sent" 0 \
    "$(sql "SELECT count(*) FROM escalations e WHERE e.severity IN ('high','urgent') AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.escalation_id = e.id AND m.kind = 'crisis' AND m.state = 'sent')")"
check_eq "every escalation's alert was sent" 0 \
    "$(sql "SELECT count(*) FROM escalations e WHERE e.severity IN ('high','urgent') AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.escalation_id = e.id AND m.kind = 'alert' AND m.state = 'sent')")"
# Each sent message's file is in outgoing/ (names gw-<message id>-...).
ls "$T/spool/outgoing" | sed -n 's/^gw-\([0-9]*\)-.*/\1/p' | sort >"$T/files.txt"
sql "SELECT id FROM messages WHERE direction='out' AND state='sent' AND escalation_id IS NOT NULL" | sort >"$T/esc.txt"
missing=$(sort -u "$T/files.txt" | comm -13 - "$T/esc.txt" | wc -l)
check_eq "every escalation message sent has its file in outgoing/" 0 "$missing"
extra=$(( $(wc -l <"$T/files.txt") - $(sort -u "$T/files.txt" | wc -l) ))
dup_checkins=$(sort "$T/files.txt" | uniq -d | while read -r id; do sql "SELECT kind FROM messages WHERE id=$id"; done | grep -c checkin)
echo "# messages sent twice (at-least-once after a kill): $extra, of them check-ins: $dup_checkins; kills: $k"
echo "# restarts that found sends interrupted: $(grep -c 'event=outbox.recovered' "$T/gw.log"), replies deferred or re-offered: $(grep -c 'event=inbound.duplicate' "$T/gw.log") duplicates seen"
check "messages sent twice are at most one per kill ($extra <= $k)" test "$extra" -le "$k"
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
finish
