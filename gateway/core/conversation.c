/* SPDX-License-Identifier: Apache-2.0 */
/* conversation.c: a specialist and a client through the program's number
 * (see conversation.h). */
#include "core/conversation.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model/command.h"
#include "core/escalate.h"
#include "base/log.h"
#include "model/schedule.h"
#include "core/notice.h"

/* ---- rules (pure) ----------------------------------------------------------------- */

enum conversation_verdict conversation_verdict(const struct conversation_facts *f)
{
    if (f->opted_out && !f->wrote_after_stop)
        return CONV_REFUSED_STOP;
    if (f->pending && f->last_client_in == 0)
        return CONV_REFUSED_PENDING; /* no consent, and nothing to answer */
    bool quiet = f->quiet_end > f->now;
    bool recent = f->last_client_in > 0 && f->now - f->last_client_in <= CONVERSATION_RECENT_SECONDS;
    return quiet && !recent && !f->bang ? CONV_SEND_AFTER_QUIET : CONV_SEND_NOW;
}

/* ---- helpers ------------------------------------------------------------------------ */

/* The placeholders about conversation v: {alias}, {ref} "alex #17" or
 * "alex", {target} "17" or "alex", {escalation}. */
struct conv_vars {
    struct tpl_vars v;
    char ref[96], target[72], esc[24];
};

static void conv_vars(struct core *core, const struct store_conversation *v, struct conv_vars *cv)
{
    memset(cv, 0, sizeof *cv);
    snprintf(cv->esc, sizeof cv->esc, "%lld", (long long)v->escalation_id);
    if (v->escalation_id) {
        snprintf(cv->ref, sizeof cv->ref, "%s #%lld", v->alias, (long long)v->escalation_id);
        snprintf(cv->target, sizeof cv->target, "%lld", (long long)v->escalation_id);
    } else {
        snprintf(cv->ref, sizeof cv->ref, "%s", v->alias);
        snprintf(cv->target, sizeof cv->target, "%s", v->alias);
    }
    cv->v.program = core->cfg->program_name;
    cv->v.contact = core->cfg->program_contact;
    cv->v.alias = v->alias;
    cv->v.escalation = cv->esc;
    cv->v.ref = cv->ref;
    cv->v.target = cv->target;
}

/* The display name of specialist store id (their key if gone from the config). */
static void spec_name(struct core *core, int64_t id, struct store_specialist *out, const char **name)
{
    const struct gw_specialist *sp = NULL;
    if (store_specialist_get(core->store, id, out) != STORE_OK)
        snprintf(out->key, sizeof out->key, "?");
    else
        sp = gw_config_specialist(core->cfg, out->key);
    *name = sp && sp->name[0] ? sp->name : out->key;
}

static int audit(struct core *core, const struct store_specialist *spec, const char *action,
                 const struct store_conversation *v, const char *detail, int64_t now)
{
    char actor[96], subject[24];
    snprintf(actor, sizeof actor, "specialist:%s", spec->key);
    /* Subject: the escalation (its audit trail), else the client's alias. */
    if (v->escalation_id)
        snprintf(subject, sizeof subject, "%lld", (long long)v->escalation_id);
    return store_audit(core->store, now, actor, action, v->escalation_id ? subject : v->alias,
                       detail);
}

#define IDLE_BATCH 32

struct idle {
    struct store_conversation v[IDLE_BATCH];
    int n;
};

static int idle_cb(void *ctx, const struct store_conversation *v)
{
    struct idle *d = ctx;
    d->v[d->n++] = *v;
    return 0;
}

int conversation_expire_idle(struct core *core, int64_t now)
{
    int64_t idle = (int64_t)core->cfg->esc.conversation_idle_hours * 3600;
    struct idle d;
    int rc, told = 0;
    do {
        d.n = 0;
        if ((rc = store_conversations_idle(core->store, now, idle, IDLE_BATCH, idle_cb, &d)) !=
            STORE_OK)
            return rc;
        /* Ended when the idle time ran out, not when someone noticed. */
        if ((rc = store_conversations_expire(core->store, now, idle)) < 0)
            return rc;
        for (int i = 0; i < d.n; i++) {
            const struct store_conversation *v = &d.v[i];
            struct store_specialist holder;
            struct conv_vars cv;
            char hours[16];
            const char *name;
            conv_vars(core, v, &cv);
            snprintf(hours, sizeof hours, "%d", core->cfg->esc.conversation_idle_hours);
            cv.v.count = hours;
            spec_name(core, v->specialist_id, &holder, &name);
            if (strcmp(holder.key, "?") == 0)
                continue;
            log_info("conversation.idle", "conversation=%lld client=%s holder=%s",
                     (long long)v->id, v->alias, holder.key);
            if ((rc = audit(core, &holder, "conversation.ended", v, "idle", now)) != STORE_OK ||
                (rc = specialist_answer(core, &holder, TPL_CONV_IDLE, &cv.v, now)) != STORE_OK)
                return rc;
            told++;
        }
    } while (d.n == IDLE_BATCH);
    return told;
}

static int expire_idle(struct core *core, int64_t now)
{
    int rc = conversation_expire_idle(core, now);
    return rc < 0 ? rc : STORE_OK;
}

/* The client whose alias is alias[0..len), case folded. */
static int client_by_alias(struct core *core, const char *alias, size_t len, struct store_client *c)
{
    char a[COMMAND_ALIAS_MAX + 1];
    size_t i;
    for (i = 0; i < len && i < COMMAND_ALIAS_MAX; i++)
        a[i] = (char)tolower((unsigned char)alias[i]);
    a[i] = '\0';
    return store_client_by_alias(core->store, a, c);
}

/* The open conversation a command names (by escalation or alias); *known
 * is false when the alias names no client at all ("Take care"). */
static int find_target(struct core *core, const struct command *cmd, struct store_conversation *v,
                       bool *known)
{
    struct store_client c;
    *known = true;
    if (cmd->id)
        return store_conversation_of_escalation(core->store, cmd->id, v);
    int rc = client_by_alias(core, cmd->alias, cmd->alias_len, &c);
    if (rc == STORE_NOTFOUND)
        *known = false;
    if (rc != STORE_OK)
        return rc;
    return store_conversation_of_client(core->store, c.id, v);
}

/* ---- the specialist to the client ------------------------------------------------- */

/* Sends text[0..len) from spec (inbound msg_id) to the client of v, by
 * the rules; spec is told when it waits or is refused. */
static int send_to_client(struct core *core, const struct store_specialist *spec,
                          const struct store_conversation *v, const char *text, size_t len,
                          int64_t msg_id, int64_t now)
{
    struct store_client c;
    struct conv_vars cv;
    struct conversation_facts f = {.now = now};
    int rc;

    if ((rc = store_client_get(core->store, v->client_id, &c)) != STORE_OK)
        return rc;
    conv_vars(core, v, &cv);
    while (len > 0 && (*text == ' ' || *text == '\t'))
        text++, len--;
    if (len > 0 && *text == '!') {
        f.bang = true;
        text++, len--;
        while (len > 0 && (*text == ' ' || *text == '\t'))
            text++, len--;
    }
    if (len == 0)
        return specialist_answer(core, spec, TPL_USAGE, &cv.v, now);
    /* The specialist's own message is part of the client's history. */
    if ((rc = store_message_link(core->store, msg_id, v->id, c.id)) != STORE_OK)
        return rc;
    f.opted_out = c.state == CLIENT_OPTED_OUT;
    f.pending = c.state == CLIENT_PENDING;
    if (f.opted_out &&
        (rc = store_client_wrote_after_stop(core->store, c.id, &f.wrote_after_stop)) != STORE_OK)
        return rc;
    rc = store_client_last_inbound(core->store, c.id, &f.last_client_in);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    if (schedule_quiet_end(&core->cfg->quiet, c.tz, now, &f.quiet_end) != 0)
        f.quiet_end = 0; /* an unknown zone is not quiet */

    enum conversation_verdict verdict = conversation_verdict(&f);
    if (verdict == CONV_REFUSED_STOP || verdict == CONV_REFUSED_PENDING) {
        bool stop = verdict == CONV_REFUSED_STOP;
        if ((rc = audit(core, spec, "conversation.refused", v,
                        stop ? "opted out (STOP)" : "not confirmed (no YES)", now)) != STORE_OK)
            return rc;
        return specialist_answer(core, spec, stop ? TPL_CONV_STOPPED : TPL_CONV_PENDING, &cv.v,
                                 now);
    }
    char body[STORE_BODY_MAX];
    snprintf(body, sizeof body, "%.*s", (int)(len < sizeof body ? len : sizeof body - 1), text);
    struct store_outbound m = {
        .to = c.phone, .body = body, .kind = MSG_KIND_CONVERSATION, .priority = MSG_PRIO_STAFF,
        .client_id = c.id, .specialist_id = spec->id,
        .not_before = verdict == CONV_SEND_AFTER_QUIET ? f.quiet_end : 0,
    };
    int64_t out_id = 0;
    if ((rc = store_outbound_queue(core->store, &m, now, &out_id)) != STORE_OK ||
        (rc = store_message_link(core->store, out_id, v->id, c.id)) != STORE_OK ||
        (rc = store_conversation_touch(core->store, v->id, now)) != STORE_OK)
        return rc;
    log_info("conversation.to_client", "conversation=%lld client=%s by=%s%s", (long long)v->id,
             c.alias, spec->key, verdict == CONV_SEND_AFTER_QUIET ? " after=quiet_hours" : "");
    if (verdict == CONV_SEND_AFTER_QUIET)
        return specialist_answer(core, spec, TPL_CONV_QUIET, &cv.v, now);
    return STORE_OK;
}

/* Tells spec that another specialist holds v. */
static int tell_held(struct core *core, const struct store_specialist *spec,
                     const struct store_conversation *v, int64_t now)
{
    struct conv_vars cv;
    struct store_specialist holder;
    conv_vars(core, v, &cv);
    spec_name(core, v->specialist_id, &holder, &cv.v.by);
    return specialist_answer(core, spec, TPL_CONV_HELD, &cv.v, now);
}

/* END: the holder ends it; anyone else hears who holds it. */
static int do_end(struct core *core, const struct store_specialist *spec,
                  const struct store_conversation *v, int64_t now)
{
    struct conv_vars cv;
    int rc;
    if (v->specialist_id != spec->id)
        return tell_held(core, spec, v, now);
    conv_vars(core, v, &cv);
    if ((rc = store_conversation_end(core->store, v->id, CONV_ENDED, now)) < 0 ||
        (rc = audit(core, spec, "conversation.ended", v, "END", now)) != STORE_OK)
        return rc;
    return specialist_answer(core, spec, TPL_CONV_ENDED, &cv.v, now);
}

/* TAKE: spec holds v from now on; the former holder is told (audited). */
static int do_take(struct core *core, const struct store_specialist *spec,
                   const struct store_conversation *v, int64_t now)
{
    struct conv_vars cv;
    struct store_specialist from;
    const char *from_name, *to_name;
    char detail[96];
    int rc;
    conv_vars(core, v, &cv);
    spec_name(core, v->specialist_id, &from, &from_name);
    if (v->specialist_id == spec->id) {
        cv.v.by = from_name;
        return specialist_answer(core, spec, TPL_CONV_TAKEN, &cv.v, now);
    }
    snprintf(detail, sizeof detail, "from=%s", from.key);
    /* The escalation's follow-up tasks go with it. */
    if ((rc = store_conversation_hand(core->store, v->id, spec->id, 0, now)) < 0 ||
        (v->escalation_id &&
         (rc = store_followups_hand(core->store, v->escalation_id, spec->id)) != STORE_OK) ||
        (rc = audit(core, spec, "conversation.taken", v, detail, now)) != STORE_OK)
        return rc;
    log_info("conversation.taken", "conversation=%lld client=%s from=%s to=%s", (long long)v->id,
             v->alias, from.key, spec->key);
    struct store_specialist self;
    spec_name(core, spec->id, &self, &to_name);
    cv.v.by = to_name;
    if (strcmp(from.key, "?") != 0 &&
        (rc = specialist_answer(core, &from, TPL_CONV_TAKEN_AWAY, &cv.v, now)) != STORE_OK)
        return rc;
    cv.v.by = from_name;
    return specialist_answer(core, spec, TPL_CONV_TAKEN, &cv.v, now);
}

/* TEXT alias message: a conversation with one of spec's own clients.
 * *handled false when the alias names no client and spec holds a
 * conversation ("Text me later" is then a plain text). */
static int do_text(struct core *core, const struct store_specialist *spec, const struct command *cmd,
                   int64_t msg_id, int64_t now, int held, bool *handled)
{
    struct store_client c;
    struct store_conversation v;
    struct conv_vars cv;
    char target[COMMAND_ALIAS_MAX + 1];
    int rc = client_by_alias(core, cmd->alias, cmd->alias_len, &c);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    if (rc == STORE_NOTFOUND && held > 0) {
        *handled = false;
        return STORE_OK;
    }
    if (rc == STORE_NOTFOUND || c.specialist_id != spec->id) {
        memset(&cv, 0, sizeof cv);
        snprintf(target, sizeof target, "%.*s", (int)cmd->alias_len, cmd->alias);
        cv.v.program = core->cfg->program_name;
        cv.v.target = target;
        return specialist_answer(core, spec, TPL_CONV_NOT_YOURS, &cv.v, now);
    }
    rc = store_conversation_of_client(core->store, c.id, &v);
    if (rc == STORE_OK && v.specialist_id != spec->id)
        return tell_held(core, spec, &v, now);
    bool opened = rc == STORE_NOTFOUND;
    if (opened) {
        int64_t id = 0;
        if ((rc = store_conversation_open(core->store, c.id, 0, spec->id, now, &id)) != STORE_OK ||
            (rc = store_conversation_get(core->store, id, &v)) != STORE_OK ||
            (rc = audit(core, spec, "conversation.opened", &v, "TEXT", now)) != STORE_OK)
            return rc;
    } else if (rc != STORE_OK) {
        return rc;
    }
    if ((rc = send_to_client(core, spec, &v, cmd->note, cmd->note_len, msg_id, now)) != STORE_OK)
        return rc;
    conv_vars(core, &v, &cv);
    return opened ? specialist_answer(core, spec, TPL_CONV_OPENED, &cv.v, now) : STORE_OK;
}

/* The open conversations of a specialist: how many, the first, and
 * {list} ("alex #17, sam"). */
struct held {
    struct core *core;
    int n;
    struct store_conversation first;
    char list[400];
};

static int held_cb(void *ctx, const struct store_conversation *v)
{
    struct held *h = ctx;
    struct conv_vars cv;
    size_t used = strlen(h->list);
    if (h->n++ == 0)
        h->first = *v;
    conv_vars(h->core, v, &cv);
    if (used + strlen(cv.ref) + 8 < sizeof h->list)
        snprintf(h->list + used, sizeof h->list - used, "%s%s", used ? ", " : "", cv.ref);
    return 0;
}

int conversation_specialist(struct core *core, const struct store_specialist *spec,
                            const char *text, size_t len, int64_t msg_id, int64_t now,
                            bool *handled)
{
    struct command cmd;
    struct store_conversation v;
    struct held h = {.core = core};
    bool known = true;
    int rc;

    *handled = true;
    if ((rc = expire_idle(core, now)) != STORE_OK ||
        (rc = store_conversations_of_specialist(core->store, spec->id, held_cb, &h)) != STORE_OK)
        return rc;
    command_parse(text, len, &cmd);
    switch (cmd.kind) {
    case CMD_END:
    case CMD_TAKE:
    case CMD_REPLY:
        rc = find_target(core, &cmd, &v, &known);
        if (rc == STORE_OK)
            return cmd.kind == CMD_END    ? do_end(core, spec, &v, now)
                   : cmd.kind == CMD_TAKE ? do_take(core, spec, &v, now)
                   : v.specialist_id != spec->id
                       ? tell_held(core, spec, &v, now)
                       : send_to_client(core, spec, &v, cmd.note, cmd.note_len, msg_id, now);
        if (rc != STORE_NOTFOUND)
            return rc;
        if (!known && cmd.kind != CMD_REPLY)
            break; /* "Take care": a plain text, below */
        {
            struct conv_vars cv = {.v = {.program = core->cfg->program_name}};
            char target[COMMAND_ALIAS_MAX + 1];
            if (cmd.id)
                snprintf(target, sizeof target, "#%lld", (long long)cmd.id);
            else
                snprintf(target, sizeof target, "%.*s", (int)cmd.alias_len, cmd.alias);
            cv.v.target = target;
            return specialist_answer(core, spec, TPL_CONV_NONE, &cv.v, now);
        }
    case CMD_TEXT:
        if ((rc = do_text(core, spec, &cmd, msg_id, now, h.n, handled)) != STORE_OK || *handled)
            return rc;
        *handled = true;
        break; /* an unknown alias while holding one: a plain text */
    case CMD_INVALID:
        break;
    default:
        *handled = false; /* ACK, NOTE, RESOLVE, STATUS */
        return STORE_OK;
    }
    /* A plain text; a command gone wrong ("ACK 17 18") is not for the
     * client's eyes. */
    if (h.n == 0 || command_malformed(text, len)) {
        *handled = false; /* the usage answer */
        return STORE_OK;
    }
    if (h.n == 1)
        return send_to_client(core, spec, &h.first, text, len, msg_id, now);
    struct conv_vars cv;
    char count[16];
    conv_vars(core, &h.first, &cv);
    snprintf(count, sizeof count, "%d", h.n);
    cv.v.count = count;
    cv.v.list = h.list;
    return specialist_answer(core, spec, TPL_CONV_WHICH, &cv.v, now);
}

/* ---- ACK and RESOLVE ------------------------------------------------------------- */

int conversation_acked(struct core *core, const struct store_specialist *spec,
                       const struct store_escalation *e, int64_t now, bool *opened)
{
    struct store_conversation v;
    int rc;
    *opened = false;
    if (e->client_id == 0)
        return STORE_OK; /* a stranger's number: no conversation */
    if ((rc = expire_idle(core, now)) != STORE_OK)
        return rc;
    rc = store_conversation_of_client(core->store, e->client_id, &v);
    if (rc == STORE_OK) {
        if (v.specialist_id != spec->id) /* someone else talks with them: say who, and TAKE */
            return tell_held(core, spec, &v, now);
        if ((rc = store_conversation_hand(core->store, v.id, spec->id, e->id, now)) < 0)
            return rc;
        *opened = true;
        return STORE_OK;
    }
    if (rc != STORE_NOTFOUND)
        return rc;
    int64_t id = 0;
    if ((rc = store_conversation_open(core->store, e->client_id, e->id, spec->id, now, &id)) !=
            STORE_OK ||
        (rc = store_conversation_get(core->store, id, &v)) != STORE_OK ||
        (rc = audit(core, spec, "conversation.opened", &v, "ACK", now)) != STORE_OK)
        return rc;
    *opened = true;
    return STORE_OK;
}

int conversation_resolved(struct core *core, const struct store_specialist *spec, int64_t id,
                          int64_t now)
{
    struct store_conversation v;
    int rc = store_conversation_of_escalation(core->store, id, &v);
    if (rc == STORE_NOTFOUND)
        return STORE_OK;
    if (rc != STORE_OK || (rc = store_conversation_end(core->store, v.id, CONV_RESOLVED, now)) < 0 ||
        (rc = audit(core, spec, "conversation.ended", &v, "RESOLVE", now)) != STORE_OK)
        return rc;
    if (v.specialist_id == spec->id)
        return STORE_OK; /* RESOLVE's own answer says it */
    struct store_specialist holder;
    struct conv_vars cv;
    const char *name;
    conv_vars(core, &v, &cv);
    spec_name(core, v.specialist_id, &holder, &name);
    return strcmp(holder.key, "?") == 0
               ? STORE_OK
               : specialist_answer(core, &holder, TPL_CONV_ENDED, &cv.v, now);
}

/* ---- the client to the holder ---------------------------------------------------- */

/* Client c wrote (msg_id) in conversation v while its holder sp is outside
 * their working hours: one automatic answer per evening (per stretch of
 * time off) saying when the peer is back and how to reach 988 now, in the
 * client's language, part of the conversation. */
static int answer_away(struct core *core, const struct store_client *c,
                       const struct store_conversation *v, const struct gw_specialist *sp,
                       int64_t now)
{
    enum lang l = c->lang;
    int64_t back = 0, last = 0, last_back = 0, out_id = 0;
    char when[32], detail[112];
    if (!specialist_away(core->cfg, sp, now, l, &back, when, sizeof when))
        return STORE_OK;
    int rc = store_client_last_out(core->store, c->id, MSG_KIND_AWAY, &last);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    /* Answered already in this stretch off (the same return time). */
    if (rc == STORE_OK && specialist_away(core->cfg, sp, last, l, &last_back, NULL, 0) &&
        last_back == back)
        return STORE_OK;
    if ((rc = notice_queue_with(core->store, core->cfg, c, c->phone, TPL_AWAY, MSG_KIND_AWAY,
                                sp->name[0] ? sp->name : sp->id, when, now, &out_id)) !=
            STORE_OK ||
        !out_id || (rc = store_message_link(core->store, out_id, v->id, c->id)) != STORE_OK)
        return rc;
    snprintf(detail, sizeof detail, "holder=%s back=%lld", sp->id, (long long)back);
    log_info("conversation.away", "conversation=%lld client=%s holder=%s", (long long)v->id,
             c->alias, sp->id);
    return store_audit(core->store, now, "gateway", "conversation.away", c->alias, detail);
}

int conversation_holder(struct core *core, int64_t client_id, int64_t now, char *key,
                        size_t keysz)
{
    struct store_conversation v;
    int rc;
    key[0] = '\0';
    if ((rc = expire_idle(core, now)) != STORE_OK)
        return rc;
    rc = store_conversation_of_client(core->store, client_id, &v);
    if (rc == STORE_OK)
        snprintf(key, keysz, "%s", v.holder);
    return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

int conversation_client(struct core *core, const struct store_client *c, int64_t msg_id,
                        const char *text, size_t len, bool urgent, int64_t esc_id, int64_t now,
                        bool *relayed)
{
    struct store_conversation v;
    struct store_specialist holder;
    struct conv_vars cv;
    char words[1200], body[STORE_BODY_MAX];
    int rc;

    *relayed = false;
    if ((rc = expire_idle(core, now)) != STORE_OK)
        return rc;
    rc = store_conversation_of_client(core->store, c->id, &v);
    if (rc == STORE_NOTFOUND)
        return STORE_OK;
    if (rc != STORE_OK || (rc = store_specialist_get(core->store, v.specialist_id, &holder)) !=
                              STORE_OK)
        return rc;
    conv_vars(core, &v, &cv);
    /* Whole, but bounded so the prefix always fits (one line on a phone). */
    escalate_excerpt(text, len, 900, words, sizeof words);
    cv.v.text = words;
    if (escalate_render_to(core, gw_config_specialist(core->cfg, holder.key), TPL_CONV_IN, &cv.v,
                           body, sizeof body) < 0)
        return STORE_OK; /* logged; not relayed, so it takes the ordinary way to a person */
    struct store_outbound m = {
        .to = holder.phone, .body = body, .kind = MSG_KIND_CONVERSATION,
        .priority = urgent ? MSG_PRIO_URGENT : MSG_PRIO_STAFF, .client_id = c->id,
        .specialist_id = holder.id, .escalation_id = urgent ? esc_id : 0,
    };
    int64_t out_id = 0;
    if ((rc = store_outbound_queue(core->store, &m, now, &out_id)) != STORE_OK ||
        (rc = store_message_link(core->store, msg_id, v.id, c->id)) != STORE_OK ||
        (rc = store_message_link(core->store, out_id, v.id, c->id)) != STORE_OK ||
        (rc = store_conversation_touch(core->store, v.id, now)) != STORE_OK)
        return rc;
    log_info("conversation.to_specialist", "conversation=%lld client=%s holder=%s%s",
             (long long)v.id, c->alias, holder.key, urgent ? " urgent=yes" : "");
    *relayed = true;
    /* Outside the holder's hours the client hears when they are back; a
     * crisis message already got the 988 answer, and its alert follows the
     * on-call rota as always. */
    if (urgent)
        return STORE_OK;
    return answer_away(core, c, &v, gw_config_specialist(core->cfg, holder.key), now);
}
