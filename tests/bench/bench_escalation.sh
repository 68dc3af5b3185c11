# SPDX-License-Identifier: Apache-2.0
# bench_escalation: the time from a crisis reply's arrival (its spool file
# appearing in incoming/) to the specialist's alert handed to the provider
# (the gateway's outbox.sent for the alert: its spool file is written), while
# the gateway also takes a steady load of ordinary replies from other
# clients. The real daemon, the spool provider, one crisis reply every
# 0.1 s from 100 different clients (no flood merging), ordinary replies at
# about 25 a second in the background. Prints median and p99 (nearest rank)
# of the whole time, which includes the spool provider's 1 s settle time (a
# file smsd may still be writing is not read before it is 1 s old), and of
# the gateway's own part: from the reply's commit (with its escalation, in
# one transaction) to the alert handed to the provider.
. tests/integration/lib.sh
. tests/bench/lib_bench.sh
set -u

CRISES=${CRISES:-100}
LOADERS=20

write_config
sed -i 's/log_level = "debug"/log_level = "info"/' "$T/checkin.conf"
start_gw >&2 || { echo "the daemon did not start" >&2; exit 1; }
i=0
while [ $i -lt $((CRISES + LOADERS)) ]; do
    ctl enroll "c$i" "+1555600$(printf %04d $i)" --specialist jordan >/dev/null || exit 1
    i=$((i + 1))
done

# The steady load: ordinary replies from the last LOADERS clients.
(
    k=0
    while [ -f "$T/load.on" ]; do
        n=$((CRISES + k % LOADERS))
        drop_in "1555600$(printf %04d $n)" "$((k % 5 + 5))" "load-$k"
        k=$((k + 1)); sleep 0.04
    done
) &
LOAD_PID=$!
: >"$T/load.on"
sleep 2

: >"$T/arrivals"
i=0
while [ $i -lt "$CRISES" ]; do
    phone="1555600$(printf %04d $i)"
    f="crisis-$i"
    mkdir -p "$T/spool/incoming"
    printf 'From: %s\nAlphabet: UTF-8\n\n%s' "$phone" "I want to kill myself tonight" \
        >"$T/spool/incoming/.$f"
    echo "+$phone $(date +%s%N)" >>"$T/arrivals"
    mv "$T/spool/incoming/.$f" "$T/spool/incoming/$f"
    i=$((i + 1)); sleep 0.1
done
if ! wait_eq 60 "$CRISES" sql "SELECT count(*) FROM messages WHERE kind='alert' AND state='sent'" >&2; then
    echo "not every alert was sent" >&2; exit 1
fi
rm -f "$T/load.on"; wait "$LOAD_PID"
ordinary=$(sql "SELECT count(*) FROM moods")
stop_gw TERM

: >"$T/lat"; : >"$T/gwlat"
while read -r peer arrived; do
    row=$(sql "SELECT m.id, e.message_id FROM messages m JOIN escalations e ON e.id = m.escalation_id WHERE e.peer='$peer' AND m.kind='alert' ORDER BY m.id LIMIT 1")
    sent=$(log_ns "event=outbox.sent id=${row%|*} kind=alert") || exit 1
    committed=$(log_ns "event=inbound.committed provider=spool id=${row#*|} ") || exit 1
    echo $(( (sent - arrived) / 1000 )) >>"$T/lat"        # microseconds
    echo $(( (sent - committed) / 1000 )) >>"$T/gwlat"
done <"$T/arrivals"
cmd="make bench BENCH=bench_escalation"
report "$T/lat" "crisis file arrives -> alert to provider"
report "$T/gwlat" "crisis committed -> alert to provider"
printf 'ordinary replies taken meanwhile\t%s\treplies\t%s\n' "$ordinary" "$cmd"
