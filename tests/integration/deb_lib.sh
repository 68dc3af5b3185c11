# SPDX-License-Identifier: Apache-2.0
# deb_lib.sh: the Debian package tests (test_deb, test_deb_boot), after
# lib.sh. Both are slow, so they run only when asked, CHECKIN_DEB_TEST=1,
# and need root; otherwise, or when the mirror cannot be reached, they are
# a TAP skip, never a pass.
#   deb_gate WHAT            skip unless asked and root (WHAT the test does,
#                            the skip's reason); finds $mirror
#   deb_build                `make deb` into $T/b, its first checks; $DEB
#   deb_root                 a fresh minimal Debian 12 in $R, the package in
#                            $R/tmp/ ($DEB_NAME), /proc mounted for chroot
#   inroot CMD...            CMD in that chroot, with a clean environment
# The base system is made the way ../shared/fresh-machine.sh makes one
# (debootstrap --variant=minbase, the tarball cached in $FRESH_CACHE,
# default /var/tmp/fresh-debian): about 5 minutes the first time.
DEB_NAME=checkin-gateway_0.1.0_amd64.deb

skip_all() { echo "ok 1 # SKIP $1"; exit 0; }

deb_gate() {
    [ "${CHECKIN_DEB_TEST:-}" = 1 ] || skip_all "$1 (minutes): set CHECKIN_DEB_TEST=1"
    [ "$(id -u)" = 0 ] || skip_all "needs root (debootstrap, chroot)"
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$mirror" ] || skip_all "no Debian mirror in this machine's apt sources"
}

# The package first: its build is the test's first check; nothing else
# runs without it.
deb_build() {
    make --no-print-directory BUILD="$T/b" deb >"$T/deb.log" 2>&1
    DEB="$T/b/deb/$DEB_NAME"
    check "make deb builds the package" test -f "$DEB"
    if [ "$FAILS" -gt 0 ]; then tail -n 30 "$T/deb.log"; finish; exit; fi
}

# The base system, once (as fresh-machine.sh: same command, same cache).
deb_base() {
    cache=${FRESH_CACHE:-/var/tmp/fresh-debian}
    [ -f "$cache/base.tar" ] && return 0
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
}

# The chroot is outside $T: lib.sh's cleanup must never meet a mount. Only
# /proc is mounted (the base has its own /dev nodes); removal stays on one
# file system whatever happens. A test that starts more (test_deb_boot's
# container) sets DEB_STOP to a command that stops it first.
DEB_STOP=:
deb_cleanup() {
    $DEB_STOP
    umount "$R/proc" 2>/dev/null
    if grep -q " $W/" /proc/mounts; then
        echo "# mounts remain under $W; left in place"
    else
        rm -rf --one-file-system "$W"
    fi
    cleanup
}

deb_root() {
    deb_base
    W=$(mktemp -d /var/tmp/checkin-deb.XXXXXX)
    R="$W/root"
    trap deb_cleanup EXIT
    mkdir -p "$R"
    tar -C "$R" -xf "$cache/base.tar"
    cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null
    mount -t proc proc "$R/proc"
    cp "$DEB" "$R/tmp/"
}

inroot() {
    chroot "$R" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
