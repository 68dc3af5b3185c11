/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_report.c: `checkinctl report`: reads one client's or every client's
 * moods, check-ins and escalations of the last N days through store.h
 * into the plain structs of report.h, and has report.c write the HTML. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config_flows.h"
#include "core/followup.h"
#include "ctl/ctl.h"
#include "model/flow.h"
#include "model/report.h"
#include "model/schedule.h"

enum { OPT_CLIENT = 400, OPT_DAYS, OPT_OUTPUT };

#define DEFAULT_DAYS 30

struct report_build {
    struct ctl *ctl;
    struct report r;
    size_t cap_clients, cap_escs, cap_flows, cap_scores, cap_convs, cap_fus;
    const char *only;  /* the one alias, or NULL */
    int64_t only_id;
};

static void free_report(struct report_build *b)
{
    for (size_t i = 0; i < b->r.nclients; i++) {
        free(b->r.clients[i].moods);
        free(b->r.clients[i].checkins);
    }
    free(b->r.clients);
    free(b->r.escs);
    free(b->r.flows);
    free(b->r.scores);
    free(b->r.convs);
    free(b->r.fus);
}

/* Grows *v (of *cap elements of size sz) to hold n + 1. 0, or -1. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, nc * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = nc;
    return 0;
}

struct client_fill {
    struct report_build *b;
    struct report_client *rc;
    size_t cap_m, cap_k;
};

static int mood_cb(void *ctx, const struct store_mood *m)
{
    struct client_fill *cf = ctx;
    if (m->recorded_at < cf->b->r.from || m->recorded_at >= cf->b->r.to)
        return 0;
    if (grow((void **)&cf->rc->moods, &cf->cap_m, cf->rc->nmoods, sizeof *cf->rc->moods) != 0)
        return CB_NOMEM;
    cf->rc->moods[cf->rc->nmoods++] =
        (struct report_mood){m->recorded_at, m->norm, m->score, m->scale_max};
    return 0;
}

static int checkin_cb(void *ctx, const struct store_checkin *k)
{
    struct client_fill *cf = ctx;
    if (k->due_at >= cf->b->r.to)
        return 0;
    if (grow((void **)&cf->rc->checkins, &cf->cap_k, cf->rc->ncheckins,
             sizeof *cf->rc->checkins) != 0)
        return CB_NOMEM;
    enum report_checkin_state st = k->state == CHECKIN_ANSWERED ? REPORT_ANSWERED
                                   : k->state == CHECKIN_MISSED   ? REPORT_MISSED
                                                                  : REPORT_PENDING;
    cf->rc->checkins[cf->rc->ncheckins++] = (struct report_checkin){k->due_at, st};
    return 0;
}

/* ---- check-in flows ---- */

struct flow_fill {
    struct report_build *b;
    const struct store_client *c;
    struct report_flow *fl;
    bool seen[REPORT_FLOW_QUESTIONS]; /* the run has a row for the question */
    struct flow_answers a;            /* the run's, for how far a partial one went */
};

/* The report's entry for flow name, with its questions from the config
 * (a flow no longer configured gets them from the stored rows). */
static struct report_flow *flow_entry(struct report_build *b, const char *name)
{
    for (size_t i = 0; i < b->r.nflows; i++)
        if (strcmp(b->r.flows[i].name, name) == 0)
            return &b->r.flows[i];
    if (grow((void **)&b->r.flows, &b->cap_flows, b->r.nflows, sizeof *b->r.flows) != 0)
        return NULL;
    struct report_flow *fl = &b->r.flows[b->r.nflows++];
    memset(fl, 0, sizeof *fl);
    snprintf(fl->name, sizeof fl->name, "%s", name);
    const struct flow *f = gw_config_flow(b->ctl->cfg, name, NULL);
    for (int q = 0; f && q < f->n && q < REPORT_FLOW_QUESTIONS; q++)
        snprintf(fl->q[q].id, sizeof fl->q[q].id, "%s", f->q[q].id);
    fl->nq = f ? f->n : 0;
    return fl;
}

static int flow_answer_cb(void *ctx, const struct store_flow_answer *a)
{
    struct flow_fill *ff = ctx;
    if (a->idx >= 0 && a->idx < FLOW_MAX_QUESTIONS) {
        ff->a.state[a->idx] = (enum flow_astate)a->state;
        ff->a.value[a->idx] = a->value;
    }
    if (a->idx < 0 || a->idx >= REPORT_FLOW_QUESTIONS)
        return 0;
    struct report_flow_question *q = &ff->fl->q[a->idx];
    if (!q->id[0])
        snprintf(q->id, sizeof q->id, "%s", a->qid);
    if (a->idx >= ff->fl->nq)
        ff->fl->nq = a->idx + 1;
    ff->seen[a->idx] = true;
    q->asked++;
    if (a->state == FLOW_A_VALUE || a->state == FLOW_A_TEXT)
        q->answered++;
    if (a->state == FLOW_A_VALUE)
        q->sum += a->value, q->valued++;
    return 0;
}

static int flowrun_cb(void *ctx, const struct store_flowrun *run)
{
    struct flow_fill *ff = ctx;
    struct report_build *b = ff->b;
    if (run->started_at < b->r.from || run->started_at >= b->r.to)
        return 0;
    if (!(ff->fl = flow_entry(b, run->flow)))
        return CB_NOMEM;
    struct report_flow *fl = ff->fl;
    fl->runs++;
    size_t *by_state[RUN_STATE__COUNT] = {
        [RUN_COMPLETE] = &fl->complete, [RUN_PARTIAL] = &fl->partial,
        [RUN_UNANSWERED] = &fl->unanswered, [RUN_CRISIS] = &fl->crisis,
        [RUN_STOPPED] = &fl->stopped, [RUN_OPEN] = &fl->open};
    (*by_state[run->state])++;
    memset(ff->seen, 0, sizeof ff->seen);
    memset(&ff->a, 0, sizeof ff->a);
    int rc = store_flow_answers(b->ctl->store, run->id, flow_answer_cb, ff);
    if (rc != STORE_OK)
        return rc;
    /* The question it stopped at: sent, and no answer came. */
    if (run->state != RUN_COMPLETE && run->state != RUN_OPEN &&
        run->step >= 0 && run->step < REPORT_FLOW_QUESTIONS) {
        if (!ff->seen[run->step])
            fl->q[run->step].asked++;
        fl->q[run->step].stopped++;
    }
    if (!run->scale[0])
        return 0;
    if (grow((void **)&b->r.scores, &b->cap_scores, b->r.nscores, sizeof *b->r.scores) != 0)
        return CB_NOMEM;
    struct report_score *sc = &b->r.scores[b->r.nscores++];
    memset(sc, 0, sizeof *sc);
    sc->at = run->started_at;
    snprintf(sc->alias, sizeof sc->alias, "%s", ff->c->alias);
    snprintf(sc->scale, sizeof sc->scale, "%s", run->scale);
    sc->total = run->total;
    sc->max = run->max;
    snprintf(sc->band, sizeof sc->band, "%s", run->band);
    const struct flow *f = gw_config_flow(b->ctl->cfg, run->flow, NULL);
    if (f)
        flow_reach(f, &ff->a, &sc->asked, &sc->answered);
    return 0;
}

/* ---- conversations and follow-up tasks (issue 18) ---- */

struct conv_fill {
    struct report_build *b;
    const struct store_client *c;
    size_t first;   /* the client's first conversation in b->r.convs */
};

/* TAKE is audited, not stored on the conversation: the hand-overs while it
 * was open, and from the first one who opened it. */
static int conv_audit_cb(void *ctx, const struct store_audit_row *a)
{
    struct report_conv *rc = ctx;
    if (strcmp(a->action, "conversation.taken") != 0 || a->at < rc->opened_at ||
        (rc->ended_at && a->at > rc->ended_at))
        return 0;
    if (rc->taken++ == 0 && strncmp(a->detail, "from=", 5) == 0)
        snprintf(rc->opened_by, sizeof rc->opened_by, "%s", a->detail + 5);
    return 0;
}

static int conv_cb(void *ctx, const struct store_conversation *v)
{
    struct conv_fill *cv = ctx;
    struct report_build *b = cv->b;
    static const char *const how[CONV_END__COUNT] = {
        [CONV_ENDED] = "END", [CONV_RESOLVED] = "RESOLVE", [CONV_IDLE] = "idle"};
    char subject[64];
    if (v->opened_at >= b->r.to || (v->ended_at && v->ended_at < b->r.from))
        return 0;
    if (grow((void **)&b->r.convs, &b->cap_convs, b->r.nconvs, sizeof *b->r.convs) != 0)
        return CB_NOMEM;
    struct report_conv *rc = &b->r.convs[b->r.nconvs++];
    memset(rc, 0, sizeof *rc);
    rc->id = v->id;
    rc->escalation_id = v->escalation_id;
    snprintf(rc->alias, sizeof rc->alias, "%s", cv->c->alias);
    snprintf(rc->opened_by, sizeof rc->opened_by, "%s", v->holder);
    snprintf(rc->holder, sizeof rc->holder, "%s", v->holder);
    rc->opened_at = v->opened_at;
    rc->ended_at = v->ended_at;
    if (how[v->end_reason])
        snprintf(rc->how, sizeof rc->how, "%s", how[v->end_reason]);
    /* conversation.c's audit subject: the escalation, else the alias. */
    if (v->escalation_id)
        snprintf(subject, sizeof subject, "%lld", (long long)v->escalation_id);
    else
        snprintf(subject, sizeof subject, "%s", cv->c->alias);
    return store_audit_each(b->ctl->store, subject, conv_audit_cb, rc);
}

/* Counts the client's messages of each conversation, each way: to or
 * from the client's own number (the relayed copies to the specialist and
 * the specialist's own texts are not counted twice). No body is kept. */
static int conv_msg_cb(void *ctx, const struct store_msg_row *m)
{
    struct conv_fill *cv = ctx;
    if (!m->conversation_id || strcmp(m->peer, cv->c->phone) != 0)
        return 0;
    for (size_t i = cv->first; i < cv->b->r.nconvs; i++) {
        struct report_conv *rc = &cv->b->r.convs[i];
        if (rc->id != m->conversation_id)
            continue;
        if (m->direction == MSG_OUT)
            rc->to_client++;
        else
            rc->from_client++;
    }
    return 0;
}

static int client_convs(struct report_build *b, const struct store_client *c)
{
    struct conv_fill cv = {b, c, b->r.nconvs};
    int st = store_conversations_for_client(b->ctl->store, c->id, conv_cb, &cv);
    if (st == STORE_OK && b->r.nconvs > cv.first)
        st = store_messages_for_client(b->ctl->store, c->id, conv_msg_cb, &cv);
    return st;
}

/* A task due in the period, counted for its holder: done before or after
 * it was overdue (DONE keeps the step it had), snoozed, still overdue,
 * handed to the backup. */
static int followup_cb(void *ctx, const struct store_followup *f)
{
    struct report_build *b = ctx;
    struct report_followups *u = NULL;
    if (f->due_at < b->r.from || f->due_at >= b->r.to || (b->only && f->client_id != b->only_id))
        return 0;
    for (size_t i = 0; !u && i < b->r.nfus; i++)
        if (strcmp(b->r.fus[i].specialist, f->holder) == 0)
            u = &b->r.fus[i];
    if (!u) {
        if (grow((void **)&b->r.fus, &b->cap_fus, b->r.nfus, sizeof *b->r.fus) != 0)
            return CB_NOMEM;
        u = &b->r.fus[b->r.nfus++];
        memset(u, 0, sizeof *u);
        snprintf(u->specialist, sizeof u->specialist, "%s", f->holder);
    }
    bool done = f->state == FU_STATE_DONE;
    u->due++;
    u->on_time += done && f->step < FU_OVERDUE;
    u->late += done && f->step >= FU_OVERDUE;
    u->snoozed += f->snoozes > 0;
    u->overdue += !done && f->step == FU_OVERDUE;
    u->handed += f->step == FU_HANDED;
    return 0;
}

static int client_cb(void *ctx, const struct store_client *c)
{
    struct report_build *b = ctx;
    if (b->only && c->id != b->only_id)
        return 0;
    if (grow((void **)&b->r.clients, &b->cap_clients, b->r.nclients, sizeof *b->r.clients) != 0)
        return CB_NOMEM;
    struct report_client *rc = &b->r.clients[b->r.nclients++];
    memset(rc, 0, sizeof *rc);
    snprintf(rc->alias, sizeof rc->alias, "%s", c->alias);
    snprintf(rc->state, sizeof rc->state, "%s", client_state_name(c->state));
    struct client_fill cf = {b, rc, 0, 0};
    int st = store_moods_for_client(b->ctl->store, c->id, mood_cb, &cf);
    if (st == STORE_OK)
        st = store_checkins_for_client(b->ctl->store, c->id, b->r.from, checkin_cb, &cf);
    struct flow_fill ff = {.b = b, .c = c};
    if (st == STORE_OK)
        st = store_flowruns_for_client(b->ctl->store, c->id, flowrun_cb, &ff);
    if (st == STORE_OK)
        st = client_convs(b, c);
    return st;
}

static int esc_cb(void *ctx, const struct store_escalation *e)
{
    struct report_build *b = ctx;
    struct store_client c;
    if (e->created_at < b->r.from || e->created_at >= b->r.to)
        return 0;
    if (grow((void **)&b->r.escs, &b->cap_escs, b->r.nescs, sizeof *b->r.escs) != 0)
        return CB_NOMEM;
    struct report_esc *re = &b->r.escs[b->r.nescs++];
    memset(re, 0, sizeof *re);
    re->id = e->id;
    if (e->client_id && store_client_get(b->ctl->store, e->client_id, &c) == STORE_OK)
        snprintf(re->alias, sizeof re->alias, "%s", c.alias);
    snprintf(re->severity, sizeof re->severity, "%s", stored_severity_name(e->severity));
    snprintf(re->reason, sizeof re->reason, "%s", e->reason);
    re->state = e->state;
    re->created_at = e->created_at;
    re->acked_at = e->acked_at;
    return 0;
}

/* The start of the period: local midnight in tz, days - 1 days before the
 * day of now, so the last bar is today; now - days * 24 h if the zone
 * cannot be used. */
static int64_t period_start(int64_t now, const char *tz, int days)
{
    char t[64];
    int y, mo, d;
    int64_t from;
    if (schedule_format_local(now - (int64_t)(days - 1) * 86400, tz, t, sizeof t) == 0 &&
        sscanf(t, "%4d-%2d-%2d", &y, &mo, &d) == 3 &&
        schedule_local_instant(tz, y, mo, d, 0, &from) == 0)
        return from;
    return now - (int64_t)days * 86400;
}

int cmd_report(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {{"client", required_argument, NULL, OPT_CLIENT},
                                         {"days", required_argument, NULL, OPT_DAYS},
                                         {"output", required_argument, NULL, OPT_OUTPUT},
                                         HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct report_build b;
    const char *alias = NULL, *out_path = NULL;
    char buf[256], tmp[4096];
    int opt, rc, code, days = DEFAULT_DAYS;
    FILE *f = NULL;

    memset(&b, 0, sizeof b);
    /* -o as well as --output: the one short option, as the usage shows. */
    while ((opt = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_CLIENT: alias = optarg; break;
        case OPT_DAYS:
            if (parse_days(optarg, &days) != 0)
                return usage_error(cmd, "bad --days \"%s\": a whole number from 1 to 3650",
                                   clean(optarg, buf, sizeof buf));
            break;
        case 'o':
        case OPT_OUTPUT: out_path = optarg; break;
        default: return flag_other(cmd, opt, argv);
        }
    }
    if (optind != argc)
        return usage_error(cmd, "too many arguments");
    if (!out_path)
        return usage_error(cmd, "report needs -o FILE.html");
    if (alias && !alias_is_valid(alias))
        return bad_alias(cmd, alias);
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if (alias) {
        struct store_client c;
        if ((code = find_client(ctl, alias, &c)) != CTL_OK)
            return code;
        b.only = alias;
        b.only_id = c.id;
    }

    b.ctl = ctl;
    b.r.program = ctl->cfg->program_name;
    b.r.alias = alias;
    b.r.tz = ctl->cfg->default_tz;
    b.r.days = days;
    b.r.from = period_start(ctl->now, b.r.tz, days);
    /* The chart's last day ends at the midnight after now. */
    b.r.to = b.r.from + (int64_t)days * 86400;
    if (b.r.to <= ctl->now)
        b.r.to = ctl->now + 1;
    b.r.generated_at = ctl->now;
    if (ctl->store) {
        rc = store_clients_each(ctl->store, client_cb, &b);
        if (rc == STORE_OK)
            rc = store_escalations_each(ctl->store, b.only_id, false, esc_cb, &b);
        if (rc == STORE_OK)
            rc = store_followups_each(ctl->store, 0, true, followup_cb, &b);
        if (rc == CB_NOMEM) {
            errorf("out of memory");
            code = CTL_RUNTIME;
            goto out;
        }
        if (rc != STORE_OK) {
            code = store_failure(ctl, rc, "reading the report's data");
            goto out;
        }
    }
    /* Written beside the target and renamed: a reader never sees half a
     * report, and a failed run leaves the old one. 0600: health data
     * (0640 in a directory shared with the operators' group: output_mode). */
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", out_path, (long)getpid()) >= (int)sizeof tmp) {
        code = usage_error(cmd, "the output path is too long");
        goto out;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        (void)fchmod(fd, output_mode(out_path));
    if (fd < 0 || !(f = fdopen(fd, "w"))) {
        errorf("cannot write %s: %s", clean(out_path, buf, sizeof buf), strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        code = CTL_RUNTIME;
        goto out;
    }
    rc = report_write_html(&b.r, f);
    if (fclose(f) != 0 || rc != 0 || rename(tmp, out_path) != 0) {
        errorf("cannot write %s: %s", clean(out_path, buf, sizeof buf), strerror(errno));
        unlink(tmp);
        code = CTL_RUNTIME;
        goto out;
    }
    struct report_totals t;
    report_totals(&b.r, &t);
    printf("wrote %s: %s, last %d days: %zu client%s, %zu mood%s, %zu check-in%s (%zu missed), "
           "%zu escalation%s\n", clean(out_path, buf, sizeof buf), alias ? alias : "the program",
           days, t.clients, t.clients == 1 ? "" : "s", t.moods, t.moods == 1 ? "" : "s",
           t.checkins, t.checkins == 1 ? "" : "s", t.missed, t.escalations,
           t.escalations == 1 ? "" : "s");
    code = CTL_OK;
out:
    free_report(&b);
    return code;
}
