/* SPDX-License-Identifier: Apache-2.0 */
/* registry.c: the static table of provider kinds. Adding a provider is one
 * folder providers/<kind>/ and one line here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider.h"

extern const struct provider_ops spool_provider_ops;
extern const struct provider_ops fake_provider_ops;
extern const struct provider_ops modem_provider_ops;
extern const struct provider_ops kannel_provider_ops;
extern const struct provider_ops twilio_provider_ops;
extern const struct provider_ops android_provider_ops;

static const struct provider_ops *const kinds[] = {
    &spool_provider_ops,
    &fake_provider_ops,
    &modem_provider_ops,
    &kannel_provider_ops,
    &twilio_provider_ops,
    &android_provider_ops,
    NULL,
};

const struct provider_ops *provider_kind_find(const char *kind)
{
    for (size_t i = 0; kinds[i]; i++)
        if (kind && strcmp(kinds[i]->kind, kind) == 0)
            return kinds[i];
    return NULL;
}

const char *provider_kinds_list(void)
{
    static char buf[256];
    if (!buf[0]) {
        size_t o = 0;
        for (size_t i = 0; kinds[i] && o < sizeof buf; i++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? ", " : "", kinds[i]->kind);
    }
    return buf;
}

/* Every kind must implement every op: checked once here, not at each call. */
static bool ops_complete(const struct provider_ops *o)
{
    return o->kind && o->create && o->start && o->send && o->stop && o->destroy;
}

int provider_new(const char *name, const char *kind, const config_setting_t *settings,
                 struct provider **out, struct cfg_errors *errs)
{
    *out = NULL;
    const struct provider_ops *ops = provider_kind_find(kind);
    const config_setting_t *at = config_setting_get_member(settings, "kind");
    if (!ops) {
        cfg_errors_at(errs, at ? at : settings,
                      "provider \"%s\": unknown kind \"%s\" (known kinds: %s)", name, kind,
                      provider_kinds_list());
        return -1;
    }
    if (!ops_complete(ops)) {
        cfg_errors_at(errs, at ? at : settings, "provider kind \"%s\" is incomplete", kind);
        return -1;
    }
    struct provider *p = calloc(1, sizeof *p);
    if (!p) {
        cfg_errors_at(errs, settings, "out of memory");
        return -1;
    }
    p->ops = ops;
    snprintf(p->name, sizeof p->name, "%s", name);
    snprintf(p->status, sizeof p->status, "not started");
    if (ops->create(p, settings, errs) != 0) {
        free(p);
        return -1;
    }
    *out = p;
    return 0;
}

void provider_destroy(struct provider *p)
{
    if (!p)
        return;
    p->ops->destroy(p);
    free(p);
}
