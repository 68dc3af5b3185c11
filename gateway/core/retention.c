/* SPDX-License-Identifier: Apache-2.0 */
/* retention.c: removing old message bodies (see retention.h). */
#include "core/retention.h"

#include <stdio.h>

#include "store/store.h"

int retention_batch(struct store *s, int days, int64_t now, const char *actor)
{
    char detail[96];
    int rc, n;
    if (days <= 0)
        return 0;
    if ((rc = store_begin(s)) != STORE_OK)
        return rc;
    int64_t before = now - (int64_t)days * 86400;
    if ((n = store_purge_bodies(s, before, now, RETENTION_BATCH)) < 0) {
        store_rollback(s);
        return n;
    }
    if (n > 0) {
        snprintf(detail, sizeof detail, "bodies=%d older_than_days=%d", n, days);
        if ((rc = store_audit(s, now, actor, "retention.bodies_removed", NULL, detail)) !=
            STORE_OK) {
            store_rollback(s);
            return rc;
        }
    }
    if ((rc = store_commit(s)) != STORE_OK)
        return rc;
    return n;
}
