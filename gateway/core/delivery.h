/* SPDX-License-Identifier: Apache-2.0 */
/* delivery.h: delivery reports that overtake their send (delivery.c). The
 * report itself comes in through gw_delivery_report (daemon/gw.h, the
 * provider host's upward call); these are the outbox's and the sweep's side
 * of the reports held until the send's provider id is recorded. */
#ifndef GW_CORE_DELIVERY_H
#define GW_CORE_DELIVERY_H

#include <stdint.h>

#include "store/store.h"

struct gw;
struct provider;

/* How long a report for an id no message carries is held, and how many are
 * held per provider at most (the oldest go first). */
#define DELIVERY_HOLD_SECONDS 3600
#define DELIVERY_HOLD_MAX 1000

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
 * provider_msg_id for a message sent through p: applies the reports held for
 * that id (in arrival order, by the store's forward-only rule) and removes
 * them. Fills *late. Returns the number applied (>= 0) or a STORE_* code. */
int gw_delivery_replay(struct gw *gw, struct provider *p, const char *provider_msg_id,
                       int64_t now, struct delivery_late *late);
/* After the caller's commit: logs and counts what gw_delivery_replay did and
 * wakes the outbox for any re-routed copy. */
void gw_delivery_replayed(struct gw *gw, struct provider *p, const struct delivery_late *late);
/* Removes held reports older than DELIVERY_HOLD_SECONDS, with a log line and
 * the expired counter each. Returns the number removed or a STORE_* code. */
int gw_delivery_expire(struct gw *gw, int64_t now);

#endif
