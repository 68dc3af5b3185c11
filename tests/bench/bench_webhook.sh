#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# bench_webhook: inbound replies committed per second through the HTTP
# webhook (the kannel provider's get-url route) from 10,000 enrolled
# clients, driven by wrk from Debian
# with tests/bench/bench_webhook.lua (every request a distinct reply) for
# BENCH_SECONDS (default 10) over BENCH_CONNS connections (default 64) and
# 2 threads, BENCH_RUNS times (default 3), each against a fresh database:
# the median rate (rows committed / wrk's elapsed time), the median of
# wrk's p99 latency, and the gateway's peak resident memory.
#
# Beside it, the same number of inbound messages (the median run's count,
# at most BENCH_KANNEL_MAX, default 30000) through Debian's Kannel: fakesmsc
# -> bearerbox -> smsbox -> get-url -> the gateway, all on 127.0.0.1, timed
# from fakesmsc's start until the last one is committed. (Kannel's own
# figure is bounded by smsbox's HTTP client; the gateway behind it is the
# same.) BENCH_KANNEL=0 skips it.
set -u
ROOT=$(pwd)
BUILD=${BUILD:-$ROOT/build}
GW="$BUILD/checkin-gateway"
SECS=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
CONNS=${BENCH_CONNS:-64}
THREADS=2
SECRET=bench-secret-0123456789
T=$(mktemp -d /tmp/checkin-bench.XXXXXX)
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
command -v wrk >/dev/null || { echo "bench_webhook: wrk is not installed (scripts/deps.sh)" >&2; exit 1; }

write_config() { # DIR
    cat >"$1/checkin.conf" <<CONF
program = { name = "Bench"; contact = "555"; timezone = "UTC"; };
daemon = { database = "$1/db.sqlite"; pid_file = "$1/gw.pid"; log_level = "info"; };
http = { listen = "127.0.0.1"; port = 0; };
providers = ( { name = "kannel"; kind = "kannel"; sendsms_url = "http://127.0.0.1:${SENDSMS_PORT:-9}/cgi-bin/sendsms";
  username = "checkin"; password = "send-$SECRET"; secret = "$SECRET"; } );
schedules = ( { name = "daily"; times = [ "09:00" ]; window_minutes = 240; scale = [ 1, 10 ]; alert_at_or_below = 2; } );
specialists = ( { id = "jordan"; name = "Jordan"; phone = "+15555550100"; } );
templates = { en = { checkin = "c"; retry = "r"; crisis = "988"; alert = "a"; stop = "s"; start = "st"; help = "h"; }; };
CONF
}

# 10,000 enrolled clients (+15550000000 ...), so every reply is a client's:
# looked up, its mood stored, its check-in answered.
enroll() { # DIR
    awk 'BEGIN { print "alias,phone"; for (i = 0; i < 10000; i++) printf "c%d,+1555%07d\n", i, i }' \
        >"$1/clients.csv"
    "$BUILD/checkinctl" -c "$1/checkin.conf" import "$1/clients.csv" >/dev/null ||
        { echo "bench_webhook: enrolling the clients failed" >&2; exit 1; }
}

start_gw() { # DIR
    "$GW" -c "$1/checkin.conf" 2>"$1/gw.log" &
    GW_PID=$!
    PIDS="$PIDS $GW_PID"
    i=0
    while ! grep -q "event=gateway.ready" "$1/gw.log" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 100 ] && { echo "gateway did not start" >&2; cat "$1/gw.log" >&2; exit 1; }
        sleep 0.1
    done
    PORT=$(grep "event=gateway.ready" "$1/gw.log" | sed 's/.*http=[0-9.]*:\([0-9]*\).*/\1/')
}
stop_gw() { kill "$GW_PID" 2>/dev/null; wait "$GW_PID" 2>/dev/null; }
committed() { sqlite3 -cmd ".timeout 5000" "$1/db.sqlite" "SELECT count(*) FROM messages WHERE direction='in'"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# wrk prints latencies as 1.23ms / 456.00us / 1.02s: milliseconds out.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms$/,"",v); else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }

: >"$T/rates"; : >"$T/p99"; : >"$T/rss"; : >"$T/counts"
r=1
while [ $r -le "$RUNS" ]; do
    D="$T/run$r"; mkdir -p "$D"
    write_config "$D"
    enroll "$D"
    start_gw "$D"
    wrk -t$THREADS -c"$CONNS" -d"${SECS}s" --latency -s "$ROOT/tests/bench/bench_webhook.lua" \
        "http://127.0.0.1:$PORT" -- 0 "$SECRET" "$THREADS" >"$D/wrk.out" 2>&1
    secs=$(sed -n 's/.* requests in \([0-9.]*\)\(m\?s\),.*/\1 \2/p' "$D/wrk.out" | awk '{print ($2=="ms") ? $1/1000 : $1}')
    got=$(committed "$D")
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$D/wrk.out")
    echo "run $r: $got committed in ${secs}s, non-2xx: ${non2xx:-0}" >&2
    awk -v n="$got" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f\n", n / s }' >>"$T/rates"
    echo "$got" >>"$T/counts"
    grep -E '^ +99%' "$D/wrk.out" | awk '{print $2}' | to_ms >>"$T/p99"
    awk '/VmHWM/ {print $2}' "/proc/$GW_PID/status" >>"$T/rss"
    stop_gw
    cat "$D/wrk.out" >&2
    r=$((r + 1))
done
CMD="BENCH=bench_webhook make bench (wrk -t$THREADS -c$CONNS -d${SECS}s, distinct replies, median of $RUNS)"
printf 'inbound replies committed through the webhook (wrk)\t%s\t%s\t%s\n' "$(median <"$T/rates")" "replies/s" "$CMD"
printf 'inbound webhook p99 latency (wrk, median of runs)\t%s\t%s\t%s\n' "$(median <"$T/p99")" "ms" "$CMD"
printf 'gateway peak resident memory (during the webhook runs)\t%s\t%s\t%s\n' \
    "$(median <"$T/rss" | awk '{printf "%.1f", $1/1024}')" "MiB" "$CMD"

[ "${BENCH_KANNEL:-1}" = 0 ] && exit 0
N=$(median <"$T/counts" | awk -v m="${BENCH_KANNEL_MAX:-30000}" '{n = int($1); print (n > m) ? m : n}')
BB=/usr/sbin/bearerbox SB=/usr/sbin/smsbox FAKE=/usr/lib/kannel/test/fakesmsc
[ -x "$BB" ] && [ -x "$SB" ] && [ -x "$FAKE" ] || { echo "bench_webhook: kannel is not installed" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ADMIN_PORT=$(free_port) SMSBOX_PORT=$(free_port) FAKE_PORT=$(free_port) SENDSMS_PORT=$(free_port)
D="$T/kannel"; mkdir -p "$D"
write_config "$D"
start_gw "$D"
sed -e "s|@ADMIN_PORT@|$ADMIN_PORT|g" -e "s|@SMSBOX_PORT@|$SMSBOX_PORT|g" \
    -e "s|@FAKE_PORT@|$FAKE_PORT|g" -e "s|@SENDSMS_PORT@|$SENDSMS_PORT|g" \
    -e "s|@GW_PORT@|$PORT|g" -e "s|@SECRET@|$SECRET|g" -e "s|@DIR@|$D|g" \
    -e 's|^log-level = 0|log-level = 2|' \
    "$ROOT/tests/data/kannel/kannel.conf" >"$D/kannel.conf"
"$BB" "$D/kannel.conf" >"$D/bb.out" 2>&1 & PIDS="$PIDS $!"
sleep 1
"$SB" "$D/kannel.conf" >"$D/sb.out" 2>&1 & PIDS="$PIDS $!"
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms")" != 000 ]; do
    i=$((i + 1)); [ $i -gt 150 ] && { echo "smsbox did not start" >&2; exit 1; }; sleep 0.1
done
start=$(date +%s.%N)
# -z 1: a random number after the sender prefix, so senders vary.
"$FAKE" -H 127.0.0.1 -r "$FAKE_PORT" -i 0 -m "$N" -z 1 "+1555 15555550100 text 7" >"$D/fake.out" 2>&1 &
FAKE_PID=$!; PIDS="$PIDS $FAKE_PID"
last=-1; still=0
while :; do
    got=$(committed "$D")
    [ "$got" -ge "$N" ] && break
    if [ "$got" = "$last" ]; then still=$((still + 1)); else still=0; fi
    [ $still -gt 300 ] && { echo "kannel: stuck at $got of $N" >&2; break; }
    last=$got; sleep 0.1
done
end=$(date +%s.%N)
rate=$(awk -v n="$got" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f\n", n / (b - a) }')
echo "kannel: $got of $N committed in $(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')s" >&2
printf 'same replies via Kannel fakesmsc->bearerbox->smsbox->gateway\t%s\t%s\t%s\n' "$rate" "replies/s" \
    "BENCH=bench_webhook make bench (fakesmsc -i 0 -m $N, Debian kannel, tests/data/kannel)"
