# SPDX-License-Identifier: Apache-2.0
# provider_lib.sh: the phones' side of a test through the provider PROVIDER
# names, after lib.sh, so that one script plays the same story over each:
# spool (the default: smstools files) or modem (tests/modemsim.py on a
# pseudo-terminal, kept running across the gateway's restarts).
#   provider_config  after write_config: the provider's section (and, for
#                    the modem, a fresh simulator)
#   provider_ready   after start_gw: waits until the provider can send
#   say FROM TEXT    the phone FROM (digits, no +) texts the program
#   phone_lines, count_out   what phones received, as lib.sh shows it
PROVIDER=${PROVIDER:-spool}
case $PROVIDER in
spool)
    provider_config() { :; }
    provider_ready() { :; }
    say() { drop_in "$1" "$2"; }
    ;;
modem)
    . tests/integration/modem_lib.sh
    command -v python3 >/dev/null || { not_ok "python3 is needed (scripts/deps.sh installs it)"; finish; exit 1; }
    provider_config() { sim_start && modem_provider ""; }
    # The modem is set up after the gateway is ready; only this start's lines count.
    provider_ready() { wait_for 20 eval 'log_since "$start_mark" | grep -q "event=modem.ready"'; }
    # The gateway takes a PDU it has already seen (sender, the network's
    # time stamp to the second, text: a message read again from the SIM)
    # for a duplicate; so a text the same phone sent in this second goes
    # in the next one, as it would on a real network. SAID: "from|text|second"
    # lines, the second read once the simulator has stored (stamped) it.
    SAID=""
    say() {
        printf '%s\n' "$SAID" | grep -qxF -- "$1|$2|$(date +%s)" && sleep 1
        said_n=$(sim_events "^stored ")
        sim deliver "+$1" "$2"
        wait_for 10 eval '[ "$(sim_events "^stored ")" -gt "$said_n" ]'
        SAID="$SAID
$1|$2|$(date +%s)"
    }
    phone_lines() { sent_lines; }
    ;;
*)
    not_ok "PROVIDER=$PROVIDER: spool or modem"; finish; exit 1 ;;
esac
