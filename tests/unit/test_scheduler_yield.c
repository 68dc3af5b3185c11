/* SPDX-License-Identifier: Apache-2.0 */
/* test_scheduler_yield.c: the scheduler gives the event loop back between
 * batches, so inbound replies and urgent sends are not held up behind a
 * large run of due check-ins.
 *
 * A real SQLite file in a mkdtemp directory, a real config file and the
 * daemon's scheduler on a private libuv loop (as bench_scheduler runs it).
 * A prepare handle, which libuv runs before every poll for I/O, records how
 * many check-ins are queued each time. With more than two batches due, the
 * loop must have polled while some, but not all, were queued. (Re-arming
 * the batch timer with 0 does not do that on libuv 1.44: the timer runs
 * again in the same pass, and the prepare handle only ever sees 0 and all.)
 * No clock is waited on: the gateway's clock is moved to the due instant. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "daemon/scheduler.h"
#include "store/store.h"

#define DUE 4001 /* more than two batches of the scheduler's 2000 */

struct seen {
    struct store *store;
    int polls, partial; /* polls seen; of them, with some but not all queued */
    int64_t last;
};

static void prepare_cb(uv_prepare_t *p)
{
    struct seen *v = p->data;
    int64_t queued = 0, sending = 0, failed = 0;
    assert_int_equal(store_outbox_counts(v->store, &queued, &sending, &failed), STORE_OK);
    v->polls++;
    if (queued > 0 && queued < DUE)
        v->partial++;
    v->last = queued;
}

static void write_conf(const char *path, const char *db, const char *dir)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "program = { name = \"Test\"; contact = \"(555) 555-0100\"; timezone = \"UTC\"; };\n"
            "daemon = { database = \"%s\"; pid_file = \"%s/gw.pid\"; log_level = \"warn\"; };\n"
            "http = { listen = \"127.0.0.1\"; port = 0; };\n"
            "providers = ( { name = \"fake\"; kind = \"fake\"; mode = \"ok\"; } );\n"
            "schedules = ( { name = \"s\"; times = [ \"09:00\" ]; window_minutes = 240; } );\n"
            "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"+15555550100\"; } );\n"
            "templates = { en = {\n"
            "  checkin = \"{program}: How are you today, {scale_min}-{scale_max}?\";\n"
            "  retry = \"Please reply with a number from {scale_min} to {scale_max}.\";\n"
            "  crisis = \"{program}: a peer specialist will reach out. Call or text 988.\";\n"
            "  alert = \"#{escalation} {alias} {phone} {score}: {excerpt}\";\n"
            "  stop = \"No more check-ins. Reply START to resume. In crisis call or text 988.\";\n"
            "  start = \"Welcome back.\";\n"
            "  help = \"{program}: {contact}. In crisis call or text 988.\";\n"
            "}; };\n",
            db, dir);
    assert_int_equal(fclose(f), 0);
}

static void test_loop_polls_between_batches(void **state)
{
    (void)state;
    log_set_level(LL_WARN); /* 4,001 checkin.queued lines say nothing here */
    char dir[] = "/tmp/test_scheduler_yield.XXXXXX", db[128], conf[128], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/db.sqlite", dir);
    snprintf(conf, sizeof conf, "%s/checkin.conf", dir);
    write_conf(conf, db, dir);

    /* Tomorrow 09:00 UTC: every client's slot, due at once. */
    int64_t due = ((int64_t)time(NULL) / 86400 + 1) * 86400 + 9 * 3600;
    struct store *s = NULL;
    assert_int_equal(store_open(&s, db, err, sizeof err), STORE_OK);
    assert_int_equal(store_begin(s), STORE_OK);
    for (int i = 0; i < DUE; i++) {
        struct store_client c;
        memset(&c, 0, sizeof c);
        snprintf(c.alias, sizeof c.alias, "c%05d", i);
        snprintf(c.phone, sizeof c.phone, "+1555%07d", i);
        snprintf(c.tz, sizeof c.tz, "UTC");
        snprintf(c.schedule, sizeof c.schedule, "s");
        c.next_due_at = c.next_slot_at = due;
        c.created_at = due - 86400;
        assert_int_equal(store_client_insert(s, &c), STORE_OK);
    }
    assert_int_equal(store_commit(s), STORE_OK);

    struct cfg_errors errs;
    struct gw_config *cfg = NULL;
    cfg_errors_init(&errs);
    assert_int_equal(gw_config_load(&cfg, conf, &errs), 0);
    cfg_errors_free(&errs);

    uv_loop_t loop;
    assert_int_equal(uv_loop_init(&loop), 0);
    struct gw g;
    memset(&g, 0, sizeof g);
    g.loop = &loop;
    g.cfg = cfg;
    g.store = s;
    g.store_ok = true;
    g.time_offset = due + 1 - (int64_t)time(NULL);
    struct scheduler *sch = NULL;
    assert_int_equal(scheduler_new(&sch, &g), 0);
    g.scheduler = sch;

    struct seen v = {.store = s};
    uv_prepare_t prep;
    uv_prepare_init(&loop, &prep);
    prep.data = &v;
    uv_prepare_start(&prep, prepare_cb);

    scheduler_kick(sch);
    /* Until the timer is armed for the next thing (the window's end, hours
     * away) rather than the next batch; bounded in turns, not time. */
    int turns = 0;
    do
        uv_run(&loop, UV_RUN_NOWAIT);
    while (uv_backend_timeout(&loop) >= 0 && uv_backend_timeout(&loop) < 60000 &&
           ++turns < 1000000);
    prepare_cb(&prep); /* the final count */

    assert_int_equal(v.last, DUE);  /* all of them queued, once each */
    assert_true(v.partial >= 2);    /* polled after batch 1 and after batch 2 */

    uv_prepare_stop(&prep);
    uv_close((uv_handle_t *)&prep, NULL);
    scheduler_stop(sch, NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    scheduler_free(sch);
    assert_int_equal(uv_loop_close(&loop), 0);
    store_close(s);
    gw_config_free(cfg);
    char rm[128];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loop_polls_between_batches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
