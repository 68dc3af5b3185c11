# SPDX-License-Identifier: Apache-2.0
# test-timeout: 300 (eleven restarts and two digests; about 40 s on an idle machine)
# A specialist's week after a crisis (issue 18), through spool files:
# tests/integration/week.sh, which test_followup_week_modem.sh plays over
# the modem simulator.
PROVIDER=spool
. tests/integration/week.sh
