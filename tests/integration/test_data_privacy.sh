# SPDX-License-Identifier: Apache-2.0
# Privacy through the real daemon: encryption at rest (no body or name in
# the database file's bytes, WAL included; everything reads back after a
# restart and after a key rotation done while the gateway runs), retention
# (old bodies removed, scores, escalations and audit kept), export and
# remove of one client, and what logs and alerts carry.
. tests/integration/lib.sh

write_config
KEY1=$(ctl keygen)
KEY2=$(ctl keygen)
check "keygen prints 64 hex digits" matching '^[0-9a-f]\{64\}$' echo "$KEY1"
check "two keys differ" test "$KEY1" != "$KEY2"
cp "$T/checkin.conf" "$T/base.conf"
# conf_keys KEY [PREVIOUS]: the keys in key files (a running gateway reads
# the files again on SIGHUP; its environment it cannot).
conf_keys() {
    cp "$T/base.conf" "$T/checkin.conf"
    printf '%s\n' "$1" >"$T/cur.key"
    printf '%s\n' "${2:-}" >"$T/old.key"
    printf 'retention = { message_days = 90; };\nencryption = { key = "file:%s";%s };\n' \
        "$T/cur.key" "${2:+ previous_key = \"file:$T/old.key\";}" >>"$T/checkin.conf"
}
conf_keys "$KEY1"
start_gw || { not_ok "daemon starts with encryption on"; finish; exit 1; }

ctl enroll alex +15555550301 --name "Zebulon Quartermaine" --birthday 07-14 >/dev/null
ctl enroll bo +15555550302 >/dev/null
ctl checkin-now alex >/dev/null
check "the check-in goes out" wait_eq 10 1 count_out 15555550301 "How are you"
drop_in 15555550301 "7 feeling marvellous-giraffe today"
check "the reply becomes a mood" wait_eq 10 7.0 sql "SELECT score FROM moods"
drop_in 15555550301 "purple-walrus: I want to end it all tonight"
check "a crisis reply escalates" wait_eq 10 1 sql "SELECT count(*) FROM escalations"
check "the alert goes out" wait_eq 10 1 count_out 15555550100 "ACK 1"
check "the alert carries the alias and the number" matching "^15555550100|.*alex +15555550301" outbox_lines
alert=$(outbox_lines | grep '^15555550100|')
check "but no earlier message (no history)" not_matching "marvellous" echo "$alert"
check "info-level log lines mask phone numbers" not_matching "1555555030" grep -v "level=debug" "$T/gw.log"

bodies_blob=$(sql "SELECT count(*) FROM messages WHERE typeof(body) != 'blob' AND body != ''")
check_eq "every stored body is ciphertext" 0 "$bodies_blob"
check_eq "the name is ciphertext" blob "$(sql "SELECT typeof(name) FROM clients WHERE alias='alex'")"
check_eq "the birthday is ciphertext" blob "$(sql "SELECT typeof(birthday) FROM clients WHERE alias='alex'")"
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
leak() { cat "$T/db.sqlite" "$T/db.sqlite-wal" 2>/dev/null | grep -a -c -e "$1" || true; }
for secret in marvellous-giraffe purple-walrus Zebulon Quartermaine "How are you" "Welcome"; do
    check_eq "no '$secret' in the database file's bytes (WAL too)" 0 "$(leak "$secret")"
done
stop_gw TERM
check "and not after the gateway stopped" test "$(leak marvellous-giraffe)$(leak Zebulon)" = 00

start_gw || not_ok "restarts with the key"
check "history reads back after a restart" matching "marvellous-giraffe" ctl history alex --messages
check "the name reads back" matching "Zebulon Quartermaine" ctl show alex
check "the birthday reads back" matching "07-14" ctl show alex
stop_gw TERM
conf_keys "$KEY2"
: >"$T/gw.log"
"$GW" -c "$T/checkin.conf" 2>"$T/gw.log"
check "with another key the gateway refuses to start" test $? -ne 0
check "and says which key is missing" matching "encrypted with key .* not configured" cat "$T/gw.log"
ctl show alex >/dev/null 2>&1
check_eq "so does checkinctl (exit 3)" 3 $?

# Rotation while the gateway runs: new key + old key, SIGHUP, rekey.
conf_keys "$KEY1"
start_gw || not_ok "restarts for the rotation"
conf_keys "$KEY2" "$KEY1"
m=$(log_mark)
kill -HUP "$GW_PID"
check "the gateway reloads with the new key" wait_for 10 sh -c "tail -n +$((m + 1)) '$T/gw.log' | grep -q event=config.reloaded"
drop_in 15555550302 "6 written-after-rotation"
check "a message after the reload is stored" wait_eq 10 1 sql "SELECT count(*) FROM moods m JOIN clients c ON c.id=m.client_id WHERE c.alias='bo'"
check "rekey re-encrypts everything" matching "no value is left under another key" ctl rekey --batch 3
check_eq "every value is under one key now" 1 \
    "$(sql "SELECT count(DISTINCT hex(substr(v,2,8))) FROM (SELECT body v FROM messages WHERE typeof(body)='blob' UNION ALL SELECT name FROM clients WHERE typeof(name)='blob' UNION ALL SELECT birthday FROM clients WHERE typeof(birthday)='blob')")"
conf_keys "$KEY2"
m=$(log_mark)
kill -HUP "$GW_PID"
check "the old key can go" wait_for 10 sh -c "tail -n +$((m + 1)) '$T/gw.log' | grep -q event=config.reloaded"
check "everything reads back with the new key alone" matching "marvellous-giraffe" ctl history alex --messages
check "messages written during the rotation too" matching "written-after-rotation" ctl history bo --messages
stop_gw TERM
start_gw || not_ok "restarts after the rotation"
check "and after a restart" matching "Zebulon Quartermaine" ctl show alex
check "export shows what alex wrote, decrypted" matching "purple-walrus" ctl export alex
stop_gw TERM

# Retention: 100 days later the bodies are gone, the rest stays.
export CHECKIN_GATEWAY_TIME_OFFSET=$((100 * 86400))
start_gw || not_ok "restarts 100 days later"
check "retention runs at start" wait_eq 10 1 sql "SELECT count(*) FROM audit WHERE action='retention.bodies_removed'"
check_eq "no old body is left" 0 "$(sql "SELECT count(*) FROM messages WHERE body != '' AND created_at < strftime('%s','now')")"
check_eq "removed bodies are marked" 0 "$(sql "SELECT count(*) FROM messages WHERE created_at < strftime('%s','now') AND body_removed_at IS NULL")"
check_eq "the mood scores are kept" 2 "$(sql "SELECT count(*) FROM moods")"
check_eq "the escalation is kept" "urgent" "$(sql "SELECT severity FROM escalations")"
check "the audit lines are kept" test "$(sql "SELECT count(*) FROM audit WHERE action IN ('client.enroll','escalation.created')")" -ge 3
out=$(ctl retention)
check_eq "retention from checkinctl finds nothing more" "removed 0 message bodies older than 90 days" "$out"
drop_in 15555550301 "5 new-after-retention"
check "a new message keeps its body" wait_eq 10 1 sh -c "'$CTL' -c '$T/checkin.conf' history alex --messages | grep -c new-after-retention"
stop_gw TERM

# Export and remove.
ctl export alex >"$T/alex.json"
check_eq "export is valid JSON" 1 "$(sqlite3 :memory: "SELECT json_valid(readfile('$T/alex.json'))")"
for part in '"alias": "alex"' '"moods": \[' '"score": 7' '"severity": "urgent"' '"client.enroll"' '"escalations": \['; do
    check "export has $part" grep -q -- "$part" "$T/alex.json"
done
ctl remove alex >/dev/null 2>&1
check_eq "remove without --yes is refused" 2 $?
check "remove --yes" matching "removed alex" ctl remove alex --yes
for t in "clients WHERE alias='alex'" "messages WHERE peer='+15555550301' OR client_id=1" \
         "moods WHERE client_id=1" "escalations" "checkins WHERE client_id=1" \
         "messages WHERE kind='alert'" "audit WHERE subject='alex'"; do
    check_eq "nothing left: $t" 0 "$(sql "SELECT count(*) FROM $t")"
done
check_eq "one audit line says it was removed" 1 "$(sql "SELECT count(*) FROM audit WHERE action='client.removed' AND subject='client#1'")"
ctl show alex >/dev/null 2>&1
check_eq "show no longer knows alex" 4 $?
check "the other client is untouched" matching "6/10" ctl history bo
check_eq "the database is intact" ok "$(sql "PRAGMA integrity_check")"
# The daemon's log above debug level since the key change (rotation, rekey,
# retention, restarts): no text anyone wrote, no full phone number.
check "the debug lines hold what clients wrote (the greps below can fail)" \
    matching "written-after-rotation" cat "$T/gw.log"
above=$(grep -v "level=debug" "$T/gw.log")
for text in written-after-rotation new-after-retention marvellous-giraffe purple-walrus Zebulon "How are you"; do
    check "no '$text' in the log above debug level" not_matching "$text" echo "$above"
done
check "no full phone number in the log above debug level" not_matching "1555555[0-9]\{4\}" echo "$above"
finish
