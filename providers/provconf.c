/* SPDX-License-Identifier: Apache-2.0 */
/* provconf.c: typed, checked reads of a provider instance's settings, and
 * the unknown-key check every create() runs (provider_check_keys, declared
 * in provider.h). Apart from registry.c, which calls each kind's create():
 * a kind calls only down into this file, never back into the registry. */
#include "provconf.h"

#include <string.h>
#include <strings.h>

int provconf_string(const struct provider *p, const config_setting_t *cfg, const char *key,
                    const char *def, char *out, size_t cap, struct cfg_errors *errs)
{
    const config_setting_t *s = config_setting_get_member(cfg, key);
    const char *v = def;
    if (s && config_setting_type(s) != CONFIG_TYPE_STRING) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be a string", p->name, key);
        return -1;
    }
    if (s)
        v = config_setting_get_string(s);
    if (!v) {
        cfg_errors_at(errs, cfg, "provider \"%s\": %s is required", p->name, key);
        return -1;
    }
    if (strlen(v) >= cap) {
        cfg_errors_at(errs, s ? s : cfg, "provider \"%s\": %s is too long (at most %zu bytes)",
                      p->name, key, cap - 1);
        return -1;
    }
    memcpy(out, v, strlen(v) + 1);
    return 0;
}

int provconf_int(const struct provider *p, const config_setting_t *cfg, const char *key, int def,
                 int min, int max, int *out, struct cfg_errors *errs)
{
    const config_setting_t *s = config_setting_get_member(cfg, key);
    *out = def;
    if (!s)
        return 0;
    if (config_setting_type(s) != CONFIG_TYPE_INT) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be an integer", p->name, key);
        return -1;
    }
    int v = config_setting_get_int(s);
    if (v < min || v > max) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be between %d and %d", p->name, key, min,
                      max);
        return -1;
    }
    *out = v;
    return 0;
}

int provconf_url(const struct provider *p, const config_setting_t *cfg, const char *key,
                 const char *def, bool allow_empty, char *out, size_t cap,
                 struct cfg_errors *errs)
{
    if (provconf_string(p, cfg, key, def, out, cap, errs) != 0)
        return -1;
    if (allow_empty && !*out)
        return 0;
    const config_setting_t *s = config_setting_get_member(cfg, key);
    if (strncasecmp(out, "http://", 7) != 0 && strncasecmp(out, "https://", 8) != 0) {
        cfg_errors_at(errs, s ? s : cfg,
                      "provider \"%s\": %s must be an http:// or https:// URL", p->name, key);
        return -1;
    }
    return 0;
}

int provconf_secret(const struct provider *p, const config_setting_t *cfg, const char *key,
                    char *out, size_t cap, struct cfg_errors *errs)
{
    int rc = cfg_secret(cfg, key, out, cap, errs);
    if (rc == 1) {
        cfg_errors_at(errs, cfg, "provider \"%s\": %s is required (literal, env:NAME or"
                      " file:/path)", p->name, key);
        return -1;
    }
    if (rc == 0 && !*out) {
        cfg_errors_at(errs, cfg, "provider \"%s\": %s is empty", p->name, key);
        return -1;
    }
    return rc;
}

int provider_check_keys(const config_setting_t *cfg, const char *const *own,
                        struct cfg_errors *errs)
{
    static const char *const common[] = {PROVIDER_COMMON_KEYS};
    const char *all[48];
    size_t n = 0;
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        all[n++] = common[i];
    for (size_t i = 0; own && own[i] && n < sizeof all / sizeof all[0] - 1; i++)
        all[n++] = own[i];
    all[n] = NULL;
    return cfg_check_keys(cfg, all, errs);
}
