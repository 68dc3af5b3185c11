# SPDX-License-Identifier: Apache-2.0
# Another process holds the database's write lock while the daemon starts
# (an operator's sqlite3 shell left in a transaction), longer than the
# start-up's own wait. The daemon starts anyway, degraded: /healthz is 503
# and says the store is locked, inbound waits in the spool. Once the lock
# is released it finishes the start-up writes by itself (the specialists of
# the config, the messages a crash left "sending" back to the queue) and
# everything goes on, with nothing lost. It used to exit 3
# ("specialist upsert: database is locked").
. tests/integration/lib.sh

write_config
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll rae +15555550177 --specialist sam >/dev/null
check "the welcome goes out" wait_eq 10 1 count_out 15555550177 .
stop_gw KILL
# As if the daemon had died while sending the welcome; and a specialist is
# added to the config meanwhile.
sql "UPDATE messages SET state='sending' WHERE kind='welcome'"
rm -f "$T"/spool/outgoing/*
sed -i 's|^  { id = "jordan";.*|&\n  { id = "lee"; name = "Lee"; phone = "+15555550102"; },|' "$T/checkin.conf"

check "the lock is held" lock_db
mark=$(log_mark)
start_gw || { not_ok "the daemon starts while the database is locked"; unlock_db; finish; exit 1; }
ok "the daemon starts while the database is locked"
check "the log says it started without writing, locked" \
    eval 'log_since "$mark" | grep -q "event=store.unwritable.*locked by another process"'
check_eq "healthz is 503" 503 "$(healthz)"
check "healthz says the store is locked" grep -q '"store":"locked by another process' "$T/healthz.json"
drop_in 15555550177 "6" locked-start-1
sleep 1.5
check "the daemon still runs" kill -0 "$GW_PID"
check_eq "the reply waits in incoming/" 1 "$(incoming_count)"
check_eq "nothing is sent meanwhile" 0 "$(outbox_lines | wc -l)"

unlock_db
check "the start-up writes are done once the lock is gone" \
    wait_for 10 eval 'log_since "$mark" | grep -q "event=store.ready"'
check "the store recovers" wait_for 10 eval 'log_since "$mark" | grep -q "event=store.recovered"'
check_eq "the new specialist is recorded" Lee "$(sql "SELECT name FROM specialists WHERE key='lee'")"
check "the interrupted welcome is requeued and sent" wait_eq 10 1 count_out 15555550177 .
check "the waiting reply is recorded" wait_eq 20 1 sql "SELECT count(*) FROM moods"
check "and acknowledged" wait_eq 10 0 incoming_count
check_eq "healthz is 200 again" 200 "$(healthz)"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
