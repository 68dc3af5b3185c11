/* SPDX-License-Identifier: Apache-2.0 */
/* delivery.h: delivery reports -> message state (delivery.c), and the
 * reports that overtake their send, held until the send's provider id is
 * recorded. The provider host's upward call (gw_delivery_report in
 * daemon/delivery_report.c) and the outbox hand the core the provider's
 * name and the report's values; counting for /metrics and waking the
 * outbox after the COMMIT are the daemon's part. */
#ifndef GW_CORE_DELIVERY_H
#define GW_CORE_DELIVERY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/sms.h"
#include "store/store.h"

struct core;

/* How long a report for an id no message carries is held, and how many are
 * held per provider at most (the oldest go first). */
#define DELIVERY_HOLD_SECONDS 3600
#define DELIVERY_HOLD_MAX 1000

/* What one report did, for the daemon's counters and wake-ups. */
struct delivery_outcome {
    int rerouted; /* copies queued for an undelivered escalation message */
    bool held;    /* kept for a send whose id is not recorded yet */
    int dropped;  /* older held reports pushed out by it (DELIVERY_HOLD_MAX) */
};

/* Records a delivery report from provider (its instance name) for the
 * message it sent as provider_msg_id (NULL or "": none), in one
 * transaction of its own: the state, the re-route of an undelivered
 * escalation message, or the report held when no message carries the id
 * yet. Logs what it did once committed. Fills *out. Returns STORE_OK
 * (also when the report changes nothing), or the STORE_* code of a
 * failure (nothing committed; not logged: the caller says so). */
int delivery_report(struct core *core, const char *provider, const char *provider_msg_id,
                    enum dlr_state state, const char *error, struct delivery_outcome *out);

/* What replaying held reports did, for the log and /metrics after commit. */
struct delivery_late {
    int n;
    struct {
        struct store_msg_ref ref;
        int state;        /* enum dlr_state */
        int rerouted;     /* copies queued for an undelivered escalation message */
        int64_t held_s;   /* how long it was held */
        char error[256];
    } r[STORE_DLR_STATES];
};

/* Inside the caller's transaction, right after the outbox recorded
 * provider_msg_id for a message sent through provider: applies the reports
 * held for that id (in arrival order, by the store's forward-only rule)
 * and removes them. Fills *late. Returns the number applied (>= 0) or a
 * STORE_* code. */
int delivery_replay(struct core *core, const char *provider, const char *provider_msg_id,
                    int64_t now, struct delivery_late *late);
/* After the caller's commit: logs what delivery_replay did. Returns the
 * number of re-routed copies it queued (the outbox has work when > 0). */
int delivery_replayed(const char *provider, const struct delivery_late *late);
/* Removes held reports older than DELIVERY_HOLD_SECONDS, with a log line
 * each, counted into *expired. Returns the number removed or a STORE_*
 * code. */
int delivery_expire(struct core *core, int64_t now, int *expired);

#endif
