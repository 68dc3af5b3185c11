/* SPDX-License-Identifier: Apache-2.0 */
/* test_inbound_batch.c: the group commit of inbound messages on the real
 * gateway (gw_start on a private loop, a real SQLite file, a fake
 * provider). What it must guarantee: a provider hears "recorded" only once
 * the message is committed (another connection sees it), a message that
 * fails is refused alone, a batch that cannot commit is refused whole, and
 * nothing queued is lost at a stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>
#include <uv.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "provider.h"
#include "testfx.h"

/* One queued message's outcome, as its provider hears it. */
struct heard {
    struct fx *f;
    const char *ext_id;
    int calls, rc;
    int visible; /* rows with its id another connection saw at that moment */
    char err[256];
};

static int rows(sqlite3 *db, const char *ext_id)
{
    sqlite3_stmt *st;
    int n = -1;
    const char *sql = ext_id ? "SELECT count(*) FROM messages WHERE direction = 'in' AND provider_msg_id = ?"
                             : "SELECT count(*) FROM messages WHERE direction = 'in'";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (ext_id)
        sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void heard_cb(void *arg, int rc, const char *err)
{
    struct heard *h = arg;
    h->calls++;
    h->rc = rc;
    snprintf(h->err, sizeof h->err, "%s", err);
    h->visible = rows(h->f->db, h->ext_id);
}

static int queue(struct fx *f, struct heard *h, const char *ext_id, const char *body)
{
    struct inmsg m = {.ext_id = ext_id, .from = "+15555550123", .to = "", .body = body,
                      .body_len = strlen(body)};
    char err[256];
    h->f = f;
    h->ext_id = ext_id;
    return gw_inbound_queue(&f->gw, gw_provider(&f->gw, "a"), &m, heard_cb, h, err, sizeof err);
}

static int setup(void **state)
{
    return fx_setup(state, "test_inbound_batch",
                    "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"+15555550100\";"
                    " } );\n");
}

/* Messages queued in one pass are committed together at its end, and each
 * provider hears "recorded" only when another connection can see its row. */
static void batch_commits_at_the_end_of_the_pass(void **state)
{
    struct fx *f = *state;
    struct heard h[3] = {{0}};
    assert_int_equal(queue(f, &h[0], "m1", "7"), 0);
    assert_int_equal(queue(f, &h[1], "m2", "feeling 5"), 0);
    assert_int_equal(queue(f, &h[2], "m3", "8"), 0);
    /* Queued, not yet committed, and nobody has been told anything. */
    assert_int_equal(rows(f->db, NULL), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(h[i].calls, 0);
    uv_run(&f->loop, UV_RUN_NOWAIT);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(h[i].calls, 1);
        assert_int_equal(h[i].rc, 0);
        assert_int_equal(h[i].visible, 1);
    }
    assert_int_equal(rows(f->db, NULL), 3);
}

/* A provider that offers the same message twice before the commit: both
 * are acknowledged, one row. */
static void duplicate_within_a_batch_is_recorded_once(void **state)
{
    struct fx *f = *state;
    struct heard h[2] = {{0}};
    assert_int_equal(queue(f, &h[0], "dup", "6"), 0);
    assert_int_equal(queue(f, &h[1], "dup", "6"), 0);
    uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_int_equal(h[0].rc, 0);
    assert_int_equal(h[1].rc, 0);
    assert_int_equal(h[1].visible, 1);
    assert_int_equal(rows(f->db, "dup"), 1);
}

/* One message the database refuses (here a trigger, standing in for any
 * statement that fails) is refused alone; the others in its batch commit. */
static void failing_message_is_refused_alone(void **state)
{
    struct fx *f = *state;
    assert_int_equal(sqlite3_exec(f->db,
                                  "CREATE TRIGGER poison BEFORE INSERT ON messages "
                                  "WHEN NEW.provider_msg_id = 'bad' BEGIN "
                                  "SELECT RAISE(ABORT, 'poisoned row'); END;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    struct heard h[3] = {{0}};
    assert_int_equal(queue(f, &h[0], "ok1", "7"), 0);
    assert_int_equal(queue(f, &h[1], "bad", "7"), 0);
    assert_int_equal(queue(f, &h[2], "ok2", "7"), 0);
    uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_int_equal(h[0].rc, 0);
    assert_int_equal(h[0].visible, 1);
    assert_int_equal(h[1].calls, 1);
    assert_int_equal(h[1].rc, -1);
    assert_non_null(strstr(h[1].err, "poisoned row"));
    assert_int_equal(h[1].visible, 0);
    assert_int_equal(h[2].rc, 0);
    assert_int_equal(h[2].visible, 1);
    assert_int_equal(rows(f->db, NULL), 2);
}

/* Another process holds the write lock past the daemon's wait: the whole
 * batch is refused (retryable), and none of it is in the database. */
static void locked_database_refuses_the_whole_batch(void **state)
{
    struct fx *f = *state;
    assert_int_equal(sqlite3_exec(f->db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    struct heard h[2] = {{0}};
    assert_int_equal(queue(f, &h[0], "l1", "4"), 0);
    assert_int_equal(queue(f, &h[1], "l2", "5"), 0);
    uv_run(&f->loop, UV_RUN_NOWAIT);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(h[i].calls, 1);
        assert_int_equal(h[i].rc, -1);
        assert_non_null(strstr(h[i].err, "not recorded"));
    }
    assert_int_equal(sqlite3_exec(f->db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(rows(f->db, NULL), 0);
}

/* A stop records what was already queued before it refuses anything new. */
static void stop_records_what_was_queued(void **state)
{
    struct fx *f = *state;
    struct heard h = {0}, late = {0};
    assert_int_equal(queue(f, &h, "s1", "9"), 0);
    gw_stop(&f->gw);
    assert_int_equal(h.calls, 1);
    assert_int_equal(h.rc, 0);
    assert_int_equal(h.visible, 1);
    /* From now on a message is refused at once and never called back. */
    assert_int_equal(queue(f, &late, "s2", "9"), -1);
    uv_run(&f->loop, UV_RUN_DEFAULT);
    assert_int_equal(late.calls, 0);
    assert_int_equal(rows(f->db, "s2"), 0);
}

/* The synchronous form shares the path: committed when it returns 0. */
static void synchronous_inbound_is_committed_on_return(void **state)
{
    struct fx *f = *state;
    struct inmsg m = {.ext_id = "sync1", .from = "+15555550123", .to = "", .body = "3",
                      .body_len = 1};
    char err[256];
    assert_int_equal(gw_inbound(&f->gw, gw_provider(&f->gw, "a"), &m, err, sizeof err), 0);
    assert_int_equal(rows(f->db, "sync1"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(batch_commits_at_the_end_of_the_pass, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(duplicate_within_a_batch_is_recorded_once, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(failing_message_is_refused_alone, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(locked_database_refuses_the_whole_batch, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(stop_records_what_was_queued, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(synchronous_inbound_is_committed_on_return, setup,
                                        fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
