# SPDX-License-Identifier: Apache-2.0
# The tests' own clock helper, start_gw_before: a gateway that starts more
# slowly than the clock lead (a loaded machine under ASan took 3.4 s, and
# test_schedule_timer's check-in was then due before the client was
# enrolled) is started again with a longer lead, so the moment under test
# is still ahead once it is ready. Here the first start is made slow on
# purpose: a wrapper sleeps past the lead once, then runs the real daemon.
. tests/integration/lib.sh

write_config
: >"$T/slow-once"
cat >"$T/gateway" <<WRAP
#!/bin/sh
if [ -e "$T/slow-once" ]; then rm -f "$T/slow-once"; sleep $((CLOCK_LEAD + 2)); fi
exec "$GW" "\$@"
WRAP
chmod +x "$T/gateway"
GW="$T/gateway"

moment=$(( $(date +%s) + 3 * 86400 ))
start_gw_before "$moment" 2 >"$T/helper.out"
rc=$?
gw_now=$(( $(date +%s) + CHECKIN_GATEWAY_TIME_OFFSET ))
check_eq "the helper starts the gateway" 0 "$rc"
check "the slow first start was seen and stopped" grep -q "took more than ${CLOCK_LEAD}s to start" "$T/helper.out"
check_eq "the second start had twice the lead" "$((CLOCK_LEAD * 2))" "$GW_LEAD"
check "the gateway's clock is before the moment, with the spare to go" test "$gw_now" -le "$((moment - 2))"
check "and no more than the lead before it" test "$gw_now" -ge "$((moment - GW_LEAD))"
check_eq "the gateway answers" 200 "$(healthz)"
stop_gw TERM
check_eq "SIGTERM stops it with exit 0" 0 "$GW_RC"
finish
