/* SPDX-License-Identifier: Apache-2.0 */
/* fake_host.h: a recording provider host (struct provider_host in
 * providers/provider.h) for unit tests of a provider, in place of the
 * daemon's (gateway/daemon/provhost.c): no store, no loop of its own, no
 * listener unless a test gives one. Header-only, like testdir.h: each unit
 * test is built from its own .c.
 *
 *   static struct fake_host fh;
 *   fake_host_init(&fh, f);     // f: the test's own context, in fh.owner
 *   p->host = &fh.host;
 *   ... fh.in.c[0].from, fh.dlr.state[1]; fh.in.fail_next = 2 ...
 *
 * Every upward call is recorded (the first FAKE_HOST_MAX of each kind) and
 * counted; fail_next makes the next calls fail as a locked store would. */
#ifndef TESTS_UNIT_FAKE_HOST_H
#define TESTS_UNIT_FAKE_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/phone.h"
#include "provider.h"

#define FAKE_HOST_MAX 16

/* One recorded inbound call: the message copied. */
struct fake_inbound {
    char ext_id[512];
    char from[PHONE_MAX];
    char to[32];
    char body[512];
    size_t body_len;
    int64_t received_at;
    struct provider *p;
};

struct fake_host {
    struct provider_host host; /* give &host to the provider; host.ctx is this */
    void *owner;               /* the test's own context */
    int64_t now;               /* what now() answers */
    /* inbound and inbound_queue (which answers done at once, committed). */
    struct {
        int calls;
        int fail_next; /* fail this many calls from now */
        struct fake_inbound c[FAKE_HOST_MAX];
    } in;
    struct {
        int calls;
        int fail_next;
        char id[FAKE_HOST_MAX][256];
        enum dlr_state state[FAKE_HOST_MAX];
        char error[FAKE_HOST_MAX][256];
    } dlr;
    /* Called inside each inbound call, before it answers (a test checks
     * what the provider has not yet done, e.g. the file is still there);
     * i is the call's index. NULL: nothing. */
    void (*on_inbound)(struct fake_host *h, int i, const struct inmsg *m);
};

static inline struct fake_host *fake_host_of(const struct provider *p)
{
    return p->host->ctx;
}

static inline int fake_host_inbound(struct provider *p, const struct inmsg *m, char *err,
                                    size_t errlen)
{
    struct fake_host *h = fake_host_of(p);
    int i = h->in.calls++;
    if (i < FAKE_HOST_MAX) {
        struct fake_inbound *c = &h->in.c[i];
        memset(c, 0, sizeof *c);
        snprintf(c->ext_id, sizeof c->ext_id, "%s", m->ext_id);
        snprintf(c->from, sizeof c->from, "%s", m->from);
        snprintf(c->to, sizeof c->to, "%s", m->to);
        c->body_len = m->body_len < sizeof c->body ? m->body_len : sizeof c->body - 1;
        memcpy(c->body, m->body, c->body_len);
        c->received_at = m->received_at;
        c->p = p;
    }
    if (h->on_inbound) h->on_inbound(h, i, m);
    if (h->in.fail_next > 0) {
        h->in.fail_next--;
        snprintf(err, errlen, "store: database is locked");
        return -1;
    }
    return 0;
}

/* Records like inbound, then answers at once (a refusal as a failed commit). */
static inline int fake_host_inbound_queue(struct provider *p, const struct inmsg *m,
                                          gw_inbound_done done, void *arg, char *err, size_t errlen)
{
    int rc = fake_host_inbound(p, m, err, errlen);
    done(arg, rc, rc == 0 ? NULL : err);
    return 0;
}

static inline int fake_host_inbound_last_time(struct provider *p, int64_t *out, char *err,
                                              size_t errlen)
{
    struct fake_host *h = fake_host_of(p);
    int64_t last = 0;
    (void)err;
    (void)errlen;
    for (int i = 0; i < h->in.calls && i < FAKE_HOST_MAX; i++)
        if (h->in.c[i].p == p && h->in.c[i].received_at > last) last = h->in.c[i].received_at;
    *out = last;
    return 0;
}

static inline int fake_host_delivery_report(struct provider *p, const char *provider_msg_id,
                                            enum dlr_state state, const char *error, char *err,
                                            size_t errlen)
{
    struct fake_host *h = fake_host_of(p);
    if (h->dlr.fail_next > 0) {
        h->dlr.fail_next--;
        snprintf(err, errlen, "store: database is locked");
        return -1;
    }
    int i = h->dlr.calls++;
    if (i < FAKE_HOST_MAX) {
        snprintf(h->dlr.id[i], sizeof h->dlr.id[0], "%s", provider_msg_id);
        h->dlr.state[i] = state;
        snprintf(h->dlr.error[i], sizeof h->dlr.error[0], "%s", error ? error : "");
    }
    return 0;
}

static inline int64_t fake_host_now(struct provider *p)
{
    return fake_host_of(p)->now;
}

/* No listener: a provider that needs one fails its start(). */
static inline int fake_host_http_route(struct provider *p, const char *method, const char *path,
                                       http_handler hd, void *hctx)
{
    (void)p;
    (void)method;
    (void)path;
    (void)hd;
    (void)hctx;
    return -1;
}

static inline int fake_host_http_base_url(struct provider *p, char *out, size_t outsz)
{
    (void)p;
    (void)out;
    (void)outsz;
    return -1;
}

/* Empties h and fills its host; owner is kept in h->owner. */
static inline void fake_host_init(struct fake_host *h, void *owner)
{
    memset(h, 0, sizeof *h);
    h->owner = owner;
    h->host = (struct provider_host){
        .ctx = h,
        .inbound = fake_host_inbound,
        .inbound_queue = fake_host_inbound_queue,
        .inbound_last_time = fake_host_inbound_last_time,
        .delivery_report = fake_host_delivery_report,
        .now = fake_host_now,
        .http_route = fake_host_http_route,
        .http_base_url = fake_host_http_base_url,
    };
}

#endif
