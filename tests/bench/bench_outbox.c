/* SPDX-License-Identifier: Apache-2.0 */
/* bench_outbox.c: the durable outbox under load, on the real gateway
 * (gw_start on a private loop, a real SQLite file in WAL mode with
 * synchronous=FULL, the fake provider in mode "ok").
 *
 *   1. outbound throughput: N queued check-ins drained through the outbox,
 *      each claimed, handed to the provider and recorded "sent" in SQLite;
 *      messages a second, median of ROUNDS rounds;
 *   2. crisis latency: from gw_inbound() of a crisis reply (the provider's
 *      upward call; it commits the reply, the escalation, the 988 message
 *      and the alert) to the alert being handed to the provider's send();
 *      median and p99 over SAMPLES replies, one client each (no flood merge).
 *
 * Prints rows "figure<TAB>value<TAB>unit<TAB>command". BENCH_DIR (default
 * /tmp) holds the database: put it on the disk you care about. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uv.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "daemon/outbox.h"
#include "provider.h"
#include "store/store.h"

#define N_MESSAGES 3000
#define ROUNDS     3
#define SAMPLES    200

static const struct provider_ops *real_ops;
static struct provider_ops timed_ops;
static uint64_t alert_at_ns;       /* when the last alert reached send() */
static int alerts;

static int timed_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    if (m->urgent && strcmp(m->to, "+15555550101") == 0) {
        alert_at_ns = uv_hrtime();
        alerts++;
    }
    return real_ops->send(p, m, done, arg);
}

static int64_t sent_count(struct gw *gw)
{
    int64_t q = 0, s = 0, f = 0;
    store_outbox_counts(gw->store, &q, &s, &f);
    return q + s; /* still to go */
}

struct waiter {
    struct gw *gw;
    int want_alerts;
    bool drain;
};

static void check_cb(uv_timer_t *t)
{
    struct waiter *w = t->data;
    if ((w->drain && sent_count(w->gw) == 0) || (!w->drain && alerts >= w->want_alerts))
        uv_stop(t->loop);
}

static void run_until(struct gw *gw, struct waiter *w, uint64_t poll_ms)
{
    uv_timer_t t;
    uv_timer_init(gw->loop, &t);
    t.data = w;
    uv_timer_start(&t, check_cb, 0, poll_ms);
    uv_run(gw->loop, UV_RUN_DEFAULT);
    uv_close((uv_handle_t *)&t, NULL);
    uv_run(gw->loop, UV_RUN_NOWAIT);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    const char *base = getenv("BENCH_DIR") ? getenv("BENCH_DIR") : "/tmp";
    char dir[200], conf[256], text[2048], err[512] = "";
    snprintf(dir, sizeof dir, "%.150s/bench_outbox.XXXXXX", base);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(conf, sizeof conf, "%s/gw.conf", dir);
    snprintf(text, sizeof text,
             "program = { name = \"P\"; contact = \"555\"; timezone = \"UTC\"; };\n"
             "daemon = { database = \"%s/db\"; pid_file = \"%s/pid\"; log_level = \"error\"; };\n"
             "http = { listen = \"127.0.0.1\"; port = 0; };\n"
             /* About 10,000 to one number: far above the default daily caps
              * (100000 is the most limits.daily_per_client allows). */
             "limits = { daily_per_client = 100000; daily_per_program = 10000000; };\n"
             "providers = ( { name = \"fake\"; kind = \"fake\"; } );\n"
             "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; } );\n"
             "specialists = ( { id = \"sam\"; name = \"Sam\"; phone = \"+15555550101\"; } );\n"
             "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"Call or text 988.\";"
             " alert = \"{severity} #{escalation} {alias}: {excerpt}\"; stop = \"s\";"
             " start = \"st\"; help = \"h\"; }; };\n",
             dir, dir);
    FILE *f = fopen(conf, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(conf);
        return 1;
    }
    struct gw_config *cfg = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    if (gw_config_load(&cfg, conf, &errs) != 0) {
        cfg_errors_print(&errs, stderr);
        return 1;
    }
    cfg_errors_free(&errs);
    uv_loop_t loop;
    struct gw gw;
    uv_loop_init(&loop);
    if (gw_start(&gw, &loop, conf, cfg, err, sizeof err) != 0) {
        fprintf(stderr, "start: %s\n", err);
        return 1;
    }
    struct provider *p = gw_provider(&gw, "fake");
    real_ops = p->ops;
    timed_ops = *p->ops;
    timed_ops.send = timed_send;
    p->ops = &timed_ops;

    /* 1. Throughput. */
    double rates[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        int64_t now = gw_now(&gw);
        store_begin(gw.store);
        for (int i = 0; i < N_MESSAGES; i++) {
            struct store_outbound m = {.to = "+15550001111", .body = "How are you today, 1-10?",
                                       .kind = MSG_KIND_CHECKIN, .priority = MSG_PRIO_NORMAL};
            store_outbound_queue(gw.store, &m, now, NULL);
        }
        store_commit(gw.store);
        uint64_t t0 = uv_hrtime();
        outbox_kick(gw.outbox);
        struct waiter w = {.gw = &gw, .drain = true};
        run_until(&gw, &w, 5);
        rates[r] = N_MESSAGES / ((double)(uv_hrtime() - t0) / 1e9);
        fprintf(stderr, "round %d: %.0f messages/s\n", r, rates[r]);
    }
    qsort(rates, ROUNDS, sizeof rates[0], cmp_double);

    /* 2. Crisis reply -> alert at the provider. */
    double lat[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
        struct store_client c;
        memset(&c, 0, sizeof c);
        snprintf(c.alias, sizeof c.alias, "c%d", i);
        snprintf(c.phone, sizeof c.phone, "+1555700%04u", (unsigned)i % 10000u);
        snprintf(c.tz, sizeof c.tz, "UTC");
        snprintf(c.schedule, sizeof c.schedule, "daily");
        c.lang = LANG_EN;
        c.state = CLIENT_ACTIVE;
        c.created_at = gw_now(&gw);
        if (store_client_insert(gw.store, &c) != STORE_OK) {
            fprintf(stderr, "client insert: %s\n", store_errmsg(gw.store));
            return 1;
        }
    }
    for (int i = 0; i < SAMPLES; i++) {
        char from[32], ext[32], e2[256];
        const char *body = "i want to kill myself tonight";
        snprintf(from, sizeof from, "+1555700%04d", i);
        snprintf(ext, sizeof ext, "bench-%d", i);
        struct inmsg m = {.ext_id = ext, .from = from, .to = "", .body = body,
                          .body_len = strlen(body)};
        int want = alerts + 1;
        uint64_t t0 = uv_hrtime();
        if (gw_inbound(&gw, p, &m, e2, sizeof e2) != 0) {
            fprintf(stderr, "inbound: %s\n", e2);
            return 1;
        }
        struct waiter w = {.gw = &gw, .want_alerts = want};
        run_until(&gw, &w, 1);
        lat[i] = (double)(alert_at_ns - t0) / 1e6;
    }
    qsort(lat, SAMPLES, sizeof lat[0], cmp_double);

    gw_stop(&gw);
    uv_run(&loop, UV_RUN_DEFAULT);
    gw_free(&gw);
    uv_loop_close(&loop);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);

    printf("outbox: messages sent per second (persisted, fake provider)\t%.0f\tmsg/s\t"
           "BENCH=bench_outbox make bench\n", rates[ROUNDS / 2]);
    printf("crisis reply -> alert at provider, median\t%.2f\tms\tBENCH=bench_outbox make bench\n",
           lat[SAMPLES / 2]);
    printf("crisis reply -> alert at provider, p99\t%.2f\tms\tBENCH=bench_outbox make bench\n",
           lat[(SAMPLES * 99) / 100]);
    return 0;
}
