# SPDX-License-Identifier: Apache-2.0
# make install into a temporary DESTDIR: the binaries, the three man pages,
# the example config (with absolute state paths, valid, mode 0640, never
# overwriting an existing one), the systemd unit (paths filled in, the
# sandboxing present, `systemd-analyze verify` clean where systemd-analyze
# exists) and the sysusers file; `man -l` renders each page without
# warnings where man is installed. The installed binaries run, and the
# database they create is mode 0600 whatever the umask.
. tests/integration/lib.sh

D="$T/dest"
# A copy of the build (timestamps kept), so that PREFIX=/usr rebuilds only
# gateway/base/paths.o (the installed config path is baked in there) and the
# binaries the other tests use are never relinked under them. MAKEFLAGS
# from `make test` / `make asan` is inherited on purpose: the copy is
# relinked with the CFLAGS and LDFLAGS it was built with.
cp -a "$BUILD" "$T/build"
# Run by hand on an ASan build (run-tests.sh, no MAKEFLAGS): the same flags
# as `make asan`, or the relink would lack the sanitizer runtime.
SAN=""
if ! printf '%s' "${MAKEFLAGS:-}" | grep -q 'CFLAGS=' && grep -qa __asan_init "$BUILD/checkinctl"; then
    SAN=1
fi
inst() {
    if [ -n "$SAN" ]; then
        make --no-print-directory --no-silent BUILD="$T/build" DESTDIR="$D" PREFIX=/usr \
            CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
            LDFLAGS="-fsanitize=address,undefined" install >"$T/install.log" 2>&1
    else
        make --no-print-directory --no-silent BUILD="$T/build" DESTDIR="$D" PREFIX=/usr install \
            >"$T/install.log" 2>&1
    fi
}
inst
check_eq "make install DESTDIR=... PREFIX=/usr exits 0" 0 $?
check_eq "only the path module was recompiled" "$T/build/obj/gateway/base/paths.o" \
    "$(sed -n 's/.* -c -o \([^ ]*\) .*/\1/p' "$T/install.log" | tr '\n' ' ' | sed 's/ $//')"
for f in usr/sbin/checkin-gateway usr/bin/checkinctl usr/share/man/man8/checkin-gateway.8 \
         usr/share/man/man8/checkinctl.8 usr/share/man/man5/checkin.conf.5 \
         etc/checkin-gateway/checkin.conf usr/share/doc/checkin-gateway/checkin.conf.example \
         usr/lib/systemd/system/checkin-gateway.service usr/lib/sysusers.d/checkin-gateway.conf; do
    check "installed: /$f" test -f "$D/$f"
done
check "the binaries are executable" test -x "$D/usr/sbin/checkin-gateway" -a -x "$D/usr/bin/checkinctl"
check_eq "the config is not world-readable (0640)" 640 "$(stat -c %a "$D/etc/checkin-gateway/checkin.conf")"
check "the installed config keeps the database in /var/lib/checkin-gateway" \
    grep -q '^  database = "/var/lib/checkin-gateway/checkin.db";' "$D/etc/checkin-gateway/checkin.conf"
check "the installed config keeps the pid file under /run" \
    grep -q '^  pid_file = "/run/checkin-gateway/checkin-gateway.pid";' "$D/etc/checkin-gateway/checkin.conf"
check "the installed config names the service user" \
    grep -q '^  user = "checkin-gateway";' "$D/etc/checkin-gateway/checkin.conf"
check "the unit makes /run/checkin-gateway for it" \
    grep -q '^RuntimeDirectory=checkin-gateway$' "$D/usr/lib/systemd/system/checkin-gateway.service"
check "the installed config is valid" "$D/usr/sbin/checkin-gateway" --check-config "$D/etc/checkin-gateway/checkin.conf"
"$D/usr/bin/checkinctl" --help >"$T/help" 2>&1
check "the installed checkinctl looks for /etc/checkin-gateway/checkin.conf by default" \
    grep -q "/etc/checkin-gateway/checkin.conf" "$T/help"

# A second install keeps the operator's config.
echo "# mine" >>"$D/etc/checkin-gateway/checkin.conf"
inst
check "a second install keeps an existing config" grep -q "^# mine" "$D/etc/checkin-gateway/checkin.conf"
check "and puts the new one beside it" test -f "$D/etc/checkin-gateway/checkin.conf.new"

U="$D/usr/lib/systemd/system/checkin-gateway.service"
check "the unit runs the installed binary with the installed config" \
    grep -q "^ExecStart=/usr/sbin/checkin-gateway --config /etc/checkin-gateway/checkin.conf$" "$U"
check "the unit reloads with SIGHUP after a config check" grep -q '^ExecReload=/bin/kill -HUP \$MAINPID$' "$U"
for k in NoNewPrivileges=yes PrivateTmp=yes ProtectSystem=strict ProtectHome=yes \
         StateDirectory=checkin-gateway UMask=0007 User=checkin-gateway \
         SupplementaryGroups=dialout ReadWritePaths=-/var/spool/checkin-gateway; do
    check "the unit sets $k" grep -q "^$k\$" "$U"
done
check "no @placeholder@ is left in the unit" sh -c "! grep -q '@[A-Z]*@' '$U'"

# The spool shared with smsd (README, "Running a real smsd"): every
# directory 2770, setgid, group dialout where the group exists.
check "the installed config's spool is /var/spool/checkin-gateway" \
    grep -q '^    dir = "/var/spool/checkin-gateway";' "$D/etc/checkin-gateway/checkin.conf"
for sd in "" /outgoing /incoming /checked /sent /failed /rejected /reports; do
    check_eq "the spool directory /var/spool/checkin-gateway$sd is 2770" 2770 \
        "$(stat -c %a "$D/var/spool/checkin-gateway$sd" 2>/dev/null)"
done
if getent group dialout >/dev/null && [ "$(id -u)" = 0 ]; then
    check_eq "and its group is dialout, smsd's" dialout "$(stat -c %G "$D/var/spool/checkin-gateway/incoming")"
fi

# The daily backup (item 15): the timer and its service, the operators'
# directory 2750 (setgid), the operators' group in the sysusers file.
BS="$D/usr/lib/systemd/system/checkin-gateway-backup.service"
BT="$D/usr/lib/systemd/system/checkin-gateway-backup.timer"
check "the backup timer is installed, daily, enabled by timers.target" \
    sh -c "grep -q '^OnCalendar=daily\$' '$BT' && grep -q '^WantedBy=timers.target\$' '$BT'"
check "its service runs checkinctl backup as the service user into /var/backups/checkin-gateway" \
    sh -c "grep -q '^User=checkin-gateway\$' '$BS' && grep -q '^ExecStart=.*/usr/bin/checkinctl --config /etc/checkin-gateway/checkin.conf backup /var/backups/checkin-gateway/daily-' '$BS'"
check "no @placeholder@ is left in the backup units" sh -c "! grep -q '@[A-Z]*@' '$BS' '$BT'"
check_eq "the operators' directory /var/backups/checkin-gateway is 2750" 2750 \
    "$(stat -c %a "$D/var/backups/checkin-gateway" 2>/dev/null)"
check "the sysusers file makes the operators' group" \
    grep -q '^g checkin-operators -$' "$D/usr/lib/sysusers.d/checkin-gateway.conf"

if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$T/verify"
    sed "s|/usr/bin/checkinctl|$D/usr/bin/checkinctl|" "$BS" >"$T/verify/checkin-gateway-backup.service"
    cp "$BT" "$T/verify/"
    systemd-analyze verify --man=no "$T/verify/checkin-gateway-backup.service" \
        "$T/verify/checkin-gateway-backup.timer" >"$T/verify-backup.out" 2>&1
    rc=$?
    check_eq "systemd-analyze verify passes the backup service and timer" "0:" "$rc:$(cat "$T/verify-backup.out")"
fi

if command -v systemd-analyze >/dev/null 2>&1; then
    # verify wants the unit's programs to exist: point them into DESTDIR.
    mkdir -p "$T/verify"
    sed -e "s|=/usr/sbin/|=$D/usr/sbin/|g" -e "s| /etc/checkin-gateway/| $D/etc/checkin-gateway/|g" \
        "$U" >"$T/verify/checkin-gateway.service"
    systemd-analyze verify --man=no "$T/verify/checkin-gateway.service" >"$T/verify.out" 2>&1
    rc=$?
    check_eq "systemd-analyze verify passes with no warning" "0:" "$rc:$(cat "$T/verify.out")"
    # The check can fail: a misspelt key is reported.
    sed 's/^NoNewPrivileges=/NoNewPrivilege=/' "$T/verify/checkin-gateway.service" >"$T/verify/bad.service"
    check "and it does report a misspelt key" sh -c "systemd-analyze verify --man=no '$T/verify/bad.service' 2>&1 | grep -q 'Unknown key'"
    # The README's rating: exposure 1.8 ("OK") at most (--threshold is in tenths).
    check "systemd-analyze security rates the unit 1.8 or better" \
        sh -c "systemd-analyze security --offline=true --threshold=18 '$T/verify/checkin-gateway.service' >/dev/null 2>&1"
    grep -v -E '^(NoNewPrivileges|SystemCallFilter|CapabilityBoundingSet)=' \
        "$T/verify/checkin-gateway.service" >"$T/verify/weak.service"
    check "and that check fails for a unit without its sandboxing" \
        sh -c "! systemd-analyze security --offline=true --threshold=18 '$T/verify/weak.service' >/dev/null 2>&1"
else
    echo "# SKIP: systemd-analyze is not installed; the unit was not verified"
fi

# The man pages name the real paths of this PREFIX (issue 20, item 14).
M8="$D/usr/share/man/man8"
check "no @placeholder@ is left in the man pages" \
    sh -c "! grep -q '@[A-Z]*@' '$M8/checkin-gateway.8' '$M8/checkinctl.8' '$D/usr/share/man/man5/checkin.conf.5'"
check "checkin-gateway(8) names the installed config /etc/checkin-gateway/checkin.conf" \
    grep -q '^\.I /etc/checkin-gateway/checkin.conf$' "$M8/checkin-gateway.8"
check "checkin-gateway(8) names the installed unit's directory" \
    grep -q '^\.I /usr/lib/systemd/system/checkin-gateway.service$' "$M8/checkin-gateway.8"
check "checkin.conf(5) names the installed example" \
    grep -q '/usr/share/doc/checkin-gateway/checkin.conf.example' "$D/usr/share/man/man5/checkin.conf.5"
check "checkinctl(8) names the operators' directory" \
    grep -q '^\.I /var/backups/checkin-gateway$' "$M8/checkinctl.8"

if command -v man >/dev/null 2>&1; then
    for p in usr/share/man/man8/checkin-gateway.8 usr/share/man/man8/checkinctl.8 \
             usr/share/man/man5/checkin.conf.5; do
        out=$(MANWIDTH=80 man --warnings -l "$D/$p" 2>&1 >"$T/page.txt")
        check_eq "man -l renders $(basename "$p") without warnings" "" "$out"
        check "and the page has its NAME section" grep -q "^NAME" "$T/page.txt"
    done
else
    echo "# SKIP: man is not installed; the pages were not rendered"
fi

# The database is created 0600 even under a permissive umask.
write_config
(umask 000; "$D/usr/bin/checkinctl" -c "$T/checkin.conf" enroll ana +15555550181 >/dev/null 2>&1)
check_eq "the database is created with mode 0600 (umask 000)" 600 "$(stat -c %a "$T/db.sqlite" 2>/dev/null)"

# make uninstall: the same PREFIX and DESTDIR take back what install put,
# but the operator's config stays.
make --no-print-directory BUILD="$T/build" DESTDIR="$D" PREFIX=/usr uninstall >"$T/uninstall.log" 2>&1
check_eq "make uninstall exits 0" 0 $?
left=$(cd "$D" && find . -type f | grep -v '^./etc/checkin-gateway/' | sort | tr '\n' ' ')
check_eq "make uninstall leaves no installed file but the config" "" "$left"
check "and keeps the config" test -f "$D/etc/checkin-gateway/checkin.conf"
finish
