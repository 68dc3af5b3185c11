# SPDX-License-Identifier: Apache-2.0
# The gateway and smsd on one spool (issue 20, item 7), without a modem:
# two different users sharing the spool through a group, as installed
# (README, "Running a real smsd"): the directories 2770 setgid, group
# dialout (Debian's smstools runs smsd as user smsd, group dialout); the
# gateway runs as its own user with dialout as a supplementary group and
# the unit's UMask=0007. Here "smsd" is uid 65533 with gid dialout and
# umask 022 (smsd's), and the service is uid 65534 (numeric ids: no
# account is created on this machine). smsd's file in incoming/ is read
# and removed by the gateway; the gateway's outgoing file can be read,
# rewritten (smsd adds Sent: and Message_id:) and moved to sent/ by smsd.
# Needs root (setpriv to change users); otherwise a TAP skip.
. tests/integration/lib.sh

skip_all() { echo "ok 1 # SKIP $1"; exit 0; }
[ "$(id -u)" = 0 ] || skip_all "needs root to run the two sides as two users"
command -v setpriv >/dev/null || skip_all "setpriv (util-linux) is not installed"
DIALOUT=$(getent group dialout | cut -d: -f3)
[ -n "$DIALOUT" ] || skip_all "no dialout group on this machine"
SVC=65534
SMSD=65533
# The unit's umask and groups, as shipped.
UMASK=$(sed -n 's/^UMask=//p' etc/checkin-gateway.service)
check_eq "the unit gives the service the dialout group" dialout \
    "$(sed -n 's/^SupplementaryGroups=//p' etc/checkin-gateway.service)"

# The service side: its user, dialout beside its own group, the unit's umask.
as_svc() { (umask "$UMASK"; setpriv --reuid=$SVC --regid=$SVC --groups="$DIALOUT" "$@"); }
# smsd's side: its user, dialout as its group (-g dialout), no other group.
as_smsd() { (umask 022; setpriv --reuid=$SMSD --regid="$DIALOUT" --clear-groups "$@"); }

write_config
chmod 0711 "$T"
chown $SVC:$SVC "$T" "$T/checkin.conf"
# The layout make install and the package make: 2770, group dialout.
install -d -m 2770 -g dialout "$T/spool" "$T/spool/outgoing" "$T/spool/incoming" \
    "$T/spool/checked" "$T/spool/sent" "$T/spool/failed" "$T/spool/rejected" "$T/spool/reports"
chown $SVC "$T/spool" "$T/spool"/*
: >"$T/gw.log"
cat >"$T/gw-as-service" <<EOF
#!/bin/sh
umask $UMASK
exec setpriv --reuid=$SVC --regid=$SVC --groups=$DIALOUT "$BUILD/checkin-gateway" "\$@"
EOF
chmod 0755 "$T/gw-as-service"
GW="$T/gw-as-service"
CTL_AS() { as_svc "$BUILD/checkinctl" -c "$T/checkin.conf" "$@"; }
svc_sql() { as_svc sqlite3 -cmd ".timeout 5000" "$T/db.sqlite" "$1"; }

start_gw || { not_ok "the daemon starts as the service user"; finish; exit 1; }
ok "the daemon starts as the service user with dialout as a supplementary group"
check "enroll a client (checkinctl as the service user)" CTL_AS enroll alex +15555550123
check "checkin-now" CTL_AS checkin-now alex

out() { ls "$T/spool/outgoing" | grep -v '^\.' | head -n 1; }
check "the check-in is written to outgoing/" wait_for 10 sh -c "ls '$T/spool/outgoing' | grep -q '^gw-'"
f=$(out)
check_eq "the outgoing file is 0660, group dialout (owner: the service)" "660 dialout $SVC" \
    "$(stat -c '%a %G %u' "$T/spool/outgoing/$f")"
# smsd: outgoing -> checked (its queue), reads it, sends, moves it to sent/
# and adds its headers there.
check "smsd moves it from outgoing/ to checked/" as_smsd mv "$T/spool/outgoing/$f" "$T/spool/checked/$f"
check "smsd reads it" as_smsd grep -q '^To: 15555550123' "$T/spool/checked/$f"
check "smsd moves it to sent/" as_smsd mv "$T/spool/checked/$f" "$T/spool/sent/$f"
check "smsd adds its headers to the sent file" \
    as_smsd sh -c "printf 'Sent: 26-12-06 10:00:00\nMessage_id: 117\n' >>'$T/spool/sent/$f'"
check "the gateway reads smsd's sent/ file" \
    wait_eq 10 0 sh -c "ls '$T/spool/sent' | grep -c '^gw-'"

# smsd writes a reply into incoming/ (a dot-name, then a rename), as itself.
# Its owner is read before the rename: the gateway (inotify) may take the
# file within milliseconds of it appearing under its name.
owner=$(as_smsd sh -c "printf 'From: 15555550123\nReceived: 26-12-06 10:01:00\nAlphabet: UTF-8\n\n7' >'$T/spool/incoming/.GSM1.x' &&
    stat -c '%u %G' '$T/spool/incoming/.GSM1.x' &&
    mv '$T/spool/incoming/.GSM1.x' '$T/spool/incoming/GSM1.x'")
check_eq "smsd's incoming file is its own, group dialout (setgid directory)" "$SMSD dialout" "$owner"
check "the gateway reads smsd's reply (the mood is recorded)" wait_eq 10 7.0 svc_sql "SELECT score FROM moods"
check "and removes smsd's file from incoming/" wait_eq 10 0 incoming_count
check "nothing was rejected" test -z "$(ls -A "$T/spool/rejected")"
stop_gw
finish
