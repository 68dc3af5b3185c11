/* SPDX-License-Identifier: Apache-2.0 */
/* specialist.c: what a peer specialist's text does (ACK, NOTE, RESOLVE,
 * STATUS; ACK opens and RESOLVE ends a conversation, conversation.c). The caller has checked that the number is a configured
 * specialist's; a stranger's "ACK 17" never reaches here. Every command is
 * audited with who and when, and answered, inside the inbound transaction. */
#include <stdio.h>
#include <string.h>

#include "model/command.h"
#include "core/escalate.h"
#include "base/log.h"
#include "core/conversation.h"
#include "model/schedule.h"
#include "model/severity.h"
#include "core/digest_consent.h"
#include "core/followup.h"

/* "45s", "12m", "3h", "2d": an age for a text message. */
static void age_text(int64_t secs, char *out, size_t outsz)
{
    if (secs < 0)
        secs = 0;
    if (secs < 60)
        snprintf(out, outsz, "%llds", (long long)secs);
    else if (secs < 3600)
        snprintf(out, outsz, "%lldm", (long long)(secs / 60));
    else if (secs < 86400)
        snprintf(out, outsz, "%lldh", (long long)(secs / 3600));
    else
        snprintf(out, outsz, "%lldd", (long long)(secs / 86400));
}

struct status_ctx {
    struct core *core;
    const struct gw_specialist *sp;
    int64_t now;
    struct esc_vars *x;      /* the frame's placeholders (program) */
    char *list;              /* {list}, STORE_BODY_MAX bytes, borrowed */
    int shown, more;
};

static int status_cb(void *ctx, const struct store_escalation *e)
{
    struct status_ctx *s = ctx;
    struct esc_vars x;
    char age[24], item[160];
    if (s->more == 0) {
        escalate_vars(s->core, e, NULL, 0, &x);
        age_text(s->now - e->created_at, age, sizeof age);
        snprintf(item, sizeof item, "%s#%lld %s %s, %s %s%s%.0d%s", s->shown ? "; " : "",
                 (long long)e->id, severity_name(e->severity), x.v.alias,
                 esc_state_name(e->state), age,
                 e->count > 1 ? ", " : "", e->count > 1 ? e->count : 0,
                 e->count > 1 ? " msgs" : "");
        if (escalate_list_add(s->core, s->sp, TPL_STATUS, &s->x->v, s->list, STORE_BODY_MAX,
                              item)) {
            s->shown++;
            return 0;
        }
    }
    s->more++; /* once one did not fit, the rest are counted */
    return 0;
}

int specialist_command(struct core *core, const struct store_specialist *spec, const char *text,
                       size_t len, int64_t now)
{
    const struct gw_specialist *sp = gw_config_specialist(core->cfg, spec->key);
    struct command cmd;
    struct store_escalation e = {0};
    struct esc_vars x;
    enum tpl_id answer_id = TPL_USAGE;
    char actor[96], subject[24], detail[512];
    char list[STORE_BODY_MAX] = ""; /* STATUS's {list}: read after the switch */
    int rc = STORE_OK;

    command_parse(text, len, &cmd);
    if (cmd.kind == CMD_DONE || cmd.kind == CMD_SNOOZE)
        return followup_command(core, spec, &cmd, now);
    snprintf(actor, sizeof actor, "specialist:%s", spec->key);
    snprintf(subject, sizeof subject, "%lld", (long long)cmd.id);
    e.id = cmd.id;
    if (cmd.kind == CMD_ACK || cmd.kind == CMD_NOTE || cmd.kind == CMD_RESOLVE) {
        rc = store_escalation_get(core->store, cmd.id, &e);
        if (rc == STORE_NOTFOUND) {
            e = (struct store_escalation){.id = cmd.id};
            escalate_vars(core, &e, NULL, 0, &x);
            answer_id = TPL_UNKNOWN;
            if ((rc = store_audit(core->store, now, actor, "escalation.unknown", subject,
                                  command_name(cmd.kind))) != STORE_OK)
                return rc;
            goto answer;
        }
        if (rc != STORE_OK)
            return rc;
    }
    escalate_vars(core, &e, NULL, 0, &x);

    switch (cmd.kind) {
    case CMD_ACK:
        if ((rc = store_escalation_ack(core->store, cmd.id, spec->key, now)) < 0)
            return rc;
        if (rc == 1) {
            snprintf(detail, sizeof detail, "after=%llds", (long long)(now - e.created_at));
            bool opened = false;
            if ((rc = store_audit(core->store, now, actor, "escalation.acked", subject, detail)) !=
                    STORE_OK ||
                (rc = escalate_tell_taken(core, &e, spec, "ACK", now)) != STORE_OK ||
                (rc = conversation_acked(core, spec, &e, now, &opened)) != STORE_OK ||
                (rc = followup_plan(core, spec, &e, now)) != STORE_OK)
                return rc;
            /* The specialist must know their texts now reach the client. */
            answer_id = opened ? TPL_CONV_ACKED : TPL_ACKED;
            log_info("escalation.acked", "escalation=%lld by=%s after=%llds", (long long)e.id,
                     spec->key, (long long)(now - e.created_at));
        } else {
            if ((rc = store_audit(core->store, now, actor, "escalation.ack_not_open", subject,
                                  esc_state_name(e.state))) != STORE_OK)
                return rc;
            if (e.state == ESC_ACKED && strcmp(e.acked_by, spec->key) != 0) {
                answer_id = TPL_ALREADY_TAKEN;
                x.v.by = e.acked_by;
            } else {
                answer_id = TPL_ALREADY;
            }
        }
        break;
    case CMD_NOTE: {
        char note[512];
        escalate_excerpt(cmd.note, cmd.note_len, 120, note, sizeof note);
        snprintf(detail, sizeof detail, "%s", note);
        if ((rc = store_audit(core->store, now, actor, "escalation.noted", subject, detail)) !=
            STORE_OK)
            return rc;
        /* NOTE does not acknowledge: say so while nobody has it. */
        answer_id = e.state == ESC_OPEN ? TPL_NOTED_OPEN : TPL_NOTED;
        break;
    }
    case CMD_RESOLVE:
        if ((rc = store_escalation_resolve(core->store, cmd.id, spec->key, now)) < 0)
            return rc;
        if (rc == 1) {
            if (e.state == ESC_OPEN) {
                /* Nobody had it: resolving takes it, and the others hear so. */
                snprintf(detail, sizeof detail, "after=%llds by=resolve",
                         (long long)(now - e.created_at));
                if ((rc = store_audit(core->store, now, actor, "escalation.acked", subject,
                                      detail)) != STORE_OK ||
                    (rc = escalate_tell_taken(core, &e, spec, "RESOLVE", now)) != STORE_OK ||
                    (rc = followup_plan(core, spec, &e, now)) != STORE_OK)
                    return rc;
            }
            if ((rc = store_audit(core->store, now, actor, "escalation.resolved", subject, NULL)) !=
                    STORE_OK ||
                (rc = conversation_resolved(core, spec, cmd.id, now)) != STORE_OK)
                return rc;
            answer_id = TPL_RESOLVED;
        } else {
            if ((rc = store_audit(core->store, now, actor, "escalation.resolve_not_open", subject,
                                  esc_state_name(e.state))) != STORE_OK)
                return rc;
            answer_id = TPL_ALREADY;
        }
        break;
    case CMD_STATUS: {
        struct status_ctx s = {.core = core, .sp = sp, .now = now, .x = &x, .list = list};
        if ((rc = store_escalations_for_specialist(core->store, spec->id, spec->key, status_cb,
                                                   &s)) != STORE_OK ||
            (rc = followup_list_overdue(core, sp, spec->id, TPL_STATUS, &x.v,
                                        &(struct digest_list){list, sizeof list, &s.shown, &s.more},
                                        now)) != STORE_OK)
            return rc;
        if (s.more) {
            size_t n = strlen(list);
            snprintf(list + n, sizeof list - n, "%sand %d more.", s.shown ? "; " : "", s.more);
        }
        x.v.list = list;
        answer_id = s.shown + s.more == 0 ? TPL_STATUS_NONE : TPL_STATUS;
        if ((rc = store_audit(core->store, now, actor, "specialist.status", NULL, NULL)) !=
            STORE_OK)
            return rc;
        break;
    }
    default:
        if ((rc = store_audit(core->store, now, actor, "specialist.message", NULL, "usage")) !=
            STORE_OK)
            return rc;
        break;
    }

answer:
    return specialist_answer(core, spec, answer_id, &x.v, now);
}
