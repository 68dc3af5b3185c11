/* SPDX-License-Identifier: Apache-2.0 */
/* gw.c: starting, reloading and stopping the gateway, and /healthz.
 *
 * Start order: store, specialists, listener, providers, outbox, scheduler,
 * signals. Stop order: intake first (listener, providers, scheduler), then
 * the outbox drains what is in flight for at most STOP_GRACE_MS, then the
 * signal handles close and uv_run returns. Nothing calls exit(). */
#include "daemon/gw.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "base/crypt.h"
#include "base/fsutil.h"
#include "net/http_server.h"
#include "base/log.h"
#include "daemon/escalator.h"
#include "daemon/outbox.h"
#include "daemon/privs.h"
#include "provider.h"
#include "core/reask.h"
#include "core/retention.h"
#include "daemon/scheduler.h"
#include "model/senderlimit.h"

#define STOP_GRACE_MS 4000
/* Senders whose inbound rate is remembered (about 50 bytes each). */
#define SENDERS_TRACKED 8192

int64_t gw_now(const struct gw *gw) { return (int64_t)time(NULL) + gw->time_offset; }

int64_t gw_now_ms(const struct gw *gw)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((int64_t)ts.tv_sec + gw->time_offset) * 1000 + ts.tv_nsec / 1000000;
}

/* struct core_io for gateway/core/: this gateway's clocks and metrics. */
static int64_t core_now_cb(void *ctx) { return gw_now(ctx); }
static int64_t core_now_ms_cb(void *ctx) { return gw_now_ms(ctx); }
static int64_t core_mono_ms_cb(void *ctx) { return (int64_t)uv_now(((struct gw *)ctx)->loop); }
static void core_answer_suppressed_cb(void *ctx)
{
    ((struct gw *)ctx)->metrics.answers_suppressed++;
}

static const struct core_io gw_core_io = {
    .now = core_now_cb,
    .now_ms = core_now_ms_cb,
    .mono_ms = core_mono_ms_cb,
    .answer_suppressed = core_answer_suppressed_cb,
};

void gw_core_bind(struct gw *gw)
{
    gw->core = (struct core){.cfg = gw->cfg, .store = gw->store, .senders = gw->senders,
                             .io = &gw_core_io, .io_ctx = gw};
}

struct provider *gw_provider(struct gw *gw, const char *name)
{
    for (size_t i = 0; i < gw->nproviders; i++)
        if (gw->providers[i] && strcmp(gw->providers[i]->name, name) == 0)
            return gw->providers[i];
    return NULL;
}

void gw_wake(struct gw *gw)
{
    scheduler_kick(gw->scheduler);
    escalator_kick(gw->escalator);
    outbox_kick(gw->outbox);
}

#define STORE_PROBE_MS 1000
/* The retention timer between runs once no backlog is left. */
#define RETENTION_DAY_MS (24ull * 3600 * 1000)

static void store_probe_cb(uv_timer_t *t);

void gw_store_result(struct gw *gw, int rc)
{
    /* A success says nothing about locks (a read, or a write that found
     * nothing to change, may pass while writers are locked out): only the
     * write probe ends a run of lock time-outs. */
    if (rc >= 0 || rc == STORE_EXISTS || rc == STORE_NOTFOUND)
        return;
    const char *why = rc == STORE_FULL ? "disk or database full"
                      : rc == STORE_READONLY ? "read-only"
                      : rc == STORE_BUSY ? "locked by another process" : "write failed";
    if (!uv_is_active((uv_handle_t *)&gw->store_probe) && !gw->stopping)
        uv_timer_start(&gw->store_probe, store_probe_cb, STORE_PROBE_MS, STORE_PROBE_MS);
    if (rc == STORE_BUSY && gw->store_ok) {
        /* A lock held by checkinctl for a moment is not an outage: the
         * write that met it is refused (and retried by whoever asked), but
         * the store counts as unwritable only when locks persist. */
        uint64_t now = uv_now(gw->loop);
        if (gw->busy_since_ms == 0)
            gw->busy_since_ms = now ? now : 1;
        if (now - gw->busy_since_ms < GW_STORE_BUSY_DEGRADED_MS) {
            log_warn("store.busy", "database=%s error=\"%s\"", gw->cfg->database,
                     store_errmsg(gw->store));
            return;
        }
    }
    snprintf(gw->store_status, sizeof gw->store_status, "%s: %s", why, store_errmsg(gw->store));
    if (gw->store_ok)
        log_error("store.unwritable", "database=%s reason=\"%s\" effect=\"inbound refused with"
                  " a retryable answer until a write succeeds\"", gw->cfg->database,
                  gw->store_status);
    gw->store_ok = false;
}

/* While the store is unwritable (or locks come back), one small write a
 * second tells when it takes writes again: then everything is woken. */
static int store_ready(struct gw *gw);

static void store_probe_cb(uv_timer_t *t)
{
    struct gw *gw = t->data;
    if (store_readonly(gw->store)) {
        char err[512];
        if (store_reopen(gw->store, gw->cfg->database, err, sizeof err) != STORE_OK)
            return; /* still read-only; the status says so since the start */
        log_info("store.reopened", "database=%s mode=read-write", gw->cfg->database);
        gw->store_unready = true;
    }
    if (gw->store_unready) {
        int rc = store_ready(gw);
        if (rc != STORE_OK) {
            gw_store_result(gw, rc);
            return;
        }
        gw->store_unready = false;
        log_info("store.ready", "database=%s", gw->cfg->database);
    }
    int rc = store_probe_write(gw->store, gw_now(gw));
    if (rc != STORE_OK) {
        gw_store_result(gw, rc);
        return;
    }
    uv_timer_stop(t);
    gw->busy_since_ms = 0;
    if (!gw->store_ok) {
        gw->store_ok = true;
        snprintf(gw->store_status, sizeof gw->store_status, "ok");
        log_info("store.recovered", "database=%s", gw->cfg->database);
    }
    gw_wake(gw);
}

/* ---- /healthz ------------------------------------------------------------ */

/* 200 when the loop answers (it does, or we would not be here), the store is
 * writable and a provider of the urgent route is usable; else 503. The JSON
 * body's status is "ok" only when nothing at all is wrong, else "degraded",
 * and "problems" lists what is (a provider down while another carries its
 * traffic is 200 and degraded; so is a usable provider that says it is
 * degraded, e.g. a modem whose SIM is full). A 503 always comes with a
 * problem, so the code and the body never disagree. A half-open circuit
 * (back-off over, the next message tries it at once) is usable. */
static json_t *health(struct gw *gw, bool *okp)
{
    int64_t queued = 0, sending = 0, failed = 0;
    bool readable = store_ping(gw->store) == STORE_OK &&
                    store_outbox_counts(gw->store, &queued, &sending, &failed) == STORE_OK;
    bool store_ok = gw->store_ok && readable;
    int urgent_usable = 0;
    json_t *root = json_object(), *provs = json_array(), *problems = json_array();
    if (!store_ok)
        json_array_append_new(problems, json_sprintf("store: %s", gw->store_ok
                                                     ? "cannot be read" : gw->store_status));
    for (size_t i = 0; i < gw->nproviders; i++) {
        struct provider *p = gw->providers[i];
        struct outbox_provider_info oi = {.up = true};
        struct provider_backlog bl;
        /* First: a stuck backlog marks the provider degraded. */
        bool has_backlog = p->running && provider_backlog(p, &bl) == 0;
        outbox_provider_info(gw->outbox, i, &oi);
        bool up = p->running && p->healthy && oi.up;
        /* half-open: its back-off is over and the next message tries it; no
         * problem as long as the provider itself says it is fine. */
        bool half_open = !oi.up && !oi.probing && oi.retry_in_ms == 0;
        bool usable = up || (half_open && p->running && p->healthy);
        for (int j = 0; usable && j < gw->cfg->route_urgent.n; j++)
            urgent_usable += strcmp(gw->cfg->route_urgent.names[j], p->name) == 0;
        const char *circuit = oi.up ? "up" : oi.probing ? "probing"
                              : half_open ? "half-open" : "down";
        json_t *o = json_pack("{s:s, s:s, s:b, s:s, s:s}", "name", p->name, "kind",
                              p->ops->kind, "healthy", up, "status", p->status, "circuit",
                              circuit);
        if (!oi.up) {
            json_object_set_new(o, "failures", json_integer(oi.failures));
            json_object_set_new(o, "next_probe_ms", json_integer(oi.retry_in_ms));
            json_object_set_new(o, "last_error", json_string(oi.last_error));
        }
        if (oi.rate_per_second > 0)
            json_object_set_new(o, "rate_per_second", json_real(oi.rate_per_second));
        if (has_backlog)
            json_object_set_new(o, "backlog", json_pack("{s:I, s:I, s:i, s:i}", "files",
                                (json_int_t)bl.files, "urgent_files", (json_int_t)bl.urgent_files,
                                "oldest_seconds", (int)bl.oldest_s, "oldest_urgent_seconds",
                                (int)bl.oldest_urgent_s));
        json_array_append_new(provs, o);
        if (!usable)
            json_array_append_new(problems, json_sprintf(
                "provider %s: %s", p->name, !p->running || !p->healthy ? p->status
                                             : oi.last_error[0] ? oi.last_error : "down"));
        else if (up && p->degraded)
            json_array_append_new(problems, json_sprintf("provider %s: %s", p->name, p->status));
    }
    if (urgent_usable == 0)
        json_array_append_new(problems, json_string("no usable provider for urgent messages"));
    if (gw->stopping)
        json_array_append_new(problems, json_string("stopping"));
    /* 503 when the gateway cannot keep its promises (store, urgent route);
     * a provider down with another carrying its traffic is 200, degraded. */
    bool ok = store_ok && urgent_usable > 0 && !gw->stopping;
    json_object_set_new(root, "status",
                        json_string(json_array_size(problems) == 0 ? "ok" : "degraded"));
    json_object_set_new(root, "store", json_string(store_ok ? "ok" : gw->store_status));
    json_object_set_new(root, "providers", provs);
    json_object_set_new(root, "problems", problems);
    json_object_set_new(root, "outbox", json_pack("{s:I, s:I, s:I, s:i}", "queued",
                                                  (json_int_t)queued, "sending",
                                                  (json_int_t)sending, "failed",
                                                  (json_int_t)failed, "inflight",
                                                  outbox_inflight(gw->outbox)));
    if (gw->stopping)
        json_object_set_new(root, "stopping", json_true());
    *okp = ok;
    return root;
}

void gw_health_summary(struct gw *gw, char *out, size_t outsz)
{
    bool ok;
    json_t *root = health(gw, &ok), *problems = json_object_get(root, "problems"), *v;
    size_t i, n = (size_t)snprintf(out, outsz, "%s", !ok ? "unhealthy" : json_array_size(problems)
                                                                           ? "degraded" : "ok");
    json_array_foreach(problems, i, v) {
        if (n >= outsz)
            break;
        n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? "; " : ": ", json_string_value(v));
    }
    json_decref(root);
}

static void healthz(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct gw *gw = ctx;
    (void)req;
    bool ok;
    json_t *root = health(gw, &ok);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    resp->status = ok ? 200 : 503;
    snprintf(resp->content_type, sizeof resp->content_type, "application/json");
    resp->body = text;
    resp->body_len = text ? strlen(text) : 0;
}

/* One gateway per database: an exclusive flock on "<database>.lock", taken
 * before anything reads or writes the store. A second instance would
 * requeue the first one's in-flight messages (a duplicate SMS), then fail to
 * bind and remove its pid file. The lock goes with the process (a SIGKILL
 * frees it), and the file holds the owner's pid for the message. Returns 0
 * with gw->lock_fd held, GW_ALREADY_RUNNING, or -1; err filled on failure. */
static int lock_database(struct gw *gw, const char *database, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.lock", database);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    bool writable = fd >= 0;
    if (fd < 0 && (errno == EROFS || errno == EACCES))
        fd = open(path, O_RDONLY | O_CLOEXEC); /* a read-only start: flock needs no write */
    if (fd < 0) {
        snprintf(err, errlen, "cannot open the lock file %s: %s", path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char owner[32] = "";
        ssize_t n = pread(fd, owner, sizeof owner - 1, 0);
        owner[n > 0 ? n : 0] = '\0';
        owner[strcspn(owner, "\n")] = '\0';
        close(fd);
        if (e != EWOULDBLOCK) {
            snprintf(err, errlen, "cannot lock %s: %s", path, strerror(e));
            return -1;
        }
        snprintf(err, errlen, "another checkin-gateway%s%s%s is running on %s (it holds %s);"
                 " this one did not start and changed nothing", owner[0] ? " (pid " : "", owner,
                 owner[0] ? ")" : "", database, path);
        return GW_ALREADY_RUNNING;
    }
    if (writable) {
        char pid[32];
        int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len)
            log_warn("gateway.lock_file", "file=%s error=\"%s\" effect=\"a second instance"
                     " cannot name this one's pid\"", path, strerror(errno));
    }
    gw->lock_fd = fd;
    return 0;
}

/* The directories of the database and the pid file (a fresh checkout's
 * var/, or /var/lib/checkin-gateway and /run/checkin-gateway outside
 * systemd), then, when started as root with daemon.user set, the switch to
 * that user: before the database, the lock, the pid file, the listener and
 * the providers are opened, so every file the gateway makes is the user's.
 * As root it only read the config (and its secret files) and made these
 * directories, given to the user. Root without daemon.user runs as root,
 * with one warning (the demo and the tests may). Returns 0 or -1 with err
 * filled (an unknown user, a failed switch). */
static int run_as_user(const struct gw_config *cfg, char *err, size_t errlen)
{
    struct privs_user u = {0};
    bool root = geteuid() == 0;
    if (cfg->user && root && privs_user(cfg->user, &u, err, errlen) != 0)
        return -1;
    privs_make_parent_dir(cfg->database, &u);
    privs_make_parent_dir(cfg->pid_file, &u);
    if (root && !cfg->user) {
        log_warn("gateway.running_as_root", "effect=\"every file it makes is root's\""
                 " fix=\"set daemon.user (the installed config names checkin-gateway)\"");
        return 0;
    }
    if (!root) {
        struct privs_user me;
        char why[256];
        if (cfg->user && (privs_user(cfg->user, &me, why, sizeof why) != 0 || me.uid != geteuid()))
            log_warn("gateway.user_ignored", "user=%s uid=%ld reason=\"not started as root\"",
                     cfg->user, (long)geteuid());
        return 0;
    }
    if (privs_drop(&u, err, errlen) != 0)
        return -1;
    log_info("gateway.user", "user=%s uid=%ld gid=%ld", u.name, (long)u.uid, (long)u.gid);
    return 0;
}

/* ---- config ------------------------------------------------------------------ */

/* The keys of cfg handed to the store. Returns 0 and *out (NULL when
 * encryption is off), or -1 with err filled: a bad key, or the database
 * holds values sealed with a key cfg does not have. The store keeps using
 * its old keys on failure. */
static int use_keys(struct gw *gw, const struct gw_config *cfg, struct crypt **out, char *err,
                    size_t errlen)
{
    struct crypt *c = NULL;
    *out = NULL;
    if ((cfg->encryption_key || cfg->encryption_previous_key) &&
        crypt_new(&c, cfg->encryption_key, cfg->encryption_previous_key, err, errlen) != 0)
        return -1;
    if (store_set_crypt(gw->store, c) != STORE_OK) {
        snprintf(err, errlen, "encryption: %s", store_errmsg(gw->store));
        store_set_crypt(gw->store, gw->crypt);
        crypt_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

/* A config file that any local user can read must not hold secrets: say
 * which, and how to fix it. (Not fatal: the operator may be mid-migration,
 * and refusing to start would stop the alerts too.) */
static void warn_readable_secrets(const struct gw_config *cfg, const char *path)
{
    struct stat st;
    char names[512];
    if (stat(path, &st) != 0 || !(st.st_mode & S_IROTH))
        return;
    size_t n = gw_config_inline_secrets(cfg, names, sizeof names);
    if (n > 0)
        log_warn("config.secrets_readable", "file=%s mode=%04o secrets=%zu settings=\"%s\""
                 " fix=\"chmod 640 the file, or use env:NAME or file:/path for these\"", path,
                 (unsigned)(st.st_mode & 07777), n, names);
}

/* Keeps the specialists table in step with the config (for history). */
static int sync_specialists(struct gw *gw)
{
    int64_t now = gw_now(gw);
    for (size_t i = 0; i < gw->cfg->nspecialists; i++) {
        const struct gw_specialist *s = &gw->cfg->specialists[i];
        int rc = store_specialist_upsert(gw->store, s->id, s->name, s->phone, now, NULL);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* The first writes of a writable store, at start or once a read-only file
 * system became writable: the specialists, and messages left "sending" by
 * a crash back to the queue. Returns STORE_OK or a STORE_* code. */
static int store_ready(struct gw *gw)
{
    /* Again after a read-only start: the current key is recorded now. */
    int rc = store_set_crypt(gw->store, gw->crypt);
    if (rc != STORE_OK)
        return rc;
    rc = sync_specialists(gw);
    if (rc != STORE_OK)
        return rc;
    rc = store_outbox_recover(gw->store, gw_now(gw));
    if (rc < 0)
        return rc;
    if (rc > 0)
        log_warn("outbox.recovered", "count=%d reason=\"left sending by a crash or a stop that"
                 " timed out; sent again (at-least-once)\"", rc);
    /* From here on the loop waits with every statement: a lock held by
     * checkinctl must not freeze it (start-up may wait longer). */
    store_set_busy_timeout(gw->store, GW_STORE_BUSY_MS);
    return STORE_OK;
}

/* The log's level and format from the config. */
static void gw_log_settings(const struct gw_config *c)
{
    enum log_format f = LF_TEXT;
    log_format_parse(c->log_format, &f); /* validated by the config */
    log_set_level(c->log_level);
    log_set_format(f);
}

/* Says which operator vocabulary the parser uses now, if any. */
static void log_vocabulary(const struct gw_config *c)
{
    if (c->vocab != NULL)
        log_info("replies.vocabulary", "file=%s crisis=%zu relapse=%zu substance=%zu",
                 c->vocabulary_file, reply_vocab_count(c->vocab, REPLY_VOCAB_CRISIS),
                 reply_vocab_count(c->vocab, REPLY_VOCAB_RELAPSE),
                 reply_vocab_count(c->vocab, REPLY_VOCAB_SUBSTANCE));
}

/* SIGHUP: load the file again; a config that does not validate is refused
 * and the running one stays. Provider instances keep running as they are
 * (a changed provider section needs a restart, and the log says so). */
static void reload(struct gw *gw)
{
    /* What arrived before the reload is read under the config it met. */
    gw_inbound_flush(gw);
    struct gw_config *next = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    if (gw_config_load(&next, gw->config_path, &errs) != 0 || providers_check(next, &errs) != 0) {
        for (size_t i = 0; i < errs.n; i++) {
            char msg[512];
            log_error("config.invalid", "error=\"%s\"",
                      log_value_safe(errs.msg[i], msg, sizeof msg));
        }
        log_error("config.reload_refused", "file=%s errors=%zu keeping=current", gw->config_path,
                  errs.n);
        gw->reload_ok = false;
        gw->reload_at = gw_now(gw);
        cfg_errors_free(&errs);
        gw_config_free(next);
        return;
    }
    cfg_errors_free(&errs);
    /* New keys (a rotation) first: a config whose keys cannot read the
     * database is refused like an invalid one. */
    struct crypt *keys = NULL;
    char why[512];
    if (use_keys(gw, next, &keys, why, sizeof why) != 0) {
        log_error("config.reload_refused", "file=%s reason=\"%s\" keeping=current",
                  gw->config_path, why);
        gw->reload_ok = false;
        gw->reload_at = gw_now(gw);
        gw_config_free(next);
        return;
    }
    crypt_free(gw->crypt);
    gw->crypt = keys;
    bool providers_changed = next->nproviders != gw->nproviders;
    for (size_t i = 0; !providers_changed && i < next->nproviders; i++)
        providers_changed = strcmp(next->providers[i].name, gw->cfg->providers[i].name) != 0 ||
                            strcmp(next->providers[i].kind, gw->cfg->providers[i].kind) != 0;
    struct gw_config *old = gw->cfg;
    gw->cfg = next;
    gw->core.cfg = next;
    scheduler_reconfigure(gw->scheduler, old, next);
    gw_config_free(old);
    gw_log_settings(next);
    gw_store_result(gw, sync_specialists(gw));
    if (providers_changed)
        log_warn("config.providers_changed", "reason=\"provider instances change on restart\"");
    log_info("config.reloaded", "file=%s", gw->config_path);
    gw->reload_ok = true;
    gw->reload_at = gw_now(gw);
    log_vocabulary(next);
    gw_wake(gw);
}

/* ---- signals and stop ------------------------------------------------------ */

static void signal_cb(uv_signal_t *h, int signum)
{
    struct gw *gw = h->data;
    switch (signum) {
    case SIGHUP: reload(gw); break;
    case SIGUSR1:
        log_info("gateway.wake", "reason=\"SIGUSR1 (checkinctl)\"");
        gw_wake(gw);
        break;
    default:
        log_info("gateway.stopping", "signal=%s", signum == SIGINT ? "SIGINT" : "SIGTERM");
        gw_stop(gw);
    }
}

static void handle_closed_cb(uv_handle_t *h)
{
    struct gw *gw = h->data;
    gw->pending_closes--;
}

static void close_handle(struct gw *gw, uv_handle_t *h)
{
    if (h->loop && !uv_is_closing(h)) {
        h->data = gw;
        gw->pending_closes++;
        uv_close(h, handle_closed_cb);
    }
}

/* Everything drained (or the grace time ran out): close the rest. */
static void stop_finish(struct gw *gw)
{
    uv_timer_stop(&gw->stop_timer);
    close_handle(gw, (uv_handle_t *)&gw->stop_timer);
    close_handle(gw, (uv_handle_t *)&gw->store_probe);
    close_handle(gw, (uv_handle_t *)&gw->retention_timer);
    close_handle(gw, (uv_handle_t *)&gw->reask_timer);
    close_handle(gw, (uv_handle_t *)&gw->notify_timer);
    close_handle(gw, (uv_handle_t *)&gw->inbound_check);
    close_handle(gw, (uv_handle_t *)&gw->inbound_idle);
    close_handle(gw, (uv_handle_t *)&gw->sig_term);
    close_handle(gw, (uv_handle_t *)&gw->sig_int);
    close_handle(gw, (uv_handle_t *)&gw->sig_hup);
    close_handle(gw, (uv_handle_t *)&gw->sig_usr1);
}

static void provider_stopped(struct provider *p) { (void)p; }

/* After the outbox drained: now the providers can close (a provider stopped
 * earlier would abort the sends we waited for). */
static void stop_providers(struct gw *gw)
{
    if (gw->providers_stopping)
        return;
    gw->providers_stopping = true;
    for (size_t i = 0; i < gw->nproviders; i++)
        if (gw->providers[i]->running)
            provider_stop(gw->providers[i], provider_stopped);
}

static void outbox_stopped(struct gw *gw)
{
    log_info("gateway.outbox_drained", "inflight=0");
    stop_providers(gw);
    stop_finish(gw);
}

static void stop_timeout_cb(uv_timer_t *t)
{
    struct gw *gw = t->data;
    log_warn("gateway.stop_timeout", "inflight=%d reason=\"still sending after %d ms; those"
             " messages are sent again after the restart\"",
             outbox_inflight(gw->outbox), STOP_GRACE_MS);
    /* Whatever is still in flight stays "sending" in the store and is
     * requeued on the next start (at-least-once). */
    stop_providers(gw);
    stop_finish(gw);
}

/* The retention timer's body (core/retention.h): one batch; returns the
 * delay in ms until the next run (1 while a backlog remains, a day after
 * that, a minute after a store error). */
static uint64_t retention_tick(struct gw *gw)
{
    int days = gw->cfg->retention_days;
    if (days <= 0)
        return RETENTION_DAY_MS;
    int n = retention_batch(gw->store, days, gw_now(gw), "gateway");
    gw_store_result(gw, n < 0 ? n : STORE_OK);
    if (n < 0) {
        log_error("retention.failed", "error=\"%s\"", store_errmsg(gw->store));
        return 60 * 1000;
    }
    if (n > 0)
        log_info("retention.bodies_removed", "count=%d older_than_days=%d", n, days);
    /* A backlog continues after 1 ms, not 0: libuv 1.44 runs a timer
     * re-armed with 0 again in the same pass, before any I/O. */
    return n == RETENTION_BATCH ? 1 : RETENTION_DAY_MS;
}

static void retention_cb(uv_timer_t *t)
{
    struct gw *gw = t->data;
    if (!gw->stopping)
        uv_timer_start(t, retention_cb, retention_tick(gw), 0);
}

/* The re-ask timer's body: one batch; returns the delay in ms until the
 * next run. */
static uint64_t reask_tick(struct gw *gw)
{
    int more = 0, quiet = 0;
    if (gw->cfg->reask_after_hours <= 0)
        return REASK_POLL_MS;
    int n = reask_batch(gw->store, gw->cfg, gw_now(gw), &more, &quiet);
    gw_store_result(gw, n < 0 ? n : STORE_OK);
    if (n < 0) {
        log_error("consent.reask_failed", "error=\"%s\"", store_errmsg(gw->store));
        return 60 * 1000;
    }
    log_debug("consent.reask_run", "queued=%d quiet_hours=%d", n, quiet);
    if (n > 0) {
        log_info("consent.reasked", "count=%d after_hours=%d", n, gw->cfg->reask_after_hours);
        if (gw->outbox)
            outbox_kick(gw->outbox);
    }
    /* More due: the next batch a second later, but only after progress (a
     * batch all inside quiet hours waits for the next poll). */
    return more && n > 0 ? 1000 : REASK_POLL_MS;
}

static void reask_cb(uv_timer_t *t)
{
    struct gw *gw = t->data;
    if (!gw->stopping)
        uv_timer_start(t, reask_cb, reask_tick(gw), 0);
}

static void scheduler_stopped(struct gw *gw) { (void)gw; }
static void escalator_stopped(struct gw *gw) { (void)gw; }
static void http_closed(void *arg) { (void)arg; }

void gw_stop(struct gw *gw)
{
    if (gw->stopping)
        return;
    /* What was received before the stop is recorded and answered first. */
    gw_inbound_flush(gw);
    gw->stopping = true;
    gw_notify_stopping(gw);
    if (gw->http)
        http_server_close(gw->http, http_closed, gw);
    gw->http = NULL;
    /* Inbound through providers is refused from now (gw_inbound checks
     * gw->stopping) and stays with the peer; the providers themselves stop
     * once the outbox has drained. */
    if (gw->scheduler)
        scheduler_stop(gw->scheduler, scheduler_stopped);
    uv_timer_stop(&gw->store_probe);
    if (gw->escalator)
        escalator_stop(gw->escalator, escalator_stopped);
    uv_timer_stop(&gw->retention_timer);
    uv_timer_stop(&gw->reask_timer);
    uv_timer_start(&gw->stop_timer, stop_timeout_cb, STOP_GRACE_MS, 0);
    if (gw->outbox) {
        log_info("gateway.draining", "inflight=%d grace_ms=%d", outbox_inflight(gw->outbox),
                 STOP_GRACE_MS);
        outbox_stop(gw->outbox, outbox_stopped);
    } else {
        stop_providers(gw);
        stop_finish(gw);
    }
}

/* ---- start ---------------------------------------------------------------------- */

/* The store cannot be written at start (why: a read-only file system, a
 * lock): start anyway, degraded. Inbound is refused (it stays with the
 * peer), nothing is claimed, /healthz is 503 and says why, and the write
 * probe finishes the start-up writes (store_ready) once it can. */
static void start_unwritable(struct gw *gw, const char *why)
{
    gw->store_ok = false;
    snprintf(gw->store_status, sizeof gw->store_status, "%s", why);
    log_error("store.unwritable", "database=%s reason=\"%s\" effect=\"started without"
              " writing: inbound refused with a retryable answer, nothing sent, until the"
              " file can be written\"", gw->cfg->database, gw->store_status);
    uv_timer_start(&gw->store_probe, store_probe_cb, STORE_PROBE_MS, STORE_PROBE_MS);
}

static int start_signal(struct gw *gw, uv_signal_t *h, int signum)
{
    if (uv_signal_init(gw->loop, h) != 0)
        return -1;
    h->data = gw;
    return uv_signal_start(h, signal_cb, signum);
}

int gw_start(struct gw *gw, uv_loop_t *loop, const char *config_path, struct gw_config *cfg,
             char *err, size_t errlen)
{
    struct cfg_errors errs;
    int rc;
    memset(gw, 0, sizeof *gw);
    gw->lock_fd = -1;
    gw->loop = loop;
    gw->cfg = cfg;
    gw->core = (struct core){.cfg = cfg, .io = &gw_core_io, .io_ctx = gw};
    gw->store_ok = true;
    /* First, so gw_stop() can always run, even after a failed start. */
    if (uv_timer_init(loop, &gw->stop_timer) != 0) {
        snprintf(err, errlen, "cannot create a timer");
        return -1;
    }
    gw->stop_timer.data = gw;
    if (uv_timer_init(loop, &gw->store_probe) != 0) {
        snprintf(err, errlen, "cannot create a timer");
        return -1;
    }
    gw->store_probe.data = gw;
    if (uv_timer_init(loop, &gw->retention_timer) != 0) {
        snprintf(err, errlen, "cannot create a timer");
        return -1;
    }
    gw->retention_timer.data = gw;
    if (uv_timer_init(loop, &gw->reask_timer) != 0) {
        snprintf(err, errlen, "cannot create a timer");
        return -1;
    }
    gw->reask_timer.data = gw;
    if (gw_inbound_start(gw) != 0) {
        snprintf(err, errlen, "cannot create a loop check");
        return -1;
    }
    snprintf(gw->store_status, sizeof gw->store_status, "ok");
    gw->config_path = strdup(config_path);
    if (!gw->config_path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const char *off = getenv("CHECKIN_GATEWAY_TIME_OFFSET");
    if (off && *off)
        gw->time_offset = strtoll(off, NULL, 10);
    gw->reload_ok = true; /* the config in force was loaded now */
    gw->reload_at = gw_now(gw);
    gw_log_settings(cfg);
    signal(SIGPIPE, SIG_IGN);
    warn_readable_secrets(cfg, config_path);
    if (tz_is_legacy(cfg->default_tz)) /* EST has no summer time; US/Central may go away */
        log_warn("config.legacy_timezone", "timezone=%s fix=\"use an IANA name such as "
                 "America/New_York\"", cfg->default_tz);

    if (run_as_user(cfg, err, errlen) != 0)
        return -1;
    if ((rc = lock_database(gw, cfg->database, err, errlen)) != 0)
        return rc;
    if ((rc = store_open(&gw->store, cfg->database, err, errlen)) == STORE_READONLY) {
        /* A read-only file system: start anyway, without writing; the
         * write probe reopens the file once it can. */
        char why[512];
        if (store_open_readonly(&gw->store, cfg->database, why, sizeof why) != STORE_OK) {
            snprintf(err + strlen(err), errlen - strlen(err), " (and %s)", why);
            return -1;
        }
        if (use_keys(gw, cfg, &gw->crypt, why, sizeof why) != 0) {
            snprintf(err, errlen, "%s", why);
            return -1;
        }
        snprintf(why, sizeof why, "read-only: %s", err);
        start_unwritable(gw, why);
    } else if (rc != STORE_OK) {
        return -1;
    } else if (use_keys(gw, cfg, &gw->crypt, err, errlen) != 0) {
        return -1;
    } else if ((rc = store_ready(gw)) == STORE_BUSY) {
        /* Another process held the write lock through the whole start-up
         * wait (an operator's sqlite3 shell): start anyway and retry the
         * start-up writes each second, as for a lock met while running. */
        char why[512];
        snprintf(why, sizeof why, "locked by another process: %s", store_errmsg(gw->store));
        store_set_busy_timeout(gw->store, GW_STORE_BUSY_MS);
        gw->store_unready = true;
        start_unwritable(gw, why);
    } else if (rc != STORE_OK) {
        snprintf(err, errlen, "store: %s", store_errmsg(gw->store));
        return -1;
    }
    if (fsutil_write_pid_file(cfg->pid_file, (long)getpid(), err, errlen) != 0)
        return -1;
    gw->pid_written = true;

    struct http_server_limits lim = {.connections = cfg->http_connections,
                                     .per_address = cfg->http_connections_per_address};
    if (http_server_start(&gw->http, loop, cfg->http_listen, cfg->http_port, &lim, err,
                          errlen) != 0)
        return -1;
    http_server_set_request_timeout(gw->http, cfg->http_request_timeout);
    http_server_route(gw->http, "GET", "/healthz", healthz, gw);
    if (senderlimit_new(&gw->senders, SENDERS_TRACKED) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    gw->core.store = gw->store;
    gw->core.senders = gw->senders;

    gw->providers = calloc(cfg->nproviders ? cfg->nproviders : 1, sizeof *gw->providers);
    if (!gw->providers) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    gw_provider_host_init(gw);
    cfg_errors_init(&errs);
    for (size_t i = 0; i < cfg->nproviders; i++) {
        struct provider *p = NULL;
        const struct gw_provider_conf *pc = &cfg->providers[i];
        if (provider_new(pc->name, pc->kind, pc->settings, &p, &errs) != 0) {
            snprintf(err, errlen, "provider %s: %s", cfg->providers[i].name,
                     errs.n ? errs.msg[0] : "cannot be created");
            cfg_errors_free(&errs);
            return -1;
        }
        gw->providers[gw->nproviders++] = p;
        p->loop = loop;
        p->host = &gw->host;
        if (provider_start(p) != 0) {
            /* Keep going: another provider may carry the traffic, and inbound
             * that is already stored still needs its alerts. /healthz says so. */
            p->healthy = false;
            log_error("provider.start_failed", "provider=%s reason=\"%s\"", p->name, p->status);
        } else {
            p->running = true;
            log_info("provider.started", "provider=%s kind=%s", p->name, p->ops->kind);
        }
    }
    cfg_errors_free(&errs);
    if (metrics_init(&gw->metrics, gw->nproviders) != 0 || gw_metrics_route(gw) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }

    if (outbox_new(&gw->outbox, gw) != 0 || scheduler_new(&gw->scheduler, gw) != 0 ||
        escalator_new(&gw->escalator, gw) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (start_signal(gw, &gw->sig_term, SIGTERM) != 0 ||
        start_signal(gw, &gw->sig_int, SIGINT) != 0 || start_signal(gw, &gw->sig_hup, SIGHUP) != 0 ||
        start_signal(gw, &gw->sig_usr1, SIGUSR1) != 0) {
        snprintf(err, errlen, "cannot install signal handlers");
        return -1;
    }
    gw_wake(gw);
    log_vocabulary(gw->cfg);
    /* Retention runs once at start, then daily. */
    uv_timer_start(&gw->retention_timer, retention_cb, 0, 0);
    /* The re-ask of pending clients: at start, then every REASK_POLL_MS
     * (always armed, so a reload that turns it on needs no restart). */
    uv_timer_start(&gw->reask_timer, reask_cb, 0, 0);
    log_info("gateway.ready", "config=%s database=%s http=%s:%d providers=%zu", config_path,
             cfg->database, cfg->http_listen, http_server_port(gw->http), gw->nproviders);
    if (gw_notify_ready(gw) != 0) {
        snprintf(err, errlen, "cannot create a timer");
        return -1;
    }
    return 0;
}

void gw_free(struct gw *gw)
{
    for (size_t i = 0; i < gw->nproviders; i++)
        provider_destroy(gw->providers[i]);
    free(gw->providers);
    outbox_free(gw->outbox);
    scheduler_free(gw->scheduler);
    escalator_free(gw->escalator);
    senderlimit_free(gw->senders);
    free(gw->inbound_q); /* empty: flushed at the stop */
    metrics_free(&gw->metrics);
    if (gw->pid_written && gw->cfg && gw->cfg->pid_file)
        unlink(gw->cfg->pid_file);
    store_close(gw->store);
    if (gw->lock_fd >= 0)
        close(gw->lock_fd); /* last: after the store is closed */
    crypt_free(gw->crypt);
    gw_config_free(gw->cfg);
    free(gw->config_path);
    memset(gw, 0, sizeof *gw);
}
