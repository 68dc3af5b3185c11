
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
 * can hold; the connection limit bounds how many.
 *
 * The listener is split by job (http_server_internal.h lists the pieces);
 * this file keeps MHD set up and driven from the loop, MHD's diagnostics,
 * the limits, start and close. */
#include "net/http_server_internal.h"

static void finish_close(struct http_server *s);
/* --- the loop side ------------------------------------------------------ */

void http_server_timer_cb(uv_timer_t *t)
{
    http_server_run_mhd(t->data);
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
    http_server_run_mhd(s);
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
    uv_timer_start(&s->timer, http_server_timer_cb, (uint64_t)ms, 0);
}

/* Lets MHD accept, read, call handlers, write and expire connections, then
 * re-arms the timer. A close requested by a handler during MHD_run() is
 * carried out here, once MHD has returned. */
void http_server_run_mhd(struct http_server *s)
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
    http_server_watch_limit(s);
    /* Resumed during the run (a handler flushed a batch): MHD takes
     * resumed connections up at the start of a run, so run again soon. */
    if (s->resume_pending) uv_timer_start(&s->timer, http_server_timer_cb, 0, 0);
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
        MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, (uint16_t)port, NULL, NULL,
        http_server_access_cb, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned int)LISTEN_BACKLOG, MHD_OPTION_CONNECTION_LIMIT, (unsigned int)s->conn_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)s->per_address,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY, MHD_OPTION_NOTIFY_COMPLETED,
        http_server_completed_cb, (void *)s, MHD_OPTION_NOTIFY_CONNECTION,
        http_server_connection_cb, (void *)s,
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
    uv_timer_start(&s->sweep, http_server_sweep_cb, SWEEP_MS, SWEEP_MS);
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
