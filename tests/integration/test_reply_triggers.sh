# SPDX-License-Identifier: Apache-2.0
# The concept rules skip a token with no concept tag that no rule names
# (gateway/model/reply_triggers.h, generated from gateway/model/reply_concepts*.c by
# scripts/gen-reply-triggers.py). A stale list would silently switch a
# rule off: the header must be what the source says, and the checker must
# notice a word added to a rule.
. tests/integration/lib.sh

check "reply_triggers.h is current" python3 scripts/gen-reply-triggers.py --check
# A word a context helper tests at its finding's index is no rule's
# trigger: "was" once woke every rule at every "was" of a long reply.
check "'was' starts no rule" sh -c "! grep -q '{\"was\",' gateway/model/reply_triggers.h"
check "a gated rule has its own bit" grep -q '^#define TRIG_DESPAIR (1u << ' gateway/model/reply_triggers.h
mkdir -p "$T/tree/gateway/model" "$T/tree/scripts"
cp scripts/gen-reply-triggers.py "$T/tree/scripts/"
cp gateway/model/reply_triggers.h gateway/model/reply_concepts*.c "$T/tree/gateway/model/"
check "the tree as copied is current" sh -c "cd '$T/tree' && python3 scripts/gen-reply-triggers.py --check"
sed 's/is(c, i, "purpose")/is(c, i, "zzqword")/; s/SET("purpose", /SET("zzqword", "purpose", /' \
    gateway/model/reply_concepts_crisis.c >"$T/tree/gateway/model/reply_concepts_crisis.c"
check "the source was changed for the test" grep -q zzqword "$T/tree/gateway/model/reply_concepts_crisis.c"
check_eq "a word added to a rule makes the list stale" 1 \
    "$(cd "$T/tree" && python3 scripts/gen-reply-triggers.py --check >/dev/null 2>&1; echo $?)"
# A rule with a head set written in a shape the generator cannot gate ran
# at every word (the cue rule did, at 8.7% more instructions a parse): the
# generator refuses it.
check "the cue rule is gated" grep -q '^#define TRIG_RELAPSE_CUE (1u << ' gateway/model/reply_triggers.h
cp gateway/model/reply_concepts_crisis.c "$T/tree/gateway/model/"
python3 - "$T/tree/gateway/model/reply_concepts_cue.c" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("    if (head && cue_at(c, i) && cue_signed(c, i))\n        return REPLY_R_STATE;\n    return 0;",
              "    if (!(head && cue_at(c, i)))\n        return 0;\n    return cue_signed(c, i) ? REPLY_R_STATE : 0;")
open(p, "w").write(s)
PY
check "the rule was reshaped for the test" grep -q 'return cue_signed(c, i) ? REPLY_R_STATE' \
    "$T/tree/gateway/model/reply_concepts_cue.c"
# (writing, not --check: a check would fail on the changed header alone)
check_eq "a head set in a shape that cannot be gated is refused" 1 \
    "$(cd "$T/tree" && python3 scripts/gen-reply-triggers.py >/dev/null 2>&1; echo $?)"
# A condition inside a SET's call ("in_set(c, j, SET(.., "noche") && x)")
# compiles and leaves a set of one word: cue_everyday's good news were
# all missed but "married". The generator refuses it.
cp gateway/model/reply_concepts_cue.c "$T/tree/gateway/model/"
sed -i 's/"estudiando", "finals", "night", "noche")) \&\&/"estudiando", "finals", "night", "noche") \&\&/' \
    "$T/tree/gateway/model/reply_concepts_cue.c"
check "the set was left open for the test" grep -q '"noche") &&' "$T/tree/gateway/model/reply_concepts_cue.c"
check_eq "a SET not closed by its call is refused" 1 \
    "$(cd "$T/tree" && python3 scripts/gen-reply-triggers.py >/dev/null 2>&1; echo $?)"
finish
