/* SPDX-License-Identifier: Apache-2.0 */
/* core.h: what the rules in gateway/core/ work on: the store, the config,
 * the clock, and the one call up to whatever runs them (a count for
 * /metrics). The core reaches nothing else, as canonical/raft's core
 * reaches I/O only through struct raft_io: the daemon fills it in
 * (gateway/daemon/gw.c), a unit test fills it with a fake and a temporary
 * store, and no loop is needed.
 *
 * What the core queued waits for the caller's COMMIT; waking the outbox,
 * the escalator and the scheduler after it is the daemon's part (e.g.
 * inbound_committed in gateway/daemon/inbound_batch.c), so none of it
 * is here.
 *
 * Every call of struct core_io is required; ctx is the io_ctx beside it. */
#ifndef GW_CORE_CORE_H
#define GW_CORE_CORE_H

#include <stdint.h>

struct store;
struct gw_config;
struct senderlimit;

struct core_io {
    /* The gateway's now, unix seconds, and the same clock in milliseconds
     * (for the escalation-latency histogram, which starts at the queueing). */
    int64_t (*now)(void *ctx);
    int64_t (*now_ms)(void *ctx);
    /* A monotonic clock in milliseconds, for the per-sender inbound rate. */
    int64_t (*mono_ms)(void *ctx);
    /* An automatic answer was not sent (the sender is over its rate). */
    void (*answer_suppressed)(void *ctx);
};

struct core {
    struct store *store;         /* borrowed */
    const struct gw_config *cfg; /* borrowed; the daemon points it at each reload's config */
    struct senderlimit *senders; /* borrowed: the per-sender inbound rate (limits.sender_*) */
    const struct core_io *io;    /* borrowed, static */
    void *io_ctx;                /* passed to every io call */
};

static inline int64_t core_now(const struct core *c)
{
    return c->io->now(c->io_ctx);
}
static inline int64_t core_now_ms(const struct core *c)
{
    return c->io->now_ms(c->io_ctx);
}

#endif
