# SPDX-License-Identifier: Apache-2.0
# test-timeout: 1200
# The Debian package on a booted Debian 12 (issue 20): test_deb checks the
# package in a chroot, where no systemd runs; here the same fresh minimal
# Debian 12 (deb_lib.sh) gets what a server boots with (systemd,
# systemd-sysv, dbus) and the package, and is booted with systemd-nspawn
# --boot. Checked on the running system: the unit active after boot and
# READY (Type=notify), its STATUS= line, errors found by `journalctl -p
# err`, /healthz on the configured port, the service user, the watchdog
# restarting a hung gateway (SIGSTOP), the backup timer and a backup with
# the documented owner and mode, a clean `systemctl stop`, `apt purge`
# removing the data, and the container powering off.
#
# No host systemd is needed (this runs where PID 1 is not systemd): nspawn
# does not register with machined nor make a scope (--register=no
# --keep-unit), the container has only its own loopback (--private-network,
# no port shared with anything else), and the test reaches inside with
# nsenter. Slow: about 3.5 minutes with the base tarball cached (2 of them
# building the package, half a minute the watchdog; 13 on a loaded
# machine). Only with CHECKIN_DEB_TEST=1 and root, like test_deb; not in
# .ci/run.
. tests/integration/lib.sh
. tests/integration/deb_lib.sh

deb_gate "boots the package under systemd in a Debian container"
command -v systemd-nspawn >/dev/null || apt-get install -y -q systemd-container >/dev/null 2>&1 ||
    skip_all "systemd-nspawn (Debian's systemd-container) is not installed and cannot be"
command -v nsenter >/dev/null || skip_all "nsenter (util-linux) is not installed"
command -v curl >/dev/null || skip_all "curl is not installed"
t_start=$(date +%s)
deb_build
deb_root

inroot apt-get update -q >"$T/apt.log" 2>&1 || skip_all "apt-get update cannot reach the mirror"
# minbase has no init: what a Debian server boots with.
inroot apt-get install -y -q --no-install-recommends systemd systemd-sysv dbus >>"$T/apt.log" 2>&1
check_eq "systemd installs in the fresh Debian 12" 0 "$?"
inroot apt-get install -y -q "/tmp/$DEB_NAME" >>"$T/apt.log" 2>&1
rc=$?
check_eq "apt-get install ./checkin-gateway_*.deb exits 0" 0 "$rc"
if [ "$FAILS" -gt 0 ]; then tail -n 30 "$T/apt.log"; finish; exit; fi
# The port the installed config names (http section).
port=$(awk '/^http = \{/{h=1} h && /^ *port *=/{gsub(/[^0-9]/, ""); print; exit}' \
    "$R/etc/checkin-gateway/checkin.conf")

# The boot. nspawn mounts its own /proc; the chroot's goes first.
umount "$R/proc"
t_boot=$(date +%s)
systemd-nspawn -D "$R" -M "checkin-deb-$$" --boot --register=no --keep-unit --private-network \
    --console=read-only >"$W/console.log" 2>&1 &
NSPAWN=$!
C=""
# Stopped however the test ends: SIGTERM asks the container to power off;
# a minute later its init (and with it every process inside) is killed.
boot_stop() {
    kill -0 "$NSPAWN" 2>/dev/null || return 0
    kill -TERM "$NSPAWN" 2>/dev/null
    wait_for 60 sh -c "! kill -0 $NSPAWN 2>/dev/null" && return 0
    [ -z "$C" ] || kill -KILL "$C" 2>/dev/null
    kill -KILL "$NSPAWN" 2>/dev/null
    wait "$NSPAWN" 2>/dev/null
}
DEB_STOP=boot_stop
# The container's systemd: nspawn's child, PID 1 inside.
init_pid() { C=$(pgrep -P "$NSPAWN" | head -n 1); [ -n "$C" ]; }
# inbox CMD...: CMD inside the booted container (all its namespaces).
inbox() {
    nsenter -t "$C" -a /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        SYSTEMD_PAGER= PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
# wait_s SECONDS COMMAND...: polls every second, by the clock (lib.sh's
# wait_for counts tenths, and each nsenter here takes some of its own).
wait_s() {
    end=$(($(date +%s) + $1)); shift
    until "$@"; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 1
    done
}
booted() {
    s=$(inbox systemctl is-system-running 2>/dev/null)
    [ "$s" = running ] || [ "$s" = degraded ]
}
prop() { inbox systemctl show -p "$1" --value "${2:-checkin-gateway}"; }
in_err_journal() { inbox journalctl -u checkin-gateway -p err -o cat --no-pager | grep -q -- "$1"; }
no_err_line() { ! in_err_journal "$1"; }

if ! wait_for 30 init_pid || ! wait_s 180 booted; then
    not_ok "the container boots (systemd-nspawn --boot)"
    echo "--- console ---"; tail -n 40 "$W/console.log"; finish; exit
fi
echo "# booted in $(($(date +%s) - t_boot)) s"
check_eq "systemd reaches running (no unit failed)" running "$(inbox systemctl is-system-running)"
[ "$FAILS" = 0 ] || inbox systemctl --failed --no-pager

# ---- the unit after boot ----
check_eq "the gateway is active after boot (enabled by the package)" active \
    "$(inbox systemctl is-active checkin-gateway)"
check_eq "it is Type=notify and reached READY (running, not start)" "notify running" \
    "$(prop Type) $(prop SubState)"
check "its STATUS= line is shown (the health summary)" test -n "$(prop StatusText)"
check_eq "/healthz answers on the configured port ($port)" 200 \
    "$(nsenter -t "$C" -n curl -s -m 30 -o "$T/healthz.json" -w '%{http_code}' "http://127.0.0.1:$port/healthz")"
mp=$(prop MainPID)
check_eq "it runs as the service user" checkin-gateway "$(inbox stat -c %U "/proc/$mp")"

# ---- the journal: every line with its priority ----
check "journalctl -p info finds its start (gateway.ready)" \
    sh -c "nsenter -t $C -a journalctl -u checkin-gateway -p info -o cat --no-pager | grep -q gateway.ready"
check "but journalctl -p err does not" no_err_line gateway.ready
conf="$R/etc/checkin-gateway/checkin.conf"
cp "$conf" "$T/conf.saved"
echo 'this is not a setting' >>"$conf"
inbox systemctl kill --kill-who=main -s HUP checkin-gateway
check "a refused reload (SIGHUP, a broken config) is an error line: journalctl -p err" \
    wait_s 30 in_err_journal config.reload_refused
cat "$T/conf.saved" >"$conf"
inbox systemctl kill --kill-who=main -s HUP checkin-gateway
check "the config mended, the next reload succeeds" \
    wait_s 30 sh -c "nsenter -t $C -a journalctl -u checkin-gateway -o cat --no-pager | grep -q config.reloaded"

# ---- the watchdog: a hung gateway is killed and started again ----
nr0=$(prop NRestarts)
# (minbase has no kill(1): systemd sends it.)
inbox systemctl kill --kill-who=main -s SIGSTOP checkin-gateway
t_hang=$(date +%s)
restarted() {
    m=$(prop MainPID)
    [ "$m" != 0 ] && [ "$m" != "$mp" ] && [ "$(prop SubState)" = running ]
}
check "a stopped (hung) gateway is restarted with a new MainPID (WatchdogSec=30s)" wait_s 180 restarted
echo "# watchdog restart after $(($(date +%s) - t_hang)) s"
check_eq "NRestarts counts it" "$((nr0 + 1))" "$(prop NRestarts)"
check "the journal says why: Watchdog timeout" \
    sh -c "nsenter -t $C -a journalctl -u checkin-gateway -o cat --no-pager | grep -q 'Watchdog timeout'"
mp=$(prop MainPID)
check_eq "/healthz answers again" 200 \
    "$(nsenter -t "$C" -n curl -s -m 30 -o "$T/healthz.json" -w '%{http_code}' "http://127.0.0.1:$port/healthz")"

# ---- the daily backup ----
check "the backup timer is listed (systemctl list-timers)" \
    sh -c "nsenter -t $C -a systemctl list-timers --all --no-pager | grep -q checkin-gateway-backup.timer"
inbox systemctl start checkin-gateway-backup >"$T/backup.log" 2>&1
check_eq "systemctl start checkin-gateway-backup succeeds" 0 "$?"
bk=$(ls "$R/var/backups/checkin-gateway/" | grep '^daily-.*\.db$' | head -n 1)
check "it writes a backup, daily-DATE-TIME.db" test -n "$bk"
check_eq "the backup is checkin-gateway:checkin-operators 0640 (the unit's comment)" \
    "checkin-gateway:checkin-operators 640" \
    "$(inbox stat -c '%U:%G %a' "/var/backups/checkin-gateway/$bk")"

# ---- stopping, purging, powering off ----
inbox systemctl stop checkin-gateway
check_eq "systemctl stop exits 0" 0 "$?"
check_eq "and leaves it inactive, result success, exit status 0" "inactive success 0" \
    "$(inbox systemctl is-active checkin-gateway) $(prop Result) $(prop ExecMainStatus)"
check "the gateway logged its stop (SIGTERM)" \
    sh -c "nsenter -t $C -a journalctl -u checkin-gateway -o cat --no-pager | grep -q 'gateway.stopping.*SIGTERM'"
inbox systemctl start checkin-gateway
inbox apt-get purge -y -q checkin-gateway >>"$T/apt.log" 2>&1
check_eq "apt-get purge, the gateway running, exits 0" 0 "$?"
check_eq "and stops it" inactive "$(inbox systemctl is-active checkin-gateway)"
check "and removes the data" test ! -e "$R/var/lib/checkin-gateway"
check "and the config" test ! -e "$R/etc/checkin-gateway"
check "but not the backups" test -f "$R/var/backups/checkin-gateway/$bk"

[ "$FAILS" = 0 ] || { echo "--- journal ---"; inbox journalctl -u checkin-gateway --no-pager | tail -n 40; }
inbox systemctl poweroff
check "the container powers off" wait_s 120 sh -c "! kill -0 $NSPAWN 2>/dev/null"
wait "$NSPAWN"
check_eq "systemd-nspawn exits 0" 0 "$?"
echo "# whole test: $(($(date +%s) - t_start)) s"
if [ "$FAILS" -gt 0 ]; then
    echo "--- console (last 30 lines) ---"; tail -n 30 "$W/console.log"
    echo "--- apt log ---"; tail -n 20 "$T/apt.log"; cat "$T/backup.log"
fi
finish
