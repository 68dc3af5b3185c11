/* SPDX-License-Identifier: Apache-2.0 */
/* spoolfile.c: pure parser and formatter for smstools3 spool files (see
 * spoolfile.h). No I/O, no clock, no allocation: everything works on the
 * caller's buffers, so it can be fuzzed directly.
 *
 * Parsing is deliberately strict where a mistake could misattribute or
 * truncate a message (a missing blank line, a header line without ':', a
 * sender that is not a plain international number): such a file is refused
 * with a reason and the provider moves it aside for a person to look at,
 * instead of guessing. Headers we do not use are ignored, as smsd does. */
#include "spool/spoolfile.h"
#include "base/errbuf.h"

#include "base/gsm7.h"
#include "base/hash.h"
#include "base/textconv.h"
#include "base/utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* True if the header name (n bytes) equals want, case-insensitively. smsd
 * itself is case-sensitive; being lenient on reading costs nothing. */
static bool name_is(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

/* smsd looks at the first three characters of the Alphabet value only. */
static enum spool_alphabet parse_alphabet(const char *v, size_t n)
{
    static const struct {
        const char *prefix;
        enum spool_alphabet a;
    } table[] = {
        {"utf", SPOOL_ALPHA_UTF8}, {"iso", SPOOL_ALPHA_ISO},     {"lat", SPOOL_ALPHA_ISO},
        {"ans", SPOOL_ALPHA_ISO},  {"gsm", SPOOL_ALPHA_GSM},     {"ucs", SPOOL_ALPHA_UCS2},
        {"uni", SPOOL_ALPHA_UCS2}, {"chi", SPOOL_ALPHA_UCS2},    {"bin", SPOOL_ALPHA_BINARY},
    };

    if (n < 3)
        return SPOOL_ALPHA_UNKNOWN;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strncasecmp(v, table[i].prefix, 3) == 0)
            return table[i].a;
    return SPOOL_ALPHA_UNKNOWN;
}

/* Reads exactly `digits` decimal digits at *p (bounded by end). */
static int read_num(const char **p, const char *end, int digits, int *out)
{
    int v = 0;

    if (end - *p < digits)
        return -1;
    for (int i = 0; i < digits; i++) {
        if (!is_digit((*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += digits;
    *out = v;
    return 0;
}

static int expect_char(const char **p, const char *end, char c)
{
    if (*p >= end || **p != c)
        return -1;
    (*p)++;
    return 0;
}

/* "YY-MM-DD HH:MM:SS" (smsd's default) or "YYYY-MM-DD HH:MM:SS" into tm
 * (local time, tm_isdst = -1 so mktime decides). Returns 0 or -1. */
static int parse_received(const char *v, size_t n, struct tm *tm)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *p = v, *end = v + n;
    int y, mo, d, h, mi, s, maxd;
    size_t ydigits = 0;

    while (ydigits < n && is_digit(v[ydigits]))
        ydigits++;
    if (ydigits != 2 && ydigits != 4)
        return -1;
    if (read_num(&p, end, (int)ydigits, &y) < 0 || expect_char(&p, end, '-') < 0 ||
        read_num(&p, end, 2, &mo) < 0 || expect_char(&p, end, '-') < 0 ||
        read_num(&p, end, 2, &d) < 0 || expect_char(&p, end, ' ') < 0 ||
        read_num(&p, end, 2, &h) < 0 || expect_char(&p, end, ':') < 0 ||
        read_num(&p, end, 2, &mi) < 0 || expect_char(&p, end, ':') < 0 ||
        read_num(&p, end, 2, &s) < 0 || p != end)
        return -1;
    if (ydigits == 2)
        y += 2000;
    if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 60)
        return -1;
    maxd = mdays[mo - 1];
    if (mo == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        maxd = 28;
    if (d < 1 || d > maxd)
        return -1;
    memset(tm, 0, sizeof *tm);
    tm->tm_year = y - 1900;
    tm->tm_mon = mo - 1;
    tm->tm_mday = d;
    tm->tm_hour = h;
    tm->tm_min = mi;
    tm->tm_sec = s;
    tm->tm_isdst = -1;
    return 0;
}

/* From: digits, optionally after a '+'. Returns 0 or -1. */
static int parse_from(const char *v, size_t n, char out[SPOOL_FROM_MAX])
{
    size_t i = 0, digits = 0;

    if (n >= SPOOL_FROM_MAX)
        return -1;
    if (n > 0 && v[0] == '+')
        i = 1;
    for (; i < n; i++, digits++)
        if (!is_digit(v[i]))
            return -1;
    if (digits == 0)
        return -1;
    memcpy(out, v, n);
    out[n] = '\0';
    return 0;
}

/* One "Name: value" line, both trimmed; pointers into the caller's buffer. */
struct hdr {
    const char *name, *v;
    size_t nlen, vlen;
};

/* Reads the next header line at *pos. Returns 1 with *h filled, 0 at the
 * blank line that ends the headers (*pos is then the first body byte), 2 at
 * the end of the buffer without a blank line (a status report's body ends
 * that way), or -1 with err filled. *line_no counts lines. */
static int next_header(const char *buf, size_t len, size_t *pos, int *line_no, struct hdr *h,
                       char *err, size_t errlen)
{
    const char *start, *nl, *line_end, *colon, *name_end, *v, *v_end;

    if (*pos >= len)
        return 2;
    start = buf + *pos;
    nl = memchr(start, '\n', len - *pos);
    (*line_no)++;
    line_end = nl != NULL ? nl : buf + len;
    if (line_end > start && line_end[-1] == '\r')
        line_end--;
    *pos = nl != NULL ? (size_t)(nl - buf) + 1 : len;
    if (line_end == start)
        return nl != NULL ? 0 : 2;
    if ((size_t)(line_end - start) > SPOOL_HEADER_MAX) {
        errbuf_set(err, errlen, "header line %d is longer than %d bytes", *line_no, SPOOL_HEADER_MAX);
        return -1;
    }
    if (memchr(start, '\0', (size_t)(line_end - start)) != NULL) {
        errbuf_set(err, errlen, "header line %d holds a NUL byte", *line_no);
        return -1;
    }
    colon = memchr(start, ':', (size_t)(line_end - start));
    if (colon == NULL) {
        errbuf_set(err, errlen, "header line %d has no ':' (text before the blank line?)", *line_no);
        return -1;
    }
    name_end = colon;
    while (name_end > start && is_blank(name_end[-1]))
        name_end--;
    if (name_end == start) {
        errbuf_set(err, errlen, "header line %d has no name before ':'", *line_no);
        return -1;
    }
    v = colon + 1;
    v_end = line_end;
    while (v < v_end && is_blank(*v))
        v++;
    while (v_end > v && is_blank(v_end[-1]))
        v_end--;
    h->name = start;
    h->nlen = (size_t)(name_end - start);
    h->v = v;
    h->vlen = (size_t)(v_end - v);
    return 1;
}

/* Copies a header value into out (outsz bytes), cut to fit; control bytes
 * become '?', so a value can go into a log line or an error text. */
static void copy_value(const struct hdr *h, char *out, size_t outsz)
{
    size_t n = h->vlen < outsz - 1 ? h->vlen : outsz - 1;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h->v[i];
        out[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    out[n] = '\0';
}

/* A decimal number of at most 9 digits, the whole value. Returns 0 or -1. */
static int parse_uint(const char *v, size_t n, int *out)
{
    int x = 0;

    if (n == 0 || n > 9)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(v[i]))
            return -1;
        x = x * 10 + (v[i] - '0');
    }
    *out = x;
    return 0;
}

/* UDH-DATA "05 00 03 A7 02 01": a concatenation element (IEI 00, 8-bit
 * reference, or 08, 16-bit) fills ref/total/seq. Returns 0 (also when the
 * UDH holds no such element), -1 if the hex dump is malformed. */
static int parse_udh(const char *v, size_t n, struct spool_in *out)
{
    unsigned char b[140];
    size_t nb = 0, i = 0;

    while (i < n) {
        if (is_blank(v[i])) {
            i++;
            continue;
        }
        if (i + 1 >= n || textconv_hexval(v[i]) < 0 || textconv_hexval(v[i + 1]) < 0 || nb == sizeof b)
            return -1;
        b[nb++] = (unsigned char)(textconv_hexval(v[i]) * 16 + textconv_hexval(v[i + 1]));
        i += 2;
    }
    if (nb == 0 || (size_t)b[0] + 1 > nb)
        return -1;
    for (size_t k = 1; k + 1 < (size_t)b[0] + 1;) {
        unsigned iei = b[k], ielen = b[k + 1];
        if (k + 2 + ielen > (size_t)b[0] + 1)
            return -1;
        if (iei == 0x00 && ielen == 3) {
            out->concat_ref = b[k + 2];
            out->concat_total = b[k + 3];
            out->concat_seq = b[k + 4];
        } else if (iei == 0x08 && ielen == 4) {
            out->concat_ref = b[k + 2] << 8 | b[k + 3];
            out->concat_total = b[k + 4];
            out->concat_seq = b[k + 5];
        }
        k += 2 + ielen;
    }
    return 0;
}

int spoolfile_parse(const char *buf, size_t len, struct spool_in *out, char *err,
                    size_t errlen)
{
    static const char status_prefix[] = "SMS STATUS REPORT";
    size_t pos = 0;
    int line_no = 0, r;
    bool have_from = false, have_error = false;
    int toa = -1;
    struct hdr h;

    memset(out, 0, sizeof *out);
    if (buf == NULL && len > 0) {
        errbuf_set(err, errlen, "no data");
        return -1;
    }

    while ((r = next_header(buf, len, &pos, &line_no, &h, err, errlen)) == 1) {
        if (name_is(h.name, h.nlen, "From")) {
            if (have_from) {
                errbuf_set(err, errlen, "more than one From header (line %d)", line_no);
                return -1;
            }
            have_from = true;
            if (parse_from(h.v, h.vlen, out->from) < 0) {
                errbuf_set(err, errlen,
                        "From (line %d) is not a phone number: digits with an optional '+'",
                        line_no);
                return -1;
            }
        } else if (name_is(h.name, h.nlen, "From_TOA")) {
            if (h.vlen >= 2 && textconv_hexval(h.v[0]) >= 0 && textconv_hexval(h.v[1]) >= 0)
                toa = textconv_hexval(h.v[0]) * 16 + textconv_hexval(h.v[1]);
        } else if (name_is(h.name, h.nlen, "Received")) {
            if (parse_received(h.v, h.vlen, &out->received) == 0) {
                out->has_received = true;
                out->received_bad = false;
            } else {
                out->has_received = false;
                out->received_bad = true;
            }
        } else if (name_is(h.name, h.nlen, "Alphabet")) {
            out->alphabet = parse_alphabet(h.v, h.vlen);
        } else if (name_is(h.name, h.nlen, "UDH-DATA")) {
            /* A malformed dump only loses the part numbering, not text. */
            if (parse_udh(h.v, h.vlen, out) < 0)
                out->concat_total = out->concat_seq = out->concat_ref = 0;
        } else if (name_is(h.name, h.nlen, "Incomplete")) {
            out->incomplete = h.vlen > 0 && strchr("yYtT1", h.v[0]) != NULL;
        } else if (name_is(h.name, h.nlen, "Error")) {
            have_error = true;
        }
    }
    if (r < 0)
        return -1;
    if (r == 2) {
        errbuf_set(err, errlen, "no blank line after the headers");
        return -1;
    }
    out->body = buf + pos;
    out->body_len = len - pos;
    out->is_status_report = out->body_len >= sizeof status_prefix - 1 &&
                            memcmp(out->body, status_prefix, sizeof status_prefix - 1) == 0;

    if (!have_from) {
        errbuf_set(err, errlen, "no From header");
        return -1;
    }
    /* Type of number, bits 6..4 of the TOA octet: 0 unknown and 1
     * international are taken as international (smsd's own convention);
     * anything else (national, subscriber, alphanumeric...) lacks a country
     * code, and guessing one could attribute the reply to someone else. */
    if (toa >= 0) {
        int ton = (toa >> 4) & 7;
        if (ton != 0 && ton != 1) {
            errbuf_set(err, errlen,
                    "From_TOA %02X: the sender's number is not international (type %d), "
                    "its country is unknown",
                    (unsigned)toa, ton);
            return -1;
        }
    }
    if (have_error) {
        errbuf_set(err, errlen, "smsd could not decode this message (it wrote an Error header)");
        return -1;
    }
    if (out->alphabet == SPOOL_ALPHA_BINARY) {
        errbuf_set(err, errlen, "binary message (Alphabet: binary): no text");
        return -1;
    }
    if (out->alphabet == SPOOL_ALPHA_UCS2 && out->body_len % 2 != 0) {
        errbuf_set(err, errlen, "UCS2 text of odd length (%zu bytes)", out->body_len);
        return -1;
    }
    return 0;
}

/* ---- sent/, failed/ and status reports -------------------------------- */

/* Message_id is one number, or with smsd's messageids = 3 every part's
 * number then " ." ("115 116 117 ."): the last one is kept, as smsd's
 * default (messageids = 2) does. Returns 0 or -1. */
static int parse_message_id(const char *v, size_t n, int *out)
{
    int last = -1;
    size_t i = 0;

    while (i < n) {
        size_t j = i;
        int x;
        while (j < n && !is_blank(v[j]))
            j++;
        if (j - i == 1 && v[i] == '.' && j == n) /* the closing dot */
            break;
        if (parse_uint(v + i, j - i, &x) < 0)
            return -1;
        last = x;
        while (j < n && is_blank(v[j]))
            j++;
        i = j;
    }
    if (last < 0)
        return -1;
    *out = last;
    return 0;
}

int spoolfile_parse_result(const char *buf, size_t len, struct spool_result *out, char *err,
                           size_t errlen)
{
    size_t pos = 0;
    int line_no = 0, r;
    struct hdr h;

    memset(out, 0, sizeof *out);
    out->message_id = -1;
    if (buf == NULL && len > 0) {
        errbuf_set(err, errlen, "no data");
        return -1;
    }
    while ((r = next_header(buf, len, &pos, &line_no, &h, err, errlen)) == 1) {
        if (name_is(h.name, h.nlen, "To")) {
            size_t k = 0;
            /* smsd accepts grouped digits ("358 12 345"); keep the digits. */
            for (size_t i = 0; i < h.vlen && k + 1 < sizeof out->to; i++)
                if (is_digit(h.v[i]))
                    out->to[k++] = h.v[i];
            out->to[k] = '\0';
        } else if (name_is(h.name, h.nlen, "Message_id")) {
            if (parse_message_id(h.v, h.vlen, &out->message_id) < 0)
                out->message_id = -1;
        } else if (name_is(h.name, h.nlen, "Failed")) {
            out->failed = true;
        } else if (name_is(h.name, h.nlen, "Fail_reason")) {
            out->failed = true;
            copy_value(&h, out->fail_reason, sizeof out->fail_reason);
        } else if (name_is(h.name, h.nlen, "Original_filename")) {
            copy_value(&h, out->original_name, sizeof out->original_name);
        }
    }
    if (r < 0)
        return -1;
    if (r == 2) {
        errbuf_set(err, errlen, "no blank line after the headers");
        return -1;
    }
    if (out->to[0] == '\0') {
        errbuf_set(err, errlen, "no To header");
        return -1;
    }
    return 0;
}

int spoolfile_parse_report(const char *body, size_t len, struct spool_report *out, char *err,
                           size_t errlen)
{
    static const char prefix[] = "SMS STATUS REPORT";
    size_t pos;
    int line_no = 1, r;
    bool have_id = false, have_status = false;
    struct hdr h;

    memset(out, 0, sizeof *out);
    if (body == NULL || len < sizeof prefix - 1 || memcmp(body, prefix, sizeof prefix - 1) != 0) {
        errbuf_set(err, errlen, "not a status report");
        return -1;
    }
    pos = sizeof prefix - 1;
    if (pos < len && body[pos] == '\r')
        pos++;
    if (pos < len && body[pos] == '\n')
        pos++;
    while ((r = next_header(body, len, &pos, &line_no, &h, err, errlen)) == 1) {
        if (name_is(h.name, h.nlen, "Message_id")) {
            have_id = parse_uint(h.v, h.vlen, &out->message_id) == 0;
        } else if (name_is(h.name, h.nlen, "Status")) {
            /* "0,Ok,short message received by the SME": the TP-Status code
             * (3GPP TS 23.040 9.2.3.15), then smsd's words for it. */
            size_t k = 0;
            while (k < h.vlen && is_digit(h.v[k]))
                k++;
            have_status = parse_uint(h.v, k, &out->status) == 0 && out->status <= 255;
            copy_value(&h, out->status_text, sizeof out->status_text);
        }
    }
    if (r < 0)
        return -1;
    if (!have_id || !have_status) {
        errbuf_set(err, errlen, "status report without %s",
                !have_id ? "a Message_id" : "a readable Status");
        return -1;
    }
    return 0;
}

enum spool_report_state spoolfile_report_state(int status)
{
    if (status >= 0 && status <= 0x1F)
        return SPOOL_REPORT_DELIVERED; /* completed (received, forwarded, replaced) */
    if (status >= 0x20 && status <= 0x3F)
        return SPOOL_REPORT_PENDING;   /* temporary error, the SMSC is still trying */
    return SPOOL_REPORT_FAILED;        /* permanent, or temporary and no longer trying */
}

/* ---- UTF-8 ------------------------------------------------------------ */

bool spoolfile_utf8_valid(const char *s, size_t n)
{
    return utf8_valid(s, n);
}


/* ISO-8859-15 differs from Latin-1 in eight places. */
static uint32_t iso8859_15(unsigned char c)
{
    switch (c) {
    case 0xA4: return 0x20AC; /* euro sign */
    case 0xA6: return 0x0160;
    case 0xA8: return 0x0161;
    case 0xB4: return 0x017D;
    case 0xB8: return 0x017E;
    case 0xBC: return 0x0152;
    case 0xBD: return 0x0153;
    case 0xBE: return 0x0178;
    default:   return c;
    }
}


static int conv_iso(const unsigned char *s, size_t n, char *out, size_t outsz, size_t *pos)
{
    for (size_t i = 0; i < n; i++)
        if (gsm7_put_utf8(iso8859_15(s[i]), out, outsz, pos) < 0)
            return -1;
    return 0;
}

/* Bytes >= 0x80 are not GSM 7-bit codes; they are read as ISO-8859-15
 * rather than dropped, so nothing the sender wrote disappears. */
static int conv_gsm(const unsigned char *s, size_t n, char *out, size_t outsz, size_t *pos)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;

        if (s[i] >= 0x80) {
            cp = iso8859_15(s[i]);
        } else if (s[i] == 0x1B && i + 1 < n && s[i + 1] < 0x80) {
            cp = gsm7_ext_to_ucs(s[i + 1]);
            if (cp == 0)
                cp = gsm7_to_ucs(s[i + 1]);
            i++;
        } else {
            cp = gsm7_to_ucs(s[i]);
        }
        if (gsm7_put_utf8(cp, out, outsz, pos) < 0)
            return -1;
    }
    return 0;
}

static int conv_ucs2(const unsigned char *s, size_t n, char *out, size_t outsz, size_t *pos)
{
    return gsm7_ucs2_to_utf8(s, n, out, outsz, pos);
}

int spoolfile_body_utf8(const struct spool_in *in, char *out, size_t outsz, size_t *outlen,
                        char *err, size_t errlen)
{
    const unsigned char *s = (const unsigned char *)in->body;
    size_t n = in->body_len, pos = 0;
    int rc;

    *outlen = 0;
    if (out == NULL || outsz == 0) {
        errbuf_set(err, errlen, "no output buffer");
        return -1;
    }
    out[0] = '\0';
    switch (in->alphabet) {
    case SPOOL_ALPHA_UTF8:
        rc = -1;
        if (n < outsz) {
            if (n > 0)
                memcpy(out, s, n);
            pos = n;
            rc = 0;
        }
        break;
    case SPOOL_ALPHA_NONE:
    case SPOOL_ALPHA_UNKNOWN:
        if (spoolfile_utf8_valid(in->body, n)) {
            rc = -1;
            if (n < outsz) {
                if (n > 0)
                    memcpy(out, s, n);
                pos = n;
                rc = 0;
            }
        } else {
            rc = conv_iso(s, n, out, outsz, &pos);
        }
        break;
    case SPOOL_ALPHA_ISO:
        rc = conv_iso(s, n, out, outsz, &pos);
        break;
    case SPOOL_ALPHA_GSM:
        rc = conv_gsm(s, n, out, outsz, &pos);
        break;
    case SPOOL_ALPHA_UCS2:
        rc = conv_ucs2(s, n, out, outsz, &pos);
        break;
    case SPOOL_ALPHA_BINARY:
    default:
        errbuf_set(err, errlen, "binary message: no text");
        return -1;
    }
    if (rc < 0) {
        out[0] = '\0';
        errbuf_set(err, errlen, "text does not fit in %zu bytes", outsz);
        return -1;
    }
    out[pos] = '\0';
    *outlen = pos;
    return 0;
}

/* ---- outgoing --------------------------------------------------------- */

long spoolfile_format(const struct spool_out *m, char *out, size_t outsz, char *err,
                      size_t errlen)
{
    const char *to = m->to, *body = m->body != NULL ? m->body : "";
    size_t digits = 0, blen = strlen(body);
    int n;

    if (to == NULL || to[0] != '+' || to[1] < '1' || to[1] > '9') {
        errbuf_set(err, errlen, "recipient is not an E.164 number");
        return -1;
    }
    for (const char *p = to + 1; *p; p++, digits++)
        if (!is_digit(*p)) {
            errbuf_set(err, errlen, "recipient is not an E.164 number");
            return -1;
        }
    if (digits < 7 || digits > 15) {
        errbuf_set(err, errlen, "recipient is not an E.164 number");
        return -1;
    }
    /* Header names are case-sensitive for smsd; "High" as its documentation
     * spells it. No newline after the text: with UTF-8 smsd would send it. */
    n = snprintf(out, outsz, "To: %s\nAlphabet: %s\n%s%s\n", to + 1, m->ucs2 ? "UCS2" : "UTF-8",
                 m->urgent ? "Priority: High\n" : "", m->report ? "Report: yes\n" : "");
    if (n < 0 || (size_t)n >= outsz)
        goto too_small;
    if (m->ucs2) {
        /* The text is big-endian UTF-16 bytes; smsd's UCS2 is exactly that
         * (a character outside the BMP goes as a surrogate pair). */
        long u = textconv_utf8_to_utf16be(body, blen, out + n, outsz - (size_t)n - 1);
        if (u < 0)
            goto too_small;
        out[(size_t)n + (size_t)u] = '\0';
        return (long)n + u;
    }
    if (outsz - (size_t)n <= blen)
        goto too_small;
    memcpy(out + n, body, blen + 1);
    return (long)((size_t)n + blen);

too_small:
    errbuf_set(err, errlen, "message does not fit in %zu bytes", outsz);
    if (outsz > 0)
        out[0] = '\0';
    return -1;
}

unsigned long long spoolfile_fnv1a64(const void *data, size_t n)
{
    return hash_fnv1a64(data, n);
}
