/* SPDX-License-Identifier: Apache-2.0 */
/* conversations.c: conversations between a specialist and a client (issue 18). */
#include "store/store_internal.h"

#include <string.h>

int store_conversation_open(struct store *s, int64_t client_id, int64_t escalation_id,
                            int64_t specialist_id, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, escalation_id);
    sqlite3_bind_int64(st, 3, specialist_id);
    sqlite3_bind_int64(st, 4, now);
    int rc = store__exec_stmt(s, st, "conversation open");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int conv_row(struct store *s, sqlite3_stmt *st, struct store_conversation *v)
{
    int rc = STORE_OK;
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    v->client_id = sqlite3_column_int64(st, 1);
    v->escalation_id = sqlite3_column_int64(st, 2);
    v->specialist_id = sqlite3_column_int64(st, 3);
    v->opened_at = sqlite3_column_int64(st, 4);
    v->last_at = sqlite3_column_int64(st, 5);
    v->ended_at = sqlite3_column_int64(st, 6);
    STORE__STATE(conv_end, s, st, 7, v->id, &v->end_reason, rc);
    store__copy_col(v->alias, sizeof v->alias, st, 8);
    store__copy_col(v->holder, sizeof v->holder, st, 9);
    return rc;
}

/* conv_row as a store__row_fn for store__one. */
static int conv_into(struct store *s, sqlite3_stmt *st, void *out)
{
    return conv_row(s, st, out);
}

/* Walks the conversations of st (bound) through cb; resets st. */
STORE__WALKER(conv_walk, struct store_conversation, conv_row, store_conversation_cb)

/* The one conversation query q finds for key, or STORE_NOTFOUND. */
static int conv_one(struct store *s, enum stmt_id q, int64_t key, struct store_conversation *out)
{
    sqlite3_stmt *st = store__stmt(s, q);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, key);
    return store__one(s, st, conv_into, out, "conversations");
}

int store_conversation_get(struct store *s, int64_t id, struct store_conversation *out)
{
    return conv_one(s, Q_CONV_GET, id, out);
}

int store_conversation_of_client(struct store *s, int64_t client_id,
                                 struct store_conversation *out)
{
    return conv_one(s, Q_CONV_OF_CLIENT, client_id, out);
}

int store_conversation_of_escalation(struct store *s, int64_t escalation_id,
                                     struct store_conversation *out)
{
    return conv_one(s, Q_CONV_OF_ESC, escalation_id, out);
}

int store_conversations_of_specialist(struct store *s, int64_t specialist_id,
                                      store_conversation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_OF_SPEC);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    return conv_walk(s, st, cb, ctx, "conversations");
}

int store_conversations_for_client(struct store *s, int64_t client_id, store_conversation_cb cb,
                                   void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_HISTORY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return conv_walk(s, st, cb, ctx, "conversations");
}

int store_conversation_end(struct store *s, int64_t id, enum conv_end reason, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_END);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, conv_end_name(reason));
    sqlite3_bind_int64(st, 3, now);
    int rc = store__exec_stmt(s, st, "conversation end");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_conversation_touch(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_TOUCH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return store__exec_stmt(s, st, "conversation touch");
}

int store_conversation_hand(struct store *s, int64_t id, int64_t specialist_id,
                            int64_t escalation_id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_HAND);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, specialist_id);
    sqlite3_bind_int64(st, 3, escalation_id);
    sqlite3_bind_int64(st, 4, now);
    int rc = store__exec_stmt(s, st, "conversation hand");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_conversations_expire(struct store *s, int64_t now, int64_t idle_seconds)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_EXPIRE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, idle_seconds);
    int rc = store__exec_stmt(s, st, "conversations expire");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_message_link(struct store *s, int64_t msg_id, int64_t conversation_id,
                       int64_t client_id)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_LINK);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, msg_id);
    sqlite3_bind_int64(st, 2, conversation_id);
    sqlite3_bind_int64(st, 3, client_id);
    return store__exec_stmt(s, st, "message link");
}

int store_client_set_stop_message(struct store *s, int64_t client_id, int64_t msg_id)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_SET_STOP_MSG);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, msg_id);
    return store__exec_stmt(s, st, "client stop message");
}

int store_client_last_inbound(struct store *s, int64_t client_id, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_LAST_IN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return store__single_int(s, st, out, "client last inbound");
}

int store_client_wrote_after_stop(struct store *s, int64_t client_id, bool *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_WROTE_AFTER_STOP);
    int64_t n = 0;
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int rc = store__single_int(s, st, &n, "client wrote after stop");
    *out = rc == STORE_OK && n > 0;
    return rc == STORE_NOTFOUND ? STORE_OK : rc;
}
int store_client_last_out(struct store *s, int64_t client_id, enum msg_kind kind, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_LAST_OUT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    store__bind_text(st, 2, msg_kind_name(kind));
    return store__single_int(s, st, out, "client last out");
}

int store_conversations_idle(struct store *s, int64_t now, int64_t idle_seconds, int limit,
                             store_conversation_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_IDLE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, idle_seconds);
    sqlite3_bind_int(st, 3, limit);
    return conv_walk(s, st, cb, ctx, "conversations");
}

int store_conversations_idle_next(struct store *s, int64_t idle_seconds, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONV_IDLE_NEXT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, idle_seconds);
    return store__single_int(s, st, out, "next idle conversation");
}
