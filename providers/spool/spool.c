
/* SPDX-License-Identifier: Apache-2.0 */
/* spool.c: the `spool` provider, compatible with smstools3 spool directories;
 * the embedded default that needs no network.
 *
 *   <dir>/outgoing   we write one file per message; smsd sends it
 *   <dir>/incoming   smsd leaves received messages; we read and remove them
 *   <dir>/rejected   incoming files we cannot use are moved here, never deleted
 *   <dir>/sent, failed   smsd moves our files here once sent or given up: each
 *                    becomes a delivery report (sent / failed), then is removed
 *   <dir>/reports    ours: "<to>.<Message_id>" -> our file name, so smsd's
 *                    status reports (incoming files) find the message they are about
 *   <dir>/checked    smsd's own; created so a real smsd finds it
 *
 * Outbound: the file is written under a dot-name (smsd ignores those),
 * fsynced, renamed to its final name and the directory fsynced, so smsd never
 * sees half a file and a crash never leaves a message half-sent. "Sent"
 * means only that the file was written: the files still in outgoing/ are
 * the backlog (an urgent one's name ends in "-urgent"), shown in /healthz
 * and /metrics, and the provider turns degraded when an urgent file waited
 * longer than urgent_stuck_seconds (2 min) or any longer than
 * stuck_seconds (15 min): smsd is not sending.
 *
 * Inbound: the directory is rescanned on start, on every inotify event on
 * incoming/ (events coalesce, so the scan is what makes it reliable), and
 * every 30 s as a safety net. A file is removed only after host->inbound() has committed it
 * (safety rule 1); if the commit fails the file stays and the scan is retried
 * with a back-off (1 s doubling to 30 s). Its ext_id is the file name plus
 * the FNV-1a hash of its bytes, so a rescan after a crash between the commit
 * and the unlink is a harmless duplicate, and a reused name with other
 * content is a new message.
 *
 * Results: smsd keeps our file name (keep_filename = yes, its default), so a
 * file gw-<id>-... in sent/ or failed/ names the message. sent/ and failed/
 * are scanned before incoming/, so a status report finds its index entry.
 * A report file for a message not (yet) indexed waits REPORT_WAIT_S, then is
 * dropped with a log line: it carries no words of a person.
 *
 * smsd writes incoming files in place, so a young file may still be growing.
 * inotify says when a writer closed it (IN_CLOSE_WRITE) or a file was renamed
 * in (IN_MOVED_TO): such a file is read at once, so a crisis text is read
 * within milliseconds. Any other young file (the event was lost: a queue
 * overflow, a watch that failed) waits the settle delay (settle_ms, default
 * 1 s) as a fallback; the scan is timed for when it settles. File I/O is
 * synchronous on the loop: the files are small.
 *
 * The provider is split by job (spool_internal.h lists the pieces); this
 * file keeps the directory helpers, create / destroy, start / stop and the
 * ops table. */
#include "spool/spool_internal.h"

/* ---- small helpers ---------------------------------------------------- */

/* Copies s into out for a log line: anything outside printable ASCII, and
 * '"' and '\\', become '?', so a file name or an error cannot forge a field
 * or a line. Returns out. */
const char *spool_safe(const char *s, char *out, size_t outsz)
{
    size_t i = 0;

    if (outsz == 0)
        return out;
    for (; s != NULL && *s != '\0' && i + 1 < outsz; s++) {
        unsigned char c = (unsigned char)*s;
        out[i++] = (c < 0x20 || c > 0x7E || c == '"' || c == '\\') ? '?' : (char)c;
    }
    out[i] = '\0';
    return out;
}

/* "<a>/<b>" into out. Returns 0, or -1 if it does not fit. */
int spool_join(char *out, size_t outsz, const char *a, const char *b)
{
    int n = snprintf(out, outsz, "%s/%s", a, b);
    return (n < 0 || (size_t)n >= outsz) ? -1 : 0;
}

static char *xstrcat2(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);

    if (s == NULL)
        return NULL;
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

/* Writes all of buf to fd. Returns 0 or -1 (errno set). */
int spool_write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

/* fsync of a directory, so a rename or unlink in it survives a power cut.
 * Returns 0 or a negative errno. */
int spool_fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = 0;

    if (fd < 0)
        return -errno;
    if (fsync(fd) < 0)
        rc = -errno;
    close(fd);
    return rc;
}

/* mkdir that accepts an existing directory. Returns 0 or a negative errno. */
static int ensure_dir(const char *path)
{
    struct stat st;

    if (mkdir(path, SPOOL_DIR_MODE) == 0)
        return 0;
    if (errno != EEXIST)
        return -errno;
    if (stat(path, &st) < 0)
        return -errno;
    return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

/* mkdir -p. Returns 0, or a negative errno with the failing prefix in failed. */
static int ensure_dir_p(const char *path, char *failed, size_t failedsz)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    int rc;

    if (n == 0 || n >= sizeof buf)
        return -ENAMETOOLONG;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i < n; i++) {
        if (buf[i] != '/')
            continue;
        buf[i] = '\0';
        rc = ensure_dir(buf);
        if (rc < 0) {
            snprintf(failed, failedsz, "%s", buf);
            return rc;
        }
        buf[i] = '/';
    }
    rc = ensure_dir(buf);
    if (rc < 0)
        snprintf(failed, failedsz, "%s", buf);
    return rc;
}

/* healthy means "usable for sending" (provider.h): it follows outgoing/
 * only. A broken incoming/ must not stop a 988 message from going out
 * through this provider; it shows in the status line and the log. */
void spool_update_health(struct spool *s)
{
    struct provider *p = s->p;

    p->healthy = s->out_ok;
    p->degraded = s->out_ok && s->stuck;
    if (!s->out_ok)
        snprintf(p->status, sizeof p->status, "%s", s->out_status);
    else if (s->stuck)
        snprintf(p->status, sizeof p->status, "%s", s->out_stuck);
    else if (!s->in_ok)
        snprintf(p->status, sizeof p->status, "sending ok; %s", s->in_status);
    else if (s->backoff_ms > 0)
        snprintf(p->status, sizeof p->status, "sending ok; %s", s->in_status);
    else
        snprintf(p->status, sizeof p->status, "ok");
}

void spool_schedule(struct spool *s, uint64_t ms)
{
    if (s->stopping || !s->timer_init)
        return;
    uv_timer_start(&s->timer, spool_timer_cb, ms, 0);
}

/* ---- create / destroy -------------------------------------------------- */

/* Validates { name, kind, dir } and allocates the impl. Returns 0 or -1
 * with every problem added to errs. No I/O: --check-config calls this. */
static int spool_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const allowed[] = {"dir", "alphabet", "report", "settle_ms",
                                          "urgent_stuck_seconds", "stuck_seconds", NULL};
    const config_setting_t *d;
    const char *dir = NULL;
    struct spool *s = NULL;
    int bad = 0;

    if (provider_check_keys(cfg, allowed, errs) > 0)
        bad = 1;
    d = config_setting_get_member(cfg, "dir");
    if (d == NULL) {
        cfg_errors_at(errs, cfg, "provider \"%s\": dir is required (the smstools spool directory)",
                      p->name);
        bad = 1;
    } else if (config_setting_type(d) != CONFIG_TYPE_STRING) {
        cfg_errors_at(errs, d, "provider \"%s\": dir must be a string", p->name);
        bad = 1;
    } else {
        dir = config_setting_get_string(d);
        /* Room for "/incoming/" and a file name of smsd's. */
        if (dir == NULL || dir[0] == '\0') {
            cfg_errors_at(errs, d, "provider \"%s\": dir is empty", p->name);
            bad = 1;
        } else if (strlen(dir) > PATH_MAX - 300) {
            cfg_errors_at(errs, d, "provider \"%s\": dir is too long", p->name);
            bad = 1;
        }
    }
    bool ucs2 = false, report = true;
    const config_setting_t *a = config_setting_get_member(cfg, "alphabet");
    if (a != NULL) {
        const char *v = config_setting_type(a) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(a) : NULL;
        if (v != NULL && strcmp(v, "UCS2") == 0) {
            ucs2 = true;
        } else if (v == NULL || strcmp(v, "UTF-8") != 0) {
            cfg_errors_at(errs, a, "provider \"%s\": alphabet must be \"UTF-8\" or \"UCS2\"",
                          p->name);
            bad = 1;
        }
    }
    const config_setting_t *r = config_setting_get_member(cfg, "report");
    if (r != NULL) {
        if (config_setting_type(r) != CONFIG_TYPE_BOOL) {
            cfg_errors_at(errs, r, "provider \"%s\": report must be true or false", p->name);
            bad = 1;
        } else {
            report = config_setting_get_bool(r) != 0;
        }
    }
    int settle_ms = SPOOL_SETTLE_MS;
    if (provconf_int(p, cfg, "settle_ms", SPOOL_SETTLE_MS, 0, 3600000, &settle_ms, errs) != 0)
        bad = 1;
    int urgent_stuck_s = 120, stuck_s = 900;
    if (provconf_int(p, cfg, "urgent_stuck_seconds", 120, 1, 86400, &urgent_stuck_s, errs) != 0 ||
        provconf_int(p, cfg, "stuck_seconds", 900, 1, 604800, &stuck_s, errs) != 0)
        bad = 1;
    if (bad)
        return -1;

    s = calloc(1, sizeof *s);
    if (s == NULL)
        goto err_oom;
    s->p = p;
    s->dir = strdup(dir);
    s->outgoing = xstrcat2(dir, "/outgoing");
    s->incoming = xstrcat2(dir, "/incoming");
    s->rejected = xstrcat2(dir, "/rejected");
    s->sent = xstrcat2(dir, "/sent");
    s->failed = xstrcat2(dir, "/failed");
    s->reports = xstrcat2(dir, "/reports");
    s->ucs2 = ucs2;
    s->report = report;
    s->settle_ms = settle_ms;
    s->urgent_stuck_s = urgent_stuck_s;
    s->stuck_s = stuck_s;
    s->in_fd = -1;
    if (s->dir == NULL || s->outgoing == NULL || s->incoming == NULL || s->rejected == NULL ||
        s->sent == NULL || s->failed == NULL || s->reports == NULL)
        goto err_oom;
    s->in_ok = s->out_ok = true;
    p->impl = s;
    p->healthy = false;
    snprintf(p->status, sizeof p->status, "not started");
    return 0;

err_oom:
    if (s != NULL) {
        free(s->dir);
        free(s->outgoing);
        free(s->incoming);
        free(s->rejected);
        free(s->sent);
        free(s->failed);
        free(s->reports);
        free(s);
    }
    cfg_errors_at(errs, cfg, "provider \"%s\": out of memory", p->name);
    return -1;
}

static void spool_destroy(struct provider *p)
{
    struct spool *s = p->impl;

    if (s == NULL)
        return;
    if (s->in_fd >= 0)
        close(s->in_fd);
    free(s->dir);
    free(s->outgoing);
    free(s->incoming);
    free(s->rejected);
    free(s->sent);
    free(s->failed);
    free(s->reports);
    free(s);
    p->impl = NULL;
}

/* ---- start / stop ------------------------------------------------------ */

/* Creates the directories, watches incoming/ and schedules the first scan
 * on the next loop turn (the rest of the gateway may still be starting).
 * Returns 0, or -1 with p->status saying why (no handle is left open). */
static int spool_start(struct provider *p)
{
    static const char *const subdirs[] = {"outgoing", "incoming", "checked", "sent",
                                          "failed",   "rejected", "reports", NULL};
    struct spool *s = p->impl;
    char path[PATH_MAX], failed[PATH_MAX];
    int rc;

    failed[0] = '\0';
    rc = ensure_dir_p(s->dir, failed, sizeof failed);
    for (int i = 0; rc == 0 && subdirs[i] != NULL; i++) {
        if (spool_join(path, sizeof path, s->dir, subdirs[i]) < 0) {
            rc = -ENAMETOOLONG;
            snprintf(failed, sizeof failed, "%s/%s", s->dir, subdirs[i]);
            break;
        }
        rc = ensure_dir(path);
        if (rc < 0)
            snprintf(failed, sizeof failed, "%s", path);
    }
    if (rc < 0) {
        p->healthy = false;
        snprintf(p->status, sizeof p->status, "cannot create %.180s: %s", failed, strerror(-rc));
        log_error("spool.start_failed", "provider=%s error=\"cannot create %s: %s\"", p->name,
                  failed, strerror(-rc));
        return -1;
    }

    s->stopping = false;
    uv_timer_init(p->loop, &s->timer);
    s->timer.data = s;
    s->timer_init = true;
    s->nclosed = 0;
    s->in_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    rc = s->in_fd < 0 ? -errno : 0;
    if (rc == 0 && (rc = uv_poll_init(p->loop, &s->watch, s->in_fd)) < 0) {
        close(s->in_fd);
        s->in_fd = -1;
    }
    if (rc == 0) {
        s->watch.data = s;
        s->watch_init = true;
        rc = uv_poll_start(&s->watch, UV_READABLE, spool_inotify_cb);
    }
    if (rc == 0)
        rc = spool_watch_incoming(s);
    if (rc < 0) {
        /* inotify limits reached: still correct, only slower (periodic scans). */
        log_warn("spool.watch_failed", "provider=%s dir=\"%s\" error=\"%s\" note=\"polling every "
                 "%d s\"", p->name, s->incoming, uv_strerror(rc), SPOOL_RESCAN_MS / 1000);
        s->rewatch = true;
    } else {
        s->watching = true;
    }
    /* smsd's verdicts: without a watch the periodic scan still finds them. */
    for (int k = 0; k < 2; k++) {
        const char *d = k == 0 ? s->sent : s->failed;
        uv_fs_event_init(p->loop, &s->watch_res[k]);
        s->watch_res[k].data = s;
        s->watch_res_init[k] = true;
        rc = uv_fs_event_start(&s->watch_res[k], spool_watch_cb, d, 0);
        if (rc < 0)
            log_warn("spool.watch_failed", "provider=%s dir=\"%s\" error=\"%s\" note=\"polling "
                     "every %d s\"", p->name, d, uv_strerror(rc), SPOOL_RESCAN_MS / 1000);
    }
    s->in_ok = s->out_ok = true;
    spool_update_health(s);
    log_info("spool.started", "provider=%s dir=\"%s\"", p->name, s->dir);
    spool_schedule(s, 0);
    return 0;
}

static void close_cb(uv_handle_t *h)
{
    struct spool *s = h->data;

    if (h == (uv_handle_t *)&s->watch && s->in_fd >= 0) {
        close(s->in_fd); /* only now: the loop no longer polls it */
        s->in_fd = -1;
    }
    if (--s->closing == 0 && s->stopped != NULL) {
        void (*cb)(struct provider *) = s->stopped;
        s->stopped = NULL;
        cb(s->p);
    }
}

static void spool_stop(struct provider *p, void (*stopped)(struct provider *))
{
    struct spool *s = p->impl;

    if (s->stopping)
        return;
    s->stopping = true;
    s->stopped = stopped;
    p->healthy = false;
    snprintf(p->status, sizeof p->status, "stopped");
    if (s->timer_init) {
        s->closing++;
        uv_close((uv_handle_t *)&s->timer, close_cb);
        s->timer_init = false;
    }
    if (s->watch_init) {
        s->closing++;
        uv_close((uv_handle_t *)&s->watch, close_cb);
        s->watch_init = false;
        s->watching = false;
    }
    for (int k = 0; k < 2; k++) {
        if (s->watch_res_init[k]) {
            s->closing++;
            uv_close((uv_handle_t *)&s->watch_res[k], close_cb);
            s->watch_res_init[k] = false;
        }
    }
    if (s->closing == 0 && stopped != NULL) {
        s->stopped = NULL;
        stopped(p);
    }
}


const struct provider_ops spool_provider_ops = {
    .kind = "spool",
    .create = spool_create,
    .start = spool_start,
    .send = spool_send,
    .backlog = spool_backlog,
    .stop = spool_stop,
    .destroy = spool_destroy,
};
