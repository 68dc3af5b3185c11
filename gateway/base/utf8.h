/* SPDX-License-Identifier: Apache-2.0 */
/* utf8.h: THE UTF-8 decoder and encoder, owned here and nowhere else:
 * strict decoding of one sequence (no overlongs, no surrogates, nothing
 * past U+10FFFF), validation, encoding, and the lead-byte classification
 * the streaming readers share (the reply parser's tokenizer, template
 * truncation). Unicode normalisation and case folding are utf8proc's;
 * UTF-16 and GSM-7 are textconv.h's and gsm7.h's. Pure: no I/O, no
 * allocation. */
#ifndef GW_UTF8_H
#define GW_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most bytes one code point takes. */
#define UTF8_MAX 4

/* How many continuation bytes follow lead byte c: 0 for ASCII, 1 to 3 for
 * a lead byte (110xxxxx, 1110xxxx, 11110xxx), -1 for a continuation byte
 * or 0xF8-0xFF. *bits (if not NULL) gets the lead's payload bits. Only the
 * bit pattern is read: overlongs and ranges are utf8_decode's to refuse.
 * Inline: the reply parser's tokenizer calls it for every lead byte. */
static inline int utf8_lead(unsigned char c, uint32_t *bits)
{
    int need;
    uint32_t mask;
    if (c < 0x80) {
        need = 0;
        mask = 0x7F;
    } else if ((c & 0xE0) == 0xC0) {
        need = 1;
        mask = 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2;
        mask = 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3;
        mask = 0x07;
    } else {
        return -1;
    }
    if (bits)
        *bits = c & mask;
    return need;
}

/* Decodes one well-formed UTF-8 sequence at s[*i] (n bytes in all) into
 * *cp and advances *i. Returns 0, or -1 (nothing advanced) for a
 * malformed, truncated, overlong, surrogate or out-of-range sequence. It
 * reads no byte after the first one that is not a continuation byte, so a
 * NUL ends a sequence early. */
int utf8_decode(const unsigned char *s, size_t n, size_t *i, uint32_t *cp);

/* True if s[0..n) is well-formed UTF-8. */
bool utf8_valid(const char *s, size_t n);

/* Encodes cp into out (UTF8_MAX bytes, no NUL); a surrogate or a value
 * past U+10FFFF becomes U+FFFD. Returns the bytes written (1 to 4). */
size_t utf8_encode(uint32_t cp, char *out);

#endif
