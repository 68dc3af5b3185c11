/* SPDX-License-Identifier: Apache-2.0 */
/* privs.c: see privs.h. */
#include "daemon/privs.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fsutil.h"

int privs_user(const char *name, struct privs_user *out, char *err, size_t errlen)
{
    struct passwd *pw;
    memset(out, 0, sizeof *out);
    errno = 0;
    pw = getpwnam(name);
    if (!pw) {
        snprintf(err, errlen, "daemon.user: no user \"%s\" on this system%s%s", name,
                 errno ? ": " : "", errno ? strerror(errno) : "");
        return -1;
    }
    if (snprintf(out->name, sizeof out->name, "%s", name) >= (int)sizeof out->name) {
        snprintf(err, errlen, "daemon.user: the name \"%s\" is too long", name);
        return -1;
    }
    out->uid = pw->pw_uid;
    out->gid = pw->pw_gid;
    out->set = true;
    return 0;
}

/* fsutil_make_parent_dir's created callback: the new directory to owner. */
static void give_dir(const char *dir, void *arg)
{
    const struct privs_user *owner = arg;
    if (owner && owner->set && chown(dir, owner->uid, owner->gid) != 0)
        fprintf(stderr, "checkin-gateway: cannot give %s to %s: %s\n", dir, owner->name,
                strerror(errno));
}

void privs_make_parent_dir(const char *path, const struct privs_user *owner)
{
    (void)fsutil_make_parent_dir(path, give_dir, (void *)owner);
}

int privs_drop(const struct privs_user *u, char *err, size_t errlen)
{
    if (initgroups(u->name, u->gid) != 0 || setgid(u->gid) != 0 || setuid(u->uid) != 0) {
        snprintf(err, errlen, "cannot become user %s (uid %ld): %s", u->name, (long)u->uid,
                 strerror(errno));
        return -1;
    }
    if (u->uid != 0 && setuid(0) == 0) {
        snprintf(err, errlen, "root could be regained after becoming %s", u->name);
        return -1;
    }
    return 0;
}
