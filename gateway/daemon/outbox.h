/* SPDX-License-Identifier: Apache-2.0 */
/* outbox.h: the durable send queue. Messages wait in SQLite (state queued);
 * the outbox claims them by priority, routes each to a provider and records
 * the result: sent, a retry time with back-off, failed, or expired.
 *
 * Urgent messages (988 messages, specialist alerts) are claimed first (a
 * share of the in-flight slots is kept for them), fail over to the next
 * provider of their route at once, never expire and never give up.
 * Ordinary messages respect each provider's rate_per_second and wait with
 * exponential back-off; a check-in not sent within its window expires.
 * A provider that fails is probed, one message at a time with back-off,
 * until it answers again (see route.h). */
#ifndef GW_OUTBOX_H
#define GW_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gw;
struct outbox;

/* Returns 0 and *out, or -1. Call after gw->providers is complete. The
 * outbox reads gw->cfg at each use, so a reload applies at once. */
int outbox_new(struct outbox **out, struct gw *gw);
/* Look at the queue soon (on the next loop turn). Cheap; coalesces. */
void outbox_kick(struct outbox *ob);
/* Messages handed to providers whose result is not yet recorded. */
int outbox_inflight(const struct outbox *ob);
/* No new claims; calls done(gw) once nothing is in flight and the timer is
 * closed. The caller bounds the wait: what is still in flight then stays
 * "sending" and is sent again after a restart (at-least-once). */
void outbox_stop(struct outbox *ob, void (*done)(struct gw *gw));
/* Frees ob after its timer closed (after outbox_stop's done). NULL no-op. */
void outbox_free(struct outbox *ob);

/* What the outbox knows about provider gw->providers[i], for /healthz. */
struct outbox_provider_info {
    bool up;                /* the circuit is closed: sends go to it */
    bool probing;           /* down, and a probe message is in flight */
    int64_t retry_in_ms;    /* down: the next probe in this many ms (0 = now) */
    int failures;           /* consecutive failed sends */
    double rate_per_second; /* 0 = no limit */
    char last_error[160];   /* why it went down, or "" */
};
/* Returns 0 and fills out, or -1 if i is out of range. */
int outbox_provider_info(const struct outbox *ob, size_t i, struct outbox_provider_info *out);

/* Ordinary messages failed by a daily cap (limits.daily_per_*) since start. */
uint64_t outbox_capped(const struct outbox *ob);

/* Pure: the delay before attempt number `attempts` + 1, in seconds: base *
 * 2^(attempts-1), capped at max, then spread by +-20% using rnd (0..1). */
int64_t outbox_backoff(int attempts, int base, int max, double rnd);

#endif
