/* SPDX-License-Identifier: Apache-2.0 */
/* escalations.c: escalations, their re-alerts, reminders and follow-up dates. */
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

int store_escalation_insert(struct store *s, struct store_escalation *e)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, e->client_id);
    sqlite3_bind_int64(st, 2, e->message_id);
    sqlite3_bind_int64(st, 3, e->specialist_id);
    store__bind_text(st, 4, stored_severity_name(e->severity));
    store__bind_text(st, 5, e->reason);
    sqlite3_bind_int64(st, 6, e->created_at);
    store__bind_text(st, 7, e->peer);
    store__bind_text(st, 8, e->score[0] ? e->score : "none");
    sqlite3_bind_int64(st, 9, e->realert_at);
    int rc = store__exec_stmt(s, st, "escalation insert");
    if (rc == STORE_OK) {
        e->id = sqlite3_last_insert_rowid(s->db);
        e->state = ESC_OPEN;
        e->count = 1;
        e->updated_at = e->created_at;
        e->last_message_id = e->message_id;
    }
    return rc;
}

/* Reads one escalation row of ESC_COLS. Returns STORE_OK, or STORE_ERR if
 * its state or severity is unknown or the message text is sealed with a key the store
 * does not have. */
static int esc_row(struct store *s, sqlite3_stmt *st, struct store_escalation *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->client_id = sqlite3_column_int64(st, 1);
    e->message_id = sqlite3_column_int64(st, 2);
    e->specialist_id = sqlite3_column_int64(st, 3);
    store__copy_col(e->reason, sizeof e->reason, st, 5);
    e->created_at = sqlite3_column_int64(st, 7);
    e->acked_at = sqlite3_column_int64(st, 8);
    store__copy_col(e->peer, sizeof e->peer, st, 9);
    store__copy_col(e->score, sizeof e->score, st, 10);
    e->count = sqlite3_column_int(st, 11);
    e->last_message_id = sqlite3_column_int64(st, 12);
    e->updated_at = sqlite3_column_int64(st, 13);
    e->realert_at = sqlite3_column_int64(st, 14);
    e->realerts = sqlite3_column_int(st, 15);
    store__copy_col(e->acked_by, sizeof e->acked_by, st, 16);
    e->resolved_at = sqlite3_column_int64(st, 17);
    store__copy_col(e->resolved_by, sizeof e->resolved_by, st, 18);
    e->followup_due_at = sqlite3_column_int64(st, 20);
    int rc = STORE_OK;
    STORE__STATE(esc_state, s, st, 6, e->id, &e->state, rc);
    STORE__STATE(stored_severity, s, st, 4, e->id, &e->severity, rc);
    if (rc == STORE_OK && e->severity == SEV_NONE) /* never stored (the CHECK) */
        rc = store__unknown_state(s, "severity", e->id, (const char *)sqlite3_column_text(st, 4));
    if (rc != STORE_OK)
        return rc;
    /* A sealed body is read whole and opened (a cut blob cannot be). */
    return store__copy_secret(s, e->text, sizeof e->text, st, 19, LABEL_BODY, e->last_message_id);
}

STORE__WALKER(esc_walk, struct store_escalation, esc_row, store_escalation_cb)

/* esc_row as a store__row_fn for store__one. */
static int esc_into(struct store *s, sqlite3_stmt *st, void *out)
{
    return esc_row(s, st, out);
}

int store_escalations_each(struct store *s, int64_t client_id, bool open_only,
                           store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_EACH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int(st, 2, open_only ? 1 : 0);
    return esc_walk(s, st, cb, ctx, "escalations walk");
}

int store_escalation_get(struct store *s, int64_t id, struct store_escalation *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_GET);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    return store__one(s, st, esc_into, out, "escalation get");
}

int store_escalation_recent(struct store *s, const char *peer, int64_t since,
                            struct store_escalation *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_RECENT);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, peer);
    sqlite3_bind_int64(st, 2, since);
    return store__one(s, st, esc_into, out, "escalation get");
}

int store_escalation_open_watch(struct store *s, int64_t client_id, struct store_escalation *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_OPEN_WATCH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return store__one(s, st, esc_into, out, "escalation get");
}

int store_escalation_merge(struct store *s, int64_t id, int64_t message_id, const char *reason,
                           int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_MERGE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, message_id);
    sqlite3_bind_int64(st, 3, now);
    store__bind_text(st, 4, reason);
    return store__exec_stmt(s, st, "escalation merge");
}

int store_escalation_resolve(struct store *s, int64_t id, const char *by, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_RESOLVE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    store__bind_text(st, 3, by);
    int rc = store__exec_stmt(s, st, "escalation resolve");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_escalation_set_realert(struct store *s, int64_t id, int64_t at, int realerts)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_SET_REALERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    sqlite3_bind_int(st, 3, realerts);
    return store__exec_stmt(s, st, "escalation realert");
}

/* Walks the escalations of query q (?1 now, ?2 limit): what is due. */
static int esc_due(struct store *s, enum stmt_id q, int64_t now, int limit,
                   store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, q);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return esc_walk(s, st, cb, ctx, "escalations walk");
}

int store_escalations_realert_due(struct store *s, int64_t now, int limit,
                                  store_escalation_cb cb, void *ctx)
{
    return esc_due(s, Q_ESC_REALERT_DUE, now, limit, cb, ctx);
}

int store_escalation_realert_next(struct store *s, int64_t remind_after, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_REALERT_NEXT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, remind_after);
    return store__single_int(s, st, out, "next realert");
}

int store_escalations_rearm(struct store *s, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_REARM);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    int rc = store__exec_stmt(s, st, "escalations rearm");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_escalations_remind_due(struct store *s, int64_t now, int64_t remind_after, int limit,
                                 store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_REMIND_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    sqlite3_bind_int64(st, 3, remind_after);
    return esc_walk(s, st, cb, ctx, "escalations walk");
}

int store_escalation_set_reminded(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_SET_REMINDED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return store__exec_stmt(s, st, "escalation reminded");
}

int store_escalation_upgrade(struct store *s, int64_t id, enum severity severity,
                             const char *reason, int64_t message_id, int64_t now,
                             int64_t realert_at)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_UPGRADE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, stored_severity_name(severity));
    store__bind_text(st, 3, reason);
    sqlite3_bind_int64(st, 4, message_id);
    sqlite3_bind_int64(st, 5, now);
    sqlite3_bind_int64(st, 6, realert_at);
    int rc = store__exec_stmt(s, st, "escalation upgrade");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_escalation_set_followup(struct store *s, int64_t id, int64_t at)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_SET_FOLLOWUP);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    return store__exec_stmt(s, st, "escalation followup");
}

int store_escalations_followup_due(struct store *s, int64_t now, int limit,
                                   store_escalation_cb cb, void *ctx)
{
    return esc_due(s, Q_ESC_FOLLOWUP_DUE, now, limit, cb, ctx);
}

int store_escalation_last_sent(struct store *s, int64_t id, enum msg_kind kind, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_LAST_SENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, msg_kind_name(kind));
    return store__single_int(s, st, out, "escalation last sent");
}

int store_escalations_watch_since(struct store *s, int64_t since, int64_t specialist_id,
                                  store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_WATCH_SINCE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, since);
    sqlite3_bind_int64(st, 2, specialist_id);
    return esc_walk(s, st, cb, ctx, "escalations walk");
}

int store_escalations_for_specialist(struct store *s, int64_t specialist_id, const char *key,
                                     store_escalation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_FOR_SPECIALIST);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    store__bind_text(st, 2, key);
    return esc_walk(s, st, cb, ctx, "escalations walk");
}

/* The message ids store_escalation_alerted collects: up to max, the rest
 * are read and dropped. */
struct alerted {
    int64_t *ids;
    int max, n;
};

static int alerted_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct alerted *a = arg;
    (void)s;
    if (a->n < a->max)
        a->ids[a->n++] = sqlite3_column_int64(st, 0);
    return 0;
}

int store_escalation_alerted(struct store *s, int64_t id, int64_t *ids, int max)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_ALERTED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    struct alerted a = {ids, max, 0};
    int code = store__walk(s, st, alerted_row, &a, "alerted");
    return code == STORE_OK ? a.n : code;
}

int store_escalation_ack(struct store *s, int64_t id, const char *by, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_ESC_ACK);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    store__bind_text(st, 3, by);
    int rc = store__exec_stmt(s, st, "escalation ack");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}
