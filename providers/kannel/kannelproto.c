/* SPDX-License-Identifier: Apache-2.0 */
/* kannelproto.c: pure helpers for the kannel provider; see kannelproto.h.
 * Percent-encoding is libcurl's (curl_easy_escape needs no handle). */
#include "kannel/kannelproto.h"
#include "base/errbuf.h"

#include "base/gsm7.h"
#include "base/textconv.h"
#include "base/utf8.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool url_safe_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == '~';
}

static bool url_safe(const char *s)
{
    if (s == NULL || *s == '\0')
        return false;
    for (; *s; s++)
        if (!url_safe_char(*s))
            return false;
    return true;
}

bool kannel_secret_valid(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    return n >= KANNEL_SECRET_MIN && n <= KANNEL_SECRET_MAX && url_safe(s);
}

bool kannel_secret_equal(const char *given, const char *want)
{
    size_t n, m;
    unsigned char d = 0;

    if (given == NULL || want == NULL)
        return false;
    n = strlen(given);
    m = strlen(want);
    /* Every byte of ours is looked at, whatever was given. */
    for (size_t i = 0; i < m; i++)
        d |= (unsigned char)want[i] ^ (unsigned char)(i < n ? given[i] : 0);
    return d == 0 && n == m;
}

/* A growing string. */
struct sbuf {
    char *s;
    size_t len, cap;
    bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (ns == NULL) {
            b->oom = true;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

/* "&name=<value percent-encoded>" ('?' instead of '&' for the first). */
static void sb_param(struct sbuf *b, const char *name, const char *value)
{
    char *e;

    if (value == NULL)
        return;
    sb_str(b, strchr(b->s ? b->s : "", '?') ? "&" : "?");
    sb_str(b, name);
    sb_str(b, "=");
    e = curl_easy_escape(NULL, value, (int)strlen(value));
    if (e == NULL) {
        b->oom = true;
        return;
    }
    sb_str(b, e);
    curl_free(e);
}

static char *sb_done(struct sbuf *b)
{
    if (b->oom) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

char *kannel_sendsms_url(const struct kannel_send *s)
{
    struct sbuf b = {0};
    char num[16];

    sb_str(&b, s->sendsms_url);
    sb_param(&b, "username", s->username);
    sb_param(&b, "password", s->password);
    if (s->from != NULL && *s->from)
        sb_param(&b, "from", s->from);
    sb_param(&b, "to", s->to);
    sb_param(&b, "text", s->text);
    /* Our text is UTF-8; Kannel converts it to the GSM alphabet (coding 0)
     * or to UCS-2 (coding 2) for the SMSC. */
    sb_param(&b, "charset", "UTF-8");
    sb_param(&b, "coding", s->ucs2 ? "2" : "0");
    if (s->smsc != NULL && *s->smsc)
        sb_param(&b, "smsc", s->smsc);
    if (s->dlr_mask > 0 && s->dlr_url != NULL) {
        snprintf(num, sizeof num, "%d", s->dlr_mask);
        sb_param(&b, "dlr-mask", num);
        sb_param(&b, "dlr-url", s->dlr_url);
    }
    return sb_done(&b);
}

char *kannel_dlr_url(const char *base, const char *secret, const char *msg_id)
{
    struct sbuf b = {0};

    if (!url_safe(msg_id) || !url_safe(secret))
        return NULL;
    sb_str(&b, base);
    sb_str(&b, strchr(base, '?') ? "&" : "?");
    sb_str(&b, "secret=");
    sb_str(&b, secret);
    sb_str(&b, "&msg=");
    sb_str(&b, msg_id);
    /* smsbox replaces these when it calls us back. */
    sb_str(&b, "&type=%d&answer=%A");
    return sb_done(&b);
}

enum kannel_send_verdict kannel_send_verdict(int status, const char *body)
{
    if (status == 200 || status == 202)
        return KANNEL_SENT;
    if (status == 401 || status == 403) {
        /* 403 is also Kannel's answer for a number on its black list or off
         * its white list: that one is about the message. */
        if (body != NULL && strstr(body, "Authorization failed") != NULL)
            return KANNEL_AUTH;
        return status == 401 ? KANNEL_AUTH : KANNEL_REJECTED;
    }
    if (status == 408 || status == 429 || status >= 500 || status < 200)
        return KANNEL_RETRY;
    if (status >= 400)
        return KANNEL_REJECTED;
    return KANNEL_RETRY; /* 1xx/3xx: not an answer we understand */
}

int kannel_dlr_type(const char *type, enum dlr_state *state)
{
    char *end;
    long t;

    if (type == NULL || *type < '0' || *type > '9')
        return -1;
    errno = 0;
    t = strtol(type, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    switch (t) {
    case 1: *state = DLR_DELIVERED; return 0;  /* delivered to the phone */
    case 2: *state = DLR_FAILED; return 0;     /* the phone never got it */
    case 8: *state = DLR_SENT; return 0;       /* accepted by the SMSC */
    case 16: *state = DLR_FAILED; return 0;    /* rejected by the SMSC */
    case 4: return 1;                          /* buffered: still on its way */
    default: return -1;
    }
}

/* ---- inbound ----------------------------------------------------------- */

/* Windows-1252 0x80-0x9F (0 where it has none: kept as the C1 control). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

enum cs { CS_UTF8, CS_UTF16BE, CS_LATIN1, CS_CP1252 };

static int charset_of(const char *cs, enum cs *out)
{
    static const struct {
        const char *name;
        enum cs cs;
    } names[] = {
        {"UTF-8", CS_UTF8},         {"UTF8", CS_UTF8},          {"UTF-16BE", CS_UTF16BE},
        {"UTF-16", CS_UTF16BE},     {"UCS-2", CS_UTF16BE},      {"UCS-2BE", CS_UTF16BE},
        {"UCS2", CS_UTF16BE},       {"ISO-8859-1", CS_LATIN1},  {"ISO8859-1", CS_LATIN1},
        {"LATIN1", CS_LATIN1},      {"WINDOWS-1252", CS_CP1252}, {"CP1252", CS_CP1252},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(cs, names[i].name) == 0) {
            *out = names[i].cs;
            return 0;
        }
    return -1;
}

int kannel_parse_mo(const struct kannel_mo_args *a, char *buf, size_t bufsz,
                    struct kannel_mo *out, char *err, size_t errlen)
{
    const unsigned char *t = (const unsigned char *)(a->text ? a->text : "");
    size_t n = a->text ? a->text_len : 0, pos = 0;
    enum cs cs = CS_UTF8;
    int coding = 0;

    memset(out, 0, sizeof *out);
    if (buf == NULL || bufsz < kannel_utf8_max(n) + 1) {
        errbuf_set(err, errlen, "no room for the text");
        return -1;
    }
    if (a->id == NULL || a->id[0] == '\0') {
        errbuf_set(err, errlen, "no message id (put id=%%I in the sms-service URL)");
        return -1;
    }
    if (strlen(a->id) >= sizeof out->ext_id) {
        errbuf_set(err, errlen, "message id longer than %zu bytes", sizeof out->ext_id - 1);
        return -1;
    }
    for (const char *p = a->id; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7F) {
            errbuf_set(err, errlen, "message id holds a byte outside printable ASCII");
            return -1;
        }
    if (a->from == NULL || strlen(a->from) >= 32 || phone_normalize(a->from, out->from) < 0) {
        errbuf_set(err, errlen, "sender is not an international phone number");
        return -1;
    }
    if (a->to != NULL && strlen(a->to) < 32 && phone_normalize(a->to, out->to) < 0)
        out->to[0] = '\0';
    if (a->time != NULL && *a->time) {
        char *end;
        errno = 0;
        long long v = strtoll(a->time, &end, 10);
        if (errno == 0 && *end == '\0' && v > 0)
            out->received_at = v;
    }
    if (a->coding != NULL && *a->coding) {
        if (strcmp(a->coding, "0") == 0 || strcmp(a->coding, "1") == 0 ||
            strcmp(a->coding, "2") == 0)
            coding = a->coding[0] - '0';
    }
    if (a->charset != NULL && *a->charset) {
        if (charset_of(a->charset, &cs) < 0) {
            errbuf_set(err, errlen, "unknown charset (%.40s)", a->charset);
            return -1;
        }
    } else if (coding == 2) {
        cs = CS_UTF16BE; /* smsbox without mo-recode passes UCS-2 as it came */
    } else if (!utf8_valid((const char *)t, n)) {
        cs = CS_CP1252;
    }
    snprintf(out->ext_id, sizeof out->ext_id, "%s", a->id);

    switch (cs) {
    case CS_UTF8:
        /* As given, invalid bytes too: nothing the person wrote is dropped. */
        memcpy(buf, t, n);
        pos = n;
        break;
    case CS_UTF16BE:
        if (n % 2 != 0) {
            errbuf_set(err, errlen, "UCS-2 text of odd length (%zu bytes)", n);
            return -1;
        }
        if (gsm7_ucs2_to_utf8(t, n, buf, bufsz, &pos) < 0)
            goto small;
        break;
    case CS_LATIN1:
    case CS_CP1252:
        for (size_t i = 0; i < n; i++) {
            uint32_t u = t[i];
            if (cs == CS_CP1252 && u >= 0x80 && u < 0xA0 && cp1252_hi[u - 0x80])
                u = cp1252_hi[u - 0x80];
            if (gsm7_put_utf8(u, buf, bufsz, &pos) < 0)
                goto small;
        }
        break;
    }
    buf[pos] = '\0';
    out->text = buf;
    out->text_len = pos;
    return 0;

small:
    errbuf_set(err, errlen, "no room for the text");
    return -1;
}
