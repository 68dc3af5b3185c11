/* SPDX-License-Identifier: Apache-2.0 */
/* inbound_sync.c: gw_inbound(), the synchronous form of the group commit,
 * for providers that act on the outcome at once (spool, modem, the Twilio
 * reconciliation): it queues the message and commits the queue now. In a
 * file of its own so a unit test can link its own gw_inbound instead. */
#include <stdio.h>

#include "daemon/gw.h"
#include "provider.h"

/* gw_inbound's own callback: the outcome into the caller's frame. */
struct sync_outcome {
    int rc;
    char *err;
    size_t errlen;
};

static void sync_done(void *arg, int rc, const char *err)
{
    struct sync_outcome *o = arg;
    o->rc = rc;
    if (rc != 0)
        snprintf(o->err, o->errlen, "%s", err);
}

int gw_inbound(struct gw *gw, struct provider *p, const struct inmsg *m, char *err,
               size_t errlen)
{
    struct sync_outcome o = {.rc = -1, .err = err, .errlen = errlen};
    if (gw_inbound_queue(gw, p, m, sync_done, &o, err, errlen) != 0)
        return -1;
    gw_inbound_flush(gw);
    return o.rc;
}
