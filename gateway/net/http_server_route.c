/* SPDX-License-Identifier: Apache-2.0 */
/* http_server_route.c: routing and answering: the route table, MHD's
 * access handler (headers, body chunks, then the handler), 404 / 405 / 413
 * answered without reading the body, the handler's answer queued, deferred
 * answers (http_defer) resumed, and each request's state freed when MHD is
 * done with it. Its own file because it is the request's path through the
 * server from MHD to a handler and back. See http_server.c for the
 * design. */
#include "net/http_server_internal.h"

void http_server_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
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
        http_server_req_free(rq);
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
    if (http_server_is_form(rq->conn) && rq->body_len > 0 && http_server_parse_form(rq) != 0) {
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

enum MHD_Result http_server_access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
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
        unsigned int bad = http_server_framing_error(conn, &why);
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
        int rc = http_server_take_chunk(rq, upload_data, *upload_data_size);
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
        http_server_req_free(rq);
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
    if (!s->in_run) uv_timer_start(&s->timer, http_server_timer_cb, 0, 0);
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
