/* SPDX-License-Identifier: Apache-2.0 */
/* digest_consent.c: consent changes and unclear replies in the daily
 * digest (see digest_consent.h). */
#include "core/digest_consent.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/escalate.h"

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

int digest_unclear_item(const char *alias, const char *excerpt, enum lang l, bool first,
                        char *out, size_t outsz)
{
    static const char *const wrote[LANG__COUNT] = {"wrote", "escribió"};
    static const char *const removed[LANG__COUNT] = {"(text removed)", "(texto borrado)"};
    enum lang k = l < LANG__COUNT ? l : LANG_EN;
    int n = excerpt[0] ? snprintf(out, outsz, "%s%s %s: \"%s\".", first ? "" : " ", alias,
                                  wrote[k], excerpt)
                       : snprintf(out, outsz, "%s%s %s: %s.", first ? "" : " ", alias, wrote[k],
                                  removed[k]);
    return n < 0 || (size_t)n >= outsz ? -1 : n;
}

/* The words of text with a letter in them (a score and punctuation are
 * not words). */
static int words(const char *t, size_t len)
{
    int n = 0;
    bool in = false, letter = false;
    for (size_t i = 0; i <= len; i++) {
        bool space = i == len || t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r';
        if (space) {
            n += in && letter;
            in = letter = false;
        } else {
            in = true;
            unsigned char c = (unsigned char)t[i];
            letter = letter || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }
    return n;
}

bool digest_unread(const struct reply_result *r, const char *text, size_t len, bool *unclear)
{
    *unclear = reply_is_unclear(r);
    if (*unclear)
        return true;
    int w = text ? words(text, len) : 0;
    switch (r->intent) {
    case REPLY_MOOD:
    case REPLY_HELP:
        return w > 3;
    case REPLY_OTHER:
        return (r->signals & ~(unsigned)REPLY_SIG_OUT_OF_RANGE) != 0 || w > 3;
    default:
        return false; /* STOP, START: the consent lines say it */
    }
}

/* The item for reply.unclear event e into out: what the client wrote, read
 * from the message (sealed bodies are opened; retention may have removed
 * it); out is "" when there is nothing to list (the message is gone).
 * Returns a STORE_* code. */
static int unclear_item(struct core *core, const struct store_consent_event *e, enum lang l,
                        bool first, char *out, size_t outsz)
{
    char body[320], excerpt[96];
    long long id = 0;
    out[0] = '\0';
    if (sscanf(e->detail, "message=%lld", &id) != 1)
        return STORE_OK;
    int rc = store_message_body(core->store, id, body, sizeof body);
    if (rc != STORE_OK)
        return rc == STORE_NOTFOUND ? STORE_OK : rc;
    escalate_excerpt(body, strlen(body), 60, excerpt, sizeof excerpt);
    if (digest_unclear_item(e->alias, excerpt, l, first, out, outsz) < 0)
        out[0] = '\0';
    return STORE_OK;
}

struct consent_ctx {
    struct core *core;
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
    char item[224];
    if (e->at < c->since)
        return 0;
    if (strcmp(e->action, "reply.unclear") == 0 || strcmp(e->action, "reply.unread") == 0) {
        int rc = unclear_item(c->core, e, c->sp->lang, *l->shown == 0, item, sizeof item);
        if (rc != STORE_OK)
            return rc; /* the store failed: the digest run is tried again */
        if (!item[0])
            return 0;
    } else if (digest_consent_item(e->action, e->alias, c->sp->lang, *l->shown == 0, item,
                                   sizeof item) < 0) {
        return 0;
    }
    c->count++;
    /* Once one did not fit, the rest are counted, like the findings. */
    if (*l->more == 0 &&
        escalate_list_add(c->core, c->sp, TPL_DIGEST, c->v, l->lines, l->size, item))
        (*l->shown)++;
    else
        (*l->more)++;
    return 0;
}

int digest_consent_add(struct core *core, const struct gw_specialist *sp, int64_t sp_id,
                       int64_t after_id, int64_t since, const struct tpl_vars *v,
                       struct digest_list *list, int *count)
{
    struct consent_ctx c = {.core = core, .sp = sp, .v = v, .list = list,
                            .since = after_id > 0 ? 0 : since};
    int rc = store_consent_events(core->store, sp_id, after_id, consent_cb, &c);
    *count = c.count;
    return rc;
}
