# SPDX-License-Identifier: Apache-2.0
# The Debian package (issue 20): `make deb` builds it, and it is installed
# with apt into a fresh minimal Debian 12 chroot, made the way
# ../shared/fresh-machine.sh makes one (debootstrap --variant=minbase,
# the base tarball cached in $FRESH_CACHE, default /var/tmp/fresh-debian).
# Checked there: the system user, /var/lib/checkin-gateway, the config as a
# conffile readable by the service only, the unit enabled (the symlink
# deb-systemd-helper makes: no systemd runs in a chroot), the binaries
# working as the service user; `apt remove` keeps the data, `apt purge`
# removes it.
#
# Slow: about 3 minutes with the base tarball cached (2 of them building
# the package), 5 more the first time (debootstrap). So it runs only when
# asked, CHECKIN_DEB_TEST=1 (before a release: not in .ci/run, whose budget
# it would pass), and needs root; otherwise, or when the mirror cannot be
# reached, it is a TAP skip, never a pass (deb_lib.sh). test_deb_boot
# boots the installed package under systemd.
. tests/integration/lib.sh
. tests/integration/deb_lib.sh

deb_gate "builds the package and installs it in a Debian chroot"
deb_build
dpkg-deb -I "$DEB" >"$T/info"
check "the package depends on what it links (shlibs), adduser and tzdata" \
    grep -q 'Depends: .*libphonenumber.*libuv1.*adduser, tzdata' "$T/info"
deb_root

inroot apt-get update -q >"$T/apt.log" 2>&1 || skip_all "apt-get update cannot reach the mirror"
inroot apt-get install -y -q "/tmp/$DEB_NAME" >>"$T/apt.log" 2>&1
rc=$?
check_eq "apt-get install ./checkin-gateway_*.deb on a fresh Debian 12 exits 0" 0 "$rc"
[ "$rc" = 0 ] || tail -n 30 "$T/apt.log"

check_eq "the system user exists, home /var/lib/checkin-gateway, no login shell" \
    "checkin-gateway:/var/lib/checkin-gateway:/usr/sbin/nologin" \
    "$(inroot getent passwd checkin-gateway | cut -d: -f1,6,7)"
check_eq "the state directory is the user's, mode 0700" "checkin-gateway:checkin-gateway 700" \
    "$(inroot stat -c '%U:%G %a' /var/lib/checkin-gateway)"
for sd in "" /outgoing /incoming /sent /failed; do
    check_eq "the spool shared with smsd: /var/spool/checkin-gateway$sd" "checkin-gateway:dialout 2770" \
        "$(inroot stat -c '%U:%G %a' "/var/spool/checkin-gateway$sd")"
done
check "the config is a conffile" \
    sh -c "chroot '$R' dpkg-query -W -f='\${Conffiles}' checkin-gateway | grep -q ' /etc/checkin-gateway/checkin.conf '"
check_eq "the config is root:checkin-gateway 0640 (it may hold tokens)" "root:checkin-gateway 640" \
    "$(inroot stat -c '%U:%G %a' /etc/checkin-gateway/checkin.conf)"
check_eq "the unit is enabled (multi-user.target.wants)" "/lib/systemd/system/checkin-gateway.service" \
    "$(readlink "$R/etc/systemd/system/multi-user.target.wants/checkin-gateway.service")"
check_eq "the daily backup timer is enabled (timers.target.wants)" \
    "/lib/systemd/system/checkin-gateway-backup.timer" \
    "$(readlink "$R/etc/systemd/system/timers.target.wants/checkin-gateway-backup.timer")"
check "the operators' group exists" sh -c "chroot '$R' getent group checkin-operators >/dev/null"
check_eq "the operators' directory: the service's, group checkin-operators, 2750" \
    "checkin-gateway:checkin-operators 2750" \
    "$(inroot stat -c '%U:%G %a' /var/backups/checkin-gateway)"
check "the man pages are installed" test -f "$R/usr/share/man/man8/checkinctl.8.gz"
check "and name the package's paths (the config in /etc)" \
    sh -c "gzip -dc '$R/usr/share/man/man8/checkin-gateway.8.gz' | grep -q '^\.I /etc/checkin-gateway/checkin.conf\$'"
check "the installed config is valid, checked as the service user" \
    inroot runuser -u checkin-gateway -- checkin-gateway --check-config /etc/checkin-gateway/checkin.conf
inroot runuser -u checkin-gateway -- checkinctl enroll ana +15555550123 >"$T/enroll" 2>&1
check "checkinctl as the service user enrolls a client (the database in the state directory)" \
    test -f "$R/var/lib/checkin-gateway/checkin.db"

inroot runuser -u checkin-gateway -- checkinctl backup /var/backups/checkin-gateway/checkin-1.db >>"$T/enroll" 2>&1
check_eq "a backup there is 0640, readable by the operators' group" "640 checkin-operators" \
    "$(inroot stat -c '%a %G' /var/backups/checkin-gateway/checkin-1.db)"
inroot apt-get remove -y -q checkin-gateway >>"$T/apt.log" 2>&1
check "apt-get remove keeps the data" test -f "$R/var/lib/checkin-gateway/checkin.db"
check "and the config" test -f "$R/etc/checkin-gateway/checkin.conf"
inroot apt-get purge -y -q checkin-gateway >>"$T/apt.log" 2>&1
check "apt-get purge removes the data" test ! -e "$R/var/lib/checkin-gateway"
check "and the spool" test ! -e "$R/var/spool/checkin-gateway"
check "but not the backups" test -f "$R/var/backups/checkin-gateway/checkin-1.db"
check "and the config" test ! -e "$R/etc/checkin-gateway"
check "and the unit's enablement" test ! -e "$R/etc/systemd/system/multi-user.target.wants/checkin-gateway.service"
[ "$FAILS" = 0 ] || { echo "--- apt log ---"; tail -n 40 "$T/apt.log"; cat "$T/enroll"; }
finish
