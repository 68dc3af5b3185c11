/* SPDX-License-Identifier: Apache-2.0 */
/* senderlimit.h: pure per-sender inbound rate limit (no I/O, no clock
 * read: now is passed in, in milliseconds).
 *
 * One token bucket (route.h's tbucket) per sender number, in a table of
 * fixed size: memory stays bounded whatever a flood does. A sender not in
 * the table has a full bucket, so when its slot is needed the entry whose
 * bucket is fullest (the sender quiet the longest) is the one given up: a
 * flood of new numbers can only make the limiter forget quiet senders.
 *
 * What the limit means is the caller's decision (gateway/core/inbound.c): every
 * message is still recorded and a crisis still escalates; a sender over
 * the limit only stops getting automatic answers, which is what ends a
 * loop of auto-replies between two machines. */
#ifndef GW_SENDERLIMIT_H
#define GW_SENDERLIMIT_H

#include <stddef.h>
#include <stdint.h>

struct senderlimit;

/* A table of `slots` senders (rounded up to a power of two, at least 16).
 * Returns 0 and *out (free with senderlimit_free), or -1 out of memory. */
int senderlimit_new(struct senderlimit **out, size_t slots);
void senderlimit_free(struct senderlimit *l); /* NULL is a no-op */

enum senderlimit_verdict {
    SENDER_OK = 0,        /* within the limit: a token was taken */
    SENDER_LIMITED_FIRST, /* over the limit, and it was not a moment ago (log this one) */
    SENDER_LIMITED,       /* still over the limit */
};

/* One inbound message from sender (any string; compared whole): takes a
 * token from its bucket of `burst` tokens refilled at per_hour an hour. */
enum senderlimit_verdict senderlimit_take(struct senderlimit *l, const char *sender, int burst,
                                          int per_hour, int64_t now_ms);

/* Senders in the table (for /metrics). */
size_t senderlimit_count(const struct senderlimit *l);

#endif
