/* SPDX-License-Identifier: Apache-2.0 */
/* utf8.c: UTF-8 decoding, validation and encoding (see utf8.h). */
#include "base/utf8.h"

int utf8_decode(const unsigned char *s, size_t n, size_t *i, uint32_t *cp)
{
    /* The smallest value each length may carry: below it is an overlong. */
    static const uint32_t min[4] = {0, 0x80, 0x800, 0x10000};
    uint32_t v;
    int need = utf8_lead(s[*i], &v);

    if (need < 0 || n - *i - 1 < (size_t)need)
        return -1;
    for (int k = 1; k <= need; k++) {
        if ((s[*i + (size_t)k] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[*i + (size_t)k] & 0x3F);
    }
    if (v < min[need] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *i += (size_t)need + 1;
    *cp = v;
    return 0;
}

bool utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n)
        if (utf8_decode((const unsigned char *)s, n, &i, &cp) < 0)
            return false;
    return true;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *b = (unsigned char *)out;

    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
