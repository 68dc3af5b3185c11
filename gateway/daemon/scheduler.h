/* SPDX-License-Identifier: Apache-2.0 */
/* scheduler.h: sends check-ins and reminders when they are due, records
 * missed check-ins and ends pauses. The schedule lives in SQLite
 * (clients.next_due_at and friends, indexed); one uv_timer wakes the loop
 * for the earliest of: a due check-in, a due reminder, the end of a reply
 * window, the end of a pause. No per-client timers, no polling. */
#ifndef GW_SCHEDULER_H
#define GW_SCHEDULER_H

#include <stdint.h>

#include "core/plan.h"

struct gw;
struct gw_config;
struct scheduler;
struct store_client;

int scheduler_new(struct scheduler **out, struct gw *gw);
/* Re-read the earliest due time and send what is due (after enrolment,
 * checkin-now, a reload, SIGUSR1). Coalesces. */
void scheduler_kick(struct scheduler *s);
/* After a reload: the clients whose schedule changed (or every client, if
 * the quiet hours changed) get their next check-in computed again under
 * cfg, in batches between loop turns. old is the config being replaced
 * (still valid during the call). */
void scheduler_reconfigure(struct scheduler *s, const struct gw_config *old,
                           const struct gw_config *cfg);
/* Closes the timers; calls done(gw) when closed. */
void scheduler_stop(struct scheduler *s, void (*done)(struct gw *gw));
void scheduler_free(struct scheduler *s); /* after stop's done; NULL no-op */
/* scheduler_plan (a client's next check-in) is in core/plan.h. */

#endif
