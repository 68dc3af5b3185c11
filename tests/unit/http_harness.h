/* SPDX-License-Identifier: Apache-2.0 */
/* http_harness.h: the HTTP listener tests' harness (test_http_server.c,
 * test_http_limits.c): a private uv loop in the test thread runs the
 * server; a client pthread writes raw HTTP/1.1 to 127.0.0.1 and records the
 * raw answer, then stops the loop; cmocka asserts run in the test thread. */
#ifndef HTTP_HARNESS_H
#define HTTP_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "net/http_server.h"
#include "base/log.h"

#define RAW_MAX 8192

/* --- a tiny raw HTTP client (runs on the client thread) ----------------- */

struct reply {
    int status; /* 0 when no status line came back */
    int rd_err; /* errno of a failed read (timeout, reset), or 0 */
    size_t len;
    char raw[RAW_MAX];
};

/* A connection to 127.0.0.1:port from the source address src (NULL: any). */
static inline int tcp_connect_from(int port, const char *src)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct timeval tv = {.tv_sec = 10, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in from = {.sin_family = AF_INET};
    if (src && (inet_pton(AF_INET, src, &from.sin_addr) != 1 ||
                bind(fd, (struct sockaddr *)&from, sizeof from) != 0)) {
        close(fd);
        return -1;
    }
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sin, sizeof sin) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static inline int tcp_connect(int port)
{
    return tcp_connect_from(port, NULL);
}

static inline int send_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads until EOF (the requests say "Connection: close"). */
static inline void read_reply(int fd, struct reply *r)
{
    r->len = 0;
    r->rd_err = 0;
    for (;;) {
        ssize_t n = recv(fd, r->raw + r->len, sizeof r->raw - 1 - r->len, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) r->rd_err = errno;
        if (n <= 0) break;
        r->len += (size_t)n;
        if (r->len == sizeof r->raw - 1) break;
    }
    r->raw[r->len] = '\0';
    r->status = 0;
    if (strncmp(r->raw, "HTTP/1.", 7) == 0 && r->len > 12) r->status = atoi(r->raw + 9);
}

static inline void exchange_from(int port, const char *src, const char *req, size_t len,
                          struct reply *r)
{
    memset(r, 0, sizeof *r);
    int fd = tcp_connect_from(port, src);
    if (fd < 0) {
        r->rd_err = errno;
        return;
    }
    if (send_all(fd, req, len) != 0) r->rd_err = errno;
    read_reply(fd, r);
    close(fd);
}

static inline void exchange(int port, const char *req, size_t len, struct reply *r)
{
    exchange_from(port, NULL, req, len, r);
}

static inline const char *reply_body(const struct reply *r)
{
    const char *p = strstr(r->raw, "\r\n\r\n");
    return p ? p + 4 : "";
}

/* A header's value copied into out (case-insensitive name), or NULL. */
static inline const char *reply_header(const struct reply *r, const char *name, char *out, size_t cap)
{
    const char *end = strstr(r->raw, "\r\n\r\n");
    const char *p = strstr(r->raw, "\r\n");
    size_t n = strlen(name);
    while (p && end && p < end) {
        p += 2;
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ')
                v++;
            const char *e = strstr(v, "\r\n");
            size_t k = (size_t)(e - v) < cap - 1 ? (size_t)(e - v) : cap - 1;
            memcpy(out, v, k);
            out[k] = '\0';
            return out;
        }
        p = strstr(p, "\r\n");
    }
    return NULL;
}

/* --- the server side ---------------------------------------------------- */

struct env {
    uv_loop_t loop;
    uv_async_t stop;
    struct http_server *s;
    int port;
    int done_calls;
};

/* What a handler saw, and what it should answer. */
#define NAMES_MAX 12
struct rec {
    int calls;
    char method[16];
    char path[256];
    char *body;
    size_t body_len;
    const char *arg_names[NAMES_MAX];
    char args[NAMES_MAX][256];
    int arg_null[NAMES_MAX];
    const char *hdr_names[NAMES_MAX];
    char hdrs[NAMES_MAX][256];
    int hdr_null[NAMES_MAX];
    /* the answer */
    int leave_default; /* touch nothing in resp */
    int status;
    const char *ctype;
    const char *reply;
    int echo_arg;          /* answer with the value of arg_names[0] */
    struct env *close_env; /* close this server from inside the handler */
};

static inline void done_cb(void *arg)
{
    (*(int *)arg)++;
}

static inline void handler(void *ctx, const struct http_request *req, struct http_response *resp)
{
    struct rec *r = ctx;
    r->calls++;
    snprintf(r->method, sizeof r->method, "%s", req->method);
    snprintf(r->path, sizeof r->path, "%s", req->path);
    free(r->body);
    r->body = malloc(req->body_len + 1);
    assert_non_null(r->body);
    memcpy(r->body, req->body, req->body_len + 1);
    r->body_len = req->body_len;
    for (int i = 0; i < NAMES_MAX && r->arg_names[i]; i++) {
        const char *v = http_request_arg(req, r->arg_names[i]);
        r->arg_null[i] = v == NULL;
        snprintf(r->args[i], sizeof r->args[i], "%s", v ? v : "");
    }
    for (int i = 0; i < NAMES_MAX && r->hdr_names[i]; i++) {
        const char *v = http_request_header(req, r->hdr_names[i]);
        r->hdr_null[i] = v == NULL;
        snprintf(r->hdrs[i], sizeof r->hdrs[i], "%s", v ? v : "");
    }
    if (r->close_env) {
        http_server_close(r->close_env->s, done_cb, &r->close_env->done_calls);
        r->close_env->s = NULL;
    }
    if (r->leave_default) return;
    if (r->echo_arg) {
        const char *v = http_request_arg(req, r->arg_names[0]);
        http_response_printf(resp, 200, NULL, "echo %s", v ? v : "(null)");
        return;
    }
    http_response_printf(resp, r->status ? r->status : 200, r->ctype, "%s",
                         r->reply ? r->reply : "ok");
    if (r->status) resp->status = r->status; /* may be invalid on purpose */
}

static inline void rec_free(struct rec *r)
{
    free(r->body);
    r->body = NULL;
}

static inline void stop_cb(uv_async_t *a)
{
    uv_stop(a->loop);
}

static inline int start_env(void **state, const struct http_server_limits *limits)
{
    struct env *e = calloc(1, sizeof *e);
    assert_non_null(e);
    assert_int_equal(uv_loop_init(&e->loop), 0);
    assert_int_equal(uv_async_init(&e->loop, &e->stop, stop_cb), 0);
    char err[256];
    assert_int_equal(
        http_server_start(&e->s, &e->loop, "127.0.0.1", 0, limits, err, sizeof err), 0);
    e->port = http_server_port(e->s);
    *state = e;
    return 0;
}

static inline int setup(void **state)
{
    return start_env(state, NULL);
}

/* A listener that is full after FLOOD_LIMIT connections, PER_ADDRESS of
 * them from one address. */
#define FLOOD_LIMIT 16
#define PER_ADDRESS 4
static inline int setup_small(void **state)
{
    struct http_server_limits lim = {.connections = FLOOD_LIMIT, .per_address = PER_ADDRESS};
    return start_env(state, &lim);
}

/* Closes the server (if the test has not) and checks that every handle on
 * the private loop was closed and done() was called exactly once. */
static inline int teardown(void **state)
{
    struct env *e = *state;
    if (e->s) {
        http_server_close(e->s, done_cb, &e->done_calls);
        e->s = NULL;
    }
    uv_close((uv_handle_t *)&e->stop, NULL);
    assert_int_equal(uv_run(&e->loop, UV_RUN_DEFAULT), 0);
    assert_int_equal(e->done_calls, 1);
    assert_int_equal(uv_loop_close(&e->loop), 0);
    free(e);
    return 0;
}

/* Runs the loop until nothing but the stop handle is left: closing handles
 * closed, timers fired. Not `while (cond) uv_run(UV_RUN_ONCE)`: UV_RUN_ONCE
 * runs the timers that are already due before it polls, and then blocks in
 * the poll for good when only the stop handle is left (nothing will ever
 * wake it), so such a loop hangs whenever the timer came due before it was
 * entered (test_close_while_an_answer_waits did, once, under load). */
static inline void run_until_idle(struct env *e)
{
    uv_unref((uv_handle_t *)&e->stop);
    uv_run(&e->loop, UV_RUN_DEFAULT);
    uv_ref((uv_handle_t *)&e->stop);
}

/* Runs fn on a client thread while the loop serves; fn's return ends the
 * loop. */
struct client {
    struct env *e;
    void (*fn)(struct client *c);
    void *arg;
};

static inline void *client_main(void *p)
{
    struct client *c = p;
    c->fn(c);
    uv_async_send(&c->e->stop);
    return NULL;
}

static inline void run_client(struct env *e, void (*fn)(struct client *), void *arg)
{
    struct client c = {.e = e, .fn = fn, .arg = arg};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, client_main, &c), 0);
    uv_run(&e->loop, UV_RUN_DEFAULT);
    assert_int_equal(pthread_join(t, NULL), 0);
}

/* A list of independent requests, each on its own connection. */
#define SEQ_MAX 8
struct seq {
    const char *req[SEQ_MAX];
    size_t req_len[SEQ_MAX]; /* 0: strlen */
    struct reply rep[SEQ_MAX];
};

static inline void seq_fn(struct client *c)
{
    struct seq *q = c->arg;
    for (int i = 0; i < SEQ_MAX && q->req[i]; i++)
        exchange(c->e->port, q->req[i], q->req_len[i] ? q->req_len[i] : strlen(q->req[i]),
                 &q->rep[i]);
}

static inline struct seq *seq_new(void)
{
    struct seq *q = calloc(1, sizeof *q);
    assert_non_null(q);
    return q;
}


#endif
