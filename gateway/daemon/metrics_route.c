/* SPDX-License-Identifier: Apache-2.0 */
/* metrics_route.c: GET /metrics, and the counting helpers the inbound,
 * outbox and delivery paths call. Everything comes from memory except two
 * aggregate queries per scrape (queue depth by priority and state,
 * escalations by severity and state). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/gw.h"
#include "net/http_server.h"
#include "base/log.h"
#include "daemon/metrics.h"
#include "daemon/outbox.h"
#include "provider.h"
#include "model/senderlimit.h"
#include "base/version.h"

static struct metrics_provider *slot(struct gw *gw, const struct provider *p)
{
    for (size_t i = 0; p && i < gw->nproviders; i++)
        if (gw->providers[i] == p)
            return metrics_provider(&gw->metrics, i);
    return NULL;
}

void gw_count_inbound(struct gw *gw, const struct provider *p, enum metric_in what)
{
    struct metrics_provider *m = slot(gw, p);
    if (m)
        m->in[what]++;
}

void gw_count_send(struct gw *gw, const struct provider *p, enum metric_out what, double seconds)
{
    struct metrics_provider *m = slot(gw, p);
    if (!m)
        return;
    m->out[what]++;
    histogram_observe(&m->send_latency, seconds);
}

void gw_count_delivery(struct gw *gw, const struct provider *p, enum metric_dlr what)
{
    struct metrics_provider *m = slot(gw, p);
    if (m)
        m->dlr[what]++;
}

/* ---- the scrape -------------------------------------------------------------- */

/* The order of the samples. */
static const enum severity severities[] = {SEV_URGENT, SEV_HIGH, SEV_WATCH};
#define NSEV 3

struct scrape {
    int64_t queue[2][2];               /* [normal, urgent][queued, sending] */
    int64_t esc[SEV__COUNT][ESC_STATE__COUNT];
    int64_t oldest_open;               /* created_at of the oldest open escalation; 0 = none */
};

static int queue_row(void *ctx, int prio, enum msg_state state, int64_t n)
{
    struct scrape *s = ctx;
    int urgent = prio >= MSG_PRIO_URGENT;
    int sending = state == MSG_SENDING;
    s->queue[urgent][sending] += n;
    return 0;
}

/* The store refuses a severity or state it does not know, so every count
 * has its place (the scrape then says the store could not be read). */
static int esc_row(void *ctx, enum severity sev, enum esc_state state, int64_t n)
{
    struct scrape *s = ctx;
    s->esc[sev][state] += n;
    return 0;
}

static double resident_bytes(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
        rss = 0;
    fclose(f);
    return (double)rss * (double)sysconf(_SC_PAGESIZE);
}

static void inbound_families(struct prom *p, struct gw *gw)
{
    static const char *const names[MIN__COUNT] = {"committed", "duplicate", "refused"};
    prom_family(p, "checkin_inbound_messages_total", "counter",
                "Inbound messages handed up by a provider, by what became of them.");
    for (size_t i = 0; i < gw->nproviders; i++)
        for (int k = 0; k < MIN__COUNT; k++) {
            const char *l[] = {"provider", gw->providers[i]->name, "kind",
                               gw->providers[i]->ops->kind, "state", names[k], NULL};
            prom_sample(p, "checkin_inbound_messages_total", l, (double)gw->metrics.prov[i].in[k]);
        }
    prom_family(p, "checkin_inbound_answers_suppressed_total", "counter",
                "Automatic answers not sent because the sender was over limits.sender_*.");
    prom_sample(p, "checkin_inbound_answers_suppressed_total", NULL,
                (double)gw->metrics.answers_suppressed);
    prom_family(p, "checkin_inbound_senders_tracked", "gauge",
                "Sender numbers in the per-sender rate table (bounded).");
    prom_sample(p, "checkin_inbound_senders_tracked", NULL,
                (double)senderlimit_count(gw->senders));
}

static void backlog_sample(struct prom *p, const char *name, const struct provider *pv,
                           const char *priority, double v)
{
    const char *l[] = {"provider", pv->name, "priority", priority, NULL};
    prom_sample(p, name, l, v);
}

/* What providers accepted that still waits at their peer (the spool's
 * outgoing/ files smsd has not taken). */
static void backlog_families(struct prom *p, struct gw *gw)
{
    struct provider_backlog *b = calloc(gw->nproviders + 1, sizeof *b);
    bool *has = calloc(gw->nproviders + 1, sizeof *has);
    if (!b || !has) {
        p->oom = 1;
        goto out;
    }
    for (size_t i = 0; i < gw->nproviders; i++)
        has[i] = gw->providers[i]->running && provider_backlog(gw->providers[i], &b[i]) == 0;
    prom_family(p, "checkin_provider_backlog_messages", "gauge",
                "Messages a provider accepted that still wait at its peer (spool: files in "
                "outgoing/ smsd has not taken), by priority.");
    for (size_t i = 0; i < gw->nproviders; i++) {
        if (!has[i])
            continue;
        backlog_sample(p, "checkin_provider_backlog_messages", gw->providers[i], "urgent",
                       (double)b[i].urgent_files);
        backlog_sample(p, "checkin_provider_backlog_messages", gw->providers[i], "normal",
                       (double)(b[i].files - b[i].urgent_files));
    }
    prom_family(p, "checkin_provider_backlog_oldest_seconds", "gauge",
                "Age of the oldest message waiting at the provider's peer (0 when none), "
                "urgent ones and all.");
    for (size_t i = 0; i < gw->nproviders; i++) {
        if (!has[i])
            continue;
        backlog_sample(p, "checkin_provider_backlog_oldest_seconds", gw->providers[i], "urgent",
                       b[i].oldest_urgent_s);
        backlog_sample(p, "checkin_provider_backlog_oldest_seconds", gw->providers[i], "any",
                       b[i].oldest_s);
    }
out:
    free(b);
    free(has);
}

static void outbound_families(struct prom *p, struct gw *gw, const struct scrape *s)
{
    static const char *const results[MOUT__COUNT] = {"sent", "retry", "failed", "opted_out"};
    static const char *const dlrs[MDLR__COUNT] = {"sent", "delivered", "failed"};
    prom_family(p, "checkin_outbound_sends_total", "counter",
                "Send attempts handed to a provider, by its answer.");
    for (size_t i = 0; i < gw->nproviders; i++)
        for (int k = 0; k < MOUT__COUNT; k++) {
            const char *l[] = {"provider", gw->providers[i]->name, "kind",
                               gw->providers[i]->ops->kind, "result", results[k], NULL};
            prom_sample(p, "checkin_outbound_sends_total", l, (double)gw->metrics.prov[i].out[k]);
        }
    prom_family(p, "checkin_delivery_reports_total", "counter",
                "Delivery reports received, by what they said.");
    for (size_t i = 0; i < gw->nproviders; i++)
        for (int k = 0; k < MDLR__COUNT; k++) {
            const char *l[] = {"provider", gw->providers[i]->name, "kind",
                               gw->providers[i]->ops->kind, "state", dlrs[k], NULL};
            prom_sample(p, "checkin_delivery_reports_total", l, (double)gw->metrics.prov[i].dlr[k]);
        }
    static const char *const held[MHELD__COUNT] = {"held", "applied", "expired", "dropped"};
    prom_family(p, "checkin_delivery_reports_held_total", "counter",
                "Delivery reports that arrived before their message's provider id was recorded,"
                " by outcome.");
    for (int k = 0; k < MHELD__COUNT; k++) {
        const char *l[] = {"outcome", held[k], NULL};
        prom_sample(p, "checkin_delivery_reports_held_total", l, (double)gw->metrics.dlr_held[k]);
    }
    prom_family(p, "checkin_outbound_capped_total", "counter",
                "Ordinary messages failed by a daily cap (limits.daily_per_*).");
    prom_sample(p, "checkin_outbound_capped_total", NULL, (double)outbox_capped(gw->outbox));
    prom_family(p, "checkin_queue_depth", "gauge",
                "Outbound messages waiting (queued) or handed over without a result (sending).");
    static const char *const prio[2] = {"normal", "urgent"}, *const st[2] = {"queued", "sending"};
    for (int u = 0; u < 2; u++)
        for (int k = 0; k < 2; k++) {
            const char *l[] = {"priority", prio[u], "state", st[k], NULL};
            prom_sample(p, "checkin_queue_depth", l, (double)s->queue[u][k]);
        }
    prom_family(p, "checkin_outbox_inflight", "gauge", "Sends awaiting a provider's answer.");
    prom_sample(p, "checkin_outbox_inflight", NULL, outbox_inflight(gw->outbox));
    backlog_families(p, gw);
    prom_family(p, "checkin_send_latency_seconds", "histogram",
                "Time from handing a message to a provider to its answer.");
    for (size_t i = 0; i < gw->nproviders; i++) {
        const char *l[] = {"provider", gw->providers[i]->name, NULL};
        prom_histogram(p, "checkin_send_latency_seconds", l, &gw->metrics.prov[i].send_latency);
    }
}

static void health_families(struct prom *p, struct gw *gw, const struct scrape *s, int store_read)
{
    prom_family(p, "checkin_escalations", "gauge", "Escalations in the database, by severity and state.");
    for (int i = 0; i < NSEV; i++)
        for (int j = 0; j < ESC_STATE__COUNT; j++) {
            const char *l[] = {"severity", stored_severity_name(severities[i]), "state",
                               esc_state_name((enum esc_state)j), NULL};
            prom_sample(p, "checkin_escalations", l, (double)s->esc[severities[i]][j]);
        }
    prom_family(p, "checkin_escalation_latency_seconds", "histogram",
                "Time from an escalation message (988 message, alert) being queued (for the "
                "first ones: while the reply is recorded) to the provider accepting it.");
    prom_histogram(p, "checkin_escalation_latency_seconds", NULL, &gw->metrics.escalation_latency);
    prom_family(p, "checkin_provider_up", "gauge",
                "1 when the provider is running, healthy and its circuit is closed.");
    for (size_t i = 0; i < gw->nproviders; i++) {
        struct provider *pv = gw->providers[i];
        struct outbox_provider_info oi = {.up = true};
        outbox_provider_info(gw->outbox, i, &oi);
        const char *l[] = {"provider", pv->name, "kind", pv->ops->kind, NULL};
        prom_sample(p, "checkin_provider_up", l, pv->running && pv->healthy && oi.up);
    }
    prom_family(p, "checkin_provider_consecutive_failures", "gauge",
                "Send failures in a row since the provider last answered.");
    for (size_t i = 0; i < gw->nproviders; i++) {
        struct outbox_provider_info oi = {.up = true};
        outbox_provider_info(gw->outbox, i, &oi);
        const char *l[] = {"provider", gw->providers[i]->name, NULL};
        prom_sample(p, "checkin_provider_consecutive_failures", l, oi.failures);
    }
    prom_family(p, "checkin_escalation_oldest_unacknowledged_seconds", "gauge",
                "Age of the oldest escalation still open (not acknowledged); 0 when none.");
    prom_sample(p, "checkin_escalation_oldest_unacknowledged_seconds", NULL,
                s->oldest_open ? (double)(gw_now(gw) - s->oldest_open) : 0);
    prom_family(p, "checkin_store_writable", "gauge",
                "1 while the database takes writes (and answered this scrape's queries).");
    prom_sample(p, "checkin_store_writable", NULL, gw->store_ok && store_read);
}

static void http_families(struct prom *p, struct gw *gw)
{
    const struct http_server_stats *st = http_server_stats(gw->http);
    if (!st)
        return;
    prom_family(p, "checkin_http_connections_total", "counter", "Connections accepted.");
    prom_sample(p, "checkin_http_connections_total", NULL, (double)st->connections);
    prom_family(p, "checkin_http_slow_clients_dropped_total", "counter",
                "Connections dropped for not finishing a request within http.request_timeout_seconds.");
    prom_sample(p, "checkin_http_slow_clients_dropped_total", NULL, (double)st->slow_dropped);
    prom_family(p, "checkin_http_forbidden_total", "counter",
                "Requests refused by their route's origin check (a wrong signature or secret).");
    prom_sample(p, "checkin_http_forbidden_total", NULL, (double)st->forbidden);
    prom_family(p, "checkin_http_responses_total", "counter", "Responses by status code.");
    for (int c = 100; c < HTTP_STATUS_MAX; c++) {
        if (!st->responses[c])
            continue;
        char code[16];
        snprintf(code, sizeof code, "%d", c);
        const char *l[] = {"code", code, NULL};
        prom_sample(p, "checkin_http_responses_total", l, (double)st->responses[c]);
    }
}

static void metrics_handler(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct gw *gw = ctx;
    (void)req;
    struct prom p = {0};
    struct scrape s;
    memset(&s, 0, sizeof s);
    int store_read = store_queue_depth(gw->store, queue_row, &s) == STORE_OK &&
                     store_escalation_counts(gw->store, esc_row, &s) == STORE_OK &&
                     store_oldest_open_escalation(gw->store, &s.oldest_open) == STORE_OK;
    inbound_families(&p, gw);
    outbound_families(&p, gw, &s);
    health_families(&p, gw, &s, store_read);
    http_families(&p, gw);
    const char *bl[] = {"version", GW_VERSION, NULL};
    prom_family(&p, "checkin_build_info", "gauge", "The gateway's version; always 1.");
    prom_sample(&p, "checkin_build_info", bl, 1);
    prom_family(&p, "checkin_config_last_reload_successful", "gauge",
                "1 when the last load of the config (the start or a SIGHUP) was taken, "
                "0 when it was refused and the one before is in force.");
    prom_sample(&p, "checkin_config_last_reload_successful", NULL, gw->reload_ok);
    prom_family(&p, "checkin_config_last_reload_timestamp_seconds", "gauge",
                "When the config was last loaded or refused, unix seconds.");
    prom_sample(&p, "checkin_config_last_reload_timestamp_seconds", NULL, (double)gw->reload_at);
    prom_family(&p, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    prom_sample(&p, "process_resident_memory_bytes", NULL, resident_bytes());
    if (p.oom) {
        free(p.buf);
        log_error("metrics.error", "reason=\"out of memory\"");
        http_response_printf(resp, 500, NULL, "out of memory\n");
        return;
    }
    resp->status = 200;
    snprintf(resp->content_type, sizeof resp->content_type, "text/plain; version=0.0.4; charset=utf-8");
    resp->body = p.buf;
    resp->body_len = p.len;
}

int gw_metrics_route(struct gw *gw)
{
    return http_server_route(gw->http, "GET", "/metrics", metrics_handler, gw);
}
