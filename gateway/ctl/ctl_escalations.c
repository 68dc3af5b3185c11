/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_escalations.c: escalations, conversation, followups: what the
 * specialists were alerted to and what they did. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl.h"
#include "core/followup.h"

/* ---- escalations ---------------------------------------------------------------------- */

/* "4m05s", "2h10m", "1d3h": a duration for people. */
static const char *fmt_duration(int64_t secs, char *out, size_t outsz)
{
    if (secs < 0)
        secs = 0;
    if (secs < 3600)
        snprintf(out, outsz, "%lldm%02llds", (long long)(secs / 60), (long long)(secs % 60));
    else if (secs < 86400)
        snprintf(out, outsz, "%lldh%02lldm", (long long)(secs / 3600),
                 (long long)(secs % 3600 / 60));
    else
        snprintf(out, outsz, "%lldd%lldh", (long long)(secs / 86400),
                 (long long)(secs % 86400 / 3600));
    return out;
}

/* The client's alias for a listing, or "-" for a number not enrolled. */
static const char *esc_client(struct ctl *ctl, const struct store_escalation *e, char *out,
                              size_t outsz)
{
    struct store_client c;
    if (e->client_id && store_client_get(ctl->store, e->client_id, &c) == STORE_OK)
        return clean(c.alias, out, outsz);
    snprintf(out, outsz, "-");
    return out;
}

/* Time to acknowledgement: "4m05s", or "open 12m00s" while nobody has it. */
static const char *fmt_tta(const struct store_escalation *e, int64_t now, char *out,
                           size_t outsz)
{
    char d[32];
    if (e->acked_at > 0)
        return fmt_duration(e->acked_at - e->created_at, out, outsz);
    snprintf(out, outsz, "%s %s", e->state == ESC_OPEN ? "open" : "-",
             fmt_duration(now - e->created_at, d, sizeof d));
    return out;
}

struct esc_list {
    struct ctl *ctl;
    int n;
};

static int esc_list_cb(void *ctx, const struct store_escalation *e)
{
    struct esc_list *l = ctx;
    char t[TIME_MAX], alias[128], reason[sizeof e->reason], tta[48];
    if (l->n++ == 0)
        printf("%-5s %-7s %-9s %-16s %-22s %-12s %-5s %s\n", "ID", "SEVER", "STATE", "CLIENT",
               "CREATED", "TO ACK", "MSGS", "REASON");
    printf("%-5lld %-7s %-9s %-16s %-22s %-12s %-5d %s\n", (long long)e->id,
           stored_severity_name(e->severity),
           esc_state_name(e->state), esc_client(l->ctl, e, alias, sizeof alias),
           fmt_local(e->created_at, l->ctl->cfg->default_tz, t, sizeof t),
           fmt_tta(e, l->ctl->now, tta, sizeof tta), e->count,
           clean(e->reason, reason, sizeof reason));
    return 0;
}

static int esc_trail_cb(void *ctx, const struct store_audit_row *a)
{
    struct ctl *ctl = ctx;
    char t[TIME_MAX], actor[sizeof a->actor], detail[sizeof a->detail];
    printf("  %s  %-24s %-28s %s\n", fmt_local(a->at, ctl->cfg->default_tz, t, sizeof t),
           clean(a->actor, actor, sizeof actor), a->action,
           clean(a->detail, detail, sizeof detail));
    return 0;
}

/* The audit lines of one screening (subject "screening:N"). */
static int esc_screening_cb(void *ctx, const struct store_screening *sc)
{
    char subject[32];
    snprintf(subject, sizeof subject, "screening:%lld", (long long)sc->id);
    return store_audit_each(((struct ctl *)ctx)->store, subject, esc_trail_cb, ctx);
}

static int esc_show(struct ctl *ctl, int64_t id)
{
    struct store_escalation e;
    struct store_specialist sp;
    char buf[512], t[TIME_MAX], subject[24];
    int rc = store_escalation_get(ctl->store, id, &e);
    if (rc == STORE_NOTFOUND) {
        errorf("no escalation #%lld", (long long)id);
        return CTL_NOCLIENT;
    }
    if (rc != STORE_OK)
        return store_failure(ctl, rc, "reading the escalation");
    const char *tz = ctl->cfg->default_tz;
    printf("escalation: #%lld\n", (long long)e.id);
    printf("severity: %s\n", stored_severity_name(e.severity));
    printf("reason: %s\n", clean(e.reason, buf, sizeof buf));
    printf("state: %s\n", esc_state_name(e.state));
    printf("client: %s\n", esc_client(ctl, &e, buf, sizeof buf));
    printf("from: %s\n", clean(e.peer, buf, sizeof buf));
    if (e.specialist_id && store_specialist_get(ctl->store, e.specialist_id, &sp) == STORE_OK)
        printf("specialist: %s\n", clean(sp.key, buf, sizeof buf));
    else
        printf("specialist: none (every specialist is alerted)\n");
    printf("score: %s\n", clean(e.score, buf, sizeof buf));
    printf("messages: %d\n", e.count);
    printf("newest text: %s\n", clean(e.text, buf, sizeof buf));
    printf("created: %s\n", fmt_local(e.created_at, tz, t, sizeof t));
    printf("acknowledged: %s", e.acked_at ? fmt_local(e.acked_at, tz, t, sizeof t) : "-");
    if (e.acked_at)
        printf(" by %s (after %s)", clean(e.acked_by, buf, sizeof buf),
               fmt_duration(e.acked_at - e.created_at, t, sizeof t));
    printf("\nresolved: %s", e.resolved_at ? fmt_local(e.resolved_at, tz, t, sizeof t) : "-");
    if (e.resolved_at)
        printf(" by %s", clean(e.resolved_by, buf, sizeof buf));
    printf("\nre-alerts sent: %d\n", e.realerts);
    printf("next re-alert: %s\n", e.realert_at ? fmt_local(e.realert_at, tz, t, sizeof t) : "-");
    printf("trail:\n");
    /* The screening question that led to it (rule 6), asked before it existed. */
    if ((rc = store_screenings_for_escalation(ctl->store, e.id, esc_screening_cb, ctl)) !=
        STORE_OK)
        return store_failure(ctl, rc, "reading the screening trail");
    snprintf(subject, sizeof subject, "%lld", (long long)e.id);
    if ((rc = store_audit_each(ctl->store, subject, esc_trail_cb, ctl)) != STORE_OK)
        return store_failure(ctl, rc, "reading the audit trail");
    return CTL_OK;
}

int cmd_escalations(struct ctl *ctl, int argc, char **argv)
{
    enum { OPT_OPEN = 400 };
    static const struct option opts[] = {
        {"open", no_argument, NULL, OPT_OPEN}, HELP_OPTION, END_OPTIONS,
    };
    const struct command *cmd = ctl->cmd;
    bool open_only = false;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_OPEN)
            open_only = true;
        else
            return flag_other(cmd, opt, argv);
    }
    if (argc - optind > 1)
        return usage_error(cmd, "too many arguments");
    int64_t id = 0;
    if (argc - optind == 1) {
        char *end = NULL;
        const char *a = argv[optind][0] == '#' ? argv[optind] + 1 : argv[optind];
        errno = 0;
        long long v = strtoll(a, &end, 10);
        if (errno || end == a || *end || v <= 0)
            return usage_error(cmd, "an escalation number is a positive integer");
        id = v;
    }
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if (id)
        return esc_show(ctl, id);
    struct esc_list l = {ctl, 0};
    if ((rc = store_escalations_each(ctl->store, 0, open_only, esc_list_cb, &l)) != STORE_OK)
        return store_failure(ctl, rc, "reading the escalations");
    if (l.n == 0)
        printf("no %sescalations\n", open_only ? "open " : "");
    return CTL_OK;
}

/* ---- conversation ---------------------------------------------------------------------- */

struct conv_print {
    struct ctl *ctl;
    const struct store_client *c;
    int n;
    int64_t conversation_id; /* the messages of this one */
    int64_t idle;            /* escalation.conversation_idle_hours, in seconds */
};

/* The transcript: what the client wrote and what was sent to them; the
 * copies to and from the specialist's phone are the same words. */
static int conversation_msg_cb(void *ctx, const struct store_msg_row *m)
{
    struct conv_print *cp = ctx;
    char t[TIME_MAX], body[sizeof m->body];
    if (m->conversation_id != cp->conversation_id || strcmp(m->peer, cp->c->phone) != 0)
        return 0;
    bool in = m->direction == MSG_IN;
    printf("  %s  %s %s %s  %s\n", fmt_local(m->created_at, cp->c->tz, t, sizeof t),
           in ? cp->c->alias : (m->specialist[0] ? m->specialist : "-"), in ? "->" : "<-",
           in ? "" : msg_state_name(m->state), clean(m->body, body, sizeof body));
    return 0;
}

static int conversation_cb(void *ctx, const struct store_conversation *shown)
{
    struct conv_print *cp = ctx;
    struct store_conversation idle = *shown;
    const struct store_conversation *v = &idle;
    if (!idle.ended_at && idle.last_at + cp->idle <= cp->ctl->now) {
        idle.ended_at = idle.last_at + cp->idle;
        idle.end_reason = CONV_IDLE;
    }
    char t1[TIME_MAX], t2[TIME_MAX], t3[TIME_MAX], about[32] = "TEXT";
    if (v->escalation_id)
        snprintf(about, sizeof about, "#%lld", (long long)v->escalation_id);
    cp->n++;
    printf("conversation %lld  about %s  held by %s  opened %s  last %s  %s%s%s\n",
           (long long)v->id, about, v->holder, fmt_local(v->opened_at, cp->c->tz, t1, sizeof t1),
           fmt_local(v->last_at, cp->c->tz, t2, sizeof t2), v->ended_at ? "ended " : "open",
           v->ended_at ? fmt_local(v->ended_at, cp->c->tz, t3, sizeof t3) : "",
           v->ended_at ? (v->end_reason == CONV_IDLE       ? " (idle)"
                          : v->end_reason == CONV_RESOLVED ? " (RESOLVE)"
                                                           : " (END)")
                       : "");
    struct conv_print msgs = *cp;
    msgs.conversation_id = v->id;
    return store_messages_for_client(cp->ctl->store, cp->c->id, conversation_msg_cb, &msgs);
}

int cmd_conversation(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct store_client c;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if ((code = client_arg(ctl, argc, argv, &c)) != CTL_OK)
        return code;
    /* An idle conversation is shown ended, as the daemon ends it (and
     * tells its holder: so it is not ended here, silently). */
    struct conv_print cp = {.ctl = ctl, .c = &c,
                            .idle = (int64_t)ctl->cfg->esc.conversation_idle_hours * 3600};
    if ((rc = store_conversations_for_client(ctl->store, c.id, conversation_cb, &cp)) != STORE_OK)
        return store_failure(ctl, rc, "reading the conversations");
    if (cp.n == 0)
        printf("no conversations\n");
    return CTL_OK;
}

/* ---- followups ------------------------------------------------------------------------ */

static int followup_print_cb(void *ctx, const struct store_followup *f)
{
    struct ctl *ctl = ctx;
    char t[TIME_MAX], done[TIME_MAX + 40] = "";
    if (f->done_at) {
        char d[TIME_MAX];
        snprintf(done, sizeof done, "  done %s by %s",
                 fmt_local(f->done_at, ctl->cfg->default_tz, d, sizeof d), f->done_by);
    }
    printf("#%-5lld %-16s %-8s due %s  held by %s%s%s%s%s\n", (long long)f->escalation_id,
           f->alias, followup_state_name(f), fmt_local(f->due_at, ctl->cfg->default_tz, t, sizeof t),
           f->holder, f->step == FU_RESENT ? "  sent twice" : "",
           f->handed_to[0] ? "  handed to " : "", f->handed_to, done);
    if (f->snoozes)
        printf("       snoozed %d time%s\n", f->snoozes, f->snoozes == 1 ? "" : "s");
    return 0;
}

int cmd_followups(struct ctl *ctl, int argc, char **argv)
{
    enum { OPT_ALL = 400 };
    static const struct option opts[] = {
        {"all", no_argument, NULL, OPT_ALL}, HELP_OPTION, END_OPTIONS,
    };
    bool all = false;
    int opt, rc, code;
    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_ALL)
            all = true;
        else
            return flag_other(ctl->cmd, opt, argv);
    }
    if (argc - optind > 0)
        return usage_error(ctl->cmd, "too many arguments");
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if ((rc = store_followups_each(ctl->store, 0, all, followup_print_cb, ctl)) != STORE_OK)
        return store_failure(ctl, rc, "reading the follow-up tasks");
    return CTL_OK;
}
