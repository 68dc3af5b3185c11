#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A local fake of Twilio's REST API (api.twilio.com 2010-04-01 Messages) for
the integration tests, on 127.0.0.1 only, plus a client that posts signed
webhooks to the gateway.

  twilio_fake.py serve DIR SID TOKEN   serves on a free port; writes DIR/port,
                                       records each send in DIR/sent.jsonl
  twilio_fake.py post URL SIGNED_URL TOKEN [k=v ...]
                                       POSTs the form to URL with the
                                       X-Twilio-Signature that Debian's
                                       python3-twilio computes for SIGNED_URL
                                       (TOKEN "-" sends no signature); prints
                                       the HTTP status and the body
  twilio_fake.py post-json URL SIGNED_URL TOKEN JSON [SENT_JSON]
                                       the same for a JSON body, as Twilio
                                       sends one: both URLs get
                                       bodySHA256=<hex SHA-256 of JSON> and
                                       the signature covers no parameters;
                                       SENT_JSON, if given, is sent instead
                                       (a body changed on the way)

The server checks what Twilio checks (path and AccountSid, Basic auth, form
content type, To, Body, From or MessagingServiceSid) and answers like
Twilio, errors in Twilio's JSON shape. Control (test only):
  POST /_fake/script   body "429 500 21211 21610 ...": the next sends get these
                       answers in order (a number of 5 digits is a Twilio
                       error code, answered 400); then 201 again
  POST /_fake/inbound  form sid, from, to, body, date_sent (RFC 2822): a
                       message the list API returns (as if Twilio received it)
  GET  /_fake/sent     the sends so far, one JSON object a line
"""
import base64
import json
import os
import secrets
import sys
import threading
import urllib.parse
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ERRORS = {
    21211: "The 'To' number {to} is not a valid phone number.",
    21610: "Attempt to send to unsubscribed recipient",
    20429: "Too Many Requests",
    20500: "Internal Server Error",
    20003: "Authenticate",
    21602: "Message body is required.",
    21603: "The 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
}


class State:
    def __init__(self, d, sid, token):
        self.dir, self.sid, self.token = d, sid, token
        self.lock = threading.Lock()
        self.script = []
        self.inbound = []  # newest last; listed newest first


def error_body(code, status, **kw):
    return {"code": code, "message": ERRORS.get(code, "error").format(**kw),
            "more_info": "https://www.twilio.com/docs/errors/%d" % code, "status": status}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's API

    def log_message(self, fmt, *args):
        sys.stderr.write("twilio_fake: " + (fmt % args) + "\n")

    def answer(self, status, obj, ctype="application/json"):
        body = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def authorized(self):
        st = self.server.st
        want = "Basic " + base64.b64encode(("%s:%s" % (st.sid, st.token)).encode()).decode()
        return self.headers.get("Authorization") == want

    def messages_path(self, path):
        return path == "/2010-04-01/Accounts/%s/Messages.json" % self.server.st.sid

    def do_GET(self):
        st = self.server.st
        u = urllib.parse.urlsplit(self.path)
        if u.path == "/_fake/sent":
            try:
                with open(os.path.join(st.dir, "sent.jsonl"), "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                data = b""
            return self.answer(200, data, "text/plain")
        if not self.messages_path(u.path):
            return self.answer(404, error_body(20404, 404))
        if not self.authorized():
            return self.answer(401, error_body(20003, 401))
        q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        to = q.get("To", [None])[0]
        after = q.get("DateSent>", [None])[0]
        size = int(q.get("PageSize", ["50"])[0])
        page = int(q.get("Page", ["0"])[0])
        with st.lock:
            msgs = list(reversed(st.inbound))
            with open(os.path.join(st.dir, "list.log"), "a") as f:
                f.write(self.path + "\n")
        if to:
            msgs = [m for m in msgs if m["to"] == to]
        if after:  # "YYYY-MM-DD": sent on or after that UTC day
            msgs = [m for m in msgs
                    if parsedate_to_datetime(m["date_sent"]).strftime("%Y-%m-%d") >= after]
        chunk = msgs[page * size:(page + 1) * size]
        base = "/2010-04-01/Accounts/%s/Messages.json" % st.sid
        keep = urllib.parse.urlencode([(k, v) for k, vs in q.items() for v in vs
                                       if k not in ("Page", "PageToken")])
        nxt = None
        if (page + 1) * size < len(msgs):
            nxt = "%s?%s&Page=%d&PageToken=PA%s" % (base, keep, page + 1, secrets.token_hex(8))
        self.answer(200, {"messages": chunk, "next_page_uri": nxt, "page": page,
                          "page_size": size, "first_page_uri": base + "?" + keep,
                          "previous_page_uri": None, "uri": self.path, "start": page * size,
                          "end": page * size + len(chunk)})

    def do_POST(self):
        st = self.server.st
        u = urllib.parse.urlsplit(self.path)
        raw = self.read_body()
        form = dict(urllib.parse.parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        if u.path == "/_fake/script":
            with st.lock:
                st.script.extend(raw.decode().split())
            return self.answer(200, {"script": st.script})
        if u.path == "/_fake/inbound":
            m = {"sid": form["sid"], "from": form["from"], "to": form["to"],
                 "body": form["body"], "direction": "inbound", "status": "received",
                 "account_sid": st.sid, "api_version": "2010-04-01",
                 "date_sent": form.get("date_sent") or formatdate(usegmt=False),
                 "date_created": form.get("date_sent") or formatdate(usegmt=False),
                 "num_segments": "1", "num_media": "0", "error_code": None,
                 "error_message": None, "price": None, "price_unit": "USD"}
            with st.lock:
                st.inbound.append(m)
            return self.answer(201, m)
        if not self.messages_path(u.path):
            return self.answer(404, error_body(20404, 404))
        if not self.authorized():
            return self.answer(401, error_body(20003, 401))
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("application/x-www-form-urlencoded"):
            return self.answer(400, error_body(21602, 400))
        to = form.get("To", "")
        if not to:
            return self.answer(400, error_body(21604, 400))
        if not form.get("Body"):
            return self.answer(400, error_body(21602, 400))
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return self.answer(400, error_body(21603, 400))
        with st.lock:
            step = st.script.pop(0) if st.script else "201"
        sid = "SM" + secrets.token_hex(16)
        rec = {"to": to, "from": form.get("From"), "service": form.get("MessagingServiceSid"),
               "body": form.get("Body"), "status_callback": form.get("StatusCallback"),
               "answer": step, "sid": sid if step == "201" else None}
        with st.lock:
            with open(os.path.join(st.dir, "sent.jsonl"), "a") as f:
                f.write(json.dumps(rec) + "\n")
        if step == "201":
            return self.answer(201, {"sid": sid, "status": "queued", "to": to,
                                     "from": form.get("From"), "body": form.get("Body"),
                                     "account_sid": st.sid, "direction": "outbound-api",
                                     "date_created": formatdate(usegmt=False),
                                     "date_sent": None, "error_code": None,
                                     "api_version": "2010-04-01"})
        n = int(step)
        if n >= 10000:
            return self.answer(400, error_body(n, 400, to=to))
        return self.answer(n, error_body(20429 if n == 429 else 20500, n))


def serve(d, sid, token):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.st = State(d, sid, token)
    with open(os.path.join(d, "port.tmp"), "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
    srv.serve_forever()


def post(url, signed_url, token, pairs):
    import urllib.request
    params = dict(p.split("=", 1) for p in pairs)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if token != "-":
        from twilio.request_validator import RequestValidator
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(
            signed_url, params)
    req = urllib.request.Request(url, data=urllib.parse.urlencode(params).encode(),
                                 headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            print(r.status, r.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as e:
        print(e.code, e.read().decode("utf-8", "replace"))


def post_json(url, signed_url, token, body, sent=None):
    import hashlib
    import urllib.request
    h = hashlib.sha256(body.encode("utf-8")).hexdigest()
    url += ("&" if "?" in url else "?") + "bodySHA256=" + h
    signed_url += ("&" if "?" in signed_url else "?") + "bodySHA256=" + h
    headers = {"Content-Type": "application/json"}
    from twilio.request_validator import RequestValidator
    v = RequestValidator(token)
    headers["X-Twilio-Signature"] = v.compute_signature(signed_url, {})
    assert v.validate(signed_url, body, headers["X-Twilio-Signature"])
    data = (sent if sent is not None else body).encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            print(r.status, r.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as e:
        print(e.code, e.read().decode("utf-8", "replace"))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) in (6, 7) and sys.argv[1] == "post-json":
        post_json(*sys.argv[2:])
    elif len(sys.argv) >= 5 and sys.argv[1] == "post":
        post(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
