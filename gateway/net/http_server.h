/* SPDX-License-Identifier: Apache-2.0 */
/* http_server.h: the one HTTP listener (inbound webhooks, /healthz,
 * /metrics), built on libmicrohttpd and driven from the libuv loop through
 * MHD's epoll descriptor (a uv_poll_t plus a uv_timer_t for MHD's timeouts):
 * no extra threads, no hand-written HTTP parser.
 *
 * Handlers run on the loop with the whole request body collected, and
 * answer at once or later (http_defer). Bodies over the limit get 413
 * before the handler runs. */
#ifndef GW_HTTP_SERVER_H
#define GW_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#define HTTP_BODY_MAX (64 * 1024)
/* Responses are counted by status code below this. */
#define HTTP_STATUS_MAX 600

struct http_server;

struct http_request {
    const char *method;   /* "GET", "POST", ... */
    const char *path;     /* "/sms/spool", without the query string */
    const char *body;     /* NUL-terminated copy of the body; "" when none */
    size_t body_len;
    void *impl;           /* the server's own; use the accessors below */
};

/* A request header's value, or NULL. Borrowed for the handler's call. */
const char *http_request_header(const struct http_request *r, const char *name);
/* A query-string argument, or for application/x-www-form-urlencoded POSTs a
 * form field, decoded; NULL if absent. Borrowed for the handler's call. */
const char *http_request_arg(const struct http_request *r, const char *name);
/* A query-string argument only (never a form field), decoded; NULL if
 * absent. Borrowed for the handler's call. */
const char *http_request_query(const struct http_request *r, const char *name);

struct http_response {
    int status;               /* default 200 */
    char content_type[64];    /* default "text/plain; charset=utf-8" */
    char *body;               /* malloc'd, taken by the server; may be NULL */
    size_t body_len;
};

/* Sets status, content type and a printf-formatted body. */
void http_response_printf(struct http_response *r, int status, const char *content_type,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));

typedef void (*http_handler)(void *ctx, const struct http_request *req,
                             struct http_response *resp);

/* Deferred answers, for a handler whose answer must wait for something
 * that happens later on the loop (the group commit of inbound messages).
 * Called inside the handler, http_defer() says the answer comes later: the
 * handler leaves resp alone and returns, and the connection waits
 * (suspended: its socket is not read, its idle timer stops) until
 * http_deferred_answer() is called, exactly once, from anywhere on the
 * loop, even before the handler returned. It takes resp->body. If the
 * listener closes first, the request is dropped (the peer offers it again)
 * and the late answer only frees what it was given. */
struct http_deferred;
struct http_deferred *http_defer(const struct http_request *req);
void http_deferred_answer(struct http_deferred *d, struct http_response *resp);

/* How much of the process the listener may hold. At start the connection
 * limit is lowered, and logged, so that it and HTTP_FD_RESERVE fit the
 * descriptor limit (RLIMIT_NOFILE, whose soft value is first raised as far
 * as the hard one allows and the limit needs). */
struct http_server_limits {
    int connections; /* open at once, all clients together; 0: HTTP_CONNECTIONS_DEFAULT */
    int per_address; /* open at once from one IPv4 address; 0: HTTP_PER_ADDRESS_DEFAULT, and
                        never more than connections */
};
#define HTTP_CONNECTIONS_DEFAULT 1024
#define HTTP_PER_ADDRESS_DEFAULT 768
/* Descriptors kept free for everything else: outbound sends (libcurl opens
 * one per request), the database and its journal, a modem, spool watches,
 * the loop's own. A full listener must never leave an alert unsendable. */
#define HTTP_FD_RESERVE 256
/* The fewest connections the listener is lowered to, however few
 * descriptors there are. */
#define HTTP_CONNECTIONS_MIN 16

/* The connection limit that fits nofile descriptors beside HTTP_FD_RESERVE
 * (wanted, or less; at least HTTP_CONNECTIONS_MIN). Pure. */
int http_connections_fit(int wanted, uint64_t nofile);

/* Listens on addr:port (numeric IPv4; port 0 picks a free one); limits NULL
 * means the defaults. Returns 0 and *out, or -1 with err filled ("http:
 * cannot listen on 127.0.0.1:8780: Address already in use"). */
int http_server_start(struct http_server **out, uv_loop_t *loop, const char *addr, int port,
                      const struct http_server_limits *limits, char *err, size_t errlen);
/* The port actually bound. */
int http_server_port(const struct http_server *s);
/* The limits in force (after lowering to fit the descriptors). */
struct http_server_limits http_server_limits_in_force(const struct http_server *s);
/* Routes method+path to h. A path ending in '*' matches that prefix. Exact
 * routes win over prefixes. Unknown paths get 404, a known path with
 * another method 405. Returns 0, or -1 if the table is full. ctx borrowed. */
int http_server_route(struct http_server *s, const char *method, const char *path,
                      http_handler h, void *ctx);
/* The time a connection gets to deliver one whole request (headers and
 * body), counted from its accept or the end of its previous request;
 * a client slower than that is dropped (default 30 s). seconds > 0. */
void http_server_set_request_timeout(struct http_server *s, int seconds);

/* What the listener has done since it started, for /metrics. */
struct http_server_stats {
    uint64_t connections;                   /* accepted */
    uint64_t slow_dropped;                  /* cut by the request deadline */
    uint64_t forbidden;                     /* refused by their route's origin check (forged) */
    uint64_t responses[HTTP_STATUS_MAX];    /* by status code, ours and MHD's own (431...) */
};
/* Borrowed; valid until the server is closed. NULL for NULL. */
const struct http_server_stats *http_server_stats(const struct http_server *s);

/* The one answer to a request that failed its route's origin check (a
 * provider's signature or shared secret): 403, counted in the stats, and a
 * warning that names the provider, the path and the reason, never the body
 * or the arguments (they may hold a person's message or the secret that was
 * tried). Forgeries cost a stranger nothing, so the warnings are rate-limited
 * per provider (LOG_LIMIT_PER_MINUTE, then one http.forbidden_suppressed
 * line a minute with the count). */
void http_forbid(const struct http_request *req, struct http_response *resp,
                 const char *provider, const char *reason);

/* Stops listening and closes the loop handles; calls done(arg) when the last
 * handle is closed, then frees s. In-flight requests are dropped. */
void http_server_close(struct http_server *s, void (*done)(void *arg), void *arg);

#endif
