/* SPDX-License-Identifier: Apache-2.0 */
/* inbound_last.c: gw_inbound_last_time(), for providers that reconcile
 * after a restart or an outage. Its own file so that a test which stubs
 * gw_inbound() can still link a provider that calls this. */
#include <stdio.h>

#include "daemon/gw.h"
#include "provider.h"

int gw_inbound_last_time(struct gw *gw, struct provider *p, int64_t *out, char *err,
                         size_t errlen)
{
    int rc = store_inbound_last(gw->store, p->name, out);
    if (rc == STORE_NOTFOUND) {
        *out = 0;
        return 0;
    }
    if (rc != STORE_OK) {
        gw_store_result(gw, rc);
        snprintf(err, errlen, "store: %s", store_errmsg(gw->store));
        return -1;
    }
    return 0;
}
