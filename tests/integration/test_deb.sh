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
# asked, CHECKIN_DEB_TEST=1 (.ci/run does, in a stage of its own), and
# needs root; otherwise, or when the mirror cannot be reached, it is a TAP
# skip, never a pass.
. tests/integration/lib.sh

skip_all() { echo "ok 1 # SKIP $1"; exit 0; }
[ "${CHECKIN_DEB_TEST:-}" = 1 ] ||
    skip_all "builds the package and installs it in a Debian chroot (minutes): set CHECKIN_DEB_TEST=1"
[ "$(id -u)" = 0 ] || skip_all "needs root (debootstrap, chroot)"

mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || skip_all "no Debian mirror in this machine's apt sources"

# The package first: its build is this test's first check.
make --no-print-directory BUILD="$T/b" deb >"$T/deb.log" 2>&1
check "make deb builds the package" test -f "$T/b/deb/checkin-gateway_0.1.0_amd64.deb"
if [ "$FAILS" -gt 0 ]; then tail -n 30 "$T/deb.log"; finish; exit; fi
dpkg-deb -I "$T/b/deb/checkin-gateway_0.1.0_amd64.deb" >"$T/info"
check "the package depends on what it links (shlibs), adduser and tzdata" \
    grep -q 'Depends: .*libphonenumber.*libuv1.*adduser, tzdata' "$T/info"

# The base system, once (as fresh-machine.sh: same command, same cache).
cache=${FRESH_CACHE:-/var/tmp/fresh-debian}
if [ ! -f "$cache/base.tar" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null 2>&1 ||
        skip_all "debootstrap is not installed and cannot be"
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/rootfs.XXXXXX")
    if ! debootstrap --variant=minbase --include=git,make,ca-certificates bookworm "$tmp" \
            "$mirror" >"$cache/debootstrap.log" 2>&1; then
        rm -rf --one-file-system "$tmp"
        skip_all "debootstrap cannot reach the mirror $mirror (see $cache/debootstrap.log)"
    fi
    # Another run may have made it meanwhile: the rename keeps either whole.
    tar -C "$tmp" -cf "$cache/base.tar.$$" . && mv "$cache/base.tar.$$" "$cache/base.tar"
    rm -rf --one-file-system "$tmp"
fi

# The chroot is outside $T: lib.sh's cleanup must never meet a mount. Only
# /proc is mounted (the base has its own /dev nodes); removal stays on one
# file system whatever happens.
W=$(mktemp -d /var/tmp/checkin-deb.XXXXXX)
R="$W/root"
deb_cleanup() {
    umount "$R/proc" 2>/dev/null
    if grep -q " $W/" /proc/mounts; then
        echo "# mounts remain under $W; left in place"
    else
        rm -rf --one-file-system "$W"
    fi
    cleanup
}
trap deb_cleanup EXIT
mkdir -p "$R"
tar -C "$R" -xf "$cache/base.tar"
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null
mount -t proc proc "$R/proc"
cp "$T/b/deb/checkin-gateway_0.1.0_amd64.deb" "$R/tmp/"
inroot() {
    chroot "$R" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

inroot apt-get update -q >"$T/apt.log" 2>&1 || skip_all "apt-get update cannot reach the mirror"
inroot apt-get install -y -q /tmp/checkin-gateway_0.1.0_amd64.deb >>"$T/apt.log" 2>&1
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
check "the operators' group exists" inroot getent group checkin-operators
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
