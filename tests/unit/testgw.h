/* SPDX-License-Identifier: Apache-2.0 */
/* testgw.h: the real gateway on a private loop, for the unit tests that
 * drive it (header-only: each unit test is built from its own .c). */
#ifndef TESTS_UNIT_TESTGW_H
#define TESTS_UNIT_TESTGW_H

#include <stdio.h>

#include <uv.h>

#include "config/config.h"
#include "daemon/gw.h"
#include "base/log.h"

/* Loads the config at path and starts gw on loop (initialised here), the
 * log on stderr. Returns 0, or -1 with the reason printed. */
static inline int test_gw_start(struct gw *gw, uv_loop_t *loop, const char *path)
{
    struct gw_config *cfg = NULL;
    struct cfg_errors errs;
    char err[512] = "";
    cfg_errors_init(&errs);
    int bad = gw_config_load(&cfg, path, &errs);
    if (bad)
        cfg_errors_print(&errs, stderr);
    cfg_errors_free(&errs);
    if (bad)
        return -1;
    log_set_stream(stderr);
    if (uv_loop_init(loop) != 0 || gw_start(gw, loop, path, cfg, err, sizeof err)) {
        fprintf(stderr, "start: %s\n", err);
        return -1;
    }
    return 0;
}

/* Stops gw, runs loop until everything closed, frees both. */
static inline void test_gw_free(struct gw *gw, uv_loop_t *loop)
{
    gw_stop(gw);
    uv_run(loop, UV_RUN_DEFAULT);
    gw_free(gw);
    uv_loop_close(loop);
}

#endif
