/* SPDX-License-Identifier: Apache-2.0 */
/* testrelay.h: the real gateway on a private loop with a fake provider and
 * a temporary SQLite file, a client alex of specialist jordan, messages
 * said through the group commit and what is queued to whom counted; for
 * the unit tests of conversations and follow-ups (header-only; include it
 * after cmocka.h). */
#ifndef TESTS_UNIT_TESTRELAY_H
#define TESTS_UNIT_TESTRELAY_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <uv.h>

#include "provider.h"
#include "testdir.h"
#include "testgw.h"

#define ALEX "+15555550123"
#define JORDAN "+15555550100"

struct fx {
    char dir[64];
    uv_loop_t loop;
    struct gw gw;
    bool started;
    sqlite3 *db;
};

static void heard_cb(void *arg, int rc, const char *err)
{
    (void)err;
    *(int *)arg = rc + 1000; /* any call, even rc 0 */
}

/* One message from `from`, recorded (committed) before it returns. */
static void say(struct fx *f, const char *from, const char *body)
{
    static int n;
    char id[16], err[256];
    int heard = 0;
    snprintf(id, sizeof id, "m%d", ++n);
    struct inmsg m = {.ext_id = id, .from = from, .to = "", .body = body,
                      .body_len = strlen(body)};
    assert_int_equal(gw_inbound_queue(&f->gw, gw_provider(&f->gw, "a"), &m, heard_cb, &heard,
                                      err, sizeof err),
                     0);
    for (int i = 0; i < 100 && heard == 0; i++)
        uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_int_equal(heard, 1000);
}

/* How many outbound messages to `to` of kind match body LIKE pattern. */
static int queued(struct fx *f, const char *to, const char *kind, const char *pattern)
{
    sqlite3_stmt *st;
    int n = -1;
    assert_int_equal(sqlite3_prepare_v2(f->db,
                                        "SELECT count(*) FROM messages WHERE direction = 'out'"
                                        " AND peer = ?1 AND kind = ?2 AND body LIKE ?3",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, pattern, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Starts the gateway in a new directory /tmp/NAME.XXXXXX with one fake
 * provider "a", the schedule "daily" and people (the specialists and
 * escalation settings, as config text), and enrols alex as jordan's
 * client. Returns 0 or -1. */
static int relay_setup(void **state, const char *name, const char *people)
{
    struct fx *f = calloc(1, sizeof *f);
    char conf[2048], path[128], db[128];
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/%s.XXXXXX", name);
    if (!mkdtemp(f->dir))
        return -1;
    *state = f;
    snprintf(path, sizeof path, "%s/gw.conf", f->dir);
    snprintf(db, sizeof db, "%s/db", f->dir);
    snprintf(conf, sizeof conf,
             "program = { name = \"P\"; contact = \"555\"; timezone = \"UTC\"; };\n"
             "daemon = { database = \"%s\"; pid_file = \"%s/pid\"; log_level = \"error\"; };\n"
             "http = { listen = \"127.0.0.1\"; port = 0; };\n"
             "providers = ( { name = \"a\"; kind = \"fake\"; log = \"%s/a.log\"; } );\n"
             "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; window_minutes = 60;"
             " scale = [ 1, 10 ]; alert_at_or_below = 2; } );\n"
             "%s"
             "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";"
             " stop = \"s\"; start = \"st\"; help = \"h\"; }; };\n",
             db, f->dir, f->dir, people);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(conf, fp);
    fclose(fp);
    if (test_gw_start(&f->gw, &f->loop, path) != 0)
        return -1;
    f->started = true;
    if (sqlite3_open(db, &f->db) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->db, 5000);
    /* alex, Jordan's client. */
    struct store_specialist sp;
    struct store_client c = {.created_at = 1};
    if (store_specialist_by_key(f->gw.store, "jordan", &sp) != STORE_OK)
        return -1;
    snprintf(c.alias, sizeof c.alias, "alex");
    snprintf(c.phone, sizeof c.phone, ALEX);
    snprintf(c.tz, sizeof c.tz, "UTC");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    snprintf(c.lang, sizeof c.lang, "en");
    c.state = CLIENT_ACTIVE;
    c.specialist_id = sp.id;
    return store_client_insert(f->gw.store, &c) == STORE_OK ? 0 : -1;
}

static int relay_teardown(void **state)
{
    struct fx *f = *state;
    if (!f)
        return 0;
    if (f->started)
        test_gw_free(&f->gw, &f->loop);
    sqlite3_close(f->db);
    rm_test_dir(f->dir);
    free(f);
    return 0;
}

#endif
