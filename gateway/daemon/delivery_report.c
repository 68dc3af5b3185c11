/* SPDX-License-Identifier: Apache-2.0 */
/* delivery_report.c: the daemon's side of delivery reports (the rules are
 * core/delivery.c's): gw_delivery_report, the provider host's upward call,
 * counts the report for /metrics, refuses it while the store cannot write,
 * hands the core the provider's name and the report's values, and after
 * the COMMIT counts held reports and wakes the outbox for a re-routed
 * copy; gw_delivery_expire is the outbox sweep's removal of held reports
 * no send claimed, with its counter. */
#include <stdio.h>

#include "base/log.h"
#include "core/delivery.h"
#include "daemon/gw.h"
#include "daemon/outbox.h"

int gw_delivery_report(struct gw *gw, struct provider *p, const char *provider_msg_id,
                       enum dlr_state state, const char *error, char *err, size_t errlen)
{
    struct delivery_outcome out;
    gw_count_delivery(gw, p, state == DLR_DELIVERED ? MDLR_DELIVERED
                             : state == DLR_SENT    ? MDLR_SENT : MDLR_FAILED);
    if (!gw->store_ok) {
        snprintf(err, errlen, "delivery report not recorded: database not writable (%s)",
                 gw->store_status);
        return -1;
    }
    int rc = delivery_report(&gw->core, p->name, provider_msg_id, state, error, &out);
    gw_store_result(gw, rc);
    if (rc != STORE_OK) {
        snprintf(err, errlen, "delivery report not recorded: %s", store_errmsg(gw->store));
        log_error("delivery.not_committed", "provider=%s id=%s state=%s error=\"%s\"", p->name,
                  provider_msg_id && provider_msg_id[0] ? provider_msg_id : "-",
                  dlr_state_name(state), store_errmsg(gw->store));
        return -1;
    }
    if (out.held)
        gw->metrics.dlr_held[MHELD_HELD]++;
    gw->metrics.dlr_held[MHELD_DROPPED] += (uint64_t)out.dropped;
    if (out.rerouted > 0)
        outbox_kick(gw->outbox);
    return 0;
}

int gw_delivery_expire(struct gw *gw, int64_t now)
{
    int expired = 0;
    int n = delivery_expire(&gw->core, now, &expired);
    gw->metrics.dlr_held[MHELD_EXPIRED] += (uint64_t)expired;
    return n;
}
