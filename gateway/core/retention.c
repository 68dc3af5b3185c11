/* SPDX-License-Identifier: Apache-2.0 */
/* retention.c: removing old message bodies (see retention.h). */
#include "core/retention.h"

#include <stdio.h>

#include "daemon/gw.h"
#include "base/log.h"

#define DAY_MS (24ull * 3600 * 1000)

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

uint64_t retention_tick(struct gw *gw)
{
    int days = gw->cfg->retention_days;
    if (days <= 0)
        return DAY_MS;
    int n = retention_batch(gw->store, days, gw_now(gw), "gateway");
    gw_store_result(gw, n < 0 ? n : STORE_OK);
    if (n < 0) {
        log_error("retention.failed", "error=\"%s\"", store_errmsg(gw->store));
        return 60 * 1000;
    }
    if (n > 0)
        log_info("retention.bodies_removed", "count=%d older_than_days=%d", n, days);
    /* A backlog continues after 1 ms, not 0: libuv 1.44 runs a timer
     * re-armed with 0 again in the same pass, before any I/O. */
    return n == RETENTION_BATCH ? 1 : DAY_MS;
}
