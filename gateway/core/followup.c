/* SPDX-License-Identifier: Apache-2.0 */
/* followup.c: follow-up tasks after a crisis (see followup.h). */
#include "core/followup.h"

#include <stdio.h>
#include <string.h>

#include "core/digest_consent.h"
#include "core/escalate.h"
#include "model/command.h"
#include "base/log.h"

/* "4h", "30m", "2d": a duration for a text. */
static void span_text(int64_t secs, char *out, size_t outsz)
{
    if (secs < 0)
        secs = 0;
    if (secs >= 86400 && secs % 86400 == 0)
        snprintf(out, outsz, "%lldd", (long long)(secs / 86400));
    else if (secs >= 3600)
        snprintf(out, outsz, "%lldh", (long long)(secs / 3600));
    else
        snprintf(out, outsz, "%lldm", (long long)(secs / 60));
}

struct overdue_ctx {
    struct core *core;
    const struct gw_specialist *sp;
    enum tpl_id id;
    const struct tpl_vars *v;
    struct digest_list *list;
    int64_t now;
};

static int overdue_cb(void *ctx, const struct store_followup *f)
{
    struct overdue_ctx *o = ctx;
    struct digest_list *l = o->list;
    bool digest = o->id == TPL_DIGEST;
    char age[24], item[192];
    if (f->step < FU_OVERDUE)
        return 0;
    /* Whole days or hours since it was due: "overdue 2d". */
    int64_t late = o->now - f->due_at;
    late = late >= 86400 ? late - late % 86400 : late - late % 3600;
    span_text(late, age, sizeof age);
    snprintf(item, sizeof item, "%sfollow up %s #%lld overdue %s%s",
             *l->shown ? (digest ? " " : "; ") : "", f->alias, (long long)f->escalation_id, age,
             digest ? "." : "");
    /* Once one did not fit, the rest are counted, like the findings. */
    if (*l->more == 0 && escalate_list_add(o->core, o->sp, o->id, o->v, l->lines, l->size, item))
        (*l->shown)++;
    else
        (*l->more)++;
    return 0;
}

int followup_list_overdue(struct core *core, const struct gw_specialist *sp, int64_t sp_id,
                          enum tpl_id id, const struct tpl_vars *v, struct digest_list *list,
                          int64_t now)
{
    struct overdue_ctx o = {.core = core, .sp = sp, .id = id, .v = v, .list = list, .now = now};
    return store_followups_each(core->store, sp_id, false, overdue_cb, &o);
}

int followup_plan(struct core *core, const struct store_specialist *spec,
                  const struct store_escalation *e, int64_t now)
{
    int rc;
    if (e->client_id == 0 || e->severity == SEV_WATCH)
        return STORE_OK;
    for (int i = 0; i < core->cfg->esc.nfollowups; i++)
        if ((rc = store_followup_insert(core->store, e->id, e->client_id, spec->id,
                                        now + core->cfg->esc.followup_secs[i], i + 1, now)) !=
            STORE_OK)
            return rc;
    return STORE_OK;
}

/* The placeholders about task f: alias, escalation, by (the holder's name). */
struct fu_vars {
    struct tpl_vars v;
    char esc[24];
};

static void fu_vars(struct core *core, const struct store_followup *f, const char *by,
                    struct fu_vars *x)
{
    memset(x, 0, sizeof *x);
    snprintf(x->esc, sizeof x->esc, "%lld", (long long)f->escalation_id);
    x->v.program = core->cfg->program_name;
    x->v.contact = core->cfg->program_contact;
    x->v.alias = f->alias;
    x->v.escalation = x->esc;
    x->v.by = by;
}

/* Renders id for sp and queues it to them about f; audited as action. */
static int send_to(struct core *core, const struct gw_specialist *sp, const struct store_followup *f,
                   enum tpl_id id, const struct tpl_vars *v, const char *action, int64_t now)
{
    struct store_specialist ss;
    char body[STORE_BODY_MAX], subject[24], detail[96];
    int rc = store_specialist_by_key(core->store, sp->id, &ss);
    if (rc != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc;
    if (escalate_render_to(core, sp, id, v, body, sizeof body) < 0)
        return STORE_OK; /* logged; the task stays in the digest and STATUS */
    struct store_outbound m = {
        .to = sp->phone, .body = body, .kind = MSG_KIND_FOLLOWUP_TASK, .priority = MSG_PRIO_STAFF,
        .client_id = f->client_id, .specialist_id = ss.id, .escalation_id = f->escalation_id,
    };
    if ((rc = store_outbound_queue(core->store, &m, now, NULL)) != STORE_OK)
        return rc;
    snprintf(subject, sizeof subject, "%lld", (long long)f->escalation_id);
    snprintf(detail, sizeof detail, "task=%lld to=%s", (long long)f->id, sp->id);
    return store_audit(core->store, now, "gateway", action, subject, detail);
}

int followup_step(struct core *core, const struct store_followup *f, int64_t now)
{
    const struct gw_specialist *own = gw_config_specialist(core->cfg, f->holder);
    int64_t grace = (int64_t)core->cfg->esc.followup_grace_hours * 3600;
    struct fu_vars x;
    char subject[24], detail[64];
    int rc;
    fu_vars(core, f, own && own->name[0] ? own->name : f->holder, &x);
    snprintf(subject, sizeof subject, "%lld", (long long)f->escalation_id);
    snprintf(detail, sizeof detail, "task=%lld", (long long)f->id);
    switch (f->step) {
    case FU_WAITING:
    case FU_SENT: {
        /* Sent when due, and once more when not done within the grace. A
         * holder gone from the config: straight to whoever stands in. */
        if (!own)
            break;
        /* Outside the holder's working hours it waits for their next shift. */
        int64_t back = 0;
        if (specialist_away(core->cfg, own, now, own->lang, &back, NULL, 0))
            return store_followup_step(core->store, f->id, f->step, back, NULL);
        if ((rc = send_to(core, own, f, TPL_FU_DUE, &x.v,
                          f->step == FU_WAITING ? "followup.sent" : "followup.resent", now)) !=
            STORE_OK)
            return rc;
        log_info("followup.sent", "escalation=%lld task=%lld to=%s again=%s",
                 (long long)f->escalation_id, (long long)f->id, own->id,
                 f->step == FU_WAITING ? "no" : "yes");
        return store_followup_step(core->store, f->id, f->step + 1, now + grace, NULL);
    }
    case FU_RESENT:
        /* Overdue: the digest and STATUS list it from now on. */
        log_warn("followup.overdue", "escalation=%lld task=%lld holder=%s",
                 (long long)f->escalation_id, (long long)f->id, f->holder);
        if ((rc = store_audit(core->store, now, "gateway", "followup.overdue", subject, detail)) !=
            STORE_OK)
            return rc;
        return store_followup_step(core->store, f->id, FU_OVERDUE, now + grace, NULL);
    default:
        break;
    }
    /* Still not done: to the backup, or on call, or everyone. */
    const struct gw_specialist *to[32];
    char keys[64] = "";
    int n = escalate_cover(core, own, now, to, 32);
    for (int i = 0; i < n; i++) {
        if ((rc = send_to(core, to[i], f, TPL_FU_HANDED, &x.v, "followup.handed_off", now)) !=
            STORE_OK)
            return rc;
        if (!keys[0])
            snprintf(keys, sizeof keys, "%s", to[i]->id);
    }
    log_warn("followup.handed_off", "escalation=%lld task=%lld holder=%s to=%s",
             (long long)f->escalation_id, (long long)f->id, f->holder, keys[0] ? keys : "-");
    return store_followup_step(core->store, f->id, FU_HANDED, 0, keys);
}

int followup_command(struct core *core, const struct store_specialist *spec,
                     const struct command *cmd, int64_t now)
{
    struct store_escalation e;
    struct store_followup f;
    struct fu_vars x;
    char actor[96], subject[24], detail[64], how[24];
    int rc = store_escalation_get(core->store, cmd->id, &e);
    struct store_followup none = {.escalation_id = cmd->id};
    snprintf(none.alias, sizeof none.alias, "?");
    if (rc == STORE_NOTFOUND) {
        fu_vars(core, &none, NULL, &x);
        return specialist_answer(core, spec, TPL_UNKNOWN, &x.v, now);
    }
    if (rc != STORE_OK)
        return rc;
    snprintf(actor, sizeof actor, "specialist:%s", spec->key);
    snprintf(subject, sizeof subject, "%lld", (long long)cmd->id);
    rc = store_followup_current(core->store, cmd->id, &f);
    if (rc == STORE_NOTFOUND) {
        fu_vars(core, &none, NULL, &x);
        return specialist_answer(core, spec, TPL_FU_NONE, &x.v, now);
    }
    if (rc != STORE_OK)
        return rc;
    fu_vars(core, &f, NULL, &x);
    if (cmd->kind == CMD_DONE) {
        snprintf(detail, sizeof detail, "task=%lld", (long long)f.id);
        if ((rc = store_followup_done(core->store, f.id, spec->key, now)) != STORE_OK ||
            (rc = store_audit(core->store, now, actor, "followup.done", subject, detail)) !=
                STORE_OK)
            return rc;
        return specialist_answer(core, spec, TPL_FU_DONE, &x.v, now);
    }
    span_text(cmd->seconds, how, sizeof how);
    snprintf(detail, sizeof detail, "task=%lld for=%s", (long long)f.id, how);
    if ((rc = store_followup_snooze(core->store, f.id, now + cmd->seconds)) != STORE_OK ||
        (rc = store_audit(core->store, now, actor, "followup.snoozed", subject, detail)) !=
            STORE_OK)
        return rc;
    x.v.how = how;
    return specialist_answer(core, spec, TPL_FU_SNOOZED, &x.v, now);
}
