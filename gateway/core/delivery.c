/* SPDX-License-Identifier: Apache-2.0 */
/* delivery.c: delivery reports from providers (Twilio status callbacks,
 * Kannel DLRs, the Android app's states, smsd's sent/ and failed/) ->
 * message state, in one transaction each.
 *
 * A report for an id no message carries is not an error for the peer: it
 * may be for a message sent before this database existed, or it overtook
 * the send's own result (a Kannel DLR posted while the sendsms answer is
 * still on its way, a status callback before the HTTP response). The
 * second kind must not be lost, so a "delivered" or "failed" report for an
 * unknown id is held in the store (table delivery_held), and the outbox
 * applies it in the same transaction that records the send's provider id
 * (gw_delivery_replay): an early "delivered" ends delivered, and a "failed"
 * held beside it follows the store's forward-only rule in arrival order.
 *
 * Held in the store rather than in memory: it then shares the transaction
 * that records the id (applied exactly when the id is committed; a failed
 * commit retries both), it survives a reload, and expiry and the bound are
 * one statement each. (After a crash the send it waits for is normally
 * sent again under a new id; its row then expires.) Bounds: a report never
 * matched is dropped after DELIVERY_HOLD_SECONDS (logged, counted), and
 * each provider holds at most DELIVERY_HOLD_MAX (the oldest go). Reports
 * reach us only after the provider's own check (Kannel's secret, Twilio's
 * signature, the Android app's signing key); the cap keeps even a leaked
 * secret from growing the table without end.
 *
 * Not held: a report for a known message that would not move it forward
 * (a "failed" after "delivered"), a "sent" report (the outbox records
 * "sent" itself) and one without an id. All are answered "received".
 *
 * An escalation message (988 message, specialist alert) reported
 * undelivered is re-routed in the same transaction: a copy is queued at
 * once that tries the other providers of the urgent route first, and an
 * alert also goes to the specialist's backup (once per escalation). The
 * copies are bounded (DELIVERY_MAX_REROUTES per recipient and escalation),
 * so a number that can never be reached does not loop forever.
 *
 * The core's part only (core/core.h): the provider comes in as its name,
 * the clock through core_io. Counting for /metrics and waking the outbox
 * for a re-routed copy, after the COMMIT, are the daemon's
 * (daemon/delivery_report.c and daemon/outbox.c), from what these return. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/delivery.h"
#include "base/log.h"
#include "config/config.h"
#include "core/core.h"
#include "store/store.h"

#define DELIVERY_MAX_REROUTES 3

/* Re-routes undelivered escalation message ref, failed at provider pname.
 * Inside the caller's transaction. Returns the number of messages queued
 * (>= 0) or a STORE_* code. */
static int reroute(struct core *core, const char *pname, const struct store_msg_ref *ref,
                   int64_t now)
{
    int64_t n = 0, copy_id = 0;
    int queued = 0, rc;
    char detail[320], subject[24];
    snprintf(subject, sizeof subject, "%lld", (long long)ref->escalation_id);

    if ((rc = store_escalation_msg_count(core->store, ref->escalation_id, ref->peer, &n)) != 0)
        return rc;
    if (n <= DELIVERY_MAX_REROUTES) {
        if ((rc = store_msg_copy(core->store, ref->id, NULL, 0, pname, now, &copy_id)) != 0)
            return rc;
        queued++;
        snprintf(detail, sizeof detail, "message %lld undelivered at %s; copy %lld avoids it",
                 (long long)ref->id, pname, (long long)copy_id);
        if ((rc = store_audit(core->store, now, "gateway", "message.rerouted", subject, detail)))
            return rc;
    } else {
        log_error("delivery.reroute_exhausted", "escalation=%lld message=%lld copies=%lld",
                  (long long)ref->escalation_id, (long long)ref->id, (long long)n);
    }

    /* An alert that did not reach its specialist also goes to the backup. */
    struct store_specialist sp, bsp;
    if (!ref->specialist_id || store_specialist_get(core->store, ref->specialist_id, &sp) != 0)
        return queued;
    const struct gw_specialist *cs = gw_config_specialist(core->cfg, sp.key);
    const struct gw_specialist *backup = cs && cs->backup[0]
                                             ? gw_config_specialist(core->cfg, cs->backup) : NULL;
    if (!backup || store_specialist_by_key(core->store, backup->id, &bsp) != 0)
        return queued;
    if ((rc = store_escalation_msg_count(core->store, ref->escalation_id, backup->phone, &n)))
        return rc;
    if (n > 0)
        return queued; /* the backup has it already */
    if ((rc = store_msg_copy(core->store, ref->id, backup->phone, bsp.id, NULL, now, &copy_id)))
        return rc;
    snprintf(detail, sizeof detail, "alert %lld to %s undelivered; copy %lld to backup %s",
             (long long)ref->id, sp.key, (long long)copy_id, backup->id);
    if ((rc = store_audit(core->store, now, "gateway", "escalation.backup_alerted", subject,
                          detail)))
        return rc;
    return queued + 1;
}

/* Applies one report inside the caller's transaction: the state, and the
 * re-route of an undelivered escalation message (*rerouted copies).
 * STORE_OK, STORE_NOTFOUND (no message with that id, or it would not move
 * forward) or a STORE_* error. */
/* The message state a delivery report moves a message to. */
static enum msg_state dlr_msg_state(enum dlr_state s)
{
    switch (s) {
    case DLR_SENT: return MSG_SENT;
    case DLR_DELIVERED: return MSG_DELIVERED;
    case DLR_FAILED: return MSG_FAILED;
    }
    return MSG_FAILED;
}

static int apply(struct core *core, const char *pname, const char *pmid, enum dlr_state state,
                 const char *error, int64_t now, struct store_msg_ref *ref, int *rerouted)
{
    int rc = store_msg_delivery(core->store, pname, pmid, dlr_msg_state(state), error, now, ref);
    *rerouted = 0;
    if (rc == STORE_OK && state == DLR_FAILED && ref->escalation_id) {
        *rerouted = reroute(core, pname, ref, now);
        rc = *rerouted < 0 ? *rerouted : STORE_OK;
    }
    return rc;
}

/* The log line of an applied report (late: it was held first). */
static void applied(const char *pname, const struct store_msg_ref *ref, enum dlr_state state,
                    const char *error, int rerouted, bool late)
{
    const char *l = late ? " late=1" : "";
    if (state == DLR_FAILED && ref->escalation_id) {
        log_error("delivery.escalation_undelivered",
                  "provider=%s message=%lld escalation=%lld rerouted=%d error=\"%s\"%s", pname,
                  (long long)ref->id, (long long)ref->escalation_id, rerouted,
                  error ? error : "", l);
    } else {
        log_info("delivery.report", "provider=%s message=%lld state=%s%s%s%s%s", pname,
                 (long long)ref->id, dlr_state_name(state), error ? " error=\"" : "",
                 error ? error : "", error ? "\"" : "", l);
    }
}

/* A report that changed no message, inside the caller's open transaction
 * (ended here): held when no message carries the id yet (out->held,
 * out->dropped), else only logged. Returns STORE_OK or a STORE_* error. */
static int unmatched(struct core *core, const char *pname, const char *pmid,
                     enum dlr_state state, const char *error, int64_t now,
                     struct delivery_outcome *out)
{
    const char *st = dlr_state_name(state);
    int known = pmid[0] ? store_msg_known(core->store, pname, pmid) : 0;
    if (known != 0 || state == DLR_SENT || !pmid[0]) {
        store_rollback(core->store);
        if (known > 0)
            log_info("delivery.unchanged", "provider=%s id=%s state=%s reason=\"the message"
                     " is past that state\"", pname, pmid, st);
        else if (known == 0)
            log_info("delivery.unmatched", "provider=%s id=%s state=%s", pname,
                     pmid[0] ? pmid : "-", st);
        return known < 0 ? known : STORE_OK;
    }
    int dropped = store_dlr_hold(core->store, pname, pmid, dlr_msg_state(state), error, now,
                                 DELIVERY_HOLD_MAX);
    int rc = dropped < 0 ? dropped : store_commit(core->store);
    if (rc != STORE_OK) {
        if (dropped < 0)
            store_rollback(core->store);
        return rc;
    }
    out->held = true;
    out->dropped = dropped;
    log_info("delivery.held", "provider=%s id=%s state=%s reason=\"no message has this id yet;"
             " applied when the outbox records it\"", pname, pmid, st);
    if (dropped > 0)
        log_warn("delivery.held_dropped", "provider=%s count=%d reason=\"more than %d held\"",
                 pname, dropped, DELIVERY_HOLD_MAX);
    return STORE_OK;
}

static enum dlr_state dlr_state_of(enum msg_state s)
{
    return s == MSG_DELIVERED ? DLR_DELIVERED : s == MSG_SENT ? DLR_SENT : DLR_FAILED;
}

int delivery_replay(struct core *core, const char *provider, const char *provider_msg_id,
                    int64_t now, struct delivery_late *late)
{
    struct store_dlr_held held[STORE_DLR_STATES];
    late->n = 0;
    int n = store_dlr_take(core->store, provider, provider_msg_id, now - DELIVERY_HOLD_SECONDS,
                           held);
    for (int i = 0; i < n; i++) {
        enum dlr_state state = dlr_state_of(held[i].state);
        const char *error = held[i].error[0] ? held[i].error : NULL;
        struct store_msg_ref ref = {0};
        int rerouted = 0;
        int rc = apply(core, provider, provider_msg_id, state, error, now, &ref, &rerouted);
        if (rc == STORE_NOTFOUND)
            continue; /* e.g. a "failed" held after a "delivered" */
        if (rc != STORE_OK)
            return rc;
        late->r[late->n].ref = ref;
        late->r[late->n].state = (int)state;
        late->r[late->n].rerouted = rerouted;
        late->r[late->n].held_s = now - held[i].received_at;
        snprintf(late->r[late->n].error, sizeof late->r[late->n].error, "%s", held[i].error);
        late->n++;
    }
    return n < 0 ? n : late->n;
}

int delivery_replayed(const char *provider, const struct delivery_late *late)
{
    int rerouted = 0;
    for (int i = 0; i < late->n; i++) {
        applied(provider, &late->r[i].ref, (enum dlr_state)late->r[i].state,
                late->r[i].error[0] ? late->r[i].error : NULL, late->r[i].rerouted, true);
        rerouted += late->r[i].rerouted;
    }
    return rerouted;
}

struct expiry {
    struct core *core;
    int *expired;
};

static void expired_cb(void *ctx, const struct store_dlr_held *r)
{
    struct expiry *x = ctx;
    (*x->expired)++;
    log_warn("delivery.held_expired", "provider=%s id=%s state=%s held_seconds=%lld"
             " reason=\"no message was recorded with this id\"", r->provider, r->provider_msg_id,
             msg_state_name(r->state), (long long)(core_now(x->core) - r->received_at));
}

int delivery_expire(struct core *core, int64_t now, int *expired)
{
    struct expiry x = {.core = core, .expired = expired};
    *expired = 0;
    return store_dlr_expire(core->store, now - DELIVERY_HOLD_SECONDS, expired_cb, &x);
}

int delivery_report(struct core *core, const char *provider, const char *provider_msg_id,
                    enum dlr_state state, const char *error, struct delivery_outcome *out)
{
    const char *pmid = provider_msg_id ? provider_msg_id : "";
    struct store_msg_ref ref = {0};
    int64_t now = core_now(core);
    int rc;
    *out = (struct delivery_outcome){0};
    if ((rc = store_begin(core->store)) != STORE_OK)
        return rc;
    rc = apply(core, provider, pmid, state, error, now, &ref, &out->rerouted);
    if (rc == STORE_NOTFOUND)
        return unmatched(core, provider, pmid, state, error, now, out);
    if (rc == STORE_OK)
        rc = store_commit(core->store);
    else
        store_rollback(core->store);
    if (rc == STORE_OK)
        applied(provider, &ref, state, error, out->rerouted, false);
    return rc;
}
