/* scheduler.h: sends check-ins when they are due. The schedule lives in
 * SQLite (clients.next_due_at, indexed); one uv_timer wakes the loop for the
 * earliest due check-in. No per-client timers, no polling. */
#ifndef GW_SCHEDULER_H
#define GW_SCHEDULER_H

#include <stdint.h>

struct gw;
struct scheduler;
struct store_client;

int scheduler_new(struct scheduler **out, struct gw *gw);
/* Re-read the earliest due time and send what is due (after enrolment,
 * checkin-now, a reload, SIGUSR1). Coalesces. */
void scheduler_kick(struct scheduler *s);
/* Closes the timer; calls done(gw) when closed. */
void scheduler_stop(struct scheduler *s, void (*done)(struct gw *gw));
void scheduler_free(struct scheduler *s); /* after stop's done; NULL no-op */

/* The first due time of client c strictly after `after` under the current
 * config; 0 if its schedule is unknown (logged). Used on enrolment and
 * opt-in as well. */
int64_t scheduler_next_due(struct gw *gw, const struct store_client *c, int64_t after);

#endif
