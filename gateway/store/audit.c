/* SPDX-License-Identifier: Apache-2.0 */
/* audit.c: the audit log. */
#include "store/store_internal.h"

int store_audit(struct store *s, int64_t now, const char *actor, const char *action,
                const char *subject, const char *detail)
{
    sqlite3_stmt *st = store__stmt(s, Q_AUDIT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, now);
    store__bind_text(st, 2, actor);
    store__bind_text(st, 3, action);
    if (subject)
        store__bind_text(st, 4, subject);
    if (detail)
        store__bind_text(st, 5, detail);
    return store__exec_stmt(s, st, "audit");
}

static int audit_row(struct store *s, sqlite3_stmt *st, struct store_audit_row *a)
{
    (void)s;
    a->id = sqlite3_column_int64(st, 0);
    a->at = sqlite3_column_int64(st, 1);
    store__copy_col(a->actor, sizeof a->actor, st, 2);
    store__copy_col(a->action, sizeof a->action, st, 3);
    store__copy_col(a->subject, sizeof a->subject, st, 4);
    store__copy_col(a->detail, sizeof a->detail, st, 5);
    return STORE_OK;
}

STORE__WALKER(audit_walk, struct store_audit_row, audit_row, store_audit_cb)

int store_audit_each(struct store *s, const char *subject, store_audit_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_AUDIT_EACH);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, subject);
    return audit_walk(s, st, cb, ctx, "audit walk");
}

int store_audit_last(struct store *s, const char *action, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_AUDIT_LAST);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, action);
    return store__single_int(s, st, out, "audit last");
}
int store_audit_last_id(struct store *s, const char *action, int64_t *out)
{
    sqlite3_stmt *st = store__stmt(s, Q_AUDIT_LAST_ID);
    if (!st)
        return STORE_ERR;
    store__bind_text(st, 1, action);
    return store__single_int(s, st, out, "audit last id");
}
