/* SPDX-License-Identifier: Apache-2.0 */
/* paths.h: where the configuration is when no --config is given. */
#ifndef GW_PATHS_H
#define GW_PATHS_H

/* Where gw_default_config found the file. */
enum gw_config_origin { GW_CONFIG_ENV, GW_CONFIG_CHECKOUT, GW_CONFIG_INSTALLED };

/* The configuration file to use when none was given: $CHECKIN_CONFIG if
 * set; else etc/checkin.conf when it exists under the current directory
 * (a source checkout); else the installed one,
 * SYSCONFDIR/checkin-gateway/checkin.conf (SYSCONFDIR from `make
 * PREFIX=...`, default /usr/local/etc). Returns a string that lives as long
 * as the process; *origin (if not NULL) says which of the three it is. */
const char *gw_default_config(enum gw_config_origin *origin);

/* The installed path, for help texts. */
const char *gw_installed_config(void);

#endif
