/* scheduler.c: turns due clients into queued check-in messages.
 *
 * Each run takes the due clients in batches, and for each, in one
 * transaction per batch: records the check-in, queues its message (which
 * expires at the end of the reply window, so a check-in delayed by an outage
 * is not delivered in the middle of the night), and stores the next due
 * time. A check-in whose window passed while the gateway was down is
 * recorded as missed and not sent. */
#include "scheduler.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gw.h"
#include "log.h"
#include "outbox.h"
#include "schedule.h"
#include "template.h"

#define BATCH 256

struct scheduler {
    struct gw *gw;
    uv_timer_t timer;
    void (*stopped)(struct gw *gw);
    bool stopping;
};

struct due_list {
    struct store_client *c;
    int n;
};

static void timer_cb(uv_timer_t *t);

int scheduler_new(struct scheduler **out, struct gw *gw)
{
    struct scheduler *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->gw = gw;
    if (uv_timer_init(gw->loop, &s->timer) != 0) {
        free(s);
        return -1;
    }
    s->timer.data = s;
    *out = s;
    return 0;
}

void scheduler_kick(struct scheduler *s)
{
    if (s && !s->stopping)
        uv_timer_start(&s->timer, timer_cb, 0, 0);
}

static void closed_cb(uv_handle_t *h)
{
    struct scheduler *s = h->data;
    if (s->stopped)
        s->stopped(s->gw);
}

void scheduler_stop(struct scheduler *s, void (*done)(struct gw *gw))
{
    s->stopping = true;
    s->stopped = done;
    uv_close((uv_handle_t *)&s->timer, closed_cb);
}

void scheduler_free(struct scheduler *s) { free(s); }

int64_t scheduler_next_due(struct gw *gw, const struct store_client *c, int64_t after)
{
    const struct gw_schedule *sch = gw_config_schedule(gw->cfg, c->schedule);
    int64_t due = 0;
    if (!sch) {
        log_error("schedule.unknown", "client=%s schedule=%s reason=\"not in the config;"
                  " no check-ins until it is\"", c->alias, c->schedule);
        return 0;
    }
    if (schedule_next(sch, c->tz, after, &due) != 0) {
        log_error("schedule.failed", "client=%s schedule=%s tz=%s", c->alias, c->schedule, c->tz);
        return 0;
    }
    return due;
}

static int collect_cb(void *ctx, const struct store_client *c)
{
    struct due_list *l = ctx;
    l->c[l->n++] = *c;
    return 0;
}

/* Queues one client's check-in. Runs inside the batch's transaction. */
static int checkin_one(struct gw *gw, const struct store_client *c, int64_t now)
{
    const struct gw_schedule *sch = gw_config_schedule(gw->cfg, c->schedule);
    int64_t due = c->next_due_at, next, checkin_id = 0;
    int rc;
    /* The next one strictly after now: after an outage, the ones missed are
     * not sent in a burst. */
    next = scheduler_next_due(gw, c, due > now ? due : now);
    if (!sch)
        return store_client_set_next_due(gw->store, c->id, 0);

    int64_t window_end = due + (int64_t)sch->window_minutes * 60;
    if ((rc = store_checkin_insert(gw->store, c->id, due, window_end, &checkin_id)) != STORE_OK)
        return rc;
    if (window_end < now) {
        log_warn("checkin.missed_while_down", "client=%s due=%lld", c->alias, (long long)due);
    } else {
        char body[STORE_BODY_MAX], smin[8], smax[8];
        enum lang l = LANG_EN;
        if (lang_parse(c->lang, &l) != 0)
            l = LANG_EN;
        snprintf(smin, sizeof smin, "%d", sch->scale_min);
        snprintf(smax, sizeof smax, "%d", sch->scale_max);
        struct tpl_vars v = {.program = gw->cfg->program_name, .contact = gw->cfg->program_contact,
                             .alias = c->alias, .scale_min = smin, .scale_max = smax};
        if (template_render(gw_config_template(gw->cfg, l, TPL_CHECKIN), &v, body, sizeof body) < 0)
            log_error("template.render", "template=checkin client=%s", c->alias);
        struct store_outbound m = {
            .to = c->phone, .body = body, .kind = MSG_KIND_CHECKIN, .priority = MSG_PRIO_NORMAL,
            .client_id = c->id, .specialist_id = 0, .checkin_id = checkin_id,
            .expires_at = window_end,
        };
        if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK)
            return rc;
        log_info("checkin.queued", "client=%s checkin=%lld", c->alias, (long long)checkin_id);
    }
    return store_client_set_next_due(gw->store, c->id, next);
}

/* Sends what is due, a batch per transaction, then arms the timer. */
static void run(struct scheduler *s)
{
    struct gw *gw = s->gw;
    struct due_list l = {.c = malloc(BATCH * sizeof *l.c)};
    int rc = STORE_OK;
    bool more = false;
    if (!l.c) {
        uv_timer_start(&s->timer, timer_cb, 1000, 0);
        return;
    }
    int64_t now = gw_now(gw);
    if ((rc = store_begin(gw->store)) != STORE_OK)
        goto out;
    if ((rc = store_checkins_expire(gw->store, now)) < 0)
        goto rollback;
    if ((rc = store_clients_due(gw->store, now, BATCH, collect_cb, &l)) != STORE_OK)
        goto rollback;
    for (int i = 0; i < l.n; i++)
        if ((rc = checkin_one(gw, &l.c[i], now)) != STORE_OK)
            goto rollback;
    if ((rc = store_commit(gw->store)) != STORE_OK)
        goto out;
    more = l.n == BATCH;
    if (l.n)
        outbox_kick(gw->outbox);
    goto out;
rollback:
    store_rollback(gw->store);
out:
    gw_store_result(gw, rc < 0 ? rc : STORE_OK);
    free(l.c);
    if (rc < 0) {
        log_error("scheduler.run", "error=\"%s\"", store_errmsg(gw->store));
        uv_timer_start(&s->timer, timer_cb, 1000, 0); /* the store may recover */
        return;
    }
    if (more) {
        uv_timer_start(&s->timer, timer_cb, 0, 0);
        return;
    }
    int64_t next;
    if (store_next_due(gw->store, &next) == STORE_OK) {
        int64_t delay = next - gw_now(gw);
        uv_timer_start(&s->timer, timer_cb, delay > 0 ? (uint64_t)delay * 1000 : 0, 0);
        log_debug("scheduler.next", "in=%llds", (long long)(delay > 0 ? delay : 0));
    }
}

static void timer_cb(uv_timer_t *t)
{
    struct scheduler *s = t->data;
    if (!s->stopping)
        run(s);
}
