/* SPDX-License-Identifier: Apache-2.0 */
/* textconv.c: pure text conversions shared by the providers; see
 * textconv.h. */
#include "base/textconv.h"

#include <string.h>

#include "base/utf8.h"

/* Like utf8_decode, but an invalid byte gives U+FFFD and is skipped. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    uint32_t cp;

    if (utf8_decode(s, n, i, &cp) == 0)
        return cp;
    (*i)++;
    return 0xFFFD;
}

long textconv_utf8_to_utf16be(const char *in, size_t n, char *out, size_t outsz)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0;

    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        uint32_t u[2];
        int k = 1;
        if (cp >= 0x10000) {
            u[0] = 0xD800 + ((cp - 0x10000) >> 10);
            u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            k = 2;
        } else {
            u[0] = cp;
        }
        if (outsz - o < (size_t)k * 2)
            return -1;
        for (int j = 0; j < k; j++) {
            out[o++] = (char)(u[j] >> 8);
            out[o++] = (char)(u[j] & 0xFF);
        }
    }
    return (long)o;
}

int textconv_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
