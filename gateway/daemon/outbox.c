/* SPDX-License-Identifier: Apache-2.0 */
/* outbox.c: claims queued messages from the store and hands them to providers.
 *
 * One uv_timer drives everything: kicked to 0 ms when something is queued,
 * otherwise armed for the earliest next_attempt_at, the next token of a
 * rate-limited provider or the next probe of a down one. Each claimed
 * message gets a small heap context that lives until its result is
 * written to the store. A result that cannot be written (disk full, lock)
 * is kept in memory and written again when the store recovers, so a
 * message does not stay "sending" until the next restart. */
#include "daemon/outbox.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/daycap.h"
#include "core/delivery.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "provider.h"
#include "model/route.h"
#include "model/schedule.h"

#define OUTBOX_MAX_INFLIGHT    32
#define OUTBOX_NORMAL_INFLIGHT 24 /* the other 8 slots are kept for urgent traffic */
#define OUTBOX_BATCH           8
#define URGENT_RETRY_SECONDS   5  /* after every provider of the route failed */
#define EXPIRE_SWEEP_MS        1000
#define PENDING_RETRY_MS       1000

/* The outbox's view of one provider instance. */
struct pstate {
    struct circuit c;
    struct tbucket b;
    double rate;            /* what b was made for; a reload may change it */
    char last_error[160];
};

struct outbox {
    struct gw *gw;
    uv_timer_t timer;
    int inflight;           /* claimed, result not yet written */
    bool stopping;
    void (*stopped)(struct gw *gw);
    struct pstate *ps;      /* one per gw->providers[i] */
    size_t nps;
    struct send_ctx *pending; /* results waiting for the store */
    uint64_t last_sweep_ms;
    bool released;   /* release_waiting made messages due during this run */
    struct daycap *caps;    /* limits.daily_per_*: today's ordinary messages */
    struct {                /* the program's local day, as computed last */
        char tz[CFG_TZ_MAX];
        int64_t key, start, end; /* daycap's day key; [start, end) in unix seconds */
    } day;
    uint64_t capped;        /* messages failed by a daily cap since start */
};

enum result { RES_SENT, RES_RETRY, RES_FAILED, RES_OPTED_OUT, RES_EXPIRED, RES_UNCLAIM };

struct send_ctx {
    struct outbox *ob;
    struct store_msg msg;
    struct gw_route route;  /* a copy: a reload may free the config meanwhile */
    bool tried[CFG_MAX_ROUTE];
    bool any_tried;         /* some provider was really tried in this attempt */
    size_t pidx;            /* gw->providers index of the provider being tried */
    bool probe;             /* this send is the probe of a down provider */
    bool copy;              /* a probe sent beside an urgent message: nothing to write */
    int64_t cap_day;        /* > 0: holds a place in that day's caps */
    uint64_t send_ns;       /* uv_hrtime() at the hand-over, for the latency histogram */
    struct provider *p;
    /* The result to write. */
    enum result res;
    int64_t at;             /* RES_RETRY / RES_UNCLAIM: next attempt */
    char pmid[128];
    char error[256];
    struct send_ctx *next;  /* in ob->pending */
};

static void run(struct outbox *ob);

int64_t outbox_backoff(int attempts, int base, int max, double rnd)
{
    int64_t ms = route_backoff_ms(attempts, (int64_t)base * 1000, (int64_t)max * 1000, rnd);
    return ms < 1000 ? 1 : ms / 1000;
}

static double rnd(void) { return (double)rand() / RAND_MAX; }
static int64_t now_ms(const struct outbox *ob) { return (int64_t)uv_now(ob->gw->loop); }
static bool is_urgent(const struct store_msg *m) { return m->priority >= MSG_PRIO_URGENT; }

static void timer_cb(uv_timer_t *t) { run(t->data); }

/* The day the daily caps count in: the local calendar day in
 * program.timezone (what operators mean by "today"), computed once per day
 * (and again when a reload changes the zone) rather than per message. If
 * the zone cannot be read (its file vanished after the config was checked)
 * the UTC day is used, and said so: caps still hold, on the wrong midnight. */
static int64_t caps_today(struct outbox *ob)
{
    const char *tz = ob->gw->cfg->default_tz;
    int64_t now = gw_now(ob->gw);
    if (now >= ob->day.start && now < ob->day.end && strcmp(ob->day.tz, tz) == 0)
        return ob->day.key;
    if (schedule_local_day(now, tz, &ob->day.key, &ob->day.start, &ob->day.end) != 0) {
        log_error("outbox.caps_utc", "tz=%s effect=\"daily caps count per UTC day\"", tz);
        ob->day.key = now / 86400 - (now % 86400 < 0);
        ob->day.start = ob->day.key * 86400;
        ob->day.end = ob->day.start + 86400;
    }
    snprintf(ob->day.tz, sizeof ob->day.tz, "%s", tz);
    return ob->day.key;
}

static int seed_cap(void *ctx, const char *to, int64_t n)
{
    struct outbox *ob = ctx;
    daycap_add(ob->caps, ob->day.key, to, n > INT32_MAX ? INT32_MAX : (int)n);
    return 0;
}

static void arm(struct outbox *ob, int64_t ms)
{
    if (!ob->stopping)
        uv_timer_start(&ob->timer, timer_cb, ms > 0 ? (uint64_t)ms : 0, 0);
}

int outbox_new(struct outbox **out, struct gw *gw)
{
    struct outbox *ob = calloc(1, sizeof *ob);
    if (!ob)
        return -1;
    ob->gw = gw;
    ob->nps = gw->nproviders;
    ob->ps = calloc(ob->nps ? ob->nps : 1, sizeof *ob->ps);
    if (!ob->ps || daycap_new(&ob->caps) != 0 || uv_timer_init(gw->loop, &ob->timer) != 0) {
        daycap_free(ob->caps);
        free(ob->ps);
        free(ob);
        return -1;
    }
    ob->timer.data = ob;
    /* Today's caps start from what was sent today before a restart. */
    caps_today(ob);
    int rc = store_outbound_sent_since(gw->store, ob->day.start, seed_cap, ob);
    if (rc != STORE_OK)
        log_warn("outbox.caps_unseeded", "error=\"%s\" effect=\"today's daily caps count from"
                 " now\"", store_errmsg(gw->store));
    *out = ob;
    return 0;
}

void outbox_kick(struct outbox *ob)
{
    if (ob)
        arm(ob, 0);
}

int outbox_inflight(const struct outbox *ob) { return ob ? ob->inflight : 0; }

int outbox_provider_info(const struct outbox *ob, size_t i, struct outbox_provider_info *out)
{
    if (!ob || i >= ob->nps)
        return -1;
    const struct pstate *ps = &ob->ps[i];
    int64_t now = now_ms(ob);
    memset(out, 0, sizeof *out);
    out->up = ps->c.state == CIRCUIT_UP;
    out->probing = ps->c.probing;
    out->retry_in_ms = !out->up && ps->c.retry_at_ms > now ? ps->c.retry_at_ms - now : 0;
    out->failures = ps->c.failures;
    out->rate_per_second = ps->rate;
    snprintf(out->last_error, sizeof out->last_error, "%s", ps->last_error);
    return 0;
}

static void timer_closed_cb(uv_handle_t *h)
{
    struct outbox *ob = h->data;
    if (ob->stopped)
        ob->stopped(ob->gw);
}

static void maybe_stopped(struct outbox *ob)
{
    if (ob->stopping && ob->inflight == 0 && !uv_is_closing((uv_handle_t *)&ob->timer))
        uv_close((uv_handle_t *)&ob->timer, timer_closed_cb);
}

static void flush_pending(struct outbox *ob);

void outbox_stop(struct outbox *ob, void (*done)(struct gw *gw))
{
    uv_timer_stop(&ob->timer);
    ob->stopping = true;
    ob->stopped = done;
    flush_pending(ob); /* one last try for results the store refused */
    maybe_stopped(ob);
}

void outbox_free(struct outbox *ob)
{
    if (!ob)
        return;
    /* Only after the loop ended: whatever is left was never written and
     * stays "sending" in the store, to be sent again after the restart. */
    while (ob->pending) {
        struct send_ctx *c = ob->pending;
        ob->pending = c->next;
        free(c);
    }
    daycap_free(ob->caps);
    free(ob->ps);
    free(ob);
}

uint64_t outbox_capped(const struct outbox *ob) { return ob ? ob->capped : 0; }

/* ---- routing ---------------------------------------------------------------- */

static int provider_index(const struct gw *gw, const char *name)
{
    for (size_t i = 0; i < gw->nproviders; i++)
        if (strcmp(gw->providers[i]->name, name) == 0)
            return (int)i;
    return -1;
}

static double configured_rate(const struct gw_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->nproviders; i++)
        if (strcmp(cfg->providers[i].name, name) == 0)
            return cfg->providers[i].rate_per_second;
    return 0;
}

/* Fills m[] (and idx[], the providers' indexes) for route r; members in
 * tried (may be NULL) or not running are marked tried. Returns r->n. */
static int members(struct outbox *ob, const struct gw_route *r, const bool *tried,
                   struct route_member *m, int *idx)
{
    struct gw *gw = ob->gw;
    for (int i = 0; i < r->n; i++) {
        int k = provider_index(gw, r->names[i]);
        idx[i] = k;
        if (k < 0) { /* listed by a reloaded config, not started: never usable */
            m[i] = (struct route_member){.c = NULL, .b = NULL, .tried = true};
            continue;
        }
        struct pstate *ps = &ob->ps[k];
        double rate = configured_rate(gw->cfg, r->names[i]);
        if (rate != ps->rate) {
            tbucket_init(&ps->b, rate, now_ms(ob));
            ps->rate = rate;
        }
        struct provider *p = gw->providers[k];
        m[i] = (struct route_member){.c = &ps->c, .b = &ps->b, .healthy = p->healthy,
                                     .tried = !p->running || (tried && tried[i])};
    }
    return r->n;
}

/* Messages that failed at provider `name` and wait out their back-off are
 * due again now that it answers: after an outage everything flushes. */
static void release_waiting(struct outbox *ob, const char *name)
{
    struct gw *gw = ob->gw;
    int n = store_outbox_release(gw->store, name, gw_now(gw));
    gw_store_result(gw, n < 0 ? n : STORE_OK);
    if (n > 0)
        ob->released = true;
    if (n > 0)
        log_info("outbox.released", "provider=%s count=%d reason=\"provider answers again\"", name,
                 n);
}

static void note_success(struct send_ctx *ctx)
{
    struct pstate *ps = &ctx->ob->ps[ctx->pidx];
    bool was_down = ps->c.state == CIRCUIT_DOWN;
    circuit_success(&ps->c);
    if (was_down) {
        log_info("provider.recovered", "provider=%s", ctx->p->name);
        ps->last_error[0] = '\0';
        release_waiting(ctx->ob, ctx->p->name);
    }
}

static void note_failure(struct outbox *ob, size_t pidx, bool probe, const char *error)
{
    struct pstate *ps = &ob->ps[pidx];
    bool was_up = ps->c.state == CIRCUIT_UP;
    int64_t now = now_ms(ob);
    circuit_failure(&ps->c, probe, now, rnd());
    snprintf(ps->last_error, sizeof ps->last_error, "%s", error);
    if (was_up || probe)
        log_warn(was_up ? "provider.down" : "provider.probe_failed",
                 "provider=%s failures=%d next_probe_in=%lldms error=\"%s\"",
                 ob->gw->providers[pidx]->name, ps->c.failures,
                 (long long)(ps->c.retry_at_ms - now), error);
}

static void done_cb(void *arg, int status, const char *provider_msg_id, const char *error);
static void finish(struct send_ctx *ctx);

/* An urgent message goes to a provider that is up (route_pick); a down one
 * of its route whose back-off is over is probed beside it, with a copy, so
 * it is found again without the message waiting for its time-out. The
 * copy's result only moves that provider's circuit. The person may get the
 * text twice, once per back-off at most: better than late. */
static void probe_alongside(struct send_ctx *ctx)
{
    struct outbox *ob = ctx->ob;
    struct gw *gw = ob->gw;
    struct route_member m[CFG_MAX_ROUTE];
    int idx[CFG_MAX_ROUTE];
    int n = members(ob, &ctx->route, ctx->tried, m, idx);
    int i = route_probe_due(m, n, now_ms(ob));
    if (i < 0)
        return;
    struct send_ctx *copy = calloc(1, sizeof *copy);
    if (!copy) {
        ob->ps[idx[i]].c.probing = false;
        return;
    }
    copy->ob = ob;
    copy->msg = ctx->msg;
    copy->copy = copy->probe = true;
    copy->pidx = (size_t)idx[i];
    copy->p = gw->providers[idx[i]];
    ob->inflight++;
    log_info("outbox.probe", "id=%lld provider=%s alongside=%s", (long long)copy->msg.id,
             copy->p->name, ctx->p->name);
    struct outmsg om = {
        .id = copy->msg.id, .to = copy->msg.to, .body = copy->msg.body,
        .priority = copy->msg.priority, .urgent = true,
    };
    copy->send_ns = uv_hrtime();
    if (provider_send(copy->p, &om, done_cb, copy) == 0)
        return;
    snprintf(copy->error, sizeof copy->error, "%s refused the message: %.160s", copy->p->name,
             copy->p->status);
    note_failure(ob, copy->pidx, true, copy->error);
    finish(copy);
}

/* Hands ctx's message to the next provider of its route that may take it.
 * Returns 0 if a send is under way (done_cb runs, maybe already has: ctx
 * must not be touched after), or -1 with *wait_ms when none may now. */
static int try_send(struct send_ctx *ctx, int64_t *wait_ms)
{
    struct outbox *ob = ctx->ob;
    struct gw *gw = ob->gw;
    for (;;) {
        struct route_member m[CFG_MAX_ROUTE];
        int idx[CFG_MAX_ROUTE];
        int n = members(ob, &ctx->route, ctx->tried, m, idx);
        bool probe;
        int i = route_pick(m, n, is_urgent(&ctx->msg), now_ms(ob), &probe, wait_ms);
        if (i < 0)
            return -1;
        ctx->tried[i] = true;
        ctx->any_tried = true;
        ctx->pidx = (size_t)idx[i];
        ctx->probe = probe;
        ctx->p = gw->providers[idx[i]];
        struct outmsg om = {
            .id = ctx->msg.id, .to = ctx->msg.to, .body = ctx->msg.body,
            .priority = ctx->msg.priority, .urgent = is_urgent(&ctx->msg),
        };
        if (probe)
            log_info("outbox.probe", "id=%lld provider=%s", (long long)ctx->msg.id, ctx->p->name);
        else if (om.urgent)
            probe_alongside(ctx);
        ctx->send_ns = uv_hrtime();
        if (provider_send(ctx->p, &om, done_cb, ctx) == 0)
            return 0;
        log_warn("outbox.send_refused", "id=%lld provider=%s status=\"%s\"",
                 (long long)ctx->msg.id, ctx->p->name, ctx->p->status);
        snprintf(ctx->error, sizeof ctx->error, "%s refused the message: %.160s", ctx->p->name,
                 ctx->p->status);
        note_failure(ob, ctx->pidx, probe, ctx->error);
    }
}

/* ---- results ------------------------------------------------------------------ */

/* "sent" with the provider's id, and in the same transaction the delivery
 * reports that overtook this answer and wait for that id (core/delivery.c):
 * they are applied now or, if the commit fails, with the result's next
 * write. Fills *late. Returns a STORE_* code. */
static int write_sent(struct send_ctx *ctx, int64_t now, struct delivery_late *late)
{
    struct gw *gw = ctx->ob->gw;
    struct store *s = gw->store;
    const char *pname = ctx->p ? ctx->p->name : "";
    int rc;
    late->n = 0;
    if (!ctx->pmid[0] || !ctx->p)
        return store_msg_sent(s, ctx->msg.id, pname, NULL, now);
    if ((rc = store_begin(s)) != STORE_OK)
        return rc;
    if ((rc = store_msg_sent(s, ctx->msg.id, pname, ctx->pmid, now)) == STORE_OK) {
        int n = delivery_replay(&gw->core, ctx->p->name, ctx->pmid, now, late);
        rc = n < 0 ? n : STORE_OK;
    }
    if (rc == STORE_OK)
        return store_commit(s);
    store_rollback(s);
    late->n = 0;
    return rc;
}

/* Writes ctx's result. Returns true once it is in the store (or there is
 * nothing left to change: the message is no longer "sending"). */
static bool write_result(struct send_ctx *ctx)
{
    struct gw *gw = ctx->ob->gw;
    struct store *s = gw->store;
    int64_t now = gw_now(gw);
    const char *pname = ctx->p ? ctx->p->name : "";
    int64_t id = ctx->msg.id;
    struct delivery_late late = {0};
    int rc;
    switch (ctx->res) {
    case RES_SENT: rc = write_sent(ctx, now, &late); break;
    case RES_RETRY: rc = store_msg_retry(s, id, pname, ctx->error, ctx->at, now); break;
    case RES_FAILED: rc = store_msg_failed(s, id, pname, ctx->error, now); break;
    case RES_EXPIRED: rc = store_msg_expired(s, id, now); break;
    case RES_UNCLAIM: rc = store_msg_unclaim(s, id, ctx->at, now); break;
    case RES_OPTED_OUT:
    default:
        /* The carrier says the person opted out: no more check-ins, in the
         * same transaction as the failure. */
        if ((rc = store_begin(s)) == STORE_OK) {
            if ((rc = store_msg_failed(s, id, pname, ctx->error, now)) == STORE_OK &&
                ctx->msg.client_id)
                rc = store_client_set_state(s, ctx->msg.client_id, CLIENT_OPTED_OUT, now);
            if (rc == STORE_OK)
                rc = store_commit(s);
            else
                store_rollback(s);
        }
        if (rc == STORE_OK && ctx->msg.client_id)
            log_warn("client.opted_out_by_carrier", "client=%lld provider=%s",
                     (long long)ctx->msg.client_id, pname);
        break;
    }
    gw_store_result(gw, rc);
    if (rc != STORE_OK && rc != STORE_NOTFOUND) {
        log_error("outbox.result_not_recorded", "id=%lld result=%d error=\"%s\" reason=\"kept;"
                  " written again when the store recovers\"", (long long)id, (int)ctx->res,
                  store_errmsg(s));
        return false;
    }
    if (late.n > 0) {
        /* After the commit: logged, counted, and any re-routed copy sent. */
        gw->metrics.dlr_held[MHELD_APPLIED] += (uint64_t)late.n;
        if (delivery_replayed(pname, &late) > 0)
            outbox_kick(ctx->ob);
    }
    return true;
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

static void complete(struct send_ctx *ctx)
{
    struct outbox *ob = ctx->ob;
    if (ctx->cap_day > 0 && ctx->res != RES_SENT) {
        /* Not sent after all: its place in today's caps is free again. */
        daycap_release(ob->caps, ctx->cap_day, ctx->msg.to);
        ctx->cap_day = 0;
    }
    if (write_result(ctx)) {
        finish(ctx);
        return;
    }
    ctx->next = ob->pending;
    ob->pending = ctx;
    arm(ob, PENDING_RETRY_MS);
}

static void flush_pending(struct outbox *ob)
{
    struct send_ctx *list = ob->pending, *ctx;
    ob->pending = NULL;
    while ((ctx = list) != NULL) {
        list = ctx->next;
        if (write_result(ctx)) {
            finish(ctx);
        } else {
            ctx->next = ob->pending;
            ob->pending = ctx;
        }
    }
}

/* The result of an attempt that did not send: another try later, expired,
 * or failed for good. */
static void set_retry(struct send_ctx *ctx, int64_t wait_ms)
{
    struct gw *gw = ctx->ob->gw;
    const struct gw_config *cfg = gw->cfg;
    int64_t now = gw_now(gw);
    struct store_msg *m = &ctx->msg;
    if (!ctx->any_tried) {
        /* Nobody was tried (all down and probing): not an attempt. */
        int64_t s = (wait_ms + 999) / 1000;
        ctx->res = RES_UNCLAIM;
        ctx->at = now + (s < 1 ? 1 : s > URGENT_RETRY_SECONDS ? URGENT_RETRY_SECONDS : s);
        return;
    }
    if (is_urgent(m)) {
        /* Never given up: every provider was tried at once; a short pause
         * before the whole route again (safety rule 3). */
        ctx->res = RES_RETRY;
        ctx->at = now + URGENT_RETRY_SECONDS;
        log_warn("outbox.urgent_retry", "id=%lld kind=%s attempts=%d in=%ds error=\"%s\"",
                 (long long)m->id, msg_kind_name(m->kind), m->attempts, URGENT_RETRY_SECONDS,
                 ctx->error);
        return;
    }
    if (m->attempts >= cfg->max_attempts) {
        ctx->res = RES_FAILED;
        log_error("outbox.failed", "id=%lld kind=%s attempts=%d error=\"%s\"", (long long)m->id,
                  msg_kind_name(m->kind), m->attempts, ctx->error);
        return;
    }
    int64_t delay = outbox_backoff(m->attempts, cfg->retry_base_seconds, cfg->retry_max_seconds,
                                   rnd());
    if (m->expires_at && now + delay > m->expires_at) {
        /* It would arrive after its window: a check-in at night helps nobody. */
        ctx->res = RES_EXPIRED;
        log_warn("outbox.expired", "id=%lld kind=%s attempts=%d reason=\"next try after its"
                 " window\" error=\"%s\"", (long long)m->id, msg_kind_name(m->kind), m->attempts,
                 ctx->error);
        return;
    }
    ctx->res = RES_RETRY;
    ctx->at = now + delay;
    log_warn("outbox.retry", "id=%lld kind=%s attempts=%d in=%llds error=\"%s\"",
             (long long)m->id, msg_kind_name(m->kind), m->attempts, (long long)delay, ctx->error);
}

/* Whether ctx's ordinary message must not go to another provider now: its
 * client opted out or paused while it was in flight (safety rule 5). It
 * then goes back to the queue, and the next claim cancels it. A store that
 * cannot tell holds it back too. */
static bool withheld(struct send_ctx *ctx)
{
    if (!ctx->msg.client_id)
        return false;
    struct gw *gw = ctx->ob->gw;
    int rc = store_outbox_withheld(gw->store, ctx->msg.id);
    if (rc < 0)
        gw_store_result(gw, rc);
    if (rc != 0)
        log_info("outbox.withheld", "id=%lld kind=%s reason=\"%s\"", (long long)ctx->msg.id,
                 msg_kind_name(ctx->msg.kind), rc > 0 ? "the client opted out or is paused"
                                       : "the client's state cannot be read");
    return rc != 0;
}

static void done_cb(void *arg, int status, const char *provider_msg_id, const char *error)
{
    struct send_ctx *ctx = arg;
    struct store_msg *m = &ctx->msg;
    bool urgent = is_urgent(m);
    char masked[32];
    phone_mask(m->to, masked, sizeof masked);
    snprintf(ctx->error, sizeof ctx->error, "%s", error ? error : "unknown error");
    struct gw *gw = ctx->ob->gw;
    gw_count_send(gw, ctx->p, status == SEND_OK ? MOUT_SENT : status == SEND_RETRY ? MOUT_RETRY
                              : status == SEND_OPTED_OUT ? MOUT_OPTED_OUT : MOUT_FAILED,
                  (double)(uv_hrtime() - ctx->send_ns) / 1e9);
    if (ctx->copy) {
        /* A probe beside an urgent message: the provider's answer is all
         * it tells (the message's own result comes from the original). */
        log_info("outbox.probe_result", "id=%lld provider=%s status=%d error=\"%s\"",
                 (long long)m->id, ctx->p->name, status, status == SEND_OK ? "" : ctx->error);
        if (status == SEND_RETRY)
            note_failure(ctx->ob, ctx->pidx, true, ctx->error);
        else
            note_success(ctx);
        finish(ctx);
        return;
    }

    if (status == SEND_OK) {
        if (urgent && m->escalation_id && m->queued_ms > 0)
            histogram_observe(&gw->metrics.escalation_latency,
                              (double)(gw_now_ms(gw) - m->queued_ms) / 1000.0);
        note_success(ctx);
        ctx->res = RES_SENT;
        snprintf(ctx->pmid, sizeof ctx->pmid, "%s", provider_msg_id ? provider_msg_id : "");
        log_info("outbox.sent", "id=%lld kind=%s to=%s provider=%s attempts=%d%s",
                 (long long)m->id, msg_kind_name(m->kind), masked, ctx->p->name, m->attempts,
                 ctx->probe ? " probe=1" : "");
        complete(ctx);
        return;
    }
    log_warn("outbox.send_failed", "id=%lld kind=%s to=%s provider=%s status=%d error=\"%s\"",
             (long long)m->id, msg_kind_name(m->kind), masked, ctx->p->name, status, ctx->error);
    if (status == SEND_RETRY)
        note_failure(ctx->ob, ctx->pidx, ctx->probe, ctx->error);
    else
        note_success(ctx); /* it answered: the message, not the provider, is the problem */

    /* The next provider at once: always for urgent traffic (another route
     * may still reach the person), for ordinary traffic when this one
     * failed temporarily. */
    int64_t wait_ms = 0;
    if (urgent || (status == SEND_RETRY && !withheld(ctx))) {
        if (try_send(ctx, &wait_ms) == 0)
            return;
    }
    if (status == SEND_RETRY || urgent) {
        set_retry(ctx, wait_ms);
    } else {
        ctx->res = status == SEND_OPTED_OUT ? RES_OPTED_OUT : RES_FAILED;
        log_error("outbox.failed", "id=%lld kind=%s error=\"%s\"", (long long)m->id,
                  msg_kind_name(m->kind), ctx->error);
    }
    complete(ctx);
}

/* ---- claiming ------------------------------------------------------------------ */

/* Takes the message's place in today's caps. Escalation traffic and STOP
 * confirmations never come here. Returns false with ctx's result set to
 * failed ("daily cap ...") when a cap is reached: held back, it would
 * only go out tomorrow, late, or feed the runaway the cap is there for. */
static bool reserve_cap(struct send_ctx *ctx)
{
    struct outbox *ob = ctx->ob;
    const struct gw_limits *l = &ob->gw->cfg->limits;
    int64_t day = caps_today(ob);
    enum daycap_verdict v = daycap_reserve(ob->caps, day, ctx->msg.to, l->daily_per_client,
                                           l->daily_per_program);
    if (v == DAYCAP_OK) {
        ctx->cap_day = day;
        return true;
    }
    if (v == DAYCAP_CLIENT)
        snprintf(ctx->error, sizeof ctx->error, "daily cap: %d messages to this number today"
                 " (limits.daily_per_client)", l->daily_per_client);
    else if (v == DAYCAP_PROGRAM)
        snprintf(ctx->error, sizeof ctx->error, "daily cap: %d messages from the program today"
                 " (limits.daily_per_program)", l->daily_per_program);
    else
        snprintf(ctx->error, sizeof ctx->error, "daily cap: too many numbers to count today");
    ctx->res = RES_FAILED;
    ob->capped++;
    char masked[32];
    phone_mask(ctx->msg.to, masked, sizeof masked);
    log_error("outbox.capped", "id=%lld kind=%s to=%s reason=\"%s\"", (long long)ctx->msg.id,
              msg_kind_name(ctx->msg.kind), masked, ctx->error);
    return false;
}

/* Starts one claimed message on its way. */
static void dispatch(struct outbox *ob, const struct store_msg *m, int64_t now)
{
    struct gw *gw = ob->gw;
    struct send_ctx *ctx = calloc(1, sizeof *ctx);
    ob->inflight++;
    if (!ctx) {
        struct send_ctx tmp = {.ob = ob, .msg = *m, .res = RES_UNCLAIM, .at = now + 1};
        log_error("outbox.oom", "id=%lld", (long long)m->id);
        write_result(&tmp); /* if even this fails, the restart requeues it */
        ob->inflight--;
        return;
    }
    ctx->ob = ob;
    ctx->msg = *m;
    if (m->expires_at && m->expires_at < now && !is_urgent(m)) {
        ctx->res = RES_EXPIRED;
        log_warn("outbox.expired", "id=%lld kind=%s", (long long)m->id, msg_kind_name(m->kind));
        complete(ctx);
        return;
    }
    /* Not a check-in: the STOP confirmation and a conversation are never capped. */
    if (!is_urgent(m) && m->kind != MSG_KIND_STOP &&
        m->kind != MSG_KIND_CONVERSATION && !reserve_cap(ctx)) {
        complete(ctx);
        return;
    }
    ctx->route = is_urgent(m) ? gw->cfg->route_urgent : gw->cfg->route_checkin;
    /* Re-routed after a failed delivery report: try that provider last. */
    if (m->avoid_provider[0] && ctx->route.n > 1)
        for (int i = 0; i < ctx->route.n; i++)
            if (strcmp(ctx->route.names[i], m->avoid_provider) == 0)
                ctx->tried[i] = true;
    int64_t wait_ms = 0;
    if (try_send(ctx, &wait_ms) != 0) {
        if (!ctx->any_tried && m->avoid_provider[0]) {
            /* Only the provider to avoid is left: better it than nobody. */
            memset(ctx->tried, 0, sizeof ctx->tried);
            if (try_send(ctx, &wait_ms) == 0)
                return;
        }
        set_retry(ctx, wait_ms);
        complete(ctx);
    }
}

/* Claims and dispatches messages of priority [pmin, pmax] while fewer than
 * limit are in flight, at most cap of them. Returns 0 or a STORE_* code. */
static int claim_round(struct outbox *ob, int pmin, int pmax, int limit, int cap)
{
    struct gw *gw = ob->gw;
    while (ob->inflight < limit && cap > 0 && !ob->stopping) {
        struct store_msg batch[OUTBOX_BATCH];
        int want = limit - ob->inflight;
        if (want > OUTBOX_BATCH)
            want = OUTBOX_BATCH;
        if (want > cap)
            want = cap;
        int64_t now = gw_now(gw);
        int n = store_outbox_claim(gw->store, now, pmin, pmax, batch, want);
        if (n < 0)
            return n;
        for (int i = 0; i < n; i++)
            dispatch(ob, &batch[i], now);
        cap -= n;
        if (n < want)
            break;
    }
    return STORE_OK;
}

/* Claims what is due and sends it, urgent first; then arms the timer for
 * the next due message, token or probe. */
static void run(struct outbox *ob)
{
    struct gw *gw = ob->gw;
    if (ob->stopping)
        return;
    if (ob->pending)
        flush_pending(ob);
    if (!gw->store_ok || ob->pending) {
        /* The store cannot take writes: claiming would only fail. gw's
         * write probe wakes us when it can. */
        arm(ob, PENDING_RETRY_MS);
        return;
    }
    uint64_t tick = uv_now(gw->loop);
    if (tick - ob->last_sweep_ms >= EXPIRE_SWEEP_MS || ob->last_sweep_ms == 0) {
        ob->last_sweep_ms = tick;
        int n = store_outbox_expire(gw->store, gw_now(gw));
        gw_store_result(gw, n < 0 ? n : STORE_OK);
        if (n > 0)
            log_warn("outbox.expired", "count=%d reason=\"not sent within the check-in window\"",
                     n);
        /* Delivery reports held for an id no send recorded in time. */
        n = gw_delivery_expire(gw, gw_now(gw));
        gw_store_result(gw, n < 0 ? n : STORE_OK);
    }

    /* A provider that answers again (a probe sent in this round) releases
     * the urgent messages waiting for it: claim those before any check-in. */
    int rc;
    do {
        ob->released = false;
        rc = claim_round(ob, MSG_PRIO_URGENT, INT_MAX, OUTBOX_MAX_INFLIGHT, INT_MAX);
    } while (rc == STORE_OK && ob->released && ob->inflight < OUTBOX_MAX_INFLIGHT);
    int64_t blocked_ms = 0;
    if (rc == STORE_OK && ob->inflight < OUTBOX_NORMAL_INFLIGHT) {
        struct route_member m[CFG_MAX_ROUTE];
        int idx[CFG_MAX_ROUTE];
        int n = members(ob, &gw->cfg->route_checkin, NULL, m, idx);
        int cap = route_capacity(m, n, now_ms(ob), &blocked_ms);
        if (cap > 0) {
            blocked_ms = 0;
            rc = claim_round(ob, INT_MIN, MSG_PRIO_URGENT - 1, OUTBOX_NORMAL_INFLIGHT, cap);
        }
    }
    if (rc != STORE_OK) {
        gw_store_result(gw, rc);
        log_error("outbox.claim", "error=\"%s\"", store_errmsg(gw->store));
        arm(ob, PENDING_RETRY_MS); /* the store may recover */
        return;
    }
    if (ob->inflight >= OUTBOX_MAX_INFLIGHT)
        return; /* a completion kicks us again */
    /* Urgent and ordinary traffic wait for different things: an ordinary
     * message due now may be held by its provider's rate or probe, which
     * must not delay an urgent retry due sooner. */
    int64_t next, delay = -1, now = gw_now(gw);
    /* An urgent message due now that this run did not claim became due
     * during it (a recovered provider released it): go again at once
     * rather than after a pause, so it is not overtaken by check-ins. */
    if (store_outbox_next(gw->store, MSG_PRIO_URGENT, INT_MAX, &next) == STORE_OK)
        delay = next > now ? (next - now) * 1000 : 0;
    if (store_outbox_next(gw->store, INT_MIN, MSG_PRIO_URGENT - 1, &next) == STORE_OK) {
        int64_t d = next > now ? (next - now) * 1000
                               : blocked_ms > 0 ? blocked_ms : PENDING_RETRY_MS;
        if (delay < 0 || d < delay)
            delay = d;
    }
    if (delay >= 0)
        arm(ob, delay); /* else nothing is queued: a new message kicks us */
}
