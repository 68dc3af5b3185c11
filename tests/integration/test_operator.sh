# SPDX-License-Identifier: Apache-2.0
# checkinctl's operator commands against the real daemon and database:
# --help on every command; templates without the optional reminder; import
# from CSV (dry run, per-line errors with nothing written, bad phone,
# conflicts, --partial); history's trend line;
# export-all as CSV and JSON; the HTML report (program and one client,
# figures and escaping, unknown client); backup (0600, refuses to
# overwrite, a consistent copy); and a database held locked (a clear
# message and exit 1 after --wait, never a hang; reads still work).
. tests/integration/lib.sh

write_config
start_gw || { not_ok "the daemon starts"; finish; exit 1; }

# ---- --help everywhere ------------------------------------------------------------
cmds=$("$CTL" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
check "the help lists import, export-all, report and backup" \
    sh -c "echo '$cmds' | grep -qx import && echo '$cmds' | grep -qx report && echo '$cmds' | grep -qx backup && echo '$cmds' | grep -qx export-all"
bad=""
for c in $cmds; do
    "$CTL" -c /nonexistent.conf "$c" --help >"$T/help.out" 2>&1 || bad="$bad $c"
    grep -q "^usage: checkinctl" "$T/help.out" || bad="$bad $c(text)"
done
check_eq "every command answers --help with exit 0 and a usage line, without a config" "" "$bad"
"$CTL" --help >"$T/help.out"
check "the exit codes are documented" grep -q "^  4  no such client" "$T/help.out"

# ---- templates ----------------------------------------------------------------------
# write_config sets no reminder text (it is optional): that is no error.
ctl templates >"$T/templates.out" 2>&1
check_eq "templates exits 0 when the optional reminder text is unset" 0 $?
check "and says the question is sent again instead" \
    grep -q "^en  *reminder .*not set: the check-in question is sent again" "$T/templates.out"
check "the other texts are still measured" grep -q "^en  *checkin  *GSM-7" "$T/templates.out"

# ---- import -------------------------------------------------------------------------
cat >"$T/good.csv" <<'CSV'
alias,phone,name,tz,schedule,specialist,lang
# a comment line and an empty one are skipped

ana,+1 555 555 0181,"Ana, R",America/New_York,daily,jordan,en
bob,+15555550182,,,,,
cy,0015555550183,"Cy ""C"" D",Europe/Madrid,,sam,es
CSV
ctl import --dry-run "$T/good.csv" >"$T/out" 2>"$T/err"
check_eq "import --dry-run of a good file exits 0" 0 $?
check "the dry run says what it would do" grep -q "dry run: 3 clients would be enrolled, 0 lines refused; nothing written" "$T/out"
check_eq "the dry run wrote nothing" 0 "$(sql 'SELECT count(*) FROM clients')"

cat >"$T/bad.csv" <<'CSV'
alias,phone,name
dee,+15555550184,Dee
Eve,+15555550185,upper-case alias
fay,555-0186,no country code
hal,+15555550188
ana,+15555550189,taken below
ivy,+15555550192,Ivy "stray" quote
gus,+15555550187,"unclosed
CSV
ctl import "$T/bad.csv" >"$T/out" 2>"$T/err"
check_eq "a file with bad lines exits 2" 2 $?
check "a bad alias is reported as file:line" grep -q "^$T/bad.csv:3: alias \"Eve\" is not valid" "$T/err"
check "a bad phone number is reported as file:line" grep -q "^$T/bad.csv:4: \"555-0186\" has no country code" "$T/err"
check "a short line is reported" grep -q "^$T/bad.csv:5: 2 fields, the header has 3" "$T/err"
check "a stray quote is reported with the way to write it" \
    grep -q "^$T/bad.csv:7: field 3: a quote that neither opens nor closes the field (write the whole field in quotes" "$T/err"
check "an unclosed quote is reported at its line" \
    grep -q "^$T/bad.csv:8: field 3: a quote is not closed (the field runs to the end of the file)" "$T/err"
check "nothing imported when any line is bad" grep -q "^nothing imported: 5 lines refused" "$T/out"
check_eq "and the good line was not written either" 0 "$(sql 'SELECT count(*) FROM clients')"

ctl import "$T/good.csv" >"$T/out" 2>"$T/err"
check_eq "import of the good file exits 0" 0 $?
check "it says how many" grep -q "^imported 3 clients$" "$T/out"
check_eq "the clients are there, with their columns" \
    "ana|Ana, R|+15555550181|America/New_York|jordan|en bob||+15555550182|UTC|jordan|en cy|Cy \"C\" D|+15555550183|Europe/Madrid|sam|es" \
    "$(sql "SELECT c.alias, c.name, c.phone, c.tz, s.key, c.lang FROM clients c JOIN specialists s ON s.id = c.specialist_id ORDER BY c.alias" | tr '\n' ' ' | sed 's/ $//')"
check_eq "one audit line per imported client" 3 "$(sql "SELECT count(*) FROM audit WHERE action = 'client.import'")"

ctl import "$T/good.csv" >"$T/out" 2>"$T/err"
check_eq "importing the same file again exits 5 (conflict)" 5 $?
check "the conflict names the line" grep -q "good.csv:4: alias \"ana\" is already enrolled" "$T/err"
ctl import --partial "$T/good.csv" >"$T/out" 2>"$T/err"
check_eq "--partial with no line to import fails as a plain import (exit 5)" 5 $?

ctl import --dry-run --partial "$T/bad.csv" >"$T/out" 2>"$T/err"
check_eq "a dry run of --partial exits as the import would (0)" 0 $?
ctl import --partial "$T/bad.csv" >"$T/out" 2>"$T/err"
check_eq "--partial exits 0 once it imported the good lines" 0 $?
check "--partial enrols the good line and counts the refused" grep -q "^imported 1 client, 6 lines refused (listed above)" "$T/out"
check_eq "and lists each refused line on stderr" 6 "$(grep -c "^$T/bad.csv:[0-9]*: " "$T/err")"
check_eq "dee is enrolled" 1 "$(sql "SELECT count(*) FROM clients WHERE alias = 'dee'")"

printf 'alias,phone,colour\nx,+15555550190,red\n' >"$T/cols.csv"
ctl import "$T/cols.csv" >"$T/out" 2>"$T/err"
check_eq "an unknown column exits 2" 2 $?
check "and is named at line 1" grep -q "cols.csv:1: header: unknown column \"colour\"" "$T/err"
ctl import "$T/missing.csv" >/dev/null 2>"$T/err"
check_eq "a missing file exits 2" 2 $?

# ---- moods, an escalation and its ACK, through the real daemon ------------------------
for c in ana bob; do ctl checkin-now "$c" >/dev/null 2>&1; done
wait_eq 10 2 sql "SELECT count(*) FROM checkins" || true
drop_in +15555550181 "7"
drop_in +15555550182 "<b>3</b> rough day"
wait_eq 10 2 sql "SELECT count(*) FROM moods"
check_eq "two replies became moods" 2 "$(sql 'SELECT count(*) FROM moods')"
drop_in +15555550181 "I want to kill myself"
wait_eq 10 1 sql "SELECT count(*) FROM escalations"
esc=$(sql "SELECT id FROM escalations LIMIT 1")
drop_in +15555550100 "ACK $esc"
wait_eq 10 acked sql "SELECT state FROM escalations WHERE id = $esc"
check_eq "the specialist's ACK acknowledged the escalation" acked "$(sql "SELECT state FROM escalations WHERE id = $esc")"
# A check-in of yesterday that nobody answered (the window is hours long, so
# the daemon's own "missed" cannot be waited for here).
sql "INSERT INTO checkins(client_id, due_at, window_end, state) SELECT id, strftime('%s','now') - 86400, strftime('%s','now') - 72000, 'missed' FROM clients WHERE alias = 'cy'"

# ---- history's trend ----------------------------------------------------------------
drop_in +15555550182 "9"
wait_eq 10 3 sql "SELECT count(*) FROM moods"
LC_ALL=C ctl history bob >"$T/out" 2>&1
check "history ends with an ASCII trend line outside UTF-8" grep -q '^trend: .@  (2 moods, oldest first)$' "$T/out"
LC_ALL=C.UTF-8 ctl history bob >"$T/out" 2>&1
check "and with block characters in a UTF-8 locale" grep -q "^trend: $(printf '\342\226\202\342\226\210')  (2 moods" "$T/out"

# ---- export-all -------------------------------------------------------------------------
ctl export-all --table clients --output "$T/clients.csv" 2>"$T/err"
check_eq "export-all --table clients exits 0" 0 $?
check_eq "the CSV export file is private (0600)" 600 "$(stat -c %a "$T/clients.csv")"
check_eq "the CSV has a header and one line per client" 5 "$(wc -l <"$T/clients.csv")"
check "a name with a comma and quotes is quoted" grep -q '^cy,"Cy ""C"" D",+15555550183,' "$T/clients.csv"
ctl export-all --table moods >"$T/moods.csv"
check_eq "the moods CSV has three moods" 4 "$(wc -l <"$T/moods.csv")"
ctl export-all --table escalations >"$T/esc.csv"
check "the escalations CSV has the time to acknowledgement" grep -Eq "^$esc,ana,urgent,.*,acked,[0-9T:Z-]+,[0-9T:Z-]+,[0-9]+" "$T/esc.csv"
ctl export-all --format json >"$T/all.json"
check_eq "the JSON export parses and counts clients, moods, check-ins, escalations" "4 3 3 1" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["clients"]), len(d["moods"]), len(d["checkins"]), len(d["escalations"]))' "$T/all.json")"
ctl export-all --format xml >/dev/null 2>&1
check_eq "an unknown format exits 2" 2 $?
# The import takes back what the clients export wrote (state and
# enrolled_at are ignored): everyone is already here, so every line conflicts.
ctl import --dry-run "$T/clients.csv" >/dev/null 2>"$T/err"
check_eq "an export of clients reads back as an import (all conflicts here: exit 5)" 5 $?

# ---- report -----------------------------------------------------------------------------
sql "UPDATE clients SET alias = 'e<v>&\"x' WHERE alias = 'dee'" # past the alias rules, as a hostile row would be
ctl report -o "$T/program.html" --days 7 >"$T/out" 2>"$T/err"
check_eq "report for the program exits 0" 0 $?
check "it says what it wrote" grep -q "program.html: the program, last 7 days: 4 clients, 3 moods" "$T/out"
check_eq "the report is private (0600)" 600 "$(stat -c %a "$T/program.html")"
check "the report has the response rate (3 answered of 4 settled... or as many as answered)" \
    grep -q '<td id="response-rate">[0-9]*%</td>' "$T/program.html"
check "the missed check-in is counted" grep -q '<td id="n-missed">1</td>' "$T/program.html"
check "the escalation's time to acknowledgement is there" grep -q '<td id="n-acked">1</td>' "$T/program.html"
check "the hostile alias is escaped" grep -q 'e&lt;v&gt;&amp;&quot;x' "$T/program.html"
check "and never appears raw" sh -c "! grep -q 'e<v>' '$T/program.html'"
check "the report parses as XML (well-formed) and holds two SVG charts" python3 - "$T/program.html" <<'PY'
import sys, xml.etree.ElementTree as ET
text = open(sys.argv[1], encoding="utf-8").read()
assert text.startswith("<!DOCTYPE html>")
root = ET.fromstring(text[len("<!DOCTYPE html>"):])
svgs = root.findall(".//{http://www.w3.org/2000/svg}svg")
assert len(svgs) == 2, len(svgs)
assert root.find(".//script") is None
PY
ctl report --client ana -o "$T/ana.html" >"$T/out" 2>&1
check_eq "report --client exits 0" 0 $?
check "the client report is about ana" grep -q '<span id="scope">ana</span>' "$T/ana.html"
ctl report --client nobody -o "$T/x.html" >/dev/null 2>"$T/err"
check_eq "report for an unknown client exits 4" 4 $?
check "and says so" grep -q 'no client "nobody"' "$T/err"
ctl report >/dev/null 2>&1
check_eq "report without -o exits 2" 2 $?
ctl report -o "$T/x.html" --days 0 >/dev/null 2>&1
check_eq "report --days 0 exits 2" 2 $?

# ---- backup -----------------------------------------------------------------------------
ctl backup "$T/copy.db" >"$T/out" 2>"$T/err"
check_eq "backup exits 0 while the gateway runs" 0 $?
check_eq "the backup is private (0600)" 600 "$(stat -c %a "$T/copy.db")"
check_eq "the backup is a sound database" ok "$(sqlite3 "$T/copy.db" 'PRAGMA integrity_check')"
check_eq "the backup holds the clients" 4 "$(sqlite3 "$T/copy.db" 'SELECT count(*) FROM clients')"
check_eq "the backup is one file (no -wal beside it)" "delete" "$(sqlite3 "$T/copy.db" 'PRAGMA journal_mode')"
ctl backup "$T/copy.db" >/dev/null 2>"$T/err"
check_eq "backup refuses to overwrite a file (exit 1)" 1 $?
check "and says why" grep -q "exists already" "$T/err"
check_eq "the database itself is private (0600)" 600 "$(stat -c %a "$T/db.sqlite")"

# ---- a name of two lines (a spreadsheet cell with a line break) ---------------------------
printf 'alias,phone,name\nkim,+15555550193,"Kim\nLee"\nLou,+15555550194,after the record\n' >"$T/multi.csv"
ctl import --partial "$T/multi.csv" >"$T/out" 2>"$T/err"
check_eq "a quoted field with a line break is read as one record (exit 0)" 0 $?
check_eq "the line break became a space" "Kim Lee" "$(sql "SELECT name FROM clients WHERE alias = 'kim'")"
check "the record after it gets its own error, at its own line" \
    grep -q "^$T/multi.csv:4: alias \"Lou\" is not valid" "$T/err"
check_eq "and no other" 1 "$(wc -l <"$T/err")"

# ---- a database held locked ------------------------------------------------------------
# A writer holds the lock (as the gateway does during a transaction, here for
# as long as the test needs); checkinctl must give up after --wait.
python3 - "$T/db.sqlite" "$T/locked" <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
for _ in range(300):
    if not os.path.exists(sys.argv[2]):
        break
    time.sleep(0.1)
db.execute("ROLLBACK")
PY
LOCK_PID=$!
wait_for 10 test -f "$T/locked"
"$CTL" -c "$T/checkin.conf" --wait 1 enroll zed +15555550199 >"$T/out" 2>"$T/err"
check_eq "enroll against a locked database exits 1" 1 $?
check "with a clear message" grep -q "stayed locked by another process" "$T/err"
"$CTL" -c "$T/checkin.conf" --wait 1 import "$T/good.csv" >"$T/out" 2>"$T/err"
check_eq "import against a locked database exits 1" 1 $?
"$CTL" -c "$T/checkin.conf" --wait 1 list >"$T/out" 2>"$T/err"
check_eq "list still reads while a writer holds the lock (WAL)" 0 $?
rm -f "$T/locked"
wait "$LOCK_PID"
"$CTL" -c "$T/checkin.conf" --wait x list >/dev/null 2>&1
check_eq "a bad --wait exits 2" 2 $?

stop_gw
finish
