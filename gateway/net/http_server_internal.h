/* SPDX-License-Identifier: Apache-2.0 */
/* http_server_internal.h: what the pieces of the HTTP listener share: the
 * server (struct http_server), its routes, tracked connections and
 * requests, its limits, and the functions one piece calls in another. Not
 * for use outside gateway/net/: the interface is net/http_server.h. The
 * pieces, one job each:
 *
 *   http_server.c          the design (its header comment), MHD set up and
 *                          driven from the loop, its diagnostics, the
 *                          limits, start / close
 *   http_server_request.c  reading a request: framing check, body, form
 *   http_server_route.c    routing and answering, deferred answers
 *   http_server_guard.c    slow clients, a full listener, forgery warnings */
#ifndef GW_HTTP_SERVER_INTERNAL_H
#define GW_HTTP_SERVER_INTERNAL_H

#include "net/http_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "base/log.h"

#define ROUTES_MAX       64
/* Providers whose forgeries are rate-limited apart; more share the last. */
#define FORBID_KINDS     16
#define ROUTE_PATH_MAX   256
#define ROUTE_METHOD_MAX 16

/* Kannel alone may open 512 parallel connections to us; a short accept
 * queue or a low connection cap makes a burst fail at the provider. */
#define LISTEN_BACKLOG   1024
/* While the listener is full, MHD is run at least this often (see
 * watch_limit). */
#define FULL_RUN_MS 1000
/* Seconds of silence after which MHD drops a connection (idle clients). */
#define CONNECTION_TIMEOUT 15
/* The default time a connection gets to deliver one whole request, counted
 * from its accept or the end of its previous request (slow clients). */
#define REQUEST_TIMEOUT_DEFAULT 30
#define SWEEP_MS 1000
/* Per-connection memory pool: bounds the request line plus headers (MHD
 * answers 431 past it, counted through its error log: count_mhd_answer).
 * Bodies are copied out, so they do not count. */
#define CONNECTION_MEMORY (32 * 1024)
/* A body longer than declared cannot reach us (MHD reads Content-Length
 * bytes; chunked bodies are refused), but should one, it is read and thrown
 * away so the client gets its 413 cleanly; past this much we close. */
#define DISCARD_MAX (16 * HTTP_BODY_MAX)

#define DEFAULT_CONTENT_TYPE "text/plain; charset=utf-8"
#define FORM_CONTENT_TYPE    "application/x-www-form-urlencoded"

struct route {
    char method[ROUTE_METHOD_MAX];
    char path[ROUTE_PATH_MAX]; /* without the trailing '*' for a prefix */
    size_t path_len;
    int prefix;
    http_handler h;
    void *ctx;
};

/* One TCP connection, from MHD's "started" to its "closed" notice. */
struct conn {
    struct conn *prev, *next;
    int fd;
    uint64_t since_ms; /* accept, or the end of the last request (loop time) */
    int cut;           /* shut down by the sweep; MHD closes it next */
};

struct http_server {
    uv_loop_t *loop;
    struct MHD_Daemon *daemon;
    uv_poll_t poll;
    uv_timer_t timer;
    uv_timer_t sweep;
    int poll_inited;
    int timer_inited;
    int sweep_inited;
    int open_handles; /* handles still waiting for their close callback */
    int port;
    char addr[INET_ADDRSTRLEN];

    struct route routes[ROUTES_MAX];
    size_t nroutes;

    struct conn *conns; /* every open connection */
    struct req *deferred; /* suspended requests waiting for their answer */
    int resume_pending;   /* a connection was resumed: MHD must run soon */
    int request_timeout_ms;
    struct http_server_stats stats;

    /* http_forbid's warnings, rate-limited per provider (by name). */
    struct forbid_kind {
        char provider[32];
        struct log_limit limit;
    } forbid[FORBID_KINDS];

    int conn_limit;    /* MHD_OPTION_CONNECTION_LIMIT */
    int per_address;   /* MHD_OPTION_PER_IP_CONNECTION_LIMIT */
    int nconns;        /* open connections, as MHD reported them */
    int accept_paused; /* MHD said accept() ran out of descriptors */
    int was_full;      /* full after the last run: see watch_limit */
    uint64_t full_logged_ms;

    int in_run;      /* inside MHD_run(): MHD_stop_daemon() must wait */
    int closing;     /* http_server_close() was called */
    int run_failing; /* last MHD_run() failed: log transitions, not floods */
    int starting;    /* MHD messages go into start_msg, not the log */
    char start_msg[256];
    void (*done)(void *arg);
    void *done_arg;
};

/* One request's state, from MHD's first access-handler call to its
 * completion callback. */
struct req {
    struct http_server *srv;
    struct MHD_Connection *conn;
    char *body; /* NUL-terminated once complete; NULL when no body came */
    size_t body_len;
    size_t body_cap;
    size_t discarded; /* bytes thrown away after the body went over the limit */
    int too_big;
    int close_after;    /* answer with "Connection: close" */
    char *form;         /* decoded copy of a form body: keys and values */
    const char **pairs; /* key0, value0, key1, value1, ... into form */
    size_t npairs;

    /* http_defer(): NONE, or WAITING for http_deferred_answer(), or
     * ANSWERED with the answer kept here until MHD calls us again. */
    enum { DEFER_NONE, DEFER_WAITING, DEFER_ANSWERED } defer;
    int suspended;                 /* in srv->deferred, connection suspended */
    int orphan;                    /* the connection is gone: the answer frees rq */
    struct http_response answer;
    struct req *dprev, *dnext;     /* srv->deferred */
};

/* Shared between the pieces; each is described where it is defined. */
/* http_server.c */
void http_server_timer_cb(uv_timer_t *t);
void http_server_run_mhd(struct http_server *s);

/* http_server_guard.c */
void http_server_sweep_cb(uv_timer_t *t);
void http_server_watch_limit(struct http_server *s);
void http_server_connection_cb(void *cls, struct MHD_Connection *conn, void **socket_context,
                               enum MHD_ConnectionNotificationCode toe);

/* http_server_request.c */
void http_server_req_free(struct req *rq);
unsigned int http_server_framing_error(struct MHD_Connection *conn, const char **why);
int http_server_is_form(struct MHD_Connection *conn);
int http_server_parse_form(struct req *rq);
int http_server_take_chunk(struct req *rq, const char *data, size_t len);

/* http_server_route.c */
void http_server_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe);
enum MHD_Result http_server_access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls);

#endif
