/* SPDX-License-Identifier: Apache-2.0 */
/* gsm7.c: the GSM 7-bit default alphabet, its extension table and septet
 * packing (3GPP TS 23.038). Pure: see gsm7.h. */
#include "base/gsm7.h"

#include <string.h>

#include "base/utf8.h"

/* 3GPP TS 23.038 6.2.1, indexed by septet; 0x1B is the escape. */
static const uint16_t basic[128] = {
    0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, /* 00 */
    0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5, /* 08 */
    0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, /* 10 */
    0x03A3, 0x0398, 0x039E, 0x0020, 0x00C6, 0x00E6, 0x00DF, 0x00C9, /* 18; 1B: escape */
    0x0020, 0x0021, 0x0022, 0x0023, 0x00A4, 0x0025, 0x0026, 0x0027, /* 20 */
    0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F, /* 28 */
    0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, /* 30 */
    0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F, /* 38 */
    0x00A1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047, /* 40 */
    0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F, /* 48 */
    0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057, /* 50 */
    0x0058, 0x0059, 0x005A, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7, /* 58 */
    0x00BF, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, /* 60 */
    0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F, /* 68 */
    0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, /* 70 */
    0x0078, 0x0079, 0x007A, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0, /* 78 */
};

/* 3GPP TS 23.038 6.2.1.1, the extension table: septet after ESC -> code point. */
static const struct {
    uint8_t septet;
    uint16_t cp;
} ext[] = {
    {0x0A, 0x000C}, {0x14, 0x005E}, {0x28, 0x007B}, {0x29, 0x007D}, {0x2F, 0x005C},
    {0x3C, 0x005B}, {0x3D, 0x007E}, {0x3E, 0x005D}, {0x40, 0x007C}, {0x65, 0x20AC},
};

uint32_t gsm7_to_ucs(uint8_t c) { return basic[c & 0x7F]; }

uint32_t gsm7_ext_to_ucs(uint8_t c)
{
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ext[i].septet == c)
            return ext[i].cp;
    return 0;
}

int gsm7_from_ucs(uint32_t cp, uint8_t out[2])
{
    /* Letters and digits are where ASCII has them: the common case first. */
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    for (unsigned i = 0; i < 128; i++)
        if (basic[i] == cp && i != GSM7_ESC) {
            out[0] = (uint8_t)i;
            return 1;
        }
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ext[i].cp == cp) {
            out[0] = GSM7_ESC;
            out[1] = ext[i].septet;
            return 2;
        }
    return 0;
}

size_t gsm7_pack(const uint8_t *septets, size_t n, unsigned fill, uint8_t *out)
{
    size_t octets = (fill + 7 * n + 7) / 8;
    size_t bit = fill;

    memset(out, 0, octets);
    for (size_t i = 0; i < n; i++, bit += 7) {
        unsigned v = septets[i] & 0x7F;
        size_t o = bit / 8, b = bit % 8;
        out[o] |= (uint8_t)(v << b);
        if (b > 1)
            out[o + 1] |= (uint8_t)(v >> (8 - b));
    }
    return octets;
}

size_t gsm7_unpack(const uint8_t *in, size_t inlen, unsigned fill, size_t n, uint8_t *out)
{
    size_t bit = fill, i;

    for (i = 0; i < n; i++, bit += 7) {
        size_t o = bit / 8, b = bit % 8;
        unsigned v;
        if (o >= inlen)
            break;
        v = in[o] >> b;
        if (b > 1) {
            if (o + 1 >= inlen)
                break;
            v |= (unsigned)in[o + 1] << (8 - b);
        }
        out[i] = (uint8_t)(v & 0x7F);
    }
    return i;
}

int gsm7_put_utf8(uint32_t cp, char *out, size_t outsz, size_t *pos)
{
    char b[UTF8_MAX];
    size_t n = utf8_encode(cp, b);

    if (*pos >= outsz || outsz - *pos < n + 1)
        return -1;
    memcpy(out + *pos, b, n);
    *pos += n;
    return 0;
}

long gsm7_to_utf8(const uint8_t *septets, size_t n, char *out, size_t outsz)
{
    size_t pos = 0;

    if (outsz == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        if (septets[i] == GSM7_ESC) {
            if (i + 1 < n) {
                cp = gsm7_ext_to_ucs(septets[i + 1]);
                if (cp == 0)
                    cp = gsm7_to_ucs(septets[i + 1]);
                i++;
            } else {
                cp = ' ';
            }
        } else {
            cp = gsm7_to_ucs(septets[i]);
        }
        if (gsm7_put_utf8(cp, out, outsz, &pos) < 0) {
            out[0] = '\0';
            return -1;
        }
    }
    out[pos] = '\0';
    return (long)pos;
}

int gsm7_ucs2_to_utf8(const uint8_t *s, size_t n, char *out, size_t outsz, size_t *pos)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = (uint32_t)s[i] << 8 | s[i + 1];
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t lo = (uint32_t)s[i + 2] << 8 | s[i + 3];
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (gsm7_put_utf8(u, out, outsz, pos) < 0) /* a lone surrogate becomes U+FFFD */
            return -1;
    }
    return 0;
}
