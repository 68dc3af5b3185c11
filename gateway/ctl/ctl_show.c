/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_show.c: the commands that read clients: list, show, history. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl.h"
#include "base/sparkline.h"

/* "7/10", or "7.5/10" for a half point. Returns out. */
static const char *fmt_score(const struct store_mood *m, char *out, size_t outsz)
{
    if (m->score == (double)(long long)m->score)
        snprintf(out, outsz, "%lld/%d", (long long)m->score, m->scale_max);
    else
        snprintf(out, outsz, "%.1f/%d", m->score, m->scale_max);
    return out;
}

/* The newest mood of a client, for list and show. */
struct last_mood {
    bool have;
    struct store_mood m;
};

static int last_mood_cb(void *ctx, const struct store_mood *m)
{
    struct last_mood *lm = ctx;
    lm->have = true;
    lm->m = *m; /* moods come oldest first: the last one wins */
    return 0;
}

/* ---- list ----------------------------------------------------------------------- */

struct list_row {
    struct store_client c;
    char next[TIME_MAX];
    char mood[32];
};

struct list_rows {
    struct list_row *v; /* owned */
    size_t n, cap;
};

static int list_collect_cb(void *ctx, const struct store_client *c)
{
    struct list_rows *rows = ctx;
    if (rows->n == rows->cap) {
        size_t cap = rows->cap ? rows->cap * 2 : 16;
        struct list_row *v = realloc(rows->v, cap * sizeof *v);
        if (!v)
            return CB_NOMEM;
        rows->v = v;
        rows->cap = cap;
    }
    memset(&rows->v[rows->n], 0, sizeof rows->v[rows->n]);
    rows->v[rows->n++].c = *c;
    return 0;
}

static size_t max_len(size_t w, const char *s)
{
    size_t n = strlen(s);
    return n > w ? n : w;
}

int cmd_list(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    static const char *const head[] = {"ALIAS", "PHONE", "STATE", "SCHEDULE", "NEXT CHECK-IN",
                                       "LAST MOOD"};
    const struct command *cmd = ctl->cmd;
    struct list_rows rows = {NULL, 0, 0};
    size_t w[5];
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if (optind != argc)
        return usage_error(cmd, "list takes no arguments");
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if (ctl->store && (rc = store_clients_each(ctl->store, list_collect_cb, &rows)) != STORE_OK) {
        if (rc == CB_NOMEM)
            errorf("out of memory");
        code = rc == CB_NOMEM ? CTL_RUNTIME : store_failure(ctl, rc, "listing the clients");
        goto out;
    }
    if (rows.n == 0) {
        printf("no clients enrolled\n");
        goto out;
    }
    for (int i = 0; i < 5; i++)
        w[i] = strlen(head[i]);
    for (size_t i = 0; i < rows.n; i++) {
        struct list_row *r = &rows.v[i];
        struct last_mood lm = {false, {0}};
        if ((rc = store_moods_for_client(ctl->store, r->c.id, last_mood_cb, &lm)) != STORE_OK) {
            code = store_failure(ctl, rc, "reading the moods");
            goto out;
        }
        /* No time for a client who gets no check-ins: it would mislead. */
        if (r->c.state == CLIENT_ACTIVE)
            fmt_local(r->c.next_due_at, r->c.tz, r->next, sizeof r->next);
        else
            snprintf(r->next, sizeof r->next, "-");
        if (lm.have)
            fmt_score(&lm.m, r->mood, sizeof r->mood);
        else
            snprintf(r->mood, sizeof r->mood, "-");
        w[0] = max_len(w[0], r->c.alias);
        w[1] = max_len(w[1], r->c.phone);
        w[2] = max_len(w[2], client_state_name(r->c.state));
        w[3] = max_len(w[3], r->c.schedule);
        w[4] = max_len(w[4], r->next);
    }
    printf("%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], head[0], (int)w[1], head[1],
           (int)w[2], head[2], (int)w[3], head[3], (int)w[4], head[4], head[5]);
    for (size_t i = 0; i < rows.n; i++) {
        const struct list_row *r = &rows.v[i];
        char alias[sizeof r->c.alias], sched[sizeof r->c.schedule];
        printf("%-*s  %-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0],
               clean(r->c.alias, alias, sizeof alias), (int)w[1], r->c.phone, (int)w[2],
               client_state_name(r->c.state), (int)w[3],
               clean(r->c.schedule, sched, sizeof sched), (int)w[4],
               r->next, r->mood);
    }
out:
    free(rows.v);
    return code;
}

/* ---- show ------------------------------------------------------------------------- */

struct esc_print {
    const char *tz;
    int n;
};

static int show_escalation_cb(void *ctx, const struct store_escalation *e)
{
    struct esc_print *ep = ctx;
    char since[TIME_MAX], reason[sizeof e->reason];
    if (ep->n++ == 0)
        printf("open escalations:\n");
    printf("  #%lld %s %s since %s", (long long)e->id, stored_severity_name(e->severity),
           clean(e->reason, reason, sizeof reason), fmt_local(e->created_at, ep->tz, since,
                                                              sizeof since));
    if (e->acked_at > 0)
        printf(", acknowledged by %s", clean(e->acked_by, reason, sizeof reason));
    printf("\n");
    return 0;
}

int cmd_show(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct store_client c;
    struct store_specialist sp;
    struct last_mood lm = {false, {0}};
    struct esc_print ep = {NULL, 0};
    char buf[512], t[TIME_MAX], score[32];
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if ((code = client_arg(ctl, argc, argv, &c)) != CTL_OK)
        return code;

    printf("alias: %s\n", clean(c.alias, buf, sizeof buf));
    printf("name: %s\n", c.name[0] ? clean(c.name, buf, sizeof buf) : "-");
    printf("phone: %s\n", c.phone);
    printf("zone: %s\n", clean(c.tz, buf, sizeof buf));
    printf("schedule: %s%s\n", clean(c.schedule, buf, sizeof buf),
           gw_config_schedule(ctl->cfg, c.schedule) ? "" : " (not in the configuration!)");
    printf("language: %s\n", stored_lang_name(c.lang));
    printf("birthday: %s\n", c.birthday[0] ? c.birthday : "-");
    if (c.specialist_id == 0) {
        printf("specialist: none\n");
    } else if ((rc = store_specialist_get(ctl->store, c.specialist_id, &sp)) == STORE_OK) {
        char name[sizeof sp.name];
        printf("specialist: %s (%s)\n", clean(sp.key, buf, sizeof buf),
               clean(sp.name, name, sizeof name));
    } else if (rc == STORE_NOTFOUND) {
        printf("specialist: #%lld (unknown)\n", (long long)c.specialist_id);
    } else {
        return store_failure(ctl, rc, "reading the specialist");
    }
    printf("state: %s\n", client_state_name(c.state));
    if (c.opted_out_at > 0 && c.state == CLIENT_OPTED_OUT)
        printf("opted out: %s\n", fmt_local(c.opted_out_at, c.tz, t, sizeof t));
    fmt_local(c.created_at, c.tz, t, sizeof t);
    printf("enrolled: %.10s\n", t);
    printf("next check-in: %s\n", c.state == CLIENT_ACTIVE
                                      ? fmt_local(c.next_due_at, c.tz, t, sizeof t)
                                  : c.state == CLIENT_PENDING
                                      ? "- (waiting for the client's YES to the welcome)"
                                      : "- (no check-ins are sent)");
    if (c.state == CLIENT_PAUSED)
        printf("paused until: %s\n",
               c.paused_until ? fmt_local(c.paused_until, c.tz, t, sizeof t) : "resume");
    if (c.oneoff_at > 0)
        printf("one-off check-in: %s\n", fmt_local(c.oneoff_at, c.tz, t, sizeof t));
    int64_t missed = 0;
    if ((rc = store_checkins_missed_in_row(ctl->store, c.id, &missed)) != STORE_OK)
        return store_failure(ctl, rc, "reading the check-ins");
    printf("missed in a row: %lld\n", (long long)missed);
    const struct gw_schedule *csch = gw_config_schedule(ctl->cfg, c.schedule);
    if (csch && csch->kind == SCHED_CARING) {
        int64_t ncaring = 0;
        if ((rc = store_caring_count(ctl->store, c.id, &ncaring)) != STORE_OK)
            return store_failure(ctl, rc, "reading the caring contacts");
        printf("caring contacts sent: %lld\n", (long long)ncaring);
    }
    if ((rc = store_moods_for_client(ctl->store, c.id, last_mood_cb, &lm)) != STORE_OK)
        return store_failure(ctl, rc, "reading the moods");
    if (lm.have)
        printf("last mood: %s on %s\n", fmt_score(&lm.m, score, sizeof score),
               fmt_local(lm.m.recorded_at, c.tz, t, sizeof t));
    else
        printf("last mood: -\n");
    ep.tz = c.tz;
    if ((rc = store_escalations_each(ctl->store, c.id, true, show_escalation_cb, &ep)) !=
        STORE_OK)
        return store_failure(ctl, rc, "reading the escalations");
    if (ep.n == 0)
        printf("open escalations: none\n");
    return CTL_OK;
}

/* ---- history ------------------------------------------------------------------------ */

/* The sparkline under a history shows at most this many of the newest
 * moods: one terminal line. */
#define SPARK_MAX 60
#define BAR_WIDTH      20  /* history: a norm of 100 is this many '#' */

struct hist_print {
    const char *tz;
    int n;
    double spark[SPARK_MAX]; /* the newest moods' norms, a ring */
};

static int history_mood_cb(void *ctx, const struct store_mood *m)
{
    struct hist_print *hp = ctx;
    char t[TIME_MAX], score[32], bar[BAR_WIDTH + 1];
    double norm = m->norm < 0 ? 0 : m->norm > 100 ? 100 : m->norm;
    int n = (int)(norm * BAR_WIDTH / 100.0 + 0.5);
    memset(bar, '#', (size_t)n);
    bar[n] = '\0';
    hp->spark[hp->n % SPARK_MAX] = m->norm;
    hp->n++;
    printf("%s  %6s%s%s\n", fmt_local(m->recorded_at, hp->tz, t, sizeof t),
           fmt_score(m, score, sizeof score), n ? "  " : "", bar);
    return 0;
}

/* "trend: ▁▃▆█ (4 moods, oldest first)" after the list: UTF-8 block
 * characters where the terminal's locale is UTF-8, an ASCII ramp (_.-=+*#@)
 * elsewhere, so it never prints mojibake. */
static void print_trend(const struct hist_print *hp)
{
    double v[SPARK_MAX];
    int n = hp->n < SPARK_MAX ? hp->n : SPARK_MAX;
    for (int i = 0; i < n; i++) /* oldest of the ring first */
        v[i] = hp->spark[(hp->n - n + i) % SPARK_MAX];
    const char *codeset = setlocale(LC_CTYPE, "") ? nl_langinfo(CODESET) : "";
    bool utf8 = strcmp(codeset, "UTF-8") == 0;
    char line[SPARK_MAX * 3 + 1];
    sparkline(v, (size_t)n, utf8, line, sizeof line);
    printf("\ntrend: %s  (%s%d moods, oldest first)\n", line, hp->n > n ? "the newest " : "", n);
}

static int history_msg_cb(void *ctx, const struct store_msg_row *m)
{
    struct hist_print *hp = ctx;
    char t[TIME_MAX], body[sizeof m->body];
    hp->n++;
    printf("%s  %-3s  %-8s  %-9s  %s%s%s%s\n", fmt_local(m->created_at, hp->tz, t, sizeof t),
           msg_direction_name(m->direction),
           m->kind != MSG_KIND_NONE ? msg_kind_name(m->kind) : "-", msg_state_name(m->state),
           m->conversation_id ? "[conversation, " : "",
           m->conversation_id ? (m->specialist[0] ? m->specialist : "-") : "",
           m->conversation_id ? "] " : "", clean(m->body, body, sizeof body));
    return 0;
}

/* The one ALIAS argument left after the flags, checked, and its client
 * (*c) from the database. Returns CTL_OK or the exit code. */
int client_arg(struct ctl *ctl, int argc, char **argv, struct store_client *c)
{
    const char *alias;
    int code;
    if ((code = alias_arg(ctl, argc, argv, &alias)) != CTL_OK ||
        (code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    return find_client(ctl, alias, c);
}

int cmd_history(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {
        {"messages", no_argument, NULL, OPT_MESSAGES}, HELP_OPTION, END_OPTIONS,
    };
    const struct command *cmd = ctl->cmd;
    struct store_client c;
    struct hist_print hp = {NULL, 0, {0}};
    bool messages = false;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_MESSAGES)
            messages = true;
        else
            return flag_other(cmd, opt, argv);
    }
    if ((code = client_arg(ctl, argc, argv, &c)) != CTL_OK)
        return code;

    hp.tz = c.tz;
    if ((rc = store_moods_for_client(ctl->store, c.id, history_mood_cb, &hp)) != STORE_OK)
        return store_failure(ctl, rc, "reading the moods");
    if (hp.n == 0)
        printf("no moods recorded yet\n");
    else if (hp.n > 1)
        print_trend(&hp);
    if ((code = history_flows(ctl, &c)) != CTL_OK)
        return code;
    if (!messages)
        return CTL_OK;
    printf("\nmessages:\n");
    hp.n = 0;
    if ((rc = store_messages_for_client(ctl->store, c.id, history_msg_cb, &hp)) != STORE_OK)
        return store_failure(ctl, rc, "reading the messages");
    if (hp.n == 0)
        printf("no messages yet\n");
    return CTL_OK;
}
