/* SPDX-License-Identifier: Apache-2.0 */
/* fake_core.h: the rules of gateway/core/ on a temporary SQLite file with
 * a fake struct core_io (core/core.h) in place of the daemon's: no loop,
 * no provider, no timer; the clock is a number the test sets. Also the
 * config text, the enrolment of alex and the count of queued messages
 * that testrelay.h (the real gateway on a private loop) shares.
 * Header-only (include it after cmocka.h): each unit test is built from
 * its own .c.
 *
 *   struct fake_core *f;            // from fake_core_setup(state, name, people)
 *   store_begin(f->store); escalate_record(&f->core, ...); store_commit(f->store);
 *   queued_in(f->db, ALEX, "crisis", "988") ...
 */
#ifndef TESTS_UNIT_FAKE_CORE_H
#define TESTS_UNIT_FAKE_CORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "config/config.h"
#include "core/core.h"
#include "model/senderlimit.h"
#include "store/store.h"
#include "testdir.h"

/* The start of every fixture's config, before its providers: the
 * program, the database dir/db and the pid file (printf arguments: dir,
 * dir), the listener on a free port. */
#define FX_CONF_HEAD                                                                               \
    "program = { name = \"P\"; contact = \"555\"; timezone = \"UTC\"; };\n"                        \
    "daemon = { database = \"%s/db\"; pid_file = \"%s/pid\"; log_level = \"error\"; };\n"          \
    "http = { listen = \"127.0.0.1\"; port = 0; };\n"

#define ALEX   "+15555550123"
#define JORDAN "+15555550100"

/* Writes dir/gw.conf: one fake provider "a", the schedule "daily", the
 * program P in UTC, the database dir/db, and people (the specialists and
 * escalation settings, as config text). Its path into path. Returns 0 or -1. */
static inline int test_conf_write(const char *dir, const char *people, char *path, size_t pathsz)
{
    char conf[2048];
    snprintf(path, pathsz, "%s/gw.conf", dir);
    snprintf(conf, sizeof conf,
             FX_CONF_HEAD
             "providers = ( { name = \"a\"; kind = \"fake\"; log = \"%s/a.log\"; } );\n"
             "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; window_minutes = 60;"
             " scale = [ 1, 10 ]; alert_at_or_below = 2; } );\n"
             "%s"
             "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";"
             " stop = \"s\"; start = \"st\"; help = \"h\"; }; };\n",
             dir, dir, dir, people);
    FILE *fp = fopen(path, "w");
    if (!fp) return -1;
    fputs(conf, fp);
    return fclose(fp) == 0 ? 0 : -1;
}

/* Enrols alex (ALEX, UTC, "daily", active) as jordan's client; its id into
 * *id_out when not NULL. Returns 0 or -1. */
static inline int test_enrol_alex(struct store *s, int64_t *id_out)
{
    struct store_specialist sp;
    struct store_client c = {.created_at = 1};
    if (store_specialist_by_key(s, "jordan", &sp) != STORE_OK) return -1;
    snprintf(c.alias, sizeof c.alias, "alex");
    snprintf(c.phone, sizeof c.phone, ALEX);
    snprintf(c.tz, sizeof c.tz, "UTC");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    c.lang = LANG_EN;
    c.state = CLIENT_ACTIVE;
    c.specialist_id = sp.id;
    if (store_client_insert(s, &c) != STORE_OK) return -1;
    if (id_out) *id_out = c.id;
    return 0;
}

/* How many outbound messages to `to` of kind match body LIKE pattern (read
 * through db, a connection of the test's own). */
static inline int queued_in(sqlite3 *db, const char *to, const char *kind, const char *pattern)
{
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM messages WHERE direction = 'out'"
                           " AND peer = ?1 AND kind = ?2 AND body LIKE ?3",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, pattern, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* One number from the database through db (a count), or -1. */
static inline int64_t count_in(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The core as the daemon would fill it, on a temporary store. */
struct fake_core {
    char dir[64];
    struct gw_config *cfg;       /* owned */
    struct store *store;         /* owned */
    struct senderlimit *senders; /* owned */
    struct core core;            /* give &core to the function under test */
    sqlite3 *db;                 /* the test's own connection, for counts */
    int64_t alex;                /* alex's client id */
    int64_t now;                 /* what now() answers, unix seconds */
    int64_t mono_ms;             /* what mono_ms() answers */
    int suppressed;              /* answer_suppressed() calls */
};

/* The fake struct core_io: the clocks are f's numbers, calls are counted. */
static inline int64_t fake_core_now(void *ctx)
{
    return ((struct fake_core *)ctx)->now;
}
static inline int64_t fake_core_now_ms(void *ctx)
{
    return ((struct fake_core *)ctx)->now * 1000;
}
static inline int64_t fake_core_mono_ms(void *ctx)
{
    return ((struct fake_core *)ctx)->mono_ms;
}
static inline void fake_core_suppressed(void *ctx)
{
    ((struct fake_core *)ctx)->suppressed++;
}

/* cmocka setup: a new directory /tmp/NAME.XXXXXX, the config of
 * test_conf_write with people, its store with the specialists recorded (as
 * the daemon does at start) and alex enrolled, and the fake core on them;
 * the clock at 2026-03-02 12:00 UTC (a Monday). Returns 0 or -1. */
static inline int fake_core_setup(void **state, const char *name, const char *people)
{
    static const struct core_io io = {
        .now = fake_core_now,
        .now_ms = fake_core_now_ms,
        .mono_ms = fake_core_mono_ms,
        .answer_suppressed = fake_core_suppressed,
    };
    struct fake_core *f = calloc(1, sizeof *f);
    char path[128], db[128], err[256];
    struct cfg_errors errs;
    if (!f) return -1;
    *state = f;
    snprintf(f->dir, sizeof f->dir, "/tmp/%s.XXXXXX", name);
    if (!mkdtemp(f->dir) || test_conf_write(f->dir, people, path, sizeof path) != 0) return -1;
    cfg_errors_init(&errs);
    int bad = gw_config_load(&f->cfg, path, &errs);
    if (bad) cfg_errors_print(&errs, stderr);
    cfg_errors_free(&errs);
    snprintf(db, sizeof db, "%s/db", f->dir);
    if (bad || store_open(&f->store, db, err, sizeof err) != STORE_OK ||
        senderlimit_new(&f->senders, 64) != 0)
        return -1;
    f->now = 1772452800; /* 2026-03-02 12:00:00 UTC */
    f->mono_ms = 1000;
    for (size_t i = 0; i < f->cfg->nspecialists; i++) {
        const struct gw_specialist *s = &f->cfg->specialists[i];
        if (store_specialist_upsert(f->store, s->id, s->name, s->phone, f->now, NULL) != STORE_OK)
            return -1;
    }
    if (test_enrol_alex(f->store, &f->alex) != 0 || sqlite3_open(db, &f->db) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->db, 5000);
    f->core = (struct core){
        .store = f->store, .cfg = f->cfg, .senders = f->senders, .io = &io, .io_ctx = f};
    return 0;
}

static inline int fake_core_teardown(void **state)
{
    struct fake_core *f = *state;
    if (!f) return 0;
    sqlite3_close(f->db);
    store_close(f->store);
    senderlimit_free(f->senders);
    gw_config_free(f->cfg);
    rm_test_dir(f->dir);
    free(f);
    return 0;
}

#endif
