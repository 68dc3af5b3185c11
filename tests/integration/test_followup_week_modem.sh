# SPDX-License-Identifier: Apache-2.0
# test-timeout: 300 (eleven restarts, each waiting for the modem, and two digests)
# A specialist's week after a crisis (issue 18), over a GSM modem
# (tests/modemsim.py, running across the gateway's restarts): the same
# tests/integration/week.sh as test_followup_week.sh, so every check of
# the spool's week holds over the modem too.
PROVIDER=modem
. tests/integration/week.sh
