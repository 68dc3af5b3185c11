/* SPDX-License-Identifier: Apache-2.0 */
/* screenings.c: screening questions asked after an escalation. */
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

int store_screening_insert(struct store *s, struct store_screening *sc)
{
    sqlite3_stmt *st = store__stmt(s, Q_SCREEN_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, sc->client_id);
    sqlite3_bind_int64(st, 2, sc->message_id);
    sqlite3_bind_int64(st, 3, sc->question_id);
    sqlite3_bind_int64(st, 4, sc->asked_at);
    sqlite3_bind_int64(st, 5, sc->deadline);
    int rc = store__exec_stmt(s, st, "screening insert");
    if (rc == STORE_OK) {
        sc->id = sqlite3_last_insert_rowid(s->db);
        snprintf(sc->state, sizeof sc->state, "open");
    }
    return rc;
}

static void screening_row(sqlite3_stmt *st, struct store_screening *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->id = sqlite3_column_int64(st, 0);
    sc->client_id = sqlite3_column_int64(st, 1);
    sc->message_id = sqlite3_column_int64(st, 2);
    sc->question_id = sqlite3_column_int64(st, 3);
    sc->asked_at = sqlite3_column_int64(st, 4);
    sc->deadline = sqlite3_column_int64(st, 5);
    store__copy_col(sc->state, sizeof sc->state, st, 6);
    sc->answer_id = sqlite3_column_int64(st, 7);
    sc->closed_at = sqlite3_column_int64(st, 8);
    sc->escalation_id = sqlite3_column_int64(st, 9);
}

/* screening_row as a reader for the statement helpers (it cannot fail). */
static int screening_read(struct store *s, sqlite3_stmt *st, struct store_screening *sc)
{
    (void)s;
    screening_row(st, sc);
    return STORE_OK;
}

/* Walks the screenings of st (bound) through cb; resets st. */
STORE__WALKER(screenings_walk, struct store_screening, screening_read, store_screening_cb)

/* screening_read as a store__row_fn for store__one. */
static int screening_into(struct store *s, sqlite3_stmt *st, void *out)
{
    return screening_read(s, st, out);
}

int store_screening_open(struct store *s, int64_t client_id, struct store_screening *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_SCREEN_OPEN);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    out->id = 0;
    return store__one(s, st, screening_into, out, "screenings");
}

int store_screening_close(struct store *s, int64_t id, const char *state, int64_t answer_id,
                          int64_t escalation_id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_SCREEN_CLOSE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, state);
    sqlite3_bind_int64(st, 3, answer_id);
    sqlite3_bind_int64(st, 4, escalation_id);
    sqlite3_bind_int64(st, 5, now);
    return store__exec_stmt(s, st, "screening close");
}

int store_screenings_due(struct store *s, int64_t now, int limit, store_screening_cb cb,
                         void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_SCREEN_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return screenings_walk(s, st, cb, ctx, "screenings");
}

int store_screenings_for_escalation(struct store *s, int64_t escalation_id,
                                    store_screening_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_SCREEN_FOR_ESC);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    return screenings_walk(s, st, cb, ctx, "screenings");
}
