# SPDX-License-Identifier: Apache-2.0
# scripts/run-tests.sh itself, on a made-up tree of tests: a TAP skip
# ("ok N # SKIP why", "ok N - what # skip why") and a cmocka skip
# ("[  SKIPPED ]") are counted as skipped, not passed; the closing line is
# "N passed, N failed, N skipped", alone and last; skips show with their
# reasons and do not make the run fail; a failure still does.
. tests/integration/lib.sh

TREE="$T/tree"
mkdir -p "$TREE/tests/integration" "$TREE/build/tests"
cat >"$TREE/tests/integration/test_mixed.sh" <<'SH'
echo "ok 1 - a check"
echo "ok 2 # SKIP no widget here"
echo "ok 3 - a described one # skip no gadget either"
echo "ok 4 - a check whose text says skip, with no hash"
SH
cat >"$TREE/tests/integration/test_only_skip.sh" <<'SH'
echo "ok 1 - # SKIP the spec is not here"
SH
cat >"$TREE/tests/integration/test_fails.sh" <<'SH'
echo "ok 1 - fine"
echo "not ok 2 - broken"
exit 1
SH
# What a cmocka binary prints for one pass and one skip (cmocka 1.1).
cat >"$TREE/build/tests/test_unitskip" <<'SH'
#!/bin/sh
cat <<'OUT'
[==========] Running 2 test(s).
[ RUN      ] a
[       OK ] a
[ RUN      ] b
[  SKIPPED ] b
[==========] 2 test(s) run.
[  PASSED  ] 1 test(s).
[  SKIPPED ] 1 test(s), listed below:
[  SKIPPED ] b

 1 SKIPPED TEST(S)
OUT
SH
chmod +x "$TREE/build/tests/test_unitskip"

# runner TESTS: runs the runner in the tree; its output in $T/out, status in RC.
runner() {
    (cd "$TREE" && BUILD=build TESTS="$1" sh "$ROOT/scripts/run-tests.sh") >"$T/out" 2>&1
    RC=$?
}
last_line() { tail -n 1 "$T/out"; }

runner "test_mixed test_only_skip test_unitskip"
check_eq "skips are counted apart from passes (TAP and cmocka)" "3 passed, 0 failed, 4 skipped" "$(last_line)"
check "the closing line is exactly 'N passed, N failed, N skipped'" \
    eval 'last_line | grep -qx "[0-9]* passed, [0-9]* failed, [0-9]* skipped"'
check_eq "skips do not make the run fail" 0 "$RC"
check "a skip's reason is shown" grep -q "^SKIP  test_only_skip: ok 1 - # SKIP the spec is not here" "$T/out"
check "a cmocka skip is shown by name" grep -q "^SKIP  test_unitskip: b$" "$T/out"
check "the test's own line says skipped" grep -q "^ok  *test_mixed  *2 passed, 2 skipped" "$T/out"

(cd "$TREE" && BUILD=build TESTS="test_mixed test_only_skip" EXCLUDE="test_only_skip" \
    sh "$ROOT/scripts/run-tests.sh") >"$T/out" 2>&1
check_eq "EXCLUDE leaves a test out: not run, not counted" "2 passed, 0 failed, 2 skipped" "$(last_line)"
check "and its line is not printed" sh -c "! grep -q test_only_skip '$T/out'"
runner "test_only_skip"
check_eq "a run where everything skipped" "0 passed, 0 failed, 1 skipped" "$(last_line)"
check_eq "does not fail" 0 "$RC"

runner "test_fails test_only_skip"
check_eq "a failure is still counted" "1 passed, 1 failed, 1 skipped" "$(last_line)"
check "and fails the run" test "$RC" -ne 0

# A test of the long ones run-tests.sh starts first (at a line's end in its
# list) runs once.
cp "$TREE/tests/integration/test_mixed.sh" "$TREE/tests/integration/test_consent.sh"
runner "test_consent"
check_eq "a long test is run once" 1 "$(grep -c '^ok  *test_consent ' "$T/out")"
rm "$TREE/tests/integration/test_consent.sh"

# A unit test and an integration test of one name would share a log and a
# result file, so one's result could hide the other's: refused, by name.
cp "$TREE/build/tests/test_unitskip" "$TREE/build/tests/test_mixed"
runner "test_mixed"
check_eq "a name used by a unit and an integration test is refused" 2 "$RC"
check "and the name is said" grep -q "test_mixed.*both a unit and an integration test" "$T/out"
rm "$TREE/build/tests/test_mixed"
finish
