# SPDX-License-Identifier: Apache-2.0
# The layer check (scripts/layer-check.py, README "Layout"): the tree keeps
# the layer table, the violations of today aside (scripts/layer-allow.txt);
# and on a copy of the tree the checker fails, naming file:line and the rule,
# on each kind of new violation: an include against the table, an include
# that names no folder, a C file outside a layer folder, a system header a
# layer must not include, and an allow-list line that no longer occurs.
. tests/integration/lib.sh

check "the tree keeps the layer table" python3 scripts/layer-check.py

# A fresh copy of the tree for each made-up violation.
copy() {
    rm -rf "$T/tree"
    mkdir -p "$T/tree"
    cp -R gateway providers scripts "$T/tree/"
}
lc() { python3 scripts/layer-check.py --root "$T/tree" 2>"$T/err"; }

copy
check "the copy passes as the tree does" lc

copy
printf '#include "daemon/gw.h"\n' >>"$T/tree/gateway/model/route.c"
n=$(wc -l <"$T/tree/gateway/model/route.c")
lc
check_eq "pure model/ including daemon/gw.h: exit 1" 1 $?
check "names file:line and the rule" \
    grep -q "^gateway/model/route.c:$n: model may include itself and base, not daemon (\"daemon/gw.h\")" "$T/err"
check_eq "and nothing else" 2 "$(wc -l <"$T/err")"

copy
printf '#include "kannel/kannelproto.h"\n' >>"$T/tree/providers/twilio/twilio_api.c"
lc
check_eq "one provider kind including another: exit 1" 1 $?
check "the rule names both kinds" grep -q "providers/twilio may include .*, not providers/kannel" "$T/err"

copy
printf '#include "daemon/outbox.h"\n' >>"$T/tree/gateway/ctl/ctl_report.c"
lc
check_eq "checkinctl including the daemon's outbox: exit 1" 1 $?
check "says ctl may include core and below only" \
    grep -q "^gateway/ctl/ctl_report.c:[0-9]*: ctl may include itself and base, config, core, model, store, not daemon" "$T/err"

copy
printf '#include <uv.h>\n' >>"$T/tree/gateway/core/notice.c"
lc
check_eq "core/ including <uv.h>: exit 1" 1 $?
check "says core never includes it" grep -q "^gateway/core/notice.c:[0-9]*: core never includes <uv.h>" "$T/err"

copy
printf '#include "phone.h"\n' >>"$T/tree/gateway/base/csv.c"
lc
check_eq "an include without its folder: exit 1" 1 $?
check "says which name it must use" grep -q "must name its folder: \"base/phone.h\"" "$T/err"

copy
printf '#include "base/log.h"\n' >"$T/tree/gateway/stray.c"
lc
check_eq "a C file outside a layer folder: exit 1" 1 $?
check "says it is in no layer folder" grep -q "^gateway/stray.c:1: gateway/stray.c is in no layer folder" "$T/err"

# An allow-list line whose violation no longer occurs. The list is empty
# now (step 2 is done), so the copy's list gets a line for an include the
# tree does not have (a pure model file including daemon/gw.h).
copy
set -- gateway/model/route.c daemon/gw.h
printf '%s %s\n' "$1" "$2" >>"$T/tree/scripts/layer-allow.txt"
lc
check_eq "an allowed violation that no longer occurs: exit 1" 1 $?
check "says to remove its allow-list line" \
    grep -q "layer-allow.txt:[0-9]*: $1 $2 is allowed but no longer occurs" "$T/err"

finish
