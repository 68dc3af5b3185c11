/* SPDX-License-Identifier: Apache-2.0 */
/* messages.c: inbound and outbound messages, the outbox. */
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

int store_inbound_insert(struct store *s, const struct store_inbound *m, int64_t now,
                         int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_INBOUND_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, m->client_id);
    sqlite3_bind_int64(st, 2, m->specialist_id);
    store__bind_text(st, 3, m->from);
    /* The body is stored byte for byte, even if it is not valid UTF-8:
     * nothing a person wrote is altered or dropped. */
    if (store__bind_secret(s, st, 4, m->body, m->body ? m->body_len : 0, LABEL_BODY) != STORE_OK)
        return STORE_ERR;
    store__bind_text(st, 5, m->provider);
    /* No provider id: bind NULL, which the unique index never matches. An
     * empty string was bound before, so every id-less message after the
     * first from a provider was taken for a duplicate and dropped. */
    if (m->ext_id && m->ext_id[0])
        store__bind_text(st, 6, m->ext_id);
    sqlite3_bind_int64(st, 7, m->received_at ? m->received_at : now);
    sqlite3_bind_int64(st, 8, now);
    int rc = store__exec_stmt(s, st, "inbound insert");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_inbound_last(struct store *s, const char *provider, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_INBOUND_LAST);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, provider);
    return store__single_int(s, st, out, "inbound last");
}

int store_outbound_queue(struct store *s, const struct store_outbound *m, int64_t now,
                         int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_QUEUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, m->client_id);
    sqlite3_bind_int64(st, 2, m->specialist_id);
    store__bind_text(st, 3, m->to);
    if (store__bind_secret(s, st, 4, m->body, m->body ? strlen(m->body) : 0, LABEL_BODY) != STORE_OK)
        return STORE_ERR;
    store__bind_text(st, 5, msg_kind_name(m->kind));
    sqlite3_bind_int(st, 6, m->priority);
    sqlite3_bind_int64(st, 7, now);
    sqlite3_bind_int64(st, 8, m->expires_at);
    sqlite3_bind_int64(st, 9, m->escalation_id);
    sqlite3_bind_int64(st, 10, m->checkin_id);
    sqlite3_bind_int64(st, 11, m->queued_ms > 0 ? m->queued_ms : now * 1000);
    sqlite3_bind_int64(st, 12, m->not_before);
    int rc = store__exec_stmt(s, st, "outbound queue");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* The rows store_outbox_claim takes: out[max], n filled. */
struct claim {
    struct store_msg *out;
    int max, n;
};

/* A store__row_fn: the next claimed message into c->out; stops (1) once
 * max are read, without stepping further. */
static int claim_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct claim *c = arg;
    struct store_msg *m = &c->out[c->n++];
    int rc;
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    store__copy_col(m->to, sizeof m->to, st, 1);
    if ((rc = store__copy_secret(s, m->body, sizeof m->body, st, 2, LABEL_BODY, m->id)) != STORE_OK)
        return rc;
    /* A kind this build does not know fails the claim, as a body it
     * cannot open does: never sent as another kind. */
    rc = STORE_OK;
    STORE__STATE(msg_kind, s, st, 3, m->id, &m->kind, rc);
    if (rc != STORE_OK)
        return rc;
    m->priority = sqlite3_column_int(st, 4);
    m->attempts = sqlite3_column_int(st, 5);
    m->client_id = sqlite3_column_int64(st, 6);
    m->expires_at = sqlite3_column_int64(st, 7);
    store__copy_col(m->provider, sizeof m->provider, st, 8);
    m->escalation_id = sqlite3_column_int64(st, 9);
    store__copy_col(m->avoid_provider, sizeof m->avoid_provider, st, 10);
    m->created_at = sqlite3_column_int64(st, 11);
    m->queued_ms = sqlite3_column_int64(st, 12);
    if (m->queued_ms <= 0)
        m->queued_ms = m->created_at * 1000; /* queued before migration 11 */
    return c->n < c->max ? 0 : 1;
}

int store_outbox_claim(struct store *s, int64_t now, int prio_min, int prio_max,
                       struct store_msg *out, int max)
{
    bool own_tx = sqlite3_get_autocommit(s->db);
    struct claim c = {out, max, 0};
    int rc, n = 0;
    if (own_tx && (rc = store_begin(s)) != STORE_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if (prio_min < MSG_PRIO_URGENT) {
        if (!(st = store__stmt(s, Q_OUT_WITHHOLD))) {
            rc = STORE_ERR;
            goto fail;
        }
        sqlite3_bind_int64(st, 1, now);
        if ((rc = store__exec_stmt(s, st, "outbox withhold")) != STORE_OK)
            goto fail;
    }
    st = store__stmt(s, Q_OUT_CLAIM);
    if (!st) {
        rc = STORE_ERR;
        goto fail;
    }
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, max);
    sqlite3_bind_int(st, 3, prio_min);
    sqlite3_bind_int(st, 4, prio_max);
    if ((rc = max > 0 ? store__walk(s, st, claim_row, &c, "outbox claim") : STORE_OK) < 0)
        goto fail;
    n = c.n;
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *up = store__stmt(s, Q_OUT_MARK_SENDING);
        if (!up) {
            rc = STORE_ERR;
            goto fail;
        }
        sqlite3_bind_int64(up, 1, out[i].id);
        sqlite3_bind_int64(up, 2, now);
        if ((rc = store__exec_stmt(s, up, "outbox mark sending")) != STORE_OK)
            goto fail;
    }
    if (own_tx && (rc = store_commit(s)) != STORE_OK)
        return rc;
    return n;
fail:
    if (own_tx)
        store_rollback(s);
    return rc;
}

int store_outbox_next(struct store *s, int prio_min, int prio_max, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_NEXT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int(st, 1, prio_min);
    sqlite3_bind_int(st, 2, prio_max);
    return store__single_int(s, st, out, "outbox next");
}

int store_msg_sent(struct store *s, int64_t id, const char *provider, const char *provider_msg_id,
                   int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_SENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, provider);
    if (provider_msg_id)
        store__bind_text(st, 3, provider_msg_id);
    sqlite3_bind_int64(st, 4, now);
    return store__exec_stmt(s, st, "message sent");
}

int store_msg_retry(struct store *s, int64_t id, const char *provider, const char *error,
                    int64_t at, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_RETRY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, provider);
    store__bind_text(st, 3, error);
    sqlite3_bind_int64(st, 4, at);
    sqlite3_bind_int64(st, 5, now);
    return store__exec_stmt(s, st, "message retry");
}

/* Statement id with a delivery report bound as ?1 provider, ?2 its id,
 * ?3 state, ?4 error (NULL stays NULL), ?5 now; NULL on error. */
static sqlite3_stmt *report_stmt(struct store *s, enum stmt_id id, const char *provider,
                                 const char *provider_msg_id, enum msg_state state,
                                 const char *error, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, id);
    if (!st)
        return NULL;
    store__bind_text(st, 1, provider);
    store__bind_text(st, 2, provider_msg_id);
    store__bind_text(st, 3, msg_state_name(state));
    if (error)
        store__bind_text(st, 4, error);
    sqlite3_bind_int64(st, 5, now);
    return st;
}

/* A store__row_fn: the message a delivery report matched into
 * *(struct store_msg_ref *)arg, unless that is NULL. */
static int msg_ref_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct store_msg_ref *out = arg;
    (void)s;
    if (out) {
        out->id = sqlite3_column_int64(st, 0);
        out->priority = sqlite3_column_int(st, 1);
        out->escalation_id = sqlite3_column_int64(st, 2);
        out->specialist_id = sqlite3_column_int64(st, 3);
        store__copy_col(out->peer, sizeof out->peer, st, 4);
    }
    return STORE_OK;
}

int store_msg_delivery(struct store *s, const char *provider, const char *provider_msg_id,
                       enum msg_state state, const char *error, int64_t now,
                       struct store_msg_ref *out)
{
    sqlite3_stmt *st = report_stmt(s, Q_MSG_DELIVERY, provider, provider_msg_id, state, error,
                                   now);
    if (!st)
        return STORE_ERR;
    return store__one(s, st, msg_ref_row, out, "delivery report");
}

int store_msg_known(struct store *s, const char *provider, const char *provider_msg_id)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_KNOWN);
    int64_t n = 0;
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, provider);
    store__bind_text(st, 2, provider_msg_id);
    int rc = store__single_int(s, st, &n, "message known");
    return rc == STORE_OK ? n > 0 : rc;
}

int store_dlr_hold(struct store *s, const char *provider, const char *provider_msg_id,
                   enum msg_state state, const char *error, int64_t now, int max)
{
    sqlite3_stmt *st = report_stmt(s, Q_DLR_HOLD, provider, provider_msg_id, state, error, now);
    if (!st)
        return STORE_ERR;
    int rc = store__exec_stmt(s, st, "hold delivery report");
    if (rc != STORE_OK || !(st = store__stmt(s, Q_DLR_EVICT)))
        return rc != STORE_OK ? rc : STORE_ERR;
    store__bind_text(st, 1, provider);
    sqlite3_bind_int(st, 2, max);
    if ((rc = store__exec_stmt(s, st, "bound held delivery reports")) != STORE_OK)
        return rc;
    return sqlite3_changes(s->db);
}

/* Copies a held report's columns state, error, received_at, which start at
 * col; when col > 0, provider and provider_msg_id are columns 0 and 1.
 * STORE_ERR for a state this build does not know. */
static int dlr_row(struct store *s, struct store_dlr_held *r, sqlite3_stmt *st, int col)
{
    int rc = STORE_OK;
    if (col > 0) {
        store__copy_col(r->provider, sizeof r->provider, st, 0);
        store__copy_col(r->provider_msg_id, sizeof r->provider_msg_id, st, 1);
    }
    STORE__STATE(msg_state, s, st, col, 0, &r->state, rc);
    store__copy_col(r->error, sizeof r->error, st, col + 1);
    r->received_at = sqlite3_column_int64(st, col + 2);
    return rc;
}

/* The held reports store_dlr_take collects into out[STORE_DLR_STATES]. */
struct dlr_taken {
    const char *provider, *provider_msg_id;
    struct store_dlr_held *out;
    int n;
};

/* A store__row_fn: the next held report into t->out; 1 (stop) when full. */
static int dlr_taken_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct dlr_taken *t = arg;
    if (t->n >= STORE_DLR_STATES)
        return 1;
    struct store_dlr_held *r = &t->out[t->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->provider, sizeof r->provider, "%s", t->provider);
    snprintf(r->provider_msg_id, sizeof r->provider_msg_id, "%s", t->provider_msg_id);
    return dlr_row(s, r, st, 0);
}

int store_dlr_take(struct store *s, const char *provider, const char *provider_msg_id,
                   int64_t since, struct store_dlr_held *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_DLR_HELD);
    struct dlr_taken t = {provider, provider_msg_id, out, 0};
    int n, rc;
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, provider);
    store__bind_text(st, 2, provider_msg_id);
    sqlite3_bind_int64(st, 3, since);
    rc = store__walk(s, st, dlr_taken_row, &t, "held reports");
    if (rc > 0) /* a row past STORE_DLR_STATES: left */
        rc = STORE_OK;
    n = t.n;
    if (rc != STORE_OK || n == 0)
        return rc != STORE_OK ? rc : 0;
    if (!(st = store__stmt(s, Q_DLR_FORGET)))
        return STORE_ERR;
    store__bind_text(st, 1, provider);
    store__bind_text(st, 2, provider_msg_id);
    sqlite3_bind_int64(st, 3, since);
    rc = store__exec_stmt(s, st, "forget held reports");
    return rc != STORE_OK ? rc : n;
}

/* The reports store_dlr_expire drops: counted, each shown to cb if set. */
struct dlr_expired {
    store_dlr_cb cb;
    void *ctx;
    int n;
};

static int dlr_expired_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct dlr_expired *e = arg;
    struct store_dlr_held r;
    memset(&r, 0, sizeof r);
    int rc = dlr_row(s, &r, st, 2);
    if (rc != STORE_OK)
        return rc;
    e->n++;
    if (e->cb)
        e->cb(e->ctx, &r);
    return 0;
}

int store_dlr_expire(struct store *s, int64_t before, store_dlr_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_DLR_EXPIRE);
    struct dlr_expired e = {cb, ctx, 0};
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, before);
    int rc = store__walk(s, st, dlr_expired_row, &e, "expire held reports");
    return rc == STORE_OK ? e.n : rc;
}

int store_msg_failed(struct store *s, int64_t id, const char *provider, const char *error,
                     int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_FAILED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, provider);
    store__bind_text(st, 3, error);
    sqlite3_bind_int64(st, 4, now);
    return store__exec_stmt(s, st, "message failed");
}

int store_msg_expired(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_EXPIRED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return store__exec_stmt(s, st, "message expired");
}

int store_msg_unclaim(struct store *s, int64_t id, int64_t at, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_UNCLAIM);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    sqlite3_bind_int64(st, 3, now);
    return store__exec_stmt(s, st, "message unclaim");
}

int store_outbox_expire(struct store *s, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_EXPIRE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, MSG_PRIO_URGENT);
    int rc = store__exec_stmt(s, st, "outbox expire");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_outbox_release(struct store *s, const char *provider, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_RELEASE);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, provider);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, MSG_PRIO_URGENT);
    int rc = store__exec_stmt(s, st, "outbox release");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_msg_copy(struct store *s, int64_t id, const char *to, int64_t specialist_id,
                   const char *avoid_provider, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_COPY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, to);
    sqlite3_bind_int64(st, 3, specialist_id);
    store__bind_text(st, 4, avoid_provider);
    sqlite3_bind_int64(st, 5, now);
    int rc = store__exec_stmt(s, st, "message copy");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOTFOUND;
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_escalation_msg_count(struct store *s, int64_t escalation_id, const char *peer,
                               int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_MSG_COUNT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    store__bind_text(st, 2, peer);
    return store__single_int(s, st, out, "escalation message count");
}

int store_probe_write(struct store *s, int64_t now)
{
    sqlite3_stmt *st;
    int rc = store_begin(s);
    if (rc != STORE_OK)
        return rc;
    if (!(st = store__stmt(s, Q_PROBE_INSERT)))
        rc = STORE_ERR;
    else {
        sqlite3_bind_int64(st, 1, now);
        rc = store__exec_stmt(s, st, "write probe");
    }
    if (rc == STORE_OK)
        rc = (st = store__stmt(s, Q_PROBE_DELETE)) ? store__exec_stmt(s, st, "write probe") : STORE_ERR;
    if (rc != STORE_OK) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s);
}

int store_outbox_withheld(struct store *s, int64_t id)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_WITHHELD);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    int64_t n = 0, *cols[] = {&n, NULL};
    int rc = store__one(s, st, store__int_cols, cols, "outbox withheld");
    if (rc == STORE_NOTFOUND)
        return store__fail(s, sqlite3_extended_errcode(s->db), "outbox withheld");
    return rc == STORE_OK ? n > 0 : rc;
}

int store_outbox_recover(struct store *s, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_RECOVER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    int rc = store__exec_stmt(s, st, "outbox recover");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_outbox_counts(struct store *s, int64_t *queued, int64_t *sending, int64_t *failed)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_COUNTS);
    if (!st)
        return STORE_ERR;
    int64_t *cols[] = {queued, sending, failed, NULL};
    int rc = store__one(s, st, store__int_cols, cols, "outbox counts");
    return rc == STORE_NOTFOUND ? store__fail(s, sqlite3_extended_errcode(s->db), "outbox counts") : rc;
}

/* Reads a message of a client's history; STORE_ERR when its body cannot
 * be opened. */
static int msg_row(struct store *s, sqlite3_stmt *st, struct store_msg_row *m)
{
    int rc;
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    store__copy_col(m->peer, sizeof m->peer, st, 2);
    if ((rc = store__copy_secret(s, m->body, sizeof m->body, st, 3, LABEL_BODY, m->id)) != STORE_OK)
        return rc;
    STORE__STATE(msg_kind, s, st, 4, m->id, &m->kind, rc);
    STORE__STATE(msg_direction, s, st, 1, m->id, &m->direction, rc);
    STORE__STATE(msg_state, s, st, 5, m->id, &m->state, rc);
    if (rc != STORE_OK)
        return rc;
    m->created_at = sqlite3_column_int64(st, 6);
    m->conversation_id = sqlite3_column_int64(st, 7);
    store__copy_col(m->specialist, sizeof m->specialist, st, 8);
    return STORE_OK;
}

STORE__WALKER(msg_walk, struct store_msg_row, msg_row, store_msg_cb)

int store_messages_for_client(struct store *s, int64_t client_id, store_msg_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSGS_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return msg_walk(s, st, cb, ctx, "messages walk");
}
