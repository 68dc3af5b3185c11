/* SPDX-License-Identifier: Apache-2.0 */
/* provhost.c: the daemon's side of the provider host (struct provider_host
 * in providers/provider.h). Providers reach the gateway only through these
 * calls; each finds its struct gw in p->host->ctx and hands over to the
 * gateway function that does the work (group commit, delivery reports).
 * Also the config's side of the registry: creating the configured
 * providers for --check-config. */
#include <stdio.h>
#include <string.h>

#include "daemon/gw.h"
#include "net/http_server.h"

static struct gw *host_gw(const struct provider *p)
{
    return p->host->ctx;
}

static int host_inbound(struct provider *p, const struct inmsg *m, char *err, size_t errlen)
{
    return gw_inbound(host_gw(p), p, m, err, errlen);
}

static int host_inbound_queue(struct provider *p, const struct inmsg *m, gw_inbound_done done,
                              void *arg, char *err, size_t errlen)
{
    return gw_inbound_queue(host_gw(p), p, m, done, arg, err, errlen);
}

static int host_inbound_last_time(struct provider *p, int64_t *out, char *err, size_t errlen)
{
    return gw_inbound_last_time(host_gw(p), p, out, err, errlen);
}

static int host_delivery_report(struct provider *p, const char *provider_msg_id,
                                enum dlr_state state, const char *error, char *err, size_t errlen)
{
    return gw_delivery_report(host_gw(p), p, provider_msg_id, state, error, err, errlen);
}

static int64_t host_now(struct provider *p)
{
    return gw_now(host_gw(p));
}

static int host_http_route(struct provider *p, const char *method, const char *path, http_handler h,
                           void *hctx)
{
    struct gw *gw = host_gw(p);
    return gw->http ? http_server_route(gw->http, method, path, h, hctx) : -1;
}

/* A wildcard listen address is reached on 127.0.0.1. */
static int host_http_base_url(struct provider *p, char *out, size_t outsz)
{
    struct gw *gw = host_gw(p);
    if (gw->http == NULL) return -1;
    const char *host =
        strcmp(gw->cfg->http_listen, "0.0.0.0") == 0 ? "127.0.0.1" : gw->cfg->http_listen;
    snprintf(out, outsz, "http://%s:%d", host, http_server_port(gw->http));
    return 0;
}

void gw_provider_host_init(struct gw *gw)
{
    gw->host = (struct provider_host){
        .ctx = gw,
        .inbound = host_inbound,
        .inbound_queue = host_inbound_queue,
        .inbound_last_time = host_inbound_last_time,
        .delivery_report = host_delivery_report,
        .now = host_now,
        .http_route = host_http_route,
        .http_base_url = host_http_base_url,
    };
}

int providers_check(const struct gw_config *c, struct cfg_errors *errs)
{
    int bad = 0;
    for (size_t i = 0; i < c->nproviders; i++) {
        const struct gw_provider_conf *pc = &c->providers[i];
        struct provider *p = NULL;
        if (provider_new(pc->name, pc->kind, pc->settings, &p, errs) != 0) bad++;
        provider_destroy(p);
    }
    return bad ? -1 : 0;
}
