# SPDX-License-Identifier: Apache-2.0
# bench_flow: a check-in flow's step (issue 19): the time from a client's
# answer arriving (its spool file appearing in incoming/) to the flow's next
# question handed to the provider (the gateway's outbox.sent for it: its
# spool file is written). The real daemon, the spool provider, CLIENTS
# clients (default 100) in a three-question flow, each answering its first
# two questions, one answer every 0.05 s. Prints median and p99 (nearest
# rank) of the whole time (the spool provider reads a file when inotify says
# its writer closed or renamed it), and of the gateway's own part: from the answer's commit (the answer
# stored, the next question queued, in one transaction) to that question
# handed to the provider. 100,000 clients starting a flow at one time is
# bench_scheduler's.
. tests/integration/lib.sh
. tests/bench/lib_bench.sh
set -u

CLIENTS=${CLIENTS:-100}

write_config
sed -i 's/log_level = "debug"/log_level = "info"/' "$T/checkin.conf"
sed -i 's|^schedules = ( |schedules = ( { name = "recovery"; times = [ "09:00" ]; window_minutes = 240; flow = "recovery"; },\n  |' "$T/checkin.conf"
cat >>"$T/checkin.conf" <<'CONF'
flows = ( { name = "recovery"; questions = (
  { id = "mood"; type = "scale"; min = 1; max = 10; text = "How are you today, 1-10?"; },
  { id = "cravings"; type = "scale"; min = 0; max = 10; alert = ">= 8 high"; text = "Cravings today, 0-10?"; },
  { id = "meeting"; type = "yesno"; ask_if = "mood >= 5"; text = "Made it to a meeting? YES or NO"; } ); } );
CONF
i=0
while [ $i -lt "$CLIENTS" ]; do
    ctl enroll "c$i" "+1555600$(printf %04d $i)" --schedule recovery --specialist jordan >/dev/null 2>&1 || exit 1
    ctl checkin-now "c$i" >/dev/null 2>&1 || exit 1
    i=$((i + 1))
done
start_gw >&2 || { echo "the daemon did not start" >&2; exit 1; }
wait_eq 30 "$CLIENTS" sql "SELECT count(*) FROM messages WHERE kind='checkin' AND state='sent'" >&2 ||
    { echo "the first questions did not go out" >&2; exit 1; }

: >"$T/arrivals"
for answer in 6 3; do
    i=0
    while [ $i -lt "$CLIENTS" ]; do
        phone="1555600$(printf %04d $i)"
        f="a$answer-$i"
        mkdir -p "$T/spool/incoming"
        printf 'From: %s\nAlphabet: UTF-8\n\n%s' "$phone" "$answer" >"$T/spool/incoming/.$f"
        echo "+$phone $answer $(date +%s%N)" >>"$T/arrivals"
        mv "$T/spool/incoming/.$f" "$T/spool/incoming/$f"
        i=$((i + 1)); sleep 0.05
    done
done
if ! wait_eq 60 $((CLIENTS * 3)) sql "SELECT count(*) FROM messages WHERE kind='checkin' AND state='sent'" >&2; then
    echo "not every next question was sent" >&2; exit 1
fi
stop_gw TERM

: >"$T/lat"; : >"$T/gwlat"
while read -r peer answer arrived; do
    # The answer's message, and the first question queued after it.
    in_id=$(sql "SELECT id FROM messages WHERE direction='in' AND peer='$peer' AND body='$answer'")
    q_id=$(sql "SELECT min(id) FROM messages WHERE kind='checkin' AND peer='$peer' AND id > $in_id")
    sent=$(log_ns "event=outbox.sent id=$q_id kind=checkin") || exit 1
    committed=$(log_ns "event=inbound.committed provider=spool id=$in_id ") || exit 1
    echo $(( (sent - arrived) / 1000 )) >>"$T/lat"        # microseconds
    echo $(( (sent - committed) / 1000 )) >>"$T/gwlat"
done <"$T/arrivals"
cmd="make bench BENCH=bench_flow"
report "$T/lat" "flow: answer file arrives -> next question to provider"
report "$T/gwlat" "flow: answer committed -> next question to provider"
