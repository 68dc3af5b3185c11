/* SPDX-License-Identifier: Apache-2.0 */
/* stats.c: aggregates for the daily caps and /metrics. */
#include "store/store_internal.h"

#include <stdlib.h>

/* What aggregate hands each row to. */
typedef int (*agg_cb)(void *ctx, const char *const *text, int64_t n);
struct agg {
    int ntext;
    agg_cb cb;
    void *ctx;
};

/* A store__row_fn: the row's texts and count to a->cb. */
static int agg_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    const struct agg *a = arg;
    const char *text[4] = {"", "", "", ""};
    (void)s;
    for (int i = 0; i < a->ntext && i < 4; i++) {
        const unsigned char *t = sqlite3_column_text(st, i);
        text[i] = t ? (const char *)t : "";
    }
    return a->cb(a->ctx, text, sqlite3_column_int64(st, a->ntext));
}

/* Runs one grouped query (prepared per call: these run at start or once
 * per scrape, not per message, and keep the statement table for the hot
 * paths). Each row's text columns 0..ntext-1 and integer column ntext go to
 * cb; a non-zero return from cb stops the walk and is returned. */
static int aggregate(struct store *s, const char *q, const int64_t *binds, int nbinds, int ntext,
                     agg_cb cb, void *ctx, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, q, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store__fail(s, rc, what);
    for (int i = 0; i < nbinds; i++)
        sqlite3_bind_int64(st, i + 1, binds[i]);
    struct agg a = {ntext, cb, ctx};
    int code = store__walk(s, st, agg_row, &a, what);
    sqlite3_finalize(st);
    return code;
}

struct sent_since_ctx {
    store_count_cb cb;
    void *ctx;
};
static int sent_since_row(void *ctx, const char *const *text, int64_t n)
{
    struct sent_since_ctx *c = ctx;
    return c->cb(c->ctx, text[0], n);
}

int store_outbound_sent_since(struct store *s, int64_t since, store_count_cb cb, void *ctx)
{
    struct sent_since_ctx c = {cb, ctx};
    int64_t b[2] = {MSG_PRIO_URGENT, since};
    return aggregate(s,
                     "SELECT peer, count(*) FROM messages WHERE direction = 'out'"
                     " AND priority < ?1 AND kind NOT IN ('stop', 'conversation')"
                     " AND state IN ('sent','delivered')"
                     " AND updated_at >= ?2 GROUP BY peer",
                     b, 2, 1, sent_since_row, &c, "outbound sent since");
}

/* The caller's callback of the two aggregates whose texts are saved
 * states, parsed here (the store's boundary). */
struct states_ctx {
    struct store *s;
    union {
        store_queue_cb queue;
        store_esc_count_cb esc;
    } cb;
    void *ctx;
};

static int queue_row(void *ctx, const char *const *text, int64_t n)
{
    struct states_ctx *c = ctx;
    enum msg_state state;
    if (!msg_state_parse(text[1], &state))
        return store__unknown_state(c->s, "msg_state", 0, text[1]);
    return c->cb.queue(c->ctx, atoi(text[0]), state, n);
}

int store_queue_depth(struct store *s, store_queue_cb cb, void *ctx)
{
    struct states_ctx c = {s, .cb.queue = cb, ctx};
    return aggregate(s,
                     "SELECT CAST(priority AS TEXT), state, count(*) FROM messages"
                     " WHERE state IN ('queued','sending') GROUP BY priority, state",
                     NULL, 0, 2, queue_row, &c, "queue depth");
}

static int esc_count_row(void *ctx, const char *const *text, int64_t n)
{
    struct states_ctx *c = ctx;
    enum severity sev;
    enum esc_state state;
    if (!stored_severity_parse(text[0], &sev) || sev == SEV_NONE)
        return store__unknown_state(c->s, "severity", 0, text[0]);
    if (!esc_state_parse(text[1], &state))
        return store__unknown_state(c->s, "esc_state", 0, text[1]);
    return c->cb.esc(c->ctx, sev, state, n);
}

int store_escalation_counts(struct store *s, store_esc_count_cb cb, void *ctx)
{
    struct states_ctx c = {s, .cb.esc = cb, ctx};
    return aggregate(s, "SELECT severity, state, count(*) FROM escalations GROUP BY severity, state",
                     NULL, 0, 2, esc_count_row, &c, "escalation counts");
}

static int int_row(void *ctx, const char *const *text, int64_t n)
{
    (void)text;
    *(int64_t *)ctx = n;
    return 0;
}

int store_oldest_open_escalation(struct store *s, int64_t *created_at)
{
    *created_at = 0;
    return aggregate(s, "SELECT coalesce(min(created_at), 0) FROM escalations WHERE state = 'open'",
                     NULL, 0, 0, int_row, created_at, "oldest open escalation");
}
