/* SPDX-License-Identifier: Apache-2.0 */
/* escalate.c: the transactional outbox of an escalation. Everything here
 * runs inside the caller's store transaction: the escalation, the 988
 * message, the alerts, the re-alert time and the audit rows commit
 * together or not at all (safety rule 2). */
#include "core/escalate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "model/schedule.h"
#include "model/template.h"

void escalate_excerpt(const char *text, size_t len, size_t maxchars, char *out, size_t outsz)
{
    size_t o = 0, chars = 0, i = 0;
    if (outsz == 0)
        return;
    while (i < len && chars < maxchars) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > len)
            n = len - i;
        if (o + n + 4 >= outsz)
            break;
        if (n == 1 && (c < 0x20 || c == 0x7f || c >= 0x80))
            out[o++] = (c >= 0x80) ? '?' : ' '; /* a stray byte or a line break */
        else {
            memcpy(out + o, text + i, n);
            o += n;
        }
        i += n;
        chars++;
    }
    if (i < len && o + 4 < outsz) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* Renders template id for the language lang into out. Returns 0 or -1. */
static int render(struct core *core, enum lang l, enum tpl_id id, const struct tpl_vars *v,
                  char *out, size_t outsz)
{
    const char *tpl = gw_config_template(core->cfg, l, id);
    if (!tpl || template_render(tpl, v, out, outsz) < 0) {
        log_error("template.render", "template=%s lang=%s", tpl_name(id), lang_name(l));
        return -1;
    }
    return 0;
}

int escalate_render_to(struct core *core, const struct gw_specialist *sp, enum tpl_id id,
                       const struct tpl_vars *v, char *out, size_t outsz)
{
    enum lang l = sp ? sp->lang : LANG_EN;
    const char *tpl = gw_config_template(core->cfg, l, id);
    int n = tpl ? template_render(tpl, v, out, outsz) : -1;
    if (n < 0)
        log_error("template.render", "template=%s lang=%s", tpl_name(id), lang_name(l));
    return n;
}

bool escalate_list_add(struct core *core, const struct gw_specialist *sp, enum tpl_id id,
                       const struct tpl_vars *v, char *list, size_t listsz, const char *item)
{
    char cand[STORE_BODY_MAX], out[STORE_BODY_MAX];
    struct tpl_vars t = *v;
    size_t n = strlen(list);
    int ucs2 = 0;
    /* Room for the "and 999 more" that may follow. */
    int w = snprintf(cand, sizeof cand, "%s%s; and 999 more.", list, item);
    if (w < 0 || (size_t)w >= sizeof cand || n + strlen(item) >= listsz)
        return false;
    t.list = cand;
    const char *tpl = gw_config_template(core->cfg, sp ? sp->lang : LANG_EN, id);
    if (!tpl || template_render(tpl, &t, out, sizeof out) < 0 ||
        sms_segments(out, &ucs2) > SPECIALIST_LIST_SEGMENTS)
        return false;
    memcpy(list + n, item, strlen(item) + 1);
    return true;
}

void escalate_vars(struct core *core, const struct store_escalation *e, const char *text,
                   size_t len, struct esc_vars *x)
{
    const struct gw_config *cfg = core->cfg;
    bool known = e->client_id && store_client_get(core->store, e->client_id, &x->client) == STORE_OK;
    const struct gw_schedule *s = known ? gw_config_schedule(cfg, x->client.schedule) : NULL;
    snprintf(x->esc_no, sizeof x->esc_no, "%lld", (long long)e->id);
    snprintf(x->smin, sizeof x->smin, "%d", s ? s->scale_min : 1);
    snprintf(x->smax, sizeof x->smax, "%d", s ? s->scale_max : 10);
    snprintf(x->count, sizeof x->count, "%d", e->count > 0 ? e->count : 1);
    escalate_excerpt(text ? text : "", text ? len : 0, 60, x->excerpt, sizeof x->excerpt);
    x->v = (struct tpl_vars){
        .program = cfg->program_name, .contact = cfg->program_contact,
        .alias = known ? x->client.alias : "unknown number", .phone = e->peer, .score = e->score,
        .scale_min = x->smin, .scale_max = x->smax, .escalation = x->esc_no,
        .severity = severity_name(e->severity), .excerpt = x->excerpt, .count = x->count,
        .state = esc_state_name(e->state),
        .why = e->reason,
    };
}

/* ---- who gets an alert ------------------------------------------------------ */

#define MAX_TO 32

struct recipients {
    const struct gw_specialist *sp[MAX_TO];
    int n;
};

static void add_to(struct recipients *r, const struct gw_specialist *sp)
{
    for (int i = 0; i < r->n; i++)
        if (r->sp[i] == sp)
            return;
    if (sp && r->n < MAX_TO)
        r->sp[r->n++] = sp;
}

static void add_all(struct core *core, struct recipients *r)
{
    for (size_t i = 0; i < core->cfg->nspecialists; i++)
        add_to(r, &core->cfg->specialists[i]);
}

/* The configured specialist with store id `id`, or NULL (none, or gone
 * from the config). */
static const struct gw_specialist *specialist_of(struct core *core, int64_t id)
{
    struct store_specialist ss;
    if (id == 0 || store_specialist_get(core->store, id, &ss) != STORE_OK)
        return NULL;
    return gw_config_specialist(core->cfg, ss.key);
}

/* Who stands in for own (may be NULL): their backup, or whoever is on call
 * now, or everyone when neither is known. */
static void add_cover(struct core *core, const struct gw_specialist *own, int64_t now,
                      struct recipients *r)
{
    if (own && own->backup[0] && gw_config_specialist(core->cfg, own->backup)) {
        add_to(r, gw_config_specialist(core->cfg, own->backup));
        return;
    }
    int wday, minute, before = r->n;
    if (core->cfg->noncall && schedule_local_time(now, core->cfg->default_tz, &wday, &minute) == 0)
        for (size_t i = 0; i < core->cfg->noncall; i++)
            if (oncall_covers(&core->cfg->oncall[i], wday, minute))
                add_to(r, gw_config_specialist(core->cfg, core->cfg->oncall[i].specialist));
    if (r->n == before)
        add_all(core, r);
}

int escalate_cover(struct core *core, const struct gw_specialist *own, int64_t now,
                   const struct gw_specialist **out, int max)
{
    struct recipients r = {.n = 0};
    int n = 0;
    add_cover(core, own, now, &r);
    for (int i = 0; i < r.n && n < max; i++)
        if (r.sp[i] != own)
            out[n++] = r.sp[i];
    return n;
}

/* First alert (handoff false): the client's specialist, or everyone when
 * there is none. Later steps (handoff true) add their backup, or whoever is
 * on call now, or everyone when neither is known. */
static void recipients_for(struct core *core, const struct store_escalation *e, bool handoff,
                           int64_t now, struct recipients *r)
{
    const struct gw_specialist *own = specialist_of(core, e->specialist_id);
    r->n = 0;
    if (own)
        add_to(r, own);
    else
        add_all(core, r);
    if (!handoff || !own)
        return;
    add_cover(core, own, now, r);
}

/* ---- alert texts -------------------------------------------------------------- */

/* Queues body to specialist sp about escalation esc_id, audited as action. */
static int queue_to_specialist(struct core *core, const struct gw_specialist *sp, int64_t esc_id,
                               int64_t client_id, enum msg_kind kind, int priority,
                               const char *body, const char *action, int64_t now)
{
    struct store_specialist ss;
    char subject[24], detail[96];
    int rc;
    if ((rc = store_specialist_by_key(core->store, sp->id, &ss)) != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc; /* synced at start and reload */
    struct store_outbound m = {
        .to = sp->phone, .body = body, .kind = kind, .priority = priority,
        .client_id = client_id, .specialist_id = ss.id, .escalation_id = esc_id,
        .queued_ms = core_now_ms(core), /* the escalation-latency histogram starts here */
    };
    if ((rc = store_outbound_queue(core->store, &m, now, NULL)) != STORE_OK || !action)
        return rc;
    snprintf(subject, sizeof subject, "%lld", (long long)esc_id);
    snprintf(detail, sizeof detail, "to=%s", sp->id);
    return store_audit(core->store, now, "gateway", action, subject, detail);
}

/* The alert about x's escalation for sp (in their language) into out,
 * after the prefix template (TPL__COUNT: none). Returns 0 or -1. */
static int alert_text(struct core *core, const struct gw_specialist *sp, const struct esc_vars *x,
                      enum tpl_id prefix, char *out, size_t outsz)
{
    int pl = 0;
    out[0] = '\0';
    if (prefix != TPL__COUNT && (pl = escalate_render_to(core, sp, prefix, &x->v, out, outsz)) < 0)
        return -1;
    return escalate_render_to(core, sp, TPL_ALERT, &x->v, out + pl, outsz - (size_t)pl) < 0 ? -1
                                                                                         : 0;
}

/* Queues the alert (with prefix, TPL__COUNT: none) about x's escalation e
 * to each of to, each in their language, audited as action (a hand-off for
 * anyone but own when handoff). Returns a STORE_* code. */
static int queue_alerts(struct core *core, const struct store_escalation *e,
                        const struct esc_vars *x, const struct recipients *to, enum tpl_id prefix,
                        const char *action, const struct gw_specialist *own, bool handoff,
                        int64_t now)
{
    char body[STORE_BODY_MAX];
    int rc;
    for (int i = 0; i < to->n; i++) {
        if (alert_text(core, to->sp[i], x, prefix, body, sizeof body) != 0)
            continue; /* logged; the others still get theirs */
        const char *act = (handoff && own && to->sp[i] != own) ? "escalation.handed_off" : action;
        if ((rc = queue_to_specialist(core, to->sp[i], e->id, e->client_id, MSG_KIND_ALERT,
                                      MSG_PRIO_URGENT, body, act, now)) != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* ---- a new concerning message ------------------------------------------------ */

/* The 988 message to whoever wrote, enrolled or not, opted out or not (rule
 * 5: it answers a message they sent). */
static int queue_crisis(struct core *core, const struct escalation_input *in, int64_t esc_id,
                        int64_t now)
{
    const struct store_client *c = in->client;
    char body[STORE_BODY_MAX];
    struct tpl_vars v = {.program = core->cfg->program_name, .contact = core->cfg->program_contact,
                         .alias = c ? c->alias : NULL};
    if (in->no_crisis_text)
        return STORE_OK;
    if (render(core, c ? c->lang : LANG_EN, TPL_CRISIS, &v, body, sizeof body) != 0)
        return STORE_OK; /* logged; the alert must still go */
    struct store_outbound m = {
        .to = in->from, .body = body, .kind = MSG_KIND_CRISIS, .priority = MSG_PRIO_URGENT,
        .client_id = c ? c->id : 0, .escalation_id = esc_id,
        .queued_ms = core_now_ms(core), /* the escalation-latency histogram starts here */
    };
    return store_outbound_queue(core->store, &m, now, NULL);
}

/* A watch finding from a reply (relapse set to "watch"): recorded for the
 * digest, no alert, no 988 message. */
static int record_watch_reply(struct core *core, const struct escalation_input *in, int64_t now,
                              int64_t *id_out)
{
    if (!in->client)
        return STORE_OK;
    return escalate_watch(core, in->client, in->message_id, in->reason, now, id_out);
}

/* The people a follow-up about acked escalation e goes to: whoever
 * acknowledged it; if they are gone from the config, the first alert's
 * recipients (when in doubt, reach a person). */
static void followup_recipients(struct core *core, const struct store_escalation *e, int64_t now,
                                struct recipients *r)
{
    const struct gw_specialist *by = gw_config_specialist(core->cfg, e->acked_by);
    r->n = 0;
    if (by) {
        add_to(r, by);
        return;
    }
    log_warn("escalation.followup_unrouted", "escalation=%lld acked_by=%s reason=\"not a"
             " configured specialist; alerting the first recipients\"", (long long)e->id,
             e->acked_by);
    recipients_for(core, e, false, now, r);
}

/* Queues template id about acked escalation e to its acknowledger (or the
 * first recipients, see followup_recipients), as kind at priority,
 * audited as action (to=). Returns a STORE_* code. */
static int to_acknowledger(struct core *core, const struct store_escalation *e, enum tpl_id id,
                           enum msg_kind kind, int priority, const char *action, int64_t now)
{
    char body[STORE_BODY_MAX];
    struct recipients to;
    struct esc_vars x;
    int rc;
    followup_recipients(core, e, now, &to);
    if (to.n == 0)
        log_error("escalation.unrouted", "escalation=%lld reason=\"no specialist for the %s\"",
                  (long long)e->id, tpl_name(id));
    escalate_vars(core, e, e->text, strlen(e->text), &x);
    for (int i = 0; i < to.n; i++)
        if (escalate_render_to(core, to.sp[i], id, &x.v, body, sizeof body) >= 0 &&
            (rc = queue_to_specialist(core, to.sp[i], e->id, e->client_id, kind, priority, body,
                                      action, now)) != STORE_OK)
            return rc;
    return STORE_OK;
}

int escalate_followup(struct core *core, const struct store_escalation *e, int64_t now)
{
    int rc = to_acknowledger(core, e, TPL_FOLLOWUP, MSG_KIND_FOLLOWUP, MSG_PRIO_URGENT,
                             "escalation.followup", now);
    return rc != STORE_OK ? rc : store_escalation_set_followup(core->store, e->id, 0);
}

bool escalate_followup_over(struct core *core, const struct store_escalation *e, int64_t now)
{
    return e->state == ESC_ACKED &&
           now - e->acked_at >= (int64_t)core->cfg->esc.follow_up_hours * 3600;
}

int escalate_remind_resolve(struct core *core, const struct store_escalation *e, int64_t now)
{
    int rc = to_acknowledger(core, e, TPL_REMIND_RESOLVE, MSG_KIND_REMIND_RESOLVE, MSG_PRIO_STAFF,
                             "escalation.resolve_reminder", now);
    if (rc != STORE_OK)
        return rc;
    log_warn("escalation.resolve_reminder", "escalation=%lld acked_by=%s hours=%d",
             (long long)e->id, e->acked_by, core->cfg->esc.follow_up_hours);
    return store_escalation_set_reminded(core->store, e->id, now);
}

/* A crisis message merged into open escalation e pages its current
 * recipients again (as a step of its chain, with the count and the newest
 * text): at once if no alert about it went out within the flood window,
 * else when the window since the last one has passed, unless the chain
 * pages sooner anyway. Never more than one such page per window, never
 * none: even a chain in its slow late rounds hears of a new crisis. */
static int repage(struct core *core, const struct store_escalation *e, int64_t now)
{
    int64_t last = 0, at = now;
    char esc_no[24], detail[64];
    struct store_escalation cur;
    int rc = store_escalation_last_sent(core->store, e->id, MSG_KIND_ALERT, &last);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    if (rc == STORE_OK && last + core->cfg->esc.flood_window_seconds > now)
        at = last + core->cfg->esc.flood_window_seconds;
    snprintf(esc_no, sizeof esc_no, "%lld", (long long)e->id);
    if (at <= now) {
        if ((rc = store_escalation_get(core->store, e->id, &cur)) != STORE_OK)
            return rc; /* the merged count and text */
        snprintf(detail, sizeof detail, "count=%d step=%d", cur.count, cur.realerts + 1);
        if ((rc = store_audit(core->store, now, "gateway", "escalation.repaged", esc_no,
                              detail)) != STORE_OK)
            return rc;
        return escalate_realert(core, &cur, now);
    }
    if (e->realert_at != 0 && e->realert_at <= at)
        return STORE_OK; /* the chain's next step comes first and carries it */
    snprintf(detail, sizeof detail, "until=%lld", (long long)at);
    if ((rc = store_audit(core->store, now, "gateway", "escalation.repage_held", esc_no,
                          detail)) != STORE_OK)
        return rc;
    return store_escalation_set_realert(core->store, e->id, at, e->realerts);
}

/* Merges the message into e (same or lower severity; answer: a concerning
 * message, queue the 988 message too). If e is open, a concerning message
 * pages its recipients again (repage); anything else is only attached, for
 * the next re-alert to show. If e is acked, its acknowledger hears of it:
 * at once, or, if a follow-up went out less than a flood window ago, when
 * the window has passed (with the newest text then). */
static int merge_into(struct core *core, const struct escalation_input *in,
                      const struct store_escalation *e, bool answer, int64_t now)
{
    int64_t window = core->cfg->esc.flood_window_seconds, last = 0;
    char esc_no[24], detail[320];
    int rc;
    if ((rc = store_escalation_merge(core->store, e->id, in->message_id, "", now)) != STORE_OK ||
        (answer && (rc = queue_crisis(core, in, e->id, now)) != STORE_OK))
        return rc;
    snprintf(esc_no, sizeof esc_no, "%lld", (long long)e->id);
    snprintf(detail, sizeof detail, "count=%d severity=%s reason=%s state=%s", e->count + 1,
             severity_name(in->severity), in->reason, esc_state_name(e->state));
    if ((rc = store_audit(core->store, now, "gateway", "escalation.merged", esc_no, detail)) !=
        STORE_OK)
        return rc;
    if (e->state != ESC_ACKED)
        return answer ? repage(core, e, now) : STORE_OK;
    if (in->relayed_to && strcmp(in->relayed_to, e->acked_by) == 0)
        return STORE_OK; /* their conversation brings them the message itself */
    rc = store_escalation_last_sent(core->store, e->id, MSG_KIND_FOLLOWUP, &last);
    if (rc != STORE_OK && rc != STORE_NOTFOUND)
        return rc;
    if (rc == STORE_OK && now - last < window) {
        if (e->followup_due_at != 0)
            return STORE_OK; /* already held back; it will carry this one too */
        snprintf(detail, sizeof detail, "until=%lld", (long long)(last + window));
        if ((rc = store_escalation_set_followup(core->store, e->id, last + window)) != STORE_OK)
            return rc;
        return store_audit(core->store, now, "gateway", "escalation.followup_held", esc_no, detail);
    }
    struct store_escalation now_e;
    if ((rc = store_escalation_get(core->store, e->id, &now_e)) != STORE_OK)
        return rc;
    return escalate_followup(core, &now_e, now);
}

/* A message more severe than the unresolved escalation e (high, now
 * urgent): the same escalation is raised rather than a second one opened,
 * so the specialist sees one story with one number. It is open again with
 * a fresh re-alert chain (it needs a new ACK), and the alert, marked as an
 * upgrade, goes to the first recipients and to whoever had acknowledged it. */
static int upgrade(struct core *core, const struct escalation_input *in,
                   const struct store_escalation *e, int64_t now)
{
    const struct gw_escalation *rules = &core->cfg->esc;
    char esc_no[24], detail[320];
    struct store_escalation up;
    struct recipients to;
    struct esc_vars x;
    int rc = store_escalation_upgrade(core->store, e->id, in->severity, in->reason,
                                      in->message_id, now, now + rules->realert_seconds);
    if (rc < 0)
        return rc;
    snprintf(esc_no, sizeof esc_no, "%lld", (long long)e->id);
    snprintf(detail, sizeof detail, "from=%s to=%s reason=%s was=%s%s%s",
             severity_name(e->severity),
             severity_name(in->severity), in->reason, esc_state_name(e->state),
             e->acked_by[0] ? " by=" : "",
             e->acked_by);
    if ((rc = store_audit(core->store, now, "gateway", "escalation.upgraded", esc_no, detail)) !=
            STORE_OK ||
        (rc = queue_crisis(core, in, e->id, now)) != STORE_OK ||
        (rc = store_escalation_get(core->store, e->id, &up)) != STORE_OK)
        return rc;
    recipients_for(core, &up, false, now, &to);
    add_to(&to, gw_config_specialist(core->cfg, e->acked_by));
    if (to.n == 0) {
        log_error("escalation.unrouted", "escalation=%lld reason=\"no specialist to alert\"",
                  (long long)e->id);
        return STORE_OK;
    }
    escalate_vars(core, &up, in->text, in->text_len, &x);
    return queue_alerts(core, &up, &x, &to, TPL_UPGRADED, "escalation.alerted", NULL, false, now);
}

int escalate_record(struct core *core, const struct escalation_input *in, int64_t now,
                    int64_t *id_out, bool *merged)
{
    const struct gw_escalation *rules = &core->cfg->esc;
    const struct store_client *c = in->client;
    struct store_escalation e = {0};
    char esc_no[24], detail[320];
    int rc;

    *merged = false;
    if (in->severity == SEV_WATCH)
        return record_watch_reply(core, in, now, id_out);

    /* A flood: one unresolved escalation takes the count and the newest
     * text; the message is stored and answered. Open: the re-alert chain
     * carries it. Acknowledged: the acknowledger gets a follow-up. More
     * severe than the escalation: it is raised and alerts afresh. */
    if (rules->flood_window_seconds > 0) {
        rc = store_escalation_recent(core->store, in->from, now - rules->flood_window_seconds, &e);
        if (rc == STORE_OK && escalate_followup_over(core, &e, now))
            rc = STORE_NOTFOUND; /* a stale ACK: this crisis alerts afresh */
        if (rc == STORE_OK) {
            *id_out = e.id;
            *merged = true;
            if (e.severity >= in->severity)
                return merge_into(core, in, &e, true, now);
            return upgrade(core, in, &e, now);
        }
        if (rc != STORE_NOTFOUND)
            return rc;
        memset(&e, 0, sizeof e);
    }

    e.client_id = c ? c->id : 0;
    snprintf(e.peer, sizeof e.peer, "%s", in->from);
    e.message_id = in->message_id;
    e.specialist_id = c ? c->specialist_id : 0;
    e.severity = in->severity;
    snprintf(e.reason, sizeof e.reason, "%s", in->reason);
    if (in->reply->has_score)
        snprintf(e.score, sizeof e.score, "%g/%d", in->reply->score,
                 in->schedule ? in->schedule->scale_max : 10);
    else
        snprintf(e.score, sizeof e.score, "none");
    e.created_at = now;
    e.realert_at = now + rules->realert_seconds;
    if ((rc = store_escalation_insert(core->store, &e)) != STORE_OK)
        return rc;
    *id_out = e.id;
    snprintf(esc_no, sizeof esc_no, "%lld", (long long)e.id);
    snprintf(detail, sizeof detail, "severity=%s reason=%s from=%s", severity_name(e.severity),
             e.reason,
             c ? c->alias : "unknown number");
    if ((rc = store_audit(core->store, now, "gateway", "escalation.created", esc_no, detail)) !=
            STORE_OK ||
        (rc = queue_crisis(core, in, e.id, now)) != STORE_OK)
        return rc;

    struct recipients to;
    struct esc_vars x;
    recipients_for(core, &e, false, now, &to);
    if (to.n == 0) {
        log_error("escalation.unrouted", "escalation=%lld reason=\"no specialist to alert\"",
                  (long long)e.id);
        return STORE_OK;
    }
    escalate_vars(core, &e, in->text, in->text_len, &x);
    return queue_alerts(core, &e, &x, &to, TPL__COUNT, "escalation.alerted", NULL, false, now);
}

int escalate_context(struct core *core, const struct escalation_input *in, int64_t now,
                     int64_t *id_out)
{
    struct store_escalation e;
    int rc = store_escalation_recent(core->store, in->from, 0, &e);
    if (rc == STORE_NOTFOUND || (rc == STORE_OK && escalate_followup_over(core, &e, now)))
        return STORE_OK; /* none, or no longer forwarded: an ordinary reply */
    if (rc != STORE_OK)
        return rc;
    *id_out = e.id;
    return merge_into(core, in, &e, false, now);
}

/* ---- watch findings ------------------------------------------------------------- */

int escalate_watch(struct core *core, const struct store_client *c, int64_t message_id,
                   const char *reason, int64_t now, int64_t *id_out)
{
    struct store_escalation e;
    char esc_no[24], detail[320];
    int rc = store_escalation_open_watch(core->store, c->id, &e);
    if (rc == STORE_OK) {
        if ((rc = store_escalation_merge(core->store, e.id, message_id, reason, now)) != STORE_OK)
            return rc;
        *id_out = e.id;
        return STORE_OK; /* the same finding again: the digest shows it, no new audit */
    }
    if (rc != STORE_NOTFOUND)
        return rc;
    memset(&e, 0, sizeof e);
    e.client_id = c->id;
    snprintf(e.peer, sizeof e.peer, "%s", c->phone);
    e.message_id = message_id;
    e.specialist_id = c->specialist_id;
    e.severity = SEV_WATCH;
    snprintf(e.reason, sizeof e.reason, "%s", reason);
    snprintf(e.score, sizeof e.score, "none");
    e.created_at = now;
    if ((rc = store_escalation_insert(core->store, &e)) != STORE_OK)
        return rc;
    *id_out = e.id;
    snprintf(esc_no, sizeof esc_no, "%lld", (long long)e.id);
    snprintf(detail, sizeof detail, "severity=watch reason=%s from=%s", reason, c->alias);
    return store_audit(core->store, now, "gateway", "escalation.created", esc_no, detail);
}

/* ---- the re-alert chain ------------------------------------------------------------ */

int escalate_realert(struct core *core, const struct store_escalation *e, int64_t now)
{
    const struct gw_escalation *rules = &core->cfg->esc;
    int step = e->realerts + 1, rc;
    bool handoff = step > rules->realerts_before_handoff;
    /* Past max_realerts nobody answered the chain: it must not go silent.
     * Every specialist is paged, at the slower late pace, until one
     * acknowledges (when in doubt, reach a person). */
    bool late = step > rules->max_realerts;
    char subject[24], step_no[16], detail[96];
    struct recipients to;
    struct esc_vars x;

    recipients_for(core, e, handoff, now, &to);
    if (late)
        add_all(core, &to);
    if (to.n > 0) {
        escalate_vars(core, e, e->text, strlen(e->text), &x);
        snprintf(step_no, sizeof step_no, "%d", step);
        x.v.step = step_no;
        /* Anyone beyond the client's own specialist is a hand-off. */
        if ((rc = queue_alerts(core, e, &x, &to, TPL_REALERT, "escalation.realerted",
                               specialist_of(core, e->specialist_id), handoff, now)) != STORE_OK)
            return rc;
    } else {
        log_error("escalation.unrouted", "escalation=%lld reason=\"no specialist to alert\"",
                  (long long)e->id);
    }
    snprintf(subject, sizeof subject, "%lld", (long long)e->id);
    if (step == rules->max_realerts) {
        log_error("escalation.unacknowledged", "escalation=%lld realerts=%d reason=\"nobody"
                  " acknowledged; every specialist is paged every %ds until someone does\"",
                  (long long)e->id, step, rules->late_realert_seconds);
        snprintf(detail, sizeof detail, "realerts=%d then=all every=%ds", step,
                 rules->late_realert_seconds);
        if ((rc = store_audit(core->store, now, "gateway", "escalation.realerts_exhausted",
                              subject, detail)) != STORE_OK)
            return rc;
    } else if (late) {
        log_error("escalation.still_unacknowledged", "escalation=%lld step=%d recipients=%d",
                  (long long)e->id, step, to.n);
        snprintf(detail, sizeof detail, "step=%d recipients=%d", step, to.n);
        if ((rc = store_audit(core->store, now, "gateway", "escalation.still_unacknowledged",
                              subject, detail)) != STORE_OK)
            return rc;
    }
    int64_t next = now + (step < rules->max_realerts ? rules->realert_seconds
                                                     : rules->late_realert_seconds);
    log_warn("escalation.realerted", "escalation=%lld step=%d recipients=%d handoff=%d late=%d",
             (long long)e->id, step, to.n, handoff, late);
    return store_escalation_set_realert(core->store, e->id, next, step);
}

/* Tells everyone alerted about e, except `by`, that it was taken. */
int escalate_tell_taken(struct core *core, const struct store_escalation *e,
                        const struct store_specialist *by, const char *how, int64_t now)
{
    int64_t ids[MAX_TO];
    char body[STORE_BODY_MAX];
    struct esc_vars x;
    int n = store_escalation_alerted(core->store, e->id, ids, MAX_TO);
    if (n < 0)
        return n;
    escalate_vars(core, e, e->text, strlen(e->text), &x);
    x.v.by = by->name[0] ? by->name : by->key;
    x.v.how = how;
    for (int i = 0; i < n; i++) {
        if (ids[i] == by->id)
            continue;
        const struct gw_specialist *sp = specialist_of(core, ids[i]);
        int rc;
        if (sp && escalate_render_to(core, sp, TPL_TAKEN, &x.v, body, sizeof body) >= 0 &&
            (rc = queue_to_specialist(core, sp, e->id, e->client_id, MSG_KIND_TAKEN,
                                      MSG_PRIO_URGENT, body, NULL, now)) != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* ---- texts to a specialist ---------------------------------------------------- */
/* Here, not in specialist.c, because conversation.c and followup.c answer
 * specialists too, and specialist.c calls into both of them: with these
 * beside the rendering they use, no core file calls back into its caller. */

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

int specialist_answer(struct core *core, const struct store_specialist *spec, enum tpl_id id,
                      const struct tpl_vars *v, int64_t now)
{
    char reply[STORE_BODY_MAX];
    if (escalate_render_to(core, gw_config_specialist(core->cfg, spec->key), id, v, reply,
                           sizeof reply) < 0)
        return STORE_OK; /* logged; the command itself is done */
    struct store_outbound m = {
        .to = spec->phone, .body = reply, .kind = MSG_KIND_COMMAND, .priority = MSG_PRIO_STAFF,
        .specialist_id = spec->id,
    };
    return store_outbound_queue(core->store, &m, now, NULL);
}
