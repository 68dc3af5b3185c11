#!/bin/sh
# test-timeout: 600 (a training run takes about a minute on an idle core and grows with
# the corpus; beside the other lane on a loaded machine it once passed 180 s)
# SPDX-License-Identifier: Apache-2.0
# The committed reply model (gateway/model/reply_model_data.c) is what a fresh
# training run on the committed corpus writes: `make model` reproduces it
# byte for byte (liblinear's L2R_LR solver has no randomness, the folds of
# the cross-validation come from a fixed shuffle). A corpus change without
# `make model` fails here. Needs $BUILD/tools/train_reply_model (built by
# `make test`; it links liblinear).
. tests/integration/lib.sh

TRAINER="$BUILD/tools/train_reply_model"
if [ ! -x "$TRAINER" ]; then
    echo "# SKIP: $TRAINER not built (make $TRAINER)"
    echo "ok 1 # SKIP trainer not built"
    exit 0
fi
check "the trainer runs on the corpus" "$TRAINER" --out "$T/model.c"
# A second run only when the first differs from the committed file: then it
# tells a corpus changed without `make model` (the two runs agree) from a
# training that is not deterministic (they differ). When the first run
# matches, the committed file, written by an earlier run, already shows it.
if cmp -s "$T/model.c" gateway/model/reply_model_data.c; then
    ok "the committed model is what it writes"
else
    not_ok "the committed model is what it writes (run make model after a corpus change)"
    check "a second run writes the same file" sh -c '"$1" --out "$2/again.c" && cmp -s "$2/model.c" "$2/again.c"' \
        sh "$TRAINER" "$T"
fi
finish
