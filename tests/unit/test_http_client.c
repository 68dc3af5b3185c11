/* SPDX-License-Identifier: Apache-2.0 */
/* test_http_client.c: the asynchronous HTTP client against real sockets on
 * 127.0.0.1, all on one private uv loop in the test thread.
 *
 * The server is the gateway's own HTTP listener (libmicrohttpd, keep-alive
 * capable) with test routes; a raw uv_tcp listener that accepts and never
 * answers stands in for a peer that hangs; a port nobody listens on gives
 * "connection refused". Each test runs the loop until every request has
 * called back, then closes everything and checks the loop is empty. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/http_client.h"
#include "net/http_server.h"
#include "base/log.h"

struct env {
    uv_loop_t loop;
    struct http_server *s;
    int port;
    struct http_client *c;
    int client_done;
    int server_done;
    uv_tcp_t silent;     /* accepts, never answers */
    int silent_port;
    bool silent_open;
    uv_tcp_t silent_conns[8];
    int nsilent;
};

/* One request's outcome. */
struct got {
    int calls;
    int status;
    int curl_code;
    bool timed_out, cancelled, reused;
    char body[512];
    size_t body_len;
    char error[512];
    struct env *close_env; /* close the client from inside the callback */
};

static void got_cb(void *arg, const struct http_client_result *r)
{
    struct got *g = arg;
    g->calls++;
    g->status = r->status;
    g->curl_code = r->curl_code;
    g->timed_out = r->timed_out;
    g->cancelled = r->cancelled;
    g->reused = r->reused;
    g->body_len = r->body_len;
    snprintf(g->body, sizeof g->body, "%s", r->body);
    snprintf(g->error, sizeof g->error, "%s", r->error);
    if (g->close_env) {
        http_client_close(g->close_env->c, NULL, NULL);
        g->close_env->c = NULL;
    }
}

static void count_cb(void *arg) { (*(int *)arg)++; }

/* ---- server routes ------------------------------------------------------ */

static void h_hello(void *ctx, const struct http_request *req, struct http_response *resp)
{
    (void)ctx;
    (void)req;
    http_response_printf(resp, 200, NULL, "hello");
}

/* Echoes what a provider's request carries: method, auth, a header, body. */
static void h_echo(void *ctx, const struct http_request *req, struct http_response *resp)
{
    (void)ctx;
    const char *auth = http_request_header(req, "Authorization");
    const char *x = http_request_header(req, "X-Test");
    const char *ct = http_request_header(req, "Content-Type");
    const char *to = http_request_arg(req, "To");
    http_response_printf(resp, 201, "application/json",
                         "%s|%s|%s|%s|to=%s|len=%zu", req->method, auth ? auth : "-",
                         x ? x : "-", ct ? ct : "-", to ? to : "-", req->body_len);
}

static void h_error(void *ctx, const struct http_request *req, struct http_response *resp)
{
    (void)ctx;
    (void)req;
    http_response_printf(resp, 503, "application/json", "{\"code\":20500}");
}

static void h_huge(void *ctx, const struct http_request *req, struct http_response *resp)
{
    (void)ctx;
    (void)req;
    size_t n = HTTP_CLIENT_BODY_MAX + 1024;
    resp->status = 200;
    resp->body = malloc(n);
    assert_non_null(resp->body);
    memset(resp->body, 'x', n);
    resp->body_len = n;
}

/* ---- the silent peer ---------------------------------------------------- */

static void on_silent_conn(uv_stream_t *srv, int status)
{
    struct env *e = srv->data;
    assert_int_equal(status, 0);
    assert_true(e->nsilent < 8);
    uv_tcp_t *t = &e->silent_conns[e->nsilent];
    assert_int_equal(uv_tcp_init(&e->loop, t), 0);
    assert_int_equal(uv_accept(srv, (uv_stream_t *)t), 0);
    e->nsilent++; /* never read from, never answered */
}

static void silent_start(struct env *e)
{
    struct sockaddr_in sin;
    int len = sizeof sin;
    assert_int_equal(uv_tcp_init(&e->loop, &e->silent), 0);
    e->silent.data = e;
    assert_int_equal(uv_ip4_addr("127.0.0.1", 0, &sin), 0);
    assert_int_equal(uv_tcp_bind(&e->silent, (struct sockaddr *)&sin, 0), 0);
    assert_int_equal(uv_listen((uv_stream_t *)&e->silent, 16, on_silent_conn), 0);
    assert_int_equal(uv_tcp_getsockname(&e->silent, (struct sockaddr *)&sin, &len), 0);
    e->silent_port = ntohs(sin.sin_port);
    e->silent_open = true;
}

/* A port that was free a moment ago and has nobody listening now. */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sin = {.sin_family = AF_INET};
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sin;
    assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
    close(fd);
    return ntohs(sin.sin_port);
}

/* ---- fixtures ----------------------------------------------------------- */

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    char err[256];
    assert_non_null(e);
    assert_int_equal(uv_loop_init(&e->loop), 0);
    assert_int_equal(
        http_server_start(&e->s, &e->loop, "127.0.0.1", 0, NULL, err, sizeof err), 0);
    e->port = http_server_port(e->s);
    assert_int_equal(http_server_route(e->s, "GET", "/hello", h_hello, e), 0);
    assert_int_equal(http_server_route(e->s, "POST", "/echo", h_echo, e), 0);
    assert_int_equal(http_server_route(e->s, "PUT", "/echo", h_echo, e), 0);
    assert_int_equal(http_server_route(e->s, "GET", "/error", h_error, e), 0);
    assert_int_equal(http_server_route(e->s, "GET", "/huge", h_huge, e), 0);
    assert_int_equal(http_client_new(&e->c, &e->loop, err, sizeof err), 0);
    *state = e;
    return 0;
}

static void close_conn(uv_handle_t *h) { (void)h; }

/* Closes what the test left open, runs the loop dry and checks the client
 * called done() exactly once and nothing was left on the loop. */
static int teardown(void **state)
{
    struct env *e = *state;
    if (e->c)
        http_client_close(e->c, count_cb, &e->client_done);
    else
        e->client_done++; /* the test closed it with done == NULL */
    http_server_close(e->s, count_cb, &e->server_done);
    if (e->silent_open) {
        uv_close((uv_handle_t *)&e->silent, close_conn);
        for (int i = 0; i < e->nsilent; i++)
            uv_close((uv_handle_t *)&e->silent_conns[i], close_conn);
    }
    assert_int_equal(uv_run(&e->loop, UV_RUN_DEFAULT), 0);
    assert_int_equal(e->client_done, 1);
    assert_int_equal(e->server_done, 1);
    assert_int_equal(uv_loop_close(&e->loop), 0);
    free(e);
    return 0;
}

/* Runs the loop until every got has been called back. A prepare handle
 * checks before each poll, so a callback run from a timer (which leaves
 * nothing else to wake the poll) still ends the run. */
struct waiter {
    struct got *g;
    int n;
};

static bool all_called(const struct waiter *w)
{
    for (int i = 0; i < w->n; i++)
        if (w->g[i].calls == 0)
            return false;
    return true;
}

static void on_prepare(uv_prepare_t *p)
{
    if (all_called(p->data))
        uv_stop(p->loop);
}

static void run_until(struct env *e, struct got *g, int n)
{
    struct waiter w = {g, n};
    uv_prepare_t p;
    assert_int_equal(uv_prepare_init(&e->loop, &p), 0);
    p.data = &w;
    assert_int_equal(uv_prepare_start(&p, on_prepare), 0);
    if (!all_called(&w))
        uv_run(&e->loop, UV_RUN_DEFAULT);
    uv_close((uv_handle_t *)&p, NULL);
    uv_run(&e->loop, UV_RUN_NOWAIT); /* lets the close finish before p goes */
    for (int i = 0; i < n; i++)
        assert_int_equal(g[i].calls, 1);
}

static void url(char *buf, size_t n, int port, const char *path)
{
    snprintf(buf, n, "http://127.0.0.1:%d%s", port, path);
}

/* ---- tests -------------------------------------------------------------- */

static void test_get_and_connection_reuse(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g[2] = {0};
    url(u, sizeof u, e->port, "/hello");
    struct http_client_req rq = {.method = "GET", .url = u};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[0], err, sizeof err), 0);
    assert_int_equal(g[0].calls, 0); /* never called back before request() returns */
    assert_int_equal(http_client_pending(e->c), 1);
    run_until(e, &g[0], 1);
    assert_int_equal(g[0].status, 200);
    assert_int_equal(g[0].curl_code, 0);
    assert_string_equal(g[0].body, "hello");
    assert_string_equal(g[0].error, "");
    assert_false(g[0].reused);
    assert_int_equal(http_client_pending(e->c), 0);

    /* The second request to the same host goes over the kept-alive connection. */
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[1], err, sizeof err), 0);
    run_until(e, &g[1], 1);
    assert_int_equal(g[1].status, 200);
    assert_true(g[1].reused);
}

static void test_post_body_headers_basic_auth(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g = {0};
    const char *hdrs[] = {"X-Test: yes", "Content-Type: application/x-www-form-urlencoded",
                          NULL};
    const char *form = "To=%2B15550001&Body=hi+there";
    url(u, sizeof u, e->port, "/echo");
    struct http_client_req rq = {.method = "POST",
                                 .url = u,
                                 .headers = hdrs,
                                 .body = form,
                                 .body_len = strlen(form),
                                 .userpwd = "AC123:s3cret"};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g, err, sizeof err), 0);
    run_until(e, &g, 1);
    assert_int_equal(g.status, 201);
    /* base64("AC123:s3cret") = QUMxMjM6czNjcmV0 */
    assert_string_equal(g.body, "POST|Basic QUMxMjM6czNjcmV0|yes|application/x-www-form-urlencoded"
                                "|to=+15550001|len=28");
}

static void test_other_method_and_binary_body(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g = {0};
    const char body[] = {'a', '\0', 'b'}; /* a NUL inside: the length counts */
    url(u, sizeof u, e->port, "/echo");
    struct http_client_req rq = {.method = "PUT", .url = u, .body = body, .body_len = 3};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g, err, sizeof err), 0);
    run_until(e, &g, 1);
    assert_int_equal(g.status, 201);
    assert_non_null(strstr(g.body, "PUT|"));
    assert_non_null(strstr(g.body, "|len=3"));
}

static void test_http_error_status_is_an_answer(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g[2] = {0};
    url(u, sizeof u, e->port, "/error");
    struct http_client_req rq = {.method = "GET", .url = u};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[0], err, sizeof err), 0);
    url(u, sizeof u, e->port, "/nowhere");
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[1], err, sizeof err), 0);
    run_until(e, g, 2);
    assert_int_equal(g[0].status, 503);
    assert_int_equal(g[0].curl_code, 0);
    assert_string_equal(g[0].body, "{\"code\":20500}");
    assert_int_equal(g[1].status, 404);
    assert_int_equal(g[1].curl_code, 0);
}

static void test_connection_refused(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g = {0};
    url(u, sizeof u, closed_port(), "/x");
    struct http_client_req rq = {.method = "POST", .url = u, .body = "a=1", .body_len = 3};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g, err, sizeof err), 0);
    run_until(e, &g, 1);
    assert_int_equal(g.status, 0);
    assert_int_not_equal(g.curl_code, 0);
    assert_false(g.timed_out);
    assert_false(g.cancelled);
    assert_true(strlen(g.error) > 0);
}

static void test_timeout(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g = {0};
    silent_start(e);
    url(u, sizeof u, e->silent_port, "/x");
    struct http_client_req rq = {.method = "GET", .url = u, .timeout_ms = 200};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g, err, sizeof err), 0);
    run_until(e, &g, 1);
    assert_int_equal(g.status, 0);
    assert_true(g.timed_out);
    assert_false(g.cancelled);
    assert_true(strlen(g.error) > 0);
    assert_int_equal(e->nsilent, 1); /* it did connect: the answer never came */
}

static void test_body_over_limit_fails(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g = {0};
    url(u, sizeof u, e->port, "/huge");
    struct http_client_req rq = {.method = "GET", .url = u};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g, err, sizeof err), 0);
    run_until(e, &g, 1);
    assert_int_equal(g.status, 0);
    assert_int_not_equal(g.curl_code, 0);
    assert_non_null(strstr(g.error, "response body over"));
}

static void test_many_concurrent(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g[40] = {0};
    url(u, sizeof u, e->port, "/hello");
    struct http_client_req rq = {.method = "GET", .url = u};
    for (int i = 0; i < 40; i++)
        assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[i], err, sizeof err), 0);
    assert_int_equal(http_client_pending(e->c), 40);
    run_until(e, g, 40);
    for (int i = 0; i < 40; i++) {
        assert_int_equal(g[i].status, 200);
        assert_string_equal(g[i].body, "hello");
    }
}

/* Closing ends in-flight requests (each called back as cancelled, before
 * close returns), then done() runs from the loop. */
static void test_close_cancels_in_flight(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g[3] = {0};
    silent_start(e);
    url(u, sizeof u, e->silent_port, "/x");
    struct http_client_req rq = {.method = "GET", .url = u, .timeout_ms = 60000};
    for (int i = 0; i < 3; i++)
        assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[i], err, sizeof err), 0);
    while (e->nsilent < 3) /* all three connected and waiting (each accept wakes the poll) */
        uv_run(&e->loop, UV_RUN_ONCE);
    http_client_close(e->c, count_cb, &e->client_done);
    e->c = NULL;
    e->client_done--; /* teardown counts the NULL case as one */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(g[i].calls, 1);
        assert_true(g[i].cancelled);
        assert_int_equal(g[i].status, 0);
    }
    assert_int_equal(e->client_done, -1); /* done() not yet: it comes from the loop */
}

static void test_close_from_callback_and_refuse_after(void **state)
{
    struct env *e = *state;
    char u[128], err[256];
    struct got g[2] = {0};
    silent_start(e);
    url(u, sizeof u, e->port, "/hello");
    struct http_client_req rq = {.method = "GET", .url = u};
    g[0].close_env = e;
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g[0], err, sizeof err), 0);
    char u2[128];
    url(u2, sizeof u2, e->silent_port, "/x");
    struct http_client_req rq2 = {.method = "GET", .url = u2};
    struct http_client *c = e->c;
    assert_int_equal(http_client_request(c, &rq2, got_cb, &g[1], err, sizeof err), 0);
    run_until(e, g, 2);
    assert_int_equal(g[0].status, 200);
    assert_true(g[1].cancelled); /* the other one was ended by the close */
    assert_null(e->c);
}

static void test_bad_arguments(void **state)
{
    struct env *e = *state;
    char err[256] = "";
    struct got g = {0};
    struct http_client_req rq = {.method = "GET", .url = NULL};
    assert_int_equal(http_client_request(e->c, &rq, got_cb, &g, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    /* A URL of another scheme is refused when the transfer starts. */
    struct http_client_req rq2 = {.method = "GET", .url = "file:///etc/passwd"};
    assert_int_equal(http_client_request(e->c, &rq2, got_cb, &g, err, sizeof err), 0);
    run_until(e, &g, 1);
    assert_int_equal(g.status, 0);
    assert_int_not_equal(g.curl_code, 0);
    assert_int_equal(g.body_len, 0);
    http_client_close(NULL, NULL, NULL); /* a no-op */
}

int main(void)
{
    log_set_level(LL_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_get_and_connection_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_body_headers_basic_auth, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_method_and_binary_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_http_error_status_is_an_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connection_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_over_limit_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_concurrent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_cancels_in_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_from_callback_and_refuse_after, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
