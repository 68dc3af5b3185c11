#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs one libFuzzer target for a given time:
#   scripts/fuzz.sh TARGET SECONDS      e.g. scripts/fuzz.sh fuzz_reply 60
#   scripts/fuzz.sh --list
# Builds the targets first (make fuzz, clang + ASan + UBSan, in build-fuzz/).
# Seeds are read from tests/fuzz/corpus/TARGET/ and never written to; new
# inputs go to a scratch corpus under build-fuzz/. A crash, a leak or a read
# past the input stops the run with exit status non-zero and leaves the
# reproducer in build-fuzz/crashes/TARGET/.
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = --list ]; then
    for f in tests/fuzz/fuzz_*.c; do basename "$f" .c; done
    exit 0
fi
[ $# -eq 2 ] || { echo "usage: scripts/fuzz.sh TARGET SECONDS | --list" >&2; exit 2; }
target=$1; secs=$2
[ -f "tests/fuzz/$target.c" ] || { echo "fuzz.sh: no target tests/fuzz/$target.c (see --list)" >&2; exit 2; }
case "$secs" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number" >&2; exit 2 ;; esac

make --no-print-directory -s fuzz >&2
bin=build-fuzz/fuzz/$target
work=build-fuzz/corpus/$target; crashes=build-fuzz/crashes/$target
mkdir -p "$work" "$crashes" "tests/fuzz/corpus/$target"
dict=""; [ -f "tests/fuzz/$target.dict" ] && dict="-dict=tests/fuzz/$target.dict"
# Leaks inside a system library (not ours) are listed in TARGET.lsan.
[ -f "tests/fuzz/$target.lsan" ] && export LSAN_OPTIONS="suppressions=$(pwd)/tests/fuzz/$target.lsan"
# shellcheck disable=SC2086
exec "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="$crashes/" $dict "$work" "tests/fuzz/corpus/$target"
