#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs every benchmark and prints one table. A benchmark is
#   $BUILD/bench/bench_<name>   (built from tests/bench/bench_<name>.c), or
#   tests/bench/bench_<name>.sh
# and prints rows "figure<TAB>value<TAB>unit<TAB>command" on stdout (anything
# else it prints goes to the log). Figures are medians or ratios, never one
# timing; the machines are shared and noisy.
#   BENCH="bench_reply ..."   run only these
set -u
BUILD=${BUILD:-build}
BUILD=$(cd "$BUILD" && pwd); export BUILD
logs="$BUILD/bench-logs"; mkdir -p "$logs"
rows=$(mktemp); trap 'rm -f "$rows"' EXIT
status=0

selected() {
    [ -z "${BENCH:-}" ] && return 0
    for want in $BENCH; do [ "$want" = "$1" ] && return 0; done
    return 1
}

run() { # name, command...
    name=$1; shift
    selected "$name" || return 0
    echo "bench: $name ..." >&2
    if "$@" >"$logs/$name.out" 2>"$logs/$name.log"; then
        grep -P '^[^\t]+\t[^\t]+\t[^\t]*\t' "$logs/$name.out" >>"$rows" || true
    else
        echo "bench: $name failed (log: $logs/$name.log)" >&2
        printf '%s\tFAILED\t\tsee %s\n' "$name" "$logs/$name.log" >>"$rows"
        status=1
    fi
}

for bin in "$BUILD"/bench/bench_*; do
    [ -x "$bin" ] && run "$(basename "$bin")" "$bin"
done
for sh in tests/bench/bench_*.sh; do
    [ -f "$sh" ] && run "$(basename "$sh" .sh)" sh "$sh"
done

printf '\n%-52s %14s  %-10s %s\n' "figure" "value" "unit" "command"
printf '%-52s %14s  %-10s %s\n' "------" "-----" "----" "-------"
while IFS="$(printf '\t')" read -r fig val unit cmd; do
    printf '%-52s %14s  %-10s %s\n' "$fig" "$val" "$unit" "$cmd"
done <"$rows"
exit $status
