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
 * synchronous on the loop: the files are small. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/phone.h"
#include "provconf.h"
#include "provider.h"
#include "spool/spoolfile.h"

#define SPOOL_MAX_FILE      (64 * 1024) /* a bigger incoming file is rejected */
#define SPOOL_BACKOFF_MIN   1000        /* ms, first retry after host->inbound failed */
#define SPOOL_BACKOFF_MAX   30000       /* ms */
#define SPOOL_RESCAN_MS     30000       /* periodic rescan, in case an event was missed */
#define SPOOL_COALESCE_MS   20          /* an event burst becomes one scan */
#define SPOOL_SETTLE_MS     1000        /* default settle_ms: the fallback wait for a young file */
#define SPOOL_CLOSED_MAX    64          /* files closed since the last scan, remembered */
#define SPOOL_URGENT_SUFFIX "-urgent"   /* ends the name of an urgent outgoing file */
#define SPOOL_DIR_MODE      0750
#define SPOOL_FILE_MODE     0660 /* smsd, in the spool's group, rewrites what it sends */
#define REPORT_WAIT_S       300         /* an unmatched status report waits this long */
#define INDEX_KEEP_S        (7 * 86400) /* a report index entry older than this is removed */
#define INDEX_SWEEP_S       3600        /* how often old index entries are looked for */

struct spool {
    struct provider *p;         /* borrowed: the instance that owns us */
    char *dir;                  /* owned: as configured */
    char *outgoing, *incoming, *rejected; /* owned: <dir>/... */
    char *sent, *failed, *reports;        /* owned: <dir>/... */
    bool ucs2;                  /* write Alphabet: UCS2 instead of UTF-8 */
    bool report;                /* ask smsd for status reports (Report: yes) */
    int64_t last_sweep;         /* when old report index entries were last removed */
    /* incoming/ through inotify itself (uv_fs_event cannot ask for
     * IN_CLOSE_WRITE): the descriptor polled on the loop. */
    int in_fd;
    uv_poll_t watch;
    int settle_ms;              /* the fallback wait for a young file not known closed */
    int urgent_stuck_s, stuck_s; /* outgoing/ backlog limits: degraded beyond */
    bool stuck;                 /* the backlog is beyond a limit (out_stuck says how) */
    char out_stuck[200];
    /* Names in incoming/ a writer closed or renamed in since the last scan,
     * and when (ms): ready unless changed after that. */
    struct closed_file { char name[NAME_MAX + 1]; int64_t at_ms; } closed[SPOOL_CLOSED_MAX];
    int nclosed;
    uv_fs_event_t watch_res[2]; /* sent/ and failed/; without them the periodic scan serves */
    bool watch_res_init[2];
    uv_timer_t timer;           /* scans: coalescing, settling, back-off, periodic */
    bool watch_init, timer_init, watching;
    bool rewatch;               /* the watch reported an error: restart it on the next scan */
    bool stopping;
    int closing;                /* handles whose close callback is pending */
    void (*stopped)(struct provider *);
    unsigned backoff_ms;        /* 0 unless host->inbound failed on the last scan */
    uint64_t seq;               /* makes outgoing names unique within a second */
    bool in_ok, out_ok;         /* incoming readable / outgoing writable */
    char in_status[200], out_status[200];
};

/* Outcome of offering one incoming file. */
enum file_rc {
    FILE_DONE = 0,   /* committed and removed, rejected, or gone */
    FILE_LATER = 1,  /* could not read it now: leave it for the next scan */
    FILE_STORE = 2,  /* host->inbound failed: stop the scan and back off */
};

static void timer_cb(uv_timer_t *t);
static void watch_cb(uv_fs_event_t *h, const char *filename, int events, int status);
static void inotify_cb(uv_poll_t *h, int status, int events);
static int spool_backlog(struct provider *p, struct provider_backlog *b);

/* ---- small helpers ---------------------------------------------------- */

/* Copies s into out for a log line: anything outside printable ASCII, and
 * '"' and '\\', become '?', so a file name or an error cannot forge a field
 * or a line. Returns out. */
static const char *safe(const char *s, char *out, size_t outsz)
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
static int join(char *out, size_t outsz, const char *a, const char *b)
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
static int write_all(int fd, const char *buf, size_t len)
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
static int fsync_dir(const char *path)
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
static void update_health(struct spool *s)
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

static void schedule(struct spool *s, uint64_t ms)
{
    if (s->stopping || !s->timer_init)
        return;
    uv_timer_start(&s->timer, timer_cb, ms, 0);
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

/* ---- inbound ----------------------------------------------------------- */

/* Moves incoming/<name> to rejected/ without overwriting an earlier
 * rejected file of the same name (link + unlink; "<name>.N" on a clash).
 * Logs the reason at lvl (error for a bad file: a person must look at it).
 * Returns 0 or -1 (the file stays; the failure is logged at error). */
static int reject_file_at(struct spool *s, const char *name, const char *reason,
                          enum log_level lvl)
{
    char from[PATH_MAX], to[PATH_MAX], sname[128], sreason[256], target[300];
    int rc = -1, e = ENAMETOOLONG;

    safe(name, sname, sizeof sname);
    safe(reason, sreason, sizeof sreason);
    if (join(from, sizeof from, s->incoming, name) < 0)
        goto out;
    for (int i = 0; i < 1000; i++) {
        if (i == 0)
            snprintf(target, sizeof target, "%s", name);
        else
            snprintf(target, sizeof target, "%s.%d", name, i);
        if (join(to, sizeof to, s->rejected, target) < 0)
            goto out;
        if (link(from, to) == 0) {
            if (unlink(from) < 0 && errno != ENOENT) {
                /* Two names for one file: harmless, but it will come back. */
                log_error("spool.reject_failed", "provider=%s file=\"%s\" error=\"unlink: %s\"",
                          s->p->name, sname, strerror(errno));
            }
            rc = 0;
            break;
        }
        e = errno;
        if (e == EEXIST)
            continue;
        if (e == EPERM || e == ENOTSUP || e == EXDEV) {
            /* A file system without hard links: rename when the name is free. */
            struct stat st;
            if (lstat(to, &st) == 0)
                continue;
            if (rename(from, to) == 0)
                rc = 0;
            else
                e = errno;
        }
        break;
    }
    if (rc == 0) {
        fsync_dir(s->rejected);
        fsync_dir(s->incoming);
        log_event(lvl, "spool.rejected",
                  "provider=%s file=\"%s\" moved_to=\"rejected/%s\" reason=\"%s\"", s->p->name,
                  sname, safe(target, to, sizeof to), sreason);
        return 0;
    }
out:
    log_error("spool.reject_failed",
              "provider=%s file=\"%s\" reason=\"%s\" error=\"cannot move it to %s: %s\"",
              s->p->name, sname, sreason, s->rejected, strerror(e));
    return -1;
}

static int reject_file(struct spool *s, const char *name, const char *reason)
{
    return reject_file_at(s, name, reason, LL_ERROR);
}

/* A file that cannot be read as a message: in incoming/ it is moved to
 * rejected/ (1, or -1 if that failed); in sent/ or failed/ it is smsd's and
 * stays where it is, logged, for a person (-1: not now). */
static int refuse(struct spool *s, const char *dir, const char *name, const char *reason)
{
    char sname[128];

    if (dir == s->incoming)
        return reject_file(s, name, reason) == 0 ? 1 : -1;
    log_warn("spool.result_unreadable", "provider=%s dir=\"%s\" file=\"%s\" reason=\"%s\"",
             s->p->name, dir, safe(name, sname, sizeof sname), reason);
    return -1;
}

/* Reads <dir>/<name> (at most SPOOL_MAX_FILE + 1 bytes) without following
 * a symlink; dir is one of s's own paths. Returns 0 with *buf (owned by the
 * caller), *len and *st; 1 if it was rejected or is gone; -1 to try again
 * later. */
static int read_spool_file(struct spool *s, const char *dir, const char *name, char **buf,
                           size_t *len, struct stat *st)
{
    char path[PATH_MAX], sname[128];
    char *b = NULL;
    size_t n = 0;
    int fd = -1;

    *buf = NULL;
    *len = 0;
    safe(name, sname, sizeof sname);
    if (join(path, sizeof path, dir, name) < 0)
        return refuse(s, dir, name, "path too long");
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return 1;
        if (errno == ELOOP)
            return refuse(s, dir, name, "a symbolic link (not followed)");
        log_warn("spool.read_failed", "provider=%s file=\"%s\" error=\"open: %s\"", s->p->name,
                 sname, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) < 0) {
        log_warn("spool.read_failed", "provider=%s file=\"%s\" error=\"fstat: %s\"", s->p->name,
                 sname, strerror(errno));
        goto later;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return refuse(s, dir, name, "not a regular file");
    }
    if (st->st_size > SPOOL_MAX_FILE) {
        close(fd);
        return refuse(s, dir, name, "bigger than 64 KiB");
    }
    b = malloc(SPOOL_MAX_FILE + 2);
    if (b == NULL) {
        log_error("spool.read_failed", "provider=%s file=\"%s\" error=\"out of memory\"",
                  s->p->name, sname);
        goto later;
    }
    for (;;) {
        ssize_t r = read(fd, b + n, SPOOL_MAX_FILE + 1 - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            log_warn("spool.read_failed", "provider=%s file=\"%s\" error=\"read: %s\"",
                     s->p->name, sname, strerror(errno));
            goto later;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > SPOOL_MAX_FILE)
            break;
    }
    if (n > SPOOL_MAX_FILE) {
        close(fd);
        free(b);
        return refuse(s, dir, name, "bigger than 64 KiB");
    }
    /* Still being written (it grew or was touched while we read): a cut
     * text must never be committed as the message. Try again later. */
    struct stat after;
    if (fstat(fd, &after) < 0 || (size_t)after.st_size != n ||
        after.st_mtim.tv_sec != st->st_mtim.tv_sec || after.st_mtim.tv_nsec != st->st_mtim.tv_nsec) {
        log_info("spool.file_growing", "provider=%s file=\"%s\" note=\"changed while read; "
                 "trying again later\"", s->p->name, sname);
        goto later;
    }
    close(fd);
    fd = -1;
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;

later:
    free(b);
    if (fd >= 0)
        close(fd);
    return -1;
}

/* Removes <dir>/<name> once what it said is committed, unless someone
 * replaced it meanwhile (the new content is then news for the next scan).
 * st is what was read. A failure is logged: the file comes back and is
 * de-duplicated. */
static void remove_committed(struct spool *s, const char *dir, const char *name,
                             const struct stat *st)
{
    char path[PATH_MAX], sname[128];
    struct stat st2;

    safe(name, sname, sizeof sname);
    if (join(path, sizeof path, dir, name) == 0 && lstat(path, &st2) == 0 &&
        st2.st_dev == st->st_dev && st2.st_ino == st->st_ino && st2.st_size == st->st_size &&
        st2.st_mtim.tv_sec == st->st_mtim.tv_sec && st2.st_mtim.tv_nsec == st->st_mtim.tv_nsec) {
        if (unlink(path) < 0 && errno != ENOENT) {
            log_error("spool.remove_failed", "provider=%s file=\"%s\" error=\"%s\" note=\"committed;"
                      " it will be offered again and de-duplicated\"", s->p->name, sname,
                      strerror(errno));
        } else {
            int frc = fsync_dir(dir);
            if (frc < 0)
                log_warn("spool.fsync_failed", "provider=%s dir=\"%s\" error=\"%s\"", s->p->name,
                         dir, strerror(-frc));
        }
    } else {
        log_warn("spool.file_changed", "provider=%s file=\"%s\" note=\"changed while read; "
                 "left for the next scan\"", s->p->name, sname);
    }
}

/* "<reports>/<to digits>.<message id>" into out. Returns 0 or -1. */
static int index_path(struct spool *s, const char *to, int message_id, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, "%s/%s.%d", s->reports, to[0] == '+' ? to + 1 : to, message_id);
    return (n < 0 || (size_t)n >= outsz) ? -1 : 0;
}

/* Records which of our files smsd sent as Message_id to `to`, replacing an
 * older entry (the SMSC's ids wrap at 256: the newest is the one a report is
 * about). Written under a dot-name and renamed. Returns 0 or -1 (logged). */
static int index_put(struct spool *s, const char *to, int message_id, const char *file)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    int fd, e = 0;

    if (index_path(s, to, message_id, path, sizeof path) < 0 ||
        snprintf(tmp, sizeof tmp, "%s/.%s.%d.tmp", s->reports, to, message_id) >=
            (int)sizeof tmp)
        return -1;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, SPOOL_FILE_MODE);
    if (fd < 0) {
        e = errno;
    } else {
        if (write_all(fd, file, strlen(file)) < 0)
            e = errno;
        if (close(fd) < 0 && e == 0)
            e = errno;
        if (e == 0 && rename(tmp, path) < 0)
            e = errno;
        if (e != 0)
            unlink(tmp);
    }
    if (e != 0) {
        log_warn("spool.index_failed", "provider=%s dir=\"%s\" error=\"%s\" note=\"its status "
                 "report will not be matched\"", s->p->name, s->reports, strerror(e));
        return -1;
    }
    return 0;
}

/* Looks up the file name for a status report. Returns 0 with out filled,
 * or -1 if there is no (readable) entry. */
static int index_get(struct spool *s, const char *to, int message_id, char *out, size_t outsz)
{
    char path[PATH_MAX];
    ssize_t n;
    int fd;

    if (index_path(s, to, message_id, path, sizeof path) < 0)
        return -1;
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    n = read(fd, out, outsz - 1);
    close(fd);
    if (n <= 0)
        return -1;
    out[n] = '\0';
    return strncmp(out, "gw-", 3) == 0 && strpbrk(out, "/\n") == NULL ? 0 : -1;
}

/* Removes index entries older than INDEX_KEEP_S (reports that never came),
 * at most once per INDEX_SWEEP_S. */
static void index_sweep(struct spool *s, int64_t now)
{
    DIR *d;
    struct dirent *de;

    if (now - s->last_sweep < INDEX_SWEEP_S)
        return;
    s->last_sweep = now;
    d = opendir(s->reports);
    if (d == NULL)
        return;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (de->d_name[0] == '.' && (de->d_name[1] == '\0' || de->d_name[1] == '.'))
            continue;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            now - st.st_mtim.tv_sec > INDEX_KEEP_S)
            unlinkat(dirfd(d), de->d_name, 0);
    }
    closedir(d);
}

/* An incoming status report: finds the message through the index and
 * records delivered / failed; "still trying" changes nothing. See enum
 * file_rc. */
static enum file_rc process_report(struct spool *s, const char *name, const struct spool_in *in,
                                   const struct stat *st)
{
    struct spool_report rp;
    char perr[SPOOL_ERROR_MAX], file[128], err[256], serr[256], sname[128], masked[PHONE_MAX];
    char ipath[PATH_MAX];
    enum spool_report_state state;

    safe(name, sname, sizeof sname);
    if (spoolfile_parse_report(in->body, in->body_len, &rp, perr, sizeof perr) < 0) {
        reject_file_at(s, name, perr, LL_WARN);
        return FILE_DONE;
    }
    phone_mask(in->from, masked, sizeof masked);
    if (index_get(s, in->from, rp.message_id, file, sizeof file) < 0) {
        if (time(NULL) - st->st_mtim.tv_sec < REPORT_WAIT_S)
            return FILE_LATER; /* its sent/ file may not be settled yet */
        log_info("spool.report_unmatched", "provider=%s file=\"%s\" to=%s message_id=%d "
                 "note=\"no message of ours; removed\"", s->p->name, sname, masked, rp.message_id);
        remove_committed(s, s->incoming, name, st);
        return FILE_DONE;
    }
    state = spoolfile_report_state(rp.status);
    if (state == SPOOL_REPORT_PENDING) {
        log_info("spool.report_pending", "provider=%s file=\"%s\" message=%s status=\"%s\"",
                 s->p->name, sname, file, safe(rp.status_text, serr, sizeof serr));
        remove_committed(s, s->incoming, name, st);
        return FILE_DONE;
    }
    err[0] = '\0';
    if (s->p->host->delivery_report(s->p, file,
                           state == SPOOL_REPORT_DELIVERED ? DLR_DELIVERED : DLR_FAILED,
                           state == SPOOL_REPORT_DELIVERED ? NULL : rp.status_text, err,
                           sizeof err) != 0) {
        safe(err[0] ? err : "unknown error", serr, sizeof serr);
        log_warn("spool.report_deferred", "provider=%s file=\"%s\" error=\"%s\"", s->p->name,
                 sname, serr);
        snprintf(s->in_status, sizeof s->in_status, "delivery reports delayed: %.160s", serr);
        return FILE_STORE;
    }
    if (index_path(s, in->from, rp.message_id, ipath, sizeof ipath) == 0)
        unlink(ipath);
    remove_committed(s, s->incoming, name, st);
    return FILE_DONE;
}

/* A file of ours in sent/ or failed/: records sent or failed for the
 * message it names, indexes its Message_id for the status report to come,
 * then removes it. See enum file_rc. */
static enum file_rc process_result(struct spool *s, const char *dir, const char *name)
{
    struct spool_result res;
    struct stat st;
    char perr[SPOOL_ERROR_MAX], err[256], serr[256], sname[128];
    const char *id = name, *why = NULL;
    char *buf = NULL;
    size_t len = 0;
    bool failed = dir == s->failed;
    int r;

    safe(name, sname, sizeof sname);
    r = read_spool_file(s, dir, name, &buf, &len, &st);
    if (r != 0)
        return r > 0 ? FILE_DONE : FILE_LATER;
    /* The name alone says which message it is and the directory what
     * happened; unreadable headers only cost the details. */
    if (spoolfile_parse_result(buf, len, &res, perr, sizeof perr) < 0) {
        log_warn("spool.result_headers", "provider=%s file=\"%s\" error=\"%s\"", s->p->name,
                 sname, perr);
        memset(&res, 0, sizeof res);
        res.message_id = -1;
    }
    free(buf);
    if (strncmp(res.original_name, "gw-", 3) == 0)
        id = res.original_name;
    if (failed)
        why = res.fail_reason[0] ? res.fail_reason : "smsd moved it to failed/";
    else if (res.message_id >= 0 && res.to[0])
        index_put(s, res.to, res.message_id, id);

    err[0] = '\0';
    if (s->p->host->delivery_report(s->p, id, failed ? DLR_FAILED : DLR_SENT, why, err,
                           sizeof err) != 0) {
        safe(err[0] ? err : "unknown error", serr, sizeof serr);
        log_warn("spool.result_deferred", "provider=%s file=\"%s\" error=\"%s\"", s->p->name,
                 sname, serr);
        snprintf(s->in_status, sizeof s->in_status, "delivery reports delayed: %.160s", serr);
        return FILE_STORE;
    }
    log_info(failed ? "spool.failed" : "spool.smsd_sent", "provider=%s file=\"%s\"%s%s%s",
             s->p->name, sname, why ? " reason=\"" : "", why ? safe(why, serr, sizeof serr) : "",
             why ? "\"" : "");
    remove_committed(s, dir, name, &st);
    return FILE_DONE;
}

/* Offers one incoming file to the gateway; see enum file_rc. */
static enum file_rc process_file(struct spool *s, const char *name)
{
    char sname[128], perr[SPOOL_ERROR_MAX], err[256], serr[256];
    char from[PHONE_MAX], masked[PHONE_MAX], ext_id[NAME_MAX + 32];
    struct spool_in in;
    struct inmsg m;
    struct stat st;
    char *buf = NULL, *text = NULL;
    size_t len = 0, text_len = 0;
    enum file_rc rc = FILE_DONE;
    int r;

    safe(name, sname, sizeof sname);
    r = read_spool_file(s, s->incoming, name, &buf, &len, &st);
    if (r != 0)
        return r > 0 ? FILE_DONE : FILE_LATER;

    if (spoolfile_parse(buf, len, &in, perr, sizeof perr) < 0) {
        reject_file(s, name, perr);
        goto out;
    }
    if (in.is_status_report) {
        rc = process_report(s, name, &in, &st);
        goto out;
    }
    if (phone_normalize(in.from, from) < 0) {
        reject_file(s, name, "From is not a full international number (E.164)");
        goto out;
    }
    text = malloc(spoolfile_utf8_max(in.body_len) + 1);
    if (text == NULL) {
        log_error("spool.read_failed", "provider=%s file=\"%s\" error=\"out of memory\"",
                  s->p->name, sname);
        rc = FILE_LATER;
        goto out;
    }
    if (spoolfile_body_utf8(&in, text, spoolfile_utf8_max(in.body_len) + 1, &text_len, perr,
                            sizeof perr) < 0) {
        reject_file(s, name, perr);
        goto out;
    }

    memset(&m, 0, sizeof m);
    snprintf(ext_id, sizeof ext_id, "%s:%016llx", name, spoolfile_fnv1a64(buf, len));
    m.ext_id = ext_id;
    m.from = from;
    m.to = "";
    m.body = text;
    m.body_len = text_len;
    m.received_at = 0;
    if (in.has_received) {
        struct tm tm = in.received;
        time_t t = mktime(&tm);
        if (t != (time_t)-1)
            m.received_at = (int64_t)t;
    } else if (in.received_bad) {
        log_warn("spool.bad_received", "provider=%s file=\"%s\" note=\"unreadable Received "
                 "header; using the time of reading\"", s->p->name, sname);
    }
    phone_mask(from, masked, sizeof masked);
    /* A part smsd did not join, or a message it gave up completing: recorded
     * as it is (nothing the person wrote is dropped), and said so. */
    if (in.concat_total > 1 || in.incomplete)
        log_warn("spool.partial_message", "provider=%s file=\"%s\" from=%s part=%d/%d "
                 "incomplete=%d note=\"recorded as a message of its own\"", s->p->name, sname,
                 masked, in.concat_seq, in.concat_total, in.incomplete ? 1 : 0);
    log_debug("spool.body", "provider=%s file=\"%s\" body_len=%zu", s->p->name, sname, text_len);

    err[0] = '\0';
    if (s->p->host->inbound(s->p, &m, err, sizeof err) != 0) {
        /* Not committed: the file is the only copy. Keep it, retry later. */
        safe(err[0] ? err : "unknown error", serr, sizeof serr);
        log_warn("spool.inbound_deferred", "provider=%s file=\"%s\" from=%s error=\"%s\"",
                 s->p->name, sname, masked, serr);
        snprintf(s->in_status, sizeof s->in_status, "inbound delayed: %.170s", serr);
        rc = FILE_STORE;
        goto out;
    }

    remove_committed(s, s->incoming, name, &st);
    log_info("spool.received", "provider=%s file=\"%s\" from=%s", s->p->name, sname, masked);

out:
    free(text);
    free(buf);
    return rc;
}

struct entry {
    char *name;
    struct timespec mtime;
};

static int entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;

    if (x->mtime.tv_sec != y->mtime.tv_sec)
        return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
    if (x->mtime.tv_nsec != y->mtime.tv_nsec)
        return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int64_t ts_ms(const struct timespec *t)
{
    return (int64_t)t->tv_sec * 1000 + t->tv_nsec / 1000000;
}

/* Whether incoming/<name>, last changed at mtime_ms, was closed by its
 * writer (or renamed in) since: then it is complete, whatever its age. */
static bool known_closed(const struct spool *s, const char *name, int64_t mtime_ms)
{
    for (int i = 0; i < s->nclosed; i++)
        if (strcmp(s->closed[i].name, name) == 0)
            return mtime_ms <= s->closed[i].at_ms;
    return false;
}

/* Lists the settled candidate files of dir (only names starting "gw-" when
 * ours_only), oldest first, into *vp / *np (owned by the caller: see
 * free_entries). A file is settled when it is settle_ms old or, in
 * incoming/, known closed. Files too young to read lower *settle_wait (ms
 * until the first settles; -1 if none). Returns 0, or -1 with errno if dir
 * cannot be opened. */
static int list_dir(struct spool *s, const char *dir, bool ours_only, int64_t now_ms,
                    struct entry **vp, size_t *np, int64_t *settle_wait)
{
    struct entry *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    DIR *d = opendir(dir);

    *vp = NULL;
    *np = 0;
    if (d == NULL)
        return -1;
    while ((errno = 0, de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        struct stat st;
        int64_t age;

        /* smsd's conventions: dot-files and LOCKED* are in progress. */
        if (name[0] == '.' || strncmp(name, "LOCKED", 6) == 0)
            continue;
        if (ours_only && strncmp(name, "gw-", 3) != 0)
            continue;
        if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue; /* gone meanwhile */
        if (S_ISDIR(st.st_mode))
            continue;
        if (S_ISREG(st.st_mode)) {
            age = now_ms - ts_ms(&st.st_mtim);
            /* Young: smsd may still be writing it. A time far in the
             * future (a clock step) must not hold a message forever. */
            if (age < s->settle_ms && age > -SPOOL_RESCAN_MS &&
                !(dir == s->incoming && known_closed(s, name, ts_ms(&st.st_mtim)))) {
                int64_t wait = s->settle_ms - (age > 0 ? age : 0);
                if (*settle_wait < 0 || wait < *settle_wait)
                    *settle_wait = wait;
                continue;
            }
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct entry *nv = realloc(v, ncap * sizeof *nv);
            if (nv == NULL) {
                log_error("spool.scan_partial", "provider=%s error=\"out of memory\"",
                          s->p->name);
                break;
            }
            v = nv;
            cap = ncap;
        }
        v[n].name = strdup(name);
        if (v[n].name == NULL) {
            log_error("spool.scan_partial", "provider=%s error=\"out of memory\"", s->p->name);
            break;
        }
        v[n].mtime = st.st_mtim;
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(v, n, sizeof *v, entry_cmp);
    *vp = v;
    *np = n;
    return 0;
}

static void free_entries(struct entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
}

/* sent/ then failed/: smsd's verdicts on our files. Returns true if the
 * store failed (the pass stops; back off). A directory that cannot be read
 * is logged at debug: it is smsd's, and the periodic scan tries again. */
static bool scan_results(struct spool *s, int64_t now_ms, int64_t *settle_wait)
{
    const char *dirs[2] = {s->sent, s->failed};

    for (int k = 0; k < 2; k++) {
        struct entry *v;
        size_t n;
        bool store_failed = false;

        if (list_dir(s, dirs[k], true, now_ms, &v, &n, settle_wait) < 0) {
            log_debug("spool.scan_failed", "provider=%s dir=\"%s\" error=\"%s\"", s->p->name,
                      dirs[k], strerror(errno));
            continue;
        }
        for (size_t i = 0; i < n && !s->stopping && !store_failed; i++)
            store_failed = process_result(s, dirs[k], v[i].name) == FILE_STORE;
        free_entries(v, n);
        if (store_failed)
            return true;
    }
    return false;
}

/* (Re)adds the inotify watch on incoming/ (a directory removed and made
 * again is another inode: the old watch never fires). Returns 0 or -errno. */
static int watch_incoming(struct spool *s)
{
    uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF;
    return inotify_add_watch(s->in_fd, s->incoming, mask) < 0 ? -errno : 0;
}

/* One pass over sent/, failed/ and incoming/: lists the settled candidate
 * files, offers them oldest first (so a STOP and a later START keep their
 * order), and arms the timer for the next pass (when the youngest file
 * settles, after the back-off if the store or the directory failed, else
 * the periodic rescan). Results go first, so that a status report in
 * incoming/ finds the index entry its sent/ file makes.
 * The pass is not split into batches: a file that cannot be removed would
 * stay first in every batch and starve the ones behind it. A backlog after
 * downtime blocks the loop for a moment, once. */
static void scan(struct spool *s)
{
    struct entry *v = NULL;
    size_t n = 0;
    int64_t now_ms, settle_wait = -1;
    struct timespec now;
    bool store_failed;
    uint64_t next;

    clock_gettime(CLOCK_REALTIME, &now);
    now_ms = ts_ms(&now);
    index_sweep(s, (int64_t)now.tv_sec);
    store_failed = scan_results(s, now_ms, &settle_wait);
    if (s->stopping)
        return;

    if (!store_failed && list_dir(s, s->incoming, false, now_ms, &v, &n, &settle_wait) < 0) {
        int e = errno;
        if (s->in_ok)
            log_error("spool.scan_failed", "provider=%s dir=\"%s\" error=\"%s\"", s->p->name,
                      s->incoming, strerror(e));
        s->in_ok = false;
        snprintf(s->in_status, sizeof s->in_status, "cannot read %s: %s", s->incoming,
                 strerror(e));
        s->backoff_ms = s->backoff_ms == 0 ? SPOOL_BACKOFF_MIN : s->backoff_ms * 2;
        if (s->backoff_ms > SPOOL_BACKOFF_MAX)
            s->backoff_ms = SPOOL_BACKOFF_MAX;
        update_health(s);
        schedule(s, s->backoff_ms);
        return;
    }
    if (!store_failed)
        s->nclosed = 0; /* each was listed now (and is offered below) or is gone */
    if (!store_failed && (!s->in_ok || s->rewatch)) {
        /* The directory was gone or the watch failed: a watch on a removed
         * directory never fires again, so watch the one that is there now. */
        if (!s->in_ok)
            log_info("spool.scan_ok", "provider=%s dir=\"%s\"", s->p->name, s->incoming);
        s->in_ok = true;
        s->rewatch = false;
        if (s->watch_init) {
            int wrc = watch_incoming(s);
            s->watching = wrc == 0;
            s->rewatch = wrc != 0; /* e.g. inotify limits: try again next scan */
        }
    }
    for (size_t i = 0; i < n && !s->stopping && !store_failed; i++) {
        char path[PATH_MAX];
        struct stat st;

        /* Symlinks, fifos and devices are moved aside without being
         * opened: opening a device can have effects of its own. */
        if (join(path, sizeof path, s->incoming, v[i].name) == 0 && lstat(path, &st) == 0 &&
            !S_ISREG(st.st_mode)) {
            reject_file(s, v[i].name, S_ISLNK(st.st_mode) ? "a symbolic link (not followed)"
                                                           : "not a regular file");
            continue;
        }
        if (process_file(s, v[i].name) == FILE_STORE) {
            store_failed = true;
            break;
        }
    }
    free_entries(v, n);
    if (s->stopping)
        return;

    /* The backlog is looked at on every pass too, so the log says when
     * smsd stops taking files even if nobody asks /healthz. */
    struct provider_backlog bl;
    spool_backlog(s->p, &bl);
    /* Outgoing is probed here too, so a send failure does not mark the
     * provider unhealthy forever once the directory is writable again. */
    if (!s->out_ok && access(s->outgoing, W_OK | X_OK) == 0) {
        s->out_ok = true;
        log_info("spool.outgoing_ok", "provider=%s dir=\"%s\"", s->p->name, s->outgoing);
    }

    if (store_failed) {
        s->backoff_ms = s->backoff_ms == 0 ? SPOOL_BACKOFF_MIN : s->backoff_ms * 2;
        if (s->backoff_ms > SPOOL_BACKOFF_MAX)
            s->backoff_ms = SPOOL_BACKOFF_MAX;
        next = s->backoff_ms;
    } else {
        if (s->backoff_ms > 0)
            log_info("spool.inbound_resumed", "provider=%s", s->p->name);
        s->backoff_ms = 0;
        if (settle_wait >= 0)
            next = (uint64_t)settle_wait + 1;
        else
            next = SPOOL_RESCAN_MS;
    }
    update_health(s);
    schedule(s, next);
}

static void timer_cb(uv_timer_t *t)
{
    struct spool *s = t->data;

    if (!s->stopping)
        scan(s);
}

/* Something changed in incoming/, sent/ or failed/: a scan soon. */
static void changed(struct spool *s)
{
    /* During a back-off the timer is already due: do not hammer the store. */
    if (s->backoff_ms > 0)
        return;
    /* Coalesce a burst of events, but never postpone a scan already due. */
    if (uv_is_active((uv_handle_t *)&s->timer) &&
        uv_timer_get_due_in(&s->timer) <= SPOOL_COALESCE_MS)
        return;
    schedule(s, SPOOL_COALESCE_MS);
}

static void watch_cb(uv_fs_event_t *h, const char *filename, int events, int status)
{
    struct spool *s = h->data;

    (void)filename;
    (void)events;
    if (s->stopping)
        return;
    if (status < 0)
        log_warn("spool.watch_error", "provider=%s error=\"%s\"", s->p->name,
                 uv_strerror(status));
    changed(s);
}

/* Remembers that a writer closed incoming/<name> (or renamed it in) now. */
static void note_closed(struct spool *s, const char *name, int64_t now_ms)
{
    int i = 0;
    while (i < s->nclosed && strcmp(s->closed[i].name, name) != 0)
        i++;
    if (i == SPOOL_CLOSED_MAX)
        return; /* a burst: the rest wait the settle delay */
    snprintf(s->closed[i].name, sizeof s->closed[i].name, "%s", name);
    s->closed[i].at_ms = now_ms;
    if (i == s->nclosed)
        s->nclosed++;
}

/* inotify on incoming/: reads every pending event. */
static void inotify_cb(uv_poll_t *h, int status, int events)
{
    struct spool *s = h->data;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    struct timespec now;
    ssize_t n;

    (void)events;
    if (s->stopping)
        return;
    clock_gettime(CLOCK_REALTIME, &now);
    while (status == 0 && (n = read(s->in_fd, buf, sizeof buf)) > 0) {
        for (char *q = buf; q < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)q;
            if ((ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) && ev->len > 0)
                note_closed(s, ev->name, ts_ms(&now));
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_Q_OVERFLOW))
                s->rewatch = true; /* the directory went, or events were lost */
            q += sizeof *ev + ev->len;
        }
    }
    if (status < 0) {
        log_warn("spool.watch_error", "provider=%s dir=\"%s\" error=\"%s\"", s->p->name,
                 s->incoming, uv_strerror(status));
        s->rewatch = true;
    }
    changed(s);
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
        if (join(path, sizeof path, s->dir, subdirs[i]) < 0) {
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
        rc = uv_poll_start(&s->watch, UV_READABLE, inotify_cb);
    }
    if (rc == 0)
        rc = watch_incoming(s);
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
        rc = uv_fs_event_start(&s->watch_res[k], watch_cb, d, 0);
        if (rc < 0)
            log_warn("spool.watch_failed", "provider=%s dir=\"%s\" error=\"%s\" note=\"polling "
                     "every %d s\"", p->name, d, uv_strerror(rc), SPOOL_RESCAN_MS / 1000);
    }
    s->in_ok = s->out_ok = true;
    update_health(s);
    log_info("spool.started", "provider=%s dir=\"%s\"", p->name, s->dir);
    schedule(s, 0);
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

/* ---- outbound ---------------------------------------------------------- */

static void send_fail_io(struct spool *s, const char *path, int e, send_done_cb done, void *arg)
{
    char msg[PATH_MAX + 128];

    snprintf(msg, sizeof msg, "spool: cannot write %s: %s", path, strerror(e));
    s->out_ok = false;
    snprintf(s->out_status, sizeof s->out_status, "cannot write %s: %s", s->outgoing,
             strerror(e));
    update_health(s);
    log_error("spool.send_failed", "provider=%s error=\"cannot write %s: %s\"", s->p->name, path,
              strerror(e));
    done(arg, SEND_RETRY, NULL, msg);
}

/* Writes the message as an smstools outgoing file and calls done before
 * returning: SEND_OK with the file name, SEND_RETRY on an I/O error (no
 * file is left behind), SEND_FAILED for a number smsd cannot take.
 * Returns 0; -1 without calling done once stop() has begun. */
static int spool_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    struct spool *s = p->impl;
    char name[96], tmpname[112], tmp[PATH_MAX], final[PATH_MAX], ferr[SPOOL_ERROR_MAX];
    char msg[SPOOL_ERROR_MAX + 16], masked[PHONE_MAX];
    const char *body = m->body != NULL ? m->body : "";
    struct spool_out out = {.to = m->to, .body = body, .urgent = m->urgent,
                            .report = s->report, .ucs2 = s->ucs2};
    size_t cap = spoolfile_body_max(strlen(body)) + 160;
    char *buf = NULL;
    long len;
    int fd = -1, e, frc;

    if (s->stopping)
        return -1;
    buf = malloc(cap);
    if (buf == NULL) {
        done(arg, SEND_RETRY, NULL, "spool: out of memory");
        return 0;
    }
    len = spoolfile_format(&out, buf, cap, ferr, sizeof ferr);
    if (len < 0) {
        free(buf);
        snprintf(msg, sizeof msg, "spool: %s", ferr);
        done(arg, SEND_FAILED, NULL, msg);
        return 0;
    }

    /* The seconds keep names unique across restarts, the counter within one. */
    snprintf(name, sizeof name, "gw-%" PRId64 "-%lld-%" PRIu64 "%s", m->id,
             (long long)time(NULL), ++s->seq, m->urgent ? SPOOL_URGENT_SUFFIX : "");
    snprintf(tmpname, sizeof tmpname, ".%s.tmp", name);
    if (join(tmp, sizeof tmp, s->outgoing, tmpname) < 0 ||
        join(final, sizeof final, s->outgoing, name) < 0) {
        free(buf);
        send_fail_io(s, s->outgoing, ENAMETOOLONG, done, arg);
        return 0;
    }

    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, SPOOL_FILE_MODE);
    if (fd < 0) {
        e = errno;
        free(buf);
        send_fail_io(s, tmp, e, done, arg);
        return 0;
    }
    if (write_all(fd, buf, (size_t)len) < 0 || fsync(fd) < 0) {
        e = errno;
        close(fd);
        goto err_tmp;
    }
    if (close(fd) < 0) {
        e = errno;
        goto err_tmp;
    }
    if (rename(tmp, final) < 0) {
        e = errno;
        goto err_tmp;
    }
    frc = fsync_dir(s->outgoing);
    if (frc < 0) {
        /* Not durable: take it back if smsd has not yet, and let the outbox
         * retry; a duplicate is better than a lost message. */
        unlink(final);
        free(buf);
        send_fail_io(s, s->outgoing, -frc, done, arg);
        return 0;
    }
    free(buf);
    if (!s->out_ok) {
        s->out_ok = true;
        update_health(s);
    }
    log_info("spool.sent", "provider=%s id=%" PRId64 " to=%s file=%s urgent=%d", p->name, m->id,
             phone_mask(m->to, masked, sizeof masked), name, m->urgent ? 1 : 0);
    done(arg, SEND_OK, name, NULL);
    return 0;

err_tmp:
    unlink(tmp);
    free(buf);
    send_fail_io(s, tmp, e, done, arg);
    return 0;
}

/* ---- the outgoing backlog ------------------------------------------- */

/* Counts the files waiting in outgoing/ (not our dot-files, not smsd's
 * locks) and their ages, and marks the provider stuck (degraded) while one
 * waits beyond its limit, logging the change either way. */
static int spool_backlog(struct provider *p, struct provider_backlog *b)
{
    struct spool *s = p->impl;
    struct timespec now;
    struct dirent *de;
    DIR *d = opendir(s->outgoing);

    memset(b, 0, sizeof *b);
    if (d == NULL)
        return -1;
    clock_gettime(CLOCK_REALTIME, &now);
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        size_t len = strlen(de->d_name), sl = strlen(SPOOL_URGENT_SUFFIX);
        if (de->d_name[0] == '.' || (len > 5 && strcmp(de->d_name + len - 5, ".LOCK") == 0) ||
            fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        double age = (double)(ts_ms(&now) - ts_ms(&st.st_mtim)) / 1000.0;
        age = age > 0 ? age : 0;
        b->files++;
        if (age > b->oldest_s)
            b->oldest_s = age;
        if (len > sl && strcmp(de->d_name + len - sl, SPOOL_URGENT_SUFFIX) == 0) {
            b->urgent_files++;
            if (age > b->oldest_urgent_s)
                b->oldest_urgent_s = age;
        }
    }
    closedir(d);
    bool urgent = b->oldest_urgent_s > s->urgent_stuck_s, stuck = urgent || b->oldest_s > s->stuck_s;
    if (stuck)
        snprintf(s->out_stuck, sizeof s->out_stuck, "outgoing: %" PRId64 " file%s waiting, the"
                 " oldest%s %.0f s (is smsd sending?)", b->files, b->files == 1 ? "" : "s",
                 urgent ? " urgent one" : "", urgent ? b->oldest_urgent_s : b->oldest_s);
    if (stuck && !s->stuck)
        log_error("spool.outgoing_stuck", "provider=%s files=%" PRId64 " urgent=%" PRId64
                  " oldest_s=%.0f oldest_urgent_s=%.0f", p->name, b->files, b->urgent_files,
                  b->oldest_s, b->oldest_urgent_s);
    else if (!stuck && s->stuck)
        log_info("spool.outgoing_moving", "provider=%s files=%" PRId64, p->name, b->files);
    s->stuck = stuck;
    update_health(s);
    return 0;
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
