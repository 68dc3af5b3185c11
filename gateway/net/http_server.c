/* SPDX-License-Identifier: Apache-2.0 */
/* http_server.c: the one HTTP listener, libmicrohttpd driven from the libuv
 * loop. MHD runs in "external epoll" mode: its epoll descriptor is watched by
 * a uv_poll_t and MHD_run() is called when it turns readable; a uv_timer_t is
 * re-armed from MHD_get_timeout() after every MHD_run() so that connection
 * timeouts and MHD's internally pending work (edge-triggered sockets it has
 * not drained yet) are served too. No threads are started.
 *
 * A request goes through the access handler in three steps (MHD's protocol):
 * the first call sees only the headers (we refuse ambiguous framing with
 * 400 or 501 and close, route it, and may answer 404, 405 or 413 at once,
 * without reading the body: framing_error); the middle calls hand us body
 * chunks, which we copy up to HTTP_BODY_MAX; the last call (no more data)
 * decodes the form fields, runs the route's handler and queues its answer.
 * A handler that defers its answer (http_defer) has its connection
 * suspended; http_deferred_answer() keeps the answer and resumes it, and
 * MHD then calls the handler a fourth time, which queues the answer.
 * Per-request state is freed in MHD's "request completed" callback, which
 * MHD also calls for requests dropped by MHD_stop_daemon().
 *
 * Slow clients: MHD's own timeout drops a connection that stays silent, but
 * a client that trickles one byte every few seconds (slowloris) never looks
 * idle to it. So every connection is also tracked from its accept (and
 * again from the end of each of its requests) and a once-a-second sweep
 * shuts down the socket of one that has not finished a request within the
 * request deadline; MHD then sees the end of the stream and closes it
 * itself. Body size, header size and both timeouts bound what one client
 * can hold; the connection limit bounds how many. */
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

static void run_mhd(struct http_server *s);
static void finish_close(struct http_server *s);

/* --- the loop side ------------------------------------------------------ */

static void timer_cb(uv_timer_t *t)
{
    run_mhd(t->data);
}

/* Shuts down every connection that has been on one request for longer than
 * the request deadline. shutdown() leaves the descriptor to MHD: the next
 * read sees the end of the stream and MHD closes and frees the connection
 * as it would for a client that hung up. */
static void flush_forbidden(struct http_server *s, uint64_t now);

static void sweep_cb(uv_timer_t *t)
{
    struct http_server *s = t->data;
    uint64_t now = uv_now(s->loop);
    int cut = 0;
    flush_forbidden(s, now);
    for (struct conn *c = s->conns; c; c = c->next) {
        if (c->cut || now - c->since_ms < (uint64_t)s->request_timeout_ms) continue;
        c->cut = 1;
        cut++;
        s->stats.slow_dropped++;
        (void)shutdown(c->fd, SHUT_RDWR);
    }
    if (cut) {
        log_warn("http.slow_client", "addr=%s port=%d dropped=%d reason=\"no complete request"
                 " within %d ms\"", s->addr, s->port, cut, s->request_timeout_ms);
        run_mhd(s);
    }
}

static void poll_cb(uv_poll_t *p, int status, int events)
{
    struct http_server *s = p->data;
    (void)events;
    /* libuv stops a poll handle that reports an error: from here on only
     * the timer drives MHD, so this must be loud. It does not happen with a
     * healthy epoll descriptor. */
    if (status < 0)
        log_error("http.error",
                  "op=uv_poll addr=%s port=%d reason=\"%s\" effect=\"listener not polled\"",
                  s->addr, s->port, uv_strerror(status));
    /* Run MHD anyway: it finds out for itself what is ready. */
    run_mhd(s);
}

/* Arms the timer for MHD's next deadline, or stops it when MHD has none. A
 * deadline of 0 means MHD has work pending already (sockets it has not
 * drained); the timer then fires on the next loop iteration. */
static void arm_timer(struct http_server *s)
{
    MHD_UNSIGNED_LONG_LONG ms = 0;
    if (MHD_get_timeout(s->daemon, &ms) != MHD_YES) {
        uv_timer_stop(&s->timer);
        return;
    }
    uv_timer_start(&s->timer, timer_cb, (uint64_t)ms, 0);
}

/* MHD takes its listening socket out of its epoll set while it is full (at
 * its connection limit, or after accept() ran out of descriptors) and puts
 * it back only at the start of an MHD_run(). If the connections that filled
 * it all close within one run, nothing is left to wake MHD: no connection
 * has a timeout, so the timer stops, and the epoll set is empty, so the
 * poll never fires; the listener would be dead for good. So while it is
 * full MHD runs at least once a second, and in the run after it stopped
 * being full MHD runs again at once, which puts the socket back. Called
 * after arm_timer(), whose timer it only shortens. */
static void watch_limit(struct http_server *s)
{
    int full = s->nconns >= s->conn_limit || s->accept_paused;
    uint64_t due = uv_timer_get_due_in(&s->timer);
    int armed = uv_is_active((uv_handle_t *)&s->timer);
    if (full) {
        if (!armed || due > FULL_RUN_MS) uv_timer_start(&s->timer, timer_cb, FULL_RUN_MS, 0);
    } else if (s->was_full) {
        uv_timer_start(&s->timer, timer_cb, 0, 0);
    }
    /* A flood can fill and drain it many times a second: one line a minute. */
    uint64_t now = uv_now(s->loop);
    if (full && !s->was_full && (!s->full_logged_ms || now - s->full_logged_ms >= 60000)) {
        s->full_logged_ms = now;
        log_warn("http.full", "addr=%s port=%d connections=%d limit=%d reason=\"%s\"", s->addr,
                 s->port, s->nconns, s->conn_limit,
                 s->accept_paused ? "out of descriptors" : "connection limit");
    }
    s->was_full = full;
}

/* Lets MHD accept, read, call handlers, write and expire connections, then
 * re-arms the timer. A close requested by a handler during MHD_run() is
 * carried out here, once MHD has returned. */
static void run_mhd(struct http_server *s)
{
    if (s->closing || !s->daemon) return;
    s->resume_pending = 0;
    s->in_run = 1;
    enum MHD_Result ok = MHD_run(s->daemon);
    s->in_run = 0;
    if (s->closing) {
        finish_close(s);
        return;
    }
    if (ok != MHD_YES) {
        if (!s->run_failing)
            log_error("http.error", "op=MHD_run addr=%s port=%d reason=\"MHD_run failed\"", s->addr,
                      s->port);
        s->run_failing = 1;
    } else if (s->run_failing) {
        log_warn("http.recovered", "op=MHD_run addr=%s port=%d", s->addr, s->port);
        s->run_failing = 0;
    }
    arm_timer(s);
    watch_limit(s);
    /* Resumed during the run (a handler flushed a batch): MHD takes
     * resumed connections up at the start of a run, so run again soon. */
    if (s->resume_pending) uv_timer_start(&s->timer, timer_cb, 0, 0);
}

/* Frees s, then tells the closer (done may free whatever owned s). */
static void free_server(struct http_server *s)
{
    void (*done)(void *) = s->done;
    void *arg = s->done_arg;
    free(s);
    if (done) done(arg);
}

static void handle_closed_cb(uv_handle_t *h)
{
    struct http_server *s = h->data;
    if (--s->open_handles == 0) free_server(s);
}

/* Deregisters the epoll descriptor from the loop while it is still open
 * (uv_close does that at once; only the callback is deferred), then stops
 * MHD, which closes it together with the listening socket and every
 * connection. s is freed in the last close callback, or here if no handle
 * was ever initialised. */
static void finish_close(struct http_server *s)
{
    if (s->poll_inited) {
        s->open_handles++;
        uv_close((uv_handle_t *)&s->poll, handle_closed_cb);
    }
    if (s->timer_inited) {
        s->open_handles++;
        uv_close((uv_handle_t *)&s->timer, handle_closed_cb);
    }
    if (s->sweep_inited) {
        s->open_handles++;
        uv_close((uv_handle_t *)&s->sweep, handle_closed_cb);
    }
    /* MHD must not be stopped with suspended connections. Their requests
     * are dropped (not answered: the peer offers them again); the late
     * answer finds them orphaned and only frees them. */
    while (s->deferred) {
        struct req *rq = s->deferred;
        s->deferred = rq->dnext;
        rq->suspended = 0;
        rq->orphan = 1;
        rq->dprev = rq->dnext = NULL;
        MHD_resume_connection(rq->conn);
    }
    if (s->daemon) {
        MHD_stop_daemon(s->daemon);
        s->daemon = NULL;
    }
    /* MHD reports every connection closed while stopping; in case one was
     * not, its record must not outlive the server. */
    while (s->conns) {
        struct conn *c = s->conns;
        s->conns = c->next;
        free(c);
    }
    if (s->open_handles == 0) free_server(s);
}

/* --- MHD callbacks ------------------------------------------------------ */

/* The answers MHD writes itself (431 for headers past CONNECTION_MEMORY,
 * 414, 413 for a Content-Length past 2^64, 400, 505...) never pass through
 * queue(), and MHD has no callback that reports them. Its only trace is
 * the error-log line it writes first, whose arguments are the status code
 * and the text; so that line is counted here, and taken back when MHD
 * follows it with "too late" (the status was not sent after all).
 * test_http_server checks this against the installed libmicrohttpd. */
static const char MHD_ERROR_ANSWER[] = "Error processing request (HTTP response code is %u";
static const char MHD_ERROR_TOO_LATE[] = "Too late to send an error response";
/* MHD's only word that it stopped accepting for lack of descriptors (it does
 * so while it has connections; they closing lets it accept again). */
static const char MHD_ACCEPT_PAUSED[] = "Hit process or system resource limit at %u";

static void count_mhd_answer(struct http_server *s, const char *fmt, va_list ap)
{
    int sent = strncmp(fmt, MHD_ERROR_ANSWER, sizeof MHD_ERROR_ANSWER - 1) == 0;
    if (!sent && strncmp(fmt, MHD_ERROR_TOO_LATE, sizeof MHD_ERROR_TOO_LATE - 1) != 0)
        return;
    va_list aq;
    va_copy(aq, ap);
    unsigned int status = va_arg(aq, unsigned int);
    va_end(aq);
    if (status >= HTTP_STATUS_MAX)
        return;
    if (sent)
        s->stats.responses[status]++;
    else if (s->stats.responses[status] > 0)
        s->stats.responses[status]--;
}

/* MHD's own diagnostics. While starting they become the error message
 * ("Failed to bind to port 8780: Address already in use"); afterwards they
 * are logged. They never hold request bodies. */
static void mhd_log_cb(void *cls, const char *fmt, va_list ap)
{
    struct http_server *s = cls;
    char msg[256];
    count_mhd_answer(s, fmt, ap);
    if (strncmp(fmt, MHD_ACCEPT_PAUSED, sizeof MHD_ACCEPT_PAUSED - 1) == 0) s->accept_paused = 1;
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (msg[i] == '"') msg[i] = '\'';
    if (s->starting) {
        snprintf(s->start_msg, sizeof s->start_msg, "%s", msg);
        return;
    }
    log_warn("http.mhd", "addr=%s port=%d msg=\"%s\"", s->addr, s->port, msg);
}

static void req_free(struct req *rq)
{
    if (!rq) return;
    free(rq->answer.body);
    free(rq->body);
    free(rq->form);
    free(rq->pairs);
    free(rq);
}

/* Tracks each TCP connection for the slow-client sweep. A connection we
 * cannot track (out of memory) is still served, only not swept. */
static void connection_cb(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    struct http_server *s = cls;
    struct conn *c = *socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        s->nconns++;
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        c = ci ? calloc(1, sizeof *c) : NULL;
        if (!c) return;
        c->fd = ci->connect_fd;
        c->since_ms = uv_now(s->loop);
        c->next = s->conns;
        if (s->conns) s->conns->prev = c;
        s->conns = c;
        *socket_context = c;
        s->stats.connections++;
        return;
    }
    s->nconns--;
    s->accept_paused = 0; /* as MHD does: one closed, accept() may work again */
    if (!c) return;
    if (c->prev) c->prev->next = c->next;
    else s->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    free(c);
    *socket_context = NULL;
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_server *s = cls;
    struct req *rq = *con_cls;
    (void)toe;
    if (rq && (rq->defer == DEFER_WAITING || rq->orphan)) {
        /* Its answer is still to come (the listener is stopping): the
         * answer frees it. */
        rq->orphan = 1;
        rq->conn = NULL;
    } else {
        req_free(rq);
    }
    *con_cls = NULL;
    /* A kept-alive connection gets the whole deadline for its next request. */
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct conn *c = ci ? ci->socket_context : NULL;
    if (c && s->loop) c->since_ms = uv_now(s->loop);
}

/* Queues a response whose body is taken (malloc'd, freed by MHD or here).
 * content_type NULL means none. Returns MHD's verdict; on MHD_NO MHD closes
 * the connection. */
static enum MHD_Result queue(struct req *rq, unsigned int status, const char *content_type,
                             const char *allow, char *body, size_t body_len)
{
    struct MHD_Connection *conn = rq->conn;
    struct MHD_Response *r;
    if (status < HTTP_STATUS_MAX) rq->srv->stats.responses[status]++;
    if (body && body_len > 0) {
        r = MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_MUST_FREE);
        if (!r) free(body);
    } else {
        free(body);
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (!r) {
        log_error("http.error", "op=create_response status=%u reason=\"out of memory\"", status);
        return MHD_NO;
    }
    enum MHD_Result ok = MHD_YES;
    if (content_type &&
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) != MHD_YES)
        ok = MHD_NO;
    if (ok == MHD_YES && allow &&
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow) != MHD_YES)
        ok = MHD_NO;
    if (ok == MHD_YES && rq->close_after &&
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES)
        ok = MHD_NO;
    if (ok == MHD_YES) ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    if (ok != MHD_YES)
        log_error("http.error", "op=queue_response status=%u reason=\"MHD refused the response\"",
                  status);
    return ok;
}

/* A short plain-text answer the server writes itself (404, 413, 500...). */
static enum MHD_Result queue_text(struct req *rq, unsigned int status, const char *text,
                                  const char *allow)
{
    size_t n = strlen(text);
    char *body = malloc(n + 1);
    if (body) memcpy(body, text, n + 1);
    return queue(rq, status, DEFAULT_CONTENT_TYPE, allow, body, body ? n : 0);
}

/* --- message framing ----------------------------------------------------- */

/* What the headers say about where the body ends. */
struct framing {
    int content_lengths;        /* Content-Length headers */
    int lengths_differ;         /* ... with more than one value */
    const char *content_length; /* the first one */
    int transfer_encodings;     /* Transfer-Encoding headers */
    int bad_name;               /* a header name with a blank or control character */
};

static enum MHD_Result framing_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    struct framing *f = cls;
    (void)kind;
    if (!key) return MHD_YES;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        if (*p <= ' ' || *p == 0x7f) f->bad_name = 1;
    if (!*key) f->bad_name = 1;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
        if (f->content_lengths++ == 0) f->content_length = value;
        else if (!value || !f->content_length || strcmp(value, f->content_length) != 0)
            f->lengths_differ = 1;
    } else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        f->transfer_encodings++;
    }
    return MHD_YES;
}

/* Refuses a request whose body's end another server could see elsewhere
 * (request smuggling through a front proxy: the body would hide a second
 * request) or whose body we would wait for in vain. Chunked request bodies
 * are refused too: libmicrohttpd reads any chunk size up to 2^60 and then
 * waits for the data, and no provider sends them (RFC 9112 lets a server
 * ask for a Content-Length). Returns 0, or the status to answer with (and
 * close), why set. */
static unsigned int framing_error(struct MHD_Connection *conn, const char **why)
{
    struct framing f = {0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, framing_cb, &f);
    if (f.bad_name) {
        *why = "blank or control character in a header name";
        return MHD_HTTP_BAD_REQUEST;
    }
    if (f.transfer_encodings && f.content_lengths) {
        *why = "Content-Length together with Transfer-Encoding";
        return MHD_HTTP_BAD_REQUEST;
    }
    if (f.lengths_differ) {
        *why = "Content-Length headers that differ";
        return MHD_HTTP_BAD_REQUEST;
    }
    if (f.transfer_encodings) {
        *why = "Transfer-Encoding (send the body with Content-Length)";
        return MHD_HTTP_NOT_IMPLEMENTED;
    }
    return 0;
}

static int route_matches_path(const struct route *rt, const char *path)
{
    if (rt->prefix) return strncmp(path, rt->path, rt->path_len) == 0;
    return strcmp(path, rt->path) == 0;
}

/* The route for method+path: an exact route if one matches, else the
 * longest matching prefix; NULL if none serves that method. */
static const struct route *find_route(const struct http_server *s, const char *method,
                                      const char *path)
{
    const struct route *best = NULL;
    for (size_t i = 0; i < s->nroutes; i++) {
        const struct route *rt = &s->routes[i];
        if (strcmp(rt->method, method) != 0 || !route_matches_path(rt, path)) continue;
        if (!rt->prefix) return rt;
        if (!best || rt->path_len > best->path_len) best = rt;
    }
    return best;
}

/* Writes into allow ("GET, POST") every method some route serves for path.
 * Returns how many, 0 meaning the path is unknown. */
static size_t allowed_methods(const struct http_server *s, const char *path, char *allow,
                              size_t cap)
{
    size_t count = 0, used = 0;
    allow[0] = '\0';
    for (size_t i = 0; i < s->nroutes; i++) {
        const struct route *rt = &s->routes[i];
        if (!route_matches_path(rt, path)) continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(s->routes[j].method, rt->method) == 0 &&
                   route_matches_path(&s->routes[j], path);
        if (seen) continue;
        int k = snprintf(allow + used, cap - used, "%s%s", count ? ", " : "", rt->method);
        if (k < 0 || (size_t)k >= cap - used)
            break; /* cannot happen with ROUTES_MAX short methods; keep what fits */
        used += (size_t)k;
        count++;
    }
    return count;
}

static int is_form(struct MHD_Connection *conn)
{
    const char *ct =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    size_t n = strlen(FORM_CONTENT_TYPE);
    if (!ct || strncasecmp(ct, FORM_CONTENT_TYPE, n) != 0) return 0;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

/* '+' is a space in form encoding (a literal plus arrives as %2B, so this
 * must happen before %XX decoding); then %XX in place. */
static void form_unescape(char *p)
{
    for (char *q = p; *q; q++)
        if (*q == '+') *q = ' ';
    MHD_http_unescape(p);
}

/* Decodes an application/x-www-form-urlencoded body into rq->pairs. "a=1&b"
 * gives a="1", b=""; pairs with an empty key are skipped. The raw body is
 * left untouched for signature checks. Returns 0, or -1 out of memory. */
static int parse_form(struct req *rq)
{
    size_t n = rq->body_len;
    size_t max_pairs = 1;
    for (size_t i = 0; i < n; i++)
        max_pairs += rq->body[i] == '&';
    rq->form = malloc(n + 1);
    rq->pairs = calloc(max_pairs * 2, sizeof *rq->pairs);
    if (!rq->form || !rq->pairs) return -1;
    memcpy(rq->form, rq->body, n);
    rq->form[n] = '\0';
    char *p = rq->form;
    while (p) {
        char *amp = strchr(p, '&');
        if (amp) *amp = '\0';
        char *eq = strchr(p, '=');
        char *val = (char *)"";
        if (eq) {
            *eq = '\0';
            val = eq + 1;
        }
        form_unescape(p);
        if (eq) form_unescape(val);
        if (*p) {
            rq->pairs[rq->npairs * 2] = p;
            rq->pairs[rq->npairs * 2 + 1] = val;
            rq->npairs++;
        }
        p = amp ? amp + 1 : NULL;
    }
    return 0;
}

/* Copies a body chunk, or counts it as discarded once over the limit.
 * Returns 0, -1 out of memory, -2 when the client keeps sending far past
 * the limit (the connection is then closed). */
static int take_chunk(struct req *rq, const char *data, size_t len)
{
    if (!rq->too_big && len > HTTP_BODY_MAX - rq->body_len) {
        rq->too_big = 1;
        free(rq->body);
        rq->body = NULL;
        rq->discarded = rq->body_len;
        rq->body_len = rq->body_cap = 0;
    }
    if (rq->too_big) {
        rq->discarded += len;
        return rq->discarded > DISCARD_MAX ? -2 : 0;
    }
    if (rq->body_len + len + 1 > rq->body_cap) {
        size_t cap = rq->body_cap ? rq->body_cap : 1024;
        while (cap < rq->body_len + len + 1)
            cap *= 2;
        if (cap > HTTP_BODY_MAX + 1) cap = HTTP_BODY_MAX + 1;
        char *b = realloc(rq->body, cap);
        if (!b) return -1;
        rq->body = b;
        rq->body_cap = cap;
    }
    memcpy(rq->body + rq->body_len, data, len);
    rq->body_len += len;
    rq->body[rq->body_len] = '\0';
    return 0;
}

/* Queues a handler's answer, checked first; takes resp->body. */
static enum MHD_Result answer(struct req *rq, const char *path, struct http_response *resp)
{
    int status = resp->status ? resp->status : MHD_HTTP_OK;
    resp->content_type[sizeof resp->content_type - 1] = '\0';
    const char *ct = resp->content_type[0] ? resp->content_type : DEFAULT_CONTENT_TYPE;
    char *body = resp->body;
    resp->body = NULL;
    /* A handler bug must not turn into a malformed or header-injected
     * answer: a provider would read it as "not received" at best. */
    if (status < 200 || status > 599 || strpbrk(ct, "\r\n")) {
        log_error("http.error", "op=handler path=%s status=%d reason=\"invalid response\"",
                  path, resp->status);
        free(body);
        return queue_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal error\n", NULL);
    }
    return queue(rq, (unsigned int)status, ct, NULL, body, body ? resp->body_len : 0);
}

/* Runs the handler with the complete request and queues what it answered,
 * or suspends the connection when it deferred its answer. */
static enum MHD_Result dispatch(struct req *rq, const struct route *rt, const char *method,
                                const char *url)
{
    if (is_form(rq->conn) && rq->body_len > 0 && parse_form(rq) != 0) {
        log_error("http.error", "op=parse_form path=%s reason=\"out of memory\"", rt->path);
        return queue_text(rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n", NULL);
    }
    struct http_request req = {
        .method = method,
        .path = url,
        .body = rq->body ? rq->body : "",
        .body_len = rq->body_len,
        .impl = rq,
    };
    struct http_response resp;
    memset(&resp, 0, sizeof resp);
    snprintf(resp.content_type, sizeof resp.content_type, "%s", DEFAULT_CONTENT_TYPE);
    rt->h(rt->ctx, &req, &resp);

    if (rq->defer == DEFER_WAITING) {
        free(resp.body);
        struct http_server *s = rq->srv;
        MHD_suspend_connection(rq->conn);
        rq->suspended = 1;
        rq->dnext = s->deferred;
        if (s->deferred) s->deferred->dprev = rq;
        s->deferred = rq;
        return MHD_YES;
    }
    if (rq->defer == DEFER_ANSWERED) { /* answered before the handler returned */
        free(resp.body);
        rq->defer = DEFER_NONE;
        return answer(rq, rt->path, &rq->answer);
    }
    return answer(rq, rt->path, &resp);
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls)
{
    struct http_server *s = cls;
    struct req *rq = *con_cls;
    (void)version;
    if (s->closing) return MHD_NO;

    if (!rq) {
        /* First call: headers only. Answer what can be answered without the
         * body now, so an unwanted body is never read. */
        rq = calloc(1, sizeof *rq);
        if (!rq) {
            log_error("http.error", "op=accept reason=\"out of memory\"");
            return MHD_NO;
        }
        rq->srv = s;
        rq->conn = conn;
        *con_cls = rq;
        const char *why = NULL;
        unsigned int bad = framing_error(conn, &why);
        if (bad) {
            rq->close_after = 1;
            log_warn("http.bad_framing", "path=%s status=%u reason=\"%s\" action=close", url, bad,
                     why);
            return queue_text(rq, bad, bad == MHD_HTTP_BAD_REQUEST ? "bad request\n"
                                                                   : "not implemented\n", NULL);
        }
        if (!find_route(s, method, url)) {
            char allow[ROUTES_MAX * (ROUTE_METHOD_MAX + 2)];
            if (allowed_methods(s, url, allow, sizeof allow) == 0)
                return queue_text(rq, MHD_HTTP_NOT_FOUND, "not found\n", NULL);
            return queue_text(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed\n", allow);
        }
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            /* MHD has already refused a malformed Content-Length (400). */
            errno = 0;
            unsigned long long v = strtoull(cl, NULL, 10);
            if (errno == ERANGE || v > HTTP_BODY_MAX) {
                rq->too_big = 1;
                log_warn("http.body_too_large", "path=%s content_length=%s", url, cl);
                return queue_text(rq, MHD_HTTP_CONTENT_TOO_LARGE, "body too large\n", NULL);
            }
        }
        return MHD_YES;
    }

    if (*upload_data_size > 0) {
        int rc = take_chunk(rq, upload_data, *upload_data_size);
        *upload_data_size = 0;
        if (rc == -1) {
            log_error("http.error", "op=read_body path=%s reason=\"out of memory\"", url);
            return MHD_NO;
        }
        if (rc == -2) {
            log_warn("http.body_too_large", "path=%s discarded=%zu action=close", url,
                     rq->discarded);
            return MHD_NO;
        }
        return MHD_YES;
    }

    /* Last call: the whole request is in. */
    if (rq->defer == DEFER_ANSWERED) { /* called again after the resume */
        rq->defer = DEFER_NONE;
        return answer(rq, url, &rq->answer);
    }
    if (rq->too_big) {
        log_warn("http.body_too_large", "path=%s discarded=%zu", url, rq->discarded);
        return queue_text(rq, MHD_HTTP_CONTENT_TOO_LARGE, "body too large\n", NULL);
    }
    const struct route *rt = find_route(s, method, url);
    if (!rt) /* routes are only added, never removed; cannot happen */
        return queue_text(rq, MHD_HTTP_NOT_FOUND, "not found\n", NULL);
    return dispatch(rq, rt, method, url);
}

/* --- public API --------------------------------------------------------- */

const char *http_request_header(const struct http_request *r, const char *name)
{
    if (!r || !r->impl || !name) return NULL;
    const struct req *rq = r->impl;
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

/* Query arguments are looked up first, then form fields; the first
 * occurrence of a repeated key wins in both. A key given without '='
 * ("?flag") is present with the value "". */
const char *http_request_query(const struct http_request *r, const char *name)
{
    if (!r || !r->impl || !name || !*name) return NULL;
    const struct req *rq = r->impl;
    const char *v = NULL;
    size_t vlen = 0;
    if (MHD_lookup_connection_value_n(rq->conn, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v,
                                      &vlen) == MHD_YES)
        return v ? v : "";
    return NULL;
}

const char *http_request_arg(const struct http_request *r, const char *name)
{
    if (!r || !r->impl || !name || !*name) return NULL;
    const struct req *rq = r->impl;
    const char *v = http_request_query(r, name);
    if (v) return v;
    for (size_t i = 0; i < rq->npairs; i++)
        if (strcmp(rq->pairs[i * 2], name) == 0) return rq->pairs[i * 2 + 1];
    return NULL;
}

/* Replaces any body already set. Out of memory leaves a 500 without body. */
struct http_deferred *http_defer(const struct http_request *req)
{
    struct req *rq = req->impl;
    rq->defer = DEFER_WAITING;
    return (struct http_deferred *)rq;
}

void http_deferred_answer(struct http_deferred *d, struct http_response *resp)
{
    struct req *rq = (struct req *)d;
    if (rq->orphan) {
        free(resp->body);
        resp->body = NULL;
        req_free(rq);
        return;
    }
    free(rq->answer.body);
    rq->answer = *resp;
    resp->body = NULL;
    rq->defer = DEFER_ANSWERED;
    if (!rq->suspended) return; /* still inside the handler: dispatch queues it */
    struct http_server *s = rq->srv;
    if (rq->dprev) rq->dprev->dnext = rq->dnext;
    else s->deferred = rq->dnext;
    if (rq->dnext) rq->dnext->dprev = rq->dprev;
    rq->dprev = rq->dnext = NULL;
    rq->suspended = 0;
    MHD_resume_connection(rq->conn);
    /* MHD takes the resumed connection up in its next run: one soon, for
     * all the answers given in this pass. */
    s->resume_pending = 1;
    if (!s->in_run) uv_timer_start(&s->timer, timer_cb, 0, 0);
}

void http_response_printf(struct http_response *r, int status, const char *content_type,
                          const char *fmt, ...)
{
    free(r->body);
    r->body = NULL;
    r->body_len = 0;
    r->status = status;
    snprintf(r->content_type, sizeof r->content_type, "%s",
             content_type ? content_type : DEFAULT_CONTENT_TYPE);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) goto fail;
    r->body = malloc((size_t)n + 1);
    if (!r->body) goto fail;
    va_start(ap, fmt);
    vsnprintf(r->body, (size_t)n + 1, fmt, ap);
    va_end(ap);
    r->body_len = (size_t)n;
    return;
fail:
    log_error("http.error", "op=response_printf reason=\"out of memory or bad format\"");
    r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
}

int http_connections_fit(int wanted, uint64_t nofile)
{
    uint64_t room = nofile > HTTP_FD_RESERVE ? nofile - HTTP_FD_RESERVE : 0;
    if ((uint64_t)wanted > room) wanted = (int)room;
    return wanted < HTTP_CONNECTIONS_MIN ? HTTP_CONNECTIONS_MIN : wanted;
}

/* Raises the soft descriptor limit as far as the connections and the
 * reserve need (and the hard limit allows), then lowers the connection
 * limit to what fits, saying so: under systemd's default of 1,024
 * descriptors, 1,024 connections would leave none for sending an alert. */
static void fit_descriptors(struct http_server *s)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
    rlim_t need = (rlim_t)s->conn_limit + HTTP_FD_RESERVE;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need &&
        (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > rl.rlim_cur)) {
        struct rlimit up = {.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need
                                            ? need : rl.rlim_max,
                            .rlim_max = rl.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &up) == 0) rl.rlim_cur = up.rlim_cur;
    }
    if (rl.rlim_cur == RLIM_INFINITY) return;
    int fit = http_connections_fit(s->conn_limit, (uint64_t)rl.rlim_cur);
    if (fit >= s->conn_limit) return;
    log_warn("http.connections_lowered",
             "wanted=%d limit=%d nofile=%llu reserved=%d hint=\"raise LimitNOFILE (ulimit -n) to"
             " at least %llu\"", s->conn_limit, fit, (unsigned long long)rl.rlim_cur,
             HTTP_FD_RESERVE, (unsigned long long)need);
    s->conn_limit = fit;
}

/* See http_server.h. On failure *out is left NULL. Only if the failure came
 * after the loop handles were set up (libuv refusing the epoll descriptor)
 * are they still closing on the loop; running it finishes that. */
int http_server_start(struct http_server **out, uv_loop_t *loop, const char *addr, int port,
                      const struct http_server_limits *limits, char *err, size_t errlen)
{
    struct http_server *s = NULL;
    struct sockaddr_in sin;
    char dummy[1];
    if (!err || errlen == 0) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = '\0';
    if (!out || !loop || !addr) {
        snprintf(err, errlen, "http: start: missing argument");
        return -1;
    }
    *out = NULL;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
        snprintf(err, errlen, "http: listen address '%s' is not a numeric IPv4 address", addr);
        return -1;
    }
    if (port < 0 || port > 65535) {
        snprintf(err, errlen, "http: port %d is out of range (0-65535)", port);
        return -1;
    }
    sin.sin_port = htons((uint16_t)port);

    s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "http: out of memory");
        return -1;
    }
    s->loop = loop;
    s->port = port;
    s->request_timeout_ms = REQUEST_TIMEOUT_DEFAULT * 1000;
    s->conn_limit = limits && limits->connections > 0 ? limits->connections
                                                      : HTTP_CONNECTIONS_DEFAULT;
    fit_descriptors(s);
    s->per_address = limits && limits->per_address > 0 ? limits->per_address
                                                       : HTTP_PER_ADDRESS_DEFAULT;
    if (s->per_address > s->conn_limit) s->per_address = s->conn_limit;
    snprintf(s->addr, sizeof s->addr, "%s", addr);

    /* No MHD_OPTION_LISTENING_ADDRESS_REUSE: set to 1 it means SO_REUSEPORT
     * (a second daemon could share our port and half our traffic); left
     * out, MHD sets plain SO_REUSEADDR, which is what a restart needs. */
    s->starting = 1;
    errno = 0;
    s->daemon = MHD_start_daemon(
        MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, (uint16_t)port, NULL, NULL, access_cb, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned int)LISTEN_BACKLOG, MHD_OPTION_CONNECTION_LIMIT, (unsigned int)s->conn_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)s->per_address,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY, MHD_OPTION_NOTIFY_COMPLETED,
        completed_cb, (void *)s, MHD_OPTION_NOTIFY_CONNECTION, connection_cb, (void *)s,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log_cb, (void *)s, MHD_OPTION_END);
    int saved_errno = errno;
    s->starting = 0;
    if (!s->daemon) {
        const char *why = s->start_msg[0] ? s->start_msg
                          : saved_errno   ? strerror(saved_errno)
                                          : "libmicrohttpd could not start";
        snprintf(err, errlen, "http: cannot listen on %s:%d: %s", addr, port, why);
        free(s);
        return -1;
    }

    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (!info || info->port == 0) {
        snprintf(err, errlen, "http: cannot listen on %s:%d: bound port unknown", addr, port);
        goto fail;
    }
    s->port = info->port;
    info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_EPOLL_FD);
    if (!info || info->epoll_fd < 0) {
        snprintf(err, errlen, "http: cannot listen on %s:%d: no epoll descriptor from MHD", addr,
                 port);
        goto fail;
    }
    int rc = uv_poll_init(loop, &s->poll, info->epoll_fd);
    if (rc < 0) {
        snprintf(err, errlen, "http: cannot watch MHD's epoll descriptor: %s", uv_strerror(rc));
        goto fail;
    }
    s->poll_inited = 1;
    s->poll.data = s;
    rc = uv_timer_init(loop, &s->timer);
    if (rc < 0) {
        snprintf(err, errlen, "http: timer: %s", uv_strerror(rc));
        goto fail;
    }
    s->timer_inited = 1;
    s->timer.data = s;
    rc = uv_timer_init(loop, &s->sweep);
    if (rc < 0) {
        snprintf(err, errlen, "http: timer: %s", uv_strerror(rc));
        goto fail;
    }
    s->sweep_inited = 1;
    s->sweep.data = s;
    uv_timer_start(&s->sweep, sweep_cb, SWEEP_MS, SWEEP_MS);
    rc = uv_poll_start(&s->poll, UV_READABLE, poll_cb);
    if (rc < 0) {
        snprintf(err, errlen, "http: cannot watch MHD's epoll descriptor: %s", uv_strerror(rc));
        goto fail;
    }
    arm_timer(s);
    log_info("http.listening", "addr=%s port=%d connections=%d per_address=%d", s->addr, s->port,
             s->conn_limit, s->per_address);
    *out = s;
    return 0;

fail:
    /* Handles already initialised must be closed through the loop; s is
     * freed in their close callback (or at once when there are none). */
    s->closing = 1;
    finish_close(s);
    return -1;
}

int http_server_port(const struct http_server *s)
{
    return s ? s->port : -1;
}

struct http_server_limits http_server_limits_in_force(const struct http_server *s)
{
    struct http_server_limits l = {0};
    if (s) {
        l.connections = s->conn_limit;
        l.per_address = s->per_address;
    }
    return l;
}

void http_server_set_request_timeout(struct http_server *s, int seconds)
{
    if (s && seconds > 0) s->request_timeout_ms = seconds * 1000;
}

const struct http_server_stats *http_server_stats(const struct http_server *s)
{
    return s ? &s->stats : NULL;
}

/* One summary line for each provider whose minute is over and held lines
 * back. Run from the once-a-second sweep, so it comes even when the
 * forgeries have stopped. */
static void flush_forbidden(struct http_server *s, uint64_t now)
{
    for (size_t i = 0; i < FORBID_KINDS && s->forbid[i].provider[0]; i++) {
        uint64_t held = log_limit_flush(&s->forbid[i].limit, now);
        if (held)
            log_warn("http.forbidden_suppressed", "provider=%s suppressed=%llu seconds=60",
                     s->forbid[i].provider, (unsigned long long)held);
    }
}

/* The rate limit of provider's forgery warnings: its own slot, or a free
 * one, or (all taken) the last. */
static struct log_limit *forbid_limit(struct http_server *s, const char *provider)
{
    size_t i = 0;
    for (; i < FORBID_KINDS - 1 && s->forbid[i].provider[0]; i++)
        if (strcmp(s->forbid[i].provider, provider) == 0) return &s->forbid[i].limit;
    if (!s->forbid[i].provider[0])
        snprintf(s->forbid[i].provider, sizeof s->forbid[i].provider, "%s", provider);
    return &s->forbid[i].limit;
}

void http_forbid(const struct http_request *req, struct http_response *resp,
                 const char *provider, const char *reason)
{
    const struct req *rq = req ? req->impl : NULL;
    struct http_server *s = rq ? rq->srv : NULL;
    if (!provider) provider = "-";
    int log_it = 1;
    if (s) {
        uint64_t now = uv_now(s->loop);
        s->stats.forbidden++;
        flush_forbidden(s, now);
        log_it = log_limit_take(forbid_limit(s, provider), now);
    }
    if (log_it)
        log_warn("http.forbidden", "provider=%s path=%s reason=\"%s\"", provider,
                 req && req->path ? req->path : "-", reason ? reason : "origin check failed");
    http_response_printf(resp, 403, NULL, "forbidden\n");
}

int http_server_route(struct http_server *s, const char *method, const char *path, http_handler h,
                      void *ctx)
{
    if (!s || !method || !*method || !path || path[0] != '/' || !h) return -1;
    if (s->nroutes >= ROUTES_MAX || strlen(method) >= ROUTE_METHOD_MAX ||
        strlen(path) >= ROUTE_PATH_MAX)
        return -1;
    struct route *rt = &s->routes[s->nroutes];
    size_t n = strlen(path);
    rt->prefix = path[n - 1] == '*';
    if (rt->prefix) n--;
    memcpy(rt->path, path, n);
    rt->path[n] = '\0';
    rt->path_len = n;
    snprintf(rt->method, sizeof rt->method, "%s", method);
    rt->h = h;
    rt->ctx = ctx;
    s->nroutes++;
    return 0;
}

/* Safe to call from inside a handler: MHD is then stopped once MHD_run()
 * has returned. s == NULL calls done(arg) at once. */
void http_server_close(struct http_server *s, void (*done)(void *arg), void *arg)
{
    if (!s) {
        if (done) done(arg);
        return;
    }
    if (s->closing) return;
    s->closing = 1;
    s->done = done;
    s->done_arg = arg;
    if (s->in_run) return; /* run_mhd() finishes the close */
    finish_close(s);
}
