/* SPDX-License-Identifier: Apache-2.0 */
/* inbound.c: what a received message means, recorded in the database.
 *
 * The message and everything it causes go into one transaction: the mood,
 * the answered check-in, an opt-out or opt-in, the escalation with its 988
 * message and specialist alert, and any reply. The transaction is the group
 * commit's (inbound_batch.c), with a savepoint around each message, and
 * only after its COMMIT does the provider hear "received" (safety rules 1
 * and 2). A duplicate (same provider, same provider id) is acknowledged and
 * changes nothing. */
#include <stdio.h>
#include <string.h>

#include "model/consent.h"
#include "core/escalate.h"
#include "core/inbound.h"
#include "core/notice.h"
#include "core/conversation.h"
#include "core/digest_consent.h"
#include "model/reply.h"
#include "core/plan.h"
#include "core/screening.h"
#include "core/flowrun.h"
#include "model/senderlimit.h"

struct inbound_ctx {
    struct core *core;
    int64_t now;
    const char *from;
    const struct store_client *client;   /* NULL: not enrolled */
    const struct gw_schedule *schedule;  /* the client's, or NULL */
    int64_t msg_id;
    const char *body;                    /* what they wrote, body_len bytes */
    size_t body_len;
    bool reschedule;                     /* opted back in: the scheduler must look again */
    bool confirmed;                      /* a pending client's YES: understood */
    bool quiet;                          /* sender over limits.sender_*: no automatic answers */
    struct flowrun_effect flow;          /* the reply answered a check-in flow's question */
};

/* Queues one of the plain answers (STOP, START, HELP, retry) to the sender. */
static int answer(struct inbound_ctx *x, enum tpl_id id, enum msg_kind kind)
{
    /* A sender over its rate gets no automatic answer: that is what stops a
     * loop with another machine's auto-reply (see answer_owed). */
    if (x->quiet) {
        x->core->io->answer_suppressed(x->core->io_ctx);
        return STORE_OK;
    }
    return notice_queue(x->core->store, x->core->cfg, x->client, x->from, id, kind, x->now);
}

/* An answer that confirms a change of state (confirmed, opted out, opted
 * back in) is sent whatever the sender's rate: it happens once per change,
 * so it cannot feed a loop, and the person is owed it. */
static int answer_owed(struct inbound_ctx *x, enum tpl_id id, enum msg_kind kind)
{
    bool quiet = x->quiet;
    x->quiet = false;
    int rc = answer(x, id, kind);
    x->quiet = quiet;
    return rc;
}

/* A pending client said YES (or START): check-ins begin, with a short
 * confirmation. Inside the transaction. */
static int confirm(struct inbound_ctx *x)
{
    struct core *core = x->core;
    const struct store_client *c = x->client;
    int rc;
    struct store_client now_active = *c;
    now_active.state = CLIENT_ACTIVE;
    scheduler_plan(core->cfg, &now_active, x->now);
    if ((rc = store_client_update(core->store, &now_active)) != STORE_OK ||
        (rc = store_audit(core->store, x->now, "client", "client.confirmed", c->alias, NULL)) !=
            STORE_OK)
        return rc;
    x->reschedule = x->confirmed = true;
    return answer_owed(x, TPL_CONFIRMED, MSG_KIND_CONFIRMED);
}

/* The client's reply answers their open check-in, if any (*checkin_id, or
 * 0 when none is open). Returns STORE_OK or a STORE_* code. */
static int answer_checkin(struct inbound_ctx *x, int64_t *checkin_id)
{
    struct store *s = x->core->store;
    int rc = store_checkin_open(s, x->client->id, x->now, checkin_id);
    if (rc == STORE_OK)
        return store_checkin_answer(s, *checkin_id, x->now);
    *checkin_id = 0;
    return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

/* What the reply means for an enrolled client. Inside the transaction. */
static int client_effects(struct inbound_ctx *x, const struct reply_result *r)
{
    struct core *core = x->core;
    const struct store_client *c = x->client;
    int64_t checkin_id = 0;
    int rc;

    if (c->state == CLIENT_PENDING &&
        (r->intent == REPLY_START || consent_is_yes(x->body, x->body_len)))
        return confirm(x);
    /* A check-in flow waiting for an answer reads the reply first (HELP
     * and START are what they say; STOP ends the flow, then as always). */
    if (r->intent == REPLY_STOP) {
        if ((rc = flowrun_stop(core->store, c->id, x->now)) != STORE_OK)
            return rc;
    } else if (r->intent != REPLY_HELP && r->intent != REPLY_START) {
        if ((rc = flowrun_reply(core->store, core->cfg, c, x->msg_id, x->body, x->body_len, x->now,
                                &x->flow)) != STORE_OK)
            return rc;
        if (x->flow.consumed)
            return STORE_OK;
    }
    switch (r->intent) {
    case REPLY_STOP:
        if (c->state != CLIENT_OPTED_OUT) {
            /* A check-in queued before the STOP (a provider was down) must
             * not go out after it. */
            if ((rc = store_client_set_state(core->store, c->id, CLIENT_OPTED_OUT, x->now)) !=
                    STORE_OK ||
                (rc = store_client_set_stop_message(core->store, c->id, x->msg_id)) != STORE_OK ||
                (rc = store_outbox_cancel_client(core->store, c->id, x->now)) < 0 ||
                (rc = store_audit(core->store, x->now, "client", "client.opt_out", c->alias,
                                  NULL)) != STORE_OK)
                return rc;
            /* One confirmation, the last message they get unless they write. */
            return answer_owed(x, TPL_STOP, MSG_KIND_STOP);
        }
        return STORE_OK;
    case REPLY_START:
        if (c->state == CLIENT_OPTED_OUT) {
            if ((rc = store_client_set_state(core->store, c->id, CLIENT_ACTIVE, x->now)) !=
                    STORE_OK ||
                (rc = store_audit(core->store, x->now, "client", "client.opt_in", c->alias,
                                  NULL)) != STORE_OK)
                return rc;
            struct store_client back = *c;
            back.state = CLIENT_ACTIVE;
            back.oneoff_at = 0;
            scheduler_plan(core->cfg, &back, x->now);
            if ((rc = store_client_update(core->store, &back)) != STORE_OK)
                return rc;
            x->reschedule = true;
            return answer_owed(x, TPL_START, MSG_KIND_START);
        }
        return answer(x, TPL_START, MSG_KIND_START);
    case REPLY_HELP:
        return answer(x, TPL_HELP, MSG_KIND_HELP);
    case REPLY_MOOD: {
        /* A mood sent unasked (no open check-in) still counts. */
        if ((rc = answer_checkin(x, &checkin_id)) != STORE_OK)
            return rc;
        int lo = x->schedule ? x->schedule->scale_min : 1;
        int hi = x->schedule ? x->schedule->scale_max : 10;
        struct store_mood m = {
            .message_id = x->msg_id, .checkin_id = checkin_id, .score = r->score,
            .scale_min = lo, .scale_max = hi,
            .norm = hi > lo ? (r->score - lo) * 100.0 / (hi - lo) : 0,
            .recorded_at = x->now,
        };
        return store_mood_insert(core->store, c->id, &m, NULL);
    }
    default:
        /* Off the scale: ask once more, once per check-in. */
        if ((r->signals & REPLY_SIG_OUT_OF_RANGE) &&
            store_checkin_open(core->store, c->id, x->now, &checkin_id) == STORE_OK) {
            rc = store_checkin_retry_once(core->store, checkin_id);
            if (rc < 0)
                return rc;
            if (rc == 1)
                return answer(x, TPL_RETRY, MSG_KIND_RETRY);
        }
        return STORE_OK;
    }
}

int inbound_record(struct core *core, struct inbound_entry *e)
{
    const struct inmsg *m = &e->m;
    struct inbound_ctx x = {.core = core, .now = e->now};
    struct store_client client;
    struct store_specialist spec;
    char from[PHONE_MAX];
    bool is_specialist = false;
    struct reply_result *r = &e->r;
    int rc;

    /* A sender we cannot read as a number (an alphanumeric sender, a
     * carrier notice) is still recorded as given; it just gets no answer. */
    bool numeric = phone_normalize(m->from, from) == 0;
    if (!numeric)
        snprintf(from, sizeof from, "%.*s", (int)sizeof from - 1, m->from ? m->from : "");
    e->screened = false;
    x.from = from;
    x.body = m->body;
    x.body_len = m->body_len;
    phone_mask(from, e->masked, sizeof e->masked);

    if (numeric) {
        rc = store_client_by_phone(core->store, from, &client);
        if (rc == STORE_OK)
            e->is_client = true;
        else if (rc != STORE_NOTFOUND)
            return rc;
        rc = store_specialist_by_phone(core->store, from, &spec);
        if (rc == STORE_OK)
            is_specialist = gw_config_specialist_by_phone(core->cfg, from) != NULL;
        else if (rc != STORE_NOTFOUND)
            return rc;
    }
    if (e->is_client) {
        x.client = &client;
        x.schedule = gw_config_schedule(core->cfg, client.schedule);
        snprintf(e->alias, sizeof e->alias, "%s", client.alias);
    }

    struct store_inbound in = {
        .provider = e->provider, .ext_id = m->ext_id, .from = from, .body = m->body,
        .body_len = m->body_len, .received_at = m->received_at,
        .client_id = e->is_client ? client.id : 0,
        .specialist_id = is_specialist && !e->is_client ? spec.id : 0,
    };
    if ((rc = store_inbound_insert(core->store, &in, x.now, &x.msg_id)) != STORE_OK)
        return rc; /* STORE_EXISTS: a duplicate, acknowledged as it is */
    e->msg_id = x.msg_id;
    /* Every message is recorded and read whatever the rate (a crisis text
     * must never be limited away); over the limit only answers stop. */
    e->lim = senderlimit_take(core->senders, from, core->cfg->limits.sender_burst,
                              core->cfg->limits.sender_per_hour,
                              core->io->mono_ms(core->io_ctx));
    x.quiet = e->quiet = e->lim != SENDER_OK;

    struct reply_opts opts = {.scale_min = x.schedule ? x.schedule->scale_min : 1,
                              .scale_max = x.schedule ? x.schedule->scale_max : 10,
                              .vocab = core->cfg->vocab};
    reply_parse(m->body, m->body_len, &opts, r);

    if (is_specialist && !e->is_client) {
        /* ACK, NOTE, RESOLVE, STATUS, a conversation's commands and texts,
         * or a usage answer: only from a configured specialist's number. A
         * stranger's "ACK 17" is a stranger's message (below) and changes
         * no escalation. */
        bool handled = false;
        if ((rc = conversation_specialist(core, &spec, m->body, m->body_len, x.msg_id, x.now,
                                          &handled)) != STORE_OK || handled)
            return rc;
        return specialist_command(core, &spec, m->body, m->body_len, x.now);
    }
    if (e->is_client && (rc = client_effects(&x, r)) != STORE_OK)
        return rc;
    e->reschedule = x.reschedule;
    if (!e->is_client && numeric && r->intent == REPLY_HELP &&
        (rc = answer(&x, TPL_HELP, MSG_KIND_HELP)) != STORE_OK)
        return rc;
    /* Rule 5: opted out or not enrolled, crisis language still reaches a
     * person. A low score from a stranger has no scale to read it on. */
    /* A flow's answer is on its question's own scale, not a mood: only its
     * words (crisis, relapse) escalate as a reply; its alert rules and an
     * instrument's result come from the flow. */
    struct reply_result flow_r = *r;
    if (x.flow.consumed)
        flow_r.has_score = false;
    const struct reply_result *er = x.flow.consumed ? &flow_r : r;
    enum severity sev = escalate_severity(er, x.schedule, &core->cfg->esc, e->reason,
                                          sizeof e->reason);
    bool flow_raised = x.flow.sev > sev;
    if (flow_raised) {
        sev = x.flow.sev;
        snprintf(e->reason, sizeof e->reason, "%s", x.flow.reason);
    }
    if (!e->is_client && !(r->signals & REPLY_SIG_CRISIS))
        sev = SEV_NONE; /* a stranger's denied crisis still reaches a person (high) */
    /* Inside a conversation its holder gets the message itself (below),
     * not a follow-up about it. */
    char holder[64] = "";
    if (e->is_client && numeric &&
        (rc = conversation_holder(core, client.id, x.now, holder, sizeof holder)) != STORE_OK)
        return rc;
    struct escalation_input ei = {
        .client = x.client, .from = from, .message_id = x.msg_id, .reply = er,
        .schedule = x.schedule, .severity = sev, .reason = e->reason, .text = m->body,
        .text_len = m->body_len,
        .no_crisis_text = flow_raised ? !x.flow.crisis_text
                                      : !severity_sends_crisis_text(er, x.schedule, &core->cfg->esc),
        .relayed_to = holder[0] ? holder : NULL,
    };
    /* Rule 6: the answer to an open screening question escalates in its
     * own right (a clear no: a watch note; anything else: urgent). */
    struct screening_answer sa = {.answered = false};
    if (e->is_client && numeric &&
        (rc = screening_answer(core, &ei, x.now, &sa)) != STORE_OK)
        return rc;
    if (sa.answered) {
        sev = sa.severity, e->esc_id = sa.esc_id, e->merged = sa.merged;
        snprintf(e->reason, sizeof e->reason, "%s", sa.reason);
    } else if ((sev >= SEV_HIGH || (sev == SEV_WATCH && e->is_client)) && numeric) {
        if ((rc = escalate_record(core, &ei, x.now, &e->esc_id, &e->merged)) != STORE_OK)
            return rc;
    }
    /* A crisis message (any reply that alerts a specialist) answers the
     * open check-in as a number does: the person replied, and the report
     * must not count it missed. */
    int64_t answered_id;
    if (e->is_client && sev >= SEV_HIGH && r->intent != REPLY_MOOD &&
        (rc = answer_checkin(&x, &answered_id)) != STORE_OK)
        return rc;
    if (!sa.answered && e->is_client && numeric &&
        (rc = screening_after(core, &ei, e->esc_id, x.now, &e->screened)) != STORE_OK)
        return rc;
    /* Inside a conversation the holder reads every message at once (a
     * crisis one at urgent priority: it pages them), after it was parsed
     * and acted on as always above. */
    bool relayed = false;
    if (e->is_client && numeric &&
        (rc = conversation_client(core, &client, x.msg_id, m->body, m->body_len, sev >= SEV_HIGH,
                                  e->esc_id, x.now, &relayed)) != STORE_OK)
        return rc;
    /* Whatever else they write while their crisis is unresolved ("I'm
     * doing it now" reads as nothing to the parser) is attached to it:
     * the next re-alert shows it, or the acknowledger gets it (unless
     * they hold the conversation that just relayed it). */
    if (sev < SEV_HIGH && numeric) {
        int64_t ctx_id = 0;
        struct escalation_input ci = ei;
        ci.severity = SEV_NONE;
        ci.reason = "later message";
        if ((rc = escalate_context(core, &ci, x.now, &ctx_id)) != STORE_OK)
            return rc;
        if (ctx_id && !e->esc_id) {
            e->esc_id = ctx_id, e->merged = true, sev = SEV_NONE;
            snprintf(e->reason, sizeof e->reason, "%s", ci.reason);
        }
    }
    /* Rule 6: a reply nobody would otherwise read (no score, no keyword,
     * no signal, or words beyond a plain answer; not an answer to a
     * screening, not screened, not attached to an open escalation, not a
     * pending client's YES, not relayed in a conversation) goes to the
     * specialist's next digest (digest_consent.c reads this line). */
    bool unclear = false;
    if (e->is_client && !sa.answered && !e->esc_id && !x.confirmed && !relayed &&
        !e->screened && (!x.flow.consumed || x.flow.unread) &&
        digest_unread(r, m->body, m->body_len, &unclear)) {
        char detail[40];
        snprintf(detail, sizeof detail, "message=%lld", (long long)x.msg_id);
        if ((rc = store_audit(core->store, x.now, "client", unclear ? "reply.unclear"
                                                                  : "reply.unread",
                              client.alias, detail)) != STORE_OK)
            return rc;
    }
    e->sev = sev;
    return STORE_OK;
}
