# SPDX-License-Identifier: Apache-2.0
# Another process holds the database's write lock for seconds (an operator's
# sqlite3 shell left in a transaction). The daemon's loop keeps answering
# (each statement waits at most 200 ms), inbound waits in the spool, after
# 2 s of locks /healthz says the store is locked (503), and once the lock is
# released everything recovers by itself with nothing lost.
. tests/integration/lib.sh

write_config
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll rae +15555550177 --specialist sam >/dev/null

# The lock is waited for, since the daemon may be writing (the welcome just sent).
check "the database is locked by another process" lock_db
drop_in 15555550177 "i want to kill myself" locked-1
drop_in 15555550177 "4" locked-2
check "the log says the store is locked" wait_for "$LOCK_WAIT" grep -q "event=store.busy" "$T/gw.log"
check "after 2 s of locks it is marked unwritable" \
    wait_for "$LOCK_WAIT" grep -q "event=store.unwritable.*locked" "$T/gw.log"
code=$(curl -s -m 2 -o "$T/healthz.json" -w '%{http_code}' "http://127.0.0.1:$PORT/healthz")
check_eq "the loop still answers /healthz at once, with 503" 503 "$code"
check "healthz says the store is locked" grep -q '"store":"locked' "$T/healthz.json"
check_eq "both replies wait in incoming/" 2 "$(incoming_count)"

unlock_db
check "the store recovers by itself" wait_for 10 grep -q "event=store.recovered" "$T/gw.log"
check "both replies are recorded" wait_eq 40 2 sql "SELECT count(*) FROM messages WHERE direction='in'"
check "and acknowledged" wait_eq 10 0 incoming_count
check "the crisis reply's 988 message went out" wait_eq 10 1 count_out 15555550177 "reach out. Call or text 988"
check "and its alert" wait_eq 10 1 count_out 15555550101 ACK
check_eq "healthz is 200 again" 200 "$(healthz)"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
finish
