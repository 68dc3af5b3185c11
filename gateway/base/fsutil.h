/* SPDX-License-Identifier: Apache-2.0 */
/* fsutil.h: THE file-system chores both binaries share, owned here and
 * nowhere else: making a file's parent directories (mkdir -p: the
 * database's and the pid file's, on a fresh checkout's var/) and the pid
 * file (the daemon writes it, checkinctl reads it to signal the daemon).
 * Who owns a new directory is the caller's (daemon/privs.c gives it to
 * daemon.user through the created callback). */
#ifndef GW_FSUTIL_H
#define GW_FSUTIL_H

#include <stddef.h>

/* Called with each directory fsutil_make_parent_dir made (not the ones
 * that were there). */
typedef void (*fsutil_created_fn)(const char *dir, void *arg);

/* mkdir -p of path's parent directory, each new one mode 0750, created
 * (if not NULL) told of each. A path with no '/' before its last element
 * has no parent to make. Returns 0 if the parent is a directory now, -1
 * otherwise (a file in the way, no permission, a path longer than
 * PATH_MAX): callers may leave the error to the open that follows, which
 * names the file. */
int fsutil_make_parent_dir(const char *path, fsutil_created_fn created, void *arg);

/* Writes "<pid>\n" to path (through path.tmp and a rename, so a reader
 * never sees half a number). Returns 0, or -1 with err filled ("cannot
 * write pid file PATH: REASON"). */
int fsutil_write_pid_file(const char *path, long pid, char *err, size_t errlen);

/* Reads the pid file at path into *pid. Returns 0; -1 if it cannot be
 * opened (errno says why: ENOENT when there is none); -2 if it does not
 * hold one process id (a number > 1 and <= INT_MAX on its first line). */
int fsutil_read_pid_file(const char *path, long *pid);

#endif
