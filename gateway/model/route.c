/* SPDX-License-Identifier: Apache-2.0 */
/* route.c: token buckets, provider circuits and the choice of a provider
 * for one message. Pure: see route.h. */
#include "model/route.h"

#include <math.h>

int64_t route_backoff_ms(int n, int64_t base_ms, int64_t max_ms, double rnd)
{
    double d = (double)base_ms;
    for (int i = 1; i < n && d < (double)max_ms; i++)
        d *= 2;
    if (d > (double)max_ms)
        d = (double)max_ms;
    if (rnd < 0)
        rnd = 0;
    if (rnd > 1)
        rnd = 1;
    d *= 0.8 + 0.4 * rnd; /* jitter, so a recovered peer is not hit by a wave */
    return d < 1 ? 1 : (int64_t)d;
}

/* ---- token bucket ---------------------------------------------------------- */

void tbucket_init(struct tbucket *b, double rate, int64_t now_ms)
{
    b->rate = rate > 0 ? rate : 0;
    /* A burst of one second's worth, at least one token: a provider limited
     * to 0.5/s may still send its first message at once. */
    b->burst = b->rate >= 1 ? b->rate : 1;
    b->tokens = b->burst;
    b->last_ms = now_ms;
}

static void refill(struct tbucket *b, int64_t now_ms)
{
    if (now_ms > b->last_ms) {
        b->tokens += (double)(now_ms - b->last_ms) * b->rate / 1000.0;
        if (b->tokens > b->burst)
            b->tokens = b->burst;
    }
    b->last_ms = now_ms; /* a clock that went backwards only restarts the count */
}

/* Milliseconds until one whole token is there (refilled already). */
static int64_t until_token(const struct tbucket *b)
{
    int64_t w = (int64_t)ceil((1.0 - b->tokens) * 1000.0 / b->rate);
    return w < 1 ? 1 : w;
}

int tbucket_available(struct tbucket *b, int64_t now_ms)
{
    if (b->rate <= 0)
        return INT32_MAX;
    refill(b, now_ms);
    return b->tokens >= 1 ? (int)floor(b->tokens) : 0;
}

int64_t tbucket_take(struct tbucket *b, int64_t now_ms, bool force)
{
    if (b->rate <= 0)
        return 0;
    refill(b, now_ms);
    if (b->tokens >= 1 || force) {
        b->tokens -= 1;
        if (b->tokens < -b->burst)
            b->tokens = -b->burst; /* bounded debt: a burst of alerts cannot stall check-ins long */
        return 0;
    }
    return until_token(b);
}

/* ---- circuit ------------------------------------------------------------------ */

enum admit circuit_admit(const struct circuit *c, bool healthy, bool urgent, int64_t now_ms,
                         int64_t *wait_ms)
{
    if (c->state == CIRCUIT_UP && healthy)
        return ADMIT_SEND;
    /* Down, or the provider itself says it cannot send: probe, one at a time. */
    if (c->probing) {
        *wait_ms = ROUTE_PROBE_BASE_MS; /* its result wakes the outbox anyway */
        return ADMIT_NO;
    }
    if (urgent || now_ms >= c->retry_at_ms)
        return ADMIT_PROBE;
    *wait_ms = c->retry_at_ms - now_ms;
    return ADMIT_NO;
}

void circuit_success(struct circuit *c)
{
    c->state = CIRCUIT_UP;
    c->failures = 0;
    c->retry_at_ms = 0;
    c->probing = false;
}

void circuit_failure(struct circuit *c, bool probe, int64_t now_ms, double rnd)
{
    /* Sends that were already in flight when the circuit opened fail too;
     * they say nothing new. */
    if (c->state == CIRCUIT_DOWN && !probe)
        return;
    c->state = CIRCUIT_DOWN;
    c->failures++;
    c->probing = false;
    c->retry_at_ms =
        now_ms + route_backoff_ms(c->failures, ROUTE_PROBE_BASE_MS, ROUTE_PROBE_MAX_MS, rnd);
}

/* ---- choosing ---------------------------------------------------------------- */

int route_pick(struct route_member *m, int n, bool urgent, int64_t now_ms, bool *probe,
               int64_t *wait_ms)
{
    int64_t best = INT64_MAX;
    *probe = false;
    /* Urgent traffic goes to a provider that is up, wherever it stands in
     * the route: probing a down one first would make it wait for that
     * provider's time-out (15 s for an HTTP peer that stops answering).
     * Down ones are probed beside it (route_probe_due), or in turn when
     * none is up (below). */
    for (int i = 0; urgent && i < n; i++) {
        int64_t w = 0;
        if (!m[i].tried && circuit_admit(m[i].c, m[i].healthy, true, now_ms, &w) == ADMIT_SEND) {
            tbucket_take(m[i].b, now_ms, true);
            return i;
        }
    }
    for (int i = 0; i < n; i++) {
        int64_t w = 0;
        if (m[i].tried)
            continue;
        enum admit a = circuit_admit(m[i].c, m[i].healthy, urgent, now_ms, &w);
        if (a == ADMIT_NO) {
            if (w < best)
                best = w;
            continue;
        }
        if (a == ADMIT_PROBE) {
            tbucket_take(m[i].b, now_ms, true);
            m[i].c->probing = true;
            *probe = true;
            return i;
        }
        w = tbucket_take(m[i].b, now_ms, urgent);
        if (w == 0)
            return i;
        /* Up but at its rate: ordinary traffic waits for it rather than
         * spilling onto the next provider (which may cost more, or be the
         * modem kept for emergencies). */
        *wait_ms = w;
        return -1;
    }
    *wait_ms = best == INT64_MAX ? ROUTE_PROBE_BASE_MS : (best < 1 ? 1 : best);
    return -1;
}

int route_probe_due(struct route_member *m, int n, int64_t now_ms)
{
    for (int i = 0; i < n; i++) {
        int64_t w = 0;
        if (!m[i].tried && circuit_admit(m[i].c, m[i].healthy, false, now_ms, &w) == ADMIT_PROBE) {
            tbucket_take(m[i].b, now_ms, true);
            m[i].c->probing = true;
            return i;
        }
    }
    return -1;
}

int route_capacity(struct route_member *m, int n, int64_t now_ms, int64_t *wait_ms)
{
    int64_t best = INT64_MAX;
    int cap = 0;
    for (int i = 0; i < n; i++) {
        int64_t w = 0;
        if (m[i].tried)
            continue;
        enum admit a = circuit_admit(m[i].c, m[i].healthy, false, now_ms, &w);
        if (a == ADMIT_NO) {
            if (w < best)
                best = w;
            continue;
        }
        if (a == ADMIT_PROBE) {
            cap++;
            continue;
        }
        int avail = tbucket_available(m[i].b, now_ms);
        if (avail == INT32_MAX)
            return INT32_MAX;
        cap += avail;
        if (avail == 0) {
            w = until_token(m[i].b);
            if (w < best)
                best = w;
        }
        break; /* nothing spills past a provider that is up */
    }
    if (cap == 0)
        *wait_ms = best == INT64_MAX ? ROUTE_PROBE_BASE_MS : (best < 1 ? 1 : best);
    return cap;
}
