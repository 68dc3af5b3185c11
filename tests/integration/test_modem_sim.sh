# SPDX-License-Identifier: Apache-2.0
# The modem provider, its SIM card and the network's answers, against
# tests/modemsim.py: a PIN given in the config unlocks it (and never shows
# in a log); a wrong PIN is tried exactly once and never again on its own
# (a retry could burn the SIM's last attempts and block it); a SIM that
# wants its PUK gets no PIN at all; status reports (+CDS) mark messages
# delivered or failed, and one that matches nothing changes nothing; a
# full SIM shows in healthz and the log; a strict modem (no bytes taken
# before "AT") is initialised, with a prelude that varies from try to try;
# a +CMTI is read at once; a long text whose part 2 fails resumes there.
# Each case is a fresh simulator and a fresh daemon.
. tests/integration/lib.sh
. tests/integration/modem_lib.sh

command -v python3 >/dev/null || { not_ok "python3 is needed (scripts/deps.sh installs it)"; finish; exit 1; }
# Eight digits each, so that no time stamp or count in a log matches by chance.
PIN=48213957
WRONG=73519402
export SIM_PIN
# SIGTERM, and exit 0 (a sanitizer's report in an ASan build would not be).
stop_ok() { stop_gw TERM; check_eq "the daemon stops cleanly (exit 0)" 0 "$GW_RC"; }
# fresh PIN_GIVEN SIMULATOR_OPTIONS...: a new simulator, a config with
# pin = "env:SIM_PIN" (none if PIN_GIVEN is empty) and $MODEM_KEYS, a new
# log and daemon.
fresh() {
    SIM_PIN=$1; shift
    sim_start "$@" || return 1
    modem_config "$([ -n "$SIM_PIN" ] && echo 'pin = "env:SIM_PIN";') ${MODEM_KEYS:-}"
    : >"$T/gw.log"
    start_gw
}

# (a) The right PIN, from the environment; the SIM answers +CPIN: "SIM PIN"
# with quotes, as some modems do.
fresh "$PIN" --pin "$PIN" --quote-cpin || { not_ok "simulator and daemon start"; finish; exit 1; }
check "a config with pin = env:SIM_PIN is valid" "$GW" --check-config "$T/checkin.conf"
check "the modem becomes ready after the PIN" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
check_eq "the PIN was entered once, and accepted" "1 1" "$(sim_events 'cmd AT+CPIN=') $(sim_events '^pin-ok')"
check_eq "healthz is 200" 200 "$(healthz)"
ctl enroll alex +15555550123 --specialist jordan >/dev/null
ctl checkin-now alex >/dev/null
check "the check-in goes out through the unlocked SIM" wait_eq 10 1 sent_to +15555550123 "Test Program"
sim deliver +15555550123 8
check "a reply comes in" wait_eq 10 8.0 sql "SELECT score FROM moods"
stop_ok
check "the PIN is in no daemon log line (debug level included)" not_matching "$PIN" cat "$T/gw.log"
check "nor in the simulator's logs" not_matching "$PIN" cat "$SIMDIR/events.log" "$SIMDIR/err"

# (b) A wrong PIN: one try, then never again while the daemon runs.
fresh "$WRONG" --pin "$PIN" || { not_ok "simulator and daemon start"; finish; exit 1; }
check "the refused PIN is logged as an error" wait_for 10 grep -q "level=error event=modem.pin_refused" "$T/gw.log"
# The device is reopened with a back-off (1 s, 2 s, ...): wait for the SIM
# to have been asked again twice after the refusal, and count the tries.
check "the modem is reopened and the SIM asked again" wait_for 20 eval '[ "$(sim_events "cmd AT+CPIN?")" -ge 3 ]'
check_eq "the wrong PIN was tried exactly once" 1 "$(sim_events 'cmd AT+CPIN=')"
check_eq "so the SIM still has 2 of its 3 attempts" 1 "$(sim_events '^pin-wrong left=2')"
check_eq "healthz is 503 (the only provider is down)" 503 "$(healthz)"
check "healthz says the PIN was refused and is not tried again" \
    grep -q "PIN was refused, not tried again; fix pin and restart" "$T/healthz.json"
check "the log says so at every reopen" grep -q "event=modem.unavailable.*PIN was refused, not tried again" "$T/gw.log"
ctl enroll bea +15555550124 --specialist jordan >/dev/null
ctl checkin-now bea >/dev/null
check "the check-in waits in the outbox" wait_eq 10 1 \
    sql "SELECT count(*) FROM messages WHERE peer='+15555550124' AND state IN ('queued','sending')"
check_eq "nothing is sent through the locked SIM" 0 "$(sim_events '^sent-part')"
stop_ok
check "neither PIN is in the daemon log" not_matching "$WRONG\|$PIN" cat "$T/gw.log"

# (c) A SIM that wants its PUK (blocked by wrong PINs before): no PIN is
# tried, and the reason says what a person must do.
fresh "$PIN" --pin "$PIN" --lock puk || { not_ok "simulator and daemon start"; finish; exit 1; }
check "a SIM that wants its PUK is reported" wait_for 10 grep -q "event=modem.unavailable.*SIM PUK" "$T/gw.log"
check "the modem is reopened and the SIM asked again" wait_for 20 eval '[ "$(sim_events "cmd AT+CPIN?")" -ge 2 ]'
check_eq "no PIN is ever tried on it" 0 "$(sim_events 'cmd AT+CPIN=')"
check_eq "healthz is 503" 503 "$(healthz)"
check "healthz says to unblock it with the PUK" grep -q "SIM is locked (SIM PUK): PIN entered wrongly too often; unblock it with the PUK in a phone" "$T/healthz.json"
stop_ok

# (d) A locked SIM and no pin in the config: no try, a clear reason.
fresh "" --pin "$PIN" || { not_ok "simulator and daemon start"; finish; exit 1; }
check "a SIM PIN with no pin configured is reported" wait_for 10 grep -q "event=modem.unavailable.*SIM is locked (SIM PIN): set pin in the config" "$T/gw.log"
check_eq "and no PIN is tried" 0 "$(sim_events 'cmd AT+CPIN=')"
stop_ok

# (e) Status reports (status_reports = true): the SMS-SUBMIT asks for one
# (TP-SRR), AT+CNMI's ds=1 has the modem show it as +CDS: <len> and the
# PDU; it is matched by TP-MR and recipient to the message sent.
MODEM_KEYS='status_reports = true;' fresh "" --lock none || { not_ok "simulator and daemon start"; finish; exit 1; }
check "the modem becomes ready" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
check_eq "the gateway asked for status reports shown directly (AT+CNMI ds=1)" 1 "$(sim_events 'cmd AT+CNMI=2,1,0,1,0')"
out_state() { sql "SELECT state||'|'||coalesce(last_error,'') FROM messages WHERE direction='out' AND peer='$1'"; }
# checkin_sent ALIAS PHONE ORDINAL: enrols a client, sends a check-in now
# and checks that it went out (state sent).
checkin_sent() {
    ctl enroll "$1" "$2" --specialist jordan >/dev/null
    ctl checkin-now "$1" >/dev/null
    check "a $3 check-in is sent" wait_eq 10 "sent|" out_state "$2"
}
checkin_sent ra +15555550131 first
check_eq "with a status report requested (TP-SRR)" 1 "$(sim_events 'sent-part +15555550131 .* srr=1')"
sim report last 00
check "a report 'delivered' (TP-ST 0x00) marks it delivered" wait_eq 10 "delivered|" out_state +15555550131
check_eq "the simulator showed it as +CDS" 1 "$(sim_events 'report mr=.* st=00 via=cds')"
check "the log names the meaning" grep -q 'event=modem.report .*status=0x00 meaning="delivered"' "$T/gw.log"
checkin_sent rb +15555550132 second
sim report last 41
check "a report 'incompatible destination' (TP-ST 0x41) fails it with the reason" \
    wait_eq 10 "failed|status report: incompatible destination (TP-ST 0x41)" out_state +15555550132
checkin_sent rc +15555550133 third
sim report last 21
check "a temporary 'recipient busy' (TP-ST 0x21) is logged" wait_for 10 grep -q 'event=modem.report .*status=0x21 meaning="recipient busy"' "$T/gw.log"
check_eq "and leaves it sent (the centre keeps trying)" "sent|" "$(out_state +15555550133)"
BEFORE=$(sql "SELECT group_concat(id||state||coalesce(last_error,''),';') FROM messages")
sim report 200 00
check "a report for a TP-MR never sent is logged as unmatched" \
    wait_for 10 grep -q 'event=modem.report_unmatched .*mr=200 .*no message sent with this reference' "$T/gw.log"
MR=$(grep -o 'sent-part +15555550133 .* mr=[0-9]*' "$SIMDIR/events.log" | sed 's/.*mr=//')
sim report "$MR" 00 +15555550999
check "a report with rc's TP-MR but another recipient is unmatched too" \
    wait_for 10 grep -q "event=modem.report_unmatched .*mr=$MR .*recipient is not the one" "$T/gw.log"
check_eq "and neither changed anything in the database" "$BEFORE" \
    "$(sql "SELECT group_concat(id||state||coalesce(last_error,''),';') FROM messages")"
sim report "$MR" 00
check "rc's own report still marks it delivered" wait_eq 10 "delivered|" out_state +15555550133
# A modem that stores its reports (+CDSI: "SR",<index>): read with AT+CMGR,
# recorded, and deleted from the SIM only after that.
checkin_sent re +15555550135 fourth
sim report_stored last 46
check "a stored report 'validity period expired' fails it" \
    wait_eq 10 "failed|status report: validity period expired (TP-ST 0x46)" out_state +15555550135
check "and the report is deleted from the SIM" wait_eq 10 0 sim_count
check_eq "after it was read" 1 "$(grep -A 100 'via=cdsi' "$SIMDIR/events.log" | grep -c '^cmd AT+CMGR=')"
stop_ok

# (f) A full SIM: messages the gateway leaves there (carrier notices) fill
# it. AT+CPMS? shows it; healthz and the log say so while sending goes on;
# a reply read while the database is locked is still deleted only after
# its commit; once there is room the reply the network kept arrives.
hz_status() {
    healthz >/dev/null
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["status"])' "$T/healthz.json"
}
MODEM_KEYS='' fresh "" --lock none --sim-size 3 || { not_ok "simulator and daemon start"; finish; exit 1; }
check "the modem becomes ready" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
sim alpha Carrier "Notice one"
sim alpha Carrier "Notice two"
check "two carrier notices are left on the SIM" wait_eq 10 2 eval 'grep -c "event=modem.sender_unusable" "$T/gw.log"'
check_eq "with room left, healthz is ok" ok "$(hz_status)"
sim alpha Carrier "Notice three"
check "the full SIM (3 of 3) is logged as an error" wait_for 10 grep -q "level=error event=modem.sim_full .*used=3 total=3" "$T/gw.log"
check_eq "healthz stays 200 (sending works)" 200 "$(healthz)"
check "healthz lists the full SIM as a problem" \
    grep -q '"problems":\["provider gsm: sending ok; SIM message storage full (3/3): no new text can arrive' "$T/healthz.json"
check_eq "and says degraded" degraded "$(hz_status)"
check_eq "the full SIM is logged once, not at every poll" 1 "$(grep -c 'event=modem.sim_full' "$T/gw.log")"
ctl enroll rd +15555550134 --specialist jordan >/dev/null
ctl checkin-now rd >/dev/null
check "a check-in still goes out" wait_eq 10 1 sent_to +15555550134 "Test Program"
sim deliver +15555550134 4
check "the reply cannot be stored on the full SIM (the network keeps it)" wait_eq 10 1 sim_events 'sim-full waiting=1' 
check "the database is locked by another process" lock_db
# The reply takes index 1, where the deleted notice was: it must be read,
# not taken for the notice the gateway left there.
sim delete 1
check "a person deletes a notice: the reply is stored and read, its commit fails (locked)" \
    wait_for "$LOCK_WAIT" grep -q "event=modem.inbound_deferred" "$T/gw.log"
check_eq "and it stays on the SIM, which is still full" 3 "$(sim_count)"
unlock_db
check "after the lock the reply is recorded" wait_eq 20 1 sql "SELECT count(*) FROM moods WHERE score=4"
check "and then deleted from the SIM" wait_eq 10 2 sim_count
check "the room is noticed" wait_for 10 grep -q "event=modem.sim_space .*used=2 total=3" "$T/gw.log"
check "healthz is ok again" wait_eq 10 ok hz_status
stop_ok

# (g) A strict modem, which does not skip bytes before "AT": the ESC that
# starts the initialisation needs a CR of its own, or ESC, pause, "AT" is
# read as "\x1bAT", refused, and the initialisation fails at every try.
MODEM_KEYS='' fresh "" --lock none --strict || { not_ok "simulator and daemon start"; finish; exit 1; }
check "the strict modem becomes ready" wait_for 20 grep -q "event=modem.ready" "$T/gw.log"
check_eq "the ESC came on a line of its own" 1 "$(sim_events '^line 1b$')"
check_eq "no AT command was refused" 0 "$(sim_events '^refused .*4154')"
stop_ok

# (h) A strict modem that does not answer at first: each new try begins
# differently (ESC CR, then CR alone), and once it answers it is ready.
sim_start --lock none --strict || { not_ok "simulator starts"; finish; exit 1; }
sim silent
wait_for 10 eval '[ "$(sim_events "^silent")" -ge 1 ]'
modem_config ""
: >"$T/gw.log"
start_gw
check "two tries go unanswered" wait_for 30 eval '[ "$(sim_events "^line 4154 unanswered")" -ge 2 ]'
# The line that came before the first AT of each of the first two tries.
PRELUDES=$(awk '$1 == "line" { if ($2 == "4154" && n < 2) p[n++] = prev; prev = ($2 == "unanswered" ? "" : $2) }
    END { print p[0] "|" p[1] }' "$SIMDIR/events.log")
check_eq "the second try began differently from the first (ESC CR, then CR)" "1b|" "$PRELUDES"
sim answer
check "once the modem answers it becomes ready" wait_for 30 grep -q "event=modem.ready" "$T/gw.log"
stop_ok

# (i) A +CMTI is read at once, not at the next tick: the tick is made ten
# minutes long (CHECKIN_MODEM_TICK_MS), so no tick and no poll can come
# between the +CMTI and the read.
export CHECKIN_MODEM_TICK_MS=600000
MODEM_KEYS='' fresh "" --lock none || { not_ok "simulator and daemon start"; finish; exit 1; }
unset CHECKIN_MODEM_TICK_MS
check "the modem becomes ready" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
ctl enroll ri +15555550141 --specialist jordan >/dev/null
sim deliver +15555550141 7
check "the new message is read" wait_eq 20 1 sim_events '^read-after-cmti index=1 .* by=AT+CMGR=1$'
# The enrolment's own text may go out between the +CMTI and the read (the
# +CMTI wakes the modem with it queued): the read must come before any
# poll, not before that send.
check_eq "after the +CMTI its AT+CMGR came before any poll (AT+CMGL)" "cmd AT+CMGR=1" \
    "$(sed -n '/^cmti 1$/,$p' "$SIMDIR/events.log" | grep -m 1 -e '^cmd AT+CMGR' -e '^cmd AT+CMGL')"
check "the text is recorded" wait_eq 10 1 \
    sql "SELECT count(*) FROM messages WHERE direction='in' AND peer='+15555550141'"
check "and deleted from the SIM" wait_eq 10 0 sim_count
stop_ok

# (j) A temporary error on part 2 of a long text (three parts): the retry
# resumes from part 2 under the same reference, so the phone gets each part
# once and one message, no orphan part 1.
sim_start --lock none || { not_ok "simulator starts"; finish; exit 1; }
modem_config ""
LONG_Q="How are you today, {scale_min}-{scale_max}? Reply with one number: {scale_min} means really rough, {scale_max} means great. Your peer specialist reads every answer the same day and may call you. Reply STOP to opt out of these texts at any time, HELP for help. If you are in crisis, call or text 988 now, day or night. Thank you for checking in with us, it helps us help you and everyone else in the program."
sed -i "s|^  checkin = .*|  checkin = \"{program}: $LONG_Q\";|" "$T/checkin.conf"
printf 'outbox = { retry_base_seconds = 1; retry_max_seconds = 2; };\n' >>"$T/checkin.conf"
: >"$T/gw.log"
start_gw
check "the modem becomes ready" wait_for 10 grep -q "event=modem.ready" "$T/gw.log"
sim cms_part 2 332
ctl enroll rj +15555550151 --specialist jordan >/dev/null
ctl checkin-now rj >/dev/null
check "the long check-in reaches the phone" wait_eq 30 1 sent_to +15555550151 "Test Program: How are you"
check_eq "after part 2 failed once (+CMS ERROR 332, temporary)" 1 "$(sim_events '^cms 332 part=2$')"
PARTS=$(grep "^sent-part +15555550151 " "$SIMDIR/events.log" | cut -d ' ' -f 4)
check_eq "the phone got parts 1, 2 and 3, each once" "1/3 2/3 3/3" "$(echo $PARTS | sed 's|[0-9]*/\([0-9]*/3\)|\1|g')"
check_eq "all under one reference" 1 "$(printf '%s\n' $PARTS | cut -d / -f 1 | sort -u | wc -l)"
check_eq "and they form one message" 1 "$(grep -c '^+15555550151	' "$SIMDIR/sent.log")"
check "the retry resumed at part 2" grep -q "event=modem.resume .*part=2 of=3" "$T/gw.log"
# waited for: the phone has the parts a moment before the daemon commits
# 'sent' (under valgrind the test once looked in between)
check "the message is sent" wait_eq 10 sent sql "SELECT state FROM messages WHERE direction='out' AND peer='+15555550151'"
stop_ok
sim quit
finish
