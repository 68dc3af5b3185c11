/* SPDX-License-Identifier: Apache-2.0 */
/* sms.c: what a text costs as SMS (coding, units, parts), the splitting
 * rules the modem's PDU encoder sends with (see sms.h). Pure. */
#include "base/sms.h"

#include <string.h>

#include "base/gsm7.h"
#include "base/utf8.h"

const size_t sms_single_units[3] = {160, 140, 70};
const size_t sms_part_units[3] = {153, 134, 67};

/* The next code point of s (NUL-terminated) at *i; an invalid byte is
 * consumed alone and read as '?'. 0 at the end. */
static uint32_t next_cp(const char *s, size_t *i)
{
    uint32_t cp;

    if (s[*i] == '\0')
        return 0;
    /* A sequence is at most UTF8_MAX bytes, and utf8_decode stops at the
     * first byte that does not continue it (the NUL): no strlen needed. */
    if (utf8_decode((const unsigned char *)s, *i + UTF8_MAX, i, &cp) != 0) {
        (*i)++;
        return '?';
    }
    return cp;
}

/* The text as units of its coding into u (cap entries): septets for
 * GSM-7, UTF-16 units for UCS-2. Returns the count (may exceed cap: then
 * only cap were written). */
size_t sms_units(const char *s, enum sms_coding c, uint16_t *u, size_t cap)
{
    size_t i = 0, n = 0;
    uint32_t cp;

    while ((cp = next_cp(s, &i)) != 0) {
        uint16_t v[2];
        size_t k;
        if (c == SMS_GSM7) {
            uint8_t sep[2];
            k = (size_t)gsm7_from_ucs(cp, sep);
            if (k == 0) { /* cannot happen after sms_coding_of(); keep the count honest */
                sep[0] = '?';
                k = 1;
            }
            v[0] = sep[0];
            v[1] = sep[1];
        } else if (cp >= 0x10000) {
            cp -= 0x10000;
            v[0] = (uint16_t)(0xD800 | (cp >> 10));
            v[1] = (uint16_t)(0xDC00 | (cp & 0x3FF));
            k = 2;
        } else {
            v[0] = (uint16_t)cp;
            k = 1;
        }
        for (size_t j = 0; j < k; j++, n++)
            if (n < cap)
                u[n] = v[j];
    }
    return n;
}

enum sms_coding sms_coding_of(const char *s)
{
    size_t i = 0;
    uint32_t cp;
    uint8_t sep[2];

    while ((cp = next_cp(s, &i)) != 0)
        if (gsm7_from_ucs(cp, sep) == 0)
            return SMS_UCS2;
    return SMS_GSM7;
}

/* Where the part starting at unit `from` ends (exclusive), taking at most
 * `max` units and never ending between an ESC and its character or
 * between the halves of a surrogate pair. */
size_t sms_part_end(const uint16_t *u, size_t n, size_t from, size_t max, enum sms_coding c)
{
    size_t end = from + max;

    if (end >= n)
        return n;
    if (c == SMS_GSM7) {
        /* Count the ESCs just before the cut: an odd run ends in a lone ESC. */
        size_t run = 0;
        while (end - run > from && u[end - run - 1] == GSM7_ESC)
            run++;
        if (run % 2 == 1)
            end--;
    } else if (u[end - 1] >= 0xD800 && u[end - 1] <= 0xDBFF) {
        end--;
    }
    return end;
}

void sms_measure(const char *utf8, struct sms_size *out)
{
    const char *s = utf8 ? utf8 : "";
    uint16_t u[SMS_UNITS_MAX];
    size_t n, pos = 0;
    int parts = 0;

    out->coding = sms_coding_of(s);
    n = sms_units(s, out->coding, u, SMS_UNITS_MAX);
    out->units = n;
    if (n <= sms_single_units[out->coding]) {
        out->parts = 1;
        return;
    }
    if (n > SMS_UNITS_MAX) {
        out->parts = (int)((n + sms_part_units[out->coding] - 1) / sms_part_units[out->coding]);
        return;
    }
    while (pos < n) {
        pos = sms_part_end(u, n, pos, sms_part_units[out->coding], out->coding);
        parts++;
    }
    out->parts = parts;
}

/* One GSM-7 table and one splitter for the whole gateway (sms_measure),
 * which the modem provider sends with, so the count is what goes out. */
int sms_segments(const char *text, int *ucs2)
{
    struct sms_size z;
    sms_measure(text, &z);
    /* Broken UTF-8 is counted, not trusted: another provider may send it
     * as UCS-2, where a part holds fewer characters. */
    if (!utf8_valid(text, strlen(text)) && z.coding == SMS_GSM7) {
        z.coding = SMS_UCS2;
        z.parts = z.units <= 70 ? 1 : (int)((z.units + 66) / 67);
    }
    if (ucs2)
        *ucs2 = z.coding == SMS_UCS2;
    return z.parts;
}

const char *dlr_state_name(enum dlr_state s)
{
    switch (s) {
    case DLR_SENT: return "sent";
    case DLR_DELIVERED: return "delivered";
    case DLR_FAILED: return "failed";
    }
    return "failed";
}
