/* SPDX-License-Identifier: Apache-2.0 */
/* urlform.h: application/x-www-form-urlencoded, both ways. Pure: no I/O.
 *
 * Decoding keeps every pair in arrival order, repeated names included (a
 * webhook signature covers all of them), and takes any bytes: a '%' not
 * followed by two hex digits is kept literally, as browsers and Twilio's
 * own libraries do, and decoded values may hold NULs or invalid UTF-8. */
#ifndef GW_URLFORM_H
#define GW_URLFORM_H

#include <stddef.h>

struct urlform_pair {
    char *name;  /* decoded, NUL-terminated */
    char *value; /* decoded, NUL-terminated (value_len excludes the NUL) */
    size_t name_len, value_len;
};

struct urlform {
    struct urlform_pair *v;
    size_t n;
};

/* Decodes body (len bytes, need not be NUL-terminated) into f, which is
 * owned by the caller afterwards (urlform_free). A pair without '=' has an
 * empty value; empty segments ("a=1&&b=2") are skipped. Returns 0, or -1 on
 * out of memory or more than max_pairs pairs (f is then empty). */
int urlform_parse(const char *body, size_t len, size_t max_pairs, struct urlform *f);
void urlform_free(struct urlform *f);

/* The value of the first pair called name, or NULL. Borrowed from f. */
const char *urlform_get(const struct urlform *f, const char *name);

/* Sorts the pairs by name, then value, byte by byte (Twilio's signature
 * order; UTF-8 byte order is code point order). */
void urlform_sort(struct urlform *f);

/* Appends "name=value" (with a leading '&' unless at the start) to buf,
 * percent-encoding everything but ALPHA / DIGIT / "-._~" (spaces as %20).
 * *off is the current length of buf. Returns 0, or -1 if it does not fit
 * (buf is then left NUL-terminated at the old length). */
int urlform_append(char *buf, size_t cap, size_t *off, const char *name, const char *value);

/* Percent-encodes s into buf like urlform_append. Returns 0, or -1 if it
 * does not fit. */
int urlform_escape(char *buf, size_t cap, const char *s);

#endif
