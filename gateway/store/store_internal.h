/* SPDX-License-Identifier: Apache-2.0 */
/* store_internal.h: what the files of store/ share and nothing outside
 * store/ includes: struct store, the prepared-statement ids and the
 * statement helpers (store.c: store__walk and store__one step every query
 * that returns rows), the migrations runner (schema.c) and the client walk
 * and single-integer query the table files share. The API is store.h. */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include "store/store.h"

#include "base/crypt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

enum stmt_id {
    Q_SPEC_UPSERT, Q_SPEC_GET, Q_SPEC_BY_KEY, Q_SPEC_BY_PHONE,
    Q_CLIENT_INSERT, Q_CLIENT_GET, Q_CLIENT_BY_ALIAS, Q_CLIENT_BY_PHONE, Q_CLIENT_SET_STATE,
    Q_CLIENT_SET_DUE, Q_CLIENTS_EACH, Q_CLIENTS_DUE, Q_NEXT_DUE,
    Q_CLIENT_UPDATE, Q_CLIENT_SET_PLAN, Q_CLIENTS_AFTER, Q_PAUSES_ENDED, Q_NEXT_PAUSE_END,
    Q_CHECKIN_INSERT, Q_CHECKIN_SET_REMIND, Q_REMINDERS_DUE, Q_CHECKIN_REMINDED, Q_NEXT_REMIND,
    Q_NEXT_WINDOW_END, Q_MISSED_IN_ROW,
    Q_CHECKINS_FOR_CLIENT,
    Q_CHECKIN_OPEN, Q_CHECKIN_ANSWER, Q_CHECKIN_RETRY_ONCE, Q_CHECKINS_EXPIRE,
    Q_INBOUND_INSERT, Q_INBOUND_LAST,
    Q_OUT_QUEUE, Q_OUT_WITHHOLD, Q_OUT_WITHHELD, Q_OUT_CLAIM, Q_OUT_MARK_SENDING, Q_OUT_NEXT, Q_MSG_SENT, Q_MSG_RETRY,
    Q_MSG_FAILED, Q_MSG_EXPIRED, Q_MSG_DELIVERY, Q_OUT_RECOVER, Q_OUT_COUNTS, Q_MSGS_FOR_CLIENT,
    Q_MSG_UNCLAIM, Q_OUT_EXPIRE, Q_OUT_RELEASE, Q_MSG_COPY, Q_ESC_MSG_COUNT, Q_PROBE_INSERT, Q_PROBE_DELETE,
    Q_MOOD_INSERT, Q_MOODS_FOR_CLIENT,
    Q_ESC_INSERT, Q_ESC_EACH, Q_ESC_ACK,
    Q_ESC_GET, Q_ESC_RECENT, Q_ESC_OPEN_WATCH, Q_ESC_MERGE, Q_ESC_RESOLVE, Q_ESC_SET_REALERT,
    Q_ESC_REALERT_DUE, Q_ESC_REALERT_NEXT, Q_ESC_FOR_SPECIALIST, Q_ESC_ALERTED, Q_AUDIT_EACH,
    Q_ESC_UPGRADE, Q_ESC_SET_FOLLOWUP, Q_ESC_FOLLOWUP_DUE, Q_ESC_LAST_SENT, Q_ESC_WATCH_SINCE,
    Q_MOODS_RECENT, Q_ESC_REMIND_DUE, Q_ESC_SET_REMINDED, Q_ESC_REARM,
    Q_AUDIT_LAST,
    Q_AUDIT,
    Q_OUT_CANCEL_CLIENT, Q_CONSENT_EVENTS, Q_AUDIT_LAST_ID, Q_REASK_DUE, Q_PURGE_BODIES,
    Q_MSG_BODY, Q_SCREEN_INSERT, Q_SCREEN_OPEN, Q_SCREEN_CLOSE, Q_SCREEN_DUE, Q_SCREEN_FOR_ESC,
    Q_RM_COUNT, Q_RM_ALERTS, Q_RM_ESC, Q_RM_MSGS, Q_RM_CLIENT, Q_RM_AUDIT,
    Q_CARING_MARK, Q_CARING_COUNT,
    Q_KEYS_LIST, Q_KEYS_ADD, Q_KEYS_FORGET, Q_REKEY_MSGS, Q_REKEY_MSG_SET, Q_REKEY_CLIENTS,
    Q_REKEY_CLIENT_SET, Q_REKEY_BIRTHDAYS, Q_REKEY_BIRTHDAY_SET, Q_REKEY_LEFT,
    Q_CONV_OPEN, Q_CONV_GET, Q_CONV_OF_CLIENT, Q_CONV_OF_ESC, Q_CONV_OF_SPEC, Q_CONV_END,
    Q_CONV_TOUCH, Q_CONV_HAND, Q_CONV_EXPIRE, Q_CONV_HISTORY, Q_MSG_LINK, Q_CLIENT_SET_STOP_MSG,
    Q_CLIENT_LAST_IN, Q_CLIENT_WROTE_AFTER_STOP,
    Q_FLOW_INSERT, Q_FLOW_OPEN, Q_FLOW_UPDATE, Q_FLOW_EXPIRED, Q_FLOW_NEXT_END, Q_FLOW_ANSWER,
    Q_FLOW_ANSWERS, Q_FLOW_FOR_CLIENT,
    Q_CONV_IDLE, Q_CONV_IDLE_NEXT, Q_CLIENT_LAST_OUT, Q_FU_INSERT, Q_FU_DUE, Q_FU_STEP, Q_FU_CURRENT, Q_FU_DONE, Q_FU_SNOOZE, Q_FU_EACH, Q_FU_HAND,
    Q_MSG_KNOWN, Q_DLR_HOLD, Q_DLR_EVICT, Q_DLR_HELD, Q_DLR_FORGET, Q_DLR_EXPIRE,
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_SAVEPOINT, Q_RELEASE, Q_ROLLBACK_TO, Q_PING,
    Q__COUNT
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q__COUNT];
    const struct crypt *crypt; /* borrowed; NULL: values in the clear */
    char errmsg[256];
    bool readonly;      /* opened by store_open_readonly: every write fails */
};

/* Column labels: the associated data of sealed values (crypt.h), so a value
 * copied into another column does not open. */
#define LABEL_BODY "messages.body"
#define LABEL_NAME "clients.name"
#define LABEL_BIRTHDAY "clients.birthday"

/* store.c */
int store__bind_secret(struct store *s, sqlite3_stmt *st, int i, const char *v, size_t len,
                       const char *label);
void store__bind_text(sqlite3_stmt *st, int i, const char *v);
void store__copy_col(char *dst, size_t n, sqlite3_stmt *st, int col);
int store__unknown_state(struct store *s, const char *column, int64_t row_id, const char *text);
/* Reads state column col of row row_id into *out with family's _parse; an
 * unknown text sets rc to store__unknown_state's STORE_ERR. */
#define STORE__STATE(family, s, st, col, row_id, out, rc)                                      \
    do {                                                                                       \
        if (!family##_parse((const char *)sqlite3_column_text(st, col), out))                  \
            rc = store__unknown_state(s, #family, row_id,                                      \
                                      (const char *)sqlite3_column_text(st, col));        \
    } while (0)
int store__copy_secret(struct store *s, char *dst, size_t n, sqlite3_stmt *st, int col,
                       const char *label, int64_t row_id);
int store__exec_sql(struct store *s, const char *text, const char *what);
int store__exec_stmt(struct store *s, sqlite3_stmt *st, const char *what);
int store__fail(struct store *s, int rc, const char *what);
sqlite3_stmt *store__stmt(struct store *s, enum stmt_id id);

/* The statement helpers: every query that returns rows is stepped by one of
 * these two. A store__row_fn reads the current row of st and does with it
 * what its caller wants; a non-zero return stops (store__walk) and is
 * returned. */
typedef int (*store__row_fn)(struct store *s, sqlite3_stmt *st, void *arg);
/* Calls each for every row of st (bound), until one returns non-zero:
 * returns STORE_OK, each's non-zero value, or store__fail(what) when a step
 * fails. Resets st. */
int store__walk(struct store *s, sqlite3_stmt *st, store__row_fn each, void *arg, const char *what);
/* Steps st (bound) once: read's return for a row, STORE_NOTFOUND for none,
 * or store__fail(what). Resets st. */
int store__one(struct store *s, sqlite3_stmt *st, store__row_fn read, void *out, const char *what);
/* A store__row_fn for store__one: integer columns 0, 1... into the
 * pointers of the NULL-terminated int64_t *out[]. An aggregate that always
 * yields its one row maps STORE_NOTFOUND to store__fail, as a failure. */
int store__int_cols(struct store *s, sqlite3_stmt *st, void *out);

/* Defines static int walk(struct store *s, sqlite3_stmt *st, cbtype cb,
 * void *ctx, const char *what): store__walk over rows of type T, each read
 * by int reader(struct store *, sqlite3_stmt *, T *) (a non-zero return,
 * such as a value that cannot be opened, stops the walk) and then handed
 * to cb. The adapter keeps the typed callback typed: no call through a
 * cast function pointer. */
#define STORE__WALKER(walk, T, reader, cbtype)                                                 \
    struct walk##_cb {                                                                         \
        cbtype cb;                                                                             \
        void *ctx;                                                                             \
    };                                                                                         \
    static int walk##_each(struct store *s, sqlite3_stmt *st, void *arg)                       \
    {                                                                                          \
        const struct walk##_cb *w = arg;                                                       \
        T row;                                                                                 \
        int rc = reader(s, st, &row);                                                          \
        return rc != STORE_OK ? rc : w->cb(w->ctx, &row);                                      \
    }                                                                                          \
    static int walk(struct store *s, sqlite3_stmt *st, cbtype cb, void *ctx, const char *what) \
    {                                                                                          \
        struct walk##_cb w = {cb, ctx};                                                        \
        return store__walk(s, st, walk##_each, &w, what);                                      \
    }

/* clients.c */
int store__clients_walk(struct store *s, sqlite3_stmt *st, store_client_cb cb, void *ctx);
int store__single_int(struct store *s, sqlite3_stmt *st, int64_t *out, const char *what);

/* schema.c */
int store__migrate(struct store *s);

#endif
