/* SPDX-License-Identifier: Apache-2.0 */
/* pdu.c: SMS-SUBMIT encoding, SMS-DELIVER / SMS-STATUS-REPORT decoding
 * (3GPP TS 23.040, 23.038). Pure: see pdu.h. */
#include "modem/pdu.h"
#include "base/errbuf.h"
#include "base/textconv.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/gsm7.h"

/* ---- encoding (the text's units and parts: base/sms) ------------------- */

static char hexdig(unsigned v) { return "0123456789ABCDEF"[v & 15]; }

static void put_hex(char *out, size_t *o, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[(*o)++] = hexdig(b[i] >> 4);
        out[(*o)++] = hexdig(b[i]);
    }
    out[*o] = '\0';
}

int pdu_encode_submit(const char *to, const char *utf8, unsigned ref, bool srr,
                      struct sms_submit *out, char *err, size_t errlen)
{
    uint16_t u[SMS_UNITS_MAX];
    uint8_t da[12];
    size_t n, digits = 0, pos = 0, dalen;
    int nparts = 0;
    size_t starts[SMS_MAX_PARTS + 1];

    memset(out, 0, sizeof *out);
    if (to == NULL || to[0] != '+' || to[1] < '1' || to[1] > '9') {
        errbuf_set(err, errlen, "recipient is not an E.164 number");
        return -1;
    }
    for (const char *p = to + 1; *p; p++, digits++)
        if (*p < '0' || *p > '9' || digits >= 15) {
            errbuf_set(err, errlen, "recipient is not an E.164 number");
            return -1;
        }
    if (digits < 7) {
        errbuf_set(err, errlen, "recipient is not an E.164 number");
        return -1;
    }
    /* TP-DA: digit count, type 0x91 (international, ISDN), swapped BCD, F-padded. */
    memset(da, 0xFF, sizeof da);
    da[0] = (uint8_t)digits;
    da[1] = 0x91;
    for (size_t i = 0; i < digits; i++) {
        unsigned d = (unsigned)(to[1 + i] - '0');
        uint8_t *b = &da[2 + i / 2];
        *b = (i % 2 == 0) ? (uint8_t)((*b & 0xF0) | d) : (uint8_t)((*b & 0x0F) | (d << 4));
    }
    dalen = 2 + (digits + 1) / 2;

    if (utf8 == NULL || utf8[0] == '\0') {
        errbuf_set(err, errlen, "empty text");
        return -1;
    }
    out->coding = sms_coding_of(utf8);
    n = sms_units(utf8, out->coding, u, SMS_UNITS_MAX);
    if (n > SMS_UNITS_MAX) {
        errbuf_set(err, errlen, "text too long (more than %d parts)", SMS_MAX_PARTS);
        return -1;
    }
    if (n <= sms_single_units[out->coding]) {
        starts[0] = 0;
        starts[1] = n;
        nparts = 1;
    } else {
        while (pos < n) {
            if (nparts == SMS_MAX_PARTS) {
                errbuf_set(err, errlen, "text too long (more than %d parts)", SMS_MAX_PARTS);
                return -1;
            }
            starts[nparts++] = pos;
            pos = sms_part_end(u, n, pos, sms_part_units[out->coding], out->coding);
        }
        starts[nparts] = n;
    }
    out->nparts = nparts;

    for (int k = 0; k < nparts; k++) {
        uint8_t t[1 + 1 + 12 + 1 + 1 + 1 + 1 + 140];
        size_t tl = 0, from = starts[k], cnt = starts[k + 1] - from, o = 0;
        bool udh = nparts > 1;

        t[tl++] = (uint8_t)(0x01 | 0x10 | (srr ? 0x20 : 0) | (udh ? 0x40 : 0)); /* SUBMIT, VP relative */
        t[tl++] = 0x00;                  /* TP-MR: the modem assigns it */
        memcpy(t + tl, da, dalen);
        tl += dalen;
        t[tl++] = 0x00;                  /* TP-PID: plain short message */
        t[tl++] = out->coding == SMS_UCS2 ? 0x08 : 0x00; /* TP-DCS */
        t[tl++] = 0xA7;                  /* TP-VP: 24 hours */
        if (out->coding == SMS_GSM7) {
            uint8_t sept[160];
            size_t udl_pos = tl++;
            for (size_t i = 0; i < cnt; i++)
                sept[i] = (uint8_t)u[from + i];
            if (udh) {
                t[tl++] = 5; t[tl++] = 0x00; t[tl++] = 3;
                t[tl++] = (uint8_t)ref; t[tl++] = (uint8_t)nparts; t[tl++] = (uint8_t)(k + 1);
            }
            /* A 6-octet header is 48 bits: the text starts at the next
             * septet boundary (bit 49), one fill bit in; TP-UDL counts the
             * header as 7 septets. */
            tl += gsm7_pack(sept, cnt, udh ? 1 : 0, t + tl);
            t[udl_pos] = (uint8_t)((udh ? 7 : 0) + cnt);
        } else {
            t[tl++] = (uint8_t)((udh ? 6 : 0) + 2 * cnt);
            if (udh) {
                t[tl++] = 5; t[tl++] = 0x00; t[tl++] = 3;
                t[tl++] = (uint8_t)ref; t[tl++] = (uint8_t)nparts; t[tl++] = (uint8_t)(k + 1);
            }
            for (size_t i = 0; i < cnt; i++) {
                t[tl++] = (uint8_t)(u[from + i] >> 8);
                t[tl++] = (uint8_t)(u[from + i] & 0xFF);
            }
        }
        out->part[k].hex[o++] = '0';
        out->part[k].hex[o++] = '0';
        put_hex(out->part[k].hex, &o, t, tl);
        out->part[k].tpdu_len = (int)tl;
    }
    return 0;
}

/* ---- decoding ---------------------------------------------------------- */

/* A bounded reader over the decoded octets. */
struct rd {
    const uint8_t *b;
    size_t n, i;
    bool short_;
};

static unsigned get8(struct rd *r)
{
    if (r->i >= r->n) {
        r->short_ = true;
        return 0;
    }
    return r->b[r->i++];
}

static const uint8_t *getn(struct rd *r, size_t k)
{
    if (r->n - r->i < k || r->i > r->n) {
        r->short_ = true;
        r->i = r->n;
        return NULL;
    }
    r->i += k;
    return r->b + r->i - k;
}

/* Swapped BCD digits (23.040 9.1.2.3) into out; 0xF ends. '*', '#', 'a',
 * 'b', 'c' as 3GPP writes them. */
static void bcd_digits(const uint8_t *p, size_t ndigits, char *out, size_t outsz)
{
    static const char map[] = "0123456789*#abc";
    size_t o = 0;
    for (size_t i = 0; i < ndigits && o + 1 < outsz; i++) {
        unsigned d = (i % 2 == 0) ? (p[i / 2] & 0x0F) : (p[i / 2] >> 4);
        if (d == 0xF)
            break;
        out[o++] = map[d];
    }
    out[o] = '\0';
}

/* TP-OA / TP-RA (23.040 9.1.2.5): digit count, type of address, value. */
static int read_address(struct rd *r, struct sms_pdu *out, char *err, size_t errlen)
{
    unsigned len = get8(r), toa = get8(r);
    const uint8_t *v = getn(r, (len + 1) / 2);
    unsigned ton = (toa >> 4) & 7;

    if (r->short_ || v == NULL || len > 20) {
        errbuf_set(err, errlen, "truncated or overlong address");
        return -1;
    }
    out->addr_international = false;
    out->addr_alpha = false;
    if (ton == 5) {
        /* Alphanumeric: GSM-7 packed in `len` semi-octets. */
        uint8_t sept[24];
        size_t ns = gsm7_unpack(v, (len + 1) / 2, 0, len * 4 / 7, sept);
        /* Some senders count whole octets: 7 septets then read as 8, the
         * last one the zero padding ('@'). */
        if (ns > 0 && sept[ns - 1] == 0 && len % 2 == 0 && (ns * 7) % 8 == 0)
            ns--;
        out->addr_alpha = true;
        if (gsm7_to_utf8(sept, ns, out->addr, sizeof out->addr) < 0)
            out->addr[0] = '\0';
        return 0;
    }
    if (ton == 1) {
        out->addr_international = true;
        out->addr[0] = '+';
        bcd_digits(v, len, out->addr + 1, sizeof out->addr - 1);
    } else {
        bcd_digits(v, len, out->addr, sizeof out->addr);
    }
    return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t pdu_timestamp(const uint8_t *p)
{
    int v[6];
    for (int i = 0; i < 6; i++) {
        unsigned lo = p[i] & 0x0F, hi = p[i] >> 4;
        if (lo > 9 || hi > 9)
            return 0;
        v[i] = (int)(lo * 10 + hi);
    }
    /* Time zone: quarter hours, swapped BCD; bit 3 of the low nibble is the sign. */
    unsigned tlo = p[6] & 0x07, thi = p[6] >> 4;
    if (thi > 9)
        return 0;
    int tz = (int)(tlo * 10 + thi) * 15 * 60;
    if (p[6] & 0x08)
        tz = -tz;
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59)
        return 0;
    int year = v[0] < 70 ? 2000 + v[0] : 1900 + v[0];
    int64_t t = days_from_civil(year, (unsigned)v[1], (unsigned)v[2]) * 86400 + v[3] * 3600 +
                v[4] * 60 + v[5];
    return t - tz;
}

/* DCS (23.038 4) -> coding; -1 for compressed text (not supported). */
static int dcs_coding(unsigned dcs)
{
    unsigned group = dcs >> 4;
    if (group <= 7) { /* general data coding, with or without automatic deletion */
        if (dcs & 0x20)
            return -1;
        switch ((dcs >> 2) & 3) {
        case 1: return SMS_8BIT;
        case 2: return SMS_UCS2;
        default: return SMS_GSM7; /* 0, and 3 reserved: read as the default alphabet */
        }
    }
    if (group == 0xF)
        return (dcs & 0x04) ? SMS_8BIT : SMS_GSM7;
    if (group == 0xE)
        return SMS_UCS2;
    return SMS_GSM7; /* message waiting groups 0xC, 0xD; reserved 0x8-0xB */
}

/* Reads the user data header's concatenation element, if any. */
static void read_udh(const uint8_t *h, size_t hl, struct sms_pdu *out)
{
    size_t i = 0;
    while (i + 2 <= hl) {
        unsigned iei = h[i], iel = h[i + 1];
        const uint8_t *d = h + i + 2;
        if (i + 2 + iel > hl)
            break;
        if ((iei == 0x00 && iel == 3) || (iei == 0x08 && iel == 4)) {
            unsigned ref = iei == 0x00 ? d[0] : ((unsigned)d[0] << 8 | d[1]);
            unsigned total = d[iel - 2], seq = d[iel - 1];
            /* 23.040 9.2.3.24.1: a zero count or an out-of-range number
             * means the element is ignored. */
            if (total >= 1 && seq >= 1 && seq <= total) {
                out->concat = total > 1;
                out->concat_ref = ref;
                out->concat_total = total;
                out->concat_seq = seq;
            }
        }
        i += 2 + iel;
    }
}


static int read_user_data(struct rd *r, unsigned fo, struct sms_pdu *out, char *err,
                          size_t errlen)
{
    unsigned udl = get8(r);
    size_t octets, hdr = 0, pos = 0;
    const uint8_t *ud;

    if (r->short_) {
        errbuf_set(err, errlen, "truncated before the user data length");
        return -1;
    }
    octets = out->coding == SMS_GSM7 ? (udl * 7 + 7) / 8 : udl;
    if (octets > 140) {
        errbuf_set(err, errlen, "user data length %u is too long", udl);
        return -1;
    }
    ud = getn(r, octets);
    if (ud == NULL) {
        /* Some modems drop trailing zero octets: take what is there. */
        ud = r->b + r->i;
        octets = 0;
    }
    if (fo & 0x40) { /* TP-UDHI */
        if (octets == 0 || (size_t)ud[0] + 1 > octets) {
            errbuf_set(err, errlen, "user data header longer than the user data");
            return -1;
        }
        hdr = (size_t)ud[0] + 1;
        read_udh(ud + 1, hdr - 1, out);
    }
    if (out->coding == SMS_GSM7) {
        uint8_t sept[160];
        size_t hsept = (hdr * 8 + 6) / 7, want = udl > hsept ? udl - hsept : 0;
        unsigned fill = (unsigned)(hsept * 7 - hdr * 8);
        size_t got = gsm7_unpack(ud + hdr, octets - hdr, fill, want, sept);
        long l = gsm7_to_utf8(sept, got, out->text, sizeof out->text);
        if (l < 0) {
            errbuf_set(err, errlen, "text too long");
            return -1;
        }
        out->text_len = (size_t)l;
        return 0;
    }
    if (out->coding == SMS_UCS2) {
        if (gsm7_ucs2_to_utf8(ud + hdr, octets - hdr, out->text, sizeof out->text, &pos) < 0) {
            errbuf_set(err, errlen, "text too long");
            return -1;
        }
    } else {
        for (size_t i = hdr; i < octets; i++) /* 8-bit: shown as ISO-8859-1 */
            if (gsm7_put_utf8(ud[i], out->text, sizeof out->text, &pos) < 0) {
                errbuf_set(err, errlen, "text too long");
                return -1;
            }
    }
    out->text[pos] = '\0';
    out->text_len = pos;
    return 0;
}

int pdu_decode(const char *hex, size_t hexlen, int tpdu_len, struct sms_pdu *out, char *err,
               size_t errlen)
{
    uint8_t b[200];
    struct rd r;
    unsigned fo;
    int c;

    memset(out, 0, sizeof *out);
    if (hexlen % 2 != 0 || hexlen == 0 || hexlen / 2 > sizeof b) {
        errbuf_set(err, errlen, "PDU has %zu hex digits (odd, empty or too long)", hexlen);
        return -1;
    }
    for (size_t i = 0; i < hexlen; i += 2) {
        int h = textconv_hexval(hex[i]), l = textconv_hexval(hex[i + 1]);
        if (h < 0 || l < 0) {
            errbuf_set(err, errlen, "PDU has a character that is not hex at %zu", i);
            return -1;
        }
        b[i / 2] = (uint8_t)(h << 4 | l);
    }
    r.b = b;
    r.n = hexlen / 2;
    r.i = 0;
    r.short_ = false;

    if (tpdu_len < 0 || (size_t)tpdu_len != r.n) {
        unsigned sl = get8(&r);
        const uint8_t *sv = getn(&r, sl);
        if (r.short_ || sl > 12) {
            errbuf_set(err, errlen, "truncated SMSC address");
            return -1;
        }
        if (sl >= 2) {
            bool intl = ((sv[0] >> 4) & 7) == 1;
            if (intl)
                out->smsc[0] = '+';
            bcd_digits(sv + 1, (sl - 1) * 2, out->smsc + intl, sizeof out->smsc - intl);
        }
    }
    fo = get8(&r);
    if (r.short_) {
        errbuf_set(err, errlen, "no TPDU after the SMSC address");
        return -1;
    }
    switch (fo & 3) {
    case 0: /* SMS-DELIVER */
        out->type = SMS_TYPE_DELIVER;
        if (read_address(&r, out, err, errlen) < 0)
            return -1;
        (void)get8(&r); /* TP-PID */
        c = dcs_coding(get8(&r));
        {
            const uint8_t *ts = getn(&r, 7);
            if (ts != NULL)
                out->scts = pdu_timestamp(ts);
        }
        if (r.short_) {
            errbuf_set(err, errlen, "truncated SMS-DELIVER header");
            return -1;
        }
        if (c < 0) {
            errbuf_set(err, errlen, "compressed text is not supported");
            return -1;
        }
        out->coding = (enum sms_coding)c;
        return read_user_data(&r, fo, out, err, errlen);
    case 2: { /* SMS-STATUS-REPORT */
        const uint8_t *ts, *dt;
        out->type = SMS_TYPE_STATUS_REPORT;
        out->mr = get8(&r);
        if (read_address(&r, out, err, errlen) < 0)
            return -1;
        ts = getn(&r, 7);
        dt = getn(&r, 7);
        out->status = get8(&r);
        if (r.short_) {
            errbuf_set(err, errlen, "truncated SMS-STATUS-REPORT");
            return -1;
        }
        out->scts = pdu_timestamp(ts);
        out->discharge = pdu_timestamp(dt);
        return 0; /* TP-PI and what follows are optional and not needed */
    }
    default:
        errbuf_set(err, errlen, "not an SMS-DELIVER or SMS-STATUS-REPORT (TP-MTI %u)", fo & 3);
        return -1;
    }
}

const char *sms_status_text(unsigned st)
{
    static const char *const temp[] = {
        "congestion", "recipient busy", "no response from the recipient",
        "service rejected", "quality of service not available", "error in the recipient's phone",
    };
    static const char *const perm[] = {
        "remote procedure error", "incompatible destination",
        "connection rejected by the recipient", "not obtainable",
        "quality of service not available", "no interworking available",
        "validity period expired", "deleted by the sender",
        "deleted by the service centre", "message does not exist",
    };
    if (st == 0x00)
        return "delivered";
    if (st == 0x01)
        return "forwarded, delivery not confirmed";
    if (st == 0x02)
        return "replaced by the service centre";
    if (st >= 0x20 && st <= 0x25)
        return st == 0x20 ? "congestion (the service centre keeps trying)"
                          : temp[st - 0x20];
    if (st >= 0x40 && st <= 0x49)
        return perm[st - 0x40];
    if (st >= 0x60 && st <= 0x65)
        return temp[st - 0x60]; /* the service centre gave up: a failure */
    if (st >= 0x40 && st <= 0x7F)
        return "permanent error";
    if (st >= 0x20 && st <= 0x3F)
        return "temporary error (the service centre keeps trying)";
    return "reserved status";
}

enum sms_st_class sms_status_class(unsigned st)
{
    if (st == 0)
        return SMS_ST_DELIVERED;
    if (st <= 2)
        return SMS_ST_FORWARDED;
    if (st >= 0x40 && st <= 0x7F)
        return SMS_ST_FAILED;
    return SMS_ST_PENDING;
}
