#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# reply-explain-dump.sh: prints `checkinctl parse --explain` for every reply
# of tests/corpus/replies.txt and the training sets tests/corpus/train/*.txt
# (never the blind sets), on the default 1-10 scale and on 0-5 and 1-100, so a
# refactor of the reply parser can be proved to change nothing:
#
#   sh scripts/reply-explain-dump.sh > /tmp/before.txt   # old build
#   sh scripts/reply-explain-dump.sh > /tmp/after.txt    # new build
#   cmp /tmp/before.txt /tmp/after.txt
#
# BUILD picks the build directory (default build). The text is taken after
# the first "| " of each non-comment line, exactly as the tests read it
# (escapes left as written: the parser sees the same bytes each time).
set -eu
BUILD=${BUILD:-build}
ctl="$BUILD/checkinctl"
[ -x "$ctl" ] || { echo "reply-explain-dump: $ctl not built" >&2; exit 1; }
texts() {
    for f in tests/corpus/replies.txt tests/corpus/train/*.txt; do
        grep -v '^#' "$f" | grep ' | ' | sed 's/^[^|]*| //'
    done
}
for scale in 1-10 0-5 1-100; do
    echo "== scale $scale"
    texts | "$ctl" parse --scale "$scale" --explain
done
