/* SPDX-License-Identifier: Apache-2.0 */
/* main.c: checkin-gateway, the daemon. Flags, config, then one libuv loop
 * until SIGTERM/SIGINT. Exit codes, the same as checkinctl's: 0 clean stop
 * or valid config, 1 could not start (a runtime failure), 2 usage,
 * 3 (GW_EXIT_CONFIG) invalid config; and 4, another gateway runs on the
 * same database (nothing was changed). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "base/log.h"
#include "base/paths.h"
#include "provider.h"
#include "base/version.h"

enum { EXIT_START_FAILED = 1, EXIT_USAGE = 2 };


static void usage(FILE *f)
{
    fprintf(f,
            "usage: checkin-gateway [--config FILE]\n"
            "       checkin-gateway --check-config FILE\n"
            "\n"
            "Sends scheduled SMS check-ins, records replies as mood scores and escalates\n"
            "concerning replies to a peer specialist (with a 988 message to the client).\n"
            "\n"
            "  -c, --config FILE        the configuration (default: $CHECKIN_CONFIG, else\n"
            "                           etc/checkin.conf if it exists here, else\n"
            "                           %s)\n"
            "      --check-config FILE  validate FILE, print every problem as file:line,\n"
            "                           exit 0 if valid, 3 if not\n"
            "  -h, --help               this text\n"
            "      --version            the version\n"
            "\n"
            "Signals: SIGTERM/SIGINT stop gracefully, SIGHUP reloads the config (an invalid\n"
            "one is refused and the running one kept), SIGUSR1 re-reads the schedule and\n"
            "the outbox (checkinctl sends it after changes).\n"
            "\n"
            "Exit codes (as checkinctl's): 0 stopped cleanly or the config is valid,\n"
            "1 could not start (database, listener, pid file, a provider), 2 usage error,\n"
            "3 the configuration is invalid.\n",
            gw_installed_config());
}

/* Loads path and checks the providers' own settings too. Returns the config
 * (owned) or NULL after printing every error to stderr. */
static struct gw_config *load(const char *path)
{
    struct gw_config *cfg = NULL;
    struct cfg_errors errs;
    cfg_errors_init(&errs);
    if (gw_config_load(&cfg, path, &errs) == 0)
        providers_check(cfg, &errs);
    if (errs.n) {
        cfg_errors_print(&errs, stderr);
        fprintf(stderr, "%s: %zu problem%s; not started\n", path, errs.n, errs.n == 1 ? "" : "s");
        gw_config_free(cfg);
        cfg = NULL;
    }
    cfg_errors_free(&errs);
    return cfg;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'},
        {"check-config", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *config_path = gw_default_config(NULL), *check = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_path = optarg; break;
        case 'k': check = optarg; break;
        case 'h': usage(stdout); return 0;
        case 'V': puts("checkin-gateway " GW_VERSION); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (check) {
        struct gw_config *cfg = load(check);
        if (!cfg)
            return GW_EXIT_CONFIG;
        printf("%s: ok (%zu provider%s, %zu schedule%s, %zu specialist%s)\n", check,
               cfg->nproviders, cfg->nproviders == 1 ? "" : "s", cfg->nschedules,
               cfg->nschedules == 1 ? "" : "s", cfg->nspecialists,
               cfg->nspecialists == 1 ? "" : "s");
        gw_config_free(cfg);
        return 0;
    }

    struct gw_config *cfg = load(config_path);
    if (!cfg)
        return GW_EXIT_CONFIG;
    uv_loop_t loop;
    struct gw gw;
    char err[512] = "";
    if (uv_loop_init(&loop) != 0) {
        fprintf(stderr, "checkin-gateway: cannot create the event loop\n");
        gw_config_free(cfg);
        return EXIT_START_FAILED;
    }
    int rc = gw_start(&gw, &loop, config_path, cfg, err, sizeof err);
    if (rc != 0) {
        log_error("gateway.start_failed", "reason=\"%s\"", err);
        fprintf(stderr, "checkin-gateway: %s\n", err);
        gw_stop(&gw);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    int code = rc == GW_ALREADY_RUNNING ? 4 : rc != 0 ? EXIT_START_FAILED : gw.exit_code;
    gw_free(&gw);
    if (uv_loop_close(&loop) != 0)
        log_warn("gateway.loop_close", "reason=\"handles left open\"");
    if (rc == 0)
        log_info("gateway.stopped", "exit=%d", code);
    return code;
}
