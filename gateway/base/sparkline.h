/* SPDX-License-Identifier: Apache-2.0 */
/* sparkline.h: pure. A row of characters whose heights follow a series of
 * 0-100 values (moods), for a terminal: UTF-8 block elements, or a plain
 * ASCII ramp where the terminal's locale is not UTF-8. */
#ifndef GW_SPARKLINE_H
#define GW_SPARKLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes one character per value of v[0..n) into out (always
 * NUL-terminated): values below 0 count as 0, above 100 as 100, and NaN
 * as a gap (a space). utf8 picks U+2581..U+2588 (3 bytes each) over the
 * ASCII ramp "_.-=+*#@" (1 byte each). Returns the number of values
 * drawn, which is fewer than n only if out was too small. */
size_t sparkline(const double *v, size_t n, bool utf8, char *out, size_t outsz);

/* The bytes sparkline needs for n values, with the terminating NUL. */
size_t sparkline_size(size_t n, bool utf8);

#endif
