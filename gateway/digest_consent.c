/* SPDX-License-Identifier: Apache-2.0 */
/* digest_consent.c: consent changes in the daily digest (see
 * digest_consent.h). */
#include "digest_consent.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "escalate.h"
#include "gw.h"

int digest_consent_item(const char *action, const char *alias, enum lang l, bool first,
                        char *out, size_t outsz)
{
    static const struct {
        const char *action, *text[LANG__COUNT];
    } items[] = {
        {"client.opt_out", {"opted out (STOP), no more texts", "se dio de baja (STOP), sin más mensajes"}},
        {"client.opt_in", {"opted in again (START)", "volvió a suscribirse (START)"}},
        {"client.confirmed", {"confirmed (YES), check-ins begin", "confirmó (SÍ), empiezan los mensajes"}},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (strcmp(action, items[i].action) == 0) {
            int n = snprintf(out, outsz, "%s%s %s.", first ? "" : " ", alias,
                             items[i].text[l < LANG__COUNT ? l : LANG_EN]);
            return n < 0 || (size_t)n >= outsz ? -1 : n;
        }
    return -1;
}

struct consent_ctx {
    struct gw *gw;
    const struct gw_specialist *sp;
    const struct tpl_vars *v;
    struct digest_list *list;
    int64_t since;
    int count;
};

static int consent_cb(void *ctx, const struct store_consent_event *e)
{
    struct consent_ctx *c = ctx;
    struct digest_list *l = c->list;
    char item[160];
    if (e->at < c->since ||
        digest_consent_item(e->action, e->alias, c->sp->lang, *l->shown == 0, item,
                            sizeof item) < 0)
        return 0;
    c->count++;
    /* Once one did not fit, the rest are counted, like the findings. */
    if (*l->more == 0 &&
        escalate_list_add(c->gw, c->sp, TPL_DIGEST, c->v, l->lines, l->size, item))
        (*l->shown)++;
    else
        (*l->more)++;
    return 0;
}

int digest_consent_add(struct gw *gw, const struct gw_specialist *sp, int64_t sp_id,
                       int64_t after_id, int64_t since, const struct tpl_vars *v,
                       struct digest_list *list, int *count)
{
    struct consent_ctx c = {.gw = gw, .sp = sp, .v = v, .list = list,
                            .since = after_id > 0 ? 0 : since};
    int rc = store_consent_events(gw->store, sp_id, after_id, consent_cb, &c);
    *count = c.count;
    return rc;
}
