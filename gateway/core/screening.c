/* SPDX-License-Identifier: Apache-2.0 */
/* screening.c: the screening question after ambiguous risk (see
 * screening.h). */
#include "core/screening.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "core/core.h"
#include "model/screen.h"

/* An audit line about screening id (subject "screening:N"). */
static int audit(struct core *core, int64_t now, int64_t id, const char *action, const char *detail)
{
    char subject[32];
    snprintf(subject, sizeof subject, "screening:%lld", (long long)id);
    return store_audit(core->store, now, "gateway", action, subject, detail);
}

/* Closes sc as state (answered by answer_id, 0 for none; it became
 * esc_id), audited as screening.<state> with how. */
static int close_as(struct core *core, const struct store_screening *sc, const char *state,
                    int64_t answer_id, int64_t esc_id, const char *how, int64_t now)
{
    char action[32], detail[160];
    int rc = store_screening_close(core->store, sc->id, state, answer_id, esc_id, now);
    if (rc != STORE_OK)
        return rc;
    snprintf(action, sizeof action, "screening.%s", state);
    int n = snprintf(detail, sizeof detail, "%s; escalation=%lld", how, (long long)esc_id);
    if (answer_id && n > 0 && (size_t)n < sizeof detail)
        snprintf(detail + n, sizeof detail - (size_t)n, " answer_message=%lld",
                 (long long)answer_id);
    log_warn("screening.closed", "screening=%lld state=%s escalation=%lld", (long long)sc->id,
             state, (long long)esc_id);
    return audit(core, now, sc->id, action, detail);
}

/* Asks the client of in the screening question (urgent: it jumps the queue
 * and ignores quiet hours, like the 988 text) and records the open
 * screening. */
static int ask(struct core *core, const struct escalation_input *in, int64_t now)
{
    const struct store_client *c = in->client;
    const struct gw_escalation *rules = &core->cfg->esc;
    enum lang l = c->lang;
    char body[STORE_BODY_MAX], detail[320], why[96];
    struct store_screening sc = {.client_id = c->id, .message_id = in->message_id,
                                 .asked_at = now,
                                 .deadline = now + (int64_t)rules->screen_timeout_minutes * 60};
    struct tpl_vars v = {.program = core->cfg->program_name, .contact = core->cfg->program_contact,
                         .alias = c->alias};
    int rc;
    const char *tpl = gw_config_template(core->cfg, l, TPL_SCREEN);
    /* Without a question the screening still times out into an urgent
     * escalation: a person hears of it either way. */
    if (!tpl || template_render(tpl, &v, body, sizeof body) < 0) {
        log_error("template.render", "template=screen lang=%s", lang_name(l));
    } else {
        struct store_outbound m = {
            .to = in->from, .body = body, .kind = MSG_KIND_SCREEN, .priority = MSG_PRIO_URGENT,
            .client_id = c->id, .queued_ms = core_now_ms(core),
        };
        if ((rc = store_outbound_queue(core->store, &m, now, &sc.question_id)) != STORE_OK)
            return rc;
    }
    if ((rc = store_screening_insert(core->store, &sc)) != STORE_OK)
        return rc;
    reply_reasons_text(in->reply->reasons, why, sizeof why);
    snprintf(detail, sizeof detail, "client=%s reasons=%s message=%lld question=%lld"
             " timeout=%dmin", c->alias, why[0] ? why : "-", (long long)in->message_id,
             (long long)sc.question_id, rules->screen_timeout_minutes);
    log_warn("screening.asked", "screening=%lld client=%s timeout=%dmin", (long long)sc.id,
             c->alias, rules->screen_timeout_minutes);
    return audit(core, now, sc.id, "screening.asked", detail);
}

int screening_answer(struct core *core, const struct escalation_input *in, int64_t now,
                     struct screening_answer *out)
{
    const struct reply_result *r = in->reply;
    struct store_screening sc;
    int rc;
    memset(out, 0, sizeof *out);
    if (!in->client || (r->signals & REPLY_SIG_CRISIS) || r->intent == REPLY_STOP)
        return STORE_OK; /* see screening_after */
    if ((rc = store_screening_open(core->store, in->client->id, &sc)) != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc;
    out->answered = true;
    if (screen_is_clear_no(in->text, in->text_len, r)) {
        out->severity = SEV_WATCH;
        snprintf(out->reason, sizeof out->reason, "screening: answered no");
        /* The note is about the reply that raised the question. */
        if ((rc = escalate_watch(core, in->client, sc.message_id, out->reason, now,
                                 &out->esc_id)) != STORE_OK)
            return rc;
        return close_as(core, &sc, "no", in->message_id, out->esc_id, "a clear no: a watch note",
                        now);
    }
    /* YES, or anything that is not a clear no (rule 6: an unclear answer
     * escalates). */
    /* The reason names the message, not its words: the reason is copied
     * into the audit trail, which outlives a removed client, and their
     * words must not (the alert's excerpt shows them to the specialist). */
    snprintf(out->reason, sizeof out->reason, "screening: not a clear no (message %lld)",
             (long long)in->message_id);
    struct escalation_input u = *in;
    u.severity = out->severity = SEV_URGENT;
    u.reason = out->reason;
    u.no_crisis_text = false;
    if ((rc = escalate_record(core, &u, now, &out->esc_id, &out->merged)) != STORE_OK)
        return rc;
    return close_as(core, &sc, "yes", in->message_id, out->esc_id,
                    "not a clear no: an urgent escalation", now);
}

int screening_after(struct core *core, const struct escalation_input *in, int64_t esc_id,
                    int64_t now, bool *asked)
{
    const struct reply_result *r = in->reply;
    struct store_screening sc;
    *asked = false;
    if (!in->client)
        return STORE_OK;
    int rc = store_screening_open(core->store, in->client->id, &sc);
    if (rc == STORE_OK) {
        if (r->signals & REPLY_SIG_CRISIS)
            return close_as(core, &sc, "crisis", in->message_id, esc_id,
                            "crisis language: escalated as usual", now);
        /* Rule 5: crisis handling outlives STOP. The opt-out is obeyed (no
         * more check-ins, no 988 text at the deadline), but the question
         * was about a possible crisis: unanswered, it still escalates. */
        if (r->intent == REPLY_STOP)
            return audit(core, now, sc.id, "screening.opt_out",
                         "STOP obeyed; the screening stays open and escalates if unanswered");
        return STORE_OK;
    }
    if (rc != STORE_NOTFOUND)
        return rc;
    if (!(r->signals & REPLY_SIG_AMBIGUOUS) || (r->signals & REPLY_SIG_CRISIS))
        return STORE_OK;
    *asked = true;
    return ask(core, in, now);
}

int screening_expire(struct core *core, const struct store_screening *sc, int64_t now)
{
    struct store_client c;
    struct reply_result r = {.intent = REPLY_OTHER};
    char text[320] = "", reason[64];
    int64_t esc_id = 0;
    bool merged = false;
    int rc = store_client_get(core->store, sc->client_id, &c);
    if (rc != STORE_OK)
        return rc; /* a removed client takes its screenings along (ON DELETE CASCADE) */
    rc = store_message_body(core->store, sc->message_id, text, sizeof text);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    int minutes = (int)((sc->deadline - sc->asked_at) / 60);
    snprintf(reason, sizeof reason, "screening: no answer in %d min", minutes);
    struct escalation_input in = {
        .client = &c, .from = c.phone, .message_id = sc->message_id, .reply = &r,
        .schedule = gw_config_schedule(core->cfg, c.schedule), .severity = SEV_URGENT,
        .reason = reason, .text = text, .text_len = strlen(text),
        /* After a STOP the specialist is paged, but no text goes to them. */
        .no_crisis_text = c.state == CLIENT_OPTED_OUT,
    };
    if ((rc = escalate_record(core, &in, now, &esc_id, &merged)) != STORE_OK)
        return rc;
    return close_as(core, sc, "timeout", 0, esc_id, "no answer: an urgent escalation", now);
}
