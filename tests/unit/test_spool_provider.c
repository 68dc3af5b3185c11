/* SPDX-License-Identifier: Apache-2.0 */
/* test_spool_provider.c: the spool provider on a private loop and a
 * temporary directory, reaching a fake provider host (fake_host.h) that
 * records each upward call and can be told to fail. */
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

static void check_file_present(struct fake_host *h, int i, const struct inmsg *m)
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

static void tick_cb(uv_timer_t *t) { (void)t; }

static int setup(void **state)
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

static void rm_rf(const char *path)
{
    char cmd[600];
    /* The path is our own mkdtemp result: no quoting surprises. */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

static void stopped_cb(struct provider *p)
{
    struct fx *f = fake_host_of(p)->owner;
    f->stopped = true;
}

static void run_ms(struct fx *f, uint64_t ms);
static bool run_until(struct fx *f, bool (*cond)(struct fx *), uint64_t cap_ms);
static bool is_stopped(struct fx *f);

static int teardown(void **state)
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
static bool run_until(struct fx *f, bool (*cond)(struct fx *), uint64_t cap_ms)
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

static void run_ms(struct fx *f, uint64_t ms) { run_until(f, NULL, ms); }

static int create_from(struct fx *f, const char *text, struct cfg_errors *errs)
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
static void start(struct fx *f)
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

static void path_of(struct fx *f, const char *sub, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s/%s", f->spool, sub, name);
}

static bool exists(struct fx *f, const char *sub, const char *name)
{
    char path[1024];
    struct stat st;
    path_of(f, sub, name, path, sizeof path);
    return lstat(path, &st) == 0;
}

/* Writes a file into <spool>/<sub>/; old = back-dated 10 s, so it counts as
 * settled at once (smsd writes in place; the provider waits 1 s). */
static void put(struct fx *f, const char *sub, const char *name, const char *data, size_t len,
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
static int count_dir(struct fx *f, const char *sub, bool *has_dotfile)
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

static char *slurp(const char *path, size_t *len)
{
    static char buf[4096];
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    *len = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[*len] = '\0';
    return buf;
}

static bool calls_ge_1(struct fx *f) { (void)f; return fh.in.calls >= 1; }
static bool calls_ge_2(struct fx *f) { (void)f; return fh.in.calls >= 2; }
static bool calls_ge_3(struct fx *f) { (void)f; return fh.in.calls >= 3; }
static bool is_stopped(struct fx *f) { return f->stopped; }

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

/* ---- config ----------------------------------------------------------- */

static bool has_error(const struct cfg_errors *e, const char *line_tag, const char *what)
{
    for (size_t i = 0; i < e->n; i++)
        if (strstr(e->msg[i], line_tag) != NULL && strstr(e->msg[i], what) != NULL)
            return true;
    return false;
}

static void test_config_missing_dir(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "# spool\nspool = {\n  name = \"spool\";\n  kind = \"spool\";\n};\n",
                                 &errs),
                     -1);
    assert_int_equal(errs.n, 1);
    /* The group starts on line 2. */
    assert_true(has_error(&errs, ":2:", "dir is required"));
    assert_null(f->p.impl);
    cfg_errors_free(&errs);
}

static void test_config_unknown_key(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                    "  dir = \"/tmp/x\";\n  polll = 5;\n};\n",
                                 &errs),
                     -1);
    assert_int_equal(errs.n, 1);
    assert_true(has_error(&errs, ":5:", "polll"));
    assert_null(f->p.impl);
    cfg_errors_free(&errs);
}

static void test_config_wrong_type(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                    "  dir = 5;\n};\n",
                                 &errs),
                     -1);
    assert_int_equal(errs.n, 1);
    assert_true(has_error(&errs, ":4:", "dir must be a string"));
    cfg_errors_free(&errs);

    config_destroy(&f->cfg);
    config_init(&f->cfg);
    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = {\n  name = \"spool\";\n  kind = \"spool\";\n"
                                    "  dir = \"\";\n};\n",
                                 &errs),
                     -1);
    assert_true(has_error(&errs, ":4:", "dir is empty"));
    cfg_errors_free(&errs);
}

static void test_config_ok_no_io(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;
    char text[400];
    struct stat st;

    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"%s\"; };",
             f->spool);
    assert_int_equal(create_from(f, text, &errs), 0);
    assert_int_equal(errs.n, 0);
    assert_non_null(f->p.impl);
    /* create() does no I/O (--check-config): nothing made yet. */
    assert_int_equal(stat(f->spool, &st), -1);
    cfg_errors_free(&errs);
}

/* ---- start / send ----------------------------------------------------- */

static void test_start_creates_dirs(void **state)
{
    struct fx *f = *state;
    static const char *const subs[] = {"outgoing", "incoming", "checked", "sent",
                                       "failed",   "rejected"};
    char path[512];
    struct stat st;

    start(f);
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", f->spool, subs[i]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        assert_int_equal(st.st_mode & 0777, 0750);
    }
}

static void test_start_fails_on_file(void **state)
{
    struct fx *f = *state;
    char text[600];
    struct cfg_errors errs;
    FILE *fp;

    /* dir is a regular file: start fails, says why, and leaves no handle
     * open (teardown's uv_loop_close checks that). */
    fp = fopen(f->spool, "wb");
    assert_non_null(fp);
    fclose(fp);
    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"%s\"; };",
             f->spool);
    assert_int_equal(create_from(f, text, &errs), 0);
    cfg_errors_free(&errs);
    assert_int_equal(spool_provider_ops.start(&f->p), -1);
    assert_false(f->p.healthy);
    assert_non_null(strstr(f->p.status, "cannot create"));
    assert_non_null(strstr(f->p.status, "Not a directory"));
}

static void done_cb(void *arg, int status, const char *id, const char *err)
{
    struct fx *f = arg;

    f->done_calls++;
    f->done_status = status;
    snprintf(f->done_id, sizeof f->done_id, "%s", id ? id : "");
    snprintf(f->done_err, sizeof f->done_err, "%s", err ? err : "");
}

static void test_send_writes_file(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 42, .to = "+15555550123", .body = "How are you today, 1-10?\nReply 1-10",
                       .priority = 0, .urgent = false};
    char path[1024];
    bool dot;
    size_t len;
    char *data;

    start(f);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 1);
    assert_int_equal(f->done_status, SEND_OK);
    assert_string_equal(f->done_err, "");
    assert_true(strncmp(f->done_id, "gw-42-", 6) == 0);
    path_of(f, "outgoing", f->done_id, path, sizeof path);
    data = slurp(path, &len);
    assert_string_equal(data, "To: 15555550123\nAlphabet: UTF-8\nReport: yes\n\n"
                              "How are you today, 1-10?\nReply 1-10");
    assert_int_equal(count_dir(f, "outgoing", &dot), 1);
    assert_false(dot);

    /* Urgent: Priority header; a second file with another name. */
    char first[256];
    snprintf(first, sizeof first, "%s", f->done_id);
    m.id = 43;
    m.urgent = true;
    m.body = "Call or text 988";
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 2);
    assert_int_equal(f->done_status, SEND_OK);
    assert_string_not_equal(first, f->done_id);
    path_of(f, "outgoing", f->done_id, path, sizeof path);
    data = slurp(path, &len);
    assert_string_equal(data, "To: 15555550123\nAlphabet: UTF-8\nPriority: High\nReport: yes\n\n"
                              "Call or text 988");
    assert_int_equal(count_dir(f, "outgoing", &dot), 2);
    assert_false(dot);

    /* The same message id sent again (a retry) gets a file of its own. */
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_status, SEND_OK);
    assert_int_equal(count_dir(f, "outgoing", NULL), 3);
}

static void test_send_bad_number(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 7, .to = "5555550123", .body = "hi"};

    start(f);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 1);
    assert_int_equal(f->done_status, SEND_FAILED);
    assert_non_null(strstr(f->done_err, "spool: "));
    assert_int_equal(count_dir(f, "outgoing", NULL), 0);
}

static void test_send_io_error(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 9, .to = "+15555550123", .body = "hi"};
    char path[512], moved[512];

    start(f);
    /* Replace outgoing/ by a regular file: every write fails (even as root). */
    snprintf(path, sizeof path, "%s/outgoing", f->spool);
    snprintf(moved, sizeof moved, "%s/outgoing.away", f->spool);
    assert_int_equal(rename(path, moved), 0);
    PUT(f, ".", "outgoing", "not a directory", false);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_calls, 1);
    assert_int_equal(f->done_status, SEND_RETRY);
    assert_non_null(strstr(f->done_err, "spool: cannot write "));
    assert_non_null(strstr(f->done_err, "Not a directory"));
    assert_false(f->p.healthy);
    assert_non_null(strstr(f->p.status, "cannot write"));

    /* Back to a directory: the next send works and health returns. */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rename(moved, path), 0);
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_status, SEND_OK);
    assert_true(f->p.healthy);
    bool dot;
    assert_int_equal(count_dir(f, "outgoing", &dot), 1);
    assert_false(dot);
}

/* ---- inbound ---------------------------------------------------------- */

static void test_files_present_before_start(void **state)
{
    struct fx *f = *state;
    static const char second[] = "From: +15555550123\nAlphabet: ISO\n\n3, rough day \xa4";
    char want_id[256];
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 4, .tm_min = 12,
                    .tm_sec = 3, .tm_isdst = -1};

    /* The directories exist before the gateway starts (smsd made them). */
    char path[512];
    snprintf(path, sizeof path, "%s", f->spool);
    assert_int_equal(mkdir(path, 0750), 0);
    snprintf(path, sizeof path, "%s/incoming", f->spool);
    assert_int_equal(mkdir(path, 0750), 0);
    PUT(f, "incoming", "GSM1.T6BnGM", real_example, true);
    PUT(f, "incoming", "GSM1.zzzzzz", second, true);

    start(f);
    assert_true(run_until(f, calls_ge_2, 5000));
    assert_int_equal(fh.in.calls, 2);

    /* Same mtime: name order. */
    snprintf(want_id, sizeof want_id, "GSM1.T6BnGM:%016llx",
             spoolfile_fnv1a64(real_example, sizeof real_example - 1));
    assert_string_equal(fh.in.c[0].ext_id, want_id);
    assert_string_equal(fh.in.c[0].from, "+4915550003");
    assert_string_equal(fh.in.c[0].to, "");
    assert_int_equal(fh.in.c[0].body_len, strlen("OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac"));
    assert_memory_equal(fh.in.c[0].body, "OK I am safe \xc3\xa4\xc3\xb6 \xe2\x82\xac",
                        fh.in.c[0].body_len);
    assert_int_equal(fh.in.c[0].received_at, (int64_t)mktime(&tm));
    assert_ptr_equal(fh.in.c[0].p, &f->p);
    assert_true(file_present[0]); /* removed only after the commit */

    assert_string_equal(fh.in.c[1].from, "+15555550123");
    assert_int_equal(fh.in.c[1].body_len, strlen("3, rough day \xe2\x82\xac"));
    assert_memory_equal(fh.in.c[1].body, "3, rough day \xe2\x82\xac", fh.in.c[1].body_len);
    assert_int_equal(fh.in.c[1].received_at, 0);

    assert_false(exists(f, "incoming", "GSM1.T6BnGM"));
    assert_false(exists(f, "incoming", "GSM1.zzzzzz"));
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static bool incoming_empty(struct fx *f) { return count_dir(f, "incoming", NULL) == 0; }

static void test_file_dropped_after_start(void **state)
{
    struct fx *f = *state;
    char tmp[1024], final[1024];

    start(f);
    run_ms(f, 50);
    assert_int_equal(fh.in.calls, 0);

    /* The way smsd's peers should write: a dot-name, then a rename. The
     * file is fresh, so the provider also waits for it to settle. */
    path_of(f, "incoming", ".GSM1.new", tmp, sizeof tmp);
    path_of(f, "incoming", "GSM1.new", final, sizeof final);
    PUT(f, "incoming", ".GSM1.new", real_example, false);
    assert_int_equal(rename(tmp, final), 0);
    assert_true(run_until(f, calls_ge_1, 10000));
    assert_string_equal(fh.in.c[0].from, "+4915550003");
    assert_true(run_until(f, incoming_empty, 2000));

    /* And one written in place, as smsd itself does. */
    PUT(f, "incoming", "GSM1.second", "From: 15555550124\n\n7", false);
    assert_true(run_until(f, calls_ge_2, 10000));
    assert_string_equal(fh.in.c[1].from, "+15555550124");
    assert_int_equal(fh.in.c[1].body_len, 1);
    assert_int_equal(fh.in.c[1].body[0], '7');
    assert_true(run_until(f, incoming_empty, 2000));
}

static void start_with(struct fx *f, const char *extra);

/* A file is read as soon as its writer closes it (inotify IN_CLOSE_WRITE)
 * or it is renamed in (IN_MOVED_TO), not after the settle delay: here the
 * delay is an hour, so reading it at all shows the event was used. A file
 * still open for writing waits (the fallback); closed, it is read. */
static void test_closed_file_read_before_settle(void **state)
{
    struct fx *f = *state;
    char path[1024], tmp[1024];

    start_with(f, "settle_ms = 3600000;\n");
    run_ms(f, 50);

    PUT(f, "incoming", "GSM1.inplace", "From: 15555550124\n\n7", false);
    assert_true(run_until(f, calls_ge_1, 10000));
    assert_string_equal(fh.in.c[0].from, "+15555550124");

    path_of(f, "incoming", ".GSM1.renamed", tmp, sizeof tmp);
    path_of(f, "incoming", "GSM1.renamed", path, sizeof path);
    PUT(f, "incoming", ".GSM1.renamed", "From: 15555550125\n\n8", false);
    assert_int_equal(rename(tmp, path), 0);
    assert_true(run_until(f, calls_ge_2, 10000));
    assert_string_equal(fh.in.c[1].from, "+15555550125");

    path_of(f, "incoming", "GSM1.open", path, sizeof path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "From: 15555550126\n\n", 19), 19);
    run_ms(f, 300); /* events and scans happen; the hour-long fallback does not pass */
    assert_int_equal(fh.in.calls, 2);
    assert_int_equal(write(fd, "9", 1), 1);
    assert_int_equal(close(fd), 0);
    assert_true(run_until(f, calls_ge_3, 10000));
    assert_string_equal(fh.in.c[2].from, "+15555550126");
    assert_true(run_until(f, incoming_empty, 2000));
}

static void test_config_settle_ms(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;
    char text[600];

    cfg_errors_init(&errs);
    snprintf(text, sizeof text, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"%s\";"
                                " settle_ms = -1; };\n", f->spool);
    assert_int_equal(create_from(f, text, &errs), -1);
    assert_true(errs.n >= 1);
    assert_non_null(strstr(errs.msg[0], "settle_ms"));
    cfg_errors_free(&errs);
}

static void test_inbound_failure_keeps_file(void **state)
{
    struct fx *f = *state;

    start(f);
    run_ms(f, 20);
    fh.in.fail_next = 2;
    PUT(f, "incoming", "GSM1.retry", real_example, true);
    assert_true(run_until(f, calls_ge_1, 5000));
    /* Not committed: the file stays, the status says why. */
    assert_true(exists(f, "incoming", "GSM1.retry"));
    assert_non_null(strstr(f->p.status, "database is locked"));

    /* Offered again after the back-off (1 s, then 2 s)... */
    assert_true(run_until(f, calls_ge_2, 10000));
    assert_true(exists(f, "incoming", "GSM1.retry"));
    /* ... and once the store works, committed and removed. */
    assert_true(run_until(f, calls_ge_3, 10000));
    assert_true(run_until(f, incoming_empty, 2000));
    /* The same id every time, so the store can de-duplicate. */
    assert_string_equal(fh.in.c[0].ext_id, fh.in.c[1].ext_id);
    assert_string_equal(fh.in.c[1].ext_id, fh.in.c[2].ext_id);
    assert_string_equal(f->p.status, "ok");
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static bool rejected_ge_5(struct fx *f) { return count_dir(f, "rejected", NULL) >= 5; }

static void test_malformed_goes_to_rejected(void **state)
{
    struct fx *f = *state;
    /* A status report without its Message_id cannot be matched to anything. */
    static const char status_report[] = "From: 491721234567\nAlphabet: ISO\n\n"
                                        "SMS STATUS REPORT\nDischarge_timestamp: 02-01-21 22:27:02\n"
                                        "Status: 0,Ok,short message received by the SME";
    char big[70 * 1024];

    start(f);
    run_ms(f, 20);
    PUT(f, "incoming", "GSM1.nofrom", "Alphabet: UTF-8\n\nI am not ok", true);
    PUT(f, "incoming", "GSM1.noblank", "From: 15555550123\nI am not ok", true);
    PUT(f, "incoming", "GSM1.shortnum", "From: 12345\n\nhello", true);
    PUT(f, "incoming", "GSM1.report", status_report, true);
    memset(big, 'x', sizeof big);
    memcpy(big, "From: 15555550123\n\n", 19);
    put(f, "incoming", "GSM1.big", big, sizeof big, true);
    assert_true(run_until(f, rejected_ge_5, 5000));

    assert_int_equal(fh.in.calls, 0);
    assert_int_equal(count_dir(f, "incoming", NULL), 0);
    assert_true(exists(f, "rejected", "GSM1.nofrom"));
    assert_true(exists(f, "rejected", "GSM1.noblank"));
    assert_true(exists(f, "rejected", "GSM1.shortnum"));
    assert_true(exists(f, "rejected", "GSM1.report"));
    assert_true(exists(f, "rejected", "GSM1.big"));

    /* Nothing is lost: the rejected file is the original, byte for byte. */
    char path[1024];
    size_t len;
    path_of(f, "rejected", "GSM1.report", path, sizeof path);
    assert_string_equal(slurp(path, &len), status_report);

    /* A reused name does not overwrite an earlier rejected file. */
    PUT(f, "incoming", "GSM1.nofrom", "Alphabet: UTF-8\n\nsecond", true);
    assert_true(run_until(f, incoming_empty, 5000));
    assert_true(exists(f, "rejected", "GSM1.nofrom.1"));
    path_of(f, "rejected", "GSM1.nofrom", path, sizeof path);
    assert_string_equal(slurp(path, &len), "Alphabet: UTF-8\n\nI am not ok");
}

static void test_ignored_names(void **state)
{
    struct fx *f = *state;

    start(f);
    PUT(f, "incoming", ".GSM1.partial", real_example, true);
    PUT(f, "incoming", "LOCKED.GSM1.abc", real_example, true);
    char sub[512];
    snprintf(sub, sizeof sub, "%s/incoming/subdir", f->spool);
    assert_int_equal(mkdir(sub, 0750), 0);
    PUT(f, "incoming", "GSM1.good", real_example, true);
    assert_true(run_until(f, calls_ge_1, 5000));
    run_ms(f, 100);
    assert_int_equal(fh.in.calls, 1);
    assert_true(strncmp(fh.in.c[0].ext_id, "GSM1.good:", 10) == 0);
    assert_true(exists(f, "incoming", ".GSM1.partial"));
    assert_true(exists(f, "incoming", "LOCKED.GSM1.abc"));
    assert_true(exists(f, "incoming", "subdir"));
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static bool rejected_ge_1(struct fx *f) { return count_dir(f, "rejected", NULL) >= 1; }

static void test_symlink_not_followed(void **state)
{
    struct fx *f = *state;
    char target[512], link_path[1024];
    size_t len;

    start(f);
    /* A well-formed message outside the spool, linked into incoming/. */
    snprintf(target, sizeof target, "%s/elsewhere", f->dir);
    FILE *fp = fopen(target, "wb");
    assert_non_null(fp);
    fputs("From: 15555550123\n\nsecret", fp);
    fclose(fp);
    path_of(f, "incoming", "GSM1.link", link_path, sizeof link_path);
    assert_int_equal(symlink(target, link_path), 0);
    assert_true(run_until(f, rejected_ge_1, 5000));
    run_ms(f, 50);
    assert_int_equal(fh.in.calls, 0);
    assert_true(exists(f, "rejected", "GSM1.link"));
    /* The target is untouched. */
    assert_string_equal(slurp(target, &len), "From: 15555550123\n\nsecret");
}

static bool status_cannot_read(struct fx *f) { return strstr(f->p.status, "cannot read") != NULL; }

static void test_incoming_dir_recreated(void **state)
{
    struct fx *f = *state;
    char path[512];

    start(f);
    run_ms(f, 20);
    /* incoming/ disappears (an operator, a package upgrade)... */
    snprintf(path, sizeof path, "%s/incoming", f->spool);
    rm_rf(path);
    assert_true(run_until(f, status_cannot_read, 5000));
    /* Sending still works, so the provider stays usable (988 messages). */
    assert_true(f->p.healthy);
    /* ... and comes back with a message in it: found, and healthy again. */
    assert_int_equal(mkdir(path, 0750), 0);
    PUT(f, "incoming", "GSM1.back", real_example, true);
    assert_true(run_until(f, calls_ge_1, 10000));
    assert_true(run_until(f, incoming_empty, 2000));
    assert_string_equal(f->p.status, "ok");
    /* The watch follows the new directory: a fresh file is noticed. */
    PUT(f, "incoming", "GSM1.after", "From: 15555550124\n\n5", true);
    assert_true(run_until(f, calls_ge_2, 10000));
}

/* ---- smsd's results: sent/, failed/, status reports ------------------ */

static void start_with(struct fx *f, const char *extra)
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

static void test_send_ucs2_no_report(void **state)
{
    struct fx *f = *state;
    /* "Hi é€😀": ASCII, 2-, 3- and 4-byte UTF-8; the last a surrogate pair. */
    struct outmsg m = {.id = 5, .to = "+4915550001", .body = "Hi \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"};
    static const char want[] = "To: 4915550001\nAlphabet: UCS2\n\n"
                               "\x00H\x00i\x00 \x00\xe9\x20\xac\xd8\x3d\xde\x00";
    char path[1024];
    size_t len;

    start_with(f, "  alphabet = \"UCS2\";\n  report = false;\n");
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), 0);
    assert_int_equal(f->done_status, SEND_OK);
    path_of(f, "outgoing", f->done_id, path, sizeof path);
    const char *data = slurp(path, &len);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(data, want, len);
}

static void test_config_alphabet_report(void **state)
{
    struct fx *f = *state;
    struct cfg_errors errs;

    cfg_errors_init(&errs);
    assert_int_equal(create_from(f, "spool = { name = \"spool\"; kind = \"spool\"; dir = \"/x\";\n"
                                    "  alphabet = \"ISO\";\n  report = \"yes\"; };\n", &errs),
                     -1);
    assert_true(has_error(&errs, ":2:", "alphabet must be \"UTF-8\" or \"UCS2\""));
    assert_true(has_error(&errs, ":3:", "report must be true or false"));
    cfg_errors_free(&errs);
}

static bool dlr_ge_1(struct fx *f) { (void)f; return fh.dlr.calls >= 1; }
static bool dlr_ge_2(struct fx *f) { (void)f; return fh.dlr.calls >= 2; }

/* A sent file as smsd 3.1 leaves it: our headers, its own, Message_id
 * because Report: yes was asked for. */
static const char sent_file[] = "To: 15555550123\n"
                                "Alphabet: UTF-8\n"
                                "Report: yes\n"
                                "Modem: GSM1\n"
                                "Sent: 26-11-23 09:00:02\n"
                                "Message_id: 117\n"
                                "IMSI: 262019999999999\n"
                                "IMEI: 490154203237518\n"
                                "Sending_time: 3\n"
                                "\n"
                                "How are you today, 1-10?";

static void test_sent_then_status_report(void **state)
{
    struct fx *f = *state;
    static const char report[] = "From: 15555550123\n"
                                 "From_SMSC: 491722270333\n"
                                 "Sent: 26-11-23 09:00:02\n"
                                 "Received: 26-11-23 09:00:09\n"
                                 "Subject: GSM1\n"
                                 "Alphabet: ISO\n"
                                 "\n"
                                 "SMS STATUS REPORT\n"
                                 "Message_id: 117\n"
                                 "Discharge_timestamp: 26-11-23 09:00:08\n"
                                 "Status: 0,Ok,short message received by the SME";

    start(f);
    PUT(f, "sent", "gw-42-1790000000-1", sent_file, true);
    PUT(f, "sent", "someone-elses", sent_file, true); /* not ours: left alone */
    assert_true(run_until(f, dlr_ge_1, 5000));
    assert_string_equal(fh.dlr.id[0], "gw-42-1790000000-1");
    assert_int_equal(fh.dlr.state[0], DLR_SENT);
    assert_false(exists(f, "sent", "gw-42-1790000000-1"));
    assert_true(exists(f, "sent", "someone-elses"));
    assert_true(exists(f, "reports", "15555550123.117"));

    PUT(f, "incoming", "GSM1.aB3dE9", report, true);
    assert_true(run_until(f, dlr_ge_2, 5000));
    assert_string_equal(fh.dlr.id[1], "gw-42-1790000000-1");
    assert_int_equal(fh.dlr.state[1], DLR_DELIVERED);
    assert_string_equal(fh.dlr.error[1], "");
    assert_true(run_until(f, incoming_empty, 5000));
    assert_false(exists(f, "reports", "15555550123.117"));
    assert_int_equal(fh.in.calls, 0); /* a report is not a message from a person */
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static void test_failed_file(void **state)
{
    struct fx *f = *state;
    static const char failed_file[] = "To: 15555550123\n"
                                      "Alphabet: UTF-8\n"
                                      "Modem: GSM1\n"
                                      "Failed: 26-11-23 09:00:31\n"
                                      "Fail_reason: +CMS ERROR: 38 (Network out of order)\n"
                                      "\n"
                                      "Call or text 988";

    start(f);
    PUT(f, "failed", "gw-43-1790000000-2", failed_file, true);
    assert_true(run_until(f, dlr_ge_1, 5000));
    assert_string_equal(fh.dlr.id[0], "gw-43-1790000000-2");
    assert_int_equal(fh.dlr.state[0], DLR_FAILED);
    assert_string_equal(fh.dlr.error[0], "+CMS ERROR: 38 (Network out of order)");
    assert_int_equal(count_dir(f, "failed", NULL), 0);

    /* No Fail_reason and headers smsd could not have written: the name and
     * the directory still say what happened. keep_filename = no names it
     * by Original_filename. */
    PUT(f, "failed", "gw-44-1790000000-3", "To: 15555550123\nbroken line\n\nx", true);
    assert_true(run_until(f, dlr_ge_2, 5000));
    assert_string_equal(fh.dlr.id[1], "gw-44-1790000000-3");
    assert_int_equal(fh.dlr.state[1], DLR_FAILED);
    assert_string_equal(fh.dlr.error[1], "smsd moved it to failed/");
}

static void test_report_states(void **state)
{
    struct fx *f = *state;
    static const char still_trying[] = "From: 15555550123\n\nSMS STATUS REPORT\nMessage_id: 117\n"
                                       "Status: 32,Still trying,congestion";
    static const char error[] = "From: 15555550123\n\nSMS STATUS REPORT\nMessage_id: 117\n"
                                "Status: 70,Error,SM validity period expired";

    start(f);
    PUT(f, "sent", "gw-42-1790000000-1", sent_file, true);
    assert_true(run_until(f, dlr_ge_1, 5000));
    /* Still trying: nothing changes, the file goes, the index stays. */
    PUT(f, "incoming", "GSM1.r1", still_trying, true);
    assert_true(run_until(f, incoming_empty, 5000));
    assert_int_equal(fh.dlr.calls, 1);
    assert_true(exists(f, "reports", "15555550123.117"));
    /* A permanent error fails the message, with smsd's words for it. */
    PUT(f, "incoming", "GSM1.r2", error, true);
    assert_true(run_until(f, dlr_ge_2, 5000));
    assert_int_equal(fh.dlr.state[1], DLR_FAILED);
    assert_string_equal(fh.dlr.error[1], "70,Error,SM validity period expired");
}

static void test_result_store_failure_keeps_files(void **state)
{
    struct fx *f = *state;

    start(f);
    fh.dlr.fail_next = 1;
    PUT(f, "sent", "gw-42-1790000000-1", sent_file, true);
    PUT(f, "incoming", "GSM1.good", real_example, true);
    /* The store failed on the sent file: it stays, and the pass stops there
     * (the inbound message waits for the back-off too, nothing is lost). */
    run_ms(f, 300);
    assert_int_equal(fh.dlr.calls, 0);
    assert_true(exists(f, "sent", "gw-42-1790000000-1"));
    assert_true(run_until(f, dlr_ge_1, 5000));
    assert_true(run_until(f, calls_ge_1, 5000));
    assert_false(exists(f, "sent", "gw-42-1790000000-1"));
    assert_int_equal(fh.in.calls, 1);
}

static void test_unmatched_report(void **state)
{
    struct fx *f = *state;
    static const char report[] = "From: 15555550199\n\nSMS STATUS REPORT\nMessage_id: 9\n"
                                 "Status: 0,Ok,short message received by the SME";
    char path[1024];
    struct timespec ts[2];

    start(f);
    PUT(f, "incoming", "GSM1.young", report, true);
    PUT(f, "incoming", "GSM1.old", report, true);
    path_of(f, "incoming", "GSM1.old", path, sizeof path);
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec -= 3600;
    ts[1] = ts[0];
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    run_ms(f, 300);
    /* The young one waits for a sent/ file that may come; the old one, for
     * a message that is not ours, is dropped. Neither is a person's text. */
    assert_true(exists(f, "incoming", "GSM1.young"));
    assert_false(exists(f, "incoming", "GSM1.old"));
    assert_int_equal(fh.dlr.calls, 0);
    assert_int_equal(fh.in.calls, 0);
    assert_int_equal(count_dir(f, "rejected", NULL), 0);
}

static void test_stop_calls_stopped(void **state)
{
    struct fx *f = *state;
    struct outmsg m = {.id = 1, .to = "+15555550123", .body = "x"};

    start(f);
    run_ms(f, 20);
    spool_provider_ops.stop(&f->p, stopped_cb);
    assert_false(f->stopped); /* only after the close callbacks */
    assert_true(run_until(f, is_stopped, 2000));
    assert_false(f->p.healthy);
    /* After stop, send refuses without calling done. */
    assert_int_equal(spool_provider_ops.send(&f->p, &m, done_cb, f), -1);
    assert_int_equal(f->done_calls, 0);
    /* A file arriving now is not read. */
    PUT(f, "incoming", "GSM1.late", real_example, true);
    run_ms(f, 100);
    assert_int_equal(fh.in.calls, 0);
    assert_true(exists(f, "incoming", "GSM1.late"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config_missing_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_unknown_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_wrong_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_ok_no_io, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_creates_dirs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_fails_on_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_writes_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_bad_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_io_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_files_present_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_dropped_after_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closed_file_read_before_settle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_settle_ms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbound_failure_keeps_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_goes_to_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ignored_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_not_followed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incoming_dir_recreated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_send_ucs2_no_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_alphabet_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sent_then_status_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_result_store_failure_keeps_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unmatched_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_calls_stopped, setup, teardown),
    };
    log_set_level(LL_DEBUG);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
