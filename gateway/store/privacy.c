/* SPDX-License-Identifier: Apache-2.0 */
/* privacy.c: encryption, consent, backup, retention, removal and re-keying. */
#include "store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A store__row_fn: STORE_ERR, saying so, when the key id of the row is not
 * one of crypt arg's keys. */
static int key_known_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    const struct crypt *c = arg;
    const char *id = (const char *)sqlite3_column_text(st, 0);
    if (id && !crypt_knows_id(c, id)) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "the database holds values encrypted with key %s, which is not configured"
                 " (set it as encryption.key or encryption.previous_key)", id);
        return STORE_ERR;
    }
    return STORE_OK;
}

int store_set_crypt(struct store *s, const struct crypt *c)
{
    sqlite3_stmt *st = store__stmt(s, Q_KEYS_LIST);
    if (!st)
        return STORE_ERR;
    int code = store__walk(s, st, key_known_row, (void *)c, "encryption keys");
    if (code != STORE_OK)
        return code;
    /* Remember the key before the first value is sealed with it. */
    if (crypt_sealing(c)) {
        if (!(st = store__stmt(s, Q_KEYS_ADD)))
            return STORE_ERR;
        store__bind_text(st, 1, crypt_current_id(c));
        /* Read-only (a start on a read-only file system): nothing can be
         * sealed either; the gateway records the key once it can write. */
        if ((code = store__exec_stmt(s, st, "encryption key record")) != STORE_OK &&
            code != STORE_READONLY)
            return code;
    }
    s->crypt = c;
    return STORE_OK;
}

int store_outbox_cancel_client(struct store *s, int64_t client_id, int64_t now)
{
    sqlite3_stmt *st = store__stmt(s, Q_OUT_CANCEL_CLIENT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, client_id);
    sqlite3_bind_int64(st, 2, now);
    int rc = store__exec_stmt(s, st, "outbox cancel");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

/* Where store_message_body puts the body of message id. */
struct body {
    char *out;
    size_t outsz;
    int64_t id;
};

static int body_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct body *b = arg;
    return store__copy_secret(s, b->out, b->outsz, st, 0, LABEL_BODY, b->id);
}

int store_message_body(struct store *s, int64_t id, char *out, size_t outsz)
{
    sqlite3_stmt *st = store__stmt(s, Q_MSG_BODY);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, id);
    struct body b = {out, outsz, id};
    return store__one(s, st, body_row, &b, "message body");
}
static int consent_row(struct store *s, sqlite3_stmt *st, struct store_consent_event *e)
{
    (void)s;
    memset(e, 0, sizeof *e);
    e->audit_id = sqlite3_column_int64(st, 0);
    e->at = sqlite3_column_int64(st, 1);
    store__copy_col(e->alias, sizeof e->alias, st, 2);
    store__copy_col(e->action, sizeof e->action, st, 3);
    e->specialist_id = sqlite3_column_int64(st, 4);
    store__copy_col(e->detail, sizeof e->detail, st, 5);
    return STORE_OK;
}

STORE__WALKER(consent_walk, struct store_consent_event, consent_row, store_consent_cb)

int store_consent_events(struct store *s, int64_t specialist_id, int64_t after_id,
                         store_consent_cb cb, void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_CONSENT_EVENTS);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, specialist_id);
    sqlite3_bind_int64(st, 2, after_id);
    return consent_walk(s, st, cb, ctx, "consent events");
}
int store_clients_reask_due(struct store *s, int64_t before, int limit, store_client_cb cb,
                            void *ctx)
{
    sqlite3_stmt *st = store__stmt(s, Q_REASK_DUE);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int(st, 2, limit);
    return store__clients_walk(s, st, cb, ctx);
}
/* SQLite's online backup: the copy is one consistent snapshot even while
 * the gateway writes (a WAL reader sees one point in time), and the file
 * is created here with O_EXCL and mode 0600 so that neither an existing
 * file is overwritten nor health data made readable to others. */
int store_backup(struct store *s, const char *path, char *err, size_t errlen)
{
    sqlite3 *dst = NULL;
    sqlite3_backup *b = NULL;
    int code = STORE_ERR, rc;
    bool created = false;

    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path,
                 errno == EEXIST ? "it exists already (give a new file name)" : strerror(errno));
        return errno == EROFS || errno == EACCES ? STORE_READONLY : STORE_ERR;
    }
    created = true;
    (void)fchmod(fd, 0600);
    close(fd);
    if ((rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL)) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path,
                 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        goto out;
    }
    if (!(b = sqlite3_backup_init(dst, "main", s->db, "main"))) {
        snprintf(err, errlen, "backup to %s: %s", path, sqlite3_errmsg(dst));
        goto out;
    }
    /* All pages in one step: one read transaction on the source, so the
     * copy is never a mix of two moments. The busy timeout of s applies to
     * the source's lock. */
    rc = sqlite3_backup_step(b, -1);
    int fin = sqlite3_backup_finish(b);
    b = NULL;
    if (rc != SQLITE_DONE || fin != SQLITE_OK) {
        int e = rc != SQLITE_DONE ? rc : fin;
        snprintf(err, errlen, "backup to %s: %s", path, sqlite3_errstr(e));
        code = (e & 0xff) == SQLITE_BUSY || (e & 0xff) == SQLITE_LOCKED ? STORE_BUSY
               : (e & 0xff) == SQLITE_FULL                               ? STORE_FULL
                                                                         : STORE_ERR;
        goto out;
    }
    /* The copy says "WAL" in its header like the source; make it one
     * self-contained file with no -wal beside it. */
    if (sqlite3_exec(dst, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;", NULL,
                     NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "backup to %s: %s", path, sqlite3_errmsg(dst));
        goto out;
    }
    code = STORE_OK;
out:
    sqlite3_close(dst);
    if (code != STORE_OK && created)
        (void)unlink(path);
    return code;
}

int store_purge_bodies(struct store *s, int64_t before, int64_t now, int limit)
{
    sqlite3_stmt *st = store__stmt(s, Q_PURGE_BODIES);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, limit);
    int rc = store__exec_stmt(s, st, "retention");
    return rc == STORE_OK ? sqlite3_changes(s->db) : rc;
}

/* Runs a delete/update keyed by (client id, phone); *changed gets the count. */
static int remove_step(struct store *s, enum stmt_id id, const struct store_client *c,
                       int64_t *changed, const char *what)
{
    sqlite3_stmt *st = store__stmt(s, id);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    store__bind_text(st, 2, c->phone);
    int rc = store__exec_stmt(s, st, what);
    if (rc == STORE_OK && changed)
        *changed += sqlite3_changes(s->db);
    return rc;
}

int store_client_remove(struct store *s, const struct store_client *c, struct store_removed *counts)
{
    struct store_removed n = {0};
    char renamed[32];
    int rc;
    sqlite3_stmt *st = store__stmt(s, Q_RM_COUNT);
    if (!st)
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    int64_t *cols[] = {&n.moods, &n.checkins, NULL};
    if ((rc = store__one(s, st, store__int_cols, cols, "remove count")) != STORE_OK)
        return rc == STORE_NOTFOUND ? store__fail(s, sqlite3_extended_errcode(s->db), "remove count")
                                    : rc;
    /* Alerts about them first (they reference the escalations), then the
     * escalations, then every other message, then the client: check-ins and
     * moods follow by ON DELETE CASCADE. */
    if ((rc = remove_step(s, Q_RM_ALERTS, c, &n.messages, "remove alerts")) != STORE_OK ||
        (rc = remove_step(s, Q_RM_ESC, c, &n.escalations, "remove escalations")) != STORE_OK ||
        (rc = remove_step(s, Q_RM_MSGS, c, &n.messages, "remove messages")) != STORE_OK)
        return rc;
    if (!(st = store__stmt(s, Q_RM_CLIENT)))
        return STORE_ERR;
    sqlite3_bind_int64(st, 1, c->id);
    if ((rc = store__exec_stmt(s, st, "remove client")) != STORE_OK)
        return rc;
    if (!(st = store__stmt(s, Q_RM_AUDIT)))
        return STORE_ERR;
    snprintf(renamed, sizeof renamed, "client#%lld", (long long)c->id);
    store__bind_text(st, 1, c->alias);
    store__bind_text(st, 2, renamed);
    if ((rc = store__exec_stmt(s, st, "remove audit rename")) != STORE_OK)
        return rc;
    n.audit_renamed = sqlite3_changes(s->db);
    if (counts)
        *counts = n;
    return STORE_OK;
}

/* True if a stored value is not as the current setting would write it. */
static bool needs_reseal(const struct store *s, sqlite3_stmt *st, int col)
{
    int type = sqlite3_column_type(st, col);
    if (type == SQLITE_BLOB)
        return !crypt_blob_is_current(s->crypt, sqlite3_column_blob(st, col),
                                      (size_t)sqlite3_column_bytes(st, col));
    return crypt_sealing(s->crypt) && type == SQLITE_TEXT && sqlite3_column_bytes(st, col) > 0;
}

/* One batch of rekey_table being read: the values to re-seal, rows[n]. */
struct rekey_read {
    struct row { int64_t id; char *text; size_t len; } *rows;
    int n, seen;
    int64_t *cursor;
    const char *label;
};

/* A store__row_fn: moves the cursor past the row and keeps its value,
 * opened, when it needs re-sealing. */
static int rekey_row(struct store *s, sqlite3_stmt *st, void *arg)
{
    struct rekey_read *r = arg;
    struct row *rows = r->rows;
    int n = r->n;
    int64_t id = sqlite3_column_int64(st, 0);
    r->seen++;
    *r->cursor = id;
    if (!needs_reseal(s, st, 1))
        return STORE_OK;
    /* Opened in full (no truncation: inbound bodies have no cap). */
    if (sqlite3_column_type(st, 1) == SQLITE_BLOB) {
        char why[200];
        rows[n].text = crypt_open(s->crypt, r->label, sqlite3_column_blob(st, 1),
                                  (size_t)sqlite3_column_bytes(st, 1), &rows[n].len, why,
                                  sizeof why);
        if (!rows[n].text) {
            snprintf(s->errmsg, sizeof s->errmsg, "row %lld: %s", (long long)id, why);
            return STORE_ERR;
        }
    } else {
        rows[n].len = (size_t)sqlite3_column_bytes(st, 1);
        rows[n].text = malloc(rows[n].len + 1);
        if (!rows[n].text) {
            snprintf(s->errmsg, sizeof s->errmsg, "rekey: out of memory");
            return STORE_ERR;
        }
        memcpy(rows[n].text, sqlite3_column_blob(st, 1), rows[n].len);
        rows[n].text[rows[n].len] = '\0';
    }
    rows[n].id = id;
    r->n++;
    return STORE_OK;
}

/* One batch of one table: reads up to batch rows after *cursor, re-seals
 * those that need it. */
static int rekey_table(struct store *s, enum stmt_id q_read, enum stmt_id q_write,
                       const char *label, int64_t *cursor, int batch, int64_t *rewritten,
                       bool *table_done)
{
    struct rekey_read r = {calloc((size_t)batch, sizeof(struct row)), 0, 0, cursor, label};
    struct row *rows = r.rows;
    int code;
    if (!rows) {
        snprintf(s->errmsg, sizeof s->errmsg, "rekey: out of memory");
        return STORE_ERR;
    }
    sqlite3_stmt *st = store__stmt(s, q_read);
    if (!st) {
        free(rows);
        return STORE_ERR;
    }
    sqlite3_bind_int64(st, 1, *cursor);
    sqlite3_bind_int(st, 2, batch);
    code = store__walk(s, st, rekey_row, &r, "rekey read");
    for (int i = 0; code == STORE_OK && i < r.n; i++) {
        if (!(st = store__stmt(s, q_write))) {
            code = STORE_ERR;
            break;
        }
        sqlite3_bind_int64(st, 1, rows[i].id);
        if ((code = store__bind_secret(s, st, 2, rows[i].text, rows[i].len, label)) == STORE_OK &&
            (code = store__exec_stmt(s, st, "rekey write")) == STORE_OK)
            (*rewritten)++;
    }
    for (int i = 0; i < batch; i++) {
        if (rows[i].text) {
            memset(rows[i].text, 0, rows[i].len);
            free(rows[i].text);
        }
    }
    free(rows);
    *table_done = code == STORE_OK && r.seen < batch;
    return code;
}

int store_rekey_step(struct store *s, struct store_rekey *r, int batch)
{
    bool done = false;
    int rc;
    if (r->done)
        return STORE_OK;
    if (batch < 1)
        batch = 1;
    if ((rc = store_begin(s)) != STORE_OK)
        return rc;
    /* Messages first (-1 marks that pass finished), then client names,
     * then birthdays. */
    if (r->next_message_id >= 0) {
        rc = rekey_table(s, Q_REKEY_MSGS, Q_REKEY_MSG_SET, LABEL_BODY, &r->next_message_id, batch,
                         &r->rewritten, &done);
        if (rc == STORE_OK && done)
            r->next_message_id = -1;
    } else if (r->next_client_id >= 0) {
        rc = rekey_table(s, Q_REKEY_CLIENTS, Q_REKEY_CLIENT_SET, LABEL_NAME, &r->next_client_id,
                         batch, &r->rewritten, &done);
        if (rc == STORE_OK && done)
            r->next_client_id = -1;
    } else {
        rc = rekey_table(s, Q_REKEY_BIRTHDAYS, Q_REKEY_BIRTHDAY_SET, LABEL_BIRTHDAY,
                         &r->next_birthday_id, batch, &r->rewritten, &done);
        if (rc == STORE_OK && done)
            r->done = true;
    }
    if (rc != STORE_OK) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s);
}

int store_rekey_finish(struct store *s, int64_t *left)
{
    sqlite3_stmt *st = store__stmt(s, Q_REKEY_LEFT);
    if (!st)
        return STORE_ERR;
    const char *cur = crypt_current_id(s->crypt);
    if (cur)
        store__bind_text(st, 1, cur);
    int rc = store__single_int(s, st, left, "rekey count");
    if (rc != STORE_OK || *left > 0)
        return rc;
    if (!(st = store__stmt(s, Q_KEYS_FORGET)))
        return STORE_ERR;
    if (cur)
        store__bind_text(st, 1, cur);
    return store__exec_stmt(s, st, "forget old keys");
}
