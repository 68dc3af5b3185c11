/* SPDX-License-Identifier: Apache-2.0 */
/* bench_scheduler.c: the scheduler at the scale of a state-wide program.
 *
 * Builds a database of BENCH_CLIENTS (default 1,000,000) enrolled clients in
 * one transaction through store.h: 100,000 of them on schedule "bench" at
 * T1 (all due in the same second, no jitter), the rest on "rest" twelve
 * hours later. Then runs the real daemon ($BUILD/checkin-gateway) on it:
 *
 *   - start to ready: fork/exec until the "gateway.ready" log line, with the
 *     daemon's clock two hours before T1 (nothing due); BENCH_RUNS times,
 *     the median reported;
 *   - resident memory (VmHWM, VmRSS) and CPU used while idle for
 *     BENCH_IDLE_SECONDS (default 60) after the last start;
 *   - queueing 100,000 check-ins due in the same second, two ways:
 *     (a) the scheduler alone, in this process on a private loop with the
 *         daemon's code (no outbox): from the kick to the last batch
 *         committed, BENCH_RUNS times (median), each on a fresh copy of
 *         the generated database at T1, so exactly the 100,000 are due.
 *         The target. Also the longest single loop turn (one
 *         batch's transaction): how long an inbound reply or an urgent
 *         send can wait behind the scheduler;
 *     (b) once, the whole daemon, its clock 2 s before the due instant: from the
 *         due instant to the last "checkin.queued" log line, while the
 *         outbox sends the same messages (fake provider) on the same loop;
 *     (c) once, catching up after a day down: the clock a day after T1, so
 *         the 900,000 others' slot (T1 + 12 h, window over) is overdue too:
 *         100,000 queued and 900,000 recorded missed. (Until this was
 *         separated, (a) measured this by mistake: 13 s.) BENCH_CATCHUP=0
 *         leaves it out;
 *     (d) the scheduler alone again, the schedule "bench" asking a
 *         three-question flow (issue 19): 100,000 clients starting a flow
 *         at one time (a run recorded and the first question queued
 *         each), BENCH_RUNS times on the database as generated.
 *
 * Prints "figure<TAB>value<TAB>unit<TAB>command" rows (scripts/bench.sh).
 * Targets (issue 6): ready < 2 s, < 100 MB resident, near-zero idle CPU,
 * < 2 s for the 100,000. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "daemon/scheduler.h"
#include "store/store.h"

#define DUE_CLIENTS 100000

static char dir[] = "/tmp/bench_scheduler.XXXXXX";
static char db_path[256], pristine_path[256], conf_path[256], log_path[256];
static char gw_bin[1024];
static pid_t gw_pid = -1;
static bool bench_flow; /* (d): the schedule "bench" asks the flow "recovery" */

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long env_long(const char *name, long def)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : def;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_scheduler: %s\n", what);
    if (gw_pid > 0)
        kill(gw_pid, SIGKILL);
    exit(1);
}

/* ---- the database ---------------------------------------------------------- */

static void generate(long n, int64_t t1, int64_t t2, int64_t now)
{
    struct store *s = NULL;
    char err[512];
    if (store_open(&s, db_path, err, sizeof err) != STORE_OK)
        die(err);
    if (store_begin(s) != STORE_OK)
        die(store_errmsg(s));
    for (long i = 0; i < n; i++) {
        struct store_client c;
        memset(&c, 0, sizeof c);
        snprintf(c.alias, sizeof c.alias, "c%07ld", i);
        snprintf(c.phone, sizeof c.phone, "+1555%07d", (int)(i % 10000000));
        snprintf(c.tz, sizeof c.tz, "UTC");
        long stride = n / DUE_CLIENTS; /* the due ones are spread over the ids */
        bool due = i % stride == 0 && i / stride < DUE_CLIENTS;
        snprintf(c.schedule, sizeof c.schedule, "%s", due ? "bench" : "rest");
        c.lang = LANG_EN;
        c.state = CLIENT_ACTIVE;
        c.next_due_at = c.next_slot_at = due ? t1 : t2;
        c.created_at = now;
        if (store_client_insert(s, &c) != STORE_OK)
            die(store_errmsg(s));
    }
    if (store_commit(s) != STORE_OK)
        die(store_errmsg(s));
    store_close(s);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[1 << 16];
    size_t n;
    if (!in || !out)
        die("cannot copy the database");
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            die("cannot copy the database");
    if (ferror(in) || fclose(out) != 0)
        die("cannot copy the database");
    fclose(in);
}

/* The database as generated (store_close checkpointed its WAL away). */
static void restore_pristine(void)
{
    char p[300];
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
    copy_file(pristine_path, db_path);
}

/* Before the catch-up run: the previous run's check-ins are settled (as the
 * running daemon would have done at their window's end). */
static void settle(int64_t at)
{
    struct store *s = NULL;
    char err[512];
    if (store_open(&s, db_path, err, sizeof err) != STORE_OK)
        die(err);
    if (store_checkins_expire(s, at) < 0)
        die(store_errmsg(s));
    store_close(s);
}

static void write_conf(int64_t t1, int64_t t2)
{
    char a[8], b[8];
    time_t x = (time_t)t1, y = (time_t)t2;
    strftime(a, sizeof a, "%H:%M", gmtime(&x));
    strftime(b, sizeof b, "%H:%M", gmtime(&y));
    FILE *f = fopen(conf_path, "w");
    if (!f)
        die("cannot write the config");
    fprintf(f,
            "program = { name = \"Bench\"; contact = \"(555) 555-0100\"; timezone = \"UTC\"; };\n"
            "daemon = { database = \"%s\"; pid_file = \"%s/gw.pid\"; log_level = \"info\"; };\n"
            "http = { listen = \"127.0.0.1\"; port = 0; };\n"
            "providers = ( { name = \"fake\"; kind = \"fake\"; mode = \"ok\"; rate_per_second = 100; } );\n"
            "schedules = ( { name = \"bench\"; times = [ \"%s\" ]; window_minutes = 240;"
            " reminder_minutes = 60;%s },\n"
            "  { name = \"rest\"; times = [ \"%s\" ]; } );\n"
            "specialists = ( { id = \"jordan\"; name = \"Jordan\"; phone = \"+15555550100\"; } );\n"
            "templates = { en = {\n"
            "  checkin = \"{program}: How are you today, {scale_min}-{scale_max}?\";\n"
            "  retry = \"Please reply with a number from {scale_min} to {scale_max}.\";\n"
            "  crisis = \"{program}: a peer specialist will reach out. Call or text 988.\";\n"
            "  alert = \"#{escalation} {alias} {phone} {score}: {excerpt}\";\n"
            "  stop = \"No more check-ins. Reply START to resume. In crisis call or text 988.\";\n"
            "  start = \"Welcome back.\";\n"
            "  help = \"{program}: {contact}. In crisis call or text 988.\";\n"
            "}; };\n"
            "flows = ( { name = \"recovery\"; questions = (\n"
            "  { id = \"mood\"; type = \"scale\"; min = 1; max = 10; text = \"Mood, 1-10?\"; },\n"
            "  { id = \"cravings\"; type = \"scale\"; min = 0; max = 10; alert = \">= 8 high\";"
            " text = \"Cravings, 0-10?\"; },\n"
            "  { id = \"meeting\"; type = \"yesno\"; ask_if = \"mood >= 5\";"
            " text = \"Meeting? YES or NO\"; } ); } );\n",
            db_path, dir, a, bench_flow ? " flow = \"recovery\";" : "", b);
    if (fclose(f) != 0)
        die("cannot write the config");
}

/* ---- the daemon --------------------------------------------------------------- */

/* Counts lines of the log containing needle, from byte offset *pos on
 * (updated). The first such line ever is copied into first (when first is
 * still ""), the last one into last; both may be NULL. Lines are at most
 * 1 KiB (the log keeps message bodies out at info level). */
static long count_new(const char *needle, long *pos, char *first, char *last, size_t sz)
{
    FILE *f = fopen(log_path, "r");
    char line[1024];
    long n = 0;
    if (!f)
        return 0;
    fseek(f, *pos, SEEK_SET);
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (len == 0 || line[len - 1] != '\n')
            break; /* a line still being written: read it next time */
        *pos += (long)len;
        if (strstr(line, needle)) {
            n++;
            if (first && !first[0])
                snprintf(first, sz, "%s", line);
            if (last)
                snprintf(last, sz, "%s", line);
        }
    }
    fclose(f);
    return n;
}

static long log_size(void)
{
    struct stat st;
    return stat(log_path, &st) == 0 ? (long)st.st_size : 0;
}

/* Starts the daemon with its clock moved by offset; returns seconds until
 * its "gateway.ready" line. */
static double start_gw(int64_t offset)
{
    long pos = log_size();
    char off[32];
    snprintf(off, sizeof off, "%lld", (long long)offset);
    double t0 = mono();
    gw_pid = fork();
    if (gw_pid < 0)
        die("fork");
    if (gw_pid == 0) {
        FILE *l = freopen(log_path, "a", stderr);
        (void)l;
        setenv("CHECKIN_GATEWAY_TIME_OFFSET", off, 1);
        execl(gw_bin, gw_bin, "-c", conf_path, (char *)NULL);
        _exit(127);
    }
    while (count_new("event=gateway.ready", &pos, NULL, NULL, 0) == 0) {
        if (mono() - t0 > 60)
            die("the daemon did not become ready within 60 s (see its log)");
        int st;
        if (waitpid(gw_pid, &st, WNOHANG) == gw_pid)
            die("the daemon exited during start");
        usleep(2000);
    }
    return mono() - t0;
}

static void stop_gw(void)
{
    int st;
    kill(gw_pid, SIGTERM);
    waitpid(gw_pid, &st, 0);
    gw_pid = -1;
}

static long status_kb(const char *key)
{
    char path[64], line[256];
    long v = -1;
    snprintf(path, sizeof path, "/proc/%d/status", (int)gw_pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0)
            v = strtol(line + strlen(key) + 1, NULL, 10);
    fclose(f);
    return v;
}

/* utime + stime of the daemon, in seconds. */
static double cpu_seconds(void)
{
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)gw_pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    unsigned long ut = 0, stt = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &stt) != 2)
        return -1;
    return (double)(ut + stt) / (double)sysconf(_SC_CLK_TCK);
}

/* "2026-11-23T05:03:20.688Z level=..." -> unix seconds with milliseconds. */
static double log_time(const char *line)
{
    struct tm tm;
    int ms = 0;
    memset(&tm, 0, sizeof tm);
    if (sscanf(line, "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &ms) != 7)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (double)timegm(&tm) + ms / 1000.0;
}

/* (a): the scheduler of the daemon on a private loop, its clock at tk
 * (everything due at once). Returns the seconds from the kick until the
 * timer is armed for the next wake (the reminders, an hour later) instead
 * of the next batch. The longest loop turn goes to *longest_turn. */
static double queue_in_process(int64_t tk, double *longest_turn)
{
    struct cfg_errors errs;
    struct gw_config *cfg = NULL;
    struct store *s = NULL;
    struct scheduler *sch = NULL;
    uv_loop_t loop;
    char err[512];
    cfg_errors_init(&errs);
    if (gw_config_load(&cfg, conf_path, &errs) != 0)
        die("the bench config does not load");
    cfg_errors_free(&errs);
    if (store_open(&s, db_path, err, sizeof err) != STORE_OK)
        die(err);
    if (uv_loop_init(&loop) != 0)
        die("uv_loop_init");
    struct gw g;
    memset(&g, 0, sizeof g);
    g.loop = &loop;
    g.cfg = cfg;
    g.store = s;
    g.store_ok = true;
    g.time_offset = tk - (int64_t)time(NULL);
    if (scheduler_new(&sch, &g) != 0)
        die("scheduler_new");
    g.scheduler = sch;
    double t0 = mono(), longest = 0;
    scheduler_kick(sch);
    /* Until the timer is armed for the next thing (a reminder an hour
     * later), not for the next batch a millisecond ahead. */
    do {
        double turn = mono();
        uv_run(&loop, UV_RUN_NOWAIT);
        turn = mono() - turn;
        if (turn > longest)
            longest = turn;
    } while (uv_backend_timeout(&loop) >= 0 && uv_backend_timeout(&loop) < 1000 &&
             mono() - t0 < 120);
    double t = mono() - t0;
    if (longest_turn)
        *longest_turn = longest;
    scheduler_stop(sch, NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    scheduler_free(sch);
    uv_loop_close(&loop);
    store_close(s);
    gw_config_free(cfg);
    return t;
}

int main(void)
{
    long n = env_long("BENCH_CLIENTS", 1000000);
    long idle = env_long("BENCH_IDLE_SECONDS", 60);
    int runs = (int)env_long("BENCH_RUNS", 3);
    const char *build = getenv("BUILD");
    if (n < DUE_CLIENTS || n > 10000000 || runs < 1 || runs > 20 || idle < 0)
        die("BENCH_CLIENTS must be 100000-10000000, BENCH_RUNS 1-20, BENCH_IDLE_SECONDS >= 0");
    snprintf(gw_bin, sizeof gw_bin, "%s/checkin-gateway", build && *build ? build : "build");
    if (access(gw_bin, X_OK) != 0)
        die("no daemon binary: run make first (or set BUILD)");
    if (!mkdtemp(dir))
        die("mkdtemp");
    snprintf(db_path, sizeof db_path, "%s/db.sqlite", dir);
    snprintf(pristine_path, sizeof pristine_path, "%s/pristine.sqlite", dir);
    snprintf(conf_path, sizeof conf_path, "%s/checkin.conf", dir);
    snprintf(log_path, sizeof log_path, "%s/gw.log", dir);

    int64_t now = (int64_t)time(NULL);
    int64_t t1 = (now / 86400 + 2) * 86400 + 9 * 3600, t2 = t1 + 12 * 3600;
    write_conf(t1, t2);
    double g0 = mono();
    generate(n, t1, t2, now);
    fprintf(stderr, "generated %ld clients in %.1f s\n", n, mono() - g0);
    copy_file(db_path, pristine_path);

    /* Start to ready, nothing due. */
    double ready[20];
    for (int i = 0; i < runs; i++) {
        ready[i] = start_gw(t1 - 7200 - (int64_t)time(NULL));
        fprintf(stderr, "ready in %.3f s\n", ready[i]);
        if (i + 1 < runs)
            stop_gw();
    }
    /* Idle: one timer armed for T1, nothing else to do. */
    usleep(500000);
    double c0 = cpu_seconds(), w0 = mono();
    sleep((unsigned)idle);
    double idle_cpu = cpu_seconds() - c0, idle_wall = mono() - w0;
    long hwm_idle = status_kb("VmHWM:"), rss_idle = status_kb("VmRSS:");
    stop_gw();

    /* (b) the same through the whole daemon. */
    /* Once, first, on the fresh database: a later daemon run would first
     * have to work through the messages earlier runs left queued. */
    double queue[1], span[1];
    long hwm_max = hwm_idle;
    for (int k = 0; k < 1; k++) {
        int64_t tk = t1;
        long pos = log_size();
        int64_t offset = tk - 2 - (int64_t)time(NULL);
        start_gw(offset);
        double due_real = (double)(tk - offset), t0 = mono();
        char first[1024] = "", last[1024] = "";
        long got = 0;
        while (got < DUE_CLIENTS) {
            got += count_new("event=checkin.queued", &pos, first, last, sizeof last);
            if (mono() - t0 > 120)
                die("100,000 check-ins were not queued within 120 s");
            usleep(20000);
        }
        queue[k] = log_time(last) - due_real;
        span[k] = log_time(last) - log_time(first);
        long h = status_kb("VmHWM:");
        if (h > hwm_max)
            hwm_max = h;
        fprintf(stderr, "run %d: due -> last queued %.3f s (first -> last %.3f s)\n", k + 1,
                queue[k], span[k]);
        stop_gw();
    }

    /* (a) 100,000 due in the same second, the scheduler alone, each run on
     * the database as generated (only the 100,000 due at T1). */
    double alone[20], turn[20];
    for (int k = 0; k < runs; k++) {
        restore_pristine();
        alone[k] = queue_in_process(t1, &turn[k]);
        fprintf(stderr, "in process, run %d: %.3f s (longest loop turn %.3f s)\n", k + 1,
                alone[k], turn[k]);
    }
    /* (c) a day later on the last run's database: everyone is overdue. */
    double catchup_turn = 0, catchup = 0;
    if (env_long("BENCH_CATCHUP", 1)) {
        settle(t1 + 86400 - 60);
        catchup = queue_in_process(t1 + 86400, &catchup_turn);
    }
    fprintf(stderr, "catch-up after a day down: %.3f s (longest loop turn %.3f s)\n", catchup,
            catchup_turn);
    /* (d) the same 100,000 each starting a flow. */
    double flows[20], flow_turn[20];
    bench_flow = true;
    write_conf(t1, t2);
    for (int k = 0; k < runs; k++) {
        restore_pristine();
        flows[k] = queue_in_process(t1, &flow_turn[k]);
        fprintf(stderr, "flows in process, run %d: %.3f s (longest loop turn %.3f s)\n", k + 1,
                flows[k], flow_turn[k]);
    }
    const char *cmd = "BENCH=bench_scheduler make bench";
    printf("scheduler: enrolled clients\t%ld\tclients\t%s\n", n, cmd);
    printf("scheduler: start to ready (median of %d)\t%.3f\ts\t%s\n", runs, median(ready, runs),
           cmd);
    printf("scheduler: resident memory idle (VmHWM)\t%.1f\tMB\t%s\n", hwm_idle / 1024.0, cmd);
    printf("scheduler: resident memory idle (VmRSS)\t%.1f\tMB\t%s\n", rss_idle / 1024.0, cmd);
    printf("scheduler: resident memory peak while queueing (VmHWM)\t%.1f\tMB\t%s\n",
           hwm_max / 1024.0, cmd);
    printf("scheduler: CPU while idle for %ld s\t%.3f\ts (%.3f%%)\t%s\n", idle, idle_cpu,
           idle_wall > 0 ? 100.0 * idle_cpu / idle_wall : 0, cmd);
    printf("scheduler: queue 100,000 due together, scheduler alone (median of %d)\t%.3f\ts\t%s\n",
           runs, median(alone, runs), cmd);
    printf("scheduler: longest loop turn while queueing them (median of %d)\t%.3f\ts\t%s\n", runs,
           median(turn, runs), cmd);
    printf("scheduler: catch-up a day late: 100,000 queued + %ld missed, scheduler alone"
           " (one run)\t%.3f\ts\t%s\n", n - DUE_CLIENTS, catchup, cmd);
    printf("scheduler: queue 100,000 in the daemon while the outbox sends, due -> last queued"
           " (one run)\t%.3f\ts\t%s\n", queue[0], cmd);
    printf("scheduler: same, first -> last queued (one run)\t%.3f\ts\t%s\n", span[0], cmd);
    printf("flows: 100,000 clients start a flow at one time, scheduler alone (median of %d)"
           "\t%.3f\ts\t%s\n", runs, median(flows, runs), cmd);
    printf("flows: longest loop turn while starting them (median of %d)\t%.3f\ts\t%s\n", runs,
           median(flow_turn, runs), cmd);

    char rm[512];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    if (system(rm) != 0)
        fprintf(stderr, "bench_scheduler: could not remove %s\n", dir);
    return 0;
}
