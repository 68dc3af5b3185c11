/* SPDX-License-Identifier: Apache-2.0 */
/* errbuf.h: the one way pure parsers (pdu, spoolfile, kannelproto) say why
 * they refused their input: a message written into the caller's buffer,
 * which may be NULL when the caller does not want to know. */
#ifndef GW_ERRBUF_H
#define GW_ERRBUF_H

#include <stddef.h>

/* printf fmt into err[0..errlen) (cut to fit); nothing when err is NULL or
 * errlen is 0. */
void errbuf_set(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
