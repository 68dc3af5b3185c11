/* SPDX-License-Identifier: Apache-2.0 */
/* followup.h: follow-up tasks after a crisis (issue 18 item 4).
 *
 * Each acknowledged urgent or high escalation of an enrolled client gets
 * one task per escalation.followup_after offset (default 1d, 72h, 1w after
 * the ACK) for its holder: whoever acknowledged it, or took its
 * conversation over (TAKE). When due, the holder gets "Follow up with alex
 * (#17): reply DONE 17 or SNOOZE 17 4h". Not DONE within
 * escalation.followup_grace_hours it is sent once more; as long again and
 * it is overdue (the holder's digest and STATUS list it); as long again and
 * it goes to the holder's backup, or whoever is on call, or everyone
 * (escalate_cover, the re-alert chain's rule). The steps ride on the
 * re-alert timer (escalator.c); everything is audited (followup.sent,
 * resent, overdue, handed_off, done, snoozed). */
#ifndef GW_FOLLOWUP_H
#define GW_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "model/template.h"
#include "store/store.h"

struct core;
struct command; /* model/command.h (not included: checkinctl has its own struct command) */

/* The steps of a task (store_followup.step). */
enum { FU_WAITING = 0, FU_SENT = 1, FU_RESENT = 2, FU_OVERDUE = 3, FU_HANDED = 4 };

/* "due", "overdue", "open" (not yet due), "done": what checkinctl lists.
 * Inline so that checkinctl links none of the daemon-side code below. */
static inline const char *followup_state_name(const struct store_followup *f)
{
    if (f->state == FU_STATE_DONE)
        return "done";
    if (f->step >= FU_OVERDUE)
        return "overdue";
    return f->step >= FU_SENT ? "due" : "open";
}

/* spec acknowledged e (ACK, or RESOLVE that took it): its tasks, unless it
 * has them already. Nothing for a watch escalation or a stranger's number.
 * In a transaction. */
int followup_plan(struct core *core, const struct store_specialist *spec,
                  const struct store_escalation *e, int64_t now);

/* The next step of task f, whose next_at is due (the re-alert timer). In a
 * transaction. */
int followup_step(struct core *core, const struct store_followup *f, int64_t now);

/* DONE 17 or SNOOZE 17 4h from spec: acts on the escalation's earliest
 * task already sent, audited and answered. In the inbound transaction. */
int followup_command(struct core *core, const struct store_specialist *spec,
                     const struct command *cmd, int64_t now);

/* Adds the overdue tasks of specialist sp (store id sp_id: held or handed
 * to them) to list, a {list} being built for template id (TPL_STATUS:
 * "; follow up alex #17 overdue 1d"; TPL_DIGEST: " follow up alex #17
 * overdue 1d."), as many as fit (the rest counted in *list->more). */
struct digest_list;
int followup_list_overdue(struct core *core, const struct gw_specialist *sp, int64_t sp_id,
                          enum tpl_id id, const struct tpl_vars *v, struct digest_list *list,
                          int64_t now);

#endif
