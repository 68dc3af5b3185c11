/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_checkins.c: one-off check-ins (checkin-now, checkin-at) and parse,
 * the reply parser over stdin. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "ctl/ctl.h"
#include "config/vocab.h"
#include "model/schedule.h"

/* "MIN-MAX" with 0 <= MIN < MAX <= 100 (the config allows the same). Digits
 * only: no signs, spaces or trailing text. Returns 0, or -1 if malformed. */
static int parse_scale(const char *s, int *min, int *max)
{
    long v[2];
    const char *p = s;
    for (int i = 0; i < 2; i++) {
        if (*p < '0' || *p > '9')
            return -1;
        v[i] = 0;
        while (*p >= '0' && *p <= '9') {
            v[i] = v[i] * 10 + (*p++ - '0');
            if (v[i] > 100)
                return -1;
        }
        if (i == 0 && *p++ != '-')
            return -1;
    }
    if (*p != '\0' || v[0] >= v[1])
        return -1;
    *min = (int)v[0];
    *max = (int)v[1];
    return 0;
}

/* ---- one-off check-ins: checkin-now, checkin-at ------------------------------------- */

/* Parses "YYYY-MM-DD" (want_time false) or "YYYY-MM-DD HH:MM" /
 * "YYYY-MM-DDTHH:MM" (want_time true) as a local time in zone tz. Returns 0
 * and *out, or -1 if malformed or not a real date. */
int parse_local(const char *s, bool want_time, const char *tz, int64_t *out)
{
    int y, mo, d, n = 0, minute = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return -1;
    s += n;
    if (want_time) {
        if (*s != ' ' && *s != 'T')
            return -1;
        if ((minute = schedule_parse_hhmm(s + 1)) < 0)
            return -1;
    } else if (*s != '\0') {
        return -1;
    }
    return schedule_local_instant(tz, y, mo, d, minute, out);
}

/* Refuses (exit 1) a client who gets no check-ins: opted out or paused. */
static int must_be_active(const struct store_client *c)
{
    if (c->state == CLIENT_OPTED_OUT) {
        errorf("%s opted out (STOP); no check-ins are sent", c->alias);
        return CTL_RUNTIME;
    }
    if (c->state != CLIENT_ACTIVE) {
        errorf("%s is %s; no check-ins are sent (" PROG " resume %s first)", c->alias,
               client_state_name(c->state),
               c->alias);
        return CTL_RUNTIME;
    }
    return CTL_OK;
}

/* Queues a one-off check-in for the client at `at` (a time given in the
 * client's zone as `at_s`, NULL for "now"): the regular schedule is kept.
 * Returns a CTL_* code. */
static int queue_oneoff(struct ctl *ctl, const char *alias, const char *at_s)
{
    const struct command *cmd = ctl->cmd;
    struct store_client c;
    char t[TIME_MAX], buf[256];
    int64_t at = ctl->now, quiet_end;
    int code;

    if ((code = client_command_begin(ctl, alias, &c, NULL)) != CTL_OK)
        return code;
    if ((code = must_be_active(&c)) != CTL_OK)
        goto rollback;
    if (at_s && parse_local(at_s, true, c.tz, &at) != 0) {
        code = usage_error(cmd, "\"%s\" is not a time \"YYYY-MM-DD HH:MM\" (in the client's "
                                "zone, %s)", clean(at_s, buf, sizeof buf), c.tz);
        goto rollback;
    }
    if (at_s && at < ctl->now) {
        code = usage_error(cmd, "%s is in the past (now is %s in %s)",
                           clean(at_s, buf, sizeof buf), fmt_local(ctl->now, c.tz, t, sizeof t),
                           c.tz);
        goto rollback;
    }
    c.oneoff_at = at;
    if (c.next_due_at == 0 || at < c.next_due_at)
        c.next_due_at = at;
    snprintf(buf, sizeof buf, "at=%lld", (long long)at);
    if ((code = client_command_end(ctl, &c, at_s ? "client.checkin_at" : "client.checkin_now",
                                   at_s ? buf : NULL, "queueing the check-in")) != CTL_OK)
        return code;
    if (at_s)
        printf("one-off check-in for %s at %s\n", alias, fmt_local(at, c.tz, t, sizeof t));
    else
        printf("check-in for %s queued\n", alias);
    if (schedule_quiet_end(&ctl->cfg->quiet, c.tz, at, &quiet_end) == 0 && quiet_end != at)
        printf("note: that is inside quiet hours; it goes out when they end, %s\n",
               fmt_local(quiet_end, c.tz, t, sizeof t));
    fflush(stdout);
    wake_gateway(ctl);
    return CTL_OK;

rollback:
    store_rollback(ctl->store);
    return code;
}

int cmd_checkin_now(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const char *alias;
    int opt, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(ctl->cmd, opt, argv);
    if ((code = alias_arg(ctl, argc, argv, &alias)) != CTL_OK)
        return code;
    return queue_oneoff(ctl, alias, NULL);
}

int cmd_checkin_at(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    char when[64];
    int opt;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    /* "2026-11-23 09:00" quoted, or unquoted as two arguments. */
    if (argc - optind < 2 || argc - optind > 3)
        return usage_error(cmd, argc - optind < 2 ? "checkin-at needs an alias and a time"
                                                  : "too many arguments");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(cmd, alias);
    if (argc - optind == 3)
        snprintf(when, sizeof when, "%.20s %.20s", argv[optind + 1], argv[optind + 2]);
    else
        snprintf(when, sizeof when, "%.40s", argv[optind + 1]);
    return queue_oneoff(ctl, alias, when);
}

/* ---- parse ---------------------------------------------------------------------------- */

/* Needs no config and no database: it is for trying the parser out and for
 * tests, so it works where nothing is set up. A config named on the command
 * line (-c FILE or --config FILE) is loaded for its vocabulary; the default
 * one is not, so a broken or missing default never stops parse. */
int cmd_parse(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {
        {"scale", required_argument, NULL, OPT_SCALE},
        {"lang", required_argument, NULL, OPT_LANG},
        {"vocabulary", required_argument, NULL, OPT_VOCABULARY},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        HELP_OPTION, END_OPTIONS,
    };
    const struct command *cmd = ctl->cmd;
    struct reply_opts ro = {.scale_min = 1, .scale_max = 10};
    bool explain = false;
    struct reply_vocab *vocab = NULL;
    const char *vocab_path = NULL, *config_path = NULL;
    struct reply_result r;
    enum lang lang;
    char *line = NULL, json[1024], buf[256];
    size_t cap = 0;
    ssize_t n;
    int opt, code = CTL_OK;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        switch (opt) {
        case OPT_SCALE:
            if (parse_scale(optarg, &ro.scale_min, &ro.scale_max) != 0)
                return usage_error(cmd, "bad --scale \"%s\": use MIN-MAX, 0 <= MIN < MAX <= 100,"
                                        " e.g. 1-10", clean(optarg, buf, sizeof buf));
            break;
        case OPT_LANG:
            /* Only checked: the parser understands English and Spanish at once. */
            if (lang_parse(optarg, &lang) != 0)
                return usage_error(cmd, "unknown language \"%s\": use en or es",
                                   clean(optarg, buf, sizeof buf));
            break;
        case OPT_VOCABULARY: vocab_path = optarg; break;
        case OPT_CONFIG: config_path = optarg; break;
        case OPT_EXPLAIN: explain = true; break;
        default: return flag_other(cmd, opt, argv);
        }
    }
    if (optind != argc)
        return usage_error(cmd, "parse reads stdin and takes no arguments");
    if (vocab_path != NULL && config_path != NULL)
        return usage_error(cmd, "give --vocabulary or --config, not both");
    if (config_path == NULL && vocab_path == NULL && ctl->config_given)
        config_path = ctl->config_path; /* checkinctl -c FILE parse */
    if (config_path != NULL) {
        /* the vocabulary the daemon would use with this config */
        ctl->config_path = config_path;
        if ((code = need_config(ctl)) != CTL_OK)
            return code;
        ro.vocab = ctl->cfg->vocab;
    } else if (vocab_path != NULL) {
        struct cfg_errors errs;
        cfg_errors_init(&errs);
        if (vocab_load(vocab_path, &vocab, &errs) != 0) {
            cfg_errors_print(&errs, stderr);
            errorf("%s: invalid vocabulary (%zu problem%s)", clean(vocab_path, buf, sizeof buf),
                   errs.n, errs.n == 1 ? "" : "s");
            cfg_errors_free(&errs);
            return CTL_CONFIG;
        }
        cfg_errors_free(&errs);
        ro.vocab = vocab;
    }

    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        memset(&r, 0, sizeof r);
        reply_parse(line, len, &ro, &r);
        if (reply_to_json(&r, json, sizeof json) < 0) {
            errorf("the parse result does not fit in %zu bytes", sizeof json);
            code = CTL_RUNTIME;
            goto out;
        }
        if (explain) {
            /* the reasons each signal was raised for, as one more member */
            char why[512];
            size_t jl = strlen(json);
            reply_reasons_text(r.reasons, why, sizeof why);
            json[jl - 1] = '\0'; /* the closing brace */
            printf("%s,\"reasons\":[", json);
            for (char *tok = why, *end; *tok != '\0'; tok = *end ? end + 1 : end) {
                end = tok + strcspn(tok, ",");
                printf("%s\"%.*s\"", tok == why ? "" : ",", (int)(end - tok), tok);
            }
            fputs("]}\n", stdout);
            continue;
        }
        fputs(json, stdout);
        fputc('\n', stdout);
    }
    if (ferror(stdin)) {
        errorf("reading stdin: %s", strerror(errno));
        code = CTL_RUNTIME;
    }
out:
    free(line);
    reply_vocab_free(vocab);
    return code;
}
