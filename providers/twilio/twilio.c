/* SPDX-License-Identifier: Apache-2.0 */
/* twilio.c: the Twilio provider.
 *
 *   { name = "twilio"; kind = "twilio";
 *     account_sid = "AC..."; auth_token = "env:TWILIO_AUTH_TOKEN";
 *     from = "+15551230000";            # or messaging_service_sid = "MG..."
 *     public_url = "https://gw.example.org/sms/twilio"; }
 *
 * Send: a form-encoded POST to /2010-04-01/Accounts/{sid}/Messages.json
 * with Basic auth, through the shared asynchronous HTTP client (kept-alive
 * connections). twilio_api.c reads the answer.
 *
 * Receive: POST /sms/<name> (the inbound webhook) and POST
 * /sms/<name>/status (status callbacks), each accepted only with a valid
 * X-Twilio-Signature computed over the URL configured here (public_url and
 * status_callback), never the one we see behind a proxy. An inbound message
 * is answered 200 (empty TwiML) only once host->inbound() committed it, else
 * 503.
 *
 * Reconcile: Twilio does not retry a webhook that failed, so at start,
 * after a 503, after Twilio was unreachable, and every reconcile_interval
 * seconds the provider lists the inbound messages sent to its number since
 * shortly before the newest one it has recorded, and records them oldest
 * first (de-duplicated on MessageSid, so a message seen twice is harmless). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/http_client.h"
#include "net/http_server.h"
#include "base/log.h"
#include "base/phone.h"
#include "provconf.h"
#include "provider.h"
#include "twilio/twilio_api.h"
#include "twilio/twilio_sig.h"
#include "net/urlform.h"

#define URL_MAX          1024
#define FORM_PAIRS_MAX   256
/* Overlap when listing since the newest recorded message: Twilio's filter
 * is by day, and our clock and Twilio's may differ. */
#define RECONCILE_OVERLAP 3600
#define RECONCILE_PAGE_SIZE 100
#define RECONCILE_PAGES_MAX 50
/* After a failed reconciliation (Twilio or the store unreachable). */
#define RECONCILE_RETRY_MS (60 * 1000)
/* Twilio answered 503 to us or we answered 503 to it: look soon. */
#define RECONCILE_SOON_MS (30 * 1000)

static const char TWIML_EMPTY[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

/* A message found by the reconciliation, copied out of the page. */
struct found {
    char sid[TWILIO_SID_MAX];
    char from[64], to[64];
    char *body;
    size_t body_len;
    int64_t date_sent;
    size_t order; /* position in the listing (newest first) */
};

struct twilio {
    struct provider *p;
    /* config */
    char account_sid[40];
    char auth_token[128];
    char from[PHONE_MAX];
    char service_sid[40];
    char base_url[URL_MAX];
    char public_url[URL_MAX];
    char status_url[URL_MAX];
    char userpwd[200];
    int timeout_s;
    int reconcile_interval_s;
    int reconcile_lookback_s;
    /* runtime */
    struct http_client *http;
    uv_timer_t timer; /* the next reconciliation */
    bool timer_open;
    bool stopping;
    int closing;      /* handles still closing during stop */
    void (*stopped)(struct provider *);
    /* the reconciliation under way */
    bool recon_running;
    int64_t recon_since;
    int recon_pages;
    struct found *found;
    size_t nfound, capfound;
};

struct send_ctx {
    struct twilio *tw;
    send_done_cb done;
    void *arg;
};

static void reconcile_start(struct twilio *tw);
static void schedule_reconcile(struct twilio *tw, uint64_t ms);

/* ---- config ------------------------------------------------------------- */

static int twilio_create(struct provider *p, const config_setting_t *cfg, struct cfg_errors *errs)
{
    static const char *const keys[] = {
        "account_sid", "auth_token", "from", "messaging_service_sid", "base_url", "public_url",
        "status_callback", "timeout", "reconcile_interval", "reconcile_lookback", NULL};
    struct twilio *tw = calloc(1, sizeof *tw);
    char from[64] = "";
    int bad = provider_check_keys(cfg, keys, errs);
    if (!tw)
        return -1;
    tw->p = p;
    if (provconf_string(p, cfg, "account_sid", NULL, tw->account_sid, sizeof tw->account_sid,
                        errs) != 0)
        bad++;
    else if (!twilio_sid_valid(tw->account_sid, "AC")) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "account_sid"),
                      "provider \"%s\": account_sid must be AC followed by 32 hex digits",
                      p->name);
        bad++;
    }
    if (provconf_secret(p, cfg, "auth_token", tw->auth_token, sizeof tw->auth_token, errs) != 0)
        bad++;
    if (provconf_string(p, cfg, "from", "", from, sizeof from, errs) != 0)
        bad++;
    else if (*from && phone_normalize(from, tw->from) != 0) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "from"),
                      "provider \"%s\": from must be a phone number in E.164 (+15551230000)",
                      p->name);
        bad++;
    }
    if (provconf_string(p, cfg, "messaging_service_sid", "", tw->service_sid,
                        sizeof tw->service_sid, errs) != 0)
        bad++;
    else if (*tw->service_sid && !twilio_sid_valid(tw->service_sid, "MG")) {
        cfg_errors_at(errs, config_setting_get_member(cfg, "messaging_service_sid"),
                      "provider \"%s\": messaging_service_sid must be MG followed by 32 hex"
                      " digits", p->name);
        bad++;
    }
    if (!*from && !*tw->service_sid) {
        cfg_errors_at(errs, cfg, "provider \"%s\": set from (a Twilio number) or"
                      " messaging_service_sid", p->name);
        bad++;
    }
    if (provconf_url(p, cfg, "base_url", "https://api.twilio.com", false, tw->base_url,
                     sizeof tw->base_url, errs) != 0)
        bad++;
    else {
        size_t n = strlen(tw->base_url);
        while (n > 8 && tw->base_url[n - 1] == '/')
            tw->base_url[--n] = '\0';
    }
    if (provconf_url(p, cfg, "public_url", NULL, false, tw->public_url, sizeof tw->public_url,
                     errs) != 0)
        bad++;
    char def_status[URL_MAX + 8] = "";
    if (!strchr(tw->public_url, '?') && !strchr(tw->public_url, '#'))
        snprintf(def_status, sizeof def_status, "%s/status", tw->public_url);
    const config_setting_t *sc = config_setting_get_member(cfg, "status_callback");
    if (provconf_url(p, cfg, "status_callback", def_status, true, tw->status_url,
                     sizeof tw->status_url, errs) != 0)
        bad++;
    else if (!sc && !*def_status && *tw->public_url) {
        cfg_errors_at(errs, cfg, "provider \"%s\": public_url has a query string: set"
                      " status_callback (its URL) explicitly, or \"\" for none", p->name);
        bad++;
    }
    if (provconf_int(p, cfg, "timeout", 15, 1, 300, &tw->timeout_s, errs) != 0)
        bad++;
    if (provconf_int(p, cfg, "reconcile_interval", 300, 0, 86400, &tw->reconcile_interval_s,
                     errs) != 0)
        bad++;
    if (provconf_int(p, cfg, "reconcile_lookback", 3 * 86400, 3600, 90 * 86400,
                     &tw->reconcile_lookback_s, errs) != 0)
        bad++;
    if (bad) {
        free(tw);
        return -1;
    }
    snprintf(tw->userpwd, sizeof tw->userpwd, "%s:%s", tw->account_sid, tw->auth_token);
    p->impl = tw;
    return 0;
}

/* ---- health ------------------------------------------------------------- */

static void set_health(struct twilio *tw, bool ok, const char *why)
{
    struct provider *p = tw->p;
    if (ok && !p->healthy)
        log_info("twilio.healthy", "provider=%s", p->name);
    else if (!ok && (p->healthy || strcmp(p->status, why) != 0))
        log_warn("twilio.unhealthy", "provider=%s reason=\"%s\"", p->name, why);
    p->healthy = ok;
    snprintf(p->status, sizeof p->status, "%s", ok ? "ok" : why);
}

/* ---- stop --------------------------------------------------------------- */

static void maybe_stopped(struct twilio *tw)
{
    if (tw->stopping && tw->closing == 0 && tw->stopped) {
        void (*stopped)(struct provider *) = tw->stopped;
        tw->stopped = NULL;
        stopped(tw->p);
    }
}

static void http_closed(void *arg)
{
    struct twilio *tw = arg;
    tw->http = NULL;
    tw->closing--;
    maybe_stopped(tw);
}

static void timer_closed(uv_handle_t *h)
{
    struct twilio *tw = h->data;
    tw->timer_open = false;
    tw->closing--;
    maybe_stopped(tw);
}

/* Once stopping and nothing is in flight, closes the HTTP client. A send
 * under way is let finish (bounded by its timeout): cancelling it would
 * leave us not knowing whether Twilio took it. */
static void maybe_close_http(struct twilio *tw)
{
    if (tw->stopping && tw->http && http_client_pending(tw->http) == 0 && !tw->recon_running) {
        http_client_close(tw->http, http_closed, tw); /* tw->http cleared in http_closed */
    }
}

static void twilio_stop(struct provider *p, void (*stopped)(struct provider *))
{
    struct twilio *tw = p->impl;
    tw->stopping = true;
    tw->stopped = stopped;
    tw->closing = 0;
    if (tw->timer_open) {
        tw->closing++;
        uv_timer_stop(&tw->timer);
        uv_close((uv_handle_t *)&tw->timer, timer_closed);
    }
    if (tw->http)
        tw->closing++; /* http_closed decrements */
    maybe_close_http(tw);
    maybe_stopped(tw);
}

static void found_free(struct twilio *tw)
{
    for (size_t i = 0; i < tw->nfound; i++)
        free(tw->found[i].body);
    free(tw->found);
    tw->found = NULL;
    tw->nfound = tw->capfound = 0;
}

static void twilio_destroy(struct provider *p)
{
    struct twilio *tw = p->impl;
    if (!tw)
        return;
    found_free(tw);
    free(tw);
    p->impl = NULL;
}

/* ---- send --------------------------------------------------------------- */

static void on_sent(void *arg, const struct http_client_result *res)
{
    struct send_ctx *sc = arg;
    struct twilio *tw = sc->tw;
    struct twilio_send_result r;
    twilio_send_classify(res->status, res->body, res->body_len, res->error, &r);
    if (res->status == 0) {
        set_health(tw, false, r.error);
        /* Unreachable: inbound webhooks may be failing too. Look again soon;
         * the listing doubles as the probe that makes us healthy again. */
        schedule_reconcile(tw, RECONCILE_SOON_MS);
    } else if (r.provider_problem) {
        set_health(tw, false, r.error);
    } else if (res->status < 500 && res->status != 429) {
        set_health(tw, true, NULL);
    }
    if (r.status == SEND_OK && !r.sid[0])
        log_warn("twilio.no_sid", "provider=%s http=%d reason=\"accepted without a readable"
                 " sid; its status callbacks cannot be matched\"", tw->p->name, res->status);
    sc->done(sc->arg, r.status, r.sid[0] ? r.sid : NULL, r.status == SEND_OK ? NULL : r.error);
    free(sc);
    maybe_close_http(tw);
}

static int twilio_send(struct provider *p, const struct outmsg *m, send_done_cb done, void *arg)
{
    struct twilio *tw = p->impl;
    char url[URL_MAX + 128], err[256];
    if (tw->stopping || !tw->http)
        return -1;
    size_t cap = 3 * (strlen(m->body) + strlen(m->to) + strlen(tw->status_url)) + 256;
    char *form = malloc(cap);
    struct send_ctx *sc = malloc(sizeof *sc);
    size_t off = 0;
    int rc = -1;
    if (!form || !sc)
        goto out;
    form[0] = '\0';
    if (urlform_append(form, cap, &off, "To", m->to) != 0 ||
        (*tw->from ? urlform_append(form, cap, &off, "From", tw->from)
                   : urlform_append(form, cap, &off, "MessagingServiceSid", tw->service_sid)) ||
        urlform_append(form, cap, &off, "Body", m->body) != 0 ||
        (*tw->status_url &&
         urlform_append(form, cap, &off, "StatusCallback", tw->status_url) != 0))
        goto out;
    snprintf(url, sizeof url, "%s/2010-04-01/Accounts/%s/Messages.json", tw->base_url,
             tw->account_sid);
    static const char *const hdrs[] = {"Content-Type: application/x-www-form-urlencoded",
                                       "Accept: application/json", NULL};
    struct http_client_req rq = {.method = "POST", .url = url, .headers = hdrs, .body = form,
                                 .body_len = off, .userpwd = tw->userpwd,
                                 .timeout_ms = tw->timeout_s * 1000L};
    *sc = (struct send_ctx){.tw = tw, .done = done, .arg = arg};
    if (http_client_request(tw->http, &rq, on_sent, sc, err, sizeof err) != 0) {
        log_error("twilio.send", "provider=%s error=\"%s\"", p->name, err);
        goto out;
    }
    sc = NULL;
    rc = 0;
out:
    free(form);
    free(sc);
    return rc;
}

/* ---- webhooks ----------------------------------------------------------- */

/* Decodes and checks a signed webhook. Returns 0 with f filled (sorted), or
 * the HTTP status it answered with (400, or 403 through http_forbid) after
 * logging why. A JSON webhook (bodySHA256 in the query) is signed over the
 * URL with that hash and the body's hash checked; its members become f. */
static int webhook_open(struct twilio *tw, const struct http_request *req,
                        struct http_response *resp, const char *url, const char *what,
                        struct urlform *f)
{
    const char *body_hash = http_request_query(req, "bodySHA256");
    if (body_hash ? twilio_json_fields(req->body, req->body_len, FORM_PAIRS_MAX, f) != 0
                  : urlform_parse(req->body, req->body_len, FORM_PAIRS_MAX, f) != 0) {
        log_warn("twilio.bad_webhook", "provider=%s route=%s reason=\"undecodable %s or over"
                 " %d fields\"", tw->p->name, what, body_hash ? "JSON object" : "form",
                 FORM_PAIRS_MAX);
        http_response_printf(resp, 400, NULL, "bad request\n");
        return 400;
    }
    urlform_sort(f);
    const char *sig = http_request_header(req, "X-Twilio-Signature");
    bool valid = body_hash ? twilio_sig_valid_json(tw->auth_token, url, req->body, req->body_len,
                                                   body_hash, sig)
                           : twilio_sig_valid(tw->auth_token, url, f, sig);
    if (!valid) {
        /* One (rate-limited) line; the URL says which public_url was
         * checked against. */
        char why[URL_MAX + 64];
        snprintf(why, sizeof why, "X-Twilio-Signature %s, %s route, signed URL %s%s",
                 sig && *sig ? "mismatch" : "missing", what, url,
                 body_hash ? " with bodySHA256" : "");
        http_forbid(req, resp, tw->p->name, why);
        urlform_free(f);
        return 403;
    }
    const char *acct = urlform_get(f, "AccountSid");
    if (acct && strcmp(acct, tw->account_sid) != 0) {
        http_forbid(req, resp, tw->p->name, "another AccountSid");
        urlform_free(f);
        return 403;
    }
    return 0;
}

/* A received message waiting for the group commit. */
struct inbound_wait {
    struct provider *p;
    struct http_deferred *d;
};

/* The commit's outcome becomes Twilio's answer. */
static void inbound_recorded(void *arg, int rc, const char *err)
{
    struct inbound_wait *w = arg;
    struct http_response resp = {0};
    (void)err; /* logged by the gateway (inbound.not_committed) */
    if (rc != 0) {
        /* Twilio will not offer it again: the reconciliation will. */
        http_response_printf(&resp, 503, NULL, "not recorded, try later\n");
        schedule_reconcile(w->p->impl, RECONCILE_SOON_MS);
    } else {
        http_response_printf(&resp, 200, "text/xml", "%s", TWIML_EMPTY);
    }
    http_deferred_answer(w->d, &resp);
    free(w);
}

static void on_inbound(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct provider *p = ctx;
    struct twilio *tw = p->impl;
    struct urlform f = {0};
    struct twilio_inbound in;
    char why[128], err[256];
    if (tw->stopping) {
        http_response_printf(resp, 503, NULL, "stopping\n");
        return;
    }
    int st = webhook_open(tw, req, resp, tw->public_url, "inbound", &f);
    if (st)
        return; /* answered */
    if (twilio_inbound_parse(&f, &in, why, sizeof why) != 0) {
        log_warn("twilio.bad_webhook", "provider=%s route=inbound reason=\"%s\"", p->name, why);
        http_response_printf(resp, 400, NULL, "%s\n", why);
        urlform_free(&f);
        return;
    }
    struct inmsg m = {.ext_id = in.sid, .from = in.from, .to = in.to, .body = in.body,
                      .body_len = in.body_len, .received_at = 0};
    /* Answered once the group commit has it (inbound_recorded). */
    struct inbound_wait *w = malloc(sizeof *w);
    if (!w) {
        http_response_printf(resp, 503, NULL, "out of memory\n");
        schedule_reconcile(tw, RECONCILE_SOON_MS);
    } else {
        w->p = p;
        w->d = http_defer(req);
        if (p->host->inbound_queue(p, &m, inbound_recorded, w, err, sizeof err) != 0)
            inbound_recorded(w, -1, err);
    }
    urlform_free(&f);
}

static void on_status(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct provider *p = ctx;
    struct twilio *tw = p->impl;
    struct urlform f = {0};
    char err[256], error[96] = "";
    enum dlr_state state;
    if (tw->stopping) {
        http_response_printf(resp, 503, NULL, "stopping\n");
        return;
    }
    int st = webhook_open(tw, req, resp, tw->status_url, "status", &f);
    if (st)
        return; /* answered */
    const char *sid = urlform_get(&f, "MessageSid");
    const char *status = urlform_get(&f, "MessageStatus");
    if (!status)
        status = urlform_get(&f, "SmsStatus");
    int mapped = twilio_status_to_dlr(status, &state);
    if (!sid || !*sid || mapped < 0) {
        log_warn("twilio.bad_webhook", "provider=%s route=status reason=\"%s\"", p->name,
                 !sid || !*sid ? "no MessageSid" : "unknown MessageStatus");
        http_response_printf(resp, 400, NULL, "bad request\n");
    } else if (mapped == 0) {
        http_response_printf(resp, 200, NULL, "ok\n");
    } else {
        const char *code = urlform_get(&f, "ErrorCode");
        if (state == DLR_FAILED)
            snprintf(error, sizeof error, "twilio: %s%s%.16s", status, code ? ", error " : "",
                     code ? code : "");
        if (p->host->delivery_report(p, sid, state, error[0] ? error : NULL, err,
                               sizeof err) != 0)
            http_response_printf(resp, 503, NULL, "not recorded, try later\n");
        else
            http_response_printf(resp, 200, NULL, "ok\n");
    }
    urlform_free(&f);
}

/* ---- reconciliation ----------------------------------------------------- */

static void on_timer(uv_timer_t *t) { reconcile_start(t->data); }

static void schedule_reconcile(struct twilio *tw, uint64_t ms)
{
    if (tw->stopping || !tw->timer_open || tw->recon_running)
        return;
    /* Keep an earlier one already due. */
    uint64_t due = uv_timer_get_due_in(&tw->timer);
    if (uv_is_active((uv_handle_t *)&tw->timer) && due <= ms)
        return;
    uv_timer_start(&tw->timer, on_timer, ms, 0);
}

static void reconcile_end(struct twilio *tw, bool ok, const char *why)
{
    tw->recon_running = false;
    found_free(tw);
    if (tw->stopping) {
        maybe_close_http(tw);
        return;
    }
    if (!ok) {
        log_warn("twilio.reconcile_failed", "provider=%s reason=\"%s\" retry_in=%ds",
                 tw->p->name, why, RECONCILE_RETRY_MS / 1000);
        schedule_reconcile(tw, RECONCILE_RETRY_MS);
    } else if (tw->reconcile_interval_s > 0) {
        schedule_reconcile(tw, (uint64_t)tw->reconcile_interval_s * 1000);
    }
}

static int listed_cb(void *arg, const struct twilio_listed *l)
{
    struct twilio *tw = arg;
    if (strcmp(l->direction, "inbound") != 0)
        return 0;
    if (*l->status && strcmp(l->status, "received") != 0)
        return 0; /* still "receiving": the next round gets it whole */
    if (l->date_sent && l->date_sent < tw->recon_since)
        return 0;
    if (tw->nfound == tw->capfound) {
        size_t ncap = tw->capfound ? tw->capfound * 2 : 32;
        struct found *nf = realloc(tw->found, ncap * sizeof *nf);
        if (!nf)
            return -2;
        tw->found = nf;
        tw->capfound = ncap;
    }
    struct found *f = &tw->found[tw->nfound];
    memset(f, 0, sizeof *f);
    if (strlen(l->sid) >= sizeof f->sid)
        return 0;
    snprintf(f->sid, sizeof f->sid, "%s", l->sid);
    snprintf(f->from, sizeof f->from, "%s", l->from);
    snprintf(f->to, sizeof f->to, "%s", l->to);
    f->body = malloc(l->body_len + 1);
    if (!f->body)
        return -2;
    memcpy(f->body, l->body, l->body_len + 1);
    f->body_len = l->body_len;
    f->date_sent = l->date_sent;
    f->order = tw->nfound;
    tw->nfound++;
    return 0;
}

/* Oldest first; Twilio lists newest first, so within a second the later
 * listing position is the older message. */
static int found_cmp(const void *x, const void *y)
{
    const struct found *a = x, *b = y;
    if (a->date_sent != b->date_sent)
        return a->date_sent < b->date_sent ? -1 : 1;
    return a->order > b->order ? -1 : a->order < b->order;
}

/* Records what the listing found, oldest first: a STOP and a later START
 * must keep their order. Stops at the first that cannot be committed. */
static void reconcile_record(struct twilio *tw)
{
    struct provider *p = tw->p;
    char err[256];
    size_t i;
    if (tw->nfound > 1)
        qsort(tw->found, tw->nfound, sizeof *tw->found, found_cmp);
    for (i = 0; i < tw->nfound; i++) {
        const struct found *f = &tw->found[i];
        struct inmsg m = {.ext_id = f->sid, .from = f->from, .to = f->to, .body = f->body,
                          .body_len = f->body_len, .received_at = f->date_sent};
        if (p->host->inbound(p, &m, err, sizeof err) != 0) {
            reconcile_end(tw, false, err);
            return;
        }
    }
    log_info("twilio.reconciled", "provider=%s since=%lld listed=%zu pages=%d", p->name,
             (long long)tw->recon_since, tw->nfound, tw->recon_pages);
    reconcile_end(tw, true, NULL);
}

static int request_page(struct twilio *tw, const char *url);

static void on_page(void *arg, const struct http_client_result *res)
{
    struct twilio *tw = arg;
    char next[URL_MAX], why[256], url[2 * URL_MAX];
    if (tw->stopping) {
        reconcile_end(tw, false, "stopping");
        return;
    }
    if (res->status != 200) {
        struct twilio_send_result r;
        twilio_send_classify(res->status ? res->status : 0, res->body, res->body_len, res->error,
                             &r);
        if (res->status == 0 || r.provider_problem)
            set_health(tw, false, r.error);
        snprintf(why, sizeof why, "listing messages: %.200s",
                 res->status ? r.error : res->error);
        reconcile_end(tw, false, why);
        return;
    }
    set_health(tw, true, NULL);
    tw->recon_pages++;
    int rc = twilio_list_parse(res->body, res->body_len, listed_cb, tw, next, sizeof next, why,
                               sizeof why);
    if (rc != 0) {
        reconcile_end(tw, false, rc == -2 ? "out of memory" : why);
        return;
    }
    if (next[0] && tw->recon_pages < RECONCILE_PAGES_MAX) {
        /* next_page_uri is relative to the API's host. */
        snprintf(url, sizeof url, "%s%s", tw->base_url, next);
        if (request_page(tw, url) == 0)
            return;
        reconcile_end(tw, false, "cannot request the next page");
        return;
    }
    if (next[0])
        log_warn("twilio.reconcile_truncated", "provider=%s pages=%d", tw->p->name,
                 tw->recon_pages);
    reconcile_record(tw);
}

static int request_page(struct twilio *tw, const char *url)
{
    char err[256];
    static const char *const hdrs[] = {"Accept: application/json", NULL};
    struct http_client_req rq = {.method = "GET", .url = url, .headers = hdrs,
                                 .userpwd = tw->userpwd, .timeout_ms = 30000};
    if (http_client_request(tw->http, &rq, on_page, tw, err, sizeof err) != 0) {
        log_error("twilio.reconcile", "provider=%s error=\"%s\"", tw->p->name, err);
        return -1;
    }
    return 0;
}

static void reconcile_start(struct twilio *tw)
{
    struct provider *p = tw->p;
    char err[256], url[2 * URL_MAX], to[64] = "", day[16];
    int64_t last = 0, now = p->host->now(p);
    if (tw->stopping || tw->recon_running || !tw->http)
        return;
    if (p->host->inbound_last_time(p, &last, err, sizeof err) != 0) {
        reconcile_end(tw, false, err);
        return;
    }
    int64_t since = now - tw->reconcile_lookback_s;
    if (last - RECONCILE_OVERLAP > since)
        since = last - RECONCILE_OVERLAP;
    time_t t = (time_t)since;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    if (*tw->from && urlform_escape(to, sizeof to, tw->from) != 0)
        to[0] = '\0';
    /* "DateSent>=" is the parameter "DateSent>" (sent on or after that UTC day). */
    snprintf(url, sizeof url,
             "%s/2010-04-01/Accounts/%s/Messages.json?%s%s%sDateSent%%3E=%s&PageSize=%d",
             tw->base_url, tw->account_sid, *to ? "To=" : "", to, *to ? "&" : "", day,
             RECONCILE_PAGE_SIZE);
    tw->recon_running = true;
    tw->recon_since = since;
    tw->recon_pages = 0;
    found_free(tw);
    if (request_page(tw, url) != 0) {
        reconcile_end(tw, false, "cannot start the listing");
        return;
    }
    log_info("twilio.reconcile", "provider=%s since=%lld", p->name, (long long)since);
}

/* ---- start -------------------------------------------------------------- */

static int twilio_start(struct provider *p)
{
    struct twilio *tw = p->impl;
    char err[256], path[CFG_NAME_MAX + 16], spath[CFG_NAME_MAX + 24], base[128];
    if (p->host->http_base_url(p, base, sizeof base) != 0) {
        snprintf(p->status, sizeof p->status, "twilio: no HTTP listener for webhooks");
        return -1;
    }
    if (http_client_new(&tw->http, p->loop, err, sizeof err) != 0) {
        snprintf(p->status, sizeof p->status, "twilio: %.200s", err);
        return -1;
    }
    snprintf(path, sizeof path, "/sms/%s", p->name);
    snprintf(spath, sizeof spath, "/sms/%s/status", p->name);
    if (p->host->http_route(p, "POST", path, on_inbound, p) != 0 ||
        p->host->http_route(p, "POST", spath, on_status, p) != 0 ||
        uv_timer_init(p->loop, &tw->timer) != 0) {
        snprintf(p->status, sizeof p->status, "twilio: cannot register %s", path);
        http_client_close(tw->http, NULL, NULL);
        tw->http = NULL;
        return -1;
    }
    tw->timer.data = tw;
    tw->timer_open = true;
    set_health(tw, true, NULL);
    log_info("twilio.webhooks", "provider=%s inbound=%s status=%s public_url=\"%s\"", p->name,
             path, spath, tw->public_url);
    /* After a restart: whatever came while we were down. */
    uv_timer_start(&tw->timer, on_timer, 0, 0);
    return 0;
}

const struct provider_ops twilio_provider_ops = {
    .kind = "twilio",
    .create = twilio_create,
    .start = twilio_start,
    .send = twilio_send,
    .stop = twilio_stop,
    .destroy = twilio_destroy,
};
