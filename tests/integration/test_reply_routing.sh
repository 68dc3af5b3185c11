# SPDX-License-Identifier: Apache-2.0
# Issue 16, through the real daemon and spool files: what reaches a person
# beyond crisis words. A request for contact and a serious life event page
# the specialist at once as high, with no automatic 988 text; an explicit
# denial ("not suicidal") is high, the specialist told, no 988 text; a joke
# marker lowers nothing (urgent, 988); somebody else's overdose is a watch
# note, no alert; an opt-out that asks for a call opts out and pages; the
# alert says why it was raised ({why}); the audit trail names the concepts.
. tests/integration/lib.sh

write_config
sed -i 's|^  alert = .*|  alert = "{program} alert #{escalation} ({severity}: {why}): {alias} wrote \\"{excerpt}\\". Reply ACK {escalation}";|' "$T/checkin.conf"
check "the test config is valid" "$GW" --check-config "$T/checkin.conf"
start_gw || { not_ok "daemon starts"; finish; exit 1; }
check "enroll ana" ctl enroll ana +15555550131 --specialist jordan
check "enroll ben" ctl enroll ben +15555550132 --specialist jordan
check "enroll cruz" ctl enroll cruz +15555550133 --specialist jordan --lang es
check "enroll dee" ctl enroll dee +15555550134 --specialist jordan
check "enroll eli" ctl enroll eli +15555550135 --specialist jordan
check "enroll fay" ctl enroll fay +15555550136 --specialist jordan --lang es

JORDAN=15555550100
esc_of() { sql "SELECT severity||'/'||state FROM escalations WHERE peer='+$1' ORDER BY id LIMIT 1"; }
crisis_texts() { count_out "$1" "reach out. Call or text 988"; }

# --- a request for contact: paged at once, high, no 988 text -----------------
drop_in 15555550131 "can someone call me today, its been a rough week"
check "ana's request for contact opens a high escalation" wait_eq 30 high/open esc_of 15555550131
check "Jordan is paged about ana" wait_eq 30 1 count_out $JORDAN "alert #.*(high: asks for contact): ana"
check_eq "ana gets no automatic crisis text" 0 "$(crisis_texts 15555550131)"

# --- a serious life event, in Spanish ------------------------------------------
drop_in 15555550133 "me corrieron del trabajo hoy"
check "cruz's lost job opens a high escalation" wait_eq 30 high/open esc_of 15555550133
check "Jordan is paged about cruz" wait_eq 30 1 count_out $JORDAN "(high: serious life event): cruz"

# --- an explicit denial: high, the specialist told, no 988 text -------------------
drop_in 15555550132 "im not suicidal, just worn out"
check "ben's denial is high, not urgent" wait_eq 30 high/open esc_of 15555550132
check "Jordan is told, with the reason" wait_eq 30 1 count_out $JORDAN "(high: crisis language (negated; .*denial.*)): ben"
check_eq "ben gets no automatic crisis text" 0 "$(crisis_texts 15555550132)"

# --- a joke marker lowers nothing ------------------------------------------------
drop_in 15555550134 "lol i want to kms"
check "dee's joking crisis is still urgent" wait_eq 30 urgent/open esc_of 15555550134
check "dee gets the 988 text" wait_eq 30 1 crisis_texts 15555550134

# --- somebody else's overdose: a watch note, no alert -------------------------------
drop_in 15555550135 "my cousin overdosed last night, im ok but shaken"
check "eli's message is a watch note" wait_eq 30 watch/open esc_of 15555550135
check_eq "nobody is paged about eli" 0 "$(count_out $JORDAN ": eli")"
check_eq "eli gets no crisis text" 0 "$(crisis_texts 15555550135)"

# --- an opt-out that asks for a call: the texts stop, and a person is paged
# (the request had been dropped under the STOP) ------------------------------------
drop_in 15555550136 "no me escriban, llamenme hoy porfa"
check "fay is opted out" wait_eq 30 opted_out sql "SELECT state FROM clients WHERE alias='fay'"
check "and her request for a call opens a high escalation" wait_eq 30 high/open esc_of 15555550136
check "Jordan is paged about fay" wait_eq 30 1 count_out $JORDAN "(high: asks for contact): fay"
check_eq "fay gets no automatic crisis text" 0 "$(crisis_texts 15555550136)"

# --- the reasons are in the audit trail ------------------------------------------------
check "the audit trail names the concept (contact)" \
    matching "asks for contact" sql "SELECT detail FROM audit WHERE action='escalation.created'"
check "the audit trail names the concept (other_person)" \
    matching "other_person" sql "SELECT group_concat(detail) FROM audit WHERE action LIKE 'escalation.%'"

stop_gw
finish
