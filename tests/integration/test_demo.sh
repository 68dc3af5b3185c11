# SPDX-License-Identifier: Apache-2.0
# make demo (scripts/demo.sh) in a copy of the checkout whose var/ holds an
# operator's trial on etc/checkin.conf: the demo runs in its own directory
# ($BUILD/demo), leaves var/ exactly as it was, runs again over its own
# directory, and refuses to empty a directory that is not its own.
. tests/integration/lib.sh

co="$T/checkout"
mkdir -p "$co/scripts" "$co/var" "$co/build"
cp -R etc "$co/"
cp scripts/demo.sh "$co/scripts/"
ln -s "$GW" "$co/build/checkin-gateway"
ln -s "$CTL" "$co/build/checkinctl"
sqlite3 "$co/var/checkin.db" "CREATE TABLE clients(alias); INSERT INTO clients VALUES('ana');"
echo "an operator's file" >"$co/var/notes.txt"
before=$(cd "$co" && find var -type f | sort | xargs md5sum)

(cd "$co" && BUILD=build sh scripts/demo.sh) >"$T/demo.out" 2>&1
check_eq "the demo runs to its end (exit 0)" 0 $?
check "the demo told the whole story" grep -q "stopped cleanly (exit 0)" "$T/demo.out"
check_eq "var/ is exactly as the operator left it" "$before" "$(cd "$co" && find var -type f | sort | xargs md5sum)"
check_eq "the demo's database is in build/demo" 1 \
    "$(sqlite3 "$co/build/demo/checkin.db" "SELECT count(*) FROM clients WHERE alias = 'alex'")"

(cd "$co" && BUILD=build sh scripts/demo.sh) >"$T/demo2.out" 2>&1
check_eq "a second demo starts over in its own directory" "0 1" \
    "$? $(sqlite3 "$co/build/demo/checkin.db" "SELECT count(*) FROM clients")"

(cd "$co" && BUILD=build DEMO_DIR=var sh scripts/demo.sh) >"$T/demo3.out" 2>&1
check_eq "DEMO_DIR naming a directory that is not the demo's is refused (exit 1)" 1 $?
check "the refusal says why" grep -q "not the demo's directory" "$T/demo3.out"
check_eq "and var/ is still untouched" "$before" "$(cd "$co" && find var -type f | sort | xargs md5sum)"

finish
