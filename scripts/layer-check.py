#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""layer-check.py: every #include "..." in gateway/ and providers/ against
the layer table of the layout issue (README "Layout"). A folder may include
itself and the folders its rule names, nothing else:

  gateway/base/    base
  gateway/model/   base                                   (pure)
  gateway/config/  model, base
  gateway/store/   model, base
  gateway/core/    store, config, model, base             (never uv.h or gw.h)
  gateway/net/     base
  gateway/daemon/  all but ctl
  gateway/ctl/     core, store, config, model, base
  providers/       (provider.h, registry.c, fake.c, provconf) net, base
  providers/KIND/  providers/ top level, net, base; never another kind

An include is resolved the way the compiler does with the Makefile's
-iquote roots: the including file's own folder first, then gateway/, then
providers/. It must name its folder ("store/store.h", "spool/spoolfile.h";
providers/ top-level headers are named bare, "provider.h"), every C (or C++)
file must sit in a layer folder, and a header that is nowhere in the tree must
be a generated one (GENERATED below).

Violations that exist today are listed in scripts/layer-allow.txt (the
to-do list of the layout's step 2): each line "FILE INCLUDE", matched by
file and include text, not by line number. A listed violation that no
longer occurs is reported too, so the list only shrinks.

  scripts/layer-check.py [--root DIR] [--allow FILE]

Exit 0 when the tree keeps the table (allow-list aside), 1 with one line
per problem "file:line: rule" on stderr, 2 on a usage error.
"""
import argparse
import os
import re
import sys

# Layers of gateway/, and what each may include besides itself.
# "providers" is providers/ top level, "providers/*" any kind folder.
RULES = {
    "base": set(),
    "model": {"base"},
    "config": {"model", "base"},
    "store": {"model", "base"},
    "core": {"store", "config", "model", "base"},
    "net": {"base"},
    "daemon": {"base", "model", "config", "store", "core", "net", "providers", "providers/*"},
    "ctl": {"core", "store", "config", "model", "base"},
    "providers": {"net", "base"},
    "providers/*": {"providers", "net", "base"},
}
# Written by the Makefile into $(BUILD)/gen, found through -iquote $(BUILD)/gen.
GENERATED = {"build_paths.h"}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
# System headers a layer must not include: the core reaches the loop only
# through its callers (the table's "never uv.h").
SYSTEM = re.compile(r'^\s*#\s*include\s*<([^>]+)>')
SYSTEM_FORBIDDEN = {"core": {"uv.h"}}
SOURCE_EXT = (".c", ".cc", ".h", ".def")


def layer_of(path):
    """The layer of a tree-relative path, or None when it is in none."""
    parts = path.split("/")
    if parts[0] == "gateway" and len(parts) == 3 and parts[1] in RULES:
        return parts[1]
    if parts[0] == "providers" and len(parts) == 2:
        return "providers"
    if parts[0] == "providers" and len(parts) == 3:
        return "providers/" + parts[1]
    return None


def rule_key(layer):
    return "providers/*" if layer.startswith("providers/") else layer


def may_include(src, dst):
    if src == dst:
        return True
    allowed = RULES[rule_key(src)]
    return dst in allowed or (dst.startswith("providers/") and "providers/*" in allowed)


def describe(layer):
    allowed = sorted(RULES[rule_key(layer)])
    return "%s may include itself%s" % (
        layer, " and " + ", ".join(allowed) if allowed else " only")


def resolve(root, src, name):
    """(tree-relative path, how) of what "name" means in src, or (None, None)."""
    own = os.path.normpath(os.path.join(os.path.dirname(src), name))
    if os.path.isfile(os.path.join(root, own)):
        return own, "own"
    for base in ("gateway", "providers"):
        cand = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(root, cand)):
            return cand, base
    return None, None


def problems(root, src):
    """Yield (line number, include text, rule broken) for one source file."""
    src_layer = layer_of(src)
    with open(os.path.join(root, src), encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    for n, line in enumerate(lines, 1):
        m = SYSTEM.match(line)
        if m and src_layer and m.group(1) in SYSTEM_FORBIDDEN.get(src_layer, ()):
            yield n, "<%s>" % m.group(1), "%s never includes <%s>" % (src_layer, m.group(1))
            continue
        m = INCLUDE.match(line)
        if not m:
            continue
        name = m.group(1)
        if src_layer is None:
            yield n, name, "%s is in no layer folder (see README \"Layout\")" % src
            continue
        dst, how = resolve(root, src, name)
        if dst is None:
            if name not in GENERATED:
                yield n, name, '"%s" is no header of the tree (nor a generated one)' % name
            continue
        if how == "own" and src_layer != "providers":
            yield n, name, '"%s" must name its folder: "%s"' % (
                name, dst.split("/", 1)[1])
            continue
        dst_layer = layer_of(dst)
        if dst_layer is None:
            yield n, name, '"%s" is in no layer folder' % dst
        elif not may_include(src_layer, dst_layer):
            yield n, name, "%s, not %s (\"%s\")" % (describe(src_layer), dst_layer, name)


def sources(root):
    for top in ("gateway", "providers"):
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(SOURCE_EXT):
                    yield os.path.relpath(os.path.join(d, f), root)


def read_allow(path):
    """{(file, include): line number in the allow-list}."""
    allow = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) != 2:
                raise ValueError("%s:%d: expected \"FILE INCLUDE\"" % (path, n))
            allow[(line[0], line[1])] = n
    return allow


def main():
    ap = argparse.ArgumentParser(description="check includes against the layer table")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."),
                    help="the source tree (default: this script's checkout)")
    ap.add_argument("--allow", help="allow-list (default: ROOT/scripts/layer-allow.txt)")
    args = ap.parse_args()
    root = args.root
    try:
        allow = read_allow(args.allow or os.path.join(root, "scripts", "layer-allow.txt"))
    except (OSError, ValueError) as e:
        print("layer-check: %s" % e, file=sys.stderr)
        return 2
    used, bad, count = set(), [], 0
    for src in sources(root):
        count += 1
        for n, name, why in problems(root, src):
            if (src, name) in allow:
                used.add((src, name))
            else:
                bad.append("%s:%d: %s" % (src, n, why))
    for key in sorted(set(allow) - used):
        bad.append("scripts/layer-allow.txt:%d: %s %s is allowed but no longer occurs: "
                   "remove the line" % (allow[key], key[0], key[1]))
    for b in bad:
        print(b, file=sys.stderr)
    if bad:
        print("layer-check: %d problem(s) in %d files" % (len(bad), count), file=sys.stderr)
        return 1
    print("layer-check: %d files keep the layer table (%d allowed violations left)"
          % (count, len(used)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
