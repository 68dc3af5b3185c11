#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs Stoplight's Prism (npm package @stoplight/prism-cli, a mock
# server that validates requests against an OpenAPI description) from the
# npm registry, once, into a cache directory, and prints the path of its
# `prism` program. Used by tests/integration/test_twilio_prism.sh to check
# the twilio provider's requests against Twilio's own API description.
# Exits 1 with a reason on stderr where it cannot be installed (no node or
# npm, no registry): the test then skips.
set -eu
VERSION=5
DIR=${PRISM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/checkin-gateway/prism-$VERSION}
BIN="$DIR/node_modules/.bin/prism"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
command -v node >/dev/null 2>&1 || { echo "prism.sh: node is not installed (Debian: nodejs)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "prism.sh: npm is not installed (Debian: npm)" >&2; exit 1; }
mkdir -p "$DIR"
if ! timeout 300 npm install --no-audit --no-fund --silent --prefix "$DIR" \
        "@stoplight/prism-cli@$VERSION" >"$DIR/install.log" 2>&1; then
    echo "prism.sh: npm install @stoplight/prism-cli@$VERSION failed (log: $DIR/install.log)" >&2
    exit 1
fi
[ -x "$BIN" ] || { echo "prism.sh: installed, but $BIN is missing" >&2; exit 1; }
echo "$BIN"
