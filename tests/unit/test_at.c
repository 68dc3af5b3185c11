/* SPDX-License-Identifier: Apache-2.0 */
/* test_at.c: the incremental AT response parser and the CMS/CME texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "modem/at.h"

struct seen {
    int n;
    enum at_kind kind[32];
    int code[32], index[32], tpdu[32];
    char line[32][64], pdu[32][128], mem[32][8];
};

static void collect(void *arg, const struct at_event *e)
{
    struct seen *s = arg;
    if (s->n >= 32)
        return;
    s->kind[s->n] = e->kind;
    s->code[s->n] = e->code;
    s->index[s->n] = e->index;
    s->tpdu[s->n] = e->tpdu_len;
    snprintf(s->line[s->n], sizeof s->line[0], "%s", e->line);
    snprintf(s->pdu[s->n], sizeof s->pdu[0], "%.*s", (int)e->pdu_len, e->pdu ? e->pdu : "");
    snprintf(s->mem[s->n], sizeof s->mem[0], "%s", e->mem);
    s->n++;
}

/* Feeds text one byte at a time and all at once: the events must match. */
static void feed_both(const char *text, struct seen *out)
{
    struct at_parser p;
    struct seen whole;
    memset(out, 0, sizeof *out);
    memset(&whole, 0, sizeof whole);
    at_parser_init(&p);
    for (size_t i = 0; text[i]; i++)
        at_parser_feed(&p, text + i, 1, collect, out);
    at_parser_init(&p);
    at_parser_feed(&p, text, strlen(text), collect, &whole);
    assert_int_equal(out->n, whole.n);
    for (int i = 0; i < out->n; i++) {
        assert_int_equal(out->kind[i], whole.kind[i]);
        assert_string_equal(out->line[i], whole.line[i]);
    }
}

static void test_final_codes(void **state)
{
    struct seen s;
    (void)state;
    feed_both("AT\r\r\nOK\r\n\r\nERROR\r\n\r\n+CMS ERROR: 331\r\n\r\n+CME ERROR: 11\r\n"
              "\r\nNO CARRIER\r\n\r\n+CMS ERROR: SIM busy\r\n", &s);
    assert_int_equal(s.n, 7);
    assert_int_equal(s.kind[0], AT_LINE); /* the echo of "AT" */
    assert_string_equal(s.line[0], "AT");
    assert_int_equal(s.kind[1], AT_OK);
    assert_int_equal(s.kind[2], AT_ERROR);
    assert_int_equal(s.kind[3], AT_CMS_ERROR);
    assert_int_equal(s.code[3], 331);
    assert_int_equal(s.kind[4], AT_CME_ERROR);
    assert_int_equal(s.code[4], 11);
    assert_int_equal(s.kind[5], AT_ERROR);
    assert_int_equal(s.kind[6], AT_CMS_ERROR); /* verbose mode: no number */
    assert_int_equal(s.code[6], -1);
}

static void test_prompt_and_send(void **state)
{
    struct seen s;
    (void)state;
    feed_both("\r\n> ", &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.kind[0], AT_PROMPT);
    feed_both("\r\n> \r\n+CMGS: 17\r\n\r\nOK\r\n", &s);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.kind[0], AT_PROMPT);
    assert_int_equal(s.kind[1], AT_LINE);
    assert_string_equal(s.line[1], "+CMGS: 17");
    assert_int_equal(s.kind[2], AT_OK);
}

static void test_unsolicited(void **state)
{
    struct seen s;
    (void)state;
    feed_both("\r\n+CMTI: \"SM\",3\r\n\r\n+CDSI: \"SR\",12\r\n"
              "\r\n+CDS: 25\r\n00062A0B916407281553F8\r\n"
              "\r\n+CMT: \"\",23\r\n0011AB\r\n\r\n+CMTI: \"SM\"\r\n", &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.kind[0], AT_CMTI);
    assert_string_equal(s.mem[0], "SM");
    assert_int_equal(s.index[0], 3);
    assert_int_equal(s.kind[1], AT_CDSI);
    assert_string_equal(s.mem[1], "SR");
    assert_int_equal(s.index[1], 12);
    assert_int_equal(s.kind[2], AT_CDS);
    assert_int_equal(s.tpdu[2], 25);
    assert_string_equal(s.pdu[2], "00062A0B916407281553F8");
    assert_int_equal(s.kind[3], AT_CMT);
    assert_int_equal(s.tpdu[3], 23);
    assert_string_equal(s.pdu[3], "0011AB");
    assert_int_equal(s.kind[4], AT_LINE); /* a +CMTI without an index is not one */
}

static void test_read_response(void **state)
{
    struct seen s;
    (void)state;
    feed_both("\r\n+CMGL: 1,0,,23\r\n07917283010010F5040BC8\r\n+CMGL: 2,1,,5\r\nAABB\r\n\r\nOK\r\n",
              &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.kind[0], AT_LINE);
    assert_string_equal(s.line[1], "07917283010010F5040BC8");
    assert_int_equal(s.kind[4], AT_OK);
}

static void test_too_long(void **state)
{
    struct at_parser p;
    struct seen s;
    char big[AT_LINE_MAX + 100];
    (void)state;
    memset(&s, 0, sizeof s);
    memset(big, 'A', sizeof big);
    at_parser_init(&p);
    at_parser_feed(&p, big, sizeof big, collect, &s);
    at_parser_feed(&p, "\r\nOK\r\n", 6, collect, &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.kind[0], AT_TOO_LONG);
    assert_int_equal(s.kind[1], AT_OK); /* and the parser is back in step */
}

static void test_cpms(void **state)
{
    char mem[8];
    int used = -1, total = -1;
    (void)state;
    assert_int_equal(at_parse_cpms("+CPMS: \"SM\",3,30,\"ME\",0,100,\"SM\",30,30", mem, &used,
                                   &total), 0);
    assert_string_equal(mem, "SM"); /* mem3: where received texts go */
    assert_int_equal(used, 30);
    assert_int_equal(total, 30);
    assert_int_equal(at_parse_cpms("+CPMS: \"ME\",5,50", mem, &used, &total), 0);
    assert_string_equal(mem, "ME");
    assert_int_equal(used, 5);
    assert_int_equal(total, 50);
    assert_int_equal(at_parse_cpms("+CPMS: (\"SM\",\"ME\"),(\"SM\")", mem, &used, &total), -1);
    assert_int_equal(at_parse_cpms("+CPMS: \"SM\",x,30", mem, &used, &total), -1);
    assert_int_equal(at_parse_cpms("+CPMS: \"SM\",3", mem, &used, &total), -1);
    assert_int_equal(at_parse_cpms("+CMGL: 1,0,,23", mem, &used, &total), -1);
}

static void test_texts(void **state)
{
    (void)state;
    assert_string_equal(at_cms_text(42), "congestion");
    assert_string_equal(at_cms_text(330), "SMSC address unknown");
    assert_string_equal(at_cms_text(321), "invalid memory index");
    assert_string_equal(at_cms_text(60), "network (RP) cause, unspecified");
    assert_string_equal(at_cms_text(600), "manufacturer-specific error");
    assert_string_equal(at_cme_text(11), "SIM PIN required");
    assert_string_equal(at_cme_text(16), "incorrect password");
    assert_string_equal(at_cme_text(999), "unknown error");
    assert_true(at_cms_permanent(1));
    assert_true(at_cms_permanent(304));
    assert_true(at_cms_permanent(196));
    assert_false(at_cms_permanent(42));
    assert_false(at_cms_permanent(331));
    assert_false(at_cms_permanent(500));
    assert_false(at_cms_permanent(-1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_final_codes),    cmocka_unit_test(test_prompt_and_send),
        cmocka_unit_test(test_unsolicited),    cmocka_unit_test(test_read_response),
        cmocka_unit_test(test_too_long),       cmocka_unit_test(test_texts),
        cmocka_unit_test(test_cpms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
