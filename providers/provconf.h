/* SPDX-License-Identifier: Apache-2.0 */
/* provconf.h: reading a provider instance's own settings with the checks
 * every provider needs (type, range, URL scheme), each problem added to the
 * config errors with file:line and the instance's name. */
#ifndef GW_PROVCONF_H
#define GW_PROVCONF_H

#include <stdbool.h>
#include <stddef.h>

#include "provider.h"

/* A string setting: copies it (or def when absent; def NULL means the key
 * is required) into out. Returns 0, or -1 with an error added (wrong type,
 * missing, too long). */
int provconf_string(const struct provider *p, const config_setting_t *cfg, const char *key,
                    const char *def, char *out, size_t cap, struct cfg_errors *errs);

/* An integer setting in [min, max], or def when absent. Returns 0 or -1. */
int provconf_int(const struct provider *p, const config_setting_t *cfg, const char *key, int def,
                 int min, int max, int *out, struct cfg_errors *errs);

/* A URL setting that must start with http:// or https:// (or be "" when
 * allow_empty), kept exactly as written (a webhook's signed URL). Returns 0
 * or -1. */
int provconf_url(const struct provider *p, const config_setting_t *cfg, const char *key,
                 const char *def, bool allow_empty, char *out, size_t cap,
                 struct cfg_errors *errs);

/* A secret (cfg_secret: literal, env:NAME or file:/path), required. */
int provconf_secret(const struct provider *p, const config_setting_t *cfg, const char *key,
                    char *out, size_t cap, struct cfg_errors *errs);

#endif
