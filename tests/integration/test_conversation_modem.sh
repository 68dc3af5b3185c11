# SPDX-License-Identifier: Apache-2.0
# Conversations through the program number (issue 18) over a GSM modem
# (tests/modemsim.py), a clinic with a modem and no internet: the same
# tests/integration/conversation.sh as test_conversation.sh, so every check
# of the spool's conversation holds over the modem too.
PROVIDER=modem
. tests/integration/conversation.sh
