/* SPDX-License-Identifier: Apache-2.0 */
/* flowrun.c: check-in flows on the store; see flowrun.h. The answers of a
 * run are its flow_answers rows, read back into the model's struct
 * flow_answers at each reply, so flow_next decides the next question from
 * the stored answers alone (a restart in the middle loses nothing). */
#include "core/flowrun.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "config/config_flows.h"
#include "model/flow.h"
#include "model/instrument.h"

const char *flowrun_text(const struct flow *f, int q, enum lang lang)
{
    return flow_text(&f->q[q], (int)lang);
}

int flowrun_first(const struct flow *f)
{
    struct flow_answers none;
    memset(&none, 0, sizeof none);
    return flow_next(f, &none);
}

/* Queues question q of f to client c as a message of kind, expiring with
 * the window. */
static int ask(struct store *s, const struct flow *f, int q, const struct store_client *c,
               const struct store_flowrun *r, enum msg_kind kind, int64_t now)
{
    struct store_outbound m = {
        .to = c->phone, .body = flowrun_text(f, q, c->lang), .kind = kind,
        .priority = MSG_PRIO_NORMAL, .client_id = c->id, .checkin_id = r->checkin_id,
        .expires_at = r->window_end,
    };
    log_debug("flow.asked", "client=%s flow=%s question=%s%s", c->alias, f->name, f->q[q].id,
             kind == MSG_KIND_RETRY ? " again=1" : "");
    return store_outbound_queue(s, &m, now, NULL);
}

/* Question q is the one the run now waits on. */
static void wait_on(struct store_flowrun *r, const struct flow *f, int q)
{
    r->step = q;
    snprintf(r->step_qid, sizeof r->step_qid, "%s", f->q[q].id);
}

static int end_open(struct store *s, int64_t client_id, int64_t now, enum run_state state)
{
    struct store_flowrun r;
    int rc = store_flowrun_open(s, client_id, INT64_MIN, &r);
    if (rc != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc;
    r.state = state;
    r.ended_at = now; /* step stays: where the flow stopped */
    return store_flowrun_update(s, &r);
}

int flowrun_start(struct store *s, const struct gw_schedule *sch, const struct store_client *c,
                  int64_t checkin_id, int64_t window_end, int64_t now)
{
    int first = flowrun_first(sch->flow), rc;
    if (first < 0)
        return STORE_OK; /* a validated flow always has a first question */
    /* A run still open (a one-off on top of a running check-in): partial. */
    if ((rc = end_open(s, c->id, now, RUN_PARTIAL)) != STORE_OK)
        return rc;
    struct store_flowrun r = {.client_id = c->id, .checkin_id = checkin_id,
                              .started_at = now, .window_end = window_end};
    wait_on(&r, sch->flow, first);
    snprintf(r.flow, sizeof r.flow, "%s", sch->flow_name);
    if ((rc = store_flowrun_insert(s, &r)) != STORE_OK)
        return rc;
    return ask(s, sch->flow, first, c, &r, MSG_KIND_CHECKIN, now);
}

int flowrun_stop(struct store *s, int64_t client_id, int64_t now)
{
    return end_open(s, client_id, now, RUN_STOPPED);
}

struct loading {
    const struct flow *f; /* the flow as configured now, or NULL */
    struct flow_answers *a;
    bool moved;           /* an answer's question is no longer at its index */
};

static int load_cb(void *ctx, const struct store_flow_answer *a)
{
    struct loading *l = ctx;
    if (a->idx >= 0 && a->idx < FLOW_MAX_QUESTIONS) {
        l->a->state[a->idx] = (enum flow_astate)a->state;
        l->a->value[a->idx] = a->value;
    }
    if (l->f && (a->idx < 0 || a->idx >= l->f->n || strcmp(l->f->q[a->idx].id, a->qid) != 0))
        l->moved = true;
    return 0;
}

/* The run's answers into a, by index. *moved: f (when given) no longer
 * has an answered question where the run stored it (a reload reordered,
 * inserted or removed questions). */
static int load(struct store *s, const struct flow *f, int64_t run_id, struct flow_answers *a,
                bool *moved)
{
    struct loading l = {f, a, false};
    memset(a, 0, sizeof *a);
    int rc = store_flow_answers(s, run_id, load_cb, &l);
    *moved = l.moved;
    return rc;
}


static int put(struct store *s, const struct flow *f, const struct store_flowrun *r, int q,
               enum flow_astate st, double value, int64_t msg_id, int64_t now,
               struct flow_answers *a)
{
    struct store_flow_answer row = {.run_id = r->id, .idx = q, .state = (int)st,
                                    .value = value, .message_id = msg_id, .answered_at = now};
    snprintf(row.qid, sizeof row.qid, "%s", f->q[q].id);
    a->state[q] = st;
    a->value[q] = value;
    return store_flow_answer_put(s, &row);
}

/* Raises out by sev with why, when it is above what the run escalated. */
static void raise(struct store_flowrun *r, struct flowrun_effect *out, enum severity sev,
                  const char *why)
{
    if (sev <= SEV_NONE || (int)sev <= r->alerted || sev <= out->sev)
        return;
    out->sev = sev;
    out->crisis_text = sev >= SEV_URGENT;
    snprintf(out->reason, sizeof out->reason, "%.32s: %.85s", r->flow, why);
    r->alerted = (int)sev;
}

/* An instrument's total and band into r; its severity into out. A run
 * not complete keeps its total but no band (the band of part of the items
 * would read as a result): its alert still says what the answers showed. */
static void score(const struct gw_config *cfg, struct store_flowrun *r,
                  const struct flow_answers *a, struct flowrun_effect *out)
{
    int instrument;
    struct instrument_score sc;
    if (!gw_config_flow(cfg, r->flow, &instrument) || instrument < 0 ||
        instrument_score((enum instrument_kind)instrument, a, &sc) != 0)
        return;
    snprintf(r->scale, sizeof r->scale, "%s", sc.scale);
    r->total = sc.total;
    r->max = sc.max;
    /* A partial total has no band (its band could be higher), except the
     * C-SSRS's risk level: it comes from the yes answers given, so a
     * partial run is at least that risk, and the record keeps it. */
    bool keep = r->state == RUN_COMPLETE || instrument == INSTR_CSSRS;
    snprintf(r->band, sizeof r->band, "%s", sc.band && keep ? sc.band : "");
    char why[200];
    snprintf(why, sizeof why, "%s %d/%d%s%s; %s", sc.scale, sc.total, sc.max, sc.band ? " " : "",
             sc.band ? sc.band : "", sc.reason);
    raise(r, out, sc.severity, why);
}

/* No question left: complete when nothing asked went unanswered. */
static void finish(const struct gw_config *cfg, const struct flow *f, struct store_flowrun *r,
                   const struct flow_answers *a, int64_t now, struct flowrun_effect *out)
{
    bool gaps = false;
    for (int i = 0; i < f->n; i++)
        gaps |= a->state[i] == FLOW_A_UNANSWERED;
    r->state = gaps ? RUN_PARTIAL : RUN_COMPLETE;
    r->step = -1;
    r->step_qid[0] = '\0';
    r->ended_at = now;
    out->ended = true;
    score(cfg, r, a, out);
}

int flowrun_reply(struct store *s, const struct gw_config *cfg, const struct store_client *c,
                  int64_t msg_id, const char *body, size_t len, int64_t now,
                  struct flowrun_effect *out)
{
    struct store_flowrun r;
    struct flow_answers a;
    struct flow_parsed p;
    char why[96];
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = store_flowrun_open(s, c->id, now, &r)) != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc;
    const struct flow *f = gw_config_flow(cfg, r.flow, NULL);
    if (f == NULL || r.step < 0 || r.step >= f->n) {
        /* The flow left the config (a reload): its run ends as it stands. */
        log_warn("flow.gone", "client=%s flow=%s reason=\"not in the config\"", c->alias, r.flow);
        return end_open(s, c->id, now, RUN_PARTIAL);
    }
    bool moved;
    if ((rc = load(s, f, r.id, &a, &moved)) != STORE_OK)
        return rc;
    if (moved || (r.step_qid[0] && strcmp(f->q[r.step].id, r.step_qid) != 0)) {
        /* A reload changed the flow under the run: by position the reply
         * would answer another question (or skip logic read an answer as
         * another's). The run ends with its answers as given; the reply is
         * read as any other. */
        log_warn("flow.changed", "client=%s flow=%s question=%s reason=\"the flow changed in a"
                 " reload: the run ends with its answers so far\"", c->alias, r.flow,
                 r.step_qid[0] ? r.step_qid : "?");
        return end_open(s, c->id, now, RUN_PARTIAL);
    }
    const struct flow_question *q = &f->q[r.step];
    flow_parse_answer(q, body, len, cfg->vocab, &p);
    if (p.status == FLOW_P_STOP)
        return STORE_OK; /* the caller's STOP ends it (flowrun_stop) */
    out->consumed = true;
    if (r.checkin_id && (rc = store_checkin_answer(s, r.checkin_id, now)) != STORE_OK)
        return rc;
    bool crisis = p.reply.signals & REPLY_SIG_CRISIS;
    out->unread = p.status != FLOW_P_OK;
    if (p.status == FLOW_P_OK) {
        bool valued = q->type != FLOW_TEXT;
        if ((rc = put(s, f, &r, r.step, valued ? FLOW_A_VALUE : FLOW_A_TEXT,
                      valued ? p.value : 0, msg_id, now, &a)) != STORE_OK)
            return rc;
        log_info("flow.answered", "client=%s flow=%s question=%s", c->alias, f->name, q->id);
        if (valued)
            raise(&r, out, flow_alert(q, p.value, why, sizeof why), why);
    } else if (!crisis && !r.retried) {
        r.retried = 1; /* off the scale or not understood: asked once more */
        if ((rc = ask(s, f, r.step, c, &r, MSG_KIND_RETRY, now)) != STORE_OK)
            return rc;
        return store_flowrun_update(s, &r);
    } else if ((rc = put(s, f, &r, r.step, FLOW_A_UNANSWERED, 0, msg_id, now, &a)) != STORE_OK) {
        return rc;
    }
    if (crisis) {
        /* Escalated as any crisis reply (the caller); no more questions. */
        r.state = RUN_CRISIS;
        r.ended_at = now; /* step stays: where the flow stopped */
        out->ended = true;
        score(cfg, &r, &a, out);
        log_info("flow.ended", "client=%s flow=%s reason=\"crisis reply\"", c->alias, f->name);
        return store_flowrun_update(s, &r);
    }
    int next = flow_next(f, &a);
    if (next >= 0) {
        wait_on(&r, f, next);
        r.retried = 0;
        if ((rc = ask(s, f, next, c, &r, MSG_KIND_CHECKIN, now)) != STORE_OK)
            return rc;
    } else {
        finish(cfg, f, &r, &a, now, out);
        log_info("flow.finished", "client=%s flow=%s state=%s", c->alias, f->name,
                 run_state_name(r.state));
    }
    return store_flowrun_update(s, &r);
}

int flowrun_expire(struct store *s, const struct gw_config *cfg, struct store_flowrun *r,
                   int64_t now, struct flowrun_effect *out)
{
    struct flow_answers a;
    bool any = false, moved;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = load(s, gw_config_flow(cfg, r->flow, NULL), r->id, &a, &moved)) != STORE_OK)
        return rc;
    for (int i = 0; i < FLOW_MAX_QUESTIONS; i++)
        any |= a.state[i] == FLOW_A_VALUE || a.state[i] == FLOW_A_TEXT;
    r->state = any ? RUN_PARTIAL : RUN_UNANSWERED;
    r->ended_at = now; /* step stays: the question the window ended on */
    out->ended = true;
    if (any && !moved) /* answers by index score only the flow they were given in */
        score(cfg, r, &a, out);
    return store_flowrun_update(s, r);
}
