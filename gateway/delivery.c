/* delivery.c: delivery reports from providers (Twilio status callbacks,
 * Kannel DLRs, the Android app's states, smsd's sent/ and failed/) ->
 * message state, in one transaction each.
 *
 * A report for an id we never recorded is not an error for the peer: it may
 * be for a message sent before this database existed, or arrive before the
 * send's own result was committed. It is logged and answered "received". */
#include <stdio.h>

#include "gw.h"
#include "log.h"
#include "provider.h"
#include "store.h"

static const char *dlr_state_name(enum dlr_state s)
{
    switch (s) {
    case DLR_SENT: return "sent";
    case DLR_DELIVERED: return "delivered";
    case DLR_FAILED: return "failed";
    }
    return "failed";
}

int gw_delivery_report(struct gw *gw, struct provider *p, const char *provider_msg_id,
                       enum dlr_state state, const char *error, char *err, size_t errlen)
{
    const char *st = dlr_state_name(state);
    struct store_msg_ref ref = {0};
    int64_t now = gw_now(gw);
    int rc = store_begin(gw->store);
    if (rc == STORE_OK) {
        rc = store_msg_delivery(gw->store, p->name, provider_msg_id ? provider_msg_id : "", st,
                                error, now, &ref);
        if (rc == STORE_NOTFOUND) {
            store_rollback(gw->store);
            log_info("delivery.unmatched", "provider=%s id=%s state=%s", p->name,
                     provider_msg_id ? provider_msg_id : "-", st);
            return 0;
        }
        if (rc == STORE_OK)
            rc = store_commit(gw->store);
        else
            store_rollback(gw->store);
    }
    gw_store_result(gw, rc);
    if (rc != STORE_OK) {
        snprintf(err, errlen, "delivery report not recorded: %s", store_errmsg(gw->store));
        log_error("delivery.not_committed", "provider=%s id=%s state=%s error=\"%s\"", p->name,
                  provider_msg_id ? provider_msg_id : "-", st, store_errmsg(gw->store));
        return -1;
    }
    if (state == DLR_FAILED && ref.escalation_id)
        log_error("delivery.escalation_undelivered",
                  "provider=%s message=%lld escalation=%lld error=\"%s\"", p->name,
                  (long long)ref.id, (long long)ref.escalation_id, error ? error : "");
    else
        log_info("delivery.report", "provider=%s message=%lld state=%s%s%s%s", p->name,
                 (long long)ref.id, st, error ? " error=\"" : "", error ? error : "",
                 error ? "\"" : "");
    return 0;
}
