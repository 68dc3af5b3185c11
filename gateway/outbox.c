/* outbox.c: claims queued messages from the store and hands them to providers.
 *
 * One uv_timer drives everything: kicked to 0 ms when something is queued,
 * otherwise armed for the earliest next_attempt_at. Each claimed message
 * gets a small heap context that lives until its provider calls back. */
#include "outbox.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gw.h"
#include "log.h"
#include "provider.h"

#define OUTBOX_MAX_INFLIGHT 32
#define URGENT_RETRY_SECONDS 5

struct outbox {
    struct gw *gw;
    uv_timer_t timer;
    int inflight;
    bool stopping;
    bool timer_closed;
    void (*stopped)(struct gw *gw);
};

struct send_ctx {
    struct outbox *ob;
    struct store_msg msg;
    struct gw_route route;   /* a copy: a reload may free the config meanwhile */
    int route_pos;          /* index in route of the provider being tried */
    int tried;              /* providers tried in this attempt */
    struct provider *p;
};

static void run(struct outbox *ob);

int64_t outbox_backoff(int attempts, int base, int max, double rnd)
{
    double d = base;
    for (int i = 1; i < attempts && d < max; i++)
        d *= 2;
    if (d > max)
        d = max;
    d *= 0.8 + 0.4 * rnd; /* jitter, so a recovered provider is not hit by a wave */
    return d < 1 ? 1 : (int64_t)d;
}

static void timer_cb(uv_timer_t *t) { run(t->data); }

int outbox_new(struct outbox **out, struct gw *gw)
{
    struct outbox *ob = calloc(1, sizeof *ob);
    if (!ob)
        return -1;
    ob->gw = gw;
    if (uv_timer_init(gw->loop, &ob->timer) != 0) {
        free(ob);
        return -1;
    }
    ob->timer.data = ob;
    *out = ob;
    return 0;
}

void outbox_kick(struct outbox *ob)
{
    if (ob && !ob->stopping)
        uv_timer_start(&ob->timer, timer_cb, 0, 0);
}

int outbox_inflight(const struct outbox *ob) { return ob ? ob->inflight : 0; }

static void timer_closed_cb(uv_handle_t *h)
{
    struct outbox *ob = h->data;
    ob->timer_closed = true;
    if (ob->inflight == 0 && ob->stopped)
        ob->stopped(ob->gw);
}

static void maybe_stopped(struct outbox *ob)
{
    if (ob->stopping && ob->inflight == 0 && !uv_is_closing((uv_handle_t *)&ob->timer))
        uv_close((uv_handle_t *)&ob->timer, timer_closed_cb);
}

void outbox_stop(struct outbox *ob, void (*done)(struct gw *gw))
{
    ob->stopping = true;
    ob->stopped = done;
    uv_timer_stop(&ob->timer);
    maybe_stopped(ob);
}

void outbox_free(struct outbox *ob) { free(ob); }

/* The next provider in ctx's route to try, starting at ctx->route_pos:
 * healthy ones first; when none is healthy, the route's first one anyway
 * (a provider that says it is down may have recovered). NULL if the route
 * is empty or exhausted. */
static struct provider *pick(struct send_ctx *ctx)
{
    struct gw *gw = ctx->ob->gw;
    const struct gw_route *r = &ctx->route;
    for (int i = ctx->route_pos; i < r->n; i++) {
        struct provider *p = gw_provider(gw, r->names[i]);
        if (p && p->healthy) {
            ctx->route_pos = i;
            return p;
        }
    }
    if (ctx->tried == 0 && r->n > 0) {
        ctx->route_pos = 0;
        return gw_provider(gw, r->names[0]);
    }
    return NULL;
}

static void done_cb(void *arg, int status, const char *provider_msg_id, const char *error);

/* Hands ctx's message to the next provider. Returns 0 if a send is under
 * way (done_cb will run), -1 if no provider took it. */
static int try_send(struct send_ctx *ctx)
{
    struct provider *p;
    while ((p = pick(ctx)) != NULL) {
        ctx->p = p;
        ctx->tried++;
        struct outmsg m = {
            .id = ctx->msg.id, .to = ctx->msg.to, .body = ctx->msg.body,
            .priority = ctx->msg.priority, .urgent = ctx->msg.priority >= MSG_PRIO_URGENT,
        };
        if (provider_send(p, &m, done_cb, ctx) == 0)
            return 0;
        log_warn("outbox.send_refused", "id=%lld provider=%s", (long long)ctx->msg.id, p->name);
        ctx->route_pos++;
    }
    return -1;
}

/* Records a failed attempt: another try later, or failed for good. */
static void record_retry(struct send_ctx *ctx, const char *error)
{
    struct gw *gw = ctx->ob->gw;
    const struct gw_config *cfg = gw->cfg;
    int64_t now = gw_now(gw);
    bool urgent = ctx->msg.priority >= MSG_PRIO_URGENT;
    const char *pname = ctx->p ? ctx->p->name : "";
    int rc;
    if (!urgent && ctx->msg.attempts >= cfg->max_attempts) {
        rc = store_msg_failed(gw->store, ctx->msg.id, pname, error, now);
        log_error("outbox.failed", "id=%lld kind=%s attempts=%d error=\"%s\"",
                  (long long)ctx->msg.id, ctx->msg.kind, ctx->msg.attempts, error);
    } else {
        /* Urgent messages never give up: every provider was tried at once,
         * now a short pause before the whole route again (rule 3). */
        int64_t delay = urgent ? URGENT_RETRY_SECONDS
                               : outbox_backoff(ctx->msg.attempts, cfg->retry_base_seconds,
                                                cfg->retry_max_seconds,
                                                (double)rand() / RAND_MAX);
        rc = store_msg_retry(gw->store, ctx->msg.id, pname, error, now + delay, now);
        log_warn("outbox.retry", "id=%lld kind=%s attempts=%d in=%llds error=\"%s\"",
                 (long long)ctx->msg.id, ctx->msg.kind, ctx->msg.attempts, (long long)delay,
                 error);
    }
    gw_store_result(gw, rc);
}

static void finish(struct send_ctx *ctx)
{
    struct outbox *ob = ctx->ob;
    free(ctx);
    ob->inflight--;
    if (ob->stopping)
        maybe_stopped(ob);
    else
        outbox_kick(ob);
}

static void done_cb(void *arg, int status, const char *provider_msg_id, const char *error)
{
    struct send_ctx *ctx = arg;
    struct gw *gw = ctx->ob->gw;
    int64_t now = gw_now(gw);
    bool urgent = ctx->msg.priority >= MSG_PRIO_URGENT;
    char masked[32];
    phone_mask(ctx->msg.to, masked, sizeof masked);
    const char *err = error ? error : "unknown error";

    if (status == SEND_OK) {
        int rc = store_msg_sent(gw->store, ctx->msg.id, ctx->p->name, provider_msg_id, now);
        gw_store_result(gw, rc);
        log_info("outbox.sent", "id=%lld kind=%s to=%s provider=%s attempts=%d",
                 (long long)ctx->msg.id, ctx->msg.kind, masked, ctx->p->name, ctx->msg.attempts);
        finish(ctx);
        return;
    }
    log_warn("outbox.send_failed", "id=%lld kind=%s to=%s provider=%s status=%d error=\"%s\"",
             (long long)ctx->msg.id, ctx->msg.kind, masked, ctx->p->name, status, err);
    /* Urgent traffic fails over to the next provider at once, whatever the
     * error: another route may still reach the person. */
    if (urgent) {
        ctx->route_pos++;
        if (try_send(ctx) == 0)
            return;
    }
    if (status == SEND_RETRY || urgent) {
        record_retry(ctx, err);
    } else {
        int rc = store_msg_failed(gw->store, ctx->msg.id, ctx->p->name, err, now);
        gw_store_result(gw, rc);
        if (status == SEND_OPTED_OUT && ctx->msg.client_id) {
            rc = store_client_set_state(gw->store, ctx->msg.client_id, "opted_out", now);
            gw_store_result(gw, rc);
            log_warn("client.opted_out_by_carrier", "client=%lld",
                     (long long)ctx->msg.client_id);
        }
        log_error("outbox.failed", "id=%lld kind=%s error=\"%s\"", (long long)ctx->msg.id,
                  ctx->msg.kind, err);
    }
    finish(ctx);
}

/* Claims what is due and sends it; then arms the timer for the next due
 * retry. Expired check-ins are marked, not sent. */
static void run(struct outbox *ob)
{
    struct gw *gw = ob->gw;
    if (ob->stopping)
        return;
    while (ob->inflight < OUTBOX_MAX_INFLIGHT) {
        struct store_msg batch[8];
        int want = OUTBOX_MAX_INFLIGHT - ob->inflight;
        if (want > 8)
            want = 8;
        int64_t now = gw_now(gw);
        int n = store_outbox_claim(gw->store, now, batch, want);
        if (n < 0) {
            gw_store_result(gw, n);
            log_error("outbox.claim", "error=\"%s\"", store_errmsg(gw->store));
            uv_timer_start(&ob->timer, timer_cb, 1000, 0); /* the store may recover */
            return;
        }
        if (n == 0)
            break;
        for (int i = 0; i < n; i++) {
            struct store_msg *m = &batch[i];
            if (m->expires_at && m->expires_at < now && m->priority < MSG_PRIO_URGENT) {
                gw_store_result(gw, store_msg_expired(gw->store, m->id, now));
                log_warn("outbox.expired", "id=%lld kind=%s", (long long)m->id, m->kind);
                continue;
            }
            struct send_ctx *ctx = calloc(1, sizeof *ctx);
            if (!ctx) {
                gw_store_result(gw, store_msg_retry(gw->store, m->id, "", "out of memory",
                                                    now + 1, now));
                continue;
            }
            ctx->ob = ob;
            ctx->msg = *m;
            ctx->route = m->priority >= MSG_PRIO_URGENT ? gw->cfg->route_urgent
                                                        : gw->cfg->route_checkin;
            ob->inflight++;
            if (try_send(ctx) != 0) {
                ctx->p = NULL;
                record_retry(ctx, "no provider accepted the message");
                ob->inflight--;
                free(ctx);
            }
        }
    }
    if (ob->inflight >= OUTBOX_MAX_INFLIGHT)
        return; /* a completion kicks us again */
    int64_t next;
    int rc = store_outbox_next(gw->store, &next);
    if (rc == STORE_OK) {
        int64_t delay = next - gw_now(gw);
        uv_timer_start(&ob->timer, timer_cb, delay > 0 ? (uint64_t)delay * 1000 : 1000, 0);
    }
}
