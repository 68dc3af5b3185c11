#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Strict check of a Prometheus text exposition (format 0.0.4), for
tests/integration/test_metrics.sh: reads the scrape on stdin, parses it with
Debian's python3-prometheus-client and checks what that parser lets pass:
every sample line belongs to the family whose # HELP and # TYPE came just
before it (families are not interleaved, none is declared twice), names and
label names are valid, no series is repeated, counters end in _total,
histogram buckets are cumulative with le="+Inf" equal to _count, values
are numbers. Prints "name{labels} value" for every sample (for the test's
value checks) and exits 1 with the reason on the first problem."""
import math
import re
import sys

from prometheus_client.parser import text_string_to_metric_families

NAME = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*$')
LABEL = re.compile(r'^[a-zA-Z_][a-zA-Z0-9_]*$')
LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')


def fail(msg):
    print("prom_check: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    text = sys.stdin.read()
    if not text.endswith("\n"):
        fail("the exposition does not end with a newline")
    declared, current, types = set(), None, {}
    for n, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("# HELP "):
            name = line.split(" ")[2]
            if name in declared:
                fail("line %d: family %s declared twice" % (n, name))
            declared.add(name)
            current = name
        elif line.startswith("# TYPE "):
            parts = line.split(" ")
            if len(parts) != 4 or parts[2] != current:
                fail("line %d: TYPE does not follow its HELP: %r" % (n, line))
            if parts[3] not in ("counter", "gauge", "histogram", "summary", "untyped"):
                fail("line %d: unknown type %s" % (n, parts[3]))
            types[current] = parts[3]
        elif line.startswith("#") or line == "":
            fail("line %d: unexpected line %r" % (n, line))
        else:
            m = LINE.match(line)
            if not m:
                fail("line %d: not a sample line: %r" % (n, line))
            base = m.group(1)
            if current is None or current not in types:
                fail("line %d: sample before any HELP/TYPE" % n)
            suffixes = ("_bucket", "_sum", "_count") if types[current] == "histogram" else ("",)
            if not any(base == current + s for s in suffixes):
                fail("line %d: sample %s outside its family (%s)" % (n, base, current))
            try:
                float(m.group(4))
            except ValueError:
                fail("line %d: value %r is not a number" % (n, m.group(4)))
    seen = set()
    for fam in text_string_to_metric_families(text):
        if not NAME.match(fam.name):
            fail("bad family name " + fam.name)
        if fam.type == "counter" and not any(s.name.endswith("_total") for s in fam.samples) \
                and fam.samples:
            fail("counter %s has no _total samples" % fam.name)
        buckets = {}
        for s in fam.samples:
            for k in s.labels:
                if not LABEL.match(k):
                    fail("bad label name %s in %s" % (k, s.name))
            key = (s.name, tuple(sorted(s.labels.items())))
            if key in seen:
                fail("series repeated: %s %s" % key)
            seen.add(key)
            if math.isnan(s.value):
                fail("NaN in %s" % s.name)
            lbl = ",".join('%s="%s"' % (k, v) for k, v in sorted(s.labels.items()))
            print("%s{%s} %s" % (s.name, lbl, repr(s.value) if s.value != int(s.value) else int(s.value)))
            if fam.type == "histogram":
                rest = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
                b = buckets.setdefault(rest, {"b": [], "count": None})
                if s.name.endswith("_bucket"):
                    b["b"].append((float(s.labels["le"]), s.value))
                elif s.name.endswith("_count"):
                    b["count"] = s.value
        for rest, b in buckets.items():
            vals = [v for _, v in b["b"]]
            les = [le for le, _ in b["b"]]
            if les != sorted(les) or not les or les[-1] != math.inf:
                fail("%s%s: buckets not ascending or no +Inf" % (fam.name, rest))
            if vals != sorted(vals):
                fail("%s%s: buckets not cumulative" % (fam.name, rest))
            if b["count"] != vals[-1]:
                fail("%s%s: +Inf bucket %s != _count %s" % (fam.name, rest, vals[-1], b["count"]))


main()
