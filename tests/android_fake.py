#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A local fake of SMS Gateway for Android's local-server API (the app by
capcom6), for the integration tests, on 127.0.0.1 only; and a client that
posts signed webhooks the way the app does.

  android_fake.py serve DIR USER PASSWORD   serves on a free port (DIR/port);
                                            each send is a line of DIR/sent.jsonl,
                                            each webhook registration of DIR/hooks.jsonl
  android_fake.py post URL KEY EVENT_JSON [TIMESTAMP]
                                            POSTs EVENT_JSON to URL signed with KEY
                                            (X-Signature = hex HMAC-SHA256(KEY,
                                            body + X-Timestamp)); KEY "-" sends no
                                            signature; prints the status

Checks what the app checks: Basic auth (401), a JSON body with
phoneNumbers and textMessage.text (400 {"message": ...}). POST
/_fake/script with "500 400 ..." makes the next sends answer so.
"""
import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("android_fake: " + (fmt % args) + "\n")

    def answer(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        st = self.server.st
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_fake/script":
            with st["lock"]:
                st["script"].extend(raw.decode().split())
            return self.answer(200, {})
        want = "Basic " + base64.b64encode(("%s:%s" % (st["user"], st["pw"])).encode()).decode()
        if self.headers.get("Authorization") != want:
            return self.answer(401, {"message": "Unauthorized"})
        try:
            req = json.loads(raw)
        except ValueError:
            return self.answer(400, {"message": "invalid JSON"})
        if self.path == "/webhooks":
            with open(os.path.join(st["dir"], "hooks.jsonl"), "a") as f:
                f.write(json.dumps(req) + "\n")
            return self.answer(201, req)
        if self.path != "/messages":
            return self.answer(404, {"message": "Not Found"})
        nums = req.get("phoneNumbers")
        text = (req.get("textMessage") or {}).get("text")
        if not isinstance(nums, list) or not nums or not isinstance(text, str) or not text:
            return self.answer(400, {"message": "phoneNumbers and textMessage.text are required"})
        with st["lock"]:
            step = st["script"].pop(0) if st["script"] else "202"
        mid = secrets.token_urlsafe(15)
        rec = {"to": nums[0], "text": text, "report": req.get("withDeliveryReport"),
               "priority": req.get("priority"), "answer": step,
               "id": mid if step == "202" else None}
        with st["lock"]:
            with open(os.path.join(st["dir"], "sent.jsonl"), "a") as f:
                f.write(json.dumps(rec) + "\n")
        if step != "202":
            return self.answer(int(step), {"message": "scripted failure for +1555 number"})
        self.answer(202, {"id": mid, "state": "Pending", "isHashed": False,
                          "isEncrypted": False,
                          "recipients": [{"phoneNumber": nums[0], "state": "Pending"}]})


def serve(d, user, pw):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.st = {"dir": d, "user": user, "pw": pw, "lock": threading.Lock(), "script": []}
    with open(os.path.join(d, "port.tmp"), "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
    srv.serve_forever()


def post(url, key, body, ts=None):
    ts = ts or str(int(time.time()))
    data = body.encode()
    headers = {"Content-Type": "application/json"}
    if key != "-":
        headers["X-Timestamp"] = ts
        headers["X-Signature"] = hmac.new(key.encode(), data + ts.encode(),
                                          hashlib.sha256).hexdigest()
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            print(r.status)
    except urllib.error.HTTPError as e:
        print(e.code)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "serve":
        serve(*sys.argv[2:5])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "post":
        post(*sys.argv[2:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
