/* SPDX-License-Identifier: Apache-2.0 */
/* spool_incoming.c: the `spool` provider's reading side: one file of
 * incoming/ (a message or a status report) or of sent/ and failed/ (a
 * result) is read, offered to the host and removed once committed, or moved
 * to rejected/. Its own file because it is the one place a person's words
 * pass from the spool into the gateway (safety rule 1: removed only after
 * the commit); spool_scan.c decides when and in which order files are
 * offered. See spool.c for the spool's layout. */
#include "spool/spool_internal.h"

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

    spool_safe(name, sname, sizeof sname);
    spool_safe(reason, sreason, sizeof sreason);
    if (spool_join(from, sizeof from, s->incoming, name) < 0)
        goto out;
    for (int i = 0; i < 1000; i++) {
        if (i == 0)
            snprintf(target, sizeof target, "%s", name);
        else
            snprintf(target, sizeof target, "%s.%d", name, i);
        if (spool_join(to, sizeof to, s->rejected, target) < 0)
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
        spool_fsync_dir(s->rejected);
        spool_fsync_dir(s->incoming);
        log_event(lvl, "spool.rejected",
                  "provider=%s file=\"%s\" moved_to=\"rejected/%s\" reason=\"%s\"", s->p->name,
                  sname, spool_safe(target, to, sizeof to), sreason);
        return 0;
    }
out:
    log_error("spool.reject_failed",
              "provider=%s file=\"%s\" reason=\"%s\" error=\"cannot move it to %s: %s\"",
              s->p->name, sname, sreason, s->rejected, strerror(e));
    return -1;
}

int spool_reject_file(struct spool *s, const char *name, const char *reason)
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
        return spool_reject_file(s, name, reason) == 0 ? 1 : -1;
    log_warn("spool.result_unreadable", "provider=%s dir=\"%s\" file=\"%s\" reason=\"%s\"",
             s->p->name, dir, spool_safe(name, sname, sizeof sname), reason);
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
    spool_safe(name, sname, sizeof sname);
    if (spool_join(path, sizeof path, dir, name) < 0)
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

    spool_safe(name, sname, sizeof sname);
    if (spool_join(path, sizeof path, dir, name) == 0 && lstat(path, &st2) == 0 &&
        st2.st_dev == st->st_dev && st2.st_ino == st->st_ino && st2.st_size == st->st_size &&
        st2.st_mtim.tv_sec == st->st_mtim.tv_sec && st2.st_mtim.tv_nsec == st->st_mtim.tv_nsec) {
        if (unlink(path) < 0 && errno != ENOENT) {
            log_error("spool.remove_failed", "provider=%s file=\"%s\" error=\"%s\" note=\"committed;"
                      " it will be offered again and de-duplicated\"", s->p->name, sname,
                      strerror(errno));
        } else {
            int frc = spool_fsync_dir(dir);
            if (frc < 0)
                log_warn("spool.fsync_failed", "provider=%s dir=\"%s\" error=\"%s\"", s->p->name,
                         dir, strerror(-frc));
        }
    } else {
        log_warn("spool.file_changed", "provider=%s file=\"%s\" note=\"changed while read; "
                 "left for the next scan\"", s->p->name, sname);
    }
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

    spool_safe(name, sname, sizeof sname);
    if (spoolfile_parse_report(in->body, in->body_len, &rp, perr, sizeof perr) < 0) {
        reject_file_at(s, name, perr, LL_WARN);
        return FILE_DONE;
    }
    phone_mask(in->from, masked, sizeof masked);
    if (spool_index_get(s, in->from, rp.message_id, file, sizeof file) < 0) {
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
                 s->p->name, sname, file, spool_safe(rp.status_text, serr, sizeof serr));
        remove_committed(s, s->incoming, name, st);
        return FILE_DONE;
    }
    err[0] = '\0';
    if (s->p->host->delivery_report(s->p, file,
                           state == SPOOL_REPORT_DELIVERED ? DLR_DELIVERED : DLR_FAILED,
                           state == SPOOL_REPORT_DELIVERED ? NULL : rp.status_text, err,
                           sizeof err) != 0) {
        spool_safe(err[0] ? err : "unknown error", serr, sizeof serr);
        log_warn("spool.report_deferred", "provider=%s file=\"%s\" error=\"%s\"", s->p->name,
                 sname, serr);
        snprintf(s->in_status, sizeof s->in_status, "delivery reports delayed: %.160s", serr);
        return FILE_STORE;
    }
    if (spool_index_path(s, in->from, rp.message_id, ipath, sizeof ipath) == 0)
        unlink(ipath);
    remove_committed(s, s->incoming, name, st);
    return FILE_DONE;
}

/* A file of ours in sent/ or failed/: records sent or failed for the
 * message it names, indexes its Message_id for the status report to come,
 * then removes it. See enum file_rc. */
enum file_rc spool_process_result(struct spool *s, const char *dir, const char *name)
{
    struct spool_result res;
    struct stat st;
    char perr[SPOOL_ERROR_MAX], err[256], serr[256], sname[128];
    const char *id = name, *why = NULL;
    char *buf = NULL;
    size_t len = 0;
    bool failed = dir == s->failed;
    int r;

    spool_safe(name, sname, sizeof sname);
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
        spool_index_put(s, res.to, res.message_id, id);

    err[0] = '\0';
    if (s->p->host->delivery_report(s->p, id, failed ? DLR_FAILED : DLR_SENT, why, err,
                           sizeof err) != 0) {
        spool_safe(err[0] ? err : "unknown error", serr, sizeof serr);
        log_warn("spool.result_deferred", "provider=%s file=\"%s\" error=\"%s\"", s->p->name,
                 sname, serr);
        snprintf(s->in_status, sizeof s->in_status, "delivery reports delayed: %.160s", serr);
        return FILE_STORE;
    }
    log_info(failed ? "spool.failed" : "spool.smsd_sent", "provider=%s file=\"%s\"%s%s%s",
             s->p->name, sname, why ? " reason=\"" : "",
             why ? spool_safe(why, serr, sizeof serr) : "", why ? "\"" : "");
    remove_committed(s, dir, name, &st);
    return FILE_DONE;
}

/* Offers one incoming file to the gateway; see enum file_rc. */
enum file_rc spool_process_file(struct spool *s, const char *name)
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

    spool_safe(name, sname, sizeof sname);
    r = read_spool_file(s, s->incoming, name, &buf, &len, &st);
    if (r != 0)
        return r > 0 ? FILE_DONE : FILE_LATER;

    if (spoolfile_parse(buf, len, &in, perr, sizeof perr) < 0) {
        spool_reject_file(s, name, perr);
        goto out;
    }
    if (in.is_status_report) {
        rc = process_report(s, name, &in, &st);
        goto out;
    }
    if (phone_normalize(in.from, from) < 0) {
        spool_reject_file(s, name, "From is not a full international number (E.164)");
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
        spool_reject_file(s, name, perr);
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
        spool_safe(err[0] ? err : "unknown error", serr, sizeof serr);
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
