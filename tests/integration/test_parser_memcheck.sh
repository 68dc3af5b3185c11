# SPDX-License-Identifier: Apache-2.0
# The reply parser reads only what it wrote. It once looked one token past
# the end of a message ("feeling 6": is "and a half" next?) through an
# offset that was never set, and read the byte after the last token: stack
# garbage, up to 64 KB away, which crashed the daemon now and then (a
# segfault in tkind, seen under load in test_kannel_burst; a core dump
# showed the reply "12 out of 10", in test_bad_input). Every training
# reply and a set of edge cases go through checkinctl parse under valgrind
# (memcheck); in the ASan build, under AddressSanitizer instead (valgrind
# cannot run an ASan binary).
# test-timeout: 300
. tests/integration/lib.sh

cat >"$T/edge.txt" <<'TXT'
12 out of 10
6
feeling 6
i am a 6
six
6 and
6 and a
6/
3 out of
9 1
-
!!!
a
x 7 y
ok 8
TXT
# a long message that fills the token buffer more than once (chunks)
i=0; line=""
while [ $i -lt 900 ]; do line="$line word $i"; i=$((i + 1)); done
echo "$line 7" >>"$T/edge.txt"
grep -h -v '^#' tests/corpus/train/*.txt | sed 's/^[^|]*| //' >"$T/train.txt"
check "the training replies were read" test "$(wc -l <"$T/train.txt")" -gt 2500

if nm "$CTL" 2>/dev/null | grep -q __asan_init; then
    run() { "$CTL" parse <"$1" >"$T/out" 2>"$T/err"; }
    how="AddressSanitizer"
else
    run() { valgrind -q --error-exitcode=99 "$CTL" parse <"$1" >"$T/out" 2>"$T/err"; }
    how="valgrind"
fi
for f in edge train; do
    run "$T/$f.txt"; rc=$?
    check_eq "$f replies: no memory error under $how" 0 "$rc"
    [ "$rc" -eq 0 ] || head -30 "$T/err"
    check_eq "$f replies: one answer per reply" "$(wc -l <"$T/$f.txt")" "$(wc -l <"$T/out")"
done
finish
