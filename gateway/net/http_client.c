/* SPDX-License-Identifier: Apache-2.0 */
/* http_client.c: libcurl's multi interface on the libuv loop.
 *
 * The wiring is curl's multi-uv.c with its error checks added back: curl
 * tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION; one uv_poll_t
 * per socket, kept in curl's socket hash with curl_multi_assign) and when
 * to wake it (CURLMOPT_TIMERFUNCTION; one uv_timer_t); we hand events back
 * with curl_multi_socket_action() and then collect finished transfers with
 * curl_multi_info_read(). An easy handle lives for one request; the
 * connections live in the multi handle's cache, so a later request to the
 * same host reuses a kept-alive connection.
 *
 * Closing: in-flight requests are finished as cancelled, the multi handle
 * is cleaned up (which closes the cached connections and tells us to stop
 * watching their sockets), then every uv handle is closed; the last close
 * callback calls the owner's done() and frees the client. */
#include "net/http_client.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "base/log.h"

struct sock_ctx {
    uv_poll_t poll;
    curl_socket_t fd;
    struct http_client *c;
    struct sock_ctx *prev, *next; /* the client's live sockets */
};

struct req {
    struct http_client *c;
    CURL *easy;
    struct curl_slist *headers;
    char *buf; /* response body, NUL-terminated once anything came */
    size_t len, cap;
    bool too_big;
    char errbuf[CURL_ERROR_SIZE];
    http_client_cb cb;
    void *arg;
    struct req *prev, *next; /* the client's requests in flight */
};

struct http_client {
    uv_loop_t *loop;
    CURLM *multi;
    uv_timer_t timer;
    struct sock_ctx *socks;
    struct req *reqs;
    size_t pending;
    bool closing;
    int closes_pending; /* uv handles whose close callback has not run */
    void (*done)(void *arg);
    void *done_arg;
};

static once_flag curl_once = ONCE_FLAG_INIT;
static CURLcode curl_init_rc;
static void curl_init(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

static void check_multi_info(struct http_client *c);

/* ---- closing ------------------------------------------------------------ */

static void maybe_finish_close(struct http_client *c)
{
    if (!c->closing || c->closes_pending > 0)
        return;
    void (*done)(void *) = c->done;
    void *arg = c->done_arg;
    free(c);
    if (done)
        done(arg);
}

static void on_sock_closed(uv_handle_t *h)
{
    struct sock_ctx *sc = h->data;
    struct http_client *c = sc->c;
    free(sc);
    c->closes_pending--;
    maybe_finish_close(c);
}

/* Stops watching a socket and closes its poll handle (freed when closed). */
static void sock_close(struct http_client *c, struct sock_ctx *sc)
{
    if (sc->prev)
        sc->prev->next = sc->next;
    else
        c->socks = sc->next;
    if (sc->next)
        sc->next->prev = sc->prev;
    sc->prev = sc->next = NULL;
    uv_poll_stop(&sc->poll);
    c->closes_pending++;
    uv_close((uv_handle_t *)&sc->poll, on_sock_closed);
}

static void on_timer_closed(uv_handle_t *h)
{
    struct http_client *c = h->data;
    c->closes_pending--;
    maybe_finish_close(c);
}

/* ---- curl -> loop ------------------------------------------------------- */

static void on_poll(uv_poll_t *h, int status, int events)
{
    struct sock_ctx *sc = h->data;
    struct http_client *c = sc->c;
    int flags = 0, running = 0;
    if (status < 0)
        flags |= CURL_CSELECT_ERR;
    if (events & UV_READABLE)
        flags |= CURL_CSELECT_IN;
    if (events & UV_WRITABLE)
        flags |= CURL_CSELECT_OUT;
    CURLMcode mc = curl_multi_socket_action(c->multi, sc->fd, flags, &running);
    if (mc != CURLM_OK)
        log_error("http_client.socket_action", "error=\"%s\"", curl_multi_strerror(mc));
    check_multi_info(c);
}

/* CURLMOPT_SOCKETFUNCTION: watch s for what, or stop watching it. Returns
 * 0, or -1 (curl then fails the transfers on that socket). */
static int sock_cb(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
    struct http_client *c = userp;
    struct sock_ctx *sc = socketp;
    (void)e;
    if (what == CURL_POLL_REMOVE) {
        /* curl drops its hash entry (and our pointer) right after this. */
        if (sc)
            sock_close(c, sc);
        return 0;
    }
    if (c->closing)
        return 0;
    if (!sc) {
        sc = calloc(1, sizeof *sc);
        if (!sc) {
            log_error("http_client.socket", "error=\"out of memory\"");
            return -1;
        }
        int rc = uv_poll_init_socket(c->loop, &sc->poll, s);
        if (rc != 0) {
            log_error("http_client.socket", "error=\"uv_poll_init_socket: %s\"", uv_strerror(rc));
            free(sc);
            return -1;
        }
        sc->fd = s;
        sc->c = c;
        sc->poll.data = sc;
        sc->next = c->socks;
        if (c->socks)
            c->socks->prev = sc;
        c->socks = sc;
        CURLMcode mc = curl_multi_assign(c->multi, s, sc);
        if (mc != CURLM_OK) {
            log_error("http_client.socket", "error=\"curl_multi_assign: %s\"",
                      curl_multi_strerror(mc));
            sock_close(c, sc);
            return -1;
        }
    }
    int ev = 0;
    if (what & CURL_POLL_IN)
        ev |= UV_READABLE;
    if (what & CURL_POLL_OUT)
        ev |= UV_WRITABLE;
    int rc = uv_poll_start(&sc->poll, ev, on_poll);
    if (rc != 0) {
        log_error("http_client.socket", "error=\"uv_poll_start: %s\"", uv_strerror(rc));
        return -1;
    }
    return 0;
}

static void on_timeout(uv_timer_t *t)
{
    struct http_client *c = t->data;
    int running = 0;
    CURLMcode mc = curl_multi_socket_action(c->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    if (mc != CURLM_OK)
        log_error("http_client.socket_action", "error=\"%s\"", curl_multi_strerror(mc));
    check_multi_info(c);
}

/* CURLMOPT_TIMERFUNCTION: wake curl in timeout_ms, or never (-1). A 0 is
 * served from the loop too, never from inside this callback. */
static int timer_cb(CURLM *m, long timeout_ms, void *userp)
{
    struct http_client *c = userp;
    (void)m;
    if (c->closing)
        return 0;
    if (timeout_ms < 0) {
        uv_timer_stop(&c->timer);
        return 0;
    }
    int rc = uv_timer_start(&c->timer, on_timeout, (uint64_t)timeout_ms, 0);
    if (rc != 0) {
        log_error("http_client.timer", "error=\"%s\"", uv_strerror(rc));
        return -1;
    }
    return 0;
}

/* ---- requests ----------------------------------------------------------- */

static size_t write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
    struct req *r = userp;
    size_t n = size * nmemb;
    if (n > HTTP_CLIENT_BODY_MAX - r->len) {
        r->too_big = true;
        return 0; /* curl fails the transfer with CURLE_WRITE_ERROR */
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 1024;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b)
            return 0;
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, data, n);
    r->len += n;
    r->buf[r->len] = '\0';
    return n;
}

static void req_free(struct req *r)
{
    if (!r)
        return;
    if (r->easy)
        curl_easy_cleanup(r->easy);
    curl_slist_free_all(r->headers);
    free(r->buf);
    free(r);
}

/* Takes r off the multi handle, reports it through its callback and frees it. */
static void req_finish(struct req *r, CURLcode code, bool cancelled)
{
    struct http_client *c = r->c;
    long status = 0, connects = 0;
    char error[CURL_ERROR_SIZE + 64] = "";

    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(r->easy, CURLINFO_NUM_CONNECTS, &connects);
    if (r->prev)
        r->prev->next = r->next;
    else
        c->reqs = r->next;
    if (r->next)
        r->next->prev = r->prev;
    c->pending--;
    curl_multi_remove_handle(c->multi, r->easy);

    if (cancelled)
        snprintf(error, sizeof error, "cancelled: the HTTP client is closing");
    else if (r->too_big)
        snprintf(error, sizeof error, "response body over %d bytes", HTTP_CLIENT_BODY_MAX);
    else if (code != CURLE_OK)
        snprintf(error, sizeof error, "%s", r->errbuf[0] ? r->errbuf : curl_easy_strerror(code));

    struct http_client_result res = {
        /* A cut-off answer must not look like a complete one. */
        .status = (code == CURLE_OK && !cancelled) ? (int)status : 0,
        .body = r->buf ? r->buf : "",
        .body_len = r->len,
        .curl_code = cancelled ? (int)CURLE_ABORTED_BY_CALLBACK : (int)code,
        .error = error,
        .timed_out = !cancelled && code == CURLE_OPERATION_TIMEDOUT,
        .cancelled = cancelled,
        .reused = !cancelled && code == CURLE_OK && connects == 0,
    };
    r->cb(r->arg, &res);
    req_free(r);
}

static void check_multi_info(struct http_client *c)
{
    CURLMsg *msg;
    int left;
    while (!c->closing && (msg = curl_multi_info_read(c->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        struct req *r = NULL;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
        if (r)
            req_finish(r, msg->data.result, false); /* may close c */
    }
}

#define SETOPT(opt, val)                                                       \
    do {                                                                       \
        CURLcode sc_ = curl_easy_setopt(r->easy, opt, val);                    \
        if (sc_ != CURLE_OK) {                                                 \
            snprintf(err, errlen, "http_client: %s: %s", #opt,                 \
                     curl_easy_strerror(sc_));                                 \
            goto fail;                                                         \
        }                                                                      \
    } while (0)

int http_client_request(struct http_client *c, const struct http_client_req *rq,
                        http_client_cb cb, void *arg, char *err, size_t errlen)
{
    struct req *r = NULL;
    if (c->closing) {
        snprintf(err, errlen, "http_client: closing");
        return -1;
    }
    if (!rq->method || !rq->url || !cb) {
        snprintf(err, errlen, "http_client: method, url and callback are required");
        return -1;
    }
    r = calloc(1, sizeof *r);
    if (!r || !(r->easy = curl_easy_init())) {
        snprintf(err, errlen, "http_client: out of memory");
        goto fail;
    }
    r->c = c;
    r->cb = cb;
    r->arg = arg;
    for (const char *const *h = rq->headers; h && *h; h++) {
        struct curl_slist *l = curl_slist_append(r->headers, *h);
        if (!l) {
            snprintf(err, errlen, "http_client: out of memory");
            goto fail;
        }
        r->headers = l;
    }
    /* No "Expect: 100-continue" round trip before a larger body. */
    struct curl_slist *l = curl_slist_append(r->headers, "Expect:");
    if (!l) {
        snprintf(err, errlen, "http_client: out of memory");
        goto fail;
    }
    r->headers = l;

    SETOPT(CURLOPT_URL, rq->url);
    SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
    SETOPT(CURLOPT_NOSIGNAL, 1L);
    SETOPT(CURLOPT_PRIVATE, (void *)r);
    SETOPT(CURLOPT_WRITEFUNCTION, write_cb);
    SETOPT(CURLOPT_WRITEDATA, (void *)r);
    SETOPT(CURLOPT_ERRORBUFFER, r->errbuf);
    SETOPT(CURLOPT_TIMEOUT_MS, rq->timeout_ms > 0 ? rq->timeout_ms : (long)HTTP_CLIENT_TIMEOUT_MS);
    SETOPT(CURLOPT_TCP_KEEPALIVE, 1L);
    SETOPT(CURLOPT_USERAGENT, "checkin-gateway");
    SETOPT(CURLOPT_HTTPHEADER, r->headers);
    if (rq->userpwd) {
        SETOPT(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        SETOPT(CURLOPT_USERPWD, rq->userpwd);
    }
    if (strcmp(rq->method, "GET") == 0 && !rq->body) {
        SETOPT(CURLOPT_HTTPGET, 1L);
    } else {
        if (strcmp(rq->method, "POST") != 0)
            SETOPT(CURLOPT_CUSTOMREQUEST, rq->method);
        SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(rq->body ? rq->body_len : 0));
        SETOPT(CURLOPT_COPYPOSTFIELDS, rq->body ? rq->body : "");
    }

    CURLMcode mc = curl_multi_add_handle(c->multi, r->easy);
    if (mc != CURLM_OK) {
        snprintf(err, errlen, "http_client: curl_multi_add_handle: %s", curl_multi_strerror(mc));
        goto fail;
    }
    r->next = c->reqs;
    if (c->reqs)
        c->reqs->prev = r;
    c->reqs = r;
    c->pending++;
    return 0;

fail:
    req_free(r);
    return -1;
}

#undef SETOPT

size_t http_client_pending(const struct http_client *c) { return c->pending; }

int http_client_new(struct http_client **out, uv_loop_t *loop, char *err, size_t errlen)
{
    call_once(&curl_once, curl_init);
    if (curl_init_rc != CURLE_OK) {
        snprintf(err, errlen, "http_client: curl_global_init: %s", curl_easy_strerror(curl_init_rc));
        return -1;
    }
    struct http_client *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "http_client: out of memory");
        return -1;
    }
    c->loop = loop;
    c->multi = curl_multi_init();
    if (!c->multi) {
        snprintf(err, errlen, "http_client: curl_multi_init failed");
        free(c);
        return -1;
    }
    if (curl_multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, sock_cb) != CURLM_OK ||
        curl_multi_setopt(c->multi, CURLMOPT_SOCKETDATA, (void *)c) != CURLM_OK ||
        curl_multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, timer_cb) != CURLM_OK ||
        curl_multi_setopt(c->multi, CURLMOPT_TIMERDATA, (void *)c) != CURLM_OK) {
        snprintf(err, errlen, "http_client: curl_multi_setopt failed");
        curl_multi_cleanup(c->multi);
        free(c);
        return -1;
    }
    int rc = uv_timer_init(loop, &c->timer);
    if (rc != 0) {
        snprintf(err, errlen, "http_client: uv_timer_init: %s", uv_strerror(rc));
        curl_multi_cleanup(c->multi);
        free(c);
        return -1;
    }
    c->timer.data = c;
    *out = c;
    return 0;
}

void http_client_close(struct http_client *c, void (*done)(void *arg), void *arg)
{
    if (!c || c->closing)
        return;
    c->closing = true;
    c->done = done;
    c->done_arg = arg;
    while (c->reqs)
        req_finish(c->reqs, CURLE_ABORTED_BY_CALLBACK, true);
    /* Closes the cached connections; curl asks us to stop watching each. */
    curl_multi_cleanup(c->multi);
    c->multi = NULL;
    while (c->socks) /* any socket curl did not tell us about */
        sock_close(c, c->socks);
    uv_timer_stop(&c->timer);
    c->closes_pending++;
    uv_close((uv_handle_t *)&c->timer, on_timer_closed);
}
