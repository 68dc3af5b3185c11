/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_http.c: libFuzzer target for HTTP request handling
 * (gateway/net/http_server.c over libmicrohttpd): the input is written as raw
 * bytes to a real connection on 127.0.0.1, so MHD's request parser, our
 * routing (exact and prefix routes, 404/405), the Content-Length and body
 * limits (413), chunked bodies, form decoding and the query/form/header
 * accessors all see it. The handler reads arguments and headers the way
 * the providers do and checks what they return. One server on a private
 * loop serves every input; each input gets its own connection, half-closed
 * after the input, and is read until the server closes it. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <uv.h>

#include "net/http_server.h"
#include "base/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uv_loop_t loop;
static struct http_server *srv;
static int port;

static void handler(void *ctx, const struct http_request *req, struct http_response *resp)
{
    (void)ctx;
    static const char *const names[] = {"secret", "id", "from", "text", "Body", "From", ""};
    size_t total = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = http_request_arg(req, names[i]);
        if (v)
            total += strlen(v); /* must be a NUL-terminated string */
    }
    const char *h = http_request_header(req, "X-Twilio-Signature");
    if (h)
        total += strlen(h);
    if (req->body_len > HTTP_BODY_MAX || strlen(req->body) > req->body_len)
        abort(); /* the body is NUL-terminated and within the limit */
    if (req->body_len > 3 && req->body[0] == 'f')
        http_forbid(req, resp, "fuzz", "test");
    else
        http_response_printf(resp, 200, NULL, "%zu\n", total);
}

static int setup(void)
{
    char err[256];
    log_set_level(LL_ERROR + 1); /* quiet: MHD complains about every bad request */
    if (uv_loop_init(&loop) != 0 ||
        http_server_start(&srv, &loop, "127.0.0.1", 0, NULL, err, sizeof err) != 0)
        return -1;
    port = http_server_port(srv);
    http_server_route(srv, "POST", "/sms/*", handler, NULL);
    http_server_route(srv, "GET", "/sms/*", handler, NULL);
    http_server_route(srv, "GET", "/healthz", handler, NULL);
    http_server_route(srv, "POST", "/sms/kannel/status", handler, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready = -1;
    if (ready < 0)
        ready = setup() == 0;
    if (!ready)
        return 0;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return 0;
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sin, sizeof sin) != 0 && errno != EINPROGRESS) {
        close(fd);
        return 0;
    }
    size_t sent = 0;
    int wr_closed = 0;
    char buf[4096];
    /* Drive the loop and the client in turns until the server hangs up
     * (bounded: a request it is still waiting on is abandoned). */
    for (int i = 0; i < 2000; i++) {
        uv_run(&loop, UV_RUN_NOWAIT);
        if (sent < size) {
            ssize_t n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
            if (n > 0)
                sent += (size_t)n;
            else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                break;
        } else if (!wr_closed) {
            shutdown(fd, SHUT_WR);
            wr_closed = 1;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 0) > 0) {
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
                break;
        } else {
            usleep(50);
        }
    }
    close(fd);
    /* Let the server see the close and free the connection. */
    for (int i = 0; i < 4; i++)
        uv_run(&loop, UV_RUN_NOWAIT);
    return 0;
}
