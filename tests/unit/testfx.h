/* SPDX-License-Identifier: Apache-2.0 */
/* testfx.h: the fixture of the unit tests that drive the real gateway over
 * a temporary store: a new directory /tmp/NAME.XXXXXX, a config with one
 * fake provider "a" and the schedule "daily", the gateway started on a
 * private loop, and a second connection to its SQLite file (what is
 * committed is what that connection sees, as checkinctl's would).
 * Header-only; include it after cmocka.h. Used by test_inbound_batch,
 * test_outbox (its own config) and, through testrelay.h, the conversation
 * and follow-up tests. */
#ifndef TESTS_UNIT_TESTFX_H
#define TESTS_UNIT_TESTFX_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>
#include <uv.h>

#include "fake_core.h"
#include "testdir.h"
#include "testgw.h"

struct fx {
    char dir[64];
    uv_loop_t loop;
    struct gw gw;
    bool started;
    sqlite3 *db; /* a second connection to dir/db */
};

/* A new fixture in a new directory /tmp/NAME.XXXXXX, nothing started:
 * the caller writes the config (fx_write_conf; database dir/db), then
 * fx_start. Returns
 * it, or NULL. */
static inline struct fx *fx_new(const char *name)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    snprintf(f->dir, sizeof f->dir, "/tmp/%s.XXXXXX", name);
    if (!mkdtemp(f->dir)) {
        free(f);
        return NULL;
    }
    return f;
}

/* Writes text as dir/gw.conf. Returns 0 or -1. */
static inline int fx_write_conf(const struct fx *f, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/gw.conf", f->dir);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(text, fp);
    return fclose(fp) == 0 ? 0 : -1;
}

/* Starts the gateway on dir/gw.conf and opens the second connection to
 * dir/db. Returns 0 or -1 (fx_teardown cleans up either way). */
static inline int fx_start(struct fx *f)
{
    char path[128], db[128];
    snprintf(path, sizeof path, "%s/gw.conf", f->dir);
    snprintf(db, sizeof db, "%s/db", f->dir);
    if (test_gw_start(&f->gw, &f->loop, path) != 0)
        return -1;
    f->started = true;
    if (sqlite3_open(db, &f->db) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->db, 5000);
    return 0;
}

/* fx_new, the config of one fake provider "a", the schedule "daily" and
 * people (the specialists and the escalation settings, as config text),
 * and fx_start; *state is the struct fx. Returns 0 or -1. */
static inline int fx_setup(void **state, const char *name, const char *people)
{
    struct fx *f = fx_new(name);
    char path[128];
    if (!f)
        return -1;
    *state = f;
    if (test_conf_write(f->dir, people, path, sizeof path) != 0)
        return -1;
    return fx_start(f);
}

/* Stops the gateway, closes the connection, removes the directory. */
static inline int fx_teardown(void **state)
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
