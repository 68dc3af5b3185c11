#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reference X-Twilio-Signature values from Debian's python3-twilio
(twilio.request_validator.RequestValidator), printed as C initialisers for
tests/unit/test_twilio_sig.c. Run: /usr/bin/python3 tests/tools/twilio_sig_ref.py
The cases cover URLs with and without query strings and ports, empty and
unicode values, and names that sort differently as bytes than as text."""
from twilio.request_validator import RequestValidator

CASES = [
    ("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
     {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675309", "Digits": "1234",
      "From": "+14158675309", "To": "+18005551212"}),
    ("tok", "http://127.0.0.1/empty", {}),
    ("s3cr3t", "https://gw.example.org/sms/twilio",
     {"MessageSid": "SM0123456789abcdef0123456789abcdef", "From": "+15551234567",
      "To": "+15557654321", "Body": "7 feeling ok", "NumMedia": "0"}),
    ("s3cr3t", "https://gw.example.org:8443/sms/twilio?x=1&y=two%20words",
     {"MessageSid": "SM1", "From": "+15551234567", "Body": ""}),
    ("s3cr3t", "http://127.0.0.1:8780/sms/twilio",
     {"MessageSid": "SM2", "From": "+15551234567",
      "Body": "Me siento mal \u00bfqu\u00e9 hago? \U0001F622 5"}),
    ("tok\u00e9n", "https://example.com/a/b?q=%E2%9C%93",
     {"a": "1", "B": "2", "_z": "3", "aa": "", "\u00e9": "accent"}),
]

def c_str(s):
    out = '"'
    for b in s.encode("utf-8"):
        c = chr(b)
        if c in '"\\':
            out += "\\" + c
        elif 32 <= b < 127:
            out += c
        else:
            out += "\\x%02x\"\"" % b
    return out + '"'

for token, url, params in CASES:
    v = RequestValidator(token)
    sig = v.compute_signature(url, params)
    assert v.validate(url, params, sig)
    form = "&".join("%s=%s" % (k, v2) for k, v2 in params.items())
    # form-encode for the C side (urllib quoting as Twilio's servers do)
    from urllib.parse import urlencode
    form = urlencode(params)
    print("    {%s, %s, %s, %s}," % (c_str(token), c_str(url), c_str(form), c_str(sig)))

# Second table: what RequestValidator.validate() says for a configured URL
# that differs from the signed one only by its port, and for tampering.
print("/* validate */")
from urllib.parse import urlencode
params = {"MessageSid": "SM3", "From": "+15551234567", "Body": "3"}
signed_for = [
    "https://gw.example.org/sms/twilio",
    "https://gw.example.org:443/sms/twilio",
    "http://gw.example.org/sms/twilio?a=1",
    "https://gw.example.org:8443/sms/twilio",
]
checked_as = [
    "https://gw.example.org/sms/twilio",
    "https://gw.example.org:443/sms/twilio",
    "http://gw.example.org:80/sms/twilio?a=1",
    "http://gw.example.org/sms/twilio?a=2",
    "https://gw.example.org/sms/twilio/",
    "https://gw.example.org:8443/sms/twilio",
]
v = RequestValidator("s3cr3t")
for s in signed_for:
    sig = v.compute_signature(s, params)
    for c in checked_as:
        print("    {%s, %s, %s, %d}," % (c_str(c), c_str(urlencode(params)), c_str(sig),
                                       1 if v.validate(c, params, sig) else 0))

# Third table: JSON webhooks. Twilio signs the URL it requested, which
# carries bodySHA256=<hex SHA-256 of the body>, and no parameters; the
# validator also checks the hash against the body. Each row: token, the
# configured URL (without bodySHA256), the body, the hash the request's URL
# claims, the signature, and what RequestValidator.validate() says.
print("/* json */")
from hashlib import sha256


def with_hash(url, h):
    return url + ("&" if "?" in url else "?") + "bodySHA256=" + h


JSON_CASES = [
    # token, URL signed (without the hash), URL checked, body, claimed hash (None: the true one)
    ("s3cr3t", "https://gw.example.org/sms/twilio", "https://gw.example.org/sms/twilio",
     '{"MessageSid":"SM9","From":"+15551234567","Body":"5"}', None),
    ("s3cr3t", "https://gw.example.org/sms/twilio/status", "https://gw.example.org/sms/twilio/status",
     '{"MessageSid":"SM9","MessageStatus":"delivered","ErrorCode":null}', None),
    ("tok\u00e9n", "https://gw.example.org:8443/sms/twilio?x=1", "https://gw.example.org:8443/sms/twilio?x=1",
     '{"Body":"Me siento mal \u00bfqu\u00e9 hago? \U0001F622 5"}', None),
    ("s3cr3t", "https://gw.example.org/sms/twilio", "https://gw.example.org:443/sms/twilio",
     '{"MessageSid":"SM9"}', None),
    ("s3cr3t", "https://gw.example.org:443/sms/twilio", "https://gw.example.org/sms/twilio",
     '{"MessageSid":"SM9"}', None),
    ("s3cr3t", "https://gw.example.org/sms/twilio", "https://gw.example.org/sms/twilio",
     '', None),
    # the body changed on the way: its hash no longer matches the signed one
    ("s3cr3t", "https://gw.example.org/sms/twilio", "https://gw.example.org/sms/twilio",
     '{"MessageSid":"SM9","Body":"1"}', sha256(b'{"MessageSid":"SM9","Body":"5"}').hexdigest()),
    # the hash in upper case: not what Twilio sends, refused by the validator
    ("s3cr3t", "https://gw.example.org/sms/twilio", "https://gw.example.org/sms/twilio",
     '{"MessageSid":"SM9"}', sha256(b'{"MessageSid":"SM9"}').hexdigest().upper()),
    # signed for another URL
    ("s3cr3t", "https://gw.example.org/sms/other", "https://gw.example.org/sms/twilio",
     '{"MessageSid":"SM9"}', None),
]
for token, signed, checked, body, claimed in JSON_CASES:
    v = RequestValidator(token)
    h = claimed if claimed is not None else sha256(body.encode("utf-8")).hexdigest()
    sig = v.compute_signature(with_hash(signed, h), {})
    ok = v.validate(with_hash(checked, h), body, sig)
    print("    {%s, %s, %s, %s, %s, %d}," % (c_str(token), c_str(checked), c_str(body), c_str(h),
                                           c_str(sig), 1 if ok else 0))
