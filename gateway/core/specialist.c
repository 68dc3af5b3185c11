/* SPDX-License-Identifier: Apache-2.0 */
/* specialist.c: what a peer specialist's text does (ACK, NOTE, RESOLVE,
 * STATUS; ACK opens and RESOLVE ends a conversation, conversation.c). The caller has checked that the number is a configured
 * specialist's; a stranger's "ACK 17" never reaches here. Every command is
 * audited with who and when, and answered, inside the inbound transaction. */
#include <stdio.h>
#include <string.h>

#include "model/command.h"
#include "core/escalate.h"
#include "daemon/gw.h"
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
    struct gw *gw;
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
        escalate_vars(s->gw, e, NULL, 0, &x);
        age_text(s->now - e->created_at, age, sizeof age);
        snprintf(item, sizeof item, "%s#%lld %s %s, %s %s%s%.0d%s", s->shown ? "; " : "",
                 (long long)e->id, severity_name(e->severity), x.v.alias,
                 esc_state_name(e->state), age,
                 e->count > 1 ? ", " : "", e->count > 1 ? e->count : 0,
                 e->count > 1 ? " msgs" : "");
        if (escalate_list_add(s->gw, s->sp, TPL_STATUS, &s->x->v, s->list, STORE_BODY_MAX,
                              item)) {
            s->shown++;
            return 0;
        }
    }
    s->more++; /* once one did not fit, the rest are counted */
    return 0;
}

int specialist_command(struct gw *gw, const struct store_specialist *spec, const char *text,
                       size_t len, int64_t now)
{
    const struct gw_specialist *sp = gw_config_specialist(gw->cfg, spec->key);
    struct command cmd;
    struct store_escalation e = {0};
    struct esc_vars x;
    enum tpl_id answer_id = TPL_USAGE;
    char actor[96], subject[24], detail[512];
    char list[STORE_BODY_MAX] = ""; /* STATUS's {list}: read after the switch */
    int rc = STORE_OK;

    command_parse(text, len, &cmd);
    if (cmd.kind == CMD_DONE || cmd.kind == CMD_SNOOZE)
        return followup_command(gw, spec, &cmd, now);
    snprintf(actor, sizeof actor, "specialist:%s", spec->key);
    snprintf(subject, sizeof subject, "%lld", (long long)cmd.id);
    e.id = cmd.id;
    if (cmd.kind == CMD_ACK || cmd.kind == CMD_NOTE || cmd.kind == CMD_RESOLVE) {
        rc = store_escalation_get(gw->store, cmd.id, &e);
        if (rc == STORE_NOTFOUND) {
            e = (struct store_escalation){.id = cmd.id};
            escalate_vars(gw, &e, NULL, 0, &x);
            answer_id = TPL_UNKNOWN;
            if ((rc = store_audit(gw->store, now, actor, "escalation.unknown", subject,
                                  command_name(cmd.kind))) != STORE_OK)
                return rc;
            goto answer;
        }
        if (rc != STORE_OK)
            return rc;
    }
    escalate_vars(gw, &e, NULL, 0, &x);

    switch (cmd.kind) {
    case CMD_ACK:
        if ((rc = store_escalation_ack(gw->store, cmd.id, spec->key, now)) < 0)
            return rc;
        if (rc == 1) {
            snprintf(detail, sizeof detail, "after=%llds", (long long)(now - e.created_at));
            bool opened = false;
            if ((rc = store_audit(gw->store, now, actor, "escalation.acked", subject, detail)) !=
                    STORE_OK ||
                (rc = escalate_tell_taken(gw, &e, spec, "ACK", now)) != STORE_OK ||
                (rc = conversation_acked(gw, spec, &e, now, &opened)) != STORE_OK ||
                (rc = followup_plan(gw, spec, &e, now)) != STORE_OK)
                return rc;
            /* The specialist must know their texts now reach the client. */
            answer_id = opened ? TPL_CONV_ACKED : TPL_ACKED;
            log_info("escalation.acked", "escalation=%lld by=%s after=%llds", (long long)e.id,
                     spec->key, (long long)(now - e.created_at));
        } else {
            if ((rc = store_audit(gw->store, now, actor, "escalation.ack_not_open", subject,
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
        if ((rc = store_audit(gw->store, now, actor, "escalation.noted", subject, detail)) !=
            STORE_OK)
            return rc;
        /* NOTE does not acknowledge: say so while nobody has it. */
        answer_id = e.state == ESC_OPEN ? TPL_NOTED_OPEN : TPL_NOTED;
        break;
    }
    case CMD_RESOLVE:
        if ((rc = store_escalation_resolve(gw->store, cmd.id, spec->key, now)) < 0)
            return rc;
        if (rc == 1) {
            if (e.state == ESC_OPEN) {
                /* Nobody had it: resolving takes it, and the others hear so. */
                snprintf(detail, sizeof detail, "after=%llds by=resolve",
                         (long long)(now - e.created_at));
                if ((rc = store_audit(gw->store, now, actor, "escalation.acked", subject,
                                      detail)) != STORE_OK ||
                    (rc = escalate_tell_taken(gw, &e, spec, "RESOLVE", now)) != STORE_OK ||
                    (rc = followup_plan(gw, spec, &e, now)) != STORE_OK)
                    return rc;
            }
            if ((rc = store_audit(gw->store, now, actor, "escalation.resolved", subject, NULL)) !=
                    STORE_OK ||
                (rc = conversation_resolved(gw, spec, cmd.id, now)) != STORE_OK)
                return rc;
            answer_id = TPL_RESOLVED;
        } else {
            if ((rc = store_audit(gw->store, now, actor, "escalation.resolve_not_open", subject,
                                  esc_state_name(e.state))) != STORE_OK)
                return rc;
            answer_id = TPL_ALREADY;
        }
        break;
    case CMD_STATUS: {
        struct status_ctx s = {.gw = gw, .sp = sp, .now = now, .x = &x, .list = list};
        if ((rc = store_escalations_for_specialist(gw->store, spec->id, spec->key, status_cb,
                                                   &s)) != STORE_OK ||
            (rc = followup_list_overdue(gw, sp, spec->id, TPL_STATUS, &x.v,
                                        &(struct digest_list){list, sizeof list, &s.shown, &s.more},
                                        now)) != STORE_OK)
            return rc;
        if (s.more) {
            size_t n = strlen(list);
            snprintf(list + n, sizeof list - n, "%sand %d more.", s.shown ? "; " : "", s.more);
        }
        x.v.list = list;
        answer_id = s.shown + s.more == 0 ? TPL_STATUS_NONE : TPL_STATUS;
        if ((rc = store_audit(gw->store, now, actor, "specialist.status", NULL, NULL)) !=
            STORE_OK)
            return rc;
        break;
    }
    default:
        if ((rc = store_audit(gw->store, now, actor, "specialist.message", NULL, "usage")) !=
            STORE_OK)
            return rc;
        break;
    }

answer:
    return specialist_answer(gw, spec, answer_id, &x.v, now);
}

bool specialist_away(const struct gw_config *cfg, const struct gw_specialist *sp, int64_t t,
                     enum lang l, int64_t *back, char *text, size_t textsz)
{
    static const char *const days[LANG__COUNT][7] = {
        {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
        {"dom", "lun", "mar", "mie", "jue", "vie", "sab"},
    };
    int wday, minute;
    if (!sp || sp->nhours == 0 || schedule_local_time(t, cfg->default_tz, &wday, &minute) != 0)
        return false; /* an unknown zone: never away (the config refuses one anyway) */
    int m = shifts_minutes_until(sp->hours, sp->nhours, wday, minute);
    if (m <= 0)
        return false;
    *back = t - t % 60 + (int64_t)m * 60;
    if (text) {
        int at = minute + m;
        snprintf(text, textsz, "%s %02d:%02d", days[l < LANG__COUNT ? l : LANG_EN][(wday + at / 1440) % 7],
                 at % 1440 / 60, at % 60);
    }
    return true;
}

int specialist_answer(struct gw *gw, const struct store_specialist *spec, enum tpl_id id,
                      const struct tpl_vars *v, int64_t now)
{
    char reply[STORE_BODY_MAX];
    if (escalate_render_to(gw, gw_config_specialist(gw->cfg, spec->key), id, v, reply,
                           sizeof reply) < 0)
        return STORE_OK; /* logged; the command itself is done */
    struct store_outbound m = {
        .to = spec->phone, .body = reply, .kind = MSG_KIND_COMMAND, .priority = MSG_PRIO_STAFF,
        .specialist_id = spec->id,
    };
    return store_outbound_queue(gw->store, &m, now, NULL);
}
