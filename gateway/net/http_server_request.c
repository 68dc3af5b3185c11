/* SPDX-License-Identifier: Apache-2.0 */
/* http_server_request.c: reading one request: the framing check on its
 * headers (a body whose end another server could see elsewhere is refused
 * before it is read), the body copied up to HTTP_BODY_MAX, the form fields
 * decoded, and the accessors a handler reads them with. Its own file
 * because parsing what a client sent is where hostile input is met first,
 * apart from deciding who answers it (http_server_route.c). See
 * http_server.c for the design. */
#include "net/http_server_internal.h"

void http_server_req_free(struct req *rq)
{
    if (!rq) return;
    free(rq->answer.body);
    free(rq->body);
    free(rq->form);
    free(rq->pairs);
    free(rq);
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
unsigned int http_server_framing_error(struct MHD_Connection *conn, const char **why)
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

int http_server_is_form(struct MHD_Connection *conn)
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
int http_server_parse_form(struct req *rq)
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
int http_server_take_chunk(struct req *rq, const char *data, size_t len)
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
