/* SPDX-License-Identifier: Apache-2.0 */
/* android.c: an Android phone running SMS Gateway for Android (the
 * open-source app, local-server mode) on the same network.
 *
 *   { name = "phone"; kind = "android"; base_url = "http://192.168.1.50:8080";
 *     username = "sms"; password = "env:PHONE_PASSWORD";
 *     signing_key = "env:PHONE_SIGNING_KEY";
 *     webhook_url = "http://127.0.0.1:8780/sms/phone"; }
 *
 * Send: POST <base_url>/messages (JSON, Basic auth), answered 202 with the
 * app's id for the message. Receive: the app's webhooks, all on POST
 * /sms/<name>: sms:received becomes host->inbound() (de-duplicated on the
 * event id; the payload's messageId is not unique), sms:sent,
 * sms:delivered and sms:failed become delivery reports. Each must carry a
 * valid X-Signature (HMAC-SHA256 with the signing key over the raw body
 * and X-Timestamp) with a timestamp within max_skew seconds; else 403.
 * Answered 200 only once committed, 503 otherwise: the app retries with a
 * back-off (10 s, doubling, 14 times by default).
 *
 * With webhook_url set, the provider registers its four webhooks with the
 * app at start (POST /webhooks, fixed ids, so doing it again replaces
 * them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "android/android_api.h"
#include "net/http_client.h"
#include "net/http_server.h"
#include "base/log.h"
#include "base/phone.h"
#include "provconf.h"
#include "provider.h"

#define URL_MAX 1024

static const char *const HOOK_EVENTS[] = {"sms:received", "sms:sent", "sms:delivered",
                                          "sms:failed"};
#define NHOOKS (sizeof HOOK_EVENTS / sizeof *HOOK_EVENTS)

struct android {
    struct provider *p;
    char base_url[URL_MAX];
    char userpwd[256];
    char signing_key[256];
    char webhook_url[URL_MAX];
    int sim_number;
    int max_skew;
    int timeout_s;
    struct http_client *http;
    bool stopping;
    bool http_closing;
    void (*stopped)(struct provider *);
};

struct send_ctx {
    struct android *a;
    send_done_cb done;
    void *arg;
};

static int android_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const keys[] = {"base_url", "username", "password", "signing_key",
                                       "webhook_url", "sim_number", "max_skew", "timeout", NULL};
    struct android *a = calloc(1, sizeof *a);
    char user[100] = "", pass[128] = "";
    int bad = provider_check_keys(cfg, keys, errs);
    if (!a)
        return -1;
    a->p = p;
    if (provconf_url(p, cfg, "base_url", NULL, false, a->base_url, sizeof a->base_url, errs))
        bad++;
    else {
        size_t n = strlen(a->base_url);
        while (n > 8 && a->base_url[n - 1] == '/')
            a->base_url[--n] = '\0';
    }
    if (provconf_string(p, cfg, "username", NULL, user, sizeof user, errs))
        bad++;
    else if (strchr(user, ':')) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "username"),
                      "provider \"%s\": username must not contain ':'", p->name);
        bad++;
    }
    if (provconf_secret(p, cfg, "password", pass, sizeof pass, errs))
        bad++;
    if (provconf_secret(p, cfg, "signing_key", a->signing_key, sizeof a->signing_key, errs))
        bad++;
    if (provconf_url(p, cfg, "webhook_url", "", true, a->webhook_url, sizeof a->webhook_url,
                     errs))
        bad++;
    if (provconf_int(p, cfg, "sim_number", 0, 0, 8, &a->sim_number, errs))
        bad++;
    if (provconf_int(p, cfg, "max_skew", 300, 10, 86400, &a->max_skew, errs))
        bad++;
    if (provconf_int(p, cfg, "timeout", 15, 1, 300, &a->timeout_s, errs))
        bad++;
    if (bad) {
        free(a);
        return -1;
    }
    snprintf(a->userpwd, sizeof a->userpwd, "%s:%s", user, pass);
    p->impl = a;
    return 0;
}

static void set_health(struct android *a, bool ok, const char *why)
{
    struct provider *p = a->p;
    if (ok != p->healthy)
        log_event(ok ? LL_INFO : LL_WARN, ok ? "android.healthy" : "android.unhealthy",
                  "provider=%s reason=\"%s\"", p->name, ok ? "ok" : why);
    p->healthy = ok;
    snprintf(p->status, sizeof p->status, "%.200s", ok ? "ok" : why);
}

/* ---- stop --------------------------------------------------------------- */

static void http_closed(void *arg)
{
    struct android *a = arg;
    a->http = NULL;
    if (a->stopped) {
        void (*stopped)(struct provider *) = a->stopped;
        a->stopped = NULL;
        stopped(a->p);
    }
}

/* Closes the client once stopping and nothing is in flight (a send under
 * way is let finish: cancelling it would leave its fate unknown). */
static void maybe_close_http(struct android *a)
{
    if (a->stopping && a->http && !a->http_closing && http_client_pending(a->http) == 0) {
        a->http_closing = true;
        http_client_close(a->http, http_closed, a);
    }
}

static void android_stop(struct provider *p, void (*stopped)(struct provider *))
{
    struct android *a = p->impl;
    a->stopping = true;
    a->stopped = stopped;
    if (!a->http) {
        a->stopped = NULL;
        stopped(p);
        return;
    }
    maybe_close_http(a);
}

static void android_destroy(struct provider *p)
{
    free(p->impl);
    p->impl = NULL;
}

/* ---- send --------------------------------------------------------------- */

static void on_sent(void *arg, const struct http_client_result *res)
{
    struct send_ctx *sc = arg;
    struct android *a = sc->a;
    struct android_send_result r;
    android_send_classify(res->status, res->body, res->body_len, res->error, &r);
    if (res->status == 0 || r.provider_problem)
        set_health(a, false, r.error);
    else if (res->status < 500)
        set_health(a, true, NULL);
    sc->done(sc->arg, r.status, r.id[0] ? r.id : NULL, r.status == SEND_OK ? NULL : r.error);
    free(sc);
    maybe_close_http(a);
}

static int android_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    struct android *a = p->impl;
    char url[URL_MAX + 16], err[256];
    if (a->stopping || !a->http)
        return -1;
    char *body = android_send_body(m->to, m->body, a->sim_number, m->urgent);
    struct send_ctx *sc = malloc(sizeof *sc);
    if (!body || !sc) {
        free(body);
        free(sc);
        return -1;
    }
    snprintf(url, sizeof url, "%s/messages", a->base_url);
    static const char *const hdrs[] = {"Content-Type: application/json", NULL};
    struct http_client_req rq = {.method = "POST", .url = url, .headers = hdrs, .body = body,
                                 .body_len = strlen(body), .userpwd = a->userpwd,
                                 .timeout_ms = a->timeout_s * 1000L};
    *sc = (struct send_ctx){.a = a, .done = done, .arg = arg};
    int rc = http_client_request(a->http, &rq, on_sent, sc, err, sizeof err);
    free(body);
    if (rc != 0) {
        log_error("android.send", "provider=%s error=\"%s\"", p->name, err);
        free(sc);
        return -1;
    }
    return 0;
}

/* ---- webhooks ----------------------------------------------------------- */

/* A received message waiting for the group commit. */
struct received_wait {
    struct provider *p;
    struct http_deferred *d;
    char masked[32];
};

/* The commit's outcome becomes the phone's answer. */
static void received_recorded(void *arg, int rc, const char *err)
{
    struct received_wait *w = arg;
    struct http_response resp = {0};
    if (rc != 0) {
        log_warn("android.not_recorded", "provider=%s event=sms:received from=%s error=\"%s\"",
                 w->p->name, w->masked, err);
        http_response_printf(&resp, 503, NULL, "not recorded, try later\n");
    } else {
        http_response_printf(&resp, 200, "application/json", "{}");
    }
    http_deferred_answer(w->d, &resp);
    free(w);
}

static void on_webhook(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct provider *p = ctx;
    struct android *a = p->impl;
    struct android_event ev;
    char why[128], err[256], masked[32];
    if (a->stopping) {
        http_response_printf(resp, 503, NULL, "stopping\n");
        return;
    }
    enum android_sig sig = android_sig_check(
        a->signing_key, req->body, req->body_len, http_request_header(req, "X-Timestamp"),
        http_request_header(req, "X-Signature"), p->host->now(p), a->max_skew);
    if (sig != ANDROID_SIG_OK) {
        http_forbid(req, resp, p->name, sig == ANDROID_SIG_MISSING ? "signature missing"
                                        : sig == ANDROID_SIG_STALE ? "stale timestamp"
                                                                   : "signature mismatch");
        return;
    }
    if (android_event_parse(req->body, req->body_len, &ev, why, sizeof why) != 0) {
        log_warn("android.bad_webhook", "provider=%s reason=\"%s\"", p->name, why);
        http_response_printf(resp, 400, NULL, "%s\n", why);
        android_event_free(&ev);
        return;
    }
    int rc = 0;
    switch (ev.kind) {
    case ANDROID_EV_RECEIVED: {
        struct inmsg m = {.ext_id = ev.id, .from = ev.from, .to = ev.to, .body = ev.text,
                          .body_len = ev.text_len, .received_at = ev.received_at};
        /* Answered once the group commit has it (received_recorded). */
        struct received_wait *w = malloc(sizeof *w);
        if (!w) {
            snprintf(err, sizeof err, "out of memory");
            rc = -1;
            break;
        }
        w->p = p;
        phone_mask(ev.from ? ev.from : "", w->masked, sizeof w->masked);
        w->d = http_defer(req);
        if (p->host->inbound_queue(p, &m, received_recorded, w, err, sizeof err) != 0)
            received_recorded(w, -1, err);
        android_event_free(&ev);
        return;
    }
    case ANDROID_EV_SENT:
        rc = p->host->delivery_report(p, ev.message_id, DLR_SENT, NULL, err, sizeof err);
        break;
    case ANDROID_EV_DELIVERED:
        rc = p->host->delivery_report(p, ev.message_id, DLR_DELIVERED, NULL, err, sizeof err);
        break;
    case ANDROID_EV_FAILED: {
        char e[160];
        snprintf(e, sizeof e, "android: failed: %.120s", *ev.reason ? ev.reason : "no reason");
        rc = p->host->delivery_report(p, ev.message_id, DLR_FAILED, e, err, sizeof err);
        break;
    }
    default:
        log_info("android.event_ignored", "provider=%s event=%s", p->name, ev.event);
        break;
    }
    if (rc != 0) {
        phone_mask(ev.from ? ev.from : "", masked, sizeof masked);
        log_warn("android.not_recorded", "provider=%s event=%s from=%s error=\"%s\"", p->name,
                 ev.event, masked, err);
        http_response_printf(resp, 503, NULL, "not recorded, try later\n");
    } else {
        http_response_printf(resp, 200, "application/json", "{}");
    }
    android_event_free(&ev);
}

/* ---- webhook registration ----------------------------------------------- */

static void on_registered(void *arg, const struct http_client_result *res)
{
    struct android *a = arg;
    if (res->status >= 200 && res->status < 300) {
        log_info("android.webhook_registered", "provider=%s", a->p->name);
    } else {
        char why[300];
        if (res->status)
            snprintf(why, sizeof why, "android: registering webhooks: HTTP %d", res->status);
        else
            snprintf(why, sizeof why, "android: registering webhooks: %.200s", res->error);
        log_warn("android.webhook_register_failed", "provider=%s reason=\"%s\"", a->p->name,
                 why);
        if (res->status == 0 || res->status == 401 || res->status == 403)
            set_health(a, false, why);
    }
    maybe_close_http(a);
}

static void register_webhooks(struct android *a)
{
    char url[URL_MAX + 16], err[256], body[2 * URL_MAX];
    snprintf(url, sizeof url, "%s/webhooks", a->base_url);
    static const char *const hdrs[] = {"Content-Type: application/json", NULL};
    for (size_t i = 0; i < NHOOKS; i++) {
        /* A fixed id per instance and event: registering again replaces. */
        int n = snprintf(body, sizeof body, "{\"id\":\"checkin-%s-%s\",\"url\":\"%s\",\"event\":\"%s\"}",
                         a->p->name, HOOK_EVENTS[i] + 4, a->webhook_url, HOOK_EVENTS[i]);
        if (n < 0 || (size_t)n >= sizeof body)
            continue;
        struct http_client_req rq = {.method = "POST", .url = url, .headers = hdrs, .body = body,
                                     .body_len = (size_t)n, .userpwd = a->userpwd,
                                     .timeout_ms = a->timeout_s * 1000L};
        if (http_client_request(a->http, &rq, on_registered, a, err, sizeof err) != 0)
            log_error("android.webhook_register", "provider=%s error=\"%s\"", a->p->name, err);
    }
}

static int android_start(struct provider *p)
{
    struct android *a = p->impl;
    char err[256], path[CFG_NAME_MAX + 8], base[128];
    if (p->host->http_base_url(p, base, sizeof base) != 0) {
        snprintf(p->status, sizeof p->status, "android: no HTTP listener for webhooks");
        return -1;
    }
    if (http_client_new(&a->http, p->loop, err, sizeof err) != 0) {
        snprintf(p->status, sizeof p->status, "android: %.200s", err);
        return -1;
    }
    snprintf(path, sizeof path, "/sms/%s", p->name);
    if (p->host->http_route(p, "POST", path, on_webhook, p) != 0) {
        snprintf(p->status, sizeof p->status, "android: cannot register %s", path);
        http_client_close(a->http, NULL, NULL);
        a->http = NULL;
        return -1;
    }
    set_health(a, true, NULL);
    if (a->webhook_url[0])
        register_webhooks(a);
    log_info("android.webhooks", "provider=%s path=%s", p->name, path);
    return 0;
}

const struct provider_ops android_provider_ops = {
    .kind = "android",
    .create = android_create,
    .start = android_start,
    .send = android_send,
    .stop = android_stop,
    .destroy = android_destroy,
};
