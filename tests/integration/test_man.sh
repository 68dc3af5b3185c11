# SPDX-License-Identifier: Apache-2.0
# The man pages say everything there is (issue 20, item 14): every command
# `checkinctl --help` lists has its entry in checkinctl(8)'s COMMANDS; every
# configuration key of gateway/config/config.c (the scalars table and the key
# lists of routing, schedules, quiet_hours, specialists and oncall) is
# named in its group's entry of checkin.conf(5)'s SECTIONS; checkin-gateway(8)
# describes /healthz (its JSON fields), /metrics (every metric family the
# code declares with prom_family) and the log format. The pages are read
# as man renders them. The installed pages' real paths are test_install's.
. tests/integration/lib.sh

command -v man >/dev/null 2>&1 || { echo "ok 1 # SKIP man (man-db) is not installed"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "ok 1 # SKIP python3 is not installed"; exit 0; }
render() { MANWIDTH=200 man -l "$1" 2>/dev/null | col -b 2>/dev/null || MANWIDTH=200 man -l "$1"; }
render etc/man/checkinctl.8 >"$T/checkinctl.txt"
render etc/man/checkin-gateway.8 >"$T/gateway.txt"

# The lines of section $2 (a heading at column 0) of rendered page $1.
section() { awk -v s="$2" '/^[A-Z]/ { on = ($0 == s) ; next } on' "$1"; }

# checkinctl: the commands of --help, each an entry (a line of its own
# starting with the command, at the entries' indentation).
"$CTL" --help >"$T/help" 2>&1
sed -n '/^Commands:/,/^$/p' "$T/help" | sed -n 's/^  \([a-z-]*\) .*/\1/p' >"$T/commands"
check "checkinctl --help lists commands" test -s "$T/commands"
section "$T/checkinctl.txt" COMMANDS >"$T/commands.txt"
while read -r c; do
    check "checkinctl(8) has the command $c" grep -Eq "^ {7}$c( |\$)" "$T/commands.txt"
done <"$T/commands"
for o in --config --wait --help --version; do
    check "checkinctl(8) has the option $o" grep -q -- "$o" "$T/checkinctl.txt"
done

# checkin.conf: "group key" pairs from gateway/config/config.c.
python3 - gateway/config/config.c >"$T/keys" <<'EOF'
import re, sys
src = open(sys.argv[1]).read()
for g, k in re.findall(r'^\s*\{\s*"([a-z_]+)",\s*"([a-z_]+)",\s*SC_', src, re.M):
    print(g, k)
# static const char *const keys[] = { ... NULL }; then the group it checks.
for m in re.finditer(r'static const char \*const keys\[\] = \{(.*?)NULL \};(.{0,400})', src, re.S):
    g = re.search(r'"(routing|quiet_hours|schedules|specialists|oncall)"', m.group(2))
    if g:
        for k in re.findall(r'"([a-z_]+)"', m.group(1)):
            print(g.group(1), k)
EOF
check "config.c has keys" test "$(wc -l <"$T/keys")" -gt 40
# Each group's entry in checkin.conf(5)'s SECTIONS, from the page's source:
# a .TP whose tag is the group's name, to the next .TP.
python3 - etc/man/checkin.conf.5 "$T" <<'EOF'
import re, sys
src = open(sys.argv[1]).read()
body = src.split('.SH SECTIONS', 1)[1].split('\n.SH ', 1)[0]
for chunk in body.split('\n.TP\n')[1:]:
    tag, _, rest = chunk.partition('\n')
    group = re.sub(r'^\.B[RI]*\s+', '', tag).strip().strip('"')
    open('%s/entry.%s' % (sys.argv[2], group), 'w').write(rest)
EOF
while read -r g k; do
    check "checkin.conf(5) names $g.$k in the $g entry" grep -Eqs "(^|[^a-z_])$k([^a-z_]|\$)" "$T/entry.$g"
done <"$T/keys"

# checkin-gateway(8): the HTTP routes and the log.
section "$T/gateway.txt" HTTP >"$T/http.txt"
check "checkin-gateway(8) has an HTTP section with /healthz and /metrics" \
    sh -c "grep -q /healthz '$T/http.txt' && grep -q /metrics '$T/http.txt'"
for f in status store providers problems outbox circuit; do
    check "checkin-gateway(8) describes /healthz's field $f" grep -q "$f" "$T/http.txt"
done
grep -ho 'prom_family([a-z_&>.-]*, "[a-z_]*"' gateway/*/*.c providers/*.c providers/*/*.c | sed 's/.*"\(.*\)"/\1/' | sort -u >"$T/metrics"
check "the code declares metric families" test -s "$T/metrics"
while read -r m; do
    check "checkin-gateway(8) describes the metric $m" grep -q "$m" "$T/http.txt"
done <"$T/metrics"
section "$T/gateway.txt" LOGGING >"$T/log.txt"
for w in level= event= debug info warn error masked; do
    check "checkin-gateway(8)'s LOGGING explains $w" grep -q -- "$w" "$T/log.txt"
done
finish
