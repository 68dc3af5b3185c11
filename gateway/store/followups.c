/* SPDX-License-Identifier: Apache-2.0 */
/* followups.c: follow-up tasks (issue 18 item 4). */
#include "store/store_internal.h"

#include <string.h>

int store_followup_insert(struct store *s, int64_t escalation_id, int64_t client_id,
                          int64_t specialist_id, int64_t due_at, int nth, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_INSERT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int(st, 6, nth);
    sqlite3_bind_int64(st, 1, escalation_id);
    sqlite3_bind_int64(st, 2, client_id);
    sqlite3_bind_int64(st, 3, specialist_id);
    sqlite3_bind_int64(st, 4, due_at);
    sqlite3_bind_int64(st, 5, now);
    return store__exec_stmt(s, st, "followup insert");
}

static int fu_row(struct store *s, sqlite3_stmt *st, struct store_followup *f)
{
    int rc = STORE_OK;
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(st, 0);
    f->escalation_id = sqlite3_column_int64(st, 1);
    f->client_id = sqlite3_column_int64(st, 2);
    f->specialist_id = sqlite3_column_int64(st, 3);
    f->due_at = sqlite3_column_int64(st, 4);
    f->step = sqlite3_column_int(st, 5);
    f->next_at = sqlite3_column_int64(st, 6);
    STORE__STATE(fu_state, s, st, 7, f->id, &f->state, rc);
    store__copy_col(f->handed_to, sizeof f->handed_to, st, 8);
    f->snoozes = sqlite3_column_int(st, 9);
    f->done_at = sqlite3_column_int64(st, 10);
    store__copy_col(f->done_by, sizeof f->done_by, st, 11);
    store__copy_col(f->alias, sizeof f->alias, st, 12);
    store__copy_col(f->holder, sizeof f->holder, st, 13);
    return rc;
}

/* fu_row as a store__row_fn for store__one. */
static int fu_into(struct store *s, sqlite3_stmt *st, void *out)
{
    return fu_row(s, st, out);
}

/* Walks the follow-ups of st (bound) through cb; resets st. */
STORE__WALKER(fu_walk, struct store_followup, fu_row, store_followup_cb)

int store_followups_due(struct store *s, int64_t now, int limit, store_followup_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, limit);
    return fu_walk(s, st, cb, ctx, "followups");
}

int store_followup_step(struct store *s, int64_t id, int step, int64_t next_at,
                        const char *handed_to)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_STEP);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, step);
    sqlite3_bind_int64(st, 3, next_at);
    store__bind_text(st, 4, handed_to ? handed_to : "");
    return store__exec_stmt(s, st, "followup step");
}

int store_followup_current(struct store *s, int64_t escalation_id, struct store_followup *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_CURRENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    return store__one(s, st, fu_into, out, "followups");
}

int store_followup_done(struct store *s, int64_t id, const char *by, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_DONE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, by);
    sqlite3_bind_int64(st, 3, now);
    return store__exec_stmt(s, st, "followup done");
}

int store_followup_snooze(struct store *s, int64_t id, int64_t until)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_SNOOZE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, until);
    return store__exec_stmt(s, st, "followup snooze");
}

int store_followups_each(struct store *s, int64_t specialist_id, bool all, store_followup_cb cb,
                         void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_EACH);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    sqlite3_bind_int(st, 2, all ? 1 : 0);
    return fu_walk(s, st, cb, ctx, "followups");
}

int store_followups_hand(struct store *s, int64_t escalation_id, int64_t specialist_id)
{
    sqlite3_stmt *st = store__stmt(s, Q_FU_HAND);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, escalation_id);
    sqlite3_bind_int64(st, 2, specialist_id);
    return store__exec_stmt(s, st, "followups hand");
}
