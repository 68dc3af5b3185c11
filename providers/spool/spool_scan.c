/* SPDX-License-Identifier: Apache-2.0 */
/* spool_scan.c: the `spool` provider's directory watching: listing
 * incoming/, sent/ and failed/ oldest first, the inotify watch on incoming/
 * (IN_CLOSE_WRITE, IN_MOVED_TO), the watches on sent/ and failed/, and the
 * one timer that coalesces events, waits for young files to settle, backs
 * off after a failed commit and rescans every 30 s. Its own file because
 * when to look is a separate job from what to do with a file
 * (spool_incoming.c). See spool.c for the whole design. */
#include "spool/spool_internal.h"

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

int64_t spool_ts_ms(const struct timespec *t)
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
            age = now_ms - spool_ts_ms(&st.st_mtim);
            /* Young: smsd may still be writing it. A time far in the
             * future (a clock step) must not hold a message forever. */
            if (age < s->settle_ms && age > -SPOOL_RESCAN_MS &&
                !(dir == s->incoming && known_closed(s, name, spool_ts_ms(&st.st_mtim)))) {
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
            store_failed = spool_process_result(s, dirs[k], v[i].name) == FILE_STORE;
        free_entries(v, n);
        if (store_failed)
            return true;
    }
    return false;
}

/* (Re)adds the inotify watch on incoming/ (a directory removed and made
 * again is another inode: the old watch never fires). Returns 0 or -errno. */
int spool_watch_incoming(struct spool *s)
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
    now_ms = spool_ts_ms(&now);
    spool_index_sweep(s, (int64_t)now.tv_sec);
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
        spool_update_health(s);
        spool_schedule(s, s->backoff_ms);
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
            int wrc = spool_watch_incoming(s);
            s->watching = wrc == 0;
            s->rewatch = wrc != 0; /* e.g. inotify limits: try again next scan */
        }
    }
    for (size_t i = 0; i < n && !s->stopping && !store_failed; i++) {
        char path[PATH_MAX];
        struct stat st;

        /* Symlinks, fifos and devices are moved aside without being
         * opened: opening a device can have effects of its own. */
        if (spool_join(path, sizeof path, s->incoming, v[i].name) == 0 && lstat(path, &st) == 0 &&
            !S_ISREG(st.st_mode)) {
            spool_reject_file(s, v[i].name, S_ISLNK(st.st_mode) ? "a symbolic link (not followed)"
                                                           : "not a regular file");
            continue;
        }
        if (spool_process_file(s, v[i].name) == FILE_STORE) {
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
    spool_update_health(s);
    spool_schedule(s, next);
}

void spool_timer_cb(uv_timer_t *t)
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
    spool_schedule(s, SPOOL_COALESCE_MS);
}

void spool_watch_cb(uv_fs_event_t *h, const char *filename, int events, int status)
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
void spool_inotify_cb(uv_poll_t *h, int status, int events)
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
                note_closed(s, ev->name, spool_ts_ms(&now));
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
