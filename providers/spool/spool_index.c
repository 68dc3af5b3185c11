/* SPDX-License-Identifier: Apache-2.0 */
/* spool_index.c: the `spool` provider's report index, reports/
 * "<to>.<Message_id>" -> our file name, so a status report from smsd finds
 * the message it is about. Its own file because it is a small store of its
 * own with its own expiry, shared by the result reader (which writes it)
 * and the report reader (which looks it up). */
#include "spool/spool_internal.h"

/* "<reports>/<to digits>.<message id>" into out. Returns 0 or -1. */
int spool_index_path(struct spool *s, const char *to, int message_id, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, "%s/%s.%d", s->reports, to[0] == '+' ? to + 1 : to, message_id);
    return (n < 0 || (size_t)n >= outsz) ? -1 : 0;
}

/* Records which of our files smsd sent as Message_id to `to`, replacing an
 * older entry (the SMSC's ids wrap at 256: the newest is the one a report is
 * about). Written under a dot-name and renamed. Returns 0 or -1 (logged). */
int spool_index_put(struct spool *s, const char *to, int message_id, const char *file)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    int fd, e = 0;

    if (spool_index_path(s, to, message_id, path, sizeof path) < 0 ||
        snprintf(tmp, sizeof tmp, "%s/.%s.%d.tmp", s->reports, to, message_id) >=
            (int)sizeof tmp)
        return -1;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, SPOOL_FILE_MODE);
    if (fd < 0) {
        e = errno;
    } else {
        if (spool_write_all(fd, file, strlen(file)) < 0)
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
int spool_index_get(struct spool *s, const char *to, int message_id, char *out, size_t outsz)
{
    char path[PATH_MAX];
    ssize_t n;
    int fd;

    if (spool_index_path(s, to, message_id, path, sizeof path) < 0)
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
void spool_index_sweep(struct spool *s, int64_t now)
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
