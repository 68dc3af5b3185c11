/* SPDX-License-Identifier: Apache-2.0 */
/* test_kannelproto.c: the kannel provider's pure helpers: the sendsms URL,
 * the dlr-url, sendsms answers, report types, the shared secret and the
 * parsing of what smsbox sends for a received message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kannel/kannelproto.h"

static void test_sendsms_url(void **state)
{
    struct kannel_send s = {
        .sendsms_url = "http://127.0.0.1:13013/cgi-bin/sendsms",
        .username = "checkin",
        .password = "p&ss=w rd",
        .from = "+15555550100",
        .to = "+15555550123",
        .text = "How are you today, 1-10? \xc3\xa9",
        .dlr_mask = 27,
        .dlr_url = "http://127.0.0.1:8780/sms/kannel/status?secret=s&msg=7-1&type=%d&answer=%A",
    };
    char *u;

    (void)state;
    u = kannel_sendsms_url(&s);
    assert_non_null(u);
    assert_string_equal(
        u, "http://127.0.0.1:13013/cgi-bin/sendsms?username=checkin&password=p%26ss%3Dw%20rd"
           "&from=%2B15555550100&to=%2B15555550123"
           "&text=How%20are%20you%20today%2C%201-10%3F%20%C3%A9&charset=UTF-8&coding=0"
           "&dlr-mask=27&dlr-url=http%3A%2F%2F127.0.0.1%3A8780%2Fsms%2Fkannel%2Fstatus%3Fsecret"
           "%3Ds%26msg%3D7-1%26type%3D%25d%26answer%3D%25A");
    free(u);

    /* UCS-2, an smsc, no sender, no reports. */
    s.ucs2 = true;
    s.from = "";
    s.smsc = "modem1";
    s.dlr_mask = 0;
    s.text = "x";
    u = kannel_sendsms_url(&s);
    assert_non_null(u);
    assert_string_equal(u, "http://127.0.0.1:13013/cgi-bin/sendsms?username=checkin"
                           "&password=p%26ss%3Dw%20rd&to=%2B15555550123&text=x&charset=UTF-8"
                           "&coding=2&smsc=modem1");
    free(u);
}

static void test_dlr_url(void **state)
{
    char *u;

    (void)state;
    u = kannel_dlr_url("http://127.0.0.1:8780/sms/k/status", "0123456789abcdef", "42-1a2b");
    assert_non_null(u);
    assert_string_equal(u, "http://127.0.0.1:8780/sms/k/status?secret=0123456789abcdef"
                           "&msg=42-1a2b&type=%d&answer=%A");
    free(u);
    u = kannel_dlr_url("http://gw/status?x=1", "0123456789abcdef", "1");
    assert_non_null(u);
    assert_string_equal(u, "http://gw/status?x=1&secret=0123456789abcdef&msg=1&type=%d&answer=%A");
    free(u);
    /* A '%' or '&' in our own parts would be read by smsbox: refused. */
    assert_null(kannel_dlr_url("http://gw/s", "0123456789abcdef", "1%d"));
    assert_null(kannel_dlr_url("http://gw/s", "0123456789abcde&", "1"));
    assert_null(kannel_dlr_url("http://gw/s", "0123456789abcdef", ""));
}

static void test_send_verdict(void **state)
{
    (void)state;
    assert_int_equal(kannel_send_verdict(202, "0: Accepted for delivery"), KANNEL_SENT);
    assert_int_equal(kannel_send_verdict(200, "Sent."), KANNEL_SENT);
    assert_int_equal(kannel_send_verdict(503, "Temporal failure, try again later."),
                     KANNEL_RETRY);
    assert_int_equal(kannel_send_verdict(500, ""), KANNEL_RETRY);
    assert_int_equal(kannel_send_verdict(429, ""), KANNEL_RETRY);
    assert_int_equal(kannel_send_verdict(0, NULL), KANNEL_RETRY); /* no answer at all */
    assert_int_equal(kannel_send_verdict(403, "Authorization failed for sendsms"), KANNEL_AUTH);
    assert_int_equal(kannel_send_verdict(401, NULL), KANNEL_AUTH);
    assert_int_equal(kannel_send_verdict(403, "Number(s) has/have been denied by white- and/or "
                                              "black-lists."),
                     KANNEL_REJECTED);
    assert_int_equal(kannel_send_verdict(400, "Missing receiver number, rejected"),
                     KANNEL_REJECTED);
    assert_int_equal(kannel_send_verdict(302, ""), KANNEL_RETRY);
}

static void test_dlr_type(void **state)
{
    enum dlr_state st = DLR_SENT;

    (void)state;
    assert_int_equal(kannel_dlr_type("1", &st), 0);
    assert_int_equal(st, DLR_DELIVERED);
    assert_int_equal(kannel_dlr_type("2", &st), 0);
    assert_int_equal(st, DLR_FAILED);
    assert_int_equal(kannel_dlr_type("8", &st), 0);
    assert_int_equal(st, DLR_SENT);
    assert_int_equal(kannel_dlr_type("16", &st), 0);
    assert_int_equal(st, DLR_FAILED);
    assert_int_equal(kannel_dlr_type("4", &st), 1);
    assert_int_equal(kannel_dlr_type("3", &st), -1);
    assert_int_equal(kannel_dlr_type("%d", &st), -1); /* smsbox did not substitute */
    assert_int_equal(kannel_dlr_type("", &st), -1);
    assert_int_equal(kannel_dlr_type(NULL, &st), -1);
    assert_int_equal(kannel_dlr_type("1 ", &st), -1);
    assert_int_equal(kannel_dlr_type("-1", &st), -1);
    assert_int_equal(kannel_dlr_type("99999999999999999999", &st), -1);
}

static void test_secret(void **state)
{
    (void)state;
    assert_true(kannel_secret_valid("0123456789abcdef"));
    assert_true(kannel_secret_valid("A-Z_a.z~0123456789"));
    assert_false(kannel_secret_valid("short"));
    assert_false(kannel_secret_valid("0123456789abcde%"));
    assert_false(kannel_secret_valid("0123456789 abcdef"));
    assert_false(kannel_secret_valid(NULL));
    assert_true(kannel_secret_equal("0123456789abcdef", "0123456789abcdef"));
    assert_false(kannel_secret_equal("0123456789abcdeF", "0123456789abcdef"));
    assert_false(kannel_secret_equal("0123456789abcdef0", "0123456789abcdef"));
    assert_false(kannel_secret_equal("0123456789abcde", "0123456789abcdef"));
    assert_false(kannel_secret_equal("", "0123456789abcdef"));
    assert_false(kannel_secret_equal(NULL, "0123456789abcdef"));
}

#define MO(...) ((struct kannel_mo_args){__VA_ARGS__})

static void test_parse_mo(void **state)
{
    char buf[256], err[KANNEL_ERR_MAX] = "";
    struct kannel_mo m;
    struct kannel_mo_args a;

    (void)state;
    a = MO(.id = "b5e1a1c6-3d2f-4c53-9d0e-1f2a3b4c5d6e", .from = "+15555550123",
           .to = "+15555550100", .text = "pretty rough, 3", .text_len = 15, .coding = "0",
           .charset = "UTF-8", .time = "1790000000");
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_string_equal(m.ext_id, "b5e1a1c6-3d2f-4c53-9d0e-1f2a3b4c5d6e");
    assert_string_equal(m.from, "+15555550123");
    assert_string_equal(m.to, "+15555550100");
    assert_int_equal(m.received_at, 1790000000);
    assert_int_equal(m.text_len, 15);
    assert_string_equal(m.text, "pretty rough, 3");

    /* Without '+' (fakesmsc, many SMSCs): taken as international. A short
     * code as receiver is no E.164 number: "" . */
    a = MO(.id = "1", .from = "15555550123", .to = "1234", .text = "6", .text_len = 1);
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_string_equal(m.from, "+15555550123");
    assert_string_equal(m.to, "");
    assert_int_equal(m.received_at, 0);

    /* UCS-2 as smsbox passes it without mo-recode: %c is 2, no charset. */
    a = MO(.id = "2", .from = "+15555550123", .text = "\x00" "6\x00 \xd8\x3d\xde\x00",
           .text_len = 8, .coding = "2");
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_int_equal(m.text_len, 6);
    assert_memory_equal(m.text, "6 \xf0\x9f\x98\x80", 6);
    a.charset = "UTF-16BE";
    a.coding = "";
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_int_equal(m.text_len, 6);
    a.text_len = 7;
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "odd length"));

    /* Latin-1 and Windows-1252. */
    a = MO(.id = "3", .from = "+15555550123", .text = "caf\xe9 \x80", .text_len = 6,
           .charset = "WINDOWS-1252");
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_string_equal(m.text, "caf\xc3\xa9 \xe2\x82\xac");
    a.charset = "ISO-8859-1";
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_string_equal(m.text, "caf\xc3\xa9 \xc2\x80");
    /* No charset and not UTF-8: Windows-1252, so nothing is lost. */
    a.charset = NULL;
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_string_equal(m.text, "caf\xc3\xa9 \xe2\x82\xac");
    /* Declared UTF-8 but invalid: kept as given. */
    a.charset = "utf-8";
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_int_equal(m.text_len, 6);
    assert_memory_equal(m.text, "caf\xe9 \x80", 6);

    /* An empty or missing text is an empty message. */
    a = MO(.id = "4", .from = "+15555550123");
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    assert_int_equal(m.text_len, 0);
    assert_string_equal(m.text, "");
}

static void test_parse_mo_errors(void **state)
{
    char buf[64], err[KANNEL_ERR_MAX] = "";
    struct kannel_mo m;
    struct kannel_mo_args a;
    char longid[100];

    (void)state;
    a = MO(.from = "+15555550123", .text = "6", .text_len = 1);
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "no message id"));
    a.id = "%I"; /* fine: whatever smsbox gave, as long as it is printable */
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), 0);
    a.id = "a b";
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "printable"));
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    a.id = longid;
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "longer"));

    a.id = "5";
    a.from = "Vodafone"; /* alphanumeric sender: no number to answer */
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "sender"));
    a.from = NULL;
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    a.from = "12345";
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);

    a.from = "+15555550123";
    a.charset = "KOI8-R";
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown charset"));

    /* The buffer must hold the worst case. */
    a.charset = NULL;
    a.text = "0123456789012345678901";
    a.text_len = 22;
    assert_int_equal(kannel_parse_mo(&a, buf, sizeof buf, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "no room"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sendsms_url),   cmocka_unit_test(test_dlr_url),
        cmocka_unit_test(test_send_verdict),  cmocka_unit_test(test_dlr_type),
        cmocka_unit_test(test_secret),        cmocka_unit_test(test_parse_mo),
        cmocka_unit_test(test_parse_mo_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
