# SPDX-License-Identifier: Apache-2.0
# Bad configs are refused with file:line and a reason, by --check-config and
# at start, with the exit status checkinctl gives them too (3); both
# binaries answer --version; checkinctl says when it falls back to a
# checkout's etc/checkin.conf; SIGHUP with a broken file keeps the running
# config; a good one applies; SIGINT stops cleanly.
. tests/integration/lib.sh

check "the shipped etc/checkin.conf is valid" "$GW" --check-config etc/checkin.conf
for f in tests/data/config/bad-*.conf; do
    name=$(basename "$f")
    "$GW" --check-config "$f" >"$T/out" 2>&1; rc=$?
    check_eq "$name is refused with exit 3" 3 "$rc"
    check "$name: the error names file:line" grep -q "^$f:[0-9][0-9]*: " "$T/out"
done
"$GW" --check-config "$T/missing.conf" >"$T/out" 2>&1; rc=$?
check_eq "a missing config file is refused (exit 3)" 3 "$rc"
check "and the error names the file" grep -q "missing.conf" "$T/out"

write_config
# Several problems at once are all reported.
sed -e 's/phone = "+15555550100"/phone = "555-0100"/' -e 's/timezone = "UTC"/timezone = "Mars\/Olympus"/' \
    -e 's/scale = \[ 1, 10 \]/scale = [ 1, 10 ]; colour = "blue"/' "$T/checkin.conf" >"$T/bad.conf"
"$GW" --check-config "$T/bad.conf" >"$T/out" 2>&1
check "a bad phone number is reported" grep -qi "phone" "$T/out"
check "an unknown time zone is reported" grep -q "Mars/Olympus" "$T/out"
check "an unknown key is reported" grep -q "colour" "$T/out"
check "each with file:line" sh -c "[ \$(grep -c '^$T/bad.conf:[0-9]*: ' '$T/out') -ge 3 ]"
sed 's/kind = "spool"/kind = "carrier-pigeon"/' "$T/checkin.conf" >"$T/bad-kind.conf"
"$GW" --check-config "$T/bad-kind.conf" >"$T/out" 2>&1; rc=$?
check_eq "an unknown provider kind is refused (exit 3)" 3 "$rc"
check "and the known kinds are listed" grep -q "carrier-pigeon.*spool" "$T/out"
"$GW" -c "$T/bad.conf" >"$T/out" 2>&1; rc=$?
check_eq "the daemon refuses to start on a bad config (exit 3)" 3 "$rc"
"$CTL" -c "$T/bad.conf" list >"$T/out" 2>&1; rc=$?
check_eq "checkinctl refuses it with the same exit status" 3 "$rc"

# ---- --version, and which config checkinctl takes ------------------------------------
gv=$("$GW" --version); cv=$("$CTL" --version)
check "checkin-gateway --version prints its name and version" \
    sh -c "echo '$gv' | grep -qx 'checkin-gateway [0-9][0-9.]*'"
check_eq "checkinctl --version prints the same version" "${gv#checkin-gateway }" "${cv#checkinctl }"
mkdir -p "$T/checkout/etc"
cp "$T/checkin.conf" "$T/checkout/etc/checkin.conf"
(cd "$T/checkout" && env -u CHECKIN_CONFIG "$CTL" list) >"$T/out" 2>"$T/err"; rc=$?
check_eq "in a checkout, without -c, checkinctl uses its etc/checkin.conf" 0 "$rc"
check "and says so on stderr" grep -q "^note: using etc/checkin.conf of this directory" "$T/err"
(cd "$T/checkout" && env -u CHECKIN_CONFIG "$CTL" -c "$T/checkin.conf" list) >"$T/out" 2>"$T/err"
check "with -c it says nothing about it" not_matching "note: using" cat "$T/err"
(cd "$T/checkout" && CHECKIN_CONFIG="$T/checkin.conf" "$CTL" list) >"$T/out" 2>"$T/err"
check "nor with \$CHECKIN_CONFIG" not_matching "note: using" cat "$T/err"

start_gw || { not_ok "daemon starts"; finish; exit 1; }
cp "$T/checkin.conf" "$T/good.conf"
m=$(log_mark)
printf 'schedules = ( oops\n' >>"$T/checkin.conf"
kill -HUP "$GW_PID"
check "a broken config on SIGHUP is refused" wait_for 5 matching "config.reload_refused" log_since "$m"
check "the daemon keeps running on the old one" kill -0 "$GW_PID"
check_eq "and stays healthy" 200 "$(healthz)"
sed 's/Test Program/Renamed Program/' "$T/good.conf" >"$T/checkin.conf"
m=$(log_mark)
kill -HUP "$GW_PID"
check "a valid config on SIGHUP is applied" wait_for 5 matching "config.reloaded" log_since "$m"
ctl enroll kim +15555550155 >/dev/null
ctl checkin-now kim >/dev/null
# The check-in itself (the welcome names the program too).
check "templates from the new config are used" wait_eq 10 1 count_out 15555550155 "Renamed Program: How are you"
stop_gw INT
check_eq "SIGINT stops with exit 0" 0 "$GW_RC"
finish
