/* SPDX-License-Identifier: Apache-2.0 */
/* privs.h: running as the service user when started as root (daemon.user):
 * the user looked up, the directories the gateway needs made with that
 * owner, then the process's groups and ids changed for good. */
#ifndef GW_PRIVS_H
#define GW_PRIVS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct privs_user {
    char name[64];
    uid_t uid;
    gid_t gid;  /* the user's primary group */
    bool set;   /* false: nobody to become (owner of nothing) */
};

/* Looks name up in the passwd database. Returns 0 and *out, or -1 with err
 * filled ("daemon.user: no user \"x\" on this system"). */
int privs_user(const char *name, struct privs_user *out, char *err, size_t errlen);
/* mkdir -p of path's parent directory (mode 0750); each directory made
 * here is given to owner when owner->set (one that existed is left as it
 * is). Errors are left to whoever opens the file, which says which. */
void privs_make_parent_dir(const char *path, const struct privs_user *owner);
/* Becomes u for good: its supplementary groups (e.g. dialout for a modem),
 * its group, its uid; then checks that root cannot be regained. Returns 0,
 * or -1 with err filled. */
int privs_drop(const struct privs_user *u, char *err, size_t errlen);

#endif
