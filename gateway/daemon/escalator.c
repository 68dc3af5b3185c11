/* SPDX-License-Identifier: Apache-2.0 */
/* escalator.c: the re-alert timer and the daily digest timer (see
 * escalator.h). Each run is one transaction; on a store error the run is
 * tried again a second later (the store may recover), never dropped. */
#include "daemon/escalator.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/digest_consent.h"
#include "core/conversation.h"
#include "core/escalate.h"
#include "core/followup.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "daemon/outbox.h"
#include "model/schedule.h"
#include "core/screening.h"

#define REALERT_BATCH 64
#define TREND_POINTS  64   /* the newest moods a trend looks at */
#define DIGEST_LINES  8    /* findings listed in one digest text */
#define DIGEST_BATCH  256  /* clients per digest transaction */

/* A digest run walks the clients by id in batches (keyset pagination), one
 * transaction each, and yields to the loop between them: memory stays at
 * one batch and an inbound crisis message waits for one batch at most,
 * whatever the number of clients. */
struct digest_run {
    bool active;            /* a timer-driven run is under way */
    bool walked;            /* every client done; the digests are left */
    int64_t now;            /* the run's instant: every batch judges at it */
    int64_t after_id;       /* the last client id done */
    int findings, batches;
    struct store_client *buf; /* DIGEST_BATCH of them, owned while active */
};

struct escalator {
    struct gw *gw;
    uv_timer_t realert, digest;
    void (*stopped)(struct gw *gw);
    int open_handles;
    bool stopping;
    bool rearmed;           /* the start's sweep for lost chains is done */
    int64_t digest_at;      /* the digest slot the timer is armed for */
    struct digest_run run;
};

static void realert_cb(uv_timer_t *t);
static void digest_cb(uv_timer_t *t);

int escalator_new(struct escalator **out, struct gw *gw)
{
    struct escalator *x = calloc(1, sizeof *x);
    if (!x)
        return -1;
    x->gw = gw;
    /* uv_timer_init cannot fail on a live loop (it only fills the struct). */
    uv_timer_init(gw->loop, &x->realert);
    uv_timer_init(gw->loop, &x->digest);
    x->open_handles = 2;
    x->realert.data = x;
    x->digest.data = x;
    *out = x;
    return 0;
}

static void closed_cb(uv_handle_t *h)
{
    struct escalator *x = h->data;
    if (--x->open_handles == 0 && x->stopped)
        x->stopped(x->gw);
}

void escalator_stop(struct escalator *x, void (*done)(struct gw *gw))
{
    x->stopping = true;
    x->stopped = done;
    uv_close((uv_handle_t *)&x->realert, closed_cb);
    uv_close((uv_handle_t *)&x->digest, closed_cb);
}

void escalator_free(struct escalator *x)
{
    if (x)
        free(x->run.buf);
    free(x);
}

/* ---- re-alerts ------------------------------------------------------------------ */

static void arm_realert(struct escalator *x)
{
    int64_t at;
    /* Once a start: an open escalation with no re-alert pending (left by an
     * older version that ended chains after max_realerts, or by anything
     * else) is due at once. Tried again at the next kick if the store
     * cannot take the write yet (read-only, locked). */
    if (!x->rearmed) {
        int n = store_escalations_rearm(x->gw->store, gw_now(x->gw));
        x->rearmed = n >= 0;
        if (n > 0)
            log_warn("escalation.rearmed", "escalations=%d reason=\"open with no re-alert"
                     " pending\"", n);
    }
    int rc = store_escalation_realert_next(x->gw->store,
                                           (int64_t)x->gw->cfg->esc.follow_up_hours * 3600, &at);
    /* The end of an idle conversation rides on it too (its holder is told). */
    int64_t idle_at = 0;
    int irc = store_conversations_idle_next(
        x->gw->store, (int64_t)x->gw->cfg->esc.conversation_idle_hours * 3600, &idle_at);
    if (irc == STORE_OK && (rc == STORE_NOTFOUND || idle_at < at)) {
        at = idle_at;
        rc = STORE_OK;
    } else if (irc != STORE_OK && irc != STORE_NOTFOUND) {
        rc = irc;
    }
    if (rc == STORE_NOTFOUND) {
        uv_timer_stop(&x->realert);
        return;
    }
    if (rc != STORE_OK) {
        uv_timer_start(&x->realert, realert_cb, 1000, 0);
        return;
    }
    int64_t delay = at - gw_now(x->gw);
    uv_timer_start(&x->realert, realert_cb, delay > 0 ? (uint64_t)delay * 1000 : 0, 0);
    log_debug("escalation.next_realert", "in=%llds", (long long)(delay > 0 ? delay : 0));
}

struct due {
    struct store_escalation e[REALERT_BATCH];
    struct store_screening sc[REALERT_BATCH];
    struct store_followup fu[REALERT_BATCH];
    int n, nsc, nfu;
};

static int followup_due_cb(void *ctx, const struct store_followup *f)
{
    struct due *d = ctx;
    d->fu[d->nfu++] = *f;
    return 0;
}

static int due_cb(void *ctx, const struct store_escalation *e)
{
    struct due *d = ctx;
    d->e[d->n++] = *e;
    return 0;
}

static int screening_due_cb(void *ctx, const struct store_screening *sc)
{
    struct due *d = ctx;
    d->sc[d->nsc++] = *sc;
    return 0;
}

static void realert_run(struct escalator *x)
{
    struct gw *gw = x->gw;
    struct due *d = calloc(1, sizeof *d);
    int64_t now = gw_now(gw);
    int rc;
    if (!d) {
        uv_timer_start(&x->realert, realert_cb, 1000, 0);
        return;
    }
    if ((rc = store_begin(gw->store)) != STORE_OK)
        goto out;
    rc = store_escalations_realert_due(gw->store, now, REALERT_BATCH, due_cb, d);
    for (int i = 0; rc == STORE_OK && i < d->n; i++)
        rc = escalate_realert(&gw->core, &d->e[i], now);
    int realerts = d->n;
    /* Held-back follow-ups to acknowledgers ride on the same timer. */
    d->n = 0;
    if (rc == STORE_OK)
        rc = store_escalations_followup_due(gw->store, now, REALERT_BATCH, due_cb, d);
    for (int i = 0; rc == STORE_OK && i < d->n; i++)
        rc = escalate_followup(&gw->core, &d->e[i], now);
    int followups = d->n;
    /* So do the reminders to resolve, follow_up_hours after an ACK. */
    d->n = 0;
    if (rc == STORE_OK)
        rc = store_escalations_remind_due(gw->store, now,
                                          (int64_t)gw->cfg->esc.follow_up_hours * 3600,
                                          REALERT_BATCH, due_cb, d);
    for (int i = 0; rc == STORE_OK && i < d->n; i++)
        rc = escalate_remind_resolve(&gw->core, &d->e[i], now);
    /* And unanswered screening questions past their deadline (rule 6). */
    if (rc == STORE_OK)
        rc = store_screenings_due(gw->store, now, REALERT_BATCH, screening_due_cb, d);
    for (int i = 0; rc == STORE_OK && i < d->nsc; i++)
        rc = screening_expire(&gw->core, &d->sc[i], now);
    /* And the steps of follow-up tasks (sent, again, overdue, handed on). */
    if (rc == STORE_OK)
        rc = store_followups_due(gw->store, now, REALERT_BATCH, followup_due_cb, d);
    for (int i = 0; rc == STORE_OK && i < d->nfu; i++)
        rc = followup_step(&gw->core, &d->fu[i], now);
    /* And conversations that went idle: ended, their holders told. */
    int idle = 0;
    if (rc == STORE_OK && (idle = conversation_expire_idle(&gw->core, now)) < 0)
        rc = idle;
    bool full = realerts == REALERT_BATCH || followups == REALERT_BATCH ||
                d->n == REALERT_BATCH || d->nsc == REALERT_BATCH || d->nfu == REALERT_BATCH;
    d->n += realerts + followups + d->nsc + d->nfu + (idle > 0 ? idle : 0);
    if (rc != STORE_OK) {
        store_rollback(gw->store);
        goto out;
    }
    rc = store_commit(gw->store);
out:
    gw_store_result(gw, rc);
    if (rc != STORE_OK) {
        log_error("escalation.realert_failed", "error=\"%s\"", store_errmsg(gw->store));
        uv_timer_start(&x->realert, realert_cb, 1000, 0);
    } else {
        if (d->n)
            outbox_kick(gw->outbox);
        if (full) /* 1 ms, not 0: libuv 1.44 runs a timer re-armed with 0 from its
                   * own callback again in the same pass, before any I/O */
            uv_timer_start(&x->realert, realert_cb, 1, 0);
        else
            arm_realert(x);
    }
    free(d);
}

static void realert_cb(uv_timer_t *t)
{
    struct escalator *x = t->data;
    if (!x->stopping)
        realert_run(x);
}

/* ---- the daily digest ------------------------------------------------------------- */

/* The digest time as a one-time, every-day schedule in program.timezone. */
static int digest_next(struct gw *gw, int64_t after, int64_t *at)
{
    struct gw_schedule s = {.ntimes = 1, .days = 0x7F};
    s.times[0] = gw->cfg->esc.digest_minute;
    return schedule_next(&s, gw->cfg->default_tz, after, at);
}

struct trend {
    struct trend_point p[TREND_POINTS]; /* the newest moods, newest first */
    size_t n;
};

static int mood_cb(void *ctx, const struct store_mood *m)
{
    struct trend *t = ctx;
    if (t->n < TREND_POINTS)
        t->p[t->n++] = (struct trend_point){m->recorded_at, m->norm};
    return 0;
}

/* Runs the watch rules for client c; records a finding. */
static int watch_client(struct gw *gw, const struct store_client *c, int64_t now, int *findings)
{
    struct trend t = {.n = 0};
    struct trend_point pts[TREND_POINTS];
    int64_t missed = 0, id = 0;
    char reason[128];
    int rc;
    if ((rc = store_moods_recent(gw->store, c->id, TREND_POINTS, mood_cb, &t)) != STORE_OK ||
        (rc = store_checkins_missed_in_row(gw->store, c->id, &missed)) != STORE_OK)
        return rc;
    for (size_t i = 0; i < t.n; i++) /* the rules read oldest first */
        pts[i] = t.p[t.n - 1 - i];
    if (severity_of_trend(&gw->cfg->esc, pts, t.n, (int)missed, now, reason, sizeof reason) !=
        SEV_WATCH)
        return STORE_OK;
    (*findings)++;
    return escalate_watch(&gw->core, c, 0, reason, now, &id);
}

struct digest_ctx {
    struct gw *gw;
    const struct gw_specialist *sp;
    const struct tpl_vars *v;     /* the frame's placeholders */
    char lines[STORE_BODY_MAX];   /* {list}: the findings that fit */
    int shown, more;
    char ids[256];                /* escalation numbers, for the audit */
};

static int digest_line_cb(void *ctx, const struct store_escalation *e)
{
    struct digest_ctx *d = ctx;
    struct store_client c;
    char item[224];
    size_t ll = strlen(d->ids);
    snprintf(d->ids + ll, sizeof d->ids - ll, "%s%lld", ll ? "," : "", (long long)e->id);
    if (d->more == 0 && d->shown < DIGEST_LINES) {
        bool known = e->client_id && store_client_get(d->gw->store, e->client_id, &c) == STORE_OK;
        snprintf(item, sizeof item, "%s#%lld %s: %s.", d->shown ? " " : "", (long long)e->id,
                 known ? c.alias : "?", e->reason);
        if (escalate_list_add(&d->gw->core, d->sp, TPL_DIGEST, d->v, d->lines, sizeof d->lines,
                              item)) {
            d->shown++;
            return 0;
        }
    }
    d->more++; /* once one did not fit, the rest are counted */
    return 0;
}

/* One digest text per specialist with findings or consent changes of their
 * clients (audit id > consent_after), in their language, within
 * SPECIALIST_LIST_SEGMENTS; returns how many, or a STORE_* code. In a
 * transaction. */
static int queue_digests(struct gw *gw, int64_t since, int64_t consent_after, int64_t now)
{
    int queued = 0, rc;
    struct tpl_vars v = {.program = gw->cfg->program_name, .contact = gw->cfg->program_contact};
    for (size_t i = 0; i < gw->cfg->nspecialists; i++) {
        const struct gw_specialist *sp = &gw->cfg->specialists[i];
        struct store_specialist ss;
        char body[STORE_BODY_MAX];
        if ((rc = store_specialist_by_key(gw->store, sp->id, &ss)) != STORE_OK) {
            if (rc == STORE_NOTFOUND)
                continue;
            return rc;
        }
        struct digest_ctx d = {.gw = gw, .sp = sp, .v = &v};
        /* Their clients' and unassigned clients' unresolved findings. */
        if ((rc = store_escalations_watch_since(gw->store, since, ss.id, digest_line_cb, &d)) !=
            STORE_OK)
            return rc;
        struct digest_list dl = {d.lines, sizeof d.lines, &d.shown, &d.more};
        /* Overdue follow-up tasks held by or handed to them (issue 18). */
        if ((rc = followup_list_overdue(&gw->core, sp, ss.id, TPL_DIGEST, &v, &dl, now)) != STORE_OK)
            return rc;
        int consent = 0;
        if ((rc = digest_consent_add(&gw->core, sp, ss.id, consent_after, since, &v, &dl, &consent)) !=
            STORE_OK)
            return rc;
        if (d.shown + d.more == 0)
            continue;
        if (consent) {
            size_t n = strlen(d.ids);
            snprintf(d.ids + n, sizeof d.ids - n, "%sconsent=%d", n ? " " : "", consent);
        }
        if (d.more) {
            size_t n = strlen(d.lines);
            snprintf(d.lines + n, sizeof d.lines - n, "%sand %d more.", d.shown ? "; " : "",
                     d.more);
        }
        struct tpl_vars lv = v;
        lv.list = d.lines;
        if (escalate_render_to(&gw->core, sp, TPL_DIGEST, &lv, body, sizeof body) < 0)
            continue; /* logged; the findings stay open for STATUS */
        struct store_outbound m = {.to = sp->phone, .body = body, .kind = MSG_KIND_DIGEST,
                                   .priority = MSG_PRIO_STAFF, .specialist_id = ss.id};
        if ((rc = store_outbound_queue(gw->store, &m, now, NULL)) != STORE_OK ||
            (rc = store_audit(gw->store, now, "gateway", "digest.sent", sp->id, d.ids)) !=
                STORE_OK)
            return rc;
        queued++;
    }
    return queued;
}

struct batch {
    struct store_client *c;
    int n;
};

static int batch_cb(void *ctx, const struct store_client *c)
{
    struct batch *b = ctx;
    b->c[b->n++] = *c;
    return 0;
}

/* One batch of a run: the watch rules over the next DIGEST_BATCH clients
 * after r->after_id, in one transaction. Returns 1 when more may remain, 0
 * when the walk is done, or a STORE_* code (the batch rolled back, r
 * unchanged: trying again redoes it). */
static int digest_batch(struct gw *gw, struct digest_run *r)
{
    struct batch b = {.c = r->buf};
    int findings = 0, rc;
    if ((rc = store_begin(gw->store)) != STORE_OK)
        return rc;
    rc = store_clients_after(gw->store, r->after_id, DIGEST_BATCH, batch_cb, &b);
    for (int i = 0; rc == STORE_OK && i < b.n; i++)
        /* Opted out or paused: no check-ins, no digest. */
        if (b.c[i].state == CLIENT_ACTIVE)
            rc = watch_client(gw, &b.c[i], r->now, &findings);
    if (rc != STORE_OK) {
        store_rollback(gw->store);
        return rc;
    }
    if ((rc = store_commit(gw->store)) != STORE_OK)
        return rc;
    if (b.n > 0)
        r->after_id = b.c[b.n - 1].id;
    r->findings += findings;
    r->batches++;
    return b.n == DIGEST_BATCH ? 1 : 0;
}

/* The end of a run: one digest text per specialist with findings, and the
 * digest.run audit row, in one transaction. Returns the number of digests
 * queued or a STORE_* code. */
static int digest_finish(struct gw *gw, const struct digest_run *r)
{
    char detail[96];
    int rc;
    if ((rc = store_begin(gw->store)) != STORE_OK)
        return rc;
    /* Findings of this run (updated at r->now) and those recorded from
     * replies (relapse as watch) since the last day's digest. */
    int64_t consent_after = 0; /* the previous run's audit id: none yet is 0 */
    rc = store_audit_last_id(gw->store, "digest.run", &consent_after);
    int queued = rc == STORE_OK || rc == STORE_NOTFOUND
                     ? queue_digests(gw, r->now - 86400, consent_after, r->now)
                     : rc;
    rc = queued < 0 ? queued : STORE_OK;
    if (rc == STORE_OK) {
        snprintf(detail, sizeof detail, "findings=%d digests=%d batches=%d", r->findings, queued,
                 r->batches);
        rc = store_audit(gw->store, r->now, "gateway", "digest.run", NULL, detail);
    }
    if (rc != STORE_OK) {
        store_rollback(gw->store);
        return rc;
    }
    if ((rc = store_commit(gw->store)) != STORE_OK)
        return rc;
    log_info("digest.run", "findings=%d digests=%d batches=%d", r->findings, queued, r->batches);
    return queued;
}

int escalator_digest_now(struct gw *gw, int64_t now)
{
    struct digest_run r = {.now = now, .buf = malloc(DIGEST_BATCH * sizeof(struct store_client))};
    int rc = 1;
    if (!r.buf)
        return STORE_ERR;
    while (rc == 1)
        rc = digest_batch(gw, &r);
    free(r.buf);
    return rc < 0 ? rc : digest_finish(gw, &r);
}

static void arm_digest(struct escalator *x)
{
    struct gw *gw = x->gw;
    int64_t now = gw_now(gw), at, last = 0;
    if (x->run.active)
        return; /* a run under way re-arms when it ends */
    if (digest_next(gw, now, &at) != 0) {
        log_error("digest.unscheduled", "tz=%s", gw->cfg->default_tz);
        return;
    }
    /* Down at digest time? The one we missed (the latest occurrence at or
     * before now) goes out at once if no digest ran since it. */
    int64_t prev = 0;
    if (store_audit_last(gw->store, "digest.run", &last) == STORE_ERR)
        last = 0;
    if (digest_next(gw, now - 86400, &prev) == 0 && prev <= now && last < prev && last > 0)
        at = now;
    /* A run stamped at or after this slot has done it (its timer fired a
     * moment before the wall clock reached the slot: the loop's clock lags
     * behind): the next slot is the one after that run, never the same
     * slot twice. */
    if (last >= at && digest_next(gw, last, &at) != 0) {
        log_error("digest.unscheduled", "tz=%s", gw->cfg->default_tz);
        return;
    }
    x->digest_at = at;
    int64_t delay = at - now;
    uv_timer_start(&x->digest, digest_cb, delay > 0 ? (uint64_t)delay * 1000 : 0, 0);
    log_debug("digest.next", "in=%llds", (long long)(delay > 0 ? delay : 0));
}

/* The digest timer: starts a run, or takes its next step (a batch, then
 * the digests), yielding to the loop between steps. A failed step is tried
 * again a second later, from where it stopped. */
static void digest_cb(uv_timer_t *t)
{
    struct escalator *x = t->data;
    struct digest_run *r = &x->run;
    struct gw *gw = x->gw;
    int rc;
    if (x->stopping)
        return;
    if (!r->active) {
        struct store_client *buf = malloc(DIGEST_BATCH * sizeof *buf);
        if (!buf) {
            log_error("digest.failed", "error=\"out of memory\"");
            uv_timer_start(&x->digest, digest_cb, 1000, 0);
            return;
        }
        /* Stamped at its slot even if the timer fired a moment early. */
        int64_t now = gw_now(gw);
        *r = (struct digest_run){.active = true, .now = now > x->digest_at ? now : x->digest_at,
                                 .buf = buf};
    }
    rc = r->walked ? digest_finish(gw, r) : digest_batch(gw, r);
    gw_store_result(gw, rc < 0 ? rc : STORE_OK);
    if (rc < 0) {
        log_error("digest.failed", "error=\"%s\"", store_errmsg(gw->store));
        uv_timer_start(&x->digest, digest_cb, 1000, 0);
        return;
    }
    if (!r->walked) {
        if (rc == 0)
            r->walked = true;
        /* 1 ms, not 0, so the loop answers I/O between batches (libuv 1.44
         * runs a timer re-armed with 0 again in the same pass). */
        uv_timer_start(&x->digest, digest_cb, 1, 0);
        return;
    }
    if (rc > 0)
        outbox_kick(gw->outbox);
    free(r->buf);
    *r = (struct digest_run){0};
    arm_digest(x);
}

void escalator_kick(struct escalator *x)
{
    if (!x || x->stopping)
        return;
    arm_realert(x);
    arm_digest(x);
}
