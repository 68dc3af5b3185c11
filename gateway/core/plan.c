/* SPDX-License-Identifier: Apache-2.0 */
/* plan.c: a client's next scheduled check-in (see plan.h). */
#include "core/plan.h"

#include "base/log.h"
#include "config/config.h"
#include "model/caring.h"
#include "model/schedule.h"
#include "store/store.h"

int scheduler_plan_slot(const struct gw_config *cfg, const struct gw_schedule *sch,
                        const struct store_client *c, int64_t after, int64_t *slot,
                        int64_t *send, struct caring_slot *cs)
{
    struct caring_slot tmp;
    if (sch->kind != SCHED_CARING)
        return schedule_plan(sch, &cfg->quiet, c->tz, c->id, after, slot, send);
    if (!cs)
        cs = &tmp;
    int rc = caring_next(sch, &cfg->quiet, c->tz, c->id, c->created_at, c->birthday, after, cs);
    *slot = rc == 0 ? cs->slot : 0;
    *send = rc == 0 ? cs->send : 0;
    return rc;
}

int scheduler_plan(const struct gw_config *cfg, struct store_client *c, int64_t after)
{
    const struct gw_schedule *sch = gw_config_schedule(cfg, c->schedule);
    int64_t slot = 0, send = 0;
    int rc = 0, prc;
    if (!sch) {
        log_error("schedule.unknown", "client=%s schedule=%s reason=\"not in the config;"
                  " no check-ins until it is\"", c->alias, c->schedule);
        rc = -1;
    } else if ((prc = scheduler_plan_slot(cfg, sch, c, after, &slot, &send, NULL)) == 1) {
        log_info("caring.plan_done", "client=%s schedule=%s reason=\"no caring contact left\"",
                 c->alias, c->schedule);
    } else if (prc != 0) {
        log_error("schedule.failed", "client=%s schedule=%s tz=%s", c->alias, c->schedule, c->tz);
        slot = send = 0;
        rc = -1;
    }
    c->next_slot_at = slot;
    c->next_due_at = send;
    if (c->oneoff_at > 0 && (send == 0 || c->oneoff_at < send))
        c->next_due_at = c->oneoff_at;
    return rc;
}
