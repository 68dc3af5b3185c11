# SPDX-License-Identifier: Apache-2.0
# test-timeout: 360 (under valgrind it waits 15 s before each digest)
# Opt-outs reach the specialist in their next daily digest, through the
# real daemon with the clock moved to just before escalation.digest_time
# (CHECKIN_GATEWAY_TIME_OFFSET): a STOP makes a digest that has no finding
# still go out; opt-ins are listed too, in the specialist's language; the
# next day's digest lists only what happened since (a STOP recorded before
# a restart is not lost, one already reported is not repeated).
. tests/integration/lib.sh

write_config
sed -i 's|^  { id = "sam"; name = "Sam"; phone = "+15555550101"; }|  { id = "sam"; name = "Sam"; phone = "+15555550101"; lang = "es"; },\n  { id = "kim"; name = "Kim"; phone = "+15555550102"; }|' "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
escalation = { digest_time = "08:00"; watch_drops_in_row = 0; watch_weekly_drop = 0;
               watch_missed_in_row = 0; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll alex +15555550123 --specialist jordan >/dev/null
ctl enroll bo +15555550124 --specialist jordan >/dev/null
ctl enroll cy +15555550125 --specialist sam >/dev/null
drop_in 15555550123 "STOP" a1
check "alex opts out" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='alex'"
drop_in 15555550125 "STOP" c1
check "cy opts out" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='cy'"
drop_in 15555550125 "START" c2
check "cy opts back in" wait_eq 10 active sql "SELECT state FROM clients WHERE alias='cy'"
check_eq "no digest before digest time" 0 "$(sql "SELECT count(*) FROM messages WHERE kind='digest'")"
stop_gw TERM

next_digest_at   # the clock a few seconds before the next 08:00 UTC
start_gw_before "$at" || { not_ok "daemon restarts before the digest time"; finish; exit 1; }
check "Jordan gets a digest though no client has a finding" wait_eq "$(digest_wait)" 1 count_out 15555550100 "daily watch"
check "it says alex opted out" matching "^15555550100|.*daily watch: alex opted out (STOP), no more texts\." outbox_lines
check "and not bo, who did nothing" not_matching "^15555550100|.*bo " outbox_lines
check "Sam's digest, in Spanish, has cy's opt-out" wait_eq "$(digest_wait)" 1 count_out 15555550101 "cy se dio de baja (STOP)"
check "and cy's opt-in after it" matching "^15555550101|.*cy se dio de baja (STOP), sin más mensajes\. cy volvió a suscribirse (START)\." outbox_lines
check_eq "Kim, with no client, gets no digest" 0 "$(outbox_lines | grep -c "^15555550102|")"
check_eq "Jordan's digest is audited with its consent count" "consent=1" \
    "$(sql "SELECT detail FROM audit WHERE action='digest.sent' AND subject='jordan'")"
check_eq "Sam's too" "consent=2" "$(sql "SELECT detail FROM audit WHERE action='digest.sent' AND subject='sam'")"
# bo opts out after the digest; the gateway restarts before the next one.
drop_in 15555550124 "stop" b1
check "bo opts out after the first digest" wait_eq 10 opted_out sql "SELECT state FROM clients WHERE alias='bo'"
stop_gw TERM
start_gw || { not_ok "daemon restarts between digests"; finish; exit 1; }
sleep 1
check_eq "a restart sends no digest again" 1 "$(count_out 15555550100 'daily watch')"
stop_gw TERM

# 40 of Kim's clients opted out while the gateway was down (audit lines as
# inbound.c writes them): more than one digest text holds.
sql "INSERT INTO clients(alias, phone, tz, schedule, specialist_id, state, created_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
     SELECT printf('kc%02d', i), printf('+1555700%04d', i), 'UTC', 'daily',
            (SELECT id FROM specialists WHERE key = 'kim'), 'opted_out', 0 FROM n;
     INSERT INTO audit(at, actor, action, subject)
     SELECT $at + 60, 'client', 'client.opt_out', alias FROM clients WHERE alias LIKE 'kc%' ORDER BY id;"
start_gw_before $((at + 86400)) || { not_ok "daemon restarts before the second digest"; finish; exit 1; }
check "Jordan gets a second digest" wait_eq "$(digest_wait)" 2 count_out 15555550100 "daily watch"
check "it lists bo's opt-out, recorded before the restart" matching "^15555550100|.*daily watch: bo opted out (STOP)" outbox_lines
check_eq "alex's opt-out is not repeated" 1 "$(count_out 15555550100 'alex opted out')"
check_eq "two digest runs" 2 "$(sql "SELECT count(*) FROM audit WHERE action='digest.run'")"
check "Kim's digest lists the first opt-outs that fit" matching "^15555550102|.*daily watch: kc01 opted out (STOP), no more texts\. kc02 opted out" outbox_lines
k=$(outbox_lines | grep "^15555550102|")
shown=$(echo "$k" | grep -o "kc[0-9]* opted out" | wc -l)
more=$(echo "$k" | sed -n 's/.*and \([0-9]*\) more\..*/\1/p')
check_eq "and counts the rest: shown + more = 40" 40 "$((shown + ${more:-0}))"
check "some are counted, not shown" test "${more:-0}" -gt 0
check_eq "all 40 in the audit" "consent=40" "$(sql "SELECT detail FROM audit WHERE action='digest.sent' AND subject='kim'")"
check_eq "Sam, with nothing new, gets no second digest" 1 "$(outbox_lines | grep -c "^15555550101|.*cy ")"
stop_gw TERM
check_eq "SIGTERM stops the daemon with exit 0" 0 "$GW_RC"
finish
