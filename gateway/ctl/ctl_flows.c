/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_flows.c: checkinctl's check-in flows (issue 19): `flows` lists the
 * configured flows and the built-in instruments the schedules use, each
 * question with its type, condition and each text's SMS length; the flows
 * part of `history` (each administration: its state, answers, and an
 * instrument's total and band). Like ctl.c, no SQL here: store.h only. */
#include <stdio.h>
#include <string.h>

#include "config/config_flows.h"
#include "ctl/ctl.h"
#include "model/flow.h"
#include "model/instrument.h"
#include "model/template.h"

/* A condition as written: "mood + cravings >= 8", or "-". */
static const char *cond_text(const struct flow_cond *c, char *out, size_t outsz)
{
    size_t n = 0;
    if (c->nterms == 0)
        return "-";
    out[0] = '\0';
    for (int i = 0; i < c->nterms && n < outsz; i++)
        n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? " + " : "", c->terms[i]);
    if (n < outsz)
        snprintf(out + n, outsz - n, " %s %g", flow_op_name(c->op), c->value);
    return out;
}

/* The answers a question takes: "1-10", "yes/no", "3 choices", "text". */
static const char *answer_text(const struct flow_question *q, char *out, size_t outsz)
{
    switch (q->type) {
    case FLOW_SCALE:
    case FLOW_NUMBER:
        snprintf(out, outsz, "%d-%d", q->min, q->max);
        break;
    case FLOW_YESNO:
        snprintf(out, outsz, "yes/no");
        break;
    case FLOW_CHOICE:
        snprintf(out, outsz, "%d choices", q->nchoices);
        break;
    default:
        snprintf(out, outsz, "text");
    }
    return out;
}

/* One flow's questions, a line per question and language. Returns the
 * number of texts over max_seg segments. */
static int print_flow(const struct flow *f, const char *where, int max_seg)
{
    char cond[160], ans[32], jump[200];
    int over = 0;
    printf("flow %s (%s): %d questions, valid\n", f->name, where, f->n);
    printf("  %-12s %-7s %-10s %-24s %-4s %-6s %5s %4s\n", "QUESTION", "TYPE", "ANSWER",
           "ASKED IF", "LANG", "CODING", "BYTES", "SMS");
    for (int i = 0; i < f->n; i++) {
        const struct flow_question *q = &f->q[i];
        for (int l = 0; l < FLOW_LANGS; l++) {
            if (l > 0 && (q->text[l] == NULL || q->text[l][0] == '\0'))
                continue; /* the English text is sent */
            int ucs2 = 0, seg = sms_segments(q->text[l], &ucs2);
            char note[260] = "";
            if (q->jump_to && l == 0)
                snprintf(note, sizeof note, "then %s%s%s", q->jump_to,
                         q->jump_if.nterms ? " if " : "",
                         q->jump_if.nterms ? cond_text(&q->jump_if, jump, sizeof jump) : "");
            for (int a = 0; l == 0 && a < q->nalerts; a++) {
                size_t n = strlen(note);
                snprintf(note + n, sizeof note - n, "%salert %s %g %s", n ? "; " : "",
                         flow_op_name(q->alerts[a].op), q->alerts[a].value,
                         severity_name(q->alerts[a].sev));
            }
            if (seg > max_seg) {
                over++;
                size_t n = strlen(note);
                snprintf(note + n, sizeof note - n, "%sTOO LONG (> %d)", n ? "; " : "", max_seg);
            }
            printf("  %-12s %-7s %-10s %-24s %-4s %-6s %5zu %4d%s%s\n", l ? "" : q->id,
                   l ? "" : flow_type_name(q->type), l ? "" : answer_text(q, ans, sizeof ans),
                   l ? "" : cond_text(&q->ask_if, cond, sizeof cond), l ? "es" : "en",
                   ucs2 ? "UCS-2" : "GSM-7", strlen(q->text[l]), seg, note[0] ? "  " : "", note);
        }
    }
    return over;
}

/* A built-in instrument as the schedules send it (with any texts the
 * config's instruments = { ... } sets), then where each language's texts
 * come from: an operator must know which are not the publisher's. */
static int print_instrument(const struct gw_config *cfg, enum instrument_kind k, int max_seg)
{
    static const char *const langs[FLOW_LANGS] = {"en", "es"};
    const struct flow *f = gw_config_flow(cfg, instrument_name(k), NULL);
    const struct flow *built = instrument_flow(k);
    int over = print_flow(f, "built in, adapted to SMS", max_seg);
    for (int l = 0; l < FLOW_LANGS; l++) {
        int set = 0;
        for (int i = 0; i < f->n; i++)
            set += f->q[i].text[l] != built->q[i].text[l];
        if (set == 0)
            printf("  %s texts: %s\n", langs[l], instrument_text_source(k, l));
        else
            printf("  %s texts: %d of %d from the config (%s:%d)%s%s\n", langs[l], set, f->n,
                   cfg->file, cfg->instruments[k].line, set < f->n ? "; the others: " : "",
                   set < f->n ? instrument_text_source(k, l) : "");
    }
    return over;
}

int cmd_flows(struct ctl *ctl, int argc, char **argv)
{
    enum { OPT_MAXSEG = 256 };
    static const struct option opts[] = {
        {"max-segments", required_argument, NULL, OPT_MAXSEG}, HELP_OPTION, END_OPTIONS,
    };
    const struct command *cmd = ctl->cmd;
    int opt, code, max_seg = 4, over = 0;
    char where[600];

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt != OPT_MAXSEG)
            return flag_other(cmd, opt, argv);
        if (parse_days(optarg, &max_seg) != 0 || max_seg > 10)
            return usage_error(cmd, "bad --max-segments: use 1 to 10");
    }
    if (optind != argc)
        return usage_error(cmd, "flows takes no arguments");
    /* Loading the config validates every flow (flow_validate): an invalid
     * one is refused here with its file:line, exit 3. */
    if ((code = need_config(ctl)) != CTL_OK)
        return code;
    const struct gw_config *cfg = ctl->cfg;
    for (size_t i = 0; i < cfg->nflows; i++) {
        snprintf(where, sizeof where, "%s:%d", cfg->file, cfg->flows[i].line);
        over += print_flow(&cfg->flows[i].f, where, max_seg);
        printf("\n");
    }
    /* The built-in instruments a schedule names. */
    for (int k = 0; k < INSTR__COUNT; k++) {
        const char *name = instrument_name((enum instrument_kind)k);
        bool used = false;
        for (size_t s = 0; s < cfg->nschedules; s++)
            used |= cfg->schedules[s].flow && strcmp(cfg->schedules[s].flow_name, name) == 0;
        if (!used)
            continue;
        over += print_instrument(cfg, (enum instrument_kind)k, max_seg);
        printf("\n");
    }
    for (size_t s = 0; s < cfg->nschedules; s++)
        if (cfg->schedules[s].flow)
            printf("schedule %s asks flow %s\n", cfg->schedules[s].name,
                   cfg->schedules[s].flow_name);
    if (cfg->nflows == 0 && !over) {
        bool any = false;
        for (size_t s = 0; s < cfg->nschedules; s++)
            any |= cfg->schedules[s].flow != NULL;
        if (!any)
            printf("no flows configured and no schedule asks one\n");
    }
    if (over) {
        errorf("%d flow text%s longer than %d SMS segment%s", over, over == 1 ? " is" : "s are",
               max_seg, max_seg == 1 ? "" : "s");
        return CTL_RUNTIME;
    }
    return CTL_OK;
}

/* ---- history ---------------------------------------------------------------- */

struct hist_flows {
    struct ctl *ctl;
    const struct store_client *c;
    const struct flow *f; /* the run's flow in the config, or NULL */
    struct flow_answers a; /* the run's, for how far a partial one went */
    int n;
    char line[600];
    size_t len;
};

static int answer_cb(void *ctx, const struct store_flow_answer *a)
{
    struct hist_flows *h = ctx;
    char v[32];
    const struct flow_question *q =
        h->f && a->idx >= 0 && a->idx < h->f->n ? &h->f->q[a->idx] : NULL;
    if (a->idx >= 0 && a->idx < FLOW_MAX_QUESTIONS) {
        h->a.state[a->idx] = (enum flow_astate)a->state;
        h->a.value[a->idx] = a->value;
    }
    if (a->state == FLOW_A_TEXT)
        snprintf(v, sizeof v, "(text)");
    else if (a->state != FLOW_A_VALUE)
        snprintf(v, sizeof v, "?");
    else if (q && q->type == FLOW_YESNO)
        snprintf(v, sizeof v, "%s", a->value ? "yes" : "no");
    else if (q && q->type == FLOW_CHOICE && a->value >= 1 && a->value <= q->nchoices)
        snprintf(v, sizeof v, "%s", q->choices[(int)a->value - 1]);
    else
        snprintf(v, sizeof v, "%g", a->value);
    if (h->len < sizeof h->line)
        h->len += (size_t)snprintf(h->line + h->len, sizeof h->line - h->len, " %s=%s", a->qid, v);
    return 0;
}

/* An instrument run that did not complete: its total is of part of the
 * items and it has no band ("PHQ-9 partial 7 (6 of 9 answered)"), and
 * what it alerted, when it did. */
static void print_partial(const struct hist_flows *h, const struct store_flowrun *r)
{
    int asked, answered;
    printf("  %s partial %d", r->scale, r->total);
    if (h->f) {
        flow_reach(h->f, &h->a, &asked, &answered);
        printf(" (%d of %d answered)", answered, asked);
    }
    if (r->alerted > SEV_NONE)
        printf(", alerted %s", severity_name((enum severity)r->alerted));
}

static int run_cb(void *ctx, const struct store_flowrun *r)
{
    struct hist_flows *h = ctx;
    char t[TIME_MAX];
    int rc;
    if (h->n++ == 0)
        printf("\nflows:\n");
    h->f = gw_config_flow(h->ctl->cfg, r->flow, NULL);
    h->len = 0;
    h->line[0] = '\0';
    memset(&h->a, 0, sizeof h->a);
    if ((rc = store_flow_answers(h->ctl->store, r->id, answer_cb, h)) != STORE_OK)
        return rc;
    printf("%s  %-10s %-10s", fmt_local(r->started_at, h->c->tz, t, sizeof t), r->flow,
           run_state_name(r->state));
    if (r->scale[0] && r->band[0])
        printf("  %s %d/%d %s", r->scale, r->total, r->max, r->band);
    else if (r->scale[0])
        print_partial(h, r);
    printf(" %s\n", h->len ? h->line : " (no answers)");
    return 0;
}

int history_flows(struct ctl *ctl, const struct store_client *c)
{
    struct hist_flows h = {.ctl = ctl, .c = c};
    int rc = store_flowruns_for_client(ctl->store, c->id, run_cb, &h);
    return rc == STORE_OK ? CTL_OK : store_failure(ctl, rc, "reading the flows");
}
