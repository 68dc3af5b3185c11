#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# /healthz while the only urgent provider's circuit is half-open (it failed,
# its back-off is over, nothing has tried it since): its answer code and its
# body must say the same thing. The provider is the fake kind, failing
# temporarily ("retry"); one attempt per message, so nothing waits to probe
# it and the circuit stays half-open.
. tests/integration/lib.sh

write_config
sed -i "s|^providers = .*|providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"$T/spool\"; },\n\
  { name = \"primary\"; kind = \"fake\"; mode_file = \"$T/primary.mode\"; } );\n\
routing = { checkin = [ \"primary\" ]; urgent = [ \"primary\" ]; };\n\
outbox = { retry_base_seconds = 1; retry_max_seconds = 2; max_attempts = 1; };|" "$T/checkin.conf"
echo ok >"$T/primary.mode"
check "the config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll c1 +15555550201 --specialist sam >/dev/null

# The code, the top-level "status" and the problems of a fresh /healthz.
hz() {
    code=$(healthz)
    status=$(grep -o '"status":"[a-z]*"' "$T/healthz.json" | head -n 1 | cut -d'"' -f4)
    problems=$(grep -o '"problems":\[[^]]*\]' "$T/healthz.json")
    echo "$code $status $problems"
}
check_eq "healthz with the provider up" '200 ok "problems":[]' "$(hz)"

echo retry >"$T/primary.mode"
ctl checkin-now c1 >/dev/null
check "the check-in fails on its one attempt" \
    wait_eq 10 failed sql "SELECT state FROM messages WHERE kind='checkin'"
check "the circuit goes half-open once its back-off is over" \
    wait_for 30 eval 'healthz >/dev/null; grep -q "\"name\":\"primary\"[^}]*\"circuit\":\"half-open\"" "$T/healthz.json"'
# Half-open is usable: the next urgent message tries it at once.
check_eq "healthz while half-open: 200 and ok, like its body" '200 ok "problems":[]' "$(hz)"

# Whatever the state, a 503 never says ok and always names a problem.
echo down >"$T/primary.mode"
ctl checkin-now c1 >/dev/null
check "with the only urgent provider down, 503" wait_eq 10 503 healthz
r=$(hz)
check "and the body says degraded" matching '^503 degraded ' echo "$r"
check "and names the problem" not_matching '"problems":\[\]' echo "$r"

stop_gw
check_eq "the daemon stops cleanly" 0 "$GW_RC"
finish
