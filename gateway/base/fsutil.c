/* SPDX-License-Identifier: Apache-2.0 */
/* fsutil.c: mkdir -p and the pid file (see fsutil.h). */
#include "base/fsutil.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void make_dir(const char *dir, fsutil_created_fn created, void *arg)
{
    if (mkdir(dir, 0750) == 0 && created)
        created(dir, arg);
}

int fsutil_make_parent_dir(const char *path, fsutil_created_fn created, void *arg)
{
    char buf[PATH_MAX];
    struct stat st;
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return 0; /* the current directory or / */
    *slash = '\0';
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            make_dir(buf, created, arg);
            *p = '/';
        }
    }
    make_dir(buf, created, arg);
    if (stat(buf, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int fsutil_write_pid_file(const char *path, long pid, char *err, size_t errlen)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%ld\n", pid) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot write pid file %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int fsutil_read_pid_file(const char *path, long *pid)
{
    char line[64];
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    bool got = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *end = NULL;
    errno = 0;
    long v = got ? strtol(line, &end, 10) : 0;
    if (!got || errno || end == line || (*end != '\n' && *end != '\0') || v <= 1 || v > INT_MAX)
        return -2;
    *pid = v;
    return 0;
}
