/* SPDX-License-Identifier: Apache-2.0 */
/* inbound_batch.c: group commit of received messages.
 *
 * With synchronous=FULL every COMMIT waits for the disk (safety rule 1: a
 * message answered "received" must survive a power cut), and that wait, not
 * the work, bounded the webhook to about 5,000 messages a second. So a
 * provider that can wait for its answer queues the message
 * (gw_inbound_queue); at the end of the loop pass (a uv_check) all that
 * arrived in the pass are recorded in one transaction, one savepoint each,
 * and only after its COMMIT is each provider told, and so each peer
 * answered. One disk flush then serves the whole pass.
 *
 * A message that fails is undone alone (its savepoint) and refused with a
 * retryable answer; the rest still commit. If SQLite ends the transaction
 * itself (a full disk, an I/O error) or the COMMIT fails, every message of
 * the batch is refused: none was acknowledged, so each peer offers its
 * message again and nothing is lost.
 *
 * gw_inbound(), the synchronous form, queues and flushes at once
 * (inbound_sync.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/escalator.h"
#include "daemon/gw.h"
#include "core/inbound.h"
#include "base/log.h"
#include "base/phone.h"
#include "daemon/outbox.h"
#include "daemon/scheduler.h"

/* A pass rarely brings more (the listener holds at most 1,024
 * connections); past it the batch so far is committed first, so one
 * transaction stays short. */
#define INBOUND_BATCH_MAX 512

static void check_cb(uv_check_t *h) { gw_inbound_flush(h->data); }
/* An active idle handle makes the loop poll without blocking, so a message
 * queued by a timer's callback does not wait for the next I/O event before
 * the check phase commits it. */
static void idle_cb(uv_idle_t *h) { (void)h; }

int gw_inbound_start(struct gw *gw)
{
    if (uv_check_init(gw->loop, &gw->inbound_check) != 0 ||
        uv_idle_init(gw->loop, &gw->inbound_idle) != 0)
        return -1;
    gw->inbound_check.data = gw;
    gw->inbound_idle.data = gw;
    return 0;
}

/* One queued message: the core's entry (what inbound_record reads and
 * fills) and what the daemon keeps beside it until the provider is told. */
struct inbound_item {
    struct inbound_entry e;  /* e.provider is p->name, e.m's strings point into copy */
    struct provider *p;
    char *copy;
    gw_inbound_done done;
    void *arg;
};

static void entry_free(struct inbound_item *it)
{
    if (!it)
        return;
    free(it->copy);
    free(it);
}

/* Copies m, whose strings belong to the caller's request. */
static struct inbound_item *entry_new(struct provider *p, const struct inmsg *m, int64_t now)
{
    struct inbound_item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    struct inbound_entry *e = &it->e;
    const char *ext = m->ext_id ? m->ext_id : "", *from = m->from ? m->from : "",
               *to = m->to ? m->to : "";
    size_t le = strlen(ext) + 1, lf = strlen(from) + 1, lt = strlen(to) + 1;
    it->copy = malloc(le + lf + lt + m->body_len + 1);
    if (!it->copy) {
        free(it);
        return NULL;
    }
    char *c = it->copy;
    e->m.ext_id = memcpy(c, ext, le), c += le;
    e->m.from = memcpy(c, from, lf), c += lf;
    e->m.to = memcpy(c, to, lt), c += lt;
    if (m->body_len)
        memcpy(c, m->body, m->body_len);
    c[m->body_len] = '\0';
    e->m.body = m->body ? c : NULL;
    e->m.body_len = m->body_len;
    e->m.received_at = m->received_at;
    e->provider = p->name;
    e->now = now;
    it->p = p;
    return it;
}

int gw_inbound_queue(struct gw *gw, struct provider *p, const struct inmsg *m,
                     gw_inbound_done done, void *arg, char *err, size_t errlen)
{
    if (gw->stopping) {
        gw_count_inbound(gw, p, MIN_REFUSED);
        snprintf(err, errlen, "gateway is stopping");
        return -1;
    }
    if (!gw->store_ok) {
        /* Known unwritable (full, read-only, locked): refuse at once, so the
         * peer keeps the message and offers it again; the write probe finds
         * out when the store recovers, without each request waiting. */
        snprintf(err, errlen, "not recorded: database not writable (%s); retry later",
                 gw->store_status);
        gw_count_inbound(gw, p, MIN_REFUSED);
        return -1;
    }
    if (gw->inbound_n >= INBOUND_BATCH_MAX)
        gw_inbound_flush(gw);
    if (gw->inbound_n == gw->inbound_cap) {
        size_t cap = gw->inbound_cap ? gw->inbound_cap * 2 : 64;
        struct inbound_item **q = realloc(gw->inbound_q, cap * sizeof *q);
        if (!q)
            goto nomem;
        gw->inbound_q = q;
        gw->inbound_cap = cap;
    }
    struct inbound_item *it = entry_new(p, m, gw_now(gw));
    if (!it)
        goto nomem;
    it->done = done;
    it->arg = arg;
    gw->inbound_q[gw->inbound_n++] = it;
    if (gw->inbound_check.loop && !uv_is_active((uv_handle_t *)&gw->inbound_check)) {
        uv_check_start(&gw->inbound_check, check_cb);
        uv_idle_start(&gw->inbound_idle, idle_cb);
    }
    return 0;
nomem:
    gw_count_inbound(gw, p, MIN_REFUSED);
    snprintf(err, errlen, "not recorded: out of memory; retry later");
    log_error("inbound.not_committed", "provider=%s error=\"out of memory\"", p->name);
    return -1;
}

/* r's signals by name, "crisis,negated" ("-" for none), into out. The names
 * are reply_to_json's, read back from it so they live in one place. */
static const char *signals_text(const struct reply_result *r, char *out, size_t outsz)
{
    char js[512];
    size_t n = 0, i;
    json_t *o = NULL, *v;
    snprintf(out, outsz, "-");
    if (r->signals == 0 || reply_to_json(r, js, sizeof js) < 0 ||
        !(o = json_loads(js, 0, NULL)))
        goto out;
    json_array_foreach(json_object_get(o, "signals"), i, v) {
        int w = snprintf(out + n, outsz - n, "%s%s", n ? "," : "", json_string_value(v));
        if (w < 0 || (size_t)w >= outsz - n)
            break;
        n += (size_t)w;
    }
out:
    json_decref(o);
    return out;
}

/* After the COMMIT that made it durable (or found it a duplicate): counts,
 * logs, and wakes the escalator, the scheduler and the outbox. */
static void inbound_committed(struct gw *gw, struct inbound_item *it)
{
    struct provider *p = it->p;
    const struct inbound_entry *e = &it->e;
    if (e->rc == STORE_EXISTS) {
        gw_count_inbound(gw, p, MIN_DUPLICATE);
        log_info("inbound.duplicate", "provider=%s id=%s from=%s", p->name, e->m.ext_id,
                 e->masked);
        return;
    }
    gw_count_inbound(gw, p, MIN_COMMITTED);
    const struct reply_result *r = &e->r;
    char score[24] = "none", sigs[160];
    if (r->has_score)
        snprintf(score, sizeof score, "%g", r->score);
    log_info("inbound.committed",
             "provider=%s id=%lld from=%s client=%s intent=%s score=%s signals=%s%s%s%s",
             p->name, (long long)e->msg_id, e->masked, e->is_client ? e->alias : "-",
             reply_intent_name(r->intent), score, signals_text(r, sigs, sizeof sigs), e->esc_id ? " escalation=" : "",
             e->esc_id ? severity_name(e->sev) : "", e->quiet ? " answers=suppressed" : "");
    if (e->lim == SENDER_LIMITED_FIRST)
        log_warn("inbound.sender_limited", "from=%s burst=%d per_hour=%d effect=\"recorded and"
                 " escalated as usual; no automatic answers until the rate drops\"", e->masked,
                 gw->cfg->limits.sender_burst, gw->cfg->limits.sender_per_hour);
    log_debug("inbound.body", "id=%lld body=\"%.*s\"", (long long)e->msg_id,
              (int)(e->m.body_len > 400 ? 400 : e->m.body_len), e->m.body ? e->m.body : "");
    if (e->esc_id || e->screened) /* a new chain, or a screening's deadline to wake for */
        escalator_kick(gw->escalator);
    if (e->esc_id) {
        log_warn(e->merged ? "escalation.merged" : "escalation.created",
                 "escalation=%lld severity=%s client=%s reason=\"%s\"", (long long)e->esc_id,
                 severity_name(e->sev), e->is_client ? e->alias : "-", e->reason);
    }
    if (e->reschedule)
        scheduler_kick(gw->scheduler);
    outbox_kick(gw->outbox);
}

/* it is not committed: keeps err as its e.err ("not recorded: ..."), counts
 * and logs it. Once per entry. */
static void inbound_not_committed(struct gw *gw, struct inbound_item *it, const char *err)
{
    struct inbound_entry *e = &it->e;
    if (e->refused)
        return;
    e->refused = true;
    snprintf(e->err, sizeof e->err, "not recorded: %s", err);
    gw_count_inbound(gw, it->p, MIN_REFUSED);
    if (!e->masked[0]) {
        char from[PHONE_MAX];
        if (phone_normalize(e->m.from, from) != 0)
            snprintf(from, sizeof from, "%.*s", (int)sizeof from - 1, e->m.from ? e->m.from : "");
        phone_mask(from, e->masked, sizeof e->masked);
    }
    log_error("inbound.not_committed", "provider=%s from=%s error=\"%s\"", it->p->name,
              e->masked, err);
}

/* Records q[0..n) in the open transaction, each inside its own savepoint.
 * Returns how many are waiting for the COMMIT; the others have their rc
 * set (a duplicate, or a failure). Returns -1 if the transaction itself
 * was lost: then nothing of the batch is in the database. */
static long record_all(struct gw *gw, struct inbound_item **q, size_t n)
{
    long waiting = 0;
    for (size_t i = 0; i < n; i++) {
        struct inbound_entry *e = &q[i]->e;
        if ((e->rc = store_savepoint(gw->store)) != STORE_OK)
            return -1;
        e->rc = inbound_record(&gw->core, e);
        if (e->rc == STORE_OK) {
            if ((e->rc = store_release(gw->store)) != STORE_OK)
                return -1;
            waiting++;
            continue;
        }
        if (!store_rollback_to(gw->store))
            return -1; /* SQLite ended the transaction: the batch is lost */
        if (e->rc != STORE_EXISTS) {
            /* Only this one is refused; the store's verdict decides
             * whether the write probe must take over. */
            inbound_not_committed(gw, q[i], store_errmsg(gw->store));
            gw_store_result(gw, e->rc);
        }
    }
    return waiting;
}

void gw_inbound_flush(struct gw *gw)
{
    if (gw->inbound_check.loop) {
        uv_check_stop(&gw->inbound_check);
        uv_idle_stop(&gw->inbound_idle);
    }
    size_t n = gw->inbound_n;
    if (n == 0)
        return;
    /* Taken whole: a provider's callback may queue the next message. */
    struct inbound_item **q = gw->inbound_q;
    gw->inbound_q = NULL;
    gw->inbound_n = gw->inbound_cap = 0;

    int rc = store_begin(gw->store);
    long waiting = rc == STORE_OK ? record_all(gw, q, n) : -1;
    if (waiting > 0 && (rc = store_commit(gw->store)) != STORE_OK)
        waiting = -1;
    if (waiting < 0) {
        /* Nothing of the batch is in the database, not even a message
         * that looked like a duplicate of one earlier in it. */
        char err[200];
        snprintf(err, sizeof err, "%s", store_errmsg(gw->store));
        store_rollback(gw->store);
        gw_store_result(gw, rc != STORE_OK ? rc : STORE_ERR);
        for (size_t i = 0; i < n; i++)
            inbound_not_committed(gw, q[i], err);
    } else if (waiting == 0) {
        store_rollback(gw->store); /* only duplicates and refusals: nothing to flush */
    } else {
        gw_store_result(gw, STORE_OK);
    }
    for (size_t i = 0; i < n; i++) {
        struct inbound_item *it = q[i];
        if (!it->e.refused)
            inbound_committed(gw, it);
        if (it->done)
            it->done(it->arg, it->e.refused ? -1 : 0, it->e.refused ? it->e.err : "");
        entry_free(it);
    }
    free(q);
}
