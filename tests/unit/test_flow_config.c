/* SPDX-License-Identifier: Apache-2.0 */
/* test_flow_config: the flows = ( ... ) section of the config (issue 19):
 * a good one read back into the model's struct flow, a schedule naming a
 * flow or a built-in instrument, and each bad case refused with its
 * message at its file:line (one error each). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/config.h"
#include "config/config_flows.h"
#include "model/flow.h"
#include "model/instrument.h"
#include "testconf.h"
#include "testdir.h"

static char tmpdir[] = "/tmp/test_flow_config.XXXXXX";

#define HEAD                                                                               \
    "program = { name = \"P\"; contact = \"C\"; };\n"                                     \
    "providers = ( { name = \"spool\"; kind = \"spool\"; dir = \"d\"; } );\n"             \
    "specialists = ( { id = \"jo\"; phone = \"+15555550100\"; } );\n"                      \
    "templates = { en = { checkin = \"c\"; retry = \"r\"; crisis = \"call or text 988\";\n" \
    "  alert = \"a {escalation}\"; stop = \"s\"; start = \"st\"; help = \"h\"; }; };\n"
#define SCHED "schedules = ( { name = \"daily\"; times = [ \"09:00\" ]; } );\n"
#define MOOD "{ id = \"mood\"; type = \"scale\"; min = 1; max = 10; text = \"Mood 1-10?\"; }"

/* Writes HEAD + body into a file; returns its path (static). */
static const char *write_conf(const char *body)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s\n", HEAD, body);
    return write_test_conf(tmpdir, "c.conf", text);
}

/* Loads HEAD + body, which must fail with exactly one error, on the line
 * marked "#E", containing needle. */
static void expect_error(const char *body, const char *needle)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s\n", HEAD, body);
    expect_conf_error(tmpdir, text, needle);
}

static void test_reads_back(void **state)
{
    (void)state;
    const char *path = write_conf(
        "schedules = ( { name = \"rec\"; times = [ \"09:00\" ]; flow = \"recovery\"; },\n"
        "  { name = \"phq\"; times = [ \"09:00\" ]; flow = \"phq9\"; },\n"
        "  { name = \"daily\"; times = [ \"09:00\" ]; } );\n"
        "flows = ( { name = \"recovery\"; questions = ( " MOOD ",\n"
        "  { id = \"cravings\"; type = \"scale\"; min = 0; max = 10; alert = [ \">= 8 high\","
        " \">= 10 urgent\" ];\n"
        "    text = { en = \"Cravings 0-10?\"; es = \"Antojos 0-10?\"; }; },\n"
        "  { id = \"where\"; type = \"choice\"; choices = [ \"home\", \"work\" ];"
        " ask_if = \"mood + cravings >= 4\"; text = \"Where?\"; jump_to = \"end\";"
        " jump_if = \"where == 1\"; },\n"
        "  { id = \"note\"; type = \"text\"; text = \"Anything else?\"; } ); } );\n");
    struct gw_config *c = NULL;
    struct cfg_errors e;
    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0)
        cfg_errors_print(&e, stderr);
    assert_non_null(c);
    assert_int_equal(c->nflows, 1);
    const struct flow *f = &c->flows[0].f;
    assert_string_equal(f->name, "recovery");
    assert_int_equal(f->n, 4);
    assert_int_equal(c->flows[0].line, 9);
    assert_int_equal(f->q[1].nalerts, 2);
    assert_int_equal(f->q[1].alerts[1].sev, SEV_URGENT);
    assert_int_equal(f->q[1].alerts[0].op, FLOW_OP_GE);
    assert_string_equal(f->q[1].text[1], "Antojos 0-10?");
    assert_null(f->q[0].text[1]);
    assert_int_equal(f->q[2].type, FLOW_CHOICE);
    assert_int_equal(f->q[2].nchoices, 2);
    assert_int_equal(f->q[2].ask_if.nterms, 2);
    assert_string_equal(f->q[2].ask_if.terms[1], "cravings");
    assert_int_equal(f->q[2].ask_if.value, 4);
    assert_string_equal(f->q[2].jump_to, "end");
    assert_int_equal(f->q[3].type, FLOW_TEXT);

    const struct gw_schedule *s = gw_config_schedule(c, "rec");
    assert_ptr_equal(s->flow, f);
    assert_int_equal(s->instrument, -1);
    s = gw_config_schedule(c, "phq");
    assert_ptr_equal(s->flow, instrument_flow(INSTR_PHQ9));
    assert_int_equal(s->instrument, INSTR_PHQ9);
    assert_string_equal(s->flow_name, "phq9");
    s = gw_config_schedule(c, "daily");
    assert_null(s->flow);
    assert_int_equal(s->instrument, -1);
    gw_config_free(c);
    cfg_errors_free(&e);
}

static void test_err_unknown_type(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = (\n"
                 "  { id = \"a\"; type = \"slider\"; text = \"A?\"; } ); } );  #E",
                 "flow \"f\" questions[0].type \"slider\" must be scale, yesno, number, choice or text");
}

static void test_err_bad_condition(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = ( " MOOD ",\n"
                 "  { id = \"b\"; type = \"yesno\"; text = \"B?\"; ask_if = \"mood is high\"; }"
                 " ); } );  #E",
                 "ask_if \"mood is high\" must read ID [+ ID ...] OP NUMBER");
}

static void test_err_bad_alert(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = (\n"
                 "  { id = \"a\"; type = \"scale\"; min = 0; max = 10; text = \"A?\";"
                 " alert = \">= 8 loud\"; } ); } );  #E",
                 "alert \">= 8 loud\" must read OP NUMBER SEVERITY");
}

static void test_err_alert_outside_range(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = (\n"
                 "  { id = \"a\"; type = \"scale\"; min = 0; max = 10; text = \"A?\";"
                 " alert = \">= 11 high\"; } ); } );  #E",
                 "flow \"f\": question 'a': alert rule 1 compares with 11, outside 0-10");
}

static void test_err_unknown_question_in_condition(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = ( " MOOD ",\n"
                 "  { id = \"b\"; type = \"yesno\"; text = \"B?\"; ask_if = \"mod >= 3\"; }"
                 " ); } );  #E",
                 "question 'b': ask_if names unknown question 'mod'");
}

static void test_err_cycle(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = ( " MOOD ",\n"
                 "  { id = \"b\"; type = \"yesno\"; text = \"B?\"; jump_to = \"mood\"; }"
                 " ); } );  #E",
                 "question 'b': going on to 'mood' makes a cycle");
}

static void test_err_unreachable(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = (\n"
                 "  { id = \"a\"; type = \"yesno\"; text = \"A?\"; jump_to = \"end\"; },\n"
                 "  { id = \"b\"; type = \"yesno\"; text = \"B?\"; } ); } );  #E",
                 "question 'b' is unreachable");
}

static void test_err_no_english_text(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = (\n"
                 "  { id = \"a\"; type = \"yesno\"; text = { es = \"A?\"; }; } ); } );  #E",
                 "question 'a': no English text");
}

static void test_err_unknown_key(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = (\n"
                 "  { id = \"a\"; type = \"yesno\"; text = \"A?\"; skip = true; } ); } );  #E",
                 "skip");
}

static void test_err_instrument_name(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"phq9\";  #E\n questions = ( " MOOD " ); } );",
                 "flows[0].name \"phq9\" is a built-in instrument's name");
}

static void test_err_duplicate_flow(void **state)
{
    (void)state;
    expect_error(SCHED "flows = ( { name = \"f\"; questions = ( " MOOD " ); },\n"
                 "  { name = \"f\";  #E\n questions = ( " MOOD " ); } );",
                 "flows[1].name: duplicate flow name \"f\" (line 7)");
}

static void test_err_unknown_flow_on_schedule(void **state)
{
    (void)state;
    expect_error("schedules = ( { name = \"daily\"; times = [ \"09:00\" ];\n"
                 "  flow = \"recovry\"; } );  #E",
                 "schedules[0].flow \"recovry\" is neither a flow in flows = ( ... ) nor a"
                 " built-in instrument (phq9, gad7, cssrs)");
}

static void test_err_flow_on_caring(void **state)
{
    (void)state;
    expect_error("schedules = ( { name = \"c\"; kind = \"caring\";"
                 " texts = ( { en = \"Thinking of you\"; } );\n"
                 "  flow = \"phq9\"; } );  #E",
                 "schedules[0].flow does not apply to kind = \"caring\"");
}

/* A text of n copies of word (UTF-8), into out. */
static const char *repeat(char *out, size_t outsz, const char *word, int n)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        strncat(out, word, outsz - strlen(out) - 1);
    return out;
}

/* A flow of one question whose text setting is fmt (with %s for n copies
 * of word, on the line marked #E) must be refused with needle. */
static void expect_text_error(const char *fmt, const char *word, int n, const char *needle)
{
    char text[400], textset[600], body[1024];
    snprintf(textset, sizeof textset, fmt, repeat(text, sizeof text, word, n));
    snprintf(body, sizeof body, SCHED "flows = ( { name = \"f\"; questions = (\n"
             "  { id = \"a\"; type = \"yesno\";\n %s } ); } );  #E", textset);
    expect_error(body, needle);
}

/* A question's text over the client-text budget (CLIENT_TEXT_MAX_SEGMENTS,
 * 2 segments: 306 GSM-7 characters, 134 UCS-2) is refused at its line. */
static void test_err_text_too_long_en(void **state)
{
    (void)state;
    expect_text_error("text = \"%s\";", "abcdefghij", 31,
                      "flow \"f\" questions[0].text is 3 SMS segments (plain; at most 2):"
                      " shorten it");
}

static void test_err_text_too_long_es(void **state)
{
    (void)state;
    expect_text_error("text = { en = \"A?\"; es = \"%s\"; };", "abcdefghij", 31,
                      "flow \"f\" questions[0].text.es is 3 SMS segments (plain; at most 2)");
}

/* 140 characters, one outside GSM-7 (o with an accent): 140 would be one
 * plain segment, but it goes as UCS-2, three segments of 67. */
static void test_err_text_too_long_ucs2(void **state)
{
    (void)state;
    expect_text_error("text = { en = \"A?\"; es = \"Como est\xc3\xb3 %s\"; };", "abcdefghij",
                      13, "flow \"f\" questions[0].text.es is 3 SMS segments (Unicode; at most 2)");
}

/* Two segments fit, in either coding. */
static void test_text_two_segments_fit(void **state)
{
    (void)state;
    char text[400], body[1024];
    snprintf(body, sizeof body, SCHED "flows = ( { name = \"f\"; questions = (\n"
             "  { id = \"a\"; type = \"yesno\"; text = { en = \"%s\"; es = \"\xc3\xb3\"; }; }"
             " ); } );", repeat(text, sizeof text, "abcdefghij", 30));
    struct gw_config *c = NULL;
    struct cfg_errors e;
    cfg_errors_init(&e);
    if (gw_config_load(&c, write_conf(body), &e) != 0)
        cfg_errors_print(&e, stderr);
    assert_non_null(c);
    assert_int_equal(strlen(c->flows[0].f.q[0].text[0]), 300);
    gw_config_free(c);
    cfg_errors_free(&e);
}

/* instruments = { ... }: the operator's texts replace an instrument's per
 * language and question; everything else stays the instrument's. */
static void test_instrument_texts_from_config(void **state)
{
    (void)state;
    const char *path = write_conf(
        "schedules = ( { name = \"c\"; times = [ \"09:00\" ]; flow = \"cssrs\"; },\n"
        "  { name = \"p\"; times = [ \"09:00\" ]; flow = \"phq9\"; } );\n"
        "instruments = { cssrs = { es = { c1 = \"Texto oficial 1? SI o NO\";\n"
        "  c6_recent = \"Texto oficial 7? SI o NO\"; }; }; };\n");
    struct gw_config *c = NULL;
    struct cfg_errors e;
    cfg_errors_init(&e);
    if (gw_config_load(&c, path, &e) != 0)
        cfg_errors_print(&e, stderr);
    assert_non_null(c);
    const struct flow *built = instrument_flow(INSTR_CSSRS);
    const struct gw_schedule *s = gw_config_schedule(c, "c");
    assert_int_equal(s->instrument, INSTR_CSSRS);
    assert_ptr_not_equal(s->flow, built);
    assert_string_equal(s->flow->name, "cssrs");
    assert_int_equal(s->flow->n, built->n);
    assert_string_equal(s->flow->q[0].text[1], "Texto oficial 1? SI o NO");
    assert_string_equal(s->flow->q[built->n - 1].text[1], "Texto oficial 7? SI o NO");
    assert_ptr_equal(s->flow->q[0].text[0], built->q[0].text[0]); /* English as built */
    assert_ptr_equal(s->flow->q[1].text[1], built->q[1].text[1]); /* c2 not set */
    for (int i = 0; i < built->n; i++) { /* questions, conditions, answers unchanged */
        assert_string_equal(s->flow->q[i].id, built->q[i].id);
        assert_int_equal(s->flow->q[i].type, built->q[i].type);
        assert_int_equal(s->flow->q[i].ask_if.nterms, built->q[i].ask_if.nterms);
        assert_int_equal(s->flow->q[i].nalerts, built->q[i].nalerts);
    }
    /* An instrument the section leaves out is the built one. */
    assert_ptr_equal(gw_config_schedule(c, "p")->flow, instrument_flow(INSTR_PHQ9));
    gw_config_free(c);
    cfg_errors_free(&e);
}

static void test_err_instrument_texts(void **state)
{
    (void)state;
    expect_error(SCHED "instruments = { phq10 = { es = { phq1 = \"x\"; }; }; };  #E",
                 "instruments.phq10: not a built-in instrument (phq9, gad7 or cssrs)");
    expect_error(SCHED "instruments = { cssrs = { es = { c7 = \"x\"; }; }; };  #E",
                 "instruments.cssrs.es.c7: cssrs has no question \"c7\" (its questions: c1, c2,"
                 " c3, c4, c5, c6, c6_recent)");
    expect_error(SCHED "instruments = { gad7 = { es = { gad1 = 3; }; }; };  #E",
                 "instruments.gad7.es.gad1 must be a non-empty string");
    expect_error(SCHED "instruments = { gad7 = { es = { gad1 = \"\"; }; }; };  #E",
                 "instruments.gad7.es.gad1 must be a non-empty string");
    expect_error(SCHED "instruments = { gad7 = { fr = { gad1 = \"x\"; }; }; };  #E", "fr");
    expect_error(SCHED "instruments = { gad7 = { es = \"x\"; }; };  #E",
                 "instruments.gad7.es must be a group { ID = \"text\"; ... }");
    expect_error(SCHED "instruments = ( \"cssrs\" );  #E", "instruments must be a group");
    char text[400], body[1024];
    snprintf(body, sizeof body, SCHED "instruments = { cssrs = { es = { c2 = \"%s\"; }; }; };  #E",
             repeat(text, sizeof text, "abcdefghij", 31));
    expect_error(body, "instruments.cssrs.es.c2 is 3 SMS segments (plain; at most 2)");
}

TEST_DIR_GROUP(tmpdir)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_back),
        cmocka_unit_test(test_err_unknown_type),
        cmocka_unit_test(test_err_bad_condition),
        cmocka_unit_test(test_err_bad_alert),
        cmocka_unit_test(test_err_alert_outside_range),
        cmocka_unit_test(test_err_unknown_question_in_condition),
        cmocka_unit_test(test_err_cycle),
        cmocka_unit_test(test_err_unreachable),
        cmocka_unit_test(test_err_no_english_text),
        cmocka_unit_test(test_err_unknown_key),
        cmocka_unit_test(test_err_instrument_name),
        cmocka_unit_test(test_err_duplicate_flow),
        cmocka_unit_test(test_err_unknown_flow_on_schedule),
        cmocka_unit_test(test_err_flow_on_caring),
        cmocka_unit_test(test_err_text_too_long_en),
        cmocka_unit_test(test_err_text_too_long_es),
        cmocka_unit_test(test_err_text_too_long_ucs2),
        cmocka_unit_test(test_text_two_segments_fit),
        cmocka_unit_test(test_instrument_texts_from_config),
        cmocka_unit_test(test_err_instrument_texts),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
