#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs the unit tests (cmocka binaries in $BUILD/tests) and the integration
# tests (tests/integration/test_*.sh, which print TAP "ok"/"not ok" lines),
# each in its own process with a time limit, JOBS of them at a time (most
# integration tests spend their time waiting on the daemon, so two lanes
# nearly halve the run on two cores; every test has its own temporary
# directory and free ports). Logs go to $BUILD/test-logs/. A line per test
# as it ends; then the tail of each failure's log, the skips with their
# reasons, and a closing line, always the last: "N passed, N failed, N
# skipped". A skip is a TAP "ok N # SKIP reason" line (integration) or a
# cmocka "[  SKIPPED ]" test (unit): counted apart from the passes, never a
# failure. Exits non-zero if any failed, or if nothing passed or skipped.
#   ONLY=unit|integration   run one half
#   TESTS="test_store ..."  run only these
#   EXCLUDE="test_x ..."    leave these out (not run, not counted)
#   JOBS=N                  lanes (default 2; 1 runs them one by one)
set -u
BUILD=${BUILD:-build}
ONLY=${ONLY:-}
LIMIT=${TEST_TIMEOUT:-180}
JOBS=${JOBS:-2}
mkdir -p "$BUILD/test-logs"
BUILD=$(cd "$BUILD" && pwd); export BUILD
logs="$BUILD/test-logs"
SKIP_RE='^ok [0-9]*[^#]*#[[:space:]]*skip'

# One test: run it, write "passes fails skips" to its .result, print its line.
if [ "${1:-}" = --one ]; then
    kind=$2; name=$3; log="$logs/$name.log"
    t0=$(date +%s)
    if [ "$kind" = unit ]; then
        timeout -k 5 "$LIMIT" "$BUILD/tests/$name" >"$log" 2>&1; rc=$?
        # cmocka's PASSED count leaves the skipped tests out.
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed.*/\1/p' "$log" | tail -n 1)
        s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test(s), listed.*/\1/p' "$log" | tail -n 1)
        p=${p:-0}; f=${f:-0}; s=${s:-0}
        # A crash or a time-out prints no summary: count it as a failure.
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "(exit status $rc)" >>"$log"; fi
    else
        # A test that needs longer says so in its first lines:
        # "# test-timeout: SECONDS" (test_fuzz_brief builds every fuzz target).
        lim=$(head -n 12 "tests/integration/$name.sh" | sed -n 's/^# test-timeout: *\([0-9][0-9]*\).*/\1/p' | head -n 1)
        timeout -k 5 "${lim:-$LIMIT}" sh "tests/integration/$name.sh" >"$log" 2>&1; rc=$?
        # TAP: "ok 3 # SKIP why" or "ok 3 - what # skip why" is a skip.
        s=$(grep -ci "$SKIP_RE" "$log")
        p=$(($(grep -c '^ok ' "$log") - s)); f=$(grep -c '^not ok ' "$log")
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "(exit status $rc)" >>"$log"; fi
        if [ "$rc" -eq 0 ] && [ "$((p + s))" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "(ran no check)" >>"$log"; fi
    fi
    echo "$p $f $s" >"$logs/$name.result"
    # its wall time, so the slow ones can be found (CI's budget)
    secs="$(( $(date +%s) - t0 ))s"
    if [ "$f" -gt 0 ]; then
        printf 'FAIL  %-32s %d passed, %d failed, %d skipped, %s (log: %s)\n' "$name" "$p" "$f" "$s" "$secs" "$log"
    elif [ "$s" -gt 0 ]; then
        printf 'ok    %-32s %d passed, %d skipped, %s\n' "$name" "$p" "$s" "$secs"
    else
        printf 'ok    %-32s %d passed, %s\n' "$name" "$p" "$secs"
    fi
    exit 0
fi

selected() {
    for skip in ${EXCLUDE:-}; do [ "$skip" = "$1" ] && return 1; done
    [ -z "${TESTS:-}" ] && return 0
    for want in $TESTS; do [ "$want" = "$1" ] && return 0; done
    return 1
}

# A unit test and an integration test of one name would write the same log
# and result file: one's failure could be hidden by the other's pass.
for bin in "$BUILD"/tests/test_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    if [ -f "tests/integration/$name.sh" ]; then
        echo "run-tests.sh: $name is both a unit and an integration test: rename one" >&2
        exit 2
    fi
done

# The queue, "kind name" a line: the longest integration tests first, so
# the lanes end together, then the unit tests, then the other integration
# tests.
LONG="test_fuzz_brief test_crash_soak test_fault_soak test_modem_sim test_reply_model_training
      test_consent_digest test_modem test_bad_input test_unclear_digest test_consent
      test_escalation"
LONG=$(echo $LONG) # one space between names: " $LONG " is matched below
queue=$(mktemp)
trap 'rm -f "$queue"' EXIT
if [ "$ONLY" != unit ]; then
    for name in $LONG; do
        [ -f "tests/integration/$name.sh" ] && selected "$name" && echo "integration $name"
    done
fi >>"$queue"
if [ "$ONLY" != integration ]; then
    for bin in "$BUILD"/tests/test_*; do
        [ -x "$bin" ] || continue
        name=$(basename "$bin"); selected "$name" && echo "unit $name"
    done
fi >>"$queue"
if [ "$ONLY" != unit ]; then
    for t in tests/integration/test_*.sh; do
        [ -f "$t" ] || continue
        name=$(basename "$t" .sh)
        case " $LONG " in *" $name "*) continue ;; esac
        selected "$name" && echo "integration $name"
    done
fi >>"$queue"

while read -r kind name; do rm -f "$logs/$name.result"; done <"$queue"
xargs -P "$JOBS" -L 1 sh "$0" --one <"$queue"

passed=0; failed=0; skipped=0; failures=""
while read -r kind name; do
    if [ -f "$logs/$name.result" ]; then
        read -r p f s <"$logs/$name.result"
    else
        p=0; f=1; s=0 # the runner itself died
    fi
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$s" -gt 0 ]; then
        # Each skip with its reason: the TAP line, or cmocka's test name.
        { grep -i "$SKIP_RE" "$logs/$name.log"
          sed -n 's/^\[  SKIPPED \] \([^0-9]\)/\1/p' "$logs/$name.log" | sort -u
        } | sed "s|^|SKIP  $name: |"
    fi
    if [ "$f" -gt 0 ]; then
        failures="$failures $name"
        printf '\nFAIL  %s (log: %s)\n' "$name" "$logs/$name.log"
        tail -n 25 "$logs/$name.log" | sed 's/^/      | /'
    fi
done <"$queue"

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$((passed + skipped))" -gt 0 ]
