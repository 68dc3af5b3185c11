/* SPDX-License-Identifier: Apache-2.0 */
/* ctl.h: what checkinctl's command files share. ctl.c has main, help and
 * the one command table; ctl_common.c what every command uses; ctl_<group>.c
 * files hold the command groups (ctl_clients.c: enroll, pause, resume,
 * update; ctl_show.c: list, show, history; ctl_checkins.c: checkin-now,
 * checkin-at, parse; ctl_escalations.c: escalations, conversation,
 * followups; ctl_data.c: import, export, backup; ctl_report.c: report;
 * ctl_privacy.c: templates, export, remove, retention, rekey, keygen). Only
 * checkinctl links these. */
#ifndef GW_CTL_H
#define GW_CTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config/config.h"
#include "base/paths.h"
#include "store/store.h"

#define PROG           "checkinctl"
#define TIME_MAX       64  /* "2026-11-23 09:00 EST" and room for odd zones */
#define ALIAS_MAX      63  /* store_client.alias is 64 bytes */

/* Long options only (no short forms but -h): their getopt values. */
enum { OPT_NAME = 256, OPT_TZ, OPT_SCHEDULE, OPT_SPECIALIST, OPT_LANG, OPT_MESSAGES, OPT_SCALE,
       OPT_UNTIL, OPT_VOCABULARY, OPT_CONFIG, OPT_EXPLAIN, OPT_BIRTHDAY };

/* Exit codes; documented in the --help text. */
enum {
    CTL_OK       = 0,
    CTL_RUNTIME  = 1, /* database error, locked too long, refused (opted out) */
    CTL_USAGE    = 2, /* bad command line or bad value */
    CTL_CONFIG   = GW_EXIT_CONFIG, /* the configuration file is invalid (as the daemon's) */
    CTL_NOCLIENT = 4,
    CTL_CONFLICT = 5, /* alias or phone already enrolled */
};

/* Returned by a store walk callback that ran out of memory; store walks
 * return a callback's non-zero value as is, and STORE_* codes are <= 0. */
#define CB_NOMEM 1

struct command;
struct crypt;

struct ctl {
    const char *config_path;    /* borrowed from argv */
    bool config_given;          /* -c/--config was on the command line */
    enum gw_config_origin config_origin; /* without -c: where config_path came from */
    const struct command *cmd;  /* the command being run */
    struct gw_config *cfg;      /* owned; NULL until need_config() */
    struct store *store;        /* owned; NULL until need_store(), or if there is no database */
    struct crypt *crypt;        /* owned; the config's encryption keys, set by need_store() */
    int64_t now;                /* the gateway's notion of now (CHECKIN_GATEWAY_TIME_OFFSET) */
    int wait_ms;                /* how long to wait for a locked database (--wait) */
};

struct command {
    const char *name;
    int (*run)(struct ctl *ctl, int argc, char **argv); /* returns a CTL_* exit code */
    const char *args;    /* after "checkinctl NAME " in usage lines */
    const char *summary; /* one line for the command list */
    const char *help;    /* the rest of `checkinctl help NAME` */
};

void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the error and the command's usage line; returns CTL_USAGE. */
int usage_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reports a failed store call; returns the exit code for it. */
int store_failure(struct ctl *ctl, int rc, const char *what);
/* in made safe to print on a terminal, into out; returns out. */
const char *clean(const char *in, char *out, size_t outsz);
bool alias_is_valid(const char *s);
int bad_alias(const struct command *cmd, const char *alias);
/* The mode of a file checkinctl writes (a backup, a report, an export):
 * 0600, health data; 0640 in a directory set up for sharing with a group
 * (setgid, like /var/backups/checkin-gateway, group checkin-operators), so
 * the operators in that group read it without root. */
unsigned output_mode(const char *path);
const char *fmt_local(int64_t t, const char *tz, char *out, size_t outsz);
int need_config(struct ctl *ctl);
int need_store(struct ctl *ctl, bool create);
void wake_gateway(struct ctl *ctl);
int find_client(struct ctl *ctl, const char *alias, struct store_client *c);
/* The one ALIAS argument left after the flags (argv[optind]), checked:
 * "NAME needs an alias", "too many arguments" or a bad alias is a usage
 * error. Returns CTL_OK with *alias (borrowed from argv), or the code. */
int alias_arg(struct ctl *ctl, int argc, char **argv, const char **alias);
/* The prelude of a command that changes one client: the config, the
 * database (not created), a transaction and client alias in *c (exit 4 if
 * there is none). If opted_out is not NULL an opted-out client is refused
 * (exit 1) with "ALIAS opted out (STOP); <opted_out>". Returns CTL_OK with
 * the transaction open (end it with client_command_end or store_rollback),
 * or the exit code with none open and the message printed. */
int client_command_begin(struct ctl *ctl, const char *alias, struct store_client *c,
                         const char *opted_out);
/* The end of it: c stored, the audit line "operator <action> <alias>
 * [detail]" (detail may be NULL), the commit. On a failure it is reported
 * as "<doing>: <reason>" and rolled back. Returns CTL_OK or the code. The
 * caller prints its result, then wake_gateway(). */
int client_command_end(struct ctl *ctl, const struct store_client *c, const char *action,
                       const char *detail, const char *doing);
int next_flag(int argc, char **argv, const struct option *longopts);
int flag_other(const struct command *cmd, int c, char **argv);
/* The usage line, summary and help text of cmd (--help, `help NAME`). */
void print_command_help(const struct command *cmd, FILE *f);

/* An enrolment as typed (enroll) or read from a CSV line (import); NULL or
 * "" for an optional field means its default. All borrowed. */
struct enroll_req {
    const char *alias, *phone, *name, *tz, *schedule, *specialist, *lang;
    const char *where; /* "file.csv:3" for the warnings of an import line, or NULL */
    const char *birthday; /* "MM-DD", "" or NULL (unknown) */
};
struct gw_specialist;
int enroll_prepare(struct ctl *ctl, const struct enroll_req *r, struct store_client *c,
                   const struct gw_specialist **spec, char *why, size_t whysz);
int enroll_in_tx(struct ctl *ctl, struct store_client *c, const struct gw_specialist *spec,
                 const char *action, const char *extra, char *why, size_t whysz);

#define HELP_OPTION {"help", no_argument, NULL, 'h'}
#define END_OPTIONS {NULL, 0, NULL, 0}

/* ctl_clients.c */
int cmd_enroll(struct ctl *ctl, int argc, char **argv);
int cmd_pause(struct ctl *ctl, int argc, char **argv);
int cmd_resume(struct ctl *ctl, int argc, char **argv);
int cmd_update(struct ctl *ctl, int argc, char **argv);

/* ctl_show.c */
int cmd_list(struct ctl *ctl, int argc, char **argv);
int cmd_show(struct ctl *ctl, int argc, char **argv);
int cmd_history(struct ctl *ctl, int argc, char **argv);
int client_arg(struct ctl *ctl, int argc, char **argv, struct store_client *c);

/* ctl_checkins.c */
int cmd_checkin_now(struct ctl *ctl, int argc, char **argv);
int cmd_checkin_at(struct ctl *ctl, int argc, char **argv);
int cmd_parse(struct ctl *ctl, int argc, char **argv);
int parse_local(const char *s, bool want_time, const char *tz, int64_t *out);

/* ctl_escalations.c */
int cmd_escalations(struct ctl *ctl, int argc, char **argv);
int cmd_conversation(struct ctl *ctl, int argc, char **argv);
int cmd_followups(struct ctl *ctl, int argc, char **argv);

/* ctl_data.c */
/* --days N: 1..3650. Returns 0, or -1. */
int parse_days(const char *s, int *out);
int cmd_import(struct ctl *ctl, int argc, char **argv);
int cmd_export_all(struct ctl *ctl, int argc, char **argv);
int cmd_backup(struct ctl *ctl, int argc, char **argv);

/* ctl_report.c */
int cmd_report(struct ctl *ctl, int argc, char **argv);

/* ctl_flows.c */
int cmd_flows(struct ctl *ctl, int argc, char **argv);
/* Prints client c's flow administrations ("flows:" and a line each) when
 * there are any. Returns a CTL_* code. */
int history_flows(struct ctl *ctl, const struct store_client *c);

/* ctl_privacy.c */
int cmd_templates(struct ctl *ctl, int argc, char **argv);
int cmd_export(struct ctl *ctl, int argc, char **argv);
int cmd_remove(struct ctl *ctl, int argc, char **argv);
int cmd_retention(struct ctl *ctl, int argc, char **argv);
int cmd_rekey(struct ctl *ctl, int argc, char **argv);
int cmd_keygen(struct ctl *ctl, int argc, char **argv);

#endif
