# SPDX-License-Identifier: Apache-2.0
# lib_bench.sh: shared by the shell benchmarks that time the real daemon
# from its log (after tests/integration/lib.sh, which sets $T).

# log_ns PATTERN: the time of the first log line matching it, in ns.
log_ns() {
    ts=$(grep -- "$1" "$T/gw.log" | head -n 1 | cut -d' ' -f1)
    [ -n "$ts" ] || { echo "no log line: $1" >&2; exit 1; }
    date -d "$ts" +%s%N
}
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
# report FILE LABEL: the median and p99 (nearest rank) of FILE's
# microseconds as two rows, with $cmd as the command.
report() {
    sort -n "$1" >"$1.sorted"
    n=$(wc -l <"$1.sorted")
    med=$(sed -n "$(( (n + 1) / 2 ))p" "$1.sorted")
    p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$1.sorted")
    printf '%s, median\t%s\tms\t%s\n' "$2" "$(ms "$med")" "$cmd"
    printf '%s, p99 (n=%d)\t%s\tms\t%s\n' "$2" "$n" "$(ms "$p99")" "$cmd"
}
