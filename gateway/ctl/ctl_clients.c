/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_clients.c: the commands that change a client: enroll, pause,
 * resume, update. */
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ctl/ctl.h"
#include "core/notice.h"
#include "base/phone_shim.h"
#include "model/schedule.h"
#include "core/plan.h"
#include "model/caring.h"

/* --birthday MM-DD ("" clears it): "" when valid, else why not. */
static const char *birthday_problem(const char *s)
{
    int m, d;
    if (s == NULL || *s == '\0' || caring_parse_birthday(s, &m, &d) == 0)
        return "";
    return "is not a valid MM-DD date (month 01-12, a day that month has, e.g. 07-14; 02-29 "
           "is sent on 28 February in other years)";
}

/* True if what the operator typed starts, after spaces and "(", with "+"
 * or "00": then it is read as international, else as a national number of
 * program.country. */
static bool phone_has_country_code(const char *s)
{
    while (*s == ' ' || *s == '(')
        s++;
    return s[0] == '+' || (s[0] == '0' && s[1] == '0');
}

/* ---- enroll ------------------------------------------------------------------- */

/* Warnings that do not stop an enrolment: a landline (texts to it are
 * usually lost; some carriers read them out) and a legacy zone name. On
 * stderr, "checkinctl: warning: [where: ]...". */
static void enroll_warn(const struct enroll_req *r, const char *phone, enum phone_kind kind,
                        const char *tz)
{
    const char *w = r->where ? r->where : "", *sep = r->where ? ": " : "";
    if (kind == PHONE_LANDLINE || kind == PHONE_OTHER)
        fprintf(stderr, "checkinctl: warning: %s%s%s is a %s number: text messages to it are "
                "usually lost\n", w, sep, phone, kind == PHONE_LANDLINE ? "landline" : "non-mobile");
    if (tz_is_legacy(tz))
        fprintf(stderr, "checkinctl: warning: %s%s\"%s\" is a legacy time zone name: use an "
                "IANA name such as America/New_York or America/Chicago\n", w, sep, tz);
}

/* Checks an enrolment against the rules and the config (ctl->cfg loaded)
 * and fills *c (without id) and *spec. Returns CTL_OK, or CTL_USAGE /
 * CTL_CONFLICT / CTL_CONFIG / CTL_RUNTIME with the reason in why (no
 * "checkinctl: " prefix: enroll prints it as a usage error, import as
 * file:line: reason). */
int enroll_prepare(struct ctl *ctl, const struct enroll_req *r, struct store_client *c,
                   const struct gw_specialist **spec, char *why, size_t whysz)
{
    char buf[256], phone[PHONE_MAX];
    enum phone_kind kind;
    const char *name = r->name ? r->name : "", *tz = r->tz && *r->tz ? r->tz : NULL;
    const struct gw_schedule *sch;
    enum lang lang = LANG_EN;

    if (!alias_is_valid(r->alias)) {
        snprintf(why, whysz, "alias \"%s\" is not valid: use 1-%d of a-z 0-9 _ - (lower case)",
                 clean(r->alias, buf, sizeof buf), ALIAS_MAX);
        return CTL_USAGE;
    }
    /* libphonenumber, not the shape alone: +10005550100 or a UK number two
     * digits short would be texted to no one, or to a stranger. */
    kind = phone_lookup(r->phone, ctl->cfg->country, phone);
    if (kind == PHONE_INVALID && !phone_has_country_code(r->phone)) {
        snprintf(why, whysz, "\"%s\" has no country code and is not a valid number in %s "
                             "(program.country): write it as +<country code><number>, e.g. "
                             "+12025550123", clean(r->phone, buf, sizeof buf), ctl->cfg->country);
        return CTL_USAGE;
    }
    if (kind == PHONE_INVALID) {
        snprintf(why, whysz, "\"%s\" is not a valid phone number (its country's numbering "
                             "plan has no such number; check the digits)",
                 clean(r->phone, buf, sizeof buf));
        return CTL_USAGE;
    }
    if (strlen(name) >= sizeof c->name) {
        snprintf(why, whysz, "the name is too long (at most %zu bytes)", sizeof c->name - 1);
        return CTL_USAGE;
    }
    if (strcmp(clean(name, buf, sizeof buf), name) != 0) {
        snprintf(why, whysz, "the name must be UTF-8 text without control characters");
        return CTL_USAGE;
    }
    if (r->lang && *r->lang && lang_parse(r->lang, &lang) != 0) {
        snprintf(why, whysz, "unknown language \"%s\": use en or es",
                 clean(r->lang, buf, sizeof buf));
        return CTL_USAGE;
    }
    if (*birthday_problem(r->birthday)) {
        snprintf(why, whysz, "birthday \"%s\" %s", clean(r->birthday, buf, sizeof buf),
                 birthday_problem(r->birthday));
        return CTL_USAGE;
    }
    if (!tz)
        tz = ctl->cfg->default_tz;
    if (!tz_is_valid(tz)) {
        snprintf(why, whysz, "unknown time zone \"%s\": use an IANA name such as "
                             "America/New_York or UTC", clean(tz, buf, sizeof buf));
        return CTL_USAGE;
    }
    if (ctl->cfg->nschedules == 0 || ctl->cfg->nspecialists == 0) {
        snprintf(why, whysz, "%s defines no schedule or no specialist", ctl->config_path);
        return CTL_CONFIG;
    }
    sch = r->schedule && *r->schedule ? gw_config_schedule(ctl->cfg, r->schedule)
                                      : &ctl->cfg->schedules[0];
    if (!sch) {
        snprintf(why, whysz, "unknown schedule \"%s\" (not in %s)",
                 clean(r->schedule, buf, sizeof buf), ctl->config_path);
        return CTL_USAGE;
    }
    *spec = r->specialist && *r->specialist ? gw_config_specialist(ctl->cfg, r->specialist)
                                            : &ctl->cfg->specialists[0];
    if (!*spec) {
        snprintf(why, whysz, "unknown specialist \"%s\" (not in %s)",
                 clean(r->specialist, buf, sizeof buf), ctl->config_path);
        return CTL_USAGE;
    }
    /* Replies from that number are read as a specialist's (ACK ...). */
    const struct gw_specialist *as_spec = gw_config_specialist_by_phone(ctl->cfg, phone);
    if (as_spec) {
        snprintf(why, whysz, "%s is the phone of specialist %s; a client needs a number of "
                             "their own", phone, as_spec->id);
        return CTL_CONFLICT;
    }
    if (!(r->lang && *r->lang))
        lang = sch->lang; /* the schedule's language is the default */
    enroll_warn(r, phone, kind, tz);

    memset(c, 0, sizeof *c);
    snprintf(c->alias, sizeof c->alias, "%s", r->alias);
    snprintf(c->name, sizeof c->name, "%s", name);
    snprintf(c->phone, sizeof c->phone, "%s", phone);
    snprintf(c->tz, sizeof c->tz, "%s", tz);
    snprintf(c->schedule, sizeof c->schedule, "%s", sch->name);
    c->lang = lang;
    c->state = CLIENT_ACTIVE;
    snprintf(c->birthday, sizeof c->birthday, "%s", r->birthday ? r->birthday : "");
    c->created_at = ctl->now; /* a caring plan counts its days from it */
    /* Planned again once the id (which keys the jitter) is known. */
    if (scheduler_plan(ctl->cfg, c, ctl->now) != 0 || c->next_due_at <= 0) {
        snprintf(why, whysz, "cannot compute the next check-in of schedule %s in %s", sch->name,
                 tz);
        return CTL_RUNTIME;
    }
    return CTL_OK;
}

/* Inside the caller's transaction: records the configured specialists,
 * checks that the alias and the phone are free, inserts *c (setting its
 * id), plans its first check-in and writes the audit line (action, with
 * extra appended to the detail when not NULL). Returns CTL_OK; CTL_CONFLICT
 * with why; or CTL_RUNTIME after printing the store error. The caller
 * commits or rolls back. */
int enroll_in_tx(struct ctl *ctl, struct store_client *c, const struct gw_specialist *spec,
                 const char *action, const char *extra, char *why, size_t whysz)
{
    struct store_client other;
    char detail[512];
    int rc;

    for (size_t i = 0; i < ctl->cfg->nspecialists; i++) {
        const struct gw_specialist *s = &ctl->cfg->specialists[i];
        int64_t id = 0;
        if ((rc = store_specialist_upsert(ctl->store, s->id, s->name, s->phone, ctl->now, &id)) !=
            STORE_OK)
            return store_failure(ctl, rc, "recording the specialists");
        if (s == spec)
            c->specialist_id = id;
    }
    if ((rc = store_client_by_alias(ctl->store, c->alias, &other)) == STORE_OK) {
        snprintf(why, whysz, "alias \"%s\" is already enrolled", c->alias);
        return CTL_CONFLICT;
    } else if (rc != STORE_NOTFOUND) {
        return store_failure(ctl, rc, "looking up the alias");
    }
    if ((rc = store_client_by_phone(ctl->store, c->phone, &other)) == STORE_OK) {
        snprintf(why, whysz, "%s is already enrolled as \"%s\"", c->phone, other.alias);
        return CTL_CONFLICT;
    } else if (rc != STORE_NOTFOUND) {
        return store_failure(ctl, rc, "looking up the phone number");
    }
    /* With consent.require_confirmation nothing is scheduled until the
     * client answers the welcome with YES. */
    bool pending = ctl->cfg->require_confirmation;
    c->state = pending ? CLIENT_PENDING : CLIENT_ACTIVE;
    if ((rc = store_client_insert(ctl->store, c)) != STORE_OK) {
        if (rc == STORE_EXISTS) {
            snprintf(why, whysz, "alias \"%s\" or %s is already enrolled", c->alias, c->phone);
            return CTL_CONFLICT;
        }
        return store_failure(ctl, rc, "enrolling");
    }
    scheduler_plan(ctl->cfg, c, ctl->now);
    if (pending) /* planned when the YES comes */
        c->next_due_at = c->next_slot_at = 0;
    snprintf(detail, sizeof detail, "schedule=%s specialist=%s tz=%s lang=%s%s%s", c->schedule,
             spec->id, c->tz, stored_lang_name(c->lang), extra ? " " : "", extra ? extra : "");
    /* The welcome (who writes, how often, peer support not therapy, STOP,
     * HELP, 988) is queued with the enrolment: one goes out per enrolment. */
    if ((rc = store_client_update(ctl->store, c)) != STORE_OK ||
        (rc = store_audit(ctl->store, ctl->now, "operator", action, c->alias, detail)) !=
            STORE_OK ||
        (pending && (rc = store_audit(ctl->store, ctl->now, "operator", "client.enroll_pending",
                                      c->alias, NULL)) != STORE_OK) ||
        (ctl->cfg->send_welcome &&
         (rc = notice_queue(ctl->store, ctl->cfg, c, c->phone,
                            pending ? TPL_WELCOME_CONFIRM : TPL_WELCOME, MSG_KIND_WELCOME,
                            ctl->now)) != STORE_OK))
        return store_failure(ctl, rc, "enrolling");
    return CTL_OK;
}

int cmd_enroll(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {
        {"name", required_argument, NULL, OPT_NAME},
        {"tz", required_argument, NULL, OPT_TZ},
        {"schedule", required_argument, NULL, OPT_SCHEDULE},
        {"specialist", required_argument, NULL, OPT_SPECIALIST},
        {"lang", required_argument, NULL, OPT_LANG},
        {"birthday", required_argument, NULL, OPT_BIRTHDAY},
        HELP_OPTION, END_OPTIONS,
    };
    const struct command *cmd = ctl->cmd;
    struct enroll_req r = {NULL, NULL, "", NULL, NULL, NULL, NULL, NULL, NULL};
    char why[512], due_s[TIME_MAX];
    struct store_client c;
    const struct gw_specialist *spec = NULL;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        switch (opt) {
        case OPT_NAME: r.name = optarg; break;
        case OPT_TZ: r.tz = optarg; break;
        case OPT_SCHEDULE: r.schedule = optarg; break;
        case OPT_SPECIALIST: r.specialist = optarg; break;
        case OPT_LANG: r.lang = optarg; break;
        case OPT_BIRTHDAY: r.birthday = optarg; break;
        default: return flag_other(cmd, opt, argv);
        }
    }
    if (argc - optind != 2)
        return usage_error(cmd, argc - optind < 2 ? "enroll needs an alias and a phone number"
                                                  : "too many arguments");
    r.alias = argv[optind];
    r.phone = argv[optind + 1];
    if ((code = need_config(ctl)) != CTL_OK)
        return code;
    if ((code = enroll_prepare(ctl, &r, &c, &spec, why, sizeof why)) != CTL_OK) {
        if (code == CTL_USAGE)
            return usage_error(cmd, "%s", why);
        errorf("%s", why);
        return code;
    }
    if ((code = need_store(ctl, true)) != CTL_OK)
        return code;
    /* One transaction: the specialists, the checks, the client and the audit
     * line are all there or none is. */
    if ((rc = store_begin(ctl->store)) != STORE_OK)
        return store_failure(ctl, rc, "starting a transaction");
    if ((code = enroll_in_tx(ctl, &c, spec, "client.enroll", NULL, why, sizeof why)) != CTL_OK) {
        if (code == CTL_CONFLICT)
            errorf("%s", why);
        goto rollback;
    }
    if ((rc = store_commit(ctl->store)) != STORE_OK) {
        code = store_failure(ctl, rc, "enrolling");
        goto rollback;
    }
    if (c.state == CLIENT_PENDING)
        printf("enrolled %s (%s), schedule %s, specialist %s, pending: check-ins start when "
               "the client replies YES to the welcome\n", c.alias, c.phone, c.schedule, spec->id);
    else
        printf("enrolled %s (%s), schedule %s, specialist %s, next check-in %s\n", c.alias,
               c.phone, c.schedule, spec->id, fmt_local(c.next_due_at, c.tz, due_s, sizeof due_s));
    fflush(stdout);
    int64_t quiet_end;
    if (ctl->cfg->send_welcome &&
        schedule_quiet_end(&ctl->cfg->quiet, c.tz, ctl->now, &quiet_end) == 0 &&
        quiet_end != ctl->now)
        fprintf(stderr, "note: inside quiet hours; the welcome goes out when they end, %s\n",
                fmt_local(quiet_end, c.tz, due_s, sizeof due_s));
    wake_gateway(ctl);
    return CTL_OK;

rollback:
    store_rollback(ctl->store);
    return code;
}

/* ---- pause, resume, update ----------------------------------------------------------- */

/* What pause and resume say to an opted-out client's alias. */
#define START_AGAIN "only the client can start again (START)"

int cmd_pause(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {{"until", required_argument, NULL, OPT_UNTIL},
                                         HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    const char *until_s = NULL;
    struct store_client c;
    char t[TIME_MAX], buf[256], detail[64] = "";
    const char *alias;
    int64_t until = 0;
    int opt, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_UNTIL)
            until_s = optarg;
        else
            return flag_other(cmd, opt, argv);
    }
    if ((code = alias_arg(ctl, argc, argv, &alias)) != CTL_OK ||
        (code = client_command_begin(ctl, alias, &c, START_AGAIN)) != CTL_OK)
        return code;
    /* A pause ends in "active": it must not stand in for the client's YES. */
    if (c.state == CLIENT_PENDING) {
        errorf("%s has not answered the welcome with YES yet; no check-ins are sent", alias);
        code = CTL_RUNTIME;
        goto rollback;
    }
    if (until_s && parse_local(until_s, false, c.tz, &until) != 0) {
        code = usage_error(cmd, "--until \"%s\" is not a date YYYY-MM-DD",
                           clean(until_s, buf, sizeof buf));
        goto rollback;
    }
    if (until_s && until <= ctl->now) {
        code = usage_error(cmd, "--until %s is not in the future (now is %s in %s)",
                           clean(until_s, buf, sizeof buf), fmt_local(ctl->now, c.tz, t, sizeof t),
                           c.tz);
        goto rollback;
    }
    c.state = CLIENT_PAUSED;
    c.paused_until = until;
    c.next_due_at = c.next_slot_at = c.oneoff_at = 0;
    if (until)
        snprintf(detail, sizeof detail, "until=%lld", (long long)until);
    if ((code = client_command_end(ctl, &c, "client.pause", until ? detail : NULL, "pausing")) !=
        CTL_OK)
        return code;
    if (until)
        printf("%s paused until %s; check-ins resume by themselves then\n", alias,
               fmt_local(until, c.tz, t, sizeof t));
    else
        printf("%s paused until `" PROG " resume %s`\n", alias, alias);
    fflush(stdout);
    wake_gateway(ctl);
    return CTL_OK;

rollback:
    store_rollback(ctl->store);
    return code;
}

int cmd_resume(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct store_client c;
    char t[TIME_MAX];
    const char *alias;
    int opt, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if ((code = alias_arg(ctl, argc, argv, &alias)) != CTL_OK ||
        (code = client_command_begin(ctl, alias, &c, START_AGAIN)) != CTL_OK)
        return code;
    if (c.state != CLIENT_PAUSED) {
        store_rollback(ctl->store);
        printf("%s is not paused; next check-in %s\n", alias,
               fmt_local(c.next_due_at, c.tz, t, sizeof t));
        return CTL_OK;
    }
    c.state = CLIENT_ACTIVE;
    c.paused_until = 0;
    c.oneoff_at = 0;
    scheduler_plan(ctl->cfg, &c, ctl->now);
    if ((code = client_command_end(ctl, &c, "client.resume", NULL, "resuming")) != CTL_OK)
        return code;
    printf("%s resumed, next check-in %s\n", alias, fmt_local(c.next_due_at, c.tz, t, sizeof t));
    fflush(stdout);
    wake_gateway(ctl);
    return CTL_OK;
}

int cmd_update(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {{"schedule", required_argument, NULL, OPT_SCHEDULE},
                                         {"tz", required_argument, NULL, OPT_TZ},
                                         {"lang", required_argument, NULL, OPT_LANG},
                                         {"birthday", required_argument, NULL, OPT_BIRTHDAY},
                                         HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    const char *sched_name = NULL, *tz = NULL, *lang_s = NULL, *birthday = NULL;
    struct store_client c;
    char t[TIME_MAX], buf[256], detail[256];
    enum lang lang = LANG_EN;
    const char *alias;
    int opt, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        switch (opt) {
        case OPT_SCHEDULE: sched_name = optarg; break;
        case OPT_TZ: tz = optarg; break;
        case OPT_LANG: lang_s = optarg; break;
        case OPT_BIRTHDAY: birthday = optarg; break;
        default: return flag_other(cmd, opt, argv);
        }
    }
    if ((code = alias_arg(ctl, argc, argv, &alias)) != CTL_OK)
        return code;
    if (!sched_name && !tz && !lang_s && !birthday)
        return usage_error(cmd, "nothing to change: give --schedule, --tz, --lang or --birthday");
    if (*birthday_problem(birthday))
        return usage_error(cmd, "--birthday \"%s\" %s", clean(birthday, buf, sizeof buf),
                           birthday_problem(birthday));
    if (lang_s && lang_parse(lang_s, &lang) != 0)
        return usage_error(cmd, "unknown language \"%s\": use en or es",
                           clean(lang_s, buf, sizeof buf));
    if ((code = need_config(ctl)) != CTL_OK)
        return code;
    if (sched_name && !gw_config_schedule(ctl->cfg, sched_name))
        return usage_error(cmd, "unknown schedule \"%s\" (not in %s)",
                           clean(sched_name, buf, sizeof buf), ctl->config_path);
    if (tz && !tz_is_valid(tz))
        return usage_error(cmd, "unknown time zone \"%s\": use an IANA name such as "
                                "America/New_York or UTC", clean(tz, buf, sizeof buf));
    if ((code = client_command_begin(ctl, alias, &c, NULL)) != CTL_OK)
        return code;
    if (sched_name)
        snprintf(c.schedule, sizeof c.schedule, "%s", sched_name);
    if (tz)
        snprintf(c.tz, sizeof c.tz, "%s", tz);
    if (lang_s)
        c.lang = lang;
    if (birthday)
        snprintf(c.birthday, sizeof c.birthday, "%s", birthday);
    /* Only the future moves: check-ins already sent, their replies and the
     * moods stay as they are (they belong to the client, not the schedule). */
    if (c.state == CLIENT_ACTIVE)
        scheduler_plan(ctl->cfg, &c, ctl->now);
    snprintf(detail, sizeof detail, "schedule=%s tz=%s lang=%s birthday=%s", c.schedule, c.tz,
             stored_lang_name(c.lang), c.birthday[0] ? c.birthday : "-");
    if ((code = client_command_end(ctl, &c, "client.update", detail, "updating")) != CTL_OK)
        return code;
    printf("updated %s: schedule %s, zone %s, language %s, next check-in %s\n", alias,
           c.schedule, c.tz, stored_lang_name(c.lang),
           c.state == CLIENT_ACTIVE ? fmt_local(c.next_due_at, c.tz, t, sizeof t)
                                          : "- (not active)");
    fflush(stdout);
    wake_gateway(ctl);
    return CTL_OK;
}
