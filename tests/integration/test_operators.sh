# SPDX-License-Identifier: Apache-2.0
# Operators who are not root read backups and reports (issue 20, item 15):
# in the operators' directory as installed (/var/backups/checkin-gateway:
# the service's, group checkin-operators, 2750 setgid), what checkinctl
# writes as the service user (the README's `ctl backup ...`, `ctl report
# -o ...`, `ctl export-all --output ...`) is 0640 and an operator in the group,
# not root, reads it; elsewhere it stays 0600, whatever the umask. Two
# numeric uids and a free gid stand for the users (no account is made).
# Needs root (setpriv); otherwise a TAP skip.
. tests/integration/lib.sh

skip_all() { echo "ok 1 # SKIP $1"; exit 0; }
[ "$(id -u)" = 0 ] || skip_all "needs root to act as two users"
command -v setpriv >/dev/null || skip_all "setpriv (util-linux) is not installed"
SVC=65534
OPER=65531
OPS=65500
while getent group "$OPS" >/dev/null; do OPS=$((OPS + 1)); done

# The service as `sudo -u checkin-gateway` runs it (a restrictive umask, to
# show the mode does not come from it); the operator: its own uid, only the
# operators' group.
as_svc() { (umask 077; setpriv --reuid=$SVC --regid=$SVC --clear-groups "$@"); }
as_oper() { setpriv --reuid=$OPER --regid=$OPER --groups=$OPS "$@"; }
ctl_svc() { as_svc "$CTL" -c "$T/checkin.conf" "$@"; }

write_config
chmod 0711 "$T"
chown $SVC:$SVC "$T" "$T/checkin.conf"
B="$T/backups"
install -d -m 2750 -o $SVC -g $OPS "$B"    # as make install and the package make it
install -d -m 0700 -o $SVC "$T/private"
check "enroll a client" ctl_svc enroll ana +15555550123

day=$(date +%F)
check "ctl backup into the operators' directory" ctl_svc backup "$B/checkin-$day.db"
check_eq "the backup is 0640, group checkin-operators" "640 $OPS" "$(stat -c '%a %g' "$B/checkin-$day.db")"
check_eq "an operator (not root) reads the backup with sqlite3" 1 \
    "$(as_oper sqlite3 "$B/checkin-$day.db" 'SELECT count(*) FROM clients' 2>&1)"
check "ctl report -o into the operators' directory" ctl_svc report --days 30 -o "$B/program-$day.html"
check_eq "the report is 0640" 640 "$(stat -c %a "$B/program-$day.html")"
as_oper cat "$B/program-$day.html" >"$T/copy.html"
check_eq "an operator copies the report" 0 $?
check "and it is the report" grep -q "<html" "$T/copy.html"
check "ctl export-all --output into the operators' directory" \
    ctl_svc export-all --format csv --table moods --output "$B/moods-$day.csv"
check_eq "the export is 0640" 640 "$(stat -c %a "$B/moods-$day.csv")"
as_oper cat "$B/moods-$day.csv" >/dev/null
check_eq "an operator reads the export" 0 $?

check "ctl backup elsewhere" ctl_svc backup "$T/private/checkin.db"
check_eq "is 0600 (health data, no shared directory)" 600 "$(stat -c %a "$T/private/checkin.db")"
check "an operator cannot read a backup written elsewhere" \
    sh -c "! setpriv --reuid=$OPER --regid=$OPER --groups=$OPS cat '$T/private/checkin.db' 2>/dev/null"
finish
