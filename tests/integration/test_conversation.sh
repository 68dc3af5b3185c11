# SPDX-License-Identifier: Apache-2.0
# Conversations through the program number (issue 18), through spool files:
# tests/integration/conversation.sh, which test_conversation_modem.sh
# plays over the modem simulator.
PROVIDER=spool
. tests/integration/conversation.sh
