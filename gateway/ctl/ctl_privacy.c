/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_privacy.c: checkinctl's consent and privacy commands: templates
 * (length lint), export and remove (a person's data), retention (now),
 * rekey (key rotation) and keygen. Like ctl.c, no SQL here: store.h only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/consent.h"
#include "base/crypt.h"
#include "ctl/ctl.h"
#include "core/retention.h"
#include "core/followup.h"
#include "model/template.h"
#include "base/utf8.h"

/* ---- templates -------------------------------------------------------------- */

/* What is sent instead of an optional template left out of the config. */
static const char *unset_note(enum tpl_id id)
{
    return id == TPL_REMINDER ? "not set: the check-in question is sent again" : "not set";
}

int cmd_templates(struct ctl *ctl, int argc, char **argv)
{
    enum { OPT_MAXSEG = 256 };
    static const struct option opts[] = {
        {"max-segments", required_argument, NULL, OPT_MAXSEG}, HELP_OPTION, END_OPTIONS,
    };
    const struct command *cmd = ctl->cmd;
    int opt, code, max_seg = 4, over = 0;
    char buf[64];

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt != OPT_MAXSEG)
            return flag_other(cmd, opt, argv);
        char *end = NULL;
        long v = strtol(optarg, &end, 10);
        if (!end || *end || v < 1 || v > 10)
            return usage_error(cmd, "bad --max-segments \"%s\": use 1 to 10",
                               clean(optarg, buf, sizeof buf));
        max_seg = (int)v;
    }
    if (optind != argc)
        return usage_error(cmd, "templates takes no arguments");
    if ((code = need_config(ctl)) != CTL_OK)
        return code;

    /* Sample values as long as real ones get: a 63-character alias, a full
     * E.164 number, a 60-character excerpt with its "...", a 2-digit score. */
    const struct gw_config *cfg = ctl->cfg;
    const struct gw_schedule *sch = cfg->nschedules ? &cfg->schedules[0] : NULL;
    char alias[64], excerpt[64], smin[8], smax[8], freq[160], out[STORE_BODY_MAX];
    memset(alias, 'a', 63);
    alias[63] = '\0';
    memset(excerpt, 'x', 60);
    memcpy(excerpt + 60, "...", 4);
    snprintf(smin, sizeof smin, "%d", sch ? sch->scale_min : 1);
    snprintf(smax, sizeof smax, "%d", sch ? sch->scale_max : 10);
    printf("%-4s %-16s %-7s %5s %4s  %s\n", "LANG", "TEMPLATE", "CODING", "BYTES", "SMS", "NOTE");
    for (int l = 0; l < LANG__COUNT; l++) {
        consent_frequency(sch, (enum lang)l, freq, sizeof freq);
        struct tpl_vars v = {.program = cfg->program_name, .contact = cfg->program_contact,
                             .alias = alias, .phone = "+123456789012345", .score = "10/10",
                             .scale_min = smin, .scale_max = smax, .escalation = "123456",
                             .severity = "urgent", .excerpt = excerpt, .frequency = freq};
        for (int i = 0; i < TPL__COUNT; i++) {
            const char *tpl = gw_config_template(cfg, (enum lang)l, (enum tpl_id)i);
            char note[96] = "";
            int ucs2 = 0, segments;
            if (l != LANG_EN && tpl == gw_config_template(cfg, LANG_EN, (enum tpl_id)i))
                continue; /* the English text is used: listed once */
            if (tpl == NULL) { /* optional and unset (the reminder): nothing to measure */
                printf("%-4s %-16s %-7s %5s %4s  %s\n", lang_name((enum lang)l),
                       tpl_name((enum tpl_id)i), "-", "-", "-", unset_note((enum tpl_id)i));
                continue;
            }
            if (template_render(tpl, &v, out, sizeof out) < 0) {
                printf("%-4s %-16s does not render (longer than %d bytes?)\n",
                       lang_name((enum lang)l), tpl_name((enum tpl_id)i), STORE_BODY_MAX - 1);
                over++;
                continue;
            }
            segments = sms_segments(out, &ucs2);
            if (ucs2)
                snprintf(note, sizeof note, "a character outside GSM-7 (70 per SMS, not 160)");
            if (segments > max_seg) {
                over++;
                snprintf(note + strlen(note), sizeof note - strlen(note), "%sTOO LONG (> %d)",
                         note[0] ? "; " : "", max_seg);
            }
            printf("%-4s %-16s %-7s %5zu %4d  %s\n", lang_name((enum lang)l),
                   tpl_name((enum tpl_id)i), ucs2 ? "UCS-2" : "GSM-7", strlen(out), segments,
                   note);
        }
    }
    if (over) {
        errorf("%d template%s longer than %d SMS segment%s", over, over == 1 ? " is" : "s are",
               max_seg, max_seg == 1 ? "" : "s");
        return CTL_RUNTIME;
    }
    return CTL_OK;
}

/* ---- export ----------------------------------------------------------------- */

/* Jansson helpers: a text that is not valid UTF-8 (a body is stored byte for
 * byte) is exported with its bytes as \u escapes of Latin-1, never dropped. */
static json_t *jstr(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t n = strlen(s);
    char *u = malloc(n * 2 + 1), *o = u;
    if (!u)
        return json_null();
    for (size_t i = 0; i < n; i++) {
        o += utf8_encode((unsigned char)s[i], o); /* Latin-1: 1 or 2 bytes */
    }
    *o = '\0';
    j = json_string(u);
    free(u);
    return j ? j : json_null();
}

static int export_msg_cb(void *ctx, const struct store_msg_row *m)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)m->id,
                          "direction", msg_direction_name(m->direction), "peer", m->peer, "kind",
                          msg_kind_name(m->kind), "state",
                          msg_state_name(m->state), "created_at", (json_int_t)m->created_at);
    if (!o)
        return CB_NOMEM;
    json_object_set_new(o, "body", jstr(m->body));
    if (m->conversation_id) {
        json_object_set_new(o, "conversation_id", json_integer(m->conversation_id));
        json_object_set_new(o, "specialist", json_string(m->specialist));
    }
    return json_array_append_new(ctx, o) == 0 ? 0 : CB_NOMEM;
}

static int export_conv_cb(void *ctx, const struct store_conversation *v)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:I, s:I, s:s}", "id", (json_int_t)v->id,
                          "escalation_id", (json_int_t)v->escalation_id, "specialist", v->holder,
                          "opened_at", (json_int_t)v->opened_at, "last_at",
                          (json_int_t)v->last_at, "ended_at", (json_int_t)v->ended_at,
                          "end_reason", conv_end_name(v->end_reason));
    return o && json_array_append_new(ctx, o) == 0 ? 0 : CB_NOMEM;
}

/* The client's follow-up tasks (store_followups_each walks everyone's). */
struct export_fu {
    int64_t client_id;
    json_t *list;
};

static int export_fu_cb(void *ctx, const struct store_followup *f)
{
    struct export_fu *x = ctx;
    if (f->client_id != x->client_id)
        return 0;
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:s, s:I, s:s}", "id",
                          (json_int_t)f->id, "escalation_id", (json_int_t)f->escalation_id,
                          "specialist", f->holder, "due_at", (json_int_t)f->due_at, "state",
                          followup_state_name(f), "snoozes", f->snoozes, "handed_to",
                          f->handed_to, "done_at", (json_int_t)f->done_at, "done_by",
                          f->done_by);
    return o && json_array_append_new(x->list, o) == 0 ? 0 : CB_NOMEM;
}

static int export_mood_cb(void *ctx, const struct store_mood *m)
{
    json_t *o = json_pack("{s:I, s:I, s:f, s:i, s:i, s:f, s:I}", "id", (json_int_t)m->id,
                          "message_id", (json_int_t)m->message_id, "score", m->score,
                          "scale_min", m->scale_min, "scale_max", m->scale_max, "norm", m->norm,
                          "recorded_at", (json_int_t)m->recorded_at);
    return o && json_array_append_new(ctx, o) == 0 ? 0 : CB_NOMEM;
}

static int export_flow_answer_cb(void *ctx, const struct store_flow_answer *a)
{
    json_t *o = json_pack("{s:s, s:i, s:f, s:I, s:I}", "question", a->qid, "state", a->state,
                          "value", a->value, "message_id", (json_int_t)a->message_id,
                          "answered_at", (json_int_t)a->answered_at);
    return o && json_array_append_new(ctx, o) == 0 ? 0 : CB_NOMEM;
}

/* A check-in flow's administration with its answers (state: flow.h's
 * enum flow_astate, 1 a value, 2 free text, 3 left unanswered). */
struct export_flows {
    struct store *store;
    json_t *runs;
};
static int export_flowrun_cb(void *ctx, const struct store_flowrun *r)
{
    struct export_flows *x = ctx;
    json_t *answers = json_array();
    json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:s, s:s, s:i, s:i, s:s}", "id",
                          (json_int_t)r->id, "flow", r->flow, "started_at",
                          (json_int_t)r->started_at, "ended_at", (json_int_t)r->ended_at,
                          "state", run_state_name(r->state), "scale", r->scale, "total",
                          r->total, "max", r->max, "band", r->band);
    int rc = o && answers ? store_flow_answers(x->store, r->id, export_flow_answer_cb, answers)
                          : CB_NOMEM;
    if (rc == STORE_OK && json_object_set_new(o, "answers", answers) == 0) {
        answers = NULL;
        rc = json_array_append_new(x->runs, o) == 0 ? 0 : CB_NOMEM;
        o = NULL;
    }
    json_decref(answers);
    json_decref(o);
    return rc;
}

static int export_esc_cb(void *ctx, const struct store_escalation *e)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)e->id, "severity",
                          stored_severity_name(e->severity), "reason", e->reason, "state",
                          esc_state_name(e->state),
                          "created_at",
                          (json_int_t)e->created_at, "acked_at", (json_int_t)e->acked_at);
    return o && json_array_append_new(ctx, o) == 0 ? 0 : CB_NOMEM;
}

static int export_audit_cb(void *ctx, const struct store_audit_row *a)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)a->id, "at",
                          (json_int_t)a->at, "actor", a->actor, "action", a->action, "detail",
                          a->detail);
    return o && json_array_append_new(ctx, o) == 0 ? 0 : CB_NOMEM;
}

int cmd_export(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    struct store_client c;
    struct store_specialist sp;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(ctl->cmd, opt, argv);
    if ((code = client_arg(ctl, argc, argv, &c)) != CTL_OK)
        return code;

    json_t *root = json_object(), *msgs = json_array(), *moods = json_array(),
           *escs = json_array(), *audit = json_array(), *convs = json_array(),
           *flows = json_array(), *fus = json_array();
    struct export_flows xf = {ctl->store, flows};
    struct export_fu fx = {.client_id = c.id, .list = fus};
    json_t *client = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "id",
                               (json_int_t)c.id, "alias", c.alias, "phone", c.phone, "tz", c.tz,
                               "schedule", c.schedule, "lang", stored_lang_name(c.lang), "state",
                               client_state_name(c.state),
                               "enrolled_at", (json_int_t)c.created_at, "opted_out_at",
                               (json_int_t)c.opted_out_at);
    if (!root || !msgs || !moods || !escs || !audit || !convs || !flows || !fus || !client) {
        errorf("out of memory");
        code = CTL_RUNTIME;
        goto out;
    }
    json_object_set_new(client, "name", jstr(c.name));
    json_object_set_new(client, "birthday", jstr(c.birthday));
    if (c.specialist_id && store_specialist_get(ctl->store, c.specialist_id, &sp) == STORE_OK)
        json_object_set_new(client, "specialist", json_string(sp.key));
    json_object_set_new(root, "exported_at", json_integer(ctl->now));
    json_object_set_new(root, "client", client);
    client = NULL;
    if ((rc = store_messages_for_client(ctl->store, c.id, export_msg_cb, msgs)) != STORE_OK ||
        (rc = store_moods_for_client(ctl->store, c.id, export_mood_cb, moods)) != STORE_OK ||
        (rc = store_escalations_each(ctl->store, c.id, false, export_esc_cb, escs)) != STORE_OK ||
        (rc = store_conversations_for_client(ctl->store, c.id, export_conv_cb, convs)) !=
            STORE_OK ||
        (rc = store_flowruns_for_client(ctl->store, c.id, export_flowrun_cb, &xf)) != STORE_OK ||
        (rc = store_followups_each(ctl->store, 0, true, export_fu_cb, &fx)) != STORE_OK ||
        (rc = store_audit_each(ctl->store, c.alias, export_audit_cb, audit)) !=
            STORE_OK) {
        if (rc == CB_NOMEM)
            errorf("out of memory");
        code = rc == CB_NOMEM ? CTL_RUNTIME : store_failure(ctl, rc, "reading the client's data");
        goto out;
    }
    json_object_set(root, "messages", msgs);
    json_object_set(root, "moods", moods);
    json_object_set(root, "escalations", escs);
    json_object_set(root, "conversations", convs);
    json_object_set(root, "flows", flows);
    json_object_set(root, "followups", fus);
    json_object_set(root, "audit", audit);
    if (json_dumpf(root, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII) != 0) {
        errorf("cannot write the export");
        code = CTL_RUNTIME;
        goto out;
    }
    fputc('\n', stdout);
out:
    json_decref(client);
    json_decref(msgs);
    json_decref(moods);
    json_decref(escs);
    json_decref(convs);
    json_decref(flows);
    json_decref(fus);
    json_decref(audit);
    json_decref(root);
    return code;
}

/* ---- remove ----------------------------------------------------------------- */

int cmd_remove(struct ctl *ctl, int argc, char **argv)
{
    enum { OPT_YES = 256 };
    static const struct option opts[] = {{"yes", no_argument, NULL, OPT_YES}, HELP_OPTION,
                                         END_OPTIONS};
    const char *alias = NULL;
    struct store_client c;
    struct store_removed n;
    char subject[32], detail[256];
    bool yes = false;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_YES)
            yes = true;
        else
            return flag_other(ctl->cmd, opt, argv);
    }
    if ((code = alias_arg(ctl, argc, argv, &alias)) != CTL_OK)
        return code;
    if (!yes)
        return usage_error(ctl->cmd, "remove deletes everything about %s for good: add --yes",
                           alias);
    if ((code = client_command_begin(ctl, alias, &c, NULL)) != CTL_OK)
        return code;
    if ((rc = store_client_remove(ctl->store, &c, &n)) != STORE_OK) {
        code = store_failure(ctl, rc, "removing");
        goto rollback;
    }
    snprintf(subject, sizeof subject, "client#%lld", (long long)c.id);
    snprintf(detail, sizeof detail,
             "messages=%lld moods=%lld checkins=%lld escalations=%lld audit_lines_renamed=%lld",
             (long long)n.messages, (long long)n.moods, (long long)n.checkins,
             (long long)n.escalations, (long long)n.audit_renamed);
    if ((rc = store_audit(ctl->store, ctl->now, "operator", "client.removed", subject, detail)) !=
            STORE_OK ||
        (rc = store_commit(ctl->store)) != STORE_OK) {
        code = store_failure(ctl, rc, "removing");
        goto rollback;
    }
    printf("removed %s (%s): %s\n", alias, subject, detail);
    return CTL_OK;
rollback:
    store_rollback(ctl->store);
    return code;
}

/* ---- retention -------------------------------------------------------------- */

int cmd_retention(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    int opt, code, n;
    long long total = 0;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(ctl->cmd, opt, argv);
    if (optind != argc)
        return usage_error(ctl->cmd, "retention takes no arguments");
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if (ctl->cfg->retention_days <= 0) {
        printf("retention.message_days is 0: message bodies are kept\n");
        return CTL_OK;
    }
    if (!ctl->store) {
        printf("removed 0 message bodies\n");
        return CTL_OK;
    }
    do {
        n = retention_batch(ctl->store, ctl->cfg->retention_days, ctl->now, "operator");
        if (n < 0)
            return store_failure(ctl, n, "removing old message bodies");
        total += n;
    } while (n == RETENTION_BATCH);
    printf("removed %lld message bodies older than %d days\n", total, ctl->cfg->retention_days);
    return CTL_OK;
}

/* ---- rekey, keygen ---------------------------------------------------------- */

int cmd_rekey(struct ctl *ctl, int argc, char **argv)
{
    enum { OPT_BATCH = 256 };
    static const struct option opts[] = {{"batch", required_argument, NULL, OPT_BATCH},
                                         HELP_OPTION, END_OPTIONS};
    struct store_rekey r = {0};
    int opt, code, rc, batch = 500;
    int64_t left = 0;
    char buf[64];

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt != OPT_BATCH)
            return flag_other(ctl->cmd, opt, argv);
        char *end = NULL;
        long v = strtol(optarg, &end, 10);
        if (!end || *end || v < 1 || v > 100000)
            return usage_error(ctl->cmd, "bad --batch \"%s\": use 1 to 100000",
                               clean(optarg, buf, sizeof buf));
        batch = (int)v;
    }
    if (optind != argc)
        return usage_error(ctl->cmd, "rekey takes no arguments");
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if (!ctl->store) {
        printf("nothing to re-encrypt\n");
        return CTL_OK;
    }
    while (!r.done)
        if ((rc = store_rekey_step(ctl->store, &r, batch)) != STORE_OK)
            return store_failure(ctl, rc, "re-encrypting");
    if ((rc = store_rekey_finish(ctl->store, &left)) != STORE_OK)
        return store_failure(ctl, rc, "checking the re-encryption");
    const char *id = crypt_current_id(ctl->crypt);
    printf("re-encrypted %lld values %s%s\n", (long long)r.rewritten,
           id ? "with key " : "into plain text (no encryption.key)", id ? id : "");
    if (left > 0) {
        errorf("%lld values are still not under the current key: the gateway is probably "
               "still writing with the old one; reload it (SIGHUP) and run rekey again",
               (long long)left);
        return CTL_RUNTIME;
    }
    printf("no value is left under another key: encryption.previous_key can be removed\n");
    return CTL_OK;
}

int cmd_keygen(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    char hex[CRYPT_KEY_HEX_LEN + 1];
    int opt;
    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(ctl->cmd, opt, argv);
    if (optind != argc)
        return usage_error(ctl->cmd, "keygen takes no arguments");
    if (crypt_keygen(hex) != 0) {
        errorf("libsodium cannot start");
        return CTL_RUNTIME;
    }
    printf("%s\n", hex);
    return CTL_OK;
}
