#!/bin/sh
# test-timeout: 480 (it builds every fuzz target with clang first)
# SPDX-License-Identifier: Apache-2.0
# Runs every libFuzzer target of tests/fuzz/ briefly: CI's guard that no
# parser crashes, leaks or reads past its input on the seeds and what the
# fuzzer finds from them in that time. FUZZ_SECONDS each; by default 5, or
# less when there are many targets, so that all of them together take
# about 30 s of the suite (at least 2 s each).
# Longer runs: scripts/fuzz.sh TARGET SECONDS.
set -u
count=$(sh scripts/fuzz.sh --list | wc -l)
secs=${FUZZ_SECONDS:-$(( count > 0 && 30 / count < 5 ? (30 / count < 2 ? 2 : 30 / count) : 5 ))}
n=0
if ! make --no-print-directory -s fuzz >/tmp/fuzz-build.$$ 2>&1; then
    cat /tmp/fuzz-build.$$; rm -f /tmp/fuzz-build.$$
    echo "not ok - fuzz targets build"; exit 1
fi
rm -f /tmp/fuzz-build.$$
for t in $(sh scripts/fuzz.sh --list); do
    n=$((n + 1))
    if sh scripts/fuzz.sh "$t" "$secs" >"build-fuzz/$t.log" 2>&1; then
        echo "ok $n - $t ran ${secs}s: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/$t.log" | grep -o '[0-9]*$') inputs, no crash"
    else
        tail -n 30 "build-fuzz/$t.log"
        echo "not ok $n - $t crashed (reproducer in build-fuzz/crashes/$t/)"
    fi
done
