/* SPDX-License-Identifier: Apache-2.0 */
/* test_twilio_sig.c: X-Twilio-Signature, form decoding and Twilio's API
 * answers, all pure.
 *
 * The signature values were computed with Debian's python3-twilio
 * (RequestValidator) by tests/tools/twilio_sig_ref.py; the integration
 * test test_twilio also signs live with it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "twilio/twilio_api.h"
#include "twilio/twilio_sig.h"
#include "net/urlform.h"

struct sig_case {
    const char *token, *url, *form, *sig;
};

/* /usr/bin/python3 tests/tools/twilio_sig_ref.py (first table) */
static const struct sig_case sig_cases[] = {
    {"12345", "https://mycompany.com/myapp.php?foo=1&bar=2", "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212", "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
    {"tok", "http://127.0.0.1/empty", "", "Q3jxp8c58uHCpT3dYjGUdiUzKzE="},
    {"s3cr3t", "https://gw.example.org/sms/twilio", "MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B15551234567&To=%2B15557654321&Body=7+feeling+ok&NumMedia=0", "7eBe0xTnWb9AgkS4/Glr5WWT8SM="},
    {"s3cr3t", "https://gw.example.org:8443/sms/twilio?x=1&y=two%20words", "MessageSid=SM1&From=%2B15551234567&Body=", "bz2nGmUSU8uA+xTvhLxvybnDy0s="},
    {"s3cr3t", "http://127.0.0.1:8780/sms/twilio", "MessageSid=SM2&From=%2B15551234567&Body=Me+siento+mal+%C2%BFqu%C3%A9+hago%3F+%F0%9F%98%A2+5", "TJmiJSS/aQuqHSvkBNDdrgOog8U="},
    {"tok\xc3""\xa9""n", "https://example.com/a/b?q=%E2%9C%93", "a=1&B=2&_z=3&aa=&%C3%A9=accent", "jIpx8FNIaIsdv2Kxcre5ZhPlbG8="},
};

struct valid_case {
    const char *url, *form, *sig;
    int valid;
};

/* /usr/bin/python3 tests/tools/twilio_sig_ref.py (second table): the
 * signature made for one URL, checked against a configured URL. */
static const struct valid_case valid_cases[] = {
    {"https://gw.example.org/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "Ne5PIGfsxucmkvbt5LD/pQ2kBiM=", 1},
    {"https://gw.example.org:443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "Ne5PIGfsxucmkvbt5LD/pQ2kBiM=", 1},
    {"http://gw.example.org:80/sms/twilio?a=1", "MessageSid=SM3&From=%2B15551234567&Body=3", "Ne5PIGfsxucmkvbt5LD/pQ2kBiM=", 0},
    {"http://gw.example.org/sms/twilio?a=2", "MessageSid=SM3&From=%2B15551234567&Body=3", "Ne5PIGfsxucmkvbt5LD/pQ2kBiM=", 0},
    {"https://gw.example.org/sms/twilio/", "MessageSid=SM3&From=%2B15551234567&Body=3", "Ne5PIGfsxucmkvbt5LD/pQ2kBiM=", 0},
    {"https://gw.example.org:8443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "Ne5PIGfsxucmkvbt5LD/pQ2kBiM=", 1},
    {"https://gw.example.org/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "/y88UQdq3GNuoi4Ccs4r3qArMZA=", 1},
    {"https://gw.example.org:443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "/y88UQdq3GNuoi4Ccs4r3qArMZA=", 1},
    {"http://gw.example.org:80/sms/twilio?a=1", "MessageSid=SM3&From=%2B15551234567&Body=3", "/y88UQdq3GNuoi4Ccs4r3qArMZA=", 0},
    {"http://gw.example.org/sms/twilio?a=2", "MessageSid=SM3&From=%2B15551234567&Body=3", "/y88UQdq3GNuoi4Ccs4r3qArMZA=", 0},
    {"https://gw.example.org/sms/twilio/", "MessageSid=SM3&From=%2B15551234567&Body=3", "/y88UQdq3GNuoi4Ccs4r3qArMZA=", 0},
    {"https://gw.example.org:8443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "/y88UQdq3GNuoi4Ccs4r3qArMZA=", 0},
    {"https://gw.example.org/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "6Sj8szuyabGlTEMq93FHPyMHi+4=", 0},
    {"https://gw.example.org:443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "6Sj8szuyabGlTEMq93FHPyMHi+4=", 0},
    {"http://gw.example.org:80/sms/twilio?a=1", "MessageSid=SM3&From=%2B15551234567&Body=3", "6Sj8szuyabGlTEMq93FHPyMHi+4=", 1},
    {"http://gw.example.org/sms/twilio?a=2", "MessageSid=SM3&From=%2B15551234567&Body=3", "6Sj8szuyabGlTEMq93FHPyMHi+4=", 0},
    {"https://gw.example.org/sms/twilio/", "MessageSid=SM3&From=%2B15551234567&Body=3", "6Sj8szuyabGlTEMq93FHPyMHi+4=", 0},
    {"https://gw.example.org:8443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "6Sj8szuyabGlTEMq93FHPyMHi+4=", 0},
    {"https://gw.example.org/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "tdegzv3G/pi/8waz2UQ+EAnOfYg=", 0},
    {"https://gw.example.org:443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "tdegzv3G/pi/8waz2UQ+EAnOfYg=", 0},
    {"http://gw.example.org:80/sms/twilio?a=1", "MessageSid=SM3&From=%2B15551234567&Body=3", "tdegzv3G/pi/8waz2UQ+EAnOfYg=", 0},
    {"http://gw.example.org/sms/twilio?a=2", "MessageSid=SM3&From=%2B15551234567&Body=3", "tdegzv3G/pi/8waz2UQ+EAnOfYg=", 0},
    {"https://gw.example.org/sms/twilio/", "MessageSid=SM3&From=%2B15551234567&Body=3", "tdegzv3G/pi/8waz2UQ+EAnOfYg=", 0},
    {"https://gw.example.org:8443/sms/twilio", "MessageSid=SM3&From=%2B15551234567&Body=3", "tdegzv3G/pi/8waz2UQ+EAnOfYg=", 1},
};

struct json_case {
    const char *token, *url, *body, *body_hash, *sig;
    int valid;
};

/* /usr/bin/python3 tests/tools/twilio_sig_ref.py (third table): JSON
 * webhooks, RequestValidator.validate(url?bodySHA256=hash, body, sig). */
static const struct json_case json_cases[] = {
    {"s3cr3t", "https://gw.example.org/sms/twilio", "{\"MessageSid\":\"SM9\",\"From\":\"+15551234567\",\"Body\":\"5\"}", "c81c323c99311339c6a064a988ece102b5dbd8791875fde34d394db0416f5fc9", "iN/aivh9M5/3Hpx5NuHl8xYNsM4=", 1},
    {"s3cr3t", "https://gw.example.org/sms/twilio/status", "{\"MessageSid\":\"SM9\",\"MessageStatus\":\"delivered\",\"ErrorCode\":null}", "59b6a086d79fe912f15f346884de3d5ad6d4cd4f6ecbd5a6f384509648bb5a55", "I9k9nBX4gvdkkNEZPFt4uSJbeSU=", 1},
    {"tok\xc3""\xa9""n", "https://gw.example.org:8443/sms/twilio?x=1", "{\"Body\":\"Me siento mal \xc2""\xbf""qu\xc3""\xa9"" hago? \xf0""\x9f""\x98""\xa2"" 5\"}", "8a47f893fbdd7e54d6e3b3713ca8a32c2b99ca205969571c079fd887aedfaa01", "4BEfCBIpbe9QgzpW8zywrvZ1KmU=", 1},
    {"s3cr3t", "https://gw.example.org:443/sms/twilio", "{\"MessageSid\":\"SM9\"}", "50c7e9e9141b1e349be813e1fb0ccfc1032a6b4a4fddcd18e19dd743e50035dd", "Nntn7My0XLXx6qeIPyNpeia4CKY=", 1},
    {"s3cr3t", "https://gw.example.org/sms/twilio", "{\"MessageSid\":\"SM9\"}", "50c7e9e9141b1e349be813e1fb0ccfc1032a6b4a4fddcd18e19dd743e50035dd", "R+vQmCAcRHkHLCfELNT55z8PoTQ=", 1},
    {"s3cr3t", "https://gw.example.org/sms/twilio", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "4ppnc7dJ+eBIUTT/AHIp7NkxVwA=", 1},
    {"s3cr3t", "https://gw.example.org/sms/twilio", "{\"MessageSid\":\"SM9\",\"Body\":\"1\"}", "fe4fb07de6d941a51c45f3f43ec877bfd9f2754f671892b3c480d16cf0856eb9", "bI4NsmmUzbu8xKDhEgykO1m/H/0=", 0},
    {"s3cr3t", "https://gw.example.org/sms/twilio", "{\"MessageSid\":\"SM9\"}", "50C7E9E9141B1E349BE813E1FB0CCFC1032A6B4A4FDDCD18E19DD743E50035DD", "nws/MlQyKbKnGhgHJQOQAn/u/1c=", 0},
    {"s3cr3t", "https://gw.example.org/sms/twilio", "{\"MessageSid\":\"SM9\"}", "50c7e9e9141b1e349be813e1fb0ccfc1032a6b4a4fddcd18e19dd743e50035dd", "wTczGYlcRgl3I0pfaV1qL/hcP2Q=", 0},
};

static void test_json_webhook_like_python_twilio(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof json_cases / sizeof *json_cases; i++) {
        const struct json_case *c = &json_cases[i];
        bool v = twilio_sig_valid_json(c->token, c->url, c->body, strlen(c->body), c->body_hash,
                                       c->sig);
        if ((int)v != c->valid)
            fail_msg("json case %zu (%s): expected %d", i, c->url, c->valid);
    }
    /* The signature alone is not enough: the body must match its hash. */
    const struct json_case *c = &json_cases[0];
    assert_false(twilio_sig_valid_json(c->token, c->url, "{}", 2, c->body_hash, c->sig));
    assert_false(twilio_sig_valid_json(c->token, c->url, c->body, strlen(c->body), c->body_hash,
                                       NULL));
    assert_false(twilio_sig_valid_json("other", c->url, c->body, strlen(c->body), c->body_hash,
                                       c->sig));
    assert_false(twilio_sig_valid_json(c->token, c->url, c->body, strlen(c->body), NULL, c->sig));
}

/* A JSON webhook's members as the fields a form would carry. */
static void test_json_fields(void **state)
{
    (void)state;
    const char *body = "{\"MessageSid\":\"SM9\",\"Body\":\"a\\u0000b\",\"NumMedia\":0,"
                       "\"Price\":-0.5,\"Flag\":true,\"ErrorCode\":null}";
    struct urlform f;
    assert_int_equal(twilio_json_fields(body, strlen(body), 64, &f), 0);
    assert_int_equal(f.n, 5); /* null is left out */
    assert_string_equal(urlform_get(&f, "MessageSid"), "SM9");
    assert_string_equal(urlform_get(&f, "NumMedia"), "0");
    assert_string_equal(urlform_get(&f, "Price"), "-0.5");
    assert_string_equal(urlform_get(&f, "Flag"), "true");
    assert_null(urlform_get(&f, "ErrorCode"));
    struct twilio_inbound in;
    char why[64];
    urlform_free(&f);
    const char *msg = "{\"MessageSid\":\"SM9\",\"From\":\"+15551234567\",\"Body\":\"a\\u0000b\"}";
    assert_int_equal(twilio_json_fields(msg, strlen(msg), 64, &f), 0);
    assert_int_equal(twilio_inbound_parse(&f, &in, why, sizeof why), 0);
    assert_int_equal(in.body_len, 3); /* the NUL is kept */
    urlform_free(&f);
    const char *bad[] = {"", "[]", "\"x\"", "{\"a\":{\"b\":1}}", "{\"a\":[1]}", "{\"a\":1",
                         "{\"a\":1,\"b\":2,\"c\":3}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(twilio_json_fields(bad[i], strlen(bad[i]), 2, &f), -1);
        assert_int_equal(f.n, 0);
    }
}

static void test_signature_matches_python_twilio(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sig_cases / sizeof *sig_cases; i++) {
        const struct sig_case *c = &sig_cases[i];
        struct urlform f;
        char sig[TWILIO_SIG_LEN];
        assert_int_equal(urlform_parse(c->form, strlen(c->form), 64, &f), 0);
        urlform_sort(&f);
        assert_int_equal(twilio_sig_compute(c->token, c->url, &f, sig), 0);
        if (strcmp(sig, c->sig) != 0)
            fail_msg("case %zu (%s): got %s, python3-twilio %s", i, c->url, sig, c->sig);
        assert_true(twilio_sig_valid(c->token, c->url, &f, c->sig));
        /* One changed byte anywhere fails. */
        char bad[TWILIO_SIG_LEN];
        memcpy(bad, c->sig, sizeof bad);
        bad[3] = bad[3] == 'A' ? 'B' : 'A';
        assert_false(twilio_sig_valid(c->token, c->url, &f, bad));
        assert_false(twilio_sig_valid("other", c->url, &f, c->sig));
        assert_false(twilio_sig_valid(c->token, c->url, &f, NULL));
        assert_false(twilio_sig_valid(c->token, c->url, &f, ""));
        urlform_free(&f);
    }
}

static void test_validate_port_variants_like_python_twilio(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof valid_cases / sizeof *valid_cases; i++) {
        const struct valid_case *c = &valid_cases[i];
        struct urlform f;
        assert_int_equal(urlform_parse(c->form, strlen(c->form), 64, &f), 0);
        urlform_sort(&f);
        if ((int)twilio_sig_valid("s3cr3t", c->url, &f, c->sig) != c->valid)
            fail_msg("case %zu: %s with %s: expected %d", i, c->url, c->sig, c->valid);
        urlform_free(&f);
    }
}

static void test_tampered_params_fail(void **state)
{
    (void)state;
    const struct sig_case *c = &sig_cases[2];
    const char *tampered[] = {
        "MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B15551234567&To=%2B15557654321"
        "&Body=1+feeling+ok&NumMedia=0",
        "MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B15551234567&To=%2B15557654321"
        "&Body=7+feeling+ok&NumMedia=0&Extra=1",
        "MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B15551234567&To=%2B15557654321"
        "&Body=7+feeling+ok",
    };
    for (size_t i = 0; i < 3; i++) {
        struct urlform f;
        assert_int_equal(urlform_parse(tampered[i], strlen(tampered[i]), 64, &f), 0);
        urlform_sort(&f);
        assert_false(twilio_sig_valid(c->token, c->url, &f, c->sig));
        urlform_free(&f);
    }
    /* Field order on the wire does not matter: the signature sorts. */
    const char *reordered = "NumMedia=0&Body=7+feeling+ok&To=%2B15557654321&From=%2B15551234567"
                            "&MessageSid=SM0123456789abcdef0123456789abcdef";
    struct urlform f;
    assert_int_equal(urlform_parse(reordered, strlen(reordered), 64, &f), 0);
    urlform_sort(&f);
    assert_true(twilio_sig_valid(c->token, c->url, &f, c->sig));
    urlform_free(&f);
}

static void test_url_variants(void **state)
{
    (void)state;
    char a[128], b[128];
    assert_int_equal(twilio_url_variants("https://h.org/p?q=1", a, b, sizeof a), 0);
    assert_string_equal(a, "https://h.org/p?q=1");
    assert_string_equal(b, "https://h.org:443/p?q=1");
    assert_int_equal(twilio_url_variants("http://h.org:8080", a, b, sizeof a), 0);
    assert_string_equal(a, "http://h.org");
    assert_string_equal(b, "http://h.org:8080");
    assert_int_equal(twilio_url_variants("http://u:p@h.org/x", a, b, sizeof a), 0);
    assert_string_equal(a, "http://u:p@h.org/x");
    assert_string_equal(b, "http://u:p@h.org:80/x");
    assert_int_equal(twilio_url_variants("no-scheme", a, b, sizeof a), -1);
    assert_int_equal(twilio_url_variants("https://long.example.org/path", a, b, 10), -1);
}

static void test_urlform_decode(void **state)
{
    (void)state;
    const char *body = "a=1&&b=x+y%20z&c&d=%zz%4&e=%00n&a=2&=v";
    struct urlform f;
    assert_int_equal(urlform_parse(body, strlen(body), 64, &f), 0);
    assert_int_equal(f.n, 7);
    assert_string_equal(urlform_get(&f, "a"), "1");
    assert_string_equal(urlform_get(&f, "b"), "x y z");
    assert_string_equal(urlform_get(&f, "c"), "");
    assert_string_equal(urlform_get(&f, "d"), "%zz%4"); /* bad escapes kept */
    assert_int_equal(f.v[4].value_len, 2);             /* a NUL inside counts */
    assert_memory_equal(f.v[4].value, "\0n", 2);
    assert_string_equal(urlform_get(&f, ""), "v");
    assert_null(urlform_get(&f, "zz"));
    urlform_sort(&f);
    assert_string_equal(f.v[0].name, "");
    assert_string_equal(f.v[1].value, "1");
    assert_string_equal(f.v[2].value, "2");
    urlform_free(&f);
    urlform_free(&f); /* twice is harmless */
    /* Too many pairs: refused, nothing kept. */
    assert_int_equal(urlform_parse("a=1&b=2&c=3", 11, 2, &f), -1);
    assert_int_equal(f.n, 0);
    assert_int_equal(urlform_parse("", 0, 2, &f), 0);
    assert_int_equal(f.n, 0);
    urlform_free(&f);
}

static void test_urlform_encode(void **state)
{
    (void)state;
    char buf[128];
    size_t off = 0;
    assert_int_equal(urlform_append(buf, sizeof buf, &off, "To", "+1 555"), 0);
    assert_int_equal(urlform_append(buf, sizeof buf, &off, "Body", "¿qué? a&b=c~"), 0);
    assert_string_equal(buf, "To=%2B1%20555&Body=%C2%BFqu%C3%A9%3F%20a%26b%3Dc~");
    /* Round trip. */
    struct urlform f;
    assert_int_equal(urlform_parse(buf, off, 8, &f), 0);
    assert_string_equal(urlform_get(&f, "Body"), "¿qué? a&b=c~");
    urlform_free(&f);
    char small[12];
    off = 0;
    assert_int_equal(urlform_append(small, sizeof small, &off, "To", "+1"), 0);
    assert_int_equal(urlform_append(small, sizeof small, &off, "Body", "long text"), -1);
    assert_string_equal(small, "To=%2B1"); /* left as it was */
    assert_int_equal(urlform_escape(small, sizeof small, "+15551234567"), -1);
    assert_int_equal(urlform_escape(small, sizeof small, "+1555"), 0);
    assert_string_equal(small, "%2B1555");
}

static void test_send_classify(void **state)
{
    (void)state;
    struct twilio_send_result r;
    const char *ok = "{\"sid\":\"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"queued\"}";
    twilio_send_classify(201, ok, strlen(ok), NULL, &r);
    assert_int_equal(r.status, SEND_OK);
    assert_string_equal(r.sid, "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

    const char *bad_to = "{\"code\":21211,\"message\":\"The 'To' number +1555 is not a valid "
                         "phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                         "21211\",\"status\":400}";
    twilio_send_classify(400, bad_to, strlen(bad_to), NULL, &r);
    assert_int_equal(r.status, SEND_FAILED);
    assert_int_equal(r.code, 21211);
    assert_null(strstr(r.error, "+1555")); /* Twilio's text quotes the number: not kept */
    assert_non_null(strstr(r.error, "21211"));

    const char *unsub = "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed "
                        "recipient\",\"status\":400}";
    twilio_send_classify(400, unsub, strlen(unsub), NULL, &r);
    assert_int_equal(r.status, SEND_OPTED_OUT);

    const char *busy = "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}";
    twilio_send_classify(429, busy, strlen(busy), NULL, &r);
    assert_int_equal(r.status, SEND_RETRY);
    assert_false(r.provider_problem);
    twilio_send_classify(500, "oops", 4, NULL, &r);
    assert_int_equal(r.status, SEND_RETRY);
    twilio_send_classify(503, "", 0, NULL, &r);
    assert_int_equal(r.status, SEND_RETRY);
    twilio_send_classify(0, NULL, 0, "Couldn't connect to server", &r);
    assert_int_equal(r.status, SEND_RETRY);
    assert_non_null(strstr(r.error, "Couldn't connect"));
    const char *auth = "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}";
    twilio_send_classify(401, auth, strlen(auth), NULL, &r);
    assert_int_equal(r.status, SEND_RETRY);
    assert_true(r.provider_problem);
    twilio_send_classify(404, "", 0, NULL, &r);
    assert_true(r.provider_problem);
    /* 4xx with a body that is not JSON: still permanent. */
    twilio_send_classify(400, "<html>", 6, NULL, &r);
    assert_int_equal(r.status, SEND_FAILED);
    assert_int_equal(r.code, 0);
    /* Accepted without a readable sid: sent (never re-sent), no id. */
    twilio_send_classify(201, "{}", 2, NULL, &r);
    assert_int_equal(r.status, SEND_OK);
    assert_string_equal(r.sid, "");
}

static void test_status_words(void **state)
{
    (void)state;
    enum dlr_state s;
    assert_int_equal(twilio_status_to_dlr("sent", &s), 1);
    assert_int_equal(s, DLR_SENT);
    assert_int_equal(twilio_status_to_dlr("delivered", &s), 1);
    assert_int_equal(s, DLR_DELIVERED);
    assert_int_equal(twilio_status_to_dlr("undelivered", &s), 1);
    assert_int_equal(s, DLR_FAILED);
    assert_int_equal(twilio_status_to_dlr("failed", &s), 1);
    assert_int_equal(s, DLR_FAILED);
    assert_int_equal(twilio_status_to_dlr("queued", &s), 0);
    assert_int_equal(twilio_status_to_dlr("sending", &s), 0);
    assert_int_equal(twilio_status_to_dlr("accepted", &s), 0);
    assert_int_equal(twilio_status_to_dlr("bogus", &s), -1);
    assert_int_equal(twilio_status_to_dlr(NULL, &s), -1);
}

static void test_inbound_parse(void **state)
{
    (void)state;
    const char *body = "ToCountry=US&SmsSid=SM9&NumMedia=0&Body=I+feel+5&From=%2B15551234567"
                       "&To=%2B15557654321&MessageSid=SM9&AccountSid=AC1";
    struct urlform f;
    struct twilio_inbound in;
    char why[64];
    assert_int_equal(urlform_parse(body, strlen(body), 64, &f), 0);
    assert_int_equal(twilio_inbound_parse(&f, &in, why, sizeof why), 0);
    assert_string_equal(in.sid, "SM9");
    assert_string_equal(in.from, "+15551234567");
    assert_string_equal(in.to, "+15557654321");
    assert_string_equal(in.body, "I feel 5");
    assert_int_equal(in.body_len, 8);
    assert_string_equal(in.account_sid, "AC1");
    urlform_free(&f);
    assert_int_equal(urlform_parse("From=%2B1", 9, 64, &f), 0);
    assert_int_equal(twilio_inbound_parse(&f, &in, why, sizeof why), -1);
    assert_string_equal(why, "no MessageSid");
    urlform_free(&f);
    assert_int_equal(urlform_parse("MessageSid=SM1", 14, 64, &f), 0);
    assert_int_equal(twilio_inbound_parse(&f, &in, why, sizeof why), -1);
    assert_string_equal(why, "no From");
    urlform_free(&f);
    /* A picture without text: an empty body, still a message. */
    assert_int_equal(urlform_parse("MessageSid=SM2&From=%2B1555&NumMedia=1", 38, 64, &f), 0);
    assert_int_equal(twilio_inbound_parse(&f, &in, why, sizeof why), 0);
    assert_string_equal(in.body, "");
    urlform_free(&f);
}

static void test_date_parse(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(twilio_date_parse("Fri, 24 May 2019 17:44:50 +0000", &t), 0);
    assert_int_equal(t, 1558719890);
    assert_int_equal(twilio_date_parse("Fri, 24 May 2019 19:44:50 +0200", &t), 0);
    assert_int_equal(t, 1558719890);
    assert_int_equal(twilio_date_parse("Thu, 01 Jan 1970 00:00:00 +0000", &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(twilio_date_parse("2019-05-24T17:44:50Z", &t), -1);
    assert_int_equal(twilio_date_parse("Fri, 24 Foo 2019 17:44:50 +0000", &t), -1);
    assert_int_equal(twilio_date_parse("Fri, 24 ayJ 2019 17:44:50 +0000", &t), -1);
    assert_int_equal(twilio_date_parse(NULL, &t), -1);
    assert_int_equal(twilio_date_parse("", &t), -1);
}

struct seen {
    int n;
    char sids[4][40];
    int64_t dates[4];
};

static int seen_cb(void *arg, const struct twilio_listed *m)
{
    struct seen *s = arg;
    if (s->n < 4) {
        snprintf(s->sids[s->n], sizeof s->sids[0], "%s", m->sid);
        s->dates[s->n] = m->date_sent;
    }
    s->n++;
    return 0;
}

static void test_list_parse(void **state)
{
    (void)state;
    const char *page =
        "{\"messages\":[{\"sid\":\"SM2\",\"direction\":\"inbound\",\"from\":\"+15551234567\","
        "\"to\":\"+15557654321\",\"body\":\"4\",\"status\":\"received\","
        "\"date_sent\":\"Fri, 24 May 2019 17:44:50 +0000\"},"
        "{\"direction\":\"inbound\"},{\"sid\":\"SM1\",\"direction\":\"outbound-api\","
        "\"date_sent\":null,\"date_created\":\"Fri, 24 May 2019 17:00:00 +0000\"}, 7],"
        "\"next_page_uri\":\"/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA1\"}";
    struct seen s = {0};
    char next[128], why[128];
    assert_int_equal(twilio_list_parse(page, strlen(page), seen_cb, &s, next, sizeof next, why,
                                       sizeof why), 0);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.sids[0], "SM2");
    assert_int_equal(s.dates[0], 1558719890);
    assert_string_equal(s.sids[1], "SM1");
    assert_int_equal(s.dates[1], 1558717200);
    assert_string_equal(next, "/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA1");
    const char *last = "{\"messages\":[],\"next_page_uri\":null}";
    assert_int_equal(twilio_list_parse(last, strlen(last), seen_cb, &s, next, sizeof next, why,
                                       sizeof why), 0);
    assert_string_equal(next, "");
    assert_int_equal(twilio_list_parse("{\"code\":20003}", 14, seen_cb, &s, next, sizeof next,
                                       why, sizeof why), -1);
    assert_int_equal(twilio_list_parse("nope", 4, seen_cb, &s, next, sizeof next, why,
                                       sizeof why), -1);
    assert_true(strlen(why) > 0);
}

static void test_sid_valid(void **state)
{
    (void)state;
    assert_true(twilio_sid_valid("AC0123456789abcdef0123456789ABCDEF", "AC"));
    assert_false(twilio_sid_valid("AC0123456789abcdef0123456789ABCDE", "AC"));
    assert_false(twilio_sid_valid("MG0123456789abcdef0123456789ABCDEF", "AC"));
    assert_false(twilio_sid_valid("AC0123456789abcdef0123456789ABCDEG", "AC"));
    assert_false(twilio_sid_valid(NULL, "AC"));
}

int main(void)
{
    log_set_level(LL_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signature_matches_python_twilio),
        cmocka_unit_test(test_json_webhook_like_python_twilio),
        cmocka_unit_test(test_json_fields),
        cmocka_unit_test(test_validate_port_variants_like_python_twilio),
        cmocka_unit_test(test_tampered_params_fail),
        cmocka_unit_test(test_url_variants),
        cmocka_unit_test(test_urlform_decode),
        cmocka_unit_test(test_urlform_encode),
        cmocka_unit_test(test_send_classify),
        cmocka_unit_test(test_status_words),
        cmocka_unit_test(test_inbound_parse),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_list_parse),
        cmocka_unit_test(test_sid_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
