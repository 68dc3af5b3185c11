/* SPDX-License-Identifier: Apache-2.0 */
/* spool_harness.h: the spool provider tests' harness
 * (test_spool_provider.c, test_spool_results.c): the provider on a private
 * loop and a temporary directory, reaching a fake provider host
 * (fake_host.h) that records each upward call and can be told to fail. */
#ifndef SPOOL_HARNESS_H
#define SPOOL_HARNESS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libconfig.h>
#include <uv.h>

#include "base/settings.h"
#include "base/log.h"
#include "provider.h"
#include "spool/spoolfile.h"
#include "fake_host.h"

extern const struct provider_ops spool_provider_ops;

/* ---- the fake host ---------------------------------------------------- */

/* Records every upward call (fake_host.h); inbound checks the file is still
 * in incoming/ during the call: it is removed only after the commit. */
static struct fake_host fh;
static char incoming[512];
static bool file_present[FAKE_HOST_MAX];

static inline void check_file_present(struct fake_host *h, int i, const struct inmsg *m)
{
    char path[1024];
    const char *colon = strrchr(m->ext_id, ':');
    (void)h;
    snprintf(path, sizeof path, "%s/%.*s", incoming, (int)(colon ? colon - m->ext_id : 0),
             m->ext_id);
    if (i < FAKE_HOST_MAX)
        file_present[i] = access(path, F_OK) == 0;
}

/* ---- fixture ---------------------------------------------------------- */

struct fx {
    char dir[256];       /* the temporary root */
    char spool[300];     /* <dir>/spool: the provider's dir */
    uv_loop_t loop;
    uv_timer_t tick;     /* keeps UV_RUN_ONCE from blocking on the 30 s rescan */
    config_t cfg;
    struct provider p;
    bool created, started, stopped;
    int done_calls, done_status;
    char done_id[256], done_err[512];
};

static inline void tick_cb(uv_timer_t *t) { (void)t; }

static inline int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);

    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/test_spool_XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->spool, sizeof f->spool, "%s/spool", f->dir);
    snprintf(incoming, sizeof incoming, "%s/incoming", f->spool);
    memset(file_present, 0, sizeof file_present);
    fake_host_init(&fh, f);
    fh.on_inbound = check_file_present;
    if (uv_loop_init(&f->loop) != 0)
        return -1;
    uv_timer_init(&f->loop, &f->tick);
    uv_timer_start(&f->tick, tick_cb, 10, 10);
    config_init(&f->cfg);
    f->p.ops = &spool_provider_ops;
    snprintf(f->p.name, sizeof f->p.name, "spool");
    f->p.loop = &f->loop;
    f->p.host = &fh.host;
    *state = f;
    return 0;
}

static inline void rm_rf(const char *path)
{
    char cmd[600];
    /* The path is our own mkdtemp result: no quoting surprises. */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

static inline void stopped_cb(struct provider *p)
{
    struct fx *f = fake_host_of(p)->owner;
    f->stopped = true;
}

static inline void run_ms(struct fx *f, uint64_t ms);
static inline bool run_until(struct fx *f, bool (*cond)(struct fx *), uint64_t cap_ms);
static inline bool is_stopped(struct fx *f);

static inline int teardown(void **state)
{
    struct fx *f = *state;

    if (f->started && !f->stopped) {
        spool_provider_ops.stop(&f->p, stopped_cb);
        run_until(f, is_stopped, 2000);
    }
    if (f->created)
        spool_provider_ops.destroy(&f->p);
    uv_close((uv_handle_t *)&f->tick, NULL);
    uv_run(&f->loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(&f->loop), 0);
    config_destroy(&f->cfg);
    rm_rf(f->dir);
    free(f);
    return 0;
}

/* Runs the loop until cond(f) holds, for at most cap_ms (a safety cap, not
 * an assertion about timing). Returns whether cond held. */
static inline bool run_until(struct fx *f, bool (*cond)(struct fx *), uint64_t cap_ms)
{
    uint64_t start;

    uv_update_time(&f->loop);
    start = uv_now(&f->loop);
    for (int i = 0; i < 100000; i++) {
        if (cond != NULL && cond(f))
            return true;
        uv_update_time(&f->loop);
        if (uv_now(&f->loop) - start > cap_ms)
            break;
        uv_run(&f->loop, UV_RUN_ONCE);
    }
    return cond != NULL && cond(f);
}

static inline void run_ms(struct fx *f, uint64_t ms) { run_until(f, NULL, ms); }

static inline int create_from(struct fx *f, const char *text, struct cfg_errors *errs)
{
    const config_setting_t *g;

    assert_int_equal(config_read_string(&f->cfg, text), CONFIG_TRUE);
    g = config_lookup(&f->cfg, "spool");
    assert_non_null(g);
    int rc = spool_provider_ops.create(&f->p, g, errs);
    f->created = rc == 0;
    return rc;
}

/* Creates and starts the provider on f->spool. */
static inline void start(struct fx *f)
{
    char text[600];
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                "  dir = \"%s\";\n};\n", f->spool);
    assert_int_equal(create_from(f, text, &errs), 0);
    assert_int_equal(errs.n, 0);
    cfg_errors_free(&errs);
    assert_int_equal(spool_provider_ops.start(&f->p), 0);
    f->started = true;
    assert_true(f->p.healthy);
}

static inline void path_of(struct fx *f, const char *sub, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s/%s", f->spool, sub, name);
}

static inline bool exists(struct fx *f, const char *sub, const char *name)
{
    char path[1024];
    struct stat st;
    path_of(f, sub, name, path, sizeof path);
    return lstat(path, &st) == 0;
}

/* Writes a file into <spool>/<sub>/; old = back-dated 10 s, so it counts as
 * settled at once (smsd writes in place; the provider waits 1 s). */
static inline void put(struct fx *f, const char *sub, const char *name, const char *data, size_t len,
                bool old)
{
    char path[1024];
    FILE *fp;

    path_of(f, sub, name, path, sizeof path);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    if (old) {
        struct timespec ts[2];
        clock_gettime(CLOCK_REALTIME, &ts[0]);
        ts[0].tv_sec -= 10;
        ts[1] = ts[0];
        assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    }
}

#define PUT(f, sub, name, lit, old) put((f), (sub), (name), (lit), sizeof(lit) - 1, (old))

/* Number of entries in <spool>/<sub>, without . and .. */
static inline int count_dir(struct fx *f, const char *sub, bool *has_dotfile)
{
    char path[512];
    struct dirent *de;
    DIR *d;
    int n = 0;

    snprintf(path, sizeof path, "%s/%s", f->spool, sub);
    d = opendir(path);
    assert_non_null(d);
    if (has_dotfile)
        *has_dotfile = false;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (de->d_name[0] == '.' && has_dotfile)
            *has_dotfile = true;
        n++;
    }
    closedir(d);
    return n;
}

static inline char *slurp(const char *path, size_t *len)
{
    static char buf[4096];
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    *len = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[*len] = '\0';
    return buf;
}

static inline bool calls_ge_1(struct fx *f) { (void)f; return fh.in.calls >= 1; }
static inline bool calls_ge_2(struct fx *f) { (void)f; return fh.in.calls >= 2; }
static inline bool calls_ge_3(struct fx *f) { (void)f; return fh.in.calls >= 3; }
static inline bool is_stopped(struct fx *f) { return f->stopped; }

/* Starts the provider with extra settings inside its group. */
static inline void start_with(struct fx *f, const char *extra)
{
    char text[700];
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                "  dir = \"%s\";\n%s};\n", f->spool, extra);
    assert_int_equal(create_from(f, text, &errs), 0);
    assert_int_equal(errs.n, 0);
    cfg_errors_free(&errs);
    assert_int_equal(spool_provider_ops.start(&f->p), 0);
    f->started = true;
}

static const char real_example[] =
    "From: 4915550003\n"
    "From_TOA: 91 international, ISDN/telephone\n"
    "From_SMSC: 49172922473\n"
    "Sent: 26-11-23 04:12:02\n"
    "Received: 26-11-23 04:12:03\n"
    "Subject: GSM1\n"
    "Modem: GSM1\n"
    "IMSI: 262019999999999\n"
    "IMEI: 490154203237518\n"
    "Report: no\n"
    "Alphabet: UTF-8\n"
    "Length: 17\n"
    "\n"
    "OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac";

static inline bool has_error(const struct cfg_errors *e, const char *line_tag, const char *what)
{
    for (size_t i = 0; i < e->n; i++)
        if (strstr(e->msg[i], line_tag) != NULL && strstr(e->msg[i], what) != NULL)
            return true;
    return false;
}

static inline void done_cb(void *arg, int status, const char *id, const char *err)
{
    struct fx *f = arg;

    f->done_calls++;
    f->done_status = status;
    snprintf(f->done_id, sizeof f->done_id, "%s", id ? id : "");
    snprintf(f->done_err, sizeof f->done_err, "%s", err ? err : "");
}

static inline bool incoming_empty(struct fx *f) { return count_dir(f, "incoming", NULL) == 0; }

#endif
