/* SPDX-License-Identifier: Apache-2.0 */
/* spool_outgoing.c: the `spool` provider's writing side: one outgoing
 * file per message (written under a dot-name, fsynced, renamed), and the
 * backlog of outgoing/ that /healthz and /metrics show and that turns the
 * provider degraded when smsd stops sending. Its own file because it
 * shares nothing with the reading side but the directory helpers. */
#include "spool/spool_internal.h"

/* ---- outbound ---------------------------------------------------------- */

static void send_fail_io(struct spool *s, const char *path, int e, send_done_cb done, void *arg)
{
    char msg[PATH_MAX + 128];

    snprintf(msg, sizeof msg, "spool: cannot write %s: %s", path, strerror(e));
    s->out_ok = false;
    snprintf(s->out_status, sizeof s->out_status, "cannot write %s: %s", s->outgoing,
             strerror(e));
    spool_update_health(s);
    log_error("spool.send_failed", "provider=%s error=\"cannot write %s: %s\"", s->p->name, path,
              strerror(e));
    done(arg, SEND_RETRY, NULL, msg);
}

/* Writes the message as an smstools outgoing file and calls done before
 * returning: SEND_OK with the file name, SEND_RETRY on an I/O error (no
 * file is left behind), SEND_FAILED for a number smsd cannot take.
 * Returns 0; -1 without calling done once stop() has begun. */
int spool_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
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
    if (spool_join(tmp, sizeof tmp, s->outgoing, tmpname) < 0 ||
        spool_join(final, sizeof final, s->outgoing, name) < 0) {
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
    if (spool_write_all(fd, buf, (size_t)len) < 0 || fsync(fd) < 0) {
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
    frc = spool_fsync_dir(s->outgoing);
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
        spool_update_health(s);
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
int spool_backlog(struct provider *p, struct provider_backlog *b)
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
        double age = (double)(spool_ts_ms(&now) - spool_ts_ms(&st.st_mtim)) / 1000.0;
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
    spool_update_health(s);
    return 0;
}
