/* SPDX-License-Identifier: Apache-2.0 */
/* plan.h: a client's next scheduled check-in or caring contact, planned
 * from the config and the client's row (the schedule's slots, jitter, quiet
 * hours, a pending one-off). Core, not daemon: the daemon's scheduler and
 * checkinctl (enrol, resume, update) plan alike, and checkinctl links no
 * daemon code. Named scheduler_plan for its callers; the scheduler's timers
 * are in gateway/daemon/scheduler.h. */
#ifndef GW_PLAN_H
#define GW_PLAN_H

#include <stdint.h>

struct caring_slot;
struct gw_config;
struct gw_schedule;
struct store_client;

/* Plans client c's next scheduled check-in under cfg: the first slot of its
 * schedule strictly after `after` into c->next_slot_at, and c->next_due_at =
 * the earlier of that slot's send instant (jitter, quiet hours) and a
 * pending one-off (c->oneoff_at). Pure apart from a log line; writes
 * nothing to the store. Returns 0, or -1 when the client's schedule is not
 * in cfg or its zone is unknown (then next_slot_at = 0 and only a one-off
 * is left). Used on enrolment, opt-in, resume, schedule changes and
 * reloads, by the daemon and by checkinctl alike. */
int scheduler_plan(const struct gw_config *cfg, struct store_client *c, int64_t after);

/* The first slot of client c's schedule sch strictly after `after`: a
 * check-in time (schedule_plan) or a caring contact (caring_next, which
 * fills *cs when not NULL). Returns 0; 1 when a caring plan has nothing
 * left (slot and send 0); -1 on error. */
int scheduler_plan_slot(const struct gw_config *cfg, const struct gw_schedule *sch,
                        const struct store_client *c, int64_t after, int64_t *slot, int64_t *send,
                        struct caring_slot *cs);

#endif
