/* SPDX-License-Identifier: Apache-2.0 */
/* checkins.c: check-ins, their reminders and windows, and moods. */
#include "store/store_internal.h"

#include <string.h>

int store_checkin_set_remind(struct store *s, int64_t id, int64_t remind_at)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKIN_SET_REMIND);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, remind_at);
    return store__exec_stmt(s, st, "checkin reminder");
}

/* Reads the check-in row of st (columns id, client_id, due_at, window_end,
 * state, remind_at). */
static int checkin_row(struct store *s, sqlite3_stmt *st, struct store_checkin *k)
{
    int rc = STORE_OK;
    memset(k, 0, sizeof *k);
    k->id = sqlite3_column_int64(st, 0);
    k->client_id = sqlite3_column_int64(st, 1);
    k->due_at = sqlite3_column_int64(st, 2);
    k->window_end = sqlite3_column_int64(st, 3);
    STORE__STATE(checkin_state, s, st, 4, k->id, &k->state, rc);
    k->remind_at = sqlite3_column_int64(st, 5);
    return rc;
}

/* Walks the check-in rows a bound statement yields, calling cb for each
 * until it returns non-zero. what names the walk in an error. */
STORE__WALKER(walk_checkins, struct store_checkin, checkin_row, store_checkin_cb)

int store_reminders_due(struct store *s, int64_t now, int limit, store_checkin_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_REMINDERS_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return walk_checkins(s, st, cb, ctx, "reminders due");
}

int store_checkin_reminded(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKIN_REMINDED);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return store__exec_stmt(s, st, "checkin reminded");
}

int store_next_reminder(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_NEXT_REMIND);
    return st ? store__single_int(s, st, out, "next reminder") : STORE_ERR;
}

int store_next_window_end(struct store *s, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_NEXT_WINDOW_END);
    return st ? store__single_int(s, st, out, "next window end") : STORE_ERR;
}

int store_checkins_missed_in_row(struct store *s, int64_t client_id, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_MISSED_IN_ROW);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    int rc = store__single_int(s, st, out, "missed in a row");
    if (rc == STORE_NOTFOUND) { /* count(*) is never NULL; keep the contract simple */
        *out = 0;
        rc = STORE_OK;
    }
    return rc;
}

int store_checkin_insert(struct store *s, int64_t client_id, int64_t due_at, int64_t window_end,
                         int64_t *id_out)
{
    return store_checkin_insert_remind(s, client_id, due_at, window_end, 0, id_out);
}

int store_checkin_insert_remind(struct store *s, int64_t client_id, int64_t due_at,
                                int64_t window_end, int64_t remind_at, int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKIN_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, due_at);
    sqlite3_bind_int64(st, 3, window_end);
    sqlite3_bind_int64(st, 4, remind_at);
    int rc = store__exec_stmt(s, st, "checkin insert");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_checkin_open(struct store *s, int64_t client_id, int64_t now, int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKIN_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, now);
    return store__single_int(s, st, id_out, "checkin open");
}

int store_checkin_answer(struct store *s, int64_t id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKIN_ANSWER);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return store__exec_stmt(s, st, "checkin answer");
}

int store_checkin_retry_once(struct store *s, int64_t id)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKIN_RETRY_ONCE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    int rc = store__exec_stmt(s, st, "checkin retry once");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_checkins_expire(struct store *s, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKINS_EXPIRE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    int rc = store__exec_stmt(s, st, "checkins expire");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

int store_mood_insert(struct store *s, int64_t client_id, const struct store_mood *m,
                      int64_t *id_out)
{
    sqlite3_stmt *st = store__stmt(s, Q_MOOD_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, m->message_id);
    sqlite3_bind_int64(st, 3, m->checkin_id);
    sqlite3_bind_double(st, 4, m->score);
    sqlite3_bind_int(st, 5, m->scale_min);
    sqlite3_bind_int(st, 6, m->scale_max);
    sqlite3_bind_double(st, 7, m->norm);
    sqlite3_bind_int64(st, 8, m->recorded_at);
    int rc = store__exec_stmt(s, st, "mood insert");
    if (rc == STORE_OK && id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int mood_row(struct store *s, sqlite3_stmt *st, struct store_mood *m)
{
    (void)s;
    m->id = sqlite3_column_int64(st, 0);
    m->message_id = sqlite3_column_int64(st, 1);
    m->checkin_id = sqlite3_column_int64(st, 2);
    m->score = sqlite3_column_double(st, 3);
    m->scale_min = sqlite3_column_int(st, 4);
    m->scale_max = sqlite3_column_int(st, 5);
    m->norm = sqlite3_column_double(st, 6);
    m->recorded_at = sqlite3_column_int64(st, 7);
    return STORE_OK;
}

/* Steps st and calls cb for each mood row. */
STORE__WALKER(mood_walk, struct store_mood, mood_row, store_mood_cb)

int store_moods_for_client(struct store *s, int64_t client_id, store_mood_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_MOODS_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    return mood_walk(s, st, cb, ctx, "moods walk");
}

int store_moods_recent(struct store *s, int64_t client_id, int limit, store_mood_cb cb,
                       void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_MOODS_RECENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int(st, 2, limit);
    return mood_walk(s, st, cb, ctx, "moods walk");
}

int store_checkins_for_client(struct store *s, int64_t client_id, int64_t since,
                              store_checkin_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CHECKINS_FOR_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, since);
    return walk_checkins(s, st, cb, ctx, "check-ins walk");
}
