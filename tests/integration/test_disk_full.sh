# SPDX-License-Identifier: Apache-2.0
# The database's file system fills up while the daemon runs, then space comes
# back; then the file system is read-only when the daemon starts. The file
# system is a small tmpfs mounted in a private user and mount namespace
# (unshare; no root needed where unprivileged user namespaces are allowed).
# Full: inbound is refused and stays in the spool, /healthz is 503 with the
# reason, nothing is lost, and everything recovers by itself once there is
# room. Read-only at start: the daemon starts without writing, consumes
# nothing, says so, and takes up its work once the file system is writable.
if [ -z "${IN_NS:-}" ]; then
    if unshare --user --map-root-user --mount true 2>/dev/null; then
        IN_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
    fi
    echo "ok 1 # SKIP unshare --user --mount is not allowed here: no private tmpfs"
    exit 0
fi
. tests/integration/lib.sh

mkdir -p "$T/fs"
if ! mount -t tmpfs -o size=3m tmpfs "$T/fs"; then
    echo "ok 1 # SKIP cannot mount a tmpfs in the namespace"; exit 0
fi
trap 'umount -l "$T/fs" 2>/dev/null; cleanup' EXIT
write_config
sed -i "s|database = \"$T/db.sqlite\"|database = \"$T/fs/db.sqlite\"|" "$T/checkin.conf"
sql() { sqlite3 -cmd ".timeout 5000" "$T/fs/db.sqlite" "$1"; }
hz_store() { grep -o '"store":"[^"]*"' "$T/healthz.json" | cut -d'"' -f4; }

start_gw || { not_ok "daemon starts on the tmpfs"; finish; exit 1; }
ctl enroll rae +15555550177 --specialist sam >/dev/null
drop_in 15555550177 "5" before-1
check "a reply is recorded while there is room" wait_eq 10 1 sql "SELECT count(*) FROM moods"

# Fill the file system. The WAL is emptied first so the next commit needs
# new space (a WAL is otherwise rewritten in place).
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
dd if=/dev/zero of="$T/fs/filler" bs=16k 2>/dev/null
check_eq "the file system is full" 0 "$(df --output=avail "$T/fs" | tail -n 1 | tr -d ' ')"
mark=$(log_mark)
drop_in 15555550177 "i want to kill myself" full-1
check "the commit fails and the log says the store is unwritable" \
    wait_for 10 eval 'log_since "$mark" | grep -q "event=store.unwritable.*full"'
drop_in 15555550177 "7" full-2
sleep 1
check_eq "both replies wait in incoming/ (nothing acknowledged)" 2 "$(incoming_count)"
check_eq "nothing of them is in the database" 1 "$(sql "SELECT count(*) FROM messages WHERE direction='in'")"
check_eq "healthz is 503" 503 "$(healthz)"
check_eq "healthz says why" "disk or database full" "$(hz_store | cut -d: -f1)"
check "the refusal is retryable and logged by the spool provider" \
    grep -q "database not writable" "$T/gw.log"

# Room again: it recovers by itself.
rm -f "$T/fs/filler"
check "the log says the store recovered" wait_for 10 grep -q "event=store.recovered" "$T/gw.log"
check "both waiting replies are recorded (the spool retries)" \
    wait_eq 40 3 sql "SELECT count(*) FROM messages WHERE direction='in'"
check "and acknowledged: incoming/ is empty" wait_eq 10 0 incoming_count
check "the crisis reply escalated" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
check "its 988 message went out" wait_eq 10 1 count_out 15555550177 "reach out. Call or text 988"
check "its alert went out" wait_eq 10 1 count_out 15555550101 ACK
check_eq "healthz is 200 again" 200 "$(healthz)"
check_eq "no mood is recorded twice" 2 "$(sql "SELECT count(*) FROM moods")"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"

# Read-only at start (a file system mounted read-only, e.g. after errors):
# the daemon starts without writing, refuses inbound (the file stays),
# /healthz says so, and it takes up its work once the file system is
# writable again, without a restart.
mount -o remount,ro "$T/fs"
mark=$(log_mark)
start_gw || { not_ok "daemon starts on a read-only database"; finish; exit 1; }
ok "the daemon starts on a read-only database"
check "the log says it cannot write" eval 'log_since "$mark" | grep -q "event=store.unwritable.*read-only"'
drop_in 15555550177 "6" ro-1
sleep 1.5
check_eq "the reply waits in incoming/" 1 "$(incoming_count)"
check_eq "healthz is 503" 503 "$(healthz)"
check_eq "healthz says read-only" "read-only" "$(hz_store | cut -d: -f1)"
mount -o remount,rw "$T/fs"
check "the store is reopened read-write by itself" wait_for 10 grep -q "event=store.reopened" "$T/gw.log"
check "then the waiting reply is recorded" wait_eq 40 3 sql "SELECT count(*) FROM moods"
check "and acknowledged" wait_eq 10 0 incoming_count
check_eq "healthz is 200 again" 200 "$(healthz)"
stop_gw TERM
check_eq "the daemon stops cleanly" 0 "$GW_RC"
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
finish
