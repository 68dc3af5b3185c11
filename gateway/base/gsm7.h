/* SPDX-License-Identifier: Apache-2.0 */
/* gsm7.h: pure helpers for the GSM 7-bit default alphabet and its
 * extension table (3GPP TS 23.038 6.2.1 and 6.2.1.1), and for packing
 * septets into octets (3GPP TS 23.038 6.1.2.1.1). No I/O, no allocation. */
#ifndef GW_GSM7_H
#define GW_GSM7_H

#include <stddef.h>
#include <stdint.h>

#define GSM7_ESC 0x1B /* escape to the extension table */

/* The Unicode code point of a default-alphabet septet (c < 128). ESC
 * itself maps to a space (what the spec says a receiver without the
 * extension table shows). */
uint32_t gsm7_to_ucs(uint8_t c);

/* The code point of extension-table septet c (after an ESC), or 0 if the
 * table has none there (the spec says to show the basic character then). */
uint32_t gsm7_ext_to_ucs(uint8_t c);

/* The septets for code point cp into out: returns 1 (a default-alphabet
 * character), 2 (ESC and an extension-table character) or 0 if GSM-7
 * cannot carry it. */
int gsm7_from_ucs(uint32_t cp, uint8_t out[2]);

/* Packs n septets into out, LSB first, the first septet starting at bit
 * `fill` (0-6) of out[0] (fill bits after a user data header, which are
 * left zero). Returns the number of octets written: (fill + 7n + 7) / 8.
 * out must hold that many. */
size_t gsm7_pack(const uint8_t *septets, size_t n, unsigned fill, uint8_t *out);

/* Unpacks up to n septets from in (inlen octets) starting at bit `fill`
 * of in[0]. Returns the number unpacked: fewer than n if in ran out. */
size_t gsm7_unpack(const uint8_t *in, size_t inlen, unsigned fill, size_t n, uint8_t *out);

/* Converts septets (n of them, each < 128) to UTF-8 in out (outsz bytes,
 * NUL-terminated; at most 3 bytes per septet are needed). An ESC followed
 * by a septet with no extension character shows the basic one; a trailing
 * ESC shows a space. Returns the length written, or -1 if out is too small. */
long gsm7_to_utf8(const uint8_t *septets, size_t n, char *out, size_t outsz);

/* Appends code point cp as UTF-8 at out[*pos] (outsz bytes in all, room
 * kept for a NUL). Returns 0, or -1 if it does not fit. */
int gsm7_put_utf8(uint32_t cp, char *out, size_t outsz, size_t *pos);

/* Appends UTF-16BE text (n bytes; an odd last byte is ignored) as UTF-8 at
 * out[*pos]: surrogate pairs joined, a lone surrogate as U+FFFD (23.038
 * UCS-2 as phones send it). Returns 0, or -1 if it does not fit. */
int gsm7_ucs2_to_utf8(const uint8_t *s, size_t n, char *out, size_t outsz, size_t *pos);

#endif
