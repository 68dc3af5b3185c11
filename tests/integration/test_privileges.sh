# SPDX-License-Identifier: Apache-2.0
# Started as root outside systemd: with daemon.user the gateway makes the
# directories of its database and pid file for that user (0750), becomes
# the user before it opens the database, and every file it makes is the
# user's; without daemon.user it stays root and warns once. Needs root
# (skipped otherwise); the user is "nobody".
. tests/integration/lib.sh

if [ "$(id -u)" != 0 ] || ! getent passwd nobody >/dev/null; then
    echo "ok 1 # SKIP needs root and the user nobody"; exit 0
fi
chmod 755 "$T" # nobody must reach its files under $T
write_config
sed -i "s|^daemon = .*|daemon = { database = \"$T/state/db.sqlite\"; pid_file = \"$T/run/gw.pid\"; log_level = \"debug\"; user = \"nobody\"; };|; s|dir = \"$T/spool\"|dir = \"$T/state/spool\"|" \
    "$T/checkin.conf"
start_gw || { not_ok "daemon starts as root with user = nobody"; finish; exit 1; }
ok "daemon starts as root with user = nobody"
owner() { stat -c '%U %a' "$1"; }
check_eq "it runs as nobody" nobody "$(ps -o user= -p "$GW_PID" | tr -d ' ')"
check "and says so" grep -q "event=gateway.user user=nobody uid=65534" "$T/gw.log"
check_eq "its state directory is made for nobody, 0750" "nobody 750" "$(owner "$T/state")"
check_eq "so is the pid file's directory" "nobody 750" "$(owner "$T/run")"
check_eq "the database is nobody's" nobody "$(stat -c %U "$T/state/db.sqlite")"
check_eq "the pid file is nobody's" nobody "$(stat -c %U "$T/run/gw.pid")"
check_eq "the spool is nobody's" nobody "$(stat -c %U "$T/state/spool/outgoing")"
check "no warning about running as root" not_matching "gateway.running_as_root" cat "$T/gw.log"
sudo_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
sudo_nobody "$CTL" -c "$T/checkin.conf" enroll alex +15555550123 --specialist jordan >/dev/null
ln -s "$T/state/spool" "$T/spool" # where drop_in writes
drop_in 15555550123 "I want to kill myself"
check "a crisis reply is read and answered, as nobody" \
    wait_for 10 sh -c "ls '$T/state/spool/outgoing' | grep -q -- '-urgent\$'"
check "and the file it read is removed" wait_eq 10 0 incoming_count
stop_gw
check_eq "it stops cleanly" 0 "$GW_RC"
check "and removes its pid file" test ! -e "$T/run/gw.pid"

# Root without daemon.user: runs, and warns once.
sed -i 's| user = "nobody";||' "$T/checkin.conf"
m=$(log_mark)
start_gw || { not_ok "daemon starts as root without a user"; finish; exit 1; }
check_eq "as root without daemon.user it warns once" 1 "$(log_since "$m" | grep -c 'level=warn event=gateway.running_as_root')"
check_eq "and runs as root" root "$(ps -o user= -p "$GW_PID" | tr -d ' ')"
stop_gw
# An unknown user is refused at start.
sed -i 's|log_level = "debug";|log_level = "debug"; user = "no-such-user-here";|' "$T/checkin.conf"
"$GW" -c "$T/checkin.conf" 2>"$T/err"; rc=$?
check_eq "an unknown daemon.user: could not start (exit 1)" 1 "$rc"
check "and says which" grep -q 'daemon.user: no user "no-such-user-here"' "$T/err"
finish
