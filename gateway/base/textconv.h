/* SPDX-License-Identifier: Apache-2.0 */
/* textconv.h: pure text conversions shared by the providers: UTF-8 ->
 * UTF-16BE (what smstools and Kannel call UCS-2) and hex digits. UTF-8
 * itself (decoding, validation, encoding) is utf8.h's; the other direction
 * is gsm7.h's (gsm7_ucs2_to_utf8). No I/O, no allocation. */
#ifndef GW_TEXTCONV_H
#define GW_TEXTCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of one hex digit (0-9, a-f, A-F), or -1 for anything else. */
int textconv_hexval(int c);

/* UTF-8 (n bytes; an invalid byte becomes U+FFFD) -> UTF-16BE in out, a
 * character outside the BMP as a surrogate pair: at most 2 bytes out per
 * byte in. Returns the bytes written, or -1 if they do not fit in outsz. */
long textconv_utf8_to_utf16be(const char *in, size_t n, char *out, size_t outsz);

#endif
