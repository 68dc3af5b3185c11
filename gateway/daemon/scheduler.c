/* SPDX-License-Identifier: Apache-2.0 */
/* scheduler.c: turns due clients into queued check-in messages, sends the
 * one reminder, records missed check-ins and ends pauses.
 *
 * Each run, in one transaction per batch: check-ins whose reply window
 * ended are marked missed; pauses that ended become active clients again;
 * each due client's check-in is recorded and its message queued (it
 * expires at the end of the reply window, so a check-in delayed by an
 * outage is not delivered in the middle of the night) and its next one is
 * planned; due reminders are queued. Then the one timer is armed for the
 * earliest of the four indexed "next" times.
 *
 * A client's row carries next_slot_at (the schedule's time), oneoff_at (an
 * operator's one-off) and next_due_at (the earlier of the slot's send
 * instant and the one-off; the only column the due query reads). When a
 * client comes due, the slot is checked against the current config first:
 * after a reload a slot that the schedule no longer has is not sent, the
 * client is planned again instead. So a changed schedule applies at once,
 * even before the background re-planning of a reload reaches that client.
 *
 * Quiet hours: a check-in is never sent inside them. A slot that falls
 * inside is planned for the end of the quiet hours (plus the client's
 * jitter); a one-off or checkin-now that comes due inside is held to the
 * end; a reminder that would fall inside is dropped (it is a nudge, and
 * the window is usually over by morning). A check-in whose window passed
 * while the gateway was down is recorded as missed and not sent. */
#include "daemon/scheduler.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/gw.h"
#include "base/log.h"
#include "daemon/outbox.h"
#include "model/schedule.h"
#include "model/template.h"
#include "model/caring.h"
#include "core/escalate.h"
#include "core/flowrun.h"
#include "daemon/escalator.h"

#define BATCH        2000 /* due clients or reminders per transaction */
#define REPLAN_BATCH 2000 /* clients re-planned per loop turn after a reload */
/* The next batch is armed this many ms ahead, not 0: libuv before 1.45
 * (Debian 12 has 1.44) runs a timer re-armed with 0 from its own callback
 * again in the same pass, before polling, so "0" never gave the loop back
 * and 100,000 due check-ins held inbound replies for the whole run. */
#define YIELD_MS     1

struct scheduler {
    struct gw *gw;
    uv_timer_t timer;        /* the earliest due thing */
    uv_timer_t replan_timer; /* background re-planning after a reload */
    void (*stopped)(struct gw *gw);
    int closing;             /* timers still closing */
    bool stopping;

    /* Re-planning after a reload: clients with id > replan_after whose
     * schedule is in replan_names (all of them when replan_all). */
    bool replanning, replan_all;
    int64_t replan_after, replanned;
    char (*replan_names)[CFG_NAME_MAX];
    size_t nreplan_names;
};

struct client_list {
    struct store_client *c;
    int n;
};

struct checkin_list {
    struct store_checkin *k;
    int n;
};

struct flowrun_list {
    struct store_flowrun *r;
    int n;
};

static void timer_cb(uv_timer_t *t);
static void replan_cb(uv_timer_t *t);

int scheduler_new(struct scheduler **out, struct gw *gw)
{
    struct scheduler *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->gw = gw;
    /* uv_timer_init cannot fail (libuv only fills in the handle). */
    uv_timer_init(gw->loop, &s->timer);
    uv_timer_init(gw->loop, &s->replan_timer);
    s->timer.data = s;
    s->replan_timer.data = s;
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
    if (--s->closing == 0 && s->stopped)
        s->stopped(s->gw);
}

void scheduler_stop(struct scheduler *s, void (*done)(struct gw *gw))
{
    s->stopping = true;
    s->stopped = done;
    s->closing = 2;
    uv_close((uv_handle_t *)&s->timer, closed_cb);
    uv_close((uv_handle_t *)&s->replan_timer, closed_cb);
}

void scheduler_free(struct scheduler *s)
{
    if (!s)
        return;
    free(s->replan_names);
    free(s);
}

/* ---- check-ins ----------------------------------------------------------------- */

static int collect_client_cb(void *ctx, const struct store_client *c)
{
    struct client_list *l = ctx;
    l->c[l->n++] = *c;
    return 0;
}

static int collect_checkin_cb(void *ctx, const struct store_checkin *k)
{
    struct checkin_list *l = ctx;
    l->k[l->n++] = *k;
    return 0;
}

/* Renders the question (or, for a reminder, the reminder text) of schedule
 * sch for client c into body. */
static void render(struct gw *gw, const struct gw_schedule *sch, const struct store_client *c,
                   bool reminder, char *body, size_t bodysz)
{
    char smin[8], smax[8];
    enum lang l = c->lang;
    const char *tpl = reminder ? gw_config_template(gw->cfg, l, TPL_REMINDER) : NULL;
    if (!tpl && sch->flow) {
        /* A flow's reminder (sent only while nothing is answered) is its
         * first question again; a flow's texts are sent as written. */
        int q = flowrun_first(sch->flow);
        snprintf(body, bodysz, "%s", q >= 0 ? flowrun_text(sch->flow, q, c->lang) : "");
        return;
    }
    if (!tpl) /* the question itself: the schedule's, else the program's */
        tpl = sch->question[l] ? sch->question[l] : gw_config_template(gw->cfg, l, TPL_CHECKIN);
    snprintf(smin, sizeof smin, "%d", sch->scale_min);
    snprintf(smax, sizeof smax, "%d", sch->scale_max);
    struct tpl_vars v = {.program = gw->cfg->program_name, .contact = gw->cfg->program_contact,
                         .alias = c->alias, .scale_min = smin, .scale_max = smax};
    if (template_render(tpl, &v, body, bodysz) < 0)
        log_error("template.render", "template=%s client=%s", reminder ? "reminder" : "checkin",
                  c->alias);
}

/* When the reminder of a check-in sent at due_at goes, or 0: none asked
 * for, after the window, or inside quiet hours. */
static int64_t reminder_at(struct gw *gw, const struct gw_schedule *sch,
                           const struct store_client *c, int64_t due_at, int64_t window_end)
{
    int64_t at, end;
    if (sch->reminder_minutes <= 0)
        return 0;
    at = due_at + (int64_t)sch->reminder_minutes * 60;
    if (at >= window_end)
        return 0;
    if (schedule_quiet_end(&gw->cfg->quiet, c->tz, at, &end) != 0 || end != at) {
        log_debug("reminder.skipped", "client=%s reason=\"inside quiet hours\"", c->alias);
        return 0;
    }
    return at;
}

/* The name a caring text signs with ({peer}): the client's specialist's
 * name (else their id), else the program's name. */
static const char *peer_name(struct gw *gw, const struct store_client *c,
                             struct store_specialist *sp)
{
    if (c->specialist_id > 0 && store_specialist_get(gw->store, c->specialist_id, sp) == STORE_OK)
        return sp->name[0] ? sp->name : sp->key;
    return gw->cfg->program_name;
}

/* Client c's caring contact cs is due (slot checked, outside quiet hours):
 * marked sent under its key, so it goes once, and queued (an ordinary
 * message: withheld after STOP or a pause, counted in the daily caps; no
 * check-in, so no reminder and nothing missed). A contact that comes due
 * more than a day late (the gateway was down) is skipped. Then the next one
 * is planned. Inside the batch's transaction. */
static int caring_one(struct gw *gw, const struct gw_schedule *sch, struct store_client *c,
                      const struct caring_slot *cs, int64_t now)
{
    char key[32], body[STORE_BODY_MAX];
    struct store_specialist sp;
    enum lang l = c->lang;
    int rc;
    caring_key(cs, key, sizeof key);
    if (now - cs->send > 86400) {
        log_warn("caring.missed_while_down", "client=%s contact=%s", c->alias, key);
    } else if ((rc = store_caring_mark(gw->store, c->id, key, cs->send, now)) == STORE_EXISTS) {
        log_info("caring.already_sent", "client=%s contact=%s", c->alias, key);
    } else if (rc != STORE_OK) {
        return rc;
    } else {
        struct tpl_vars v = {.program = gw->cfg->program_name, .contact = gw->cfg->program_contact,
                             .alias = c->alias, .peer = peer_name(gw, c, &sp)};
        if (template_render(caring_text(sch, c->id, cs, l), &v, body, sizeof body) < 0)
            log_error("template.render", "template=caring client=%s", c->alias);
        struct store_outbound m = {
            .to = c->phone, .body = body, .kind = MSG_KIND_CARING, .priority = MSG_PRIO_NORMAL,
            .client_id = c->id, .expires_at = cs->send + 86400,
        };
        if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK)
            return rc;
        log_info("caring.queued", "client=%s contact=%s", c->alias, key);
    }
    scheduler_plan(gw->cfg, c, cs->slot > now ? cs->slot : now);
    return store_client_set_plan(gw->store, c->id, c->next_due_at, c->next_slot_at, c->oneoff_at);
}

/* One due client (a copy the caller owns). Runs inside the batch's
 * transaction. */
static int checkin_one(struct gw *gw, struct store_client *c, int64_t now)
{
    const struct gw_config *cfg = gw->cfg;
    const struct gw_schedule *sch = gw_config_schedule(cfg, c->schedule);
    int64_t slot = c->next_slot_at, send = 0, checkin_id = 0, quiet_end;
    int rc;

    if (!sch) {
        scheduler_plan(cfg, c, now); /* logs; leaves only a one-off, which cannot be sent */
        c->next_due_at = c->oneoff_at = 0;
        return store_client_update(gw->store, c);
    }
    /* Is the stored slot still a slot of the schedule as configured now? */
    int64_t check_slot = 0;
    struct caring_slot cs;
    bool slot_ok = slot > 0 &&
                   scheduler_plan_slot(cfg, sch, c, slot - 1, &check_slot, &send, &cs) == 0 &&
                   check_slot == slot;
    bool regular_due = slot_ok && send <= now;
    bool oneoff_due = c->oneoff_at > 0 && c->oneoff_at <= now;

    if (!regular_due && !oneoff_due) {
        /* A plan made under another config (or before a migration): plan
         * again from where the old one stood, so a slot still to come is
         * kept and a slot that no longer exists is not sent. */
        int64_t after = slot > 0 && slot - 1 < now ? slot - 1 : now;
        if (!slot_ok)
            after = now;
        scheduler_plan(cfg, c, after);
        log_info("schedule.replanned", "client=%s reason=\"the schedule changed\"", c->alias);
        return store_client_update(gw->store, c);
    }
    if (schedule_quiet_end(&cfg->quiet, c->tz, now, &quiet_end) == 0 && quiet_end != now) {
        /* Only a one-off, or a send that was late (the gateway was down or
         * busy) into quiet hours, gets here: hold it until they end. */
        if (oneoff_due)
            c->oneoff_at = quiet_end;
        c->next_due_at = regular_due || quiet_end < send ? quiet_end : send;
        log_info("checkin.held", "client=%s until=%lld reason=\"quiet hours\"", c->alias,
                 (long long)quiet_end);
        return store_client_update(gw->store, c);
    }

    if (regular_due && sch->kind == SCHED_CARING)
        return caring_one(gw, sch, c, &cs, now);

    int64_t due_at = regular_due ? send : c->oneoff_at;
    if (regular_due && oneoff_due && c->oneoff_at < send)
        due_at = c->oneoff_at;
    int64_t window_end = due_at + (int64_t)sch->window_minutes * 60;
    /* The reminder time goes into the check-in's own INSERT (one statement
     * per table and per client: this runs 100,000 times in a minute). */
    int64_t remind = window_end < now ? 0 : reminder_at(gw, sch, c, due_at, window_end);
    if ((rc = store_checkin_insert_remind(gw->store, c->id, due_at, window_end, remind,
                                          &checkin_id)) != STORE_OK)
        return rc;
    if (window_end < now) {
        log_warn("checkin.missed_while_down", "client=%s due=%lld", c->alias, (long long)due_at);
    } else if (sch->flow) {
        if ((rc = flowrun_start(gw->store, sch, c, checkin_id, window_end, now)) != STORE_OK)
            return rc;
        log_info("checkin.queued", "client=%s checkin=%lld flow=%s%s", c->alias,
                 (long long)checkin_id, sch->flow_name, regular_due ? "" : " oneoff=1");
    } else {
        char body[STORE_BODY_MAX];
        render(gw, sch, c, false, body, sizeof body);
        struct store_outbound m = {
            .to = c->phone, .body = body, .kind = MSG_KIND_CHECKIN, .priority = MSG_PRIO_NORMAL,
            .client_id = c->id, .specialist_id = 0, .checkin_id = checkin_id,
            .expires_at = window_end,
        };
        if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK)
            return rc;
        log_info("checkin.queued", "client=%s checkin=%lld%s", c->alias, (long long)checkin_id,
                 regular_due ? "" : " oneoff=1");
    }
    /* Next: a one-off is used up; a regular slot moves on to the first one
     * after both itself and now (after an outage the missed ones are not
     * sent in a burst). */
    if (oneoff_due)
        c->oneoff_at = 0;
    if (regular_due)
        scheduler_plan(cfg, c, slot > now ? slot : now);
    else
        c->next_due_at = c->oneoff_at > 0 && c->oneoff_at < send ? c->oneoff_at : send;
    /* Only the plan changed (state, zone, schedule are as read). */
    return store_client_set_plan(gw->store, c->id, c->next_due_at, c->next_slot_at, c->oneoff_at);
}

/* One due reminder. Inside the batch's transaction. */
static int reminder_one(struct gw *gw, const struct store_checkin *k, int64_t now)
{
    struct store_client c;
    int64_t end;
    int rc = store_client_get(gw->store, k->client_id, &c);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    const struct gw_schedule *sch = rc == STORE_OK ? gw_config_schedule(gw->cfg, c.schedule) : NULL;
    /* Safety rule 5: after STOP nothing but answers; a pause means quiet. */
    const char *why = rc != STORE_OK                      ? "no such client"
                      : c.state != CLIENT_ACTIVE          ? client_state_name(c.state)
                      : !sch                              ? "schedule not in the config"
                      : sch->reminder_minutes <= 0        ? "reminders turned off"
                      : k->window_end < now               ? "window over"
                      : schedule_quiet_end(&gw->cfg->quiet, c.tz, now, &end) != 0 || end != now
                          ? "quiet hours"
                          : NULL;
    if (!why) {
        char body[STORE_BODY_MAX];
        render(gw, sch, &c, true, body, sizeof body);
        struct store_outbound m = {
            .to = c.phone, .body = body, .kind = MSG_KIND_REMINDER, .priority = MSG_PRIO_NORMAL,
            .client_id = c.id, .checkin_id = k->id, .expires_at = k->window_end,
        };
        if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK)
            return rc;
        log_info("reminder.queued", "client=%s checkin=%lld", c.alias, (long long)k->id);
    } else {
        log_info("reminder.dropped", "checkin=%lld reason=\"%s\"", (long long)k->id, why);
    }
    return store_checkin_reminded(gw->store, k->id, now);
}

static int collect_flowrun_cb(void *ctx, const struct store_flowrun *r)
{
    struct flowrun_list *l = ctx;
    l->r[l->n++] = *r;
    return 0;
}

/* Run r's reply window ended: kept as partly answered (or unanswered);
 * an instrument's result on its answers may escalate further than its
 * answers did one by one (a C-SSRS yes to 6 with no answer about when is
 * urgent). Inside the batch's transaction. Sets *escalated. */
static int flow_expire_one(struct gw *gw, struct store_flowrun *r, int64_t now, bool *escalated)
{
    struct flowrun_effect fx;
    struct store_client c;
    int rc = flowrun_expire(gw->store, gw->cfg, r, now, &fx);
    if (rc != STORE_OK)
        return rc;
    log_info("flow.window_ended", "run=%lld flow=%s state=%s", (long long)r->id, r->flow,
             run_state_name(r->state));
    if (fx.sev < SEV_HIGH)
        return STORE_OK;
    if ((rc = store_client_get(gw->store, r->client_id, &c)) != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc;
    struct reply_result none;
    memset(&none, 0, sizeof none);
    struct escalation_input ei = {
        .client = &c, .from = c.phone, .reply = &none,
        .schedule = gw_config_schedule(gw->cfg, c.schedule), .severity = fx.sev,
        .reason = fx.reason, .text = "", .no_crisis_text = !fx.crisis_text,
    };
    int64_t id = 0;
    bool merged = false;
    *escalated = true;
    return escalate_record(&gw->core, &ei, now, &id, &merged);
}

/* A pause that ended: active again, next check-in from the pause's end. */
static int resume_one(struct gw *gw, struct store_client *c, int64_t now)
{
    int64_t from = c->paused_until - 1;
    c->state = CLIENT_ACTIVE;
    c->paused_until = 0;
    scheduler_plan(gw->cfg, c, from < now ? now : from);
    log_info("client.resumed", "client=%s reason=\"pause ended\"", c->alias);
    int rc = store_client_update(gw->store, c);
    if (rc == STORE_OK)
        rc = store_audit(gw->store, now, "gateway", "client.resume", c->alias, "pause ended");
    return rc;
}

/* The earliest of the five things that wake the scheduler; 0 if none. */
static int next_wake(struct gw *gw, int64_t *out)
{
    int64_t best = 0, t;
    int rc;
    int (*const q[5])(struct store *, int64_t *) = {store_next_due, store_next_reminder,
                                                    store_next_window_end, store_next_pause_end,
                                                    store_next_flow_end};
    for (int i = 0; i < 5; i++) {
        rc = q[i](gw->store, &t);
        if (rc == STORE_NOTFOUND)
            continue;
        if (rc != STORE_OK)
            return rc;
        if (i == 2 || i == 4)
            t += 1; /* a window ending at t is missed once now > t */
        if (best == 0 || t < best)
            best = t;
    }
    *out = best;
    return STORE_OK;
}

/* Does what is due, a batch per transaction, then arms the timer. */
static void run(struct scheduler *s)
{
    struct gw *gw = s->gw;
    if (!gw->store_ok) {
        /* Nothing can be queued; the store's write probe wakes us. */
        uv_timer_start(&s->timer, timer_cb, 1000, 0);
        return;
    }
    struct client_list due = {.c = malloc(BATCH * sizeof *due.c)};
    struct client_list resumed = {.c = malloc(BATCH * sizeof *resumed.c)};
    struct checkin_list rem = {.k = malloc(BATCH * sizeof *rem.k)};
    struct flowrun_list ended = {.r = malloc(BATCH * sizeof *ended.r)};
    int rc = STORE_OK, missed = 0;
    bool more = false, escalated = false;
    if (!due.c || !resumed.c || !rem.k || !ended.r) {
        free(due.c);
        free(resumed.c);
        free(rem.k);
        free(ended.r);
        log_error("scheduler.run", "error=\"out of memory\" retry_in=1s");
        uv_timer_start(&s->timer, timer_cb, 1000, 0);
        return;
    }
    int64_t now = gw_now(gw);
    schedule_tz_batch_begin();
    if ((rc = store_begin(gw->store)) != STORE_OK)
        goto out;
    if ((rc = missed = store_checkins_expire(gw->store, now)) < 0)
        goto rollback;
    if ((rc = store_flowruns_expired(gw->store, now, BATCH, collect_flowrun_cb, &ended)) !=
        STORE_OK)
        goto rollback;
    for (int i = 0; i < ended.n; i++)
        if ((rc = flow_expire_one(gw, &ended.r[i], now, &escalated)) != STORE_OK)
            goto rollback;
    if ((rc = store_pauses_ended(gw->store, now, BATCH, collect_client_cb, &resumed)) != STORE_OK)
        goto rollback;
    for (int i = 0; i < resumed.n; i++)
        if ((rc = resume_one(gw, &resumed.c[i], now)) != STORE_OK)
            goto rollback;
    if ((rc = store_clients_due(gw->store, now, BATCH, collect_client_cb, &due)) != STORE_OK)
        goto rollback;
    for (int i = 0; i < due.n; i++)
        if ((rc = checkin_one(gw, &due.c[i], now)) != STORE_OK)
            goto rollback;
    if ((rc = store_reminders_due(gw->store, now, BATCH, collect_checkin_cb, &rem)) != STORE_OK)
        goto rollback;
    for (int i = 0; i < rem.n; i++)
        if ((rc = reminder_one(gw, &rem.k[i], now)) != STORE_OK)
            goto rollback;
    if ((rc = store_commit(gw->store)) != STORE_OK)
        goto out;
    if (missed > 0)
        log_info("checkin.missed", "count=%d reason=\"no reply by the end of the window\"",
                 missed);
    more = due.n == BATCH || rem.n == BATCH || resumed.n == BATCH || ended.n == BATCH;
    if (due.n || rem.n || escalated)
        outbox_kick(gw->outbox);
    if (escalated)
        escalator_kick(gw->escalator);
    goto out;
rollback:
    store_rollback(gw->store);
out:
    schedule_tz_batch_end();
    gw_store_result(gw, rc < 0 ? rc : STORE_OK);
    free(due.c);
    free(resumed.c);
    free(rem.k);
    free(ended.r);
    if (rc < 0) {
        log_error("scheduler.run", "error=\"%s\"", store_errmsg(gw->store));
        uv_timer_start(&s->timer, timer_cb, 1000, 0); /* the store may recover */
        return;
    }
    if (more) {
        uv_timer_start(&s->timer, timer_cb, YIELD_MS, 0);
        return;
    }
    int64_t next;
    if (next_wake(gw, &next) == STORE_OK && next > 0) {
        /* In milliseconds of the (offset) wall clock: a whole-second delay
         * from a whole-second now would fire up to a second late. */
        int64_t delay = next * 1000 - gw_now_ms(gw);
        uv_timer_start(&s->timer, timer_cb, delay > 0 ? (uint64_t)delay : 0, 0);
        log_debug("scheduler.next", "in=%lldms", (long long)(delay > 0 ? delay : 0));
    }
}

static void timer_cb(uv_timer_t *t)
{
    struct scheduler *s = t->data;
    if (!s->stopping)
        run(s);
}

/* ---- reload --------------------------------------------------------------------- */

static bool same_schedule(const struct gw_schedule *a, const struct gw_schedule *b)
{
    return a->ntimes == b->ntimes && a->days == b->days && a->jitter_minutes == b->jitter_minutes &&
           memcmp(a->times, b->times, sizeof a->times[0] * (size_t)a->ntimes) == 0 &&
           a->kind == b->kind && a->caring_from == b->caring_from &&
           a->caring_to == b->caring_to && a->ncaring_days == b->ncaring_days &&
           memcmp(a->caring_days, b->caring_days,
                  sizeof a->caring_days[0] * (size_t)a->ncaring_days) == 0;
}

void scheduler_reconfigure(struct scheduler *s, const struct gw_config *old,
                           const struct gw_config *cfg)
{
    if (!s || s->stopping)
        return;
    bool all = old->quiet.enabled != cfg->quiet.enabled ||
               (cfg->quiet.enabled &&
                (old->quiet.start != cfg->quiet.start || old->quiet.end != cfg->quiet.end));
    char(*names)[CFG_NAME_MAX] = NULL;
    size_t n = 0;
    if (!all) {
        names = calloc(cfg->nschedules + 1, sizeof *names);
        if (!names) {
            all = true; /* re-plan everyone rather than nobody */
        } else {
            for (size_t i = 0; i < cfg->nschedules; i++) {
                const struct gw_schedule *o = gw_config_schedule(old, cfg->schedules[i].name);
                if (!o || !same_schedule(o, &cfg->schedules[i]))
                    snprintf(names[n++], CFG_NAME_MAX, "%s", cfg->schedules[i].name);
            }
            /* A schedule that went away: its clients are logged as unknown
             * when they come due; nothing to plan. */
        }
    }
    if (!all && n == 0) {
        free(names); /* nothing changed; a re-planning still running goes on */
        return;
    }
    if (s->replanning && !s->replan_all && !all) {
        /* Merge with the running one, which restarts from the first client. */
        char(*m)[CFG_NAME_MAX] = realloc(s->replan_names, (s->nreplan_names + n) * sizeof *m);
        if (!m) {
            all = true;
        } else {
            memcpy(m + s->nreplan_names, names, n * sizeof *m);
            s->replan_names = m;
            s->nreplan_names += n;
            free(names);
            names = NULL;
        }
    }
    if (names || all) {
        free(s->replan_names);
        s->replan_names = all ? NULL : names;
        s->nreplan_names = all ? 0 : n;
        if (all)
            free(names);
        s->replan_all = all;
    }
    s->replanning = true;
    s->replan_after = 0;
    s->replanned = 0;
    log_info("schedule.replan_started", "schedules=%s",
             s->replan_all ? "all (quiet hours changed)" : "changed ones");
    uv_timer_start(&s->replan_timer, replan_cb, 0, 0);
}

static bool replan_wanted(const struct scheduler *s, const struct store_client *c)
{
    if (c->state != CLIENT_ACTIVE)
        return false; /* opted out: nothing; paused: planned when the pause ends */
    if (s->replan_all)
        return true;
    for (size_t i = 0; i < s->nreplan_names; i++)
        if (strcmp(s->replan_names[i], c->schedule) == 0)
            return true;
    return false;
}

/* One batch of the re-planning, in one transaction; then the next batch on
 * a later loop turn, so inbound messages and sends are never held up long. */
static void replan_cb(uv_timer_t *t)
{
    struct scheduler *s = t->data;
    struct gw *gw = s->gw;
    struct client_list l = {.c = malloc(REPLAN_BATCH * sizeof *l.c)};
    int rc = STORE_ERR;
    if (s->stopping || !s->replanning) {
        free(l.c);
        return;
    }
    if (!l.c)
        goto retry;
    int64_t now = gw_now(gw);
    if ((rc = store_begin(gw->store)) != STORE_OK)
        goto retry;
    if ((rc = store_clients_after(gw->store, s->replan_after, REPLAN_BATCH, collect_client_cb,
                                  &l)) != STORE_OK)
        goto rollback;
    schedule_tz_batch_begin();
    for (int i = 0; i < l.n; i++) {
        struct store_client *c = &l.c[i];
        /* Due now: the run checks the slot against the new config itself. */
        if (!replan_wanted(s, c) || (c->next_due_at > 0 && c->next_due_at <= now))
            continue;
        /* From just before the old slot, so a slot still to come today is
         * not skipped; never from the past beyond now. */
        int64_t after = c->next_slot_at > 0 && c->next_slot_at - 1 < now ? c->next_slot_at - 1
                                                                          : now;
        int64_t old_due = c->next_due_at, old_slot = c->next_slot_at;
        scheduler_plan(gw->cfg, c, after);
        if (c->next_due_at == old_due && c->next_slot_at == old_slot)
            continue;
        if ((rc = store_client_update(gw->store, c)) != STORE_OK) {
            schedule_tz_batch_end();
            goto rollback;
        }
        s->replanned++;
    }
    schedule_tz_batch_end();
    if ((rc = store_commit(gw->store)) != STORE_OK)
        goto retry;
    gw_store_result(gw, STORE_OK);
    if (l.n > 0)
        s->replan_after = l.c[l.n - 1].id;
    free(l.c);
    if (l.n == REPLAN_BATCH) {
        uv_timer_start(&s->replan_timer, replan_cb, YIELD_MS, 0);
        return;
    }
    log_info("schedule.replan_done", "changed=%lld", (long long)s->replanned);
    s->replanning = false;
    scheduler_kick(s); /* the earliest due time may have moved */
    return;
rollback:
    store_rollback(gw->store);
retry:
    free(l.c);
    gw_store_result(gw, rc < 0 ? rc : STORE_ERR);
    log_error("schedule.replan", "error=\"%s\" retry_in=1s", store_errmsg(gw->store));
    uv_timer_start(&s->replan_timer, replan_cb, 1000, 0);
}
