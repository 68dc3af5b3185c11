/* SPDX-License-Identifier: Apache-2.0 */
/* bench_digest.c: the daily watch digest at 100,000 clients (real SQLite
 * file, the daemon's code: escalator_digest_now walks the clients in
 * batches, one transaction each). Every client has four moods; one in a
 * hundred falls three times in a row (a finding). Prints the median of
 * three runs, the mean time of one batch (how long the loop waits at most
 * for a batch, on average) and the findings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "daemon/escalator.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "store/store.h"

#define NCLIENTS 100000
#define RUNS     3

static double secs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int count_cb(void *ctx, const struct store_escalation *e)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

static int die(const char *what, struct store *s)
{
    fprintf(stderr, "bench_digest: %s: %s\n", what, s ? store_errmsg(s) : "");
    return 1;
}

int main(void)
{
    char dir[] = "/tmp/bench-digest.XXXXXX", conf[300], db[300], cmd[400], err[256];
    struct gw_config *cfg = NULL;
    struct store *s = NULL;
    struct cfg_errors errs;
    int64_t now = (int64_t)time(NULL), spec = 0;
    double t[RUNS];
    int rc = 1, findings = -1;

    cfg_errors_init(&errs);
    if (!mkdtemp(dir))
        return 1;
    snprintf(conf, sizeof conf, "%s/checkin.conf", dir);
    snprintf(db, sizeof db, "%s/db.sqlite", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        goto out;
    fprintf(f,
            "program = { name = \"Bench\"; contact = \"x\"; timezone = \"UTC\"; };\n"
            "daemon = { database = \"%s\"; };\n"
            "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"%s/spool\"; } );\n"
            "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; scale = [ 1, 10 ]; } );\n"
            "specialists = ( { id = \"jordan\"; phone = \"+15555550100\"; } );\n"
            "escalation = { watch_drops_in_row = 3; watch_weekly_drop = 0;"
            " watch_missed_in_row = 3; };\n"
            "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"988\";"
            " alert = \"a\"; stop = \"s\"; start = \"s\"; help = \"h\"; }; };\n",
            db, dir);
    fclose(f);
    log_set_level(LL_WARN);
    if (gw_config_load(&cfg, conf, &errs) != 0) {
        cfg_errors_print(&errs, stderr);
        goto out;
    }
    if (store_open(&s, db, err, sizeof err) != 0) {
        fprintf(stderr, "bench_digest: %s\n", err);
        goto out;
    }
    if (store_begin(s) != STORE_OK ||
        store_specialist_upsert(s, "jordan", "Jordan", "+15555550100", now, &spec) != STORE_OK) {
        rc = die("specialist", s);
        goto out;
    }
    double t0 = secs();
    for (int i = 1; i <= NCLIENTS; i++) {
        struct store_client c = {.specialist_id = spec, .created_at = now};
        snprintf(c.alias, sizeof c.alias, "c%06d", i);
        snprintf(c.phone, sizeof c.phone, "+1555%07d", i);
        snprintf(c.tz, sizeof c.tz, "UTC");
        snprintf(c.schedule, sizeof c.schedule, "daily");
        c.lang = LANG_EN;
        c.state = CLIENT_ACTIVE;
        if (store_client_insert(s, &c) != STORE_OK) {
            rc = die("client insert", s);
            goto out;
        }
        for (int k = 0; k < 4; k++) {
            /* One in a hundred falls 8, 6, 4, 2; the rest stay at 6. */
            double score = i % 100 == 0 ? 8 - 2 * k : 6;
            struct store_mood m = {.score = score, .scale_min = 1, .scale_max = 10,
                                   .norm = (score - 1) * 100.0 / 9,
                                   .recorded_at = now - (4 - k) * 86400};
            if (store_mood_insert(s, c.id, &m, NULL) != STORE_OK) {
                rc = die("mood insert", s);
                goto out;
            }
        }
    }
    if (store_commit(s) != STORE_OK) {
        rc = die("commit", s);
        goto out;
    }
    fprintf(stderr, "bench_digest: %d clients loaded in %.1f s\n", NCLIENTS, secs() - t0);

    /* the core escalator_digest_now works through, as gw_start binds it */
    uv_loop_t loop;
    if (uv_loop_init(&loop) != 0)
        goto out;
    struct gw gw = {.cfg = cfg, .store = s, .loop = &loop};
    gw_core_bind(&gw);
    for (int r = 0; r < RUNS; r++) {
        double a = secs();
        int q = escalator_digest_now(&gw, now + r);
        t[r] = secs() - a;
        if (q < 0) {
            rc = die("digest", s);
            goto out;
        }
    }
    findings = 0;
    if (store_escalations_watch_since(s, 0, spec, count_cb, &findings) != STORE_OK)
        findings = -1;
    qsort(t, RUNS, sizeof t[0], cmp_double);
    const char *how = "make bench BENCH=bench_digest";
    int batches = (NCLIENTS + 255) / 256;
    printf("digest run at %d clients (4 moods each), median of %d\t%.0f\tms\t%s\n", NCLIENTS,
           RUNS, t[RUNS / 2] * 1000, how);
    printf("digest, one batch of 256 clients (one transaction), mean\t%.1f\tms\t%s\n",
           t[RUNS / 2] * 1000 / batches, how);
    printf("digest findings at %d clients (1 in 100 falling)\t%d\tfindings\t%s\n", NCLIENTS,
           findings, how);
    rc = 0;
out:
    store_close(s);
    gw_config_free(cfg);
    cfg_errors_free(&errs);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_digest: could not remove %s\n", dir);
    return rc;
}
