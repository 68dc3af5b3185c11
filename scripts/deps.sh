#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs what checkin-gateway needs to build, test and run its demo, from
# Debian's packages. A no-op (no apt-get call at all) when everything is
# already installed, so `make demo` and `make test` can call it every time.
set -eu

# build: compiler, make, pkg-config and the libraries DESIGN.md names
#        (libstemmer: Snowball stems, English and Spanish, for reply understanding;
#        libcsv-dev: CSV records for checkinctl import;
#        liblinear-dev: trains the reply model, tests/tools/train_reply_model.c,
#        the daemon does not link it; none of the three has a .pc file;
#        libphonenumber-dev and g++: phone numbers checked against the numbering
#        plans, through the C++ shim gateway/base/phone_shim.cc)
# test:  cmocka; sqlite3 (the CLI the integration tests read the database with);
#        python3 (tests/modemsim.py, the GSM modem simulator on a pseudo-terminal);
#        tzdata (IANA zones); procps (pkill/ps in tests);
#        clang + libclang-rt-14-dev (libFuzzer and its sanitizer runtimes);
#        chromium (headless: test_report_browser loads checkinctl's HTML report
#        and takes a screenshot; about 120 MB, some seconds to install);
#        man-db (test_install renders the man pages with man -l);
#        python3-twilio (the reference X-Twilio-Signature and the fake Twilio
#        API of tests/integration/test_twilio.sh);
#        kannel + kannel-extras (bearerbox, smsbox and fakesmsc for
#        tests/integration/test_kannel.sh, which also uses python3 for free
#        ports; apt starts no daemon from them);
#        python3-prometheus-client (test_metrics parses /metrics with it);
#        valgrind (.ci/run's VALGRIND=1 pass); wrk (make bench's webhook rows);
#        prometheus (promtool: test_spool_backlog checks and unit-tests the
#        shipped etc/prometheus/checkin-gateway.rules.yml; apt starts no
#        server where there is no systemd, and the test starts none)
PKGS="gcc g++ make pkg-config libc6-dev clang libclang-rt-14-dev
libuv1-dev libcurl4-openssl-dev libsqlite3-dev libconfig-dev
libmicrohttpd-dev libjansson-dev libutf8proc-dev libssl-dev
libsodium-dev libstemmer-dev libcsv-dev liblinear-dev libphonenumber-dev libcmocka-dev sqlite3 tzdata procps curl ca-certificates
kannel kannel-extras python3 chromium man-db python3-twilio
python3-prometheus-client valgrind wrk prometheus"

# `sh scripts/deps.sh deb` (make deb): only the tools that build the Debian
# package, beside the build dependencies above; make test never needs them.
if [ "${1:-}" = deb ]; then
    PKGS="$PKGS debhelper dpkg-dev"
fi

missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *"ok installed") ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps.sh: missing packages:$missing; run as root or install sudo" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || { echo "deps.sh: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null \
    || { echo "deps.sh: apt-get install failed for:$missing" >&2; exit 1; }
echo "deps.sh: done" >&2
