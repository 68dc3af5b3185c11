/* SPDX-License-Identifier: Apache-2.0 */
/* config_lists.c: the helpers of the list sections (a group's members,
 * a required list) and the `providers` and `routing` sections. */
#include <stdlib.h>
#include <string.h>

#include "config/config_internal.h"

/* ---- list helpers ------------------------------------------------------ */

/* Looks up a required/optional member of group g expected to be a string.
 * Returns the string, or NULL (with an error if it is required or of the
 * wrong type). */
const char *cfg_member_str(struct loader *ld, const config_setting_t *g, const char *what,
                           const char *key, bool required)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    if (s == NULL) {
        if (required)
            cfg_lerr(ld, g, "%s: missing required setting '%s'", what, key);
        return NULL;
    }
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        cfg_lerr(ld, s, "%s.%s must be a string, not %s", what, key,
                 type_name(config_setting_type(s)));
        return NULL;
    }
    return config_setting_get_string(s);
}

/* Like cfg_member_str for an integer within [min, max]. Returns true and sets
 * *out if present and valid. */
bool cfg_member_int(struct loader *ld, const config_setting_t *g, const char *what,
                    const char *key, int min, int max, int *out)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    long long v;
    if (s == NULL)
        return false;
    if (!cfg_is_int(s)) {
        cfg_lerr(ld, s, "%s.%s must be an integer, not %s", what, key,
                 type_name(config_setting_type(s)));
        return false;
    }
    v = config_setting_get_int64(s);
    if (v < min || v > max) {
        cfg_lerr(ld, s, "%s.%s = %lld is out of range (%d to %d)", what, key, v, min, max);
        return false;
    }
    *out = (int)v;
    return true;
}

/* A provider instance's optional rate_per_second (the outbox enforces it):
 * an integer or decimal number of messages a second, 0.01 to 10000; absent
 * means no limit (0). */
static void member_rate(struct loader *ld, const config_setting_t *g, const char *what,
                        double *out)
{
    const config_setting_t *s = config_setting_get_member(g, "rate_per_second");
    double v;
    *out = 0;
    if (s == NULL)
        return;
    if (cfg_is_int(s))
        v = (double)config_setting_get_int64(s);
    else if (config_setting_type(s) == CONFIG_TYPE_FLOAT)
        v = config_setting_get_float(s);
    else {
        cfg_lerr(ld, s, "%s.rate_per_second must be a number (messages a second), not %s", what,
                 type_name(config_setting_type(s)));
        return;
    }
    if (!(v >= 0.01 && v <= 10000)) {
        cfg_lerr(ld, s, "%s.rate_per_second = %g is out of range (0.01 to 10000 messages a second;"
                 " leave it out for no limit)", what, v);
        return;
    }
    *out = v;
}

/* A required top-level list of groups. Returns it, or NULL after an error. */
const config_setting_t *cfg_required_list(struct loader *ld, const config_setting_t *root,
                                          const char *key, const char *example)
{
    const config_setting_t *l = config_setting_get_member(root, key);
    if (l == NULL) {
        cfg_lerr(ld, NULL, "missing required list %s = ( %s );", key, example);
        return NULL;
    }
    if (!cfg_is_seq(l)) {
        cfg_lerr(ld, l, "%s must be a list ( { ... }, ... ), not %s", key,
                 type_name(config_setting_type(l)));
        return NULL;
    }
    if (config_setting_length(l) == 0) {
        cfg_lerr(ld, l, "%s must have at least one entry", key);
        return NULL;
    }
    return l;
}

/* ---- providers --------------------------------------------------------- */

void cfg_parse_providers(struct loader *ld, const config_setting_t *root)
{
    struct gw_config *c = ld->c;
    const config_setting_t *l =
        cfg_required_list(ld, root, "providers", "{ name = \"spool\"; kind = \"spool\"; dir = \"var/spool\"; }");
    if (l == NULL)
        return;
    int n = config_setting_length(l);
    c->providers = calloc((size_t)n, sizeof *c->providers);
    if (c->providers == NULL) {
        cfg_oom(ld);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
        struct gw_provider_conf *p = &c->providers[i];
        c->nproviders = (size_t)i; /* entries before this one, for duplicate checks */
        char what[32];
        snprintf(what, sizeof what, "providers[%d]", i);
        if (!config_setting_is_group(g)) {
            cfg_lerr(ld, g, "%s must be a group { name = ...; kind = ...; }, not %s", what,
                     type_name(config_setting_type(g)));
            continue;
        }
        const char *name = cfg_member_str(ld, g, what, "name", true);
        const char *kind = cfg_member_str(ld, g, what, "kind", true);
        if (name != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "name");
            if (!cfg_name_is_valid(name)) {
                cfg_lerr(ld, s, "%s.name \"%s\" must be 1-63 of a-z, 0-9, '_' and '-'", what, name);
            } else {
                bool dup = false;
                for (size_t j = 0; j < c->nproviders && !dup; j++)
                    dup = strcmp(c->providers[j].name, name) == 0;
                if (dup)
                    cfg_lerr(ld, s, "%s.name: duplicate provider name \"%s\"", what, name);
                else
                    cfg_copy_str(p->name, sizeof p->name, name);
            }
        }
        if (kind != NULL) {
            const config_setting_t *s = config_setting_get_member(g, "kind");
            if (kind[0] == '\0' || !cfg_copy_str(p->kind, sizeof p->kind, kind))
                cfg_lerr(ld, s, "%s.kind must be 1-63 characters", what);
        }
        member_rate(ld, g, what, &p->rate_per_second);
        p->settings = g;
    }
    c->nproviders = (size_t)n;
}

/* ---- routing ----------------------------------------------------------- */

static void route_default(struct loader *ld, struct gw_route *r, const char *which,
                          const config_setting_t *at)
{
    struct gw_config *c = ld->c;
    r->n = 0;
    if (c->nproviders > CFG_MAX_ROUTE) {
        cfg_lerr(ld, at, "routing.%s: %zu providers are more than a route holds (%d); list the "
                 "route explicitly", which, c->nproviders, CFG_MAX_ROUTE);
        return;
    }
    for (size_t i = 0; i < c->nproviders; i++)
        if (c->providers[i].name[0] != '\0')
            memcpy(r->names[r->n++], c->providers[i].name, CFG_NAME_MAX);
}

static void parse_route(struct loader *ld, const config_setting_t *s, const char *which,
                        struct gw_route *r)
{
    struct gw_config *c = ld->c;
    int n;

    r->n = 0;
    if (!cfg_is_seq(s)) {
        cfg_lerr(ld, s, "routing.%s must be an array of provider names [ \"a\", \"b\" ], not %s",
                 which, type_name(config_setting_type(s)));
        return;
    }
    n = config_setting_length(s);
    if (n == 0) {
        cfg_lerr(ld, s, "routing.%s must name at least one provider", which);
        return;
    }
    if (n > CFG_MAX_ROUTE) {
        cfg_lerr(ld, s, "routing.%s names %d providers; at most %d", which, n, CFG_MAX_ROUTE);
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            cfg_lerr(ld, e, "routing.%s[%d] must be a provider name (a string), not %s", which, i,
                     type_name(config_setting_type(e)));
            continue;
        }
        const char *name = config_setting_get_string(e);
        bool known = false, dup = false;
        for (size_t j = 0; j < c->nproviders && !known; j++)
            known = strcmp(c->providers[j].name, name) == 0;
        for (int j = 0; j < r->n && !dup; j++)
            dup = strcmp(r->names[j], name) == 0;
        if (!known)
            cfg_lerr(ld, e, "routing.%s: unknown provider \"%s\" (not in providers)", which, name);
        else if (dup)
            cfg_lerr(ld, e, "routing.%s: provider \"%s\" is listed twice", which, name);
        else
            memcpy(r->names[r->n++], name, strlen(name) + 1);
    }
}

void cfg_parse_routing(struct loader *ld, const config_setting_t *root)
{
    static const char *const keys[] = { "checkin", "urgent", NULL };
    const config_setting_t *g = config_setting_get_member(root, "routing");
    const config_setting_t *s;

    if (g != NULL && !config_setting_is_group(g)) {
        cfg_lerr(ld, g, "routing must be a group { checkin = [...]; urgent = [...]; }, not %s",
                 type_name(config_setting_type(g)));
        g = NULL;
    }
    if (g != NULL)
        ld->nerr += cfg_check_keys(g, keys, ld->errs);

    s = g ? config_setting_get_member(g, "checkin") : NULL;
    if (s != NULL)
        parse_route(ld, s, "checkin", &ld->c->route_checkin);
    else
        route_default(ld, &ld->c->route_checkin, "checkin", g);
    s = g ? config_setting_get_member(g, "urgent") : NULL;
    if (s != NULL)
        parse_route(ld, s, "urgent", &ld->c->route_urgent);
    else
        route_default(ld, &ld->c->route_urgent, "urgent", g);
}
