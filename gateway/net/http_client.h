/* SPDX-License-Identifier: Apache-2.0 */
/* http_client.h: a small asynchronous HTTP client for the providers that
 * talk to a peer over HTTP (twilio, kannel, android). libcurl's multi
 * interface is driven by the libuv loop (a uv_poll_t per socket, one
 * uv_timer_t for curl's timeouts): no threads, no blocking calls.
 * Connections are kept alive and reused across requests to the same host.
 *
 * Every accepted request completes exactly once through its callback: with
 * an HTTP status (any, 4xx and 5xx included), or with a transport error
 * (connection refused, timeout, TLS, body too large), or cancelled by
 * http_client_close(). */
#ifndef GW_HTTP_CLIENT_H
#define GW_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <uv.h>

/* A response body larger than this fails the request (CURLE_WRITE_ERROR). */
#define HTTP_CLIENT_BODY_MAX (4 * 1024 * 1024)
/* Used when a request gives no timeout. */
#define HTTP_CLIENT_TIMEOUT_MS 30000

struct http_client;

/* One request. Everything is borrowed for the http_client_request() call
 * only (the body and headers are copied). */
struct http_client_req {
    const char *method;              /* "GET", "POST", ... */
    const char *url;                 /* http:// or https:// only */
    const char *const *headers;      /* "Name: value", NULL-terminated; may be NULL */
    const char *body;                /* may be NULL */
    size_t body_len;
    const char *userpwd;             /* "user:password" for Basic auth, or NULL */
    long timeout_ms;                 /* the whole request; 0 = HTTP_CLIENT_TIMEOUT_MS */
};

/* What a completed request produced. All borrowed for the callback's call. */
struct http_client_result {
    int status;           /* HTTP status, or 0 when no response came back */
    const char *body;     /* NUL-terminated response body; "" when none */
    size_t body_len;
    int curl_code;        /* CURLcode: 0 when an HTTP answer was read whole */
    const char *error;    /* "" on success, else a human line (curl's words) */
    bool timed_out;       /* the request's timeout_ms ran out */
    bool cancelled;       /* http_client_close() ended it */
    bool reused;          /* it went over a kept-alive connection */
};

typedef void (*http_client_cb)(void *arg, const struct http_client_result *r);

/* Makes a client on loop. Returns 0 and *out (free with http_client_close),
 * or -1 with err filled. */
int http_client_new(struct http_client **out, uv_loop_t *loop, char *err, size_t errlen);

/* Starts a request; cb(arg, result) is called later, exactly once, from the
 * loop (never before this returns). Returns 0, or -1 with err filled and cb
 * never called (bad arguments, out of memory, client closing). */
int http_client_request(struct http_client *c, const struct http_client_req *rq,
                        http_client_cb cb, void *arg, char *err, size_t errlen);

/* Requests started and not yet completed. */
size_t http_client_pending(const struct http_client *c);

/* Ends every request in flight (each callback runs, with cancelled set,
 * before this returns), closes the connections and the loop handles, then
 * calls done(arg) from the loop and frees c. NULL c is a no-op; done may be
 * NULL. Safe to call from a request's callback. */
void http_client_close(struct http_client *c, void (*done)(void *arg), void *arg);

#endif
