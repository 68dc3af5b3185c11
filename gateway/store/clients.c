/* SPDX-License-Identifier: Apache-2.0 */
/* clients.c: specialists and clients, their schedules and pauses. */
#include "store/store_internal.h"

#include <string.h>

int store_specialist_upsert(struct store *s, const char *key, const char *name,
                            const char *phone, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_SPEC_UPSERT);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, key);
    store__bind_text(st, 2, name);
    store__bind_text(st, 3, phone);
    sqlite3_bind_int64(st, 4, now);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        int code = store__fail(s, sqlite3_extended_errcode(s->db), "specialist upsert");
        sqlite3_reset(st);
        return code;
    }
    int64_t id = sqlite3_column_int64(st, 0);
    /* Step to the end rather than reset after the RETURNING row: outside a
     * transaction the implicit COMMIT runs there, and sqlite3_reset's result
     * was ignored, so a failed commit (disk full, I/O error) was reported
     * as STORE_OK with nothing stored. */
    if ((rc = sqlite3_step(st)) != SQLITE_DONE) {
        int code = store__fail(s, sqlite3_extended_errcode(s->db), "specialist upsert");
        sqlite3_reset(st);
        return code;
    }
    if (id_out)
        *id_out = id;
    sqlite3_reset(st);
    return STORE_OK;
}

/* A store__row_fn: the specialist row of st into *(struct store_specialist *)arg. */
static int specialist_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct store_specialist *out = arg;
    (void)s;
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    store__copy_col(out->key, sizeof out->key, st, 1);
    store__copy_col(out->name, sizeof out->name, st, 2);
    store__copy_col(out->phone, sizeof out->phone, st, 3);
    return STORE_OK;
}

int store_specialist_get(struct store *s, int64_t id, struct store_specialist *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_SPEC_GET);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    return store__one(s, st, specialist_row, out, "specialist lookup");
}

int store_specialist_by_key(struct store *s, const char *key, struct store_specialist *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_SPEC_BY_KEY);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, key);
    return store__one(s, st, specialist_row, out, "specialist lookup");
}

int store_specialist_by_phone(struct store *s, const char *phone, struct store_specialist *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_SPEC_BY_PHONE);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, phone);
    return store__one(s, st, specialist_row, out, "specialist lookup");
}

static int client_row(struct store *s, sqlite3_stmt *st, struct store_client *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    store__copy_col(c->alias, sizeof c->alias, st, 1);
    int rc = store__copy_secret(s, c->name, sizeof c->name, st, 2, LABEL_NAME, c->id);
    store__copy_col(c->phone, sizeof c->phone, st, 3);
    store__copy_col(c->tz, sizeof c->tz, st, 4);
    store__copy_col(c->schedule, sizeof c->schedule, st, 5);
    STORE__STATE(stored_lang, s, st, 6, c->id, &c->lang, rc);
    c->specialist_id = sqlite3_column_int64(st, 7);
    if (rc == STORE_OK)
        STORE__STATE(client_state, s, st, 8, c->id, &c->state, rc);
    c->next_due_at = sqlite3_column_int64(st, 9);
    c->created_at = sqlite3_column_int64(st, 10);
    c->opted_out_at = sqlite3_column_int64(st, 11);
    c->next_slot_at = sqlite3_column_int64(st, 12);
    c->oneoff_at = sqlite3_column_int64(st, 13);
    c->paused_until = sqlite3_column_int64(st, 14);
    if (rc == STORE_OK) /* sealed like the name: a date of birth identifies */
        rc = store__copy_secret(s, c->birthday, sizeof c->birthday, st, 15, LABEL_BIRTHDAY,
                                c->id);
    return rc;
}

int store_client_insert(struct store *s, struct store_client *c)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_INSERT);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, c->alias);
    if (store__bind_secret(s, st, 2, c->name, strlen(c->name), LABEL_NAME) != STORE_OK)
        return STORE_ERR;
    store__bind_text(st, 3, c->phone);
    store__bind_text(st, 4, c->tz);
    store__bind_text(st, 5, c->schedule);
    store__bind_text(st, 6, stored_lang_name(c->lang));
    sqlite3_bind_int64(st, 7, c->specialist_id);
    store__bind_text(st, 8, client_state_name(c->state));
    sqlite3_bind_int64(st, 9, c->next_due_at);
    sqlite3_bind_int64(st, 10, c->created_at);
    sqlite3_bind_int64(st, 11, c->next_slot_at ? c->next_slot_at : c->next_due_at);
    if (store__bind_secret(s, st, 12, c->birthday, strlen(c->birthday), LABEL_BIRTHDAY) !=
        STORE_OK)
        return STORE_ERR;
    int rc = store__exec_stmt(s, st, "client insert");
    if (rc == STORE_OK)
        c->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/* client_row as a store__row_fn for store__one. */
static int client_into(struct store *s, sqlite3_stmt *st, void *out)
{
    return client_row(s, st, out);
}

int store_client_get(struct store *s, int64_t id, struct store_client *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_GET);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    return store__one(s, st, client_into, out, "client lookup");
}

int store_client_by_alias(struct store *s, const char *alias, struct store_client *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_BY_ALIAS);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, alias);
    return store__one(s, st, client_into, out, "client lookup");
}

int store_client_by_phone(struct store *s, const char *phone, struct store_client *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_BY_PHONE);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, phone);
    return store__one(s, st, client_into, out, "client lookup");
}

int store_client_set_state(struct store *s, int64_t id, enum client_state state, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_SET_STATE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, client_state_name(state));
    sqlite3_bind_int64(st, 3, now);
    return store__exec_stmt(s, st, "client state");
}

int store_client_set_next_due(struct store *s, int64_t id, int64_t next_due_at)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_SET_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, next_due_at);
    return store__exec_stmt(s, st, "client next due");
}

int store_client_update(struct store *s, const struct store_client *c)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_UPDATE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    store__bind_text(st, 2, c->tz);
    store__bind_text(st, 3, c->schedule);
    store__bind_text(st, 4, stored_lang_name(c->lang));
    store__bind_text(st, 5, client_state_name(c->state));
    sqlite3_bind_int64(st, 6, c->next_due_at);
    sqlite3_bind_int64(st, 7, c->next_slot_at);
    sqlite3_bind_int64(st, 8, c->oneoff_at);
    sqlite3_bind_int64(st, 9, c->paused_until);
    if (store__bind_secret(s, st, 10, c->birthday, strlen(c->birthday), LABEL_BIRTHDAY) !=
        STORE_OK)
        return STORE_ERR;
    int rc = store__exec_stmt(s, st, "client update");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOTFOUND;
    return rc;
}

int store_caring_mark(struct store *s, int64_t client_id, const char *key, int64_t due_at,
                      int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CARING_MARK);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    store__bind_text(st, 2, key);
    sqlite3_bind_int64(st, 3, due_at);
    sqlite3_bind_int64(st, 4, now);
    int rc = store__exec_stmt(s, st, "caring contact");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_EXISTS;
    return rc;
}
int store_caring_count(struct store *s, int64_t client_id, int64_t *n)
{
    sqlite3_stmt *st = store__stmt(s, Q_CARING_COUNT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int64_t *cols[] = {n, NULL};
    *n = 0;
    int rc = store__one(s, st, store__int_cols, cols, "caring count");
    return rc == STORE_NOTFOUND ? store__fail(s, sqlite3_extended_errcode(s->db), "caring count") : rc;
}

int store_client_set_plan(struct store *s, int64_t id, int64_t next_due_at, int64_t next_slot_at,
                          int64_t oneoff_at)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENT_SET_PLAN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, next_due_at);
    sqlite3_bind_int64(st, 3, next_slot_at);
    sqlite3_bind_int64(st, 4, oneoff_at);
    int rc = store__exec_stmt(s, st, "client plan");
    if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
        return STORE_NOTFOUND;
    return rc;
}

STORE__WALKER(clients_walk, struct store_client, client_row, store_client_cb)

/* Walks the client rows of st. The row is copied before cb runs, and the
 * statement is finished before returning, so cb may itself use the store
 * (other statements). */
int store__clients_walk(struct store *s, sqlite3_stmt *st, store_client_cb cb, void *ctx)
{
    return clients_walk(s, st, cb, ctx, "client walk");
}

int store_clients_each(struct store *s, store_client_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENTS_EACH);
    return st ? store__clients_walk(s, st, cb, ctx) : STORE_ERR;
}

int store_clients_due(struct store *s, int64_t now, int limit, store_client_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENTS_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return store__clients_walk(s, st, cb, ctx);
}

int store_clients_after(struct store *s, int64_t after_id, int limit, store_client_cb cb,
                        void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CLIENTS_AFTER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int(st, 2, limit);
    return store__clients_walk(s, st, cb, ctx);
}

int store_pauses_ended(struct store *s, int64_t now, int limit, store_client_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_PAUSES_ENDED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return store__clients_walk(s, st, cb, ctx);
}

/* A store__row_fn: column 0 into *(int64_t *)out; STORE_NOTFOUND when NULL. */
static int single_int_read(struct store *s, sqlite3_stmt *st, void *out)
{
    (void)s;
    if (sqlite3_column_type(st, 0) == SQLITE_NULL)
        return STORE_NOTFOUND;
    *(int64_t *)out = sqlite3_column_int64(st, 0);
    return STORE_OK;
}

/* Runs a one-row, one-column integer query; STORE_NOTFOUND when it is NULL. */
int store__single_int(struct store *s, sqlite3_stmt *st, int64_t *out, const char *what)
{
    return store__one(s, st, single_int_read, out, what);
}

int store_next_due(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_NEXT_DUE);
    return st ? store__single_int(s, st, out, "next due") : STORE_ERR;
}

int store_next_pause_end(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_NEXT_PAUSE_END);
    return st ? store__single_int(s, st, out, "next pause end") : STORE_ERR;
}
