/* SPDX-License-Identifier: Apache-2.0 */
/* route.h: pure routing arithmetic for the outbox (no I/O, no clock read:
 * "now" is passed in, in milliseconds).
 *
 * - A token bucket per provider instance enforces its rate_per_second, as
 *   carriers do (Twilio long codes take about 1 message a second).
 * - A circuit per provider instance remembers that it failed: while it is
 *   down, nothing is sent to it except one probe message at a time, after
 *   an exponential back-off with jitter; the first success closes it again.
 * - route_pick() chooses the provider of an ordered route for one message:
 *   the first one that may take it now. Ordinary traffic never spills past
 *   a provider that is up but out of tokens (it waits for it); it moves on
 *   only past providers that are down. Urgent traffic borrows tokens and
 *   goes to the first provider that is up, wherever it stands in the route
 *   (failover at once: it never waits for a down provider's time-out); a
 *   down one whose back-off is over is probed beside it with a copy
 *   (route_probe_due). Only when none is up does urgent traffic probe the
 *   down ones in turn, without waiting for their back-off (still one probe
 *   at a time), so an alert never waits for a timer. */
#ifndef GW_ROUTE_H
#define GW_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

/* Circuit back-off: 1 s after the first failure, doubling to 60 s. */
#define ROUTE_PROBE_BASE_MS 1000
#define ROUTE_PROBE_MAX_MS  60000

/* Pure: base_ms * 2^(n-1), capped at max_ms, then spread by +-20% using rnd
 * (0..1) so that many waiters do not all come back at once. n < 1 counts as 1. */
int64_t route_backoff_ms(int n, int64_t base_ms, int64_t max_ms, double rnd);

struct tbucket {
    double rate;    /* tokens a second; 0 = unlimited */
    double burst;   /* the most tokens it holds: max(1, rate) */
    double tokens;  /* may go negative: urgent traffic borrows */
    int64_t last_ms;
};

/* A full bucket for rate (0 = unlimited) at now_ms. */
void tbucket_init(struct tbucket *b, double rate, int64_t now_ms);
/* Whole tokens available at now_ms (refills first); INT32_MAX when unlimited. */
int tbucket_available(struct tbucket *b, int64_t now_ms);
/* Takes one token. Returns 0 if taken; otherwise the milliseconds until one
 * is there (>= 1) and takes nothing. With force, takes it anyway (the
 * balance goes negative, down to -burst, delaying later ordinary traffic)
 * and returns 0. */
int64_t tbucket_take(struct tbucket *b, int64_t now_ms, bool force);

enum circuit_state { CIRCUIT_UP = 0, CIRCUIT_DOWN };

struct circuit {
    enum circuit_state state;
    int failures;       /* consecutive, since the last success */
    int64_t retry_at_ms;/* DOWN: no probe before this */
    bool probing;       /* DOWN: a probe message is in flight */
};

/* What circuit_admit allows. */
enum admit { ADMIT_NO = 0, ADMIT_SEND, ADMIT_PROBE };

/* Whether a message may go to this provider now. healthy is the provider's
 * own view (p->healthy): a provider that says it is not usable is treated
 * as down, to be probed. *wait_ms (if ADMIT_NO) says when to look again. */
enum admit circuit_admit(const struct circuit *c, bool healthy, bool urgent, int64_t now_ms,
                         int64_t *wait_ms);
/* The provider answered (sent, or refused the message itself: a bad number
 * is not a sick provider). Closes the circuit. */
void circuit_success(struct circuit *c);
/* A send failed temporarily or was refused. probe says whether it was the
 * probe; a failure of a send that was in flight before the circuit opened
 * does not lengthen the back-off again. rnd in 0..1 for the jitter. */
void circuit_failure(struct circuit *c, bool probe, int64_t now_ms, double rnd);

/* One provider of a route, as route_pick sees it (pointers borrowed). */
struct route_member {
    struct circuit *c;
    struct tbucket *b;
    bool healthy;   /* p->healthy */
    bool tried;     /* already tried for this message, or to be avoided */
};

/* Chooses for one message: the index of the member to send it to, with its
 * token taken and, for a probe, c->probing set (*probe = true); or -1 when
 * no member may take it now, with *wait_ms the time until one might (>= 1). */
int route_pick(struct route_member *m, int n, bool urgent, int64_t now_ms, bool *probe,
               int64_t *wait_ms);

/* For an urgent message already on its way to a provider that is up: the
 * index of a member that is down (or says it is unhealthy), not tried, not
 * being probed, whose back-off is over, to be probed in parallel with a
 * copy; its token is taken and c->probing set. -1 when there is none. */
int route_probe_due(struct route_member *m, int n, int64_t now_ms);

/* How many ordinary messages the route could take at now_ms without
 * waiting (probes count 1; an unlimited provider that is up counts
 * INT32_MAX); 0 with *wait_ms when none. Changes nothing but refills. */
int route_capacity(struct route_member *m, int n, int64_t now_ms, int64_t *wait_ms);

#endif
