/* SPDX-License-Identifier: Apache-2.0 */
/* test_outbox.c: the outbox state machine, routing and delivery reports on
 * the real gateway (gw_start on a private loop, a real SQLite file, two
 * fake providers "a" and "b" whose modes the tests switch through their
 * mode files). Waits are bounded by a deadline and look at state, never at
 * how long something took. */
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
#include "core/delivery.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "daemon/outbox.h"
#include "provider.h"
#include "store/store.h"
#include "testfx.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Sets provider name's mode ("ok", "retry", "down", ...). */
static void set_mode(struct fx *f, const char *name, const char *mode)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s.mode", f->dir, name);
    write_file(p, mode);
}

/* A config with providers a and b (rate_a: a's rate_per_second, or NULL)
 * and the routes given, e.g. "[\"a\"]". */
static int start(void **state, const char *checkin_route, const char *urgent_route,
                 const char *rate_a)
{
    struct fx *f = fx_new("test_outbox");
    char conf[4096];
    if (!f)
        return -1;
    *state = f;
    snprintf(conf, sizeof conf,
             FX_CONF_HEAD
             "outbox = { retry_base_seconds = 30; retry_max_seconds = 600; max_attempts = 3; };\n"
             /* Routing tests send dozens to one number: above the default cap. */
             "limits = { daily_per_client = 1000; daily_per_program = 100000; };\n"
             "providers = (\n"
             " { name = \"a\"; kind = \"fake\"; mode_file = \"%s/a.mode\"; log = \"%s/a.log\";"
             "   timeout_ms = 100; %s%s%s },\n"
             " { name = \"b\"; kind = \"fake\"; mode_file = \"%s/b.mode\"; log = \"%s/b.log\"; } );\n"
             "routing = { checkin = %s; urgent = %s; };\n"
             "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; window_minutes = 60;"
             " scale = [ 1, 10 ]; alert_at_or_below = 2; } );\n"
             "specialists = (\n"
             " { id = \"jordan\"; name = \"Jordan\"; phone = \"+15555550100\"; backup = \"sam\"; },\n"
             " { id = \"sam\"; name = \"Sam\"; phone = \"+15555550101\"; } );\n"
             "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\"; alert = \"a\";"
             " stop = \"s\"; start = \"st\"; help = \"h\"; }; };\n",
             f->dir, f->dir, f->dir, f->dir, rate_a ? "rate_per_second = " : "",
             rate_a ? rate_a : "", rate_a ? ";" : "", f->dir, f->dir, checkin_route,
             urgent_route);
    if (fx_write_conf(f, conf) != 0)
        return -1;
    set_mode(f, "a", "ok");
    set_mode(f, "b", "ok");
    return fx_start(f);
}

static int setup_default(void **state) { return start(state, "[\"a\", \"b\"]", "[\"a\", \"b\"]", NULL); }
static int setup_a_only(void **state) { return start(state, "[\"a\"]", "[\"a\", \"b\"]", NULL); }
static int setup_rate(void **state) { return start(state, "[\"a\"]", "[\"a\"]", "5"); }

static int teardown(void **state)
{
    return fx_teardown(state);
}

/* ---- helpers ---------------------------------------------------------------- */

static int64_t q_int(struct fx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int64_t q_int(struct fx *f, const char *fmt, ...)
{
    char q[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(f->db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "query failed: %s: %s\n", q, sqlite3_errmsg(f->db));
    sqlite3_finalize(st);
    return v;
}

static void q_text(struct fx *f, char *out, size_t n, const char *q)
{
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(f->db, q, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static int64_t queue(struct fx *f, enum msg_kind kind, int prio, int64_t client, int64_t esc,
                     int64_t specialist, int64_t expires_at)
{
    int64_t id = 0;
    struct store_outbound m = {.to = specialist ? "+15555550100" : "+15550001111",
                               .body = msg_kind_name(kind), .kind = kind, .priority = prio, .client_id = client,
                               .specialist_id = specialist, .escalation_id = esc,
                               .expires_at = expires_at};
    assert_int_equal(store_outbound_queue(f->gw.store, &m, gw_now(&f->gw), &id), STORE_OK);
    return id;
}

struct until {
    struct fx *f;
    int64_t (*cond)(struct fx *f, int64_t arg);
    int64_t arg, want;
    int ticks, max_ticks;
    bool met;
};

static void until_cb(uv_timer_t *t)
{
    struct until *u = t->data;
    if (u->cond(u->f, u->arg) == u->want) {
        u->met = true;
        uv_stop(t->loop);
    } else if (++u->ticks >= u->max_ticks) {
        uv_stop(t->loop);
    }
}

/* Runs the loop until cond(f, arg) == want, for at most max_ms. */
static bool run_until(struct fx *f, int64_t (*cond)(struct fx *, int64_t), int64_t arg,
                      int64_t want, int max_ms)
{
    struct until u = {.f = f, .cond = cond, .arg = arg, .want = want, .max_ticks = max_ms / 10};
    uv_timer_t t;
    uv_timer_init(&f->loop, &t);
    t.data = &u;
    outbox_kick(f->gw.outbox);
    uv_timer_start(&t, until_cb, 10, 10);
    uv_run(&f->loop, UV_RUN_DEFAULT);
    uv_close((uv_handle_t *)&t, NULL);
    uv_run(&f->loop, UV_RUN_NOWAIT);
    if (!u.met)
        fprintf(stderr, "run_until: wanted %lld, have %lld\n", (long long)want,
                (long long)cond(f, arg));
    return u.met;
}

static int64_t state_is_not(struct fx *f, int64_t id)
{
    char st[32];
    char q[128];
    snprintf(q, sizeof q, "SELECT state FROM messages WHERE id = %lld", (long long)id);
    q_text(f, st, sizeof st, q);
    return strcmp(st, "queued") != 0 && strcmp(st, "sending") != 0;
}

static int64_t sent_count(struct fx *f, int64_t unused)
{
    (void)unused;
    return q_int(f, "SELECT count(*) FROM messages WHERE state = 'sent'");
}

static int64_t settled(struct fx *f, int64_t id) { return state_is_not(f, id); }

/* Column col of message id is want. */
static void expect_col(struct fx *f, int64_t id, const char *col, const char *want)
{
    char v[64], q[128];
    snprintf(q, sizeof q, "SELECT %s FROM messages WHERE id = %lld", col, (long long)id);
    q_text(f, v, sizeof v, q);
    assert_string_equal(v, want);
}
#define expect_state(f, id, want) expect_col(f, id, "state", want)
#define expect_provider(f, id, want) expect_col(f, id, "provider", want)

static int lines(struct fx *f, const char *name)
{
    char p[256], buf[4096];
    snprintf(p, sizeof p, "%s/%s.log", f->dir, name);
    FILE *in = fopen(p, "r");
    int n = 0;
    if (!in)
        return 0;
    while (fgets(buf, sizeof buf, in))
        n++;
    fclose(in);
    return n;
}

static int64_t add_client(struct fx *f)
{
    struct store_client c;
    memset(&c, 0, sizeof c);
    snprintf(c.alias, sizeof c.alias, "rae");
    snprintf(c.phone, sizeof c.phone, "+15550001111");
    snprintf(c.tz, sizeof c.tz, "UTC");
    snprintf(c.schedule, sizeof c.schedule, "daily");
    c.state = CLIENT_ACTIVE;
    c.created_at = 1000;
    assert_int_equal(store_client_insert(f->gw.store, &c), STORE_OK);
    return c.id;
}

static int64_t add_escalation(struct fx *f, int64_t client)
{
    struct store_escalation e = {.client_id = client, .created_at = gw_now(&f->gw)};
    snprintf(e.peer, sizeof e.peer, "+15550001111");
    e.severity = SEV_URGENT;
    snprintf(e.reason, sizeof e.reason, "crisis language");
    assert_int_equal(store_escalation_insert(f->gw.store, &e), STORE_OK);
    return e.id;
}

static int64_t specialist_id(struct fx *f, const char *key)
{
    struct store_specialist s;
    assert_int_equal(store_specialist_by_key(f->gw.store, key, &s), STORE_OK);
    return s.id;
}

/* ---- state machine ---------------------------------------------------------- */

static void urgent_fails_over_at_once(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "down");
    int64_t id = queue(f, MSG_KIND_ALERT, MSG_PRIO_URGENT, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_state(f, id, "sent");
    expect_provider(f, id, "b");
    assert_int_equal(q_int(f, "SELECT attempts FROM messages WHERE id = %lld", (long long)id), 1);
    assert_int_equal(lines(f, "a"), 0);
    assert_int_equal(lines(f, "b"), 1);
}

static void urgent_fails_over_on_temporary_and_permanent_errors(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "retry");
    int64_t id1 = queue(f, MSG_KIND_CRISIS, MSG_PRIO_URGENT, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id1, 1, 3000));
    expect_provider(f, id1, "b");
    set_mode(f, "a", "fail");
    int64_t id2 = queue(f, MSG_KIND_CRISIS, MSG_PRIO_URGENT, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id2, 1, 3000));
    expect_state(f, id2, "sent");
    expect_provider(f, id2, "b");
}

static void permanent_failure_fails_at_once(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "fail");
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_state(f, id, "failed");
    assert_int_equal(q_int(f, "SELECT attempts FROM messages WHERE id = %lld", (long long)id), 1);
    assert_int_equal(q_int(f, "SELECT last_error LIKE '%%permanent%%' FROM messages WHERE id = %lld",
                           (long long)id), 1);
}

static void carrier_opt_out_marks_the_client(void **state)
{
    struct fx *f = *state;
    int64_t client = add_client(f);
    set_mode(f, "a", "optout");
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, client, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_state(f, id, "failed");
    assert_int_equal(q_int(f, "SELECT state = 'opted_out' AND opted_out_at > 0 FROM clients"
                              " WHERE id = %lld", (long long)client), 1);
}

static int64_t attempts_of(struct fx *f, int64_t id)
{
    return q_int(f, "SELECT attempts FROM messages WHERE id = %lld", (long long)id);
}

static int64_t requeued(struct fx *f, int64_t id)
{
    return q_int(f, "SELECT state = 'queued' AND attempts > 0 FROM messages WHERE id = %lld",
                 (long long)id);
}

static void temporary_failure_backs_off_then_fails(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "retry");
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, requeued, id, 1, 3000));
    int64_t now = gw_now(&f->gw);
    expect_state(f, id, "queued");
    int64_t next = q_int(f, "SELECT next_attempt_at FROM messages WHERE id = %lld", (long long)id);
    /* retry_base_seconds 30, +-20% jitter */
    assert_true(next >= now + 23 && next <= now + 37);
    assert_int_equal(q_int(f, "SELECT last_error LIKE '%%temporary%%' FROM messages WHERE id = %lld",
                           (long long)id), 1);
    /* The second retry waits about twice as long; the third attempt is the
     * last (max_attempts 3). The clock is moved, not waited for. */
    f->gw.time_offset += 40;
    assert_true(run_until(f, attempts_of, id, 2, 5000));
    assert_true(run_until(f, requeued, id, 1, 3000));
    now = gw_now(&f->gw);
    next = q_int(f, "SELECT next_attempt_at FROM messages WHERE id = %lld", (long long)id);
    assert_true(next >= now + 47 && next <= now + 73);
    f->gw.time_offset += 80;
    assert_true(run_until(f, settled, id, 1, 5000));
    expect_state(f, id, "failed");
    assert_int_equal(attempts_of(f, id), 3);
}

static void checkin_expires_escalation_never_does(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "down");
    set_mode(f, "b", "down");
    int64_t now = gw_now(&f->gw);
    int64_t c = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, now + 2);
    int64_t u = queue(f, MSG_KIND_CRISIS, MSG_PRIO_URGENT, 0, 0, 0, now + 2);
    assert_true(run_until(f, attempts_of, u, 1, 3000));
    /* Hours pass with every provider down. */
    f->gw.time_offset += 3 * 3600;
    assert_true(run_until(f, settled, c, 1, 3000));
    expect_state(f, c, "expired");
    assert_int_equal(state_is_not(f, u), 0); /* still waiting, never expired */
    set_mode(f, "b", "ok");
    f->gw.time_offset += 10;
    assert_true(run_until(f, settled, u, 1, 5000));
    expect_state(f, u, "sent");
    assert_int_equal(lines(f, "b"), 1); /* the check-in never went */
}

static void escalation_traffic_goes_first(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "down");
    set_mode(f, "b", "down");
    for (int i = 0; i < 5; i++)
        queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    int64_t u = queue(f, MSG_KIND_ALERT, MSG_PRIO_URGENT, 0, 0, 0, 0);
    assert_true(run_until(f, attempts_of, u, 1, 3000));
    /* Recovery: the alert queued last goes out first. */
    set_mode(f, "a", "ok");
    set_mode(f, "b", "ok");
    f->gw.time_offset += 3600;
    assert_true(run_until(f, sent_count, 0, 6, 5000));
    char p[256], first[256] = "";
    snprintf(p, sizeof p, "%s/a.log", f->dir);
    FILE *in = fopen(p, "r");
    assert_non_null(in);
    assert_non_null(fgets(first, sizeof first, in));
    fclose(in);
    assert_non_null(strstr(first, "\talert"));
}

static void rate_limit_spreads_sends(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 10; i++)
        queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    /* One loop turn: only the burst (5 tokens at 5/s) goes. */
    outbox_kick(f->gw.outbox);
    uv_run(&f->loop, UV_RUN_NOWAIT);
    assert_int_equal(sent_count(f, 0), 5);
    assert_int_equal(q_int(f, "SELECT count(*) FROM messages WHERE state = 'queued'"), 5);
    assert_int_equal(q_int(f, "SELECT max(attempts) FROM messages"), 1);
    /* The rest follow as tokens come back; none fails or is re-attempted. */
    assert_true(run_until(f, sent_count, 0, 10, 5000));
    assert_int_equal(q_int(f, "SELECT max(attempts) FROM messages"), 1);
}

static void down_provider_is_probed_not_hammered(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "timeout"); /* each send answers "no answer" after 100 ms */
    int64_t first = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, requeued, first, 1, 3000)); /* timed out: a is down */
    for (int i = 0; i < 20; i++)
        queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    /* With a down, checkin traffic (route a only) waits for probes: one
     * message at a time, the others unclaimed (their attempts stay 0). */
    int64_t probes = 0;
    for (int i = 0; i < 30; i++) {
        outbox_kick(f->gw.outbox);
        uv_run(&f->loop, UV_RUN_NOWAIT);
        usleep(10000);
        int64_t inflight = outbox_inflight(f->gw.outbox);
        assert_true(inflight <= 1);
        probes = q_int(f, "SELECT count(*) FROM messages WHERE attempts > 0");
    }
    assert_true(probes <= 3);
    /* a answers again: everything flushes, the probes' back-off released. */
    set_mode(f, "a", "ok");
    assert_true(run_until(f, sent_count, 0, 21, 10000));
}

static void graceful_stop_waits_for_in_flight_sends(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "timeout");
    set_mode(f, "b", "timeout");
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, attempts_of, id, 1, 3000));
    assert_int_equal(outbox_inflight(f->gw.outbox), 1);
    gw_stop(&f->gw);
    uv_run(&f->loop, UV_RUN_DEFAULT); /* returns once everything closed */
    /* The send's answer (a time-out here) was waited for and recorded: the
     * message is not left "sending". */
    expect_state(f, id, "queued");
    gw_free(&f->gw);
    uv_loop_close(&f->loop);
    f->started = false;
}

static int64_t store_writable(struct fx *f, int64_t unused)
{
    (void)unused;
    return f->gw.store_ok;
}

static void result_refused_by_a_locked_store_is_written_later(void **state)
{
    struct fx *f = *state;
    set_mode(f, "a", "timeout"); /* the answer comes 100 ms after the claim */
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, attempts_of, id, 1, 3000));
    /* Another process takes the write lock while the send is in flight. */
    assert_int_equal(sqlite3_exec(f->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < 150 && f->gw.store_ok; i++) { /* locks for 2 s: unwritable */
        outbox_kick(f->gw.outbox);
        uv_run(&f->loop, UV_RUN_NOWAIT);
        usleep(20000);
    }
    assert_false(f->gw.store_ok);
    /* The answer could not be written: kept, still counted in flight. */
    assert_int_equal(outbox_inflight(f->gw.outbox), 1);
    expect_state(f, id, "sending");
    assert_int_equal(sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    /* The write probe finds the store writable and the result is written. */
    assert_true(run_until(f, requeued, id, 1, 5000));
    assert_int_equal(outbox_inflight(f->gw.outbox), 0);
    assert_true(run_until(f, store_writable, 0, 1, 3000));
}

/* ---- delivery reports --------------------------------------------------------- */

static void delivery_report_moves_only_forward(void **state)
{
    struct fx *f = *state;
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    char pmid[64], q[128], err[256];
    snprintf(q, sizeof q, "SELECT provider_msg_id FROM messages WHERE id = %lld", (long long)id);
    q_text(f, pmid, sizeof pmid, q);
    assert_true(pmid[0] != '\0');
    struct provider *a = gw_provider(&f->gw, "a"), *b = gw_provider(&f->gw, "b");
    struct store_msg_ref ref;
    /* Unknown id, or the right id from the wrong provider: nothing changes. */
    assert_int_equal(store_msg_delivery(f->gw.store, "a", "nope", MSG_DELIVERED, NULL, 1, &ref),
                     STORE_NOTFOUND);
    assert_int_equal(gw_delivery_report(&f->gw, b, pmid, DLR_DELIVERED, NULL, err, sizeof err), 0);
    expect_state(f, id, "sent");
    assert_int_equal(gw_delivery_report(&f->gw, a, pmid, DLR_DELIVERED, NULL, err, sizeof err), 0);
    expect_state(f, id, "delivered");
    /* Never backwards: a late "sent" or "failed" after "delivered". */
    assert_int_equal(gw_delivery_report(&f->gw, a, pmid, DLR_SENT, NULL, err, sizeof err), 0);
    assert_int_equal(gw_delivery_report(&f->gw, a, pmid, DLR_FAILED, "x", err, sizeof err), 0);
    expect_state(f, id, "delivered");
    /* failed -> delivered is allowed (reports arrive out of order). */
    int64_t id2 = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id2, 1, 3000));
    snprintf(q, sizeof q, "SELECT provider_msg_id FROM messages WHERE id = %lld", (long long)id2);
    q_text(f, pmid, sizeof pmid, q);
    assert_int_equal(gw_delivery_report(&f->gw, a, pmid, DLR_FAILED, "30003", err, sizeof err), 0);
    expect_state(f, id2, "failed");
    /* An ordinary message is not re-routed. */
    assert_int_equal(q_int(f, "SELECT count(*) FROM messages"), 2);
    assert_int_equal(store_msg_delivery(f->gw.store, "a", pmid, MSG_DELIVERED, NULL, 2, &ref),
                     STORE_OK);
    assert_int_equal(ref.id, id2);
    expect_state(f, id2, "delivered");
}

static int64_t to_count(struct fx *f, const char *phone)
{
    return q_int(f, "SELECT count(*) FROM messages WHERE peer = '%s' AND kind = 'alert'", phone);
}

static void undelivered_alert_is_rerouted_and_goes_to_the_backup(void **state)
{
    struct fx *f = *state;
    char err[256], pmid[64], q[160];
    int64_t client = add_client(f);
    int64_t esc = add_escalation(f, client);
    int64_t jordan = specialist_id(f, "jordan");
    int64_t id = queue(f, MSG_KIND_ALERT, MSG_PRIO_URGENT, client, esc, jordan, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_provider(f, id, "a");
    snprintf(q, sizeof q, "SELECT provider_msg_id FROM messages WHERE id = %lld", (long long)id);
    q_text(f, pmid, sizeof pmid, q);
    struct provider *a = gw_provider(&f->gw, "a");
    assert_int_equal(gw_delivery_report(&f->gw, a, pmid, DLR_FAILED, "unreachable", err,
                                         sizeof err), 0);
    expect_state(f, id, "failed");
    /* A copy to Jordan that avoids a, and the alert to Sam, his backup. */
    assert_int_equal(to_count(f, "+15555550100"), 2);
    assert_int_equal(to_count(f, "+15555550101"), 1);
    int64_t copy = q_int(f, "SELECT max(id) FROM messages WHERE peer = '+15555550100'");
    assert_int_equal(q_int(f, "SELECT avoid_provider = 'a' AND escalation_id = %lld AND"
                              " priority = %d FROM messages WHERE id = %lld", (long long)esc,
                           MSG_PRIO_URGENT, (long long)copy), 1);
    assert_true(run_until(f, sent_count, 0, 2, 3000)); /* the copy and the backup's */
    expect_provider(f, copy, "b");
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE action = 'message.rerouted'"), 1);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit WHERE"
                              " action = 'escalation.backup_alerted'"), 1);

    /* The copy fails too, and again: re-routes are bounded; the backup is
     * alerted once. */
    for (int round = 0; round < 5; round++) {
        int64_t last = q_int(f, "SELECT max(id) FROM messages WHERE peer = '+15555550100'");
        assert_true(run_until(f, settled, last, 1, 3000));
        snprintf(q, sizeof q, "SELECT provider || ':' || provider_msg_id FROM messages"
                 " WHERE id = %lld", (long long)last);
        char pp[96];
        q_text(f, pp, sizeof pp, q);
        char *colon = strchr(pp, ':');
        assert_non_null(colon);
        *colon = '\0';
        assert_int_equal(gw_delivery_report(&f->gw, gw_provider(&f->gw, pp), colon + 1,
                                            DLR_FAILED, "unreachable", err, sizeof err), 0);
    }
    assert_int_equal(to_count(f, "+15555550100"), 4); /* the first and 3 copies */
    assert_int_equal(to_count(f, "+15555550101"), 1);
}

/* ---- reports that overtake their send ----------------------------------------- */

static int64_t held_count(struct fx *f) { return q_int(f, "SELECT count(*) FROM delivery_held"); }

/* A provider's "delivered" callback that arrives before the outbox recorded
 * the send's id finds no message: it is held, and applied in the same
 * transaction that records the id, so the message ends delivered instead of
 * "sent" forever. A "failed" held after it follows the forward-only rule. */
static void early_report_is_applied_when_the_send_is_recorded(void **state)
{
    struct fx *f = *state;
    char err[256];
    struct provider *a = gw_provider(&f->gw, "a");
    /* The fake provider's first send gets the id "fake-1". */
    assert_int_equal(gw_delivery_report(&f->gw, a, "fake-1", DLR_DELIVERED, NULL, err,
                                        sizeof err), 0);
    assert_int_equal(gw_delivery_report(&f->gw, a, "fake-1", DLR_FAILED, "30003", err,
                                        sizeof err), 0);
    assert_int_equal(held_count(f), 2);
    assert_int_equal(f->gw.metrics.dlr_held[MHELD_HELD], 2);
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_col(f, id, "provider_msg_id", "fake-1");
    expect_state(f, id, "delivered");
    assert_int_equal(held_count(f), 0);
    assert_int_equal(f->gw.metrics.dlr_held[MHELD_APPLIED], 1);
}

/* A held report whose send is never recorded is dropped after
 * DELIVERY_HOLD_SECONDS with its counter; a send recorded later with that
 * id is not touched by it. */
static void held_report_expires(void **state)
{
    struct fx *f = *state;
    char err[256];
    struct provider *a = gw_provider(&f->gw, "a");
    assert_int_equal(gw_delivery_report(&f->gw, a, "fake-1", DLR_DELIVERED, NULL, err,
                                        sizeof err), 0);
    assert_int_equal(held_count(f), 1);
    f->gw.time_offset += DELIVERY_HOLD_SECONDS + 1;
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_col(f, id, "provider_msg_id", "fake-1");
    expect_state(f, id, "sent");
    /* The outbox's sweep may have dropped it already; if not, this does. */
    assert_true(gw_delivery_expire(&f->gw, gw_now(&f->gw)) >= 0);
    assert_int_equal(held_count(f), 0);
    assert_int_equal(f->gw.metrics.dlr_held[MHELD_EXPIRED], 1);
    assert_int_equal(f->gw.metrics.dlr_held[MHELD_APPLIED], 0);
}

/* Only a report for an id no message carries is held: one for a message
 * already final (or a "sent", which the outbox records itself) is not. */
static void report_for_a_final_message_is_not_held(void **state)
{
    struct fx *f = *state;
    char err[256];
    struct provider *a = gw_provider(&f->gw, "a");
    int64_t id = queue(f, MSG_KIND_CHECKIN, MSG_PRIO_NORMAL, 0, 0, 0, 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_col(f, id, "provider_msg_id", "fake-1");
    assert_int_equal(gw_delivery_report(&f->gw, a, "fake-1", DLR_DELIVERED, NULL, err,
                                        sizeof err), 0);
    assert_int_equal(gw_delivery_report(&f->gw, a, "fake-1", DLR_FAILED, "late", err,
                                        sizeof err), 0);
    assert_int_equal(gw_delivery_report(&f->gw, a, "fake-9", DLR_SENT, NULL, err, sizeof err), 0);
    expect_state(f, id, "delivered");
    assert_int_equal(held_count(f), 0);
    assert_int_equal(f->gw.metrics.dlr_held[MHELD_HELD], 0);
}

/* An early "failed" for an alert is applied late like any other, with the
 * re-route of an undelivered escalation message: a copy avoiding a, and the
 * alert to the backup. */
static void early_failed_alert_is_rerouted_when_recorded(void **state)
{
    struct fx *f = *state;
    char err[256];
    int64_t client = add_client(f);
    int64_t esc = add_escalation(f, client);
    assert_int_equal(gw_delivery_report(&f->gw, gw_provider(&f->gw, "a"), "fake-1", DLR_FAILED,
                                        "unreachable", err, sizeof err), 0);
    int64_t id = queue(f, MSG_KIND_ALERT, MSG_PRIO_URGENT, client, esc,
                       specialist_id(f, "jordan"), 0);
    assert_true(run_until(f, settled, id, 1, 3000));
    expect_provider(f, id, "a");
    expect_state(f, id, "failed");
    assert_int_equal(to_count(f, "+15555550100"), 2);
    assert_int_equal(to_count(f, "+15555550101"), 1);
    assert_true(run_until(f, sent_count, 0, 2, 3000)); /* the copy and the backup's */
    assert_int_equal(f->gw.metrics.dlr_held[MHELD_APPLIED], 1);
}

/* The held set is bounded per provider: the oldest go first; an expired
 * one is never taken. */
static void held_reports_are_bounded(void **state)
{
    struct fx *f = *state;
    struct store *s = f->gw.store;
    assert_int_equal(store_dlr_hold(s, "a", "x1", MSG_DELIVERED, NULL, 10, 2), 0);
    assert_int_equal(store_dlr_hold(s, "a", "x2", MSG_FAILED, "e", 11, 2), 0);
    assert_int_equal(store_dlr_hold(s, "b", "y1", MSG_DELIVERED, NULL, 12, 2), 0);
    assert_int_equal(store_dlr_hold(s, "a", "x3", MSG_DELIVERED, NULL, 13, 2), 1);
    assert_int_equal(held_count(f), 3);
    assert_int_equal(q_int(f, "SELECT count(*) FROM delivery_held WHERE provider_msg_id = 'x1'"),
                     0);
    struct store_dlr_held h[STORE_DLR_STATES];
    /* One received before the cut-off is not taken (it expired). */
    assert_int_equal(store_dlr_take(s, "a", "x3", 14, h), 0);
    assert_int_equal(store_dlr_take(s, "a", "x2", 0, h), 1);
    assert_string_equal(msg_state_name(h[0].state), "failed");
    assert_string_equal(h[0].error, "e");
    assert_int_equal(held_count(f), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(urgent_fails_over_at_once, setup_default, teardown),
        cmocka_unit_test_setup_teardown(urgent_fails_over_on_temporary_and_permanent_errors,
                                        setup_default, teardown),
        cmocka_unit_test_setup_teardown(permanent_failure_fails_at_once, setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(carrier_opt_out_marks_the_client, setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(temporary_failure_backs_off_then_fails, setup_a_only,
                                        teardown),
        cmocka_unit_test_setup_teardown(checkin_expires_escalation_never_does, setup_default,
                                        teardown),
        cmocka_unit_test_setup_teardown(escalation_traffic_goes_first, setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(rate_limit_spreads_sends, setup_rate, teardown),
        cmocka_unit_test_setup_teardown(down_provider_is_probed_not_hammered, setup_a_only,
                                        teardown),
        cmocka_unit_test_setup_teardown(graceful_stop_waits_for_in_flight_sends, setup_default,
                                        teardown),
        cmocka_unit_test_setup_teardown(result_refused_by_a_locked_store_is_written_later,
                                        setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(delivery_report_moves_only_forward, setup_a_only,
                                        teardown),
        cmocka_unit_test_setup_teardown(undelivered_alert_is_rerouted_and_goes_to_the_backup,
                                        setup_default, teardown),
        cmocka_unit_test_setup_teardown(early_report_is_applied_when_the_send_is_recorded,
                                        setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(held_report_expires, setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(report_for_a_final_message_is_not_held, setup_a_only,
                                        teardown),
        cmocka_unit_test_setup_teardown(held_reports_are_bounded, setup_a_only, teardown),
        cmocka_unit_test_setup_teardown(early_failed_alert_is_rerouted_when_recorded,
                                        setup_default, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
