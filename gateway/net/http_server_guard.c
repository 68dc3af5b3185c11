/* SPDX-License-Identifier: Apache-2.0 */
/* http_server_guard.c: what bounds one client and many: the once-a-second
 * sweep that cuts a connection that has not finished a request within the
 * request deadline (slowloris), the tracking of each connection from its
 * accept that the sweep walks, the watch that keeps MHD running while the
 * listener is full (connection limit, out of descriptors) and says so once
 * a minute, and the per-provider rate limit of forged-request warnings
 * (http_forbid). Its own file because defending the listener is a job of
 * its own, apart from serving requests. See http_server.c for the design. */
#include "net/http_server_internal.h"

/* Shuts down every connection that has been on one request for longer than
 * the request deadline. shutdown() leaves the descriptor to MHD: the next
 * read sees the end of the stream and MHD closes and frees the connection
 * as it would for a client that hung up. */
static void flush_forbidden(struct http_server *s, uint64_t now);

void http_server_sweep_cb(uv_timer_t *t)
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
        http_server_run_mhd(s);
    }
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
void http_server_watch_limit(struct http_server *s)
{
    int full = s->nconns >= s->conn_limit || s->accept_paused;
    uint64_t due = uv_timer_get_due_in(&s->timer);
    int armed = uv_is_active((uv_handle_t *)&s->timer);
    if (full) {
        if (!armed || due > FULL_RUN_MS)
            uv_timer_start(&s->timer, http_server_timer_cb, FULL_RUN_MS, 0);
    } else if (s->was_full) {
        uv_timer_start(&s->timer, http_server_timer_cb, 0, 0);
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

/* Tracks each TCP connection for the slow-client sweep. A connection we
 * cannot track (out of memory) is still served, only not swept. */
void http_server_connection_cb(void *cls, struct MHD_Connection *conn, void **socket_context,
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
