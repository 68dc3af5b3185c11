/* SPDX-License-Identifier: Apache-2.0 */
/* config_internal.h: what the loader's files share, and only they (not part
 * of config.h's API). config.c has the loader (its error reporting and small
 * helpers), the scalar table, load/free and the lookups; config_lists.c the
 * list helpers and the providers and routing sections; config_schedules.c
 * schedules, caring contacts and quiet hours; config_specialists.c the
 * specialists and the on-call rota; config_texts.c the built-in texts and the
 * templates and vocabulary sections. Each section parser adds its problems
 * to the loader's error list and never stops at the first. */
#ifndef GW_CONFIG_INTERNAL_H
#define GW_CONFIG_INTERNAL_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"

struct loader {
    struct gw_config *c;
    struct cfg_errors *errs;
    int nerr; /* counted here: errs may drop a message on allocation failure */
};

/* The loader's short name for base/settings' cfg_type_name, in many of its
 * messages. */
static inline const char *type_name(int type) { return cfg_type_name(type); }

/* config.c: the loader's helpers */
bool cfg_is_int(const config_setting_t *s);
bool cfg_is_seq(const config_setting_t *s);
bool cfg_name_is_valid(const char *s);
bool cfg_copy_str(char *dst, size_t dstsz, const char *src);
/* Adds "file:line: reason" (at s, or at the file if s is NULL). */
void cfg_lerr(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_oom(struct loader *ld);

/* config_lists.c */
const char *cfg_member_str(struct loader *ld, const config_setting_t *g, const char *what,
                           const char *key, bool required);
bool cfg_member_int(struct loader *ld, const config_setting_t *g, const char *what,
                    const char *key, int min, int max, int *out);
const config_setting_t *cfg_required_list(struct loader *ld, const config_setting_t *root,
                                          const char *key, const char *example);
void cfg_parse_providers(struct loader *ld, const config_setting_t *root);
void cfg_parse_routing(struct loader *ld, const config_setting_t *root);

/* config_schedules.c */
void cfg_parse_days(struct loader *ld, const config_setting_t *g, const char *what,
                    struct gw_schedule *sc);
void cfg_parse_quiet_hours(struct loader *ld, const config_setting_t *root);
void cfg_parse_schedules(struct loader *ld, const config_setting_t *root);

/* config_specialists.c */
void cfg_parse_specialists(struct loader *ld, const config_setting_t *root);
void cfg_parse_oncall(struct loader *ld, const config_setting_t *root);

/* config_texts.c */
extern const char *const cfg_lang_names[LANG__COUNT];
bool cfg_template_text_ok(struct loader *ld, const config_setting_t *s, const char *label,
                          const char *text);
void cfg_parse_vocabulary(struct loader *ld, const config_setting_t *root);
void cfg_parse_templates(struct loader *ld, const config_setting_t *root);

#endif
