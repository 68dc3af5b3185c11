# SPDX-License-Identifier: Apache-2.0
# Bad and unusual input: malformed spool files, invalid UTF-8, unknown
# senders, STOP and what follows it (safety rule 5), an unreadable answer,
# and a database locked by another process (nothing acknowledged that is
# not committed).
. tests/integration/lib.sh

write_config
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll lee +15555550166 --specialist jordan >/dev/null

# A malformed file: no From header. It is set aside, never deleted.
mkdir -p "$T/spool/incoming"
printf 'Received: 26-11-23 04:12:03\n\nhello' >"$T/spool/incoming/.bad1"
mv "$T/spool/incoming/.bad1" "$T/spool/incoming/bad1"
check "a file with no sender is moved to rejected/" wait_for 10 test -f "$T/spool/rejected/bad1"
check "and the log says why" matching "bad1" grep "level=error" "$T/gw.log"
check "the daemon keeps running" kill -0 "$GW_PID"
printf 'From: not-a-number!!\n\nhello' >"$T/spool/incoming/bad2"
check "a file with an unreadable sender is moved to rejected/" wait_for 10 test -f "$T/spool/rejected/bad2"

# Invalid UTF-8 is stored byte for byte.
printf 'From: 15555550166\nAlphabet: UTF-8\n\n\377\376 6' >"$T/spool/incoming/.u"; mv "$T/spool/incoming/.u" "$T/spool/incoming/utf8"
check "invalid UTF-8 is recorded" wait_eq 10 1 sql "SELECT count(*) FROM messages WHERE direction='in' AND hex(body) LIKE 'FFFE%'"

# A number off the scale: asked once more, once.
ctl checkin-now lee >/dev/null
wait_eq 10 1 count_out 15555550166 "How are you" >/dev/null
drop_in 15555550166 "11"
check "an off-scale answer is asked once more" wait_eq 10 1 count_out 15555550166 "please reply with a number"
drop_in 15555550166 "12"
sleep 1
check_eq "but only once per check-in" 1 "$(count_out 15555550166 "please reply with a number")"
check_eq "no mood is recorded for an off-scale number" 0 "$(sql "SELECT count(*) FROM moods WHERE score > 10")"

# A stranger in crisis still reaches a person: 988 answer, every specialist alerted.
drop_in 15555550999 "I am going to kill myself"
check "a stranger in crisis gets the 988 message" wait_eq 10 1 count_out 15555550999 "reach out. Call or text 988"
check "and every specialist is alerted" wait_eq 10 1 count_out 15555550101 "unknown number"
check_eq "the escalation is recorded without a client" 1 "$(sql "SELECT count(*) FROM escalations WHERE client_id IS NULL AND peer='+15555550999'")"
drop_in 15555550998 "hello who is this"
sleep 1
check_eq "a stranger's ordinary text gets no answer" 0 "$(count_out 15555550998 .)"

# STOP: one confirmation, then no check-ins; a crisis still alerts (rule 5).
drop_in 15555550166 "STOP"
check "STOP opts the client out" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='lee'"
check "STOP is confirmed" wait_eq 10 1 count_out 15555550166 "no more check-ins"
drop_in 15555550166 "stop"
sleep 1
check_eq "a second STOP sends no second confirmation" 1 "$(count_out 15555550166 "no more check-ins")"
ctl checkin-now lee >"$T/out" 2>&1; rc=$?
check_eq "checkin-now refuses an opted-out client" 1 "$rc"
drop_in 15555550166 "i want to die"
check "an opted-out client in crisis gets the 988 message" wait_eq 10 1 count_out 15555550166 "reach out. Call or text 988"
check "and the specialist is alerted" wait_eq 10 1 count_out 15555550100 "lee"
check_eq "no check-in went out after STOP" 1 "$(count_out 15555550166 "How are you")"
drop_in 15555550166 "START"
check "START opts back in" wait_eq 10 active sql "SELECT state FROM clients WHERE alias='lee'"
check "and is confirmed" wait_eq 10 1 count_out 15555550166 "check-ins resume"

# The database locked by another process: the file stays until committed.
check "the database is locked by another process" lock_db
drop_in 15555550166 "5" locked-1
check "and the log says it was not committed" wait_for "$LOCK_WAIT" matching "inbound.not_committed" cat "$T/gw.log"
check "while the database is locked the file stays in incoming/" test -f "$T/spool/incoming/locked-1"
unlock_db
check "after the lock is gone the reply is recorded" wait_eq 40 1 sql "SELECT count(*) FROM moods WHERE score=5"
check "and the file is removed" wait_for 10 test ! -e "$T/spool/incoming/locked-1"
check_eq "healthz is 200 again" 200 "$(healthz)"

stop_gw TERM
check_eq "SIGTERM stops with exit 0" 0 "$GW_RC"
finish
