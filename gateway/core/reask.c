/* SPDX-License-Identifier: Apache-2.0 */
/* reask.c: the one re-ask of a pending client's YES (see reask.h). */
#include "core/reask.h"

#include <stdlib.h>

#include "core/notice.h"
#include "model/schedule.h"

struct due {
    struct store_client c[REASK_BATCH];
    int n;
};

static int due_cb(void *ctx, const struct store_client *c)
{
    struct due *d = ctx;
    d->c[d->n++] = *c;
    return 0;
}

int reask_batch(struct store *s, const struct gw_config *cfg, int64_t now, int *more,
                int *quiet)
{
    int hours = cfg->reask_after_hours, queued = 0, rc;
    *more = *quiet = 0;
    if (hours <= 0)
        return 0;
    struct due *d = malloc(sizeof *d);
    if (!d)
        return STORE_ERR;
    d->n = 0;
    if ((rc = store_begin(s)) != STORE_OK) {
        free(d);
        return rc;
    }
    rc = store_clients_reask_due(s, now - (int64_t)hours * 3600, REASK_BATCH, due_cb, d);
    for (int i = 0; rc == STORE_OK && i < d->n; i++) {
        const struct store_client *c = &d->c[i];
        int64_t end = now;
        /* Inside quiet hours: left for a later run (an unknown zone is not
         * quiet; the welcome went out in it too). */
        if (schedule_quiet_end(&cfg->quiet, c->tz, now, &end) == 0 && end > now) {
            (*quiet)++;
            continue;
        }
        if ((rc = notice_queue(s, cfg, c, c->phone, TPL_WELCOME_CONFIRM, MSG_KIND_WELCOME,
                               now)) == STORE_OK &&
            (rc = store_audit(s, now, "gateway", "client.reasked", c->alias, NULL)) == STORE_OK)
            queued++;
    }
    *more = d->n == REASK_BATCH;
    free(d);
    if (rc != STORE_OK) {
        store_rollback(s);
        return rc;
    }
    if ((rc = store_commit(s)) != STORE_OK)
        return rc;
    return queued;
}
