# SPDX-License-Identifier: Apache-2.0
# The HTML report in a real browser: Debian's chromium, headless, loads the
# report made by checkinctl from a database with two weeks of moods,
# check-ins and escalations, and takes a screenshot. The PNG must exist, be
# a PNG of the window's size, and hold far more than a blank page does (the
# charts and tables were drawn). The HTML is checked for outside references
# too: the browser runs with the network off, so a report that needed one
# would render broken. chromium comes from scripts/deps.sh; where it cannot
# be installed this test says so and skips (the HTML checks of
# test_operator.sh still run).
. tests/integration/lib.sh

BROWSER=""
for b in chromium chromium-browser; do
    command -v "$b" >/dev/null 2>&1 && { BROWSER=$b; break; }
done
if [ -z "$BROWSER" ]; then
    echo "ok 1 # SKIP chromium is not installed (scripts/deps.sh installs it: apt-get install chromium)"
    exit 0
fi

write_config "" "America/New_York"
printf 'alias,phone,name\nana,+15555550181,Ana\nbob,+15555550182,Bob\n' >"$T/c.csv"
ctl import "$T/c.csv" >/dev/null 2>&1
check_eq "two clients imported" 2 "$(sql 'SELECT count(*) FROM clients')"

# Two weeks of history: one check-in a day each, most answered, a few
# missed; escalations, one acknowledged after 12 minutes and one still open.
now=$(date +%s)
sql "WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 13)
     INSERT INTO checkins(client_id, due_at, window_end, state)
     SELECT c.id, $now - (13 - i) * 86400 - 3600, $now - (13 - i) * 86400,
            CASE WHEN (i + c.id) % 5 = 0 THEN 'missed' ELSE 'answered' END
     FROM d, clients c"
sql "INSERT INTO moods(client_id, checkin_id, score, scale_min, scale_max, norm, recorded_at)
     SELECT client_id, id, 1 + (id * 7) % 10, 1, 10, ((id * 7) % 10) * 100.0 / 9, due_at + 600
     FROM checkins WHERE state = 'answered'"
sql "INSERT INTO escalations(client_id, peer, severity, reason, state, created_at, acked_at)
     SELECT id, phone, 'urgent', 'crisis language', 'acked', $now - 5 * 86400, $now - 5 * 86400 + 720
     FROM clients WHERE alias = 'ana'"
sql "INSERT INTO escalations(client_id, peer, severity, reason, state, created_at)
     SELECT id, phone, 'watch', '3 missed in a row', 'open', $now - 86400
     FROM clients WHERE alias = 'bob'"

ctl report --days 14 -o "$T/report.html" >"$T/out" 2>&1
check_eq "checkinctl report exits 0" 0 $?
check "the report is self-contained (no src=, href= or url( )" \
    sh -c "! grep -Eq 'src=|href=|url\\(' '$T/report.html'"
printf '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>blank</title></head><body></body></html>\n' >"$T/blank.html"

# shot FILE.html FILE.png: a 900x1600 screenshot, no network, a profile of
# its own in $T (nothing of the machine's is read or left behind).
shot() {
    timeout 60 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --hide-scrollbars --no-first-run --disable-extensions \
        --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' \
        --user-data-dir="$T/chromium" --window-size=900,1600 \
        --screenshot="$2" "file://$1" >>"$T/chromium.log" 2>&1
}
shot "$T/report.html" "$T/report.png"
check "chromium wrote a screenshot of the report" test -s "$T/report.png"
shot "$T/blank.html" "$T/blank.png"
check "and one of a blank page to compare" test -s "$T/blank.png"
check_eq "the screenshot is a 900x1600 PNG" "900x1600" \
    "$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print("%dx%d" % struct.unpack(">II", d[16:24]))' "$T/report.png" 2>/dev/null)"
rsize=$(stat -c %s "$T/report.png" 2>/dev/null || echo 0)
bsize=$(stat -c %s "$T/blank.png" 2>/dev/null || echo 1)
check "the report's screenshot holds much more than a blank page ($rsize vs $bsize bytes)" \
    test "$rsize" -gt $((bsize * 4))
if [ -n "${KEEP_SCREENSHOT:-}" ]; then cp "$T/report.png" "$KEEP_SCREENSHOT"; fi
[ "$FAILS" -gt 0 ] && tail -n 20 "$T/chromium.log"
finish
