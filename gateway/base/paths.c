/* SPDX-License-Identifier: Apache-2.0 */
/* paths.c: see paths.h. The installed path is baked in at build time
 * through $(BUILD)/gen/build_paths.h, which the Makefile rewrites only
 * when PREFIX or SYSCONFDIR change (so `make install PREFIX=/usr` rebuilds
 * this one file). */
#include "base/paths.h"

#include <stdlib.h>
#include <unistd.h>

#include "build_paths.h"

#define CHECKOUT_CONFIG "etc/checkin.conf"

const char *gw_installed_config(void) { return GW_SYSCONFDIR "/checkin-gateway/checkin.conf"; }

const char *gw_default_config(enum gw_config_origin *origin)
{
    enum gw_config_origin o = GW_CONFIG_INSTALLED;
    const char *env = getenv("CHECKIN_CONFIG"), *path = gw_installed_config();
    if (env && *env) {
        o = GW_CONFIG_ENV;
        path = env;
    } else if (access(CHECKOUT_CONFIG, F_OK) == 0) {
        o = GW_CONFIG_CHECKOUT;
        path = CHECKOUT_CONFIG;
    }
    if (origin)
        *origin = o;
    return path;
}
