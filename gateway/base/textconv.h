/* SPDX-License-Identifier: Apache-2.0 */
/* textconv.h: pure UTF-8 helpers shared by the providers: decoding,
 * validation and UTF-8 -> UTF-16BE (what smstools and Kannel call UCS-2).
 * The other direction and UTF-8 encoding are gsm7.h's (gsm7_ucs2_to_utf8,
 * gsm7_put_utf8). No I/O, no allocation. */
#ifndef GW_TEXTCONV_H
#define GW_TEXTCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one well-formed UTF-8 sequence at s[*i] (n bytes in all) into
 * *cp and advances *i. Returns 0, or -1 (nothing advanced) for a malformed,
 * overlong, surrogate or out-of-range sequence. */
int textconv_utf8_decode(const unsigned char *s, size_t n, size_t *i, uint32_t *cp);

/* The value of one hex digit (0-9, a-f, A-F), or -1 for anything else. */
int textconv_hexval(int c);

/* True if s[0..n) is well-formed UTF-8. */
bool textconv_utf8_valid(const char *s, size_t n);

/* UTF-8 (n bytes; an invalid byte becomes U+FFFD) -> UTF-16BE in out, a
 * character outside the BMP as a surrogate pair: at most 2 bytes out per
 * byte in. Returns the bytes written, or -1 if they do not fit in outsz. */
long textconv_utf8_to_utf16be(const char *in, size_t n, char *out, size_t outsz);

#endif
