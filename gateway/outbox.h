/* outbox.h: the durable send queue. Messages wait in SQLite (state queued);
 * the outbox claims them by priority, routes each to a provider and records
 * the result: sent, a retry time with back-off, or failed. Urgent messages
 * (988 messages, specialist alerts) go first, fail over to the next provider
 * of their route at once, never expire and never give up. */
#ifndef GW_OUTBOX_H
#define GW_OUTBOX_H

#include <stdint.h>

struct gw;
struct outbox;

/* Returns 0 and *out, or -1. The outbox reads gw->cfg at each use, so a
 * reload applies at once. */
int outbox_new(struct outbox **out, struct gw *gw);
/* Look at the queue soon (on the next loop turn). Cheap; coalesces. */
void outbox_kick(struct outbox *ob);
/* Messages handed to providers whose result has not come back. */
int outbox_inflight(const struct outbox *ob);
/* No new claims; calls done(gw) once nothing is in flight and the timer is
 * closed. The caller bounds the wait. */
void outbox_stop(struct outbox *ob, void (*done)(struct gw *gw));
/* Frees ob after its timer closed (after outbox_stop's done). NULL no-op. */
void outbox_free(struct outbox *ob);

/* Pure: the delay before attempt number `attempts` + 1, in seconds: base *
 * 2^(attempts-1), capped at max, then spread by +-20% using rnd (0..1). */
int64_t outbox_backoff(int attempts, int base, int max, double rnd);

#endif
