# SPDX-License-Identifier: Apache-2.0
# test-timeout: 360 (under valgrind it waits 15 s before each digest)
# Replies the gateway does not understand reach a person (rule 6): an
# enrolled client's reply with no score, no keyword and no signal goes to
# their specialist in the next daily digest with its text, exactly once
# across restarts (the clock is moved to just before escalation.digest_time
# with CHECKIN_GATEWAY_TIME_OFFSET). A pending client's YES, a score, and a
# message attached to an open escalation are not listed.
. tests/integration/lib.sh

write_config
cat >>"$T/checkin.conf" <<'CONF'
escalation = { digest_time = "08:00"; watch_drops_in_row = 0; watch_weekly_drop = 0;
               watch_missed_in_row = 0; };
consent = { require_confirmation = true; };
CONF
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
ctl enroll alex +15555550123 --specialist jordan >/dev/null
ctl enroll bo +15555550124 --specialist jordan >/dev/null
ctl enroll cy +15555550125 --specialist sam >/dev/null
unclear() { sql "SELECT count(*) FROM audit WHERE action='reply.unclear'"; }
drop_in 15555550123 "YES" a1
check "alex confirms" wait_eq 10 active sql "SELECT state FROM clients WHERE alias='alex'"
drop_in 15555550123 "what time is group thursday" a2
check "alex's question is recorded as unclear" wait_eq 10 1 unclear
drop_in 15555550124 "yes" b1
check "bo confirms" wait_eq 10 active sql "SELECT state FROM clients WHERE alias='bo'"
drop_in 15555550124 "7" b2
check "bo's score is stored" wait_eq 10 1 sql "SELECT count(*) FROM moods"
drop_in 15555550125 "I want to die" c1
check "cy's crisis opens an escalation" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
drop_in 15555550125 "whatever" c2
check "cy's next message is attached to it" wait_eq 10 2 sql "SELECT count FROM escalations"
check_eq "only alex's question is unclear (not a YES, a score, or an attached message)" 1 "$(unclear)"
stop_gw TERM

next_digest_at   # the clock a few seconds before the next 08:00 UTC
start_gw_before "$at" || { not_ok "daemon restarts before the digest time"; finish; exit 1; }
check "Jordan gets a digest" wait_eq "$(digest_wait)" 1 count_out 15555550100 "daily watch"
check "it has alex's words" matching "^15555550100|.*alex wrote: \"what time is group thursday\"\." outbox_lines
check "but no YES" not_matching "^15555550100|.*wrote: \"[Yy][Ee][Ss]\"" outbox_lines
check "and nothing of bo's" not_matching "^15555550100|.*bo wrote" outbox_lines
check "Sam's digest does not list cy's attached message" not_matching "^15555550101|.*cy wrote" outbox_lines
drop_in 15555550123 "is it in room 4 again?" a3
check "a second unclear reply after the digest" wait_eq 10 2 unclear
stop_gw TERM
start_gw || { not_ok "daemon restarts between digests"; finish; exit 1; }
sleep 1
check_eq "a restart sends no digest again" 1 "$(count_out 15555550100 'daily watch')"
stop_gw TERM

start_gw_before $((at + 86400)) || { not_ok "daemon restarts before the second digest"; finish; exit 1; }
check "Jordan gets a second digest" wait_eq "$(digest_wait)" 2 count_out 15555550100 "daily watch"
check "it lists the new reply, recorded before the restart" matching "^15555550100|.*alex wrote: \"is it in room 4 again?\"" outbox_lines
check_eq "the first is in one digest only" 1 "$(count_out 15555550100 'what time is group thursday')"
stop_gw TERM
finish
