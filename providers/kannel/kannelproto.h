/* SPDX-License-Identifier: Apache-2.0 */
/* kannelproto.h: pure helpers for the kannel provider (providers/kannel/kannel.c):
 * building the sendsms request and the dlr-url, reading sendsms answers,
 * and parsing what smsbox sends us (an sms-service get-url / post-url for a
 * received message, a dlr-url for a delivery report). No I/O, no clock, so
 * everything here is unit-tested and fuzzed (tests/fuzz/fuzz_kannel.c).
 *
 * Kannel's side, as its user guide describes it:
 *   sendsms  GET /cgi-bin/sendsms?username=&password=&to=&text=&from=
 *            &charset=UTF-8&coding=0|2&dlr-mask=&dlr-url=[&smsc=]
 *            answers 202 "0: Accepted for delivery", 403 "Authorization
 *            failed for sendsms", 400 "Missing receiver number, rejected"...
 *   dlr-url  smsbox substitutes %d (the report type: 1 delivered, 2 failed
 *            at the phone, 4 buffered, 8 accepted by the SMSC, 16 rejected by
 *            the SMSC) and %A (the SMSC's answer) and requests the URL.
 *   get-url  substitutes %I (Kannel's message id, a UUID), %p (sender),
 *            %P (receiver), %a (the whole text), %T (unix time), %c (coding:
 *            0 7-bit, 1 8-bit, 2 UCS-2), %C (charset).
 * smsbox treats any answer but 200 and 202 as a failure, and with
 * http-request-retry set it tries again: that is how "not committed"
 * (503) becomes "offered again". */
#ifndef GW_KANNELPROTO_H
#define GW_KANNELPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/phone.h"
#include "provider.h"

#define KANNEL_SECRET_MIN 16
#define KANNEL_SECRET_MAX 128
#define KANNEL_ERR_MAX    200

/* True if s can be the shared secret: KANNEL_SECRET_MIN to
 * KANNEL_SECRET_MAX characters of A-Z a-z 0-9 - _ . ~ (they stand in a URL
 * as they are, and smsbox's % escapes cannot touch them). */
bool kannel_secret_valid(const char *s);

/* Compares a secret given in a request with ours in constant time (for
 * equal lengths). given may be NULL (false). */
bool kannel_secret_equal(const char *given, const char *want);

/* One sendsms request. Every string is borrowed; from and smsc may be NULL
 * or "". */
struct kannel_send {
    const char *sendsms_url;   /* "http://127.0.0.1:13013/cgi-bin/sendsms" */
    const char *username, *password;
    const char *from, *smsc;
    const char *to;            /* E.164 */
    const char *text;          /* UTF-8 */
    bool ucs2;                 /* coding=2: the text needs UCS-2 */
    int dlr_mask;              /* 0 = no reports */
    const char *dlr_url;       /* with Kannel's escapes, not yet URL-encoded */
};

/* The whole GET URL, every value percent-encoded. Returns a malloc'd string
 * (the caller frees it) or NULL out of memory. */
char *kannel_sendsms_url(const struct kannel_send *s);

/* Our dlr-url: "<base>?secret=<secret>&msg=<msg_id>&type=%d&answer=%A"
 * (base may already hold a query; then '&' joins). msg_id and secret must
 * be URL-safe (digits, letters, - _ . ~). Returns a malloc'd string or NULL
 * (out of memory, or an unsafe msg_id). */
char *kannel_dlr_url(const char *base, const char *secret, const char *msg_id);

/* What a sendsms answer means for the message. */
enum kannel_send_verdict {
    KANNEL_SENT,        /* 200/202: queued by Kannel */
    KANNEL_RETRY,       /* 5xx, 429, or no answer: try again / elsewhere */
    KANNEL_AUTH,        /* 401/403 "Authorization failed": our config is
                         * wrong, not the message; retried and reported */
    KANNEL_REJECTED,    /* any other 4xx: this message cannot be sent */
};
enum kannel_send_verdict kannel_send_verdict(int http_status, const char *body);

/* The report type (%d) as we record it. Returns 0 with *state filled, 1 for
 * a type that changes nothing (4: buffered at the SMSC), -1 if type is not
 * a number Kannel sends. Types combine bits only in the mask, never here. */
int kannel_dlr_type(const char *type, enum dlr_state *state);

/* The arguments of an inbound request, as the HTTP layer decoded them
 * (query or form fields; NULL when absent). text_len counts the text's
 * bytes: with coding 2 and no mo-recode, %a is raw UTF-16BE and holds NUL
 * bytes. */
struct kannel_mo_args {
    const char *id;       /* %I */
    const char *from;     /* %p */
    const char *to;       /* %P */
    const char *text;     /* %a, or the body of a post-url request */
    size_t text_len;
    const char *coding;   /* %c */
    const char *charset;  /* %C */
    const char *time;     /* %T */
};

/* A parsed inbound message; text points into the caller's buffer. */
struct kannel_mo {
    char ext_id[80];
    char from[PHONE_MAX];
    char to[PHONE_MAX];   /* "" when absent or not E.164 (a short code) */
    int64_t received_at;  /* 0 when absent */
    const char *text;     /* UTF-8 */
    size_t text_len;
};

/* The worst-case UTF-8 size of a text of n bytes (a Windows-1252 byte can
 * become 3). */
static inline size_t kannel_utf8_max(size_t n) { return 3 * n; }

/* Validates and converts a, writing the UTF-8 text into buf (bufsz bytes,
 * at least kannel_utf8_max(a->text_len) + 1; NUL-terminated). Returns 0,
 * or -1 with a reason in err: no id or an id with bytes outside printable
 * ASCII or too long, a sender that is not a phone number, an unknown
 * charset, an odd-length UCS-2 text. A missing text is an empty message. */
int kannel_parse_mo(const struct kannel_mo_args *a, char *buf, size_t bufsz,
                    struct kannel_mo *out, char *err, size_t errlen);

#endif
