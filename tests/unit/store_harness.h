/* SPDX-License-Identifier: Apache-2.0 */
/* store_harness.h: the store tests' fixture and helpers (test_store.c,
 * test_store_outbox.c, test_store_history.c): a private mkdtemp directory
 * per test, the store opened on a real SQLite file there, a second
 * connection that looks at the file as checkinctl would, and helpers that
 * add clients, queued and inbound messages. */
#ifndef STORE_HARNESS_H
#define STORE_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store.h"
#include "testdir.h"

struct fx {
    char dir[64];
    char path[128];
    struct store *s;
    sqlite3 *db2; /* a second connection, opened on demand */
    mode_t old_umask;
    struct rlimit old_fsize;
};

/* ---- fixture -------------------------------------------------------------- */

static inline int setup_dir(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f) return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/test_store.XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/gw.db", f->dir);
    f->old_umask = umask(022);
    umask(f->old_umask);
    getrlimit(RLIMIT_FSIZE, &f->old_fsize);
    *state = f;
    return 0;
}

static inline int setup_store(void **state)
{
    if (setup_dir(state)) return -1;
    struct fx *f = *state;
    char err[256] = "";
    if (store_open(&f->s, f->path, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    return 0;
}

static inline int teardown(void **state)
{
    struct fx *f = *state;
    if (!f) return 0;
    /* A failed test may have left these changed. */
    setrlimit(RLIMIT_FSIZE, &f->old_fsize);
    umask(f->old_umask);
    store_close(f->s);
    if (f->db2) sqlite3_close(f->db2);
    rm_test_dir(f->dir);
    free(f);
    return 0;
}

/* ---- helpers: a second connection ------------------------------------------ */

static inline sqlite3 *db2(struct fx *f)
{
    if (!f->db2) {
        assert_int_equal(sqlite3_open_v2(f->path, &f->db2, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
        sqlite3_busy_timeout(f->db2, 2000);
    }
    return f->db2;
}

/* The integer the one-row query q gives (q is built with printf arguments). */
static inline int64_t q_int(sqlite3 *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int64_t q_int(sqlite3 *db, const char *fmt, ...)
{
    char q[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The text of the one-row query q, copied into buf ("(null)" for NULL). */
static inline const char *q_text(sqlite3 *db, char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline const char *q_text(sqlite3 *db, char *buf, size_t n, const char *fmt, ...)
{
    char q[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    snprintf(buf, n, "%s", v ? (const char *)v : "(null)");
    sqlite3_finalize(st);
    return buf;
}

static inline void exec2(sqlite3 *db, const char *q)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, q, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fail_msg("%s: %s", q, msg ? msg : "?");
}

static inline void write_file(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, n), (ssize_t)n);
    close(fd);
}

static inline bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- helpers: store rows ----------------------------------------------------- */

static inline int64_t add_client(struct store *s, const char *alias, const char *phone, const char *state,
                          int64_t next_due)
{
    struct store_client c;
    memset(&c, 0, sizeof c);
    snprintf(c.alias, sizeof c.alias, "%s", alias);
    snprintf(c.phone, sizeof c.phone, "%s", phone);
    snprintf(c.tz, sizeof c.tz, "America/Chicago");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    if (*state) /* "": the default */
        assert_true(client_state_parse(state, &c.state));
    c.next_due_at = next_due;
    c.created_at = 1000;
    assert_int_equal(store_client_insert(s, &c), STORE_OK);
    assert_true(c.id > 0);
    return c.id;
}

static inline int64_t queue(struct store *s, const char *body, int prio, int64_t now)
{
    struct store_outbound m = {
        .to = "+15550001111",
        .body = body,
        .kind = MSG_KIND_CHECKIN,
        .priority = prio,
    };
    int64_t id = 0;
    assert_int_equal(store_outbound_queue(s, &m, now, &id), STORE_OK);
    assert_true(id > 0);
    return id;
}

static inline int64_t inbound(struct store *s, const char *provider, const char *ext_id, int64_t client_id,
                       int64_t now)
{
    struct store_inbound m = {
        .provider = provider,
        .ext_id = ext_id,
        .from = "+15550002222",
        .body = "7",
        .body_len = 1,
        .client_id = client_id,
    };
    int64_t id = 0;
    assert_int_equal(store_inbound_insert(s, &m, now, &id), STORE_OK);
    assert_true(id > 0);
    return id;
}

/* Collects aliases (or ids) seen by the walk callbacks. */
struct seen {
    int n;
    int stop_after; /* 0 = never stop */
    char alias[16][64];
    int64_t id[16];
    int64_t t[16];
};

static inline int seen_client(void *ctx, const struct store_client *c)
{
    struct seen *v = ctx;
    assert_true(v->n < 16);
    snprintf(v->alias[v->n], sizeof v->alias[0], "%s", c->alias);
    v->id[v->n] = c->id;
    v->t[v->n] = c->next_due_at;
    v->n++;
    return v->stop_after && v->n >= v->stop_after ? 7 : 0;
}


#endif
