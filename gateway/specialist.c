/* specialist.c: what a peer specialist's text does (ACK, NOTE, RESOLVE,
 * STATUS). The caller has checked that the number is a configured
 * specialist's; a stranger's "ACK 17" never reaches here. Every command is
 * audited with who and when, and answered, inside the inbound transaction. */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "escalate.h"
#include "gw.h"
#include "log.h"

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

/* The client's alias for a text, or "unknown number". */
static void alias_of(struct gw *gw, const struct store_escalation *e, char *out, size_t outsz)
{
    struct store_client c;
    if (e->client_id && store_client_get(gw->store, e->client_id, &c) == STORE_OK)
        snprintf(out, outsz, "%s", c.alias);
    else
        snprintf(out, outsz, "unknown number");
}

struct status_ctx {
    struct gw *gw;
    int64_t now;
    char *out;
    size_t size, len;
    int shown, more;
};

#define STATUS_MAX_SHOWN 6

static int status_cb(void *ctx, const struct store_escalation *e)
{
    struct status_ctx *s = ctx;
    char alias[64], age[24];
    if (s->shown == STATUS_MAX_SHOWN) {
        s->more++;
        return 0;
    }
    alias_of(s->gw, e, alias, sizeof alias);
    age_text(s->now - e->created_at, age, sizeof age);
    int w = snprintf(s->out + s->len, s->size - s->len, "%s#%lld %s %s, %s %s%s%.0d%s",
                     s->shown ? "; " : " ", (long long)e->id, e->severity, alias, e->state,
                     age, e->count > 1 ? ", " : "", e->count > 1 ? e->count : 0,
                     e->count > 1 ? " msgs" : "");
    if (w > 0 && (size_t)w < s->size - s->len)
        s->len += (size_t)w;
    s->shown++;
    return 0;
}

int specialist_command(struct gw *gw, const struct store_specialist *spec, const char *text,
                       size_t len, int64_t now)
{
    const char *program = gw->cfg->program_name;
    struct command cmd;
    struct store_escalation e;
    char actor[96], subject[24], reply[STORE_BODY_MAX], detail[512], alias[64];
    int rc = STORE_OK;

    command_parse(text, len, &cmd);
    snprintf(actor, sizeof actor, "specialist:%s", spec->key);
    snprintf(subject, sizeof subject, "%lld", (long long)cmd.id);
    if (cmd.kind == CMD_ACK || cmd.kind == CMD_NOTE || cmd.kind == CMD_RESOLVE) {
        rc = store_escalation_get(gw->store, cmd.id, &e);
        if (rc == STORE_NOTFOUND) {
            snprintf(reply, sizeof reply, "%s: there is no escalation #%lld. STATUS lists yours.",
                     program, (long long)cmd.id);
            if ((rc = store_audit(gw->store, now, actor, "escalation.unknown", subject,
                                  command_name(cmd.kind))) != STORE_OK)
                return rc;
            goto answer;
        }
        if (rc != STORE_OK)
            return rc;
        alias_of(gw, &e, alias, sizeof alias);
    }

    switch (cmd.kind) {
    case CMD_ACK:
        if ((rc = store_escalation_ack(gw->store, cmd.id, spec->key, now)) < 0)
            return rc;
        if (rc == 1) {
            snprintf(detail, sizeof detail, "after=%llds", (long long)(now - e.created_at));
            if ((rc = store_audit(gw->store, now, actor, "escalation.acked", subject, detail)) !=
                    STORE_OK ||
                (rc = escalate_tell_taken(gw, &e, spec, "ACK", now)) != STORE_OK)
                return rc;
            snprintf(reply, sizeof reply, "%s: #%lld (%s) is yours. NOTE %lld <text> to add a "
                     "note, RESOLVE %lld when done.", program, (long long)e.id, alias,
                     (long long)e.id, (long long)e.id);
            log_info("escalation.acked", "escalation=%lld by=%s after=%llds", (long long)e.id,
                     spec->key, (long long)(now - e.created_at));
        } else {
            if ((rc = store_audit(gw->store, now, actor, "escalation.ack_not_open", subject,
                                  e.state)) != STORE_OK)
                return rc;
            if (strcmp(e.state, "acked") == 0 && strcmp(e.acked_by, spec->key) != 0)
                snprintf(reply, sizeof reply, "%s: #%lld (%s) was already taken by %s.", program,
                         (long long)e.id, alias, e.acked_by);
            else
                snprintf(reply, sizeof reply, "%s: #%lld (%s) is already %s.", program,
                         (long long)e.id, alias, e.state);
        }
        break;
    case CMD_NOTE: {
        char note[512];
        escalate_excerpt(cmd.note, cmd.note_len, 120, note, sizeof note);
        snprintf(detail, sizeof detail, "%s", note);
        if ((rc = store_audit(gw->store, now, actor, "escalation.noted", subject, detail)) !=
            STORE_OK)
            return rc;
        snprintf(reply, sizeof reply, "%s: note added to #%lld (%s).%s", program,
                 (long long)e.id, alias,
                 strcmp(e.state, "open") == 0 ? " It is still unacknowledged: ACK to take it."
                                              : "");
        break;
    }
    case CMD_RESOLVE:
        if ((rc = store_escalation_resolve(gw->store, cmd.id, spec->key, now)) < 0)
            return rc;
        if (rc == 1) {
            if (strcmp(e.state, "open") == 0) {
                /* Nobody had it: resolving takes it, and the others hear so. */
                snprintf(detail, sizeof detail, "after=%llds by=resolve",
                         (long long)(now - e.created_at));
                if ((rc = store_audit(gw->store, now, actor, "escalation.acked", subject,
                                      detail)) != STORE_OK ||
                    (rc = escalate_tell_taken(gw, &e, spec, "RESOLVE", now)) != STORE_OK)
                    return rc;
            }
            if ((rc = store_audit(gw->store, now, actor, "escalation.resolved", subject, NULL)) !=
                STORE_OK)
                return rc;
            snprintf(reply, sizeof reply, "%s: #%lld (%s) is resolved. Thank you.", program,
                     (long long)e.id, alias);
        } else {
            if ((rc = store_audit(gw->store, now, actor, "escalation.resolve_not_open", subject,
                                  e.state)) != STORE_OK)
                return rc;
            snprintf(reply, sizeof reply, "%s: #%lld (%s) was already resolved.", program,
                     (long long)e.id, alias);
        }
        break;
    case CMD_STATUS: {
        struct status_ctx s = {.gw = gw, .now = now, .out = reply, .size = sizeof reply};
        s.len = (size_t)snprintf(reply, sizeof reply, "%s:", program);
        if ((rc = store_escalations_for_specialist(gw->store, spec->id, spec->key, status_cb,
                                                   &s)) != STORE_OK)
            return rc;
        if (s.shown == 0)
            snprintf(reply + s.len, sizeof reply - s.len, " no open escalations.");
        else if (s.more)
            snprintf(reply + s.len, sizeof reply - s.len, "; and %d more.", s.more);
        if ((rc = store_audit(gw->store, now, actor, "specialist.status", NULL, NULL)) !=
            STORE_OK)
            return rc;
        break;
    }
    default:
        snprintf(reply, sizeof reply, "%s: %s", program, COMMAND_USAGE);
        if ((rc = store_audit(gw->store, now, actor, "specialist.message", NULL, "usage")) !=
            STORE_OK)
            return rc;
        break;
    }

answer:;
    struct store_outbound m = {
        .to = spec->phone, .body = reply, .kind = MSG_KIND_COMMAND, .priority = MSG_PRIO_STAFF,
        .specialist_id = spec->id,
    };
    return store_outbound_queue(gw->store, &m, now, NULL);
}
