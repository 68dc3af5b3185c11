#!/bin/sh
# Runs the unit tests (cmocka binaries in $BUILD/tests) and the integration
# tests (tests/integration/test_*.sh, which print TAP "ok"/"not ok" lines),
# each in its own process with a time limit. Logs go to $BUILD/test-logs/.
# Ends with one line: "N passed, N failed". Exits non-zero if any failed.
#   ONLY=unit|integration   run one half
#   TESTS="test_store ..."  run only these
set -u
BUILD=${BUILD:-build}
ONLY=${ONLY:-}
LIMIT=${TEST_TIMEOUT:-180}
logs="$BUILD/test-logs"
mkdir -p "$logs"
BUILD=$(cd "$BUILD" && pwd); export BUILD
logs="$BUILD/test-logs"
passed=0; failed=0; failures=""

selected() {
    [ -z "${TESTS:-}" ] && return 0
    for want in $TESTS; do [ "$want" = "$1" ] && return 0; done
    return 1
}

report() { # name, passes, fails, log
    passed=$((passed + $2)); failed=$((failed + $3))
    if [ "$3" -gt 0 ]; then
        printf 'FAIL  %-32s %d passed, %d failed (log: %s)\n' "$1" "$2" "$3" "$4"
        failures="$failures $1"
        tail -n 25 "$4" | sed 's/^/      | /'
    else
        printf 'ok    %-32s %d passed\n' "$1" "$2"
    fi
}

if [ "$ONLY" != integration ]; then
    for bin in "$BUILD"/tests/test_*; do
        [ -x "$bin" ] || continue
        name=$(basename "$bin"); selected "$name" || continue
        log="$logs/$name.log"
        timeout -k 5 "$LIMIT" "$bin" >"$log" 2>&1; rc=$?
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed.*/\1/p' "$log" | tail -n 1)
        p=${p:-0}; f=${f:-0}
        # A crash or a time-out prints no summary: count it as a failure.
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "(exit status $rc)" >>"$log"; fi
        report "$name" "$p" "$f" "$log"
    done
fi

if [ "$ONLY" != unit ]; then
    for t in tests/integration/test_*.sh; do
        [ -f "$t" ] || continue
        name=$(basename "$t" .sh); selected "$name" || continue
        log="$logs/$name.log"
        timeout -k 5 "$LIMIT" sh "$t" >"$log" 2>&1; rc=$?
        p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log")
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "(exit status $rc)" >>"$log"; fi
        if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "(ran no check)" >>"$log"; fi
        report "$name" "$p" "$f" "$log"
    done
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
