#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Holds many idle TCP connections open to a listener, as a flood would.
Run: tcp_flood.py PORT COUNT SOURCES DIR
Opens COUNT connections to 127.0.0.1:PORT, spread over SOURCES source
addresses (127.0.0.2, 127.0.0.3, ...: so a per-address limit alone does not
stop it), writes DIR/flooding with how many connected, holds them until
DIR/release exists (at most 60 s), closes them all at once, and writes
DIR/released. Connections the listener has not taken yet wait in its
backlog; that is part of the flood."""
import os
import resource
import socket
import sys
import time


def main():
    port, count, sources, d = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = count + 64
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    socks = []
    for i in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.%d" % (2 + i % sources), 0))
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", port))
        except OSError:
            s.close()
            break
        socks.append(s)
    with open(os.path.join(d, "flooding"), "w") as f:
        f.write("%d\n" % len(socks))
    deadline = time.time() + 60
    while time.time() < deadline and not os.path.exists(os.path.join(d, "release")):
        time.sleep(0.05)
    for s in socks:
        s.close()
    open(os.path.join(d, "released"), "w").close()


if __name__ == "__main__":
    main()
