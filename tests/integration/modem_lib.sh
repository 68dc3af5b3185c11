# SPDX-License-Identifier: Apache-2.0
# modem_lib.sh: the modem simulator (tests/modemsim.py) for the modem
# tests, after lib.sh. sim_start [modemsim options]: a fresh simulator in
# $SIMDIR on $T/ttyGSM (a running one is stopped first); sim LINE sends it a
# control line; sim_events PATTERN counts its events.log lines.
SIMDIR="$T/sim"
SIM_PID=""
sim_stop() {
    [ -n "$SIM_PID" ] || return 0
    kill "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
    SIM_PID=""
}
trap 'sim_stop; cleanup' EXIT
sim_start() {
    sim_stop
    rm -rf "$SIMDIR" "$T/ttyGSM"
    mkdir -p "$SIMDIR"
    mkfifo "$SIMDIR/ctl"
    python3 tests/modemsim.py --link "$T/ttyGSM" --ctl "$SIMDIR/ctl" --dir "$SIMDIR" "$@" \
        2>"$SIMDIR/err" &
    SIM_PID=$!
    wait_for 10 test -L "$T/ttyGSM"
}
sim() { printf '%s\n' "$*" >"$SIMDIR/ctl"; }
sim_count() { wc -l <"$SIMDIR/sim.txt" | tr -d ' '; }
sim_events() { grep -c -- "$1" "$SIMDIR/events.log" 2>/dev/null || true; }
sent_to() { grep -c "^$1	$2" "$SIMDIR/sent.log" 2>/dev/null || true; }
sent_text() { grep "^$1	" "$SIMDIR/sent.log" | tail -n 1 | cut -f 2; }
# sent_lines: sent.log the way lib.sh's outbox_lines shows the spool's
# files, "<to, no +>|<text>", a text's lines joined by spaces.
sent_lines() {
    [ -f "$SIMDIR/sent.log" ] || return 0
    sed 's/^+//; s/\t/|/; s/\\n/ /g' "$SIMDIR/sent.log"
}
# modem_provider KEYS: the config's providers become only the modem, with
# KEYS (e.g. 'pin = "env:SIM_PIN";') in its section.
modem_provider() {
    sed -i "s|^providers = .*|providers = ( { name = \"gsm\"; kind = \"modem\"; device = \"$T/ttyGSM\"; timeout_seconds = 2; poll_seconds = 2; $1 } );|" "$T/checkin.conf"
}
# modem_config KEYS: write_config with only the modem provider (KEYS in its
# section), and no welcome text.
modem_config() {
    write_config
    modem_provider "$1"
    printf 'consent = { send_welcome = false; };\n' >>"$T/checkin.conf"
}
