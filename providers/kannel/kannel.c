/* SPDX-License-Identifier: Apache-2.0 */
/* kannel.c: the `kannel` provider: texts go out through Kannel's sendsms
 * HTTP interface (smsbox), received texts and delivery reports come back
 * as HTTP requests from smsbox to the gateway's own listener:
 *
 *   GET|POST /sms/<name>         an sms-service get-url or post-url: one
 *                                received message (kannelproto.h lists the
 *                                escapes it needs)
 *   GET|POST /sms/<name>/status  the dlr-url we give with every message
 *
 * Both routes want ?secret=<the configured secret> (403 otherwise).
 * A received message is answered 200 only once host->inbound() has committed it
 * (or found it already recorded under Kannel's message id); if the store
 * cannot commit, the answer is 503, which smsbox treats as a failure and,
 * with http-request-retry set, sends again. A delivery report likewise.
 *
 * Sending is asynchronous over providers/http_client (libcurl on the loop):
 * 200/202 is sent; 5xx, 429 and no answer are retried (the outbox may fail
 * over); a 403 "Authorization failed" is our config, not the message: it is
 * retried and marks the provider unhealthy until a send works again; any
 * other 4xx fails the message. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/http_client.h"
#include "net/http_server.h"
#include "kannel/kannelproto.h"
#include "base/log.h"
#include "base/phone.h"
#include "base/sms.h"
#include "provider.h"

#define KANNEL_URL_MAX      512
#define KANNEL_CRED_MAX     128
#define KANNEL_TIMEOUT_S    15      /* one sendsms request, default */
#define KANNEL_DLR_MASK     27      /* 1 delivered, 2 failed, 8 SMSC ack, 16 SMSC reject */

struct kannel {
    struct provider *p;              /* borrowed: the instance that owns us */
    char sendsms_url[KANNEL_URL_MAX];
    char username[KANNEL_CRED_MAX];
    char password[KANNEL_CRED_MAX];
    char from[KANNEL_CRED_MAX];      /* sender, "" = Kannel's default */
    char smsc[CFG_NAME_MAX];         /* smsc-id to route through, "" = any */
    char secret[KANNEL_SECRET_MAX + 1];
    char dlr_url[KANNEL_URL_MAX];    /* "" until start() fills the default */
    int dlr_mask;
    int timeout_s;
    struct http_client *http;
    bool stopping;
    int inflight;
    uint64_t seq;                    /* makes our message ids unique */
    void (*stopped)(struct provider *);
};

/* One sendsms request in flight. */
struct send_ctx {
    struct kannel *k;
    send_done_cb done;
    void *arg;
    int64_t id;
    char msg_id[48];                 /* ours, in the dlr-url: the provider id */
    char masked[PHONE_MAX];
};

/* ---- config -------------------------------------------------------------- */

/* Copies a string setting into out. Returns 0, 1 if absent (out = ""), -1
 * after adding an error (wrong type, too long, or empty when required). */
static int get_str(struct provider *p, const config_setting_t *cfg, const char *key, char *out,
                   size_t outsz, bool required, struct cfg_errors *errs)
{
    const config_setting_t *s = config_setting_get_member(cfg, key);
    const char *v;

    out[0] = '\0';
    if (s == NULL) {
        if (!required)
            return 1;
        cfg_errors_at(errs, cfg, "provider \"%s\": %s is required", p->name, key);
        return -1;
    }
    v = config_setting_type(s) == CONFIG_TYPE_STRING ? config_setting_get_string(s) : NULL;
    if (v == NULL) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be a string", p->name, key);
        return -1;
    }
    if (strlen(v) >= outsz || (required && v[0] == '\0')) {
        cfg_errors_at(errs, s, "provider \"%s\": %s is %s", p->name, key,
                      v[0] ? "too long" : "empty");
        return -1;
    }
    snprintf(out, outsz, "%s", v);
    return 0;
}

static int get_int(struct provider *p, const config_setting_t *cfg, const char *key, int *out,
                   int def, int min, int max, struct cfg_errors *errs)
{
    const config_setting_t *s = config_setting_get_member(cfg, key);

    *out = def;
    if (s == NULL)
        return 0;
    if (config_setting_type(s) != CONFIG_TYPE_INT || config_setting_get_int(s) < min ||
        config_setting_get_int(s) > max) {
        cfg_errors_at(errs, s, "provider \"%s\": %s must be a whole number from %d to %d",
                      p->name, key, min, max);
        return -1;
    }
    *out = config_setting_get_int(s);
    return 0;
}

static bool is_http_url(const char *u)
{
    return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0;
}

/* Validates the instance's group and allocates the impl. No I/O beyond
 * reading secret files. Returns 0 or -1 with every problem in errs. */
static int kannel_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const own[] = {"sendsms_url", "username", "password", "from",
                                      "smsc", "secret", "dlr_url", "dlr_mask",
                                      "timeout_seconds", NULL};
    struct kannel *k = calloc(1, sizeof *k);
    int bad = 0;

    if (k == NULL) {
        cfg_errors_at(errs, cfg, "provider \"%s\": out of memory", p->name);
        return -1;
    }
    k->p = p;
    if (provider_check_keys(cfg, own, errs) > 0)
        bad = 1;
    if (get_str(p, cfg, "sendsms_url", k->sendsms_url, sizeof k->sendsms_url, true, errs) < 0)
        bad = 1;
    else if (!is_http_url(k->sendsms_url) || strchr(k->sendsms_url, '?') != NULL) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "sendsms_url"),
                      "provider \"%s\": sendsms_url must be an http:// or https:// URL without "
                      "a query, e.g. \"http://127.0.0.1:13013/cgi-bin/sendsms\"", p->name);
        bad = 1;
    }
    if (get_str(p, cfg, "username", k->username, sizeof k->username, true, errs) < 0)
        bad = 1;
    if (cfg_secret(cfg, "password", k->password, sizeof k->password, errs) != 0) {
        if (k->password[0] == '\0' && config_setting_get_member(cfg, "password") == NULL)
            cfg_errors_at(errs, cfg, "provider \"%s\": password is required (a sendsms-user's "
                          "password; \"env:NAME\" or \"file:/path\" keep it out of this file)",
                          p->name);
        bad = 1;
    }
    if (get_str(p, cfg, "from", k->from, sizeof k->from, false, errs) < 0 ||
        get_str(p, cfg, "smsc", k->smsc, sizeof k->smsc, false, errs) < 0)
        bad = 1;
    if (cfg_secret(cfg, "secret", k->secret, sizeof k->secret, errs) != 0) {
        if (config_setting_get_member(cfg, "secret") == NULL)
            cfg_errors_at(errs, cfg, "provider \"%s\": secret is required (the shared secret "
                          "Kannel puts in its get-url and dlr-url)", p->name);
        bad = 1;
    } else if (!kannel_secret_valid(k->secret)) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "secret"),
                      "provider \"%s\": secret must be %d to %d characters of A-Z a-z 0-9 - _ . ~",
                      p->name, KANNEL_SECRET_MIN, KANNEL_SECRET_MAX);
        bad = 1;
    }
    if (get_str(p, cfg, "dlr_url", k->dlr_url, sizeof k->dlr_url, false, errs) < 0)
        bad = 1;
    else if (k->dlr_url[0] && !is_http_url(k->dlr_url)) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "dlr_url"),
                      "provider \"%s\": dlr_url must be an http:// or https:// URL", p->name);
        bad = 1;
    }
    if (get_int(p, cfg, "dlr_mask", &k->dlr_mask, KANNEL_DLR_MASK, 0, 31, errs) < 0 ||
        get_int(p, cfg, "timeout_seconds", &k->timeout_s, KANNEL_TIMEOUT_S, 1, 300, errs) < 0)
        bad = 1;
    if (bad) {
        free(k);
        return -1;
    }
    p->impl = k;
    p->healthy = false;
    snprintf(p->status, sizeof p->status, "not started");
    return 0;
}

static void kannel_destroy(struct provider *p)
{
    free(p->impl);
    p->impl = NULL;
}

/* ---- inbound ------------------------------------------------------------- */

/* The secret check both routes share: false after answering 403. */
static bool authorised(struct kannel *k, const struct http_request *req,
                       struct http_response *resp)
{
    if (kannel_secret_equal(http_request_arg(req, "secret"), k->secret))
        return true;
    http_forbid(req, resp, k->p->name, "missing or wrong secret");
    return false;
}

/* A received message waiting for the group commit. */
struct mo_wait {
    struct kannel *k;
    struct http_deferred *d;
    char ext_id[sizeof ((struct kannel_mo *)0)->ext_id];
    char masked[32];
};

/* The commit's outcome becomes smsbox's answer. */
static void mo_recorded(void *arg, int rc, const char *err)
{
    struct mo_wait *w = arg;
    struct kannel *k = w->k;
    struct http_response resp = {0};
    if (rc != 0) {
        /* Not committed: smsbox must offer it again (http-request-retry). */
        log_warn("kannel.inbound_deferred", "provider=%s id=%s from=%s error=\"%s\"", k->p->name,
                 w->ext_id, w->masked, err[0] ? err : "unknown");
        http_response_printf(&resp, 503, NULL, "not stored, try again\n");
    } else {
        log_info("kannel.received", "provider=%s id=%s from=%s", k->p->name, w->ext_id,
                 w->masked);
        /* An empty 200: with max-messages = 0 (or omit-empty) smsbox sends no reply. */
        resp.status = 200;
    }
    http_deferred_answer(w->d, &resp);
    free(w);
}

/* A received message from an sms-service. The text is the `text` argument
 * (get-url, or a form post) or else the raw body (post-url). */
static void on_mo(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct kannel *k = ctx;
    struct kannel_mo_args a;
    struct kannel_mo mo;
    struct inmsg m;
    char err[KANNEL_ERR_MAX], gerr[256];
    char *buf = NULL;

    if (!authorised(k, req, resp))
        return;
    memset(&a, 0, sizeof a);
    a.id = http_request_arg(req, "id");
    a.from = http_request_arg(req, "from");
    a.to = http_request_arg(req, "to");
    a.text = http_request_arg(req, "text");
    a.coding = http_request_arg(req, "coding");
    a.charset = http_request_arg(req, "charset");
    a.time = http_request_arg(req, "time");
    if (a.text != NULL) {
        a.text_len = strlen(a.text);
    } else {
        a.text = req->body;
        a.text_len = req->body_len;
    }
    /* A UCS-2 text holds NUL bytes, which a decoded query argument cannot
     * carry: such a text must come as a post-url body (or with mo-recode). */
    buf = malloc(kannel_utf8_max(a.text_len) + 1);
    if (buf == NULL) {
        http_response_printf(resp, 503, NULL, "out of memory\n");
        return;
    }
    if (kannel_parse_mo(&a, buf, kannel_utf8_max(a.text_len) + 1, &mo, err, sizeof err) < 0) {
        /* Nothing to store; a retry would not help. smsbox logs the 400. */
        log_error("kannel.bad_inbound", "provider=%s error=\"%s\"", k->p->name, err);
        http_response_printf(resp, 400, NULL, "%s\n", err);
        goto out;
    }
    memset(&m, 0, sizeof m);
    m.ext_id = mo.ext_id;
    m.from = mo.from;
    m.to = mo.to;
    m.body = mo.text;
    m.body_len = mo.text_len;
    m.received_at = mo.received_at;
    struct mo_wait *w = calloc(1, sizeof *w);
    if (w == NULL) {
        http_response_printf(resp, 503, NULL, "out of memory\n");
        goto out;
    }
    w->k = k;
    snprintf(w->ext_id, sizeof w->ext_id, "%s", mo.ext_id);
    phone_mask(mo.from, w->masked, sizeof w->masked);
    /* Answered once the group commit has it (mo_recorded). */
    w->d = http_defer(req);
    gerr[0] = '\0';
    if (k->p->host->inbound_queue(k->p, &m, mo_recorded, w, gerr, sizeof gerr) != 0)
        mo_recorded(w, -1, gerr);
out:
    free(buf);
}

/* A delivery report from the dlr-url: msg (ours) and type (%d). */
static void on_dlr(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct kannel *k = ctx;
    const char *msg = http_request_arg(req, "msg"), *type = http_request_arg(req, "type");
    const char *answer = http_request_arg(req, "answer");
    char err[256], why[160];
    enum dlr_state st;
    int r;

    if (!authorised(k, req, resp))
        return;
    r = kannel_dlr_type(type, &st);
    if (msg == NULL || *msg == '\0' || strlen(msg) >= 48 || r < 0) {
        log_error("kannel.bad_report", "provider=%s reason=\"%s\"", k->p->name,
                  r < 0 ? "type is not a Kannel report type" : "no msg");
        http_response_printf(resp, 400, NULL, "bad report\n");
        return;
    }
    if (r == 1) { /* buffered at the SMSC: still on its way */
        resp->status = 200;
        return;
    }
    snprintf(why, sizeof why, "kannel report %s%s%s", type, answer && *answer ? ": " : "",
             answer ? answer : "");
    err[0] = '\0';
    if (k->p->host->delivery_report(k->p, msg, st, st == DLR_FAILED ? why : NULL, err,
                           sizeof err) != 0) {
        http_response_printf(resp, 503, NULL, "not stored, try again\n");
        return;
    }
    resp->status = 200;
}

/* ---- sending ------------------------------------------------------------- */

static void set_health(struct kannel *k, bool ok, const char *status)
{
    if (k->p->healthy != ok)
        log_event(ok ? LL_INFO : LL_WARN, "kannel.health", "provider=%s healthy=%d status=\"%s\"",
                  k->p->name, ok ? 1 : 0, status);
    k->p->healthy = ok;
    snprintf(k->p->status, sizeof k->p->status, "%.250s", status);
}

static void maybe_stopped(struct kannel *k);

static void sent_cb(void *arg, const struct http_client_result *r)
{
    struct send_ctx *c = arg;
    struct kannel *k = c->k;
    char msg[320] = ""; /* stays empty for a message sent */
    int status = SEND_RETRY;

    k->inflight--;
    if (r->cancelled) {
        snprintf(msg, sizeof msg, "kannel: stopped before sendsms answered");
    } else if (r->status == 0) {
        snprintf(msg, sizeof msg, "kannel: no answer from sendsms: %s", r->error);
        set_health(k, false, msg + 8);
    } else {
        /* Kannel's answers are one short line; keep the first 120 bytes. */
        const char *body = r->body ? r->body : "";
        switch (kannel_send_verdict(r->status, body)) {
        case KANNEL_SENT:
            status = SEND_OK;
            set_health(k, true, "ok");
            break;
        case KANNEL_RETRY:
            snprintf(msg, sizeof msg, "kannel: HTTP %d from sendsms: %.120s", r->status, body);
            set_health(k, false, msg + 8);
            break;
        case KANNEL_AUTH:
            snprintf(msg, sizeof msg, "kannel: HTTP %d from sendsms: %.120s (check username and "
                     "password against the sendsms-user group)", r->status, body);
            set_health(k, false, msg + 8);
            break;
        case KANNEL_REJECTED:
            status = SEND_FAILED;
            snprintf(msg, sizeof msg, "kannel: HTTP %d from sendsms: %.120s", r->status, body);
            break;
        }
    }
    for (char *q = msg; *q; q++) /* one line, no quotes that would break a log field */
        if (*q == '\n' || *q == '\r' || *q == '"')
            *q = ' ';
    if (status == SEND_OK)
        log_info("kannel.sent", "provider=%s id=%" PRId64 " to=%s msg=%s", k->p->name, c->id,
                 c->masked, c->msg_id);
    else
        log_warn("kannel.send_failed", "provider=%s id=%" PRId64 " to=%s retry=%d error=\"%s\"",
                 k->p->name, c->id, c->masked, status == SEND_RETRY, msg);
    c->done(c->arg, status, status == SEND_OK ? c->msg_id : NULL, status == SEND_OK ? NULL : msg);
    free(c);
    maybe_stopped(k);
}

/* Starts a sendsms request; done is called from the loop when it ends.
 * Returns 0, or -1 without calling done (stopping, out of memory). */
static int kannel_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    struct kannel *k = p->impl;
    struct send_ctx *c;
    char *url = NULL, *dlr = NULL, err[256];
    int ucs2 = 0;
    int rc = -1;

    if (k->stopping || k->http == NULL)
        return -1;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return -1;
    c->k = k;
    c->done = done;
    c->arg = arg;
    c->id = m->id;
    phone_mask(m->to, c->masked, sizeof c->masked);
    /* Unique per attempt: a report for an earlier attempt of the same
     * message still names that message, never another. */
    snprintf(c->msg_id, sizeof c->msg_id, "%" PRId64 "-%" PRIx64 "-%" PRIx64, m->id,
             (uint64_t)time(NULL), ++k->seq);
    if (k->dlr_mask > 0) {
        dlr = kannel_dlr_url(k->dlr_url, k->secret, c->msg_id);
        if (dlr == NULL)
            goto out;
    }
    sms_segments(m->body ? m->body : "", &ucs2);
    struct kannel_send s = {
        .sendsms_url = k->sendsms_url, .username = k->username, .password = k->password,
        .from = k->from, .smsc = k->smsc, .to = m->to, .text = m->body ? m->body : "",
        .ucs2 = ucs2 != 0, .dlr_mask = k->dlr_mask, .dlr_url = dlr,
    };
    url = kannel_sendsms_url(&s);
    if (url == NULL)
        goto out;
    struct http_client_req rq = {.method = "GET", .url = url,
                                 .timeout_ms = (long)k->timeout_s * 1000};
    if (http_client_request(k->http, &rq, sent_cb, c, err, sizeof err) != 0) {
        log_error("kannel.send_failed", "provider=%s id=%" PRId64 " error=\"%s\"", p->name, m->id,
                  err);
        goto out;
    }
    k->inflight++;
    c = NULL;
    rc = 0;
out:
    free(url);
    free(dlr);
    free(c);
    return rc;
}

/* ---- start / stop --------------------------------------------------------- */

/* Registers the routes and makes the HTTP client. The default dlr_url is
 * the gateway's own listener (a wildcard listen address is reached on
 * 127.0.0.1). Returns 0, or -1 with p->status saying why. */
static int kannel_start(struct provider *p)
{
    struct kannel *k = p->impl;
    const struct provider_host *h = p->host;
    char path[CFG_NAME_MAX + 16], err[256], base[128];

    if (h == NULL || h->http_base_url(p, base, sizeof base) != 0) {
        snprintf(p->status, sizeof p->status, "no HTTP listener for Kannel's requests");
        return -1;
    }
    if (k->dlr_url[0] == '\0')
        snprintf(k->dlr_url, sizeof k->dlr_url, "%s/sms/%s/status", base, p->name);
    if (http_client_new(&k->http, p->loop, err, sizeof err) != 0) {
        snprintf(p->status, sizeof p->status, "%.250s", err);
        return -1;
    }
    snprintf(path, sizeof path, "/sms/%s", p->name);
    int rc = h->http_route(p, "GET", path, on_mo, k) | h->http_route(p, "POST", path, on_mo, k);
    snprintf(path, sizeof path, "/sms/%s/status", p->name);
    rc |= h->http_route(p, "GET", path, on_dlr, k) | h->http_route(p, "POST", path, on_dlr, k);
    if (rc != 0) {
        /* Routes cannot be removed; a half-registered set only answers for
         * this instance, whose requests then fail: say so and stop here. */
        http_client_close(k->http, NULL, NULL);
        k->http = NULL;
        snprintf(p->status, sizeof p->status, "cannot register /sms/%s routes", p->name);
        return -1;
    }
    k->stopping = false;
    set_health(k, true, "ok");
    log_info("kannel.started", "provider=%s sendsms=%s dlr_url=%s", p->name, k->sendsms_url,
             k->dlr_url);
    return 0;
}

static void client_closed(void *arg)
{
    struct kannel *k = arg;
    k->http = NULL;
    maybe_stopped(k);
}

static void maybe_stopped(struct kannel *k)
{
    if (k->stopping && k->http == NULL && k->inflight == 0 && k->stopped != NULL) {
        void (*cb)(struct provider *) = k->stopped;
        k->stopped = NULL;
        cb(k->p);
    }
}

/* Cancels what is in flight (each send completes as SEND_RETRY), closes
 * the client, then calls stopped. The routes stay registered: the listener
 * is closed before the providers on a stop. */
static void kannel_stop(struct provider *p, void (*stopped)(struct provider *))
{
    struct kannel *k = p->impl;

    if (k->stopping)
        return;
    k->stopping = true;
    k->stopped = stopped;
    p->healthy = false;
    snprintf(p->status, sizeof p->status, "stopped");
    if (k->http != NULL)
        http_client_close(k->http, client_closed, k);
    else
        maybe_stopped(k);
}

const struct provider_ops kannel_provider_ops = {
    .kind = "kannel",
    .create = kannel_create,
    .start = kannel_start,
    .send = kannel_send,
    .stop = kannel_stop,
    .destroy = kannel_destroy,
};
