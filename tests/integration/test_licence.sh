# SPDX-License-Identifier: Apache-2.0
# The licence: LICENSE is the Apache License 2.0, unmodified (Debian's copy
# when there is one), and every tracked source file carries the line
# "SPDX-License-Identifier: Apache-2.0" as a comment in its first lines
# (after a shebang or a file comment at most). Source files: C, shell,
# Python and Lua, the Makefile, scripts/, .ci/run, and the files of etc/
# that take comments (the config, the vocabulary, systemd units, man
# pages). Test data (tests/data, the corpora, fuzz dictionaries) is not
# source. Needs a git checkout (git ls-files); skipped otherwise.
. tests/integration/lib.sh

SPDX="SPDX-License-Identifier: Apache-2.0"

check "LICENSE is the Apache License 2.0" grep -q "Apache License" LICENSE
check "at version 2.0" grep -q "Version 2.0, January 2004" LICENSE
if [ -f /usr/share/common-licenses/Apache-2.0 ]; then
    check "LICENSE is Debian's text, unmodified" cmp -s LICENSE /usr/share/common-licenses/Apache-2.0
fi

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "# SKIP: not a git checkout; the source files were not listed"
    finish
    exit $?
fi

git ls-files -- '*.c' '*.h' '*.sh' '*.py' '*.lua' Makefile '*/Makefile' .ci/run 'scripts/*' \
    'etc/*.service' 'etc/*.timer' 'etc/*.socket' 'etc/*.sysusers' 'etc/*.conf' 'etc/*.txt' \
    'etc/*.rules' 'etc/man/*' >"$T/files"
check "the source files are listed" test "$(wc -l <"$T/files")" -gt 100
missing=""
while read -r f; do
    [ -f "$f" ] || continue # deleted in the work tree, not yet committed
    head -n 5 "$f" | grep -q "$SPDX" || missing="$missing $f"
done <"$T/files"
if [ -n "$missing" ]; then
    echo "# these files lack the line '$SPDX' (a comment in their first lines):"
    for f in $missing; do echo "#   $f"; done
fi
check_eq "every source file carries the SPDX line in its first 5 lines" "" "$missing"

finish
