/* SPDX-License-Identifier: Apache-2.0 */
/* ctl_common.c: what every checkinctl command shares: error messages,
 * small parsers and formatters, loading the config and opening the store,
 * waking the gateway, finding a client, and the flag loop's common cases. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <utf8proc.h>

#include "base/crypt.h"
#include "base/fsutil.h"
#include "ctl/ctl.h"
#include "model/schedule.h"

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

/* ---- the config, the store, the gateway ------------------------------------ */

/* Loads the config; on failure prints every problem as file:line: reason
 * and returns CTL_CONFIG. Once loaded it is kept: a command that reads the
 * config before its client's prelude (update) loads it once. */
int need_config(struct ctl *ctl)
{
    struct cfg_errors errs;
    int code = CTL_OK;
    if (ctl->cfg)
        return CTL_OK;
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
    /* mkdir -p, as the daemon does on start, so enrolling before the first
     * start works on a fresh checkout (var/ absent); store_open names the
     * file if that was not enough. */
    if (create)
        (void)fsutil_make_parent_dir(path, NULL, NULL);
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
    long pid = 0;
    int rc = path ? fsutil_read_pid_file(path, &pid) : -1;
    if (rc == -1) {
        if (path && errno != ENOENT)
            fprintf(stderr, "note: cannot read the pid file %s (%s); if the gateway runs, "
                            "send it SIGUSR1 to pick up the change\n", path, strerror(errno));
        else
            fputs(not_running, stderr);
        return;
    }
    if (rc != 0) {
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
static int begin_client_tx(struct ctl *ctl, const char *alias, struct store_client *c)
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

/* ---- a command on one client --------------------------------------------------- */

int alias_arg(struct ctl *ctl, int argc, char **argv, const char **alias)
{
    if (argc - optind != 1)
        return usage_error(ctl->cmd, argc - optind < 1 ? "%s needs an alias"
                                                       : "too many arguments%s",
                           argc - optind < 1 ? ctl->cmd->name : "");
    *alias = argv[optind];
    return alias_is_valid(*alias) ? CTL_OK : bad_alias(ctl->cmd, *alias);
}

int client_command_begin(struct ctl *ctl, const char *alias, struct store_client *c,
                         const char *opted_out)
{
    int code;
    if ((code = need_config(ctl)) != CTL_OK || (code = need_store(ctl, false)) != CTL_OK)
        return code;
    if ((code = begin_client_tx(ctl, alias, c)) != CTL_OK)
        return code;
    if (opted_out && c->state == CLIENT_OPTED_OUT) {
        errorf("%s opted out (STOP); %s", alias, opted_out);
        store_rollback(ctl->store);
        return CTL_RUNTIME;
    }
    return CTL_OK;
}

int client_command_end(struct ctl *ctl, const struct store_client *c, const char *action,
                       const char *detail, const char *doing)
{
    int rc;
    if ((rc = store_client_update(ctl->store, c)) != STORE_OK ||
        (rc = store_audit(ctl->store, ctl->now, "operator", action, c->alias, detail)) !=
            STORE_OK ||
        (rc = store_commit(ctl->store)) != STORE_OK) {
        int code = store_failure(ctl, rc, doing);
        store_rollback(ctl->store);
        return code;
    }
    return CTL_OK;
}

/* ---- flags -------------------------------------------------------------------- */

/* getopt_long over a command's argv (argv[0] is the command name): long
 * options only, plus -h. main() set optind = 0 so GNU getopt starts afresh,
 * and opterr = 0 so the errors are ours (flag_other). */
int next_flag(int argc, char **argv, const struct option *longopts)
{
    return getopt_long(argc, argv, ":h", longopts, NULL);
}

void print_command_help(const struct command *cmd, FILE *f)
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
