/* SPDX-License-Identifier: Apache-2.0 */
/* ctl.c: checkinctl, the operator CLI.
 *
 * Enrols clients, shows them, their moods and open escalations, queues a
 * check-in at once, and runs the reply parser over stdin. It opens the same
 * SQLite file as a running gateway (WAL and a busy timeout make that safe)
 * and never writes SQL itself: everything goes through store.h. After a
 * change it wakes the gateway with SIGUSR1 so the scheduler re-reads the
 * earliest due check-in.
 *
 * Commands are a static table of function pointers. Each command parses its
 * own flags first (so `COMMAND --help` works with a broken config), then
 * asks for what it needs: the config (exit 3 if invalid) and the store.
 *
 * Everything read from the database that a person or a phone wrote (names,
 * message bodies) is printed through clean(), so an SMS cannot put control
 * sequences on the operator's terminal. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "config/config.h"
#include "base/crypt.h"
#include "ctl/ctl.h"
#include "base/paths.h"
#include "core/notice.h"
#include "base/phone.h"
#include "base/phone_shim.h"
#include "model/reply.h"
#include "config/vocab.h"
#include "base/version.h"
#include "model/schedule.h"
#include "core/plan.h"
#include "base/sparkline.h"
#include "store/store.h"
#include "model/caring.h"
#include "core/followup.h"

#define ALIAS_MAX      63  /* store_client.alias is 64 bytes */
#define BAR_WIDTH      20  /* history: a norm of 100 is this many '#' */

/* Long options only (no short forms but -h): their getopt values. */
enum { OPT_NAME = 256, OPT_TZ, OPT_SCHEDULE, OPT_SPECIALIST, OPT_LANG, OPT_MESSAGES, OPT_SCALE,
       OPT_UNTIL, OPT_VOCABULARY, OPT_CONFIG, OPT_EXPLAIN, OPT_BIRTHDAY };

/* --birthday MM-DD ("" clears it): "" when valid, else why not. */
static const char *birthday_problem(const char *s)
{
    int m, d;
    if (s == NULL || *s == '\0' || caring_parse_birthday(s, &m, &d) == 0)
        return "";
    return "is not a valid MM-DD date (month 01-12, a day that month has, e.g. 07-14; 02-29 "
           "is sent on 28 February in other years)";
}

static const struct command commands[];

/* ---- messages ------------------------------------------------------------ */

void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Prints the error and the command's usage line; returns CTL_USAGE. */
int usage_error(const struct command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "usage: " PROG " %s%s%s\n       (" PROG " help %s for more)\n",
                cmd->name, cmd->args[0] ? " " : "", cmd->args, cmd->name);
    else
        fprintf(stderr, "usage: " PROG " [-c FILE] COMMAND [ARGS]   (" PROG " --help for more)\n");
    return CTL_USAGE;
}

/* Reports a failed store call; returns the exit code for it. */
int store_failure(struct ctl *ctl, int rc, const char *what)
{
    if (rc == STORE_BUSY)
        errorf("%s: the database %s stayed locked by another process (the gateway, a backup)"
               " for %d s; nothing was changed; try again, or wait longer with --wait SECONDS",
               what, ctl->cfg->database, ctl->wait_ms / 1000);
    else
        errorf("%s: %s", what, ctl->store ? store_errmsg(ctl->store) : "no database");
    return CTL_RUNTIME;
}

/* Copies in to out, making it safe to print on a terminal: control
 * characters (C0, DEL, C1, so newlines too) become spaces, bidirectional
 * overrides and invalid UTF-8 bytes become '?'. The output is never longer
 * than the input, so outsz >= strlen(in) + 1 never truncates. Returns out. */
const char *clean(const char *in, char *out, size_t outsz)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
    size_t left = strlen(in), o = 0;
    if (outsz == 0)
        return out;
    while (left > 0 && o + 1 < outsz) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
        if (n <= 0) {
            out[o++] = '?';
            n = 1;
        } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            out[o++] = ' ';
        } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
            out[o++] = '?';
        } else if (o + (size_t)n < outsz) {
            memcpy(out + o, p, (size_t)n);
            o += (size_t)n;
        } else {
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    out[o] = '\0';
    return out;
}

/* ---- small parsers and formatters ------------------------------------------ */

/* An alias is 1-63 of a-z 0-9 _ -. Upper case is refused, not folded: the
 * operator should see the alias exactly as it is stored. */
bool alias_is_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > ALIAS_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '-'))
            return false;
    return true;
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

unsigned output_mode(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    struct stat st;

    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        return 0600;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & S_ISGID) ? 0640 : 0600;
}

int bad_alias(const struct command *cmd, const char *alias)
{
    char buf[256];
    return usage_error(cmd, "alias \"%s\" is not valid: use 1-%d of a-z 0-9 _ - (lower case)",
                       clean(alias, buf, sizeof buf), ALIAS_MAX);
}

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

/* Local time of t in tz into out ("2026-11-23 09:00 EST"); "-" for t <= 0.
 * If the zone cannot be used any more, UTC, and failing that "@<unix>", so
 * something true is always shown. Returns out. */
const char *fmt_local(int64_t t, const char *tz, char *out, size_t outsz)
{
    if (t <= 0)
        snprintf(out, outsz, "-");
    else if (schedule_format_local(t, tz, out, outsz) != 0 &&
             schedule_format_local(t, "UTC", out, outsz) != 0)
        snprintf(out, outsz, "@%lld", (long long)t);
    return out;
}

/* "7/10", or "7.5/10" for a half point. Returns out. */
static const char *fmt_score(const struct store_mood *m, char *out, size_t outsz)
{
    if (m->score == (double)(long long)m->score)
        snprintf(out, outsz, "%lld/%d", (long long)m->score, m->scale_max);
    else
        snprintf(out, outsz, "%.1f/%d", m->score, m->scale_max);
    return out;
}

/* ---- the config, the store, the gateway ------------------------------------ */

/* Loads the config; on failure prints every problem as file:line: reason
 * and returns CTL_CONFIG. */
int need_config(struct ctl *ctl)
{
    struct cfg_errors errs;
    int code = CTL_OK;
    /* The checkout's etc/checkin.conf is taken only because it is in the
     * current directory: say so, or an operator who meant the installed
     * one works on another database without knowing. */
    if (!ctl->config_given && ctl->config_origin == GW_CONFIG_CHECKOUT)
        fprintf(stderr, "note: using %s of this directory (a checkout); -c FILE or "
                        "$CHECKIN_CONFIG for another, such as %s\n",
                ctl->config_path, gw_installed_config());
    cfg_errors_init(&errs);
    if (gw_config_load(&ctl->cfg, ctl->config_path, &errs) != 0) {
        cfg_errors_print(&errs, stderr);
        errorf("%s: invalid configuration (%zu problem%s)", ctl->config_path, errs.n,
               errs.n == 1 ? "" : "s");
        ctl->cfg = NULL;
        code = CTL_CONFIG;
    }
    cfg_errors_free(&errs);
    return code;
}

/* mkdir -p of path's parent, as the daemon does on start, so enrolling
 * before the first start works on a fresh checkout (var/ absent). Errors
 * are left to store_open, which says which file it could not open. */
static void make_parent_dir(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return;
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return;
    *slash = '\0';
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            (void)mkdir(buf, 0750);
            *p = '/';
        }
    }
    (void)mkdir(buf, 0750);
}

/* Opens the config's database. For a command that only reads (create =
 * false) a missing database is not created: ctl->store stays NULL, a note
 * says so, and the command shows nothing. Returns a CTL_* code. */
int need_store(struct ctl *ctl, bool create)
{
    char err[512] = "";
    const char *path = ctl->cfg->database;
    if (!create && access(path, F_OK) != 0 && errno == ENOENT) {
        fprintf(stderr, "note: the database %s does not exist yet (nobody enrolled)\n", path);
        return CTL_OK;
    }
    if (create)
        make_parent_dir(path);
    if (store_open(&ctl->store, path, err, sizeof err) != STORE_OK) {
        errorf("%s", err[0] ? err : "cannot open the database");
        return CTL_RUNTIME;
    }
    store_set_busy_timeout(ctl->store, ctl->wait_ms);
    /* The same keys as the gateway: names and bodies are read and written
     * through them. */
    const struct gw_config *cfg = ctl->cfg;
    if ((cfg->encryption_key || cfg->encryption_previous_key) &&
        crypt_new(&ctl->crypt, cfg->encryption_key, cfg->encryption_previous_key, err,
                  sizeof err) != 0) {
        errorf("%s", err);
        return CTL_CONFIG;
    }
    if (store_set_crypt(ctl->store, ctl->crypt) != STORE_OK) {
        errorf("%s", store_errmsg(ctl->store));
        return CTL_CONFIG;
    }
    return CTL_OK;
}

/* True unless /proc shows that pid is some other program than the gateway
 * (a stale pid file whose number was reused): SIGUSR1 would kill that
 * program. Without /proc we cannot tell and trust the pid file. */
static bool pid_is_gateway(pid_t pid)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return access("/proc/self/cmdline", F_OK) != 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* cmdline is NUL-separated: look at each argument, as a wrapper such as
     * valgrind puts the gateway's path after its own, but at file names
     * only ("vim .../checkin-gateway/gateway/gw.c" is not the gateway). */
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1) {
        const char *base = strrchr(buf + i, '/');
        if (strcmp(base ? base + 1 : buf + i, "checkin-gateway") == 0)
            return true;
    }
    return false;
}

/* Tells a running gateway to re-read the schedule (SIGUSR1). The change is
 * already committed, so nothing here is an error: at worst a note says
 * when the change takes effect. */
void wake_gateway(struct ctl *ctl)
{
    static const char not_running[] =
        "note: the gateway is not running; the check-in goes out when it starts\n";
    const char *path = ctl->cfg->pid_file;
    char line[64];
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) {
        if (path && errno != ENOENT)
            fprintf(stderr, "note: cannot read the pid file %s (%s); if the gateway runs, "
                            "send it SIGUSR1 to pick up the change\n", path, strerror(errno));
        else
            fputs(not_running, stderr);
        return;
    }
    bool got = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    char *end = NULL;
    errno = 0;
    long pid = got ? strtol(line, &end, 10) : 0;
    if (!got || errno || end == line || (*end != '\n' && *end != '\0') || pid <= 1 ||
        pid > INT_MAX) {
        fprintf(stderr, "note: the pid file %s does not hold a process id; if the gateway "
                        "runs, send it SIGUSR1 to pick up the change\n", path);
        return;
    }
    if (!pid_is_gateway((pid_t)pid)) {
        fputs(not_running, stderr);
        return;
    }
    if (kill((pid_t)pid, SIGUSR1) != 0) {
        if (errno == ESRCH)
            fputs(not_running, stderr);
        else
            fprintf(stderr, "note: cannot signal the gateway (pid %ld): %s; run "
                            "`kill -USR1 %ld` as its user to pick up the change now\n",
                    pid, strerror(errno), pid);
    }
}

/* Looks the client up by alias (validated by the caller). Returns CTL_OK,
 * CTL_NOCLIENT (message printed) or CTL_RUNTIME. */
int find_client(struct ctl *ctl, const char *alias, struct store_client *c)
{
    int rc = ctl->store ? store_client_by_alias(ctl->store, alias, c) : STORE_NOTFOUND;
    if (rc == STORE_NOTFOUND) {
        errorf("no client \"%s\"", alias);
        return CTL_NOCLIENT;
    }
    return rc == STORE_OK ? CTL_OK : store_failure(ctl, rc, "looking up the client");
}

/* Opens a write transaction and looks the client up inside it. Returns
 * CTL_OK with the transaction open, or a CTL_* code (message printed) with
 * none open. Call need_store first: with no database there is no client. */
int begin_client_tx(struct ctl *ctl, const char *alias, struct store_client *c)
{
    if (!ctl->store)
        return find_client(ctl, alias, c);
    int rc = store_begin(ctl->store);
    if (rc != STORE_OK)
        return store_failure(ctl, rc, "starting a transaction");
    int code = find_client(ctl, alias, c);
    if (code != CTL_OK)
        store_rollback(ctl->store);
    return code;
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

/* ---- flags -------------------------------------------------------------------- */

/* getopt_long over a command's argv (argv[0] is the command name): long
 * options only, plus -h. main() set optind = 0 so GNU getopt starts afresh,
 * and opterr = 0 so the errors are ours (flag_other). */
int next_flag(int argc, char **argv, const struct option *longopts)
{
    return getopt_long(argc, argv, ":h", longopts, NULL);
}

static void print_command_help(const struct command *cmd, FILE *f)
{
    fprintf(f, "usage: " PROG " [-c FILE] %s%s%s\n\n%s\n%s", cmd->name, cmd->args[0] ? " " : "",
            cmd->args, cmd->summary, cmd->help);
}

/* Handles what every command's getopt loop shares: --help, an unknown
 * option, a missing value. Returns the exit code (CTL_OK after --help). */
int flag_other(const struct command *cmd, int c, char **argv)
{
    char buf[256];
    if (c == 'h') {
        print_command_help(cmd, stdout);
        return CTL_OK;
    }
    if (c == ':')
        return usage_error(cmd, "%s needs a value", clean(argv[optind - 1], buf, sizeof buf));
    if (optopt && optopt < 256)
        return usage_error(cmd, "unknown option -%c", optopt);
    return usage_error(cmd, "unknown option %s", clean(argv[optind - 1], buf, sizeof buf));
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
    snprintf(c->lang, sizeof c->lang, "%s", lang_name(lang));
    snprintf(c->state, sizeof c->state, "active");
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
    snprintf(c->state, sizeof c->state, "%s", pending ? "pending" : "active");
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
             spec->id, c->tz, c->lang, extra ? " " : "", extra ? extra : "");
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

static int cmd_enroll(struct ctl *ctl, int argc, char **argv)
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
    if (strcmp(c.state, "pending") == 0)
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

/* ---- one-off check-ins: checkin-now, checkin-at ------------------------------------- */

/* Parses "YYYY-MM-DD" (want_time false) or "YYYY-MM-DD HH:MM" /
 * "YYYY-MM-DDTHH:MM" (want_time true) as a local time in zone tz. Returns 0
 * and *out, or -1 if malformed or not a real date. */
static int parse_local(const char *s, bool want_time, const char *tz, int64_t *out)
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
    if (strcmp(c->state, "opted_out") == 0) {
        errorf("%s opted out (STOP); no check-ins are sent", c->alias);
        return CTL_RUNTIME;
    }
    if (strcmp(c->state, "active") != 0) {
        errorf("%s is %s; no check-ins are sent (" PROG " resume %s first)", c->alias, c->state,
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
    int rc, code;

    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if ((code = begin_client_tx(ctl, alias, &c)) != CTL_OK)
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
    if ((rc = store_client_update(ctl->store, &c)) != STORE_OK ||
        (rc = store_audit(ctl->store, ctl->now, "operator",
                          at_s ? "client.checkin_at" : "client.checkin_now", alias,
                          at_s ? buf : NULL)) != STORE_OK ||
        (rc = store_commit(ctl->store)) != STORE_OK) {
        code = store_failure(ctl, rc, "queueing the check-in");
        goto rollback;
    }
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

static int cmd_checkin_now(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    int opt;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "checkin-now needs an alias"
                                                  : "too many arguments");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(cmd, alias);
    return queue_oneoff(ctl, alias, NULL);
}

static int cmd_checkin_at(struct ctl *ctl, int argc, char **argv)
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

/* ---- pause, resume, update ----------------------------------------------------------- */

static int cmd_pause(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {{"until", required_argument, NULL, OPT_UNTIL},
                                         HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    const char *until_s = NULL;
    struct store_client c;
    char t[TIME_MAX], buf[256], detail[64] = "";
    int64_t until = 0;
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        if (opt == OPT_UNTIL)
            until_s = optarg;
        else
            return flag_other(cmd, opt, argv);
    }
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "pause needs an alias" : "too many arguments");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(cmd, alias);
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if ((code = begin_client_tx(ctl, alias, &c)) != CTL_OK)
        return code;
    if (strcmp(c.state, "opted_out") == 0) {
        errorf("%s opted out (STOP); only the client can start again (START)", alias);
        code = CTL_RUNTIME;
        goto rollback;
    }
    /* A pause ends in "active": it must not stand in for the client's YES. */
    if (strcmp(c.state, "pending") == 0) {
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
    snprintf(c.state, sizeof c.state, "paused");
    c.paused_until = until;
    c.next_due_at = c.next_slot_at = c.oneoff_at = 0;
    if (until)
        snprintf(detail, sizeof detail, "until=%lld", (long long)until);
    if ((rc = store_client_update(ctl->store, &c)) != STORE_OK ||
        (rc = store_audit(ctl->store, ctl->now, "operator", "client.pause", alias,
                          until ? detail : NULL)) != STORE_OK ||
        (rc = store_commit(ctl->store)) != STORE_OK) {
        code = store_failure(ctl, rc, "pausing");
        goto rollback;
    }
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

static int cmd_resume(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    struct store_client c;
    char t[TIME_MAX];
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "resume needs an alias" : "too many arguments");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(cmd, alias);
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if ((code = begin_client_tx(ctl, alias, &c)) != CTL_OK)
        return code;
    if (strcmp(c.state, "opted_out") == 0) {
        errorf("%s opted out (STOP); only the client can start again (START)", alias);
        code = CTL_RUNTIME;
        goto rollback;
    }
    if (strcmp(c.state, "paused") != 0) {
        store_rollback(ctl->store);
        printf("%s is not paused; next check-in %s\n", alias,
               fmt_local(c.next_due_at, c.tz, t, sizeof t));
        return CTL_OK;
    }
    snprintf(c.state, sizeof c.state, "active");
    c.paused_until = 0;
    c.oneoff_at = 0;
    scheduler_plan(ctl->cfg, &c, ctl->now);
    if ((rc = store_client_update(ctl->store, &c)) != STORE_OK ||
        (rc = store_audit(ctl->store, ctl->now, "operator", "client.resume", alias, NULL)) !=
            STORE_OK ||
        (rc = store_commit(ctl->store)) != STORE_OK) {
        code = store_failure(ctl, rc, "resuming");
        goto rollback;
    }
    printf("%s resumed, next check-in %s\n", alias, fmt_local(c.next_due_at, c.tz, t, sizeof t));
    fflush(stdout);
    wake_gateway(ctl);
    return CTL_OK;

rollback:
    store_rollback(ctl->store);
    return code;
}

static int cmd_update(struct ctl *ctl, int argc, char **argv)
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
    int opt, rc, code;

    while ((opt = next_flag(argc, argv, opts)) != -1) {
        switch (opt) {
        case OPT_SCHEDULE: sched_name = optarg; break;
        case OPT_TZ: tz = optarg; break;
        case OPT_LANG: lang_s = optarg; break;
        case OPT_BIRTHDAY: birthday = optarg; break;
        default: return flag_other(cmd, opt, argv);
        }
    }
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "update needs an alias" : "too many arguments");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(cmd, alias);
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
    if ((code = need_store(ctl, false)) != CTL_OK)
        return code;
    if ((code = begin_client_tx(ctl, alias, &c)) != CTL_OK)
        return code;
    if (sched_name)
        snprintf(c.schedule, sizeof c.schedule, "%s", sched_name);
    if (tz)
        snprintf(c.tz, sizeof c.tz, "%s", tz);
    if (lang_s)
        snprintf(c.lang, sizeof c.lang, "%s", lang_name(lang));
    if (birthday)
        snprintf(c.birthday, sizeof c.birthday, "%s", birthday);
    /* Only the future moves: check-ins already sent, their replies and the
     * moods stay as they are (they belong to the client, not the schedule). */
    if (strcmp(c.state, "active") == 0)
        scheduler_plan(ctl->cfg, &c, ctl->now);
    snprintf(detail, sizeof detail, "schedule=%s tz=%s lang=%s birthday=%s", c.schedule, c.tz,
             c.lang, c.birthday[0] ? c.birthday : "-");
    if ((rc = store_client_update(ctl->store, &c)) != STORE_OK ||
        (rc = store_audit(ctl->store, ctl->now, "operator", "client.update", alias, detail)) !=
            STORE_OK ||
        (rc = store_commit(ctl->store)) != STORE_OK) {
        code = store_failure(ctl, rc, "updating");
        goto rollback;
    }
    printf("updated %s: schedule %s, zone %s, language %s, next check-in %s\n", alias,
           c.schedule, c.tz, c.lang,
           strcmp(c.state, "active") == 0 ? fmt_local(c.next_due_at, c.tz, t, sizeof t)
                                          : "- (not active)");
    fflush(stdout);
    wake_gateway(ctl);
    return CTL_OK;

rollback:
    store_rollback(ctl->store);
    return code;
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

static int cmd_list(struct ctl *ctl, int argc, char **argv)
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
        if (strcmp(r->c.state, "active") == 0)
            fmt_local(r->c.next_due_at, r->c.tz, r->next, sizeof r->next);
        else
            snprintf(r->next, sizeof r->next, "-");
        if (lm.have)
            fmt_score(&lm.m, r->mood, sizeof r->mood);
        else
            snprintf(r->mood, sizeof r->mood, "-");
        w[0] = max_len(w[0], r->c.alias);
        w[1] = max_len(w[1], r->c.phone);
        w[2] = max_len(w[2], r->c.state);
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
               r->c.state, (int)w[3], clean(r->c.schedule, sched, sizeof sched), (int)w[4],
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
    printf("  #%lld %s %s since %s", (long long)e->id, e->severity,
           clean(e->reason, reason, sizeof reason), fmt_local(e->created_at, ep->tz, since,
                                                              sizeof since));
    if (e->acked_at > 0)
        printf(", acknowledged by %s", clean(e->acked_by, reason, sizeof reason));
    printf("\n");
    return 0;
}

static int cmd_show(struct ctl *ctl, int argc, char **argv)
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
    if (argc - optind != 1)
        return usage_error(cmd, argc - optind < 1 ? "show needs an alias" : "too many arguments");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(cmd, alias);
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK ||
        (code = find_client(ctl, alias, &c)) != CTL_OK)
        return code;

    printf("alias: %s\n", clean(c.alias, buf, sizeof buf));
    printf("name: %s\n", c.name[0] ? clean(c.name, buf, sizeof buf) : "-");
    printf("phone: %s\n", c.phone);
    printf("zone: %s\n", clean(c.tz, buf, sizeof buf));
    printf("schedule: %s%s\n", clean(c.schedule, buf, sizeof buf),
           gw_config_schedule(ctl->cfg, c.schedule) ? "" : " (not in the configuration!)");
    printf("language: %s\n", clean(c.lang, buf, sizeof buf));
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
    printf("state: %s\n", c.state);
    if (c.opted_out_at > 0 && strcmp(c.state, "opted_out") == 0)
        printf("opted out: %s\n", fmt_local(c.opted_out_at, c.tz, t, sizeof t));
    fmt_local(c.created_at, c.tz, t, sizeof t);
    printf("enrolled: %.10s\n", t);
    printf("next check-in: %s\n", strcmp(c.state, "active") == 0
                                      ? fmt_local(c.next_due_at, c.tz, t, sizeof t)
                                  : strcmp(c.state, "pending") == 0
                                      ? "- (waiting for the client's YES to the welcome)"
                                      : "- (no check-ins are sent)");
    if (strcmp(c.state, "paused") == 0)
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
    snprintf(out, outsz, "%s %s", strcmp(e->state, "open") == 0 ? "open" : "-",
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
    printf("%-5lld %-7s %-9s %-16s %-22s %-12s %-5d %s\n", (long long)e->id, e->severity,
           e->state, esc_client(l->ctl, e, alias, sizeof alias),
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
    printf("severity: %s\n", e.severity);
    printf("reason: %s\n", clean(e.reason, buf, sizeof buf));
    printf("state: %s\n", e.state);
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

static int cmd_escalations(struct ctl *ctl, int argc, char **argv)
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

/* ---- history ------------------------------------------------------------------------ */

/* The sparkline under a history shows at most this many of the newest
 * moods: one terminal line. */
#define SPARK_MAX 60

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
           m->direction, m->kind[0] ? m->kind : "-", m->state,
           m->conversation_id ? "[conversation, " : "",
           m->conversation_id ? (m->specialist[0] ? m->specialist : "-") : "",
           m->conversation_id ? "] " : "", clean(m->body, body, sizeof body));
    return 0;
}

/* The one ALIAS argument left after the flags, checked, and its client
 * (*c) from the database. Returns CTL_OK or the exit code. */
static int client_arg(struct ctl *ctl, int argc, char **argv, struct store_client *c)
{
    if (argc - optind != 1)
        return usage_error(ctl->cmd, argc - optind < 1 ? "%s needs an alias"
                                                       : "too many arguments%s",
                           argc - optind < 1 ? ctl->cmd->name : "");
    const char *alias = argv[optind];
    if (!alias_is_valid(alias))
        return bad_alias(ctl->cmd, alias);
    int code;
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    return find_client(ctl, alias, c);
}

static int cmd_history(struct ctl *ctl, int argc, char **argv)
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
    bool in = strcmp(m->direction, "in") == 0;
    printf("  %s  %s %s %s  %s\n", fmt_local(m->created_at, cp->c->tz, t, sizeof t),
           in ? cp->c->alias : (m->specialist[0] ? m->specialist : "-"), in ? "->" : "<-",
           in ? "" : m->state, clean(m->body, body, sizeof body));
    return 0;
}

static int conversation_cb(void *ctx, const struct store_conversation *shown)
{
    struct conv_print *cp = ctx;
    struct store_conversation idle = *shown;
    const struct store_conversation *v = &idle;
    if (!idle.ended_at && idle.last_at + cp->idle <= cp->ctl->now) {
        idle.ended_at = idle.last_at + cp->idle;
        snprintf(idle.end_reason, sizeof idle.end_reason, "idle");
    }
    char t1[TIME_MAX], t2[TIME_MAX], t3[TIME_MAX], about[32] = "TEXT";
    if (v->escalation_id)
        snprintf(about, sizeof about, "#%lld", (long long)v->escalation_id);
    cp->n++;
    printf("conversation %lld  about %s  held by %s  opened %s  last %s  %s%s%s\n",
           (long long)v->id, about, v->holder, fmt_local(v->opened_at, cp->c->tz, t1, sizeof t1),
           fmt_local(v->last_at, cp->c->tz, t2, sizeof t2), v->ended_at ? "ended " : "open",
           v->ended_at ? fmt_local(v->ended_at, cp->c->tz, t3, sizeof t3) : "",
           v->ended_at ? (strcmp(v->end_reason, "idle") == 0   ? " (idle)"
                          : strcmp(v->end_reason, "resolve") == 0 ? " (RESOLVE)"
                                                                 : " (END)")
                       : "");
    struct conv_print msgs = *cp;
    msgs.conversation_id = v->id;
    return store_messages_for_client(cp->ctl->store, cp->c->id, conversation_msg_cb, &msgs);
}

static int cmd_conversation(struct ctl *ctl, int argc, char **argv)
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

static int cmd_followups(struct ctl *ctl, int argc, char **argv)
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

/* ---- parse ---------------------------------------------------------------------------- */

/* Needs no config and no database: it is for trying the parser out and for
 * tests, so it works where nothing is set up. A config named on the command
 * line (-c FILE or --config FILE) is loaded for its vocabulary; the default
 * one is not, so a broken or missing default never stops parse. */
static int cmd_parse(struct ctl *ctl, int argc, char **argv)
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

/* ---- help ---------------------------------------------------------------------------- */

static void print_help(FILE *f)
{
    fprintf(f,
            "usage: " PROG " [-c|--config FILE] COMMAND [ARGS]\n"
            "\n"
            "The operator's tool for checkin-gateway: enrol clients, see their moods and\n"
            "open escalations, queue a check-in now, try the reply parser. It works on the\n"
            "database named in the configuration, also while the gateway runs, and wakes\n"
            "the gateway (SIGUSR1, pid from daemon.pid_file) after a change.\n"
            "\n"
            "Options:\n"
            "  -c, --config FILE   the configuration (default: $CHECKIN_CONFIG, else\n"
            "                      etc/checkin.conf if it exists here, else\n"
            "                      %s)\n"
            "  -w, --wait SECONDS  how long to wait for a database another process holds\n"
            "                      locked before giving up with exit 1 (default 5)\n"
            "  -h, --help          this text\n"
            "      --version       the version\n"
            "\n"
            "Commands:\n", gw_installed_config());
    for (const struct command *c = commands; c->name; c++)
        fprintf(f, "  %-12s %s\n", c->name, c->summary);
    fprintf(f,
            "\n"
            "`" PROG " help COMMAND` or `" PROG " COMMAND --help` shows a command's arguments.\n"
            "\n"
            "Exit codes:\n"
            "  0  success\n"
            "  1  runtime failure: database error, database locked too long, or refused\n"
            "     (checkin-now for a client who opted out or is paused)\n"
            "  2  usage error: unknown command or option, missing argument, bad alias, phone\n"
            "     number, time zone, schedule, specialist, language or scale\n"
            "  3  the configuration file is invalid (each problem printed as file:line: reason;\n"
            "     checkin-gateway exits 3 too)\n"
            "  4  no such client\n"
            "  5  conflict: the alias or the phone number is already enrolled\n"
            "\n"
            "Environment:\n"
            "  CHECKIN_GATEWAY_TIME_OFFSET  seconds added to the clock, as the gateway does\n"
            "                               (for tests)\n");
}

static const struct command *find_command(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static int cmd_help(struct ctl *ctl, int argc, char **argv)
{
    static const struct option opts[] = {HELP_OPTION, END_OPTIONS};
    const struct command *cmd = ctl->cmd;
    char buf[256];
    int opt;

    while ((opt = next_flag(argc, argv, opts)) != -1)
        return flag_other(cmd, opt, argv);
    if (argc - optind > 1)
        return usage_error(cmd, "too many arguments");
    if (argc - optind == 0) {
        print_help(stdout);
        return CTL_OK;
    }
    const struct command *which = find_command(argv[optind]);
    if (!which)
        return usage_error(cmd, "unknown command \"%s\"", clean(argv[optind], buf, sizeof buf));
    print_command_help(which, stdout);
    return CTL_OK;
}

/* The commands, in the order the help lists them. */
static const struct command commands[] = {
    {"enroll", cmd_enroll,
     "ALIAS PHONE [--name NAME] [--tz ZONE] [--schedule NAME] [--specialist ID] [--lang en|es]"
     " [--birthday MM-DD]",
     "enrol a client and schedule their first check-in",
     "\n"
     "  ALIAS              what specialists and operators call the client: 1-63 of\n"
     "                     a-z 0-9 _ - (lower case); unique\n"
     "  PHONE              the client's mobile number with its country code:\n"
     "                     +15555550123 or 0015555550123; spaces, dashes, dots and\n"
     "                     parentheses are dropped; unique\n"
     "  --name NAME        optional full name\n"
     "  --tz ZONE          IANA time zone for check-in times (default: program.timezone)\n"
     "  --schedule NAME    a schedule of the configuration (default: the first)\n"
     "  --specialist ID    the peer specialist alerted for this client (default: the first)\n"
     "  --lang en|es       the language of the texts (default en)\n"
     "  --birthday MM-DD   optional: a caring schedule also writes on this day\n"
     "\n"
     "Prints the next check-in time in the client's zone and wakes the gateway.\n"
     "Exit 5 if the alias or the number is already enrolled.\n"},
    {"list", cmd_list, "", "one line per client: phone, state, schedule, next check-in, last mood",
     "\n"
     "Times are local to each client. \"-\" means none (no check-in is sent to a client\n"
     "who opted out or is paused).\n"},
    {"show", cmd_show, "ALIAS", "everything about one client, with open escalations",
     "\n"
     "Prints key: value lines (alias, name, phone, zone, schedule, language, specialist,\n"
     "state, enrolled, next check-in, last mood), then the open escalations as\n"
     "  #ID SEVERITY REASON since TIME\n"
     "Exit 4 if there is no such client.\n"},
    {"history", cmd_history, "ALIAS [--messages]", "a client's moods, oldest first, as a bar chart",
     "\n"
     "  --messages   also every message to and from the client, in order: time,\n"
     "               in/out, kind, state and the text\n"
     "After the moods, when the client was asked check-in flows (`checkinctl flows`):\n"
     "\"flows:\" and a line per administration, oldest first: when, the flow, how it\n"
     "ended (complete, partial, unanswered, crisis, stopped, or open), an instrument's\n"
     "total and severity band, and each answer as QUESTION=VALUE.\n"
     "Exit 4 if there is no such client.\n"},
    {"conversation", cmd_conversation, "ALIAS", "a client's conversations with specialists",
     "\n"
     "One line per conversation (its escalation or TEXT, the specialist holding it,\n"
     "opened, last activity, open or ended and why: END, RESOLVE, idle), then what\n"
     "the client wrote (alias ->) and what the specialist sent them (<- key, with the\n"
     "delivery state), in order. Exit 4 if there is no such client.\n"},
    {"checkin-now", cmd_checkin_now, "ALIAS", "send a client a check-in now",
     "\n"
     "Makes a one-off check-in due now and wakes the gateway; the regular schedule\n"
     "goes on as before. Inside quiet hours it waits for their end. Exit 1 if the\n"
     "client opted out (STOP) or is paused. Exit 4 if there is no such client.\n"},
    {"checkin-at", cmd_checkin_at, "ALIAS \"YYYY-MM-DD HH:MM\"",
     "a one-off check-in at a time in the client's zone",
     "\n"
     "  YYYY-MM-DD HH:MM   local time in the client's zone (quoted, or as two\n"
     "                     arguments); not in the past\n"
     "\n"
     "Adds one check-in at that time; the regular schedule goes on as before. Inside\n"
     "quiet hours it waits for their end. Exit 1 if the client opted out or is paused,\n"
     "2 for a malformed or past time, 4 if there is no such client.\n"},
    {"pause", cmd_pause, "ALIAS [--until YYYY-MM-DD]", "no check-ins for a while",
     "\n"
     "  --until YYYY-MM-DD   resume by themselves at the start of that day (the\n"
     "                       client's zone); without it, until `resume`\n"
     "\n"
     "A pending one-off is dropped. Replies are still read and crisis messages still\n"
     "escalate while paused. Exit 1 if the client opted out, 4 if there is no such\n"
     "client.\n"},
    {"resume", cmd_resume, "ALIAS", "end a pause now",
     "\n"
     "The next check-in is the schedule's next time after now. Exit 1 if the client\n"
     "opted out (only their START resumes them), 4 if there is no such client.\n"},
    {"update", cmd_update, "ALIAS [--schedule NAME] [--tz ZONE] [--lang en|es] [--birthday MM-DD]",
     "change a client's schedule, zone or language",
     "\n"
     "  --schedule NAME   a schedule of the configuration\n"
     "  --tz ZONE         IANA time zone\n"
     "  --lang en|es      the language of the texts\n"
     "  --birthday MM-DD  the birthday (caring contacts); \"\" forgets it\n"
     "\n"
     "History (check-ins, replies, moods) is kept; the next check-in is planned\n"
     "again from now. Exit 2 for an unknown schedule, zone or language, 4 if there\n"
     "is no such client.\n"},
    {"followups", cmd_followups, "[--all]", "follow-up tasks after escalations, by due time",
     "\n"
     "One line per task: escalation, client, state, due time (program.timezone), the\n"
     "specialist holding it, whether it was sent twice or handed to the backup or\n"
     "on-call, and who did it when. States: open (not due yet), due (sent, waiting\n"
     "for DONE or SNOOZE), overdue (in the holder's digest and STATUS), done.\n"
     "  --all    done tasks too (by default only those not done)\n"},
    {"escalations", cmd_escalations, "[--open] [ID]",
     "escalations with time to acknowledgement, or one with its audit trail",
     "\n"
     "  --open   only open ones: not resolved yet (acknowledged or not)\n"
     "  ID       one escalation: severity, reason, client, messages merged, who\n"
     "           acknowledged it and after how long, then every step (created,\n"
     "           alerted, re-alerted, handed off, acked, noted, resolved) with\n"
     "           who and when. Exit 4 if there is no such escalation.\n"
     "Times are in program.timezone. TO ACK is the time from the first message to the\n"
     "first ACK (\"open 12m00s\" while nobody has it).\n"},
    {"parse", cmd_parse,
     "[--scale MIN-MAX] [--lang en|es] [--vocabulary FILE | --config FILE] [--explain]",
     "run the reply parser on each line of stdin, print JSON",
     "\n"
     "  --scale MIN-MAX    the check-in scale (default 1-10; 0 <= MIN < MAX <= 100)\n"
     "  --lang en|es       accepted and checked; the parser reads both languages\n"
     "  --vocabulary FILE  an operator vocabulary file (extra crisis/relapse phrases)\n"
     "  --config FILE      use the vocabulary named by FILE's replies.vocabulary\n"
     "                     (so does the global -c FILE; --vocabulary FILE wins over it)\n"
     "  --explain          add \"reasons\": which concept or rule raised each signal\n"
     "                     (self_death, means, overdose, farewell, state, dealer,\n"
     "                     contact, event, despair, other_person, past, denial...)\n"
     "\n"
     "Prints one JSON object per input line (an empty line too), e.g.\n"
     "  {\"intent\":\"mood\",\"score\":7,\"signals\":[],\"ack_id\":null}\n"
     "signals may hold crisis, relapse, negated, out_of_range, contact (asks for\n"
     "a person), event (a serious life event), ambiguous (risk without a stated\n"
     "intent: the client is asked) and context (risk words about somebody else,\n"
     "the past or a group's topic). Exits 0 after\n"
     "the last line; a bad vocabulary is refused (file:line errors, exit 3).\n"
     "Needs no configuration (unless -c or --config names one) and no database.\n"},
    {"import", cmd_import, "FILE.csv [--dry-run] [--partial]", "enrol many clients from a CSV file",
     "\n"
     "  FILE.csv    UTF-8 CSV (- for stdin). The first line names the columns:\n"
     "              alias and phone are required; name, tz, schedule,\n"
     "              specialist and lang are optional (empty = the default, as\n"
     "              for enroll); state and enrolled_at (from export-all) are\n"
     "              ignored. Lines that are empty or start with # are skipped.\n"
     "              A field in quotes may hold commas, \"\" for a quote and line\n"
     "              breaks (each becomes a space); a quote elsewhere is refused.\n"
     "  --dry-run   check every line (also against the database: already\n"
     "              enrolled) and write nothing\n"
     "  --partial   enrol the good lines even if some are refused\n"
     "\n"
     "Every line is checked like `enroll`; each refused one is printed as\n"
     "FILE:LINE: reason (the line where its record starts). Without --partial\n"
     "nothing is written when any line is refused: the import is one\n"
     "transaction, all or nothing. Exit 0 if every line was enrolled, or with\n"
     "--partial if at least one was (the refused ones listed); else 2 if a line\n"
     "is malformed or the file cannot be read, 5 if lines only conflict with\n"
     "enrolled clients. --dry-run exits as the import would.\n"},
    {"export-all", cmd_export_all,
     "[--format csv|json] [--table NAME] [--days N] [--output FILE]",
     "the whole program's data as CSV or JSON",
     "\n"
     "  --format csv|json  default csv\n"
     "  --table NAME       csv: clients, moods (default), checkins or escalations;\n"
     "                     json holds every table in one object\n"
     "  --days N           only moods, check-ins and escalations of the last N days\n"
     "  --output FILE      write FILE instead of stdout (mode 0600; 0640 in a\n"
     "                     setgid directory: the operators' group reads it)\n"
     "\n"
     "Times are UTC, ISO 8601. In CSV, free text (names, reasons) starting with\n"
     "= + - or @ gets a ' in front so a spreadsheet does not run it as a formula.\n"},
    {"report", cmd_report, "-o FILE.html [--client ALIAS] [--days N]",
     "an HTML report with charts: moods, response rate, missed, escalations",
     "\n"
     "  -o, --output FILE  the HTML file to write (mode 0600; replaced whole)\n"
     "  --client ALIAS     one client (default: the whole program)\n"
     "  --days N           the last N days, today included (default 30)\n"
     "\n"
     "One self-contained file (no scripts, no outside files): a summary (response\n"
     "rate, missed check-ins, mean mood, escalations and time to acknowledgement),\n"
     "mood over time and check-ins per day as SVG charts, a table per client and\n"
     "the escalations. Times are in program.timezone. Exit 4 if there is no such\n"
     "client.\n"},
    {"backup", cmd_backup, "FILE", "a consistent copy of the database, also while the gateway runs",
     "\n"
     "  FILE   the new file (refused if it exists; mode 0600, or 0640 in a setgid\n"
     "         directory such as /var/backups/checkin-gateway: the operators'\n"
     "         group reads it)\n"
     "\n"
     "Uses SQLite's online backup: one consistent snapshot, taken while the gateway\n"
     "keeps working. Restore by stopping the gateway and copying FILE over the\n"
     "database (remove its -wal and -shm files). Exit 1 if it fails.\n"},
    {"flows", cmd_flows, "[--max-segments N]",
     "the check-in flows the schedules ask, validated, with each text's SMS length",
     "\n"
     "Loads the configuration (every flow is validated there: an invalid one is\n"
     "refused with its file:line, exit 3) and prints each configured flow and each\n"
     "built-in instrument a schedule names: per question its type, its answers, the\n"
     "condition it is asked under, and per language the text's encoding (GSM-7 or\n"
     "UCS-2), bytes and SMS segments; then which schedule asks which flow.\n"
     "  --max-segments N   exit 1 if any text takes more than N segments (default 4)\n"},
    {"templates", cmd_templates, "[--max-segments N]",
     "every text template rendered, with its SMS encoding and length",
     "\n"
     "Renders each template of each language with sample values (the longest alias\n"
     "and excerpt) and prints: language, template, encoding (GSM-7 or UCS-2),\n"
     "bytes and SMS segments.\n"
     "  --max-segments N   exit 1 if any text takes more than N segments (default 4)\n"},
    {"export", cmd_export, "ALIAS", "everything held about one client, as JSON",
     "\n"
     "For a person's request to see their data: the client record, every message\n"
     "to and from them (decrypted), moods, escalations and the audit lines about\n"
     "them, as one JSON object on stdout. Exit 4 if there is no such client.\n"},
    {"remove", cmd_remove, "ALIAS --yes", "delete everything held about one client",
     "\n"
     "Deletes the client, their messages (also alerts about them), moods, check-ins\n"
     "and escalations in one transaction, and leaves one audit line\n"
     "(client.removed, subject client#ID, with the counts); earlier audit lines keep\n"
     "their actions but no longer name the alias. --yes is required.\n"
     "Exit 4 if there is no such client.\n"},
    {"retention", cmd_retention, "", "remove message bodies older than retention.message_days now",
     "\n"
     "What the gateway does daily, at once: bodies of messages older than\n"
     "retention.message_days are removed; moods, escalations and audit lines stay.\n"},
    {"rekey", cmd_rekey, "[--batch N]", "re-encrypt stored values with the current key",
     "\n"
     "Key rotation, while the gateway runs: set the new key as encryption.key and\n"
     "the old one as encryption.previous_key, reload the gateway (SIGHUP), then run\n"
     "this. It re-encrypts message bodies and client names in short transactions\n"
     "of N values (default 500), then checks that nothing is left under the old\n"
     "key; previous_key can then be removed. With no encryption.key it decrypts\n"
     "everything (turning encryption off).\n"},
    {"keygen", cmd_keygen, "", "print a new random encryption key (64 hex digits)",
     "\n"
     "Write it to a file readable only by the gateway's user and set\n"
     "encryption.key = \"file:/path\" (or an environment variable, \"env:NAME\").\n"},
    {"help", cmd_help, "[COMMAND]", "this list, or the arguments of COMMAND", ""},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- main ---------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'},
        {"wait", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct ctl ctl;
    char buf[256];
    int opt, code;

    memset(&ctl, 0, sizeof ctl);
    ctl.config_path = gw_default_config(&ctl.config_origin);
    ctl.wait_ms = 5000;
    opterr = 0;
    /* "+": stop at the command name; the rest are the command's flags. */
    while ((opt = getopt_long(argc, argv, "+:c:hw:", opts, NULL)) != -1) {
        switch (opt) {
        case 'c':
            ctl.config_path = optarg;
            ctl.config_given = true;
            break;
        case 'w': {
            char *end;
            errno = 0;
            long secs = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || secs < 0 || secs > 3600)
                return usage_error(NULL, "bad --wait \"%s\": seconds, 0 to 3600",
                                   clean(optarg, buf, sizeof buf));
            ctl.wait_ms = (int)secs * 1000;
            break;
        }
        case 'h': print_help(stdout); return CTL_OK;
        case 'V': puts(PROG " " GW_VERSION); return CTL_OK;
        case ':':
            return usage_error(NULL, "%s needs a value", clean(argv[optind - 1], buf, sizeof buf));
        default:
            if (optopt)
                return usage_error(NULL, "unknown option -%c", optopt);
            return usage_error(NULL, "unknown option %s",
                               clean(argv[optind - 1], buf, sizeof buf));
        }
    }
    if (optind == argc)
        return usage_error(NULL, "no command given");
    ctl.cmd = find_command(argv[optind]);
    if (!ctl.cmd)
        return usage_error(NULL, "unknown command \"%s\"", clean(argv[optind], buf, sizeof buf));

    /* The same clock as the gateway's (gw_now), so tests can move both. */
    ctl.now = (int64_t)time(NULL);
    const char *off = getenv("CHECKIN_GATEWAY_TIME_OFFSET");
    if (off && *off)
        ctl.now += strtoll(off, NULL, 10);

    /* The command sees argv[0] = its name; optind = 0 makes GNU getopt
     * start afresh for it. */
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0;
    code = ctl.cmd->run(&ctl, sub_argc, sub_argv);

    store_close(ctl.store);
    crypt_free(ctl.crypt);
    gw_config_free(ctl.cfg);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        errorf("cannot write the output: %s", strerror(errno));
        if (code == CTL_OK)
            code = CTL_RUNTIME;
    }
    return code;
}
