/* SPDX-License-Identifier: Apache-2.0 */
/* delivery.c: delivery reports from providers (Twilio status callbacks,
 * Kannel DLRs, the Android app's states, smsd's sent/ and failed/) ->
 * message state, in one transaction each.
 *
 * A report for an id we never recorded is not an error for the peer: it may
 * be for a message sent before this database existed, or arrive before the
 * send's own result was committed. It is logged and answered "received".
 *
 * An escalation message (988 message, specialist alert) reported
 * undelivered is re-routed in the same transaction: a copy is queued at
 * once that tries the other providers of the urgent route first, and an
 * alert also goes to the specialist's backup (once per escalation). The
 * copies are bounded (DELIVERY_MAX_REROUTES per recipient and escalation),
 * so a number that can never be reached does not loop forever. */
#include <stdio.h>

#include "daemon/gw.h"
#include "base/log.h"
#include "daemon/outbox.h"
#include "provider.h"
#include "store/store.h"

#define DELIVERY_MAX_REROUTES 3

static enum msg_state dlr_msg_state(enum dlr_state s)
{
    switch (s) {
    case DLR_SENT: return MSG_SENT;
    case DLR_DELIVERED: return MSG_DELIVERED;
    case DLR_FAILED: return MSG_FAILED;
    }
    return MSG_FAILED;
}

/* Re-routes undelivered escalation message ref, failed at provider p.
 * Inside the caller's transaction. Returns the number of messages queued
 * (>= 0) or a STORE_* code. */
static int reroute(struct gw *gw, struct provider *p, const struct store_msg_ref *ref,
                   int64_t now)
{
    int64_t n = 0, copy_id = 0;
    int queued = 0, rc;
    char detail[320], subject[24];
    snprintf(subject, sizeof subject, "%lld", (long long)ref->escalation_id);

    if ((rc = store_escalation_msg_count(gw->store, ref->escalation_id, ref->peer, &n)) != 0)
        return rc;
    if (n <= DELIVERY_MAX_REROUTES) {
        if ((rc = store_msg_copy(gw->store, ref->id, NULL, 0, p->name, now, &copy_id)) != 0)
            return rc;
        queued++;
        snprintf(detail, sizeof detail, "message %lld undelivered at %s; copy %lld avoids it",
                 (long long)ref->id, p->name, (long long)copy_id);
        if ((rc = store_audit(gw->store, now, "gateway", "message.rerouted", subject, detail)))
            return rc;
    } else {
        log_error("delivery.reroute_exhausted", "escalation=%lld message=%lld copies=%lld",
                  (long long)ref->escalation_id, (long long)ref->id, (long long)n);
    }

    /* An alert that did not reach its specialist also goes to the backup. */
    struct store_specialist sp, bsp;
    if (!ref->specialist_id || store_specialist_get(gw->store, ref->specialist_id, &sp) != 0)
        return queued;
    const struct gw_specialist *cs = gw_config_specialist(gw->cfg, sp.key);
    const struct gw_specialist *backup = cs && cs->backup[0]
                                             ? gw_config_specialist(gw->cfg, cs->backup) : NULL;
    if (!backup || store_specialist_by_key(gw->store, backup->id, &bsp) != 0)
        return queued;
    if ((rc = store_escalation_msg_count(gw->store, ref->escalation_id, backup->phone, &n)))
        return rc;
    if (n > 0)
        return queued; /* the backup has it already */
    if ((rc = store_msg_copy(gw->store, ref->id, backup->phone, bsp.id, NULL, now, &copy_id)))
        return rc;
    snprintf(detail, sizeof detail, "alert %lld to %s undelivered; copy %lld to backup %s",
             (long long)ref->id, sp.key, (long long)copy_id, backup->id);
    if ((rc = store_audit(gw->store, now, "gateway", "escalation.backup_alerted", subject,
                          detail)))
        return rc;
    return queued + 1;
}

int gw_delivery_report(struct gw *gw, struct provider *p, const char *provider_msg_id,
                       enum dlr_state state, const char *error, char *err, size_t errlen)
{
    enum msg_state ms = dlr_msg_state(state);
    const char *st = msg_state_name(ms);
    const char *pmid = provider_msg_id ? provider_msg_id : "";
    struct store_msg_ref ref = {0};
    int64_t now = gw_now(gw);
    int rerouted = 0;
    int rc;
    gw_count_delivery(gw, p, state == DLR_DELIVERED ? MDLR_DELIVERED
                             : state == DLR_SENT    ? MDLR_SENT : MDLR_FAILED);
    if (!gw->store_ok) {
        snprintf(err, errlen, "delivery report not recorded: database not writable (%s)",
                 gw->store_status);
        return -1;
    }
    rc = store_begin(gw->store);
    if (rc == STORE_OK) {
        rc = store_msg_delivery(gw->store, p->name, pmid, ms, error, now, &ref);
        if (rc == STORE_NOTFOUND) {
            store_rollback(gw->store);
            log_info("delivery.unmatched", "provider=%s id=%s state=%s", p->name,
                     pmid[0] ? pmid : "-", st);
            return 0;
        }
        if (rc == STORE_OK && state == DLR_FAILED && ref.escalation_id) {
            rerouted = reroute(gw, p, &ref, now);
            rc = rerouted < 0 ? rerouted : STORE_OK;
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
                  pmid[0] ? pmid : "-", st, store_errmsg(gw->store));
        return -1;
    }
    if (state == DLR_FAILED && ref.escalation_id) {
        log_error("delivery.escalation_undelivered",
                  "provider=%s message=%lld escalation=%lld rerouted=%d error=\"%s\"", p->name,
                  (long long)ref.id, (long long)ref.escalation_id, rerouted, error ? error : "");
        if (rerouted > 0)
            outbox_kick(gw->outbox);
    } else {
        log_info("delivery.report", "provider=%s message=%lld state=%s%s%s%s", p->name,
                 (long long)ref.id, st, error ? " error=\"" : "", error ? error : "",
                 error ? "\"" : "");
    }
    return 0;
}
