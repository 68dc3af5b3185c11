/* SPDX-License-Identifier: Apache-2.0 */
/* test_http_server.c: the HTTP listener against real sockets on 127.0.0.1.
 *
 * Each test runs a private uv loop in the test thread (the server's thread)
 * and a client in a second pthread that writes raw HTTP/1.1 and reads the
 * raw answer. The client records what it saw and stops the loop with
 * uv_async_send; assertions run in the test thread afterwards (cmocka's
 * asserts must not run on another thread). Client sockets carry a receive
 * timeout only so a broken server fails a test instead of hanging it. */
#include "http_harness.h"

/* --- tests -------------------------------------------------------------- */

static void test_get_route(void **state)
{
    struct env *e = *state;
    struct rec r = {.reply = "hello there"};
    assert_int_equal(http_server_route(e->s, "GET", "/hello", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    run_client(e, seq_fn, q);
    char v[128];
    assert_int_equal(q->rep[0].status, 200);
    assert_string_equal(reply_body(&q->rep[0]), "hello there");
    assert_non_null(reply_header(&q->rep[0], "Content-Type", v, sizeof v));
    assert_string_equal(v, "text/plain; charset=utf-8");
    assert_int_equal(r.calls, 1);
    assert_string_equal(r.method, "GET");
    assert_string_equal(r.path, "/hello");
    assert_int_equal(r.body_len, 0);
    assert_string_equal(r.body, "");
    rec_free(&r);
    free(q);
}

static void test_post_form_fields_decoded(void **state)
{
    struct env *e = *state;
    struct rec r = {
        .arg_names = {"name", "empty", "plus", "flag", "dup", "sp", "", "missing", "bad"}};
    assert_int_equal(http_server_route(e->s, "POST", "/form", handler, &r), 0);
    const char *body = "name=Jos%C3%A9+Garc%C3%ADa&empty=&plus=a%2Bb&flag&=nokey&dup=first"
                       "&dup=second&sp=a+b+%20c&&bad=%ZZ%4";
    char req[1024];
    snprintf(req, sizeof req,
             "POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
             "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
             "Content-Length: %zu\r\n\r\n%s",
             strlen(body), body);
    struct seq *q = seq_new();
    q->req[0] = req;
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 200);
    assert_int_equal(r.calls, 1);
    /* The raw body is untouched (signature checks need it). */
    assert_string_equal(r.body, body);
    assert_int_equal(r.body_len, strlen(body));
    assert_string_equal(r.args[0], "Jos\xC3\xA9 Garc\xC3\xAD"
                                   "a");
    assert_false(r.arg_null[1]);
    assert_string_equal(r.args[1], "");
    assert_string_equal(r.args[2], "a+b");
    assert_false(r.arg_null[3]);
    assert_string_equal(r.args[3], "");
    assert_string_equal(r.args[4], "first");
    assert_string_equal(r.args[5], "a b  c");
    assert_true(r.arg_null[6]); /* the empty name is never a field */
    assert_true(r.arg_null[7]);
    assert_false(r.arg_null[8]); /* bad escapes stay as sent */
    assert_string_equal(r.args[8], "%ZZ%4");
    rec_free(&r);
    free(q);
}

static void test_post_other_content_type_is_not_a_form(void **state)
{
    struct env *e = *state;
    struct rec r = {.arg_names = {"a"}};
    assert_int_equal(http_server_route(e->s, "POST", "/json", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "POST /json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                "Content-Type: application/json\r\nContent-Length: 3\r\n\r\na=1";
    /* A look-alike media type must not be parsed as a form either. */
    q->req[1] = "POST /json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                "Content-Type: application/x-www-form-urlencodedX\r\nContent-Length: 3\r\n\r\na=1";
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 200);
    assert_int_equal(q->rep[1].status, 200);
    assert_int_equal(r.calls, 2);
    assert_true(r.arg_null[0]);
    assert_string_equal(r.body, "a=1");
    rec_free(&r);
    free(q);
}

static void test_query_args(void **state)
{
    struct env *e = *state;
    struct rec r = {.arg_names = {"a", "b", "c", "d", "e", "z", "src"}};
    assert_int_equal(http_server_route(e->s, "GET", "/q", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "GET /q?a=1&b=hello+world&c=%C3%A9&d=&a=2&e HTTP/1.1\r\nHost: x\r\n"
                "Connection: close\r\n\r\n";
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 200);
    assert_int_equal(r.calls, 1);
    assert_string_equal(r.path, "/q"); /* without the query string */
    assert_string_equal(r.args[0], "1");
    assert_string_equal(r.args[1], "hello world");
    assert_string_equal(r.args[2], "\xC3\xA9");
    assert_false(r.arg_null[3]);
    assert_string_equal(r.args[3], "");
    assert_false(r.arg_null[4]);
    assert_string_equal(r.args[4], "");
    assert_true(r.arg_null[5]);
    assert_true(r.arg_null[6]);
    rec_free(&r);
    free(q);
}

static void test_query_wins_over_form(void **state)
{
    struct env *e = *state;
    struct rec r = {.arg_names = {"src", "only"}};
    assert_int_equal(http_server_route(e->s, "POST", "/q", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "POST /q?src=query HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 18\r\n\r\n"
                "src=form&only=body";
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 200);
    assert_string_equal(r.args[0], "query");
    assert_string_equal(r.args[1], "body");
    rec_free(&r);
    free(q);
}

static void test_header_lookup_case_insensitive(void **state)
{
    struct env *e = *state;
    struct rec r = {.hdr_names = {"x-twilio-signature", "X-TWILIO-SIGNATURE", "X-Missing", "host"}};
    assert_int_equal(http_server_route(e->s, "GET", "/h", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "GET /h HTTP/1.1\r\nHost: example\r\nX-Twilio-Signature: abc+/=\r\n"
                "Connection: close\r\n\r\n";
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 200);
    assert_string_equal(r.hdrs[0], "abc+/=");
    assert_string_equal(r.hdrs[1], "abc+/=");
    assert_true(r.hdr_null[2]);
    assert_string_equal(r.hdrs[3], "example");
    rec_free(&r);
    free(q);
}

static void test_unknown_path_404(void **state)
{
    struct env *e = *state;
    struct rec r = {0};
    assert_int_equal(http_server_route(e->s, "GET", "/hello", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[1] = "GET /hello/more HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[2] = "POST /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                "Content-Length: 5\r\n\r\nhello";
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 404);
    assert_int_equal(q->rep[1].status, 404);
    assert_int_equal(q->rep[2].status, 404);
    assert_int_equal(r.calls, 0);
    free(q);
}

static void test_wrong_method_405_with_allow(void **state)
{
    struct env *e = *state;
    struct rec r = {0};
    assert_int_equal(http_server_route(e->s, "GET", "/healthz", handler, &r), 0);
    assert_int_equal(http_server_route(e->s, "GET", "/both", handler, &r), 0);
    assert_int_equal(http_server_route(e->s, "POST", "/both", handler, &r), 0);
    assert_int_equal(http_server_route(e->s, "POST", "/sms/*", handler, &r), 0);
    struct seq *q = seq_new();
    q->req[0] = "DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[1] = "PUT /both HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    q->req[2] = "GET /sms/twilio HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[3] = "POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                "Content-Length: 4\r\n\r\nbody";
    run_client(e, seq_fn, q);
    char v[128];
    assert_int_equal(q->rep[0].status, 405);
    assert_non_null(reply_header(&q->rep[0], "Allow", v, sizeof v));
    assert_string_equal(v, "GET");
    assert_int_equal(q->rep[1].status, 405);
    assert_non_null(reply_header(&q->rep[1], "Allow", v, sizeof v));
    assert_string_equal(v, "GET, POST");
    assert_int_equal(q->rep[2].status, 405);
    assert_non_null(reply_header(&q->rep[2], "Allow", v, sizeof v));
    assert_string_equal(v, "POST");
    assert_int_equal(q->rep[3].status, 405);
    assert_int_equal(r.calls, 0);
    free(q);
}

/* Builds "POST /in" with a body of n bytes 'x', declared or chunked. */
static void test_prefix_routes(void **state)
{
    struct env *e = *state;
    struct rec sms = {.reply = "sms"}, special = {.reply = "special"}, tw = {.reply = "tw"};
    assert_int_equal(http_server_route(e->s, "POST", "/sms/*", handler, &sms), 0);
    assert_int_equal(http_server_route(e->s, "POST", "/sms/tw/*", handler, &tw), 0);
    assert_int_equal(http_server_route(e->s, "POST", "/sms/special", handler, &special), 0);
    struct seq *q = seq_new();
    const char *tail = " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    char reqs[6][128];
    const char *paths[] = {"/sms/twilio", "/sms/special", "/sms/tw/status",
                           "/sms",        "/sms/",        "/smsx"};
    for (int i = 0; i < 6; i++) {
        snprintf(reqs[i], sizeof reqs[i], "POST %s%s", paths[i], tail);
        q->req[i] = reqs[i];
    }
    run_client(e, seq_fn, q);
    assert_int_equal(q->rep[0].status, 200);
    assert_string_equal(reply_body(&q->rep[0]), "sms");
    assert_int_equal(q->rep[1].status, 200);
    assert_string_equal(reply_body(&q->rep[1]), "special"); /* exact wins */
    assert_int_equal(q->rep[2].status, 200);
    assert_string_equal(reply_body(&q->rep[2]), "tw"); /* longest prefix wins */
    assert_int_equal(q->rep[3].status, 404);
    assert_int_equal(q->rep[4].status, 200);
    assert_string_equal(reply_body(&q->rep[4]), "sms");
    assert_int_equal(q->rep[5].status, 404);
    assert_int_equal(sms.calls, 2);
    assert_int_equal(special.calls, 1);
    assert_int_equal(tw.calls, 1);
    assert_string_equal(tw.path, "/sms/tw/status");
    rec_free(&sms);
    rec_free(&special);
    rec_free(&tw);
    free(q);
}

static void test_port_zero_gets_real_port(void **state)
{
    struct env *e = *state;
    assert_true(e->port > 0 && e->port <= 65535);
    /* Something really listens there. */
    int fd = tcp_connect(e->port);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(http_server_port(NULL), -1);
}

static void test_handler_response_defaults_and_checks(void **state)
{
    struct env *e = *state;
    struct rec dflt = {.leave_default = 1};
    struct rec json = {.ctype = "application/json", .reply = "{\"ok\":true}", .status = 202};
    struct rec badstatus = {.status = 42, .reply = "x"};
    struct rec badctype = {.ctype = "text/plain\r\nX-Evil: 1", .reply = "x"};
    assert_int_equal(http_server_route(e->s, "GET", "/default", handler, &dflt), 0);
    assert_int_equal(http_server_route(e->s, "GET", "/json", handler, &json), 0);
    assert_int_equal(http_server_route(e->s, "GET", "/badstatus", handler, &badstatus), 0);
    assert_int_equal(http_server_route(e->s, "GET", "/badctype", handler, &badctype), 0);
    struct seq *q = seq_new();
    q->req[0] = "GET /default HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[1] = "GET /json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[2] = "GET /badstatus HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    q->req[3] = "GET /badctype HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    run_client(e, seq_fn, q);
    char v[128];
    assert_int_equal(q->rep[0].status, 200);
    assert_string_equal(reply_body(&q->rep[0]), "");
    assert_non_null(reply_header(&q->rep[0], "Content-Length", v, sizeof v));
    assert_string_equal(v, "0");
    assert_non_null(reply_header(&q->rep[0], "Content-Type", v, sizeof v));
    assert_string_equal(v, "text/plain; charset=utf-8");
    assert_int_equal(q->rep[1].status, 202);
    assert_non_null(reply_header(&q->rep[1], "Content-Type", v, sizeof v));
    assert_string_equal(v, "application/json");
    assert_string_equal(reply_body(&q->rep[1]), "{\"ok\":true}");
    assert_int_equal(q->rep[2].status, 500);
    assert_int_equal(q->rep[3].status, 500);
    assert_null(reply_header(&q->rep[3], "X-Evil", v, sizeof v));
    assert_int_equal(badctype.calls, 1);
    rec_free(&dflt);
    rec_free(&json);
    rec_free(&badstatus);
    rec_free(&badctype);
    free(q);
}

static void test_port_in_use_fails_clearly(void **state)
{
    struct env *e = *state;
    struct http_server *s2 = (struct http_server *)&s2; /* must be reset */
    char err[256] = "";
    assert_int_equal(
        http_server_start(&s2, &e->loop, "127.0.0.1", e->port, NULL, err, sizeof err), -1);
    assert_null(s2);
    char want[64];
    snprintf(want, sizeof want, "http: cannot listen on 127.0.0.1:%d: ", e->port);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "Address already in use"));
    /* The first server is still fine (teardown closes it normally). */
    int fd = tcp_connect(e->port);
    assert_true(fd >= 0);
    close(fd);
}

static void test_start_bad_args(void **state)
{
    struct env *e = *state;
    struct http_server *s = NULL;
    char err[256];
    const char *bad_addrs[] = {"localhost", "::1", "", "127.0.0.1 ", "256.1.1.1", "1.2.3"};
    for (size_t i = 0; i < sizeof bad_addrs / sizeof *bad_addrs; i++) {
        err[0] = '\0';
        assert_int_equal(
            http_server_start(&s, &e->loop, bad_addrs[i], 0, NULL, err, sizeof err), -1);
        assert_null(s);
        assert_non_null(strstr(err, "not a numeric IPv4 address"));
    }
    assert_int_equal(http_server_start(&s, &e->loop, "127.0.0.1", -1, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "out of range"));
    assert_int_equal(
        http_server_start(&s, &e->loop, "127.0.0.1", 65536, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "out of range"));
    assert_int_equal(http_server_start(&s, NULL, "127.0.0.1", 0, NULL, err, sizeof err), -1);
    assert_int_equal(http_server_start(&s, &e->loop, NULL, 0, NULL, err, sizeof err), -1);
    assert_int_equal(
        http_server_start(NULL, &e->loop, "127.0.0.1", 0, NULL, err, sizeof err), -1);
    /* No error buffer: still refused, no crash. */
    assert_int_equal(http_server_start(&s, &e->loop, "nope", 0, NULL, NULL, 0), -1);
    /* Truncated error buffer stays terminated. */
    char tiny[8];
    assert_int_equal(http_server_start(&s, &e->loop, "nope", 0, NULL, tiny, sizeof tiny), -1);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void test_route_bad_args(void **state)
{
    struct env *e = *state;
    struct rec r = {0};
    assert_int_equal(http_server_route(NULL, "GET", "/a", handler, &r), -1);
    assert_int_equal(http_server_route(e->s, NULL, "/a", handler, &r), -1);
    assert_int_equal(http_server_route(e->s, "", "/a", handler, &r), -1);
    assert_int_equal(http_server_route(e->s, "GET", NULL, handler, &r), -1);
    assert_int_equal(http_server_route(e->s, "GET", "", handler, &r), -1);
    assert_int_equal(http_server_route(e->s, "GET", "a", handler, &r), -1);
    assert_int_equal(http_server_route(e->s, "GET", "/a", NULL, &r), -1);
    assert_int_equal(http_server_route(e->s, "AVERYLONGMETHODNAME", "/a", handler, &r), -1);
    char longpath[1024];
    longpath[0] = '/';
    memset(longpath + 1, 'p', sizeof longpath - 2);
    longpath[sizeof longpath - 1] = '\0';
    assert_int_equal(http_server_route(e->s, "GET", longpath, handler, &r), -1);
    /* The table fills up and then says so. */
    int added = 0, rc = 0;
    while (added < 10000 && (rc = http_server_route(e->s, "GET", "/fill", handler, &r)) == 0)
        added++;
    assert_int_equal(rc, -1);
    assert_true(added > 8);
}

static void test_response_printf_and_accessors_alone(void **state)
{
    (void)state;
    struct http_response resp;
    memset(&resp, 0, sizeof resp);
    http_response_printf(&resp, 503, NULL, "first %d", 1);
    assert_int_equal(resp.status, 503);
    assert_string_equal(resp.content_type, "text/plain; charset=utf-8");
    assert_string_equal(resp.body, "first 1");
    assert_int_equal(resp.body_len, 7);
    /* A second call replaces the first body (ASan would see a leak). */
    http_response_printf(&resp, 200, "application/json", "{\"n\":%d}", 2);
    assert_int_equal(resp.status, 200);
    assert_string_equal(resp.content_type, "application/json");
    assert_string_equal(resp.body, "{\"n\":2}");
    assert_int_equal(resp.body_len, 7);
    /* An over-long content type is cut, never overflowed. */
    char ct[200];
    memset(ct, 'c', sizeof ct - 1);
    ct[sizeof ct - 1] = '\0';
    http_response_printf(&resp, 200, ct, "%s", "");
    assert_int_equal(strlen(resp.content_type), sizeof resp.content_type - 1);
    assert_int_equal(resp.body_len, 0);
    free(resp.body);

    /* A request not made by the server has nothing to look up. */
    struct http_request req = {.method = "GET", .path = "/", .body = "", .impl = NULL};
    assert_null(http_request_arg(&req, "a"));
    assert_null(http_request_header(&req, "Host"));
    assert_null(http_request_arg(NULL, "a"));
    assert_null(http_request_header(NULL, "Host"));
}

int main(void)
{
    /* The server logs on purpose in several tests; keep the output short. */
    log_set_level(LL_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_get_route, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_form_fields_decoded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_other_content_type_is_not_a_form, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_query_args, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_wins_over_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_lookup_case_insensitive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_path_404, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_method_405_with_allow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefix_routes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_port_zero_gets_real_port, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handler_response_defaults_and_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_port_in_use_fails_clearly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_bad_args, setup, teardown),
        cmocka_unit_test_setup_teardown(test_route_bad_args, setup, teardown),
        cmocka_unit_test(test_response_printf_and_accessors_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
